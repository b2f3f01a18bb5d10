/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disc ids computed from a CD's table of contents: the freedb (CDDB) id,
 * the MusicBrainz disc id and the two AccurateRip ids with the name of the
 * AccurateRip response file (dBAR-NNN-ID1-ID2-FREEDB.bin).
 *
 * Addresses are LBAs as READ TOC gives them (track 1 usually at 0); the
 * ids themselves count from the lead-in (LBA + 150) where their
 * definitions say so. Data tracks count as on a real disc:
 * - freedb: every track of every session and the disc's real lead-out;
 * - MusicBrainz: the tracks of the first session's TOC as libdiscid sees
 *   it: trailing data tracks of an Enhanced CD are left out and the audio
 *   ends 11400 sectors before the first of them;
 * - AccurateRip: audio tracks only, numbered 1.. among themselves, with
 *   the disc's real lead-out (that of the last session).
 */
#ifndef DL_DISCID_H
#define DL_DISCID_H

#include <stdbool.h>
#include <stdint.h>

#define DL_TOC_MAX		99
/* lead-out, lead-in and pregap before session 2 */
#define DL_SESSION_GAP		11400
#define DL_MBID_LEN		28
#define DL_ARNAME_MAX		48

struct dl_layout;

/* One track as the TOC lists it. */
struct dl_toc_track {
	uint8_t number;
	uint8_t session;
	bool audio;
	uint32_t start;		/* LBA of INDEX 01 */
};

struct dl_cdtoc {
	int nr_tracks;
	struct dl_toc_track t[DL_TOC_MAX];
	uint32_t leadout;	/* LBA of the last session's lead-out */
};

/* The ids of one disc. */
struct dl_discids {
	uint32_t freedb;
	uint32_t ar_id1, ar_id2;
	int ar_tracks;				/* audio tracks */
	char musicbrainz[DL_MBID_LEN + 1];	/* "" without audio */
	char ar_name[DL_ARNAME_MAX];		/* dBAR-NNN-...bin, "" without audio */
};

/* The TOC of a layout: its tracks and the last session's lead-out. */
void dl_cdtoc_from_layout(const struct dl_layout *l, struct dl_cdtoc *toc);

uint32_t dl_freedb_id(const struct dl_cdtoc *toc);
/* The AccurateRip ids; returns the number of audio tracks (0: none). */
int dl_accuraterip_ids(const struct dl_cdtoc *toc, uint32_t *id1, uint32_t *id2);
/*
 * The MusicBrainz disc id (28 characters and a NUL into @id) and, if @hex
 * is not NULL, the TOC string it hashes (804 characters and a NUL). 0, or
 * -EINVAL when the TOC has no audio track.
 */
int dl_musicbrainz_id(const struct dl_cdtoc *toc, char *id, char *hex);
/* All of them. */
void dl_discids(const struct dl_cdtoc *toc, struct dl_discids *ids);

#define DL_MBTOC_HEX_LEN	(2 + 2 + 8 * 100)

#endif /* DL_DISCID_H */
