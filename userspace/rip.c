// SPDX-License-Identifier: GPL-2.0
/*
 * discloop rip: options, progress and the summary. The work (reading,
 * retrying, the map, the hashes) is the rip engine's, lib/rip.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tool.h"
#include "errmsg.h"
#include "jsonwrt.h"
#include "opts.h"
#include "cdoffset.h"
#include "cdhash.h"
#include "cdreport.h"
#include "layout.h"
#include "rip.h"
#include "strutils.h"
#include "../common/cdframe.h"

/* What the command shows, beside the engine's state. */
struct ui {
	bool progress;		/* a progress line on a terminal */
	bool quiet;
	double last_progress;
};

static volatile sig_atomic_t interrupted;

static bool ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && !strcasecmp(s + n - k, suffix);
}

static void on_signal(int sig)
{
	interrupted = sig;
}

static void usage(FILE *out)
{
	fprintf(out,
		"Usage:\n %s rip [options] DEVICE OUTPUT\n\n"
		"Read the data track of the disc in DEVICE into the image OUTPUT, sector\n"
		"by sector, with a ddrescue mapfile of what was read, then print its hashes.\n"
		"An OUTPUT ending in .cue rips every track of a CD as 2352-byte sectors into\n"
		"\"OUTPUT (Track N).bin\" files and writes the cue sheet, as redump.org does.\n\n"
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
		"     --fast-toc          .cue: no Q sub-channel scan (no pregaps, indexes)\n"
		"     --c2-retries N      .cue: read C2 error pointers; re-read a sector with\n"
		"                         C2 errors up to N times, then map it bad\n"
		"     --subchannel        .cue: also read raw P-W into OUT.sub (CloneCD's\n"
		"                         layout, 96 bytes per sector)\n"
		"     --read-offset N|auto  .cue: correct the audio by the drive's read offset\n"
		"                         in samples (AccurateRip's list); auto: the combined\n"
		"                         offset, found from a data track read as audio\n"
		"     --map-interval SEC  save the map at least this often (default 5)\n"
		"     --max-rate BYTES    read at most BYTES per second (suffixes k, M)\n"
		"     --hash-file[=FILE]  write the hashes beside the image\n"
		"                         (default OUTPUT.hashes; cksum -c checks it)\n"
		"     --hashes LIST       crc32, md5, sha1, sha256, sha512, blake2b;\n"
		"                         redump (the first four, default), all or none\n"
		" -J, --json              print a JSON summary on stdout\n"
		" -q, --quiet             no progress, no summary\n"
		" -v, --verbose           describe the drive, the disc and every error\n"
		" -h, --help              display this help\n\n"
		"Exit status: 0 for a complete rip, 1 on errors, bad sectors or interruption,\n"
		"2 for usage errors. See discloop-rip(1).\n", dl_progname);
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

/* ----- progress ----- */

static void fmt_time(double s, char *buf, size_t n)
{
	unsigned long t = s < 0 ? 0 : (unsigned long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%lu:%02lu", t / 60, t % 60);
}

static void show_progress(void *ctx, const struct dl_rip *r, uint32_t lba, bool final)
{
	struct ui *ui = ctx;
	double t = dl_rip_now(), el = t - r->t0, speed, eta;
	uint64_t total = r->map.size, done = total - dl_map_count(&r->map, DL_MAP_NONTRIED);
	uint64_t bad = dl_rip_bad_sectors(r);
	char etab[32];

	if (!ui->progress || (!final && t - ui->last_progress < 0.25))
		return;
	ui->last_progress = t;
	speed = el > 0 ? r->rd.bytes_read / el : 0;
	eta = speed > 0 ? (double)(total - done) / speed : 0;
	fmt_time(eta, etab, sizeof(etab));
	fprintf(stderr, "\r\033[Krip: %5.1f%%  LBA %u/%u  %.2f MB/s  ETA %s  bad %" PRIu64,
		total ? 100.0 * done / total : 100.0, lba,
		r->ext[r->nr_ext - 1].lba + r->ext[r->nr_ext - 1].n,
		speed / 1e6, speed > 0 ? etab : "--:--", bad);
	if (final)
		fputc('\n', stderr);
	fflush(stderr);
}

static void bad_sector(void *ctx, uint32_t lba, unsigned int tries)
{
	struct ui *ui = ctx;

	if (!ui->quiet)
		fprintf(stderr, "%s%s: LBA %u: unreadable after %u reads, zero-filled\n",
			ui->progress ? "\r\033[K" : "", dl_progname, lba, tries);
}

static int write_hash_file(const struct dl_rip *r, const char *hashname, const struct dl_digests *d)
{
	const char *base = strrchr(r->o.output, '/');
	size_t len = strlen(hashname);
	char *tmp = malloc(len + 16);
	FILE *f;
	int fd;

	base = base ? base + 1 : r->o.output;
	if (!tmp)
		return -1;
	snprintf(tmp, len + 16, "%s.tmp.XXXXXX", hashname);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		dl_err("%s: %s", hashname, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	fchmod(fd, 0644);
	/* BSD-style tagged lines: cksum -c, sha256sum -c, md5sum -c understand them. */
	fprintf(f, "# %s: %u sectors of %d bytes from %s %s\n", base, r->disc.sectors,
		DL_CD_DATA_SIZE, r->disc.vendor, r->disc.product);
	/* cksum knows no CRC32 tag (its CRC is another one): a comment. */
	if (r->o.algs & DL_ALG_CRC32)
		fprintf(f, "# CRC32 (%s) = %s\n", base, d->crc32);
	if (r->o.algs & DL_ALG_MD5)
		fprintf(f, "MD5 (%s) = %s\n", base, d->md5);
	if (r->o.algs & DL_ALG_SHA1)
		fprintf(f, "SHA1 (%s) = %s\n", base, d->sha1);
	if (r->o.algs & DL_ALG_SHA256)
		fprintf(f, "SHA256 (%s) = %s\n", base, d->sha256);
	if (r->o.algs & DL_ALG_SHA512)
		fprintf(f, "SHA512 (%s) = %s\n", base, d->sha512);
	if (r->o.algs & DL_ALG_BLAKE2B)
		fprintf(f, "BLAKE2b (%s) = %s\n", base, d->blake2b);
	if (fflush(f) || fsync(fd) || fclose(f) || rename(tmp, hashname)) {
		dl_err("%s: %s", hashname, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}

/* ----- summary ----- */

static void print_json(const struct dl_rip *r, const struct dl_digests *d, bool complete)
{
	struct dl_json j;
	size_t i;

	dl_json_init(&j, stdout);
	dl_json_open(&j, NULL, '{');
	dl_json_str(&j, "device", r->sg.path);
	dl_json_str(&j, "vendor", r->disc.vendor);
	dl_json_str(&j, "model", r->disc.product);
	dl_json_str(&j, "revision", r->disc.revision);
	dl_json_str(&j, "profile", dl_mmc_profile_name(r->disc.profile));
	dl_json_int(&j, "profile_code", r->disc.profile);
	dl_json_int(&j, "track", r->disc.track);
	dl_json_u64(&j, "start_lba", r->disc.start);
	dl_json_u64(&j, "sectors", r->disc.sectors);
	dl_json_u64(&j, "sector_size", DL_CD_DATA_SIZE);
	dl_json_str(&j, "size_from", r->disc.source);
	dl_json_bool(&j, "raw", r->o.raw);
	dl_json_u64(&j, "blocks_per_read", r->rd.blocks);
	dl_json_str(&j, "output", r->o.output);
	dl_json_str(&j, "map", r->o.mapname);
	dl_json_bool(&j, "complete", complete);
	dl_json_u64(&j, "bad_sectors", dl_rip_bad_sectors(r));
	dl_json_open(&j, "bad_sector_list", '[');
	for (i = 0; i < r->map.n; i++) {
		const struct dl_map_block *b = &r->map.b[i];
		uint64_t s;

		if (b->status != DL_MAP_BAD)
			continue;
		for (s = b->pos / DL_CD_DATA_SIZE; s < (b->pos + b->size) / DL_CD_DATA_SIZE; s++)
			dl_json_u64(&j, NULL, s + r->disc.start);
	}
	dl_json_close(&j, '[');
	dl_json_u64(&j, "retries", r->rd.retries_done);
	dl_json_u64(&j, "recovered_sectors", r->rd.recovered);
	dl_json_double(&j, "seconds", r->secs, 3);
	dl_json_u64(&j, "bytes_read", r->rd.bytes_read);
	if (d) {
		dl_json_open(&j, "hashes", '{');
		for (i = 0; i < DL_ALG_COUNT; i++)
			if (r->o.algs & (1U << i))
				dl_json_str(&j, dl_alg_key(1U << i), dl_digest_of(d, 1U << i));
		dl_json_close(&j, '{');
	}
	dl_json_close(&j, '{');
}

static void json_hashes(struct dl_json *j, const char *key, unsigned algs,
			const struct dl_digests *d)
{
	unsigned int a;

	dl_json_open(j, key, '{');
	for (a = DL_ALG_CRC32; a <= DL_ALG_BLAKE2B; a <<= 1)
		if (algs & a)
			dl_json_str(j, dl_alg_key(a), dl_digest_of(d, a));
	dl_json_close(j, '{');
}

/* A cue rip's JSON: the disc's layout, each file with its hashes. */
/*
 * After a whole rip: the AccurateRip, CTDB and disc ids of the image as
 * written, as `discloop verify OUT.cue` prints them; into @j when given
 * (member "checksums"), else on stdout. Quietly nothing if the image
 * cannot be read back (verify then says why).
 */
static void cd_checksums(const char *cue, struct dl_json *j)
{
	struct dl_layout *l = calloc(1, sizeof(*l));
	struct dl_cdhash *h = calloc(1, sizeof(*h));

	if (!l || !h || dl_layout_load(cue, l, NULL, NULL))
		goto out;
	if (!dl_cdhash_layout(l, h)) {
		if (j) {
			dl_json_open(j, "checksums", '{');
			dl_cdhash_json(h, j);
			dl_json_close(j, '{');
		} else {
			dl_cdhash_print(h, stdout);
		}
	}
	dl_layout_free(l);
out:
	free(h);
	free(l);
}

static void print_json_cd(const struct dl_rip *r, const struct dl_digests *d, bool complete)
{
	static const char *const mode[] = { "audio", "mode1", "mode2" };
	struct dl_json j;
	size_t i;
	int k;

	dl_json_init(&j, stdout);
	dl_json_open(&j, NULL, '{');
	dl_json_str(&j, "device", r->sg.path);
	dl_json_str(&j, "vendor", r->disc.vendor);
	dl_json_str(&j, "model", r->disc.product);
	dl_json_str(&j, "revision", r->disc.revision);
	dl_json_str(&j, "output", r->o.output);
	dl_json_str(&j, "map", r->o.mapname);
	dl_json_str(&j, "toc", r->cd.toc_source);
	dl_json_bool(&j, "q_scanned", r->cd.q_scanned);
	dl_json_bool(&j, "q_with_sectors", r->q_later);
	dl_json_int(&j, "read_offset", r->o.read_offset);
	dl_json_bool(&j, "read_offset_detected", r->o.detect_offset);
	dl_json_u64(&j, "overread_refused_bytes", dl_rip_edge_bytes(r));
	dl_json_int(&j, "sessions", r->cd.nr_sessions);
	if (r->cd.mcn[0])
		dl_json_str(&j, "mcn", r->cd.mcn);
	dl_json_open(&j, "tracks", '[');
	for (k = 0; k < r->nr_ext; k++) {
		const struct dl_cd_track *t = &r->cd.t[k];
		const struct dl_rip_ext *e = &r->ext[k];
		int x;

		dl_json_open(&j, NULL, '{');
		dl_json_int(&j, "number", t->number);
		dl_json_int(&j, "session", t->session);
		dl_json_str(&j, "type", mode[t->mode]);
		dl_json_int(&j, "control", t->control);
		dl_json_int(&j, "start_lba", t->start);
		dl_json_int(&j, "pregap_lba", t->pregap);
		dl_json_int(&j, "file_lba", t->file_start);
		dl_json_u64(&j, "sectors", e->n);
		dl_json_open(&j, "indexes", '[');
		for (x = 0; x < t->nr_idx; x++)
			dl_json_int(&j, NULL, t->idx[x]);
		dl_json_close(&j, '[');
		if (t->isrc[0])
			dl_json_str(&j, "isrc", t->isrc);
		if (t->title)
			dl_json_str(&j, "title", t->title);
		if (t->performer)
			dl_json_str(&j, "performer", t->performer);
		dl_json_str(&j, "file", e->path);
		dl_json_u64(&j, "size", (uint64_t)e->n * DL_CD_RAW_SIZE);
		if (d)
			json_hashes(&j, "hashes", r->o.algs, &e->dig);
		dl_json_close(&j, '{');
	}
	dl_json_close(&j, '[');
	dl_json_bool(&j, "complete", complete);
	dl_json_u64(&j, "bad_sectors", dl_rip_bad_sectors(r));
	dl_json_open(&j, "bad_sector_list", '[');
	for (i = 0; i < r->map.n; i++) {
		const struct dl_map_block *b = &r->map.b[i];
		uint64_t p;

		if (b->status != DL_MAP_BAD)
			continue;
		for (p = b->pos; p < b->pos + b->size; p += DL_CD_RAW_SIZE)
			for (k = 0; k < r->nr_ext; k++)
				if (p >= r->ext[k].base &&
				    p < r->ext[k].base + (uint64_t)r->ext[k].n * DL_CD_RAW_SIZE)
					dl_json_u64(&j, NULL, r->ext[k].lba +
						    (p - r->ext[k].base) / DL_CD_RAW_SIZE);
	}
	dl_json_close(&j, '[');
	dl_json_u64(&j, "retries", r->rd.retries_done);
	dl_json_u64(&j, "recovered_sectors", r->rd.recovered);
	dl_json_bool(&j, "c2", r->rd.c2);
	dl_json_u64(&j, "c2_error_reads", r->rd.c2_errors);
	dl_json_double(&j, "seconds", r->secs, 3);
	dl_json_u64(&j, "bytes_read", r->rd.bytes_read);
	dl_json_u64(&j, "blocks_per_read", r->rd.blocks);
	if (r->o.subname) {
		dl_json_str(&j, "sub", r->o.subname);
		if (d)
			json_hashes(&j, "sub_hashes", r->o.algs, &r->sub_dig);
	}
	if (d)
		json_hashes(&j, "cue_hashes", r->o.algs, d);
	if (d && complete && !dl_rip_bad_sectors(r))
		cd_checksums(r->o.output, &j);
	dl_json_close(&j, '{');
}

/* One redump dat line: <rom name="..." size="..." crc="..." md5="..." sha1="..."/>. */
static void dat_line(const char *path, uint64_t size, unsigned algs, const struct dl_digests *d)
{
	const char *base = strrchr(path, '/');
	unsigned int a;

	printf("<rom name=\"%s\" size=\"%" PRIu64 "\"", base ? base + 1 : path, size);
	for (a = DL_ALG_CRC32; a <= DL_ALG_BLAKE2B; a <<= 1)
		if (algs & a)
			printf(" %s=\"%s\"", a == DL_ALG_CRC32 ? "crc" : dl_alg_key(a),
			       dl_digest_of(d, a));
	printf(" />\n");
}

/* A cue rip: a dat line per track file and the cue, the summary. Exit code. */
static int report_cd(const struct dl_rip *r, const struct dl_digests *d, bool json, bool quiet)
{
	uint64_t nbad = dl_rip_bad_sectors(r), bytes = 0;
	struct stat st;
	int i;

	if (json) {
		print_json_cd(r, d, true);
	} else if (r->o.algs) {
		for (i = 0; i < r->nr_ext; i++)
			dat_line(r->ext[i].path, (uint64_t)r->ext[i].n * DL_CD_RAW_SIZE, r->o.algs,
				 &r->ext[i].dig);
		if (r->o.subname)
			dat_line(r->o.subname, r->map.size / DL_CD_RAW_SIZE * DL_CD_SUB_RAW_SIZE,
				 r->o.algs, &r->sub_dig);
		dat_line(r->o.output, stat(r->o.output, &st) ? 0 : (uint64_t)st.st_size,
			 r->o.algs, d);
		if (!nbad)
			cd_checksums(r->o.output, NULL);
	}
	fflush(stdout);
	for (i = 0; i < r->nr_ext; i++)
		bytes += (uint64_t)r->ext[i].n * DL_CD_RAW_SIZE;
	if (!quiet && dl_rip_edge_bytes(r))
		fprintf(stderr, "%s: %s: read offset %+d: the drive would not read %" PRIu64
			" bytes beyond the session's edge; zero-filled, mapped '-' in %s\n",
			dl_progname, r->o.output, r->o.read_offset, dl_rip_edge_bytes(r),
			r->o.mapname);
	if (!quiet)
		fprintf(stderr, "%s: %s: %d track(s), %d session(s), %.1f MiB in %.1f s, %.2f MB/s; "
			"%" PRIu64 " retries, %" PRIu64 " recovered, %" PRIu64 " bad\n",
			dl_progname, r->o.output, r->cd.nr_tracks, r->cd.nr_sessions,
			bytes / 1048576.0, r->secs,
			r->secs > 0 ? r->rd.bytes_read / r->secs / 1e6 : 0.0, r->rd.retries_done,
			r->rd.recovered, nbad);
	if (nbad) {
		dl_err("%s: %" PRIu64 " unreadable sector(s), zero-filled; listed as '-' in %s",
		       r->o.output, nbad, r->o.mapname);
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}

/* The hashes (stdout), the hash file, the one-line summary. Exit code. */
static int report(const struct dl_rip *r, const struct dl_digests *d, bool json,
		  const char *hashname, bool quiet)
{
	uint64_t nbad = dl_rip_bad_sectors(r);
	unsigned int a;

	if (json) {
		print_json(r, d, true);
	} else {
		for (a = DL_ALG_CRC32; a <= DL_ALG_BLAKE2B; a <<= 1)
			if (r->o.algs & a)
				printf("%-8s %s\n", dl_alg_name(a), dl_digest_of(d, a));
	}
	fflush(stdout);
	if (hashname && write_hash_file(r, hashname, d))
		return DL_EXIT_FAIL;
	if (!quiet)
		fprintf(stderr, "%s: %s: %u sectors (%.1f MiB) in %.1f s, %.2f MB/s; %" PRIu64
			" retries, %" PRIu64 " recovered, %" PRIu64 " bad\n", dl_progname,
			r->o.output, r->disc.sectors,
			r->disc.sectors * (double)DL_CD_DATA_SIZE / 1048576, r->secs,
			r->secs > 0 ? r->rd.bytes_read / r->secs / 1e6 : 0.0, r->rd.retries_done,
			r->rd.recovered, nbad);
	if (nbad) {
		dl_err("%s: %" PRIu64 " unreadable sector(s), zero-filled; listed as '-' in %s",
		       r->o.output, nbad, r->o.mapname);
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}

/* ----- the command ----- */

enum {
	OPT_RESUME = 256, OPT_RETRY_BAD, OPT_RAW, OPT_RAW_OUTPUT, OPT_MAP_INTERVAL,
	OPT_MAX_RATE, OPT_HASH_FILE, OPT_HASHES, OPT_FORCE, OPT_FAST_TOC, OPT_READ_OFFSET, OPT_SUBCHANNEL, OPT_C2_RETRIES, OPT_END,
};

struct args {
	struct dl_rip_opts o;
	bool given[OPT_END];
	bool json, quiet, want_hashfile;
	const char *mapopt, *hashopt;
	char *mapname, *hashname, *cmdline, *subname;
};

static const struct dl_excl excl[] = {
	{ "resume", "force", OPT_RESUME, OPT_FORCE, false },
	{ "retry-bad", "resume", OPT_RETRY_BAD, OPT_RESUME, true },
	{ "raw-output", "raw", OPT_RAW_OUTPUT, OPT_RAW, true },
	{ NULL, NULL, 0, 0, false },
};

static int parse_opt(struct args *a, int c)
{
	unsigned long v;
	char err[256];

	switch (c) {
	case 'm': a->mapopt = optarg; break;
	case OPT_RESUME: a->o.resume = true; break;
	case OPT_RETRY_BAD: a->o.retry_bad = true; break;
	case 'f': a->o.force = true; c = OPT_FORCE; break;
	case OPT_RAW: a->o.raw = true; break;
	case OPT_FAST_TOC: a->o.no_qscan = true; break;
	case OPT_SUBCHANNEL: break;
	case OPT_C2_RETRIES:
		if (dl_opt_ulong("c2-retries", optarg, 0, 1000000, &v))
			return -1;
		a->o.c2_retries = (int)v;
		break;
	case OPT_READ_OFFSET: {
		char *end;
		long n;

		if (!strcmp(optarg, "auto")) {
			a->o.detect_offset = true;
			break;
		}
		errno = 0;
		n = strtol(optarg, &end, 10);
		if (errno || end == optarg || *end || n < -DL_OFFSET_MAX || n > DL_OFFSET_MAX) {
			dl_usage_err("--read-offset: '%s' is not 'auto' or a number of samples "
				     "from %d to %d", optarg, -DL_OFFSET_MAX, DL_OFFSET_MAX);
			return -1;
		}
		a->o.read_offset = (int)n;
		break;
	}
	case OPT_RAW_OUTPUT: a->o.raw_output = optarg; break;
	case 'b':
		if (dl_opt_ulong("blocks", optarg, 1, 1U << 20, &v))
			return -1;
		a->o.blocks = (unsigned int)v;
		break;
	case 'r':
		if (dl_opt_ulong("retries", optarg, 0, 1000000, &v))
			return -1;
		a->o.retries = (unsigned int)v;
		break;
	case 't':
		if (dl_opt_ulong("timeout", optarg, 1, 3600, &v))
			return -1;
		a->o.timeout_s = (unsigned int)v;
		break;
	case OPT_MAP_INTERVAL:
		if (dl_opt_ulong("map-interval", optarg, 0, 86400, &v))
			return -1;
		a->o.map_interval = (unsigned int)v;
		break;
	case OPT_MAX_RATE:
		if (dl_strtorate(optarg, &a->o.max_rate)) {
			dl_usage_err("--max-rate: '%s' is not a rate", optarg);
			return -1;
		}
		break;
	case OPT_HASH_FILE:
		a->want_hashfile = true;
		a->hashopt = optarg;
		break;
	case OPT_HASHES:
		if (dl_alg_parse(optarg, &a->o.algs, err, sizeof(err))) {
			dl_usage_err("--hashes: unknown hash '%s' (crc32, md5, sha1, sha256, "
				     "sha512, blake2b, redump, all, none)", err);
			return -1;
		}
		break;
	case 'J': case 'j': a->json = true; break;
	case 'q': a->quiet = true; break;
	case 'v': dl_verbose++; break;
	default: return -1;
	}
	if (c < OPT_END)
		a->given[c] = true;
	return 0;
}

/* Options and operands into @a: DL_EXIT_OK to go on, HELP_SHOWN, or an exit code. */
static int parse_args(struct args *a, int argc, char **argv)
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
		{ "fast-toc", no_argument, NULL, OPT_FAST_TOC },
		{ "read-offset", required_argument, NULL, OPT_READ_OFFSET },
		{ "subchannel", no_argument, NULL, OPT_SUBCHANNEL },
		{ "c2-retries", required_argument, NULL, OPT_C2_RETRIES },
		{ "raw-output", required_argument, NULL, OPT_RAW_OUTPUT },
		{ "map-interval", required_argument, NULL, OPT_MAP_INTERVAL },
		{ "max-rate", required_argument, NULL, OPT_MAX_RATE },
		{ "hash-file", optional_argument, NULL, OPT_HASH_FILE },
		{ "hashes", required_argument, NULL, OPT_HASHES },
		{ "json", no_argument, NULL, 'J' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "m:fb:r:t:Jjqvh", opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return HELP_SHOWN;
		}
		if (c == '?')
			return dl_bad_option("rip", argv, argc);
		if (parse_opt(a, c))
			return DL_EXIT_USAGE;
	}
	if (argc - optind != 2) {
		dl_usage_err("rip: %s", argc - optind < 2 ? "DEVICE and OUTPUT are required" :
			     "too many arguments");
		return DL_EXIT_USAGE;
	}
	a->o.device = argv[optind];
	a->o.output = argv[optind + 1];
	a->o.cue = ends_with_ci(a->o.output, ".cue");
	if (a->o.cue && (a->o.raw || a->o.raw_output || a->want_hashfile)) {
		dl_usage_err("rip: %s with a .cue OUTPUT (its sectors are raw already; the hashes "
			     "are printed)", a->o.raw ? "--raw" : a->o.raw_output ? "--raw-output" :
			     "--hash-file");
		return DL_EXIT_USAGE;
	}
	if (!a->o.cue && (a->o.no_qscan || a->given[OPT_READ_OFFSET] ||
			  a->given[OPT_SUBCHANNEL] || a->given[OPT_C2_RETRIES])) {
		dl_usage_err("rip: --%s is for a .cue OUTPUT", a->o.no_qscan ? "fast-toc" :
			     a->given[OPT_SUBCHANNEL] ? "subchannel" :
			     a->given[OPT_C2_RETRIES] ? "c2-retries" : "read-offset");
		return DL_EXIT_USAGE;
	}
	if (a->given[OPT_SUBCHANNEL]) {
		size_t n = strlen(a->o.output) - 4;

		if (asprintf(&a->subname, "%.*s.sub", (int)n, a->o.output) < 0) {
			a->subname = NULL;
			dl_err("out of memory");
			return DL_EXIT_FAIL;
		}
		a->o.subname = a->subname;
	}
	if (dl_opt_exclusive("rip", excl, a->given))
		return DL_EXIT_USAGE;
	if (a->want_hashfile && !a->o.algs) {
		dl_usage_err("rip: --hash-file needs a hash, but --hashes is none");
		return DL_EXIT_USAGE;
	}
	if (dl_verbose)
		a->quiet = false;
	if (asprintf(&a->mapname, "%s%s", a->mapopt ? a->mapopt : a->o.output,
		     a->mapopt ? "" : ".map") < 0 ||
	    asprintf(&a->hashname, "%s%s", a->hashopt ? a->hashopt : a->o.output,
		     a->hashopt ? "" : ".hashes") < 0) {
		a->mapname = a->hashname = NULL;
		dl_err("out of memory");
		return DL_EXIT_FAIL;
	}
	a->o.mapname = a->mapname;
	a->cmdline = join_args(argc, argv);
	a->o.cmdline = a->cmdline;
	return DL_EXIT_OK;
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;	/* let the running command finish */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

int cmd_rip(int argc, char **argv)
{
	struct args a = { .o = { .retries = 3, .map_interval = 5, .timeout_s = 30,
				 .algs = DL_ALG_RIP, .c2_retries = -1 } };
	struct ui ui = { 0 };
	struct dl_rip_events ev = { .ctx = &ui, .progress = show_progress,
				    .bad_sector = bad_sector };
	struct dl_rip r;
	struct dl_digests dig;
	enum dl_rip_end end;
	int rc;

	rc = parse_args(&a, argc, argv);
	if (rc != DL_EXIT_OK) {
		rc = rc == HELP_SHOWN ? DL_EXIT_OK : rc;
		goto out_args;
	}
	rc = DL_EXIT_FAIL;
	if (a.want_hashfile && dl_rip_check_output(a.hashname, "--hash-file", true) < 0) {
		dl_err_lib();
		goto out_args;
	}
	ui.quiet = a.quiet;
	if (dl_rip_open(&r, &a.o, &ev)) {
		dl_err_lib();
		goto out;
	}
	catch_signals();
	ui.progress = !a.quiet && isatty(STDERR_FILENO);
	end = dl_rip_run(&r, &interrupted);
	if (end != DL_RIP_COMPLETE) {
		dl_err_lib();
		if (a.json && a.o.cue)
			print_json_cd(&r, NULL, false);
		else if (a.json)
			print_json(&r, NULL, false);
		goto out;
	}
	if (dl_rip_finish(&r, &dig)) {
		dl_err_lib();
		goto out;
	}
	if (a.o.cue)
		rc = report_cd(&r, &dig, a.json, a.quiet);
	else
		rc = report(&r, &dig, a.json, a.want_hashfile ? a.hashname : NULL, a.quiet);
out:
	dl_rip_close(&r);
out_args:
	free(a.mapname);
	free(a.hashname);
	free(a.subname);
	free(a.cmdline);
	return rc;
}
