// SPDX-License-Identifier: GPL-2.0
/*
 * CUE sheets (CDRWin) into a CD layout.
 *
 * INDEX times count sectors from the start of the FILE; a track's bytes
 * begin where the previous track of the same FILE ended, each track having
 * its own sector size. INDEX 00 starts a pregap that is in the file;
 * PREGAP and POSTGAP are not in the file. Track 1 has 150 unstored pregap
 * sectors before LBA 0 (more if INDEX 00 stores some). REM SESSION nn
 * starts a session; before sessions 2.. the usual lead-out, lead-in and
 * pregap (11400 sectors from the previous lead-out to INDEX 01, then 6900)
 * are assumed unless REM LEAD-OUT, REM LEAD-IN and REM PREGAP say otherwise
 * (redump.org leaves those lines out of the cues it hosts).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "descscan.h"
#include "errmsg.h"
#include "layout.h"

#define UNSET	UINT32_MAX

enum file_kind { F_BINARY, F_MOTOROLA, F_WAVE };

struct cue_track {
	int line;		/* of TRACK */
	int index_line;		/* of INDEX 01 (or the first INDEX) */
	int file;
	enum file_kind kind;
	uint32_t idx[100];	/* frames from the start of the file, UNSET */
	int idx_line[100];
	uint32_t pregap, postgap;	/* unstored; UNSET when not given */
	bool flags_seen, isrc_seen;
	uint32_t session_gap, session_pregap;	/* first track of a session */
};

struct cue {
	struct dl_layout *l;
	struct dl_scan s;
	struct cue_track *ct;	/* DISCLOOP_MAX_TRACKS */
	int file;		/* current FILE, -1 before the first */
	enum file_kind kind;
	int session;		/* REM SESSION, 1 before any */
	bool session_started;	/* a track of the current session was seen */
	uint32_t rem_leadout, rem_leadin, rem_pregap;	/* UNSET */
	char *cdtextfile;
	int cdtextfile_line;
};

static int fail(struct cue *c, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct cue *c, int line, const char *fmt, ...)
{
	char why[DL_ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	dl_seterr("%s:%d: %s", c->l->path, line, why);
	return -EINVAL;
}

static struct dl_layout_track *cur(struct cue *c)
{
	return c->l->nr_tracks ? &c->l->tracks[c->l->nr_tracks - 1] : NULL;
}

static int cmd_file(struct cue *c)
{
	static const char *const kinds[] = { "BINARY", "MOTOROLA", "WAVE" };
	int line = c->s.line, f, k;
	struct cue_track *t = c->l->nr_tracks ? &c->ct[c->l->nr_tracks - 1] : NULL;

	if (c->s.n != 3)
		return fail(c, line, "FILE wants a name and a type");
	for (k = 0; k < 3; k++)
		if (!strcasecmp(c->s.w[2], kinds[k]))
			break;
	if (k == 3)
		return fail(c, line, "FILE type %s is not supported (BINARY, MOTOROLA or WAVE; "
			    "decode AIFF, MP3 or FLAC to WAVE first)", c->s.w[2]);
	if (t && t->idx[1] == UNSET)
		return fail(c, line, "track %u has no INDEX 01 in its FILE (a track "
			    "split over two files is not supported)", cur(c)->t.number);
	f = dl_layout_file(c->l, c->s.w[1], line);
	if (f < 0)
		return f;
	if (k == F_WAVE) {
		int ret = dl_layout_wave(c->l, f, line);

		if (ret)
			return ret;
	}
	c->file = f;
	c->kind = (enum file_kind)k;
	return 0;
}

/* TRACK nn MODE: the type, stored size and the name of the mode. */
static int track_mode(struct cue *c, struct dl_layout_track *lt)
{
	static const struct {
		const char *name;
		uint8_t type;
		uint16_t size;
		uint8_t disc;
	} modes[] = {
		{ "AUDIO", DISCLOOP_TRACK_AUDIO, 2352, DISCLOOP_DISC_CD_DA_ROM },
		{ "CDG", DISCLOOP_TRACK_AUDIO, 2448, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE1/2048", DISCLOOP_TRACK_MODE1, 2048, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE1/2352", DISCLOOP_TRACK_MODE1, 2352, DISCLOOP_DISC_CD_DA_ROM },
		{ "MODE2/2048", DISCLOOP_TRACK_MODE2_XA, 2048, DISCLOOP_DISC_CD_XA },
		{ "MODE2/2324", DISCLOOP_TRACK_MODE2_XA, 2324, DISCLOOP_DISC_CD_XA },
		{ "MODE2/2336", DISCLOOP_TRACK_MODE2_XA, 2336, DISCLOOP_DISC_CD_XA },
		{ "MODE2/2352", DISCLOOP_TRACK_MODE2_XA, 2352, DISCLOOP_DISC_CD_XA },
		{ "CDI/2336", DISCLOOP_TRACK_MODE2_XA, 2336, DISCLOOP_DISC_CD_I },
		{ "CDI/2352", DISCLOOP_TRACK_MODE2_XA, 2352, DISCLOOP_DISC_CD_I },
	};
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcasecmp(c->s.w[2], modes[i].name))
			continue;
		lt->mode = modes[i].name;
		lt->t.type = modes[i].type;
		lt->t.sector_size = modes[i].size;
		if (modes[i].type != DISCLOOP_TRACK_AUDIO)
			lt->t.control |= DISCLOOP_CTRL_DATA;
		/* CD-I wins over XA, XA over plain CD-ROM */
		if (modes[i].disc == DISCLOOP_DISC_CD_I ||
		    (modes[i].disc == DISCLOOP_DISC_CD_XA &&
		     c->l->disc_type != DISCLOOP_DISC_CD_I))
			c->l->disc_type = modes[i].disc;
		return 0;
	}
	return fail(c, c->s.line, "unknown track mode %s", c->s.w[2]);
}

