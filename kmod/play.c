// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: CD audio play without sound. PLAY AUDIO (10), (12) and MSF
 * start a virtual clock that moves the drive's position 75 sectors a
 * second through the range; PAUSE/RESUME holds and restarts it, STOP
 * PLAY/SCAN ends it. READ SUB-CHANNEL reports the audio status and the
 * position, as players (cdda-player, QEMU passthrough guests) expect.
 * Digital audio extraction is READ CD's business, not this.
 */
#include <linux/ktime.h>
#include <scsi/scsi.h>
#include <scsi/scsi_proto.h>
#include "compat.h"
#include "dl_internal.h"
#include "scsi_asc.h"
#include "cdframe.h"

#define DL_PLAY_AUDIO_10	0x45
#define DL_PLAY_AUDIO_MSF	0x47
#define DL_PLAY_AUDIO_12	0xa5

/* Where the clock is now; a play that reached its end is completed. */
static s32 dl_play_now(struct dl_drive *drive)
{
	s64 pos = drive->play_pos;

	if (drive->play_state == DL_PLAY_PLAYING) {
		pos += div_u64((ktime_get_ns() - drive->play_since) * 75,
			       NSEC_PER_SEC);
		if (pos >= drive->play_end) {
			pos = drive->play_end;
			drive->play_state = DL_PLAY_COMPLETED;
			drive->play_pos = pos;
		}
	}
	return pos;
}

/**
 * dl_play_status() - the audio status READ SUB-CHANNEL reports
 * @drive:	the drive
 * @lba:	out: the current position, when the status is not "none"
 *
 * A completed play is reported once, then there is no audio status.
 *
 * Return: 11h playing, 12h paused, 13h completed or 15h none.
 */
u8 dl_play_status(struct dl_drive *drive, s32 *lba)
{
	unsigned long flags;
	u8 status;

	spin_lock_irqsave(&drive->lock, flags);
	*lba = dl_play_now(drive);
	status = drive->play_state;
	if (status == DL_PLAY_COMPLETED)
		drive->play_state = DL_PLAY_NONE;
	spin_unlock_irqrestore(&drive->lock, flags);
	return status;
}

/*
 * PLAY AUDIO (10), (12) and MSF: [@start, @end) must begin in an audio
 * track (05/64/00 otherwise) and end by the final lead-out (05/21/00).
 */
void dl_play_audio(struct scsi_cmnd *cmd, struct dl_drive *drive,
		   struct dl_media *m)
{
	u8 *cdb = cmd->cmnd;
	const struct dl_track *t;
	unsigned long flags;
	s64 start, end;

	switch (cdb[0]) {
	case DL_PLAY_AUDIO_10:
		start = (s32)get_unaligned_be32(&cdb[2]);
		end = start + get_unaligned_be16(&cdb[7]);
		break;
	case DL_PLAY_AUDIO_12:
		start = (s32)get_unaligned_be32(&cdb[2]);
		end = start + get_unaligned_be32(&cdb[6]);
		break;
	default:
		start = dl_msf_to_lba(cdb[3], cdb[4], cdb[5]);
		end = dl_msf_to_lba(cdb[6], cdb[7], cdb[8]);
		if (end < start) {
			dl_invalid_field(cmd);
			return;
		}
	}
	if (end == start)		/* nothing to play */
		return;
	t = dl_track_at(m, start);
	if (!t || end > m->sectors) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_LBA_OUT_OF_RANGE, 0);
		return;
	}
	if (t->type != DISCLOOP_TRACK_AUDIO) {
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_ILLEGAL_MODE_FOR_TRACK, 0);
		return;
	}
	spin_lock_irqsave(&drive->lock, flags);
	drive->play_state = DL_PLAY_PLAYING;
	drive->play_pos = start;
	drive->play_end = end;
	drive->play_since = ktime_get_ns();
	spin_unlock_irqrestore(&drive->lock, flags);
}

/* PAUSE/RESUME: byte 8 bit 0 resumes; without a play, 05/2C/00. */
void dl_pause_resume(struct scsi_cmnd *cmd, struct dl_drive *drive)
{
	bool resume = cmd->cmnd[8] & 1;
	unsigned long flags;
	bool ok = true;

	spin_lock_irqsave(&drive->lock, flags);
	dl_play_now(drive);
	if (drive->play_state == DL_PLAY_PLAYING && !resume) {
		drive->play_pos = dl_play_now(drive);
		drive->play_state = DL_PLAY_PAUSED;
	} else if (drive->play_state == DL_PLAY_PAUSED && resume) {
		drive->play_since = ktime_get_ns();
		drive->play_state = DL_PLAY_PLAYING;
	} else if (drive->play_state != DL_PLAY_PLAYING &&
		   drive->play_state != DL_PLAY_PAUSED) {
		ok = false;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	if (!ok)
		dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_COMMAND_SEQUENCE_ERROR,
			 0);
}

/* STOP PLAY/SCAN, and a medium change: no play any more. */
void dl_play_stop(struct dl_drive *drive)
{
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	drive->play_state = DL_PLAY_NONE;
	spin_unlock_irqrestore(&drive->lock, flags);
}
