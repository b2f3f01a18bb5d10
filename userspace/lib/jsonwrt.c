// SPDX-License-Identifier: GPL-2.0
/* The tool's JSON writer: see jsonwrt.h. */
#include <inttypes.h>
#include <string.h>

#include "jsonwrt.h"

/* Bytes in the UTF-8 sequence at @p, or 0 if it is not one. */
static int utf8_len(const unsigned char *p)
{
	int n, i;

	if (*p >= 0xc2 && *p <= 0xdf)
		n = 2;
	else if (*p >= 0xe0 && *p <= 0xef)
		n = 3;
	else if (*p >= 0xf0 && *p <= 0xf4)
		n = 4;
	else
		return 0;
	for (i = 1; i < n; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void dl_json_escape(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	fputc('"', out);
	while (*p) {
		int n;

		if (*p == '"' || *p == '\\') {
			fprintf(out, "\\%c", *p++);
		} else if (*p < 0x20 || *p == 0x7f) {
			fprintf(out, "\\u%04x", *p++);
		} else if (*p < 0x80) {
			fputc(*p++, out);
		} else if ((n = utf8_len(p))) {
			fwrite(p, 1, (size_t)n, out);
			p += n;
		} else {
			fprintf(out, "\\u%04x", *p++);
		}
	}
	fputc('"', out);
}

void dl_json_init(struct dl_json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

/* Separator, newline and indent before a member, then its name. */
static void member(struct dl_json *j, const char *key)
{
	if (j->depth > 0) {
		if (j->has_member[j->depth - 1])
			fputc(',', j->out);
		fputc('\n', j->out);
		j->has_member[j->depth - 1] = true;
		fprintf(j->out, "%*s", 2 * j->depth, "");
	}
	if (key) {
		dl_json_escape(j->out, key);
		fputs(": ", j->out);
	}
}

void dl_json_open(struct dl_json *j, const char *key, char kind)
{
	member(j, key);
	fputc(kind, j->out);
	if (j->depth < DL_JSON_DEPTH) {
		j->has_member[j->depth] = false;
		j->depth++;
	}
}

void dl_json_close(struct dl_json *j, char kind)
{
	bool any = j->depth > 0 && j->has_member[j->depth - 1];

	if (j->depth > 0)
		j->depth--;
	if (any)
		fprintf(j->out, "\n%*s", 2 * j->depth, "");
	fputc(kind == '{' ? '}' : ']', j->out);
	if (!j->depth)
		fputc('\n', j->out);
}

void dl_json_str(struct dl_json *j, const char *key, const char *v)
{
	member(j, key);
	dl_json_escape(j->out, v);
}

void dl_json_u64(struct dl_json *j, const char *key, uint64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRIu64, v);
}

void dl_json_int(struct dl_json *j, const char *key, int64_t v)
{
	member(j, key);
	fprintf(j->out, "%" PRId64, v);
}

void dl_json_bool(struct dl_json *j, const char *key, bool v)
{
	member(j, key);
	fputs(v ? "true" : "false", j->out);
}

void dl_json_double(struct dl_json *j, const char *key, double v, int decimals)
{
	member(j, key);
	fprintf(j->out, "%.*f", decimals, v);
}
