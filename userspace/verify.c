// SPDX-License-Identifier: GPL-2.0
/*
 * discloop verify: check an image against expected hashes, a checksum list
 * (optionally signature-checked with gpgv first), or a disc, sector by sector.
 */
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tool.h"
#include "arfile.h"
#include "cdhash.h"
#include "cdreport.h"
#include "dat.h"
#include "disc.h"
#include "errmsg.h"
#include "hash.h"
#include "jsonwrt.h"
#include "layout.h"
#include "opts.h"
#include "reader.h"
#include "../common/cdframe.h"

static void usage(FILE *out)
{
	fprintf(out,
		"Usage:\n %s verify [options] FILE\n\n"
		"Check the image FILE against checksums or against a disc. A CD image\n"
		"(.cue, .toc, .ccd) alone: print its redump hashes, AccurateRip and CTDB\n"
		"CRCs and disc ids.\n\n"
		"Options:\n"
		"     --sha256 HEX        expected SHA-256 (likewise --sha512, --sha1,\n"
		"     --md5 HEX           --md5 and --crc32; any number of them)\n"
		"     --crc32 HEX\n"
		"     --blake2b HEX       (BLAKE2b-512, as b2sum)\n"
		" -s, --sums FILE         a checksum list (SHA256SUMS, MD5SUMS, BSD-style\n"
		"                         'SHA256 (name) = HEX', ...); FILE's entry is found\n"
		"                         by its base name\n"
		" -k, --keyring KEYRING   check the list's OpenPGP signature with gpgv first:\n"
		"                         SUMS.gpg, SUMS.sign or SUMS.asc beside it, or a\n"
		"                         clearsigned list\n"
		"     --dat DAT           check FILE (every file of a CD image) against a\n"
		"                         Logiqx dat (redump.org's XML)\n"
		"     --accuraterip BIN   check a CD image's audio tracks against a saved\n"
		"                         AccurateRip response (dBAR-NNN-...bin)\n"
		" -a, --against DEVICE    compare FILE with the disc in DEVICE\n"
		" -b, --blocks N          sectors per read with --against\n"
		" -t, --timeout SECONDS   per SCSI command with --against (default 30)\n"
		" -J, --json              print the results as JSON on stdout\n"
		" -q, --quiet             print nothing on success\n"
		" -v, --verbose           say more\n"
		" -h, --help              display this help\n\n"
		"Exit status, as cmp(1): 0 if everything matches, 1 on a mismatch, 2 if\n"
		"it could not be checked (usage, unreadable file or list, no entry, bad\n"
		"signature, unsupported algorithm, drive error). See discloop-verify(1).\n",
		dl_progname);
}

