/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checksums preservationists compare a CD rip with:
 * - redump.org's CRC32, MD5 and SHA-1 of every file of the image (the cue
 *   included) and of every track's stored bytes;
 * - AccurateRip v1 and v2 CRCs of every audio track, and the CRC of its
 *   frame 450 (what AccurateRip responses carry to find offsets);
 * - the CUETools database (CTDB) CRC of the disc's audio;
 * - the disc ids of discid.h.
 *
 * Audio is taken as the disc plays it: a track runs from its INDEX 01 to
 * the next track's INDEX 01 (its successor's pregap included), or to the
 * end of its session; sectors the image does not store (PREGAP, POSTGAP,
 * a file too short) are digital silence; MOTOROLA (big-endian) PCM is
 * swapped to the little-endian samples the algorithms are defined on.
 *
 * The streaming parts (dl_arcrc_*, dl_ctdb_*) let a ripper compute the
 * same values while it reads; nothing here prints.
 */
#ifndef DL_CDHASH_H
#define DL_CDHASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "discid.h"
#include "hash.h"
#include "layout.h"

#define DL_CD_AUDIO_SECTOR	2352
#define DL_SAMPLES_PER_SECTOR	588
#define DL_AR_SKIP		(5 * DL_SAMPLES_PER_SECTOR)	/* 2940 samples */
#define DL_CTDB_SKIP		(10 * DL_SAMPLES_PER_SECTOR)	/* 5880 samples */
#define DL_AR_FRAME		450	/* the sector of the offset-finding CRC */
#define DL_CDHASH_ALGS		(DL_ALG_CRC32 | DL_ALG_MD5 | DL_ALG_SHA1)

/*
 * AccurateRip CRCs of one track of @samples stereo samples (32-bit words,
 * left channel in the low half), numbered p = 1..samples. v1 = sum of
 * p * s(p); v2 adds the high 32 bits of each 64-bit product as well; both
 * mod 2^32. The first audio track of the disc skips p < 2940 (five
 * sectors less one sample), the last skips p > samples - 2940. The frame
 * 450 CRC is v1 over the track's sector 450 alone, p counted from 1 there.
 */
struct dl_arcrc {
	uint32_t p;		/* samples seen */
	uint32_t from, to;	/* p counted: from..to */
	uint32_t v1, v2, f450;
};

void dl_arcrc_init(struct dl_arcrc *a, uint32_t samples, bool first, bool last);
/* Feed little-endian PCM; @bytes a multiple of 4. */
void dl_arcrc_update(struct dl_arcrc *a, const void *pcm, size_t bytes);

/*
 * The CTDB CRC (the CUETools database's id of a rip): zlib's CRC-32 of the
 * disc's audio, every audio track from the first one's INDEX 01 to the
 * last one's end, without its first 5880 samples (10 sectors) and its last
 * 5880 plus the length modulo 5880 (what exceeds a whole number of 10
 * sectors), as CUETools' "stride" and "laststride" define it.
 */
struct dl_ctdb {
	uint64_t pos, from, to;	/* bytes */
	uint32_t crc;
};

void dl_ctdb_init(struct dl_ctdb *c, uint64_t sectors);
void dl_ctdb_update(struct dl_ctdb *c, const void *pcm, size_t bytes);

/* One file of the image and its redump hashes. */
struct dl_cdhash_file {
	const char *path;	/* as the layout holds it (points into it) */
	uint64_t bytes;
	struct dl_digests dig;
};

struct dl_cdhash_track {
	uint8_t number, session;
	bool audio;
	uint32_t start;		/* LBA of INDEX 01 */
	uint32_t sectors;	/* to the next INDEX 01 or the session's end */
	int file;		/* index in dl_cdhash.files, -1: none */
	uint64_t offset, bytes;	/* its stored bytes in that file */
	struct dl_digests dig;	/* of those bytes */
	int ar_index;		/* 1.. among the audio tracks; 0: data */
	uint32_t ar_v1, ar_v2, ar_450;
};

struct dl_cdhash {
	struct dl_cdhash_file desc;	/* the cue (toc, ccd) itself */
	struct dl_cdhash_file files[DL_LAYOUT_MAX_FILES];
	int nr_files;
	struct dl_cdhash_track t[DISCLOOP_MAX_TRACKS];
	int nr_tracks;
	struct dl_cdtoc toc;
	struct dl_discids ids;
	uint32_t ctdb_crc;	/* valid when ids.ar_tracks > 0 */
};

/*
 * Everything above for the image loaded in @l. 0, or -errno with
 * "FILE: reason" in dl_errmsg().
 */
int dl_cdhash_layout(const struct dl_layout *l, struct dl_cdhash *h);

/*
 * @n sectors of PCM from LBA @lba as the disc plays them (little-endian,
 * silence where nothing is stored) into @buf (n * 2352 bytes). 0 or -errno
 * with the reason set.
 */
int dl_cdhash_read_audio(const struct dl_layout *l, uint32_t lba, uint32_t n, uint8_t *buf);

/* The redump hashes of the file @path alone (for a dat check of an ISO). */
int dl_cdhash_file(const char *path, struct dl_cdhash_file *f);

#endif /* DL_CDHASH_H */
