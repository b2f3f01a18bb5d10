// SPDX-License-Identifier: GPL-2.0
/*
 * Naming drives: /dev/srN, /dev/sgN, srN, sgN, symlinks to them, or a
 * discloop drive index. sr and sg are related through sysfs (the SCSI
 * device H:C:T:L both hang off), never by guessing numbers.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "errmsg.h"
#include "control.h"
#include "device.h"
#include "strutils.h"

/* Name of the discloop SCSI host template (scsi_host/hostN/proc_name). */
#define DL_PROC_NAME "discloop"

int dl_read_attr(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	if (n < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	close(fd);
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return 0;
}

static bool dl_host_has_discloop_attrs(int host)
{
	char pat[PATH_MAX];
	glob_t g;
	bool found;

	snprintf(pat, sizeof(pat), "%s/bus/scsi/devices/%d:*:*:*/discloop/index",
		 dl_sysfs_root, host);
	found = glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0;
	globfree(&g);
	return found;
}

bool dl_host_is_discloop(int host)
{
	char p[PATH_MAX], v[64];

	if (host < 0)
		return false;
	snprintf(p, sizeof(p), "%s/class/scsi_host/host%d/proc_name", dl_sysfs_root, host);
	if (!dl_read_attr(p, v, sizeof(v)) && !strcmp(v, DL_PROC_NAME))
		return true;
	/* or: a SCSI device of that host carries the discloop attributes */
	return dl_host_has_discloop_attrs(host);
}

/* Parse a decimal number that is the whole string. */
int dl_parse_hctl(const char *s, int *h, int *c, int *t, int *l)
{
	char tail;

	if (sscanf(s, "%d:%d:%d:%d%c", h, c, t, l, &tail) != 4)
		return -EINVAL;
	return 0;
}

/* Copy a string, cutting it to fit; returns -ENAMETOOLONG if cut. */
static int copy_str(char *out, size_t len, const char *in)
{
	size_t n = strlen(in);

	if (n >= len) {
		memcpy(out, in, len - 1);
		out[len - 1] = '\0';
		return -ENAMETOOLONG;
	}
	memcpy(out, in, n + 1);
	return 0;
}

/* The single entry of DIR starting with PREFIX ("sr", "sg"), or -ENOENT. */
static int first_entry(const char *dir, const char *prefix, char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int ret = -ENOENT;

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		if (!strncmp(e->d_name, prefix, strlen(prefix))) {
			copy_str(out, len, e->d_name);
			ret = 0;
			break;
		}
	}
	closedir(d);
	return ret;
}

/* basename of the target of symlink PATH. */
static int link_base(const char *path, char *out, size_t len)
{
	char buf[PATH_MAX];
	ssize_t n = readlink(path, buf, sizeof(buf) - 1);
	const char *b;

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	b = strrchr(buf, '/');
	return copy_str(out, len, b ? b + 1 : buf);
}

/*
 * Fill the sr/sg names and paths of @dev from its H:C:T:L, which must be
 * set. Fails with -ENODEV if there is no such SCSI device.
 */
int dl_dev_fill_hctl(struct dl_dev *dev)
{
	char p[PATH_MAX];
	struct stat st;

	snprintf(p, sizeof(p), "%s/bus/scsi/devices/%d:%d:%d:%d", dl_sysfs_root,
		 dev->host, dev->channel, dev->target, dev->lun);
	if (stat(p, &st))
		return -ENODEV;
	dev->sr[0] = dev->sg[0] = dev->srpath[0] = dev->sgpath[0] = '\0';
	snprintf(p, sizeof(p), "%s/bus/scsi/devices/%d:%d:%d:%d/block", dl_sysfs_root,
		 dev->host, dev->channel, dev->target, dev->lun);
	if (!first_entry(p, "sr", dev->sr, sizeof(dev->sr)))
		snprintf(dev->srpath, sizeof(dev->srpath), "%s/%s", dl_dev_root, dev->sr);
	snprintf(p, sizeof(p), "%s/bus/scsi/devices/%d:%d:%d:%d/scsi_generic", dl_sysfs_root,
		 dev->host, dev->channel, dev->target, dev->lun);
	if (!first_entry(p, "sg", dev->sg, sizeof(dev->sg)))
		snprintf(dev->sgpath, sizeof(dev->sgpath), "%s/%s", dl_dev_root, dev->sg);
	return 0;
}

/*
 * The discloop index of the drive at H:C:T:L. The kernel may export it as
 * a sysfs attribute of the SCSI device; otherwise ask the control device.
 */
