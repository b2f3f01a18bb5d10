/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Creating a drive: the ADD ioctl, then (unless asked not to) waiting for
 * its node and for udev, and removing it again if that fails, so that no
 * half-made drive is left. `discloop attach`, `add` and `autoattach` all
 * create drives through here.
 */
#ifndef DL_ATTACH_H
#define DL_ATTACH_H

#include <stdbool.h>
#include <stdint.h>

#include "device.h"
#include "image.h"

struct dl_add_opts {
	uint32_t index;		/* the drive index, or DISCLOOP_INDEX_ANY */
	uint32_t profile;	/* DISCLOOP_PROFILE_*, AUTO by size */
	bool wait;		/* wait for the drive's nodes (not inside a udev RUN) */
	bool settle;		/* with @wait: and for udev to have processed them */
	bool label_wait;	/* with @settle: and for /dev/disk/by-label/<label> */
	int timeout_ms;		/* for the waits */
};

/*
 * Create a drive holding @img (NULL: an empty drive) on the control device
 * @ctl. Fills @dev (with @o->wait, its nodes; else only the index). 0, or
 * -errno with the reason in dl_errmsg() and no drive left behind.
 */
int dl_drive_add(int ctl, const struct dl_image *img, const struct dl_add_opts *o,
		 struct dl_dev *dev);

#endif /* DL_ATTACH_H */
