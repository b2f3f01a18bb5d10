// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: one sector of a CD layout as the disc holds it. What the
 * track's file stores is read in batches into a staging buffer; the rest
 * of the 2352 bytes is made here (sync, header, XA sub-header, EDC/ECC),
 * and so are the sectors no file holds (unstored pregaps, postgaps:
 * digital silence, or zeroed data sectors framed for their track). The
 * sub-channel is the stored one when there is one, else P and Q
 * synthesised from the layout.
 */
#include <linux/fs.h>
#include <linux/slab.h>
#include "dl_internal.h"
#include "cdframe.h"
#include "sector.h"

/**
 * dl_file_read() - read @len bytes at @pos of a disc's file into @buf
 * @df:		the file
 * @buf:	kernel buffer
 * @pos:	byte offset
 * @len:	bytes
 *
 * Past the size the file had at insert time the bytes are zeros (a file
 * too short for its track reads as zeros); an end of file before that
 * size means the file shrank under the drive.
 *
 * Return: 0 or a negative errno.
 */
int dl_file_read(const struct dl_file *df, void *buf, loff_t pos, size_t len)
{
	size_t done = 0;
	ssize_t ret;

	while (done < len) {
		if (pos >= df->bytes) {
			memset(buf + done, 0, len - done);
			break;
		}
		ret = kernel_read(df->file, buf + done, len - done, &pos);
		if (ret < 0)
			return ret;
		if (!ret)
			return -EIO;
		done += ret;
	}
	return 0;
}

/**
 * dl_stage_fill() - have the stored sector @lba of @t in @st
 * @st:		staging buffer
 * @t:		the track
 * @lba:	a stored LBA of @t
 * @want:	sectors the caller will want from @lba on
 *
 * Reads up to DL_STAGE_SECTORS stored sectors from @lba in one go, unless
 * @lba is already staged.
 *
 * Return: the stored sector in the buffer, or an ERR_PTR.
 */
const u8 *dl_stage_fill(struct dl_stage *st, const struct dl_track *t,
			s32 lba, u32 want)
{
	u32 n;
	int err;

	if (st->t == t && lba >= st->lba && lba < st->lba + (s32)st->n)
		return st->buf + (size_t)(lba - st->lba) * t->sector_size;
	n = min_t(u32, want, DL_STAGE_SECTORS);
	n = min_t(u32, n, t->stored_end - lba);
	st->t = NULL;
	err = dl_file_read(t->df, st->buf, t->offset +
			   (loff_t)(lba - t->stored) * t->sector_size,
			   (size_t)n * t->sector_size);
	if (err)
		return ERR_PTR(err);
	st->t = t;
	st->lba = lba;
	st->n = n;
	return st->buf;
}

/* Swap the bytes of each 16-bit sample (MOTOROLA, big-endian PCM). */
static void dl_swab16(u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		swap(p[i], p[i + 1]);
}

/* A data sector from @stored (or zeros), stored as @t says, framed. */
static u8 dl_frame_data(const struct dl_track *t, s32 lba, const u8 *stored,
			u8 *raw)
{
	u32 size = stored ? t->sector_size : 0;

	if (size >= DL_CD_RAW_SIZE) {
		memcpy(raw, stored, DL_CD_RAW_SIZE);
		if (t->type == DISCLOOP_TRACK_MODE1)
			return DL_SECTOR_MODE1;
		if (t->type == DISCLOOP_TRACK_MODE2)
			return DL_SECTOR_MODE2;
		return raw[DL_XA_SUBHEADER_OFFSET + 2] & DL_XA_SUBMODE_FORM2 ?
		       DL_SECTOR_FORM2 : DL_SECTOR_FORM1;
	}
	memset(raw + DL_CD_DATA_OFFSET, 0, DL_CD_RAW_SIZE - DL_CD_DATA_OFFSET);
	switch (t->type) {
	case DISCLOOP_TRACK_MODE1:
		if (size)
			memcpy(raw + DL_CD_DATA_OFFSET, stored, size);
		dl_mode1_encode(raw, lba);
		return DL_SECTOR_MODE1;
	case DISCLOOP_TRACK_MODE2:
		if (size)
			memcpy(raw + DL_CD_DATA_OFFSET, stored, size);
		dl_mode2_encode(raw, lba);
		return DL_SECTOR_MODE2;
	}
	/* XA: the sub-header is stored (2336) or made up for the form */
	if (size == DL_MODE2_DATA_SIZE) {
		memcpy(raw + DL_CD_DATA_OFFSET, stored, size);
		dl_mode2_encode(raw, lba);
		return raw[DL_XA_SUBHEADER_OFFSET + 2] & DL_XA_SUBMODE_FORM2 ?
		       DL_SECTOR_FORM2 : DL_SECTOR_FORM1;
	}
	/* unstored XA sectors are empty Form 2 sectors, as in XA pregaps */
	dl_xa_subheader(raw + DL_XA_SUBHEADER_OFFSET, size != DL_CD_DATA_SIZE);
	if (size)
		memcpy(raw + DL_XA_DATA_OFFSET, stored, size);
	return dl_xa_encode(raw, lba);
}

