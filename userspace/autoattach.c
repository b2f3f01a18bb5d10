// SPDX-License-Identifier: GPL-2.0
/*
 * discloop autoattach: attach the disc images a medium carries.
 *
 * Run by the unit discloop-autoattach@.service, which the udev rule
 * 61-discloop-autoattach.rules asks systemd to start when a medium that
 * opted in appears (never from udev itself: udev forbids mounting), or by
 * hand. The unit runs "autoattach --enabled" first: it goes on only if
 * /etc/discloop/autoattach.conf says "enabled = yes". The file system must
 * be of a type the configuration allows; it is mounted read-only,
 * nosuid, nodev and noexec on a private directory; each regular *.iso file
 * in its top-level directory is attached as a new drive; then the mount is
 * detached lazily (MNT_DETACH): nothing stays visible in the namespace,
 * while the drives' references to their image files keep the file system
 * alive until they are removed. The drives are recorded under
 * /run/discloop/auto/<kernel name of the medium> so that --detach, run
 * when the medium goes away, removes exactly them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>
#include <blkid.h>

#include "tool.h"
#include "attach.h"
#include "errmsg.h"
#include "control.h"
#include "device.h"
#include "image.h"
#include "opts.h"
#include "strutils.h"

#define AUTO_DIR	"/run/discloop/auto"
#define AUTO_MAX	8
#define AUTO_CONF	"/etc/discloop/autoattach.conf"
#define AUTO_FS_DEFAULT	"iso9660 udf vfat exfat"
/* --enabled with a configuration it cannot read: systemd's ExecCondition=
 * then marks the unit failed instead of skipping it. */
#define AUTO_EXIT_BADCONF 255

struct auto_conf {
	bool enabled;
	unsigned long max;
	char filesystems[512];	/* space-separated */
};

struct auto_image {
	char name[256];
};

static int cmp_image(const void *a, const void *b)
{
	return strcmp(((const struct auto_image *)a)->name,
		      ((const struct auto_image *)b)->name);
}

static bool is_iso_name(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && name[0] != '.' && !strcasecmp(name + n - 4, ".iso");
}

/* The kernel name of a block device argument: "/dev/sdb1" -> "sdb1". */
static int medium_name(const char *arg, char *name, size_t len)
{
	const char *base = strrchr(arg, '/');

	base = base ? base + 1 : arg;
	if (!*base || !strcmp(base, ".") || !strcmp(base, "..") ||
	    strlen(base) >= len) {
		dl_err("%s: not a block device name", arg);
		return -EINVAL;
	}
	snprintf(name, len, "%s", base);
	return 0;
}

/* File system type of the block device @path, from libblkid. */
static int fs_type(const char *path, char *type, size_t len)
{
	blkid_probe pr = blkid_new_probe_from_filename(path);
	const char *v = NULL;
	int ret = -ENODATA;

	if (!pr)
		return errno ? -errno : -EIO;
	blkid_probe_enable_superblocks(pr, 1);
	blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_TYPE | BLKID_SUBLKS_USAGE);
	if (blkid_do_safeprobe(pr) == 0 &&
	    !blkid_probe_lookup_value(pr, "USAGE", &v, NULL) && !strcmp(v, "filesystem") &&
	    !blkid_probe_lookup_value(pr, "TYPE", &v, NULL)) {
		snprintf(type, len, "%s", v);
		ret = 0;
	}
	blkid_free_probe(pr);
	return ret;
}

static char *trim(char *p)
{
	char *e;

	while (*p == ' ' || *p == '\t')
		p++;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
		*--e = 0;
	return p;
}

/*
 * Read the configuration @path: "key = value" lines, '#' comments. A
 * missing file leaves the defaults (disabled). Returns 0 or -1 (said why).
 */
