// SPDX-License-Identifier: GPL-2.0
/*
 * The layout of a CD to rip, and its cue sheet: see cdrip.h.
 *
 * Sessions and track starts come from the full TOC (READ TOC format 2:
 * POINT 01-99 the tracks, A2 each session's lead-out), or from format 0
 * on drives without it (one session). Pregaps and index points are not in
 * any TOC: they are found in the Q sub-channel of every sector of every
 * session, analysed in disc order. That Q is read along with the sectors
 * by the rip where it can be (dl_cd_q_put()); what did not come that way
 * is read with READ CD of sub-channel 010b (formatted Q) and no main
 * channel. The MCN and ISRCs come from READ SUB-CHANNEL, and from the Q
 * frames of ADR 2 and 3 where the drive does not report them.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <scsi/sg.h>

#include "bytes.h"
#include "cdrip.h"
#include "errmsg.h"
#include "cdoffset.h"
#include "layout.h"
#include "../../common/cdframe.h"

#define Q_CHUNK		1024	/* sectors of formatted Q per command */

static int32_t msf_lba(const uint8_t *msf)
{
	return ((int32_t)msf[0] * 60 + msf[1]) * 75 + msf[2] - 150;
}

static struct dl_cd_track *add_track(struct dl_cd *cd, int number, int session,
				     uint8_t control, int32_t start)
{
	struct dl_cd_track *t;

	if (cd->nr_tracks >= DL_CD_MAX_TRACKS || number != cd->nr_tracks + 1)
		return NULL;
	t = &cd->t[cd->nr_tracks++];
	memset(t, 0, sizeof(*t));
	t->number = number;
	t->session = session;
	t->control = control & 0x0f;
	t->start = t->pregap = t->file_start = start;
	t->mode = control & 4 ? 1 : 0;
	return t;
}

/* READ TOC format 2: every session's tracks and lead-out. */
static int full_toc(struct dl_sg *sg, struct dl_cd *cd)
{
	static uint8_t buf[4 + 11 * 400];
	struct dl_sg_io io;
	size_t len, i, k;
	int s;

	if (dl_sg_read_toc(sg, 2, true, 1, buf, sizeof(buf), &io))
		return -1;
	len = (size_t)get_be16(buf) + 2;
	if (len > sizeof(buf) - (size_t)(io.resid > 0 ? io.resid : 0))
		len = sizeof(buf) - (size_t)(io.resid > 0 ? io.resid : 0);
	/* tracks in number order: the descriptors come session by session */
	for (k = 1; k <= DL_CD_MAX_TRACKS; k++) {
		for (i = 4; i + 11 <= len; i += 11) {
			const uint8_t *d = buf + i;

			if ((d[1] >> 4) == 1 && d[3] == k)
				break;
		}
		if (i + 11 > len)
			break;
		if (!add_track(cd, (int)k, buf[i], buf[i + 1], msf_lba(buf + i + 8)))
			return -1;
	}
	for (i = 4; i + 11 <= len; i += 11) {
		const uint8_t *d = buf + i;

		if ((d[1] >> 4) == 1 && d[3] == 0xa2 && d[0] >= 1 && d[0] <= DL_CD_MAX_TRACKS) {
			cd->leadout[d[0]] = msf_lba(d + 8);
			if (d[0] > cd->nr_sessions)
				cd->nr_sessions = d[0];
		}
	}
	for (s = 1; s <= cd->nr_sessions; s++)
		if (!cd->leadout[s])
			return -1;
	cd->toc_source = "full TOC";
	return cd->nr_tracks ? 0 : -1;
}

