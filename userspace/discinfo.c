// SPDX-License-Identifier: GPL-2.0
/*
 * A CD layout for `discloop info`: sessions, tracks, gaps, flags, ISRC,
 * MCN, CD-TEXT, as text or as members of a JSON object. The same printer
 * serves a parsed image and a drive's GET_DISC.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "tool.h"
#include "layout.h"
#include "jsonwrt.h"

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

/* "data dcp pre 4ch" from the CONTROL bits; "-" if none. */
static void control_words(unsigned int c, char *b, size_t len)
{
	snprintf(b, len, "%s%s%s%s", c & DISCLOOP_CTRL_DATA ? "data " : "",
		 c & DISCLOOP_CTRL_DCP ? "dcp " : "", c & DISCLOOP_CTRL_PRE ? "pre " : "",
		 c & DISCLOOP_CTRL_4CH ? "4ch " : "");
	if (!*b)
		snprintf(b, len, "-");
	else
		b[strlen(b) - 1] = '\0';
}

static void text_cdtext(const struct dl_layout *l, int track, const char *indent, FILE *out)
{
	char s[256];
	int k;

	for (k = 0; k < DL_CDTEXT_KINDS; k++)
		if (!dl_cdtext_string(l->cdtext, l->cdtext_len, k, track, s, sizeof(s)) && *s)
			fprintf(out, "%s%-10s %s\n", indent, dl_cdtext_kind_names[k], s);
}

void dl_layout_print(const struct dl_layout *l, FILE *out)
{
	char ctl[32];
	int i, j, s;

	fprintf(out, "DISC_TYPE: %s\n", dl_disc_type_name(l->disc_type));
	fprintf(out, "SESSIONS:  %d\n", l->nr_sessions);
	fprintf(out, "TRACKS:    %d\n", l->nr_tracks);
	for (s = 1; s <= l->nr_sessions; s++)
		fprintf(out, "LEADOUT%s%d: %" PRIu32 "\n", s < 10 ? "_" : "", s,
			dl_layout_leadout(l, s));
	if (l->mcn[0])
		fprintf(out, "MCN:       %s\n", l->mcn);
	if (l->cdtext_len)
		fprintf(out, "CDTEXT:    %zu packs\n", l->cdtext_len / DISCLOOP_CDTEXT_PACK);
	text_cdtext(l, 0, "  ", out);
	fprintf(out, "\n%5s %4s %-8s %-10s %6s %6s %6s %6s %7s %-12s %-12s %s\n", "TRACK", "SESS",
		"TYPE", "MODE", "START", "LENGTH", "PREGAP", "STORED", "POSTGAP", "CONTROL", "ISRC",
		"FILE");
	for (i = 0; i < l->nr_tracks; i++) {
		const struct dl_layout_track *lt = &l->tracks[i];
		const struct discloop_track *t = &lt->t;
		char isrc[DISCLOOP_ISRC_LEN + 1];

		memcpy(isrc, t->isrc, DISCLOOP_ISRC_LEN);
		isrc[DISCLOOP_ISRC_LEN] = '\0';
		control_words(t->control, ctl, sizeof(ctl));
		fprintf(out, "%5u %4u %-8s %-10s %6" PRIu32 " %6" PRIu32 " %6" PRIu32 " %6" PRIu32
			" %7" PRIu32 " %-12s %-12s ", t->number, t->session,
			dl_track_type_name(t->type), lt->mode ? lt->mode : "-", t->start,
			t->length, t->pregap, t->pregap_stored, t->postgap, ctl,
			isrc[0] ? isrc : "-");
		if (lt->file >= 0)
			fprintf(out, "%s@%" PRIu64 "%s\n", base(l->files[lt->file].path),
				(uint64_t)t->offset, t->flags & DISCLOOP_TRACK_AUDIO_BE ?
				" (big-endian)" : "");
		else
			fprintf(out, "-\n");
		for (j = 0; j < l->nr_indexes; j++)
			if (l->indexes[j].track == t->number)
				fprintf(out, "      INDEX %02u at %" PRIu32 "\n", l->indexes[j].index,
					l->indexes[j].lba);
		text_cdtext(l, t->number, "      ", out);
	}
}