static char *slurp(const char *path, size_t max)
{
	FILE *f = fopen(path, "re");
	char *buf;
	size_t n;

	if (!f) {
		dl_err("%s: %s", path, strerror(errno));
		return NULL;
	}
	buf = malloc(max + 1);
	if (!buf) {
		fclose(f);
		dl_err("out of memory");
		return NULL;
	}
	n = fread(buf, 1, max, f);
	if (ferror(f)) {
		dl_err("%s: %s", path, strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	if (n == max && fgetc(f) != EOF) {
		dl_err("%s: too large for a checksum list", path);
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	if (memchr(buf, '\0', n)) {
		dl_err("%s: not a text file", path);
		free(buf);
		return NULL;
	}
	return buf;
}

/* Run gpgv; 0 if the signature is good. @out: where gpgv writes the signed text. */
static int run_gpgv(const char *keyring, const char *sig, const char *data,
		    const char *out)
{
	char kr[4096];
	pid_t pid;
	int st;

	/* gpgv looks for a keyring without a slash in ~/.gnupg; pass a path. */
	if (!strchr(keyring, '/'))
		snprintf(kr, sizeof(kr), "./%s", keyring);
	else
		snprintf(kr, sizeof(kr), "%s", keyring);
	pid = fork();
	if (pid < 0) {
		dl_err("fork: %s", strerror(errno));
		return -1;
	}
	if (!pid) {
		const char *args[10];
		int i = 0, fd;

		args[i++] = "gpgv";
		args[i++] = "--keyring";
		args[i++] = kr;
		if (out) {
			args[i++] = "--output";
			args[i++] = out;
		}
		args[i++] = sig;
		if (data)
			args[i++] = data;
		args[i] = NULL;
		if (!dl_verbose) {
			fd = open("/dev/null", O_WRONLY);
			if (fd >= 0) {
				dup2(fd, 1);
				dup2(fd, 2);
			}
		} else {
			dup2(2, 1);
		}
		execvp("gpgv", (char **)args);
		_exit(127);
	}
	if (waitpid(pid, &st, 0) < 0) {
		dl_err("gpgv: %s", strerror(errno));
		return -1;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 127) {
		dl_err("gpgv: not found (install gpgv)");
		return -1;
	}
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

/* The checksum list's text, trusted only after gpgv when a keyring is given. */

/* A private temporary file in $TMPDIR (default /tmp); its name in @buf. */
static int make_temp(char *buf, size_t len)
{
	const char *dir = getenv("TMPDIR");

	if (!dir || !*dir)
		dir = "/tmp";
	if ((size_t)snprintf(buf, len, "%s/discloop-sums.XXXXXX", dir) >= len) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return mkstemp(buf);
}

static char *load_sums(const char *sums, const char *keyring)
{
	static const char *const sigext[] = { ".gpg", ".sign", ".sig", ".asc", NULL };
	char *text, sig[4096];
	int i;

	text = slurp(sums, 64 << 20);
	if (!text || !keyring)
		return text;
	if (!strncmp(text, "-----BEGIN PGP SIGNED MESSAGE-----", 34)) {
		/* Clearsigned: trust only what gpgv says was signed. */
		char tmpl[PATH_MAX];
		int fd = make_temp(tmpl, sizeof(tmpl));
		char *signed_text;

		free(text);
		if (fd < 0) {
			dl_err("temporary file: %s", strerror(errno));
			return NULL;
		}
		close(fd);
		unlink(tmpl);	/* gpgv refuses to overwrite */
		if (run_gpgv(keyring, sums, NULL, tmpl)) {
			unlink(tmpl);
			dl_err("%s: bad or unknown OpenPGP signature (keyring %s)", sums, keyring);
			return NULL;
		}
		signed_text = slurp(tmpl, 64 << 20);
		unlink(tmpl);
		if (dl_verbose && signed_text)
			fprintf(stderr, "%s: %s: good signature (clearsigned)\n", dl_progname, sums);
		return signed_text;
	}
	for (i = 0; sigext[i]; i++) {
		snprintf(sig, sizeof(sig), "%s%s", sums, sigext[i]);
		if (!access(sig, F_OK))
			break;
	}
	if (!sigext[i]) {
		free(text);
		dl_err("%s: no signature found (%s.gpg, .sign, .sig or .asc) and it is not "
		       "clearsigned", sums, sums);
		return NULL;
	}
	{
		/* Check a private copy of the text we read, so that what gpgv
		 * vouches for is exactly what we parse. */
		char tmpl[PATH_MAX];
		int fd = make_temp(tmpl, sizeof(tmpl)), bad;
		size_t len = strlen(text);

		if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
			dl_err("temporary file: %s", strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmpl);
			}
			free(text);
			return NULL;
		}
		close(fd);
		bad = run_gpgv(keyring, sig, tmpl, NULL);
		unlink(tmpl);
		if (bad) {
			free(text);
			dl_err("%s: bad or unknown OpenPGP signature in %s (keyring %s)", sums,
			       sig, keyring);
			return NULL;
		}
	}
	if (dl_verbose)
		fprintf(stderr, "%s: %s: good signature in %s\n", dl_progname, sums, sig);
	return text;
}

struct expect {
	unsigned alg;
	char hex[DL_HEX_MAX];
	const char *from;
};

/* What comparing with a disc found. */
struct against {
	const char *file, *device;
	int fd;
	uint8_t *fbuf;
	uint32_t first_lba_base;	/* the data track's first LBA */
	uint32_t total;		/* sectors compared */
	uint64_t ndiff, nunread, first;
	uint64_t file_bytes, track_sectors;
	bool size_differs;
};

static int cmp_good(void *ctx, uint32_t lba, uint32_t n, const uint8_t *data)
{
	struct against *g = ctx;
	uint32_t rel = lba - g->first_lba_base, i;
	ssize_t got;

	got = pread(g->fd, g->fbuf, (size_t)n * DL_CD_DATA_SIZE, (off_t)rel * DL_CD_DATA_SIZE);
	if (got != (ssize_t)((size_t)n * DL_CD_DATA_SIZE)) {
		dl_seterr("%s: %s", g->file, got < 0 ? strerror(errno) : "short read");
		return -1;
	}
	if (!memcmp(data, g->fbuf, (size_t)n * DL_CD_DATA_SIZE))
		return 0;
	for (i = 0; i < n; i++) {
		if (!memcmp(data + (size_t)i * DL_CD_DATA_SIZE, g->fbuf + (size_t)i * DL_CD_DATA_SIZE,
			    DL_CD_DATA_SIZE))
			continue;
		g->ndiff++;
		if (g->first == UINT64_MAX || rel + i < g->first)
			g->first = rel + i;
	}
	return 0;
}

static int cmp_bad(void *ctx, uint32_t lba, unsigned int tries)
{
	struct against *g = ctx;
	uint32_t rel = lba - g->first_lba_base;

	dl_log(DL_LOG_NOTE, "LBA %u: unreadable", lba);
	g->nunread++;
	if (g->first == UINT64_MAX || rel < g->first)
		g->first = rel;
	return 0;
}

static const struct dl_reader_ops cmp_ops = { .good = cmp_good, .bad = cmp_bad };

/*
 * Read the disc's data track through the read engine and compare it with
 * the file. 0 when done (the counts in @g say whether it matched), or -1
 * with the reason set.
 */
static int compare_disc(struct against *g, unsigned int blocks, unsigned int timeout_s)
{
	struct dl_sg sg = { .timeout_ms = timeout_s * 1000 };
	struct dl_reader rd = { .sg = &sg, .ops = &cmp_ops, .ctx = g };
	struct dl_disc disc;
	struct stat st;
	int ret = -1;

	g->first = UINT64_MAX;
	g->fd = open(g->file, O_RDONLY | O_CLOEXEC);
	if (g->fd < 0 || fstat(g->fd, &st)) {
		dl_seterr("%s: %s", g->file, strerror(errno));
		goto out_file;
	}
	if (dl_sg_open(g->device, &sg))
		goto out_file;
	if (dl_disc_identify(&sg, &disc) ||
	    dl_reader_blocks(&sg, DL_CD_DATA_SIZE, blocks, &rd.blocks) || dl_reader_init(&rd))
		goto out;
	g->fbuf = malloc((size_t)rd.blocks * DL_CD_DATA_SIZE);
	if (!g->fbuf) {
		dl_seterr("out of memory");
		goto out;
	}
	g->device = sg.path;
	g->first_lba_base = disc.start;
	g->total = disc.sectors;
	g->file_bytes = (uint64_t)st.st_size;
	g->track_sectors = disc.sectors;
	if ((uint64_t)st.st_size != (uint64_t)disc.sectors * DL_CD_DATA_SIZE) {
		if ((uint64_t)st.st_size / DL_CD_DATA_SIZE < g->total)
			g->total = (uint32_t)((uint64_t)st.st_size / DL_CD_DATA_SIZE);
		g->size_differs = true;	/* a mismatch; the overlap is still compared */
	}
	if (dl_reader_run(&rd, disc.start, disc.start + g->total) == DL_RD_OK)
		ret = 0;
out:
	dl_reader_free(&rd);
	free(g->fbuf);
	g->fbuf = NULL;
	dl_sg_close(&sg);
out_file:
	if (g->fd >= 0)
		close(g->fd);
	return ret;
}

static bool against_matches(const struct against *g)
{
	return !g->ndiff && !g->nunread && !g->size_differs;
}

/* The outcome in words (stdout on a match, stderr otherwise). */
static void print_against(const struct against *g, bool quiet)
{
	if (against_matches(g)) {
		if (!quiet)
			printf("%s: OK: %u sectors match %s\n", g->file, g->total, g->device);
	} else if (g->first != UINT64_MAX) {
		dl_err("%s: differs from %s: first at sector %" PRIu64 " (LBA %" PRIu64 "); "
		       "%" PRIu64 " differing, %" PRIu64 " unreadable of %u sectors compared%s",
		       g->file, g->device, g->first, g->first + g->first_lba_base, g->ndiff,
		       g->nunread, g->total, g->size_differs ? "; and in size" : "");
	}
	if (g->size_differs)
		dl_err("%s: %" PRIu64 " bytes, but the disc's data track has %" PRIu64
		       " sectors (%" PRIu64 " bytes)", g->file, g->file_bytes, g->track_sectors,
		       g->track_sectors * DL_CD_DATA_SIZE);
}

struct args {
	struct expect exp[16];
	int nexp;
	const char *sums, *keyring, *against, *file, *dat, *accuraterip;
	unsigned int blocks, timeout;
	bool quiet, json, cd;	/* cd: FILE is a CD layout to report on */
};

enum { OPT_SUMS = 's', OPT_KEYRING = 'k', OPT_AGAINST = 'a', OPT_DAT = 'D', OPT_AR = 'R',
       OPT_END = 256 };

static const struct dl_excl excl[] = {
	{ "keyring", "sums", OPT_KEYRING, OPT_SUMS, true },
	{ NULL, NULL, 0, 0, false },
};

/* --sha256 HEX and friends. 0 or usage error. */
static int add_expected(struct args *a, const char *opt, unsigned int alg, const char *h)
{
	size_t k;

	if (!dl_hex_valid(h, alg)) {
		dl_usage_err("--%s: '%s' is not a %s digest in hex", opt, h, dl_alg_name(alg));
		return -1;
	}
	if (a->nexp >= 16) {
		dl_usage_err("too many expected hashes");
		return -1;
	}
	for (k = 0; h[k]; k++)
		a->exp[a->nexp].hex[k] = (char)(h[k] | 0x20);
	a->exp[a->nexp].hex[k] = '\0';
	a->exp[a->nexp].alg = alg;
	a->exp[a->nexp].from = "command line";
	a->nexp++;
	return 0;
}

static int parse_args(struct args *a, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "crc32", required_argument, NULL, 'C' },
		{ "md5", required_argument, NULL, 'M' },
		{ "sha1", required_argument, NULL, '1' },
		{ "sha256", required_argument, NULL, '2' },
		{ "sha512", required_argument, NULL, '5' },
		{ "blake2b", required_argument, NULL, 'B' },
		{ "sums", required_argument, NULL, 's' },
		{ "keyring", required_argument, NULL, 'k' },
		{ "against", required_argument, NULL, 'a' },
		{ "dat", required_argument, NULL, 'D' },
		{ "accuraterip", required_argument, NULL, 'R' },
		{ "blocks", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'J' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const struct { int c; unsigned int alg; const char *name; } algs[] = {
		{ 'C', DL_ALG_CRC32, "crc32" }, { 'M', DL_ALG_MD5, "md5" },
		{ '1', DL_ALG_SHA1, "sha1" }, { '2', DL_ALG_SHA256, "sha256" },
		{ '5', DL_ALG_SHA512, "sha512" }, { 'B', DL_ALG_BLAKE2B, "blake2b" },
	};
	bool given[OPT_END] = { false };
	unsigned long v;
	size_t i;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "s:k:a:b:t:Jqvh", opts, NULL)) != -1) {
		for (i = 0; i < sizeof(algs) / sizeof(algs[0]); i++)
			if (c == algs[i].c && add_expected(a, algs[i].name, algs[i].alg, optarg))
				return DL_EXIT_USAGE;
		if (c > 0 && c < OPT_END)
			given[c] = true;
		switch (c) {
		case 's': a->sums = optarg; break;
		case 'k': a->keyring = optarg; break;
		case 'a': a->against = optarg; break;
		case 'D': a->dat = optarg; break;
		case 'R': a->accuraterip = optarg; break;
		case 'b':
			if (dl_opt_ulong("blocks", optarg, 1, 1U << 20, &v))
				return DL_EXIT_USAGE;
			a->blocks = (unsigned int)v;
			break;
		case 't':
			if (dl_opt_ulong("timeout", optarg, 1, 3600, &v))
				return DL_EXIT_USAGE;
			a->timeout = (unsigned int)v;
			break;
		case 'J': a->json = true; break;
		case 'q': a->quiet = true; break;
		case 'v': dl_verbose++; break;
		case 'h': usage(stdout); return HELP_SHOWN;
		case 'C': case 'M': case '1': case '2': case '5': case 'B': break;
		default: return dl_bad_option("verify", argv, argc);
		}
	}
	if (argc - optind != 1) {
		dl_usage_err("verify: %s", argc - optind < 1 ? "FILE is required" :
			     "too many arguments");
		return DL_EXIT_USAGE;
	}
	a->file = argv[optind];
	if (dl_opt_exclusive("verify", excl, given))
		return DL_EXIT_USAGE;
	if (a->accuraterip && !dl_layout_is_layout(a->file)) {
		dl_usage_err("verify: --accuraterip needs a CD image (.cue, .toc, .ccd), not %s",
			     a->file);
		return DL_EXIT_USAGE;
	}
	/* A CD image is reported on alone, or with a dat or AccurateRip check. */
	a->cd = dl_layout_is_layout(a->file) &&
		(a->dat || a->accuraterip || (!a->nexp && !a->sums && !a->against));
	if (!a->nexp && !a->sums && !a->against && !a->dat && !a->cd) {
		dl_usage_err("verify: nothing to verify against (--sha256 HEX, --sums FILE, "
			     "--dat DAT or --against DEVICE)");
		return DL_EXIT_USAGE;
	}
	return DL_EXIT_OK;
}

