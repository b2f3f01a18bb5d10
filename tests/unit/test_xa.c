// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for common/cdframe.c: Mode 2 (formless, XA Form 1 and Form 2)
 * framing and the Q frames of ADR 2 (MCN) and 3 (ISRC).
 *
 * Expected sectors and frames come from xa_fixture.inc, which
 * mkxafixture.py computes with tests/vm/cdencode.py, an encoder written
 * independently of common/cdframe.c (ECMA-130, CD-ROM XA).
 */
#include <stdlib.h>
#include "../../common/cdframe.h"
#include "unit.h"
#include "xa_fixture.inc"

static void unhex(const char *h, u8 *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned int v;

		sscanf(h + 2 * i, "%2x", &v);
		out[i] = (u8)v;
	}
}

TEST(xa_form1_matches_independent_encoder)
{
	u8 want[2352], sec[2352];
	enum dl_sector_type type;
	unsigned int i;

	dl_cdframe_init();
	unhex(xa_form1_1234, want, sizeof(want));
	memset(sec, 0xee, sizeof(sec));
	dl_xa_subheader(sec + DL_XA_SUBHEADER_OFFSET, false);
	for (i = 0; i < 2048; i++)
		sec[DL_XA_DATA_OFFSET + i] = (u8)(i * 7 + 3);
	CHECK_EQ(dl_xa_encode(sec, 1234), DL_SECTOR_FORM1);
	CHECK(!memcmp(sec, want, sizeof(sec)));
	CHECK_EQ(dl_xa_check(sec, 1234, &type), DL_SECTOR_OK);
	CHECK_EQ(type, DL_SECTOR_FORM1);
	sec[100] ^= 1;
	CHECK_EQ(dl_xa_check(sec, 1234, &type), DL_SECTOR_BAD_EDC);
	sec[100] ^= 1;
	sec[2300] ^= 1;
	CHECK_EQ(dl_xa_check(sec, 1234, &type), DL_SECTOR_BAD_ECC);
	sec[2300] ^= 1;
	CHECK_EQ(dl_xa_check(sec, 1235, &type), DL_SECTOR_BAD_HEADER);
}

TEST(xa_form2_matches_independent_encoder)
{
	u8 want[2352], sec[2352];
	enum dl_sector_type type;
	unsigned int i;

	dl_cdframe_init();
	unhex(xa_form2_4321, want, sizeof(want));
	memset(sec, 0xee, sizeof(sec));
	dl_xa_subheader(sec + DL_XA_SUBHEADER_OFFSET, true);
	for (i = 0; i < 2324; i++)
		sec[DL_XA_DATA_OFFSET + i] = (u8)(i * 13 + 1);
	CHECK_EQ(dl_xa_encode(sec, 4321), DL_SECTOR_FORM2);
	CHECK(!memcmp(sec, want, sizeof(sec)));
	CHECK_EQ(dl_xa_check(sec, 4321, &type), DL_SECTOR_OK);
	CHECK_EQ(type, DL_SECTOR_FORM2);
	/* a Form 2 EDC of zero means "not computed" */
	memset(sec + DL_XA_FORM2_EDC_OFFSET, 0, 4);
	CHECK_EQ(dl_xa_check(sec, 4321, &type), DL_SECTOR_OK);
	sec[DL_XA_FORM2_EDC_OFFSET] = 1;
	CHECK_EQ(dl_xa_check(sec, 4321, &type), DL_SECTOR_BAD_EDC);
}

TEST(mode2_formless_header)
{
	u8 sec[2352];

	memset(sec, 0x5a, sizeof(sec));
	dl_mode2_encode(sec, 0);
	CHECK_EQ(sec[0], 0);
	CHECK_EQ(sec[11], 0);
	CHECK_EQ(sec[12], 0x00);
	CHECK_EQ(sec[13], 0x02);
	CHECK_EQ(sec[14], 0x00);
	CHECK_EQ(sec[15], 2);
	CHECK_EQ(sec[16], 0x5a);
	CHECK_EQ(sec[2351], 0x5a);
}

TEST(q_adr2_adr3_match)
{
	u8 want[12], q[12];

	unhex(q_adr2, want, 12);
	dl_subq_adr2(q, 0, "0123456789012", 1000);
	CHECK(!memcmp(q, want, 12));
	unhex(q_adr3, want, 12);
	dl_subq_adr3(q, 2, "USABC2600001", 2000);
	CHECK(!memcmp(q, want, 12));
}

/* ADR 1 in a pregap: index 0, relative time counting down, P set. */
TEST(q_pregap_counts_down)
{
	struct dl_qpos pos = { .lba = 140, .start = 150, .track = 2,
			       .index = 0, .control = 0 };
	u8 q[12], f[16], raw[96], back[12];

	dl_subq_adr1(q, &pos);
	CHECK_EQ(q[0], 0x01);
	CHECK_EQ(q[1], 0x02);
	CHECK_EQ(q[2], 0x00);
	CHECK_EQ(q[5], 0x10);	/* 10 frames to go */
	pos.lba = 151;
	pos.index = 1;
	dl_subq_adr1(q, &pos);
	CHECK_EQ(q[5], 0x01);
	dl_subq_format(f, q, true);
	CHECK_EQ(f[15], 0x80);
	dl_sub_interleave(raw, q, true);
	CHECK(dl_sub_raw_q(back, raw));
	CHECK(!memcmp(back, q, 12));
}

/* Every 100 frames: one MCN (at 25), one ISRC (at 50, audio only). */
TEST(q_mcn_isrc_placement)
{
	struct dl_qpos pos = { .start = 0, .track = 1, .index = 1 };
	unsigned int adr[4] = { 0 };
	u8 q[12];
	s32 lba;

	for (lba = 0; lba < 1000; lba++) {
		pos.lba = lba;
		dl_subq_for(q, &pos, "0123456789012", "USABC2600001");
		adr[q[0] & 3]++;
	}
	CHECK_EQ(adr[2], 10);
	CHECK_EQ(adr[3], 10);
	CHECK_EQ(adr[1], 980);
	pos.control = 4;	/* a data track has no ISRC frames */
	pos.lba = 50 - 150 + 100;
	dl_subq_for(q, &pos, NULL, "USABC2600001");
	CHECK_EQ(q[0] & 0x0f, 1);
}

/* CloneCD's linear P-W: 12 bytes per channel, interleaved for READ CD. */
TEST(sub_linear_to_raw)
{
	u8 lin[96], raw[96];
	unsigned int i;

	memset(lin, 0, sizeof(lin));
	memset(lin, 0xff, 12);		/* P all ones */
	lin[12] = 0x80;			/* first Q bit */
	lin[95] = 0x01;			/* last W bit */
	dl_sub_linear_to_raw(raw, lin);
	for (i = 0; i < 96; i++)
		CHECK_EQ(raw[i] & 0x80, 0x80);
	CHECK_EQ(raw[0], 0xc0);
	CHECK_EQ(raw[95], 0x81);
}
