// SPDX-License-Identifier: GPL-2.0
/*
 * Host tests of the discloop command's pure logic: device-name mapping
 * (against a fake sysfs tree), the auto profile rule, option parsing,
 * image validation (on real files of every bad kind), udev link-name
 * encoding, and the ISO 9660 feature reader (on synthetic images, plus
 * mutated ones that must never crash it).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "control.h"
#include "device.h"
#include "image.h"
#include "strutils.h"

static char tmp[256];

static void put(const char *rel, const char *content)
{
	char p[512], cmd[700];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", tmp, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", p);
	CHECK(system(cmd) == 0);
	f = fopen(p, "w");
	CHECK(f != NULL);
	if (f) {
		fputs(content, f);
		fclose(f);
	}
}

static void mkd(const char *rel)
{
	char cmd[700];

	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/%s'", tmp, rel);
	CHECK(system(cmd) == 0);
}

static void lnk(const char *target, const char *rel)
{
	char p[512], cmd[700];

	snprintf(p, sizeof(p), "%s/%s", tmp, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", p);
	CHECK(system(cmd) == 0);
	CHECK(symlink(target, p) == 0);
}

/*
 * host0: ahci with a real DVD drive sr0/sg0 (0:0:0:0) and a disk sda/sg1;
 * host3: discloop with drive index 1 at 3:0:1:0 = sr1/sg4, and drive
 * index 2 at 3:0:2:0 = sg5 only (passthrough: no sr bound, type 5);
 * host6: a tape at 6:0:0:0 = sg6 (type 1, no upper driver bound).
 */
static void rm_fake_sysfs(void)
{
	char cmd[400];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd))
		fprintf(stderr, "could not remove %s\n", tmp);
}

static void fake_sysfs(void)
{
	static char sys[300], dev[300];

	if (tmp[0])
		return;
	CHECK(unit_tmpdir(tmp, sizeof(tmp)) != NULL);
	atexit(rm_fake_sysfs);
	put("sys/class/scsi_host/host0/proc_name", "ahci\n");
	put("sys/class/scsi_host/host3/proc_name", "discloop\n");
	put("sys/class/scsi_host/host5/proc_name", "scsi_debug\n");
	mkd("sys/bus/scsi/devices/0:0:0:0/block/sr0");
	mkd("sys/bus/scsi/devices/0:0:0:0/scsi_generic/sg0");
	mkd("sys/bus/scsi/devices/1:0:0:0/block/sda");
	mkd("sys/bus/scsi/devices/1:0:0:0/scsi_generic/sg1");
	mkd("sys/bus/scsi/devices/3:0:1:0/block/sr1");
	mkd("sys/bus/scsi/devices/3:0:1:0/scsi_generic/sg4");
	put("sys/bus/scsi/devices/3:0:1:0/discloop/index", "1\n");
	mkd("sys/bus/scsi/devices/3:0:2:0/scsi_generic/sg5");
	put("sys/bus/scsi/devices/3:0:2:0/type", "5\n");
	put("sys/bus/scsi/devices/3:0:2:0/discloop/index", "2\n");
	put("sys/bus/scsi/devices/3:0:2:0/discloop/passthrough", "1\n");
	mkd("sys/bus/scsi/devices/6:0:0:0/scsi_generic/sg6");
	put("sys/bus/scsi/devices/6:0:0:0/type", "1\n");
	lnk("../../../devices/discloop/host3/target3:0:2/3:0:2:0", "sys/class/scsi_generic/sg5/device");
	lnk("../../../devices/pci0/host6/target6:0:0/6:0:0:0", "sys/class/scsi_generic/sg6/device");
	lnk("../../../devices/pci0/host0/target0:0:0/0:0:0:0", "sys/class/block/sr0/device");
	lnk("../../../devices/pci0/host1/target1:0:0/1:0:0:0", "sys/class/block/sda/device");
	lnk("../../../devices/discloop/host3/target3:0:1/3:0:1:0", "sys/class/block/sr1/device");
	lnk("../../../devices/pci0/host0/target0:0:0/0:0:0:0", "sys/class/scsi_generic/sg0/device");
	lnk("../../../devices/pci0/host1/target1:0:0/1:0:0:0", "sys/class/scsi_generic/sg1/device");
	lnk("../../../devices/discloop/host3/target3:0:1/3:0:1:0", "sys/class/scsi_generic/sg4/device");
	snprintf(sys, sizeof(sys), "%s/sys", tmp);
	snprintf(dev, sizeof(dev), "%s/dev", tmp);
	mkd("dev");
	dl_sysfs_root = sys;
	dl_dev_root = dev;
}

