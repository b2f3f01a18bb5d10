// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: MMC command dispatch and the small command handlers.
 *
 * Runs inside queuecommand, which must not sleep on 6.1: everything here
 * answers from memory under drive->lock at most. Reads are validated here
 * and handed to io.c.
 */
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include <linux/cdrom.h>
#include "compat.h"
#include "dl_internal.h"
#include "scsi_asc.h"
#include "cdframe.h"
#include "profile.h"

#define DL_VENDOR	"discloop"
#define DL_PRODUCT	"Virtual BD-ROM  "
#define DL_REVISION	"1.0 "

/* Opcodes not in scsi_proto.h on both kernels. */
#define DL_SET_STREAMING	0xb6
#define DL_SET_CD_SPEED		0xbb
#define DL_MECHANISM_STATUS	0xbd
#define DL_READ_BUFFER_CAP	0x5c
#define DL_GET_PERFORMANCE	0xac
#define DL_READ_DISC_STRUCT	0xad
#define DL_GET_CONFIGURATION	0x46
#define DL_GESN			0x4a
#define DL_READ_SUBCHANNEL	0x42
#define DL_READ_DISC_INFO	0x51
#define DL_READ_TRACK_INFO	0x52
#define DL_BLANK		0xa1
#define DL_CLOSE_TRACK		0x5b
#define DL_RESERVE_TRACK	0x53
#define DL_SEND_CUE_SHEET	0x5d
#define DL_PLAY_AUDIO_10	0x45
#define DL_PLAY_AUDIO_MSF	0x47
#define DL_PAUSE_RESUME		0x4b
#define DL_STOP_PLAY_SCAN	0x4e
#define DL_PLAY_AUDIO_12	0xa5

/* VERIFY(10) byte 1: compare data from the initiator. */
#define DL_VERIFY_BYTCHK	0x02

static unsigned int dl_cdb_len(u8 op)
{
	switch (op >> 5) {
	case 0:
		return 6;
	case 1:
	case 2:
		return 10;
	case 4:
		return 16;
	case 5:
		return 12;
	}
	return 6;
}

/* NOT READY, medium not present; ASCQ tells the tray state. */
static void dl_not_ready(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	dl_sense(cmd, NOT_READY, DL_ASC_MEDIUM_NOT_PRESENT,
		 READ_ONCE(drive->tray_open) ? DL_ASCQ_TRAY_OPEN :
					       DL_ASCQ_TRAY_CLOSED);
}

/* Reference the disc or answer NOT READY. */
static struct dl_media *dl_need_media(struct scsi_cmnd *cmd,
				      struct dl_drive *drive)
{
	struct dl_media *m = dl_media_get(drive);

	if (!m)
		dl_not_ready(cmd, drive);
	return m;
}

static void dl_inquiry(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 alloc = get_unaligned_be16(&cdb[3]);
	char serial[16];
	int sl;

	/* Stable across module reloads, so /dev/disk/by-id links are too. */
	sl = scnprintf(serial, sizeof(serial), "DISCLOOP%04u", drive->index);
	memset(r, 0, 96);
	if (!(cdb[1] & 1)) {
		if (cdb[2]) {
			dl_invalid_field(cmd);
			return;
		}
		r[0] = TYPE_ROM;
		r[1] = 0x80;		/* RMB */
		r[2] = 0x05;		/* SPC-3 */
		r[3] = 0x02;		/* response data format 2 */
		r[4] = 96 - 5;
		memcpy(&r[8], DL_VENDOR, 8);
		memcpy(&r[16], DL_PRODUCT, 16);
		memcpy(&r[32], DL_REVISION, 4);
		put_unaligned_be16(0x00a0, &r[58]);	/* SAM-3 */
		put_unaligned_be16(0x0460, &r[60]);	/* SPC-4 */
		put_unaligned_be16(0x05a0, &r[62]);	/* MMC-6 */
		dl_reply(cmd, r, 96, alloc);
		return;
	}
	r[0] = TYPE_ROM;
	r[1] = cdb[2];
	switch (cdb[2]) {
	case 0x00:
		r[3] = 3;
		r[4] = 0x00;
		r[5] = 0x80;
		r[6] = 0x83;
		dl_reply(cmd, r, 7, alloc);
		return;
	case 0x80:
		r[3] = sl;
		memcpy(&r[4], serial, sl);
		dl_reply(cmd, r, 4 + sl, alloc);
		return;
	case 0x83:
		/* One T10 vendor ID designator: vendor + serial. */
		r[4] = 0x02;		/* code set: ASCII */
		r[5] = 0x01;		/* association LU, type T10 vendor ID */
		r[7] = 8 + sl;
		memcpy(&r[8], DL_VENDOR, 8);
		memcpy(&r[16], serial, sl);
		r[3] = 4 + 8 + sl;
		dl_reply(cmd, r, 4 + r[3], alloc);
		return;
	}
	dl_invalid_field(cmd);
}

