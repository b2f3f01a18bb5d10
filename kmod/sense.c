// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: sense data and data-in replies.
 *
 * Sense is always fixed format (0x70): sr_done() and cdrom_id parse only
 * that, and sr_done() uses the INFORMATION field of a MEDIUM ERROR to
 * complete the blocks before the failing one.
 */
#include <scsi/scsi.h>
#include <scsi/scsi_common.h>
#include <scsi/scsi_proto.h>
#include <linux/scatterlist.h>
#include "dl_internal.h"
#include "scsi_asc.h"

/**
 * dl_sense() - complete @cmd with CHECK CONDITION and fixed-format sense
 * @cmd:	the command
 * @key:	sense key
 * @asc:	additional sense code
 * @ascq:	additional sense code qualifier
 *
 * No data is transferred.
 */
void dl_sense(struct scsi_cmnd *cmd, u8 key, u8 asc, u8 ascq)
{
	scsi_build_sense(cmd, 0, key, asc, ascq);
	scsi_set_resid(cmd, scsi_bufflen(cmd));
}

/**
 * dl_sense_lba() - as dl_sense(), with VALID and @lba in INFORMATION
 * @cmd:	the command
 * @key:	sense key
 * @asc:	additional sense code
 * @ascq:	additional sense code qualifier
 * @lba:	the failing block
 *
 * The caller sets the residual (blocks before @lba may have been moved).
 */
void dl_sense_lba(struct scsi_cmnd *cmd, u8 key, u8 asc, u8 ascq, u64 lba)
{
	scsi_build_sense(cmd, 0, key, asc, ascq);
	scsi_set_sense_information(cmd->sense_buffer, SCSI_SENSE_BUFFERSIZE,
				   lba);
}

void dl_invalid_field(struct scsi_cmnd *cmd)
{
	dl_sense(cmd, ILLEGAL_REQUEST, DL_ASC_INVALID_FIELD_IN_CDB, 0);
}

/**
 * dl_reply_padded() - return @len bytes of @buf followed by zeros
 * @cmd:	a data-in command
 * @buf:	reply
 * @len:	bytes in @buf
 * @total:	length of the whole reply (>= @len); the rest is zeros
 * @alloc:	allocation length from the CDB
 *
 * Moves min(@total, @alloc, buffer length) bytes and sets the residual.
 */
void dl_reply_padded(struct scsi_cmnd *cmd, const void *buf, u32 len,
		     u32 total, u32 alloc)
{
	u32 n = min3(total, alloc, scsi_bufflen(cmd));
	size_t done = 0;

	if (cmd->sc_data_direction != DMA_FROM_DEVICE)
		n = 0;
	if (n) {
		done = sg_copy_from_buffer(scsi_sglist(cmd), scsi_sg_count(cmd),
					   buf, min(len, n));
		if (n > done)
			done += sg_zero_buffer(scsi_sglist(cmd),
					       scsi_sg_count(cmd), n - done,
					       done);
	}
	scsi_set_resid(cmd, scsi_bufflen(cmd) - done);
	cmd->result = SAM_STAT_GOOD;
}

void dl_reply(struct scsi_cmnd *cmd, const void *buf, u32 len, u32 alloc)
{
	dl_reply_padded(cmd, buf, len, len, alloc);
}

/**
 * dl_sense_ili() - ILLEGAL REQUEST at @lba, with VALID and ILI set
 * @cmd:	a READ(10)/(12) that reached a sector with no 2048 bytes of
 *		user data
 * @asc:	additional sense code (DL_ASC_ILLEGAL_MODE_FOR_TRACK)
 * @lba:	the sector, in INFORMATION
 *
 * No data is transferred.
 */
void dl_sense_ili(struct scsi_cmnd *cmd, u8 asc, u64 lba)
{
	dl_sense_lba(cmd, ILLEGAL_REQUEST, asc, 0, lba);
	cmd->sense_buffer[2] |= 0x20;	/* ILI */
	scsi_set_resid(cmd, scsi_bufflen(cmd));
}
