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

#include "discloop.h"
#include "hash.h"
#include "sgio.h"

#define SS 2048u

static void usage(FILE *out)
{
	fprintf(out,
		"Usage:\n %s verify [options] FILE\n\n"
		"Check the image FILE against checksums or against a disc.\n\n"
		"Options:\n"
		"     --sha256 HEX        expected SHA-256 (likewise --sha512, --sha1,\n"
		"     --md5 HEX           --md5 and --crc32; any number of them)\n"
		"     --crc32 HEX\n"
		" -s, --sums FILE         a checksum list (SHA256SUMS, MD5SUMS, BSD-style\n"
		"                         'SHA256 (name) = HEX', ...); FILE's entry is found\n"
		"                         by its base name\n"
		" -k, --keyring KEYRING   check the list's OpenPGP signature with gpgv first:\n"
		"                         SUMS.gpg, SUMS.sign or SUMS.asc beside it, or a\n"
		"                         clearsigned list\n"
		" -a, --against DEVICE    compare FILE with the disc in DEVICE\n"
		" -b, --blocks N          sectors per read with --against\n"
		" -t, --timeout SECONDS   per SCSI command with --against (default 30)\n"
		" -q, --quiet             print nothing on success\n"
		" -v, --verbose           say more\n"
		" -h, --help              display this help\n\n"
		"Exit status: 0 if everything matches, 1 on a mismatch or an error, 2 for\n"
		"usage errors. See discloop-verify(8).\n", dl_progname);
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
		    const char *out, int verbose)
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
		if (!verbose) {
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

static char *load_sums(const char *sums, const char *keyring, int verbose)
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
		if (run_gpgv(keyring, sums, NULL, tmpl, verbose)) {
			unlink(tmpl);
			dl_err("%s: bad or unknown OpenPGP signature (keyring %s)", sums, keyring);
			return NULL;
		}
		signed_text = slurp(tmpl, 64 << 20);
		unlink(tmpl);
		if (verbose && signed_text)
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
		bad = run_gpgv(keyring, sig, tmpl, NULL, verbose);
		unlink(tmpl);
		if (bad) {
			free(text);
			dl_err("%s: bad or unknown OpenPGP signature in %s (keyring %s)", sums,
			       sig, keyring);
			return NULL;
		}
	}
	if (verbose)
		fprintf(stderr, "%s: %s: good signature in %s\n", dl_progname, sums, sig);
	return text;
}

struct expect {
	unsigned alg;
	char hex[DL_HEX_MAX];
	const char *from;
};

