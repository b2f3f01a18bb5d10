// SPDX-License-Identifier: GPL-2.0
/*
 * cdrdao TOC files into CD layouts. The expected LBAs are those cdrdao
 * 1.2.4's show-toc printed for the same files (noted at each check).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "layout.h"
#include "errmsg.h"

static char dir[256];

static void mkfile(const char *name, unsigned long long bytes)
{
	char p[512];
	int fd;

	if (!dir[0])
		CHECK(unit_tmpdir(dir, sizeof(dir)) != NULL);
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, (off_t)bytes) == 0);
	close(fd);
}

static int parse(struct dl_layout *l, const char *toc)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/x.toc", dir);
	f = fopen(p, "w");
	CHECK(f != NULL);
	fputs(toc, f);
	fclose(f);
	return dl_layout_load(p, l, NULL, NULL);
}

static const char *why(void)
{
	const char *m = dl_errmsg(), *s = strstr(m, "x.toc");

	return s ? s : m;
}

TEST(toc_mixed_mode_as_cdrdao_reads_it)
{
	struct dl_layout l;
	char s[64];

	mkfile("d.iso", 1000ULL * 2048);
	mkfile("a.raw", 800ULL * 2352);
	CHECK_EQ(parse(&l,
		"CD_ROM\n"
		"CATALOG \"0123456789012\"\n"
		"CD_TEXT {\n  LANGUAGE_MAP { 0 : EN }\n"
		"  LANGUAGE 0 { TITLE \"Disc\" PERFORMER \"Band\" GENRE { 0, 1 } }\n"
		"  LANGUAGE 1 { TITLE \"Other language\" }\n}\n"
		"// data\n"
		"TRACK MODE1\nDATAFILE \"d.iso\"\nZERO 00:02:00\n"
		"TRACK AUDIO\nCOPY\nPRE_EMPHASIS\nISRC \"USABC2400001\"\n"
		"CD_TEXT { LANGUAGE 0 { TITLE \"Song\" } }\n"
		"SILENCE 00:01:00\nFILE \"a.raw\" 0 00:05:00\nSTART 00:02:00\nINDEX 00:02:00\n"
		"TRACK AUDIO\nNO COPY\nFILE \"a.raw\" 00:05:00 // the rest\n"), 0);
	CHECK_EQ(l.nr_tracks, 3);
	CHECK_EQ(l.nr_files, 2);
	CHECK(!strcmp(l.mcn, "0123456789012"));
	/* cdrdao: track 1 START 0 END 1150 (1000 + ZERO 150) */
	CHECK_EQ(l.tracks[0].t.start, 0);
	CHECK_EQ(l.tracks[0].t.length, 1000);
	CHECK_EQ(l.tracks[0].t.postgap, 150);
	CHECK_EQ(l.tracks[0].t.sector_size, 2048);
	/* cdrdao: track 2 PREGAP 150 START 1300 INDEX 2 1450 END 1600 */
	CHECK_EQ(l.tracks[1].t.pregap, 150);
	CHECK_EQ(l.tracks[1].t.pregap_stored, 75);
	CHECK_EQ(l.tracks[1].t.start, 1300);
	CHECK_EQ(l.tracks[1].t.length, 300);
	CHECK_EQ(l.tracks[1].t.offset, 0);
	CHECK_EQ(l.tracks[1].t.flags, DISCLOOP_TRACK_AUDIO_BE);
	CHECK_EQ(l.tracks[1].t.control, DISCLOOP_CTRL_DCP | DISCLOOP_CTRL_PRE);
	CHECK(!memcmp(l.tracks[1].t.isrc, "USABC2400001", 12));
	CHECK_EQ(l.nr_indexes, 1);
	CHECK_EQ(l.indexes[0].index, 2);
	CHECK_EQ(l.indexes[0].lba, 1450);
	/* cdrdao: track 3 START 1600 END 2025 */
	CHECK_EQ(l.tracks[2].t.start, 1600);
	CHECK_EQ(l.tracks[2].t.length, 425);
	CHECK_EQ(l.tracks[2].t.offset, 375ULL * 2352);
	CHECK_EQ(l.tracks[2].t.control, 0);
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 0, 0, s, sizeof(s)), 0);
	CHECK(!strcmp(s, "Disc"));
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 0, 2, s, sizeof(s)), 0);
	CHECK(!strcmp(s, "Song"));
	dl_layout_free(&l);
}

