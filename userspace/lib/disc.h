/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disc identification, shared by `discloop rip` and `discloop verify
 * --against`: the drive, the medium, and the data track to read.
 */
#ifndef DL_DISC_H
#define DL_DISC_H

#include "sgio.h"

/* What the drive and disc say about themselves. */
struct dl_disc {
	char vendor[9], product[17], revision[5];
	uint8_t ptype;		/* peripheral device type (5 = CD/DVD) */
	int profile;		/* current profile, -1 if GET CONFIGURATION failed */
	bool is_cd;		/* CD profile, or a TOC with CD semantics */
	uint32_t capacity;	/* READ CAPACITY: last LBA + 1 */
	uint32_t blksz;
	int sessions;		/* -1 unknown */
	int tracks, data_tracks, audio_tracks;
	int track;		/* the data track ripped, 0 when unknown */
	uint32_t start;		/* its first LBA */
	uint32_t sectors;	/* its length in 2048-byte sectors */
	const char *source;	/* where start/sectors came from */
};

/*
 * Wait for the unit to be ready, then INQUIRY, GET CONFIGURATION,
 * READ CAPACITY, READ DISC INFORMATION, READ TOC (CD) / READ TRACK
 * INFORMATION (DVD/BD) with a READ CAPACITY fallback. Returns 0, or -1
 * with the reason (no disc, no data track, ...) in dl_errmsg().
 */
int dl_disc_identify(struct dl_sg *d, struct dl_disc *disc);
/* The same for a whole-CD rip: the drive, and a CD in it, any tracks. */
int dl_disc_identify_cd(struct dl_sg *d, struct dl_disc *disc);
const char *dl_mmc_profile_name(int profile);

#endif /* DL_DISC_H */