/* The list's entries for the file join the expected hashes. */
static int add_listed(struct args *a)
{
	struct dl_sum found[8];
	char *text = load_sums(a->sums, a->keyring);
	int nf, i;

	if (!text)
		return -1;
	nf = dl_sums_find(text, a->file, dl_sums_alg_128(a->sums), found, 8);
	free(text);
	if (!nf) {
		const char *b = strrchr(a->file, '/');

		dl_err("%s: no entry for '%s' in %s", a->file, b ? b + 1 : a->file, a->sums);
		return -1;
	}
	for (i = 0; i < nf; i++) {
		if (found[i].alg)
			continue;
		/* Never a false mismatch: an algorithm we cannot compute is refused. */
		dl_err("%s: %s: unsupported algorithm %s", a->sums, a->file, found[i].hex);
		return -1;
	}
	for (i = 0; i < nf && a->nexp < 16; i++) {
		a->exp[a->nexp].alg = found[i].alg;
		snprintf(a->exp[a->nexp].hex, sizeof(a->exp[a->nexp].hex), "%s", found[i].hex);
		a->exp[a->nexp].from = a->sums;
		a->nexp++;
	}
	return 0;
}

/* Hash the file and compare: the number of mismatches, or -1 on error. */
static int check_hashes(struct args *a, struct dl_json *j)
{
	struct dl_digests dig;
	unsigned int algs = 0;
	int i, fd, ret, bad = 0;

	for (i = 0; i < a->nexp; i++)
		algs |= a->exp[i].alg;
	if (!algs)
		return 0;
	fd = open(a->file, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		dl_err("%s: %s", a->file, strerror(errno));
		return -1;
	}
	ret = dl_hash_fd(fd, algs, &dig);
	close(fd);
	if (ret) {
		dl_err("%s: %s", a->file, strerror(-ret));
		return -1;
	}
	if (j)
		dl_json_open(j, "hashes", '[');
	for (i = 0; i < a->nexp; i++) {
		const char *got = dl_digest_of(&dig, a->exp[i].alg);
		bool ok = !strcmp(got, a->exp[i].hex);

		if (j) {
			dl_json_open(j, NULL, '{');
			dl_json_str(j, "algorithm", dl_alg_name(a->exp[i].alg));
			dl_json_str(j, "expected", a->exp[i].hex);
			dl_json_str(j, "got", got);
			dl_json_str(j, "from", a->exp[i].from);
			dl_json_bool(j, "match", ok);
			dl_json_close(j, '{');
		}
		if (!ok) {
			dl_err("%s: %s mismatch: expected %s (%s), got %s", a->file,
			       dl_alg_name(a->exp[i].alg), a->exp[i].hex, a->exp[i].from, got);
			bad++;
		} else if (!a->quiet && !j) {
			printf("%s: %s OK (%s)\n", a->file, dl_alg_name(a->exp[i].alg),
			       a->exp[i].from);
		}
	}
	if (j)
		dl_json_close(j, '[');
	return bad;
}

