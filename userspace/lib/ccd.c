// SPDX-License-Identifier: GPL-2.0
/*
 * CloneCD images (.ccd + .img, optional .sub) into a CD layout.
 *
 * The .ccd is an INI file: [Disc] (Sessions, DataTracksScrambled,
 * CATALOG), [Session n], [Entry n] (the raw TOC: Point A0h gives the disc
 * type, A2h each session's lead-out, 01h-63h each track's INDEX 01 LBA and
 * CONTROL), [TRACK n] (MODE 0/1/2, INDEX 0/1 LBAs, ISRC), [CDText]. The
 * .img holds every sector from LBA 0 as 2352 bytes, pregaps included,
 * sessions one after the other without their gaps; the .sub 96 bytes per
 * sector, each channel's 12 bytes in turn (served as DISCLOOP_SUB_PW_LINEAR).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "errmsg.h"
#include "layout.h"
#include "../common/cdframe.h"

#define NO_VALUE	INT64_MIN
#define MAX_ENTRIES	(3 * 99 + 99)

enum section { S_NONE, S_DISC, S_SESSION, S_ENTRY, S_TRACK, S_CDTEXT, S_OTHER };

struct ccd_entry {
	int line;
	int64_t session, point, control, plba, psec;
};

struct ccd_track {
	int line;
	int64_t mode, index0, index1;
	int64_t idx[100];	/* INDEX 2..99, absolute LBAs */
	int idx_line[100];
	char isrc[DISCLOOP_ISRC_LEN + 1];
};

struct ccd {
	struct dl_layout *l;
	int line;
	enum section sec;
	int num;		/* of the section */
	int64_t scrambled, sessions;
	struct ccd_entry e[MAX_ENTRIES];
	int ne;
	struct ccd_track t[DISCLOOP_MAX_TRACKS + 1];	/* by number */
	unsigned char *text;	/* [CDText] packs */
	size_t text_len;
};

