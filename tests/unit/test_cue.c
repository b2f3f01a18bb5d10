// SPDX-License-Identifier: GPL-2.0
/*
 * CUE sheets into CD layouts: offsets, pregaps, sessions, WAVE and
 * MOTOROLA files, FLAGS/ISRC/CATALOG, CD-TEXT, and every refusal with its
 * line number. Fixtures are written here: image files of known sizes (their
 * contents do not matter to the parser, except WAVE headers, which are
 * built byte by byte below) and the cue texts.
 */
#include <errno.h>
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

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(ftruncate(fd, (off_t)bytes) == 0);
	close(fd);
}

static void put_le(unsigned char *p, unsigned long v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* A RIFF WAVE file: fmt, then an optional LIST chunk, then @pcm bytes of data. */
static void mkwave(const char *name, int channels, int rate, int bits, unsigned long pcm,
		   bool list)
{
	unsigned char h[80];
	size_t n = 0;
	char p[512];
	int fd;

	memcpy(h, "RIFF", 4);
	memcpy(h + 8, "WAVE", 4);
	memcpy(h + 12, "fmt ", 4);
	put_le(h + 16, 16, 4);
	put_le(h + 20, 1, 2);
	put_le(h + 22, (unsigned long)channels, 2);
	put_le(h + 24, (unsigned long)rate, 4);
	put_le(h + 28, (unsigned long)(rate * channels * bits / 8), 4);
	put_le(h + 32, (unsigned long)(channels * bits / 8), 2);
	put_le(h + 34, (unsigned long)bits, 2);
	n = 36;
	if (list) {	/* an odd-sized chunk, padded to even */
		memcpy(h + n, "LIST", 4);
		put_le(h + n + 4, 5, 4);
		memcpy(h + n + 8, "INFO\0\0", 6);
		n += 14;
	}
	memcpy(h + n, "data", 4);
	put_le(h + n + 4, pcm, 4);
	n += 8;
	put_le(h + 4, n - 8 + pcm, 4);
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	CHECK(write(fd, h, n) == (ssize_t)n);
	CHECK(ftruncate(fd, (off_t)(n + pcm)) == 0);
	close(fd);
}

static void setup(void)
{
	if (!dir[0])
		CHECK(unit_tmpdir(dir, sizeof(dir)) != NULL);
}

/* Parse @cue as DIR/x.cue (the text also written there), then check. */
static int parse(struct dl_layout *l, const char *cue)
{
	char p[512];
	FILE *f;
	int ret;

	setup();
	snprintf(p, sizeof(p), "%s/x.cue", dir);
	f = fopen(p, "w");
	CHECK(f != NULL);
	fputs(cue, f);
	fclose(f);
	ret = dl_layout_load(p, l, NULL, NULL);
	if (ret)
		printf("   (%s)\n", dl_errmsg());
	return ret;
}

/* The reason of the last failure, without the directory. */
static const char *why(void)
{
	const char *m = dl_errmsg(), *s = strstr(m, "x.cue");

	return s ? s : m;
}

static const struct discloop_track *T(const struct dl_layout *l, int n)
{
	return &l->tracks[n - 1].t;
}

TEST(redump_one_file_per_track)
{
	struct dl_layout l;

	setup();
	mkfile("r1.bin", 1000ULL * 2352);
	mkfile("r2.bin", (150ULL + 500) * 2352);
	mkfile("r3.bin", (150ULL + 300) * 2352 + 100);	/* a partial last sector */
	CHECK_EQ(parse(&l,
		"CATALOG 0123456789012\r\n"
		"FILE \"r1.bin\" BINARY\r\n"
		"  TRACK 01 MODE1/2352\r\n"
		"    INDEX 01 00:00:00\r\n"
		"FILE \"r2.bin\" BINARY\r\n"
		"  TRACK 02 AUDIO\r\n"
		"    FLAGS DCP PRE\r\n"
		"    INDEX 00 00:00:00\r\n"
		"    INDEX 01 00:02:00\r\n"
		"FILE \"r3.bin\" BINARY\r\n"
		"  TRACK 03 AUDIO\r\n"
		"    ISRC USABC2400001\r\n"
		"    INDEX 00 00:00:00\r\n"
		"    INDEX 01 00:02:00\r\n"), 0);
	CHECK_EQ(l.nr_tracks, 3);
	CHECK_EQ(l.nr_files, 3);
	CHECK_EQ(l.nr_sessions, 1);
	CHECK(!strcmp(l.mcn, "0123456789012"));
	CHECK_EQ(l.disc_type, DISCLOOP_DISC_CD_DA_ROM);
	/* track 1: 150 unstored pregap before LBA 0 */
	CHECK_EQ(T(&l, 1)->type, DISCLOOP_TRACK_MODE1);
	CHECK_EQ(T(&l, 1)->sector_size, 2352);
	CHECK_EQ(T(&l, 1)->control, DISCLOOP_CTRL_DATA);
	CHECK_EQ(T(&l, 1)->start, 0);
	CHECK_EQ(T(&l, 1)->pregap, 150);
	CHECK_EQ(T(&l, 1)->pregap_stored, 0);
	CHECK_EQ(T(&l, 1)->length, 1000);
	CHECK_EQ(T(&l, 1)->offset, 0);
	/* track 2: its 150-sector pregap is the first thing in its file */
	CHECK_EQ(T(&l, 2)->control, DISCLOOP_CTRL_DCP | DISCLOOP_CTRL_PRE);
	CHECK_EQ(T(&l, 2)->start, 1000 + 150);
	CHECK_EQ(T(&l, 2)->pregap, 150);
	CHECK_EQ(T(&l, 2)->pregap_stored, 150);
	CHECK_EQ(T(&l, 2)->length, 500);
	CHECK_EQ(T(&l, 2)->offset, 0);
	CHECK_EQ(l.tracks[1].file, 1);
	CHECK_EQ(T(&l, 3)->start, 1150 + 500 + 150);
	CHECK_EQ(T(&l, 3)->length, 301);
	CHECK(!memcmp(T(&l, 3)->isrc, "USABC2400001", 12));
	CHECK_EQ(dl_layout_leadout(&l, 1), 1800 + 301);
	dl_layout_free(&l);
}

TEST(one_file_with_index_00_and_mixed_sector_sizes)
{
	struct dl_layout l;
	struct discloop_disc d;
	struct discloop_track kt[DISCLOOP_MAX_TRACKS];

	setup();
	mkfile("one.bin", 1000ULL * 2048 + (150ULL + 600) * 2352 + 400ULL * 2352);
	CHECK_EQ(parse(&l,
		"FILE one.bin BINARY\n"
		"TRACK 01 MODE1/2048\n"
		"INDEX 01 00:00:00\n"
		"TRACK 02 AUDIO\n"
		"INDEX 00 00:13:25\n"		/* frame 1000 */
		"INDEX 01 00:15:25\n"		/* frame 1150 */
		"INDEX 02 00:16:25\n"		/* frame 1225 */
		"TRACK 03 AUDIO\n"
		"INDEX 01 00:23:25\n"), 0);	/* frame 1750 */
	CHECK_EQ(l.nr_files, 1);
	CHECK_EQ(T(&l, 1)->length, 1000);
	CHECK_EQ(T(&l, 2)->offset, 1000ULL * 2048);
	CHECK_EQ(T(&l, 2)->pregap, 150);
	CHECK_EQ(T(&l, 2)->pregap_stored, 150);
	CHECK_EQ(T(&l, 2)->start, 1150);
	CHECK_EQ(T(&l, 2)->length, 600);
	CHECK_EQ(T(&l, 3)->offset, 1000ULL * 2048 + 750ULL * 2352);
	CHECK_EQ(T(&l, 3)->pregap, 0);
	CHECK_EQ(T(&l, 3)->start, 1750);
	CHECK_EQ(T(&l, 3)->length, 400);
	CHECK_EQ(l.nr_indexes, 1);
	CHECK_EQ(l.indexes[0].track, 2);
	CHECK_EQ(l.indexes[0].index, 2);
	CHECK_EQ(l.indexes[0].lba, 1150 + 75);
	/* the kernel's view: one fd for all three tracks */
	dl_layout_to_disc(&l, 7, &d, kt);
	CHECK_EQ(d.size, sizeof(d));
	CHECK_EQ(d.index, 7);
	CHECK_EQ(d.nr_tracks, 3);
	CHECK_EQ(d.track_size, sizeof(kt[0]));
	CHECK_EQ(d.nr_indexes, 1);
	CHECK_EQ(d.sub_fd, -1);
	CHECK(kt[0].fd >= 0);
	CHECK_EQ(kt[0].fd, kt[2].fd);
	CHECK_EQ(kt[1].start, 1150);
	CHECK_EQ(d.cdtext_len, 0);
	dl_layout_free(&l);
}

TEST(pregap_and_postgap_are_not_stored)
{
	struct dl_layout l;

	setup();
	mkfile("gap.bin", 1000ULL * 2048 + 300ULL * 2352);
	CHECK_EQ(parse(&l,
		"FILE gap.bin BINARY\n"
		"TRACK 1 MODE1/2048\n"
		"INDEX 1 00:00:00\n"
		"POSTGAP 00:02:00\n"
		"TRACK 2 AUDIO\n"
		"PREGAP 00:03:00\n"
		"INDEX 1 00:13:25\n"), 0);
	CHECK_EQ(T(&l, 1)->postgap, 150);
	CHECK_EQ(T(&l, 2)->pregap, 225);
	CHECK_EQ(T(&l, 2)->pregap_stored, 0);
	CHECK_EQ(T(&l, 2)->offset, 1000ULL * 2048);
	CHECK_EQ(T(&l, 2)->start, 1000 + 150 + 225);
	CHECK_EQ(T(&l, 2)->length, 300);
	dl_layout_free(&l);
	/* PREGAP on track 1 replaces the usual 150 and adds to a stored one */
	mkfile("htoa.bin", 1000ULL * 2352);
	CHECK_EQ(parse(&l,
		"FILE htoa.bin BINARY\n"
		"TRACK 01 AUDIO\n"
		"INDEX 00 00:00:00\n"
		"INDEX 01 00:04:00\n"), 0);
	CHECK_EQ(T(&l, 1)->pregap, 150 + 300);
	CHECK_EQ(T(&l, 1)->pregap_stored, 300);
	CHECK_EQ(T(&l, 1)->start, 300);
	CHECK_EQ(T(&l, 1)->length, 700);
	dl_layout_free(&l);
}

TEST(motorola_is_big_endian_audio)
{
	struct dl_layout l;

	setup();
	mkfile("be.bin", 600ULL * 2352);
	CHECK_EQ(parse(&l, "FILE be.bin MOTOROLA\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n"), 0);
	CHECK_EQ(T(&l, 1)->flags, DISCLOOP_TRACK_AUDIO_BE);
	CHECK_EQ(T(&l, 1)->length, 600);
	dl_layout_free(&l);
	CHECK(parse(&l, "FILE be.bin MOTOROLA\nTRACK 01 MODE1/2352\nINDEX 01 00:00:00\n") < 0);
	CHECK(!strcmp(why(), "x.cue:2: a MOTOROLA file holds audio only, not a MODE1/2352 track"));
}

TEST(wave_files_skip_their_header)
{
	struct dl_layout l;

	setup();
	mkwave("a.wav", 2, 44100, 16, 500UL * 2352, true);
	mkwave("b.wav", 2, 44100, 16, 300UL * 2352 + 4, false);
	CHECK_EQ(parse(&l,
		"PERFORMER \"Someone\"\n"
		"FILE \"a.wav\" WAVE\n"
		"  TRACK 01 AUDIO\n"
		"    INDEX 01 00:00:00\n"
		"FILE \"b.wav\" WAVE\n"
		"  TRACK 02 AUDIO\n"
		"    INDEX 00 00:00:00\n"
		"    INDEX 01 00:01:00\n"), 0);
	CHECK_EQ(l.files[0].data_offset, 36 + 14 + 8);
	CHECK_EQ(l.files[0].data_bytes, 500 * 2352);
	CHECK_EQ(T(&l, 1)->offset, 58);
	CHECK_EQ(T(&l, 1)->length, 500);
	CHECK_EQ(T(&l, 1)->flags, 0);
	CHECK_EQ(T(&l, 2)->offset, 44);
	CHECK_EQ(T(&l, 2)->pregap_stored, 75);
	CHECK_EQ(T(&l, 2)->length, 300 - 75 + 1);
	dl_layout_free(&l);

	mkwave("mono.wav", 1, 44100, 16, 1000, false);
	CHECK(parse(&l, "FILE mono.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n") < 0);
	CHECK(!strcmp(why(), "x.cue:1: mono.wav: WAVE holds PCM 16-bit 1-channel 44100 Hz, "
		      "not CD audio (PCM, 16-bit, stereo, 44100 Hz)"));
	mkwave("hi.wav", 2, 48000, 24, 1000, false);
	CHECK(parse(&l, "\nFILE hi.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n") < 0);
	CHECK(strstr(why(), "x.cue:2: hi.wav: WAVE holds PCM 24-bit 2-channel 48000 Hz") == why());
	mkfile("raw.wav", 1000);
	CHECK(parse(&l, "FILE raw.wav WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\n") < 0);
	CHECK(!strcmp(why(), "x.cue:1: raw.wav: not a RIFF WAVE file"));
	CHECK(parse(&l, "FILE a.wav WAVE\nTRACK 01 MODE1/2048\nINDEX 01 00:00:00\n") < 0);
	CHECK(!strcmp(why(), "x.cue:2: a WAVE file holds audio only, not a MODE1/2048 track"));
}

TEST(two_sessions_with_the_gaps_redump_leaves_out)
{
	struct dl_layout l;

	setup();
	mkfile("s1.bin", 1000ULL * 2352);
	mkfile("s2.bin", 500ULL * 2352);
	mkfile("s3.bin", 800ULL * 2352);
	mkfile("s4.bin", 400ULL * 2352);
	CHECK_EQ(parse(&l,
		"REM SESSION 01\n"
		"FILE s1.bin BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n"
		"FILE s2.bin BINARY\n TRACK 02 AUDIO\n  INDEX 01 00:00:00\n"
		"REM SESSION 02\n"
		"FILE s3.bin BINARY\n TRACK 03 MODE2/2352\n  INDEX 01 00:00:00\n"), 0);
	CHECK_EQ(l.nr_sessions, 2);
	CHECK_EQ(l.disc_type, DISCLOOP_DISC_CD_XA);
	CHECK_EQ(T(&l, 3)->session, 2);
	CHECK_EQ(T(&l, 3)->type, DISCLOOP_TRACK_MODE2_XA);
	CHECK_EQ(dl_layout_leadout(&l, 1), 1500);
	CHECK_EQ(T(&l, 3)->start, 1500 + 11400);
	CHECK_EQ(T(&l, 3)->pregap, 150);
	CHECK_EQ(T(&l, 3)->pregap_stored, 0);
	dl_layout_free(&l);
	/* the lines redump.org strips, when present; a third session: 6900 */
	CHECK_EQ(parse(&l,
		"FILE s1.bin BINARY\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n"
		"REM LEAD-OUT 00:30:00\n"
		"REM SESSION 02\n"
		"REM LEAD-IN 00:40:00\n"
		"REM PREGAP 00:03:00\n"
		"FILE s3.bin BINARY\n TRACK 02 MODE1/2352\n  INDEX 01 00:00:00\n"
		"REM SESSION 03\n"
		"FILE s4.bin BINARY\n TRACK 03 MODE1/2352\n  INDEX 01 00:00:00\n"), 0);
	CHECK_EQ(l.nr_sessions, 3);
	CHECK_EQ(T(&l, 2)->start, 1000 + 2250 + 3000 + 225);
	CHECK_EQ(T(&l, 2)->pregap, 225);
	CHECK_EQ(T(&l, 3)->start, T(&l, 2)->start + 800 + 6900);
	CHECK_EQ(T(&l, 3)->session, 3);
	dl_layout_free(&l);
}

TEST(modes_and_disc_types)
{
	static const struct { const char *mode; int type, size, disc; } m[] = {
		{ "AUDIO", DISCLOOP_TRACK_AUDIO, 2352, DISCLOOP_DISC_CD_DA_ROM },
		{ "CDG", DISCLOOP_TRACK_AUDIO, 2448, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE1/2048", DISCLOOP_TRACK_MODE1, 2048, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE1/2352", DISCLOOP_TRACK_MODE1, 2352, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE2/2336", DISCLOOP_TRACK_MODE2_XA, 2336, DISCLOOP_DISC_CD_XA },
		{ "mode2/2352", DISCLOOP_TRACK_MODE2_XA, 2352, DISCLOOP_DISC_CD_XA },
		{ "CDI/2336", DISCLOOP_TRACK_MODE2_XA, 2336, DISCLOOP_DISC_CD_I },
		{ "CDI/2352", DISCLOOP_TRACK_MODE2_XA, 2352, DISCLOOP_DISC_CD_I },
	};
	struct dl_layout l;
	char cue[256];
	size_t i;

	setup();
	mkfile("m.bin", 2448ULL * 1000);
	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		snprintf(cue, sizeof(cue), "FILE m.bin BINARY\nTRACK 01 %s\nINDEX 01 00:00:00\n",
			 m[i].mode);
		CHECK_EQ(parse(&l, cue), 0);
		CHECK_EQ(T(&l, 1)->type, m[i].type);
		CHECK_EQ(T(&l, 1)->sector_size, m[i].size);
		/* a partial last sector counts (read as zeros) */
		CHECK_EQ(T(&l, 1)->length, (2448 * 1000 + m[i].size - 1) / m[i].size);
		CHECK_EQ(l.disc_type, m[i].disc);
		CHECK_EQ(!!(T(&l, 1)->control & DISCLOOP_CTRL_DATA), m[i].type != 0);
		dl_layout_free(&l);
	}
}

/* CRC-16/CCITT written out again here, bit by bit, for the packs. */
static unsigned int crc16(const unsigned char *p, int n)
{
	unsigned int crc = 0;
	int i, b;

	for (i = 0; i < n; i++)
		for (b = 7; b >= 0; b--) {
			unsigned int bit = ((p[i] >> b) & 1) ^ (crc >> 15);

			crc = ((crc << 1) & 0xffff) ^ (bit ? 0x1021 : 0);
		}
	return crc;
}

TEST(cdtext_packs_from_title_and_performer)
{
	struct dl_layout l;
	const unsigned char *k;
	size_t i, n;

	setup();
	mkfile("t.bin", 2352ULL * 600);
	CHECK_EQ(parse(&l,
		"TITLE \"Album Title\"\n"
		"PERFORMER \"Band\"\n"
		"FILE t.bin BINARY\n"
		"TRACK 01 AUDIO\nTITLE \"First song\"\nPERFORMER \"Band\"\nINDEX 01 00:00:00\n"
		"TRACK 02 AUDIO\nTITLE \"Second\"\nINDEX 01 00:04:00\n"), 0);
	/* titles: "Album Title\0First song\0Second\0" = 31 bytes: 3 packs;
	 * performers: "Band\0Band\0\0" = 11 bytes: 1 pack; 3 size packs */
	n = l.cdtext_len / 18;
	CHECK_EQ(l.cdtext_len % 18, 0);
	CHECK_EQ(n, 3 + 1 + 3);
	k = l.cdtext;
	for (i = 0; i < n; i++) {
		CHECK_EQ(k[i * 18 + 2], i);	/* sequence numbers */
		CHECK_EQ(k[i * 18 + 16] << 8 | k[i * 18 + 17], crc16(k + i * 18, 16) ^ 0xffff);
	}
	CHECK_EQ(k[0], 0x80);
	CHECK_EQ(k[1], 0);			/* disc */
	CHECK(!memcmp(k + 4, "Album Title\0", 12));
	CHECK_EQ(k[18 + 1], 1);			/* the second pack begins in track 1 */
	CHECK_EQ(k[18 + 3], 0);			/* at its first character */
	CHECK(!memcmp(k + 18 + 4, "First song\0S", 12));
	CHECK_EQ(k[36 + 1], 2);
	CHECK_EQ(k[36 + 3], 1);			/* "econd": 1 character came before */
	CHECK(!memcmp(k + 36 + 4, "econd\0\0\0\0\0\0\0", 12));
	CHECK_EQ(k[54], 0x81);
	CHECK(!memcmp(k + 54 + 4, "Band\0Band\0\0\0", 12));
	for (i = 4; i < 7; i++) {
		CHECK_EQ(k[i * 18], 0x8f);
		CHECK_EQ(k[i * 18 + 1], i - 4);
	}
	CHECK_EQ(k[72 + 4 + 1], 1);		/* first track */
	CHECK_EQ(k[72 + 4 + 2], 2);		/* last track */
	CHECK_EQ(k[72 + 4 + 4], 3);		/* packs of type 80h */
	CHECK_EQ(k[72 + 4 + 5], 1);		/* 81h */
	CHECK_EQ(k[90 + 4 + 7], 3);		/* 8Fh: byte 19 of the info */
	CHECK_EQ(k[90 + 4 + 8], 6);		/* last sequence number (byte 20) */
	CHECK_EQ(k[108 + 4 + 4], 0x09);		/* English (byte 28) */
	dl_layout_free(&l);
}

TEST(cdtextfile_with_and_without_header)
{
	unsigned char packs[4 + 2 * 18];
	struct dl_layout l;
	char p[512];
	int fd, hdr;

	setup();
	mkfile("c.bin", 2352ULL * 600);
	memset(packs, 0, sizeof(packs));
	packs[0] = 0;
	packs[1] = 2 * 18 + 2;
	packs[4] = 0x80;
	packs[4 + 18] = 0x8f;
	for (hdr = 0; hdr < 2; hdr++) {
		snprintf(p, sizeof(p), "%s/c.cdt", dir);
		fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		CHECK(write(fd, packs + (hdr ? 0 : 4), hdr ? 40 : 36) == (hdr ? 40 : 36));
		close(fd);
		CHECK_EQ(parse(&l, "CDTEXTFILE c.cdt\nTITLE x\nFILE c.bin BINARY\n"
			       "TRACK 01 AUDIO\nINDEX 01 00:00:00\n"), 0);
		CHECK_EQ(l.cdtext_len, 36);
		CHECK_EQ(l.cdtext[0], 0x80);
		CHECK_EQ(l.cdtext[18], 0x8f);
		CHECK_EQ(l.nr_files, 1);	/* the packs were read; the file closed */
		dl_layout_free(&l);
	}
	mkfile("bad.cdt", 38);
	CHECK(parse(&l, "CDTEXTFILE bad.cdt\nFILE c.bin BINARY\nTRACK 01 AUDIO\n"
		    "INDEX 01 00:00:00\n") < 0);
	CHECK(!strcmp(why(), "x.cue:1: bad.cdt: not CD-TEXT packs (38 bytes)"));
}

TEST(refusals_name_the_line)
{
	static const struct { const char *cue, *msg; } e[] = {
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nBOGUS\n",
		  "x.cue:4: unknown command BOGUS" },
		{ "TRACK 01 AUDIO\n", "x.cue:1: TRACK before any FILE" },
		{ "FILE e.bin AIFF\n", "x.cue:1: FILE type AIFF is not supported (BINARY, "
		  "MOTOROLA or WAVE; decode AIFF, MP3 or FLAC to WAVE first)" },
		{ "FILE missing.bin BINARY\n", "x.cue:1: missing.bin: No such file or directory" },
		{ "FILE e.bin BINARY\nTRACK 01 MODE3/2352\n", "x.cue:2: unknown track mode MODE3/2352" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 03 AUDIO\n",
		  "x.cue:4: track 3 follows track 1" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nTRACK 02 AUDIO\n",
		  "x.cue:3: track 1 has no INDEX 01" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:60:00\n",
		  "x.cue:3: INDEX wants a number 0..99 and mm:ss:ff" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nINDEX 00 00:00:00\n",
		  "x.cue:4: INDEX 00 after INDEX 01" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 00 00:01:00\nINDEX 01 00:01:00\n",
		  "x.cue:4: INDEX 01 is not after INDEX 00" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 02 00:01:00\n",
		  "x.cue:3: INDEX 02 before INDEX 01" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nPREGAP 00:02:00\n",
		  "x.cue:4: PREGAP after INDEX" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nPOSTGAP 00:02:00\n",
		  "x.cue:3: POSTGAP before INDEX 01" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nPOSTGAP 00:02:00\n"
		  "INDEX 02 00:01:00\n", "x.cue:5: INDEX after POSTGAP" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nFLAGS DCP XYZ\n",
		  "x.cue:3: unknown flag XYZ (DCP, 4CH, PRE or SCMS)" },
		{ "FILE e.bin BINARY\nTRACK 01 MODE1/2352\nFLAGS PRE\n",
		  "x.cue:3: FLAGS PRE on a data track" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nISRC usabc2400001\n",
		  "x.cue:3: ISRC wants 12 characters: 5 letters or digits, 7 digits" },
		{ "CATALOG 12345\n", "x.cue:1: CATALOG wants 13 digits" },
		{ "ISRC USABC2400001\n", "x.cue:1: ISRC before any TRACK" },
		{ "TITLE \"open\n", "x.cue:1: unterminated quoted string" },
		{ "REM SESSION 02\n", "x.cue:1: session 1 has no track" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nREM SESSION 03\n",
		  "x.cue:4: session 3 follows session 1" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nREM SESSION 02\n",
		  "x.cue:4: session 2 has no track" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nREM LEAD-OUT 1:30\n",
		  "x.cue:4: REM LEAD-OUT wants mm:ss:ff" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 00 00:00:00\nFILE e2.bin BINARY\n"
		  "INDEX 01 00:00:00\n", "x.cue:4: track 1 has no INDEX 01 in its FILE (a track "
		  "split over two files is not supported)" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nFILE e2.bin BINARY\n"
		  "INDEX 02 00:00:10\n", "x.cue:5: track 1 continues in another FILE (a track "
		  "split over two files is not supported)" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:20:00\n",
		  "x.cue:3: track 1 starts at byte 3528000, beyond the end of its file "
		  "(2352000 bytes)" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\n"
		  "INDEX 01 00:00:00\n", "x.cue:5: track 2 does not start after track 1's INDEX 01" },
		{ "", "x.cue: no TRACK" },
		{ "FILE e.bin BINARY\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nINDEX 02 00:13:40\n",
		  "x.cue:4: track 1: INDEX 02 lies beyond the track" },
	};
	struct dl_layout l;
	size_t i;

	setup();
	mkfile("e.bin", 1000ULL * 2352);
	mkfile("e2.bin", 1000ULL * 2352);
	for (i = 0; i < sizeof(e) / sizeof(e[0]); i++) {
		CHECK(parse(&l, e[i].cue) < 0);
		if (strcmp(why(), e[i].msg))
			printf("   case %zu: got \"%s\"\n   want \"%s\"\n", i, why(), e[i].msg);
		CHECK(!strcmp(why(), e[i].msg));
		CHECK_EQ(l.nr_files, 0);	/* freed, files closed */
	}
}