static void dl_request_sense(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *r = dl_cmd(cmd)->reply;
	unsigned long flags;
	u8 key = NO_SENSE, asc = DL_ASC_NO_ADDITIONAL_SENSE, ascq = 0;

	spin_lock_irqsave(&drive->lock, flags);
	if (drive->ua_pending) {
		drive->ua_pending = false;
		key = UNIT_ATTENTION;
		asc = DL_ASC_MEDIUM_MAY_HAVE_CHANGED;
	} else if (!drive->media) {
		key = NOT_READY;
		asc = DL_ASC_MEDIUM_NOT_PRESENT;
		ascq = drive->tray_open ? DL_ASCQ_TRAY_OPEN :
					  DL_ASCQ_TRAY_CLOSED;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	memset(r, 0, 18);
	r[0] = 0x70;
	r[2] = key;
	r[7] = 10;
	r[12] = asc;
	r[13] = ascq;
	dl_reply(cmd, r, 18, cmd->cmnd[4]);
}

static void dl_gesn(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 alloc = get_unaligned_be16(&cdb[7]);
	unsigned long flags;

	if (!(cdb[1] & 1)) {		/* only polled operation */
		dl_invalid_field(cmd);
		return;
	}
	memset(r, 0, 8);
	r[3] = 0x10;			/* supported: media class */
	if (!(cdb[4] & 0x10)) {
		put_unaligned_be16(2, &r[0]);
		r[2] = 0x80;		/* NEA */
		dl_reply(cmd, r, 4, alloc);
		return;
	}
	put_unaligned_be16(6, &r[0]);
	r[2] = 4;			/* media class */
	spin_lock_irqsave(&drive->lock, flags);
	r[4] = drive->event;
	if (alloc >= 5)		/* consumed once it has been reported */
		drive->event = DL_EV_NONE;
	r[5] = (drive->media ? 0x02 : 0) | (drive->tray_open ? 0x01 : 0);
	spin_unlock_irqrestore(&drive->lock, flags);
	dl_reply(cmd, r, 8, alloc);
}

static void dl_start_stop(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 op = cmd->cmnd[4];
	unsigned long flags;

	cmd->result = SAM_STAT_GOOD;
	if (op >> 4)			/* power conditions */
		return;
	if (!(op & 0x02)) {
		/* stop the disc (CDROMSTOP sends this): an audio play ends */
		if (!(op & 0x01))
			dl_play_stop(drive);
		return;
	}
	if (op & 0x01) {		/* load: close the tray */
		spin_lock_irqsave(&drive->lock, flags);
		drive->tray_open = false;
		spin_unlock_irqrestore(&drive->lock, flags);
		return;
	}
	if (dl_media_eject(drive, false, true))
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_MEDIA_LOAD_EJECT_FAILED,
			 DL_ASCQ_REMOVAL_PREVENTED);
}

static void dl_prevent_allow(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	drive->locked = cmd->cmnd[4] & 1;
	if (drive->locked)
		drive->eject_request = false;
	spin_unlock_irqrestore(&drive->lock, flags);
	cmd->result = SAM_STAT_GOOD;
}

static void dl_read_capacity(struct scsi_cmnd *cmd, struct dl_media *m)
{
	u8 *r = dl_cmd(cmd)->reply;

	put_unaligned_be32(min_t(u64, m->sectors - 1, 0xffffffff), &r[0]);
	put_unaligned_be32(DL_CD_DATA_SIZE, &r[4]);
	dl_reply(cmd, r, 8, 8);
}

static void dl_mechanism_status(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *r = dl_cmd(cmd)->reply;

	memset(r, 0, 8);
	r[1] = READ_ONCE(drive->tray_open) ? 0x10 : 0;
	dl_reply(cmd, r, 8, get_unaligned_be16(&cmd->cmnd[8]));
}

