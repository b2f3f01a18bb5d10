// SPDX-License-Identifier: GPL-2.0
/*
 * Hashes through Nettle's generic hash interface (MD5, SHA-1, SHA-256,
 * SHA-512), libb2 (BLAKE2b, which the Nettle in Debian 12 lacks) and
 * zlib's crc32 (the CRC-32 redump.org uses), plus checksum-list parsing. Nettle is small next to libcrypto: every
 * discloop command starts faster (attach is timed in bench/).
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <nettle/nettle-meta.h>
#include <nettle/md5.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#include <zlib.h>
#include <blake2.h>

#include "hash.h"

/* Index i of dl_hash.ctx is the algorithm 1U << i (0 is CRC32, 5 BLAKE2b). */
#define BLAKE2B_INDEX	5
static const struct nettle_hash *md_of(int i)
{
	switch (i) {
	case 1: return &nettle_md5;
	case 2: return &nettle_sha1;
	case 3: return &nettle_sha256;
	case 4: return &nettle_sha512;
	}
	return NULL;
}

int dl_hash_init(struct dl_hash *h, unsigned algs)
{
	int i;

	memset(h, 0, sizeof(*h));
	h->algs = algs;
	h->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	for (i = 1; i < 5; i++) {
		const struct nettle_hash *md = md_of(i);

		if (!(algs & (1U << i)))
			continue;
		h->ctx[i] = malloc(md->context_size);
		if (!h->ctx[i]) {
			struct dl_digests dummy;

			dl_hash_final(h, &dummy);
			return -1;
		}
		md->init(h->ctx[i]);
	}
	if (algs & DL_ALG_BLAKE2B) {
		h->ctx[BLAKE2B_INDEX] = malloc(sizeof(blake2b_state));
		if (!h->ctx[BLAKE2B_INDEX] ||
		    blake2b_init(h->ctx[BLAKE2B_INDEX], BLAKE2B_OUTBYTES)) {
			struct dl_digests dummy;

			dl_hash_final(h, &dummy);
			return -1;
		}
	}
	return 0;
}

void dl_hash_update(struct dl_hash *h, const void *p, size_t n)
{
	const unsigned char *c = p;
	int i;

	if (h->algs & DL_ALG_CRC32) {
		size_t left = n;
		const unsigned char *q = c;

		while (left) {
			uInt chunk = left > (1U << 30) ? (1U << 30) : (uInt)left;

			h->crc = (uint32_t)crc32(h->crc, q, chunk);
			q += chunk;
			left -= chunk;
		}
	}
	for (i = 1; i < 5; i++)
		if (h->ctx[i])
			md_of(i)->update(h->ctx[i], n, c);
	if (h->ctx[BLAKE2B_INDEX])
		blake2b_update(h->ctx[BLAKE2B_INDEX], c, n);
}

static void to_hex(const unsigned char *b, unsigned n, char *out)
{
	static const char hx[] = "0123456789abcdef";
	unsigned i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hx[b[i] >> 4];
		out[2 * i + 1] = hx[b[i] & 15];
	}
	out[2 * n] = '\0';
}

int dl_hash_final(struct dl_hash *h, struct dl_digests *out)
{
	char *dst[5] = { out->crc32, out->md5, out->sha1, out->sha256, out->sha512 };
	unsigned char md[SHA512_DIGEST_SIZE];
	int i;

	memset(out, 0, sizeof(*out));
	if (h->algs & DL_ALG_CRC32)
		snprintf(out->crc32, sizeof(out->crc32), "%08x", h->crc);
	for (i = 1; i < 5; i++) {
		const struct nettle_hash *alg = md_of(i);

		if (!h->ctx[i])
			continue;
		alg->digest(h->ctx[i], alg->digest_size, md);
		to_hex(md, alg->digest_size, dst[i]);
		free(h->ctx[i]);
		h->ctx[i] = NULL;
	}
	if (h->ctx[BLAKE2B_INDEX]) {
		if (!blake2b_final(h->ctx[BLAKE2B_INDEX], md, BLAKE2B_OUTBYTES))
			to_hex(md, BLAKE2B_OUTBYTES, out->blake2b);
		free(h->ctx[BLAKE2B_INDEX]);
		h->ctx[BLAKE2B_INDEX] = NULL;
	}
	return 0;
}

int dl_hash_fd_from(int fd, uint64_t off, struct dl_hash *h)
{
	size_t bsz = 1 << 20;
	unsigned char *buf = malloc(bsz);
	ssize_t n;

	if (!buf)
		return -ENOMEM;
	while ((n = pread(fd, buf, bsz, (off_t)off)) != 0) {
		if (n < 0) {
			int err = errno;

			if (err == EINTR)
				continue;
			free(buf);
			return -err;
		}
		dl_hash_update(h, buf, (size_t)n);
		off += (uint64_t)n;
	}
	free(buf);
	return 0;
}