static int index_of_hctl(const struct dl_dev *dev)
{
	static const char *const attrs[] = { "discloop_index", "discloop/index", NULL };
	struct discloop_info info;
	char p[PATH_MAX], v[32];
	unsigned long idx;
	int i, fd;

	for (i = 0; attrs[i]; i++) {
		snprintf(p, sizeof(p), "%s/bus/scsi/devices/%d:%d:%d:%d/%s", dl_sysfs_root,
			 dev->host, dev->channel, dev->target, dev->lun, attrs[i]);
		if (!dl_read_attr(p, v, sizeof(v)) && !dl_strtoul_range(v, 0, ULONG_MAX, &idx))
			return (int)idx;
	}
	fd = dl_ctl_open(false);
	if (fd < 0)
		return -1;
	for (i = 0; i < DISCLOOP_MAX_DRIVES; i++) {
		if (dl_ctl_get_info(fd, i, &info))
			continue;
		if ((int)info.host == dev->host && (int)info.channel == dev->channel &&
		    (int)info.target == dev->target && (int)info.lun == dev->lun)
			return i;
	}
	return -1;
}

/*
 * Is the SCSI device at @dev's H:C:T:L a CD/DVD drive (peripheral device
 * type 5, MMC), whether or not sr is bound to it? A passthrough drive, or
 * any drive whose sr was unbound, has only its sg node.
 */
static bool is_mmc_device(const struct dl_dev *dev)
{
	char p[PATH_MAX], v[16];

	snprintf(p, sizeof(p), "%s/bus/scsi/devices/%d:%d:%d:%d/type", dl_sysfs_root,
		 dev->host, dev->channel, dev->target, dev->lun);
	return !dl_read_attr(p, v, sizeof(v)) && !strcmp(v, "5");
}

/* Fill @dev from a sysfs name "srN" or "sgN". */
static int from_sysname(const char *arg, const char *name, struct dl_dev *dev)
{
	char p[PATH_MAX], hctl[64];

	if (!strncmp(name, "sr", 2))
		snprintf(p, sizeof(p), "%s/class/block/%s/device", dl_sysfs_root, name);
	else if (!strncmp(name, "sg", 2))
		snprintf(p, sizeof(p), "%s/class/scsi_generic/%s/device", dl_sysfs_root, name);
	else {
		dl_seterr("%s: not an optical drive (want srN, sgN or a drive index)", arg);
		return -EINVAL;
	}
	if (link_base(p, hctl, sizeof(hctl))) {
		dl_seterr("%s: no such drive", arg);
		return -ENODEV;
	}
	if (dl_parse_hctl(hctl, &dev->host, &dev->channel, &dev->target, &dev->lun)) {
		dl_seterr("%s: cannot find its SCSI address in sysfs", arg);
		return -ENODEV;
	}
	if (dl_dev_fill_hctl(dev)) {
		dl_seterr("%s: no such drive", arg);
		return -ENODEV;
	}
	if (!strncmp(name, "sr", 2)) {
		if (!dev->sr[0] || strcmp(dev->sr, name)) {
			dl_seterr("%s: not a CD/DVD drive", arg);
			return -ENODEV;
		}
	} else if (!dev->sg[0] || strcmp(dev->sg, name)) {
		dl_seterr("%s: no such drive", arg);
		return -ENODEV;
	}
	if (!dev->sr[0] && !is_mmc_device(dev)) {
		/* an sg node of something that is not a CD/DVD drive */
		dl_seterr("%s: not a CD/DVD drive", arg);
		return -ENODEV;
	}
	dev->index = dl_host_is_discloop(dev->host) ? index_of_hctl(dev) : -1;
	return 0;
}

static void dev_clear(struct dl_dev *dev)
{
	memset(dev, 0, sizeof(*dev));
	dev->index = dev->host = dev->channel = dev->target = dev->lun = -1;
}

int dl_dev_from_index(int index, struct dl_dev *dev)
{
	struct discloop_info info;
	int fd, ret;

	dev_clear(dev);
	if (index < 0 || index >= DISCLOOP_MAX_DRIVES) {
		dl_seterr("%d: no such drive (indexes are 0 to %d)", index, DISCLOOP_MAX_DRIVES - 1);
		return -ENODEV;
	}
	fd = dl_ctl_open(false);
	if (fd < 0)
		return fd;
	ret = dl_ctl_get_info(fd, index, &info);
	if (ret == -ENODEV || ret == -ENOENT || ret == -ENXIO) {
		dl_seterr("drive %d: no such drive", index);
		return -ENODEV;
	}
	if (ret) {
		dl_seterr("drive %d: %s", index, strerror(-ret));
		return ret;
	}
	dev->index = index;
	dev->host = info.host;
	dev->channel = info.channel;
	dev->target = info.target;
	dev->lun = info.lun;
	if (dl_dev_fill_hctl(dev)) {
		dl_seterr("drive %d: SCSI device %d:%d:%d:%d is missing from sysfs", index,
		       dev->host, dev->channel, dev->target, dev->lun);
		return -ENODEV;
	}
	return 0;
}

