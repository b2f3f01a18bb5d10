/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Naming drives: what a user types (/dev/srN, /dev/sgN, srN, sgN, a link to
 * one of them, a discloop drive index) mapped through sysfs to the drive's
 * SCSI address and both of its nodes.
 */
#ifndef DL_DEVICE_H
#define DL_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A drive as the tool names it. */
struct dl_dev {
	char sr[32];		/* "sr1", empty if no block node */
	char sg[32];		/* "sg2", empty if sg is not loaded */
	char srpath[48];	/* "/dev/sr1" */
	char sgpath[48];	/* "/dev/sg2" */
	int index;		/* discloop drive index, -1 for other drives */
	int host, channel, target, lun;
};

/*
 * Resolve DEVICE: /dev/srN, /dev/sgN, srN, sgN, a symlink to one of them,
 * or a discloop drive index. sr and sg are mapped through sysfs (libudev),
 * never by guessing numbers. Returns 0, or -errno with the reason in
 * dl_errmsg().
 */
int dl_dev_resolve(const char *arg, struct dl_dev *dev);
/* Fill @dev for the discloop drive at @index. 0, or -errno and dl_errmsg(). */
int dl_dev_from_index(int index, struct dl_dev *dev);
/* Is the SCSI host @host the discloop host? */
bool dl_host_is_discloop(int host);

/* Read a sysfs attribute, trailing newline removed. 0 or -errno. */
int dl_read_attr(const char *path, char *buf, size_t len);
/* "H:C:T:L" */
int dl_parse_hctl(const char *s, int *h, int *c, int *t, int *l);
/* Fill names and paths from dev->host/channel/target/lun; -ENODEV if absent. */
int dl_dev_fill_hctl(struct dl_dev *dev);
/* -ENODEV, "<arg>: not a discloop drive", unless @dev is one with an index. */
int dl_dev_require_discloop(const char *arg, const struct dl_dev *dev);

/* Is block device @devt mounted (per /proc/self/mountinfo)? */
bool dl_devt_mounted(dev_t devt);

/* udev's encoding of a name for a /dev/disk/by-* link ("a b" -> "a\x20b"). */
void dl_udev_encode(const char *in, char *out, size_t len);

#endif /* DL_DEVICE_H */