static void dl_read_buffer_capacity(struct scsi_cmnd *cmd)
{
	u8 *r = dl_cmd(cmd)->reply;

	memset(r, 0, 12);
	put_unaligned_be16(10, &r[0]);
	if (cmd->cmnd[1] & 1) {		/* block: available blocks */
		r[7] = 0;
		put_unaligned_be32(1024, &r[8]);
	} else {
		put_unaligned_be32(2 << 20, &r[4]);
		put_unaligned_be32(2 << 20, &r[8]);
	}
	dl_reply(cmd, r, 12, get_unaligned_be16(&cmd->cmnd[7]));
}

static void dl_get_performance(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	u8 *cdb = cmd->cmnd, *r = dl_cmd(cmd)->reply;
	u32 max = get_unaligned_be16(&cdb[8]);
	struct dl_media *m;
	u32 len = 8, speed, desc;

	memset(r, 0, 24);
	switch (cdb[10]) {
	case 0x00:			/* performance */
		desc = 16;
		if ((cdb[1] & 0x03) || !max)
			break;
		m = dl_media_get(drive);
		if (!m)
			break;
		speed = dl_profile_speed(m->profile);
		put_unaligned_be32(0, &r[8]);
		put_unaligned_be32(speed, &r[12]);
		put_unaligned_be32(min_t(u64, m->sectors - 1, U32_MAX), &r[16]);
		put_unaligned_be32(speed, &r[20]);
		dl_media_put(m);
		len += desc;
		break;
	case 0x03:			/* write speed: none, a ROM drive */
		break;
	default:
		dl_invalid_field(cmd);
		return;
	}
	put_unaligned_be32(len - 4, &r[0]);
	/* Allocation is in descriptors; a header always fits. */
	dl_reply(cmd, r, len, scsi_bufflen(cmd));
}

static void dl_report_luns(struct scsi_cmnd *cmd)
{
	u8 *r = dl_cmd(cmd)->reply;

	memset(r, 0, 16);
	put_unaligned_be32(8, &r[0]);
	dl_reply(cmd, r, 16, get_unaligned_be32(&cmd->cmnd[6]));
}

/*
 * Check a read's range, then hand it to the worker.
 *
 * Return: true if answered here, false if queued: the read then owns the
 * caller's reference to @m.
 */
static bool dl_read(struct scsi_cmnd *cmd, struct dl_media *m, u64 lba,
		    u32 n)
{
	const struct dl_track *t;

	if (lba + n > m->sectors) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0);
		return true;
	}
	if (!m->plain && n) {	/* the first block; the worker the others */
		t = dl_track_at(m, lba);
		if (!t) {
			dl_sense_lba(cmd, ILLEGAL_REQUEST,
				     DL_ASC_LBA_OUT_OF_RANGE, 0, lba);
			scsi_set_resid(cmd, scsi_bufflen(cmd));
			return true;
		}
		if (t->type == DISCLOOP_TRACK_AUDIO ||
		    t->type == DISCLOOP_TRACK_MODE2) {
			dl_sense_ili(cmd, DL_ASC_ILLEGAL_MODE_FOR_TRACK, lba);
			return true;
		}
	}
	if (!n || !scsi_bufflen(cmd) ||
	    cmd->sc_data_direction != DMA_FROM_DEVICE) {
		if (n && scsi_bufflen(cmd))
			dl_invalid_field(cmd);
		else	/* nothing to transfer: all of the buffer is residue */
			scsi_set_resid(cmd, scsi_bufflen(cmd));
		return true;
	}
	dl_queue_read(cmd, m, lba, n);
	return false;
}

/* The sector type a track's first sectors have, to check a selection. */
static u8 dl_track_sector_type(const struct dl_track *t)
{
	switch (t->type) {
	case DISCLOOP_TRACK_AUDIO:
		return DL_SECTOR_CDDA;
	case DISCLOOP_TRACK_MODE1:
		return DL_SECTOR_MODE1;
	case DISCLOOP_TRACK_MODE2:
		return DL_SECTOR_MODE2;
	}
	return t->sector_size == DL_XA_FORM2_DATA_SIZE ? DL_SECTOR_FORM2 :
							 DL_SECTOR_FORM1;
}

