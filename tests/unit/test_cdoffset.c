// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for userspace/lib/cdoffset.c: the read offset arithmetic (what to
 * read, how the shifted sectors are cut out, zero fill where the drive
 * would not overread) and the combined offset found from a data sector
 * read as audio.
 *
 * The scrambled sectors come from offset_fixture.inc: framed by
 * tests/vm/cdencode.py and scrambled by mkoffsetfixture.py, independently
 * of the code under test. The drive model here is the definition of the
 * sign: a drive with offset +N returns at stream position q the disc's
 * sample q - N.
 */
#include <stdlib.h>
#include <string.h>
#include "../../common/cdframe.h"
#include "cdoffset.h"
#include "unit.h"
#include "offset_fixture.inc"

static void unhex(const char *h, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned int v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
}

/* Audio whose sample at absolute position k is k (32 bits). */
static uint32_t disc_sample(int64_t k)
{
	return (uint32_t)k;
}

/* What a drive with @offset returns for its sectors [first, first + n). */
static void drive_read(int32_t first, uint32_t n, int offset, uint8_t *out)
{
	uint32_t i;

	for (i = 0; i < n * 588; i++) {
		uint32_t v = disc_sample((int64_t)first * 588 + i - offset);

		memcpy(out + (size_t)i * 4, &v, 4);
	}
}

TEST(span_positive_negative_zero)
{
	int32_t first;
	uint32_t count, skip;

	dl_offset_span(100, 10, 0, &first, &count, &skip);
	CHECK_EQ(first, 100);
	CHECK_EQ(count, 10);
	CHECK_EQ(skip, 0);
	dl_offset_span(100, 10, 6, &first, &count, &skip);
	CHECK_EQ(first, 100);
	CHECK_EQ(count, 11);
	CHECK_EQ(skip, 24);
	dl_offset_span(100, 10, -6, &first, &count, &skip);
	CHECK_EQ(first, 99);
	CHECK_EQ(count, 11);
	CHECK_EQ(skip, 2352 - 24);
	dl_offset_span(100, 1, 588, &first, &count, &skip);	/* a whole sector */
	CHECK_EQ(first, 101);
	CHECK_EQ(count, 1);
	CHECK_EQ(skip, 0);
	dl_offset_span(0, 2, -1176, &first, &count, &skip);	/* into the pregap */
	CHECK_EQ(first, -2);
	CHECK_EQ(count, 2);
	CHECK_EQ(skip, 0);
	dl_offset_span(0, 1, -1, &first, &count, &skip);
	CHECK_EQ(first, -1);
	CHECK_EQ(count, 2);
	CHECK_EQ(skip, 2348);
}

/* Corrected sectors equal the disc's, for offsets of every kind. */
TEST(apply_gives_the_disc)
{
	static const int offsets[] = { 0, 6, -6, 48, 102, 667, -472, 588, -588, 1200, -1777 };
	uint8_t *raw = malloc(20 * 2352), *out = malloc(8 * 2352);
	size_t k, i;

	for (k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
		int off = offsets[k];
		int32_t first;
		uint32_t count, skip;

		dl_offset_span(500, 8, off, &first, &count, &skip);
		CHECK(count <= 20);
		drive_read(first, count, off, raw);
		CHECK_EQ(dl_offset_apply(raw, first, count, 500, 8, off, out), 0);
		for (i = 0; i < 8 * 588; i++) {
			uint32_t v;

			memcpy(&v, out + i * 4, 4);
			if (v != disc_sample(500 * 588 + (int64_t)i)) {
				CHECK_EQ(v, disc_sample(500 * 588 + (int64_t)i));
				break;
			}
		}
	}
	free(raw);
	free(out);
}

