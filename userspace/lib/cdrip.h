/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a CD rip to BIN/CUE needs to know of the disc before and after the
 * sectors are read: the sessions and tracks (READ TOC formats 2 and 0),
 * each track's pregap and index points, the MCN and ISRCs (READ
 * SUB-CHANNEL, else a scan of the Q sub-channel with READ CD), CD-TEXT
 * (READ TOC format 5), the files redump.org names, and the cue sheet.
 */
#ifndef DL_CDRIP_H
#define DL_CDRIP_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "sgio.h"

#define DL_CD_MAX_TRACKS	99
#define DL_CD_MAX_INDEX		99

struct dl_cd_track {
	int number, session;
	uint8_t control;		/* Q control nibble: 4 data, 8 4CH, 2 DCP, 1 PRE */
	int mode;			/* 0 audio, 1 Mode 1, 2 Mode 2 */
	int32_t start;			/* INDEX 01 */
	int32_t pregap;			/* INDEX 00, == start when none */
	int32_t end;			/* the next track's INDEX 00, or the lead-out */
	int32_t file_start;		/* first sector in the track's file */
	int nr_idx;			/* index points 02.. */
	int32_t idx[DL_CD_MAX_INDEX - 1];
	char isrc[13];
	char *title, *performer;	/* CD-TEXT, or NULL */
};

struct dl_cd {
	int nr_tracks, nr_sessions;
	struct dl_cd_track t[DL_CD_MAX_TRACKS];
	int32_t leadout[DL_CD_MAX_TRACKS + 1];	/* per session, 1-based */
	char mcn[14];
	char *title, *performer;
	const char *toc_source;		/* "full TOC" or "TOC" */
	bool q_scanned;			/* pregaps and indexes from the Q channel */

	/*
	 * Each sector's Q (12 bytes) from @q_first on, kept for the analysis
	 * that gives pregaps and indexes; @q_have[i] once sector q_first + i
	 * has one. Sessions' lead-outs and lead-ins are in it, unused.
	 */
	uint8_t *q, *q_have;
	int32_t q_first;
	uint32_t q_n;
};

/* What dl_cd_scan() does about the Q sub-channel. */
enum dl_cd_q {
	DL_CD_Q_NONE,		/* nothing: no pregaps, no indexes (--fast-toc) */
	DL_CD_Q_SCAN,		/* a scan of every sector of every session, now */
	DL_CD_Q_LATER,		/* the caller gathers Q (dl_cd_q_put), then dl_cd_q_finish */
};

/*
 * Read the disc's layout from @sg: TOC (format 2, else 0), the data
 * tracks' modes, MCN and ISRCs, CD-TEXT, and as @q says pregaps and index
 * points from the Q sub-channel. Files are placed (t->file_start, t->end)
 * from what is known: with DL_CD_Q_LATER each from its track's INDEX 01.
 * 0, or -1 with the reason set.
 */
int dl_cd_scan(struct dl_sg *sg, struct dl_cd *cd, enum dl_cd_q q);
void dl_cd_free(struct dl_cd *cd);

/*
 * Can Q gathered while the sectors are read place the files afterwards?
 * Only when every session's tracks are of one mode: a pregap's sectors,
 * read with the track before, are then read as its own track's would be.
 */
bool dl_cd_q_later_ok(const struct dl_cd *cd);

/*
 * Does the drive return formatted Q (with C2 pointers when @c2) along with
 * the main channel in one READ CD? Tried on one sector of the first track.
 */
bool dl_cd_q_with_main(struct dl_sg *sg, const struct dl_cd *cd, bool c2);

/* Keep the 12 bytes of Q @q read with sector @lba (ignored outside the disc). */
static inline void dl_cd_q_put(struct dl_cd *cd, int32_t lba, const uint8_t *q)
{
	uint32_t i = (uint32_t)(lba - cd->q_first);

	if (lba >= cd->q_first && i < cd->q_n) {
		memcpy(cd->q + (size_t)i * 12, q, 12);
		cd->q_have[i] = 1;
	}
}

/*
 * The Q not gathered (sectors read bad, or not read in this run) read
 * with a scan of just those sectors, then all of it analysed in disc
 * order: pregaps, index points, ISRCs, the MCN, and the files placed
 * again. 0, or -1 with the reason set.
 */
int dl_cd_q_finish(struct dl_sg *sg, struct dl_cd *cd);

/* Sectors in track @i's file. */
static inline uint32_t dl_cd_track_sectors(const struct dl_cd_track *t)
{
	return (uint32_t)(t->end - t->file_start);
}

/*
 * The file of track @i for the cue @cue ("X.cue" -> "X (Track 1).bin", "X
 * (Track 01).bin" on a disc of 10 tracks or more, "X.bin" on a disc of one
 * track, as redump.org names them); malloc'd, NULL when out of memory.
 * With @base_only the directory part is left out (for the FILE line).
 */
char *dl_cd_track_file(const struct dl_cd *cd, const char *cue, int i, bool base_only);

/* Write the cue sheet of @cd for @cue's track files to @f. 0 or -errno. */
int dl_cd_write_cue(const struct dl_cd *cd, const char *cue, FILE *f);

/*
 * The combined offset (samples, AccurateRip's sign) from the first data
 * track's sectors read as CD-DA; *@found the LBA whose sync was seen. 0, or
 * -1 with the reason set (no data track, the drive refuses).
 */
int dl_cd_detect_offset(struct dl_sg *sg, const struct dl_cd *cd, int *offset, int32_t *found);

/*
 * Raw interleaved P-W as READ CD returns it (byte i: bit i of each channel,
 * P in bit 7) into CloneCD's layout: 12 bytes of P, then Q, ... W.
 */
void dl_sub_deinterleave(uint8_t *lin, const uint8_t *raw);

/* Check a raw sector of track @t at @lba: true when it is sound. */
bool dl_cd_sector_ok(const struct dl_cd_track *t, int32_t lba, const uint8_t *sector);

#endif /* DL_CDRIP_H */
