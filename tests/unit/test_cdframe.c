// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for common/cdframe.c: MSF/LBA, BCD, EDC, Mode 1 ECC, Q sub-channel.
 *
 * Independent references used here (none shares code with cdframe.c):
 *  - EDC: the CRC catalogue check value of CRC-32/CD-ROM-EDC over
 *    "123456789" (0x6EC2EDC4), and a bit-serial CRC written here in the
 *    non-reflected form (bytes bit-reversed, MSB-first division by
 *    0x8001801B, result bit-reversed).
 *  - ECC: syndromes computed here from ECMA-130 annex A's check matrices with
 *    shift-and-add GF(2^8) multiplication (no tables); and chdman (MAME's
 *    CHD tool, Debian package mame-tools) when installed: its CD codecs drop
 *    sync and P/Q parity of every sector whose ECC its own code verifies, so
 *    a CHD of our sectors must be exactly as large as a CHD of the same
 *    sectors with sync and P/Q already zeroed (and larger if ECC is wrong).
 *  - A fixture (cdframe_fixture.inc) of sectors that passed the chdman check
 *    once, so the comparison runs without chdman; regenerate with
 *    "build/plain/test_cdframe --fixture > cdframe_fixture.inc" and re-run
 *    the chdman test (it also checks the fixture sectors).
 *  - CRC-16: the CRC catalogue check value of CRC-16/XMODEM (0x31C3) and a
 *    bit-serial implementation here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../common/cdframe.h"
#include "unit.h"

static unsigned int rng_state = 1;

static u8 rnd8(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return (u8)(rng_state >> 24);
}

static void init(void)
{
	dl_cdframe_init();
	dl_cdframe_init();	/* idempotent */
}

/* ---- MSF / LBA / BCD ---------------------------------------------------- */

static void msf(s32 lba, int m, int s, int f)
{
	u8 gm, gs, gf;

	dl_lba_to_msf(lba, &gm, &gs, &gf);
	CHECK_EQ(gm, m);
	CHECK_EQ(gs, s);
	CHECK_EQ(gf, f);
	CHECK_EQ(dl_msf_to_lba((u8)m, (u8)s, (u8)f), lba);
}

TEST(msf_known_points)
{
	msf(0, 0, 2, 0);
	msf(16, 0, 2, 16);
	msf(74, 0, 2, 74);
	msf(75, 0, 3, 0);
	msf(4500 - 150, 1, 0, 0);
	msf(-1, 0, 1, 74);
	msf(-150, 0, 0, 0);
	msf(-151, 99, 59, 74);		/* MMC: lead-in wraps, MSF = LBA + 450150 */
	msf(-45150, 90, 0, 0);
	msf(333000 - 150, 74, 0, 0);	/* 74 minutes */
	msf(405000 - 151, 89, 59, 74);	/* last MSF that maps to a positive LBA */
}

/*
 * From 90:00:00 up MSF is lead-in for MMC, so LBAs 404850..DL_CD_MAX_LBA
 * convert to MSF but not back: 99:59:74 is LBA -151, not 449849.
 */
TEST(msf_above_90_minutes)
{
	u8 m, s, f;

	dl_lba_to_msf(DL_CD_MAX_LBA, &m, &s, &f);
	CHECK_EQ(m, 99);
	CHECK_EQ(s, 59);
	CHECK_EQ(f, 74);
	CHECK_EQ(dl_msf_to_lba(m, s, f), -151);
	dl_lba_to_msf(404850, &m, &s, &f);
	CHECK_EQ(m, 90);
	CHECK_EQ(s + f, 0);
}

TEST(msf_round_trip)
{
	s32 lba;
	u8 m, s, f;

	for (lba = -45150; lba < 405000 - 150; lba++) {
		dl_lba_to_msf(lba, &m, &s, &f);
		if (m > 99 || s > 59 || f > 74 ||
		    dl_msf_to_lba(m, s, f) != lba) {
			CHECK_EQ(dl_msf_to_lba(m, s, f), lba);
			CHECK(s <= 59 && f <= 74 && m <= 99);
			break;
		}
	}
}

TEST(bcd)
{
	int v;
	char buf[16];

	for (v = 0; v < 100; v++) {
		snprintf(buf, sizeof(buf), "%d", v);
		CHECK_EQ(dl_bcd((u8)v), strtol(buf, NULL, 16));
		CHECK_EQ(dl_unbcd(dl_bcd((u8)v)), v);
	}
	CHECK_EQ(dl_bcd(99), 0x99);
	CHECK_EQ(dl_unbcd(0x42), 42);
}

