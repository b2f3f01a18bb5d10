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
	bool passthrough;	/* no local sr: only /dev/sgN, for one consumer (ABI 3) */
	int timeout_ms;		/* for the waits */
};

/*
 * Create a drive holding @img (NULL: an empty drive) on the control device
 * @ctl. Fills @dev (with @o->wait, its nodes: /dev/srN, or /dev/sgN only for
 * @o->passthrough; else only the index). 0, or
 * -errno with the reason in dl_errmsg() and no drive left behind.
 */
int dl_drive_add(int ctl, const struct dl_image *img, const struct dl_add_opts *o,
		 struct dl_dev *dev);

struct dl_layout;

/*
 * The same for a CD layout: check that the module speaks ABI 2, create
 * an empty drive, put the disc in with INSERT_DISC, and remove the drive
 * again if that fails. 0 or -errno with the reason in dl_errmsg().
 */
int dl_drive_add_layout(int ctl, const struct dl_layout *l, const struct dl_add_opts *o,
			struct dl_dev *dev);

/*
 * Put the disc @l describes into the existing drive @index; @flags 0 or
 * DISCLOOP_FLAG_FORCE (even if locked). 0 or -errno.
 */
int dl_drive_insert_layout(int ctl, uint32_t index, const struct dl_layout *l, uint32_t flags);

/*
 * Turn the existing drive @index to passthrough (@on: sr released, only
 * /dev/sgN stays) or back (sr binds again; waits up to @timeout_ms for
 * /dev/srN and udev). Fills @dev with the drive's nodes afterwards. 0, or
 * -errno with the reason in dl_errmsg().
 */
int dl_drive_set_passthrough(int ctl, uint32_t index, bool on, int timeout_ms,
			     struct dl_dev *dev);

/*
 * 0 if the module behind @ctl takes CD layouts (ABI 2 or later); else
 * -EPROTONOSUPPORT with a message naming @what.
 */
int dl_ctl_require_layouts(int ctl, const char *what);

#endif /* DL_ATTACH_H */
