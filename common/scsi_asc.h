/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The additional sense codes (ASC) and qualifiers (ASCQ) discloop's drives
 * answer with, named as SPC and MMC name them, for the module that sends
 * them and the tool that reads them.
 */
#ifndef DL_SCSI_ASC_H
#define DL_SCSI_ASC_H

#define DL_ASC_NO_ADDITIONAL_SENSE	0x00
#define DL_ASC_NOT_READY		0x04	/* logical unit not ready */
#define DL_ASCQ_MANUAL_INTERVENTION	0x03	/* with DL_ASC_NOT_READY */
#define DL_ASC_UNRECOVERED_READ_ERROR	0x11
#define DL_ASC_INVALID_OPCODE		0x20	/* invalid operation code */
#define DL_ASC_LBA_OUT_OF_RANGE		0x21
#define DL_ASC_INVALID_FIELD_IN_CDB	0x24
#define DL_ASC_WRITE_PROTECTED		0x27
#define DL_ASC_MEDIUM_MAY_HAVE_CHANGED	0x28	/* not ready to ready change */
#define DL_ASC_COMMAND_SEQUENCE_ERROR	0x2c
#define DL_ASC_CANNOT_READ_MEDIUM	0x30
#define DL_ASCQ_INCOMPATIBLE_FORMAT	0x02	/* of CANNOT READ MEDIUM */
#define DL_ASC_SAVING_PARAMS_UNSUP	0x39	/* saving params unsupported */
#define DL_ASC_MEDIUM_NOT_PRESENT	0x3a
#define DL_ASCQ_TRAY_CLOSED		0x01	/* of MEDIUM NOT PRESENT */
#define DL_ASCQ_TRAY_OPEN		0x02	/* of MEDIUM NOT PRESENT */
#define DL_ASC_MEDIA_LOAD_EJECT_FAILED	0x53
#define DL_ASCQ_REMOVAL_PREVENTED	0x02	/* of MEDIA LOAD/EJECT FAILED */
#define DL_ASC_ILLEGAL_MODE_FOR_TRACK	0x64

#endif /* DL_SCSI_ASC_H */