static int read_conf(const char *path, struct auto_conf *conf)
{
	char line[1024], *key, *val, *eq, *p;
	unsigned int n = 0;
	FILE *f;
	int ret = 0;

	conf->enabled = false;
	conf->max = AUTO_MAX;
	snprintf(conf->filesystems, sizeof(conf->filesystems), "%s", AUTO_FS_DEFAULT);
	f = fopen(path, "re");
	if (!f) {
		if (errno == ENOENT)
			return 0;
		dl_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof(line), f)) {
		n++;
		key = trim(line);
		if (!*key || *key == '#')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			dl_err("%s:%u: not a \"key = value\" line", path, n);
			ret = -1;
			break;
		}
		*eq = 0;
		key = trim(key);
		val = trim(eq + 1);
		if (!strcmp(key, "enabled")) {
			if (!strcmp(val, "yes") || !strcmp(val, "true") || !strcmp(val, "1")) {
				conf->enabled = true;
			} else if (!strcmp(val, "no") || !strcmp(val, "false") || !strcmp(val, "0")) {
				conf->enabled = false;
			} else {
				dl_err("%s:%u: enabled wants yes or no, not '%s'", path, n, val);
				ret = -1;
				break;
			}
		} else if (!strcmp(key, "filesystems")) {
			if (strlen(val) >= sizeof(conf->filesystems)) {
				dl_err("%s:%u: filesystems: list too long", path, n);
				ret = -1;
				break;
			}
			for (p = val; *p; p++)
				if (*p == ',' || *p == '\t')
					*p = ' ';
			snprintf(conf->filesystems, sizeof(conf->filesystems), "%s", val);
		} else if (!strcmp(key, "max")) {
			if (dl_strtoul_range(val, 1, AUTO_MAX, &conf->max)) {
				dl_err("%s:%u: max wants 1 to %d, not '%s'", path, n, AUTO_MAX, val);
				ret = -1;
				break;
			}
		} else {
			dl_err("%s:%u: unknown key '%s'", path, n, key);
			ret = -1;
			break;
		}
	}
	if (ret == 0 && ferror(f)) {
		dl_err("%s: %s", path, strerror(errno));
		ret = -1;
	}
	fclose(f);
	return ret;
}

/* Is the file system type @type in the space-separated list @list? */
static bool fs_allowed(const char *list, const char *type)
{
	size_t n = strlen(type);
	const char *p = list;

	while (*p) {
		size_t len;

		while (*p == ' ')
			p++;
		len = strcspn(p, " ");
		if (len && len == n && !strncmp(p, type, n))
			return true;
		p += len;
	}
	return false;
}

