// SPDX-License-Identifier: GPL-2.0
/*
 * CD sector framing shared by discloop.ko and the discloop tool.
 *
 * Everything here is plain integer C with static tables: it is compiled into
 * the kernel module (included from a kmod wrapper) and into the userspace
 * tool and host unit tests. No allocation, no floating point, no libc beyond
 * memset/memcpy/memcmp.
 *
 * References:
 *  - ECMA-130 (CD-ROM), section 14 (sector layout), annex A (RSPC: the P and
 *    Q parity of Mode 1 sectors), section 14.3 (EDC), section 22 (Q
 *    sub-channel, its CRC) and section 22.1 (P sub-channel).
 *  - SCSI MMC (MMC-3 .. MMC-6), READ CD, sub-channel data selection field:
 *    001b raw P-W (96 bytes), 010b formatted Q (16 bytes); and the MSF/LBA
 *    relation of MMC's "MSF addressing" annex.
 */

#include "cdframe.h"

/*
 * EDC: CRC-32 with P(x) = (x^16 + x^15 + x^2 + 1)(x^16 + x^2 + x + 1)
 * = x^32 + x^31 + x^16 + x^15 + x^4 + x^3 + x + 1, bits taken LSB first, so
 * the table is built from the bit-reversed polynomial 0xD8018001.
 */
#define DL_EDC_POLY_REFLECTED	0xD8018001u

/* GF(2^8) for the RSPC: primitive polynomial x^8 + x^4 + x^3 + x^2 + 1. */
#define DL_GF_POLY		0x11D

/* RSPC geometry (ECMA-130 annex A), counted in 16-bit words from byte 12. */
#define DL_RSPC_START		12	/* sync is not protected */
#define DL_P_COLUMNS		43	/* P codewords: (26,24) over the columns */
#define DL_P_ROWS		24	/* data words per P codeword */
#define DL_Q_DIAGONALS		26	/* Q codewords: (45,43) over the diagonals */
#define DL_Q_LENGTH		43	/* data words per Q codeword */
#define DL_Q_WORDS		(DL_P_COLUMNS * (DL_P_ROWS + 2))	/* 1118 */

static u32 dl_edc_table[256];
static u8 dl_gf_exp[512];	/* doubled so exp[log a + log b] needs no mod */
static u8 dl_gf_log[256];
static u8 dl_gf_inv_1_plus_alpha;	/* 1 / (1 + alpha) */
static bool dl_tables_ready;

static u8 dl_gf_mul(u8 a, u8 b)
{
	if (!a || !b)
		return 0;
	return dl_gf_exp[dl_gf_log[a] + dl_gf_log[b]];
}

/**
 * dl_cdframe_init() - fill the EDC CRC table and the GF(2^8) log/exp tables.
 *
 * Idempotent: the tables are pure functions of constants, so a second call
 * (or two racing first calls) write the same values.
 */
void dl_cdframe_init(void)
{
	unsigned int i, j;
	unsigned int x;

	if (dl_tables_ready)
		return;

	for (i = 0; i < 256; i++) {
		u32 r = i;

		for (j = 0; j < 8; j++)
			r = (r & 1) ? (r >> 1) ^ DL_EDC_POLY_REFLECTED : r >> 1;
		dl_edc_table[i] = r;
	}

	x = 1;
	for (i = 0; i < 255; i++) {
		dl_gf_exp[i] = (u8)x;
		dl_gf_exp[i + 255] = (u8)x;
		dl_gf_log[x] = (u8)i;
		x <<= 1;
		if (x & 0x100)
			x ^= DL_GF_POLY;
	}
	dl_gf_exp[510] = dl_gf_exp[0];
	dl_gf_exp[511] = dl_gf_exp[1];
	dl_gf_log[0] = 0;	/* undefined; dl_gf_mul() never looks it up */

	/* alpha = 2, so 1 + alpha = 3; its inverse is alpha^(255 - log 3). */
	dl_gf_inv_1_plus_alpha = dl_gf_exp[255 - dl_gf_log[3]];

	dl_tables_ready = true;
}

