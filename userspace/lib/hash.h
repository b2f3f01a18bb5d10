/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Image hashes: CRC32, MD5, SHA-1 (the redump.org set), SHA-256, SHA-512
 * and BLAKE2b-512, and parsing of the checksum lists distributions publish.
 */
#ifndef DL_HASH_H
#define DL_HASH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DL_ALG_CRC32	(1U << 0)
#define DL_ALG_MD5	(1U << 1)
#define DL_ALG_SHA1	(1U << 2)
#define DL_ALG_SHA256	(1U << 3)
#define DL_ALG_SHA512	(1U << 4)
#define DL_ALG_BLAKE2B	(1U << 5)	/* BLAKE2b-512, as b2sum(1) */
#define DL_ALG_COUNT	6
#define DL_ALG_RIP	(DL_ALG_CRC32 | DL_ALG_MD5 | DL_ALG_SHA1 | DL_ALG_SHA256)
#define DL_ALG_ALL	(DL_ALG_RIP | DL_ALG_SHA512 | DL_ALG_BLAKE2B)
#define DL_HEX_MAX	129

struct dl_hash {
	unsigned algs;
	uint32_t crc;
	void *ctx[DL_ALG_COUNT];	/* per algorithm 1U << i: Nettle's, libb2's */
};

/* Lower-case hex digests; empty for algorithms not computed. */
struct dl_digests {
	char crc32[9], md5[33], sha1[41], sha256[65], sha512[129], blake2b[129];
};

int dl_hash_init(struct dl_hash *h, unsigned algs);
void dl_hash_update(struct dl_hash *h, const void *p, size_t n);
/* Finish (and free) @h. Returns 0. */
int dl_hash_final(struct dl_hash *h, struct dl_digests *out);
/* Hash all of @fd from offset 0. 0 or -errno. */
int dl_hash_fd(int fd, unsigned algs, struct dl_digests *out);
/* Feed @h the rest of @fd, from offset @off to its end. 0 or -errno. */
int dl_hash_fd_from(int fd, uint64_t off, struct dl_hash *h);
/*
 * Parse a comma list of algorithm names (crc32, md5, sha1, sha256, sha512,
 * blake2b; "redump" for the first four, "all", "none") into @algs. 0, or -1 naming the bad
 * word in @bad (of @badsz bytes).
 */
int dl_alg_parse(const char *list, unsigned *algs, char *bad, size_t badsz);

/* "SHA-256" etc., the lower-case key ("sha256"), and the hex of @alg in @d. */
const char *dl_alg_name(unsigned alg);
const char *dl_alg_key(unsigned alg);
const char *dl_digest_of(const struct dl_digests *d, unsigned alg);
/*
 * Algorithm of a hex string by its length (8, 32, 40, 64, 128: SHA-512);
 * 0 if none.
 */
unsigned dl_alg_by_hexlen(size_t len);
/* Digest length of @alg in hex digits. */
size_t dl_alg_hexlen(unsigned alg);
/* @s is all hex digits and as long as @alg's digest. */
bool dl_hex_valid(const char *s, unsigned alg);

/* One entry of a checksum list. */
struct dl_sum {
	unsigned alg;
	char hex[DL_HEX_MAX];
};

/*
 * The algorithm of a checksum list's untagged 128-digit lines, by the
 * list's file name: BLAKE2b for b2sum's (B2SUMS, b2sums.txt, *.b2, names
 * with "blake2"), SHA-512 otherwise.
 */
unsigned dl_sums_alg_128(const char *listname);

/*
 * Find the entries for file @name (compared by basename) in checksum-list
 * @text: GNU "HEX  name" / "HEX *name" (coreutils *sum and b2sum; a
 * 128-digit HEX is @alg128), and BSD/tagged "ALG (name) = HEX" (also
 * OpenSSL's "ALG(name)= HEX"). An entry whose tag names an algorithm not
 * implemented here (BLAKE2b-256, SHA3-256, ...) is stored with alg 0 and
 * the tag in @hex, so that the caller can refuse it by name. Lines that fit
 * neither form are skipped, as are comments. Returns how many entries were
 * stored in @out (up to @max), 0 when @name is not listed.
 */
int dl_sums_find(const char *text, const char *name, unsigned alg128, struct dl_sum *out,
		 int max);

#endif /* DL_HASH_H */