TEST(resolve_sr_and_sg_names)
{
	struct dl_dev d;
	char want[400];

	fake_sysfs();
	CHECK_EQ(dl_dev_resolve("sr1", &d), 0);
	CHECK(!strcmp(d.sr, "sr1"));
	CHECK(!strcmp(d.sg, "sg4"));
	CHECK_EQ(d.index, 1);
	CHECK_EQ(d.host, 3);
	CHECK_EQ(d.target, 1);
	snprintf(want, sizeof(want), "%s/dev/sg4", tmp);
	CHECK(!strcmp(d.sgpath, want));

	CHECK_EQ(dl_dev_resolve("sg4", &d), 0);
	CHECK(!strcmp(d.sr, "sr1"));
	CHECK_EQ(d.index, 1);
	CHECK_EQ(dl_dev_require_discloop("sg4", &d), 0);

	/* a path whose node is missing is still mapped by its name */
	CHECK_EQ(dl_dev_resolve("/nonexistent/dev/sr1", &d), 0);
	CHECK(!strcmp(d.sg, "sg4"));
}

/* A drive with no sr node (passthrough, or sr unbound) by its sg name. */
TEST(resolve_sg_without_sr)
{
	struct dl_dev d;
	char want[400];

	fake_sysfs();
	CHECK_EQ(dl_dev_resolve("sg5", &d), 0);
	CHECK(!d.sr[0]);
	CHECK(!d.srpath[0]);
	CHECK(!strcmp(d.sg, "sg5"));
	CHECK_EQ(d.index, 2);
	CHECK_EQ(d.target, 2);
	CHECK_EQ(dl_dev_require_discloop("sg5", &d), 0);
	snprintf(want, sizeof(want), "%s/dev/sg5", tmp);
	CHECK(!strcmp(d.sgpath, want));
	/* the same by a path whose node is not in the fake /dev */
	CHECK_EQ(dl_dev_resolve("/nonexistent/dev/sg5", &d), 0);
	CHECK_EQ(d.index, 2);
	/* sg of a device that is not MMC (a tape) is still refused */
	CHECK_EQ(dl_dev_resolve("sg6", &d), -ENODEV);
}

TEST(resolve_other_drives)
{
	struct dl_dev d;

	fake_sysfs();
	CHECK_EQ(dl_dev_resolve("sr0", &d), 0);
	CHECK(!strcmp(d.sg, "sg0"));
	CHECK_EQ(d.index, -1);
	CHECK(dl_dev_require_discloop("sr0", &d) < 0);
	CHECK_EQ(dl_dev_resolve("sg0", &d), 0);
	CHECK(!strcmp(d.sr, "sr0"));
	/* sg of a disk is not an optical drive */
	CHECK(dl_dev_resolve("sg1", &d) < 0);
	CHECK(dl_dev_resolve("sda", &d) < 0);
}

TEST(resolve_bad_names)
{
	static const char *const bad[] = {
		"", "sr", "sg", "sr1x", "srx", "foo", "sr-1", "1.5", "-1", "0x1", "sr 1",
	};
	struct dl_dev d;
	size_t i;

	fake_sysfs();
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CHECK(dl_dev_resolve(bad[i], &d) < 0);
	CHECK_EQ(dl_dev_resolve("sr9", &d), -ENODEV);
	CHECK_EQ(dl_dev_resolve("sg9", &d), -ENODEV);
	CHECK_EQ(dl_dev_resolve("256", &d), -ENODEV);
	CHECK_EQ(dl_dev_resolve("99999999999999999999", &d), -EINVAL);
	/* an index needs the control device, which the fake tree lacks */
	CHECK(dl_dev_resolve("1", &d) < 0);
}