/**
 * dl_lba_to_msf() - convert an LBA to binary minutes, seconds and frames.
 * @lba: logical block address; may be negative (lead-in / pregap of track 1)
 * @m: minutes (0..99)
 * @s: seconds (0..59)
 * @f: frames (0..74)
 *
 * Follows MMC's table of LBA to MSF mapping: for -150 <= @lba, the MSF
 * address is @lba + 150 (so LBA 0 = 00:02:00 and LBA -150 = 00:00:00); for
 * -45150 <= @lba < -150 (the lead-in), MSF is @lba + 450150, i.e. the
 * address wraps below 00:00:00 to just under 100:00:00 (LBA -151 =
 * 99:59:74). Anything else is reduced modulo 100 minutes so the result is
 * always a valid MSF.
 */
void dl_lba_to_msf(s32 lba, u8 *m, u8 *s, u8 *f)
{
	s32 a;

	if (lba >= -DL_CD_MSF_OFFSET)
		a = lba + DL_CD_MSF_OFFSET;
	else
		a = lba + 450150;
	a %= 100 * 60 * 75;
	if (a < 0)
		a += 100 * 60 * 75;

	*m = (u8)(a / (60 * 75));
	*s = (u8)(a / 75 % 60);
	*f = (u8)(a % 75);
}

/**
 * dl_msf_to_lba() - convert binary minutes, seconds and frames to an LBA.
 * @m: minutes
 * @s: seconds
 * @f: frames
 *
 * The inverse of dl_lba_to_msf(): per MMC, addresses from 90:00:00 upwards
 * are lead-in and map to negative LBAs (MSF - 450150); lower ones map to
 * MSF - 150, so 00:02:00 is LBA 0 and 00:00:00 is LBA -150.
 *
 * Return: the LBA.
 */
s32 dl_msf_to_lba(u8 m, u8 s, u8 f)
{
	s32 a = ((s32)m * 60 + s) * 75 + f;

	if (m >= 90)
		return a - 450150;
	return a - DL_CD_MSF_OFFSET;
}

/**
 * dl_edc() - CD-ROM error detection code (ECMA-130 section 14.3).
 * @data: bytes to cover (bytes 0..2063 of a Mode 1 sector)
 * @len: number of bytes
 *
 * CRC-32, reflected, initial value 0, no final inversion. The result is
 * stored least significant byte first.
 *
 * Return: the EDC.
 */
u32 dl_edc(const u8 *data, size_t len)
{
	u32 crc = 0;
	size_t i;

	for (i = 0; i < len; i++)
		crc = (crc >> 8) ^ dl_edc_table[(crc ^ data[i]) & 0xFF];
	return crc;
}

/*
 * Address of byte @plane (0 or 1) of 16-bit word @word of the RSPC area.
 * ECMA-130 annex A numbers the words from byte 12 on; a word's two bytes
 * form two independent codes (the "MSB" and "LSB" planes).
 */
static inline size_t dl_rspc_off(unsigned int word, unsigned int plane)
{
	return DL_RSPC_START + 2 * word + plane;
}

/**
 * dl_rspc_parity() - the two parity symbols of one RSPC codeword.
 * @s0: sum of the data symbols
 * @s1: sum of data symbol i times alpha^(n - 1 - i), n the codeword length
 * @p0: parity at position n - 2 (weight alpha)
 * @p1: parity at position n - 1 (weight 1)
 *
 * The check matrix of both the P and Q codes is
 *   H = | 1          1          ...  1      1 |
 *       | alpha^(n-1) alpha^(n-2) ... alpha  1 |
 * so the parity must satisfy s0 + p0 + p1 = 0 and s1 + alpha p0 + p1 = 0,
 * giving p0 = (s0 + s1) / (1 + alpha) and p1 = s0 + p0.
 */
static void dl_rspc_parity(u8 s0, u8 s1, u8 *p0, u8 *p1)
{
	*p0 = dl_gf_mul((u8)(s0 ^ s1), dl_gf_inv_1_plus_alpha);
	*p1 = (u8)(s0 ^ *p0);
}

