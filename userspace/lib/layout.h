/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CD layouts: the sessions, tracks and indexes of a multi-track disc image
 * (BIN/CUE, cdrdao TOC, CloneCD, CHD), held in memory with the files they
 * need open once each, and turned into the kernel's struct discloop_disc
 * (ABI 2). The parsers (cue.c, toc.c, ccd.c, chd.c) fill a dl_layout; the
 * rules they share (gaps, LBAs, validation, CD-TEXT packs) live here.
 *
 * Every failure leaves "FILE:LINE: reason" (or "FILE: reason") in
 * dl_errmsg(); nothing is printed.
 */
#ifndef DL_LAYOUT_H
#define DL_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/discloop.h>

#define DL_LAYOUT_MAX_FILES	(DISCLOOP_MAX_TRACKS + 1)

/* The usual gaps between sessions (ECMA-130 minimums, what writers use). */
#define DL_LEADOUT_FIRST	6750	/* 01:30:00 after session 1 */
#define DL_LEADOUT_NEXT		2250	/* 00:30:00 after later sessions */
#define DL_LEADIN		4500	/* 01:00:00 */
#define DL_PREGAP		150	/* 00:02:00 */

/*
 * CD-TEXT strings a descriptor can give, by pack type 80h + kind: TITLE,
 * PERFORMER, SONGWRITER, COMPOSER, ARRANGER, MESSAGE.
 */
#define DL_CDTEXT_KINDS		6
extern const char *const dl_cdtext_kind_names[DL_CDTEXT_KINDS];

/* One file a layout reads: opened once, however many tracks use it. */
struct dl_layout_file {
	char *path;		/* as opened (relative to the descriptor's directory) */
	int fd;
	uint64_t bytes;		/* file size */
	uint64_t data_offset;	/* WAVE: where the PCM starts; else 0 */
	uint64_t data_bytes;	/* WAVE: bytes of PCM; else @bytes */
};

/* A track as the kernel takes it, plus what only the tool needs. */
struct dl_layout_track {
	struct discloop_track t;	/* t.fd is unused here: see @file */
	int file;			/* index in dl_layout.files, -1: none */
	const char *mode;		/* the mode as the descriptor names it */
	char *text[DL_CDTEXT_KINDS];	/* CD-TEXT, malloc'd or NULL */
};

struct dl_layout {
	char *path;		/* the descriptor file (cue, toc, ccd, chd) */
	const char *format;	/* "cue", "toc", "ccd", "chd" */
	struct dl_layout_file files[DL_LAYOUT_MAX_FILES];
	int nr_files;
	struct dl_layout_track tracks[DISCLOOP_MAX_TRACKS];
	int nr_tracks;
	struct discloop_index *indexes;
	int nr_indexes;
	int nr_sessions;
	uint8_t disc_type;	/* DISCLOOP_DISC_* */
	char mcn[DISCLOOP_MCN_LEN + 1];
	char *text[DL_CDTEXT_KINDS];	/* disc CD-TEXT, malloc'd or NULL */
	uint32_t session_gap[DISCLOOP_MAX_TRACKS + 1];	/* lead-out + lead-in
						 * before session s; 0: usual */
	unsigned char *cdtext;	/* packs, 18 bytes each */
	size_t cdtext_len;
	int sub_file;		/* index in files of the sub-channel, or -1 */
	uint32_t sub_layout;	/* DISCLOOP_SUB_* */
};

/* An empty layout (no files, no tracks). */
void dl_layout_init(struct dl_layout *l, const char *path, const char *format);
/* Close every file and free everything; the layout is empty again. */
void dl_layout_free(struct dl_layout *l);

/*
 * Is @path a layout image (by its extension: .cue .toc .ccd .chd, any
 * case)? Then dl_layout_load() reads it; other images are ISO-like.
 */
bool dl_layout_is_layout(const char *path);

/*
 * Read the image @path into @l: parse the descriptor by its extension,
 * open its files, compute the LBAs, validate. 0, or -errno with the reason
 * in dl_errmsg() and @l freed. @progress (may be NULL) is called while a
 * CHD is decoded with a 0..100 percentage.
 */
int dl_layout_load(const char *path, struct dl_layout *l,
		   void (*progress)(int percent, void *arg), void *arg);

/* The parsers, each on a descriptor given as text (for the tests) or file. */
int dl_cue_parse(struct dl_layout *l, const char *text);
int dl_toc_parse(struct dl_layout *l, const char *text);
int dl_ccd_parse(struct dl_layout *l, const char *text);
int dl_chd_load(struct dl_layout *l, void (*progress)(int percent, void *arg), void *arg);

/*
 * Open (or find already open) the file @name named by the descriptor at
 * line @line, relative to the descriptor's directory. Its index in
 * l->files, or -errno with "DESC:LINE: NAME: reason".
 */
int dl_layout_file(struct dl_layout *l, const char *name, int line);
/* Make files[@f] a WAVE file: find its PCM data chunk; or refuse. */
int dl_layout_wave(struct dl_layout *l, int f, int line);

/* Add an index point 02..99; 0 or -ENOMEM. */
int dl_layout_add_index(struct dl_layout *l, int track, int index, uint32_t lba);

/*
 * Check what the kernel will check again: 1..99 consecutive tracks,
 * sessions from 1 without holes, LBAs up to 99:59:74, the DATA bit
 * agreeing with the type, ISRCs and the MCN well formed, stored sizes the
 * kernel knows. 0 or -EINVAL with "PATH: reason".
 */
int dl_layout_check(const struct dl_layout *l);

/*
 * Give each track its start LBA from the pregaps, lengths and postgaps:
 * session 1 begins at -150, a later one after the previous lead-out plus
 * session_gap[s] (11250 before session 2, 6750 after that, by default).
 */
void dl_layout_place(struct dl_layout *l);

/* Session @s's lead-out LBA (the end of its last track). */
uint32_t dl_layout_leadout(const struct dl_layout *l, int s);

/* ISRC ([A-Z0-9]{5}[0-9]{7}) and MCN (13 digits) syntax. */
bool dl_isrc_valid(const char *s);
bool dl_mcn_valid(const char *s);

/*
 * Build CD-TEXT packs (block 0, ISO 8859-1, English) from the layout's
 * texts: pack types 80h-85h and the three
 * size-information packs 8Fh, each with its CRC. Replaces l->cdtext;
 * nothing is built when no text is set. 0 or -errno.
 */
int dl_cdtext_build(struct dl_layout *l);

/*
 * The string of @kind (0: TITLE ... 5: MESSAGE) for @track (0: the disc)
 * in block 0 of the CD-TEXT @packs, into @buf. 0, or -ENOENT without one.
 */
int dl_cdtext_string(const unsigned char *packs, size_t len, int kind, int track,
		     char *buf, size_t size);

/*
 * The kernel's view: fill @disc and @tracks (DISCLOOP_MAX_TRACKS entries)
 * for INSERT_DISC; @tracks[i].fd are the layout's open fds; @disc points
 * at @tracks, l->indexes and l->cdtext, so @l must outlive the ioctl.
 */
void dl_layout_to_disc(const struct dl_layout *l, uint32_t index, struct discloop_disc *disc,
		       struct discloop_track *tracks);

/* "AUDIO", "MODE1", "MODE2", "MODE2_XA" */
const char *dl_track_type_name(unsigned int type);
/* "CD-DA/CD-ROM", "CD-I", "CD-ROM XA" */
const char *dl_disc_type_name(unsigned int type);

#endif /* DL_LAYOUT_H */