/* ---- EDC ---------------------------------------------------------------- */

static u32 reverse_bits(u32 v, int width)
{
	u32 r = 0;
	int i;

	for (i = 0; i < width; i++)
		if (v & (1u << i))
			r |= 1u << (width - 1 - i);
	return r;
}

/* Bit-serial, non-reflected EDC: P(x) = x^32+x^31+x^16+x^15+x^4+x^3+x+1. */
static u32 edc_bitwise(const u8 *d, size_t len)
{
	u32 crc = 0;
	size_t i;
	int b;

	for (i = 0; i < len; i++) {
		crc ^= reverse_bits(d[i], 8) << 24;
		for (b = 0; b < 8; b++)
			crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x8001801Bu :
						    crc << 1;
	}
	return reverse_bits(crc, 32);
}

TEST(edc_check_value)
{
	init();
	CHECK_EQ(dl_edc((const u8 *)"123456789", 9), 0x6EC2EDC4u);
	CHECK_EQ(edc_bitwise((const u8 *)"123456789", 9), 0x6EC2EDC4u);
	CHECK_EQ(dl_edc((const u8 *)"", 0), 0);
}

TEST(edc_vs_bitwise)
{
	u8 buf[2064];
	size_t len;
	size_t i;

	init();
	for (len = 1; len <= sizeof(buf); len += 97) {
		for (i = 0; i < len; i++)
			buf[i] = rnd8();
		CHECK_EQ(dl_edc(buf, len), edc_bitwise(buf, len));
	}
	memset(buf, 0xFF, sizeof(buf));
	CHECK_EQ(dl_edc(buf, sizeof(buf)), edc_bitwise(buf, sizeof(buf)));
}

/* ---- Mode 1 sectors ----------------------------------------------------- */

static void fill(u8 *sector, int pattern, u32 lba)
{
	int j;

	memset(sector, 0xA5, DL_CD_RAW_SIZE);	/* encode must overwrite */
	for (j = 0; j < DL_CD_DATA_SIZE; j++) {
		u8 v;

		switch (pattern) {
		case 0:
			v = 0;
			break;
		case 1:
			v = (u8)(j * 7 + 3);
			break;
		case 2:
			v = 0xFF;
			break;
		default:
			rng_state = j ? rng_state : lba + 1;
			v = rnd8();
			break;
		}
		sector[DL_CD_DATA_OFFSET + j] = v;
	}
}

TEST(mode1_layout)
{
	static const u8 sync[12] = { 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
				     0xFF, 0xFF, 0xFF, 0xFF, 0 };
	u8 sec[DL_CD_RAW_SIZE], data[DL_CD_DATA_SIZE];
	u32 edc;
	int i;

	init();
	fill(sec, 3, 4349);
	memcpy(data, sec + 16, sizeof(data));
	dl_mode1_encode(sec, 4349);		/* 00:59:74 */
	CHECK(!memcmp(sec, sync, 12));
	CHECK_EQ(sec[12], 0x00);
	CHECK_EQ(sec[13], 0x59);
	CHECK_EQ(sec[14], 0x74);
	CHECK_EQ(sec[15], 1);
	CHECK(!memcmp(sec + 16, data, sizeof(data)));
	edc = sec[2064] | sec[2065] << 8 | sec[2066] << 16 | (u32)sec[2067] << 24;
	CHECK_EQ(edc, edc_bitwise(sec, 2064));
	for (i = 2068; i < 2076; i++)
		CHECK_EQ(sec[i], 0);
	CHECK_EQ(dl_mode1_check(sec, 4349), DL_SECTOR_OK);

	fill(sec, 0, 0);
	dl_mode1_encode(sec, 0);
	CHECK_EQ(sec[12], 0x00);
	CHECK_EQ(sec[13], 0x02);
	CHECK_EQ(sec[14], 0x00);
}

/* GF(2^8), x^8+x^4+x^3+x^2+1, by shift and add: no tables. */
static u8 gf_mul_slow(u8 a, u8 b)
{
	unsigned int r = 0, x = a;

	while (b) {
		if (b & 1)
			r ^= x;
		b >>= 1;
		x <<= 1;
		if (x & 0x100)
			x ^= 0x11D;
	}
	return (u8)r;
}

/*
 * Syndromes of one codeword of length n, checked per ECMA-130 annex A:
 * sum v_i = 0 and sum alpha^(n-1-i) v_i = 0 (Horner: s = s*alpha + v_i).
 */