/*
 * Byte @off of the area the parity covers; Mode 2 Form 1 parity takes the
 * header (bytes 12..15) as zero when @zero_hdr.
 */
static inline u8 dl_rspc_byte(const u8 *sector, size_t off, bool zero_hdr)
{
	if (zero_hdr && off < DL_CD_DATA_OFFSET)
		return 0;
	return sector[off];
}

/* P parity: 43 columns (in each plane) of 24 words + 2 parity words. */
static void dl_ecc_p(const u8 *sector, u8 *out, bool zero_hdr)
{
	unsigned int plane, col, row;

	for (plane = 0; plane < 2; plane++) {
		for (col = 0; col < DL_P_COLUMNS; col++) {
			u8 s0 = 0, s1 = 0, p0, p1;

			for (row = 0; row < DL_P_ROWS; row++) {
				u8 v = dl_rspc_byte(sector,
					dl_rspc_off(DL_P_COLUMNS * row + col,
						    plane), zero_hdr);

				s0 ^= v;
				/* position row of 26: weight alpha^(25 - row) */
				s1 ^= dl_gf_mul(v, dl_gf_exp[25 - row]);
			}
			dl_rspc_parity(s0, s1, &p0, &p1);
			/* words 1032 + col and 1075 + col: the P area */
			out[2 * col + plane] = p0;
			out[2 * (DL_P_COLUMNS + col) + plane] = p1;
		}
	}
}

/*
 * Q parity: 26 diagonals (in each plane) of 43 words + 2 parity words. Word
 * i of diagonal d is (44 i + 43 d) mod 1118 (it steps one row down and one
 * column right), covering data, EDC, zero area and the P parity.
 */
static void dl_ecc_q(const u8 *sector, u8 *out, bool zero_hdr)
{
	unsigned int plane, diag, i;

	for (plane = 0; plane < 2; plane++) {
		for (diag = 0; diag < DL_Q_DIAGONALS; diag++) {
			unsigned int word = DL_P_COLUMNS * diag;
			u8 s0 = 0, s1 = 0, p0, p1;

			for (i = 0; i < DL_Q_LENGTH; i++) {
				u8 v = dl_rspc_byte(sector,
						    dl_rspc_off(word, plane),
						    zero_hdr);

				s0 ^= v;
				/* position i of 45: weight alpha^(44 - i) */
				s1 ^= dl_gf_mul(v, dl_gf_exp[44 - i]);
				word += DL_P_COLUMNS + 1;
				if (word >= DL_Q_WORDS)
					word -= DL_Q_WORDS;
			}
			dl_rspc_parity(s0, s1, &p0, &p1);
			out[2 * diag + plane] = p0;
			out[2 * (DL_Q_DIAGONALS + diag) + plane] = p1;
		}
	}
}

static const u8 dl_sync[12] = {
	0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00
};

static void dl_header_mode(u8 *hdr, s32 lba, u8 mode)
{
	u8 m, s, f;

	dl_lba_to_msf(lba, &m, &s, &f);
	hdr[0] = dl_bcd(m);
	hdr[1] = dl_bcd(s);
	hdr[2] = dl_bcd(f);
	hdr[3] = mode;
}

static void dl_header(u8 *hdr, u32 lba)
{
	dl_header_mode(hdr, (s32)lba, 1);
}

static void dl_put_le32(u8 *p, u32 v)
{
	p[0] = (u8)v;
	p[1] = (u8)(v >> 8);
	p[2] = (u8)(v >> 16);
	p[3] = (u8)(v >> 24);
}

void dl_mode1_encode(u8 *sector, u32 lba)
{
	memcpy(sector, dl_sync, sizeof(dl_sync));
	dl_header(sector + 12, lba);
	dl_put_le32(sector + DL_CD_EDC_OFFSET,
		    dl_edc(sector, DL_CD_EDC_OFFSET));
	memset(sector + DL_CD_EDC_OFFSET + 4, 0, 8);
	dl_ecc_p(sector, sector + DL_CD_ECC_P_OFFSET, false);
	dl_ecc_q(sector, sector + DL_CD_ECC_Q_OFFSET, false);
}

