/* SPDX-License-Identifier: GPL-2.0 */
/* Lines and words of text disc descriptors (cue, toc, ccd). */
#ifndef DL_DESCSCAN_H
#define DL_DESCSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DL_SCAN_WORDS	16
#define DL_SCAN_LINE	1024

struct dl_scan {
	const char *p;		/* what is left of the text */
	int line;		/* number of the line last returned, from 1 */
	char buf[DL_SCAN_LINE];
	char *w[DL_SCAN_WORDS];	/* the words of the line in buf */
	int n;			/* how many */
};

/* Start on @text (a UTF-8 byte order mark is skipped). */
void dl_scan_init(struct dl_scan *s, const char *text);

/*
 * Split the next line into words: runs of non-blanks, or "quoted" (the
 * quotes dropped; in @toc_escapes mode \" and \\ are kept literal). 1 with
 * a line, 0 at the end, -1 with a reason in @why for a line too long or an
 * unterminated quote. Empty lines come back with n == 0.
 */
int dl_scan_next(struct dl_scan *s, bool toc_escapes, const char **why);

/* "mm:ss:ff" (minutes up to 99, seconds < 60, frames < 75) in frames. */
bool dl_scan_msf(const char *w, uint32_t *frames);
/* A decimal number in [min, max]. */
bool dl_scan_uint(const char *w, unsigned long min, unsigned long max, unsigned long *v);

#endif /* DL_DESCSCAN_H */
