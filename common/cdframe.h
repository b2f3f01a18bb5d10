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

#endif /* DL_CDFRAME_H */
