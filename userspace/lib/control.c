// SPDX-License-Identifier: GPL-2.0
/*
 * The control device: open it with a clear error, wrap the ioctls.
 */
#include <errno.h>
#include <stdlib.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "control.h"
#include "layout.h"

const char *dl_sysfs_root = "/sys";
const char *dl_dev_root = "/dev";

static int ctl_fd = -1;
static bool ctl_write;

static bool module_loaded(void)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), "%s/module/discloop", dl_sysfs_root);
	return stat(p, &st) == 0;
}

int dl_ctl_open(bool write)
{
	char path[256];
	int fd, err;

	if (ctl_fd >= 0 && (ctl_write || !write))
		return ctl_fd;
	snprintf(path, sizeof(path), "%s/%s", dl_dev_root, DISCLOOP_CTL_NAME);
	fd = open(path, (write ? O_RDWR : O_RDONLY) | O_CLOEXEC);
	if (fd < 0) {
		err = errno;
		if (err == ENOENT || err == ENXIO || err == ENODEV) {
			if (!module_loaded())
				dl_seterr("%s: the discloop module is not loaded "
				       "(load it with 'modprobe discloop')", path);
			else
				dl_seterr("%s: %s (is udev or devtmpfs running?)",
				       path, strerror(err));
		} else if (err == EACCES || err == EPERM) {
			dl_seterr("%s: permission denied (needs root or membership "
			       "of the group owning it, usually 'cdrom')", path);
		} else {
			dl_seterr("%s: %s", path, strerror(err));
		}
		return -err;
	}
	if (ctl_fd >= 0)
		close(ctl_fd);
	ctl_fd = fd;
	ctl_write = write;
	return fd;
}

void dl_ctl_close(void)
{
	if (ctl_fd >= 0)
		close(ctl_fd);
	ctl_fd = -1;
}

void dl_info_init(struct discloop_info *info, uint32_t index)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	info->index = index;
	info->fd = -1;
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int r;

	do
		r = ioctl(fd, req, arg);
	while (r < 0 && errno == EINTR);
	return r < 0 ? -errno : r;
}

int dl_ctl_version(int fd)
{
	return xioctl(fd, DISCLOOP_CTL_GET_VERSION, NULL);
}

int dl_ctl_add(int fd, struct discloop_info *info)
{
	return xioctl(fd, DISCLOOP_CTL_ADD, info);
}

int dl_ctl_remove(int fd, uint32_t index)
{
	struct discloop_info info;

	dl_info_init(&info, index);
	return xioctl(fd, DISCLOOP_CTL_REMOVE, &info);
}

int dl_ctl_insert(int fd, uint32_t index, int imgfd, uint32_t profile, uint32_t flags)
{
	struct discloop_info info;

	dl_info_init(&info, index);
	info.fd = imgfd;
	info.profile = profile;
	info.flags = flags;
	return xioctl(fd, DISCLOOP_CTL_INSERT, &info);
}

int dl_ctl_eject(int fd, uint32_t index, uint32_t flags)
{
	struct discloop_info info;

	dl_info_init(&info, index);
	info.flags = flags;
	return xioctl(fd, DISCLOOP_CTL_EJECT, &info);
}

int dl_ctl_get_info(int fd, uint32_t index, struct discloop_info *info)
{
	dl_info_init(info, index);
	return xioctl(fd, DISCLOOP_CTL_GET_INFO, info);
}

int dl_ctl_set_passthrough(int fd, uint32_t index, bool on)
{
	struct discloop_info info;

	dl_info_init(&info, index);
	info.flags = on ? DISCLOOP_FLAG_PASSTHROUGH : 0;
	return xioctl(fd, DISCLOOP_CTL_SET_PASSTHROUGH, &info);
}

int dl_ctl_require_passthrough(int ctl, const char *what)
{
	int abi = dl_ctl_version(ctl);

	if (abi < 0) {
		dl_seterr("%s: cannot ask the module its ABI version: %s", what,
			  dl_ctl_strerror(abi));
		return abi;
	}
	if (abi < 3) {
		dl_seterr("%s: the loaded discloop module is too old for passthrough drives "
			  "(ABI %d); load a module of ABI 3 or later (discloop --version)",
			  what, abi);
		return -EPROTONOSUPPORT;
	}
	return 0;
}

