/* SPDX-License-Identifier: GPL-2.0 */
/* Option parsing helpers shared by the commands. */
#ifndef DL_OPTS_H
#define DL_OPTS_H

#include <stdbool.h>
#include <stdint.h>

/* Call with opterr = 0 after getopt_long returned '?': prints, returns 2. */
int dl_bad_option(const char *cmd, char **argv, int argc);
/* Seconds (fractions allowed, 0..3600) to milliseconds; usage error if bad. */
int dl_parse_timeout(const char *s, int *ms);
/* A whole number in [@min, @max] for --@opt; usage error if not. */
int dl_opt_ulong(const char *opt, const char *arg, unsigned long min, unsigned long max,
		 unsigned long *v);

/*
 * A rule between two options, by their ids in the command's "given" array:
 * @a needs @b (@needs), or @a and @b exclude each other. A table ends with
 * a NULL @a.
 */
struct dl_excl {
	const char *a, *b;	/* long option names, for the message */
	int a_id, b_id;
	bool needs;
};
/* The first rule broken: usage error, -EINVAL. */
int dl_opt_exclusive(const char *cmd, const struct dl_excl *excl, const bool *given);

/* auto|cd|dvd|bd; usage error if bad. */
int dl_parse_profile_opt(const char *s, uint32_t *profile);

#endif /* DL_OPTS_H */
