/* SPDX-License-Identifier: GPL-2.0 */
/* discloop list: drive enumeration and columns. */
#ifndef DL_LIST_H
#define DL_LIST_H

#include <stddef.h>
#include <stdint.h>
#include "../include/uapi/linux/discloop.h"
#include "discloop.h"

enum {
	COL_INDEX, COL_DEVICE, COL_SG, COL_HCTL, COL_PROFILE, COL_SIZE,
	COL_SECTORS, COL_LOCKED, COL_TRAY, COL_IMAGE,
};

struct dl_column {
	const char *name;
	const char *help;
	double whint;
	int flags;
	int json_type;
};

struct dl_drive {
	struct dl_dev dev;
	uint32_t profile;
	uint64_t sectors;
	bool media, locked, tray_open;
	char image[DISCLOOP_PATH_MAX];
};

const struct dl_column *dl_list_columns(size_t *n);
/* Column id for a name (case-insensitive, @len chars), or -1. */
int dl_list_column_id(const char *name, size_t len);
/* "A,B" replaces ids[0..*n), "+A,B" appends. Prints usage errors. */
int dl_list_parse_columns(const char *spec, int *ids, int max, int *n);
/* 1536 -> "1.5K" */
void dl_human_size(uint64_t bytes, char *buf, size_t len);
/* All discloop drives sorted by index (sysfs, else GET_INFO). */
int dl_list_drives(struct dl_drive **out, int *count);

#endif /* DL_LIST_H */
