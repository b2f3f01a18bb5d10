// SPDX-License-Identifier: GPL-2.0
/*
 * ctlfuzz: random ioctls on /dev/discloop-control.
 *
 *   ctlfuzz [-s SEED] [-n COUNT] [-m MAXDRIVES] -k KEEP IMAGE OTHER_SR
 *
 * Each round sends one ioctl: one of the control device's commands with a
 * random argument, or a random command number (other magic, other size
 * encodings, other direction bits). Arguments are a struct of random size
 * (0, 1, the real size -1/+0/+8, a page, random) whose size field, index,
 * fd, profile, flags, reserved words, path and fault table take values at
 * and around the limits; quirks (SET_QUIRKS, GET_QUIRKS) take offsets,
 * overreads and C2 ranges at and around theirs; CD layouts (INSERT_DISC, GET_DISC) are mostly
 * valid with one field set at random, their arrays behind pointers that
 * are valid, NULL, unmapped or random, of any count and element size; the pointer is valid, NULL, unmapped, or placed so
 * that the struct runs into an unmapped page. The fd is any of: the image,
 * a pipe, a socket, a directory, an O_PATH fd, a write-only fd, a closed fd
 * number, -1, a huge number, a memfd, a /proc file, /dev/null, an eventfd,
 * the control device itself, another drive's node (OTHER_SR) and the node
 * of a drive this run created (a drive must never serve another).
 *
 * The oracle: every ioctl returns 0 or fails with an errno the ABI
 * documents (Documentation/ioctl.rst), nothing hangs (the VM case has a
 * timeout), the image is never written (its SHA-256 is compared by the
 * case), and at the end every drive but KEEP (OTHER_SR's, never removed)
 * can be removed and is gone. The kernel log is checked by the harness. The seed is printed; the last 32
 * requests are printed on a failure, so a run can be replayed with -s.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <linux/discloop.h>

#define CTL_PATH	"/dev/" DISCLOOP_CTL_NAME
#define RING		32

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: enough for choosing, and replayable from the seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static uint32_t below(uint32_t n)
{
	return n ? (uint32_t)(rnd() % n) : 0;
}

struct req {
	unsigned long cmd;
	size_t len;
	int ptr_kind;
	uint32_t size, index, profile, flags;
	int fd;
	long ret;
	int err;
};

static struct req ring[RING];
static unsigned long errcount[256];
static unsigned long nreq;

static void dump_ring(void)
{
	unsigned long i, first = nreq > RING ? nreq - RING : 0;

	fprintf(stderr, "last %lu requests (oldest first):\n", nreq - first);
	for (i = first; i < nreq; i++) {
		const struct req *r = &ring[i % RING];

		fprintf(stderr, "  #%lu cmd %#lx len %zu ptr %d size %u index %#x fd %d "
			"profile %#x flags %#x -> %ld (%s)\n", i, r->cmd, r->len, r->ptr_kind,
			r->size, r->index, r->fd, r->profile, r->flags, r->ret,
			r->ret < 0 ? strerror(r->err) : "ok");
	}
}

/* The errors the control device may answer with (Documentation/ioctl.rst). */
static int allowed_errno(int e)
{
	switch (e) {
	case EINVAL: case E2BIG: case EFAULT: case ENOTTY: case ENODEV: case ENXIO:
	case EBUSY: case EEXIST: case ENOSPC: case EBADF: case EACCES: case EPERM:
	case ENOMEDIUM: case EFBIG: case ELOOP: case ENOMEM:
		return 1;
	}
	return 0;
}

static const unsigned long known_cmds[] = {
	DISCLOOP_CTL_GET_VERSION, DISCLOOP_CTL_ADD, DISCLOOP_CTL_REMOVE,
	DISCLOOP_CTL_INSERT, DISCLOOP_CTL_EJECT, DISCLOOP_CTL_GET_INFO,
	DISCLOOP_CTL_SET_FAULTS, DISCLOOP_CTL_INSERT_DISC, DISCLOOP_CTL_GET_DISC,
	DISCLOOP_CTL_SET_QUIRKS, DISCLOOP_CTL_GET_QUIRKS,
};
#define NKNOWN (sizeof(known_cmds) / sizeof(known_cmds[0]))

