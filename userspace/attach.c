// SPDX-License-Identifier: GPL-2.0
/*
 * discloop attach | add | detach | remove | insert | eject
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "tool.h"
#include "opts.h"
#include "control.h"
#include "device.h"
#include "image.h"
#include "attach.h"
#include "wait.h"
#include "layout.h"

#define DEFAULT_TIMEOUT_MS	10000
#define EJECT_TIMEOUT_MS	5000

enum { OPT_PAD = 0x100, OPT_PASSTHROUGH };

static bool dev_mounted(const struct dl_dev *dev)
{
	char p[PATH_MAX], v[32];
	unsigned int ma, mi;

	if (!dev->sr[0])
		return false;
	snprintf(p, sizeof(p), "%s/class/block/%s/dev", dl_sysfs_root, dev->sr);
	if (dl_read_attr(p, v, sizeof(v)) || sscanf(v, "%u:%u", &ma, &mi) != 2)
		return false;
	return dl_devt_mounted(makedev(ma, mi));
}

/*
 * Create the drive, print its node (/dev/sgN for a passthrough drive,
 * which has no /dev/srN); remove it again if that fails. @o->wait is set.
 */
static int add_drive(struct dl_image *img, const struct dl_layout *layout,
		     const struct dl_add_opts *o)
{
	const char *node;
	struct dl_dev dev;
	int fd, ret;

	fd = dl_ctl_open(true);
	if (fd < 0 || (layout ? dl_drive_add_layout(fd, layout, o, &dev) :
		       dl_drive_add(fd, img, o, &dev))) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	node = o->passthrough ? dev.sgpath : dev.srpath;
	ret = printf("%s\n", node) < 0 || fflush(stdout) ? -EIO : 0;
	if (ret) {
		int r = dl_ctl_remove(fd, (uint32_t)dev.index);

		dl_err("%s: %s", node, strerror(errno ? errno : EIO));
		if (r)
			dl_err("drive %d: could not remove it again: %s", dev.index,
			       dl_ctl_strerror(r));
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}

/* ---- attach ---- */

/* chdman's progress, on a terminal only. */
static void show_progress(int percent, void *arg)
{
	if (!isatty(STDERR_FILENO))
		return;
	fprintf(stderr, "\r%s: decoding %s: %3d%%%s", dl_progname, (const char *)arg, percent,
		percent >= 100 ? "\n" : "");
	fflush(stderr);
}

/* A .cue, .toc, .ccd or .chd image into @l; prints why not. */
static int load_layout(const char *path, struct dl_layout *l)
{
	if (dl_layout_load(path, l, show_progress, (void *)path)) {
		dl_err_lib();
		return -1;
	}
	return 0;
}

/* Options that mean nothing for a CD layout. */
static int layout_options_ok(const char *cmd, uint32_t profile, bool pad, bool label_wait)
{
	if (profile != DISCLOOP_PROFILE_AUTO && profile != DISCLOOP_PROFILE_CD) {
		dl_usage_err("%s: a CD image (.cue, .toc, .ccd, .chd) is always a CD", cmd);
		return -1;
	}
	if (pad) {
		dl_usage_err("%s: --pad is for ISO images", cmd);
		return -1;
	}
	if (label_wait) {
		dl_usage_err("%s: --label-wait is for ISO images", cmd);
		return -1;
	}
	return 0;
}

/* --index N: a drive index the module accepts. */
static int parse_index(const char *arg, uint32_t *index)
{
	unsigned long v;

	if (dl_opt_ulong("index", arg, 0, DISCLOOP_MAX_DRIVES - 1, &v))
		return -1;
	*index = (uint32_t)v;
	return 0;
}

static void attach_usage(void)
{
	printf("Usage:\n %s attach [options] IMAGE\n\n"
	       "Create a virtual drive with IMAGE inserted and print its node. IMAGE is\n"
	       "an ISO image (any other name) or a CD image: .cue, .toc, .ccd or .chd.\n\n"
	       "Options:\n"
	       " -i, --index N          use drive index N (/dev/discloop/N), not the lowest\n"
	       "                        free one\n"
	       " -p, --profile PROFILE  auto (default: by size), cd, dvd or bd\n"
	       "     --pad              accept a size that is not a multiple of 2048\n"
	       "                        (the last sector reads as zero-filled)\n"
	       " -L, --label-wait       also wait for /dev/disk/by-label/LABEL (with udev)\n"
	       " -P, --passthrough      no local sr driver: only /dev/sgN (printed), for\n"
	       "                        one consumer such as a virtual machine or an\n"
	       "                        iSCSI target\n"
	       " -n, --no-settle        return once the kernel made the node; do not\n"
	       "                        wait for udev (for many attaches, then one\n"
	       "                        'udevadm settle')\n"
	       " -t, --timeout SECONDS  how long to wait for the node (default 10)\n"
	       " -h, --help             display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

int cmd_attach(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "profile", required_argument, NULL, 'p' },
		{ "pad", no_argument, NULL, OPT_PAD },
		{ "label-wait", no_argument, NULL, 'L' },
		{ "passthrough", no_argument, NULL, 'P' },
		{ "no-settle", no_argument, NULL, 'n' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dl_add_opts o = {
		.index = DISCLOOP_INDEX_ANY, .profile = DISCLOOP_PROFILE_AUTO, .wait = true,
		.settle = true, .timeout_ms = DEFAULT_TIMEOUT_MS,
	};
	bool pad = false;
	struct dl_image img;
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "i:p:LPnt:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (parse_index(optarg, &o.index))
				return DL_EXIT_USAGE;
			break;
		case 'p':
			if (dl_parse_profile_opt(optarg, &o.profile))
				return DL_EXIT_USAGE;
			break;
		case OPT_PAD:
			pad = true;
			break;
		case 'L':
			o.label_wait = true;
			break;
		case 'P':
			o.passthrough = true;
			break;
		case 'n':
			o.settle = false;
			break;
		case 't':
			if (dl_parse_timeout(optarg, &o.timeout_ms))
				return DL_EXIT_USAGE;
			break;
		case 'h':
			attach_usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("attach", argv, argc);
		}
	}
	if (argc - optind != 1) {
		dl_usage_err(argc == optind ? "attach: no image given" : "attach: too many arguments");
		return DL_EXIT_USAGE;
	}
	if (o.label_wait && !o.settle) {
		dl_usage_err("attach: --label-wait needs udev, --no-settle skips it");
		return DL_EXIT_USAGE;
	}
	if (o.label_wait && o.passthrough) {
		dl_usage_err("attach: --label-wait needs a block node, --passthrough has none");
		return DL_EXIT_USAGE;
	}
	if (dl_layout_is_layout(argv[optind])) {
		struct dl_layout l;

		if (layout_options_ok("attach", o.profile, pad, o.label_wait))
			return DL_EXIT_USAGE;
		if (load_layout(argv[optind], &l))
			return DL_EXIT_FAIL;
		ret = add_drive(NULL, &l, &o);
		dl_layout_free(&l);
		return ret;
	}
	if (dl_image_open(argv[optind], pad, o.profile, &img)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	ret = add_drive(&img, NULL, &o);
	dl_image_close(&img);
	return ret;
}

/* ---- add ---- */

static void add_usage(void)
{
	printf("Usage:\n %s add [options]\n\n"
	       "Create an empty virtual drive and print its node.\n\n"
	       "Options:\n"
	       " -i, --index N          use drive index N, not the lowest free one\n"
	       " -P, --passthrough      no local sr driver: only /dev/sgN (printed)\n"
	       " -t, --timeout SECONDS  how long to wait for the node (default 10)\n"
	       " -h, --help             display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

int cmd_add(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "passthrough", no_argument, NULL, 'P' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dl_add_opts o = {
		.index = DISCLOOP_INDEX_ANY, .profile = DISCLOOP_PROFILE_AUTO, .wait = true,
		.settle = true, .timeout_ms = DEFAULT_TIMEOUT_MS,
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "i:Pt:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i':
			if (parse_index(optarg, &o.index))
				return DL_EXIT_USAGE;
			break;
		case 'P':
			o.passthrough = true;
			break;
		case 't':
			if (dl_parse_timeout(optarg, &o.timeout_ms))
				return DL_EXIT_USAGE;
			break;
		case 'h':
			add_usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("add", argv, argc);
		}
	}
	if (optind != argc) {
		dl_usage_err("add: too many arguments");
		return DL_EXIT_USAGE;
	}
	return add_drive(NULL, NULL, &o);
}

/* ---- detach / remove ---- */

static int remove_one(int fd, const char *arg, const struct dl_dev *dev, bool force)
{
	int ret;

	if (!force && dev_mounted(dev)) {
		dl_err("%s: drive busy (mounted; unmount it first or use --force)", arg);
		return -EBUSY;
	}
	ret = dl_ctl_remove(fd, dev->index);
	if (ret) {
		dl_err("%s: %s", arg, dl_ctl_strerror(ret));
		return ret;
	}
	return 0;
}

static void detach_usage(const char *cmd, bool is_remove)
{
	printf("Usage:\n %s %s [options] DEVICE...\n", dl_progname, cmd);
	if (!is_remove)
		printf(" %s detach --all [--force]\n", dl_progname);
	printf("\nRemove drives and their media. DEVICE is /dev/srN, /dev/sgN,\n"
	       "srN, sgN or a discloop drive index.\n\n"
	       "Options:\n");
	if (!is_remove)
		printf(" -a, --all    remove every discloop drive\n");
	printf(" -f, --force  remove even if mounted (hot unplug)\n"
	       " -h, --help   display this help\n\n"
	       "For more details see discloop(1).\n");
}

static int detach_common(int argc, char **argv, bool is_remove)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *cmd = is_remove ? "remove" : "detach";
	bool all = false, force = false;
	int c, i, fd, failed = 0;
	struct dl_dev dev;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, is_remove ? "fh" : "afh", opts, NULL)) != -1) {
		switch (c) {
		case 'a':
			if (is_remove)
				goto bad;
			all = true;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			detach_usage(cmd, is_remove);
			return DL_EXIT_OK;
		default:
			goto bad;
		}
	}
	if (all && optind != argc) {
		dl_usage_err("detach: --all takes no DEVICE");
		return DL_EXIT_USAGE;
	}
	if (!all && optind == argc) {
		dl_usage_err("%s: no device given", cmd);
		return DL_EXIT_USAGE;
	}
	fd = dl_ctl_open(true);
	if (fd < 0) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	if (all) {
		struct discloop_info info;
		int idx = 0;

		while ((idx = dl_ctl_next_drive(fd, idx, &info)) >= 0) {
			char name[32];

			snprintf(name, sizeof(name), "drive %d", idx);
			if (dl_dev_from_index(idx, &dev)) {
				dl_err_lib();
				failed++;
			} else if (remove_one(fd, dev.srpath[0] ? dev.srpath : name, &dev, force)) {
				failed++;
			}
			idx++;
		}
		return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
	}
	for (i = optind; i < argc; i++) {
		if (dl_dev_resolve(argv[i], &dev) || dl_dev_require_discloop(argv[i], &dev)) {
			dl_err_lib();
			failed++;
		} else if (remove_one(fd, argv[i], &dev, force)) {
			failed++;
		}
	}
	return failed ? DL_EXIT_FAIL : DL_EXIT_OK;
