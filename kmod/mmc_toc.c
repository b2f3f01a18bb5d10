// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: disc geometry commands, from the disc's layout of sessions
 * and tracks (an ISO is one session of one Mode 1 track from LBA 0):
 * READ TOC/PMA/ATIP, READ DISC INFORMATION, READ TRACK INFORMATION,
 * READ SUB-CHANNEL and READ DISC STRUCTURE.
 */
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>
#include "compat.h"
#include "dl_internal.h"
#include "scsi_asc.h"
#include "cdframe.h"
#include "profile.h"


/* READ DISC STRUCTURE format 00h: data length of the structure. */
#define DL_DVD_PFI_LEN	2048	/* DVD physical format information */
#define DL_BD_DI_LEN	4096	/* BD disc information */

/* Address in a TOC descriptor: LBA, or 0/M/S/F (binary). */
static void dl_put_addr(u8 *p, u64 lba, bool msf)
{
	u8 m, s, f;

	if (!msf) {
		put_unaligned_be32(lba, p);
		return;
	}
	if (lba > DL_CD_MAX_LBA)	/* MSF cannot say more */
		lba = DL_CD_MAX_LBA;
	dl_lba_to_msf(lba, &m, &s, &f);
	p[0] = 0;
	p[1] = m;
	p[2] = s;
	p[3] = f;
}

/* ADR 1 (position) and a track's CONTROL, as TOC descriptors carry them. */
static u8 dl_adr_ctrl(const struct dl_track *t)
{
	return 0x10 | t->control;
}

/* One raw TOC descriptor (format 2); PMIN/PSEC/PFRAME from @lba or as is. */
static u8 *dl_raw_desc(u8 *p, u8 session, u8 adr_ctrl, u8 point, u8 pm,
		       u8 ps, u8 pf)
{
	memset(p, 0, 11);
	p[0] = session;
	p[1] = adr_ctrl;
	p[3] = point;
	p[8] = pm;
	p[9] = ps;
	p[10] = pf;
	return p + 11;
}

static u8 *dl_raw_desc_lba(u8 *p, u8 session, u8 adr_ctrl, u8 point, s32 lba)
{
	u8 mm, ss, ff;

	dl_lba_to_msf(min_t(s32, lba, DL_CD_MAX_LBA), &mm, &ss, &ff);
	return dl_raw_desc(p, session, adr_ctrl, point, mm, ss, ff);
}

/* The first and last track of session @s (1..nr_sessions). */
static void dl_session_tracks(const struct dl_media *m, u8 s,
			      const struct dl_track **first,
			      const struct dl_track **last)
{
	u32 i;

	*first = NULL;
	*last = NULL;
	for (i = 0; i < m->nr_tracks; i++) {
		if (m->tracks[i].session != s)
			continue;
		if (!*first)
			*first = &m->tracks[i];
		*last = &m->tracks[i];
	}
}

/*
 * Format 2, the raw TOC: per session A0 (first track, disc type), A1
 * (last track), A2 (its lead-out), the tracks, and B0 (ADR 5: where the
 * next session's program area starts, and the last possible lead-out)
 * for every session but the last.
 */
static u8 *dl_toc_raw(u8 *p, const struct dl_media *m)
{
	const struct dl_track *first, *last, *t;
	u8 s, mm, ss, ff;

	for (s = 1; s <= m->nr_sessions; s++) {
		dl_session_tracks(m, s, &first, &last);
		p = dl_raw_desc(p, s, dl_adr_ctrl(first), 0xa0, first->number,
				m->disc_type, 0);
		p = dl_raw_desc(p, s, dl_adr_ctrl(last), 0xa1, last->number,
				0, 0);
		p = dl_raw_desc_lba(p, s, dl_adr_ctrl(last), 0xa2, last->end);
		for (t = first; t <= last; t++)
			p = dl_raw_desc_lba(p, s, dl_adr_ctrl(t), t->number,
					    t->start);
		if (s == m->nr_sessions)
			break;
		p = dl_raw_desc_lba(p, s, 0x50 | last->control, 0xb0,
				    m->sectors);
		dl_lba_to_msf(last[1].first, &mm, &ss, &ff);
		p[-7] = mm;	/* Min/Sec/Frame: the next program area */
		p[-6] = ss;
		p[-5] = ff;
	}
	return p;
}