static unsigned long random_cmd(void)
{
	unsigned long c = known_cmds[below(NKNOWN)];

	switch (below(8)) {
	case 0:	/* another number with our magic */
		return _IOC(below(4), DISCLOOP_IOC_MAGIC, below(32), below(1 << 14));
	case 1:	/* the right number, another size in the encoding */
		return _IOC(_IOC_DIR(c), DISCLOOP_IOC_MAGIC, _IOC_NR(c), below(1 << 14));
	case 2:	/* the right number, another direction */
		return _IOC(below(4), DISCLOOP_IOC_MAGIC, _IOC_NR(c), _IOC_SIZE(c));
	case 3:	/* another magic */
		return _IOC(_IOC_DIR(c), below(256), _IOC_NR(c), _IOC_SIZE(c));
	case 4:
		return (unsigned long)rnd();
	default:
		return c;
	}
}

/* The fds a request may carry. */
enum { FD_IMAGE, FD_PIPE, FD_SOCKET, FD_DIR, FD_OPATH, FD_WRONLY, FD_CLOSED, FD_MINUS1,
	FD_HUGE, FD_MEMFD, FD_PROC, FD_NULL, FD_EVENTFD, FD_CTL, FD_OTHER_SR, FD_OWN_SR,
	FD_KINDS };
static int fds[FD_KINDS];

static int open_fds(const char *image, const char *other_sr, const char *tmpdir, int ctl)
{
	int p[2], s[2];
	char path[4096];

	fds[FD_IMAGE] = open(image, O_RDONLY);
	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, s))
		return -1;
	fds[FD_PIPE] = p[0];
	fds[FD_SOCKET] = s[0];
	fds[FD_DIR] = open(tmpdir, O_RDONLY | O_DIRECTORY);
	fds[FD_OPATH] = open(image, O_PATH);
	snprintf(path, sizeof(path), "%s/ctlfuzz-wronly", tmpdir);
	fds[FD_WRONLY] = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fds[FD_WRONLY] >= 0 && ftruncate(fds[FD_WRONLY], 2048 * 64))
		return -1;
	fds[FD_CLOSED] = dup(fds[FD_IMAGE]);
	close(fds[FD_CLOSED]);
	fds[FD_MINUS1] = -1;
	fds[FD_HUGE] = 0x7fffffff;
	fds[FD_MEMFD] = memfd_create("ctlfuzz", 0);
	if (fds[FD_MEMFD] >= 0 && ftruncate(fds[FD_MEMFD], 2048 * 64))
		return -1;
	fds[FD_PROC] = open("/proc/self/status", O_RDONLY);
	fds[FD_NULL] = open("/dev/null", O_RDONLY);
	fds[FD_EVENTFD] = eventfd(0, 0);
	fds[FD_CTL] = ctl;
	fds[FD_OTHER_SR] = open(other_sr, O_RDONLY | O_NONBLOCK);
	fds[FD_OWN_SR] = -1;	/* set once this run has a drive */
	if (fds[FD_IMAGE] < 0 || fds[FD_DIR] < 0 || fds[FD_OPATH] < 0 || fds[FD_WRONLY] < 0 ||
	    fds[FD_MEMFD] < 0 || fds[FD_PROC] < 0 || fds[FD_NULL] < 0 || fds[FD_EVENTFD] < 0 ||
	    fds[FD_OTHER_SR] < 0)
		return -1;
	return 0;
}

static int keep = -1;

/* Open drive @index's block node as the "own node" fd. */
static void open_own_node(int ctl, uint32_t index)
{
	struct discloop_info q = { .size = sizeof(q), .index = index };
	struct dirent *e;
	char p[300];
	DIR *d;
	int fd;

	if (ioctl(ctl, DISCLOOP_CTL_GET_INFO, &q))
		return;
	snprintf(p, sizeof(p), "/sys/bus/scsi/devices/%u:%u:%u:%u/block", q.host, q.channel,
		 q.target, q.lun);
	d = opendir(p);
	if (!d)
		return;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.')
			break;
	if (e) {
		snprintf(p, sizeof(p), "/dev/%.32s", e->d_name);
		fd = open(p, O_RDONLY | O_NONBLOCK);
		if (fd >= 0) {
			if (fds[FD_OWN_SR] >= 0)
				close(fds[FD_OWN_SR]);
			fds[FD_OWN_SR] = fd;
		}
	}
	closedir(d);
}

