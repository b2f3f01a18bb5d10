// SPDX-License-Identifier: GPL-2.0
/*
 * discloop rip: read a data disc into an image, sector-exactly, through
 * SG_IO. A ddrescue mapfile records what is on disk; it only claims data
 * that has been written and synced, so a rip killed at any moment can be
 * resumed. Read errors are located with the sense INFORMATION field,
 * retried sector by sector, and zero-filled and mapped as bad if they stay.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "discloop.h"
#include "sgio.h"
#include "mapfile.h"
#include "hash.h"
#include "hashq.h"
#include "../common/cdframe.h"

#define SS	2048u		/* image sector size */

struct rip {
	/* options */
	unsigned blocks, retries, map_interval;
	bool resume, force, retry_bad, raw, quiet, json, want_hashfile;
	unsigned algs;		/* DL_ALG_* to compute */
	int verbose;
	double max_rate;	/* bytes/s, 0 = unlimited */
	const char *device, *output, *raw_output;
	char *mapname, *hashname, *cmdline;

	struct dl_sg sg;
	struct dl_disc disc;
	struct dl_map map;
	int out, rawfd;
	unsigned secsize;	/* bytes per sector as read: 2048 or 2352 */
	/*
	 * Two buffers in turn: while the hashing thread works on what one of
	 * them holds, the next read goes into the other. buf and user point
	 * to the current one's read and user-data buffers.
	 */
	uint8_t *bufs[2], *users[2], *buf, *user, *zero;
	unsigned slot;
	uint64_t ticket[2];	/* last hashing job that uses each buffer */

	/* progress and statistics */
	bool progress;
	double t0, last_flush, last_progress;
	uint64_t bytes_read;	/* this run, for the speed */
	uint64_t retries_done, recovered, new_bad;
	bool dirty;		/* map changed since it was saved */

	/*
	 * Hashes are computed as the image is written, for as long as it is
	 * written in order from its start (a fresh rip); whatever the stream
	 * did not cover is read back from the image at the end.
	 */
	struct dl_hash hash;
	struct dl_hashq hq;
	bool hash_live;		/* @hash holds contexts to free */
	bool hash_stream;	/* the stream is still in order */
	uint64_t hashed;	/* the stream covers [0, hashed) */
};

static volatile sig_atomic_t interrupted;

static void on_signal(int sig)
{
	interrupted = sig;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage:\n %s rip [options] DEVICE OUTPUT\n\n"
		"Read the data track of the disc in DEVICE into the image OUTPUT, sector\n"
		"by sector, with a ddrescue mapfile of what was read, then print its hashes.\n\n"
		"Options:\n"
		" -m, --map FILE          mapfile (default OUTPUT.map)\n"
		"     --resume            continue an earlier rip from its map\n"
		"     --retry-bad         with --resume: also re-read sectors mapped bad\n"
		" -f, --force             overwrite an existing OUTPUT and map\n"
		" -b, --blocks N          sectors per read command (default: device limit,\n"
		"                         at most 1 MiB)\n"
		" -r, --retries N         re-reads of a failing sector (default 3)\n"
		" -t, --timeout SECONDS   per SCSI command (default 30)\n"
		"     --raw               CD: read 2352-byte sectors (READ CD) and check\n"
		"                         their EDC/ECC before keeping the user data\n"
		"     --raw-output FILE   with --raw: also keep the raw sectors in FILE\n"
		"     --map-interval SEC  save the map at least this often (default 5)\n"
		"     --max-rate BYTES    read at most BYTES per second (suffixes k, M)\n"
		"     --hash-file[=FILE]  write the hashes beside the image\n"
		"                         (default OUTPUT.hashes; cksum -c checks it)\n"
		"     --hashes LIST       crc32,md5,sha1,sha256,sha512, redump (the first\n"
		"                         four, default), all or none\n"
		" -j, --json              print a JSON summary on stdout\n"
		" -q, --quiet             no progress, no summary\n"
		" -v, --verbose           describe the drive, the disc and every error\n"
		" -h, --help              display this help\n\n"
		"Exit status: 0 for a complete rip, 1 on errors, bad sectors or interruption,\n"
		"2 for usage errors. See discloop-rip(8).\n", dl_progname);
}

static int parse_count(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	if (!s || *s == '-' || !*s)
		return -1;
	*v = strtoul(s, &end, 10);
	return (*end || errno || *v > max) ? -1 : 0;
}

