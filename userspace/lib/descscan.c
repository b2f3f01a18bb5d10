// SPDX-License-Identifier: GPL-2.0
/* Lines and words of text disc descriptors: see descscan.h. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descscan.h"

void dl_scan_init(struct dl_scan *s, const char *text)
{
	memset(s, 0, sizeof(*s));
	if (!strncmp(text, "\xef\xbb\xbf", 3))
		text += 3;
	s->p = text;
}

int dl_scan_next(struct dl_scan *s, bool toc_escapes, const char **why)
{
	size_t len = strcspn(s->p, "\n");
	char *q, *out;

	if (!*s->p)
		return 0;
	s->line++;
	s->n = 0;
	if (len >= sizeof(s->buf)) {
		*why = "line too long";
		return -1;
	}
	memcpy(s->buf, s->p, len);
	s->buf[len] = '\0';
	s->p += len + (s->p[len] == '\n');
	for (q = s->buf; *q;) {
		while (*q && isspace((unsigned char)*q))
			q++;
		if (!*q)
			break;
		if (s->n == DL_SCAN_WORDS) {
			*why = "too many words on the line";
			return -1;
		}
		if (*q == '"') {
			s->w[s->n++] = out = ++q;
			while (*q && *q != '"') {
				if (toc_escapes && *q == '\\' && q[1])
					q++;
				*out++ = *q++;
			}
			if (*q != '"') {
				*why = "unterminated quoted string";
				return -1;
			}
			q++;
			*out = '\0';
			if (*q && !isspace((unsigned char)*q))
				continue;	/* "a"b: a word follows at once */
			continue;
		}
		s->w[s->n++] = q;
		while (*q && !isspace((unsigned char)*q))
			q++;
		if (*q)
			*q++ = '\0';
	}
	return 1;
}

bool dl_scan_uint(const char *w, unsigned long min, unsigned long max, unsigned long *v)
{
	char *end;
	unsigned long x;

	if (!isdigit((unsigned char)*w))
		return false;
	errno = 0;
	x = strtoul(w, &end, 10);
	if (errno || *end || x < min || x > max)
		return false;
	*v = x;
	return true;
}

bool dl_scan_msf(const char *w, uint32_t *frames)
{
	unsigned long m, s, f;
	char a[8], b[8], c[8];

	if (strlen(w) > 9 || sscanf(w, "%7[0-9]:%7[0-9]:%7[0-9]", a, b, c) != 3 ||
	    strlen(a) + strlen(b) + strlen(c) + 2 != strlen(w))
		return false;
	if (!dl_scan_uint(a, 0, 99, &m) || !dl_scan_uint(b, 0, 59, &s) ||
	    !dl_scan_uint(c, 0, 74, &f))
		return false;
	*frames = (uint32_t)((m * 60 + s) * 75 + f);
	return true;
}