/**
 * dl_mode1_check() - validate a raw Mode 1 sector.
 * @sector: 2352 bytes as read
 * @lba: where it was read
 *
 * Checks, in order: sync pattern, header (BCD address of @lba and mode 1),
 * EDC, and the P and Q parity. The parity is checked by computing it afresh
 * and comparing, one codeword at a time, so no scratch sector is needed.
 * The 8 bytes between EDC and P parity are covered by ECC only (a non-zero
 * byte there gives DL_SECTOR_BAD_ECC).
 *
 * Return: DL_SECTOR_OK or the first problem found.
 */
enum dl_sector_status dl_mode1_check(const u8 *sector, u32 lba)
{
	u8 hdr[4];
	u8 edc[4];
	u8 p[2 * 2 * DL_P_COLUMNS];
	u8 q[2 * 2 * DL_Q_DIAGONALS];

	if (memcmp(sector, dl_sync, sizeof(dl_sync)))
		return DL_SECTOR_BAD_SYNC;
	dl_header(hdr, lba);
	if (memcmp(sector + 12, hdr, sizeof(hdr)))
		return DL_SECTOR_BAD_HEADER;
	dl_put_le32(edc, dl_edc(sector, DL_CD_EDC_OFFSET));
	if (memcmp(sector + DL_CD_EDC_OFFSET, edc, sizeof(edc)))
		return DL_SECTOR_BAD_EDC;
	/*
	 * P parity over the stored sector; Q over the stored sector too, so a
	 * damaged P byte fails the P comparison and a damaged Q byte fails Q.
	 */
	dl_ecc_p(sector, p, false);
	if (memcmp(sector + DL_CD_ECC_P_OFFSET, p, sizeof(p)))
		return DL_SECTOR_BAD_ECC;
	dl_ecc_q(sector, q, false);
	if (memcmp(sector + DL_CD_ECC_Q_OFFSET, q, sizeof(q)))
		return DL_SECTOR_BAD_ECC;
	return DL_SECTOR_OK;
}

/*
 * CRC-16 with G(x) = x^16 + x^12 + x^5 + 1, MSB first, initial value 0, no
 * final inversion (the "XMODEM" parameters; check value 0x31C3 over
 * "123456789").
 */
u16 dl_crc16_ccitt(const u8 *data, size_t len)
{
	u16 crc = 0;
	size_t i;
	unsigned int b;

	for (i = 0; i < len; i++) {
		crc ^= (u16)(data[i] << 8);
		for (b = 0; b < 8; b++)
			crc = (crc & 0x8000) ? (u16)((crc << 1) ^ 0x1021) :
					       (u16)(crc << 1);
	}
	return crc;
}

/*
 * ECMA-130 section 22.3.5: the Q CRC is the CCITT CRC of control, ADR and
 * the 72 data bits, recorded inverted. Store it big-endian in q[10..11].
 */
u16 dl_subq_crc(const u8 *q10)
{
	return (u16)~dl_crc16_ccitt(q10, 10);
}

/* The 12 bytes of a mode-1 (position) Q frame for @lba in @track. */
static void dl_subq_frame(u8 *q, u32 lba, u8 track, u32 track_start,
			  bool data)
{
	s32 pos = (s32)lba, start = (s32)track_start, rel;
	u8 m, s, f;
	u16 crc;

	/* CONTROL: 0100b data, copy prohibited; 0000b two-channel audio. */
	q[0] = (u8)(((data ? 0x4 : 0x0) << 4) | 0x1);	/* ADR 1 */
	q[1] = dl_bcd(track);
	/* Index 0 in the pregap, where relative time counts down to 0. */
	if (pos < start) {
		q[2] = 0x00;
		rel = start - pos;
	} else {
		q[2] = 0x01;
		rel = pos - start;
	}
	q[3] = dl_bcd((u8)(rel / (60 * 75) % 100));
	q[4] = dl_bcd((u8)(rel / 75 % 60));
	q[5] = dl_bcd((u8)(rel % 75));
	q[6] = 0;
	dl_lba_to_msf(pos, &m, &s, &f);
	q[7] = dl_bcd(m);
	q[8] = dl_bcd(s);
	q[9] = dl_bcd(f);
	crc = dl_subq_crc(q);
	q[10] = (u8)(crc >> 8);
	q[11] = (u8)crc;
}