bad:
	return dl_bad_option(cmd, argv, argc);
}

int cmd_detach(int argc, char **argv)
{
	return detach_common(argc, argv, false);
}

int cmd_remove(int argc, char **argv)
{
	return detach_common(argc, argv, true);
}

/* ---- insert ---- */

static void insert_usage(void)
{
	printf("Usage:\n %s insert [options] DEVICE IMAGE\n\n"
	       "Put IMAGE into an existing drive, replacing its medium. IMAGE is an\n"
	       "ISO image or a CD image (.cue, .toc, .ccd or .chd).\n\n"
	       "Options:\n"
	       " -p, --profile PROFILE  auto (default: by size), cd, dvd or bd\n"
	       "     --pad              accept a size that is not a multiple of 2048\n"
	       " -f, --force            replace the medium even if the drive is locked\n"
	       " -h, --help             display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

/* insert DEVICE IMAGE for a CD layout image. */
static int insert_layout(const char *arg, const char *image, uint32_t profile, bool pad,
			 bool force)
{
	struct dl_layout l;
	struct dl_dev dev;
	int fd, ret;

	if (layout_options_ok("insert", profile, pad, false))
		return DL_EXIT_USAGE;
	if (dl_dev_resolve(arg, &dev) || dl_dev_require_discloop(arg, &dev)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	fd = dl_ctl_open(true);
	if (fd < 0) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	if (load_layout(image, &l))
		return DL_EXIT_FAIL;
	ret = dl_drive_insert_layout(fd, (uint32_t)dev.index, &l, force ? DISCLOOP_FLAG_FORCE : 0);
	dl_layout_free(&l);
	if (ret == -EBUSY) {
		dl_err("%s: drive is locked (use --force)", arg);
		return DL_EXIT_FAIL;
	}
	if (ret) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}

int cmd_insert(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "index", required_argument, NULL, 'i' },
		{ "profile", required_argument, NULL, 'p' },
		{ "pad", no_argument, NULL, OPT_PAD },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	uint32_t profile = DISCLOOP_PROFILE_AUTO;
	struct dl_image img;
	struct dl_dev dev;
	bool pad = false, force = false;
	int c, fd, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "p:fh", opts, NULL)) != -1) {
		switch (c) {
		case 'p':
			if (dl_parse_profile_opt(optarg, &profile))
				return DL_EXIT_USAGE;
			break;
		case OPT_PAD:
			pad = true;
			break;
		case 'f':
			force = true;
			break;
		case 'h':
			insert_usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("insert", argv, argc);
		}
	}
	if (argc - optind != 2) {
		dl_usage_err("insert: want DEVICE and IMAGE");
		return DL_EXIT_USAGE;
	}
	if (dl_layout_is_layout(argv[optind + 1]))
		return insert_layout(argv[optind], argv[optind + 1], profile, pad, force);
	if (dl_dev_resolve(argv[optind], &dev) || dl_dev_require_discloop(argv[optind], &dev) ||
	    dl_image_open(argv[optind + 1], pad, profile, &img)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	fd = dl_ctl_open(true);
	if (fd < 0) {
		dl_err_lib();
		dl_image_close(&img);
		return DL_EXIT_FAIL;
	}
	ret = dl_ctl_insert(fd, dev.index, img.fd, profile, force ? DISCLOOP_FLAG_FORCE : 0);
	dl_image_close(&img);
	if (ret == -EBUSY) {
		dl_err("%s: drive is locked (use --force)", argv[optind]);
		return DL_EXIT_FAIL;
	}
	if (ret) {
		dl_err("%s: cannot insert %s: %s", argv[optind], argv[optind + 1],
		       dl_ctl_strerror(ret));
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}

/* ---- eject ---- */

static void eject_usage(void)
{
	printf("Usage:\n %s eject [options] DEVICE\n\n"
	       "Take the medium out of a drive, as its eject button does: at once if\n"
	       "the drive is not locked, else by an eject request that udev honours.\n\n"
	       "Options:\n"
	       " -f, --force            eject even if a program locked the drive\n"
	       " -t, --timeout SECONDS  how long to wait for a locked drive (default 5)\n"
	       " -h, --help             display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

int cmd_eject(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, fd, ret, timeout_ms = EJECT_TIMEOUT_MS;
	struct discloop_info info;
	struct dl_dev dev;
	bool force = false;
	long long deadline;
	const char *arg;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ft:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = true;
			break;
		case 't':
			if (dl_parse_timeout(optarg, &timeout_ms))
				return DL_EXIT_USAGE;
			break;
		case 'h':
			eject_usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("eject", argv, argc);
		}
	}
	if (argc - optind != 1) {
		dl_usage_err(argc == optind ? "eject: no device given" : "eject: too many arguments");
		return DL_EXIT_USAGE;
	}
	arg = argv[optind];
	if (dl_dev_resolve(arg, &dev) || dl_dev_require_discloop(arg, &dev)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	fd = dl_ctl_open(true);
	if (fd < 0) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	ret = dl_ctl_get_info(fd, dev.index, &info);
	if (ret) {
		dl_err("%s: %s", arg, dl_ctl_strerror(ret));
		return DL_EXIT_FAIL;
	}
	if (!(info.state & DISCLOOP_STATE_MEDIA))
		return DL_EXIT_OK;	/* nothing in the drive: done */
	if (force || !(info.state & DISCLOOP_STATE_LOCKED)) {
		ret = dl_ctl_eject(fd, dev.index, force ? DISCLOOP_FLAG_FORCE : 0);
		if (!ret || ret == -ENOMEDIUM)
			return DL_EXIT_OK;
		if (ret != -EBUSY || force) {
			dl_err("%s: %s", arg, dl_ctl_strerror(ret));
			return DL_EXIT_FAIL;
		}
		/* locked meanwhile: ask, as the button would */
	}
	ret = dl_ctl_eject(fd, dev.index, DISCLOOP_FLAG_REQUEST);
	if (ret && ret != -EBUSY) {
		dl_err("%s: %s", arg, dl_ctl_strerror(ret));
		return DL_EXIT_FAIL;
	}
	deadline = dl_now_ms() + timeout_ms;
	for (;;) {
		if (dl_ctl_get_info(fd, dev.index, &info) || !(info.state & DISCLOOP_STATE_MEDIA))
			return DL_EXIT_OK;
		if (dl_now_ms() >= deadline)
			break;
		usleep(50000);
	}
	dl_err("%s: drive is locked (use --force)", arg);
	return DL_EXIT_FAIL;
}

/* ---- passthrough ---- */

static void passthrough_usage(void)
{
	printf("Usage:\n %s passthrough [options] DEVICE on|off\n\n"
	       "Turn a drive to passthrough (on: the local sr driver lets go of it, its\n"
	       "/dev/srN goes and only /dev/sgN stays, for one consumer such as a\n"
	       "virtual machine or an iSCSI target, which then gets every media event)\n"
	       "or back (off: sr binds again). Prints the node left in use.\n\n"
	       "Options:\n"
	       " -f, --force            go passthrough even if /dev/srN is mounted\n"
	       " -t, --timeout SECONDS  how long to wait for the node (default 10)\n"
	       " -h, --help             display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

int cmd_passthrough(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "timeout", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, fd, timeout_ms = DEFAULT_TIMEOUT_MS;
	bool force = false, on;
	struct dl_dev dev;
	const char *arg;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "ft:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			force = true;
			break;
		case 't':
			if (dl_parse_timeout(optarg, &timeout_ms))
				return DL_EXIT_USAGE;
			break;
		case 'h':
			passthrough_usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("passthrough", argv, argc);
		}
	}
	if (argc - optind != 2) {
		dl_usage_err("passthrough: want DEVICE and on or off");
		return DL_EXIT_USAGE;
	}
	if (!strcmp(argv[optind + 1], "on")) {
		on = true;
	} else if (!strcmp(argv[optind + 1], "off")) {
		on = false;
	} else {
		dl_usage_err("passthrough: '%s': want on or off", argv[optind + 1]);
		return DL_EXIT_USAGE;
	}
	arg = argv[optind];
	if (dl_dev_resolve(arg, &dev) || dl_dev_require_discloop(arg, &dev)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	if (on && !force && dev_mounted(&dev)) {
		dl_err("%s: drive busy (mounted; unmount it first or use --force)", arg);
		return DL_EXIT_FAIL;
	}
	fd = dl_ctl_open(true);
	if (fd < 0 || dl_drive_set_passthrough(fd, (uint32_t)dev.index, on, timeout_ms, &dev)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	if (printf("%s\n", on ? dev.sgpath : dev.srpath) < 0 || fflush(stdout)) {
		dl_err("%s: %s", arg, strerror(errno ? errno : EIO));
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}