/* Remove drives beyond @max (all but KEEP with 0); how many failed. */
static int trim_drives(int ctl, int max)
{
	int i, n = 0, failed = 0;

	for (i = 0; i < DISCLOOP_MAX_DRIVES; i++) {
		struct discloop_info q = { .size = sizeof(q), .index = (uint32_t)i };

		if (i == keep || ioctl(ctl, DISCLOOP_CTL_GET_INFO, &q))
			continue;
		if (++n <= max)
			continue;
		if (ioctl(ctl, DISCLOOP_CTL_REMOVE, &q) && errno != ENODEV) {
			fprintf(stderr, "ctlfuzz: removing drive %d: %s\n", i, strerror(errno));
			failed++;
		}
	}
	return failed;
}

static uint32_t pick_u32(const uint32_t *vals, size_t n)
{
	return below(4) ? vals[below((uint32_t)n)] : (uint32_t)rnd();
}

/* Arrays a discloop_disc points at: tracks, index points, CD-TEXT. */
#define TRACK_BUF (128 * 128)
static unsigned char track_buf[TRACK_BUF];
static struct discloop_index index_buf[8];
static unsigned char cdtext_buf[18 * 4];
static unsigned char *guard;	/* an unmapped page */

/* A pointer for an array field: ours, NULL, unmapped, or random. */
static uint64_t pick_ptr(void *ours)
{
	switch (below(8)) {
	case 0: return 0;
	case 1: return (uintptr_t)guard;
	case 2: return rnd();
	default: return (uintptr_t)ours;
	}
}

/*
 * A layout that is mostly valid (a data track, an audio track, a second
 * session), with now and then one field anywhere set at random.
 */
static void fill_tracks(uint32_t nr, uint32_t tsize)
{
	uint32_t i, start = 0;

	memset(track_buf, 0, sizeof(track_buf));
	for (i = 0; i < nr && (i + 1) * (size_t)tsize <= sizeof(track_buf); i++) {
		struct discloop_track t;

		memset(&t, 0, sizeof(t));
		t.number = i + 1;
		t.session = i < 2 ? 1 : 2;
		t.type = i == 1 ? DISCLOOP_TRACK_AUDIO : below(2) ? DISCLOOP_TRACK_MODE1 :
			 DISCLOOP_TRACK_MODE2_XA;
		t.control = t.type == DISCLOOP_TRACK_AUDIO ? 0 : DISCLOOP_CTRL_DATA;
		t.fd = below(4) ? fds[FD_IMAGE] : fds[below(FD_KINDS)];
		t.sector_size = t.type == DISCLOOP_TRACK_AUDIO ? 2352 : below(2) ? 2048 : 2352;
		t.pregap = i ? 150 : 0;
		if (i == 2)
			start += 11400;
		t.start = start + t.pregap;
		t.length = 1 + below(300);
		start = t.start + t.length;
		if (below(16) == 0)
			((unsigned char *)&t)[below(sizeof(t))] = (unsigned char)rnd();
		memcpy(track_buf + i * (size_t)tsize, &t,
		       tsize < sizeof(t) ? tsize : sizeof(t));
	}
	if (below(8) == 0)
		track_buf[below(sizeof(track_buf))] = (unsigned char)rnd();
}

