// SPDX-License-Identifier: GPL-2.0
/*
 * The tool's one JSON writer: escaping (quotes, controls, valid UTF-8 kept,
 * bytes that are not UTF-8 as \u00XX), nesting and separators, compared
 * with text written out here by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "jsonwrt.h"

static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	dl_json_escape(f, s);
	fclose(f);
	return buf;
}

static int same(const char *in, const char *want)
{
	char *got = escaped(in);
	int ok = !strcmp(got, want);

	if (!ok)
		fprintf(stderr, "escape: got %s, want %s\n", got, want);
	free(got);
	return ok;
}

TEST(escape)
{
	CHECK(same("plain", "\"plain\""));
	CHECK(same("a\"b\\c", "\"a\\\"b\\\\c\""));
	CHECK(same("tab\there\n", "\"tab\\u0009here\\u000a\""));
	CHECK(same("caf\xc3\xa9", "\"caf\xc3\xa9\""));		/* UTF-8 kept */
	CHECK(same("caf\xe9", "\"caf\\u00e9\""));		/* Latin-1 byte */
	CHECK(same("\xc3", "\"\\u00c3\""));			/* cut sequence */
	CHECK(same("\xf0\x9f\x92\xbf", "\"\xf0\x9f\x92\xbf\""));	/* 4 bytes */
	CHECK(same("\x7f", "\"\\u007f\""));
	CHECK(same("", "\"\""));
}

TEST(nesting)
{
	const char *want = "{\n  \"a\": 1,\n  \"l\": [\n    2,\n    3\n  ],\n"
			   "  \"e\": [],\n  \"o\": {\n    \"t\": true,\n    \"d\": 1.50\n  },\n"
			   "  \"s\": \"x\"\n}\n";
	struct dl_json j;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	dl_json_init(&j, f);
	dl_json_open(&j, NULL, '{');
	dl_json_u64(&j, "a", 1);
	dl_json_open(&j, "l", '[');
	dl_json_u64(&j, NULL, 2);
	dl_json_int(&j, NULL, 3);
	dl_json_close(&j, '[');
	dl_json_open(&j, "e", '[');
	dl_json_close(&j, '[');
	dl_json_open(&j, "o", '{');
	dl_json_bool(&j, "t", true);
	dl_json_double(&j, "d", 1.5, 2);
	dl_json_close(&j, '{');
	dl_json_str(&j, "s", "x");
	dl_json_close(&j, '{');
	fclose(f);
	CHECK(!strcmp(buf, want));
	if (strcmp(buf, want))
		fprintf(stderr, "got:\n%s", buf);
	free(buf);
}
