// SPDX-License-Identifier: GPL-2.0
/*
 * cdrdao TOC files into a CD layout (cdrdao(1), "TOC FILES").
 *
 * A track is a sequence of SILENCE/ZERO (not stored) and FILE/DATAFILE
 * parts; START (or PREGAP, which is SILENCE plus START) ends the pregap.
 * discloop maps a track to one range of one file, so the parts must be:
 * silence, then contiguous ranges of one file, then silence; the leading
 * silence is the unstored part of the pregap, the trailing one the
 * postgap. Raw audio files are big-endian, ".wav" files little-endian
 * WAVE. Lengths are samples (audio) or bytes (data), or MSF in sectors.
 * Only CD-TEXT language 0 strings are kept; they are packed again.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "descscan.h"
#include "errmsg.h"
#include "layout.h"

#define TOK_MAX	1024

struct toc {
	struct dl_layout *l;
	const char *p;
	int run;		/* line the scanner is on */
	int line;		/* of the current token */
	int tok_line;		/* of the token last scanned */
	char tok[TOK_MAX];
	bool quoted;
	bool peeked;
	/* the track being read */
	uint64_t bytes;		/* of all parts so far */
	uint64_t lead_zero;	/* bytes of silence before the first file part */
	uint64_t tail_zero;	/* bytes of silence after the last file part */
	uint64_t stored;	/* bytes of file parts */
	uint64_t next_off;	/* where the next file part must start */
	int64_t start;		/* START in bytes; -1 none */
	int file;
	int line_track;
};

