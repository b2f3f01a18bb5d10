// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: what the drive says about itself. GET CONFIGURATION (profiles
 * and features) and MODE SENSE (pages 01h, 0Dh, 0Eh, 1Ah, 2Ah). The drive
 * reads CD-ROM, DVD-ROM and BD-ROM and writes nothing: features 0020h
 * (random writable) and 0028h (MRW) are never reported, so sr marks the
 * disk read-only and skips its MRW probing.
 */
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include "compat.h"
#include "dl_internal.h"
#include "scsi_asc.h"
#include "profile.h"

/* Feature header: 4 + version/persistent/current + additional length. */
static u8 *dl_feature(u8 *p, u16 code, u8 version, bool persistent,
		      bool is_current, u8 len)
{
	put_unaligned_be16(code, p);
	p[2] = (version << 2) | (persistent ? 2 : 0) | (is_current ? 1 : 0);
	p[3] = len;
	memset(p + 4, 0, len);
	return p;
}

/*
 * Build every feature descriptor, in code order, into @buf; skip those
 * the request type and starting feature exclude.
 */
static u32 dl_features(u8 *buf, u16 profile, u8 rt, u16 start)
{
	static const u16 profiles[] = {
		DISCLOOP_PROFILE_BD, DISCLOOP_PROFILE_DVD, DISCLOOP_PROFILE_CD,
	};
	u8 *p = buf, *f;
	bool cur;
	int i;
	u16 code;

#define WANT(c, is_cur) \
	((code = (c)) >= start && (rt != 1 || (is_cur)) && \
	 (rt != 2 || code == start))

	if (WANT(0x0000, true)) {		/* profile list */
		f = dl_feature(p, code, 0, true, true, 4 * ARRAY_SIZE(profiles));
		for (i = 0; i < ARRAY_SIZE(profiles); i++) {
			put_unaligned_be16(profiles[i], f + 4 + 4 * i);
			f[6 + 4 * i] = profiles[i] == profile;
		}
		p += 4 + f[3];
	}
	if (WANT(0x0001, true)) {		/* core */
		f = dl_feature(p, code, 2, true, true, 8);
		put_unaligned_be32(2, f + 4);	/* ATAPI */
		f[8] = 0x01;			/* DBE */
		p += 4 + f[3];
	}
	if (WANT(0x0002, true)) {		/* morphing */
		f = dl_feature(p, code, 1, true, true, 4);
		p += 4 + f[3];
	}
	if (WANT(0x0003, true)) {		/* removable medium */
		f = dl_feature(p, code, 0, true, true, 4);
		f[4] = 0x20 | 0x08 | 0x01;	/* tray, eject, lock */
		p += 4 + f[3];
	}
	cur = profile != 0;
	if (WANT(0x0010, cur)) {		/* random readable */
		f = dl_feature(p, code, 0, false, cur, 8);
		put_unaligned_be32(DL_CD_DATA_SIZE, f + 4);
		put_unaligned_be16(profile == DISCLOOP_PROFILE_BD ? 32 :
				   profile == DISCLOOP_PROFILE_DVD ? 16 : 1,
				   f + 8);
		p += 4 + f[3];
	}
	cur = profile == DISCLOOP_PROFILE_CD;
	if (WANT(0x001e, cur)) {		/* CD read */
		f = dl_feature(p, code, 2, false, cur, 4);
		f[4] = 0x02 | 0x01;		/* C2 flags, CD-Text */
		p += 4 + f[3];
	}
	cur = profile == DISCLOOP_PROFILE_DVD;
	if (WANT(0x001f, cur)) {		/* DVD read */
		f = dl_feature(p, code, 1, false, cur, 4);
		p += 4 + f[3];
	}
	cur = profile == DISCLOOP_PROFILE_BD;
	if (WANT(0x0040, cur)) {		/* BD read */
		f = dl_feature(p, code, 0, false, cur, 28);
		put_unaligned_be16(0x0002, f + 28);	/* BD-ROM version 1 */
		p += 4 + f[3];
	}
	cur = profile == DISCLOOP_PROFILE_CD;
	if (WANT(0x0103, cur)) {		/* CD audio external play */
		/*
		 * PLAY AUDIO, PAUSE/RESUME, STOP PLAY/SCAN and the position
		 * in READ SUB-CHANNEL; no SCAN, and page 0Eh's volumes are
		 * fixed (SV and SCM clear).
		 */
		f = dl_feature(p, code, 0, false, cur, 4);
		put_unaligned_be16(256, f + 6);		/* volume levels */
		p += 4 + f[3];
	}
#undef WANT
	return p - buf;
}

/**
 * dl_get_configuration() - GET CONFIGURATION
 * @cmd:	the command
 * @m:		the disc, or NULL when the drive is empty
 *
 * Honours RT 00b (all from the starting feature), 01b (current ones) and
 * 10b (just the starting feature). Allocation lengths of any size are
 * fine (cdrom_id asks for 65530).
 */
