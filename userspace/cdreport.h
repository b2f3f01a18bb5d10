/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The checksums of a CD image (lib/cdhash.h) as text or JSON: what
 * `discloop verify IMAGE.cue` prints, and what a rip prints when done.
 */
#ifndef DL_CDREPORT_H
#define DL_CDREPORT_H

#include <stdio.h>

struct dl_cdhash;
struct dl_json;

/* Disc ids, then each file and each track with its checksums. */
void dl_cdhash_print(const struct dl_cdhash *h, FILE *out);
/* The same as members "disc", "files" and "tracks" of an open JSON object. */
void dl_cdhash_json(const struct dl_cdhash *h, struct dl_json *j);

#endif /* DL_CDREPORT_H */
