/* SPDX-License-Identifier: GPL-2.0 */
/* Option parsing helpers shared by the commands. */
#ifndef DL_OPTS_H
#define DL_OPTS_H

#include <stdint.h>

/* Call with opterr = 0 after getopt_long returned '?': prints, returns 2. */
int dl_bad_option(const char *cmd, char **argv, int argc);
/* Seconds (fractions allowed, 0..3600) to milliseconds; usage error if bad. */
int dl_parse_timeout(const char *s, int *ms);
/* auto|cd|dvd|bd; usage error if bad. */
int dl_parse_profile_opt(const char *s, uint32_t *profile);

#endif /* DL_OPTS_H */