/* Compare with a disc: 0 on a match, 1 on a difference, -1 on an error. */
static int check_against(struct args *a, struct dl_json *j)
{
	struct against g = { .file = a->file, .device = a->against, .fd = -1 };

	if (compare_disc(&g, a->blocks, a->timeout)) {
		dl_err_lib();
		return -1;
	}
	if (j) {
		dl_json_open(j, "against", '{');
		dl_json_str(j, "device", g.device);
		dl_json_u64(j, "start_lba", g.first_lba_base);
		dl_json_u64(j, "sectors", g.total);
		dl_json_bool(j, "size_differs", g.size_differs);
		dl_json_u64(j, "differing", g.ndiff);
		dl_json_u64(j, "unreadable", g.nunread);
		if (g.first != UINT64_MAX)
			dl_json_u64(j, "first_difference", g.first);
		dl_json_bool(j, "match", against_matches(&g));
		dl_json_close(j, '{');
	}
	print_against(&g, a->quiet || j);
	return against_matches(&g) ? 0 : 1;
}

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static const char *const dat_status[] = { "ok", "renamed", "differs", "unknown" };

/* The dat's missing roms: named on stderr and in JSON. The number of them. */
static int dat_missing(const struct dl_dat_game *g, const struct dl_dat_result *res, int n,
		       const char *file, struct dl_json *j)
{
	int r, missing = 0;

	if (j)
		dl_json_open(j, "missing", '[');
	for (r = 0; r < g->nr_roms; r++) {
		if (dl_dat_rom_used(res, n, &g->roms[r]))
			continue;
		missing++;
		if (j)
			dl_json_str(j, NULL, g->roms[r].name);
		dl_err("%s: the dat's game \"%s\" has %s, which the image lacks", file, g->name,
		       g->roms[r].name);
	}
	if (j)
		dl_json_close(j, '[');
	return missing;
}