int dl_ctl_insert_disc(int fd, struct discloop_disc *disc)
{
	return xioctl(fd, DISCLOOP_CTL_INSERT_DISC, disc);
}

int dl_ctl_get_disc(int fd, uint32_t index, struct dl_layout *l)
{
	struct discloop_track *t = calloc(DISCLOOP_MAX_TRACKS, sizeof(*t));
	struct discloop_index *x = calloc(DISCLOOP_MAX_INDEXES, sizeof(*x));
	unsigned char *text = malloc(DISCLOOP_MAX_CDTEXT);
	struct discloop_disc d;
	uint32_t i;
	int ret = -ENOMEM;

	dl_layout_init(l, NULL, "drive");
	if (!t || !x || !text)
		goto out;
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.index = index;
	d.nr_tracks = DISCLOOP_MAX_TRACKS;
	d.track_size = sizeof(*t);
	d.nr_indexes = DISCLOOP_MAX_INDEXES;
	d.tracks = (uintptr_t)t;
	d.indexes = (uintptr_t)x;
	d.cdtext = (uintptr_t)text;
	d.cdtext_len = DISCLOOP_MAX_CDTEXT;
	d.sub_fd = -1;
	ret = xioctl(fd, DISCLOOP_CTL_GET_DISC, &d);
	if (ret)
		goto out;
	if (d.nr_tracks > DISCLOOP_MAX_TRACKS || d.nr_indexes > DISCLOOP_MAX_INDEXES ||
	    d.cdtext_len > DISCLOOP_MAX_CDTEXT) {
		ret = -EPROTO;
		goto out;
	}
	for (i = 0; i < d.nr_tracks; i++) {
		l->tracks[i].t = t[i];
		l->tracks[i].file = -1;
		l->tracks[i].mode = dl_track_type_name(t[i].type);
		if (t[i].session > l->nr_sessions)
			l->nr_sessions = t[i].session;
	}
	l->nr_tracks = (int)d.nr_tracks;
	l->indexes = x;
	l->nr_indexes = (int)d.nr_indexes;
	x = NULL;
	l->cdtext = text;
	l->cdtext_len = d.cdtext_len;
	text = NULL;
	l->disc_type = d.disc_type;
	memcpy(l->mcn, d.mcn, DISCLOOP_MCN_LEN);
	l->mcn[DISCLOOP_MCN_LEN] = '\0';
	l->sub_layout = d.sub_layout;
out:
	free(t);
	free(x);
	free(text);
	return ret;
}

int dl_profile_parse(const char *s, uint32_t *profile)
{
	static const uint32_t codes[] = {
		DISCLOOP_PROFILE_CD, DISCLOOP_PROFILE_DVD, DISCLOOP_PROFILE_BD,
	};
	size_t i;

	if (!strcasecmp(s, "auto")) {
		*profile = DISCLOOP_PROFILE_AUTO;
		return 0;
	}
	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		if (!strcasecmp(s, dl_profile_short_name(codes[i])) ||
		    !strcasecmp(s, dl_profile_name(codes[i]))) {
			*profile = codes[i];
			return 0;
		}
	}
	return -EINVAL;
}

const char *dl_ctl_strerror(int err)
{
	switch (-err) {
	case EBUSY: return "drive busy";
	case ENODEV: case ENXIO: return "no such drive";
	case ENOSPC: case EMFILE: return "no free drive (all indexes in use)";
	case EEXIST: return "a drive with that index exists already";
	case EACCES: case EPERM: return "permission denied";
	case ENOMEDIUM: return "no medium in the drive";
	case EFBIG: return "image too large for the profile";
	case EBADF: return "bad image file descriptor";
	case ELOOP: return "the image is a discloop drive (a drive cannot serve another)";
	case ENOTTY: return "the control device does not know this request "
			     "(module and tool versions differ?)";
	case E2BIG: return "the layout is larger than the module accepts";
	}
	return strerror(-err);
}

int dl_ctl_next_drive(int fd, int start, struct discloop_info *info)
{
	int i;

	for (i = start < 0 ? 0 : start; i < DISCLOOP_MAX_DRIVES; i++)
		if (!dl_ctl_get_info(fd, i, info))
			return i;
	return -1;
}
