/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers of device.c beyond the declarations in discloop.h. */
#ifndef DL_DEVICE_H
#define DL_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include "discloop.h"

/* Read a sysfs attribute, trailing newline removed. 0 or -errno. */
int dl_read_attr(const char *path, char *buf, size_t len);
/* A decimal number that is the whole string. */
int dl_parse_uint(const char *s, unsigned long *v);
/* "H:C:T:L" */
int dl_parse_hctl(const char *s, int *h, int *c, int *t, int *l);
/* Fill names and paths from dev->host/channel/target/lun; -ENODEV if absent. */
int dl_dev_fill_hctl(struct dl_dev *dev);
/* Fail with "<arg>: not a discloop drive" unless @dev is one with an index. */
int dl_dev_require_discloop(const char *arg, const struct dl_dev *dev);

#include <sys/types.h>
/* Is block device @devt mounted (per /proc/self/mountinfo)? */
bool dl_devt_mounted(dev_t devt);

/* udev's encoding of a name for a /dev/disk/by-* link ("a b" -> "a\x20b"). */
void dl_udev_encode(const char *in, char *out, size_t len);

#endif /* DL_DEVICE_H */
