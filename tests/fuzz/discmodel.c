// SPDX-License-Identifier: GPL-2.0
/*
 * discmodel: a multi-track layout as cdbfuzz's oracle sees it (see
 * discmodel.h). Written from ECMA-130 (sector layouts) and MMC (READ CD
 * field selection), not from the module: a Mode 1 sector is sync (12),
 * header (4), user data (2048), EDC/zero/P/Q (288); an XA Form 1 sector
 * sync, header, sub-header (8), user data (2048), EDC/P/Q (280); Form 2
 * sync, header, sub-header, user data with its EDC (2328). A selection
 * returns the fields it names in that order, and MMC leaves illegal the
 * ones that skip a field lying between two they name.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "discmodel.h"

static long num(const char *v)
{
	return strtol(v, NULL, 0);
}

static int open_file(const char *path, const char *spec, int line)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		fprintf(stderr, "cdbfuzz: %s:%d: %s: %s\n", spec, line, path,
			strerror(errno));
	return fd;
}

/* pread_full: COUNT bytes at OFF, zeros past the end of the file. */
static uint8_t *pread_full(int fd, size_t count, off_t off)
{
	uint8_t *p = calloc(1, count ? count : 1);
	size_t got = 0;
	ssize_t r;

	while (p && got < count) {
		r = pread(fd, p + got, count - got, off + got);
		if (r <= 0)
			break;
		got += r;
	}
	return p;
}

static void add_pick(struct disc_model *m, long lba)
{
	if (m->npicks < DM_MAX_PICKS)
		m->picks[m->npicks++] = lba;
}

static int track_line(struct disc_model *m, char *rest, const char *spec, int line)
{
	struct dm_track *t = &m->t[m->nr];
	struct discloop_track *u = &t->u;
	int control = -1;
	char *kv, *v;

	if (m->nr == DM_MAX_TRACKS)
		return -1;
	memset(t, 0, sizeof(*t));
	u->fd = -1;
	for (kv = strtok(rest, " \t\n"); kv; kv = strtok(NULL, " \t\n")) {
		v = strchr(kv, '=');
		if (!v)
			return -1;
		*v++ = 0;
		if (!strcmp(kv, "number")) u->number = num(v);
		else if (!strcmp(kv, "session")) u->session = num(v);
		else if (!strcmp(kv, "type"))
			u->type = !strcmp(v, "audio") ? DISCLOOP_TRACK_AUDIO :
				  !strcmp(v, "mode1") ? DISCLOOP_TRACK_MODE1 :
				  !strcmp(v, "mode2") ? DISCLOOP_TRACK_MODE2 :
				  !strcmp(v, "xa") ? DISCLOOP_TRACK_MODE2_XA : num(v);
		else if (!strcmp(kv, "file")) u->fd = open_file(v, spec, line);
		else if (!strcmp(kv, "size")) u->sector_size = num(v);
		else if (!strcmp(kv, "offset")) u->offset = num(v);
		else if (!strcmp(kv, "start")) u->start = num(v);
		else if (!strcmp(kv, "pregap")) u->pregap = num(v);
		else if (!strcmp(kv, "stored")) u->pregap_stored = num(v);
		else if (!strcmp(kv, "length")) u->length = num(v);
		else if (!strcmp(kv, "postgap")) u->postgap = num(v);
		else if (!strcmp(kv, "control")) control = num(v);
		else if (!strcmp(kv, "isrc")) memcpy(u->isrc, v, strnlen(v, DISCLOOP_ISRC_LEN));
		else return -1;
	}
	if (u->fd < 0 || u->sector_size != DM_RAW) {
		fprintf(stderr, "cdbfuzz: %s:%d: a track needs file= and size=2352\n",
			spec, line);
		return -1;
	}
	u->control = control >= 0 ? control :
		     u->type == DISCLOOP_TRACK_AUDIO ? 0 : DISCLOOP_CTRL_DATA;
	t->first = (long)(int32_t)u->start - u->pregap;
	t->stored = (long)(int32_t)u->start - u->pregap_stored;
	t->end = (long)(int32_t)u->start + u->length + u->postgap;
	t->raw = pread_full(u->fd, (size_t)(u->pregap_stored + u->length) * DM_RAW,
			    u->offset);
	if (!t->raw)
		return -1;
	m->nr++;
	return 0;
}