static int compare_disc(const char *file, const char *device, unsigned blocks,
			unsigned timeout, bool quiet, int verbose)
{
	struct dl_sg sg = { .verbose = verbose, .timeout_ms = timeout * 1000 };
	struct dl_disc disc;
	struct dl_sg_io io;
	struct stat st;
	uint8_t *dbuf = NULL, *fbuf = NULL;
	uint64_t fsect, ndiff = 0, nunread = 0, first = UINT64_MAX;
	uint32_t lba, n, i, total;
	char why[200];
	int fd, rc = DL_EXIT_FAIL;
	size_t maxb;

	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		dl_err("%s: %s", file, strerror(errno));
		if (fd >= 0)
			close(fd);
		return DL_EXIT_FAIL;
	}
	if (dl_sg_open(device, &sg)) {
		close(fd);
		return DL_EXIT_FAIL;
	}
	if (dl_disc_identify(&sg, &disc))
		goto out;
	maxb = dl_sg_max_transfer(&sg);
	if (!blocks)
		blocks = (unsigned)((maxb < (1u << 20) ? maxb : (1u << 20)) / SS);
	if (!blocks)
		blocks = 1;
	if ((size_t)blocks * SS > maxb) {
		dl_err("--blocks %u exceeds the device's limit of %zu KiB", blocks, maxb / 1024);
		goto out;
	}
	dbuf = malloc((size_t)blocks * SS);
	fbuf = malloc((size_t)blocks * SS);
	if (!dbuf || !fbuf) {
		dl_err("out of memory");
		goto out;
	}
	fsect = (uint64_t)st.st_size / SS;
	total = disc.sectors;
	if ((uint64_t)st.st_size != (uint64_t)disc.sectors * SS) {
		dl_err("%s: %" PRIu64 " bytes, but the disc's data track has %u sectors "
		       "(%" PRIu64 " bytes)", file, (uint64_t)st.st_size, disc.sectors,
		       (uint64_t)disc.sectors * SS);
		if (fsect < total)
			total = (uint32_t)fsect;
		ndiff = 1;	/* a size difference is a mismatch; still compare the overlap */
	}
	for (lba = 0; lba < total; lba += n) {
		ssize_t got;

		n = total - lba < blocks ? total - lba : blocks;
		got = pread(fd, fbuf, (size_t)n * SS, (off_t)lba * SS);
		if (got != (ssize_t)((size_t)n * SS)) {
			dl_err("%s: %s", file, got < 0 ? strerror(errno) : "short read");
			goto out;
		}
		if (dl_sg_read(&sg, disc.start + lba, n, SS, dbuf, &io) || io.resid) {
			/* go sector by sector to tell unreadable from different */
			for (i = 0; i < n; i++) {
				if (dl_sg_read(&sg, disc.start + lba + i, 1, SS, dbuf, &io) ||
				    io.resid) {
					if (io.result == DL_SG_SYSERR ||
					    (io.result == DL_SG_CHECK && io.sense.asc == 0x3a)) {
						dl_err("%s: read at LBA %u: %s", sg.path,
						       disc.start + lba + i,
						       dl_sg_describe(&io, why, sizeof(why)));
						goto out;
					}
					if (verbose)
						fprintf(stderr, "%s: LBA %u: unreadable: %s\n",
							dl_progname, disc.start + lba + i,
							dl_sg_describe(&io, why, sizeof(why)));
					nunread++;
					if (first == UINT64_MAX)
						first = lba + i;
					continue;
				}
				if (memcmp(dbuf, fbuf + (size_t)i * SS, SS)) {
					ndiff++;
					if (first == UINT64_MAX)
						first = lba + i;
				}
			}
			continue;
		}
		if (!memcmp(dbuf, fbuf, (size_t)n * SS))
			continue;
		for (i = 0; i < n; i++) {
			if (memcmp(dbuf + (size_t)i * SS, fbuf + (size_t)i * SS, SS)) {
				ndiff++;
				if (first == UINT64_MAX)
					first = lba + i;
			}
		}
	}
	if (!ndiff && !nunread) {
		if (!quiet)
			printf("%s: OK: %u sectors match %s\n", file, total, sg.path);
		rc = DL_EXIT_OK;
	} else if (first != UINT64_MAX) {
		dl_err("%s: differs from %s: first at sector %" PRIu64 " (LBA %" PRIu64 "); "
		       "%" PRIu64 " differing, %" PRIu64 " unreadable of %u sectors", file,
		       sg.path, first, first + disc.start, ndiff, nunread, total);
	} else {
		dl_err("%s: differs from %s in size only", file, sg.path);
	}
out:
	free(dbuf);
	free(fbuf);
	dl_sg_close(&sg);
	close(fd);
	return rc;
}