/* The regular *.iso files at the top of @mnt, sorted, at most @max. */
static int find_images(const char *mnt, struct auto_image *img, int max)
{
	DIR *d = opendir(mnt);
	struct dirent *e;
	struct stat st;
	int n = 0;

	if (!d)
		return -errno;
	while ((e = readdir(d)) && n < max) {
		if (!is_iso_name(e->d_name) || strlen(e->d_name) >= sizeof(img[n].name))
			continue;
		if (fstatat(dirfd(d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(st.st_mode))
			continue;
		snprintf(img[n].name, sizeof(img[n].name), "%s", e->d_name);
		n++;
	}
	closedir(d);
	qsort(img, n, sizeof(*img), cmp_image);
	return n;
}

/*
 * Attach the @n images found under @mnt, one drive each, and record
 * "INDEX NAME" lines in @out. Returns how many were attached; sets
 * *@failed when one could not be.
 */
static int attach_images(int ctl, const char *arg, const char *mnt,
			 const struct auto_image *img, int n, FILE *out, int *failed)
{
	const struct dl_add_opts o = {
		.index = DISCLOOP_INDEX_ANY, .profile = DISCLOOP_PROFILE_AUTO,
	};
	char path[PATH_MAX];
	int i, attached = 0;

	for (i = 0; i < n; i++) {
		struct dl_image im;
		struct dl_dev dev;
		int ret;

		snprintf(path, sizeof(path), "%s/%s", mnt, img[i].name);
		if (dl_image_open(path, false, DISCLOOP_PROFILE_AUTO, &im)) {
			dl_err_lib();
			*failed = 1;
			continue;
		}
		/* inside a service started by udev: the drive, not its udev round */
		ret = dl_drive_add(ctl, &im, &o, &dev);
		dl_image_close(&im);
		if (ret) {
			dl_err("%s: %s", arg, dl_errmsg());
			*failed = 1;
			continue;
		}
		fprintf(out, "%d %s\n", dev.index, img[i].name);
		attached++;
		if (!dl_dev_from_index(dev.index, &dev))
			printf("%s\t%s\n", dev.srpath, img[i].name);
	}
	return attached;
}

static int attach_medium(const char *arg, int max, const struct auto_conf *conf,
			 const char *conf_path)
{
	char name[64], state[128], tmp[160], mnt[] = AUTO_DIR "/mnt.XXXXXX";
	char type[64];
	struct auto_image img[AUTO_MAX];
	struct stat st;
	FILE *out;
	int ctl, n, failed = 0, attached = 0;

	if (medium_name(arg, name, sizeof(name)))
		return DL_EXIT_FAIL;
	if (stat(arg, &st) || !S_ISBLK(st.st_mode)) {
		dl_err("%s: not a block device", arg);
		return DL_EXIT_FAIL;
	}
	if (dl_devt_mounted(st.st_rdev)) {
		dl_err("%s: already mounted; attach its images by hand", arg);
		return DL_EXIT_FAIL;
	}
	snprintf(state, sizeof(state), AUTO_DIR "/%s", name);
	if (!access(state, F_OK)) {
		dl_err("%s: images already attached (see %s)", arg, state);
		return DL_EXIT_FAIL;
	}
	if (fs_type(arg, type, sizeof(type))) {
		dl_err("%s: no file system found", arg);
		return DL_EXIT_FAIL;
	}
	if (!fs_allowed(conf->filesystems, type)) {
		dl_err("%s: file system type %s is not allowed (filesystems = %s, in %s)",
		       arg, type, conf->filesystems, conf_path);
		return DL_EXIT_FAIL;
	}
	ctl = dl_ctl_open(true);
	if (ctl < 0) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	if (!mkdtemp(mnt)) {
		dl_err("%s: cannot make a mount point: %s", AUTO_DIR, strerror(errno));
		return DL_EXIT_FAIL;
	}
	if (mount(arg, mnt, type, MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL)) {
		dl_err("%s: cannot mount (%s): %s", arg, type, strerror(errno));
		rmdir(mnt);
		return DL_EXIT_FAIL;
	}
	n = find_images(mnt, img, max);
	if (n < 0) {
		dl_err("%s: cannot read its top directory: %s", arg, strerror(-n));
		n = 0;
		failed = 1;
	}

	snprintf(tmp, sizeof(tmp), "%s.tmp", state);
	out = n ? fopen(tmp, "we") : NULL;
	if (n && !out) {
		dl_err("%s: %s", tmp, strerror(errno));
		n = 0;
		failed = 1;
	}
	attached = attach_images(ctl, arg, mnt, img, n, out, &failed);
	if (out) {
		if (fflush(out) || fsync(fileno(out)) || fclose(out) ||
		    (attached && rename(tmp, state))) {
			dl_err("%s: cannot record the drives: %s", state, strerror(errno));
			failed = 1;
		}
		if (!attached)
			unlink(tmp);
	}
	/* The drives hold the files open; the mount need not stay visible. */
	if (umount2(mnt, MNT_DETACH))
		dl_err("%s: cannot detach the mount: %s", mnt, strerror(errno));
	rmdir(mnt);
	if (!n && !failed)
		dl_err("%s: no *.iso images at the top of its file system", arg);
	return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
}

/* Does drive @index still hold the image called @img? */
static bool drive_holds(int ctl, unsigned int index, const char *img)
{
	struct discloop_info info;
	const char *base;
	size_t n = strlen(img);

	if (dl_ctl_get_info(ctl, index, &info))
		return false;
	info.image[sizeof(info.image) - 1] = 0;
	base = strrchr(info.image, '/');
	base = base ? base + 1 : info.image;
	return !strncmp(base, img, n) && (!base[n] || base[n] == ' ');
}

static int detach_medium(const char *arg)
{
	char name[64], state[128], line[512], img[300];
	unsigned int index;
	int ctl, ret, failed = 0;
	FILE *in;

	if (medium_name(arg, name, sizeof(name)))
		return DL_EXIT_FAIL;
	snprintf(state, sizeof(state), AUTO_DIR "/%s", name);
	in = fopen(state, "re");
	if (!in) {
		if (errno == ENOENT) {
			dl_err("%s: no images were attached from it", arg);
			return DL_EXIT_FAIL;
		}
		dl_err("%s: %s", state, strerror(errno));
		return DL_EXIT_FAIL;
	}
	ctl = dl_ctl_open(true);
	if (ctl < 0) {
		dl_err_lib();
		fclose(in);
		return DL_EXIT_FAIL;
	}
	while (fgets(line, sizeof(line), in)) {
		if (sscanf(line, "%u %299[^\n]", &index, img) != 2)
			continue;
		/* The drive may be gone, or its index reused for another image. */
		if (!drive_holds(ctl, index, img))
			continue;
		ret = dl_ctl_remove(ctl, index);
		if (ret) {
			dl_err("drive %u (%s): cannot remove: %s", index, img, dl_ctl_strerror(ret));
			failed = 1;
		}
	}
	fclose(in);
	if (!failed)
		unlink(state);
	return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
}

/*
 * udev may run us for an "add" and a "change" of the same medium at once:
 * one attach or detach at a time.
 */
static int lock_state_dir(void)
{
	int fd;

	if ((mkdir("/run/discloop", 0755) && errno != EEXIST) ||
	    (mkdir(AUTO_DIR, 0700) && errno != EEXIST)) {
		dl_err("%s: %s", AUTO_DIR, strerror(errno));
		return -1;
	}
	fd = open(AUTO_DIR "/.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0 || flock(fd, LOCK_EX)) {
		dl_err("%s/.lock: %s", AUTO_DIR, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

static void usage(void)
{
	printf("Usage:\n %s autoattach [options] BLOCKDEVICE\n"
	       " %s autoattach --enabled\n\n"
	       "Attach the *.iso images at the top of a medium's file system as\n"
	       "drives (one line per drive: node, tab, image name); with --detach,\n"
	       "remove the drives attached from it. Only the file system types the\n"
	       "configuration allows are mounted.\n\n"
	       "Options:\n"
	       " -d, --detach       remove the drives attached from BLOCKDEVICE\n"
	       " -m, --max N        attach at most N images (default %d, or max =)\n"
	       " -c, --config FILE  read FILE instead of %s\n"
	       " -e, --enabled      exit 0 if the configuration enables auto-attach,\n"
	       "                    1 if not, 255 if it cannot be read\n"
	       " -h, --help         display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname, dl_progname, AUTO_MAX,
	       AUTO_CONF);
}

int cmd_autoattach(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "detach", no_argument, NULL, 'd' },
		{ "max", required_argument, NULL, 'm' },
		{ "config", required_argument, NULL, 'c' },
		{ "enabled", no_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *conf_path = AUTO_CONF;
	struct auto_conf conf;
	unsigned long max = 0;
	bool detach = false, enabled = false;
	int c, lock, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "dm:c:eh", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			detach = true;
			break;
		case 'm':
			if (dl_strtoul_range(optarg, 1, AUTO_MAX, &max)) {
				dl_usage_err("autoattach: --max wants 1 to %d", AUTO_MAX);
				return DL_EXIT_USAGE;
			}
			break;
		case 'c':
			conf_path = optarg;
			break;
		case 'e':
			enabled = true;
			break;
		case 'h':
			usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("autoattach", argv, argc);
		}
	}
	if (enabled) {
		if (detach || max || argc != optind) {
			dl_usage_err("autoattach: --enabled takes no other argument");
			return DL_EXIT_USAGE;
		}
		if (read_conf(conf_path, &conf))
			return AUTO_EXIT_BADCONF;
		if (!conf.enabled) {
			printf("auto-attach is disabled (enabled = yes in %s turns it on)\n",
			       conf_path);
			return DL_EXIT_FAIL;
		}
		return DL_EXIT_OK;
	}
	if (argc - optind != 1) {
		dl_usage_err(argc == optind ? "autoattach: no block device given" :
			     "autoattach: too many arguments");
		return DL_EXIT_USAGE;
	}
	if (!detach && read_conf(conf_path, &conf))
		return DL_EXIT_FAIL;
	lock = lock_state_dir();
	if (lock < 0)
		return DL_EXIT_FAIL;
	ret = detach ? detach_medium(argv[optind]) :
		attach_medium(argv[optind], (int)(max ? max : conf.max), &conf, conf_path);
	close(lock);
	return ret;
}
