// SPDX-License-Identifier: GPL-2.0
/* Checksum lists (SHA256SUMS & co., BSD tags) and the hashes themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "hash.h"

#define H64A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
/* BLAKE2b-512 of "abc" (RFC 7693, appendix A) */
#define B2ABC "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1" \
	"7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923"
#define H64B "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
#define H32 "0123456789abcdef0123456789abcdef"

TEST(gnu_text_and_binary)
{
	const char *t = H64A "  debian-12.iso\n" H64B " *./sub/ubuntu.iso\n";
	struct dl_sum s[4];

	CHECK_EQ(dl_sums_find(t, "debian-12.iso", DL_ALG_SHA512, s, 4), 1);
	CHECK_EQ(s[0].alg, DL_ALG_SHA256);
	CHECK(!strcmp(s[0].hex, H64A));
	/* by basename, both sides; hex lower-cased */
	CHECK_EQ(dl_sums_find(t, "/data/ubuntu.iso", DL_ALG_SHA512, s, 4), 1);
	CHECK(!strncmp(s[0].hex, "bbbb", 4));
	CHECK_EQ(dl_sums_find(t, "missing.iso", DL_ALG_SHA512, s, 4), 0);
	CHECK_EQ(dl_sums_find(t, "debian-12", DL_ALG_SHA512, s, 4), 0);
}

TEST(bsd_tags_and_openssl)
{
	const char *t = "MD5 (a.iso) = " H32 "\n"
			"SHA256 (a.iso) = " H64A "\n"
			"SHA2-256(b.iso)= " H64A "\n"
			"SHA256 (c.iso) = " H32 "\n"	/* wrong length: ignored */
			"SHA3-256 (e.iso) = " H64A "\n"	/* not implemented: named */
			"# CRC32 (a.iso) = 12345678\n"
			"CRC32 (d.iso) = DEADBEEF\n";
	struct dl_sum s[4];

	CHECK_EQ(dl_sums_find(t, "a.iso", DL_ALG_SHA512, s, 4), 2);
	CHECK_EQ(s[0].alg, DL_ALG_MD5);
	CHECK_EQ(s[1].alg, DL_ALG_SHA256);
	CHECK_EQ(dl_sums_find(t, "b.iso", DL_ALG_SHA512, s, 4), 1);
	CHECK_EQ(dl_sums_find(t, "c.iso", DL_ALG_SHA512, s, 4), 0);
	CHECK_EQ(dl_sums_find(t, "d.iso", DL_ALG_SHA512, s, 4), 1);
	CHECK_EQ(s[0].alg, DL_ALG_CRC32);
	CHECK(!strcmp(s[0].hex, "deadbeef"));
	CHECK_EQ(dl_sums_find(t, "e.iso", DL_ALG_SHA512, s, 4), 1);
	CHECK_EQ(s[0].alg, 0);
	CHECK(!strcmp(s[0].hex, "SHA3-256"));
}