int dl_hash_fd(int fd, unsigned algs, struct dl_digests *out)
{
	struct dl_hash h;
	int ret;

	if (dl_hash_init(&h, algs))
		return -ENOMEM;
	ret = dl_hash_fd_from(fd, 0, &h);
	if (dl_hash_final(&h, out) && !ret)
		ret = -EIO;
	return ret;
}

int dl_alg_parse(const char *list, unsigned *algs, char *bad, size_t badsz)
{
	static const struct { const char *name; unsigned algs; } names[] = {
		{ "crc32", DL_ALG_CRC32 }, { "md5", DL_ALG_MD5 }, { "sha1", DL_ALG_SHA1 },
		{ "sha256", DL_ALG_SHA256 }, { "sha512", DL_ALG_SHA512 },
		{ "blake2b", DL_ALG_BLAKE2B }, { "redump", DL_ALG_RIP }, { "all", DL_ALG_ALL }, { "none", 0 },
	};
	const char *p = list;

	*algs = 0;
	for (;;) {
		size_t n = strcspn(p, ","), i;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n && !strncasecmp(p, names[i].name, n))
				break;
		if (i == sizeof(names) / sizeof(names[0])) {
			snprintf(bad, badsz, "%.*s", (int)n, p);
			return -1;
		}
		*algs |= names[i].algs;
		if (!p[n])
			return 0;
		p += n + 1;
	}
}

const char *dl_alg_name(unsigned alg)
{
	switch (alg) {
	case DL_ALG_CRC32: return "CRC32";
	case DL_ALG_MD5: return "MD5";
	case DL_ALG_SHA1: return "SHA-1";
	case DL_ALG_SHA256: return "SHA-256";
	case DL_ALG_SHA512: return "SHA-512";
	case DL_ALG_BLAKE2B: return "BLAKE2b";
	}
	return "?";
}

const char *dl_alg_key(unsigned alg)
{
	switch (alg) {
	case DL_ALG_CRC32: return "crc32";
	case DL_ALG_MD5: return "md5";
	case DL_ALG_SHA1: return "sha1";
	case DL_ALG_SHA256: return "sha256";
	case DL_ALG_SHA512: return "sha512";
	case DL_ALG_BLAKE2B: return "blake2b";
	}
	return "?";
}

const char *dl_digest_of(const struct dl_digests *d, unsigned alg)
{
	switch (alg) {
	case DL_ALG_CRC32: return d->crc32;
	case DL_ALG_MD5: return d->md5;
	case DL_ALG_SHA1: return d->sha1;
	case DL_ALG_SHA256: return d->sha256;
	case DL_ALG_SHA512: return d->sha512;
	case DL_ALG_BLAKE2B: return d->blake2b;
	}
	return "";
}

size_t dl_alg_hexlen(unsigned alg)
{
	switch (alg) {
	case DL_ALG_CRC32: return 8;
	case DL_ALG_MD5: return 32;
	case DL_ALG_SHA1: return 40;
	case DL_ALG_SHA256: return 64;
	case DL_ALG_SHA512: return 128;
	case DL_ALG_BLAKE2B: return 128;
	}
	return 0;
}

unsigned dl_alg_by_hexlen(size_t len)
{
	switch (len) {
	case 8: return DL_ALG_CRC32;
	case 32: return DL_ALG_MD5;
	case 40: return DL_ALG_SHA1;
	case 64: return DL_ALG_SHA256;
	case 128: return DL_ALG_SHA512;
	}
	return 0;
}

static size_t hex_len(const char *s)
{
	size_t n = 0;

	while (isxdigit((unsigned char)s[n]))
		n++;
	return n;
}

bool dl_hex_valid(const char *s, unsigned alg)
{
	size_t n = hex_len(s);

	return !s[n] && n && n == dl_alg_hexlen(alg);
}

/* Algorithm of a BSD tag ("SHA256", "SHA2-256", "MD5", "CRC32"...). */
static unsigned alg_by_tag(const char *t, size_t n)
{
	static const struct { const char *tag; unsigned alg; } tags[] = {
		{ "MD5", DL_ALG_MD5 }, { "SHA1", DL_ALG_SHA1 }, { "SHA-1", DL_ALG_SHA1 },
		{ "SHA256", DL_ALG_SHA256 }, { "SHA2-256", DL_ALG_SHA256 },
		{ "SHA-256", DL_ALG_SHA256 }, { "SHA512", DL_ALG_SHA512 },
		{ "SHA2-512", DL_ALG_SHA512 }, { "SHA-512", DL_ALG_SHA512 },
		{ "CRC32", DL_ALG_CRC32 }, { "CRC-32", DL_ALG_CRC32 },
		{ "BLAKE2b", DL_ALG_BLAKE2B }, { "BLAKE2b-512", DL_ALG_BLAKE2B },
	};
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strlen(tags[i].tag) == n && !strncasecmp(tags[i].tag, t, n))
			return tags[i].alg;
	return 0;
}