/* READ TOC format 0: one session. */
static int plain_toc(struct dl_sg *sg, struct dl_cd *cd)
{
	static uint8_t buf[4 + 8 * 100];
	struct dl_sg_io io;
	char why[200];
	size_t len, i;

	if (dl_sg_read_toc(sg, 0, false, 1, buf, sizeof(buf), &io)) {
		dl_seterr("%s: READ TOC: %s", sg->path, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	len = (size_t)get_be16(buf) + 2;
	if (len > sizeof(buf))
		len = sizeof(buf);
	cd->nr_tracks = 0;
	for (i = 4; i + 8 <= len; i += 8) {
		const uint8_t *d = buf + i;

		if (d[2] == 0xaa) {
			cd->leadout[1] = (int32_t)get_be32(d + 4);
		} else if (!add_track(cd, d[2], 1, d[1], (int32_t)get_be32(d + 4))) {
			dl_seterr("%s: READ TOC: track %u out of order", sg->path, d[2]);
			return -1;
		}
	}
	if (!cd->nr_tracks || !cd->leadout[1]) {
		dl_seterr("%s: READ TOC: no track or no lead-out", sg->path);
		return -1;
	}
	cd->nr_sessions = 1;
	cd->toc_source = "TOC";
	return 0;
}

/* READ CD of @n sectors at @lba: @main (byte 9), @sub (byte 10), @per bytes each. */
static int read_cd(struct dl_sg *sg, int32_t lba, uint32_t n, uint8_t main, uint8_t sub,
		   size_t per, void *buf, struct dl_sg_io *io)
{
	uint8_t cdb[12] = { 0xbe };

	put_be32(cdb + 2, (uint32_t)lba);
	cdb[6] = (uint8_t)(n >> 16);
	cdb[7] = (uint8_t)(n >> 8);
	cdb[8] = (uint8_t)n;
	cdb[9] = main;
	cdb[10] = sub;
	return dl_sg_exec(sg, cdb, 12, SG_DXFER_FROM_DEV, buf, n * per, io);
}

/* Mode of each data track, from its first sector's header. */
static void data_modes(struct dl_sg *sg, struct dl_cd *cd)
{
	uint8_t sec[DL_CD_RAW_SIZE];
	struct dl_sg_io io;
	int i;

	for (i = 0; i < cd->nr_tracks; i++) {
		struct dl_cd_track *t = &cd->t[i];

		if (!(t->control & 4))
			continue;
		if (!read_cd(sg, t->start, 1, 0xf8, 0, DL_CD_RAW_SIZE, sec, &io) && io.resid <= 0 &&
		    (sec[15] == 1 || sec[15] == 2))
			t->mode = sec[15];
		dl_log(DL_LOG_NOTE, "track %d: Mode %d", t->number, t->mode);
	}
}

static void q_isrc(const uint8_t *q, char *out)
{
	uint32_t bits = (uint32_t)q[1] << 24 | (uint32_t)q[2] << 16 | (uint32_t)q[3] << 8 | q[4];
	int i;

	for (i = 0; i < 5; i++)
		out[i] = (char)('0' + ((bits >> (26 - 6 * i)) & 0x3f));
	for (i = 0; i < 7; i++)
		out[5 + i] = (char)('0' + ((q[5 + i / 2] >> (i % 2 ? 0 : 4)) & 15));
	out[12] = 0;
}

static void q_mcn(const uint8_t *q, char *out)
{
	int i;

	for (i = 0; i < 13; i++)
		out[i] = (char)('0' + ((q[1 + i / 2] >> (i % 2 ? 0 : 4)) & 15));
	out[13] = 0;
}

static void place_files(struct dl_cd *cd);

struct qscan {
	struct dl_cd *cd;
	int last_track, last_index;	/* of the last ADR 1 frame */
	uint64_t got, refused;		/* sectors whose Q came, single-sector refusals */
};

/* One sector's formatted Q. */
static void q_one(struct qscan *s, int32_t lba, const uint8_t *q)
{
	struct dl_cd *cd = s->cd;
	struct dl_cd_track *t;
	int adr = q[0] & 15, tno, idx;
	char buf[14];

	if (dl_subq_crc(q) != get_be16(q + 10))
		return;		/* a damaged frame says nothing */
	if (adr == 2) {
		q_mcn(q, buf);
		if (!cd->mcn[0] && dl_mcn_valid(buf))
			memcpy(cd->mcn, buf, 14);
		return;
	}
	if (adr == 3) {
		q_isrc(q, buf);
		if (s->last_track >= 1 && s->last_track <= cd->nr_tracks &&
		    !cd->t[s->last_track - 1].isrc[0] && dl_isrc_valid(buf))
			memcpy(cd->t[s->last_track - 1].isrc, buf, 13);
		return;
	}
	if (adr != 1)
		return;
	tno = dl_unbcd(q[1]);
	idx = dl_unbcd(q[2]);
	if (tno < 1 || tno > cd->nr_tracks)
		return;
	t = &cd->t[tno - 1];
	if (idx == 0 && lba < t->pregap && tno == s->last_track + 1)
		t->pregap = lba;
	else if (idx >= 2 && tno == s->last_track && idx == s->last_index + 1 &&
		 t->nr_idx == idx - 2 && lba > t->start)
		t->idx[t->nr_idx++] = lba;
	s->last_index = idx;
	s->last_track = tno;
}

/*
 * Formatted Q of [lba, end) into cd->q, halving the commands the drive
 * refuses. false when the drive gives no Q at all (the first sectors all
 * refused).
 */
static bool q_range(struct dl_sg *sg, struct qscan *s, int32_t lba, int32_t end, uint8_t *buf)
{
	uint32_t n = Q_CHUNK, i;
	struct dl_sg_io io;

	while (lba < end) {
		if ((int64_t)n > end - lba)
			n = (uint32_t)(end - lba);
		if (read_cd(sg, lba, n, 0, 2, DL_CD_SUBQ_SIZE, buf, &io) || io.resid > 0) {
			if (n > 1) {
				n /= 2;
				continue;
			}
			if (++s->refused >= 16 && !s->got) {
				char why[200];

				dl_log(DL_LOG_WARN, "%s: no Q sub-channel from READ CD (%s): pregaps "
				       "and index points are not known", sg->path,
				       dl_sg_describe(&io, why, sizeof(why)));
				return false;
			}
			lba++;		/* no Q for this sector */
			n = Q_CHUNK;
			continue;
		}
		for (i = 0; i < n; i++)
			dl_cd_q_put(s->cd, lba + (int32_t)i, buf + (size_t)i * DL_CD_SUBQ_SIZE);
		s->got += n;
		lba += (int32_t)n;
		n = Q_CHUNK;
	}
	return true;
}

/* Sectors [*from, *to) of track @i's stretch: from its INDEX 01 to the next's. */
static void q_track_range(const struct dl_cd *cd, int i, int32_t *from, int32_t *to)
{
	const struct dl_cd_track *t = &cd->t[i];

	*from = t->start;
	*to = i + 1 < cd->nr_tracks && cd->t[i + 1].session == t->session ?
	      cd->t[i + 1].start : cd->leadout[t->session];
}

static int q_alloc(struct dl_cd *cd)
{
	int32_t last = cd->leadout[cd->nr_sessions];

	cd->q_first = cd->t[0].start;
	cd->q_n = (uint32_t)(last - cd->q_first);
	cd->q = malloc((size_t)cd->q_n * 12);
	cd->q_have = calloc(cd->q_n, 1);
	if (!cd->q || !cd->q_have) {
		dl_seterr("out of memory");
		return -1;
	}
	return 0;
}

static bool have_q(const struct dl_cd *cd, int32_t lba)
{
	return cd->q_have[lba - cd->q_first];
}

int dl_cd_q_finish(struct dl_sg *sg, struct dl_cd *cd)
{
	struct qscan s = { .cd = cd };
	uint8_t *buf = malloc((size_t)Q_CHUNK * DL_CD_SUBQ_SIZE);
	uint64_t gathered;
	int32_t lba, from, to;
	uint32_t k;
	int i;

	if (!buf) {
		dl_seterr("out of memory");
		return -1;
	}
	for (k = 0; k < cd->q_n; k++) {
		const uint8_t *q = cd->q + (size_t)k * 12;

		/* a frame damaged on the way is read again on its own */
		if (cd->q_have[k] && dl_subq_crc(q) != get_be16(q + 10))
			cd->q_have[k] = 0;
		s.got += cd->q_have[k];
	}
	gathered = s.got;
	/* the sectors whose Q did not come with them, in runs */
	for (i = 0; i < cd->nr_tracks; i++) {
		q_track_range(cd, i, &from, &to);
		for (lba = from; lba < to; ) {
			int32_t run;

			if (have_q(cd, lba)) {
				lba++;
				continue;
			}
			for (run = lba + 1; run < to && !have_q(cd, run); run++)
				;
			if (!q_range(sg, &s, lba, run, buf)) {
				free(buf);
				return 0;	/* q_scanned stays false */
			}
			lba = run;
		}
	}
	free(buf);
	if (gathered)
		dl_log(DL_LOG_NOTE, "Q sub-channel: %" PRIu64 " sectors read with the main "
		       "channel, %" PRIu64 " scanned on their own", gathered, s.got - gathered);
	for (i = 0; i < cd->nr_tracks; i++) {
		cd->t[i].pregap = cd->t[i].start;
		cd->t[i].nr_idx = 0;
	}
	for (i = 0; i < cd->nr_tracks; i++) {
		q_track_range(cd, i, &from, &to);
		s.last_track = cd->t[i].number;
		s.last_index = 1;
		for (lba = from; lba < to; lba++)
			if (have_q(cd, lba))
				q_one(&s, lba, cd->q + (size_t)(lba - cd->q_first) * 12);
	}
	cd->q_scanned = true;
	place_files(cd);
	return 0;
}

bool dl_cd_q_later_ok(const struct dl_cd *cd)
{
	int i;

	for (i = 1; i < cd->nr_tracks; i++)
		if (cd->t[i].session == cd->t[i - 1].session && cd->t[i].mode != cd->t[i - 1].mode)
			return false;
	return true;
}

bool dl_cd_q_with_main(struct dl_sg *sg, const struct dl_cd *cd, bool c2)
{
	uint8_t buf[DL_CD_RAW_SIZE + DL_CD_C2_SIZE + DL_CD_SUBQ_SIZE];
	struct dl_sg_io io;

	return !read_cd(sg, cd->t[0].start, 1, c2 ? 0xfa : 0xf8, 2,
			DL_CD_RAW_SIZE + (c2 ? DL_CD_C2_SIZE : 0) + DL_CD_SUBQ_SIZE, buf, &io) &&
	       io.resid <= 0;
}

/* READ SUB-CHANNEL format 2 (MCN) and 3 (ISRC of each audio track). */
static void sub_channel(struct dl_sg *sg, struct dl_cd *cd)
{
	uint8_t cdb[10] = { 0x42, 0, 0x40, 2, 0, 0, 0, 0, 24, 0 }, buf[24];
	struct dl_sg_io io;
	char s[14];
	int i;

	memset(buf, 0, sizeof(buf));
	if (!dl_sg_exec(sg, cdb, 10, SG_DXFER_FROM_DEV, buf, sizeof(buf), &io) && buf[8] & 0x80) {
		memcpy(s, buf + 9, 13);
		s[13] = 0;
		if (dl_mcn_valid(s))
			memcpy(cd->mcn, s, 14);
	}
	for (i = 0; i < cd->nr_tracks; i++) {
		if (cd->t[i].control & 4)
			continue;
		cdb[3] = 3;
		cdb[6] = (uint8_t)cd->t[i].number;
		memset(buf, 0, sizeof(buf));
		if (dl_sg_exec(sg, cdb, 10, SG_DXFER_FROM_DEV, buf, sizeof(buf), &io) ||
		    !(buf[8] & 0x80))
			continue;
		memcpy(s, buf + 9, 12);
		s[12] = 0;
		if (dl_isrc_valid(s))
			memcpy(cd->t[i].isrc, s, 13);
	}
}

/* CD-TEXT (READ TOC format 5): titles and performers, block 0. */
static void cd_text(struct dl_sg *sg, struct dl_cd *cd)
{
	static uint8_t buf[4 + 18 * 2048];
	struct dl_sg_io io;
	char s[200];
	size_t len;
	int i;

	if (dl_sg_read_toc(sg, 5, false, 0, buf, sizeof(buf), &io))
		return;
	len = (size_t)get_be16(buf) + 2;
	if (len < 4 + 18 || len > sizeof(buf))
		return;
	len = (len - 4) / 18 * 18;
	for (i = 0; i <= cd->nr_tracks; i++) {
		char **title = i ? &cd->t[i - 1].title : &cd->title;
		char **perf = i ? &cd->t[i - 1].performer : &cd->performer;

		if (!dl_cdtext_string(buf + 4, len, 0, i, s, sizeof(s)) && s[0])
			*title = strdup(s);
		if (!dl_cdtext_string(buf + 4, len, 1, i, s, sizeof(s)) && s[0])
			*perf = strdup(s);
	}
}

/* Files: from INDEX 00 (not for a session's first track) to the next file. */
static void place_files(struct dl_cd *cd)
{
	int i;

	for (i = 0; i < cd->nr_tracks; i++) {
		struct dl_cd_track *t = &cd->t[i];
		bool first = !i || cd->t[i - 1].session != t->session;

		t->file_start = first ? t->start : t->pregap;
	}
	for (i = 0; i < cd->nr_tracks; i++) {
		struct dl_cd_track *t = &cd->t[i];

		t->end = i + 1 < cd->nr_tracks && cd->t[i + 1].session == t->session ?
			 cd->t[i + 1].file_start : cd->leadout[t->session];
	}
}

int dl_cd_scan(struct dl_sg *sg, struct dl_cd *cd, enum dl_cd_q q)
{
	int i;

	memset(cd, 0, sizeof(*cd));
	if (full_toc(sg, cd)) {
		memset(cd, 0, sizeof(*cd));
		dl_log(DL_LOG_NOTE, "%s: no full TOC; reading the TOC (one session)", sg->path);
		if (plain_toc(sg, cd))
			return -1;
	}
	for (i = 0; i < cd->nr_tracks; i++) {
		struct dl_cd_track *t = &cd->t[i];

		if (t->start >= cd->leadout[t->session] ||
		    (i && t->start <= cd->t[i - 1].start)) {
			dl_seterr("%s: %s: track %d starts at LBA %d, out of order", sg->path,
				  cd->toc_source, t->number, t->start);
			return -1;
		}
	}
	data_modes(sg, cd);
	sub_channel(sg, cd);
	cd_text(sg, cd);
	place_files(cd);
	if (q != DL_CD_Q_NONE && q_alloc(cd))
		return -1;
	return q == DL_CD_Q_SCAN ? dl_cd_q_finish(sg, cd) : 0;
}

void dl_cd_free(struct dl_cd *cd)
{
	int i;

	for (i = 0; i < cd->nr_tracks; i++) {
		free(cd->t[i].title);
		free(cd->t[i].performer);
		cd->t[i].title = cd->t[i].performer = NULL;
	}
	free(cd->title);
	free(cd->performer);
	cd->title = cd->performer = NULL;
	free(cd->q);
	free(cd->q_have);
	cd->q = cd->q_have = NULL;
}

char *dl_cd_track_file(const struct dl_cd *cd, const char *cue, int i, bool base_only)
{
	const char *base = cue, *slash = strrchr(cue, '/');
	size_t stem;
	char *out;
	int r;

	if (base_only && slash)
		base = slash + 1;
	stem = strlen(base);
	if (stem > 4 && !strcasecmp(base + stem - 4, ".cue"))
		stem -= 4;
	if (cd->nr_tracks == 1)
		r = asprintf(&out, "%.*s.bin", (int)stem, base);
	else
		r = asprintf(&out, "%.*s (Track %0*d).bin", (int)stem, base,
			     cd->nr_tracks >= 10 ? 2 : 1, cd->t[i].number);
	return r < 0 ? NULL : out;
}

static void msf_str(int32_t frames, char *buf)
{
	sprintf(buf, "%02d:%02d:%02d", frames / 4500, frames / 75 % 60, frames % 75);
}

/* A string for a cue: quotes are not allowed inside, so they become '. */
static void put_quoted(FILE *f, const char *kw, const char *s, const char *indent)
{
	fprintf(f, "%s%s \"", indent, kw);
	for (; *s; s++)
		fputc(*s == '"' ? '\'' : *s, f);
	fputs("\"\n", f);
}

static void track_lines(const struct dl_cd *cd, const struct dl_cd_track *t, FILE *f)
{
	static const char *const mode[] = { "AUDIO", "MODE1/2352", "MODE2/2352" };
	char m[16];
	int k;

	(void)cd;
	fprintf(f, "  TRACK %02d %s\n", t->number, mode[t->mode]);
	if (t->title)
		put_quoted(f, "TITLE", t->title, "    ");
	if (t->performer)
		put_quoted(f, "PERFORMER", t->performer, "    ");
	if (!(t->control & 4) && (t->control & 0x0b)) {
		fputs("    FLAGS", f);
		if (t->control & 2)
			fputs(" DCP", f);
		if (t->control & 8)
			fputs(" 4CH", f);
		if (t->control & 1)
			fputs(" PRE", f);
		fputc('\n', f);
	}
	if (t->isrc[0])
		fprintf(f, "    ISRC %s\n", t->isrc);
	if (t->pregap < t->start && t->file_start == t->pregap) {
		msf_str(0, m);
		fprintf(f, "    INDEX 00 %s\n", m);
	}
	msf_str(t->start - t->file_start, m);
	fprintf(f, "    INDEX 01 %s\n", m);
	for (k = 0; k < t->nr_idx; k++) {
		msf_str(t->idx[k] - t->file_start, m);
		fprintf(f, "    INDEX %02d %s\n", k + 2, m);
	}
}

int dl_cd_write_cue(const struct dl_cd *cd, const char *cue, FILE *f)
{
	int i, session = 0;

	if (cd->mcn[0])
		fprintf(f, "CATALOG %s\n", cd->mcn);
	if (cd->title)
		put_quoted(f, "TITLE", cd->title, "");
	if (cd->performer)
		put_quoted(f, "PERFORMER", cd->performer, "");
	for (i = 0; i < cd->nr_tracks; i++) {
		const struct dl_cd_track *t = &cd->t[i];
		char *name;

		if (cd->nr_sessions > 1 && t->session != session) {
			session = t->session;
			fprintf(f, "REM SESSION %02d\n", session);
		}
		name = dl_cd_track_file(cd, cue, i, true);
		if (!name)
			return -ENOMEM;
		fprintf(f, "FILE \"%s\" BINARY\n", name);	/* no '"': the engine checks */
		free(name);
		track_lines(cd, t, f);
	}
	return ferror(f) ? -EIO : 0;
}

bool dl_cd_sector_ok(const struct dl_cd_track *t, int32_t lba, const uint8_t *sector)
{
	enum dl_sector_type type;

	if (t->mode == 1)
		return dl_mode1_check(sector, (uint32_t)lba) == DL_SECTOR_OK;
	if (t->mode == 2)
		return dl_xa_check(sector, lba, &type) == DL_SECTOR_OK;
	return true;
}

int dl_cd_detect_offset(struct dl_sg *sg, const struct dl_cd *cd, int *offset, int32_t *found)
{
	static uint8_t buf[3 * DL_CD_RAW_SIZE];
	struct dl_sg_io io;
	char why[200];
	uint8_t cdb[12] = { 0xbe, 1 << 2 };	/* expected sector type: CD-DA */
	int i;

	for (i = 0; i < cd->nr_tracks && !(cd->t[i].control & 4); i++)
		;
	if (i == cd->nr_tracks) {
		dl_seterr("%s: no data track: the combined offset shows only on a disc with one "
			  "(give --read-offset N)", sg->path);
		return -1;
	}
	/* one sector before the track: its first sector lands in what is read */
	put_be32(cdb + 2, (uint32_t)(cd->t[i].start + 1));
	cdb[8] = 3;
	cdb[9] = 0xf8;
	if (dl_sg_exec(sg, cdb, 12, SG_DXFER_FROM_DEV, buf, sizeof(buf), &io) || io.resid > 0) {
		dl_seterr("%s: reading data track %d as audio: %s (the drive cannot show the "
			  "offset; give --read-offset N)", sg->path, cd->t[i].number,
			  io.result ? dl_sg_describe(&io, why, sizeof(why)) : "short read");
		return -1;
	}
	if (dl_offset_detect(buf, sizeof(buf), cd->t[i].start + 1, true, offset, found) ||
	    dl_offset_detect(buf, sizeof(buf), cd->t[i].start + 1, false, offset, found))
		return 0;
	dl_seterr("%s: no data sector found in track %d read as audio", sg->path,
		  cd->t[i].number);
	return -1;
}

void dl_sub_deinterleave(uint8_t *lin, const uint8_t *raw)
{
	unsigned int i, ch;

	memset(lin, 0, DL_CD_SUB_RAW_SIZE);
	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++)
		for (ch = 0; ch < 8; ch++)
			if (raw[i] & (0x80 >> ch))
				lin[ch * 12 + i / 8] |= (uint8_t)(0x80 >> (i % 8));
}
