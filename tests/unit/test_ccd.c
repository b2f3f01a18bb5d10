// SPDX-License-Identifier: GPL-2.0
/* CloneCD .ccd files into CD layouts; the .ccd texts are written here. */
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

static int parse(struct dl_layout *l, const char *name, const char *ccd)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	f = fopen(p, "w");
	CHECK(f != NULL);
	fputs(ccd, f);
	fclose(f);
	return dl_layout_load(p, l, NULL, NULL);
}

static const char *why(const char *name)
{
	const char *m = dl_errmsg(), *s = strstr(m, name);

	return s ? s : m;
}

/* One [Entry] section. */
static void entry(char *b, size_t len, int n, int session, int point, int control, long plba,
		  int psec)
{
	size_t o = strlen(b);

	snprintf(b + o, len - o, "[Entry %d]\nSession=%d\nPoint=0x%02x\nADR=0x01\n"
		 "Control=0x%02x\nTrackNo=0\nAMin=0\nASec=0\nAFrame=0\nALBA=-150\nZero=0\n"
		 "PMin=0\nPSec=%d\nPFrame=0\nPLBA=%ld\n", n, session, point, control, psec, plba);
}

static const char head[] = "[CloneCD]\nVersion=3\n[Disc]\nTocEntries=5\nSessions=%d\n"
			   "DataTracksScrambled=%d\nCDTextLength=0\nCATALOG=0123456789012\n"
			   "[Session 1]\nPreGapMode=0\nPreGapSubC=0\n";

TEST(ccd_mixed_mode_one_session_with_sub)
{
	char b[4096];
	struct dl_layout l;

	mkfile("one.img", 2000ULL * 2352);
	mkfile("one.sub", 2000ULL * 96);
	snprintf(b, sizeof(b), head, 1, 0);
	entry(b, sizeof(b), 0, 1, 0xa0, 0x04, 0, 0x00);
	entry(b, sizeof(b), 1, 1, 0xa1, 0x04, 0, 0);
	entry(b, sizeof(b), 2, 1, 0xa2, 0x04, 2000, 0);
	entry(b, sizeof(b), 3, 1, 0x01, 0x02, 0, 0);
	entry(b, sizeof(b), 4, 1, 0x02, 0x04, 1150, 0);
	strcat(b, "[TRACK 1]\nMODE=0\nISRC=USABC2400001\nINDEX 1=0\n"
		  "[TRACK 2]\nMODE=1\nINDEX 0=1000\nINDEX 1=1150\n");
	CHECK_EQ(parse(&l, "one.ccd", b), 0);
	if (l.nr_tracks != 2) {
		printf("   %s\n", dl_errmsg());
		return;
	}
	CHECK(!strcmp(l.mcn, "0123456789012"));
	CHECK_EQ(l.nr_files, 2);
	CHECK_EQ(l.sub_file, 1);
	CHECK_EQ(l.sub_layout, DISCLOOP_SUB_PW_LINEAR);
	CHECK_EQ(l.tracks[0].t.type, DISCLOOP_TRACK_AUDIO);
	CHECK_EQ(l.tracks[0].t.control, DISCLOOP_CTRL_DCP);
	CHECK_EQ(l.tracks[0].t.start, 0);
	CHECK_EQ(l.tracks[0].t.length, 1000);
	CHECK(!memcmp(l.tracks[0].t.isrc, "USABC2400001", 12));
	CHECK_EQ(l.tracks[1].t.type, DISCLOOP_TRACK_MODE1);
	CHECK_EQ(l.tracks[1].t.sector_size, 2352);
	CHECK_EQ(l.tracks[1].t.pregap, 150);
	CHECK_EQ(l.tracks[1].t.pregap_stored, 150);
	CHECK_EQ(l.tracks[1].t.start, 1150);
	CHECK_EQ(l.tracks[1].t.length, 850);
	CHECK_EQ(l.tracks[1].t.offset, 1000ULL * 2352);
	dl_layout_free(&l);
}