/*
 * The selection of a READ CD checked before the read, into dc->rc: against
 * the expected sector type, or without one against the first sector's
 * track. An XA track mixes Form 1 and Form 2, and a selection may be legal
 * for one form only (sub-header and EDC: the Form 2 EDC is user data); one
 * that either form can give passes, and the worker checks each sector's.
 */
static bool dl_read_cd_selection(struct dl_cmd *dc, const u8 *cdb, u8 type,
				 const struct dl_track *t)
{
	if (type)
		return dl_readcd_layout_type(cdb[9], cdb[10], type, &dc->rc);
	if (t->type != DISCLOOP_TRACK_MODE2_XA)
		return dl_readcd_layout_type(cdb[9], cdb[10],
					     dl_track_sector_type(t), &dc->rc);
	return dl_readcd_layout_type(cdb[9], cdb[10], DL_SECTOR_FORM1,
				     &dc->rc) ||
	       dl_readcd_layout_type(cdb[9], cdb[10], DL_SECTOR_FORM2,
				     &dc->rc);
}

/*
 * READ CD and READ CD MSF on a CD: every sector as its track frames it.
 * The expected sector type (byte 1) and the selection (bytes 9 and 10)
 * are checked here against the first sector; the worker checks each
 * sector as it goes (an XA track mixes forms) and stops at the first
 * mismatch (05/64/00) or session gap (05/21/00). A drive with the
 * overread quirk reads that many sectors past the final lead-out.
 *
 * Return: as dl_read().
 */
static bool dl_read_cd(struct scsi_cmnd *cmd, struct dl_media *m)
{
	struct dl_cmd *dc = dl_cmd(cmd);
	u8 *cdb = cmd->cmnd;
	u8 type = (cdb[1] >> DL_RC_TYPE_SHIFT) & DL_RC_TYPE_MASK;
	const struct dl_track *t;
	s64 lba, end;
	u32 n, overread;

	if (m->profile != DISCLOOP_PROFILE_CD) {
		dl_sense(cmd, ILLEGAL_REQUEST,
			 DL_ASC_ILLEGAL_MODE_FOR_TRACK, 0);
		return true;
	}
	if (cdb[0] == DL_READ_CD) {
		lba = (s32)get_unaligned_be32(&cdb[2]);
		n = get_unaligned_be24(&cdb[6]);
	} else {
		lba = dl_msf_to_lba(cdb[3], cdb[4], cdb[5]);
		end = dl_msf_to_lba(cdb[6], cdb[7], cdb[8]);
		if (end < lba) {
			dl_invalid_field(cmd);
			return true;
		}
		n = end - lba;
	}
	if (type > DL_SECTOR_FORM2) {
		dl_invalid_field(cmd);
		return true;
	}
	overread = dl_quirk_overread(dc->drive);
	if (lba + n > m->sectors + overread) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0);
		return true;
	}
	t = dl_track_at(m, lba);
	/* a lead-out overread (quirks.c): the last track's mode goes on */
	if (!t && overread && lba >= m->sectors)
		t = &m->tracks[m->nr_tracks - 1];
	if (!t) {
		dl_sense_lba(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0,
			     lba);
		scsi_set_resid(cmd, scsi_bufflen(cmd));
		return true;
	}
	if (!dl_read_cd_selection(dc, cdb, type, t)) {
		dl_invalid_field(cmd);
		return true;
	}
	if (!n || !dc->rc.size || !scsi_bufflen(cmd) ||
	    cmd->sc_data_direction != DMA_FROM_DEVICE) {
		if (n && dc->rc.size && scsi_bufflen(cmd))
			dl_invalid_field(cmd);
		else	/* nothing to transfer: all of the buffer is residue */
			scsi_set_resid(cmd, scsi_bufflen(cmd));
		return true;
	}
	n = min_t(u64, n, scsi_bufflen(cmd) / dc->rc.size);
	if (!n) {
		dl_invalid_field(cmd);
		return true;
	}
	dc->readcd = true;
	dc->rc_type = type;
	dc->rc_main = cdb[9];
	dc->rc_sub = cdb[10];
	dl_queue_read(cmd, m, lba, n);
	return false;
}

