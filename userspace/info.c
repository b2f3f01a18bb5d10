// SPDX-License-Identifier: GPL-2.0
/*
 * discloop info IMAGE|DEVICE: what blkid and our own ISO 9660 reader say
 * about an image file or the medium in a drive, and which profile it gets.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <blkid.h>

#include "tool.h"
#include "opts.h"
#include "control.h"
#include "device.h"
#include "image.h"
#include "jsonwrt.h"
#include "layout.h"
#include "../common/cdframe.h"

/* ---- output: "KEY: value" lines or one JSON object ---- */

#define DL_KV_MAX 64

enum dl_kv_type { DL_KV_STR, DL_KV_NUM, DL_KV_BOOL };

struct dl_kv {
	size_t n;
	struct {
		char key[48];
		char val[1040];
		enum dl_kv_type type;
	} e[DL_KV_MAX];
};

/* ---- output: "KEY: value" lines or one JSON object ---- */

static void kv_add(struct dl_kv *kv, const char *key, enum dl_kv_type t, const char *val)
{
	size_t i;

	if (kv->n >= DL_KV_MAX)
		return;
	for (i = 0; i < kv->n; i++)
		if (!strcmp(kv->e[i].key, key))
			return;	/* first one wins */
	snprintf(kv->e[kv->n].key, sizeof(kv->e[0].key), "%s", key);
	snprintf(kv->e[kv->n].val, sizeof(kv->e[0].val), "%s", val ? val : "");
	kv->e[kv->n].type = t;
	kv->n++;
}

static void dl_kv_str(struct dl_kv *kv, const char *key, const char *val)
{
	kv_add(kv, key, DL_KV_STR, val);
}

static void dl_kv_num(struct dl_kv *kv, const char *key, uint64_t v)
{
	char b[32];

	snprintf(b, sizeof(b), "%" PRIu64, v);
	kv_add(kv, key, DL_KV_NUM, b);
}

static void dl_kv_bool(struct dl_kv *kv, const char *key, bool v)
{
	kv_add(kv, key, DL_KV_BOOL, v ? "true" : "false");
}

/* The lines, then the disc's layout when there is one. */
static void dl_kv_print(const struct dl_kv *kv, const struct dl_layout *disc, bool json,
			FILE *out)
{
	size_t i, w = 0;

	if (json) {
		struct dl_json j;

		dl_json_init(&j, out);
		dl_json_open(&j, NULL, '{');
		for (i = 0; i < kv->n; i++) {
			char key[sizeof(kv->e[0].key)];
			size_t k;

			for (k = 0; k < sizeof(key) - 1 && kv->e[i].key[k]; k++)
				key[k] = (char)tolower((unsigned char)kv->e[i].key[k]);
			key[k] = '\0';
			if (kv->e[i].type == DL_KV_STR)
				dl_json_str(&j, key, kv->e[i].val);
			else if (kv->e[i].type == DL_KV_BOOL)
				dl_json_bool(&j, key, !strcmp(kv->e[i].val, "true"));
			else
				dl_json_u64(&j, key, strtoull(kv->e[i].val, NULL, 10));
		}
		if (disc) {
			dl_json_open(&j, "disc", '{');
			dl_layout_json(disc, &j);
			dl_json_close(&j, '{');
		}
		dl_json_close(&j, '{');
		return;
	}
	for (i = 0; i < kv->n; i++)
		if (strlen(kv->e[i].key) > w)
			w = strlen(kv->e[i].key);
	for (i = 0; i < kv->n; i++) {
		const char *v = kv->e[i].val;

		if (kv->e[i].type == DL_KV_BOOL)
			v = !strcmp(v, "true") ? "yes" : "no";
		fprintf(out, "%s:%*s %s\n", kv->e[i].key, (int)(w - strlen(kv->e[i].key)), "", v);
	}
	if (disc)
		dl_layout_print(disc, out);
}

/* ---- probing ---- */

static void probe_blkid(int fd, struct dl_kv *kv)
{
	blkid_probe pr = blkid_new_probe();
	int i, n;

	if (!pr)
		return;
	if (blkid_probe_set_device(pr, fd, 0, 0) == 0) {
		blkid_probe_enable_superblocks(pr, 1);
		blkid_probe_set_superblocks_flags(pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID |
						  BLKID_SUBLKS_TYPE | BLKID_SUBLKS_VERSION |
						  BLKID_SUBLKS_SECTYPE);
		blkid_probe_enable_partitions(pr, 1);
		if (blkid_do_safeprobe(pr) == 0) {
			static const char *const first[] = { "TYPE", "LABEL", "UUID", "VERSION", NULL };
			const char *v;
			size_t vl;

			for (i = 0; first[i]; i++)
				if (!blkid_probe_lookup_value(pr, first[i], &v, &vl))
					dl_kv_str(kv, first[i], v);
			n = blkid_probe_numof_values(pr);
			for (i = 0; i < n; i++) {
				const char *name, *data;
				size_t size;

				if (blkid_probe_get_value(pr, i, &name, &data, &size))
					continue;
				if (!strncmp(name, "SBMAGIC", 7) || !strcmp(name, "LABEL_RAW"))
					continue;
				if (!strcmp(name, "PTTYPE"))
					name = "PARTITION_TABLE";
				dl_kv_str(kv, name, data);
			}
		}
	}
	blkid_free_probe(pr);
}