/* P sub-channel: 1 in the pause before a track (index 0), 0 inside it. */
static bool dl_p_flag(u32 lba, u32 track_start)
{
	return (s32)lba < (s32)track_start;
}

/**
 * dl_subq_position() - formatted Q sub-channel, as READ CD 010b returns it.
 * @q: 16 bytes out
 * @lba: sector address
 * @track: track number (binary, 1..99)
 * @track_start: LBA of index 1 of @track; @lba below it is its pregap
 * @data: data track (CONTROL 4) or audio (CONTROL 0)
 *
 * Layout (MMC-5 6.19.2.8 "Formatted Q sub-channel response data"): bytes
 * 0..9 the Q frame (CONTROL in bits 7-4 and ADR in bits 3-0 of byte 0, TNO,
 * INDEX, relative MIN SEC FRAME, ZERO, absolute AMIN ASEC AFRAME, all BCD),
 * bytes 10..11 its CRC (big-endian, inverted), bytes 12..14 reserved (0),
 * byte 15 bit 7 the P sub-channel bit, bits 6-0 reserved.
 */
void dl_subq_position(u8 *q, u32 lba, u8 track, u32 track_start, bool data)
{
	dl_subq_frame(q, lba, track, track_start, data);
	q[12] = 0;
	q[13] = 0;
	q[14] = 0;
	q[15] = dl_p_flag(lba, track_start) ? 0x80 : 0x00;
}

/**
 * dl_sub_raw() - raw interleaved P-W sub-channel, as READ CD 001b returns it.
 * @sub: 96 bytes out
 * @lba: sector address
 * @track: track number
 * @track_start: LBA of index 1 of @track
 * @data: data track or audio
 *
 * Byte i carries bit i of each channel: bit 7 P, bit 6 Q, bits 5..0 R..W.
 * Q bits are the 96 bits of the 12-byte Q frame, most significant bit of
 * byte 0 first. P follows ECMA-130 22.1 (P is the pause flag): all ones in
 * a pregap, where the Q index is 0, and all zeros from index 1 on. R-W carry
 * no data here: zero.
 */
void dl_sub_raw(u8 *sub, u32 lba, u8 track, u32 track_start, bool data)
{
	u8 q[12];
	u8 p = dl_p_flag(lba, track_start) ? 0x80 : 0x00;
	unsigned int i;

	dl_subq_frame(q, lba, track, track_start, data);
	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++) {
		u8 qbit = (q[i / 8] >> (7 - i % 8)) & 1;

		sub[i] = (u8)(p | (qbit << 6));
	}
}

/**
 * dl_mode2_encode() - complete a Mode 2 formless sector in place
 * @sector: 2352 bytes; the 2336 bytes from DL_CD_DATA_OFFSET are kept
 * @lba: its address
 *
 * Writes the sync and the header (mode 2). Formless sectors have neither
 * sub-header nor EDC/ECC.
 */
void dl_mode2_encode(u8 *sector, s32 lba)
{
	memcpy(sector, dl_sync, sizeof(dl_sync));
	dl_header_mode(sector + DL_CD_HEADER_OFFSET, lba, 2);
}

/*
 * P and Q parity of an XA Form 1 sector: computed as for Mode 1 over bytes
 * 12..2351, but with the four header bytes taken as zero (ECMA-130 and the
 * CD-ROM XA specification: the header is not protected in Mode 2).
 */
static void dl_form1_ecc(u8 *sector)
{
	dl_ecc_p(sector, sector + DL_CD_ECC_P_OFFSET, true);
	dl_ecc_q(sector, sector + DL_CD_ECC_Q_OFFSET, true);
}

