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

#include <blkid/blkid.h>

#include "errmsg.h"
#include "../../common/cdframe.h"
#include "control.h"
#include "image.h"

const char *dl_image_size_problem(uint64_t bytes, bool pad, uint32_t profile)
{
	static char why[160];
	uint64_t sectors;

	if (bytes == 0)
		return "empty file";
	if (bytes % DL_CD_DATA_SIZE && !pad) {
		snprintf(why, sizeof(why), "size %" PRIu64 " is not a multiple of %d bytes"
			 " (use --pad to zero-fill the last sector)", bytes, DL_CD_DATA_SIZE);
		return why;
	}
	sectors = (bytes + DL_CD_DATA_SIZE - 1) / DL_CD_DATA_SIZE;
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

		dl_seterr("%s: %s", path, strerror(err));
		return -err;
	}
	why = kind_of(st.st_mode);
	if (why) {
		dl_seterr("%s: %s", path, why);
		return -EINVAL;
	}
	/* O_NONBLOCK: should the path have become a FIFO meanwhile, do not hang. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		int err = errno;

		dl_seterr("%s: %s", path, strerror(err));
		return -err;
	}
	if (fstat(fd, &st)) {
		int err = errno;

		dl_seterr("%s: %s", path, strerror(err));
		close(fd);
		return -err;
	}
	why = kind_of(st.st_mode);
	if (why) {
		dl_seterr("%s: %s", path, why);
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

			dl_seterr("%s: cannot get its size: %s", path, strerror(err));
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

			dl_seterr("%s: cannot read: %s", path, strerror(err));
			close(fd);
			return -err;
		}
	}
	why = dl_image_size_problem(img->bytes, pad, profile);
	if (why) {
		dl_seterr("%s: %s", path, why);
		close(fd);
		return -EINVAL;
	}
	img->sectors = (img->bytes + DL_CD_DATA_SIZE - 1) / DL_CD_DATA_SIZE;
	img->fd = fd;
	img->path = path;
	return 0;
}

void dl_image_close(struct dl_image *img)
{
	if (img->fd >= 0)
		close(img->fd);
	img->fd = -1;
}

int dl_blkid_label(int fd, char *label, size_t len)
{
	blkid_probe pr = blkid_new_probe();
	const char *v;
	size_t vlen;
	int ret = -EIO;

	label[0] = '\0';
	if (!pr)
		return -ENOMEM;
	if (blkid_probe_set_device(pr, fd, 0, 0) == 0) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_TYPE);
		if (blkid_do_safeprobe(pr) == 0 &&
		    !blkid_probe_lookup_value(pr, "LABEL", &v, &vlen))
			snprintf(label, len, "%s", v);
		ret = 0;
	}
	blkid_free_probe(pr);
	return ret;
}