/* One file's result, as text (mismatches on stderr) or JSON. 1 if a mismatch. */
static int dat_file(const struct dl_dat_file *f, const struct dl_dat_result *x,
		    const struct dl_dat_game *g, bool quiet, struct dl_json *j)
{
	const char *name = base_name(f->name);

	if (j) {
		dl_json_open(j, NULL, '{');
		dl_json_str(j, "name", name);
		dl_json_str(j, "status", dat_status[x->status]);
		if (x->rom)
			dl_json_str(j, "rom", x->rom->name);
		if (x->why[0])
			dl_json_str(j, "why", x->why);
		dl_json_close(j, '{');
	}
	switch (x->status) {
	case DL_DAT_OK:
		if (!quiet && !j)
			printf("%s: dat OK (game \"%s\")\n", name, g->name);
		return 0;
	case DL_DAT_RENAMED:
		if (!quiet && !j)
			printf("%s: dat OK as \"%s\" (game \"%s\")\n", name, x->rom->name, g->name);
		return 0;
	case DL_DAT_DIFFERS:
		dl_err("%s: differs from the dat (game \"%s\"): %s", name, g->name, x->why);
		return 1;
	default:
		dl_err("%s: not in the dat's game \"%s\" (no rom of that name or contents)",
		       name, g->name);
		return 1;
	}
}