/**
 * dl_xa_encode() - complete a Mode 2 XA sector in place
 * @sector: 2352 bytes: the sub-header (8 bytes at DL_XA_SUBHEADER_OFFSET)
 *	and the user data after it are kept
 * @lba: its address
 *
 * The form is the sub-header's: submode bit 5 (DL_XA_SUBMODE_FORM2) clear
 * is Form 1 (2048 bytes of user data, EDC over bytes 16..2071, P/Q parity
 * with the header zeroed), set is Form 2 (2324 bytes, EDC over 16..2347).
 *
 * Return: DL_SECTOR_FORM1 or DL_SECTOR_FORM2.
 */
enum dl_sector_type dl_xa_encode(u8 *sector, s32 lba)
{
	bool form2 = sector[DL_XA_SUBHEADER_OFFSET + 2] & DL_XA_SUBMODE_FORM2;

	memcpy(sector, dl_sync, sizeof(dl_sync));
	dl_header_mode(sector + DL_CD_HEADER_OFFSET, lba, 2);
	if (form2) {
		dl_put_le32(sector + DL_XA_FORM2_EDC_OFFSET,
			    dl_edc(sector + DL_XA_SUBHEADER_OFFSET,
				   DL_XA_FORM2_EDC_OFFSET -
				   DL_XA_SUBHEADER_OFFSET));
		return DL_SECTOR_FORM2;
	}
	dl_put_le32(sector + DL_XA_FORM1_EDC_OFFSET,
		    dl_edc(sector + DL_XA_SUBHEADER_OFFSET,
			   DL_XA_FORM1_EDC_OFFSET - DL_XA_SUBHEADER_OFFSET));
	dl_form1_ecc(sector);
	return DL_SECTOR_FORM1;
}

/**
 * dl_xa_subheader() - the sub-header a sector stored without one gets
 * @sub: 8 bytes out: file, channel, submode, coding, twice
 * @form2: Form 2 (submode 20h) rather than Form 1 (submode 08h, data)
 */
void dl_xa_subheader(u8 *sub, bool form2)
{
	memset(sub, 0, DL_XA_SUBHEADER_SIZE);
	sub[2] = form2 ? DL_XA_SUBMODE_FORM2 : DL_XA_SUBMODE_DATA;
	sub[6] = sub[2];
}

/**
 * dl_xa_check() - validate a raw Mode 2 XA sector read back at @lba
 * @sector: 2352 bytes
 * @lba: where it was read
 * @type: out: its form, from the sub-header
 *
 * Checks the sync, the header (address, mode 2), the two copies of the
 * sub-header, the EDC (a Form 2 EDC of zero means "not computed" and
 * passes) and, for Form 1, the P and Q parity.
 *
 * Return: DL_SECTOR_OK or the first problem found.
 */
enum dl_sector_status dl_xa_check(const u8 *sector, s32 lba,
				  enum dl_sector_type *type)
{
	const u8 *sh = sector + DL_XA_SUBHEADER_OFFSET;
	u8 hdr[4], v[4];
	u8 p[2 * 2 * DL_P_COLUMNS];
	u8 q[2 * 2 * DL_Q_DIAGONALS];

	if (memcmp(sector, dl_sync, sizeof(dl_sync)))
		return DL_SECTOR_BAD_SYNC;
	dl_header_mode(hdr, lba, 2);
	if (memcmp(sector + DL_CD_HEADER_OFFSET, hdr, sizeof(hdr)) ||
	    memcmp(sh, sh + 4, 4))
		return DL_SECTOR_BAD_HEADER;
	if (sh[2] & DL_XA_SUBMODE_FORM2) {
		*type = DL_SECTOR_FORM2;
		dl_put_le32(v, dl_edc(sh, DL_XA_FORM2_EDC_OFFSET -
					  DL_XA_SUBHEADER_OFFSET));
		if (memcmp(sector + DL_XA_FORM2_EDC_OFFSET, v, 4) &&
		    memcmp(sector + DL_XA_FORM2_EDC_OFFSET, "\0\0\0\0", 4))
			return DL_SECTOR_BAD_EDC;
		return DL_SECTOR_OK;
	}
	*type = DL_SECTOR_FORM1;
	dl_put_le32(v, dl_edc(sh, DL_XA_FORM1_EDC_OFFSET -
				  DL_XA_SUBHEADER_OFFSET));
	if (memcmp(sector + DL_XA_FORM1_EDC_OFFSET, v, 4))
		return DL_SECTOR_BAD_EDC;
	dl_ecc_p(sector, p, true);
	if (memcmp(sector + DL_CD_ECC_P_OFFSET, p, sizeof(p)))
		return DL_SECTOR_BAD_ECC;
	dl_ecc_q(sector, q, true);
	if (memcmp(sector + DL_CD_ECC_Q_OFFSET, q, sizeof(q)))
		return DL_SECTOR_BAD_ECC;
	return DL_SECTOR_OK;
}

