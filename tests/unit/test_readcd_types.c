// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for common/readcd.c, dl_readcd_layout_type(): what READ CD
 * returns per sector type, and which selections are illegal.
 *
 * The table below is written out by hand from MMC's "Number of Bytes
 * Returned Based on Data Selection Field" and the sector layouts of
 * ECMA-130 and CD-ROM XA (sync 12, header 4, sub-header 8 in both XA
 * forms; user data 2048 Mode 1, 2336 Mode 2 formless, 2048 Form 1, 2328
 * Form 2 with its spare EDC bytes; EDC/ECC 288 Mode 1, 280 Form 1, none
 * otherwise). -1: an illegal combination (a field the sector has is
 * skipped between two selected ones), answered with 05/24/00.
 */
#include "../../common/readcd.h"
#include "unit.h"

#define X (-1)

/* By byte 9 bits 7-3 (main >> 3), for Mode 1, Mode 2, Form 1, Form 2. */
static const int mmc_table[32][4] = {
	/* 00 */ { 0, 0, 0, 0 },	/* 08 */ { 288, 0, 280, 0 },
	/* 10 */ { 2048, 2336, 2048, 2328 },	/* 18 */ { 2336, 2336, 2328, 2328 },
	/* 20 */ { 4, 4, 4, 4 },	/* 28 */ { X, 4, X, 4 },
	/* 30 */ { 2052, 2340, X, X },	/* 38 */ { 2340, 2340, X, X },
	/* 40 */ { 0, 0, 8, 8 },	/* 48 */ { 288, 0, X, 8 },
	/* 50 */ { 2048, 2336, 2056, 2336 },	/* 58 */ { 2336, 2336, 2336, 2336 },
	/* 60 */ { 4, 4, 12, 12 },	/* 68 */ { X, 4, X, 12 },
	/* 70 */ { 2052, 2340, 2060, 2340 },	/* 78 */ { 2340, 2340, 2340, 2340 },
	/* 80 */ { 12, 12, 12, 12 },	/* 88 */ { X, 12, X, 12 },
	/* 90 */ { X, X, X, X },	/* 98 */ { X, X, X, X },
	/* a0 */ { 16, 16, 16, 16 },	/* a8 */ { X, 16, X, 16 },
	/* b0 */ { 2064, 2352, X, X },	/* b8 */ { 2352, 2352, X, X },
	/* c0 */ { 12, 12, X, X },	/* c8 */ { X, 12, X, X },
	/* d0 */ { X, X, X, X },	/* d8 */ { X, X, X, X },
	/* e0 */ { 16, 16, 24, 24 },	/* e8 */ { X, 16, X, 24 },
	/* f0 */ { 2064, 2352, 2072, 2352 },	/* f8 */ { 2352, 2352, 2352, 2352 },
};

static const u32 c2_bytes[] = { 0, 294, 296 };
static const u32 sub_bytes[] = { 0, 96, 16 };

TEST(readcd_type_matrix)
{
	struct dl_readcd_layout l;
	unsigned int i, t, c, s;

	for (i = 0; i < 32; i++)
		for (t = 0; t < 4; t++)
			for (c = 0; c < 3; c++)
				for (s = 0; s < 3; s++) {
					u8 main = (u8)(i << 3 | c << 1);
					int want = mmc_table[i][t];
					bool ok = dl_readcd_layout_type(main, (u8)s,
							DL_SECTOR_MODE1 + t, &l);

					CHECK_EQ(ok, want != X);
					if (ok && want != X)
						CHECK_EQ(l.size, want + c2_bytes[c] +
							 sub_bytes[s]);
				}
}

/* CD-DA: user data selected means the whole 2352 bytes, whatever else. */
TEST(readcd_type_cdda)
{
	struct dl_readcd_layout l;
	unsigned int i;

	for (i = 0; i < 32; i++) {
		CHECK(dl_readcd_layout_type((u8)(i << 3), 0, DL_SECTOR_CDDA, &l));
		CHECK_EQ(l.size, (i << 3) & 0x10 ? 2352 : 0);
		if (l.size) {
			CHECK_EQ(l.nr, 1);
			CHECK_EQ(l.field[0].offset, 0);
		}
	}
	CHECK(dl_readcd_layout_type(0xfa, 1, DL_SECTOR_CDDA, &l));
	CHECK_EQ(l.size, 2352 + 294 + 96);
}

/* Where the bytes come from, for the selections the kernel's sr sends. */
TEST(readcd_type_offsets)
{
	struct dl_readcd_layout l;

	CHECK(dl_readcd_layout_type(0x10, 0, DL_SECTOR_FORM1, &l));
	CHECK_EQ(l.field[0].offset, 24);
	CHECK(dl_readcd_layout_type(0x58, 0, DL_SECTOR_FORM2, &l));
	CHECK_EQ(l.nr, 1);
	CHECK_EQ(l.field[0].offset, 16);
	CHECK_EQ(l.field[0].len, 2336);
	CHECK(dl_readcd_layout_type(0x78, 0, DL_SECTOR_FORM1, &l));
	CHECK_EQ(l.field[0].offset, 12);
	CHECK_EQ(l.size, 2340);
	CHECK(dl_readcd_layout_type(0x10, 0, DL_SECTOR_MODE2, &l));
	CHECK_EQ(l.field[0].offset, 16);
}

/* Reserved bits, the reserved C2 code, R-W and bad types are refused. */
TEST(readcd_type_refused)
{
	struct dl_readcd_layout l;

	CHECK(!dl_readcd_layout_type(0x11, 0, DL_SECTOR_MODE1, &l));
	CHECK(!dl_readcd_layout_type(0x16, 0, DL_SECTOR_MODE1, &l));
	CHECK(!dl_readcd_layout_type(0x10, 4, DL_SECTOR_MODE1, &l));
	CHECK(!dl_readcd_layout_type(0x10, 3, DL_SECTOR_FORM2, &l));
	CHECK(!dl_readcd_layout_type(0x10, 0, 0, &l));
	CHECK(!dl_readcd_layout_type(0x10, 0, 6, &l));
}