/* Check @n files against the dat: mismatches, or -1 if it could not be checked. */
static int check_dat(const struct args *a, const struct dl_dat_file *f, int n,
		     struct dl_json *j)
{
	struct dl_dat_result res[DL_LAYOUT_MAX_FILES + 1];
	const struct dl_dat_game *g;
	struct dl_dat dat;
	int i, bad = 0;

	if (dl_dat_load(a->dat, &dat)) {
		dl_err_lib();
		return -1;
	}
	g = dl_dat_check(&dat, a->dat, f, n, res);
	if (!g) {
		dl_err_lib();
		dl_dat_free(&dat);
		return -1;
	}
	if (j) {
		dl_json_open(j, "dat", '{');
		dl_json_str(j, "file", a->dat);
		dl_json_str(j, "game", g->name);
		dl_json_open(j, "files", '[');
	}
	for (i = 0; i < n; i++)
		bad += dat_file(&f[i], &res[i], g, a->quiet, j);
	if (j)
		dl_json_close(j, '[');
	bad += dat_missing(g, res, n, a->file, j);
	if (j) {
		dl_json_bool(j, "match", !bad);
		dl_json_close(j, '{');
	}
	dl_dat_free(&dat);
	return bad;
}

static const char *const ar_match[] = { "none", "v1", "v2" };

