/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AccurateRip responses (the dBAR-NNN-ID1-ID2-FREEDB.bin files the
 * database serves and rippers keep): one record per pressing, each a
 * header of u8 track count, le32 id1, le32 id2, le32 freedb id, then per
 * track u8 confidence, le32 CRC, le32 CRC of frame 450. A disc's CRCs are
 * matched against them offline.
 */
#ifndef DL_ARFILE_H
#define DL_ARFILE_H

#include <stddef.h>
#include <stdint.h>

struct dl_cdhash;

struct dl_ar_entry {
	uint8_t confidence;
	uint32_t crc, crc450;
};

struct dl_ar_record {
	int nr_tracks;
	uint32_t id1, id2, freedb;
	struct dl_ar_entry t[99];
};

struct dl_ar_response {
	int nr;
	struct dl_ar_record *rec;
};

/*
 * Parse @len bytes of a response named @path (for messages). 0, or
 * -EINVAL with "PATH: reason (at byte N)" for a truncated or empty one.
 */
int dl_ar_parse(const char *path, const uint8_t *buf, size_t len, struct dl_ar_response *r);
/* Read and parse the file @path. 0 or -errno with the reason set. */
int dl_ar_load(const char *path, struct dl_ar_response *r);
void dl_ar_free(struct dl_ar_response *r);

enum dl_ar_match { DL_AR_NONE, DL_AR_V1, DL_AR_V2 };

/* How one audio track fares against a response. */
struct dl_ar_result {
	enum dl_ar_match match;
	unsigned int confidence;	/* of the matching entry (the best one) */
	unsigned int total;		/* all entries' confidences for the track */
	unsigned int entries;		/* records with a CRC for the track */
};

/*
 * Match the audio tracks of @h (indexed by ar_index - 1) against @r into
 * @res (h->ids.ar_tracks entries). Only records whose three ids are the
 * disc's count. 0, or -ENOENT with "PATH: a response for disc ..., not
 * this disc (...)" when none is, @path naming the file.
 */
int dl_ar_check(const char *path, const struct dl_ar_response *r, const struct dl_cdhash *h,
		struct dl_ar_result *res);

#endif /* DL_ARFILE_H */