static int fail(struct toc *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int fail(struct toc *t, const char *fmt, ...)
{
	char why[DL_ERRMSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	dl_seterr("%s:%d: %s", t->l->path, t->line, why);
	return -EINVAL;
}

/* The next token: a word, a "string", or one of { } , ; 0 at the end. */
static int next(struct toc *t)
{
	size_t n = 0;

	if (t->peeked) {
		t->peeked = false;
		t->line = t->tok_line;
		return 1;
	}
	for (;;) {
		while (isspace((unsigned char)*t->p))
			if (*t->p++ == '\n')
				t->run++;
		if (t->p[0] == '/' && t->p[1] == '/')
			t->p += strcspn(t->p, "\n");
		else
			break;
	}
	t->line = t->tok_line = t->run;
	t->quoted = false;
	if (!*t->p)
		return 0;
	if (strchr("{},", *t->p)) {
		t->tok[0] = *t->p++;
		t->tok[1] = '\0';
		return 1;
	}
	if (*t->p == '"') {
		t->quoted = true;
		for (t->p++; *t->p && *t->p != '"' && *t->p != '\n'; t->p++) {
			if (*t->p == '\\' && t->p[1] && t->p[1] != '\n')
				t->p++;
			if (n + 1 < sizeof(t->tok))
				t->tok[n++] = *t->p;
		}
		t->tok[n] = '\0';
		if (*t->p != '"')
			return fail(t, "unterminated quoted string");
		t->p++;
		return 1;
	}
	while (*t->p && !isspace((unsigned char)*t->p) && !strchr("{},\"", *t->p) &&
	       !(t->p[0] == '/' && t->p[1] == '/')) {
		if (n + 1 < sizeof(t->tok))
			t->tok[n++] = *t->p;
		t->p++;
	}
	t->tok[n] = '\0';
	return 1;
}

static bool is(const struct toc *t, const char *w)
{
	return !t->quoted && !strcasecmp(t->tok, w);
}

/* A word that must follow. */
static int want(struct toc *t, const char *what)
{
	int r = next(t);

	if (r < 0)
		return r;
	if (!r)
		return fail(t, "%s expected at the end of the file", what);
	return 0;
}

/* A length or position: MSF in sectors, or a count of @unit bytes. */
static int amount(struct toc *t, uint32_t sector, uint32_t unit, uint64_t *bytes)
{
	unsigned long v;
	uint32_t fr;

	if (want(t, "a length"))
		return -EINVAL;
	if (dl_scan_msf(t->tok, &fr))
		*bytes = (uint64_t)fr * sector;
	else if (dl_scan_uint(t->tok, 0, 0xffffffffUL, &v))
		*bytes = (uint64_t)v * unit;
	else
		return fail(t, "'%s' is neither mm:ss:ff nor a number", t->tok);
	return 0;
}

static bool peek_amount(struct toc *t)
{
	uint32_t fr;
	unsigned long v;

	if (next(t) <= 0)
		return false;
	t->peeked = true;
	return !t->quoted && (dl_scan_msf(t->tok, &fr) || dl_scan_uint(t->tok, 0, ~0UL, &v));
}

/* Skip a { ... } block (the opening brace read already). */
static int skip_block(struct toc *t)
{
	int depth = 1, r;

	while (depth && (r = next(t)) > 0) {
		if (!t->quoted && t->tok[0] == '{' && !t->tok[1])
			depth++;
		else if (!t->quoted && t->tok[0] == '}' && !t->tok[1])
			depth--;
	}
	return depth ? fail(t, "unterminated { block") : 0;
}

/* CD_TEXT { LANGUAGE_MAP { ... } LANGUAGE n { ITEM "text" ... } } */
static int cd_text(struct toc *t, char **text)
{
	unsigned long lang;
	int k;

	if (want(t, "{") || !is(t, "{"))
		return fail(t, "CD_TEXT wants a { block");
	for (;;) {
		if (want(t, "}"))
			return -EINVAL;
		if (is(t, "}"))
			return 0;
		if (is(t, "LANGUAGE_MAP")) {
			if (want(t, "{") || !is(t, "{") || skip_block(t))
				return fail(t, "LANGUAGE_MAP wants a { block");
			continue;
		}
		if (!is(t, "LANGUAGE") || want(t, "a number") ||
		    !dl_scan_uint(t->tok, 0, 7, &lang) || want(t, "{") || !is(t, "{"))
			return fail(t, "LANGUAGE wants a number 0..7 and a { block");
		for (;;) {
			if (want(t, "}"))
				return -EINVAL;
			if (is(t, "}"))
				break;
			for (k = 0; k < DL_CDTEXT_KINDS; k++)
				if (is(t, dl_cdtext_kind_names[k]))
					break;
			if (want(t, "a CD-TEXT value"))
				return -EINVAL;
			if (!t->quoted && is(t, "{")) {
				if (skip_block(t))	/* binary data: not kept */
					return -EINVAL;
				continue;
			}
			if (!t->quoted)
				return fail(t, "CD-TEXT item wants a \"string\" or { data }");
			if (k == DL_CDTEXT_KINDS || lang || !t->tok[0])
				continue;	/* other items and languages are not kept */
			free(text[k]);
			text[k] = strdup(t->tok);
			if (!text[k])
				return fail(t, "out of memory");
		}
	}
}

static const struct {
	const char *name;
	uint8_t type;
	uint16_t size;
} toc_modes[] = {
	{ "AUDIO", DISCLOOP_TRACK_AUDIO, 2352 },
	{ "MODE1", DISCLOOP_TRACK_MODE1, 2048 },
	{ "MODE1_RAW", DISCLOOP_TRACK_MODE1, 2352 },
	{ "MODE2", DISCLOOP_TRACK_MODE2, 2336 },
	{ "MODE2_FORM1", DISCLOOP_TRACK_MODE2_XA, 2048 },
	{ "MODE2_FORM2", DISCLOOP_TRACK_MODE2_XA, 2324 },
	{ "MODE2_FORM_MIX", DISCLOOP_TRACK_MODE2_XA, 2336 },
	{ "MODE2_RAW", DISCLOOP_TRACK_MODE2_XA, 2352 },
};

/* Close the track being read: its gaps and range from its parts. */
static int end_track(struct toc *t)
{
	struct dl_layout *l = t->l;
	struct dl_layout_track *lt;
	uint32_t size, pregap, lead;
	uint64_t total;

	if (!l->nr_tracks)
		return 0;
	lt = &l->tracks[l->nr_tracks - 1];
	size = lt->t.sector_size;
	t->line = t->line_track;	/* what is wrong is the track */
	total = t->bytes;
	if (lt->file < 0)
		return fail(t, "track %u has no FILE or DATAFILE", lt->t.number);
	if (t->lead_zero % size || t->tail_zero % size)
		return fail(t, "track %u: SILENCE or ZERO that is not whole sectors",
			    lt->t.number);
	pregap = t->start < 0 ? 0 : (uint32_t)(((uint64_t)t->start + size - 1) / size);
	lead = (uint32_t)(t->lead_zero / size);
	if (lead > pregap)
		return fail(t, "track %u: silence after START is not supported (only in the "
			    "pregap and at the end)", lt->t.number);
	if ((uint64_t)pregap * size > total)
		return fail(t, "track %u: START beyond the track's end", lt->t.number);
	lt->t.pregap = pregap + (l->nr_tracks == 1 ? DL_PREGAP : 0);
	lt->t.pregap_stored = pregap - lead;
	lt->t.length = (uint32_t)((t->stored + size - 1) / size) - lt->t.pregap_stored;
	lt->t.postgap = (uint32_t)(t->tail_zero / size);
	if (!lt->t.length)
		return fail(t, "track %u has no stored sector after START", lt->t.number);
	return 0;
}

static int begin_track(struct toc *t)
{
	struct dl_layout *l = t->l;
	struct dl_layout_track *lt;
	size_t i;

	if (end_track(t))
		return -EINVAL;
	if (l->nr_tracks == DISCLOOP_MAX_TRACKS)
		return fail(t, "more than 99 tracks");
	if (want(t, "a track mode"))
		return -EINVAL;
	lt = &l->tracks[l->nr_tracks];
	for (i = 0; i < sizeof(toc_modes) / sizeof(toc_modes[0]); i++)
		if (is(t, toc_modes[i].name))
			break;
	if (i == sizeof(toc_modes) / sizeof(toc_modes[0]))
		return fail(t, "unknown track mode %s", t->tok);
	lt->mode = toc_modes[i].name;
	lt->t.type = toc_modes[i].type;
	lt->t.sector_size = toc_modes[i].size;
	lt->t.number = (uint8_t)(l->nr_tracks + 1);
	lt->t.session = 1;
	lt->file = -1;
	if (lt->t.type != DISCLOOP_TRACK_AUDIO)
		lt->t.control = DISCLOOP_CTRL_DATA;
	l->nr_tracks++;
	t->bytes = t->lead_zero = t->tail_zero = t->stored = t->next_off = 0;
	t->start = -1;
	t->file = -1;
	t->line_track = t->line;
	if (next(t) > 0) {
		if (is(t, "RW_RAW")) {
			if (lt->t.sector_size != 2352)
				return fail(t, "RW_RAW sub-channel only with 2352-byte sectors");
			lt->t.sector_size = 2448;
		} else if (is(t, "RW")) {
			return fail(t, "packed R-W sub-channel (RW) is not supported; use RW_RAW");
		} else {
			t->peeked = true;
		}
	}
	return 0;
}

static bool is_wav(const char *name)
{
	size_t n = strlen(name);

	return n > 4 && !strcasecmp(name + n - 4, ".wav");
}

/* FILE/AUDIOFILE "f" [#offset] start [length]; DATAFILE "f" [#offset] [length] */
static int file_part(struct toc *t, struct dl_layout_track *lt, bool audio)
{
	uint32_t size = lt->t.sector_size;
	uint64_t off = 0, start = 0, len = 0, avail;
	struct dl_layout_file *f;
	int fi, r, line = t->line;

	if (want(t, "a file name"))
		return -EINVAL;
	if (!t->quoted)
		return fail(t, "a \"file name\" expected");
	fi = dl_layout_file(t->l, t->tok, line);
	if (fi < 0)
		return fi;
	if (audio && lt->t.type != DISCLOOP_TRACK_AUDIO)
		return fail(t, "FILE (audio) in a data track; use DATAFILE");
	if (!audio && lt->t.type == DISCLOOP_TRACK_AUDIO)
		return fail(t, "DATAFILE in an audio track; use FILE");
	if (audio && is_wav(t->l->files[fi].path)) {
		if (dl_layout_wave(t->l, fi, line))
			return -EINVAL;
	} else if (audio) {
		lt->t.flags |= DISCLOOP_TRACK_AUDIO_BE;
	}
	f = &t->l->files[fi];
	r = next(t);
	if (r > 0 && !t->quoted && t->tok[0] == '#') {
		unsigned long v;

		if (!dl_scan_uint(t->tok + 1, 0, ~0UL, &v))
			return fail(t, "bad byte offset %s", t->tok);
		off = v;
	} else if (r > 0) {
		t->peeked = true;
	}
	if (audio && amount(t, size, 4, &start))
		return -EINVAL;
	if (peek_amount(t) && amount(t, size, audio ? 4 : 1, &len))
		return -EINVAL;
	off += f->data_offset + start;
	avail = f->data_offset + f->data_bytes > off ? f->data_offset + f->data_bytes - off : 0;
	if (!len)
		len = avail;
	if (!len)
		return fail(t, "%s: nothing to read at byte %llu", t->l->files[fi].path,
			    (unsigned long long)off);
	t->line = line;		/* the look-ahead may have passed the line */
	if (t->file >= 0 && (t->file != fi || t->next_off != off || t->tail_zero))
		return fail(t, "track %u: parts from different files or places, or silence "
			    "between them, are not supported", lt->t.number);
	if (t->file < 0) {
		t->file = fi;
		lt->file = fi;
		lt->t.offset = off;
		if (t->lead_zero % size || t->stored % size)
			return fail(t, "track %u: data that does not begin on a sector",
				    lt->t.number);
	}
	t->next_off = off + len;
	t->stored += len;
	t->bytes += len;
	return 0;
}

static int zero_part(struct toc *t, struct dl_layout_track *lt, bool pregap)
{
	bool audio = lt->t.type == DISCLOOP_TRACK_AUDIO;
	uint64_t len;

	if (pregap) {
		uint32_t fr;

		if (want(t, "mm:ss:ff") || !dl_scan_msf(t->tok, &fr))
			return fail(t, "PREGAP wants mm:ss:ff");
		if (t->bytes || t->start >= 0)
			return fail(t, "PREGAP after the track's data or START");
		len = (uint64_t)fr * lt->t.sector_size;
	} else {
		/* ZERO [data-mode] [sub-channel-mode] length: the modes are the track's */
		while (!peek_amount(t))
			if (next(t) <= 0 || t->quoted)
				return fail(t, "SILENCE or ZERO wants a length");
		if (amount(t, lt->t.sector_size, audio ? 4 : 1, &len))
			return -EINVAL;
	}
	if (t->file < 0)
		t->lead_zero += len;
	else
		t->tail_zero += len;
	t->bytes += len;
	if (pregap)
		t->start = (int64_t)t->bytes;
	return 0;
}

/* Statements inside a track. */
static int track_statement(struct toc *t)
{
	struct dl_layout_track *lt = &t->l->tracks[t->l->nr_tracks - 1];
	uint32_t fr;

	if (is(t, "NO")) {
		if (want(t, "COPY or PRE_EMPHASIS"))
			return -EINVAL;
		if (is(t, "COPY"))
			lt->t.control &= (uint8_t)~DISCLOOP_CTRL_DCP;
		else if (is(t, "PRE_EMPHASIS"))
			lt->t.control &= (uint8_t)~DISCLOOP_CTRL_PRE;
		else
			return fail(t, "NO %s?", t->tok);
	} else if (is(t, "COPY")) {
		lt->t.control |= DISCLOOP_CTRL_DCP;
	} else if (is(t, "PRE_EMPHASIS")) {
		lt->t.control |= DISCLOOP_CTRL_PRE;
	} else if (is(t, "TWO_CHANNEL_AUDIO")) {
		lt->t.control &= (uint8_t)~DISCLOOP_CTRL_4CH;
	} else if (is(t, "FOUR_CHANNEL_AUDIO")) {
		lt->t.control |= DISCLOOP_CTRL_4CH;
	} else if (is(t, "ISRC")) {
		if (want(t, "an ISRC") || !dl_isrc_valid(t->tok))
			return fail(t, "ISRC wants 12 characters: 5 letters or digits, 7 digits");
		memcpy(lt->t.isrc, t->tok, DISCLOOP_ISRC_LEN);
	} else if (is(t, "CD_TEXT")) {
		return cd_text(t, lt->text);
	} else if (is(t, "FILE") || is(t, "AUDIOFILE")) {
		return file_part(t, lt, true);
	} else if (is(t, "DATAFILE")) {
		return file_part(t, lt, false);
	} else if (is(t, "SILENCE") || is(t, "ZERO")) {
		return zero_part(t, lt, false);
	} else if (is(t, "PREGAP")) {
		return zero_part(t, lt, true);
	} else if (is(t, "START")) {
		if (t->start >= 0)
			return fail(t, "a second START or PREGAP");
		t->start = (int64_t)t->bytes;
		if (next(t) > 0) {
			if (!t->quoted && dl_scan_msf(t->tok, &fr))
				t->start = (int64_t)fr * lt->t.sector_size;
			else
				t->peeked = true;
		}
	} else if (is(t, "INDEX")) {
		/* relative to the track start (INDEX 01), as the layout keeps it */
		if (want(t, "mm:ss:ff") || !dl_scan_msf(t->tok, &fr) || !fr)
			return fail(t, "INDEX wants mm:ss:ff after the track start");
		if (dl_layout_add_index(t->l, lt->t.number, 0, fr))
			return fail(t, "out of memory");
	} else if (is(t, "FIFO")) {
		return fail(t, "FIFO cannot back a disc");
	} else {
		return fail(t, "unknown statement %s", t->tok);
	}
	return 0;
}

/* INDEX statements got number 0 and a position; number them, check them. */
static int number_indexes(struct toc *t)
{
	struct dl_layout *l = t->l;
	int i, n = 1, track = 0;
	uint32_t last = 0;

	for (i = 0; i < l->nr_indexes; i++) {
		struct discloop_index *x = &l->indexes[i];
		const struct discloop_track *kt = &l->tracks[x->track - 1].t;

		if (x->track != track) {
			track = x->track;
			n = 1;
			last = 0;
		}
		if (++n > 99 || x->lba <= last || x->lba >= kt->length + kt->postgap) {
			dl_seterr("%s: track %d: INDEX positions must increase and lie inside "
				  "the track", l->path, track);
			return -EINVAL;
		}
		x->index = (uint8_t)n;
		last = x->lba;
	}
	return 0;
}

static int header_statement(struct toc *t)
{
	if (is(t, "CD_DA") || is(t, "CD_ROM")) {
		t->l->disc_type = DISCLOOP_DISC_CD_DA_ROM;
	} else if (is(t, "CD_ROM_XA")) {
		t->l->disc_type = DISCLOOP_DISC_CD_XA;
	} else if (is(t, "CD_I")) {
		t->l->disc_type = DISCLOOP_DISC_CD_I;
	} else if (is(t, "CATALOG")) {
		if (want(t, "a catalogue number") || !dl_mcn_valid(t->tok))
			return fail(t, "CATALOG wants 13 digits");
		memcpy(t->l->mcn, t->tok, DISCLOOP_MCN_LEN + 1);
	} else if (is(t, "CD_TEXT")) {
		return cd_text(t, t->l->text);
	} else {
		return fail(t, "unknown statement %s", t->tok);
	}
	return 0;
}

int dl_toc_parse(struct dl_layout *l, const char *text)
{
	struct toc t = { .l = l, .p = text, .run = 1, .line = 1, .start = -1, .file = -1 };
	int r, ret = 0;

	if (!strncmp(t.p, "\xef\xbb\xbf", 3))
		t.p += 3;
	while (!ret && (r = next(&t)) != 0) {
		if (r < 0)
			ret = r;
		else if (is(&t, "TRACK"))
			ret = begin_track(&t);
		else if (l->nr_tracks)
			ret = track_statement(&t);
		else
			ret = header_statement(&t);
	}
	if (!ret)
		ret = end_track(&t);
	if (!ret && !l->nr_tracks) {
		dl_seterr("%s: no TRACK", l->path);
		ret = -EINVAL;
	}
	if (!ret)
		ret = number_indexes(&t);
	if (!ret)
		ret = dl_cdtext_build(l);
	if (!ret)
		dl_layout_place(l);
	return ret;
}
