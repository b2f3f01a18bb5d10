/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CD sector framing shared by discloop.ko (which synthesises raw sectors
 * for READ CD) and the discloop tool (which checks raw sectors it rips):
 * MSF/LBA arithmetic, the Mode 1 sync/header/EDC/ECC layout (ECMA-130) and
 * Q sub-channel synthesis.
 */
#ifndef DL_CDFRAME_H
#define DL_CDFRAME_H

#include "dl_types.h"

#define DL_CD_RAW_SIZE		2352	/* a whole sector as READ CD returns it */
#define DL_CD_DATA_SIZE		2048	/* Mode 1 user data */
#define DL_CD_SYNC_SIZE		12	/* 00h, ten FFh, 00h */
#define DL_CD_HEADER_OFFSET	12	/* BCD minute, second, frame; mode */
#define DL_CD_HEADER_SIZE	4
#define DL_CD_DATA_OFFSET	16	/* user data follows sync and header */
#define DL_CD_EDC_OFFSET	2064
#define DL_CD_ECC_P_OFFSET	2076	/* 172 bytes of P parity */
#define DL_CD_ECC_Q_OFFSET	2248	/* 104 bytes of Q parity */
#define DL_CD_SUBQ_SIZE		16	/* formatted Q (READ CD sub-channel 010b) */
#define DL_CD_SUB_RAW_SIZE	96	/* raw P-W (READ CD sub-channel 001b) */
#define DL_CD_C2_SIZE		294	/* C2 error pointers */
#define DL_CD_MSF_OFFSET	150	/* LBA 0 is 00:02:00 */
#define DL_CD_MAX_LBA		(100 * 60 * 75 - DL_CD_MSF_OFFSET - 1)

/* Mode 2 XA (CD-ROM XA, Form 1 and Form 2). */
#define DL_XA_SUBHEADER_OFFSET	16	/* file, channel, submode, coding, x2 */
#define DL_XA_SUBHEADER_SIZE	8
#define DL_XA_DATA_OFFSET	24
#define DL_XA_FORM1_EDC_OFFSET	2072	/* EDC over 16..2071 */
#define DL_XA_FORM2_EDC_OFFSET	2348	/* EDC over 16..2347 */
#define DL_XA_FORM2_DATA_SIZE	2324
#define DL_MODE2_DATA_SIZE	2336	/* formless, and all after the header */
#define DL_XA_SUBMODE_DATA	0x08
#define DL_XA_SUBMODE_FORM2	0x20

/* Frames (absolute address modulo 100) that carry the MCN and the ISRC. */
#define DL_Q_MCN_FRAME		25
#define DL_Q_ISRC_FRAME		50

/* What a sector holds: READ CD's expected sector types, 1..5. */
enum dl_sector_type {
	DL_SECTOR_CDDA = 1,
	DL_SECTOR_MODE1 = 2,
	DL_SECTOR_MODE2 = 3,	/* formless */
	DL_SECTOR_FORM1 = 4,
	DL_SECTOR_FORM2 = 5,
};

/**
 * struct dl_qpos - where a sector is, for its Q sub-channel
 * @lba:	its address
 * @start:	LBA of INDEX 01 of its track
 * @track:	track number, binary
 * @index:	index number, binary (0 in the pregap)
 * @control:	the track's CONTROL nibble (04h data, 02h copy permitted,
 *		01h pre-emphasis, 08h four channels)
 */
struct dl_qpos {
	s32 lba;
	s32 start;
	u8 track;
	u8 index;
	u8 control;
};

enum dl_sector_status {
	DL_SECTOR_OK = 0,
	DL_SECTOR_BAD_SYNC,
	DL_SECTOR_BAD_HEADER,	/* address or mode byte not as expected */
	DL_SECTOR_BAD_EDC,
	DL_SECTOR_BAD_ECC,
};

/* Fill the EDC and ECC lookup tables; call once before anything below. */
void dl_cdframe_init(void);

static inline u8 dl_bcd(u8 v) { return (u8)(((v / 10) << 4) | (v % 10)); }
static inline u8 dl_unbcd(u8 v) { return (u8)((v >> 4) * 10 + (v & 15)); }

/* LBA -> minutes, seconds, frames (binary), with the 150-frame offset. */
void dl_lba_to_msf(s32 lba, u8 *m, u8 *s, u8 *f);
/* Binary M:S:F -> LBA (00:02:00 -> 0). */
s32 dl_msf_to_lba(u8 m, u8 s, u8 f);

/* CD-ROM EDC: the 32-bit CRC of ECMA-130 annex (poly x^32+x^31+x^16+x^15+x^4+x^3+x+1). */
u32 dl_edc(const u8 *data, size_t len);

/*
 * Complete a Mode 1 sector in place: @sector holds 2048 bytes of user data
 * at DL_CD_DATA_OFFSET; sync, the BCD MSF header for @lba, mode byte, EDC,
 * the zero area and P/Q ECC are written around it.
 */
void dl_mode1_encode(u8 *sector, u32 lba);

/* Check a raw Mode 1 sector read back at @lba. */
enum dl_sector_status dl_mode1_check(const u8 *sector, u32 lba);

/*
 * Formatted Q sub-channel (16 bytes) for @lba inside @track (1-based) that
 * starts at @track_start: ADR 1 position data, BCD relative and absolute
 * MSF, CONTROL 4 for a data track, and the CRC as READ CD returns it.
 */
void dl_subq_position(u8 *q, u32 lba, u8 track, u32 track_start, bool data);

/* Raw P-W sub-channel (96 bytes, interleaved per MMC) for the same Q. */
void dl_sub_raw(u8 *sub, u32 lba, u8 track, u32 track_start, bool data);

/* CRC-16 of Q (CCITT, inverted) over the first 10 bytes of Q. */
u16 dl_subq_crc(const u8 *q10);

/* Plain CRC-16/CCITT (poly 0x1021, init 0, MSB first, not inverted). */
u16 dl_crc16_ccitt(const u8 *data, size_t len);

/* Mode 2 formless: sync and header around 2336 bytes at offset 16. */
void dl_mode2_encode(u8 *sector, s32 lba);
/* Mode 2 XA: the form from the sub-header at 16; EDC, and ECC for Form 1. */
enum dl_sector_type dl_xa_encode(u8 *sector, s32 lba);
/* The default sub-header of a Form 1 (data) or Form 2 sector. */
void dl_xa_subheader(u8 *sub, bool form2);
/* Check a raw Mode 2 XA sector; its form in @type. */
enum dl_sector_status dl_xa_check(const u8 *sector, s32 lba,
				  enum dl_sector_type *type);

/* Q frames (12 bytes with CRC): position, MCN, ISRC, and the one due. */
void dl_subq_adr1(u8 *q, const struct dl_qpos *pos);
void dl_subq_adr2(u8 *q, u8 control, const char *mcn, s32 lba);
void dl_subq_adr3(u8 *q, u8 control, const char *isrc, s32 lba);
void dl_subq_for(u8 *q, const struct dl_qpos *pos, const char *mcn,
		 const char *isrc);
/* READ CD forms: formatted Q (16 bytes), raw interleaved P-W (96). */
void dl_subq_format(u8 *out, const u8 *q, bool p);
void dl_sub_interleave(u8 *sub, const u8 *q, bool p);
void dl_sub_linear_to_raw(u8 *raw, const u8 *lin);
bool dl_sub_raw_q(u8 *q, const u8 *raw);

#endif /* DL_CDFRAME_H */