static int cmd_track(struct cue *c)
{
	struct dl_layout *l = c->l;
	int line = c->s.line;
	struct dl_layout_track *lt;
	struct cue_track *t;
	unsigned long n;
	int i;

	if (c->s.n != 3 || !dl_scan_uint(c->s.w[1], 1, 99, &n))
		return fail(c, line, "TRACK wants a number 1..99 and a mode");
	if (c->file < 0)
		return fail(c, line, "TRACK before any FILE");
	if (l->nr_tracks && (unsigned long)cur(c)->t.number + 1 != n)
		return fail(c, line, "track %lu follows track %u", n, cur(c)->t.number);
	if (l->nr_tracks && c->ct[l->nr_tracks - 1].idx[1] == UNSET)
		return fail(c, line, "track %u has no INDEX 01", cur(c)->t.number);
	if (l->nr_tracks == DISCLOOP_MAX_TRACKS)
		return fail(c, line, "more than 99 tracks");
	lt = &l->tracks[l->nr_tracks];
	t = &c->ct[l->nr_tracks];
	memset(t, 0, sizeof(*t));
	for (i = 0; i < 100; i++)
		t->idx[i] = UNSET;
	t->pregap = t->postgap = UNSET;
	t->line = line;
	t->file = c->file;
	t->kind = c->kind;
	lt->file = c->file;
	lt->t.number = (uint8_t)n;
	lt->t.session = (uint8_t)c->session;
	if (track_mode(c, lt))
		return -EINVAL;
	if (c->kind != F_BINARY && lt->t.type != DISCLOOP_TRACK_AUDIO)
		return fail(c, line, "a %s file holds audio only, not a %s track",
			    c->kind == F_WAVE ? "WAVE" : "MOTOROLA", lt->mode);
	if (c->kind == F_MOTOROLA)
		lt->t.flags |= DISCLOOP_TRACK_AUDIO_BE;
	if (c->session > 1 && !c->session_started) {
		t->session_gap = (c->rem_leadout != UNSET ? c->rem_leadout :
				  c->session == 2 ? DL_LEADOUT_FIRST : DL_LEADOUT_NEXT) +
				 (c->rem_leadin != UNSET ? c->rem_leadin : DL_LEADIN);
		t->session_pregap = c->rem_pregap != UNSET ? c->rem_pregap : DL_PREGAP;
		l->session_gap[c->session] = t->session_gap;
	} else if (!l->nr_tracks) {
		t->session_pregap = DL_PREGAP;
	}
	c->session_started = true;
	c->rem_leadout = c->rem_leadin = c->rem_pregap = UNSET;
	l->nr_tracks++;
	return 0;
}