/*
 * Map a name to the kernel's name for the node: "sr1" for "/dev/sr1",
 * "/dev/cdrom" (via its device number), "sr1"; NULL if it is not a path.
 * Returns 0, or -errno with a message.
 */
static int node_sysname(const char *arg, char *name, size_t len)
{
	struct stat st;
	char p[PATH_MAX];
	const char *kind;

	if (stat(arg, &st)) {
		int err = errno;
		const char *b = strrchr(arg, '/');

		/* a /dev/srN that lost its node: still try the name */
		if (err == ENOENT && b && (!strncmp(b + 1, "sr", 2) || !strncmp(b + 1, "sg", 2))) {
			snprintf(name, len, "%s", b + 1);
			return 0;
		}
		dl_seterr("%s: %s", arg, err == ENOENT ? "no such drive" : strerror(err));
		return -err;
	}
	if (S_ISBLK(st.st_mode))
		kind = "block";
	else if (S_ISCHR(st.st_mode))
		kind = "char";
	else {
		dl_seterr("%s: not a device node", arg);
		return -EINVAL;
	}
	snprintf(p, sizeof(p), "%s/dev/%s/%u:%u", dl_sysfs_root, kind,
		 major(st.st_rdev), minor(st.st_rdev));
	if (link_base(p, name, len)) {
		dl_seterr("%s: device %u:%u is not known to sysfs", arg,
		       major(st.st_rdev), minor(st.st_rdev));
		return -ENODEV;
	}
	return 0;
}

int dl_dev_resolve(const char *arg, struct dl_dev *dev)
{
	char name[NAME_MAX + 1];
	unsigned long idx;
	int ret;

	dev_clear(dev);
	if (!arg || !*arg) {
		dl_seterr("empty device name");
		return -EINVAL;
	}
	if (!dl_strtoul_range(arg, 0, ULONG_MAX, &idx)) {
		if (idx >= DISCLOOP_MAX_DRIVES) {
			dl_seterr("%s: no such drive (indexes are 0 to %d)", arg,
			       DISCLOOP_MAX_DRIVES - 1);
			return -ENODEV;
		}
		return dl_dev_from_index((int)idx, dev);
	}
	if (strchr(arg, '/')) {
		ret = node_sysname(arg, name, sizeof(name));
		if (ret)
			return ret;
	} else {
		snprintf(name, sizeof(name), "%s", arg);
	}
	if ((strncmp(name, "sr", 2) && strncmp(name, "sg", 2)) ||
	    dl_strtoul_range(name + 2, 0, ULONG_MAX, &idx)) {
		dl_seterr("%s: not an optical drive (want /dev/srN, /dev/sgN, srN, sgN "
		       "or a drive index)", arg);
		return -EINVAL;
	}
	return from_sysname(arg, name, dev);
}

int dl_dev_require_discloop(const char *arg, const struct dl_dev *dev)
{
	if (!dl_host_is_discloop(dev->host)) {
		dl_seterr("%s: not a discloop drive", arg);
		return -ENODEV;
	}
	if (dev->index < 0) {
		dl_seterr("%s: cannot find its discloop drive index", arg);
		return -ENODEV;
	}
	return 0;
}

/* udev's encoding of a name in /dev/disk/by-* links: keep alphanumerics,
 * "#+-.:=@_" and valid UTF-8, write every other byte as \xNN. */
void dl_udev_encode(const char *in, char *out, size_t len)
{
	static const char ok[] = "#+-.:=@_";
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0;

	if (!len)
		return;
	while (*s && o + 1 < len) {
		int n = 0;

		/* keep valid UTF-8 multibyte sequences */
		if (*s >= 0xc2 && *s <= 0xdf)
			n = 2;
		else if (*s >= 0xe0 && *s <= 0xef)
			n = 3;
		else if (*s >= 0xf0 && *s <= 0xf4)
			n = 4;
		if (n) {
			int i;

			for (i = 1; i < n; i++)
				if ((s[i] & 0xc0) != 0x80)
					break;
			if (i == n) {
				if (o + n + 1 > len)
					break;
				memcpy(out + o, s, n);
				o += n;
				s += n;
				continue;
			}
		}
		if ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= 'A' && *s <= 'Z') || (*s && strchr(ok, *s))) {
			out[o++] = *s;
		} else {
			if (o + 5 > len)
				break;
			snprintf(out + o, 5, "\\x%02x", *s);
			o += 4;
		}
		s++;
	}
	out[o] = '\0';
}

/* Is the block device @devt mounted anywhere we can see? */
bool dl_devt_mounted(dev_t devt)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned int ma, mi;

		if (sscanf(line, "%*u %*u %u:%u", &ma, &mi) == 2 &&
		    makedev(ma, mi) == devt)
			found = true;
	}
	fclose(f);
	return found;
}
