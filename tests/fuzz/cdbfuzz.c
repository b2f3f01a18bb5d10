// SPDX-License-Identifier: GPL-2.0
/*
 * cdbfuzz: send mutated and random CDBs to a discloop drive over SG_IO and
 * check every reply against the rules a real drive keeps.
 *
 *   cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] SGDEV IMAGE
 *
 * SGDEV is the drive's /dev/sgN (or /dev/srN), IMAGE the file in it. With
 * -c INDEX a second thread ejects the medium of drive INDEX and inserts
 * IMAGE again, at random intervals, through the control device.
 *
 * Commands are templates of every opcode discloop implements (and the
 * write commands it refuses) with their allocation length, LBA, transfer
 * length, flag and reserved bits, CDB length, data direction and buffer
 * size mutated, plus one command in ten of random bytes. Every reply must
 * be: ioctl success (or EINVAL/EMSGSIZE/ENOMEM for a header the
 * kernel itself refuses), status GOOD or CHECK CONDITION, no host or
 * driver error, 0 <= resid <= dxfer_len, on CHECK CONDITION fixed-format
 * sense (70h/71h) within the buffer whose key, ASC and ASCQ are among
 * those the driver documents; a GOOD READ(10)/READ(12) returns the
 * image's bytes; TEST UNIT READY answers every 256 commands.
 *
 * The sequence depends only on the seed (printed first). On the first
 * broken rule the reason and the last 64 commands are printed.
 * Exit status: 0 every reply kept the rules, 1 one did not, 2 usage or
 * setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <linux/discloop.h>

#define BLOCK		2048
#define MAX_XFER	(1U << 20)	/* above the drive's max_sectors */
#define SENSE_LEN	32
#define RING		64
#define TUR_EVERY	256

enum dir { IN, OUT, NONE };

/* A command template: where its fields are, big-endian. */
struct tmpl {
	uint8_t op, len;
	uint8_t alloc_at, alloc_w;	/* allocation / parameter list length */
	uint8_t lba_at, lba_w;		/* LBA (or MSF start for READ CD MSF) */
	uint8_t cnt_at, cnt_w;		/* transfer length in blocks */
	enum dir dir;
	const char *name;
};

