/* SPDX-License-Identifier: GPL-2.0 */
/* discloop info: key/value output as text or JSON. */
#ifndef DL_INFO_H
#define DL_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DL_KV_MAX 64

enum dl_kv_type { DL_KV_STR, DL_KV_NUM, DL_KV_BOOL };

struct dl_kv {
	size_t n;
	struct {
		char key[48];
		char val[1040];
		enum dl_kv_type type;
	} e[DL_KV_MAX];
};

void dl_kv_init(struct dl_kv *kv);
void dl_kv_str(struct dl_kv *kv, const char *key, const char *val);
void dl_kv_num(struct dl_kv *kv, const char *key, uint64_t v);
void dl_kv_bool(struct dl_kv *kv, const char *key, bool v);
void dl_kv_print(const struct dl_kv *kv, bool json, FILE *out);
void dl_json_string(FILE *out, const char *s);

#endif /* DL_INFO_H */