/* VERIFY(10) without BYTCHK: only injected faults fail. */
static void dl_verify(struct scsi_cmnd *cmd, struct dl_drive *drive,
		      struct dl_media *m)
{
	u8 *cdb = cmd->cmnd;
	u64 lba = get_unaligned_be32(&cdb[2]), bad;
	u32 n = get_unaligned_be16(&cdb[7]);

	if (lba + n > m->sectors)
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0);
	else if (dl_fault_hit(drive, lba, n, false, &bad))
		dl_sense_lba(cmd, MEDIUM_ERROR,
			     DL_ASC_UNRECOVERED_READ_ERROR, 0, bad);
}

static void dl_seek(struct scsi_cmnd *cmd, struct dl_media *m)
{
	if (get_unaligned_be32(&cmd->cmnd[2]) >= m->sectors)
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0);
}

/* Commands that may be answered while a UNIT ATTENTION is pending. */
static bool dl_ua_exempt(u8 op)
{
	switch (op) {
	case INQUIRY:
	case REQUEST_SENSE:
	case DL_GET_CONFIGURATION:
	case DL_GESN:
	case REPORT_LUNS:
		return true;
	}
	return false;
}

/* Writes and the commands that prepare them: media are read-only. */
static bool dl_is_write(u8 op)
{
	switch (op) {
	case WRITE_6:
	case WRITE_10:
	case WRITE_12:
	case WRITE_16:
	case WRITE_VERIFY:
	case WRITE_VERIFY_12:
	case WRITE_VERIFY_16:
	case FORMAT_UNIT:
	case DL_BLANK:
	case DL_CLOSE_TRACK:
	case DL_RESERVE_TRACK:
	case DL_SEND_CUE_SHEET:
		return true;
	}
	return false;
}

/*
 * Commands that need a disc: without one they answer NOT READY, with one
 * dl_mmc_execute() holds a reference for them. VERIFY with BYTCHK (compare
 * data, not supported) is refused before the disc is looked at.
 */
static bool dl_needs_media(const u8 *cdb)
{
	switch (cdb[0]) {
	case TEST_UNIT_READY:
	case READ_CAPACITY:
	case READ_10:
	case READ_12:
	case DL_READ_CD:
	case DL_READ_CD_MSF:
	case SEEK_10:
	case READ_TOC:
	case DL_READ_SUBCHANNEL:
	case DL_READ_DISC_INFO:
	case DL_READ_TRACK_INFO:
	case DL_READ_DISC_STRUCT:
	case DL_PLAY_AUDIO_10:
	case DL_PLAY_AUDIO_12:
	case DL_PLAY_AUDIO_MSF:
	case DL_PAUSE_RESUME:
	case DL_STOP_PLAY_SCAN:
		return true;
	case VERIFY:
		return !(cdb[1] & DL_VERIFY_BYTCHK);
	}
	return dl_is_write(cdb[0]);
}

/*
 * Answer @cmd, or queue it if it is a read. @m is the disc when
 * dl_needs_media(), else NULL.
 *
 * Return: as dl_read().
 */
static bool dl_dispatch(struct scsi_cmnd *cmd, struct dl_drive *drive,
			struct dl_media *m)
{
	u8 *cdb = cmd->cmnd;