void dl_get_configuration(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u16 profile = m ? m->profile : 0;
	u8 rt = cdb[1] & 0x03;
	u32 len;

	if (rt == 3) {
		dl_invalid_field(cmd);
		return;
	}
	memset(r, 0, 8);
	len = 8 + dl_features(r + 8, profile, rt, get_unaligned_be16(&cdb[2]));
	put_unaligned_be32(len - 4, &r[0]);
	put_unaligned_be16(profile, &r[6]);
	dl_reply(cmd, r, len, get_unaligned_be16(&cdb[7]));
}

/* MODE SENSE pages; @changeable: the mask (nothing is). */
static u8 *dl_page(u8 *p, u8 code, u8 len)
{
	memset(p, 0, len + 2);
	p[0] = code;
	p[1] = len;
	return p;
}

static u32 dl_mode_pages(u8 *buf, u8 page, bool changeable,
			 struct dl_drive *drive)
{
	bool all = page == 0x3f;
	u8 *p = buf, *q;
	u32 speed;

	if (all || page == 0x01) {	/* read/write error recovery */
		q = dl_page(p, 0x01, 10);
		p += 12;
	}
	if (all || page == 0x0d) {	/* CD device parameters */
		q = dl_page(p, 0x0d, 6);
		if (!changeable) {
			q[5] = 60;	/* S units per M */
			q[7] = 75;	/* F units per S */
		}
		p += 8;
	}
	if (all || page == 0x0e) {	/* CD audio control */
		q = dl_page(p, 0x0e, 14);
		if (!changeable) {
			q[2] = 0x04;
			q[8] = 0x01;
			q[9] = 0xff;
			q[10] = 0x02;
			q[11] = 0xff;
		}
		p += 16;
	}
	if (all || page == 0x1a) {	/* power condition */
		q = dl_page(p, 0x1a, 10);
		p += 12;
	}
	if (all || page == 0x2a) {	/* capabilities & mechanical status */
		q = dl_page(p, 0x2a, 30);
		p += 32;
		if (changeable)
			goto out;
		speed = dl_profile_speed(DISCLOOP_PROFILE_CD);	/* 48x */
		q[2] = 0x03 | 0x08;	/* read CD-R, CD-RW, DVD-ROM */
		q[3] = 0;		/* writes nothing */
		/* multisession, Mode 2 Form 2, Mode 2 Form 1 */
		q[4] = 0x40 | 0x20 | 0x10 | 0x01;	/* and audio play */
		/*
		 * UPC (MCN) and ISRC in READ SUB-CHANNEL, C2 pointers, raw
		 * R-W in READ CD, accurate CD-DA stream, CD-DA through READ
		 * CD.
		 */
		q[5] = 0x40 | 0x20 | 0x10 | 0x04 | 0x02 | 0x01;
		q[6] = 0x20 | 0x08 | 0x01;	/* tray, eject, lock */
		if (READ_ONCE(drive->locked))
			q[6] |= 0x02;
		put_unaligned_be16(min_t(u32, speed, 0xffff), &q[8]);
		put_unaligned_be16(256, &q[10]);	/* volume levels */
		put_unaligned_be16(2048, &q[12]);	/* buffer, KiB */
		put_unaligned_be16(min_t(u32, speed, 0xffff), &q[14]);
		q[27] = 0;		/* CLV and CAV */
	}
out:
	return p - buf;
}

/**
 * dl_mode_sense() - MODE SENSE(6) and (10)
 * @cmd:	the command
 * @drive:	the drive
 *
 * No block descriptors (an MMC device has none; sr asks with DBD = 0 and
 * checks the length). Saved values are not supported.
 */
void dl_mode_sense(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	bool ten = cdb[0] == MODE_SENSE_10;
	u8 pc = cdb[2] >> 6, page = cdb[2] & 0x3f, subpage = cdb[3];
	u32 hdr = ten ? 8 : 4, len, alloc;

	if (pc == 3) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_SAVING_PARAMS_UNSUP, 0);
		return;
	}
	if (subpage && !(subpage == 0xff && page == 0x3f)) {
		dl_invalid_field(cmd);
		return;
	}
	if (page != 0x3f && page != 0x01 && page != 0x0d && page != 0x0e &&
	    page != 0x1a && page != 0x2a) {
		dl_invalid_field(cmd);
		return;
	}
	memset(r, 0, hdr);
	len = hdr + dl_mode_pages(r + hdr, page, pc == 1, drive);
	if (ten) {
		put_unaligned_be16(len - 2, &r[0]);
		alloc = get_unaligned_be16(&cdb[7]);
	} else {
		r[0] = len - 1;
		alloc = cdb[4];
	}
	dl_reply(cmd, r, len, alloc);
}