static const struct tmpl tmpls[] = {
	{ 0x00, 6, 0, 0, 0, 0, 0, 0, NONE, "TEST UNIT READY" },
	{ 0x03, 6, 4, 1, 0, 0, 0, 0, IN, "REQUEST SENSE" },
	{ 0x12, 6, 3, 2, 0, 0, 0, 0, IN, "INQUIRY" },
	{ 0x15, 6, 4, 1, 0, 0, 0, 0, OUT, "MODE SELECT(6)" },
	{ 0x1a, 6, 4, 1, 0, 0, 0, 0, IN, "MODE SENSE(6)" },
	{ 0x1b, 6, 0, 0, 0, 0, 0, 0, NONE, "START STOP UNIT" },
	{ 0x1e, 6, 0, 0, 0, 0, 0, 0, NONE, "PREVENT ALLOW MEDIUM REMOVAL" },
	{ 0x25, 10, 0, 0, 2, 4, 0, 0, IN, "READ CAPACITY" },
	{ 0x28, 10, 0, 0, 2, 4, 7, 2, IN, "READ(10)" },
	{ 0x2b, 10, 0, 0, 2, 4, 0, 0, NONE, "SEEK(10)" },
	{ 0x2f, 10, 0, 0, 2, 4, 7, 2, NONE, "VERIFY(10)" },
	{ 0x35, 10, 0, 0, 2, 4, 7, 2, NONE, "SYNCHRONIZE CACHE" },
	{ 0x42, 10, 7, 2, 0, 0, 0, 0, IN, "READ SUB-CHANNEL" },
	{ 0x43, 10, 7, 2, 0, 0, 0, 0, IN, "READ TOC/PMA/ATIP" },
	{ 0x46, 10, 7, 2, 0, 0, 0, 0, IN, "GET CONFIGURATION" },
	{ 0x4a, 10, 7, 2, 0, 0, 0, 0, IN, "GET EVENT STATUS NOTIFICATION" },
	{ 0x51, 10, 7, 2, 0, 0, 0, 0, IN, "READ DISC INFORMATION" },
	{ 0x52, 10, 7, 2, 2, 4, 0, 0, IN, "READ TRACK INFORMATION" },
	{ 0x55, 10, 7, 2, 0, 0, 0, 0, OUT, "MODE SELECT(10)" },
	{ 0x5a, 10, 7, 2, 0, 0, 0, 0, IN, "MODE SENSE(10)" },
	{ 0x5c, 10, 7, 2, 0, 0, 0, 0, IN, "READ BUFFER CAPACITY" },
	{ 0xa0, 12, 6, 4, 0, 0, 0, 0, IN, "REPORT LUNS" },
	{ 0xa8, 12, 0, 0, 2, 4, 6, 4, IN, "READ(12)" },
	{ 0xac, 12, 8, 2, 2, 4, 0, 0, IN, "GET PERFORMANCE" },
	{ 0xad, 12, 8, 2, 2, 4, 0, 0, IN, "READ DISC STRUCTURE" },
	{ 0xb6, 12, 9, 2, 0, 0, 0, 0, OUT, "SET STREAMING" },
	{ 0xb9, 12, 0, 0, 3, 3, 6, 3, IN, "READ CD MSF" },
	{ 0xbb, 12, 0, 0, 0, 0, 0, 0, NONE, "SET CD SPEED" },
	{ 0xbd, 12, 8, 2, 0, 0, 0, 0, IN, "MECHANISM STATUS" },
	{ 0xbe, 12, 0, 0, 2, 4, 6, 3, IN, "READ CD" },
	/* refused: the medium is read-only */
	{ 0x04, 6, 0, 0, 0, 0, 0, 0, OUT, "FORMAT UNIT" },
	{ 0x0a, 6, 0, 0, 1, 3, 4, 1, OUT, "WRITE(6)" },
	{ 0x2a, 10, 0, 0, 2, 4, 7, 2, OUT, "WRITE(10)" },
	{ 0x2e, 10, 0, 0, 2, 4, 7, 2, OUT, "WRITE AND VERIFY(10)" },
	{ 0x53, 10, 0, 0, 0, 0, 0, 0, NONE, "RESERVE TRACK" },
	{ 0x5b, 10, 0, 0, 0, 0, 0, 0, NONE, "CLOSE TRACK/SESSION" },
	{ 0x5d, 10, 6, 3, 0, 0, 0, 0, OUT, "SEND CUE SHEET" },
	{ 0x8a, 16, 0, 0, 2, 8, 10, 4, OUT, "WRITE(16)" },
	{ 0xa1, 12, 0, 0, 2, 4, 0, 0, NONE, "BLANK" },
	{ 0xaa, 12, 0, 0, 2, 4, 6, 4, OUT, "WRITE(12)" },
};

/* Sense key/ASC/ASCQ triples the driver documents (mmc-conformance.rst). */
static const uint8_t known_sense[][3] = {
	{ 0x02, 0x3a, 0x00 }, { 0x02, 0x3a, 0x01 }, { 0x02, 0x3a, 0x02 },
	{ 0x03, 0x11, 0x00 },
	{ 0x05, 0x20, 0x00 }, { 0x05, 0x21, 0x00 }, { 0x05, 0x24, 0x00 },
	{ 0x05, 0x2c, 0x00 },	/* PAUSE/RESUME without a play */
	{ 0x05, 0x30, 0x02 }, { 0x05, 0x39, 0x00 }, { 0x05, 0x53, 0x02 },
	{ 0x05, 0x64, 0x00 },
	{ 0x06, 0x28, 0x00 }, { 0x06, 0x29, 0x00 },
	{ 0x07, 0x27, 0x00 },
};
#define NKNOWN (sizeof(known_sense) / sizeof(known_sense[0]))

struct rec {
	uint8_t cdb[16], len;
	int dir;
	unsigned int dxfer;
};

static struct rec ring[RING];
static unsigned long ring_n;
static uint64_t rng;
static uint8_t *image, *buf;
static size_t image_size;
static atomic_int stop;
static atomic_ulong media_changes;
static int churn_err;
static unsigned long seen[NKNOWN];