int cmd_verify(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "crc32", required_argument, NULL, 'C' },
		{ "md5", required_argument, NULL, 'M' },
		{ "sha1", required_argument, NULL, '1' },
		{ "sha256", required_argument, NULL, '2' },
		{ "sha512", required_argument, NULL, '5' },
		{ "sums", required_argument, NULL, 's' },
		{ "keyring", required_argument, NULL, 'k' },
		{ "against", required_argument, NULL, 'a' },
		{ "blocks", required_argument, NULL, 'b' },
		{ "timeout", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct expect exp[16];
	struct dl_sum found[8];
	struct dl_digests dig;
	const char *sums = NULL, *keyring = NULL, *against = NULL, *file;
	unsigned algs = 0, blocks = 0, timeout = 30;
	int nexp = 0, c, i, nf, fd, ret, verbose = 0, bad = 0;
	bool quiet = false;
	char *end;
	unsigned long v;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:k:a:b:t:qvh", opts, NULL)) != -1) {
		unsigned alg = 0;

		switch (c) {
		case 'C': alg = DL_ALG_CRC32; break;
		case 'M': alg = DL_ALG_MD5; break;
		case '1': alg = DL_ALG_SHA1; break;
		case '2': alg = DL_ALG_SHA256; break;
		case '5': alg = DL_ALG_SHA512; break;
		case 's': sums = optarg; break;
		case 'k': keyring = optarg; break;
		case 'a': against = optarg; break;
		case 'b':
		case 't':
			errno = 0;
			v = strtoul(optarg, &end, 10);
			if (*optarg == '-' || *end || errno || !v || v > (c == 'b' ? 65535 : 3600)) {
				dl_usage_err("--%s: '%s' is not a valid number",
					     c == 'b' ? "blocks" : "timeout", optarg);
				return DL_EXIT_USAGE;
			}
			if (c == 'b')
				blocks = (unsigned)v;
			else
				timeout = (unsigned)v;
			break;
		case 'q': quiet = true; break;
		case 'v': verbose++; break;
		case 'h': usage(stdout); return DL_EXIT_OK;
		default:
			fprintf(stderr, "Try '%s verify --help' for more information.\n", dl_progname);
			return DL_EXIT_USAGE;
		}
		if (alg) {
			const char *h = optarg;
			size_t k;

			if (!dl_hex_valid(h, alg)) {
				dl_usage_err("--%s: '%s' is not a %s digest in hex",
					     opts[c == 'C' ? 0 : c == 'M' ? 1 : c == '1' ? 2 :
						  c == '2' ? 3 : 4].name, h, dl_alg_name(alg));
				return DL_EXIT_USAGE;
			}
			if (nexp >= 16) {
				dl_usage_err("too many expected hashes");
				return DL_EXIT_USAGE;
			}
			exp[nexp].alg = alg;
			for (k = 0; h[k]; k++)
				exp[nexp].hex[k] = (char)(h[k] | 0x20);
			exp[nexp].hex[k] = '\0';
			exp[nexp].from = "command line";
			nexp++;
		}
	}
	if (argc - optind != 1) {
		dl_usage_err("verify: %s", argc - optind < 1 ? "FILE is required" :
			     "too many arguments");
		return DL_EXIT_USAGE;
	}
	file = argv[optind];
	if (keyring && !sums) {
		dl_usage_err("verify: --keyring needs --sums");
		return DL_EXIT_USAGE;
	}
	if (!nexp && !sums && !against) {
		dl_usage_err("verify: nothing to verify against (--sha256 HEX, --sums FILE "
			     "or --against DEVICE)");
		return DL_EXIT_USAGE;
	}

	if (sums) {
		char *text = load_sums(sums, keyring, verbose);

		if (!text)
			return DL_EXIT_FAIL;
		nf = dl_sums_find(text, file, found, 8);
		free(text);
		if (!nf) {
			const char *b = strrchr(file, '/');

			dl_err("%s: no entry for '%s' in %s", file, b ? b + 1 : file, sums);
			return DL_EXIT_FAIL;
		}
		for (i = 0; i < nf && nexp < 16; i++) {
			exp[nexp].alg = found[i].alg;
			snprintf(exp[nexp].hex, sizeof(exp[nexp].hex), "%s", found[i].hex);
			exp[nexp].from = sums;
			nexp++;
		}
	}
	for (i = 0; i < nexp; i++)
		algs |= exp[i].alg;

	if (algs) {
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			dl_err("%s: %s", file, strerror(errno));
			return DL_EXIT_FAIL;
		}
		ret = dl_hash_fd(fd, algs, &dig);
		close(fd);
		if (ret) {
			dl_err("%s: %s", file, strerror(-ret));
			return DL_EXIT_FAIL;
		}
		for (i = 0; i < nexp; i++) {
			const char *got = dl_digest_of(&dig, exp[i].alg);

			if (!strcmp(got, exp[i].hex)) {
				if (!quiet)
					printf("%s: %s OK (%s)\n", file, dl_alg_name(exp[i].alg),
					       exp[i].from);
			} else {
				dl_err("%s: %s mismatch: expected %s (%s), got %s", file,
				       dl_alg_name(exp[i].alg), exp[i].hex, exp[i].from, got);
				bad++;
			}
		}
	}
	if (against && compare_disc(file, against, blocks, timeout, quiet, verbose))
		bad++;
	return bad ? DL_EXIT_FAIL : DL_EXIT_OK;
}
