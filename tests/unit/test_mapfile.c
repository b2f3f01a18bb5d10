// SPDX-License-Identifier: GPL-2.0
/* ddrescue mapfiles: parse, update, write, atomic save, round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "mapfile.h"

static const char *ddrescue_map =
	"# Mapfile. Created by GNU ddrescue version 1.27\n"
	"# Command line: ddrescue -b 2048 /dev/sr0 disc.iso disc.map\n"
	"# Start time:   2024-01-01 10:00:00\n"
	"# Current time: 2024-01-01 10:05:00\n"
	"# Finished\n"
	"# current_pos  current_status  current_pass\n"
	"0x00480000     +               1\n"
	"#      pos        size  status\n"
	"0x00000000  0x00480000  +\n"
	"0x00480000  0x00000800  -\n"
	"0x00480800  0x00001000  *\n"
	"0x00481800  0x00000800  /\n"
	"0x00482000  0x0007E000  ?\n";

TEST(parse_ddrescue_map)
{
	struct dl_map m;
	char err[128];

	CHECK_EQ(dl_map_parse(&m, ddrescue_map, err, sizeof(err)), 0);
	CHECK_EQ(m.size, 0x500000);
	CHECK_EQ(m.n, 5);
	CHECK_EQ(m.current_pos, 0x480000);
	CHECK_EQ(m.current_status, '+');
	CHECK_EQ(m.current_pass, 1);
	CHECK_EQ(dl_map_status_at(&m, 0), '+');
	CHECK_EQ(dl_map_status_at(&m, 0x480000), '-');
	CHECK_EQ(dl_map_status_at(&m, 0x4807ff), '-');
	CHECK_EQ(dl_map_status_at(&m, 0x480800), '*');
	CHECK_EQ(dl_map_status_at(&m, 0x4fffff), '?');
	CHECK_EQ(dl_map_status_at(&m, 0x500000), 0);
	CHECK_EQ(dl_map_count(&m, '+'), 0x480000);
	CHECK_EQ(dl_map_count(&m, '-'), 0x800);
	dl_map_free(&m);
}

TEST(parse_old_format_without_pass)
{
	struct dl_map m;
	char err[128];

	CHECK_EQ(dl_map_parse(&m, "0x0 ?\n0x0 0x800 ?\n", err, sizeof(err)), 0);
	CHECK_EQ(m.current_pass, 1);
	CHECK_EQ(m.size, 0x800);
	dl_map_free(&m);
	/* decimal numbers are accepted too */
	CHECK_EQ(dl_map_parse(&m, "0 ?\n0 2048 +\n2048 2048 -\n", err, sizeof(err)), 0);
	CHECK_EQ(m.size, 4096);
	CHECK_EQ(m.n, 2);
	dl_map_free(&m);
}

TEST(parse_errors)
{
	struct dl_map m;
	char err[128];

	CHECK(dl_map_parse(&m, "", err, sizeof(err)) < 0);
	CHECK(strstr(err, "current_pos") != NULL);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x0 0x800 +\n0x1000 0x800 +\n", err, sizeof(err)) < 0);
	CHECK(strstr(err, "line 3") != NULL);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x0 0x800 X\n", err, sizeof(err)) < 0);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x0 0x0 +\n", err, sizeof(err)) < 0);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x0 -0x800 +\n", err, sizeof(err)) < 0);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x0 0x800 + junk\n", err, sizeof(err)) < 0);
	CHECK(dl_map_parse(&m, "0x0 ? 9\n0x0 0x800 +\n", err, sizeof(err)) < 0);
	CHECK(dl_map_parse(&m, "0x0 ?\n0x800 0x800 +\n", err, sizeof(err)) < 0);
}

TEST(set_splits_and_merges)
{
	struct dl_map m;

	CHECK_EQ(dl_map_init(&m, 100 * 2048), 0);
	CHECK_EQ(m.n, 1);
	CHECK_EQ(dl_map_set(&m, 0, 10 * 2048, '+'), 0);
	CHECK_EQ(m.n, 2);
	CHECK_EQ(dl_map_set(&m, 10 * 2048, 2048, '-'), 0);
	CHECK_EQ(dl_map_set(&m, 11 * 2048, 20 * 2048, '+'), 0);
	CHECK_EQ(m.n, 4);	/* + - + ? */
	CHECK_EQ(dl_map_set(&m, 10 * 2048, 2048, '+'), 0);
	CHECK_EQ(m.n, 2);	/* + ? : merged both ways */
	CHECK_EQ(m.b[0].size, 31 * 2048);
	/* a hole in the middle of a block, then fill it */
	CHECK_EQ(dl_map_set(&m, 5 * 2048, 2048, '-'), 0);
	CHECK_EQ(m.n, 4);
	CHECK_EQ(m.b[1].pos, 5 * 2048);
	CHECK_EQ(m.b[1].status, '-');
	/* across several blocks, and clipped at the end */
	CHECK_EQ(dl_map_set(&m, 2048, 1000 * 2048, '?'), 0);
	CHECK_EQ(m.n, 2);
	CHECK_EQ(m.b[0].size, 2048);
	CHECK_EQ(m.b[1].size, 99 * 2048);
	CHECK_EQ(dl_map_set(&m, 0, 100 * 2048, '+'), 0);
	CHECK_EQ(m.n, 1);
	CHECK_EQ(dl_map_count(&m, '+'), 100 * 2048);
	/* past the end: nothing */
	CHECK_EQ(dl_map_set(&m, 100 * 2048, 2048, '-'), 0);
	CHECK_EQ(m.n, 1);
	dl_map_free(&m);
}