static int codeword_ok(const u8 *v, int n)
{
	u8 s0 = 0, s1 = 0;
	int i;

	for (i = 0; i < n; i++) {
		s0 ^= v[i];
		s1 = gf_mul_slow(s1, 2) ^ v[i];
	}
	return !s0 && !s1;
}

/* Count RSPC codewords of @sec with a non-zero syndrome. */
static int rspc_bad_codewords(const u8 *sec)
{
	const u8 *w = sec + 12;		/* 16-bit words, two planes */
	u8 v[45];
	int plane, c, r, d, i, bad = 0;

	for (plane = 0; plane < 2; plane++) {
		for (c = 0; c < 43; c++) {	/* P: word 43 r + c, r < 26 */
			for (r = 0; r < 26; r++)
				v[r] = w[2 * (43 * r + c) + plane];
			bad += !codeword_ok(v, 26);
		}
		for (d = 0; d < 26; d++) {	/* Q: diagonal, then 2 parity */
			for (i = 0; i < 43; i++)
				v[i] = w[2 * ((44 * i + 43 * d) % 1118) + plane];
			v[43] = w[2 * (1118 + d) + plane];
			v[44] = w[2 * (1118 + 26 + d) + plane];
			bad += !codeword_ok(v, 45);
		}
	}
	return bad;
}

TEST(ecc_syndromes_independent)
{
	u8 sec[DL_CD_RAW_SIZE];
	u32 lbas[] = { 0, 16, 150, 4349, 123456, DL_CD_MAX_LBA, (u32)-151 };
	unsigned int i;
	int p;

	init();
	for (p = 0; p < 4; p++) {
		for (i = 0; i < sizeof(lbas) / sizeof(lbas[0]); i++) {
			fill(sec, p, lbas[i]);
			dl_mode1_encode(sec, lbas[i]);
			CHECK_EQ(rspc_bad_codewords(sec), 0);
			CHECK_EQ(dl_mode1_check(sec, lbas[i]), DL_SECTOR_OK);
		}
	}
	sec[100] ^= 0x10;
	CHECK(rspc_bad_codewords(sec) > 0);	/* the checker itself works */
}

TEST(mode1_random_sectors_ok)
{
	u8 sec[DL_CD_RAW_SIZE];
	u32 lba;

	init();
	for (lba = 0; lba < 2000; lba += 7) {
		fill(sec, 3, lba * 37);
		dl_mode1_encode(sec, lba * 37);
		CHECK_EQ(dl_mode1_check(sec, lba * 37), DL_SECTOR_OK);
	}
}

static enum dl_sector_status expected_status(int off)
{
	if (off < 12)
		return DL_SECTOR_BAD_SYNC;
	if (off < 16)
		return DL_SECTOR_BAD_HEADER;
	if (off < 2068)
		return DL_SECTOR_BAD_EDC;
	return DL_SECTOR_BAD_ECC;
}

TEST(mode1_every_single_byte_error_detected)
{
	u8 sec[DL_CD_RAW_SIZE];
	int off, bit, wrong = 0;

	init();
	fill(sec, 3, 777);
	dl_mode1_encode(sec, 777);
	for (off = 0; off < DL_CD_RAW_SIZE; off++) {
		bit = off % 8;
		sec[off] ^= (u8)(1 << bit);
		if (dl_mode1_check(sec, 777) != expected_status(off)) {
			if (!wrong++)
				CHECK_EQ(dl_mode1_check(sec, 777),
					 expected_status(off));
		}
		sec[off] ^= (u8)(1 << bit);
	}
	CHECK_EQ(wrong, 0);
	CHECK_EQ(dl_mode1_check(sec, 777), DL_SECTOR_OK);
}

TEST(mode1_header_mismatch)
{
	u8 sec[DL_CD_RAW_SIZE];

	init();
	fill(sec, 1, 16);
	dl_mode1_encode(sec, 16);
	CHECK_EQ(dl_mode1_check(sec, 17), DL_SECTOR_BAD_HEADER);
	CHECK_EQ(dl_mode1_check(sec, 16 + 75), DL_SECTOR_BAD_HEADER);
	sec[15] = 2;
	CHECK_EQ(dl_mode1_check(sec, 16), DL_SECTOR_BAD_HEADER);
}

/* ---- fixture ------------------------------------------------------------ */

struct fixture {
	u32 lba;
	int pattern;
	const char *hex;	/* bytes 0..15 then 2064..2351: 304 bytes */
};

static const struct fixture fixtures[] = {
#include "cdframe_fixture.inc"
};