/* The audio tracks against a saved AccurateRip response: mismatches, or -1. */
static int check_ar(const struct args *a, const struct dl_cdhash *h, struct dl_json *j)
{
	struct dl_ar_result res[DISCLOOP_MAX_TRACKS];
	struct dl_ar_response r;
	int i, bad = 0;

	if (dl_ar_load(a->accuraterip, &r) || dl_ar_check(a->accuraterip, &r, h, res)) {
		dl_err_lib();
		dl_ar_free(&r);
		return -1;
	}
	if (j) {
		dl_json_open(j, "accuraterip", '{');
		dl_json_str(j, "file", a->accuraterip);
		dl_json_u64(j, "records", (uint64_t)r.nr);
		dl_json_open(j, "tracks", '[');
	}
	for (i = 0; i < h->nr_tracks; i++) {
		const struct dl_cdhash_track *t = &h->t[i];
		const struct dl_ar_result *x;

		if (!t->audio)
			continue;
		x = &res[t->ar_index - 1];
		if (j) {
			dl_json_open(j, NULL, '{');
			dl_json_u64(j, "number", t->number);
			dl_json_str(j, "match", ar_match[x->match]);
			dl_json_u64(j, "confidence", x->confidence);
			dl_json_u64(j, "total", x->total);
			dl_json_u64(j, "entries", x->entries);
			dl_json_close(j, '{');
		}
		if (x->match == DL_AR_NONE) {
			bad++;
			dl_err("%s: track %02u: no AccurateRip match (v1 %08x, v2 %08x; %u "
			       "entr%s in %s)", a->file, t->number, t->ar_v1, t->ar_v2, x->entries,
			       x->entries == 1 ? "y" : "ies", a->accuraterip);
		} else if (!a->quiet && !j) {
			printf("track %02u: AccurateRip %s match, confidence %u (of %u)\n",
			       t->number, ar_match[x->match], x->confidence, x->total);
		}
	}
	if (j) {
		dl_json_close(j, '[');
		dl_json_bool(j, "match", !bad);
		dl_json_close(j, '{');
	}
	dl_ar_free(&r);
	return bad;
}