/* A drive that will not read past the last sector: zeros, counted. */
TEST(apply_zero_fills_what_was_not_read)
{
	uint8_t raw[3 * 2352], out[3 * 2352];
	uint32_t v;
	size_t i;

	/* +10 samples: the last 40 bytes would come from sector 103 */
	drive_read(100, 3, 10, raw);
	CHECK_EQ(dl_offset_apply(raw, 100, 3, 100, 3, 10, out), 40);
	for (i = 0; i < 3 * 2352 - 40; i += 4) {
		memcpy(&v, out + i, 4);
		CHECK_EQ(v, disc_sample(100 * 588 + (int64_t)i / 4));
		if (v != disc_sample(100 * 588 + (int64_t)i / 4))
			break;
	}
	for (; i < sizeof(out); i++)
		CHECK_EQ(out[i], 0);
	/* -3 samples, nothing before sector 100: 12 zero bytes first */
	drive_read(100, 3, -3, raw);
	CHECK_EQ(dl_offset_apply(raw, 100, 3, 100, 3, -3, out), 12);
	for (i = 0; i < 12; i++)
		CHECK_EQ(out[i], 0);
	memcpy(&v, out + 12, 4);
	CHECK_EQ(v, disc_sample(100 * 588 + 3));
}

TEST(scrambler_matches_independent_table)
{
	uint8_t want[64];
	unsigned int i;

	unhex(fx_scrambler64, want, sizeof(want));
	for (i = 0; i < sizeof(want); i++)
		CHECK_EQ(dl_scrambler_byte(i), want[i]);
}

TEST(descrambled_fixture_passes_mode1_check)
{
	uint8_t *disc = malloc(FX_COUNT * 2352);
	int i;

	dl_cdframe_init();
	unhex(fx_disc, disc, FX_COUNT * 2352);
	for (i = 0; i < FX_COUNT; i++) {
		uint8_t sec[2352];

		memcpy(sec, disc + i * 2352, 2352);
		CHECK(dl_mode1_check(sec, FX_FIRST + i) != DL_SECTOR_OK);	/* scrambled */
		dl_scramble(sec);
		CHECK_EQ(dl_mode1_check(sec, FX_FIRST + i), DL_SECTOR_OK);
	}
	free(disc);
}

/*
 * A drive with combined offset N reads sector x as the disc's bytes
 * [x * 2352 - 4N, ...): detection reads 2 sectors from 999 and must say N.
 */
TEST(detect_finds_the_combined_offset)
{
	static const int offsets[] = { 0, 6, -6, 30, 667, -472, 587, -587, 1000, -1100 };
	uint8_t *disc = malloc(FX_COUNT * 2352), buf[2 * 2352];
	size_t k;

	unhex(fx_disc, disc, FX_COUNT * 2352);
	for (k = 0; k < sizeof(offsets) / sizeof(offsets[0]); k++) {
		int n = offsets[k], got = 12345;
		int64_t at = (int64_t)(999 - FX_FIRST) * 2352 - 4 * n;
		int32_t found = -1;

		CHECK(at >= 0 && at + (int64_t)sizeof(buf) <= FX_COUNT * 2352);
		if (at < 0 || at + (int64_t)sizeof(buf) > FX_COUNT * 2352)
			continue;
		memcpy(buf, disc + at, sizeof(buf));
		CHECK(dl_offset_detect(buf, sizeof(buf), 999, true, &got, &found));
		CHECK_EQ(got, n);
		CHECK(found >= FX_FIRST && found < FX_FIRST + FX_COUNT);
	}
	/* already descrambled by the drive: found only when told so */
	{
		uint8_t sec[2352];
		int got = 0;
		int32_t found;

		memcpy(sec, disc + (999 - FX_FIRST) * 2352, 2352);
		dl_scramble(sec);
		CHECK(dl_offset_detect(sec, sizeof(sec), 999, false, &got, &found));
		CHECK_EQ(got, 0);
		CHECK_EQ(found, 999);
		CHECK(!dl_offset_detect(sec, sizeof(sec), 999, true, &got, &found));
	}
	free(disc);
}

/* Audio has no sync pattern: nothing found. */
TEST(detect_finds_nothing_in_audio)
{
	uint8_t buf[2 * 2352];
	int got;
	int32_t found;

	drive_read(300, 2, 0, buf);
	CHECK(!dl_offset_detect(buf, sizeof(buf), 300, true, &got, &found));
}