#define FIXTURE_LBAS { 0, 16, 4349, 123456, DL_CD_MAX_LBA }

static void fixture_bytes(const u8 *sec, u8 *out)
{
	memcpy(out, sec, 16);
	memcpy(out + 16, sec + 2064, DL_CD_RAW_SIZE - 2064);
}

/* Print cdframe_fixture.inc from the current encoder. */
static int print_fixture(void)
{
	static const u32 lbas[] = FIXTURE_LBAS;
	u8 sec[DL_CD_RAW_SIZE], b[304];
	unsigned int i;
	int p, j;

	init();
	printf("/*\n"
	       " * Generated by: build/plain/test_cdframe --fixture\n"
	       " * {lba, user data pattern, sector bytes 0..15 and 2064..2351}\n"
	       " * Cross-checked with chdman 0.251 (Debian mame-tools): these are\n"
	       " * the first 5 sectors test mode1_ecc_matches_chdman feeds it;\n"
	       " * run \"make run\" with chdman installed and check that test\n"
	       " * passes (not SKIP) after regenerating.\n"
	       " */\n");
	for (i = 0; i < sizeof(lbas) / sizeof(lbas[0]); i++) {
		p = (int)(i % 4);
		fill(sec, p, lbas[i]);
		dl_mode1_encode(sec, lbas[i]);
		fixture_bytes(sec, b);
		printf("{ %u, %d,\n  \"", lbas[i], p);
		for (j = 0; j < 304; j++)
			printf("%02x%s", b[j], j % 38 == 37 && j != 303 ?
			       "\"\n  \"" : "");
		printf("\" },\n");
	}
	return 0;
}

int unit_main_hook(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--fixture"))
		return print_fixture();
	return -1;
}

TEST(mode1_fixture)
{
	u8 sec[DL_CD_RAW_SIZE], b[304], want[304];
	unsigned int i;
	int j;

	init();
	CHECK_EQ(sizeof(fixtures) / sizeof(fixtures[0]), 5);
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		const struct fixture *fx = &fixtures[i];

		CHECK_EQ(strlen(fx->hex), 2 * 304);
		for (j = 0; j < 304; j++) {
			unsigned int v;

			sscanf(fx->hex + 2 * j, "%2x", &v);
			want[j] = (u8)v;
		}
		fill(sec, fx->pattern, fx->lba);
		dl_mode1_encode(sec, fx->lba);
		fixture_bytes(sec, b);
		CHECK(!memcmp(b, want, sizeof(b)));
		/* and the checker accepts the fixture's bytes as stored */
		memcpy(sec, want, 16);
		memcpy(sec + 2064, want + 16, 288);
		CHECK_EQ(dl_mode1_check(sec, fx->lba), DL_SECTOR_OK);
	}
}

/* ---- chdman cross-check ------------------------------------------------- */

static long chd_size(const char *dir, const char *name, int n,
		     void (*make)(u8 *sec, int i, int variant), int variant)
{
	char path[512], cmd[1536];
	u8 sec[DL_CD_RAW_SIZE];
	FILE *f;
	long size;
	int i;

	snprintf(path, sizeof(path), "%s/%s.bin", dir, name);
	f = fopen(path, "wb");
	if (!f)
		return -1;
	for (i = 0; i < n; i++) {
		make(sec, i, variant);
		fwrite(sec, 1, sizeof(sec), f);
	}
	fclose(f);
	snprintf(path, sizeof(path), "%s/%s.cue", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "FILE \"%s.bin\" BINARY\n  TRACK 01 MODE1/2352\n"
		"    INDEX 01 00:00:00\n", name);
	fclose(f);
	snprintf(cmd, sizeof(cmd),
		 "cd '%s' && chdman createcd -f -c cdzl -i %s.cue -o %s.chd >/dev/null 2>&1",
		 dir, name, name);
	if (system(cmd))
		return -1;
	snprintf(path, sizeof(path), "%s/%s.chd", dir, name);
	f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	return size;
}

/*
 * variant 0: as encoded; 1: one P/Q byte flipped; 2: sync and P/Q zeroed
 * (what chdman itself leaves of a sector whose ECC it verified).
 */
static void make_sector(u8 *sec, int i, int variant)
{
	static const u32 lbas[] = FIXTURE_LBAS;
	const int nfix = (int)(sizeof(lbas) / sizeof(lbas[0]));
	u32 lba = i < nfix ? lbas[i] : (u32)(i * 1009 + 3);

	fill(sec, i < nfix ? i % 4 : 3, lba);
	dl_mode1_encode(sec, lba);
	if (variant == 1)
		sec[DL_CD_ECC_P_OFFSET + (i * 13) % 276] ^= 0x40;
	if (variant == 2) {
		memset(sec, 0, 12);
		memset(sec + DL_CD_ECC_P_OFFSET, 0, 276);
	}
}

