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
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/discloop.h>

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
