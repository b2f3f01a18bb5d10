/* SPDX-License-Identifier: GPL-2.0 */
/*
 * READ CD (BEh) and READ CD MSF (B9h) on a Mode 1 track, shared by
 * discloop.ko (which answers them) and the discloop tool (which sends
 * them): the named bits of the CDB's main channel selection (byte 9) and
 * sub-channel selection (byte 10), and the one description of what a
 * selection returns per sector, in which order and how many bytes.
 */
#ifndef DL_READCD_H
#define DL_READCD_H

#include "dl_types.h"
#include "cdframe.h"

/* Byte 1 bits 4-2, expected sector type; a Mode 1 track serves these. */
#define DL_RC_TYPE_SHIFT	2
#define DL_RC_TYPE_MASK		0x07
#define DL_RC_TYPE_ANY		0
#define DL_RC_TYPE_MODE1	2

/* Byte 9, main channel selection. */
#define DL_RC_SYNC		0x80	/* the 12 sync bytes */
#define DL_RC_HEADER_CODES	0x60	/* which headers, one of: */
#define DL_RC_HDR_NONE		0x00
#define DL_RC_HDR_HEADER	0x20	/* the 4-byte header */
#define DL_RC_HDR_SUBHEADER	0x40	/* the sub-header (none in Mode 1) */
#define DL_RC_HDR_ALL		0x60	/* header and sub-header */
#define DL_RC_USER_DATA		0x10	/* the 2048 bytes of user data */
#define DL_RC_EDC_ECC		0x08	/* EDC, zero area, P and Q parity */
#define DL_RC_ERROR_FIELD	0x06	/* C2 error information, one of: */
#define DL_RC_C2_NONE		0x00
#define DL_RC_C2_PTRS		0x02	/* 294 bytes of C2 error pointers */
#define DL_RC_C2_PTRS_BLOCK	0x04	/* the same, block error byte, pad */
#define DL_RC_C2_RESERVED	0x06
#define DL_RC_MAIN_RESERVED	0x01

/* Byte 10 bits 2-0, sub-channel selection. */
#define DL_RC_SUBCHANNEL	0x07
#define DL_RC_SUB_NONE		0
#define DL_RC_SUB_RAW		1	/* raw P-W, DL_CD_SUB_RAW_SIZE bytes */
#define DL_RC_SUB_Q		2	/* formatted Q, DL_CD_SUBQ_SIZE bytes */
#define DL_RC_SUB_RW		4	/* corrected R-W: not served */

/* C2 pointers followed by the block error byte and a pad byte. */
#define DL_CD_C2_BLOCK_SIZE	(DL_CD_C2_SIZE + 2)

/* The most any selection returns per sector. */
#define DL_RC_MAX_SIZE	(DL_CD_RAW_SIZE + DL_CD_C2_BLOCK_SIZE + \
			 DL_CD_SUB_RAW_SIZE)

/* Where the bytes of one part of a returned sector come from. */
enum dl_rc_source {
	DL_RC_FROM_SECTOR,	/* the raw 2352-byte Mode 1 sector */
	DL_RC_FROM_C2,		/* C2 error information */
	DL_RC_FROM_SUB_RAW,	/* raw P-W sub-channel */
	DL_RC_FROM_SUB_Q,	/* formatted Q sub-channel */
};

/**
 * struct dl_rc_field - one part of what READ CD returns per sector
 * @source:	enum dl_rc_source
 * @offset:	DL_RC_FROM_SECTOR: first byte in the raw sector; else 0
 * @len:	bytes
 */
struct dl_rc_field {
	u8 source;
	u16 offset;
	u16 len;
};

/* At most one field per selectable part: sector bytes, C2, sub-channel. */
#define DL_RC_MAX_FIELDS	6

/**
 * struct dl_readcd_layout - what READ CD returns per sector, in order
 * @size:	bytes per sector, the sum of the fields' lengths
 * @nr:		fields in use
 * @field:	the parts, in the order they are returned; adjacent ranges
 *		of the raw sector are one field
 */
struct dl_readcd_layout {
	u32 size;
	u8 nr;
	struct dl_rc_field field[DL_RC_MAX_FIELDS];
};

/**
 * dl_readcd_layout() - the per-sector layout of a READ CD selection
 * @main:	CDB byte 9, main channel selection
 * @sub:	CDB byte 10; bits 2-0 select the sub-channel
 * @l:		out: the layout (size 0 when nothing is selected)
 *
 * The sector is Mode 1: its header is 4 bytes and it has no sub-header,
 * so DL_RC_HDR_SUBHEADER adds nothing and DL_RC_HDR_ALL is the header.
 *
 * Return: true, or false for a reserved main channel bit, the reserved
 * error field 11b, or a sub-channel other than none, raw P-W and Q.
 */
bool dl_readcd_layout(u8 main, u8 sub, struct dl_readcd_layout *l);

/**
 * dl_readcd_layout_type() - the per-sector layout of a selection on a
 *		sector of type @type
 * @main:	CDB byte 9
 * @sub:	CDB byte 10
 * @type:	enum dl_sector_type of the sector
 * @l:		out: the layout
 *
 * CD-DA: any selection with user data returns the whole 2352 bytes, one
 * without returns no main channel bytes. Data sectors return the selected
 * fields of their type (sync 12, header 4, sub-header 8 in the XA forms,
 * user data 2048 / 2336 / 2048 / 2328, EDC and ECC 288 / 0 / 280 / 0),
 * which must lie next to each other in the sector: a selection that
 * skips a field the sector has between two it wants is one of MMC's
 * illegal combinations (sync and user data without the header, header
 * and EDC without the user data, the header and user data of an XA
 * sector without its sub-header...).
 *
 * Return: true, or false for an illegal combination, a reserved bit, or
 * an unsupported sub-channel selection (answered with 05/24/00).
 */
bool dl_readcd_layout_type(u8 main, u8 sub, u8 type,
			   struct dl_readcd_layout *l);

#endif /* DL_READCD_H */
