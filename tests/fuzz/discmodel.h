/* SPDX-License-Identifier: GPL-2.0 */
/*
 * discmodel: what a drive holding a multi-track layout must return, for
 * cdbfuzz's oracle. The layout is read from the spec `dlctl insert-disc`
 * takes (tests/vm/mkdisc.py spec writes one over its expected sectors);
 * every track must be stored as whole 2352-byte sectors, so that each
 * sector's every byte is known from the fixture alone.
 */
#ifndef DISCMODEL_H
#define DISCMODEL_H

#include <stddef.h>
#include <stdint.h>
#include <linux/discloop.h>

#define DM_RAW		2352
#define DM_MAX_TRACKS	99
#define DM_MAX_INDEXES	99
#define DM_MAX_PICKS	64

/* What a sector is, as its own bytes and its track say. */
enum dm_kind {
	DM_NONE,	/* no sector: a session gap, past the lead-out */
	DM_UNKNOWN,	/* a sector the drive makes up (unstored data pregap) */
	DM_CDDA,
	DM_MODE1,
	DM_FORM1,
	DM_FORM2,
	DM_MODE2,	/* formless: never a model's, for a selection's check */
};

struct dm_track {
	struct discloop_track u;	/* as given to INSERT_DISC */
	long first;			/* first LBA of the pregap */
	long stored;			/* first LBA in the file */
	long end;			/* one past the last LBA */
	uint8_t *raw;			/* sectors from @stored to @end */
};

struct disc_model {
	int nr;
	struct dm_track t[DM_MAX_TRACKS];
	struct discloop_index idx[DM_MAX_INDEXES];
	int nidx;
	uint8_t disc_type;
	char mcn[DISCLOOP_MCN_LEN];
	uint8_t *sub;			/* raw P-W, 96 bytes a sector */
	long sub_lba, sub_n;
	int sub_fd;
	uint8_t cdtext[4096];
	size_t cdtext_len;
	long leadout;			/* of the last session */
	int sessions;
	long picks[DM_MAX_PICKS];	/* LBAs worth aiming at */
	int npicks;
};

/* dm_load: read SPEC and its files; 0, or -1 with a message on stderr. */
int dm_load(struct disc_model *m, const char *spec);

/* dm_insert: INSERT_DISC of the model into drive INDEX; 0 or an errno. */
int dm_insert(const struct disc_model *m, int ctl, int index);

/*
 * dm_sector: the kind of the sector at LBA and, for a known one, its raw
 * 2352 bytes (CD-DA: the PCM; an unstored audio pregap: zeros).
 */
enum dm_kind dm_sector(const struct disc_model *m, long lba, const uint8_t **raw);

/* dm_track_of: the track number holding LBA (pregap included), or 0. */
int dm_track_of(const struct disc_model *m, long lba);

/* A span of the raw sector READ CD returns. */
struct dm_span {
	uint16_t off, len;
};

/*
 * dm_main_fields: the parts of a sector of KIND that main channel
 * selection MAIN (READ CD byte 9) returns, in order, into SPANS (at most
 * 5); returns how many, or -1 when MMC calls the selection illegal for
 * that sector (fields not next to each other, a reserved bit or the
 * reserved error field).
 */
int dm_main_fields(enum dm_kind kind, uint8_t main, struct dm_span *spans);

#endif