static int fail(struct ccd *c, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(struct ccd *c, int line, const char *fmt, ...)
{
	char why[DL_ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	if (line)
		dl_seterr("%s:%d: %s", c->l->path, line, why);
	else
		dl_seterr("%s: %s", c->l->path, why);
	return -EINVAL;
}

static bool number(const char *v, int64_t *out)
{
	char *end;
	long long x;

	errno = 0;
	x = strtoll(v, &end, 0);
	if (errno || end == v || *end)
		return false;
	*out = x;
	return true;
}

static int section(struct ccd *c, char *name)
{
	char *end = strchr(name, ']');
	long n;

	if (!end || end[1])
		return fail(c, c->line, "malformed section header");
	*end = '\0';
	c->sec = S_OTHER;
	c->num = 0;
	if (!strcasecmp(name, "Disc")) {
		c->sec = S_DISC;
	} else if (!strcasecmp(name, "CDText")) {
		c->sec = S_CDTEXT;
	} else if (sscanf(name, "Session %ld", &n) == 1) {
		c->sec = S_SESSION;
	} else if (sscanf(name, "Entry %ld", &n) == 1) {
		if (c->ne == MAX_ENTRIES)
			return fail(c, c->line, "too many TOC entries");
		c->sec = S_ENTRY;
		c->e[c->ne].line = c->line;
		c->e[c->ne].session = c->e[c->ne].point = c->e[c->ne].control = NO_VALUE;
		c->e[c->ne].plba = c->e[c->ne].psec = NO_VALUE;
		c->ne++;
	} else if (sscanf(name, "TRACK %ld", &n) == 1) {
		if (n < 1 || n > 99)
			return fail(c, c->line, "track number %ld out of 1..99", n);
		c->sec = S_TRACK;
		c->num = (int)n;
		c->t[n].line = c->line;
		c->t[n].mode = c->t[n].index0 = c->t[n].index1 = NO_VALUE;
		for (int k = 0; k < 100; k++)
			c->t[n].idx[k] = NO_VALUE;
	}
	return 0;
}

/* [CDText] "Entry N=xx xx ..." : 16 bytes (CRC added here) or 18. */
static int cdtext_entry(struct ccd *c, const char *v)
{
	unsigned char pack[DISCLOOP_CDTEXT_PACK], *n;
	unsigned int b;
	int len = 0, used;
	uint16_t crc;

	while (*v && len < DISCLOOP_CDTEXT_PACK && sscanf(v, " %2x%n", &b, &used) == 1) {
		pack[len++] = (unsigned char)b;
		v += used;
	}
	while (isspace((unsigned char)*v))
		v++;
	if (*v || (len != 16 && len != 18))
		return fail(c, c->line, "a CD-TEXT entry wants 16 or 18 hex bytes");
	if (len == 16) {
		crc = (uint16_t)~dl_crc16_ccitt(pack, 16);
		pack[16] = (unsigned char)(crc >> 8);
		pack[17] = (unsigned char)crc;
	}
	if (c->text_len + DISCLOOP_CDTEXT_PACK > DISCLOOP_MAX_CDTEXT)
		return fail(c, c->line, "too much CD-TEXT");
	n = realloc(c->text, c->text_len + DISCLOOP_CDTEXT_PACK);
	if (!n)
		return fail(c, c->line, "out of memory");
	memcpy(n + c->text_len, pack, DISCLOOP_CDTEXT_PACK);
	c->text = n;
	c->text_len += DISCLOOP_CDTEXT_PACK;
	return 0;
}

static int key_value(struct ccd *c, const char *k, const char *v)
{
	struct ccd_entry *e = c->ne ? &c->e[c->ne - 1] : NULL;
	struct ccd_track *t = &c->t[c->num];
	int64_t x = 0, *dst = NULL;
	bool num = number(v, &x);

	switch (c->sec) {
	case S_DISC:
		if (!strcasecmp(k, "CATALOG")) {
			if (!dl_mcn_valid(v))
				return fail(c, c->line, "CATALOG wants 13 digits");
			memcpy(c->l->mcn, v, DISCLOOP_MCN_LEN + 1);
			return 0;
		}
		if (!strcasecmp(k, "DataTracksScrambled"))
			dst = &c->scrambled;
		else if (!strcasecmp(k, "Sessions"))
			dst = &c->sessions;
		break;
	case S_ENTRY:
		if (!strcasecmp(k, "Session"))
			dst = &e->session;
		else if (!strcasecmp(k, "Point"))
			dst = &e->point;
		else if (!strcasecmp(k, "Control"))
			dst = &e->control;
		else if (!strcasecmp(k, "PLBA"))
			dst = &e->plba;
		else if (!strcasecmp(k, "PSec"))
			dst = &e->psec;
		break;
	case S_TRACK:
		if (!strcasecmp(k, "ISRC")) {
			if (*v && !dl_isrc_valid(v))
				return fail(c, c->line, "ISRC wants 12 characters: 5 letters or "
					    "digits, 7 digits");
			snprintf(t->isrc, sizeof(t->isrc), "%s", v);
			return 0;
		}
		if (!strcasecmp(k, "MODE"))
			dst = &t->mode;
		else if (!strcasecmp(k, "INDEX 0"))
			dst = &t->index0;
		else if (!strcasecmp(k, "INDEX 1"))
			dst = &t->index1;
		else if (!strncasecmp(k, "INDEX ", 6)) {
			int64_t n = 0;

			if (!number(k + 6, &n) || n < 2 || n > 99)
				return fail(c, c->line, "%s: indexes are numbered 0 to 99", k);
			if (t->idx[n] != NO_VALUE)
				return fail(c, c->line, "%s given twice", k);
			t->idx_line[n] = c->line;
			dst = &t->idx[n];
		}
		break;
	case S_CDTEXT:
		if (!strncasecmp(k, "Entry ", 6))
			return cdtext_entry(c, v);
		break;
	default:
		break;
	}
	if (dst && !num)
		return fail(c, c->line, "%s wants a number", k);
	if (dst)
		*dst = x;
	return 0;
}

static void trim(char **s)
{
	char *e;

	while (isspace((unsigned char)**s))
		(*s)++;
	e = *s + strlen(*s);
	while (e > *s && isspace((unsigned char)e[-1]))
		*--e = '\0';
}

static int parse_ini(struct ccd *c, const char *text)
{
	char buf[1024];

	while (*text) {
		size_t len = strcspn(text, "\n");
		char *s = buf, *eq;
		int ret;

		c->line++;
		if (len >= sizeof(buf))
			return fail(c, c->line, "line too long");
		memcpy(buf, text, len);
		buf[len] = '\0';
		text += len + (text[len] == '\n');
		trim(&s);
		if (!*s || *s == ';' || *s == '#')
			continue;
		if (*s == '[') {
			ret = section(c, s + 1);
		} else {
			eq = strchr(s, '=');
			if (!eq)
				return fail(c, c->line, "neither [section] nor key=value");
			*eq++ = '\0';
			trim(&s);
			trim(&eq);
			ret = key_value(c, s, eq);
		}
		if (ret)
			return ret;
	}
	return 0;
}

/* The sessions' lead-outs (A2h) and the disc type (A0h of session 1). */
static int leadouts(struct ccd *c, int64_t *leadout)
{
	int i;

	for (i = 0; i < c->ne; i++) {
		const struct ccd_entry *e = &c->e[i];

		if (e->session < 1 || e->session > 99 || e->point == NO_VALUE)
			return fail(c, e->line, "TOC entry without a valid Session or Point");
		if (e->point == 0xa2) {
			if (e->plba == NO_VALUE)
				return fail(c, e->line, "lead-out entry without PLBA");
			leadout[e->session] = e->plba;
		} else if (e->point == 0xa0 && e->session == 1 && e->psec != NO_VALUE) {
			c->l->disc_type = (uint8_t)e->psec;
		}
	}
	return 0;
}

/* One track from its TOC entry and [TRACK n]. */
static int add_track(struct ccd *c, const struct ccd_entry *e)
{
	struct dl_layout *l = c->l;
	const struct ccd_track *ct = &c->t[e->point];
	struct dl_layout_track *lt = &l->tracks[l->nr_tracks];
	static const char *const modes[] = { "AUDIO", "MODE1", "MODE2" };
	int64_t prev;
	int k;

	if (e->point != l->nr_tracks + 1)
		return fail(c, e->line, "track %lld: tracks must be numbered 1, 2, ... in order",
			    (long long)e->point);
	if (e->plba == NO_VALUE || e->control == NO_VALUE)
		return fail(c, e->line, "track %lld: entry without PLBA or Control",
			    (long long)e->point);
	if (!ct->line || ct->mode < 0 || ct->mode > 2)
		return fail(c, ct->line ? ct->line : e->line, "track %lld: no [TRACK] section "
			    "with MODE 0, 1 or 2", (long long)e->point);
	lt->t.number = (uint8_t)e->point;
	lt->t.session = (uint8_t)e->session;
	lt->t.control = (uint8_t)(e->control & 0x0f);
	lt->t.type = (uint8_t)(ct->mode == 0 ? DISCLOOP_TRACK_AUDIO : ct->mode == 1 ?
			       DISCLOOP_TRACK_MODE1 : DISCLOOP_TRACK_MODE2_XA);
	lt->mode = modes[ct->mode];
	lt->t.sector_size = 2352;
	lt->t.start = (uint32_t)e->plba;
	lt->file = 0;
	if (ct->index1 != NO_VALUE && ct->index1 != e->plba)
		return fail(c, ct->line, "track %lld: INDEX 1 disagrees with the TOC entry",
			    (long long)e->point);
	if (ct->index0 != NO_VALUE && (ct->index0 > e->plba || ct->index0 < 0))
		return fail(c, ct->line, "track %lld: INDEX 0 after INDEX 1",
			    (long long)e->point);
	lt->t.pregap_stored = ct->index0 != NO_VALUE ? (uint32_t)(e->plba - ct->index0) : 0;
	if (ct->isrc[0])
		memcpy(lt->t.isrc, ct->isrc, DISCLOOP_ISRC_LEN);
	/* INDEX 2..99, kept relative to INDEX 1 until dl_layout_place(). */
	for (k = 2, prev = e->plba; k < 100; k++) {
		if (ct->idx[k] == NO_VALUE)
			continue;
		if (ct->idx[k] <= prev)
			return fail(c, ct->idx_line[k], "track %lld: INDEX %d does not follow "
				    "the index before it", (long long)e->point, k);
		prev = ct->idx[k];
		if (dl_layout_add_index(l, (int)e->point, k, (uint32_t)(ct->idx[k] - e->plba)))
			return fail(c, ct->idx_line[k], "out of memory");
	}
	l->nr_tracks++;
	return 0;
}

/* Gaps and lengths from the starts and lead-outs; file offsets in the .img. */
static int lay_out(struct ccd *c, const int64_t *leadout)
{
	struct dl_layout *l = c->l;
	uint64_t offset = 0;
	int i;

	for (i = 0; i < l->nr_tracks; i++) {
		struct discloop_track *t = &l->tracks[i].t;
		bool first = !i || l->tracks[i - 1].t.session != t->session;
		bool last = i + 1 == l->nr_tracks || l->tracks[i + 1].t.session != t->session;
		int64_t end, begin;

		if (!i) {	/* LBA 0 is the first sector of the .img */
			t->pregap_stored = t->start;
			t->pregap = DL_PREGAP + t->start;
		} else if (first) {
			t->pregap = t->pregap_stored ? t->pregap_stored : DL_PREGAP;
			begin = (int64_t)t->start - t->pregap;
			if (begin <= leadout[t->session - 1])
				return fail(c, 0, "session %u begins before session %u's lead-out",
					    t->session, t->session - 1);
			l->session_gap[t->session] = (uint32_t)(begin - leadout[t->session - 1]);
		} else {
			t->pregap = t->pregap_stored;
		}
		if (leadout[t->session] == NO_VALUE)
			return fail(c, 0, "session %u has no lead-out entry (point A2)", t->session);
		end = last ? leadout[t->session] :
		      (int64_t)l->tracks[i + 1].t.start - l->tracks[i + 1].t.pregap_stored;
		if (end <= (int64_t)t->start)
			return fail(c, 0, "track %u: no sectors after INDEX 1", t->number);
		t->length = (uint32_t)(end - t->start);
		t->offset = offset;
		offset += (uint64_t)(t->pregap_stored + t->length) * 2352;
	}
	return 0;
}

/* The .img (and .sub) beside the .ccd. */
static int open_files(struct ccd *c)
{
	struct dl_layout *l = c->l;
	const char *slash = strrchr(l->path, '/');
	const char *name = slash ? slash + 1 : l->path;
	char img[512], sub[512];
	int fi;
	size_t stem = strlen(name) - 4;

	snprintf(img, sizeof(img), "%.*s.img", (int)stem, name);
	snprintf(sub, sizeof(sub), "%.*s.sub", (int)stem, name);
	fi = dl_layout_file(l, img, 0);
	if (fi < 0) {
		dl_seterr("%s: %s: %s (a CloneCD image keeps its sectors there)", l->path, img,
			  strerror(-fi));
		return fi;
	}
	{
		char full[1024];

		snprintf(full, sizeof(full), "%.*s%s", slash ? (int)(slash - l->path + 1) : 0,
			 l->path, sub);
		if (access(full, F_OK))
			return 0;	/* no .sub: P and Q are synthesised */
	}
	if (c->sessions > 1 || l->tracks[l->nr_tracks - 1].t.session > 1)
		return fail(c, 0, "%s: the sub-channel of a multi-session CloneCD image cannot "
			    "be served yet (remove or rename the .sub to use the image "
			    "without it)", sub);
	fi = dl_layout_file(l, sub, 0);
	if (fi < 0) {
		dl_seterr("%s: %s: %s", l->path, sub, strerror(-fi));
		return fi;
	}
	l->sub_file = fi;
	l->sub_layout = DISCLOOP_SUB_PW_LINEAR;
	return 0;
}

int dl_ccd_parse(struct dl_layout *l, const char *text)
{
	struct ccd *c = calloc(1, sizeof(*c));
	int64_t leadout[DISCLOOP_MAX_TRACKS + 2];
	int i, ret;

	if (!c) {
		dl_seterr("%s: out of memory", l->path);
		return -ENOMEM;
	}
	c->l = l;
	for (i = 0; i < DISCLOOP_MAX_TRACKS + 2; i++)
		leadout[i] = NO_VALUE;
	leadout[0] = -1;
	ret = parse_ini(c, text);
	if (!ret && c->scrambled > 0)
		ret = fail(c, 0, "DataTracksScrambled=1: scrambled data tracks are not "
			   "supported (descramble the image first)");
	if (!ret)
		ret = leadouts(c, leadout);
	for (i = 0; !ret && i < c->ne; i++)
		if (c->e[i].point >= 1 && c->e[i].point <= 99)
			ret = add_track(c, &c->e[i]);
	if (!ret && !l->nr_tracks)
		ret = fail(c, 0, "no track entries");
	if (!ret)
		ret = lay_out(c, leadout);
	if (!ret)
		ret = open_files(c);
	if (!ret && c->text_len) {
		l->cdtext = c->text;
		l->cdtext_len = c->text_len;
		c->text = NULL;
	}
	if (!ret)
		dl_layout_place(l);
	for (i = 0; !ret && i < l->nr_tracks; i++) {
		const struct ccd_entry *e = NULL;
		int k;

		for (k = 0; k < c->ne; k++)
			if (c->e[k].point == l->tracks[i].t.number)
				e = &c->e[k];
		if (e && (int64_t)l->tracks[i].t.start != e->plba)
			ret = fail(c, e->line, "track %u: INDEX 1 at %lld does not follow from "
				   "the gaps before it", l->tracks[i].t.number,
				   (long long)e->plba);
	}
	for (i = 0; !ret && i < l->nr_indexes; i++) {
		const struct discloop_index *x = &l->indexes[i];
		const struct discloop_track *t = &l->tracks[x->track - 1].t;

		if (x->lba >= t->start + t->length)
			ret = fail(c, c->t[x->track].idx_line[x->index], "track %u: INDEX %d "
				   "lies beyond the track", x->track, x->index);
	}
	free(c->text);
	free(c);
	return ret;
}