TEST(toc_modes_wav_and_offsets)
{
	struct dl_layout l;

	mkfile("x.bin", 3000ULL * 2352);
	CHECK_EQ(parse(&l, "CD_ROM_XA\nTRACK MODE2_RAW\nDATAFILE \"x.bin\" #4704 00:10:00\n"
		       "TRACK MODE2_FORM_MIX\nDATAFILE \"x.bin\" #2000000 23360\n"
		       "TRACK MODE1_RAW RW_RAW\nDATAFILE \"x.bin\"\n"), 0);
	CHECK_EQ(l.disc_type, DISCLOOP_DISC_CD_XA);
	CHECK_EQ(l.tracks[0].t.type, DISCLOOP_TRACK_MODE2_XA);
	CHECK_EQ(l.tracks[0].t.offset, 4704);
	CHECK_EQ(l.tracks[0].t.length, 750);
	CHECK_EQ(l.tracks[1].t.sector_size, 2336);
	CHECK_EQ(l.tracks[1].t.length, 10);
	CHECK_EQ(l.tracks[1].t.start, 750);
	CHECK_EQ(l.tracks[2].t.sector_size, 2448);
	CHECK_EQ(l.tracks[2].t.length, (3000 * 2352 + 2447) / 2448);
	dl_layout_free(&l);
}

TEST(toc_refusals_name_the_line)
{
	static const struct { const char *toc, *msg; } e[] = {
		{ "CD_DA\nTRACK AUDIO\nFILE \"y.raw\" 0\nBOGUS\n", "x.toc:4: unknown statement BOGUS" },
		{ "TRACK AUDIO\nFILE \"none.raw\" 0\n", "x.toc:2: none.raw: No such file or directory" },
		{ "TRACK MODE3\n", "x.toc:1: unknown track mode MODE3" },
		{ "TRACK AUDIO\nDATAFILE \"y.raw\"\n", "x.toc:2: DATAFILE in an audio track; use FILE" },
		{ "TRACK MODE1\nFILE \"y.raw\" 0\n", "x.toc:2: FILE (audio) in a data track; use DATAFILE" },
		{ "TRACK AUDIO\nFILE \"y.raw\" 0 00:01:00\nFILE \"z.raw\" 0\n",
		  "x.toc:3: track 1: parts from different files or places, or silence between "
		  "them, are not supported" },
		{ "TRACK AUDIO\nFILE \"y.raw\" 0 00:01:00\nSILENCE 588\nFILE \"y.raw\" 00:01:00\n",
		  "x.toc:4: track 1: parts from different files or places, or silence between "
		  "them, are not supported" },
		{ "TRACK AUDIO\nISRC \"XX\"\n",
		  "x.toc:2: ISRC wants 12 characters: 5 letters or digits, 7 digits" },
		{ "CATALOG \"12\"\n", "x.toc:1: CATALOG wants 13 digits" },
		{ "TRACK AUDIO RW\n", "x.toc:1: packed R-W sub-channel (RW) is not supported; use RW_RAW" },
		{ "TRACK AUDIO\nFILE \"y.raw\n", "x.toc:2: unterminated quoted string" },
		{ "TRACK AUDIO\nFIFO \"f\" 100\n", "x.toc:2: FIFO cannot back a disc" },
		{ "TRACK AUDIO\nSILENCE 00:01:00\n", "x.toc:1: track 1 has no FILE or DATAFILE" },
		{ "TRACK AUDIO\nFILE \"y.raw\" 0\nSTART\nSTART\n", "x.toc:4: a second START or PREGAP" },
		{ "CD_TEXT { LANGUAGE 9 { } }\n", "x.toc:1: LANGUAGE wants a number 0..7 and a { block" },
		{ "// nothing\n", "x.toc: no TRACK" },
	};
	struct dl_layout l;
	size_t i;

	mkfile("y.raw", 100ULL * 2352);
	mkfile("z.raw", 100ULL * 2352);
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		CHECK(parse(&l, e[i].toc) < 0);
		if (strcmp(why(), e[i].msg))
			printf("   case %zu: got \"%s\"\n   want \"%s\"\n", i, why(), e[i].msg);
		CHECK(!strcmp(why(), e[i].msg));
	}
}