static int need_track(struct cue *c, const char *cmd)
{
	if (!c->l->nr_tracks)
		return fail(c, c->s.line, "%s before any TRACK", cmd);
	return 0;
}

static int cmd_index(struct cue *c)
{
	struct cue_track *t;
	unsigned long n;
	uint32_t fr;
	int i, line = c->s.line;

	if (need_track(c, "INDEX"))
		return -EINVAL;
	t = &c->ct[c->l->nr_tracks - 1];
	if (c->s.n != 3 || !dl_scan_uint(c->s.w[1], 0, 99, &n) || !dl_scan_msf(c->s.w[2], &fr))
		return fail(c, line, "INDEX wants a number 0..99 and mm:ss:ff");
	if (t->idx[n] != UNSET)
		return fail(c, line, "INDEX %02lu given twice", n);
	for (i = (int)n + 1; i < 100; i++)
		if (t->idx[i] != UNSET)
			return fail(c, line, "INDEX %02lu after INDEX %02d", n, i);
	if (n > 1 && t->idx[1] == UNSET)
		return fail(c, line, "INDEX %02lu before INDEX 01", n);
	for (i = (int)n - 1; i >= 0; i--)
		if (t->idx[i] != UNSET && t->idx[i] >= fr)
			return fail(c, line, "INDEX %02lu is not after INDEX %02d", n, i);
	if (t->file != c->file)
		return fail(c, line, "track %u continues in another FILE (a track "
			    "split over two files is not supported)", cur(c)->t.number);
	if (t->postgap != UNSET)
		return fail(c, line, "INDEX after POSTGAP");
	if (n <= 1 && c->l->nr_tracks > 1 && c->ct[c->l->nr_tracks - 2].file == c->file &&
	    fr <= c->ct[c->l->nr_tracks - 2].idx[1])
		return fail(c, line, "track %u does not start after track %u's INDEX 01",
			    cur(c)->t.number, cur(c)->t.number - 1);
	t->idx[n] = fr;
	t->idx_line[n] = line;
	if (n <= 1)
		t->index_line = line;
	return 0;
}

static int cmd_gap(struct cue *c, bool post)
{
	struct cue_track *t;
	uint32_t fr;
	int line = c->s.line;

	if (need_track(c, post ? "POSTGAP" : "PREGAP"))
		return -EINVAL;
	t = &c->ct[c->l->nr_tracks - 1];
	if (c->s.n != 2 || !dl_scan_msf(c->s.w[1], &fr))
		return fail(c, line, "%s wants mm:ss:ff", post ? "POSTGAP" : "PREGAP");
	if (post ? t->postgap != UNSET : t->pregap != UNSET)
		return fail(c, line, "%s given twice", post ? "POSTGAP" : "PREGAP");
	if (post && t->idx[1] == UNSET)
		return fail(c, line, "POSTGAP before INDEX 01");
	if (!post && (t->idx[0] != UNSET || t->idx[1] != UNSET))
		return fail(c, line, "PREGAP after INDEX");
	if (post)
		t->postgap = fr;
	else
		t->pregap = fr;
	return 0;
}