TEST(mode1_ecc_matches_chdman)
{
	char dir[256], cmd[300];
	long good, bad, stripped;
	const int n = 200;

	init();
	if (system("command -v chdman >/dev/null 2>&1"))
		SKIP("chdman not installed (Debian package mame-tools)");
	if (!unit_tmpdir(dir, sizeof(dir)))
		SKIP("mkdtemp failed");
	good = chd_size(dir, "good", n, make_sector, 0);
	bad = chd_size(dir, "bad", n, make_sector, 1);
	stripped = chd_size(dir, "stripped", n, make_sector, 2);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		printf("  (could not remove %s)\n", dir);
	CHECK(good > 0 && bad > 0 && stripped > 0);
	/* chdman verified and dropped the ECC of every sector ... */
	CHECK_EQ(good, stripped);
	/* ... and does keep ECC it cannot verify: ~276 bytes a sector. */
	CHECK(bad > good + n * 200);
}

/* ---- Q sub-channel ------------------------------------------------------ */

static u16 crc16_bitwise(const u8 *d, size_t len)
{
	u32 reg = 0;
	size_t i;
	int b;

	/* polynomial long division of the message times x^16 */
	for (i = 0; i < len + 2; i++) {
		u8 byte = i < len ? d[i] : 0;

		for (b = 7; b >= 0; b--) {
			reg = (reg << 1) | ((byte >> b) & 1);
			if (reg & 0x10000)
				reg ^= 0x11021;
		}
	}
	return (u16)reg;
}

TEST(crc16_check_value)
{
	u8 q[10];
	int i, k;

	CHECK_EQ(dl_crc16_ccitt((const u8 *)"123456789", 9), 0x31C3);
	CHECK_EQ(crc16_bitwise((const u8 *)"123456789", 9), 0x31C3);
	for (k = 0; k < 100; k++) {
		for (i = 0; i < 10; i++)
			q[i] = rnd8();
		CHECK_EQ(dl_subq_crc(q), (u16)~crc16_bitwise(q, 10));
	}
}

static void q_expect(u32 lba, u8 track, u32 start, bool data,
		     const u8 *want12, u8 pbyte)
{
	u8 q[DL_CD_SUBQ_SIZE], raw[DL_CD_SUB_RAW_SIZE], deint[12];
	u16 crc = (u16)~crc16_bitwise(want12, 10);
	int i;

	memset(q, 0xEE, sizeof(q));
	dl_subq_position(q, lba, track, start, data);
	CHECK(!memcmp(q, want12, 10));
	CHECK_EQ(q[10], crc >> 8);
	CHECK_EQ(q[11], crc & 0xFF);
	CHECK_EQ(q[12] | q[13] | q[14], 0);
	CHECK_EQ(q[15], pbyte);

	dl_sub_raw(raw, lba, track, start, data);
	memset(deint, 0, sizeof(deint));
	for (i = 0; i < 96; i++) {
		if (raw[i] & 0x40)
			deint[i / 8] |= (u8)(0x80 >> (i % 8));
		CHECK_EQ(raw[i] & 0x80, pbyte & 0x80);
		CHECK_EQ(raw[i] & 0x3F, 0);	/* R-W */
	}
	CHECK(!memcmp(deint, q, 12));
}

TEST(subq_position_and_raw)
{
	/* data track 1 from LBA 0: 41 01 01 | 00:00:00 | 00 | 00:02:00 */
	static const u8 a[10] = { 0x41, 0x01, 0x01, 0, 0, 0, 0, 0x00, 0x02, 0x00 };
	/* pregap, LBA -1: index 0, relative 00:00:01 counting down */
	static const u8 b[10] = { 0x41, 0x01, 0x00, 0, 0, 1, 0, 0x00, 0x01, 0x74 };
	/* audio track 12 from LBA 20000, at LBA 24516 (+01:00:16) */
	static const u8 c[10] = { 0x01, 0x12, 0x01, 0x01, 0x00, 0x16, 0,
				  0x05, 0x28, 0x66 };

	q_expect(0, 1, 0, true, a, 0x00);
	q_expect((u32)-1, 1, 0, true, b, 0x80);
	q_expect(24516, 12, 20000, false, c, 0x00);
}