static void probe_iso(int fd, uint64_t bytes, struct dl_kv *kv)
{
	struct dl_iso_features f;

	dl_iso_probe(fd, bytes, &f);
	dl_kv_bool(kv, "ISO9660", f.iso9660);
	dl_kv_bool(kv, "EL_TORITO", f.el_torito);
	dl_kv_bool(kv, "JOLIET", f.joliet);
	if (f.joliet)
		dl_kv_num(kv, "JOLIET_LEVEL", f.joliet_level);
	dl_kv_bool(kv, "ROCK_RIDGE", f.rock_ridge);
	dl_kv_bool(kv, "UDF", f.udf);
}

/* A .cue, .toc, .ccd or .chd image: what the parser makes of it. */
static int info_layout(const char *path, struct dl_kv *kv, struct dl_layout *disc)
{
	if (dl_layout_load(path, disc, NULL, NULL)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	dl_kv_str(kv, "SOURCE", path);
	dl_kv_str(kv, "FORMAT", disc->format);
	dl_kv_str(kv, "PROFILE", dl_profile_name(DISCLOOP_PROFILE_CD));
	return DL_EXIT_OK;
}

static int info_image(const char *path, struct dl_kv *kv, struct dl_layout *disc)
{
	struct dl_image img;
	uint32_t prof;

	if (dl_layout_is_layout(path))
		return info_layout(path, kv, disc);

	if (dl_image_open(path, true, DISCLOOP_PROFILE_AUTO, &img)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	prof = dl_profile_for_sectors(img.sectors);
	dl_kv_str(kv, "SOURCE", path);
	dl_kv_num(kv, "SIZE", img.bytes);
	dl_kv_num(kv, "SECTORS", img.sectors);
	dl_kv_bool(kv, "NEEDS_PAD", img.bytes % DL_CD_DATA_SIZE != 0);
	dl_kv_str(kv, "PROFILE", dl_profile_name(prof));
	probe_blkid(img.fd, kv);
	probe_iso(img.fd, img.bytes, kv);
	dl_image_close(&img);
	return DL_EXIT_OK;
}

/*
 * The state of a discloop drive: its medium's profile into @profile, and
 * into @sectors its capacity (what a drive with no sr node cannot be
 * asked through a block device).
 */
static void drive_state(const struct dl_dev *dev, struct dl_kv *kv, uint32_t *profile,
			uint64_t *sectors)
{
	char dir[PATH_MAX], p[PATH_MAX + 32], v[DISCLOOP_PATH_MAX];

	*profile = DISCLOOP_PROFILE_NONE;
	snprintf(dir, sizeof(dir), "%s/bus/scsi/devices/%d:%d:%d:%d/discloop", dl_sysfs_root,
		 dev->host, dev->channel, dev->target, dev->lun);
	snprintf(p, sizeof(p), "%s/profile", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		dl_profile_parse(v, profile);
	snprintf(p, sizeof(p), "%s/backing_file", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		dl_kv_str(kv, "IMAGE", v);
	snprintf(p, sizeof(p), "%s/locked", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		dl_kv_bool(kv, "LOCKED", !strcmp(v, "1"));
	snprintf(p, sizeof(p), "%s/sectors", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		*sectors = strtoull(v, NULL, 10);
	snprintf(p, sizeof(p), "%s/passthrough", dir);
	if (!dl_read_attr(p, v, sizeof(v)))
		dl_kv_bool(kv, "PASSTHROUGH", !strcmp(v, "1"));
	if (*profile == DISCLOOP_PROFILE_NONE) {
		/* older module without attributes: the control device */
		struct discloop_info info;
		int fd = dl_ctl_open(false);

		if (fd >= 0 && !dl_ctl_get_info(fd, dev->index, &info)) {
			*profile = info.profile;
			*sectors = info.sectors;
			dl_kv_str(kv, "IMAGE", info.image);
			dl_kv_bool(kv, "LOCKED", info.state & DISCLOOP_STATE_LOCKED);
			dl_kv_bool(kv, "PASSTHROUGH", info.state & DISCLOOP_STATE_PASSTHROUGH);
		}
	}
}

/* The layout of the disc in a discloop drive (ABI 2); false without one. */
static bool drive_layout(const struct dl_dev *dev, struct dl_layout *disc)
{
	int fd = dl_ctl_open(false);

	return fd >= 0 && !dl_ctl_get_disc(fd, (uint32_t)dev->index, disc);
}

static int info_drive(const char *arg, struct dl_kv *kv, struct dl_layout *disc,
		      bool *has_disc)
{
	uint32_t profile = DISCLOOP_PROFILE_NONE;
	uint64_t bytes = 0, sectors = 0;
	struct dl_dev dev;
	char hctl[64];
	int fd;

	if (dl_dev_resolve(arg, &dev)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	dl_kv_str(kv, "SOURCE", arg);
	dl_kv_str(kv, "DEVICE", dev.srpath);
	dl_kv_str(kv, "SG", dev.sgpath);
	snprintf(hctl, sizeof(hctl), "%d:%d:%d:%d", dev.host, dev.channel, dev.target, dev.lun);
	dl_kv_str(kv, "HCTL", hctl);
	dl_kv_bool(kv, "DISCLOOP", dl_host_is_discloop(dev.host));
	if (dev.index >= 0) {
		dl_kv_num(kv, "INDEX", dev.index);
		drive_state(&dev, kv, &profile, &sectors);
	}
	if (!dev.srpath[0]) {
		/*
		 * No block node (a passthrough drive, or sr unbound): what the
		 * module says of the medium; its contents are not probed.
		 */
		if (dev.index >= 0) {
			dl_kv_bool(kv, "MEDIA", profile != DISCLOOP_PROFILE_NONE);
			if (profile != DISCLOOP_PROFILE_NONE) {
				dl_kv_num(kv, "SIZE", sectors * DL_CD_DATA_SIZE);
				dl_kv_num(kv, "SECTORS", sectors);
				dl_kv_str(kv, "PROFILE", dl_profile_name(profile));
			}
			*has_disc = drive_layout(&dev, disc);
		}
		return DL_EXIT_OK;
	}
	fd = open(dev.srpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;

		if (err == ENOMEDIUM) {
			dl_kv_bool(kv, "MEDIA", false);
			return DL_EXIT_OK;
		}
		dl_err("%s: %s", dev.srpath, strerror(err));
		return DL_EXIT_FAIL;
	}
	if (ioctl(fd, BLKGETSIZE64, &bytes))
		bytes = 0;
	dl_kv_bool(kv, "MEDIA", bytes > 0);
	if (bytes) {
		dl_kv_num(kv, "SIZE", bytes);
		dl_kv_num(kv, "SECTORS", bytes / DL_CD_DATA_SIZE);
		dl_kv_str(kv, "PROFILE", profile ? dl_profile_name(profile) :
			  dl_profile_name(dl_profile_for_sectors(bytes / DL_CD_DATA_SIZE)));
		probe_blkid(fd, kv);
		probe_iso(fd, bytes, kv);
	}
	close(fd);
	if (dev.index >= 0)
		*has_disc = drive_layout(&dev, disc);
	return DL_EXIT_OK;
}

static void usage(void)
{
	printf("Usage:\n %s info [options] IMAGE|DEVICE\n\n"
	       "Describe an image file, or the medium in a drive: file system,\n"
	       "label and ids (libblkid), size, the profile it gets, El Torito,\n"
	       "Joliet, Rock Ridge and UDF. For a CD image (.cue, .toc, .ccd, .chd)\n"
	       "or a CD in a drive: sessions, tracks, gaps, flags, ISRC, MCN, CD-TEXT.\n\n"
	       "Options:\n"
	       " -J, --json  use JSON output format\n"
	       " -h, --help  display this help\n\n"
	       "For more details see discloop(1).\n", dl_progname);
}

int cmd_info(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct dl_layout disc;
	struct dl_kv *kv;
	bool json = false, has_disc = false;
	struct stat st;
	int c, ret;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "Jh", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = true;
			break;
		case 'h':
			usage();
			return DL_EXIT_OK;
		default:
			return dl_bad_option("info", argv, argc);
		}
	}
	if (argc - optind != 1) {
		dl_usage_err(argc == optind ? "info: no image or device given" :
			     "info: too many arguments");
		return DL_EXIT_USAGE;
	}
	kv = calloc(1, sizeof(*kv));
	if (!kv) {
		dl_err("info: out of memory");
		return DL_EXIT_FAIL;
	}
	dl_layout_init(&disc, NULL, NULL);
	/* An existing path that is not a device node is an image. */
	if ((!stat(argv[optind], &st) && !S_ISBLK(st.st_mode) && !S_ISCHR(st.st_mode)) ||
	    (strchr(argv[optind], '/') && stat(argv[optind], &st))) {
		/* (a missing file is reported by the image code) */
		ret = info_image(argv[optind], kv, &disc);
		has_disc = ret == DL_EXIT_OK && disc.nr_tracks;
	} else {
		ret = info_drive(argv[optind], kv, &disc, &has_disc);
	}
	if (ret == DL_EXIT_OK)
		dl_kv_print(kv, has_disc ? &disc : NULL, json, stdout);
	dl_layout_free(&disc);
	free(kv);
	return ret;
}
