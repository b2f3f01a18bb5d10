// SPDX-License-Identifier: GPL-2.0
/* Option parsing helpers shared by the commands. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "discloop.h"
#include "control.h"
#include "opts.h"

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
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 0 && v <= 3600)) {
		dl_usage_err("invalid timeout '%s' (seconds, 0 to 3600)", s);
		return -EINVAL;
	}
	*ms = (int)(v * 1000);
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