/* A discloop_disc for INSERT_DISC and GET_DISC in @buf. */
static void fill_disc(unsigned char *buf, size_t len, struct req *r, uint32_t idx)
{
	static const uint32_t nrs[] = { 0, 1, 2, 3, 99, 100, 0xffffffffU };
	static const uint32_t tsizes[] = {
		0, sizeof(struct discloop_track) - 1, sizeof(struct discloop_track),
		sizeof(struct discloop_track) + 8, 4096, 4097, 0xffffffffU,
	};
	struct discloop_disc d;
	uint32_t i;

	memset(&d, 0, sizeof(d));
	d.size = below(3) ? sizeof(d) : pick_u32((const uint32_t[]){ 0, 4, sizeof(d) - 1,
		sizeof(d) + 8, 4096 }, 5);
	d.index = idx;
	d.flags = below(8) ? 0 : (uint32_t)rnd();
	d.nr_tracks = below(2) ? 1 + below(3) : pick_u32(nrs, sizeof(nrs) / sizeof(nrs[0]));
	d.track_size = below(2) ? sizeof(struct discloop_track) :
		       pick_u32(tsizes, sizeof(tsizes) / sizeof(tsizes[0]));
	fill_tracks(d.nr_tracks, d.track_size ? d.track_size : 1);
	d.tracks = pick_ptr(track_buf);
	d.nr_indexes = below(2) ? 0 : pick_u32((const uint32_t[]){ 1, 2, 8, 9702, 9703 }, 5);
	for (i = 0; i < 8; i++) {
		index_buf[i].track = below(4);
		index_buf[i].index = 2 + below(3);
		index_buf[i].reserved = below(8) ? 0 : (uint16_t)rnd();
		index_buf[i].lba = below(600);
	}
	d.indexes = pick_ptr(index_buf);
	d.cdtext_len = below(2) ? 0 : pick_u32((const uint32_t[]){ 18, 36, 72, 17, 65532, 65550 }, 6);
	d.cdtext = d.cdtext_len || below(4) == 0 ? pick_ptr(cdtext_buf) : 0;
	d.disc_type = below(2) ? 0 : pick_u32((const uint32_t[]){ 0x10, 0x20, 0x30 }, 3);
	if (below(2))
		memcpy(d.mcn, below(4) ? "0123456789012" : "01234567890AB", 13);
	d.pad[0] = below(16) ? 0 : (uint8_t)rnd();
	d.sub_layout = below(2) ? 0 : below(4);
	d.sub_fd = d.sub_layout || below(8) == 0 ? fds[below(FD_KINDS)] : -1;
	d.sub_lba = below(2) ? 0 : (int32_t)rnd();
	d.sub_offset = below(2) ? 0 : rnd();
	if (below(8) == 0)
		d.reserved[below(8)] = rnd();
	/* GET_DISC writes: never more than our buffers hold */
	if (_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_GET_DISC)) {
		if ((uint64_t)d.nr_tracks * d.track_size > sizeof(track_buf) &&
		    d.tracks == (uintptr_t)track_buf)
			d.tracks = (uintptr_t)guard;
		if (d.nr_indexes > 8 && d.indexes == (uintptr_t)index_buf)
			d.indexes = (uintptr_t)guard;
		if (d.cdtext_len > sizeof(cdtext_buf) && d.cdtext == (uintptr_t)cdtext_buf)
			d.cdtext = (uintptr_t)guard;
	}
	r->size = d.size;
	r->fd = d.sub_fd;
	memcpy(buf, &d, len < sizeof(d) ? len : sizeof(d));
}

/* A discloop_quirks for SET_QUIRKS and GET_QUIRKS in @buf. */
static void fill_quirks(unsigned char *buf, size_t len, struct req *r, uint32_t idx)
{
	static const int32_t offsets[] = {
		0, 1, -1, 6, 667, -472, DISCLOOP_MAX_READ_OFFSET,
		-DISCLOOP_MAX_READ_OFFSET, DISCLOOP_MAX_READ_OFFSET + 1,
		-DISCLOOP_MAX_READ_OFFSET - 1, INT32_MIN, INT32_MAX,
	};
	static const uint32_t overreads[] = {
		0, 1, 100, DISCLOOP_MAX_OVERREAD, DISCLOOP_MAX_OVERREAD + 1, 0xffffffffU,
	};
	struct discloop_quirks q;
	size_t i;

	memset(&q, 0, sizeof(q));
	q.size = below(3) ? sizeof(q) : pick_u32((const uint32_t[]){ 0, 4, 24,
		sizeof(q) - 1, sizeof(q) + 8, 4096 }, 6);
	q.index = idx;
	q.flags = below(2) ? 0 : below(4) ? DISCLOOP_QUIRK_SCRAMBLE : (uint32_t)rnd();
	q.read_offset = below(2) ? 0 : offsets[below(sizeof(offsets) / sizeof(offsets[0]))];
	q.overread = pick_u32(overreads, sizeof(overreads) / sizeof(overreads[0]));
	q.nr_c2 = below(2) ? 0 : below(3) ? below(DISCLOOP_MAX_C2 + 1) : (uint32_t)rnd();
	for (i = 0; i < DISCLOOP_MAX_C2 && i < q.nr_c2; i++) {
		q.c2[i].lba = below(2) ? below(64) : rnd();
		q.c2[i].count = below(2) ? below(8) : (uint32_t)rnd();
		q.c2[i].reads = below(4);
		q.c2[i].offset = below(2) ? below(2352) : (uint16_t)rnd();
		q.c2[i].length = below(2) ? below(2353) : (uint16_t)rnd();
		q.c2[i].reserved = below(8) ? 0 : (uint32_t)rnd();
	}
	if (below(8) == 0)
		q.reserved[below(4)] = rnd();
	r->size = q.size;
	memcpy(buf, &q, len < sizeof(q) ? len : sizeof(q));
}