/* Format 0: tracks from @from on, then the lead-out of the last session. */
static u8 *dl_toc_formatted(u8 *p, const struct dl_media *m, u8 from,
			    bool msf)
{
	const struct dl_track *last = &m->tracks[m->nr_tracks - 1];
	u32 i;

	if (from != 0xaa) {
		for (i = 0; i < m->nr_tracks; i++) {
			const struct dl_track *t = &m->tracks[i];

			if (t->number < from)
				continue;
			memset(p, 0, 8);
			p[1] = dl_adr_ctrl(t);
			p[2] = t->number;
			dl_put_addr(p + 4, t->start, msf);
			p += 8;
		}
	}
	memset(p, 0, 8);
	p[1] = dl_adr_ctrl(last);
	p[2] = 0xaa;
	dl_put_addr(p + 4, m->sectors, msf);
	return p + 8;
}

/* Format 5: the CD-TEXT packs behind a 4-byte header, straight from @m. */
static void dl_toc_cdtext(struct scsi_cmnd *cmd, const struct dl_media *m,
			  u32 alloc)
{
	u8 *r = dl_cmd(cmd)->reply;
	u32 n;

	memset(r, 0, 4);
	put_unaligned_be16(2 + m->cdtext_len, &r[0]);
	dl_reply_padded(cmd, r, 4, 4 + m->cdtext_len, alloc);
	n = min3(alloc, scsi_bufflen(cmd), 4 + m->cdtext_len);
	if (n > 4 && cmd->sc_data_direction == DMA_FROM_DEVICE)
		sg_pcopy_from_buffer(scsi_sglist(cmd), scsi_sg_count(cmd),
				     m->cdtext, n - 4, 4);
}

/**
 * dl_read_toc() - READ TOC/PMA/ATIP formats 0, 1, 2 and 5
 * @cmd:	the command
 * @m:		the disc
 *
 * The format is in byte 2; old (SFF-8020i) callers such as sr_cd_check()
 * put it in bits 7-6 of byte 9 instead. Formats 0 and 1 give the whole
 * disc's first and last track and the last session's first track (sr's
 * multi-session offset); format 2 every session.
 */
void dl_read_toc(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r, *p;
	u32 alloc = get_unaligned_be16(&cdb[7]);
	bool msf = cdb[1] & 0x02;
	u8 format = cdb[2] & 0x0f, track = cdb[6];
	const struct dl_track *first, *last;
	size_t max = 4 + 11 * (m->nr_tracks + 4 * m->nr_sessions);

	if (!format && (cdb[9] >> 6))
		format = cdb[9] >> 6;
	if (format == 5) {
		if (m->profile != DISCLOOP_PROFILE_CD)
			dl_invalid_field(cmd);
		else
			dl_toc_cdtext(cmd, m, alloc);
		return;
	}
	if (format > 2 || (format == 2 && m->profile != DISCLOOP_PROFILE_CD) ||
	    (format == 0 && track > m->tracks[m->nr_tracks - 1].number &&
	     track != 0xaa)) {
		dl_invalid_field(cmd);
		return;
	}
	r = kmalloc(max, GFP_ATOMIC);
	if (!r) {
		cmd->result = DID_REQUEUE << 16;
		return;
	}
	dl_session_tracks(m, m->nr_sessions, &first, &last);
	r[2] = m->tracks[0].number;
	r[3] = m->tracks[m->nr_tracks - 1].number;
	p = r + 4;
	switch (format) {
	case 0:			/* formatted TOC */
		p = dl_toc_formatted(p, m, track, msf);
		break;
	case 1:			/* session information: the last session */
		r[2] = 1;
		r[3] = m->nr_sessions;
		memset(p, 0, 8);
		p[1] = dl_adr_ctrl(first);
		p[2] = first->number;
		dl_put_addr(p + 4, first->start, msf);
		p += 8;
		break;
	case 2:			/* raw TOC */
		r[2] = 1;
		r[3] = m->nr_sessions;
		p = dl_toc_raw(p, m);
		break;
	}
	put_unaligned_be16(p - r - 2, &r[0]);
	dl_reply(cmd, r, p - r, alloc);
	kfree(r);
}

