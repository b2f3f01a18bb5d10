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
};

/*
 * Read the disc's layout from @sg: TOC (format 2, else 0), the data
 * tracks' modes, a Q scan for pregaps and index points (unless @no_qscan),
 * MCN and ISRCs, CD-TEXT. 0, or -1 with the reason set.
 */
int dl_cd_scan(struct dl_sg *sg, struct dl_cd *cd, bool no_qscan);
void dl_cd_free(struct dl_cd *cd);

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