static const char *base_of(const char *s, size_t n, size_t *blen)
{
	const char *b = s;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '/')
			b = s + i + 1;
	*blen = n - (size_t)(b - s);
	return b;
}

/* GNU escaping: a line starting with '\' has \\ and \n in its name. */
static size_t unescape(const char *s, size_t n, char *out, size_t outsz)
{
	size_t i, o = 0;

	for (i = 0; i < n && o + 1 < outsz; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			out[o++] = s[i] == 'n' ? '\n' : s[i] == 'r' ? '\r' : s[i];
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return o;
}

static bool same_name(const char *entry, size_t n, const char *want)
{
	size_t bl, wl;
	const char *b = base_of(entry, n, &bl);
	const char *w = base_of(want, strlen(want), &wl);

	return bl == wl && !memcmp(b, w, bl);
}

unsigned dl_sums_alg_128(const char *listname)
{
	const char *b = strrchr(listname, '/');
	size_t n;

	b = b ? b + 1 : listname;
	n = strlen(b);
	if (!strncasecmp(b, "b2sum", 5) || strcasestr(b, "blake2") ||
	    (n > 3 && !strcasecmp(b + n - 3, ".b2")))
		return DL_ALG_BLAKE2B;
	return DL_ALG_SHA512;
}

int dl_sums_find(const char *text, const char *name, unsigned alg128, struct dl_sum *out,
		 int max)
{
	const char *line = text;
	int found = 0;

	while (*line && found < max) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		char buf[4096], nm[4096];
		const char *p = buf, *hex = NULL, *fname = NULL;
		size_t hexn = 0, fnl = 0;
		bool esc = false;
		unsigned alg = 0;

		if (len >= sizeof(buf))
			len = sizeof(buf) - 1;
		memcpy(buf, line, len);
		buf[len] = '\0';
		line = nl ? nl + 1 : line + strlen(line);
		while (len && (buf[len - 1] == '\r' || buf[len - 1] == ' ' || buf[len - 1] == '\t'))
			buf[--len] = '\0';
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			continue;
		if (*p == '\\') {
			esc = true;
			p++;
		}
		{
			size_t n = hex_len(p);

			if (n && (p[n] == ' ' || p[n] == '\t') && dl_alg_by_hexlen(n)) {
				/* GNU: HEX, one space, ' ' or '*' (mode), name */
				const char *q = p + n + 1;

				hex = p;
				hexn = n;
				alg = n == 128 ? alg128 : dl_alg_by_hexlen(n);
				if (*q == ' ' || *q == '*')
					q++;
				fname = q;
				fnl = strlen(q);
			}
		}
		if (!hex) {
			/* BSD: TAG (name) = HEX, or TAG(name)= HEX */
			const char *lp = strchr(p, '('), *rp = strrchr(p, ')'), *q;
			size_t tl;

			if (!lp || !rp || rp < lp)
				continue;
			tl = (size_t)(lp - p);
			while (tl && p[tl - 1] == ' ')
				tl--;
			alg = alg_by_tag(p, tl);
			q = rp + 1;
			while (*q == ' ')
				q++;
			if (*q != '=')
				continue;
			q++;
			while (*q == ' ')
				q++;
			hexn = hex_len(q);
			if (q[hexn] || !hexn || (alg && hexn != dl_alg_hexlen(alg)))
				continue;
			if (!alg) {
				/* a tag we do not implement: its name instead of a digest */
				hex = p;
				hexn = tl < DL_HEX_MAX - 1 ? tl : DL_HEX_MAX - 1;
			} else {
				hex = q;
			}
			fname = lp + 1;
			fnl = (size_t)(rp - lp - 1);
		}
		if (esc) {
			fnl = unescape(fname, fnl, nm, sizeof(nm));
			fname = nm;
		}
		if (!fnl || !same_name(fname, fnl, name))
			continue;
		out[found].alg = alg;
		for (size_t i = 0; i < hexn && i < DL_HEX_MAX - 1; i++)
			out[found].hex[i] = alg ? (char)tolower((unsigned char)hex[i]) : hex[i];
		out[found].hex[hexn] = '\0';
		found++;
	}
	return found;
}