/* b2sum's lists: untagged 128-digit lines are BLAKE2b by the list's name. */
TEST(blake2b_lists)
{
	const char *t = B2ABC "  a.iso\n";
	const char *tagged = "BLAKE2b (a.iso) = " B2ABC "\n"
			     "BLAKE2b-256 (b.iso) = " H64A "\n";
	struct dl_sum s[2];

	CHECK_EQ(dl_sums_alg_128("b2sums.txt"), DL_ALG_BLAKE2B);
	CHECK_EQ(dl_sums_alg_128("/x/B2SUMS"), DL_ALG_BLAKE2B);
	CHECK_EQ(dl_sums_alg_128("disc.b2"), DL_ALG_BLAKE2B);
	CHECK_EQ(dl_sums_alg_128("SHA512SUMS"), DL_ALG_SHA512);
	CHECK_EQ(dl_sums_find(t, "a.iso", dl_sums_alg_128("b2sums.txt"), s, 2), 1);
	CHECK_EQ(s[0].alg, DL_ALG_BLAKE2B);
	CHECK_EQ(dl_sums_find(t, "a.iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(s[0].alg, DL_ALG_SHA512);
	CHECK_EQ(dl_sums_find(tagged, "a.iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(s[0].alg, DL_ALG_BLAKE2B);
	CHECK(!strcmp(s[0].hex, B2ABC));
	CHECK_EQ(dl_sums_find(tagged, "b.iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(s[0].alg, 0);
	CHECK(!strcmp(s[0].hex, "BLAKE2b-256"));
}

TEST(names_with_spaces_parens_and_escapes)
{
	const char *t = H32 "  my disc (1).iso\r\n"
			"\\" H32 "  odd\\nname.iso\n"
			"SHA1 (x (2).iso) = 0123456789abcdef0123456789abcdef01234567\n";
	struct dl_sum s[2];

	CHECK_EQ(dl_sums_find(t, "my disc (1).iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(s[0].alg, DL_ALG_MD5);
	CHECK_EQ(dl_sums_find(t, "odd\nname.iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(dl_sums_find(t, "x (2).iso", DL_ALG_SHA512, s, 2), 1);
	CHECK_EQ(s[0].alg, DL_ALG_SHA1);
}

TEST(clearsigned_wrapper_is_skipped)
{
	const char *t = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n"
			H64A "  a.iso\n"
			"-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCgAdFiEE\n"
			"-----END PGP SIGNATURE-----\n";
	struct dl_sum s[2];

	CHECK_EQ(dl_sums_find(t, "a.iso", DL_ALG_SHA512, s, 2), 1);
}

TEST(hex_validation)
{
	CHECK(dl_hex_valid(H64A, DL_ALG_SHA256));
	CHECK(!dl_hex_valid(H64A, DL_ALG_SHA1));
	CHECK(!dl_hex_valid(H32 "x", DL_ALG_MD5));
	CHECK(dl_hex_valid("DEADBEEF", DL_ALG_CRC32));
	CHECK_EQ(dl_alg_by_hexlen(128), DL_ALG_SHA512);
	CHECK_EQ(dl_alg_by_hexlen(7), 0);
}

TEST(known_digests)
{
	struct dl_hash h;
	struct dl_digests d;
	int fd;

	CHECK_EQ(dl_hash_init(&h, DL_ALG_ALL), 0);
	dl_hash_update(&h, "abc", 3);
	CHECK_EQ(dl_hash_final(&h, &d), 0);
	CHECK(!strcmp(d.crc32, "352441c2"));
	CHECK(!strcmp(d.md5, "900150983cd24fb0d6963f7d28e17f72"));
	CHECK(!strcmp(d.sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"));
	CHECK(!strcmp(d.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
	CHECK(!strcmp(d.sha512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
			      "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"));
	CHECK(!strcmp(d.blake2b, B2ABC));
	/* the same through a file, only the algorithms asked for */
	fd = unit_tmpfd();
	CHECK(fd >= 0);
	CHECK_EQ(write(fd, "abc", 3), 3);
	CHECK_EQ(dl_hash_fd(fd, DL_ALG_SHA256 | DL_ALG_CRC32, &d), 0);
	CHECK(!strcmp(d.crc32, "352441c2"));
	CHECK(!strncmp(d.sha256, "ba7816bf", 8));
	CHECK_EQ(d.md5[0], 0);
	close(fd);
}

/* One million "a", fed in uneven pieces (FIPS 180 and RFC 1321 vectors). */
TEST(million_a_in_pieces)
{
	static char buf[1000000];
	struct dl_hash h;
	struct dl_digests d;
	size_t off = 0, n = 1;

	memset(buf, 'a', sizeof(buf));
	CHECK_EQ(dl_hash_init(&h, DL_ALG_RIP), 0);
	while (off < sizeof(buf)) {
		if (n > sizeof(buf) - off)
			n = sizeof(buf) - off;
		dl_hash_update(&h, buf + off, n);
		off += n;
		n = n * 3 + 7;
	}
	CHECK_EQ(dl_hash_final(&h, &d), 0);
	CHECK(!strcmp(d.md5, "7707d6ae4e027c70eea2a935c2296f21"));
	CHECK(!strcmp(d.sha1, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"));
	CHECK(!strcmp(d.sha256, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	CHECK_EQ(d.sha512[0], 0);
}

TEST(algorithm_lists)
{
	unsigned a = 12345;
	char bad[32];

	CHECK_EQ(dl_alg_parse("sha256", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, DL_ALG_SHA256);
	CHECK_EQ(dl_alg_parse("CRC32,md5,SHA1", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, DL_ALG_CRC32 | DL_ALG_MD5 | DL_ALG_SHA1);
	CHECK_EQ(dl_alg_parse("redump", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, DL_ALG_RIP);
	CHECK_EQ(dl_alg_parse("redump,sha512,blake2b", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, DL_ALG_ALL);
	CHECK_EQ(dl_alg_parse("all", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, DL_ALG_ALL);
	CHECK_EQ(dl_alg_parse("none", &a, bad, sizeof(bad)), 0);
	CHECK_EQ(a, 0);
	CHECK_EQ(dl_alg_parse("md5,sha3", &a, bad, sizeof(bad)), -1);
	CHECK(!strcmp(bad, "sha3"));
	CHECK_EQ(dl_alg_parse("md5,", &a, bad, sizeof(bad)), -1);
	CHECK(!strcmp(bad, ""));
	CHECK_EQ(dl_alg_parse("sha", &a, bad, sizeof(bad)), -1);
	CHECK_EQ(dl_alg_parse("sha2566", &a, bad, sizeof(bad)), -1);
}

TEST(hash_continues_from_offset)
{
	struct dl_digests whole, split;
	struct dl_hash h;
	unsigned char buf[5000];
	unsigned i;
	int fd = unit_tmpfd();

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	for (i = 0; i < sizeof(buf); i++)
		buf[i] = (unsigned char)(i * 7 + 3);
	CHECK_EQ(write(fd, buf, sizeof(buf)), (long)sizeof(buf));
	CHECK_EQ(dl_hash_fd(fd, DL_ALG_ALL, &whole), 0);
	/* the first 2048 bytes from memory, the rest from the file */
	CHECK_EQ(dl_hash_init(&h, DL_ALG_ALL), 0);
	dl_hash_update(&h, buf, 2048);
	CHECK_EQ(dl_hash_fd_from(fd, 2048, &h), 0);
	CHECK_EQ(dl_hash_final(&h, &split), 0);
	CHECK(!memcmp(&whole, &split, sizeof(whole)));
	close(fd);
}