/* READ DISC INFORMATION: a complete disc of complete sessions. */
void dl_read_disc_info(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	const struct dl_track *first, *last;

	if (cdb[1] & 0x07) {		/* only standard disc information */
		dl_invalid_field(cmd);
		return;
	}
	dl_session_tracks(m, m->nr_sessions, &first, &last);
	memset(r, 0, 34);
	put_unaligned_be16(32, &r[0]);
	r[2] = 0x0e;		/* last session complete, disc complete */
	r[3] = m->tracks[0].number;	/* first track on the disc */
	r[4] = m->nr_sessions;
	r[5] = first->number;	/* first track in last session */
	r[6] = last->number;	/* last track in last session */
	r[7] = 0x20;		/* URU: unrestricted use */
	r[8] = m->disc_type;
	memset(&r[16], 0xff, 8);	/* no lead-in / lead-out for ROM */
	dl_reply(cmd, r, 34, get_unaligned_be16(&cdb[7]));
}

/* The track READ TRACK INFORMATION's address names, or NULL. */
static const struct dl_track *dl_track_addressed(const struct dl_media *m,
						 u8 type, u32 num)
{
	const struct dl_track *first, *last;
	u32 i;

	switch (type) {
	case 0:			/* the track holding an LBA */
		return num <= S32_MAX ? dl_track_at(m, num) : NULL;
	case 1:			/* a track number */
		for (i = 0; i < m->nr_tracks; i++)
			if (m->tracks[i].number == num)
				return &m->tracks[i];
		return NULL;
	case 2:			/* the first track of a session */
		if (!num || num > m->nr_sessions)
			return NULL;
		dl_session_tracks(m, num, &first, &last);
		return first;
	}
	return NULL;
}

/*
 * READ TRACK INFORMATION by LBA, track or session: the track's start
 * (INDEX 01) and size up to the next track's start or its session's
 * lead-out; no last recorded address, no free blocks, not blank, so that
 * cdrom_get_last_written() agrees with the TOC.
 */
void dl_read_track_info(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	const struct dl_track *t, *last = &m->tracks[m->nr_tracks - 1];
	s32 next;

	t = dl_track_addressed(m, cdb[1] & 0x03,
			       get_unaligned_be32(&cdb[2]));
	if (!t) {
		dl_invalid_field(cmd);
		return;
	}
	next = t < last && t[1].session == t->session ? t[1].start : t->end;
	memset(r, 0, 48);
	put_unaligned_be16(46, &r[0]);
	r[2] = t->number;
	r[3] = t->session;
	r[5] = t->control;	/* track mode: the Q CONTROL nibble */
	r[6] = t->type == DISCLOOP_TRACK_AUDIO ? 0x0f :
	       t->type == DISCLOOP_TRACK_MODE1 ? 0x01 : 0x02;
	put_unaligned_be32(t->start, &r[8]);
	put_unaligned_be32(next - t->start, &r[24]);
	dl_reply(cmd, r, 48, get_unaligned_be16(&cdb[7]));
}

