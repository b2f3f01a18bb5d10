/* SPDX-License-Identifier: GPL-2.0 */
/* Numbers as users type them: one parser for each kind, with limits. */
#ifndef DL_STRUTILS_H
#define DL_STRUTILS_H

/* A decimal integer in [@min, @max], the whole string. 0 or -EINVAL/-ERANGE. */
int dl_strtoul_range(const char *s, unsigned long min, unsigned long max, unsigned long *v);
/* Seconds, fractions allowed, in [@min, @max], to milliseconds. 0 or -EINVAL/-ERANGE. */
int dl_strtoms(const char *s, double min, double max, unsigned int *ms);
/* A rate in bytes per second: "4M", "500k", "1.5MiB/s". 0 or -EINVAL. */
int dl_strtorate(const char *s, double *bps);

#endif /* DL_STRUTILS_H */