static uint64_t rnd(void)
{
	/* splitmix64: the whole sequence follows from the seed */
	uint64_t z = (rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int below(unsigned int n)
{
	return n ? rnd() % n : 0;
}

static void put_be(uint8_t *p, unsigned int w, uint64_t v)
{
	while (w--) {
		p[w] = v & 0xff;
		v >>= 8;
	}
}

static uint64_t get_be(const uint8_t *p, unsigned int w)
{
	uint64_t v = 0;

	while (w--)
		v = v << 8 | *p++;
	return v;
}

/* An interesting value for a field of w bytes. */
static uint64_t pick_len(unsigned int w, unsigned int dxfer)
{
	static const unsigned int v[] = { 0, 1, 2, 3, 4, 7, 8, 9, 0xff, 0x100,
					  0x7fff, 0xffff, 2047, 2048, 2352 };
	uint64_t max = w >= 8 ? UINT64_MAX : (1ULL << (8 * w)) - 1;
	uint64_t x;

	switch (below(5)) {
	case 0:
		x = dxfer;
		break;
	case 1:
		x = dxfer ? dxfer - 1 : 0;
		break;
	case 2:
		x = (uint64_t)dxfer + 1;
		break;
	case 3:
		x = v[below(sizeof(v) / sizeof(v[0]))];
		break;
	default:
		x = rnd();
		break;
	}
	return x & max;
}

static uint64_t pick_lba(unsigned int w, uint64_t last)
{
	switch (below(7)) {
	case 0:
		return 0;
	case 1:
		return last;
	case 2:
		return last + 1;
	case 3:
		return 0xffffffffULL;
	case 4:
		return 16 + below(8);
	case 5:
		return rnd() & (w >= 8 ? UINT64_MAX : (1ULL << (8 * w)) - 1);
	default:
		return below(last + 1);
	}
}

static unsigned int pick_dxfer(void)
{
	static const unsigned int v[] = { 0, 1, 2, 8, 252, 2047, 2048, 2049,
					  2352, 2448, 4096, 65536, 65535,
					  MAX_XFER };
	if (below(4) == 0)
		return below(256 * 1024);
	return v[below(sizeof(v) / sizeof(v[0]))];
}

/* build: one command, templated or random; returns its data direction. */
static int build(uint8_t *cdb, uint8_t *len, unsigned int *dxfer, uint64_t last)
{
	const struct tmpl *t;
	int dir, i, n;

	memset(cdb, 0, 16);
	*dxfer = pick_dxfer();
	if (below(10) == 0) {
		/* random bytes */
		*len = 6 + below(11);
		for (i = 0; i < *len; i++)
			cdb[i] = rnd();
		dir = below(3);
		if (dir == NONE)
			*dxfer = 0;
		return dir == IN ? SG_DXFER_FROM_DEV :
		       dir == OUT ? SG_DXFER_TO_DEV : SG_DXFER_NONE;
	}
	t = &tmpls[below(sizeof(tmpls) / sizeof(tmpls[0]))];
	cdb[0] = t->op;
	*len = t->len;
	if (t->alloc_w)
		put_be(cdb + t->alloc_at, t->alloc_w, pick_len(t->alloc_w, *dxfer));
	if (t->lba_w)
		put_be(cdb + t->lba_at, t->lba_w, pick_lba(t->lba_w, last));
	if (t->cnt_w) {
		uint64_t c = below(3) ? below(33) : pick_len(t->cnt_w, *dxfer / BLOCK);

		put_be(cdb + t->cnt_at, t->cnt_w, c);
		/* most reads get a buffer that fits them */
		if (below(3) && (t->op == 0x28 || t->op == 0xa8) && c * BLOCK <= MAX_XFER)
			*dxfer = c * BLOCK;
	}
	/* READ CD: sector type, the main channel and sub-channel selections */
	if (t->op == 0xbe || t->op == 0xb9) {
		cdb[1] = below(2) ? 0 : below(8) << 2;
		cdb[9] = below(2) ? 0xf8 : (below(2) ? 0x10 : rnd());
		cdb[10] = below(2) ? 0 : below(8);
	}
	/* READ TOC, READ DISC STRUCTURE, GET CONFIGURATION, MODE SENSE... */
	if (t->op == 0x43 || t->op == 0x42) {
		cdb[1] = below(2) << 1;
		cdb[2] = t->op == 0x43 ? below(8) : (below(2) << 6);
		cdb[3] = t->op == 0x42 ? below(4) : 0;
		cdb[6] = below(3) ? below(3) : rnd();
		cdb[9] = below(4) ? 0 : below(4) << 6;
	}
	if (t->op == 0xad)
		cdb[7] = below(2) ? below(0x20) : rnd();
	if (t->op == 0x46)
		cdb[1] = below(4);
	if (t->op == 0x4a) {
		cdb[1] = 1;
		cdb[4] = below(2) ? 0x10 : rnd();
	}
	if (t->op == 0x1a || t->op == 0x5a)
		cdb[2] = below(2) ? 0x3f : (below(2) ? 0x2a : rnd());
	if (t->op == 0x1b)
		cdb[4] = below(4);
	if (t->op == 0x1e)
		cdb[4] = below(2);
	if (t->op == 0x51 || t->op == 0x52)
		cdb[1] = below(4);

	/* mutations: flags, reserved bits, control byte, any byte, length */
	n = below(4);
	for (i = 0; i < n; i++) {
		switch (below(3)) {
		case 0:
			cdb[1 + below(*len - 1)] ^= 1 << below(8);
			break;
		case 1:
			cdb[1 + below(*len - 1)] = rnd();
			break;
		default:
			cdb[*len - 1] = rnd();	/* control */
			break;
		}
	}
	if (below(20) == 0)
		*len = 6 + below(11);		/* against the group code */

	dir = t->dir;
	if (below(10) == 0)
		dir = below(3);			/* against the opcode */
	if (dir == NONE) {
		*dxfer = 0;
		return SG_DXFER_NONE;
	}
	return dir == IN ? SG_DXFER_FROM_DEV : SG_DXFER_TO_DEV;
}

static void dump(const struct rec *r)
{
	int i;

	fprintf(stderr, "  cdb");
	for (i = 0; i < r->len; i++)
		fprintf(stderr, " %02x", r->cdb[i]);
	fprintf(stderr, "  (len %u, %s, dxfer %u)\n", r->len,
		r->dir == SG_DXFER_FROM_DEV ? "in" :
		r->dir == SG_DXFER_TO_DEV ? "out" : "none", r->dxfer);
}

static int broken(unsigned long n, const char *why)
{
	unsigned long i, from = ring_n > RING ? ring_n - RING : 0;

	fprintf(stderr, "cdbfuzz: command %lu broke a rule: %s\n", n, why);
	fprintf(stderr, "cdbfuzz: the last %lu commands, oldest first:\n", ring_n - from);
	for (i = from; i < ring_n; i++)
		dump(&ring[i % RING]);
	return 1;
}

struct reply {
	int err;
	struct sg_io_hdr h;
	uint8_t sense[SENSE_LEN];
};

static void issue(int fd, const uint8_t *cdb, uint8_t len, int dir,
		  unsigned int dxfer, struct reply *r)
{
	memset(r, 0, sizeof(*r));
	r->h.interface_id = 'S';
	r->h.dxfer_direction = dir;
	r->h.cmd_len = len;
	r->h.cmdp = (unsigned char *)cdb;
	r->h.mx_sb_len = SENSE_LEN;
	r->h.sbp = r->sense;
	r->h.dxfer_len = dxfer;
	r->h.dxferp = buf;
	r->h.timeout = 20000;
	if (dir == SG_DXFER_TO_DEV)
		memset(buf, 0xa5, dxfer);
	r->err = ioctl(fd, SG_IO, &r->h) ? errno : 0;
}

/* check: the rules every reply keeps; NULL when it kept them. */
static const char *check(const uint8_t *cdb, struct reply *r, unsigned int dxfer,
			 int *sense_idx)
{
	static char why[160];
	const struct sg_io_hdr *h = &r->h;
	unsigned int k, asc, ascq, i;

	*sense_idx = -1;
	if (r->err) {
		if (r->err == EINVAL || r->err == EMSGSIZE || r->err == ENOMEM)
			return NULL;	/* a header the kernel refuses */
		snprintf(why, sizeof(why), "SG_IO failed: %s", strerror(r->err));
		return why;
	}
	if (h->host_status || (h->driver_status & ~0x08)) {
		snprintf(why, sizeof(why), "host status %#x, driver status %#x",
			 h->host_status, h->driver_status);
		return why;
	}
	if (h->resid < 0 || (unsigned int)h->resid > dxfer) {
		snprintf(why, sizeof(why), "resid %d outside 0..%u", h->resid, dxfer);
		return why;
	}
	if (h->status == 0)
		return NULL;
	if (h->status != 2) {
		snprintf(why, sizeof(why), "status %#x is neither GOOD nor CHECK CONDITION",
			 h->status);
		return why;
	}
	if (h->sb_len_wr > SENSE_LEN || h->sb_len_wr < 14) {
		snprintf(why, sizeof(why), "sense length %u (buffer %u)", h->sb_len_wr,
			 SENSE_LEN);
		return why;
	}
	if ((r->sense[0] & 0x7f) != 0x70 && (r->sense[0] & 0x7f) != 0x71) {
		snprintf(why, sizeof(why), "sense response code %#x is not fixed format",
			 r->sense[0]);
		return why;
	}
	if (r->sense[7] + 8 < 14) {
		snprintf(why, sizeof(why), "additional sense length %u too short",
			 r->sense[7]);
		return why;
	}
	k = r->sense[2] & 0x0f;
	asc = r->sense[12];
	ascq = r->sense[13];
	for (i = 0; i < NKNOWN; i++)
		if (known_sense[i][0] == k && known_sense[i][1] == asc &&
		    known_sense[i][2] == ascq) {
			*sense_idx = i;
			return NULL;
		}
	snprintf(why, sizeof(why), "undocumented sense %02x/%02x/%02x for opcode %02x",
		 k, asc, ascq, cdb[0]);
	return why;
}

/* A GOOD READ(10)/READ(12) returns the image's bytes (zero past its end). */
static const char *check_data(const uint8_t *cdb, int dir, const struct reply *r,
			      unsigned int dxfer, unsigned long *compared)
{
	static char why[120];
	uint64_t lba, off;
	unsigned int got, i;

	if (r->err || r->h.status || dir != SG_DXFER_FROM_DEV ||
	    (cdb[0] != 0x28 && cdb[0] != 0xa8))
		return NULL;
	lba = get_be(cdb + 2, 4);
	got = dxfer - r->h.resid;
	for (i = 0; i < got; i++) {
		off = lba * BLOCK + i;
		if (buf[i] != (off < image_size ? image[off] : 0)) {
			snprintf(why, sizeof(why),
				 "READ data differs from the image at LBA %llu + byte %u",
				 (unsigned long long)lba, i);
			return why;
		}
	}
	(*compared)++;
	return NULL;
}

struct churn {
	int ctl, img, index;
};

/* The second thread: eject and re-insert the medium at random intervals. */
static void *churn(void *p)
{
	const struct churn *c = p;
	struct discloop_info info;
	uint64_t s = rng ^ 0x5555;
	struct timespec ts;

	while (!atomic_load(&stop)) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		ts.tv_sec = 0;
		ts.tv_nsec = (long)(1 + (s >> 33) % 50) * 1000000L;
		nanosleep(&ts, NULL);
		memset(&info, 0, sizeof(info));
		info.size = sizeof(info);
		info.index = c->index;
		if (ioctl(c->ctl, DISCLOOP_CTL_GET_INFO, &info)) {
			churn_err = errno;
			break;
		}
		if (info.state & DISCLOOP_STATE_MEDIA) {
			info.flags = DISCLOOP_FLAG_FORCE;
			if (ioctl(c->ctl, DISCLOOP_CTL_EJECT, &info)) {
				churn_err = errno;
				break;
			}
		} else {
			info.fd = c->img;
			info.flags = 0;
			info.profile = DISCLOOP_PROFILE_AUTO;
			if (ioctl(c->ctl, DISCLOOP_CTL_INSERT, &info)) {
				churn_err = errno;
				break;
			}
		}
		atomic_fetch_add(&media_changes, 1);
	}
	return NULL;
}

static int load_image(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st)) {
		fprintf(stderr, "cdbfuzz: %s: %s\n", path, strerror(errno));
		return -1;
	}
	image_size = st.st_size;
	image = malloc(image_size + 1);
	if (!image || pread(fd, image, image_size, 0) != (ssize_t)image_size) {
		fprintf(stderr, "cdbfuzz: %s: cannot read the image\n", path);
		return -1;
	}
	return fd;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "churn", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long count = 100000, n, good = 0, checks = 0, refused = 0,
		      compared = 0;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	struct churn c = { .index = -1 };
	pthread_t thr;
	uint64_t last;
	int fd, o, rc = 0, idx;
	unsigned int i;

	while ((o = getopt_long(argc, argv, "s:n:c:", opts, NULL)) != -1) {
		switch (o) {
		case 's':
			seed = strtoull(optarg, NULL, 0);
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			c.index = atoi(optarg);
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != 2) {
		fprintf(stderr, "usage: cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] SGDEV IMAGE\n");
		return 2;
	}
	rng = seed;
	printf("cdbfuzz: seed %llu, %lu commands\n", (unsigned long long)seed, count);
	fflush(stdout);
	c.img = load_image(argv[optind + 1]);
	if (c.img < 0)
		return 2;
	last = (image_size + BLOCK - 1) / BLOCK - 1;
	fd = open(argv[optind], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "cdbfuzz: %s: %s\n", argv[optind], strerror(errno));
		return 2;
	}
	buf = malloc(MAX_XFER);
	if (!buf)
		return 2;
	if (c.index >= 0) {
		c.ctl = open("/dev/" DISCLOOP_CTL_NAME, O_RDWR | O_CLOEXEC);
		if (c.ctl < 0 || pthread_create(&thr, NULL, churn, &c)) {
			fprintf(stderr, "cdbfuzz: cannot start the media thread\n");
			return 2;
		}
	}

	for (n = 0; n < count && !rc; n++) {
		struct rec *rec = &ring[ring_n++ % RING];
		const char *why;
		struct reply r;

		rec->dir = build(rec->cdb, &rec->len, &rec->dxfer, last);
		issue(fd, rec->cdb, rec->len, rec->dir, rec->dxfer, &r);
		why = check(rec->cdb, &r, rec->dxfer, &idx);
		if (!why)
			why = check_data(rec->cdb, rec->dir, &r, rec->dxfer, &compared);
		if (why) {
			rc = broken(n, why);
			break;
		}
		if (r.err)
			refused++;
		else if (r.h.status)
			checks++;
		else
			good++;
		if (idx >= 0)
			seen[idx]++;
		if (n % TUR_EVERY == TUR_EVERY - 1) {
			static const uint8_t tur[6];
			struct rec *t = &ring[ring_n++ % RING];

			memset(t, 0, sizeof(*t));
			t->len = 6;
			t->dir = SG_DXFER_NONE;
			issue(fd, tur, 6, SG_DXFER_NONE, 0, &r);
			why = check(tur, &r, 0, &idx);
			if (!why && r.err)
				why = "TEST UNIT READY was refused";
			if (why)
				rc = broken(n, why);
		}
	}
	atomic_store(&stop, 1);
	if (c.index >= 0) {
		pthread_join(thr, NULL);
		if (churn_err && !rc) {
			fprintf(stderr, "cdbfuzz: media thread: %s\n", strerror(churn_err));
			rc = 1;
		}
	}
	printf("cdbfuzz: seed %llu: %lu commands: %lu GOOD, %lu CHECK CONDITION, "
	       "%lu refused by SG_IO; %lu READs compared with the image; "
	       "%lu media changes\n", (unsigned long long)seed, n, good, checks,
	       refused, compared, atomic_load(&media_changes));
	for (i = 0; i < NKNOWN; i++)
		if (seen[i])
			printf("cdbfuzz:   sense %02x/%02x/%02x: %lu\n", known_sense[i][0],
			       known_sense[i][1], known_sense[i][2], seen[i]);
	return rc;
}