/* DVD physical format information (format 00h), for layer @layer. */
static void dl_dvd_pfi(u8 *p, struct dl_media *m)
{
	bool dual = m->sectors > DL_DVD_SL_SECTORS;
	u32 start = 0x30000, l0, end_l0;

	p[0] = 0x01;		/* DVD-ROM, part version 1 */
	p[1] = 0x02;		/* 120 mm, 10.08 Mbit/s */
	p[2] = dual ? 0x31 : 0x01;	/* layers, OTP path, embossed */
	p[3] = 0x10;		/* 0.267 um/bit, 0.74 um/track */
	put_unaligned_be32(start, &p[4]);
	if (!dual) {
		put_unaligned_be32(start + m->sectors - 1, &p[8]);
		return;
	}
	l0 = DIV_ROUND_UP(m->sectors, 2);
	end_l0 = start + l0 - 1;
	put_unaligned_be32(((~end_l0) & 0xffffff) + (m->sectors - l0) - 1,
			   &p[8]);
	put_unaligned_be32(end_l0, &p[12]);
}

/**
 * dl_read_disc_structure() - READ DISC STRUCTURE
 * @cmd:	the command
 * @m:		the disc
 *
 * DVD: physical format (00h), copyright (01h), list (FFh). BD: disc
 * information (00h), list (FFh). Other media or formats: an error.
 */
void dl_read_disc_structure(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 alloc = get_unaligned_be16(&cdb[8]);
	u8 media = cdb[1] & 0x0f, layer = cdb[6], format = cdb[7];
	bool dvd = m->profile == DISCLOOP_PROFILE_DVD;
	bool bd = m->profile == DISCLOOP_PROFILE_BD;
	u32 len;

	memset(r, 0, 64);
	if (format == 0xff) {
		if (media == 0 && dvd) {
			r[4] = 0x00;
			r[5] = 0x40;
			put_unaligned_be16(DL_DVD_PFI_LEN + 4, &r[6]);
			r[8] = 0x01;
			r[9] = 0x40;
			put_unaligned_be16(4 + 4, &r[10]);
			r[12] = 0xff;
			r[13] = 0x40;
			put_unaligned_be16(4 + 16, &r[14]);
			len = 16;
		} else if (media == 1 && bd) {
			r[4] = 0x00;
			r[5] = 0x40;
			put_unaligned_be16(DL_BD_DI_LEN + 4, &r[6]);
			r[8] = 0xff;
			r[9] = 0x40;
			put_unaligned_be16(4 + 8, &r[10]);
			len = 12;
		} else {
			goto incompatible;
		}
		put_unaligned_be16(len - 2, &r[0]);
		dl_reply(cmd, r, len, alloc);
		return;
	}
	if (media == 0) {
		if (!dvd)
			goto incompatible;
		if (layer > (m->sectors > DL_DVD_SL_SECTORS ? 1 : 0)) {
			dl_invalid_field(cmd);
			return;
		}
		switch (format) {
		case 0x00:
			put_unaligned_be16(DL_DVD_PFI_LEN + 2, &r[0]);
			dl_dvd_pfi(r + 4, m);
			dl_reply_padded(cmd, r, 4 + 17, 4 + DL_DVD_PFI_LEN,
					alloc);
			return;
		case 0x01:
			put_unaligned_be16(6, &r[0]);
			r[4] = 0;	/* no copy protection */
			r[5] = 0;	/* all regions */
			dl_reply(cmd, r, 8, alloc);
			return;
		}
		dl_invalid_field(cmd);
		return;
	}
	if (media == 1) {
		if (!bd)
			goto incompatible;
		if (format != 0x00) {
			dl_invalid_field(cmd);
			return;
		}
		put_unaligned_be16(DL_BD_DI_LEN + 2, &r[0]);
		/* Disc information unit: "DI", format 1, one unit, "BDO". */
		r[4] = 'D';
		r[5] = 'I';
		r[6] = 0x01;
		r[7] = 0x08;
		r[11] = 64;
		r[12] = 'B';
		r[13] = 'D';
		r[14] = 'O';
		r[21] = 0x11;	/* one layer, 120 mm */
		dl_reply_padded(cmd, r, 24, 4 + DL_BD_DI_LEN, alloc);
		return;
	}
	dl_invalid_field(cmd);
	return;

incompatible:
	dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_CANNOT_READ_MEDIUM,
		 DL_ASCQ_INCOMPATIBLE_FORMAT);
}

