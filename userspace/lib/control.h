/* SPDX-License-Identifier: GPL-2.0 */
/* The control device /dev/discloop-control and its ioctls. */
#ifndef DL_CONTROL_H
#define DL_CONTROL_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/discloop.h>
#include "profile.h"

/* The sysfs and /dev roots; tests point them at a fake tree. */
extern const char *dl_sysfs_root;	/* "/sys" */
extern const char *dl_dev_root;	/* "/dev" */

/*
 * Open /dev/discloop-control for reading (queries) or writing (changes).
 * Returns the fd, or -errno with the reason (module not loaded, permission
 * denied, ...) in dl_errmsg().
 */
int dl_ctl_open(bool write);
void dl_ctl_close(void);

/* Prepare an info struct for an ioctl. */
void dl_info_init(struct discloop_info *info, uint32_t index);

/* The ioctls; each returns 0 or -errno and prints nothing. */
int dl_ctl_version(int fd);
int dl_ctl_add(int fd, struct discloop_info *info);
int dl_ctl_remove(int fd, uint32_t index);
int dl_ctl_insert(int fd, uint32_t index, int imgfd, uint32_t profile, uint32_t flags);
int dl_ctl_eject(int fd, uint32_t index, uint32_t flags);
int dl_ctl_get_info(int fd, uint32_t index, struct discloop_info *info);
/* ABI 3: keep sr off drive @index (@on) or let it bind again. */
int dl_ctl_set_passthrough(int fd, uint32_t index, bool on);
/*
 * 0 if the module behind @ctl has passthrough drives (ABI 3 or later);
 * else -EPROTONOSUPPORT (or the ioctl's -errno) with a message naming @what.
 */
int dl_ctl_require_passthrough(int ctl, const char *what);

struct dl_layout;

/*
 * ABI 2: put the disc @disc describes in its drive; 0 or -errno. The
 * kernel answers -ENOTTY when it is older (ABI 1).
 */
int dl_ctl_insert_disc(int fd, struct discloop_disc *disc);
/*
 * ABI 2: the layout of the disc in drive @index, into @l (initialised
 * here; files are not open: tracks' file is -1). 0 or -errno.
 */
int dl_ctl_get_disc(int fd, uint32_t index, struct dl_layout *l);

/*
 * --profile: auto, or a profile's short or full name in any case ("cd",
 * "DVD-ROM"). Names, limits and the automatic rule are common/profile.h's.
 */
int dl_profile_parse(const char *s, uint32_t *profile);

/* Message for an ioctl's -errno: "drive busy", "no such drive", ... */
const char *dl_ctl_strerror(int err);

/* The next existing drive at or after @start: its index, or -1. */
int dl_ctl_next_drive(int fd, int start, struct discloop_info *info);

#endif /* DL_CONTROL_H */