static void json_cdtext(const struct dl_layout *l, int track, struct dl_json *j)
{
	char s[256], key[16];
	int k, n;

	for (k = 0; k < DL_CDTEXT_KINDS; k++) {
		if (dl_cdtext_string(l->cdtext, l->cdtext_len, k, track, s, sizeof(s)) || !*s)
			continue;
		for (n = 0; dl_cdtext_kind_names[k][n] && n < 15; n++)
			key[n] = (char)(dl_cdtext_kind_names[k][n] | 0x20);
		key[n] = '\0';
		dl_json_str(j, key, s);
	}
}

void dl_layout_json(const struct dl_layout *l, struct dl_json *j)
{
	char ctl[32];
	int i, k, s;

	dl_json_str(j, "disc_type", dl_disc_type_name(l->disc_type));
	dl_json_int(j, "sessions", l->nr_sessions);
	dl_json_open(j, "leadouts", '[');
	for (s = 1; s <= l->nr_sessions; s++)
		dl_json_u64(j, NULL, dl_layout_leadout(l, s));
	dl_json_close(j, '[');
	if (l->mcn[0])
		dl_json_str(j, "mcn", l->mcn);
	dl_json_int(j, "cdtext_packs", (int64_t)(l->cdtext_len / DISCLOOP_CDTEXT_PACK));
	dl_json_open(j, "cdtext", '{');
	json_cdtext(l, 0, j);
	dl_json_close(j, '{');
	dl_json_open(j, "tracks", '[');
	for (i = 0; i < l->nr_tracks; i++) {
		const struct dl_layout_track *lt = &l->tracks[i];
		const struct discloop_track *t = &lt->t;
		char isrc[DISCLOOP_ISRC_LEN + 1];

		memcpy(isrc, t->isrc, DISCLOOP_ISRC_LEN);
		isrc[DISCLOOP_ISRC_LEN] = '\0';
		control_words(t->control, ctl, sizeof(ctl));
		dl_json_open(j, NULL, '{');
		dl_json_int(j, "number", t->number);
		dl_json_int(j, "session", t->session);
		dl_json_str(j, "type", dl_track_type_name(t->type));
		if (lt->mode)
			dl_json_str(j, "mode", lt->mode);
		dl_json_int(j, "sector_size", t->sector_size);
		dl_json_int(j, "start", t->start);
		dl_json_int(j, "length", t->length);
		dl_json_int(j, "pregap", t->pregap);
		dl_json_int(j, "pregap_stored", t->pregap_stored);
		dl_json_int(j, "postgap", t->postgap);
		dl_json_bool(j, "data", t->control & DISCLOOP_CTRL_DATA);
		dl_json_bool(j, "dcp", t->control & DISCLOOP_CTRL_DCP);
		dl_json_bool(j, "pre", t->control & DISCLOOP_CTRL_PRE);
		dl_json_bool(j, "four_channel", t->control & DISCLOOP_CTRL_4CH);
		if (isrc[0])
			dl_json_str(j, "isrc", isrc);
		if (lt->file >= 0) {
			dl_json_str(j, "file", l->files[lt->file].path);
			dl_json_u64(j, "offset", t->offset);
			dl_json_bool(j, "big_endian", t->flags & DISCLOOP_TRACK_AUDIO_BE);
		}
		dl_json_open(j, "indexes", '[');
		for (k = 0; k < l->nr_indexes; k++) {
			if (l->indexes[k].track != t->number)
				continue;
			dl_json_open(j, NULL, '{');
			dl_json_int(j, "index", l->indexes[k].index);
			dl_json_int(j, "lba", l->indexes[k].lba);
			dl_json_close(j, '{');
		}
		dl_json_close(j, '[');
		dl_json_open(j, "cdtext", '{');
		json_cdtext(l, t->number, j);
		dl_json_close(j, '{');
		dl_json_close(j, '{');
	}
	dl_json_close(j, '[');
}