/*
 * The current position (format 1) @lba, where the virtual play is, in
 * the reply @r.
 */
static void dl_subq_current(u8 *r, const struct dl_media *m, s32 lba,
			    bool msf)
{
	const struct dl_track *t;
	s32 rel;

	lba = min_t(s64, lba, m->sectors - 1);
	t = dl_track_at(m, lba);
	if (!t)
		t = &m->tracks[m->nr_tracks - 1];
	rel = lba - t->start;
	r[4] = 0x01;
	r[5] = dl_adr_ctrl(t);
	r[6] = t->number;
	r[7] = dl_track_index(m, t, lba);
	if (!msf) {
		put_unaligned_be32(lba, &r[8]);
		put_unaligned_be32(rel, &r[12]);
	} else {
		dl_put_addr(&r[8], lba, true);
		/* relative MSF: the distance, without the 2-second offset */
		rel = abs(rel);
		r[13] = rel / (60 * 75);
		r[14] = rel / 75 % 60;
		r[15] = rel % 75;
	}
}

/**
 * dl_read_subchannel() - READ SUB-CHANNEL
 * @cmd:	the command
 * @drive:	the drive (its virtual play, play.c)
 * @m:		the disc
 *
 * The audio status and, in format 1, the position come from the virtual
 * play; without one the status is "none" and the position INDEX 01 of the
 * first track. Format 02h gives the disc's media catalogue number, format
 * 03h the ISRC of the track in byte 6, each with its valid bit clear when
 * the disc has none. With SUBQ clear only the header is returned.
 */
void dl_read_subchannel(struct scsi_cmnd *cmd, struct dl_drive *drive,
			struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 alloc = get_unaligned_be16(&cdb[7]);
	const struct dl_track *t;
	bool msf = cdb[1] & 0x02;
	u8 format = cdb[3];
	u32 len = 4;
	s32 lba;

	memset(r, 0, 24);
	r[1] = dl_play_status(drive, &lba);
	if (r[1] != DL_PLAY_PLAYING && r[1] != DL_PLAY_PAUSED &&
	    r[1] != DL_PLAY_COMPLETED) {
		r[1] = DL_PLAY_NONE;	/* nothing played: the first track */
		lba = m->tracks[0].start;
	}
	if (cdb[2] & 0x40) {		/* SUBQ: return sub-channel data */
		switch (format) {
		case 0x01:		/* current position */
			dl_subq_current(r, m, lba, msf);
			len = 16;
			break;
		case 0x02:		/* media catalogue number */
			r[4] = 0x02;
			if (m->mcn[0]) {
				r[8] = 0x80;	/* MCVAL */
				memcpy(&r[9], m->mcn, DISCLOOP_MCN_LEN);
			}
			len = 24;
			break;
		case 0x03:		/* ISRC of a track */
			t = dl_track_addressed(m, 1, cdb[6]);
			if (!t) {
				dl_invalid_field(cmd);
				return;
			}
			r[4] = 0x03;
			r[5] = dl_adr_ctrl(t);
			r[6] = t->number;
			if (t->isrc[0]) {
				r[8] = 0x80;	/* TCVAL */
				memcpy(&r[9], t->isrc, DISCLOOP_ISRC_LEN);
			}
			len = 24;
			break;
		default:
			dl_invalid_field(cmd);
			return;
		}
	}
	put_unaligned_be16(len - 4, &r[2]);
	dl_reply(cmd, r, len, alloc);
}