static int cmd_flags(struct cue *c)
{
	static const struct { const char *name; uint8_t bit; } flags[] = {
		{ "DCP", DISCLOOP_CTRL_DCP }, { "4CH", DISCLOOP_CTRL_4CH },
		{ "PRE", DISCLOOP_CTRL_PRE }, { "SCMS", 0 },
	};
	struct dl_layout_track *lt;
	int i;
	size_t k;

	if (need_track(c, "FLAGS"))
		return -EINVAL;
	lt = cur(c);
	if (c->ct[c->l->nr_tracks - 1].flags_seen)
		return fail(c, c->s.line, "FLAGS given twice");
	c->ct[c->l->nr_tracks - 1].flags_seen = true;
	for (i = 1; i < c->s.n; i++) {
		for (k = 0; k < sizeof(flags) / sizeof(flags[0]); k++)
			if (!strcasecmp(c->s.w[i], flags[k].name))
				break;
		if (k == sizeof(flags) / sizeof(flags[0]))
			return fail(c, c->s.line, "unknown flag %s (DCP, 4CH, PRE or SCMS)",
				    c->s.w[i]);
		if (flags[k].bit != DISCLOOP_CTRL_DCP && lt->t.type != DISCLOOP_TRACK_AUDIO &&
		    flags[k].bit)
			return fail(c, c->s.line, "FLAGS %s on a data track", flags[k].name);
		/* SCMS is a serial copy bit of the digital audio interface:
		 * nothing on the disc carries it. */
		lt->t.control |= flags[k].bit;
	}
	return 0;
}

static int cmd_text(struct cue *c, int kind)
{
	char **dst = c->l->nr_tracks ? &cur(c)->text[kind] : &c->l->text[kind];

	if (c->s.n != 2)
		return fail(c, c->s.line, "%s wants one (quoted) string",
			    dl_cdtext_kind_names[kind]);
	if (strlen(c->s.w[1]) > 159)
		return fail(c, c->s.line, "%s longer than 159 characters",
			    dl_cdtext_kind_names[kind]);
	free(*dst);
	*dst = strdup(c->s.w[1]);
	if (!*dst)
		return fail(c, c->s.line, "out of memory");
	return 0;
}

static int cmd_rem(struct cue *c)
{
	uint32_t *dst = NULL;
	unsigned long n;
	uint32_t fr;
	int line = c->s.line;

	if (c->s.n < 2)
		return 0;
	if (!strcasecmp(c->s.w[1], "SESSION")) {
		if (c->s.n != 3 || !dl_scan_uint(c->s.w[2], 1, 99, &n))
			return fail(c, line, "REM SESSION wants a number 1..99");
		if (n == (unsigned long)c->session && !c->session_started)
			return 0;	/* REM SESSION 01 before the first track */
		if (n != (unsigned long)c->session + 1)
			return fail(c, line, "session %lu follows session %d", n,
				    c->session_started ? c->session : c->session - 1);
		if (!c->session_started)
			return fail(c, line, "session %d has no track", c->session);
		c->session = (int)n;
		c->session_started = false;
		return 0;
	}
	if (!strcasecmp(c->s.w[1], "LEAD-OUT"))
		dst = &c->rem_leadout;
	else if (!strcasecmp(c->s.w[1], "LEAD-IN"))
		dst = &c->rem_leadin;
	else if (!strcasecmp(c->s.w[1], "PREGAP"))
		dst = &c->rem_pregap;
	if (!dst)
		return 0;	/* a comment */
	if (c->s.n != 3 || !dl_scan_msf(c->s.w[2], &fr))
		return fail(c, line, "REM %s wants mm:ss:ff", c->s.w[1]);
	*dst = fr;
	return 0;
}

static int cmd_simple(struct cue *c)
{
	const char *w = c->s.w[0];
	int line = c->s.line, k;

	if (!strcasecmp(w, "CATALOG")) {
		if (c->s.n != 2 || !dl_mcn_valid(c->s.w[1]))
			return fail(c, line, "CATALOG wants 13 digits");
		memcpy(c->l->mcn, c->s.w[1], DISCLOOP_MCN_LEN + 1);
		return 0;
	}
	if (!strcasecmp(w, "ISRC")) {
		if (need_track(c, "ISRC"))
			return -EINVAL;
		if (c->s.n != 2 || !dl_isrc_valid(c->s.w[1]))
			return fail(c, line, "ISRC wants 12 characters: 5 letters or digits, "
				    "7 digits");
		memcpy(cur(c)->t.isrc, c->s.w[1], DISCLOOP_ISRC_LEN);
		return 0;
	}
	if (!strcasecmp(w, "CDTEXTFILE")) {
		if (c->s.n != 2)
			return fail(c, line, "CDTEXTFILE wants a file name");
		free(c->cdtextfile);
		c->cdtextfile = strdup(c->s.w[1]);
		c->cdtextfile_line = line;
		return c->cdtextfile ? 0 : fail(c, line, "out of memory");
	}
	for (k = 0; k < DL_CDTEXT_KINDS; k++)
		if (!strcasecmp(w, dl_cdtext_kind_names[k]))
			return cmd_text(c, k);
	return fail(c, line, "unknown command %s", w);
}

