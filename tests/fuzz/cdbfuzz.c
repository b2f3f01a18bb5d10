// SPDX-License-Identifier: GPL-2.0
/*
 * cdbfuzz: send mutated and random CDBs to a discloop drive over SG_IO and
 * check every reply against the rules a real drive keeps.
 *
 *   cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] SGDEV IMAGE
 *   cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] [-S] -d SPEC SGDEV
 *
 * SGDEV is the drive's /dev/sgN (or /dev/srN), IMAGE the file in it. With
 * -c INDEX a second thread ejects the medium of drive INDEX and inserts
 * IMAGE again, at random intervals, through the control device.
 *
 * With -d the drive holds the multi-track layout SPEC (the format of
 * `dlctl insert-disc`, every track stored as 2352-byte sectors; see
 * discmodel.h), which the media thread inserts again with INSERT_DISC.
 * READ CD and READ CD MSF data is then checked against the fixture's own
 * bytes for every sector type and field selection (C2 pointers zero, raw
 * P-W equal to the stored sub-channel), READ(10)/(12) against the user
 * data of Mode 1 and Form 1 sectors; LBAs aim at track, form and session
 * edges; READ TOC format 0 must give the layout's track starts, format 5
 * its CD-TEXT packs, READ TRACK INFORMATION its starts and sessions. -S
 * first sweeps READ CD / READ CD MSF over every expected sector type,
 * main channel and sub-channel selection at each edge, with no mutation
 * and no media change, and requires the exact answer: the bytes, or the
 * sense MMC gives (05/64/00 at the first sector of the wrong type,
 * 05/21/00 past the layout, 05/24/00 for an illegal selection).
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
#include "discmodel.h"

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
	{ 0x45, 10, 0, 0, 2, 4, 7, 2, NONE, "PLAY AUDIO(10)" },
	{ 0x47, 10, 0, 0, 3, 3, 6, 3, NONE, "PLAY AUDIO MSF" },
	{ 0x4b, 10, 0, 0, 0, 0, 0, 0, NONE, "PAUSE/RESUME" },
	{ 0x4e, 10, 0, 0, 0, 0, 0, 0, NONE, "STOP PLAY/SCAN" },
	{ 0x43, 10, 7, 2, 0, 0, 0, 0, IN, "READ TOC/PMA/ATIP" },
	{ 0x46, 10, 7, 2, 0, 0, 0, 0, IN, "GET CONFIGURATION" },
	{ 0x4a, 10, 7, 2, 0, 0, 0, 0, IN, "GET EVENT STATUS NOTIFICATION" },
	{ 0x51, 10, 7, 2, 0, 0, 0, 0, IN, "READ DISC INFORMATION" },
	{ 0x52, 10, 7, 2, 2, 4, 0, 0, IN, "READ TRACK INFORMATION" },
	{ 0x55, 10, 7, 2, 0, 0, 0, 0, OUT, "MODE SELECT(10)" },
	{ 0x5a, 10, 7, 2, 0, 0, 0, 0, IN, "MODE SENSE(10)" },
	{ 0x5c, 10, 7, 2, 0, 0, 0, 0, IN, "READ BUFFER CAPACITY" },
	{ 0xa0, 12, 6, 4, 0, 0, 0, 0, IN, "REPORT LUNS" },
	{ 0xa5, 12, 0, 0, 2, 4, 6, 4, NONE, "PLAY AUDIO(12)" },
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
static struct disc_model model;	/* -d: the layout in the drive */
static int disc;
static unsigned long rc_compared, toc_compared, rd_compared, swept;

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
	/* a multi-track layout: most LBAs at its edges */
	if (disc && below(2))
		return (uint64_t)(model.picks[below(model.npicks)] + (long)below(5) - 2) &
		       (w >= 8 ? UINT64_MAX : (1ULL << (8 * w)) - 1);
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

static void put_msf(uint8_t *p, long lba)
{
	long a = lba + 150;

	if (a < 0)
		a = 0;
	p[0] = a / 4500;
	p[1] = a / 75 % 60;
	p[2] = a % 75;
}

static long get_msf(const uint8_t *p)
{
	return (long)p[0] * 4500 + p[1] * 75 + p[2] - 150;
}