static int other_line(struct disc_model *m, const char *what, char *rest)
{
	char *kv, *v;
	int fd;

	if (!strcmp(what, "index")) {
		if (m->nidx == DM_MAX_INDEXES)
			return -1;
		memset(&m->idx[m->nidx], 0, sizeof(m->idx[0]));
		m->nidx++;
	}
	for (kv = strtok(rest, " \t\n"); kv; kv = strtok(NULL, " \t\n")) {
		v = strchr(kv, '=');
		if (!v)
			return -1;
		*v++ = 0;
		if (!strcmp(what, "index")) {
			struct discloop_index *x = &m->idx[m->nidx - 1];

			if (!strcmp(kv, "track")) x->track = num(v);
			else if (!strcmp(kv, "index")) x->index = num(v);
			else if (!strcmp(kv, "lba")) x->lba = num(v);
			else return -1;
		} else if (!strcmp(what, "disc")) {
			if (!strcmp(kv, "type")) m->disc_type = num(v);
			else if (!strcmp(kv, "mcn")) memcpy(m->mcn, v, strnlen(v, DISCLOOP_MCN_LEN));
			else return -1;
		} else if (!strcmp(what, "cdtext") && !strcmp(kv, "file")) {
			fd = open(v, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				return -1;
			m->cdtext_len = pread(fd, m->cdtext, sizeof(m->cdtext), 0);
			close(fd);
		} else if (!strcmp(what, "sub")) {
			if (!strcmp(kv, "file")) m->sub_fd = open(v, O_RDONLY | O_CLOEXEC);
			else if (!strcmp(kv, "lba")) m->sub_lba = num(v);
			else if (strcmp(kv, "layout") || strcmp(v, "raw"))
				return -1;	/* the oracle knows raw P-W only */
		} else {
			return -1;
		}
	}
	return 0;
}

/* The LBAs where the layout changes, and one inside each region. */
static void find_picks(struct disc_model *m)
{
	int i;

	add_pick(m, -1);
	add_pick(m, 0);
	for (i = 0; i < m->nr; i++) {
		const struct dm_track *t = &m->t[i];
		long s = (int32_t)t->u.start, l;

		add_pick(m, t->first);
		add_pick(m, s - 1);
		add_pick(m, s);
		add_pick(m, (s + t->end) / 2);
		add_pick(m, t->end - 1);
		add_pick(m, t->end);
		/* an XA track: where Form 2 begins */
		for (l = s; t->u.type == DISCLOOP_TRACK_MODE2_XA && l < t->end; l++) {
			const uint8_t *raw;

			if (dm_sector(m, l, &raw) == DM_FORM2) {
				add_pick(m, l - 1);
				add_pick(m, l);
				break;
			}
		}
	}
	add_pick(m, m->leadout + 1);
}

int dm_load(struct disc_model *m, const char *spec)
{
	char buf[4096], *what, *rest;
	int line = 0, bad = 0;
	FILE *f = fopen(spec, "r");

	memset(m, 0, sizeof(*m));
	m->sub_fd = -1;
	if (!f) {
		fprintf(stderr, "cdbfuzz: %s: %s\n", spec, strerror(errno));
		return -1;
	}
	while (!bad && fgets(buf, sizeof(buf), f)) {
		line++;
		what = strtok(buf, " \t\n");
		if (!what || *what == '#')
			continue;
		rest = strtok(NULL, "\n");
		if (!rest)
			rest = what + strlen(what);
		if (!strcmp(what, "track"))
			bad = track_line(m, rest, spec, line);
		else
			bad = other_line(m, what, rest);
		if (bad)
			fprintf(stderr, "cdbfuzz: %s:%d: cannot use this line\n", spec, line);
	}
	fclose(f);
	if (bad || !m->nr)
		return -1;
	m->leadout = m->t[m->nr - 1].end;
	m->sessions = m->t[m->nr - 1].u.session;
	if (m->sub_fd >= 0) {
		off_t end = lseek(m->sub_fd, 0, SEEK_END);

		m->sub_n = end / 96;
		m->sub = pread_full(m->sub_fd, m->sub_n * 96, 0);
		if (!m->sub)
			return -1;
	}
	find_picks(m);
	return 0;
}

int dm_insert(const struct disc_model *m, int ctl, int index)
{
	struct discloop_track ut[DM_MAX_TRACKS];
	struct discloop_disc d;
	int i;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.index = index;
	d.flags = DISCLOOP_FLAG_FORCE;
	d.nr_tracks = m->nr;
	d.track_size = sizeof(ut[0]);
	for (i = 0; i < m->nr; i++)
		ut[i] = m->t[i].u;
	d.tracks = (uintptr_t)ut;
	d.nr_indexes = m->nidx;
	d.indexes = (uintptr_t)m->idx;
	d.cdtext = m->cdtext_len ? (uintptr_t)m->cdtext : 0;
	d.cdtext_len = m->cdtext_len;
	d.disc_type = m->disc_type;
	memcpy(d.mcn, m->mcn, sizeof(d.mcn));
	d.sub_fd = m->sub_fd;
	d.sub_layout = m->sub_fd >= 0 ? DISCLOOP_SUB_PW_RAW : DISCLOOP_SUB_NONE;
	d.sub_lba = m->sub_lba;
	return ioctl(ctl, DISCLOOP_CTL_INSERT_DISC, &d) ? errno : 0;
}

int dm_track_of(const struct disc_model *m, long lba)
{
	int i;

	for (i = 0; i < m->nr; i++)
		if (lba >= m->t[i].first && lba < m->t[i].end)
			return m->t[i].u.number;
	return 0;
}

enum dm_kind dm_sector(const struct disc_model *m, long lba, const uint8_t **raw)
{
	static const uint8_t silence[DM_RAW];
	const struct dm_track *t = NULL;
	const uint8_t *s;
	int i;

	*raw = NULL;
	for (i = 0; i < m->nr && !t; i++)
		if (lba >= m->t[i].first && lba < m->t[i].end)
			t = &m->t[i];
	if (!t || lba < 0)
		return DM_NONE;		/* track 1's pregap before 0 included */
	if (lba < t->stored || lba >= (long)(int32_t)t->u.start + t->u.length) {
		if (t->u.type != DISCLOOP_TRACK_AUDIO)
			return DM_UNKNOWN;
		*raw = silence;
		return DM_CDDA;
	}
	s = t->raw + (size_t)(lba - t->stored) * DM_RAW;
	*raw = s;
	if (t->u.type == DISCLOOP_TRACK_AUDIO)
		return DM_CDDA;
	if (s[15] == 1)
		return DM_MODE1;
	if (s[15] == 2 && t->u.type == DISCLOOP_TRACK_MODE2_XA)
		return s[18] & 0x20 ? DM_FORM2 : DM_FORM1;
	return DM_UNKNOWN;	/* Mode 0, formless Mode 2: not modelled */
}

int dm_main_fields(enum dm_kind kind, uint8_t main, struct dm_span *spans)
{
	/* sync, header, sub-header, user data, EDC/ECC: offset, length */
	static const struct dm_span layout[][5] = {
		[DM_MODE1] = { { 0, 12 }, { 12, 4 }, { 0, 0 }, { 16, 2048 }, { 2064, 288 } },
		[DM_FORM1] = { { 0, 12 }, { 12, 4 }, { 16, 8 }, { 24, 2048 }, { 2072, 280 } },
		[DM_FORM2] = { { 0, 12 }, { 12, 4 }, { 16, 8 }, { 24, 2328 }, { 0, 0 } },
		[DM_MODE2] = { { 0, 12 }, { 12, 4 }, { 0, 0 }, { 16, 2336 }, { 0, 0 } },
	};
	static const uint8_t bit[5] = { 0x80, 0x20, 0x40, 0x10, 0x08 };
	int i, n = 0, runs = 0, in = 0;

	if ((main & 0x01) || (main & 0x06) == 0x06)
		return -1;
	if (kind == DM_CDDA) {
		if (!(main & 0x10))
			return 0;
		spans[0].off = 0;
		spans[0].len = DM_RAW;
		return 1;
	}
	for (i = 0; i < 5; i++) {
		if (!layout[kind][i].len)
			continue;
		if (main & bit[i]) {
			if (!in)
				runs++;
			in = 1;
			spans[n++] = layout[kind][i];
		} else {
			in = 0;
		}
	}
	return runs > 1 ? -1 : n;
}