static int command(struct cue *c)
{
	const char *w = c->s.w[0];

	if (!strcasecmp(w, "REM"))
		return cmd_rem(c);
	if (!strcasecmp(w, "FILE"))
		return cmd_file(c);
	if (!strcasecmp(w, "TRACK"))
		return cmd_track(c);
	if (!strcasecmp(w, "INDEX"))
		return cmd_index(c);
	if (!strcasecmp(w, "PREGAP"))
		return cmd_gap(c, false);
	if (!strcasecmp(w, "POSTGAP"))
		return cmd_gap(c, true);
	if (!strcasecmp(w, "FLAGS"))
		return cmd_flags(c);
	return cmd_simple(c);
}

/*
 * The stored sectors of track @i: up to the next track of the same file,
 * or to the end of the file (a last partial sector counts; the kernel reads
 * the missing bytes as zeros).
 */
static int stored_sectors(struct cue *c, int i, uint64_t offset, uint32_t *count)
{
	const struct cue_track *t = &c->ct[i];
	const struct dl_layout_file *f = &c->l->files[t->file];
	uint32_t first = t->idx[0] != UNSET ? t->idx[0] : t->idx[1];
	uint32_t size = c->l->tracks[i].t.sector_size;
	uint64_t end = f->data_offset + f->data_bytes;

	if (i + 1 < c->l->nr_tracks && c->ct[i + 1].file == t->file) {
		const struct cue_track *n = &c->ct[i + 1];

		*count = (n->idx[0] != UNSET ? n->idx[0] : n->idx[1]) - first;
		return 0;
	}
	if (offset >= end)
		return fail(c, t->index_line, "track %u starts at byte %llu, beyond the end of "
			    "its file (%llu bytes)", c->l->tracks[i].t.number,
			    (unsigned long long)offset, (unsigned long long)end);
	*count = (uint32_t)((end - offset + size - 1) / size);
	return 0;
}

/* Byte offsets, lengths and gaps from the INDEX times. */
static int resolve(struct cue *c)
{
	struct dl_layout *l = c->l;
	uint64_t offset = 0;
	int i, k;

	for (i = 0; i < l->nr_tracks; i++) {
		struct cue_track *t = &c->ct[i];
		struct discloop_track *kt = &l->tracks[i].t;
		uint32_t first, stored = 0;

		if (t->idx[1] == UNSET)
			return fail(c, t->line, "track %u has no INDEX 01", kt->number);
		first = t->idx[0] != UNSET ? t->idx[0] : t->idx[1];
		if (!i || c->ct[i - 1].file != t->file) {
			offset = l->files[t->file].data_offset + (uint64_t)first * kt->sector_size;
		} else {
			const struct cue_track *p = &c->ct[i - 1];
			uint32_t pfirst = p->idx[0] != UNSET ? p->idx[0] : p->idx[1];

			if (first <= p->idx[1])
				return fail(c, t->index_line, "track %u does not start after "
					    "track %u's INDEX 01", kt->number, kt->number - 1);
			offset += (uint64_t)(first - pfirst) * l->tracks[i - 1].t.sector_size;
		}
		if (stored_sectors(c, i, offset, &stored))
			return -EINVAL;
		kt->offset = offset;
		kt->pregap_stored = t->idx[1] - first;
		if (stored <= kt->pregap_stored)
			return fail(c, t->index_line, "track %u has no sectors after INDEX 01",
				    kt->number);
		kt->length = stored - kt->pregap_stored;
		kt->pregap = kt->pregap_stored + (t->pregap != UNSET ? t->pregap :
						  t->session_pregap);
		kt->postgap = t->postgap != UNSET ? t->postgap : 0;
		for (k = 2; k < 100; k++) {
			if (t->idx[k] == UNSET)
				continue;
			if (t->idx[k] - t->idx[1] >= kt->length)
				return fail(c, t->idx_line[k], "track %u: INDEX %02d lies "
					    "beyond the track", kt->number, k);
			if (dl_layout_add_index(l, kt->number, k, t->idx[k] - t->idx[1]))
				return fail(c, t->index_line, "out of memory");
		}
	}
	return 0;
}

