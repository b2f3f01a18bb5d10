// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for common/readcd.c: the per-sector layout of a READ CD selection
 * on a Mode 1 track.
 *
 * Expected values are MMC's table of bytes returned per data selection
 * for a Mode 1 sector, written out here (with the sync-only selections
 * that MMC calls illegal and discloop serves all the same), and the
 * ECMA-130 Mode 1 sector: sync 0-11, header 12-15, user data 16-2063,
 * EDC, zero area and P/Q parity 2064-2351.
 */
#include "../../common/readcd.h"
#include "unit.h"

/* MMC: bytes returned per Mode 1 sector, by byte 9 bits 7-3. */
static const struct {
	u8 main;
	u32 bytes;
} mmc_mode1[] = {
	{ 0x00, 0 },	{ 0x08, 288 },	{ 0x10, 2048 },	{ 0x18, 2336 },
	{ 0x20, 4 },	{ 0x28, 292 },	{ 0x30, 2052 },	{ 0x38, 2340 },
	{ 0x40, 0 },	{ 0x48, 288 },	{ 0x50, 2048 },	{ 0x58, 2336 },
	{ 0x60, 4 },	{ 0x68, 292 },	{ 0x70, 2052 },	{ 0x78, 2340 },
	{ 0x80, 12 },	{ 0x88, 300 },	{ 0x90, 2060 },	{ 0x98, 2348 },
	{ 0xa0, 16 },	{ 0xa8, 304 },	{ 0xb0, 2064 },	{ 0xb8, 2352 },
	{ 0xc0, 12 },	{ 0xc8, 300 },	{ 0xd0, 2060 },	{ 0xd8, 2348 },
	{ 0xe0, 16 },	{ 0xe8, 304 },	{ 0xf0, 2064 },	{ 0xf8, 2352 },
};

/* Error field 00b, 01b (C2 pointers), 10b (C2 and block error byte). */
static const u32 mmc_c2[] = { 0, 294, 296 };
/* Sub-channel 000b, 001b (raw P-W), 010b (formatted Q). */
static const u32 mmc_sub[] = { 0, 96, 16 };

TEST(readcd_sizes_match_mmc)
{
	struct dl_readcd_layout l;
	unsigned int i, c, s;

	for (i = 0; i < sizeof(mmc_mode1) / sizeof(mmc_mode1[0]); i++)
		for (c = 0; c < 3; c++)
			for (s = 0; s < 3; s++) {
				u8 main = mmc_mode1[i].main | (u8)(c << 1);

				CHECK(dl_readcd_layout(main, (u8)s, &l));
				CHECK_EQ(l.size, mmc_mode1[i].bytes +
					 mmc_c2[c] + mmc_sub[s]);
			}
}

TEST(readcd_refused)
{
	struct dl_readcd_layout l;
	unsigned int main, sub;

	for (main = 0; main < 256; main++)
		for (sub = 0; sub < 256; sub++) {
			bool ok = !(main & 0x01) && (main & 0x06) != 0x06 &&
				  (sub & 7) <= 2;

			CHECK_EQ(dl_readcd_layout((u8)main, (u8)sub, &l), ok);
		}
}

/* Every layout: fields add up, stay inside their source, keep MMC's order. */
TEST(readcd_fields_consistent)
{
	struct dl_readcd_layout l;
	unsigned int main, sub, i, sum, end;

	for (main = 0; main < 256; main++)
		for (sub = 0; sub < 3; sub++) {
			if (!dl_readcd_layout((u8)main, (u8)sub, &l))
				continue;
			sum = 0;
			end = 0;
			CHECK(l.nr <= DL_RC_MAX_FIELDS);
			CHECK(l.size <= DL_RC_MAX_SIZE);
			for (i = 0; i < l.nr; i++) {
				const struct dl_rc_field *f = &l.field[i];

				sum += f->len;
				CHECK(f->len > 0);
				if (f->source != DL_RC_FROM_SECTOR)
					continue;
				CHECK(i == 0 || f->offset > end);
				CHECK(f->offset + f->len <= 2352);
				end = f->offset + f->len;
			}
			CHECK_EQ(sum, l.size);
		}
}

static void field(const struct dl_readcd_layout *l, unsigned int i, u8 source,
		  u16 offset, u16 len)
{
	CHECK(i < l->nr);
	if (i >= l->nr)
		return;
	CHECK_EQ(l->field[i].source, source);
	CHECK_EQ(l->field[i].offset, offset);
	CHECK_EQ(l->field[i].len, len);
}

TEST(readcd_layouts)
{
	struct dl_readcd_layout l;

	/* The whole sector: one copy of bytes 0-2351. */
	CHECK(dl_readcd_layout(0xf8, 0, &l));
	CHECK_EQ(l.nr, 1);
	field(&l, 0, DL_RC_FROM_SECTOR, 0, 2352);

	/* User data only. */
	CHECK(dl_readcd_layout(0x10, 0, &l));
	CHECK_EQ(l.nr, 1);
	field(&l, 0, DL_RC_FROM_SECTOR, 16, 2048);

	/* Sync and user data: the header is skipped. */
	CHECK(dl_readcd_layout(0x90, 0, &l));
	CHECK_EQ(l.nr, 2);
	field(&l, 0, DL_RC_FROM_SECTOR, 0, 12);
	field(&l, 1, DL_RC_FROM_SECTOR, 16, 2048);

	/* Header and EDC/ECC: user data is skipped. */
	CHECK(dl_readcd_layout(0x28, 0, &l));
	CHECK_EQ(l.nr, 2);
	field(&l, 0, DL_RC_FROM_SECTOR, 12, 4);
	field(&l, 1, DL_RC_FROM_SECTOR, 2064, 288);

	/* Sub-header only: nothing in Mode 1. */
	CHECK(dl_readcd_layout(0x40, 0, &l));
	CHECK_EQ(l.nr, 0);
	CHECK_EQ(l.size, 0);

	/* User data, C2 pointers, Q; other bits of byte 10 are ignored. */
	CHECK(dl_readcd_layout(0x12, 0xf2, &l));
	CHECK_EQ(l.nr, 3);
	field(&l, 0, DL_RC_FROM_SECTOR, 16, 2048);
	field(&l, 1, DL_RC_FROM_C2, 0, 294);
	field(&l, 2, DL_RC_FROM_SUB_Q, 0, 16);
	CHECK_EQ(l.size, 2048 + 294 + 16);

	/* Everything: 2352 + 296 + 96, the largest. */
	CHECK(dl_readcd_layout(0xfc, 1, &l));
	CHECK_EQ(l.nr, 3);
	field(&l, 0, DL_RC_FROM_SECTOR, 0, 2352);
	field(&l, 1, DL_RC_FROM_C2, 0, 296);
	field(&l, 2, DL_RC_FROM_SUB_RAW, 0, 96);
	CHECK_EQ(l.size, 2744);
	CHECK_EQ(DL_RC_MAX_SIZE, 2744);
}