/**
 * dl_sector_frame() - the 2352 bytes of sector @lba of track @t
 * @t:		the track holding @lba
 * @lba:	the sector
 * @stored:	its stored bytes (@t->sector_size), or NULL when unstored
 * @raw:	2352 bytes out
 *
 * Return: the sector's enum dl_sector_type.
 */
u8 dl_sector_frame(const struct dl_track *t, s32 lba, const u8 *stored,
		   u8 *raw)
{
	if (t->type != DISCLOOP_TRACK_AUDIO)
		return dl_frame_data(t, lba, stored, raw);
	if (!stored) {
		memset(raw, 0, DL_CD_RAW_SIZE);
	} else {
		memcpy(raw, stored, DL_CD_RAW_SIZE);
		if (t->flags & DISCLOOP_TRACK_AUDIO_BE)
			dl_swab16(raw, DL_CD_RAW_SIZE);
	}
	return DL_SECTOR_CDDA;
}

/* The stored raw P-W of @lba from the disc's sub-channel file, if any. */
static bool dl_sub_stored(const struct dl_media *m, s32 lba, u8 *sub)
{
	u8 lin[DL_CD_SUB_RAW_SIZE];
	loff_t pos;

	if (!m->sub || lba < m->sub_lba)
		return false;
	pos = m->sub_offset + (loff_t)(lba - m->sub_lba) * DL_CD_SUB_RAW_SIZE;
	if (pos + DL_CD_SUB_RAW_SIZE > m->sub->bytes)
		return false;
	if (m->sub_layout == DISCLOOP_SUB_PW_RAW)
		return !dl_file_read(m->sub, sub, pos, DL_CD_SUB_RAW_SIZE);
	if (dl_file_read(m->sub, lin, pos, sizeof(lin)))
		return false;
	dl_sub_linear_to_raw(sub, lin);
	return true;
}

/* The Q frame and P bit the layout gives @lba of @t. */
static bool dl_sub_synth(const struct dl_media *m, const struct dl_track *t,
			 s32 lba, u8 *q)
{
	struct dl_qpos pos = {
		.lba = lba,
		.start = t->start,
		.track = t->number,
		.index = dl_track_index(m, t, lba),
		.control = t->control,
	};

	dl_subq_for(q, &pos, m->mcn[0] ? m->mcn : NULL,
		    t->isrc[0] ? t->isrc : NULL);
	if (t->number == DL_LEADOUT_TRACK && (q[0] & 0x0f) == 1) {
		u16 crc;

		q[1] = DL_LEADOUT_TRACK;	/* AAh as it is, not BCD */
		crc = dl_subq_crc(q);
		q[10] = (u8)(crc >> 8);
		q[11] = (u8)crc;
	}
	return !pos.index;
}

/**
 * dl_sector_sub() - the sub-channel of @lba
 * @m:		the disc
 * @t:		the track holding @lba
 * @lba:	the sector
 * @stored:	its stored bytes, or NULL (2448-byte sectors carry their
 *		raw P-W after the 2352)
 * @raw:	out, when not NULL: 96 bytes of raw P-W
 * @fmt:	out, when not NULL: 16 bytes of formatted Q
 *
 * Stored sub-channel is served verbatim: its Q frame as it is, bad CRCs
 * and all. Otherwise P is the pause flag (set in pregaps) and Q comes
 * from the layout (dl_subq_for()); R-W are zero.
 */
void dl_sector_sub(const struct dl_media *m, const struct dl_track *t,
		   s32 lba, const u8 *stored, u8 *raw, u8 *fmt)
{
	u8 pw[DL_CD_SUB_RAW_SIZE], q[12];
	bool have, p;

	have = stored && t->sector_size == DL_CD_RAW_SIZE + DL_CD_SUB_RAW_SIZE;
	if (have)
		memcpy(pw, stored + DL_CD_RAW_SIZE, sizeof(pw));
	else
		have = dl_sub_stored(m, lba, pw);
	if (have) {
		p = dl_sub_raw_q(q, pw);
	} else {
		p = dl_sub_synth(m, t, lba, q);
		if (raw)
			dl_sub_interleave(pw, q, p);
	}
	if (raw)
		memcpy(raw, pw, sizeof(pw));
	if (fmt)
		dl_subq_format(fmt, q, p);
}