TEST(host_is_discloop)
{
	fake_sysfs();
	CHECK(dl_host_is_discloop(3));
	CHECK(!dl_host_is_discloop(0));
	CHECK(!dl_host_is_discloop(5));
	CHECK(!dl_host_is_discloop(42));
	CHECK(!dl_host_is_discloop(-1));
}

TEST(parse_numbers)
{
	unsigned long v;
	int h, c, t, l;

	CHECK_EQ(dl_strtoul_range("0", 0, ULONG_MAX, &v), 0);
	CHECK_EQ(v, 0);
	CHECK_EQ(dl_strtoul_range("255", 0, ULONG_MAX, &v), 0);
	CHECK_EQ(v, 255);
	CHECK(dl_strtoul_range("", 0, ULONG_MAX, &v) < 0);
	CHECK(dl_strtoul_range("+1", 0, ULONG_MAX, &v) < 0);
	CHECK(dl_strtoul_range(" 1", 0, ULONG_MAX, &v) < 0);
	CHECK(dl_strtoul_range("1 ", 0, ULONG_MAX, &v) < 0);
	CHECK(dl_strtoul_range(NULL, 0, ULONG_MAX, &v) < 0);
	CHECK_EQ(dl_parse_hctl("3:0:12:0", &h, &c, &t, &l), 0);
	CHECK_EQ(t, 12);
	CHECK(dl_parse_hctl("3:0:12", &h, &c, &t, &l) < 0);
	CHECK(dl_parse_hctl("3:0:12:0x", &h, &c, &t, &l) < 0);
}

TEST(profile_rule)
{
	uint32_t p = 0xdead;

	CHECK_EQ(dl_profile_for_sectors(1), DISCLOOP_PROFILE_CD);
	CHECK_EQ(dl_profile_for_sectors(445500), DISCLOOP_PROFILE_CD);
	CHECK_EQ(dl_profile_for_sectors(445501), DISCLOOP_PROFILE_DVD);
	CHECK_EQ(dl_profile_for_sectors(4173824), DISCLOOP_PROFILE_DVD);
	CHECK_EQ(dl_profile_for_sectors(4173825), DISCLOOP_PROFILE_BD);
	CHECK_EQ(dl_profile_parse("auto", &p), 0);
	CHECK_EQ(p, DISCLOOP_PROFILE_AUTO);
	CHECK_EQ(dl_profile_parse("CD", &p), 0);
	CHECK_EQ(p, DISCLOOP_PROFILE_CD);
	CHECK_EQ(dl_profile_parse("dvd", &p), 0);
	CHECK_EQ(p, DISCLOOP_PROFILE_DVD);
	CHECK_EQ(dl_profile_parse("bd-rom", &p), 0);
	CHECK_EQ(p, DISCLOOP_PROFILE_BD);
	CHECK(dl_profile_parse("hddvd", &p) < 0);
	CHECK(dl_profile_parse("", &p) < 0);
	CHECK(!strcmp(dl_profile_name(DISCLOOP_PROFILE_DVD), "DVD-ROM"));
	CHECK(!strcmp(dl_profile_name(DISCLOOP_PROFILE_NONE), "-"));
}

TEST(option_values)
{
	uint32_t p;
	unsigned int ms = 0;
	unsigned long v;
	double rate;

	CHECK_EQ(dl_strtoms("10", 0, 3600, &ms), 0);
	CHECK_EQ(ms, 10000);
	CHECK_EQ(dl_strtoms("0.25", 0, 3600, &ms), 0);
	CHECK_EQ(ms, 250);
	CHECK_EQ(dl_strtoms("0", 0, 3600, &ms), 0);
	CHECK_EQ(ms, 0);
	CHECK(dl_strtoms("-1", 0, 3600, &ms) < 0);
	CHECK(dl_strtoms("abc", 0, 3600, &ms) < 0);
	CHECK(dl_strtoms("5s", 0, 3600, &ms) < 0);
	CHECK(dl_strtoms("", 0, 3600, &ms) < 0);
	CHECK(dl_strtoms("nan", 0, 3600, &ms) < 0);
	CHECK(dl_strtoms("1e9", 0, 3600, &ms) < 0);
	CHECK_EQ(dl_strtoul_range("5", 1, 4, &v), -ERANGE);
	CHECK_EQ(dl_strtoul_range("4", 1, 4, &v), 0);
	CHECK_EQ(dl_strtoul_range("0", 1, 4, &v), -ERANGE);
	CHECK_EQ(dl_strtoul_range("4x", 1, 4, &v), -EINVAL);
	CHECK_EQ(dl_strtorate("4M", &rate), 0);
	CHECK(rate == 4194304.0);
	CHECK_EQ(dl_strtorate("1.5MiB/s", &rate), 0);
	CHECK(rate == 1572864.0);
	CHECK_EQ(dl_strtorate("500k", &rate), 0);
	CHECK(rate == 512000.0);
	CHECK(dl_strtorate("-1", &rate) < 0);
	CHECK(dl_strtorate("4X", &rate) < 0);
	CHECK_EQ(dl_profile_parse("bd", &p), 0);
	CHECK(dl_profile_parse("floppy", &p) < 0);
}

