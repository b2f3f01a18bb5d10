// SPDX-License-Identifier: GPL-2.0
/*
 * Validating an image before it goes into a drive. Nothing here ever
 * writes to an image: it is opened O_RDONLY and only read.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <linux/fs.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "discloop.h"
#include "control.h"
#include "image.h"

const char *dl_image_size_problem(uint64_t bytes, bool pad, uint32_t profile)
{
	static char why[160];
	uint64_t sectors;

	if (bytes == 0)
		return "empty file";
	if (bytes % DL_SECTOR && !pad) {
		snprintf(why, sizeof(why), "size %" PRIu64 " is not a multiple of %d bytes"
			 " (use --pad to zero-fill the last sector)", bytes, DL_SECTOR);
		return why;
	}
	sectors = (bytes + DL_SECTOR - 1) / DL_SECTOR;
	if (profile == DISCLOOP_PROFILE_AUTO && sectors > DL_BD_MAX_SECTORS) {
		snprintf(why, sizeof(why), "too large (%" PRIu64 " sectors, at most %llu)",
			 sectors, DL_BD_MAX_SECTORS);
		return why;
	}
	if (profile != DISCLOOP_PROFILE_AUTO && sectors > dl_profile_max_sectors(profile)) {
		snprintf(why, sizeof(why), "too large for a %s (%" PRIu64 " sectors, at most %"
			 PRIu64 ")", dl_profile_name(profile), sectors,
			 dl_profile_max_sectors(profile));
		return why;
	}
	return NULL;
}

static const char *kind_of(mode_t m)
{
	if (S_ISDIR(m))
		return "is a directory";
	if (S_ISFIFO(m))
		return "is a FIFO, not an image file";
	if (S_ISSOCK(m))
		return "is a socket, not an image file";
	if (S_ISCHR(m))
		return "is a character device, not an image file";
	if (!S_ISREG(m) && !S_ISBLK(m))
		return "is not a regular file";
	return NULL;
}

int dl_image_open(const char *path, bool pad, uint32_t profile, struct dl_image *img)
{
	struct stat st;
	const char *why;
	int fd, fl;

	memset(img, 0, sizeof(*img));
	img->fd = -1;
	if (stat(path, &st)) {
		int err = errno;

		dl_err("%s: %s", path, strerror(err));
		return -err;
	}
	why = kind_of(st.st_mode);
	if (why) {
		dl_err("%s: %s", path, why);
		return -EINVAL;
	}
	/* O_NONBLOCK: should the path have become a FIFO meanwhile, do not hang. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;

		dl_err("%s: %s", path, strerror(err));
		return -err;
	}
	if (fstat(fd, &st)) {
		int err = errno;

		dl_err("%s: %s", path, strerror(err));
		close(fd);
		return -err;
	}
	why = kind_of(st.st_mode);
	if (why) {
		dl_err("%s: %s", path, why);
		close(fd);
		return -EINVAL;
	}
	fl = fcntl(fd, F_GETFL);
	if (fl >= 0)
		fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	img->block = S_ISBLK(st.st_mode);
	if (img->block) {
		uint64_t sz = 0;

		if (ioctl(fd, BLKGETSIZE64, &sz)) {
			int err = errno;

			dl_err("%s: cannot get its size: %s", path, strerror(err));
			close(fd);
			return -err;
		}
		img->bytes = sz;
	} else {
		img->bytes = st.st_size;
	}
	/* Can we really read it? (e.g. a file on a broken file system) */
	if (img->bytes) {
		char b;

		if (pread(fd, &b, 1, 0) < 0) {
			int err = errno;

			dl_err("%s: cannot read: %s", path, strerror(err));
			close(fd);
			return -err;
		}
	}
	why = dl_image_size_problem(img->bytes, pad, profile);
	if (why) {
		dl_err("%s: %s", path, why);
		close(fd);
		return -EINVAL;
	}
	img->sectors = (img->bytes + DL_SECTOR - 1) / DL_SECTOR;
	img->fd = fd;
	return 0;
}

void dl_image_close(struct dl_image *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}
