/* SPDX-License-Identifier: GPL-2.0 */
/* Waiting for a new drive's node (and udev) after the ADD ioctl. */
#ifndef DL_WAIT_H
#define DL_WAIT_H

#include <stdbool.h>
#include "device.h"

struct udev;
struct udev_monitor;

struct dl_waiter {
	struct udev *udev;
	struct udev_monitor *mon;	/* NULL: poll only */
	bool udev_running;
};

/* Call before the ioctl so that no uevent is missed. Never fails. */
void dl_waiter_begin(struct dl_waiter *w);
void dl_waiter_end(struct dl_waiter *w);

/*
 * Wait until drive @index has its block node /dev/srN with the right
 * device number and, when udev runs, udev has processed it. With @label
 * (non-empty), also wait until /dev/disk/by-label/<label> points at it
 * (only when udev runs). Fills @dev. 0, or -errno with a message.
 */
int dl_wait_drive(struct dl_waiter *w, int index, struct dl_dev *dev,
		  int timeout_ms, const char *label);
/*
 * The same for a passthrough drive, which has no block node: wait for its
 * character node /dev/sgN (and udev, when it runs). 0 or -errno.
 */
int dl_wait_drive_sg(struct dl_waiter *w, int index, struct dl_dev *dev, int timeout_ms);

/* systemd-udevd answers on its control socket. */
bool dl_udev_running(void);

/* Monotonic milliseconds. */
long long dl_now_ms(void);

#endif /* DL_WAIT_H */