/* Store a finished 10-byte Q frame's CRC in bytes 10 and 11. */
static void dl_subq_seal(u8 *q)
{
	u16 crc = dl_subq_crc(q);

	q[10] = (u8)(crc >> 8);
	q[11] = (u8)crc;
}

/**
 * dl_subq_adr1() - a Q frame of ADR 1: the position
 * @q: 12 bytes out (with CRC)
 * @pos: where, and in which track
 *
 * The relative time counts down to zero through the pregap (index 0) and
 * up from zero from index 1 on (ECMA-130 22.3.3.2).
 */
void dl_subq_adr1(u8 *q, const struct dl_qpos *pos)
{
	s32 rel = pos->lba - pos->start;
	u8 m, s, f;

	if (rel < 0)
		rel = -rel;
	q[0] = (u8)(pos->control << 4 | 1);
	q[1] = dl_bcd(pos->track);
	q[2] = dl_bcd(pos->index);
	q[3] = dl_bcd((u8)(rel / (60 * 75) % 100));
	q[4] = dl_bcd((u8)(rel / 75 % 60));
	q[5] = dl_bcd((u8)(rel % 75));
	q[6] = 0;
	dl_lba_to_msf(pos->lba, &m, &s, &f);
	q[7] = dl_bcd(m);
	q[8] = dl_bcd(s);
	q[9] = dl_bcd(f);
	dl_subq_seal(q);
}

/* Absolute frame number (BCD) that ADR 2 and 3 frames end with. */
static u8 dl_aframe(s32 lba)
{
	u8 m, s, f;

	dl_lba_to_msf(lba, &m, &s, &f);
	return dl_bcd(f);
}

/**
 * dl_subq_adr2() - a Q frame of ADR 2: the media catalogue number
 * @q: 12 bytes out
 * @control: the track's CONTROL
 * @mcn: 13 ASCII digits
 * @lba: the sector's address (for AFRAME)
 *
 * Bytes 1..7 hold the 13 digits as BCD nibbles (the last nibble zero),
 * byte 8 is zero, byte 9 the absolute frame (ECMA-130 22.3.4.1).
 */
void dl_subq_adr2(u8 *q, u8 control, const char *mcn, s32 lba)
{
	int i;

	memset(q, 0, 12);
	q[0] = (u8)(control << 4 | 2);
	for (i = 0; i < 13; i++)
		q[1 + i / 2] |= (u8)((mcn[i] - '0') << (i % 2 ? 0 : 4));
	q[9] = dl_aframe(lba);
	dl_subq_seal(q);
}

/* ISRC characters 1..5: six bits each, '0'..'9' = 0..9, 'A'..'Z' = 17..42. */
static u8 dl_isrc6(char c)
{
	return (u8)(c - '0') & 0x3f;
}

/**
 * dl_subq_adr3() - a Q frame of ADR 3: a track's ISRC
 * @q: 12 bytes out
 * @control: the track's CONTROL
 * @isrc: 12 characters, [A-Z0-9]{5}[0-9]{7}
 * @lba: the sector's address (for AFRAME)
 *
 * Characters 1..5 take six bits each from byte 1 on (then two zero
 * bits), 6..12 a BCD nibble each from byte 5 on (then a zero nibble),
 * byte 9 the absolute frame (ECMA-130 22.3.4.2).
 */
