// SPDX-License-Identifier: GPL-2.0
/*
 * The drives that exist: each one's state from its sysfs attributes, or
 * from the control device's GET_INFO where sysfs lacks them.
 */
#include <errno.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "control.h"
#include "device.h"
#include "drives.h"
#include "layout.h"
#include "errmsg.h"
#include "strutils.h"

/* One drive's state from /sys/bus/scsi/devices/H:C:T:L/discloop/. */
static int read_drive_sysfs(const char *dir, struct dl_drive_row *d)
{
	char p[PATH_MAX], v[64];
	unsigned long n;

	memset(d, 0, sizeof(*d));
	snprintf(p, sizeof(p), "%s/index", dir);
	if (dl_read_attr(p, v, sizeof(v)) || dl_strtoul_range(v, 0, ULONG_MAX, &n))
		return -ENOENT;
	d->dev.index = (int)n;
	snprintf(p, sizeof(p), "%s/profile", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		d->profile = dl_profile_from_short_name(v);
	snprintf(p, sizeof(p), "%s/sectors", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		d->sectors = strtoull(v, NULL, 10);
	snprintf(p, sizeof(p), "%s/locked", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		d->locked = !strcmp(v, "1");
	snprintf(p, sizeof(p), "%s/tray", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		d->tray_open = !strcmp(v, "open");
	snprintf(p, sizeof(p), "%s/passthrough", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		d->passthrough = !strcmp(v, "1");
	snprintf(p, sizeof(p), "%s/backing_file", dir);
	dl_read_attr(p, d->image, sizeof(d->image));
	d->media = d->profile != DISCLOOP_PROFILE_NONE;
	return 0;
}

static int cmp_drive(const void *a, const void *b)
{
	return ((const struct dl_drive_row *)a)->dev.index - ((const struct dl_drive_row *)b)->dev.index;
}

/*
 * Tracks and sessions of each disc, when the control device can be read
 * and the module speaks ABI 2; left 0 otherwise (list needs no privileges).
 */
static void add_layouts(struct dl_drive_row *drv, int n)
{
	struct dl_layout l;
	int i, fd;

	for (i = 0; i < n; i++) {
		if (!drv[i].media || drv[i].dev.index < 0)
			continue;
		fd = dl_ctl_open(false);
		if (fd < 0)
			return;
		if (dl_ctl_get_disc(fd, (uint32_t)drv[i].dev.index, &l) == -ENOTTY) {
			dl_layout_free(&l);
			return;
		}
		drv[i].tracks = l.nr_tracks;
		drv[i].sessions = l.nr_sessions;
		dl_layout_free(&l);
	}
}

int dl_list_drives(struct dl_drive_row **out, int *count)
{
	struct dl_drive_row *drv = NULL;
	char pat[PATH_MAX];
	glob_t g;
	size_t i;
	int n = 0, fd;

	*out = NULL;
	*count = 0;
	snprintf(pat, sizeof(pat), "%s/module/discloop", dl_sysfs_root);
	{
		struct stat st;

		if (stat(pat, &st)) {
			dl_seterr("the discloop module is not loaded (load it with 'modprobe discloop')");
			return -ENODEV;
		}
	}
	snprintf(pat, sizeof(pat), "%s/bus/scsi/devices/*:*:*:*/discloop", dl_sysfs_root);
	if (glob(pat, 0, NULL, &g) == 0) {
		drv = calloc(g.gl_pathc, sizeof(*drv));
		if (!drv) {
			globfree(&g);
			dl_seterr("out of memory");
			return -ENOMEM;
		}
		for (i = 0; i < g.gl_pathc; i++) {
			struct dl_drive_row *d = &drv[n];
			char *slash = strrchr(g.gl_pathv[i], '/'), *base;

			if (read_drive_sysfs(g.gl_pathv[i], d))
				continue;
			*slash = '\0';
			base = strrchr(g.gl_pathv[i], '/');
			if (!base || dl_parse_hctl(base + 1, &d->dev.host, &d->dev.channel,
						   &d->dev.target, &d->dev.lun))
				continue;
			dl_dev_fill_hctl(&d->dev);
			n++;
		}
		globfree(&g);
	}
	if (!n && (fd = dl_ctl_open(false)) >= 0) {
		/* no sysfs attributes: ask the control device */
		struct discloop_info info;
		int idx = 0;

		while ((idx = dl_ctl_next_drive(fd, idx, &info)) >= 0) {
			struct dl_drive_row *d, *nd = realloc(drv, (n + 1) * sizeof(*drv));

			if (!nd)
				break;
			drv = nd;
			d = &drv[n++];
			memset(d, 0, sizeof(*d));
			d->dev.index = idx;
			d->dev.host = info.host;
			d->dev.channel = info.channel;
			d->dev.target = info.target;
			d->dev.lun = info.lun;
			dl_dev_fill_hctl(&d->dev);
			d->profile = info.profile;
			d->sectors = info.sectors;
			d->media = info.state & DISCLOOP_STATE_MEDIA;
			d->locked = info.state & DISCLOOP_STATE_LOCKED;
			d->tray_open = info.state & DISCLOOP_STATE_TRAY_OPEN;
			d->passthrough = info.state & DISCLOOP_STATE_PASSTHROUGH;
			memcpy(d->image, info.image, sizeof(info.image));
			d->image[sizeof(d->image) - 1] = '\0';
			idx++;
		}
	}
	add_layouts(drv, n);
	if (n)
		qsort(drv, n, sizeof(*drv), cmp_drive);
	*out = drv;
	*count = n;
	return 0;
}
