// SPDX-License-Identifier: GPL-2.0
/* Option parsing helpers shared by the commands. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool.h"
#include "control.h"
#include "opts.h"
#include "strutils.h"

int dl_bad_option(const char *cmd, char **argv, int argc)
{
	const char *arg = optind > 0 && optind <= argc ? argv[optind - 1] : "?";

	if (optopt && optopt < 0x100 && !(arg[0] == '-' && arg[1] == '-'))
		dl_usage_err("%s: invalid option or missing argument -- '%c'", cmd, optopt);
	else
		dl_usage_err("%s: unrecognized option or missing argument '%s'", cmd, arg);
	return DL_EXIT_USAGE;
}

int dl_parse_timeout(const char *s, int *ms)
{
	unsigned int v;

	if (dl_strtoms(s, 0, 3600, &v)) {
		dl_usage_err("invalid timeout '%s' (seconds, 0 to 3600)", s);
		return -EINVAL;
	}
	*ms = (int)v;
	return 0;
}

int dl_opt_ulong(const char *opt, const char *arg, unsigned long min, unsigned long max,
		 unsigned long *v)
{
	if (dl_strtoul_range(arg, min, max, v)) {
		dl_usage_err("--%s: '%s' is not a number from %lu to %lu", opt, arg, min, max);
		return -EINVAL;
	}
	return 0;
}

int dl_opt_exclusive(const char *cmd, const struct dl_excl *excl, const bool *given)
{
	const struct dl_excl *e;

	for (e = excl; e->a; e++) {
		if (!given[e->a_id])
			continue;
		if (e->needs && !given[e->b_id]) {
			dl_usage_err("%s: --%s needs --%s", cmd, e->a, e->b);
			return -EINVAL;
		}
		if (!e->needs && given[e->b_id]) {
			dl_usage_err("%s: --%s and --%s exclude each other", cmd, e->a, e->b);
			return -EINVAL;
		}
	}
	return 0;
}

int dl_parse_profile_opt(const char *s, uint32_t *profile)
{
	if (dl_profile_parse(s, profile)) {
		dl_usage_err("invalid profile '%s' (auto, cd, dvd or bd)", s);
		return -EINVAL;
	}
	return 0;
}