/* A discloop_info, discloop_faults or discloop_disc, or noise, in @buf. */
static void fill_arg(unsigned char *buf, size_t len, struct req *r, const int *made, int nmade)
{
	static const uint32_t sizes[] = {
		0, 1, 4, sizeof(struct discloop_info) - 1, sizeof(struct discloop_info),
		sizeof(struct discloop_info) + 8, sizeof(struct discloop_faults),
		sizeof(struct discloop_faults) - 1, 4096, 0xffffffffU,
	};
	static const uint32_t profiles[] = {
		DISCLOOP_PROFILE_AUTO, DISCLOOP_PROFILE_CD, DISCLOOP_PROFILE_DVD,
		DISCLOOP_PROFILE_BD, 1, 0x0a, 0xffff,
	};
	static const uint32_t flag_vals[] = {
		0, DISCLOOP_FLAG_FORCE, DISCLOOP_FLAG_REQUEST,
		DISCLOOP_FLAG_FORCE | DISCLOOP_FLAG_REQUEST, 1U << 31,
	};
	struct discloop_info info;
	struct discloop_faults flt;
	uint32_t idx;
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (unsigned char)rnd();
	if (below(8) == 0)
		return;		/* pure noise */
	if (nmade && below(2))
		idx = (uint32_t)made[below((uint32_t)nmade)];
	else
		idx = pick_u32((const uint32_t[]){ 0, 1, 2, DISCLOOP_MAX_DRIVES - 1,
			DISCLOOP_MAX_DRIVES, DISCLOOP_INDEX_ANY, 0x80000000U }, 7);
	r->index = idx;
	r->size = below(3) ? sizeof(info) : pick_u32(sizes, sizeof(sizes) / sizeof(sizes[0]));
	r->profile = pick_u32(profiles, sizeof(profiles) / sizeof(profiles[0]));
	r->flags = pick_u32(flag_vals, sizeof(flag_vals) / sizeof(flag_vals[0]));
	r->fd = fds[below(FD_KINDS)];
	if ((_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_INSERT_DISC) ||
	     _IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_GET_DISC)) && below(4)) {
		fill_disc(buf, len, r, idx);
		return;
	}
	if (_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_SET_FAULTS) && below(2)) {
		memset(&flt, 0, sizeof(flt));
		flt.size = below(3) ? sizeof(flt) : r->size;
		flt.index = idx;
		flt.nr = below(3) ? below(DISCLOOP_MAX_FAULTS + 1) : (uint32_t)rnd();
		flt.flags = below(4) ? 0 : (uint32_t)rnd();
		for (i = 0; i < DISCLOOP_MAX_FAULTS; i++) {
			flt.fault[i].lba = below(2) ? below(64) : rnd();
			flt.fault[i].count = below(2) ? below(8) : (uint32_t)rnd();
			flt.fault[i].reads = below(4);
		}
		if (below(8) == 0)
			flt.reserved[below(4)] = rnd();
		memcpy(buf, &flt, len < sizeof(flt) ? len : sizeof(flt));
		return;
	}
	if ((_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_SET_QUIRKS) ||
	     _IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_GET_QUIRKS)) && below(4)) {
		fill_quirks(buf, len, r, idx);
		return;
	}
	memset(&info, 0, sizeof(info));
	info.size = r->size;
	info.index = idx;
	info.fd = r->fd;
	info.profile = r->profile;
	info.flags = r->flags;
	if (below(8) == 0)
		info.reserved[below(8)] = rnd();
	if (below(8) == 0)
		info.state = (uint32_t)rnd();
	if (below(4) == 0)
		memset(info.image, 'A' + below(26), sizeof(info.image));	/* no NUL */
	memcpy(buf, &info, len < sizeof(info) ? len : sizeof(info));
}