TEST(image_size_rules)
{
	CHECK(dl_image_size_problem(0, false, DISCLOOP_PROFILE_AUTO) != NULL);
	CHECK(dl_image_size_problem(0, true, DISCLOOP_PROFILE_AUTO) != NULL);
	CHECK(dl_image_size_problem(2048, false, DISCLOOP_PROFILE_AUTO) == NULL);
	CHECK(dl_image_size_problem(2047, false, DISCLOOP_PROFILE_AUTO) != NULL);
	CHECK(dl_image_size_problem(2047, true, DISCLOOP_PROFILE_AUTO) == NULL);
	CHECK(dl_image_size_problem(445500ULL * 2048, false, DISCLOOP_PROFILE_CD) == NULL);
	CHECK(dl_image_size_problem(445501ULL * 2048, false, DISCLOOP_PROFILE_CD) != NULL);
	/* padding counts: 445500 sectors plus one byte is one sector too many */
	CHECK(dl_image_size_problem(445500ULL * 2048 + 1, true, DISCLOOP_PROFILE_CD) != NULL);
	CHECK(dl_image_size_problem(4173825ULL * 2048, false, DISCLOOP_PROFILE_DVD) != NULL);
	CHECK(dl_image_size_problem(4173825ULL * 2048, false, DISCLOOP_PROFILE_BD) == NULL);
	CHECK(dl_image_size_problem(0x100000000ULL * 2048, false, DISCLOOP_PROFILE_AUTO) != NULL);
}

static void mkfile(const char *path, size_t size)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (!f)
		return;
	while (size--)
		fputc(0, f);
	fclose(f);
}

TEST(image_open_bad_files)
{
	char d[256], p[300];
	struct dl_image img;

	CHECK(unit_tmpdir(d, sizeof(d)) != NULL);

	snprintf(p, sizeof(p), "%s/missing.iso", d);
	CHECK_EQ(dl_image_open(p, false, DISCLOOP_PROFILE_AUTO, &img), -ENOENT);
	CHECK(dl_image_open(d, false, DISCLOOP_PROFILE_AUTO, &img) < 0);

	/* a FIFO with no writer: must be refused, not block */
	snprintf(p, sizeof(p), "%s/fifo", d);
	CHECK_EQ(mkfifo(p, 0600), 0);
	CHECK(dl_image_open(p, false, DISCLOOP_PROFILE_AUTO, &img) < 0);
	unlink(p);

	CHECK(dl_image_open("/dev/null", false, DISCLOOP_PROFILE_AUTO, &img) < 0);

	snprintf(p, sizeof(p), "%s/empty.iso", d);
	mkfile(p, 0);
	CHECK(dl_image_open(p, true, DISCLOOP_PROFILE_AUTO, &img) < 0);
	unlink(p);

	snprintf(p, sizeof(p), "%s/odd.iso", d);
	mkfile(p, 3000);
	CHECK(dl_image_open(p, false, DISCLOOP_PROFILE_AUTO, &img) < 0);
	CHECK_EQ(dl_image_open(p, true, DISCLOOP_PROFILE_AUTO, &img), 0);
	CHECK_EQ(img.sectors, 2);
	CHECK_EQ(img.bytes, 3000);
	CHECK(img.fd >= 0);
	CHECK((fcntl(img.fd, F_GETFL) & O_ACCMODE) == O_RDONLY);
	CHECK(!(fcntl(img.fd, F_GETFL) & O_NONBLOCK));
	dl_image_close(&img);
	CHECK_EQ(img.fd, -1);

	/* unreadable (root reads anything: only checked as a user) */
	CHECK_EQ(chmod(p, 0), 0);
	if (geteuid() != 0)
		CHECK_EQ(dl_image_open(p, true, DISCLOOP_PROFILE_AUTO, &img), -EACCES);
	unlink(p);

	snprintf(p, sizeof(p), "%s/ok.iso", d);
	mkfile(p, 4096);
	CHECK_EQ(dl_image_open(p, false, DISCLOOP_PROFILE_CD, &img), 0);
	CHECK_EQ(img.sectors, 2);
	dl_image_close(&img);
	unlink(p);
	rmdir(d);
}