TEST(next_finds_statuses)
{
	struct dl_map m;
	uint64_t pos, size;

	dl_map_init(&m, 10 * 2048);
	dl_map_set(&m, 0, 2 * 2048, '+');
	dl_map_set(&m, 4 * 2048, 2048, '-');
	dl_map_set(&m, 5 * 2048, 5 * 2048, '+');
	CHECK(dl_map_next(&m, 0, "?", &pos, &size));
	CHECK_EQ(pos, 2 * 2048);
	CHECK_EQ(size, 2 * 2048);
	CHECK(dl_map_next(&m, 3 * 2048, "?", &pos, &size));
	CHECK_EQ(pos, 3 * 2048);
	CHECK_EQ(size, 2048);
	CHECK(!dl_map_next(&m, 4 * 2048, "?", &pos, &size));
	CHECK(dl_map_next(&m, 0, "-", &pos, &size));
	CHECK_EQ(pos, 4 * 2048);
	CHECK(dl_map_next(&m, 0, "?-", &pos, &size));
	CHECK_EQ(pos, 2 * 2048);
	CHECK(!dl_map_next(&m, 10 * 2048, "+", &pos, &size));
	dl_map_free(&m);
}

TEST(write_parse_round_trip)
{
	struct dl_map m, m2;
	char *text = NULL, err[128];
	size_t len = 0;
	FILE *f;
	size_t i;

	dl_map_init(&m, 0x1234 * 2048ULL);
	dl_map_set(&m, 0, 0x100 * 2048, '+');
	dl_map_set(&m, 0x100 * 2048, 2048, '-');
	dl_map_set(&m, 0x200 * 2048, 7 * 2048, '-');
	m.current_pos = 0x201 * 2048;
	m.current_status = '-';
	m.current_pass = 4;
	f = open_memstream(&text, &len);
	CHECK(f != NULL);
	CHECK_EQ(dl_map_write(&m, f, "discloop rip /dev/sr0 x.iso"), 0);
	fclose(f);
	CHECK(strstr(text, "# Command line: discloop rip /dev/sr0 x.iso\n") != NULL);
	CHECK(strstr(text, "0x00080000  0x00000800  -\n") != NULL);
	CHECK_EQ(dl_map_parse(&m2, text, err, sizeof(err)), 0);
	CHECK_EQ(m2.size, m.size);
	CHECK_EQ(m2.n, m.n);
	CHECK_EQ(m2.current_pos, m.current_pos);
	CHECK_EQ(m2.current_status, '-');
	CHECK_EQ(m2.current_pass, 4);
	for (i = 0; i < m.n && i < m2.n; i++) {
		CHECK_EQ(m2.b[i].pos, m.b[i].pos);
		CHECK_EQ(m2.b[i].size, m.b[i].size);
		CHECK_EQ(m2.b[i].status, m.b[i].status);
	}
	free(text);
	dl_map_free(&m);
	dl_map_free(&m2);
}

TEST(note_round_trip)
{
	struct dl_map m, m2;
	char *text = NULL, err[128], note[800];
	size_t len = 0, i;
	FILE *f;

	/* longer than any block line may be */
	for (i = 0; i < 99; i++)
		sprintf(note + i * 7, "%6zu ", i * 3001);
	dl_map_init(&m, 16 * 2352);
	m.note = strdup(note);
	CHECK(m.note != NULL);
	f = open_memstream(&text, &len);
	CHECK(f != NULL);
	CHECK_EQ(dl_map_write(&m, f, "x"), 0);
	fclose(f);
	CHECK_EQ(dl_map_parse(&m2, text, err, sizeof(err)), 0);
	CHECK(m2.note != NULL && !strcmp(m2.note, note));
	CHECK_EQ(m2.size, m.size);
	dl_map_free(&m2);
	free(text);
	/* no note: none read back */
	free(m.note);
	m.note = NULL;
	text = NULL;
	f = open_memstream(&text, &len);
	CHECK(f != NULL);
	CHECK_EQ(dl_map_write(&m, f, "x"), 0);
	fclose(f);
	CHECK_EQ(dl_map_parse(&m2, text, err, sizeof(err)), 0);
	CHECK(m2.note == NULL);
	dl_map_free(&m2);
	dl_map_free(&m);
	free(text);
}

TEST(save_is_atomic_and_loads)
{
	char dir[256], path[300], err[128], cmd[300];
	struct dl_map m, m2;

	CHECK(unit_tmpdir(dir, sizeof(dir)) != NULL);
	snprintf(path, sizeof(path), "%s/x.map", dir);
	dl_map_init(&m, 64 * 2048);
	dl_map_set(&m, 0, 32 * 2048, '+');
	CHECK_EQ(dl_map_save(&m, path, NULL), 0);
	dl_map_set(&m, 32 * 2048, 2048, '-');
	CHECK_EQ(dl_map_save(&m, path, "again"), 0);	/* replaces */
	CHECK_EQ(dl_map_load(&m2, path, err, sizeof(err)), 0);
	CHECK_EQ(m2.n, 3);
	CHECK_EQ(m2.size, 64 * 2048);
	CHECK_EQ(dl_map_count(&m2, '-'), 2048);
	dl_map_free(&m2);
	/* no temporary files left */
	snprintf(cmd, sizeof(cmd), "test $(ls -A %s | wc -l) = 1", dir);
	CHECK_EQ(system(cmd), 0);
	CHECK(dl_map_load(&m2, "/nonexistent/x.map", err, sizeof(err)) < 0);
	/* a directory that cannot be written: error, old map untouched */
	snprintf(path, sizeof(path), "/nonexistent/x.map");
	CHECK(dl_map_save(&m, path, NULL) < 0);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	CHECK_EQ(system(cmd), 0);
	dl_map_free(&m);
}