static void usage(void)
{
	fprintf(stderr, "usage: ctlfuzz [-s SEED] [-n COUNT] [-m MAXDRIVES] -k KEEP IMAGE "
		"OTHER_SR\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 10000, i, nok = 0;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	int maxdrives = 8, made[DISCLOOP_MAX_DRIVES], nmade = 0, ctl, c, bad = 0, i2;
	unsigned char *area;
	long page = sysconf(_SC_PAGESIZE);
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";

	while ((c = getopt(argc, argv, "s:n:m:k:")) != -1) {
		switch (c) {
		case 'k': keep = atoi(optarg); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 'm': maxdrives = atoi(optarg); break;
		default: usage();
		}
	}
	if (argc - optind != 2 || maxdrives < 1 || maxdrives > 64 || keep < 0)
		usage();
	rng_state = seed ? seed : 1;
	printf("ctlfuzz: seed %" PRIu64 ", %lu requests\n", seed, count);
	ctl = open(CTL_PATH, O_RDWR);
	if (ctl < 0 || open_fds(argv[optind], argv[optind + 1], tmpdir, ctl)) {
		perror("ctlfuzz: setup");
		return 1;
	}
	/* Two pages of buffer, then one that is never mapped. */
	area = mmap(NULL, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || mprotect(area + 2 * page, page, PROT_NONE)) {
		perror("ctlfuzz: mmap");
		return 1;
	}
	guard = area + 2 * page;
	for (i = 0; i < count; i++) {
		struct req *r = &ring[nreq % RING];
		size_t len;
		void *arg;
		long ret;

		memset(r, 0, sizeof(*r));
		r->cmd = random_cmd();
		len = below(4) ? sizeof(struct discloop_info) : below(2 * page);
		if (_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_SET_FAULTS) && below(2))
			len = sizeof(struct discloop_faults);
		if ((_IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_SET_QUIRKS) ||
		     _IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_GET_QUIRKS)) && below(2))
			len = sizeof(struct discloop_quirks);
		r->len = len;
		r->ptr_kind = below(10);
		switch (r->ptr_kind) {
		case 0: arg = NULL; break;
		case 1: arg = area + 2 * page; break;			/* unmapped */
		case 2: arg = area + 2 * page - (len ? len / 2 + 1 : 1); break;	/* runs into it */
		default: arg = area + 2 * page - len; break;		/* ends at the guard */
		}
		if (r->ptr_kind >= 2)
			fill_arg(arg, r->ptr_kind == 2 ? (len ? len / 2 + 1 : 1) : len, r, made, nmade);
		/* KEEP's node is one of the fds: the drive itself is never removed. */
		if (_IOC_TYPE(r->cmd) == DISCLOOP_IOC_MAGIC && r->ptr_kind >= 2 &&
		    _IOC_NR(r->cmd) == _IOC_NR(DISCLOOP_CTL_REMOVE)) {
			size_t have = r->ptr_kind == 2 ? (len ? len / 2 + 1 : 1) : len;
			uint32_t *ix = (uint32_t *)((unsigned char *)arg + 4);

			if (have >= 8 && *ix == (uint32_t)keep)
				*ix = DISCLOOP_INDEX_ANY;
		}
		nreq++;
		ret = ioctl(ctl, r->cmd, arg);
		r->ret = ret;
		r->err = ret < 0 ? errno : 0;
		if (ret < 0 && !allowed_errno(errno)) {
			fprintf(stderr, "ctlfuzz: request #%lu: unexpected error %s\n", nreq - 1,
				strerror(errno));
			bad++;
			break;
		}
		if (ret >= 0)
			nok++;
		else if (errno < 256)
			errcount[errno]++;
		/* A drive this run made: its index is a likely target, its node an fd. */
		if (ret == 0 && r->cmd == DISCLOOP_CTL_ADD && r->ptr_kind >= 3) {
			const struct discloop_info *in = arg;

			if (in->index < DISCLOOP_MAX_DRIVES && nmade < DISCLOOP_MAX_DRIVES) {
				made[nmade++] = (int)in->index;
				if (below(4) == 0)
					open_own_node(ctl, in->index);
			}
		}
		if (nmade > 2 * maxdrives)
			nmade = 0;
		if (i % 64 == 63 && trim_drives(ctl, maxdrives))
			bad++;
	}
	/* Every drive but KEEP can be removed, and is then gone. */
	if (!bad && trim_drives(ctl, 0))
		bad++;
	for (i2 = 0; i2 < DISCLOOP_MAX_DRIVES && !bad; i2++) {
		struct discloop_info q = { .size = sizeof(q), .index = (uint32_t)i2 };

		if (ioctl(ctl, DISCLOOP_CTL_GET_INFO, &q) == 0 && i2 != keep) {
			fprintf(stderr, "ctlfuzz: drive %d still there after its removal\n", i2);
			bad++;
		}
	}
	if (bad) {
		dump_ring();
		fprintf(stderr, "ctlfuzz: FAILED (seed %" PRIu64 ")\n", seed);
		return 1;
	}
	printf("ctlfuzz: %lu requests, %lu succeeded, the rest refused with documented "
	       "errors:", count, nok);
	for (c = 0; c < 256; c++)
		if (errcount[c])
			printf(" %s %lu", strerrorname_np(c) ? strerrorname_np(c) : "?",
			       errcount[c]);
	printf("\n");
	return 0;
}
