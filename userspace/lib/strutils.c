// SPDX-License-Identifier: GPL-2.0
/* Numbers as users type them: see strutils.h. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "strutils.h"

int dl_strtoul_range(const char *s, unsigned long min, unsigned long max, unsigned long *v)
{
	char *end;

	if (!s || !isdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	*v = strtoul(s, &end, 10);
	if (*end)
		return -EINVAL;
	if (errno || *v < min || *v > max)
		return -ERANGE;
	return 0;
}

int dl_strtoms(const char *s, double min, double max, unsigned int *ms)
{
	char *end;
	double v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || v != v)
		return -EINVAL;
	if (!(v >= min && v <= max))
		return -ERANGE;
	*ms = (unsigned int)(v * 1000);
	return 0;
}

int dl_strtorate(const char *s, double *bps)
{
	static const struct { char c; double mul; } units[] = {
		{ 'k', 1024 }, { 'K', 1024 }, { 'm', 1048576 }, { 'M', 1048576 },
		{ 'g', 1073741824.0 }, { 'G', 1073741824.0 },
	};
	double mul = 1;
	char *end;
	size_t i;

	errno = 0;
	*bps = strtod(s, &end);
	if (end == s || errno || !(*bps >= 0))
		return -EINVAL;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (*end == units[i].c) {
			mul = units[i].mul;
			end++;
			break;
		}
	if (*end == 'i')
		end++;
	if (*end == 'B')
		end++;
	if (!strcmp(end, "/s"))
		end += 2;
	if (*end)
		return -EINVAL;
	*bps *= mul;
	return 0;
}
