// SPDX-License-Identifier: GPL-2.0
/*
 * dlctl: a minimal driver of the discloop control ioctls, for the VM tests.
 *
 *   dlctl version
 *   dlctl add [IMAGE|-] [--profile cd|dvd|bd] [--index N]   prints the index
 *   dlctl remove N
 *   dlctl insert N IMAGE [--profile P] [--force]
 *   dlctl eject N [--force|--request]
 *   dlctl info N           key=value lines
 *   dlctl faults N [LBA:COUNT[:READS]]...   (none: clear)
 *   dlctl sg DEV CDB-HEX [ALLOC] [-o FILE]   one SG_IO command; prints
 *       status=S sense=KK/AA/QQ valid=V info=N resid=R got=N host=H
 *       (sense=none without CHECK CONDITION); data-in to FILE
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <linux/discloop.h>

static int sg_cmd(int argc, char **argv)
{
	unsigned char cdb[32], sense[64], *buf = NULL;
	const char *out = NULL, *hex;
	unsigned int alloc = 0, n = 0;
	struct sg_io_hdr h;
	int fd, i;

	if (argc < 4)
		return 2;
	hex = argv[3];
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else
			alloc = strtoul(argv[i], NULL, 0);
	}
	while (hex[0] && hex[1] && n < sizeof(cdb)) {
		unsigned int v;

		if (sscanf(hex, "%2x", &v) != 1)
			return 2;
		cdb[n++] = v;
		hex += 2;
	}
	fd = open(argv[2], O_RDWR | O_NONBLOCK);
	if (fd < 0)
		fd = open(argv[2], O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	buf = calloc(1, alloc + 1);
	memset(&h, 0, sizeof(h));
	memset(sense, 0, sizeof(sense));
	h.interface_id = 'S';
	h.dxfer_direction = alloc ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	h.cmd_len = n;
	h.cmdp = cdb;
	h.mx_sb_len = sizeof(sense);
	h.sbp = sense;
	h.dxfer_len = alloc;
	h.dxferp = buf;
	h.timeout = 30000;
	if (ioctl(fd, SG_IO, &h)) {
		perror("SG_IO");
		return 1;
	}
	if (h.status == 2 && h.sb_len_wr >= 14)
		printf("status=%d sense=%02x/%02x/%02x valid=%d info=%u resid=%d got=%d host=%d\n",
		       h.status, sense[2] & 15, sense[12], sense[13], sense[0] >> 7,
		       (unsigned int)sense[3] << 24 | sense[4] << 16 | sense[5] << 8 | sense[6],
		       h.resid, alloc - h.resid, h.host_status);
	else
		printf("status=%d sense=none resid=%d got=%d host=%d\n", h.status,
		       h.resid, alloc - h.resid, h.host_status);
	if (out) {
		FILE *f = fopen(out, "wb");

		if (!f || fwrite(buf, 1, alloc - h.resid, f) != alloc - h.resid ||
		    fclose(f))
			return 1;
	}
	return 0;
}

static int ctl(void)
{
	int fd = open("/dev/" DISCLOOP_CTL_NAME, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		perror("/dev/" DISCLOOP_CTL_NAME);
		exit(1);
	}
	return fd;
}

static unsigned int profile_of(const char *s)
{
	if (!strcmp(s, "cd"))
		return DISCLOOP_PROFILE_CD;
	if (!strcmp(s, "dvd"))
		return DISCLOOP_PROFILE_DVD;
	if (!strcmp(s, "bd"))
		return DISCLOOP_PROFILE_BD;
	if (!strcmp(s, "auto"))
		return DISCLOOP_PROFILE_AUTO;
	fprintf(stderr, "dlctl: bad profile %s\n", s);
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "dlctl: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void)
{
	fprintf(stderr, "usage: dlctl version | add [IMAGE] [--profile P] [--index N] |\n"
		"  remove N | insert N IMAGE [--profile P] [--force] |\n"
		"  eject N [--force|--request] | info N | faults N [LBA:COUNT[:READS]]...\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct discloop_info info;
	const char *image = NULL;
	unsigned long req;
	int i, fd;

	if (argc < 2)
		usage();
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.fd = -1;
	info.index = DISCLOOP_INDEX_ANY;

	if (!strcmp(argv[1], "sg")) {
		int rc = sg_cmd(argc, argv);

		if (rc == 2)
			usage();
		return rc;
	}
	if (!strcmp(argv[1], "version")) {
		int v = ioctl(ctl(), DISCLOOP_CTL_GET_VERSION);

		if (v < 0)
			die("GET_VERSION");
		printf("%d\n", v);
		return 0;
	}
	if (!strcmp(argv[1], "faults")) {
		struct discloop_faults f;

		if (argc < 3)
			usage();
		memset(&f, 0, sizeof(f));
		f.size = sizeof(f);
		f.index = strtoul(argv[2], NULL, 0);
		for (i = 3; i < argc && f.nr < DISCLOOP_MAX_FAULTS; i++) {
			unsigned long long lba;
			unsigned int count, reads = 0;

			if (sscanf(argv[i], "%llu:%u:%u", &lba, &count, &reads) < 2)
				usage();
			f.fault[f.nr].lba = lba;
			f.fault[f.nr].count = count;
			f.fault[f.nr].reads = reads;
			f.nr++;
		}
		if (ioctl(ctl(), DISCLOOP_CTL_SET_FAULTS, &f))
			die("SET_FAULTS");
		return 0;
	}

	i = 2;
	if (!strcmp(argv[1], "add")) {
		req = DISCLOOP_CTL_ADD;
		if (i < argc && argv[i][0] != '-')
			image = argv[i++];
		else if (i < argc && !strcmp(argv[i], "-"))
			i++;
	} else {
		if (argc < 3)
			usage();
		info.index = strtoul(argv[2], NULL, 0);
		i = 3;
		if (!strcmp(argv[1], "remove")) {
			req = DISCLOOP_CTL_REMOVE;
		} else if (!strcmp(argv[1], "insert")) {
			req = DISCLOOP_CTL_INSERT;
			if (i >= argc)
				usage();
			image = argv[i++];
		} else if (!strcmp(argv[1], "eject")) {
			req = DISCLOOP_CTL_EJECT;
		} else if (!strcmp(argv[1], "info")) {
			req = DISCLOOP_CTL_GET_INFO;
		} else {
			usage();
		}
	}
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--profile") && i + 1 < argc)
			info.profile = profile_of(argv[++i]);
		else if (!strcmp(argv[i], "--index") && i + 1 < argc)
			info.index = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--force"))
			info.flags |= DISCLOOP_FLAG_FORCE;
		else if (!strcmp(argv[i], "--request"))
			info.flags |= DISCLOOP_FLAG_REQUEST;
		else
			usage();
	}
	if (image) {
		info.fd = open(image, O_RDONLY | O_CLOEXEC);
		if (info.fd < 0)
			die(image);
	}
	fd = ctl();
	if (ioctl(fd, req, &info))
		die(argv[1]);
	if (req == DISCLOOP_CTL_ADD) {
		printf("%u\n", info.index);
	} else if (req == DISCLOOP_CTL_GET_INFO) {
		printf("index=%u\nhost=%u\nchannel=%u\ntarget=%u\nlun=%u\n",
		       info.index, info.host, info.channel, info.target, info.lun);
		printf("profile=0x%04x\nstate=0x%x\nsectors=%llu\nimage_bytes=%llu\nimage=%s\n",
		       info.profile, info.state,
		       (unsigned long long)info.sectors,
		       (unsigned long long)info.image_bytes, info.image);
	}
	return 0;
}