/*
 * CDTEXTFILE: packs of 18 bytes as READ TOC format 5 returned them, with
 * or without its 4-byte header (and a NUL some writers add at the end).
 */
static int load_cdtextfile(struct cue *c)
{
	struct dl_layout *l = c->l;
	const struct dl_layout_file *f;
	unsigned char *buf;
	size_t skip = 0, len;
	int fi;

	fi = dl_layout_file(l, c->cdtextfile, c->cdtextfile_line);
	if (fi < 0)
		return fi;
	if (fi != l->nr_files - 1)
		return fail(c, c->cdtextfile_line, "%s: used as a track file too",
			    c->cdtextfile);
	f = &l->files[fi];
	len = (size_t)f->bytes;
	if (len % DISCLOOP_CDTEXT_PACK == 4 || len % DISCLOOP_CDTEXT_PACK == 5)
		skip = 4;
	len -= skip;
	if (len % DISCLOOP_CDTEXT_PACK == 1)
		len--;
	if (!len || len % DISCLOOP_CDTEXT_PACK || len > DISCLOOP_MAX_CDTEXT)
		return fail(c, c->cdtextfile_line, "%s: not CD-TEXT packs (%llu bytes)",
			    c->cdtextfile, (unsigned long long)f->bytes);
	buf = malloc(len);
	if (!buf)
		return fail(c, c->cdtextfile_line, "out of memory");
	if (pread(f->fd, buf, len, (off_t)skip) != (ssize_t)len) {
		free(buf);
		return fail(c, c->cdtextfile_line, "%s: short read", c->cdtextfile);
	}
	if (buf[0] < 0x80 || buf[0] > 0x8f) {
		unsigned int type = buf[0];

		free(buf);
		return fail(c, c->cdtextfile_line, "%s: not CD-TEXT packs (pack type %02Xh)",
			    c->cdtextfile, type);
	}
	/* the packs live in l->cdtext; the file itself is not needed */
	close(l->files[fi].fd);
	free(l->files[fi].path);
	l->nr_files--;
	free(l->cdtext);
	l->cdtext = buf;
	l->cdtext_len = len;
	return 0;
}

int dl_cue_parse(struct dl_layout *l, const char *text)
{
	struct cue c = { .l = l, .file = -1, .session = 1, .rem_leadout = UNSET,
			 .rem_leadin = UNSET, .rem_pregap = UNSET };
	const char *why;
	int r, ret = 0;

	c.ct = calloc(DISCLOOP_MAX_TRACKS, sizeof(*c.ct));
	if (!c.ct) {
		dl_seterr("%s: out of memory", l->path);
		return -ENOMEM;
	}
	dl_scan_init(&c.s, text);
	while (!ret && (r = dl_scan_next(&c.s, false, &why)) != 0) {
		if (r < 0)
			ret = fail(&c, c.s.line, "%s", why);
		else if (c.s.n)
			ret = command(&c);
	}
	if (!ret && !l->nr_tracks) {
		dl_seterr("%s: no TRACK", l->path);
		ret = -EINVAL;
	}
	if (!ret && c.session > 1 && !c.session_started)
		ret = fail(&c, c.s.line, "session %d has no track", c.session);
	if (!ret)
		ret = resolve(&c);
	if (!ret && c.cdtextfile)
		ret = load_cdtextfile(&c);
	else if (!ret)
		ret = dl_cdtext_build(l);
	if (!ret)
		dl_layout_place(l);
	free(c.cdtextfile);
	free(c.ct);
	return ret;
}
