// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: disc geometry commands. A disc is always one complete session
 * with one Mode 1 data track starting at LBA 0 and ending at the end of
 * the image: READ TOC/PMA/ATIP, READ DISC INFORMATION, READ TRACK
 * INFORMATION and READ DISC STRUCTURE.
 */
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include "compat.h"
#include "dl_internal.h"
#include "scsi_asc.h"
#include "cdframe.h"
#include "profile.h"

#define DL_ADR_CTRL	0x14	/* ADR 1 (position), CONTROL 4 (data track) */

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

/* One raw TOC descriptor (format 2). */
static u8 *dl_raw_desc(u8 *p, u8 point, u8 pm, u8 ps, u8 pf)
{
	memset(p, 0, 11);
	p[0] = 1;		/* session */
	p[1] = DL_ADR_CTRL;
	p[3] = point;
	p[8] = pm;
	p[9] = ps;
	p[10] = pf;
	return p + 11;
}

/**
 * dl_read_toc() - READ TOC/PMA/ATIP formats 0, 1 and 2
 * @cmd:	the command
 * @m:		the disc
 *
 * The format is in byte 2; old (SFF-8020i) callers such as sr_cd_check()
 * put it in bits 7-6 of byte 9 instead.
 */
void dl_read_toc(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply, *p;
	u32 alloc = get_unaligned_be16(&cdb[7]);
	bool msf = cdb[1] & 0x02;
	u8 format = cdb[2] & 0x0f, track = cdb[6];
	u8 mm, ss, ff;

	if (!format && (cdb[9] >> 6))
		format = cdb[9] >> 6;
	memset(r, 0, 64);
	r[2] = 1;
	r[3] = 1;
	p = r + 4;
	switch (format) {
	case 0:			/* formatted TOC */
		if (track > 1 && track != 0xaa) {
			dl_invalid_field(cmd);
			return;
		}
		if (track <= 1) {
			p[1] = DL_ADR_CTRL;
			p[2] = 1;
			dl_put_addr(p + 4, 0, msf);
			p += 8;
		}
		p[1] = DL_ADR_CTRL;
		p[2] = 0xaa;
		dl_put_addr(p + 4, m->sectors, msf);
		p += 8;
		break;
	case 1:			/* session information */
		p[1] = DL_ADR_CTRL;
		p[2] = 1;
		dl_put_addr(p + 4, 0, msf);
		p += 8;
		break;
	case 2:			/* raw TOC: A0, A1, A2 and track 1 */
		if (m->profile != DISCLOOP_PROFILE_CD) {
			dl_invalid_field(cmd);
			return;
		}
		p = dl_raw_desc(p, 0xa0, 1, 0x00, 0);	/* CD-DA/CD-ROM */
		p = dl_raw_desc(p, 0xa1, 1, 0, 0);
		dl_lba_to_msf(min_t(u64, m->sectors, DL_CD_MAX_LBA),
			      &mm, &ss, &ff);
		p = dl_raw_desc(p, 0xa2, mm, ss, ff);
		dl_lba_to_msf(0, &mm, &ss, &ff);
		p = dl_raw_desc(p, 1, mm, ss, ff);
		break;
	default:
		dl_invalid_field(cmd);
		return;
	}
	put_unaligned_be16(p - r - 2, &r[0]);
	dl_reply(cmd, r, p - r, alloc);
}

/* READ DISC INFORMATION: a complete disc, one session, one track. */
void dl_read_disc_info(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;

	if (cdb[1] & 0x07) {		/* only standard disc information */
		dl_invalid_field(cmd);
		return;
	}
	memset(r, 0, 34);
	put_unaligned_be16(32, &r[0]);
	r[2] = 0x0e;		/* last session complete, disc complete */
	r[3] = 1;		/* first track */
	r[4] = 1;		/* sessions */
	r[5] = 1;		/* first track in last session */
	r[6] = 1;		/* last track in last session */
	r[7] = 0x20;		/* URU: unrestricted use */
	r[8] = 0x00;		/* disc type CD-DA or CD-ROM */
	memset(&r[16], 0xff, 8);	/* no lead-in / lead-out for ROM */
	dl_reply(cmd, r, 34, get_unaligned_be16(&cdb[7]));
}

/*
 * READ TRACK INFORMATION for track 1 (or session 1, or an LBA in it): the
 * exact size, no last recorded address, no free blocks, not blank, so that
 * cdrom_get_last_written() agrees with READ CAPACITY.
 */
void dl_read_track_info(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 num = get_unaligned_be32(&cdb[2]);
	bool ok;

	switch (cdb[1] & 0x03) {
	case 0:
		ok = num < m->sectors;
		break;
	case 1:
	case 2:
		ok = num == 1;
		break;
	default:
		ok = false;
	}
	if (!ok) {
		dl_invalid_field(cmd);
		return;
	}
	memset(r, 0, 48);
	put_unaligned_be16(46, &r[0]);
	r[2] = 1;		/* track */
	r[3] = 1;		/* session */
	r[5] = 0x04;		/* data track, uninterrupted */
	r[6] = 0x01;		/* data mode 1 */
	put_unaligned_be32(min_t(u64, m->sectors, U32_MAX), &r[24]);
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

/**
 * dl_read_subchannel() - READ SUB-CHANNEL
 * @cmd:	the command
 * @m:		the disc
 *
 * Nothing ever plays, so the audio status is "no current audio status"
 * and the current position is the start of the data track. A pressed data
 * disc carries neither a media catalogue number nor ISRCs: formats 02h and
 * 03h answer with their valid bits clear. With SUBQ clear only the header
 * is returned.
 */
void dl_read_subchannel(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 alloc = get_unaligned_be16(&cdb[7]);
	bool msf = cdb[1] & 0x02;
	u8 format = cdb[3];
	u32 len = 4;

	memset(r, 0, 24);
	r[1] = 0x15;			/* no current audio status */
	if (cdb[2] & 0x40) {		/* SUBQ: return sub-channel data */
		switch (format) {
		case 0x01:		/* current position */
			r[4] = 0x01;
			r[5] = DL_ADR_CTRL;
			r[6] = 1;	/* track */
			r[7] = 1;	/* index */
			dl_put_addr(&r[8], 0, msf);	/* absolute */
			/* relative address 0 is all zero in both forms */
			len = 16;
			break;
		case 0x02:		/* media catalogue number: none */
			r[4] = 0x02;
			len = 24;
			break;
		case 0x03:		/* ISRC of a track: none */
			if (cdb[6] != 1) {
				dl_invalid_field(cmd);
				return;
			}
			r[4] = 0x03;
			r[5] = DL_ADR_CTRL;
			r[6] = 1;
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
