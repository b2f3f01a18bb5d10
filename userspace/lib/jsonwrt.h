/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one JSON writer of the tool: objects and arrays nested to a fixed
 * depth, two-space indents, strings escaped so that any byte string gives
 * valid JSON (bytes that are not UTF-8 are taken as Latin-1: \u00XX).
 * Writes to a stream the caller chose; values without a key go in arrays.
 */
#ifndef DL_JSONWRT_H
#define DL_JSONWRT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DL_JSON_DEPTH	8

struct dl_json {
	FILE *out;
	int depth;
	bool has_member[DL_JSON_DEPTH];	/* a member was written at this depth */
};

void dl_json_init(struct dl_json *j, FILE *out);
/* Open an object ('{') or array ('['), a member named @key or (NULL) a value. */
void dl_json_open(struct dl_json *j, const char *key, char kind);
void dl_json_close(struct dl_json *j, char kind);

void dl_json_str(struct dl_json *j, const char *key, const char *v);
void dl_json_u64(struct dl_json *j, const char *key, uint64_t v);
void dl_json_int(struct dl_json *j, const char *key, int64_t v);
void dl_json_bool(struct dl_json *j, const char *key, bool v);
/* A number with @decimals digits after the point. */
void dl_json_double(struct dl_json *j, const char *key, double v, int decimals);

/* @s as a JSON string literal, quotes included. */
void dl_json_escape(FILE *out, const char *s);

#endif /* DL_JSONWRT_H */
