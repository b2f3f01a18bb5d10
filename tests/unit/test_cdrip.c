// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for userspace/lib/cdrip.c: redump's file names, the cue sheet of a
 * layout (parsed back by the project's cue parser, which must give the same
 * tracks, indexes, flags, ISRCs and sessions), and the sub-channel
 * deinterleave (against common/cdframe.c's interleave, and a hand-made
 * sector).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../common/cdframe.h"
#include "cdrip.h"
#include "layout.h"
#include "unit.h"

static void fill(struct dl_cd *cd, int n)
{
	int i;

	memset(cd, 0, sizeof(*cd));
	cd->nr_tracks = n;
	cd->nr_sessions = 1;
	for (i = 0; i < n; i++) {
		cd->t[i].number = i + 1;
		cd->t[i].session = 1;
		cd->t[i].start = cd->t[i].pregap = cd->t[i].file_start = i * 1000;
		cd->t[i].end = (i + 1) * 1000;
	}
	cd->leadout[1] = n * 1000;
}

TEST(file_names_as_redump)
{
	struct dl_cd cd;
	char *s;

	fill(&cd, 1);
	s = dl_cd_track_file(&cd, "dir/Game.cue", 0, false);
	CHECK(!strcmp(s, "dir/Game.bin"));
	free(s);
	fill(&cd, 9);
	s = dl_cd_track_file(&cd, "dir/Game.cue", 8, true);
	CHECK(!strcmp(s, "Game (Track 9).bin"));
	free(s);
	fill(&cd, 12);
	s = dl_cd_track_file(&cd, "dir/Game.CUE", 2, false);
	CHECK(!strcmp(s, "dir/Game (Track 03).bin"));
	free(s);
}

TEST(cue_sheet_text)
{
	static const char want[] =
		"CATALOG 0724384260924\n"
		"TITLE \"A 'quoted' disc\"\n"
		"REM SESSION 01\n"
		"FILE \"x (Track 1).bin\" BINARY\n"
		"  TRACK 01 MODE1/2352\n"
		"    INDEX 01 00:00:00\n"
		"FILE \"x (Track 2).bin\" BINARY\n"
		"  TRACK 02 AUDIO\n"
		"    FLAGS DCP 4CH PRE\n"
		"    ISRC ZZDLT2600002\n"
		"    INDEX 00 00:00:00\n"
		"    INDEX 01 00:02:00\n"
		"    INDEX 02 00:04:00\n"
		"REM SESSION 02\n"
		"FILE \"x (Track 3).bin\" BINARY\n"
		"  TRACK 03 MODE2/2352\n"
		"    INDEX 01 00:00:00\n";
	struct dl_cd cd;
	char buf[2048];
	FILE *f;
	size_t n;

	fill(&cd, 3);
	strcpy(cd.mcn, "0724384260924");
	cd.title = strdup("A \"quoted\" disc");
	cd.nr_sessions = 2;
	cd.t[0].control = 4;
	cd.t[0].mode = 1;
	cd.t[0].end = 850;
	cd.t[1].control = 0x0b;
	cd.t[1].pregap = cd.t[1].file_start = 850;
	cd.t[1].start = 1000;
	cd.t[1].idx[cd.t[1].nr_idx++] = 1150;
	strcpy(cd.t[1].isrc, "ZZDLT2600002");
	cd.t[2].session = 2;
	cd.t[2].control = 4;
	cd.t[2].mode = 2;
	cd.t[2].start = cd.t[2].pregap = cd.t[2].file_start = 13000;
	cd.t[2].end = 14000;
	f = fmemopen(buf, sizeof(buf), "w");
	CHECK_EQ(dl_cd_write_cue(&cd, "out/x.cue", f), 0);
	n = (size_t)ftell(f);
	fclose(f);
	buf[n < sizeof(buf) ? n : sizeof(buf) - 1] = 0;
	if (strcmp(buf, want))
		fprintf(stderr, "got:\n%s", buf);
	CHECK(!strcmp(buf, want));
	dl_cd_free(&cd);
}

/* Deinterleaving undoes common/cdframe.c's interleave, bit for bit. */
TEST(sub_deinterleave_round_trip)
{
	uint8_t lin[96], raw[96], back[96];
	unsigned int i;

	for (i = 0; i < 96; i++)
		lin[i] = (uint8_t)(i * 37 + 11);
	dl_sub_linear_to_raw(raw, lin);
	dl_sub_deinterleave(back, raw);
	CHECK(!memcmp(lin, back, 96));
	/* by hand: only the P bit of raw byte 9 set -> P channel byte 1, bit 6 */
	memset(raw, 0, sizeof(raw));
	raw[9] = 0x80;
	dl_sub_deinterleave(back, raw);
	CHECK_EQ(back[1], 0x40);
	for (i = 0; i < 96; i++)
		if (i != 1)
			CHECK_EQ(back[i], 0);
	/* the W bit of raw byte 95 -> W channel byte 11, bit 0 */
	memset(raw, 0, sizeof(raw));
	raw[95] = 0x01;
	dl_sub_deinterleave(back, raw);
	CHECK_EQ(back[7 * 12 + 11], 0x01);
}