	switch (cdb[0]) {
	case TEST_UNIT_READY:
		break;
	case REQUEST_SENSE:
		dl_request_sense(cmd, drive);
		break;
	case INQUIRY:
		dl_inquiry(cmd, drive);
		break;
	case MODE_SELECT:
	case MODE_SELECT_10:
		break;		/* accepted and ignored: nothing is changeable */
	case MODE_SENSE:
	case MODE_SENSE_10:
		dl_mode_sense(cmd, drive);
		break;
	case START_STOP:
		dl_start_stop(cmd, drive);
		break;
	case ALLOW_MEDIUM_REMOVAL:
		dl_prevent_allow(cmd, drive);
		break;
	case READ_CAPACITY:
		dl_read_capacity(cmd, m);
		break;
	case READ_10:
		return dl_read(cmd, m, get_unaligned_be32(&cdb[2]),
			       get_unaligned_be16(&cdb[7]));
	case READ_12:
		return dl_read(cmd, m, get_unaligned_be32(&cdb[2]),
			       get_unaligned_be32(&cdb[6]));
	case DL_READ_CD:
	case DL_READ_CD_MSF:
		return dl_read_cd(cmd, m);
	case SEEK_10:
		dl_seek(cmd, m);
		break;
	case VERIFY:
		if (cdb[1] & DL_VERIFY_BYTCHK)
			dl_invalid_field(cmd);
		else
			dl_verify(cmd, drive, m);
		break;
	case SYNCHRONIZE_CACHE:
	case DL_SET_CD_SPEED:
	case DL_SET_STREAMING:
		break;
	case READ_TOC:
		dl_read_toc(cmd, m);
		break;
	case DL_READ_SUBCHANNEL:
		dl_read_subchannel(cmd, drive, m);
		break;
	case DL_PLAY_AUDIO_10:
	case DL_PLAY_AUDIO_12:
	case DL_PLAY_AUDIO_MSF:
		dl_play_audio(cmd, drive, m);
		break;
	case DL_PAUSE_RESUME:
		dl_pause_resume(cmd, drive);
		break;
	case DL_STOP_PLAY_SCAN:
		dl_play_stop(drive);
		break;
	case DL_READ_DISC_INFO:
		dl_read_disc_info(cmd, m);
		break;
	case DL_READ_TRACK_INFO:
		dl_read_track_info(cmd, m);
		break;
	case DL_READ_DISC_STRUCT:
		dl_read_disc_structure(cmd, m);
		break;
	case DL_GET_CONFIGURATION: {
		/* Answered with or without a disc. */
		struct dl_media *disc = dl_media_get(drive);

		dl_get_configuration(cmd, disc);
		dl_media_put(disc);
		break;
	}
	case DL_GESN:
		dl_gesn(cmd, drive);
		break;
	case DL_MECHANISM_STATUS:
		dl_mechanism_status(cmd, drive);
		break;
	case DL_READ_BUFFER_CAP:
		dl_read_buffer_capacity(cmd);
		break;
	case DL_GET_PERFORMANCE:
		dl_get_performance(cmd, drive);
		break;
	case REPORT_LUNS:
		dl_report_luns(cmd);
		break;
	default:
		if (dl_is_write(cdb[0]))
			dl_sense(cmd, DATA_PROTECT, DL_ASC_WRITE_PROTECTED, 0);
		else
			dl_sense(cmd, ILLEGAL_REQUEST,
				 DL_ASC_INVALID_OPCODE, 0);
		break;
	}
	return true;
}

/**
 * dl_mmc_execute() - answer one CDB
 * @cmd:	the command, from queuecommand
 *
 * Checks the CDB length and a pending UNIT ATTENTION, takes the disc
 * reference the command needs (dl_needs_media()) and dispatches; the
 * reference is dropped here once the command is answered, or by the read
 * worker for a queued read.
 *
 * Return: true if the command is answered (the caller completes it),
 * false if it was queued to the read worker, which completes it.
 */
bool dl_mmc_execute(struct scsi_cmnd *cmd)
{
	struct dl_drive *drive = dl_sdev_drive(cmd->device);
	struct dl_media *m = NULL;
	u8 *cdb = cmd->cmnd;
	u8 op = cdb[0];
	unsigned long flags;
	bool ua, done;

	cmd->result = SAM_STAT_GOOD;
	/* nothing has moved until a reply says how much did */
	scsi_set_resid(cmd, cmd->sc_data_direction == DMA_FROM_DEVICE ?
			    scsi_bufflen(cmd) : 0);
	dl_cmd(cmd)->readcd = false;

	if (cmd->cmd_len < dl_cdb_len(op)) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_INVALID_OPCODE, 0);
		return true;
	}
	/* Unlocked peek first: reads are the hot path and a UA is rare. */
	if (!dl_ua_exempt(op) && READ_ONCE(drive->ua_pending)) {
		spin_lock_irqsave(&drive->lock, flags);
		ua = drive->ua_pending;
		drive->ua_pending = false;
		spin_unlock_irqrestore(&drive->lock, flags);
		if (ua) {
			dl_sense(cmd, UNIT_ATTENTION,
				 DL_ASC_MEDIUM_MAY_HAVE_CHANGED, 0);
			return true;
		}
	}
	if (dl_needs_media(cdb)) {
		m = dl_need_media(cmd, drive);
		if (!m)
			return true;
	}
	done = dl_dispatch(cmd, drive, m);
	if (done)
		dl_media_put(m);
	return done;
}