static int parse_rate(const char *s, double *v)
{
	char *end;
	double mul = 1;

	errno = 0;
	*v = strtod(s, &end);
	if (end == s || errno || *v < 0)
		return -1;
	if (*end == 'k' || *end == 'K')
		mul = 1024, end++;
	else if (*end == 'M' || *end == 'm')
		mul = 1048576, end++;
	else if (*end == 'G' || *end == 'g')
		mul = 1073741824.0, end++;
	if (*end == 'B' || *end == 'i') {
		if (*end == 'i')
			end++;
		if (*end == 'B')
			end++;
	}
	if (!strcmp(end, "/s"))
		end += 2;
	if (*end)
		return -1;
	*v *= mul;
	return 0;
}

static char *join_args(int argc, char **argv)
{
	size_t len = 1;
	char *s;
	int i;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	s = calloc(1, len + 16);
	if (!s)
		return NULL;
	strcpy(s, "discloop");
	for (i = 0; i < argc; i++) {
		strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* ----- map persistence ----- */

static int flush_map(struct rip *r)
{
	int ret;

	/* Data first: the map must never claim what is not on disk. */
	if (fdatasync(r->out) || (r->rawfd >= 0 && fdatasync(r->rawfd))) {
		dl_err("%s: %s", r->output, strerror(errno));
		return -1;
	}
	ret = dl_map_save(&r->map, r->mapname, r->cmdline);
	if (ret) {
		dl_err("%s: cannot save the map: %s", r->mapname, strerror(-ret));
		return -1;
	}
	r->dirty = false;
	r->last_flush = now();
	return 0;
}

/* ----- progress ----- */

static void fmt_time(double s, char *buf, size_t n)
{
	unsigned long t = s < 0 ? 0 : (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%lu:%02lu", t / 60, t % 60);
}

static void show_progress(struct rip *r, uint32_t lba, bool final)
{
	double t = now(), el = t - r->t0, speed, eta;
	uint64_t total = r->map.size, done = total - dl_map_count(&r->map, '?');
	uint64_t bad = dl_map_count(&r->map, '-') / SS;
	char etab[32];

	if (!r->progress || (!final && t - r->last_progress < 0.25))
		return;
	r->last_progress = t;
	speed = el > 0 ? r->bytes_read / el : 0;
	eta = speed > 0 ? (double)(total - done) / speed : 0;
	fmt_time(eta, etab, sizeof(etab));
	fprintf(stderr, "\r\033[Krip: %5.1f%%  LBA %u/%u  %.2f MB/s  ETA %s  bad %" PRIu64,
		total ? 100.0 * done / total : 100.0, lba, r->disc.start + r->disc.sectors,
		speed / 1e6, speed > 0 ? etab : "--:--", bad);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}

static void throttle(struct rip *r)
{
	double el, want;

	if (r->max_rate <= 0)
		return;
	el = now() - r->t0;
	want = r->bytes_read / r->max_rate;
	if (want > el)
		usleep((useconds_t)((want - el) * 1e6));
}

/* ----- storing sectors ----- */

static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/* Write @n sectors at @lba from r->buf (as read) and mark them @st. */
static int store(struct rip *r, uint32_t lba, uint32_t n, const uint8_t *data, char st)
{
	uint64_t idx = lba - r->disc.start;
	const uint8_t *user = data;
	int ret;
	uint32_t i;

	if (r->raw) {
		dl_hashq_wait(&r->hq, r->ticket[r->slot]);	/* r->user is free */
		if (r->rawfd >= 0) {
			ret = pwrite_all(r->rawfd, data, (size_t)n * 2352, (off_t)(idx * 2352));
			if (ret) {
				dl_err("%s: %s", r->raw_output, strerror(-ret));
				return -1;
			}
		}
		for (i = 0; i < n; i++)
			memcpy(r->user + (size_t)i * SS, data + (size_t)i * 2352 + DL_CD_DATA_OFFSET, SS);
		user = r->user;
	}
	ret = pwrite_all(r->out, user, (size_t)n * SS, (off_t)(idx * SS));
	if (ret) {
		dl_err("%s: %s", r->output, strerror(-ret));
		return -1;
	}
	if (r->hash_stream && idx * SS == r->hashed) {
		uint64_t t = dl_hashq_push(&r->hq, user, (size_t)n * SS);

		if (user != r->zero)
			r->ticket[r->slot] = t;
		r->hashed += (uint64_t)n * SS;
	} else if (idx * SS < r->hashed) {
		r->hash_stream = false;	/* rewrote hashed bytes: hash the file at the end */
	}
	if (dl_map_set(&r->map, idx * SS, (uint64_t)n * SS, st)) {
		dl_err("out of memory");
		return -1;
	}
	r->dirty = true;
	if (now() - r->last_flush >= r->map_interval)
		return flush_map(r);
	return 0;
}

/* ----- reading ----- */

enum { RD_OK, RD_ERR, RD_FATAL, RD_INTR };

/* Is this failure worth retrying (a read error), or does it end the rip? */
static int classify(struct rip *r, const struct dl_sg_io *io, uint32_t lba)
{
	char why[200];

	switch (io->result) {
	case DL_SG_GOOD:
		return RD_OK;
	case DL_SG_SYSERR:
		if (io->err == EINTR)
			return RD_INTR;
		if (io->err == EINVAL || io->err == ENOMEM)
			dl_err("%s: read at LBA %u: %s (try a smaller --blocks)", r->sg.path, lba,
			       strerror(io->err));
		else
			dl_err("%s: read at LBA %u: %s", r->sg.path, lba, strerror(io->err));
		return RD_FATAL;
	case DL_SG_TRANSPORT:
		/* DID_NO_CONNECT, DID_BAD_TARGET: the drive is gone */
		if (io->host_status == 1 || io->host_status == 4) {
			dl_err("%s: read at LBA %u: %s", r->sg.path, lba,
			       dl_sg_describe(io, why, sizeof(why)));
			return RD_FATAL;
		}
		return RD_ERR;
	case DL_SG_CHECK:
		switch (io->sense.key) {
		case DL_SK_NOT_READY:
			if (io->sense.asc == 0x3a) {
				dl_err("%s: the disc was removed", r->sg.path);
				return RD_FATAL;
			}
			return RD_ERR;
		case DL_SK_UNIT_ATTENTION:
			if (io->sense.asc == 0x28) {
				dl_err("%s: the disc was changed during the rip", r->sg.path);
				return RD_FATAL;
			}
			return RD_ERR;
		case DL_SK_ILLEGAL_REQUEST:
			if (io->sense.asc == 0x20 || io->sense.asc == 0x24) {
				dl_err("%s: read at LBA %u: %s%s", r->sg.path, lba,
				       dl_sg_describe(io, why, sizeof(why)),
				       r->raw ? " (the drive may not support READ CD)" : "");
				return RD_FATAL;
			}
			return RD_ERR;	/* out of range, end of track: a bad sector */
		default:
			return RD_ERR;
		}
	}
	return RD_FATAL;
}

static int do_read(struct rip *r, uint32_t lba, uint32_t n, struct dl_sg_io *io)
{
	int rc;

	/* The other buffer, once the hashing thread is done with it. */
	r->slot ^= 1;
	r->buf = r->bufs[r->slot];
	r->user = r->users[r->slot];
	dl_hashq_wait(&r->hq, r->ticket[r->slot]);
	rc = r->raw ? dl_sg_read_cd_raw(&r->sg, lba, n, r->buf, io)
		    : dl_sg_read(&r->sg, lba, n, SS, r->buf, io);

	r->bytes_read += (uint64_t)n * SS;
	return rc;
}

/* Index of the first raw sector in r->buf failing its EDC/ECC check, or @n. */
static uint32_t first_bad_raw(struct rip *r, uint32_t lba, uint32_t n)
{
	uint32_t i;

	if (!r->raw)
		return n;
	for (i = 0; i < n; i++) {
		enum dl_sector_status st = dl_mode1_check(r->buf + (size_t)i * 2352, lba + i);

		if (st != DL_SECTOR_OK) {
			if (r->verbose)
				fprintf(stderr, "\n%s: LBA %u: raw sector fails its check (%s)\n",
					dl_progname, lba + i,
					st == DL_SECTOR_BAD_SYNC ? "sync" :
					st == DL_SECTOR_BAD_HEADER ? "header" :
					st == DL_SECTOR_BAD_EDC ? "EDC" : "ECC");
			return i;
		}
	}
	return n;
}

/* One sector, @tries already spent on it: read until good or out of retries. */
static int read_sector(struct rip *r, uint32_t lba, unsigned tries)
{
	struct dl_sg_io io;
	char why[200];
	int c;

	while (tries < 1 + r->retries) {
		if (interrupted)
			return RD_INTR;
		if (tries)
			r->retries_done++;
		tries++;
		do_read(r, lba, 1, &io);
		c = classify(r, &io, lba);
		if (c == RD_FATAL || c == RD_INTR)
			return c;
		if (c == RD_OK && io.resid == 0 && first_bad_raw(r, lba, 1) == 1) {
			if (tries > 1) {
				r->recovered++;
				if (r->verbose)
					fprintf(stderr, "\n%s: LBA %u: recovered on read %u\n",
						dl_progname, lba, tries);
			}
			return store(r, lba, 1, r->buf, '+') ? RD_FATAL : RD_OK;
		}
		if (r->verbose && c != RD_OK)
			fprintf(stderr, "\n%s: LBA %u: %s\n", dl_progname, lba,
				dl_sg_describe(&io, why, sizeof(why)));
	}
	/* Give up: zeros in the image, '-' in the map. */
	r->new_bad++;
	if (!r->quiet)
		fprintf(stderr, "%s%s: LBA %u: unreadable after %u reads, zero-filled\n",
			r->progress ? "\r\033[K" : "", dl_progname, lba, tries);
	return store(r, lba, 1, r->zero, '-') ? RD_FATAL : RD_ERR;
}

/* Read [lba, end) in commands of r->blocks, splitting around errors. */
static int read_range(struct rip *r, uint32_t lba, uint32_t end)
{
	struct dl_sg_io io;
	int c;

	while (lba < end) {
		uint32_t n = end - lba < r->blocks ? end - lba : r->blocks;
		uint32_t good = 0, i;
		int64_t bad = -1;

		if (interrupted)
			return RD_INTR;
		r->map.current_pos = (uint64_t)(lba - r->disc.start) * SS;
		show_progress(r, lba, false);
		throttle(r);
		do_read(r, lba, n, &io);
		c = classify(r, &io, lba);
		if (c == RD_FATAL || c == RD_INTR)
			return c;
		if (c == RD_OK) {
			size_t got = (size_t)n * r->secsize - (io.resid > 0 ? (size_t)io.resid : 0);

			good = (uint32_t)(got / r->secsize);
			if (good > n)
				good = n;
			good = first_bad_raw(r, lba, good);
			if (good == n) {
				if (store(r, lba, n, r->buf, '+'))
					return RD_FATAL;
				lba += n;
				continue;
			}
			bad = lba + good;	/* short transfer or a raw sector failing its check */
		} else if (io.sense.info_valid && io.sense.info >= lba && io.sense.info < lba + n) {
			size_t need = (size_t)(io.sense.info - lba) * r->secsize;

			bad = (int64_t)io.sense.info;
			/* The data before it is good only if the residual count says it arrived. */
			if (io.resid > 0 && (size_t)n * r->secsize - (size_t)io.resid >= need)
				good = first_bad_raw(r, lba, (uint32_t)(bad - lba));
			if (good < bad - lba) {
				/* not known to have arrived: read that part again on its own */
				if (good && store(r, lba, good, r->buf, '+'))
					return RD_FATAL;
				c = read_range(r, lba + good, (uint32_t)bad);
				if (c == RD_FATAL || c == RD_INTR)
					return c;
				good = 0;
			}
		}
		if (bad >= 0) {
			if (good && store(r, lba, good, r->buf, '+'))
				return RD_FATAL;
			c = read_sector(r, (uint32_t)bad, 1);
			if (c == RD_FATAL || c == RD_INTR)
				return c;
			lba = (uint32_t)bad + 1;
			continue;
		}
		/* The drive did not say which sector failed: split into single sectors. */
		if (r->verbose)
			fprintf(stderr, "\n%s: LBA %u+%u: read failed without a failing LBA; "
				"reading sector by sector\n", dl_progname, lba, n);
		for (i = 0; i < n; i++) {
			c = read_sector(r, lba + i, 0);
			if (c == RD_FATAL || c == RD_INTR)
				return c;
		}
		lba += n;
	}
	return RD_OK;
}

/* ----- output files ----- */

static int check_target(const char *path, const char *what, bool may_exist)
{
	struct stat st;

	if (stat(path, &st)) {
		if (errno == ENOENT)
			return 0;
		dl_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)) {
		dl_err("%s: is a device node; %s must be a file", path, what);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		dl_err("%s: is a directory", path);
		return -1;
	}
	if (!may_exist) {
		dl_err("%s: already exists (use --resume to continue the rip, or --force "
		       "to overwrite)", path);
		return -1;
	}
	return 1;
}

static int open_out(const char *path, bool resume, bool force, uint64_t size)
{
	int flags = O_RDWR | O_CREAT | O_CLOEXEC;
	struct stat st;
	int fd;

	if (force && !resume)
		flags |= O_TRUNC;
	else if (!resume)
		flags |= O_EXCL;
	fd = open(path, flags, 0644);
	if (fd < 0) {
		dl_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || (uint64_t)st.st_size != size) {
		if (ftruncate(fd, (off_t)size)) {
			dl_err("%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* ----- summary ----- */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void print_json(struct rip *r, const struct dl_digests *d, double secs, bool complete)
{
	uint64_t nbad = dl_map_count(&r->map, '-') / SS;
	bool first = true;
	size_t i;

	printf("{\n  \"device\": ");
	json_str(stdout, r->sg.path);
	printf(",\n  \"vendor\": ");
	json_str(stdout, r->disc.vendor);
	printf(",\n  \"model\": ");
	json_str(stdout, r->disc.product);
	printf(",\n  \"revision\": ");
	json_str(stdout, r->disc.revision);
	printf(",\n  \"profile\": ");
	json_str(stdout, dl_mmc_profile_name(r->disc.profile));
	printf(",\n  \"profile_code\": %d,\n  \"track\": %d,\n  \"start_lba\": %u,\n"
	       "  \"sectors\": %u,\n  \"sector_size\": %u,\n  \"size_from\": ",
	       r->disc.profile, r->disc.track, r->disc.start, r->disc.sectors, SS);
	json_str(stdout, r->disc.source);
	printf(",\n  \"raw\": %s,\n  \"blocks_per_read\": %u,\n  \"output\": ",
	       r->raw ? "true" : "false", r->blocks);
	json_str(stdout, r->output);
	printf(",\n  \"map\": ");
	json_str(stdout, r->mapname);
	printf(",\n  \"complete\": %s,\n  \"bad_sectors\": %" PRIu64 ",\n  \"bad_sector_list\": [",
	       complete ? "true" : "false", nbad);
	for (i = 0; i < r->map.n; i++) {
		const struct dl_map_block *b = &r->map.b[i];
		uint64_t s;

		if (b->status != '-')
			continue;
		for (s = b->pos / SS; s < (b->pos + b->size) / SS; s++) {
			printf("%s%" PRIu64, first ? "" : ", ", s + r->disc.start);
			first = false;
		}
	}
	printf("],\n  \"retries\": %" PRIu64 ",\n  \"recovered_sectors\": %" PRIu64
	       ",\n  \"seconds\": %.3f,\n  \"bytes_read\": %" PRIu64, r->retries_done,
	       r->recovered, secs, r->bytes_read);
	if (d) {
		static const char *const key[] = { "crc32", "md5", "sha1", "sha256", "sha512" };
		const char *sep = "";

		printf(",\n  \"hashes\": {");
		for (i = 0; i < 5; i++) {
			if (!(r->algs & (1U << i)))
				continue;
			printf("%s\n    \"%s\": \"%s\"", sep, key[i], dl_digest_of(d, 1U << i));
			sep = ",";
		}
		printf("%s}", *sep ? "\n  " : "");
	}
	printf("\n}\n");
}

static int write_hash_file(struct rip *r, const struct dl_digests *d)
{
	const char *base = strrchr(r->output, '/');
	size_t len = strlen(r->hashname);
	char *tmp = malloc(len + 16);
	FILE *f;
	int fd;

	base = base ? base + 1 : r->output;
	if (!tmp)
		return -1;
	snprintf(tmp, len + 16, "%s.tmp.XXXXXX", r->hashname);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		dl_err("%s: %s", r->hashname, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	/* BSD-style tagged lines: cksum -c, sha256sum -c, md5sum -c understand them. */
	fprintf(f, "# %s: %u sectors of %u bytes from %s %s\n", base, r->disc.sectors, SS,
		r->disc.vendor, r->disc.product);
	/* cksum knows no CRC32 tag (its CRC is another one): a comment. */
	if (r->algs & DL_ALG_CRC32)
		fprintf(f, "# CRC32 (%s) = %s\n", base, d->crc32);
	if (r->algs & DL_ALG_MD5)
		fprintf(f, "MD5 (%s) = %s\n", base, d->md5);
	if (r->algs & DL_ALG_SHA1)
		fprintf(f, "SHA1 (%s) = %s\n", base, d->sha1);
	if (r->algs & DL_ALG_SHA256)
		fprintf(f, "SHA256 (%s) = %s\n", base, d->sha256);
	if (r->algs & DL_ALG_SHA512)
		fprintf(f, "SHA512 (%s) = %s\n", base, d->sha512);
	if (fflush(f) || fsync(fd) || fclose(f) || rename(tmp, r->hashname)) {
		dl_err("%s: %s", r->hashname, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* ----- the command ----- */

enum {
	OPT_RESUME = 256, OPT_RETRY_BAD, OPT_RAW, OPT_RAW_OUTPUT, OPT_MAP_INTERVAL,
	OPT_MAX_RATE, OPT_HASH_FILE, OPT_HASHES,
};

int cmd_rip(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "map", required_argument, NULL, 'm' },
		{ "resume", no_argument, NULL, OPT_RESUME },
		{ "retry-bad", no_argument, NULL, OPT_RETRY_BAD },
		{ "force", no_argument, NULL, 'f' },
		{ "blocks", required_argument, NULL, 'b' },
		{ "retries", required_argument, NULL, 'r' },
		{ "timeout", required_argument, NULL, 't' },
		{ "raw", no_argument, NULL, OPT_RAW },
		{ "raw-output", required_argument, NULL, OPT_RAW_OUTPUT },
		{ "map-interval", required_argument, NULL, OPT_MAP_INTERVAL },
		{ "max-rate", required_argument, NULL, OPT_MAX_RATE },
		{ "hash-file", optional_argument, NULL, OPT_HASH_FILE },
		{ "hashes", required_argument, NULL, OPT_HASHES },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct rip rr = { .retries = 3, .map_interval = 5, .out = -1, .rawfd = -1,
			  .algs = DL_ALG_RIP };
	struct rip *r = &rr;
	struct sigaction sa;
	struct dl_digests dig;
	unsigned long v, timeout = 30;
	const char *mapopt = NULL, *hashopt = NULL;
	size_t maxbytes, bytes;
	uint64_t pos, size;
	int c, rc = DL_EXIT_FAIL, ret;
	bool complete;
	double secs;
	unsigned i;
	char err[256];

	r->cmdline = join_args(argc, argv);
	optind = 1;
	while ((c = getopt_long(argc, argv, "m:fb:r:t:jqvh", opts, NULL)) != -1) {
		switch (c) {
		case 'm': mapopt = optarg; break;
		case OPT_RESUME: r->resume = true; break;
		case OPT_RETRY_BAD: r->retry_bad = true; break;
		case 'f': r->force = true; break;
		case 'b':
			if (parse_count(optarg, 1U << 20, &v) || !v) {
				dl_usage_err("--blocks: '%s' is not a sector count", optarg);
				return DL_EXIT_USAGE;
			}
			r->blocks = (unsigned)v;
			break;
		case 'r':
			if (parse_count(optarg, 1000000, &v)) {
				dl_usage_err("--retries: '%s' is not a number", optarg);
				return DL_EXIT_USAGE;
			}
			r->retries = (unsigned)v;
			break;
		case 't':
			if (parse_count(optarg, 3600, &v) || !v) {
				dl_usage_err("--timeout: '%s' is not a number of seconds (1-3600)",
					     optarg);
				return DL_EXIT_USAGE;
			}
			timeout = v;
			break;
		case OPT_RAW: r->raw = true; break;
		case OPT_RAW_OUTPUT: r->raw_output = optarg; break;
		case OPT_MAP_INTERVAL:
			if (parse_count(optarg, 86400, &v)) {
				dl_usage_err("--map-interval: '%s' is not a number of seconds", optarg);
				return DL_EXIT_USAGE;
			}
			r->map_interval = (unsigned)v;
			break;
		case OPT_MAX_RATE:
			if (parse_rate(optarg, &r->max_rate)) {
				dl_usage_err("--max-rate: '%s' is not a rate", optarg);
				return DL_EXIT_USAGE;
			}
			break;
		case OPT_HASH_FILE:
			r->want_hashfile = true;
			hashopt = optarg;
			break;
		case OPT_HASHES:
			if (dl_alg_parse(optarg, &r->algs, err, sizeof(err))) {
				dl_usage_err("--hashes: unknown hash '%s' (crc32, md5, sha1, sha256, "
					     "sha512, redump, all, none)", err);
				return DL_EXIT_USAGE;
			}
			break;
		case 'j': r->json = true; break;
		case 'q': r->quiet = true; break;
		case 'v': r->verbose++; break;
		case 'h': usage(stdout); return DL_EXIT_OK;
		default:
			fprintf(stderr, "Try '%s rip --help' for more information.\n", dl_progname);
			return DL_EXIT_USAGE;
		}
	}
	if (argc - optind != 2) {
		dl_usage_err("rip: %s", argc - optind < 2 ? "DEVICE and OUTPUT are required" :
			     "too many arguments");
		return DL_EXIT_USAGE;
	}
	r->device = argv[optind];
	r->output = argv[optind + 1];
	if (r->resume && r->force) {
		dl_usage_err("rip: --resume and --force exclude each other");
		return DL_EXIT_USAGE;
	}
	if (r->retry_bad && !r->resume) {
		dl_usage_err("rip: --retry-bad needs --resume");
		return DL_EXIT_USAGE;
	}
	if (r->raw_output && !r->raw) {
		dl_usage_err("rip: --raw-output needs --raw");
		return DL_EXIT_USAGE;
	}
	if (r->want_hashfile && !r->algs) {
		dl_usage_err("rip: --hash-file needs a hash, but --hashes is none");
		return DL_EXIT_USAGE;
	}
	if (r->verbose)
		r->quiet = false;
	if (asprintf(&r->mapname, "%s", mapopt ? mapopt : "") < 0 ||
	    (!mapopt && (free(r->mapname), asprintf(&r->mapname, "%s.map", r->output) < 0)) ||
	    asprintf(&r->hashname, "%s", hashopt ? hashopt : "") < 0 ||
	    (!hashopt && (free(r->hashname), asprintf(&r->hashname, "%s.hashes", r->output) < 0))) {
		dl_err("out of memory");
		return DL_EXIT_FAIL;
	}

	/* Never overwrite by accident; never write to a device. */
	ret = check_target(r->output, "OUTPUT", r->resume || r->force);
	if (ret < 0)
		return DL_EXIT_FAIL;
	if (r->resume && ret == 0) {
		dl_err("%s: does not exist: nothing to resume", r->output);
		return DL_EXIT_FAIL;
	}
	ret = check_target(r->mapname, "the map", r->resume || r->force);
	if (ret < 0)
		return DL_EXIT_FAIL;
	if (r->resume && ret == 0) {
		dl_err("%s: no map: cannot tell what was read (rip again with --force)",
		       r->mapname);
		return DL_EXIT_FAIL;
	}
	if (r->raw_output && check_target(r->raw_output, "--raw-output", r->resume || r->force) < 0)
		return DL_EXIT_FAIL;
	if (r->want_hashfile && check_target(r->hashname, "--hash-file", true) < 0)
		return DL_EXIT_FAIL;

	/* The drive and the disc. */
	r->sg.verbose = r->verbose;
	r->sg.timeout_ms = (unsigned)timeout * 1000;
	if (dl_sg_open(r->device, &r->sg))
		return DL_EXIT_FAIL;
	if (dl_disc_identify(&r->sg, &r->disc))
		goto out;
	if (r->raw && !r->disc.is_cd) {
		dl_err("%s: --raw reads CD sectors, but the disc is %s", r->sg.path,
		       dl_mmc_profile_name(r->disc.profile));
		goto out;
	}
	r->secsize = r->raw ? 2352 : SS;
	maxbytes = dl_sg_max_transfer(&r->sg);
	if (r->blocks) {
		if ((size_t)r->blocks * r->secsize > maxbytes) {
			dl_err("--blocks %u: %zu KiB per command exceeds the device's limit of %zu KiB",
			       r->blocks, (size_t)r->blocks * r->secsize / 1024, maxbytes / 1024);
			goto out;
		}
	} else {
		bytes = maxbytes < (1u << 20) ? maxbytes : (1u << 20);
		r->blocks = (unsigned)(bytes / r->secsize);
		if (!r->blocks)
			r->blocks = 1;
	}
	if (r->verbose)
		fprintf(stderr, "%s: %u sectors per command (device limit %zu KiB), timeout %lu s\n",
			dl_progname, r->blocks, maxbytes / 1024, timeout);

	/* The map: new, or the one we resume from. */
	if (r->resume) {
		if (dl_map_load(&r->map, r->mapname, err, sizeof(err))) {
			dl_err("%s: %s", r->mapname, err);
			goto out;
		}
		if (r->map.size != (uint64_t)r->disc.sectors * SS) {
			dl_err("%s: the map covers %" PRIu64 " bytes, the disc's data track %" PRIu64
			       " (another disc?)", r->mapname, r->map.size,
			       (uint64_t)r->disc.sectors * SS);
			goto out;
		}
		if (r->raw_output && access(r->raw_output, F_OK) &&
		    dl_map_count(&r->map, '+')) {
			dl_err("%s: missing, but the map lists sectors already read", r->raw_output);
			goto out;
		}
	} else if (dl_map_init(&r->map, (uint64_t)r->disc.sectors * SS)) {
		dl_err("out of memory");
		goto out;
	}
	/* Page-aligned: SG_IO on the block node then reads into them directly. */
	for (i = 0; i < 2; i++) {
		if (posix_memalign((void **)&r->bufs[i], 4096, (size_t)r->blocks * r->secsize))
			r->bufs[i] = NULL;
		r->users[i] = malloc((size_t)r->blocks * SS);
	}
	r->buf = r->bufs[0];
	r->user = r->users[0];
	r->zero = calloc(1, 2352);
	if (!r->bufs[0] || !r->bufs[1] || !r->users[0] || !r->users[1] || !r->zero) {
		dl_err("out of memory");
		goto out;
	}
	r->map.current_status = r->retry_bad ? '-' : '?';
	if (!r->resume) {
		/* The map first: there is never an image without its map. */
		ret = dl_map_save(&r->map, r->mapname, r->cmdline);
		if (ret) {
			dl_err("%s: %s", r->mapname, strerror(-ret));
			goto out;
		}
	}
	r->out = open_out(r->output, r->resume, r->force, r->map.size);
	if (r->out >= 0 && r->raw_output) {
		r->rawfd = open_out(r->raw_output, r->resume, r->force,
				    (uint64_t)r->disc.sectors * 2352);
		if (r->rawfd < 0) {
			close(r->out);
			r->out = -1;
			if (!r->resume)
				unlink(r->output);
		}
	}
	if (r->out < 0) {
		if (!r->resume)
			unlink(r->mapname);
		goto out;
	}
	if (flush_map(r))
		goto out;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;	/* let the running command finish */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);

	if (r->algs) {
		if (dl_hash_init(&r->hash, r->algs)) {
			dl_err("cannot set up the hashes: out of memory");
			goto out;
		}
		r->hash_live = r->hash_stream = true;
		/* Without the thread (it could not start) hashing is inline. */
		ret = dl_hashq_start(&r->hq, &r->hash);
		if (ret && r->verbose)
			fprintf(stderr, "%s: no hashing thread (%s); hashing inline\n",
				dl_progname, strerror(-ret));
	}
	r->progress = !r->quiet && isatty(STDERR_FILENO);
	r->t0 = r->last_flush = now();
	c = RD_OK;
	pos = 0;
	while (c != RD_FATAL && c != RD_INTR &&
	       dl_map_next(&r->map, pos, r->retry_bad ? "?*/-" : "?*/", &pos, &size)) {
		uint32_t s = r->disc.start + (uint32_t)(pos / SS);
		uint32_t e = r->disc.start + (uint32_t)((pos + size + SS - 1) / SS);

		c = read_range(r, s, e);
		pos = (uint64_t)(e - r->disc.start) * SS;
	}
	if (interrupted)
		c = RD_INTR;
	complete = c != RD_FATAL && c != RD_INTR;
	if (complete) {
		r->map.current_pos = r->map.size;
		r->map.current_status = '+';
	}
	show_progress(r, r->disc.start + (uint32_t)(r->map.current_pos / SS), true);
	if (flush_map(r))
		complete = false, c = RD_FATAL;
	secs = now() - r->t0;
	if (c == RD_INTR) {
		dl_err("%s: interrupted; the map %s is saved: continue with --resume",
		       r->output, r->mapname);
		if (r->json)
			print_json(r, NULL, secs, false);
		goto out;
	}
	if (c == RD_FATAL) {
		if (r->json)
			print_json(r, NULL, secs, false);
		goto out;
	}

	/* Finish the hashes: the part written out of order is read back. */
	dl_hashq_stop(&r->hq);
	memset(&dig, 0, sizeof(dig));
	if (r->algs) {
		ret = 0;
		if (!r->hash_stream) {
			dl_hash_final(&r->hash, &dig);
			r->hash_live = false;
			r->hashed = 0;
			if (dl_hash_init(&r->hash, r->algs))
				ret = -ENOMEM;
			else
				r->hash_live = true;
		}
		if (!ret && r->hashed < r->map.size)
			ret = dl_hash_fd_from(r->out, r->hashed, &r->hash);
		if (r->hash_live && dl_hash_final(&r->hash, &dig) && !ret)
			ret = -EIO;
		r->hash_live = false;
		if (ret) {
			dl_err("%s: cannot hash: %s", r->output, strerror(-ret));
			goto out;
		}
	}
	if (r->json) {
		print_json(r, &dig, secs, true);
	} else {
		unsigned a;

		for (a = DL_ALG_CRC32; a <= DL_ALG_SHA512; a <<= 1)
			if (r->algs & a)
				printf("%-8s %s\n", dl_alg_name(a), dl_digest_of(&dig, a));
	}
	fflush(stdout);
	if (r->want_hashfile && write_hash_file(r, &dig))
		goto out;
	{
		uint64_t nbad = dl_map_count(&r->map, '-') / SS;

		if (!r->quiet)
			fprintf(stderr, "%s: %s: %u sectors (%.1f MiB) in %.1f s, %.2f MB/s; "
				"%" PRIu64 " retries, %" PRIu64 " recovered, %" PRIu64 " bad\n",
				dl_progname, r->output, r->disc.sectors,
				r->disc.sectors * (double)SS / 1048576, secs,
				secs > 0 ? r->bytes_read / secs / 1e6 : 0.0, r->retries_done,
				r->recovered, nbad);
		if (nbad) {
			dl_err("%s: %" PRIu64 " unreadable sector(s), zero-filled; listed as '-' in %s",
			       r->output, nbad, r->mapname);
			goto out;
		}
	}
	rc = DL_EXIT_OK;
out:
	dl_hashq_stop(&r->hq);
	if (r->hash_live)
		dl_hash_final(&r->hash, &dig);	/* frees the contexts */
	if (r->out >= 0)
		close(r->out);
	if (r->rawfd >= 0)
		close(r->rawfd);
	dl_sg_close(&r->sg);
	dl_map_free(&r->map);
	for (i = 0; i < 2; i++) {
		free(r->bufs[i]);
		free(r->users[i]);
	}
	free(r->zero);
	free(r->mapname);
	free(r->hashname);
	free(r->cmdline);
	return rc;
}
