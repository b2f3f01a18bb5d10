// SPDX-License-Identifier: GPL-2.0
/*
 * CHD images through chdman: a CHD made here by `chdman createcd` from a
 * generated BIN/CUE comes back with the same tracks, and the temporary
 * files are gone afterwards, on success and on failure. Skipped without
 * chdman (Debian mame-tools).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "layout.h"
#include "errmsg.h"

static char dir[256];

static int entries(const char *d)
{
	DIR *dp = opendir(d);
	struct dirent *e;
	int n = 0;

	if (!dp)
		return -1;
	while ((e = readdir(dp)))
		n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	closedir(dp);
	return n;
}

static bool have_chdman(void)
{
	return !system("chdman help >/dev/null 2>&1 || command -v chdman >/dev/null");
}

TEST(chd_round_trip_leaves_nothing_behind)
{
	char cmd[1024], p[512], tmp[300];
	struct dl_layout l;
	unsigned char *pcm;
	int fd, i;
	FILE *f;

	if (!have_chdman())
		SKIP("chdman not installed (mame-tools)");
	CHECK(unit_tmpdir(dir, sizeof(dir)) != NULL);
	snprintf(tmp, sizeof(tmp), "%s/tmp", dir);
	CHECK(mkdir(tmp, 0700) == 0);
	setenv("TMPDIR", tmp, 1);
	snprintf(p, sizeof(p), "%s/d.iso", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(ftruncate(fd, 400 * 2048) == 0);
	close(fd);
	pcm = malloc(600 * 2352);
	for (i = 0; i < 600 * 2352; i++)
		pcm[i] = (unsigned char)(i * 7 + (i >> 9));
	snprintf(p, sizeof(p), "%s/a.bin", dir);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK(write(fd, pcm, 600 * 2352) == 600 * 2352);
	close(fd);
	free(pcm);
	snprintf(p, sizeof(p), "%s/src.cue", dir);
	f = fopen(p, "w");
	fputs("FILE d.iso BINARY\nTRACK 01 MODE1/2048\nINDEX 01 00:00:00\n"
	      "FILE a.bin BINARY\nTRACK 02 AUDIO\nPREGAP 00:02:00\nINDEX 01 00:00:00\n", f);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "cd %s && chdman createcd -i src.cue -o x.chd >/dev/null 2>&1",
		 dir);
	CHECK_EQ(system(cmd), 0);
	snprintf(p, sizeof(p), "%s/x.chd", dir);
	CHECK_EQ(dl_layout_load(p, &l, NULL, NULL), 0);
	CHECK_EQ(entries(tmp), 0);
	CHECK_EQ(l.nr_tracks, 2);
	CHECK_EQ(l.tracks[0].t.type, DISCLOOP_TRACK_MODE1);
	CHECK_EQ(l.tracks[0].t.length, 400);
	CHECK_EQ(l.tracks[1].t.type, DISCLOOP_TRACK_AUDIO);
	CHECK_EQ(l.tracks[1].t.start, 400 + 150);
	CHECK_EQ(l.tracks[1].t.length, 600);
	CHECK(l.files[0].fd >= 0);
	dl_layout_free(&l);
	/* not a CHD: chdman's reason, nothing left */
	snprintf(p, sizeof(p), "%s/bad.chd", dir);
	f = fopen(p, "w");
	fputs("not a chd\n", f);
	fclose(f);
	CHECK(dl_layout_load(p, &l, NULL, NULL) < 0);
	CHECK(strstr(dl_errmsg(), "bad.chd: chdman extractcd failed: ") != NULL);
	CHECK_EQ(entries(tmp), 0);
	unsetenv("TMPDIR");
}