void dl_subq_adr3(u8 *q, u8 control, const char *isrc, s32 lba)
{
	u32 bits = 0;
	int i;

	memset(q, 0, 12);
	q[0] = (u8)(control << 4 | 3);
	for (i = 0; i < 5; i++)
		bits = bits << 6 | dl_isrc6(isrc[i]);
	bits <<= 2;
	q[1] = (u8)(bits >> 24);
	q[2] = (u8)(bits >> 16);
	q[3] = (u8)(bits >> 8);
	q[4] = (u8)bits;
	for (i = 0; i < 7; i++)
		q[5 + i / 2] |= (u8)((isrc[5 + i] - '0') << (i % 2 ? 0 : 4));
	q[9] = dl_aframe(lba);
	dl_subq_seal(q);
}

/**
 * dl_subq_for() - the Q frame a sector carries
 * @q: 12 bytes out
 * @pos: the position
 * @mcn: the disc's MCN (13 digits) or NULL
 * @isrc: the track's ISRC (12 characters) or NULL; only audio tracks
 *	carry one
 *
 * Most frames give the position (ADR 1). Outside pregaps, the frame whose
 * absolute address is 25 modulo 100 carries the MCN and the one at 50 the
 * ISRC, so that each appears once in every 100 frames as ECMA-130 asks.
 */
void dl_subq_for(u8 *q, const struct dl_qpos *pos, const char *mcn,
		 const char *isrc)
{
	s32 n = (pos->lba + DL_CD_MSF_OFFSET) % 100;

	if (pos->index && mcn && n == DL_Q_MCN_FRAME)
		dl_subq_adr2(q, pos->control, mcn, pos->lba);
	else if (pos->index && isrc && n == DL_Q_ISRC_FRAME &&
		 !(pos->control & 0x4))
		dl_subq_adr3(q, pos->control, isrc, pos->lba);
	else
		dl_subq_adr1(q, pos);
}

/**
 * dl_subq_format() - a Q frame as READ CD 010b returns it (16 bytes)
 * @out: 16 bytes out: the frame with its CRC, three zero bytes, then the
 *	P bit in bit 7 of byte 15
 * @q: the 12-byte frame
 * @p: the P sub-channel bit
 */
void dl_subq_format(u8 *out, const u8 *q, bool p)
{
	memcpy(out, q, 12);
	out[12] = 0;
	out[13] = 0;
	out[14] = 0;
	out[15] = p ? 0x80 : 0;
}

/**
 * dl_sub_interleave() - raw P-W (96 bytes) with P and Q set, R-W zero
 * @sub: 96 bytes out; byte i holds bit i of each channel (bit 7 P ...
 *	bit 0 W)
 * @q: the 12-byte Q frame
 * @p: the P bit, the same in all 96 bits
 */
void dl_sub_interleave(u8 *sub, const u8 *q, bool p)
{
	unsigned int i;

	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++)
		sub[i] = (u8)((p ? 0x80 : 0) |
			      (((q[i / 8] >> (7 - i % 8)) & 1) << 6));
}

/**
 * dl_sub_linear_to_raw() - interleave a linear P-W block
 * @raw: 96 bytes out, as READ CD 001b returns them
 * @lin: 96 bytes: 12 of P, then 12 of Q, ... 12 of W (CloneCD .sub)
 */
void dl_sub_linear_to_raw(u8 *raw, const u8 *lin)
{
	unsigned int i, ch;

	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++) {
		u8 v = 0;

		for (ch = 0; ch < 8; ch++)
			v |= (u8)(((lin[ch * 12 + i / 8] >> (7 - i % 8)) & 1)
				  << (7 - ch));
		raw[i] = v;
	}
}

/**
 * dl_sub_raw_q() - take the Q frame and the P bit out of raw P-W
 * @q: 12 bytes out
 * @raw: 96 bytes of raw interleaved P-W
 *
 * Return: the P bit of the first byte.
 */
bool dl_sub_raw_q(u8 *q, const u8 *raw)
{
	unsigned int i;

	memset(q, 0, 12);
	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++)
		q[i / 8] |= (u8)(((raw[i] >> 6) & 1) << (7 - i % 8));
	return raw[0] & 0x80;
}