TEST(ccd_two_sessions)
{
	char b[4096];
	struct dl_layout l;

	mkfile("two.img", (1000ULL + 500) * 2352);
	snprintf(b, sizeof(b), head, 2, 0);
	entry(b, sizeof(b), 0, 1, 0xa0, 0x00, 0, 0x20);
	entry(b, sizeof(b), 1, 1, 0xa2, 0x00, 1000, 0);
	entry(b, sizeof(b), 2, 1, 0x01, 0x00, 0, 0);
	entry(b, sizeof(b), 3, 2, 0xa2, 0x04, 1000 + 11400 + 500, 0);
	entry(b, sizeof(b), 4, 2, 0x02, 0x04, 1000 + 11400, 0);
	strcat(b, "[TRACK 1]\nMODE=0\nINDEX 1=0\n[TRACK 2]\nMODE=2\nINDEX 1=12400\n");
	CHECK_EQ(parse(&l, "two.ccd", b), 0);
	CHECK_EQ(l.nr_sessions, 2);
	CHECK_EQ(l.disc_type, DISCLOOP_DISC_CD_XA);
	CHECK_EQ(l.tracks[1].t.type, DISCLOOP_TRACK_MODE2_XA);
	CHECK_EQ(l.tracks[1].t.session, 2);
	CHECK_EQ(l.tracks[1].t.start, 12400);
	CHECK_EQ(l.tracks[1].t.pregap, 150);
	CHECK_EQ(l.tracks[1].t.pregap_stored, 0);
	CHECK_EQ(l.tracks[1].t.length, 500);
	CHECK_EQ(l.tracks[1].t.offset, 1000ULL * 2352);
	CHECK_EQ(l.sub_file, -1);
	dl_layout_free(&l);
	/* the same with a .sub: refused, not served wrongly */
	mkfile("two.sub", 1500ULL * 96);
	CHECK(parse(&l, "two.ccd", b) < 0);
	CHECK(strstr(why("two.ccd"), "two.ccd: two.sub: the sub-channel of a multi-session") ==
	      why("two.ccd"));
}

TEST(ccd_refusals)
{
	char b[4096];
	struct dl_layout l;

	mkfile("bad.img", 1000ULL * 2352);
	snprintf(b, sizeof(b), head, 1, 1);
	CHECK(parse(&l, "bad.ccd", b) < 0);
	CHECK(!strcmp(why("bad.ccd"), "bad.ccd: DataTracksScrambled=1: scrambled data tracks "
		      "are not supported (descramble the image first)"));
	CHECK(parse(&l, "bad.ccd", "[Disc]\nSessions\n") < 0);
	CHECK(!strcmp(why("bad.ccd"), "bad.ccd:2: neither [section] nor key=value"));
	CHECK(parse(&l, "bad.ccd", "[Disc]\nCATALOG=12\n") < 0);
	CHECK(!strcmp(why("bad.ccd"), "bad.ccd:2: CATALOG wants 13 digits"));
	snprintf(b, sizeof(b), head, 1, 0);
	entry(b, sizeof(b), 0, 1, 0x01, 0x00, 0, 0);
	CHECK(parse(&l, "bad.ccd", b) < 0);
	CHECK(!strcmp(why("bad.ccd"), "bad.ccd:12: track 1: no [TRACK] section with MODE 0, 1 or 2"));
	strcat(b, "[TRACK 1]\nMODE=0\n");
	CHECK(parse(&l, "bad.ccd", b) < 0);
	CHECK(!strcmp(why("bad.ccd"), "bad.ccd: session 1 has no lead-out entry (point A2)"));
	entry(b, sizeof(b), 1, 1, 0xa2, 0x00, 1000, 0);
	strcat(b, "[TRACK 2]\nMODE=1\n");
	CHECK_EQ(parse(&l, "bad.ccd", b), 0);
	dl_layout_free(&l);
	CHECK(parse(&l, "nothing.ccd", b) < 0);
	CHECK(strstr(why("nothing.ccd"), "nothing.ccd: nothing.img: No such file or directory") ==
	      why("nothing.ccd"));
}
