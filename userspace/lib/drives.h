/* SPDX-License-Identifier: GPL-2.0 */
/* The drives that exist, as `discloop list` shows them. */
#ifndef DL_DRIVES_H
#define DL_DRIVES_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/discloop.h>
#include "device.h"

/* One drive and its medium. */
struct dl_drive_row {
	struct dl_dev dev;
	uint32_t profile;
	uint64_t sectors;
	bool media, locked, tray_open;
	bool passthrough;	/* sr kept off the drive (ABI 3) */
	int tracks, sessions;	/* of the disc (GET_DISC); 0: unknown */
	char image[DISCLOOP_PATH_MAX];
};

/*
 * All discloop drives sorted by index (sysfs, else GET_INFO), in a calloc'd
 * array. 0, or -errno with the reason in dl_errmsg().
 */
int dl_list_drives(struct dl_drive_row **out, int *count);

#endif /* DL_DRIVES_H */