/* ---- ISO 9660 ---- */

#define NSEC 24
static unsigned char iso[NSEC * 2048];

static void le32(unsigned char *p, uint32_t v)
{
	p[0] = v, p[1] = v >> 8, p[2] = v >> 16, p[3] = v >> 24;
}

static void vd(int sec, int type)
{
	unsigned char *p = iso + sec * 2048;

	p[0] = type;
	memcpy(p + 1, "CD001", 5);
	p[6] = 1;
}

/* PVD, boot record, Joliet SVD, terminator; root dir at 20 with SP and a
 * CE pointing at sector 21 that holds the ER entry. */
static void build_iso(bool eltorito, int joliet, bool rr)
{
	unsigned char *root, *r;

	memset(iso, 0, sizeof(iso));
	vd(16, 1);
	le32(iso + 16 * 2048 + 80, NSEC);
	root = iso + 16 * 2048 + 156;
	root[0] = 34;
	le32(root + 2, 20);
	le32(root + 10, 2048);
	if (eltorito) {
		vd(17, 0);
		memcpy(iso + 17 * 2048 + 7, "EL TORITO SPECIFICATION", 23);
	} else {
		vd(17, 2);	/* a supplementary VD without Joliet escapes */
	}
	vd(18, 2);
	if (joliet)
		memcpy(iso + 18 * 2048 + 88, joliet == 1 ? "%/@" : joliet == 2 ? "%/C" : "%/E", 3);
	vd(19, 255);
	r = iso + 20 * 2048;
	r[32] = 1;			/* name length: "." */
	r[33] = 0;
	if (rr) {
		unsigned char *s = r + 34;

		memcpy(s, "SP", 2), s[2] = 7, s[3] = 1, s[4] = 0xbe, s[5] = 0xef, s[6] = 0;
		s += 7;
		memcpy(s, "CE", 2), s[2] = 28, s[3] = 1;
		le32(s + 4, 21), le32(s + 12, 100), le32(s + 20, 20);
		s += 28;
		r[0] = s - r;
		s = iso + 21 * 2048 + 100;
		memcpy(s, "ER", 2), s[2] = 20, s[3] = 1;
	} else {
		r[0] = 34;
	}
}

TEST(iso_features)
{
	struct dl_iso_features f;

	build_iso(true, 3, true);
	CHECK_EQ(dl_iso_probe_mem(iso, sizeof(iso), &f), 0);
	CHECK(f.iso9660);
	CHECK(f.el_torito);
	CHECK(f.joliet);
	CHECK_EQ(f.joliet_level, 3);
	CHECK(f.rock_ridge);
	CHECK(!f.udf);
	CHECK_EQ(f.volume_blocks, NSEC);

	build_iso(false, 0, false);
	CHECK_EQ(dl_iso_probe_mem(iso, sizeof(iso), &f), 0);
	CHECK(f.iso9660);
	CHECK(!f.el_torito && !f.joliet && !f.rock_ridge);

	build_iso(false, 1, false);
	dl_iso_probe_mem(iso, sizeof(iso), &f);
	CHECK(f.joliet);
	CHECK_EQ(f.joliet_level, 1);

	/* SP without RR/ER/PX is SUSP but not Rock Ridge */
	build_iso(false, 0, true);
	memset(iso + 21 * 2048 + 100, 0, 20);
	dl_iso_probe_mem(iso, sizeof(iso), &f);
	CHECK(!f.rock_ridge);

	/* a UDF bridge: BEA01 NSR02 TEA01 after the terminator */
	build_iso(false, 0, false);
	memcpy(iso + 23 * 2048, iso + 20 * 2048, 2048);	/* move the root dir */
	le32(iso + 16 * 2048 + 156 + 2, 23);
	memset(iso + 20 * 2048, 0, 3 * 2048);
	memcpy(iso + 20 * 2048 + 1, "BEA01", 5);
	memcpy(iso + 21 * 2048 + 1, "NSR02", 5);
	memcpy(iso + 22 * 2048 + 1, "TEA01", 5);
	dl_iso_probe_mem(iso, sizeof(iso), &f);
	CHECK(f.udf);
	CHECK(f.iso9660);
}