/* Fields of the commands that address a track, a session or an MSF. */
static void build_disc_fields(uint8_t *cdb)
{
	long a;

	if ((cdb[0] == 0xb9 || cdb[0] == 0x47) && below(4)) {
		a = model.picks[below(model.npicks)] + (long)below(5) - 2;
		put_msf(cdb + 3, a);
		put_msf(cdb + 6, a + (below(8) ? (long)below(33) : -(long)below(3)));
	}
	if (cdb[0] == 0x43 || cdb[0] == 0x42)
		cdb[6] = below(3) ? below(model.nr + 2) : below(2) ? 0xaa : rnd();
	if (cdb[0] == 0x52) {
		switch (cdb[1] & 3) {
		case 1:
			put_be(cdb + 2, 4, below(8) ? below(model.nr + 2) : 0xff);
			break;
		case 2:
			put_be(cdb + 2, 4, below(8) ? below(model.sessions + 2) : 0xff);
			break;
		}
	}
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
	if (t->op == 0x4b)
		cdb[8] = below(2);
	if (disc)
		build_disc_fields(cdb);

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

/* Commands that return no data: a GOOD one moves nothing into a buffer. */
static int no_data_in(uint8_t op)
{
	static const uint8_t ops[] = { 0x00, 0x1b, 0x1e, 0x2b, 0x2f, 0x35, 0x45, 0x47,
				       0x4b, 0x4e, 0xa5, 0xbb };
	unsigned int i;

	for (i = 0; i < sizeof(ops); i++)
		if (ops[i] == op)
			return 1;
	return 0;
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
	if (h->status == 0 && h->dxfer_direction == SG_DXFER_FROM_DEV &&
	    (unsigned int)h->resid != dxfer && no_data_in(cdb[0])) {
		snprintf(why, sizeof(why), "opcode %02x, which returns no data, moved %u bytes",
			 cdb[0], dxfer - h->resid);
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

/* Reasons a READ CD stops at a sector, and the ASC each is reported with. */
enum { R_UNKNOWN = -1, R_RANGE = 1, R_MODE = 2, R_FIELD = 4 };

static int asc_allowed(int reasons, unsigned int asc)
{
	return ((reasons & R_RANGE) && asc == 0x21) ||
	       ((reasons & R_MODE) && asc == 0x64) ||
	       ((reasons & R_FIELD) && asc == 0x24);
}

/* Does expected sector type TYPE (READ CD byte 1) admit a sector of KIND? */
static int type_admits(int type, enum dm_kind kind)
{
	switch (type) {
	case 1:
		return kind == DM_CDDA;
	case 2:
		return kind == DM_MODE1;
	case 4:
		return kind == DM_FORM1;
	case 5:
		return kind == DM_FORM2;
	}
	return 0;	/* 3, Mode 2 formless: none in a model */
}

/*
 * cmp_piece: LEN expected bytes at stream position *POS against what was
 * transferred (GOT bytes): WANT, or zeros when WANT is NULL and ZERO is
 * set, or unchecked when both are unset. Returns the first differing
 * stream offset, or -1.
 */
static long cmp_piece(unsigned int *pos, unsigned int got, const uint8_t *want,
		      int zero, unsigned int len)
{
	unsigned int i, p = *pos;

	*pos += len;
	if (!want && !zero)
		return -1;
	for (i = 0; i < len && p + i < got; i++)
		if (buf[p + i] != (want ? want[i] : 0))
			return p + i;
	return -1;
}

#define RC_MAX_WALK	4096	/* sector boundaries remembered */

/* The sector kind each expected sector type of READ CD names. */
static const enum dm_kind of_type[] = { DM_NONE, DM_CDDA, DM_MODE1, DM_MODE2,
					DM_FORM1, DM_FORM2 };

/*
 * check_readcd: a READ CD / READ CD MSF reply against the model. The bytes
 * transferred must be the expected stream's first whole sectors. GOOD
 * needs every sector (or as many as the buffer takes); CHECK CONDITION
 * stops where the stream does. STRICT (the sweep) also wants the sense
 * MMC gives for the first sector the drive cannot serve.
 */
static const char *check_readcd(const uint8_t *cdb, int dir, const struct reply *r,
				unsigned int dxfer, int strict)
{
	static char why[220];
	static unsigned int bound[RC_MAX_WALK + 1];
	int type = (cdb[1] >> 2) & 7, sub = cdb[10] & 7, global = 0, stop = 0, cls0 = -1;
	uint8_t main = cdb[9];
	unsigned int got, pos = 0, size0 = 0, i, j;
	long lba, count, k, bad;
	struct dm_span sp[5];
	int n;

	if (r->err || r->h.host_status || (r->h.status && r->h.status != 2))
		return NULL;
	if (cdb[0] == 0xbe) {
		lba = (int32_t)get_be(cdb + 2, 4);
		count = get_be(cdb + 6, 3);
	} else {
		lba = get_msf(cdb + 3);
		count = get_msf(cdb + 6) - lba;
		if (count < 0) {
			global |= R_FIELD;
			count = 0;
		}
	}
	if (type > 5 || (sub != 0 && sub != 1 && sub != 2) || (main & 1) || (main & 6) == 6)
		global |= R_FIELD;
	got = dir == SG_DXFER_FROM_DEV ? dxfer - r->h.resid : 0;
	bound[0] = 0;
	for (k = 0; k < count && k < RC_MAX_WALK && pos <= dxfer; k++) {
		const uint8_t *raw;
		enum dm_kind kind = dm_sector(&model, lba + k, &raw);
		long l = lba + k;

		if (kind == DM_NONE) {
			stop = R_RANGE | global;
			break;
		}
		if (kind == DM_UNKNOWN) {
			stop = R_UNKNOWN;
			break;
		}
		if (type ? !type_admits(type, kind) :
		    cls0 >= 0 && (kind == DM_CDDA) != cls0) {
			stop = R_MODE | global;
			break;
		}
		cls0 = kind == DM_CDDA;
		n = dm_main_fields(kind, main, sp);
		if (n < 0 || global) {
			stop = R_FIELD | global;
			break;
		}
		for (i = 0, bad = -1; i < (unsigned int)n && bad < 0; i++)
			bad = cmp_piece(&pos, got, raw + sp[i].off, 0, sp[i].len);
		if (bad < 0 && (main & 6))
			bad = cmp_piece(&pos, got, NULL, 1, (main & 6) == 2 ? 294 : 296);
		if (bad < 0 && sub == 1)
			bad = cmp_piece(&pos, got, l >= model.sub_lba && l < model.sub_lba + model.sub_n ?
					model.sub + (l - model.sub_lba) * 96 : NULL, 0, 96);
		if (bad < 0 && sub == 2)
			bad = cmp_piece(&pos, got, NULL, 0, 16);
		if (bad >= 0) {
			snprintf(why, sizeof(why), "READ CD data differs from the fixture at "
				 "LBA %ld (sector %ld of the reply), reply byte %ld", l, k, bad);
			return why;
		}
		if (!size0)
			size0 = pos;
		bound[k + 1] = pos;
	}
	rc_compared++;
	if (stop == R_UNKNOWN)
		return NULL;		/* what follows is the drive's to make up */
	/* the transfer ends on a sector boundary the stream reached */
	for (j = 0; j <= k && bound[j] != got; j++)
		;
	if (j > k && !(k == RC_MAX_WALK || pos > dxfer)) {
		snprintf(why, sizeof(why), "READ CD of %ld sectors at %ld (type %d, %02x/%02x) "
			 "moved %u bytes, not whole servable sectors (%u servable)",
			 count, lba, type, main, sub, got, pos);
		return why;
	}
	if (j > k)
		return NULL;		/* past what was walked */
	if (r->h.status == 0) {
		/*
		 * A selection that returns nothing of a sector of the
		 * expected type (none of its fields, no C2, no sub-channel)
		 * moves nothing, whatever the sectors after the first are.
		 */
		if (got == 0 && !(main & 6) && !sub && !(global & R_FIELD) &&
		    !(k == 0 && (stop & R_RANGE)) &&
		    (type ? dm_main_fields(of_type[type], main, sp) == 0 : pos == 0))
			return NULL;
		/* all of them, or as many as the buffer holds */
		int full = !stop && (unsigned long)j == (unsigned long)count;
		int buffer = size0 && (j == dxfer / size0 || dxfer - got < 2448 + 296);
		enum dm_kind kd;

		/* the drive may size the transfer by any kind's layout */
		for (kd = DM_CDDA; kd <= DM_MODE2 && !buffer; kd++) {
			int nf = dm_main_fields(kd, main, sp), f;
			unsigned int sz = (main & 6) == 2 ? 294 : (main & 6) == 4 ? 296 : 0;

			for (f = 0; f < nf; f++)
				sz += sp[f].len;
			sz += sub == 1 ? 96 : sub == 2 ? 16 : 0;
			buffer = nf >= 0 && sz && j == dxfer / sz;
		}

		if (!full && !buffer) {
			snprintf(why, sizeof(why), "READ CD of %ld sectors at %ld (type %d, %02x/%02x) "
				 "is GOOD with %u sectors, but sector %ld %s", count, lba, type,
				 main, sub, j, lba + k,
				 stop & R_RANGE ? "is outside the layout" :
				 stop & R_MODE ? "is not of the expected type" :
				 stop & R_FIELD ? "cannot give that selection" : "was not sent");
			return why;
		}
		return NULL;
	}
	if (!strict)
		return NULL;
	if (r->h.sb_len_wr < 14 || (r->sense[2] & 0x0f) != 5) {
		snprintf(why, sizeof(why), "READ CD of %ld sectors at %ld (type %d, %02x/%02x): "
			 "sense key %x with no media change", count, lba, type, main, sub,
			 r->sense[2] & 0x0f);
		return why;
	}
	if (!stop || (unsigned long)k == (unsigned long)count) {
		snprintf(why, sizeof(why), "READ CD of %ld sectors at %ld (type %d, %02x/%02x): "
			 "sense 05/%02x/%02x, though every sector can be served",
			 count, lba, type, main, sub, r->sense[12], r->sense[13]);
		return why;
	}
	/*
	 * A drive may check the selection against the expected type before
	 * it looks at a sector: illegal for that type is 05/24/00 first.
	 */
	if (k == 0 && type >= 1 && type <= 5 && dm_main_fields(of_type[type], main, sp) < 0)
		stop |= R_FIELD;
	/* a read that runs past the lead-out may be refused whole */
	if (lba + count > model.leadout && r->sense[12] == 0x21 && !r->sense[13] && !got)
		return NULL;
	if (!asc_allowed(stop, r->sense[12]) || r->sense[13] ||
	    (got && j != k) ||
	    (k == 0 && got) ||
	    (stop == R_MODE && got != bound[k]) ||
	    (r->sense[12] == 0x64 && (r->sense[0] & 0x80) &&
	     (long)(int32_t)get_be(r->sense + 3, 4) != lba + k)) {
		snprintf(why, sizeof(why), "READ CD of %ld sectors at %ld (type %d, %02x/%02x): "
			 "sense 05/%02x/%02x info %ld after %u bytes; want ASC %s at LBA %ld "
			 "after %u bytes", count, lba, type, main, sub, r->sense[12],
			 r->sense[13], (long)(int32_t)get_be(r->sense + 3, 4), got,
			 stop & R_FIELD ? "24" : stop & R_MODE ? "64" : "21", lba + k, bound[k]);
		return why;
	}
	return NULL;
}

/* READ(10)/(12) on a layout: the user data of Mode 1 and Form 1 sectors. */
static const char *check_read_disc(const uint8_t *cdb, const struct reply *r,
				   unsigned int dxfer)
{
	static char why[160];
	long lba = get_be(cdb + 2, 4), count, k;
	unsigned int got, pos = 0;
	const uint8_t *raw;
	enum dm_kind kind = DM_NONE;
	long bad = -1;

	count = cdb[0] == 0x28 ? (long)get_be(cdb + 7, 2) : (long)get_be(cdb + 6, 4);
	if (r->err || r->h.host_status || (r->h.status && r->h.status != 2))
		return NULL;
	got = dxfer - r->h.resid;
	for (k = 0; k < count && pos < got; k++) {
		kind = dm_sector(&model, lba + k, &raw);
		if (kind == DM_UNKNOWN)
			return NULL;
		if (kind != DM_MODE1 && kind != DM_FORM1)
			break;
		bad = cmp_piece(&pos, got, raw + (kind == DM_MODE1 ? 16 : 24), 0, 2048);
		if (bad >= 0) {
			snprintf(why, sizeof(why), "READ data differs from the fixture at LBA %ld, "
				 "reply byte %ld", lba + k, bad);
			return why;
		}
	}
	if (got > pos) {
		snprintf(why, sizeof(why), "READ moved %u bytes, but LBA %ld has no 2048 bytes "
			 "of user data", got, lba + k);
		return why;
	}
	rd_compared++;
	return NULL;
}

/* READ TOC format 0 and 5, READ TRACK INFORMATION: what the layout says. */
static const char *check_toc(const uint8_t *cdb, const struct reply *r, unsigned int dxfer)
{
	static char why[160];
	unsigned int got, len, i, fmt = cdb[2] & 0x0f;
	const struct dm_track *t;
	long a;

	if (r->err || r->h.status || r->h.host_status)
		return NULL;
	got = dxfer - r->h.resid;
	if (got < 4)
		return NULL;
	len = get_be(buf, 2) + 2;
	if (len < got)
		got = len;
	if (cdb[0] == 0x43 && fmt == 0 && !(cdb[9] >> 6)) {
		if (buf[2] != model.t[0].u.number || buf[3] != model.t[model.nr - 1].u.number) {
			snprintf(why, sizeof(why), "READ TOC: tracks %u-%u, the layout %u-%u",
				 buf[2], buf[3], model.t[0].u.number, model.t[model.nr - 1].u.number);
			return why;
		}
		for (i = 4; i + 8 <= got; i += 8) {
			const uint8_t *d = buf + i;

			a = cdb[1] & 2 ? get_msf(d + 5) : (long)(int32_t)get_be(d + 4, 4);
			t = d[2] >= 1 && d[2] <= model.nr ? &model.t[d[2] - 1] : NULL;
			if (d[2] == 0xaa ? a != model.leadout :
			    !t || a != (long)(int32_t)t->u.start || (d[1] & 0x0f) != t->u.control) {
				snprintf(why, sizeof(why), "READ TOC (MSF %d): track %02x at %ld, "
					 "control %x: not the layout's", !!(cdb[1] & 2), d[2], a, d[1] & 15);
				return why;
			}
		}
		toc_compared++;
	}
	if (cdb[0] == 0x43 && fmt == 5 && model.cdtext_len) {
		for (i = 4; i < got && i - 4 < model.cdtext_len; i++)
			if (buf[i] != model.cdtext[i - 4]) {
				snprintf(why, sizeof(why), "READ TOC format 5: byte %u is not the "
					 "CD-TEXT packs'", i);
				return why;
			}
		toc_compared++;
	}
	if (cdb[0] == 0x52 && got >= 12) {
		t = buf[2] >= 1 && buf[2] <= model.nr ? &model.t[buf[2] - 1] : NULL;
		if (!t || buf[3] != t->u.session || (long)(int32_t)get_be(buf + 8, 4) !=
		    (long)(int32_t)t->u.start ||
		    ((cdb[1] & 3) == 1 && get_be(cdb + 2, 4) >= 1 &&
		     get_be(cdb + 2, 4) <= (unsigned int)model.nr && get_be(cdb + 2, 4) != buf[2])) {
			snprintf(why, sizeof(why), "READ TRACK INFORMATION (%u, %llu): track %u, "
				 "session %u, start %ld: not the layout's", cdb[1] & 3,
				 (unsigned long long)get_be(cdb + 2, 4), buf[2], buf[3],
				 (long)(int32_t)get_be(buf + 8, 4));
			return why;
		}
		toc_compared++;
	}
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
		} else if (disc) {
			churn_err = dm_insert(&model, c->ctl, c->index);
			if (churn_err)
				break;
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

/*
 * sweep: READ CD or READ CD MSF of two sectors from each edge of the
 * layout, with every expected sector type and every main channel byte;
 * the sub-channel selection turns over with them. No mutation, no media
 * change: every reply must be exactly the expected one. Returns 0, or 1
 * with the reason printed.
 */
static int sweep(int fd)
{
	unsigned int dxfer = 2 * (2352 + 296 + 96);
	const char *why;
	struct reply r;
	int p, type, main, idx;

	for (p = 0; p < model.npicks; p++) {
		for (type = 0; type < 8; type++) {
			for (main = 0; main < 256; main++) {
				struct rec *rec = &ring[ring_n++ % RING];
				long lba = model.picks[p];
				uint8_t *cdb = rec->cdb;

				memset(rec, 0, sizeof(*rec));
				rec->len = 12;
				rec->dir = SG_DXFER_FROM_DEV;
				rec->dxfer = dxfer;
				if (lba >= 0 && ((p + type) & 1)) {
					cdb[0] = 0xb9;
					put_msf(cdb + 3, lba);
					put_msf(cdb + 6, lba + 2);
				} else {
					cdb[0] = 0xbe;
					put_be(cdb + 2, 4, (uint32_t)lba);
					cdb[8] = 2;
				}
				cdb[1] = type << 2;
				cdb[9] = main;
				cdb[10] = (main + type + p) & 7;
				issue(fd, cdb, 12, SG_DXFER_FROM_DEV, dxfer, &r);
				why = check(cdb, &r, dxfer, &idx);
				if (!why)
					why = check_readcd(cdb, SG_DXFER_FROM_DEV, &r, dxfer, 1);
				if (why)
					return broken(swept, why);
				if (idx >= 0)
					seen[idx]++;
				swept++;
			}
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "churn", required_argument, NULL, 'c' },
		{ "disc", required_argument, NULL, 'd' },
		{ "sweep", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long count = 100000, n, good = 0, checks = 0, refused = 0,
		      compared = 0;
	uint64_t seed = (uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32);
	struct churn c = { .index = -1 };
	pthread_t thr;
	uint64_t last;
	int fd, o, rc = 0, idx, do_sweep = 0;
	const char *spec = NULL;
	unsigned int i;

	while ((o = getopt_long(argc, argv, "s:n:c:d:S", opts, NULL)) != -1) {
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
		case 'd':
			spec = optarg;
			break;
		case 'S':
			do_sweep = 1;
			break;
		default:
			return 2;
		}
	}
	if (argc - optind != (spec ? 1 : 2) || (do_sweep && !spec)) {
		fprintf(stderr, "usage: cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] SGDEV IMAGE\n"
			"       cdbfuzz [-s SEED] [-n COUNT] [-c INDEX] [-S] -d SPEC SGDEV\n");
		return 2;
	}
	rng = seed;
	printf("cdbfuzz: seed %llu, %lu commands\n", (unsigned long long)seed, count);
	fflush(stdout);
	if (spec) {
		if (dm_load(&model, spec))
			return 2;
		disc = 1;
		last = model.leadout - 1;
	} else {
		c.img = load_image(argv[optind + 1]);
		if (c.img < 0)
			return 2;
		last = (image_size + BLOCK - 1) / BLOCK - 1;
	}
	fd = open(argv[optind], O_RDWR | O_NONBLOCK);
	if (fd < 0) {
		fprintf(stderr, "cdbfuzz: %s: %s\n", argv[optind], strerror(errno));
		return 2;
	}
	buf = malloc(MAX_XFER);
	if (!buf)
		return 2;
	if (do_sweep) {
		static const uint8_t tur[6];
		struct reply r;

		issue(fd, tur, 6, SG_DXFER_NONE, 0, &r);	/* the media change */
		issue(fd, tur, 6, SG_DXFER_NONE, 0, &r);
		if (sweep(fd))
			return 1;
		printf("cdbfuzz: sweep: %lu READ CD / READ CD MSF at %d edges, every type "
		       "and selection, exact\n", swept, model.npicks);
		fflush(stdout);
	}
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
		if (!why && !disc)
			why = check_data(rec->cdb, rec->dir, &r, rec->dxfer, &compared);
		else if (!why && (rec->cdb[0] == 0xbe || rec->cdb[0] == 0xb9))
			why = check_readcd(rec->cdb, rec->dir, &r, rec->dxfer, 0);
		else if (!why && (rec->cdb[0] == 0x28 || rec->cdb[0] == 0xa8) &&
			 rec->dir == SG_DXFER_FROM_DEV)
			why = check_read_disc(rec->cdb, &r, rec->dxfer);
		else if (!why && (rec->cdb[0] == 0x43 || rec->cdb[0] == 0x52) &&
			 rec->dir == SG_DXFER_FROM_DEV)
			why = check_toc(rec->cdb, &r, rec->dxfer);
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
	if (disc)
		printf("cdbfuzz: layout: %lu READ CD compared with the fixture, %lu READ(10)/(12), "
		       "%lu READ TOC / TRACK INFORMATION\n", rc_compared, rd_compared, toc_compared);
	for (i = 0; i < NKNOWN; i++)
		if (seen[i])
			printf("cdbfuzz:   sense %02x/%02x/%02x: %lu\n", known_sense[i][0],
			       known_sense[i][1], known_sense[i][2], seen[i]);
	return rc;
}
