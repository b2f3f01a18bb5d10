// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: drive quirks, for testing rippers against the behaviours of
 * real CD drives. Off by default; set per drive through
 * DISCLOOP_CTL_SET_QUIRKS, next to the injected faults (fault.c), under
 * the same lock:
 *
 * - a read offset: sectors returned as CD-DA carry the samples of the
 *   disc shifted as a drive with that AccurateRip read offset returns
 *   them, the neighbouring sectors' bytes included (the lead-in side is
 *   the track 1 pregap, then silence; past the final lead-out, the
 *   lead-out);
 * - scrambling: data sectors read with expected sector type CD-DA come
 *   back as the disc carries them, scrambled (ECMA-130 annex B), shifted
 *   by the offset like audio, as MediaTek-based drives return them;
 * - lead-out overread: READ CD may read some sectors past the final
 *   lead-out: silence after an audio track, zeroed sectors of the last
 *   track's mode after a data track;
 * - C2 errors: chosen bytes of chosen sectors come back inverted, with
 *   their C2 error pointer bits set, always or for a number of reads.
 *
 * Only READ CD and READ CD MSF see them: the workers take the quirk path
 * (dl_quirk_begin() .. dl_quirk_end()) only while a quirk is set. The read
 * offset, scrambling and overread belong to the drive and survive media
 * changes; the C2 ranges belong to the disc and go with it.
 */
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/err.h>
#include <linux/lockdep.h>
#include "dl_internal.h"
#include "cdframe.h"
#include "sector.h"

/* The scrambler runs over everything after the sync. */
#define DL_SCRAMBLE_SIZE	(DL_CD_RAW_SIZE - DL_CD_SYNC_SIZE)
#define DL_SAMPLE_SIZE		4

static u8 dl_scramble_table[DL_SCRAMBLE_SIZE];

/**
 * dl_quirks_init() - compute the scrambler's sequence, once at module init
 *
 * ECMA-130 annex B: a 15-bit shift register with feedback x^15 + x + 1,
 * preset to 1 at the first byte after the sync; each byte takes the
 * register's output bits least significant first.
 */
void dl_quirks_init(void)
{
	u16 reg = 1;
	int i, bit;

	for (i = 0; i < DL_SCRAMBLE_SIZE; i++) {
		u8 v = 0;

		for (bit = 0; bit < 8; bit++) {
			v |= (reg & 1) << bit;
			reg = (reg >> 1) | (((reg ^ (reg >> 1)) & 1) << 14);
		}
		dl_scramble_table[i] = v;
	}
}

static void dl_scramble(u8 *raw)
{
	int i;

	for (i = 0; i < DL_SCRAMBLE_SIZE; i++)
		raw[DL_CD_SYNC_SIZE + i] ^= dl_scramble_table[i];
}

/* Is any quirk set? Called with drive->lock held. */
static void dl_quirks_update(struct dl_drive *drive)
{
	const struct dl_quirks *q = &drive->quirks;

	WRITE_ONCE(drive->quirks_on,
		   q->offset || q->flags || q->overread || q->nr_c2);
}

/**
 * dl_quirks_set() - replace a drive's quirks
 * @drive:	the drive
 * @q:		the new quirks, checked by the caller
 *
 * Return: 0, or -ENOMEDIUM when C2 ranges are given and the drive is empty.
 */