TEST(iso_garbage)
{
	struct dl_iso_features f;
	unsigned int seed = 1;
	size_t i;
	int n;

	memset(iso, 0, sizeof(iso));
	dl_iso_probe_mem(iso, sizeof(iso), &f);
	CHECK(!f.iso9660);
	/* too short to hold sector 16 */
	build_iso(true, 3, true);
	dl_iso_probe_mem(iso, 16 * 2048 + 100, &f);
	CHECK(!f.iso9660);
	dl_iso_probe_mem(iso, 0, &f);
	CHECK(!f.iso9660);
	/* truncated after the descriptors: features that need more are off */
	dl_iso_probe_mem(iso, 20 * 2048, &f);
	CHECK(f.iso9660);
	CHECK(!f.rock_ridge);

	for (i = 0; i < sizeof(iso); i++)
		iso[i] = rand_r(&seed);
	dl_iso_probe_mem(iso, sizeof(iso), &f);
	CHECK(!f.iso9660);

	/* mutate a valid image at random: must not crash (ASan watches) */
	for (n = 0; n < 3000; n++) {
		int k;

		build_iso(true, 2, true);
		for (k = 0; k < 8; k++) {
			static const int hot[] = { 16, 20, 21 };
			size_t off = hot[rand_r(&seed) % 3] * 2048 + rand_r(&seed) % 200;

			iso[off] = rand_r(&seed);
		}
		dl_iso_probe_mem(iso, sizeof(iso) - (rand_r(&seed) % 3) * 1000, &f);
	}
	CHECK(1);
}

TEST(iso_probe_fd)
{
	struct dl_iso_features f;
	int fd = unit_tmpfd();

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	build_iso(true, 2, true);
	CHECK_EQ(write(fd, iso, sizeof(iso)), (long long)sizeof(iso));
	CHECK_EQ(dl_iso_probe(fd, sizeof(iso), &f), 0);
	CHECK(f.iso9660 && f.el_torito && f.joliet && f.rock_ridge);
	/* the size bound is respected even if the file is longer */
	dl_iso_probe(fd, 17 * 2048, &f);
	CHECK(f.iso9660);
	CHECK(!f.rock_ridge);
	close(fd);
}

TEST(udev_link_encoding)
{
	char out[64];

	dl_udev_encode("CDROM", out, sizeof(out));
	CHECK(!strcmp(out, "CDROM"));
	dl_udev_encode("my label", out, sizeof(out));
	CHECK(!strcmp(out, "my\\x20label"));
	dl_udev_encode("a/b\\c", out, sizeof(out));
	CHECK(!strcmp(out, "a\\x2fb\\x5cc"));
	dl_udev_encode("Ubuntu 24.04 LTS amd64", out, sizeof(out));
	CHECK(!strcmp(out, "Ubuntu\\x2024.04\\x20LTS\\x20amd64"));
	dl_udev_encode("caf\xc3\xa9", out, sizeof(out));	/* UTF-8 kept */
	CHECK(!strcmp(out, "caf\xc3\xa9"));
	dl_udev_encode("x\xff", out, sizeof(out));		/* invalid byte */
	CHECK(!strcmp(out, "x\\xff"));
	dl_udev_encode("abcdefgh", out, 5);			/* truncation */
	CHECK(!strcmp(out, "abcd"));
	dl_udev_encode("a b", out, 4);
	CHECK(!strcmp(out, "a"));
}
