/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Logiqx XML dat files (what redump.org publishes): games, each with the
 * roms (files) of one dump and their size, CRC32, MD5 and SHA-1:
 *
 *	<datafile><game name="..."><rom name="X (Track 1).bin" size="..."
 *	 crc="..." md5="..." sha1="..."/>...</game></datafile>
 *
 * (<machine> is read as <game>). Checking a dump finds the game its files
 * belong to and compares each file with the rom of its name, or else with
 * a rom of the same size and hashes.
 */
#ifndef DL_DAT_H
#define DL_DAT_H

#include <stdbool.h>
#include <stdint.h>

#include "hash.h"

struct dl_dat_rom {
	char *name;
	int line;
	bool has_size;
	uint64_t size;
	char crc[9], md5[33], sha1[41];	/* lower case; "" when not given */
};

struct dl_dat_game {
	char *name;
	int line;
	struct dl_dat_rom *roms;
	int nr_roms;
};

struct dl_dat {
	struct dl_dat_game *games;
	int nr_games;
};

/*
 * Parse the dat @path with libxml2 (no network, no entities). 0, or
 * -errno / -EINVAL with "PATH:LINE: reason" in dl_errmsg().
 */
int dl_dat_load(const char *path, struct dl_dat *d);
/* The same on text in memory, @path naming it in messages. */
int dl_dat_parse(const char *path, const char *text, size_t len, struct dl_dat *d);
void dl_dat_free(struct dl_dat *d);

/* A file of a dump. */
struct dl_dat_file {
	const char *name;	/* compared by its base name */
	uint64_t size;
	const struct dl_digests *dig;	/* CRC32, MD5 and SHA-1 at least */
};

enum dl_dat_status {
	DL_DAT_OK,		/* the rom of its name matches */
	DL_DAT_RENAMED,		/* matches a rom of another name */
	DL_DAT_DIFFERS,		/* the rom of its name differs: see @why */
	DL_DAT_UNKNOWN,		/* no rom has its name or its contents */
};

struct dl_dat_result {
	enum dl_dat_status status;
	const struct dl_dat_rom *rom;	/* NULL when unknown */
	char why[256];			/* what differs */
};

/*
 * Find the game of the @n files (the one with the most roms named as them,
 * or else matching their contents) and check each file against it into
 * @res. The game, or NULL with the reason set when no game holds any.
 */
const struct dl_dat_game *dl_dat_check(const struct dl_dat *d, const char *path,
				       const struct dl_dat_file *f, int n,
				       struct dl_dat_result *res);

/* Was @rom matched by one of the @n results? (Roms no file matched are missing.) */
bool dl_dat_rom_used(const struct dl_dat_result *res, int n, const struct dl_dat_rom *rom);

#endif /* DL_DAT_H */