TEST(layout_check_refuses_what_the_kernel_would)
{
	struct dl_layout l;

	setup();
	mkfile("big.bin", 2352ULL * 1000);
	/* a PREGAP that pushes the disc past 99:59:74 */
	CHECK(parse(&l, "FILE big.bin BINARY\nTRACK 01 AUDIO\nPREGAP 99:59:00\n"
		    "INDEX 01 00:00:00\n") < 0);
	CHECK(strstr(why(), "track 1: ends beyond 99:59:74") != NULL);
	CHECK(dl_isrc_valid("USABC2400001"));
	CHECK(dl_isrc_valid("12345A0000000") == false);
	CHECK(dl_isrc_valid("USABC240000A") == false);
	CHECK(dl_mcn_valid("0000000000000"));
	CHECK(!dl_mcn_valid("000000000000"));
	CHECK(dl_layout_is_layout("a/b.CUE"));
	CHECK(dl_layout_is_layout("x.chd"));
	CHECK(!dl_layout_is_layout("x.cue/y.iso"));
	CHECK(!dl_layout_is_layout("cue"));
}

TEST(cdtext_strings_come_back_from_the_packs)
{
	struct dl_layout l;
	char b[400], long_title[41];

	setup();
	mkfile("t.bin", 2352ULL * 600);
	memset(long_title, 'x', 40);
	long_title[40] = '\0';
	snprintf(b, sizeof(b), "TITLE \"%s\"\nFILE t.bin BINARY\nTRACK 01 AUDIO\n"
		 "SONGWRITER \"Me\"\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nTITLE \"Two\"\n"
		 "INDEX 01 00:04:00\n", long_title);
	CHECK_EQ(parse(&l, b), 0);
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 0, 0, b, sizeof(b)), 0);
	CHECK(!strcmp(b, long_title));
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 0, 1, b, sizeof(b)), 0);
	CHECK(!strcmp(b, ""));
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 0, 2, b, sizeof(b)), 0);
	CHECK(!strcmp(b, "Two"));
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 2, 1, b, sizeof(b)), 0);
	CHECK(!strcmp(b, "Me"));
	CHECK_EQ(dl_cdtext_string(l.cdtext, l.cdtext_len, 1, 1, b, sizeof(b)), -ENOENT);
	/* the 40-character title took packs 0-3; pack 3 starts in it at 36 (15 max) */
	CHECK_EQ(l.cdtext[3 * 18 + 1], 0);
	CHECK_EQ(l.cdtext[3 * 18 + 3], 15);
	dl_layout_free(&l);
}