/* A CD image: its checksums, then the dat and AccurateRip checks. */
static int check_cd(const struct args *a, struct dl_json *j)
{
	struct dl_dat_file f[DL_LAYOUT_MAX_FILES + 1];
	struct dl_layout *l = calloc(1, sizeof(*l));
	struct dl_cdhash *h = calloc(1, sizeof(*h));
	int i, rc = -1, bad = 0;

	if (!l || !h) {
		dl_err("out of memory");
		goto out_free;
	}
	if (dl_layout_load(a->file, l, NULL, NULL)) {
		dl_err_lib();
		goto out_free;
	}
	if (dl_cdhash_layout(l, h)) {
		dl_err_lib();
		goto out;
	}
	if (j)
		dl_cdhash_json(h, j);
	else if (!a->quiet)
		dl_cdhash_print(h, stdout);
	if (a->dat) {
		f[0] = (struct dl_dat_file){ h->desc.path, h->desc.bytes, &h->desc.dig };
		for (i = 0; i < h->nr_files; i++)
			f[i + 1] = (struct dl_dat_file){ h->files[i].path, h->files[i].bytes,
							 &h->files[i].dig };
		rc = check_dat(a, f, h->nr_files + 1, j);
		if (rc < 0)
			goto out;
		bad += rc;
	}
	if (a->accuraterip) {
		rc = check_ar(a, h, j);
		if (rc < 0)
			goto out;
		bad += rc;
	}
	rc = bad;
out:
	dl_layout_free(l);
out_free:
	free(l);
	free(h);
	return rc;
}

/* Any other file against a dat. */
static int check_file_dat(const struct args *a, struct dl_json *j)
{
	struct dl_cdhash_file cf;
	struct dl_dat_file f;

	if (dl_cdhash_file(a->file, &cf)) {
		dl_err_lib();
		return -1;
	}
	f = (struct dl_dat_file){ a->file, cf.bytes, &cf.dig };
	return check_dat(a, &f, 1, j);
}

int cmd_verify(int argc, char **argv)
{
	struct args a = { .timeout = 30 };
	struct dl_json j, *jp = NULL;
	int rc, bad = 0, failed = 0;

	rc = parse_args(&a, argc, argv);
	if (rc != DL_EXIT_OK)
		return rc == HELP_SHOWN ? DL_EXIT_OK : rc;
	if (a.sums && add_listed(&a))
		return DL_EXIT_TROUBLE;
	if (a.json) {
		jp = &j;
		dl_json_init(jp, stdout);
		dl_json_open(jp, NULL, '{');
		dl_json_str(jp, "file", a.file);
	}
	rc = check_hashes(&a, jp);
	if (rc < 0)
		failed = 1;
	else
		bad += rc;
	if (!failed && a.against) {
		rc = check_against(&a, jp);
		if (rc < 0)
			failed = 1;
		else
			bad += rc;
	}
	if (!failed && (a.cd || a.dat)) {
		rc = a.cd ? check_cd(&a, jp) : check_file_dat(&a, jp);
		if (rc < 0)
			failed = 1;
		else
			bad += rc;
	}
	if (jp) {
		dl_json_bool(jp, "match", !failed && !bad);
		dl_json_close(jp, '{');
	}
	if (failed)
		return DL_EXIT_TROUBLE;
	return bad ? DL_EXIT_FAIL : DL_EXIT_OK;
}