int dl_quirks_set(struct dl_drive *drive, const struct discloop_quirks *q)
{
	struct dl_quirks *d = &drive->quirks;
	unsigned long flags;
	int err = 0;
	u32 i;

	spin_lock_irqsave(&drive->lock, flags);
	if (!drive->media && q->nr_c2) {
		err = -ENOMEDIUM;
	} else {
		d->offset = q->read_offset;
		d->flags = q->flags;
		WRITE_ONCE(d->overread, q->overread);
		for (i = 0; i < q->nr_c2; i++) {
			d->c2[i].lba = q->c2[i].lba;
			d->c2[i].count = q->c2[i].count;
			d->c2[i].left = q->c2[i].reads;
			d->c2[i].permanent = !q->c2[i].reads;
			d->c2[i].offset = q->c2[i].offset;
			d->c2[i].length = q->c2[i].length;
		}
		d->nr_c2 = q->nr_c2;
		dl_quirks_update(drive);
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	return err;
}

/**
 * dl_quirks_get() - a drive's quirks as SET_QUIRKS takes them
 * @drive:	the drive
 * @q:		out: everything but @size and @index; a weak C2 range's
 *		@reads is what is left of it
 */
void dl_quirks_get(struct dl_drive *drive, struct discloop_quirks *q)
{
	const struct dl_quirks *d = &drive->quirks;
	unsigned long flags;
	u32 i;

	spin_lock_irqsave(&drive->lock, flags);
	q->flags = d->flags;
	q->read_offset = d->offset;
	q->overread = d->overread;
	q->nr_c2 = d->nr_c2;
	for (i = 0; i < d->nr_c2; i++) {
		q->c2[i].lba = d->c2[i].lba;
		q->c2[i].count = d->c2[i].count;
		q->c2[i].reads = d->c2[i].permanent ? 0 : d->c2[i].left;
		q->c2[i].offset = d->c2[i].offset;
		q->c2[i].length = d->c2[i].length;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
}

/**
 * dl_quirks_media_change() - a disc was inserted or ejected
 * @drive:	the drive, its lock held
 *
 * The C2 ranges were the old disc's; the drive's own quirks stay.
 */
void dl_quirks_media_change(struct dl_drive *drive)
{
	lockdep_assert_held(&drive->lock);
	drive->quirks.nr_c2 = 0;
	dl_quirks_update(drive);
}

/**
 * struct dl_qsec - a disc sector as the drive reads it as audio
 * @lba:	the sector, or S64_MIN for none
 * @err_any:	some byte is in error
 * @data:	its 2352 bytes: PCM, or a data sector scrambled
 * @err:	nonzero for each byte in error
 */
struct dl_qsec {
	s64 lba;
	bool err_any;
	u8 data[DL_CD_RAW_SIZE];
	u8 err[DL_CD_RAW_SIZE];
};

/**
 * struct dl_quirk_read - one READ CD through the drive's quirks
 * @q:		the quirks as the command began
 * @active:	bit i: C2 range i is in error for this command
 * @m:		the disc
 * @want_type:	the expected sector type of the CDB
 * @shift_q:	whole sectors of the offset: block L starts in sector
 *		L + @shift_q ...
 * @shift_r:	... at this byte
 * @has_leadout: @leadout describes the disc's final lead-out
 * @leadout:	a track standing for the lead-out
 * @st:		stored sectors of the neighbours, apart from the worker's
 * @sec:	the last two disc sectors read as audio, by LBA parity
 * @err:	bytes in error of the block being returned
 * @c2:		its C2 pointers, block error byte and pad byte
 */
struct dl_quirk_read {
	struct dl_quirks q;
	u32 active;
	const struct dl_media *m;
	u8 want_type;
	s32 shift_q;
	u32 shift_r;
	bool has_leadout;
	struct dl_track leadout;
	struct dl_stage st;
	struct dl_qsec sec[2];
	u8 err[DL_CD_RAW_SIZE];
	u8 c2[DL_CD_C2_BLOCK_SIZE];
};

/*
 * The offset of @qr->q in whole sectors and bytes: block L starts at byte
 * @shift_r of sector L + @shift_q (a drive with offset N returns sample
 * 588 L - N first for sector L).
 */
static void dl_quirk_shift(struct dl_quirk_read *qr)
{
	s32 d = -qr->q.offset * DL_SAMPLE_SIZE;

	qr->shift_q = d / DL_CD_RAW_SIZE;
	d %= DL_CD_RAW_SIZE;
	if (d < 0) {
		d += DL_CD_RAW_SIZE;
		qr->shift_q--;
	}
	qr->shift_r = d;
}

/*
 * Take the snapshot of the drive's quirks for the read of @n blocks from
 * @lba, mark the C2 ranges the sectors it reads touch as in error for it,
 * and count the read against the weak ones.
 */
static void dl_quirk_consume(struct dl_drive *drive, struct dl_quirk_read *qr,
			     s64 lba, u32 n)
{
	unsigned long flags;
	s64 first, last;
	u32 i;

	BUILD_BUG_ON(DISCLOOP_MAX_C2 > 32);
	spin_lock_irqsave(&drive->lock, flags);
	qr->q = drive->quirks;
	dl_quirk_shift(qr);
	/* the blocks, and the neighbours their samples come from */
	first = lba + min(0, qr->shift_q);
	last = lba + n - 1 + max(0, qr->shift_q + (qr->shift_r ? 1 : 0));
	for (i = 0; i < qr->q.nr_c2; i++) {
		struct dl_c2_range *r = &drive->quirks.c2[i];

		if (r->lba > last || r->lba + r->count <= first)
			continue;
		if (!r->permanent && !r->left)
			continue;
		if (!r->permanent)
			r->left--;
		qr->active |= 1U << i;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
}

/* The lead-out as a track after the last one, in the last one's mode. */
static void dl_quirk_leadout_init(struct dl_quirk_read *qr)
{
	const struct dl_media *m = qr->m;
	struct dl_track *lo = &qr->leadout;

	qr->has_leadout = m->nr_tracks;
	if (!m->nr_tracks)
		return;
	*lo = m->tracks[m->nr_tracks - 1];
	lo->number = DL_LEADOUT_TRACK;
	lo->first = m->sectors;
	lo->start = m->sectors;
	lo->stored = m->sectors;
	lo->stored_end = m->sectors;
	lo->end = S32_MAX;
	lo->flags = 0;
	lo->pregap = 0;
	lo->pregap_stored = 0;
	lo->length = 0;
	lo->postgap = 0;
	memset(lo->isrc, 0, sizeof(lo->isrc));
	lo->first_index = 0;
	lo->nr_indexes = 0;
}

/**
 * dl_quirk_begin() - start a READ CD on a drive that may have quirks
 * @dc:		the command, its disc, LBA and sector count set
 *
 * Takes a snapshot of the drive's quirks for the whole command and
 * counts this read against the weak C2 ranges it touches: the blocks it
 * returns and, with a read offset, the neighbours their samples come from.
 *
 * Return: NULL when the drive has no quirk (the plain path), the state of
 * the quirky read, or ERR_PTR(-ENOMEM).
 */
struct dl_quirk_read *dl_quirk_begin(struct dl_cmd *dc)
{
	struct dl_quirk_read *qr;

	if (!READ_ONCE(dc->drive->quirks_on))
		return NULL;
	/* as dl_io_bufs_get(): no I/O under PF_MEMALLOC_NOIO, a requeue */
	qr = kvmalloc(sizeof(*qr) + DL_STAGE_SIZE, GFP_KERNEL | __GFP_NOWARN);
	if (!qr)
		return ERR_PTR(-ENOMEM);
	qr->st.buf = (u8 *)(qr + 1);
	qr->st.t = NULL;
	qr->sec[0].lba = S64_MIN;
	qr->sec[1].lba = S64_MIN;
	qr->m = dc->media;
	qr->want_type = dc->rc_type;
	qr->active = 0;
	dl_quirk_consume(dc->drive, qr, dc->lba, dc->nblocks);
	dl_quirk_leadout_init(qr);
	return qr;
}

/**
 * dl_quirk_end() - a quirky read is over
 * @qr:		dl_quirk_begin()'s state, or NULL
 */
void dl_quirk_end(struct dl_quirk_read *qr)
{
	kvfree(qr);
}

/**
 * dl_quirk_leadout() - the track that holds @lba past the final lead-out
 * @qr:		quirky read state, or NULL
 * @lba:	a sector no track of the disc holds
 *
 * Return: the lead-out, or NULL when @lba is not past it.
 */
const struct dl_track *dl_quirk_leadout(struct dl_quirk_read *qr, s32 lba)
{
	if (!qr || !qr->has_leadout || lba < qr->leadout.first)
		return NULL;
	return &qr->leadout;
}

/* C2 information of the block being returned, for dl_readcd_sector(). */
const u8 *dl_quirk_c2(const struct dl_quirk_read *qr)
{
	return qr->c2;
}

/*
 * Invert the bytes in error of disc sector @lba in @data, marking them in
 * @err (a byte two ranges share is inverted once).
 *
 * Return: whether any byte is in error.
 */
static bool dl_quirk_flip(const struct dl_quirk_read *qr, s64 lba, u8 *data,
			  u8 *err)
{
	bool any = false;
	u32 i, k;

	memset(err, 0, DL_CD_RAW_SIZE);
	for (i = 0; i < qr->q.nr_c2; i++) {
		const struct dl_c2_range *r = &qr->q.c2[i];

		if (!(qr->active & (1U << i)) || lba < r->lba ||
		    lba >= r->lba + r->count)
			continue;
		for (k = r->offset; k < r->offset + r->length; k++) {
			if (!err[k])
				data[k] ^= 0xff;
			err[k] = 1;
		}
		any = true;
	}
	return any;
}

/*
 * The C2 error pointers of @err (bit 7 of byte 0 for byte 0), the block
 * error byte (their OR) and a zero pad byte.
 */
static void dl_quirk_c2_pack(u8 *c2, const u8 *err, bool any)
{
	u8 all = 0;
	u32 k;

	memset(c2, 0, DL_CD_C2_BLOCK_SIZE);
	if (!any)
		return;
	for (k = 0; k < DL_CD_RAW_SIZE; k++)
		if (err[k])
			c2[k >> 3] |= 0x80 >> (k & 7);
	for (k = 0; k < DL_CD_C2_SIZE; k++)
		all |= c2[k];
	c2[DL_CD_C2_SIZE] = all;
}

/*
 * Disc sector @lba as the drive reads it as audio, errors applied: PCM, a
 * data sector scrambled, silence where no track is (lead-in, session
 * gaps), the lead-out past the final one.
 */
static struct dl_qsec *dl_quirk_view(struct dl_quirk_read *qr, s64 lba,
				     u32 want)
{
	struct dl_qsec *v = &qr->sec[lba & 1];
	const struct dl_track *t = NULL;
	const u8 *stored = NULL;

	if (v->lba == lba)
		return v;
	v->lba = S64_MIN;
	if (lba >= S32_MIN && lba <= S32_MAX) {
		t = dl_track_at(qr->m, lba);
		if (!t)
			t = dl_quirk_leadout(qr, lba);
	}
	if (!t) {
		memset(v->data, 0, DL_CD_RAW_SIZE);
	} else {
		if (dl_is_stored(t, lba)) {
			stored = dl_stage_fill(&qr->st, t, lba, want);
			if (IS_ERR(stored))
				return ERR_CAST(stored);
		}
		if (dl_sector_frame(t, lba, stored, v->data) != DL_SECTOR_CDDA)
			dl_scramble(v->data);
	}
	v->err_any = dl_quirk_flip(qr, lba, v->data, v->err);
	v->lba = lba;
	return v;
}

/**
 * dl_quirk_sector() - one block of a READ CD through the drive's quirks
 * @qr:		dl_quirk_begin()'s state
 * @lba:	the block
 * @type:	its sector type, as framed in @raw
 * @want:	blocks the command still wants from @lba on
 * @raw:	in: the sector framed; out: what the drive returns of it
 *
 * A block returned as CD-DA (an audio sector, or with the scrambling
 * quirk a data sector read with expected type CD-DA) becomes the disc's
 * audio stream shifted by the read offset, errors included; a data
 * sector read as data only gets its own errors. dl_quirk_c2() then holds
 * the block's C2 information.
 *
 * Return: the type the block is returned as, or a negative errno when a
 * neighbour's file cannot be read.
 */
int dl_quirk_sector(struct dl_quirk_read *qr, s32 lba, u8 type, u32 want,
		    u8 *raw)
{
	u32 r = qr->shift_r, head = DL_CD_RAW_SIZE - r;
	struct dl_qsec *a, *b;
	bool any;

	if (type != DL_SECTOR_CDDA &&
	    (qr->want_type != DL_SECTOR_CDDA ||
	     !(qr->q.flags & DISCLOOP_QUIRK_SCRAMBLE))) {
		any = dl_quirk_flip(qr, lba, raw, qr->err);
		dl_quirk_c2_pack(qr->c2, qr->err, any);
		return type;
	}
	if (!qr->shift_q && !r) {	/* no offset: the sector itself */
		if (type != DL_SECTOR_CDDA)
			dl_scramble(raw);
		any = dl_quirk_flip(qr, lba, raw, qr->err);
		dl_quirk_c2_pack(qr->c2, qr->err, any);
		return DL_SECTOR_CDDA;
	}
	a = dl_quirk_view(qr, (s64)lba + qr->shift_q, want + 1);
	if (IS_ERR(a))
		return PTR_ERR(a);
	if (!r) {
		memcpy(raw, a->data, DL_CD_RAW_SIZE);
		dl_quirk_c2_pack(qr->c2, a->err, a->err_any);
		return DL_SECTOR_CDDA;
	}
	b = dl_quirk_view(qr, (s64)lba + qr->shift_q + 1, want);
	if (IS_ERR(b))
		return PTR_ERR(b);
	memcpy(raw, a->data + r, head);
	memcpy(raw + head, b->data, r);
	any = a->err_any || b->err_any;
	if (any) {
		memcpy(qr->err, a->err + r, head);
		memcpy(qr->err + head, b->err, r);
	}
	dl_quirk_c2_pack(qr->c2, qr->err, any);
	return DL_SECTOR_CDDA;
}
