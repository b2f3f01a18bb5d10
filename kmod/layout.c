// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: CD layouts. DISCLOOP_CTL_INSERT_DISC hands the kernel a whole
 * disc: tracks in LBA order, each mapped to a range of an open file, with
 * its pregap, postgap, control bits and ISRC; index points; the MCN,
 * CD-TEXT packs and an optional file of stored sub-channel. Every field is
 * checked here again, whatever the tool checked before; then each
 * distinct file is referenced once. DISCLOOP_CTL_GET_DISC gives the
 * layout back. Tracks are found by binary search over their first LBAs.
 */
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/overflow.h>
#include "dl_internal.h"
#include "cdframe.h"

/* The first LBA a layout may use: track 1's pregap, 00:00:00. */
#define DL_LAYOUT_MIN_LBA	(-DL_CD_MSF_OFFSET)

static bool dl_all_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static bool dl_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ISRC: all zero, or CC OOO YY NNNNN: [A-Z0-9]{5}[0-9]{7}. */
static bool dl_isrc_ok(const char *isrc)
{
	int i;

	if (dl_all_zero(isrc, DISCLOOP_ISRC_LEN))
		return true;
	for (i = 0; i < DISCLOOP_ISRC_LEN; i++) {
		char c = isrc[i];

		if (dl_is_digit(c))
			continue;
		if (i < 5 && c >= 'A' && c <= 'Z')
			continue;
		return false;
	}
	return true;
}

/* MCN: all zero, or 13 digits. */
static bool dl_mcn_ok(const char *mcn)
{
	int i;

	if (dl_all_zero(mcn, DISCLOOP_MCN_LEN))
		return true;
	for (i = 0; i < DISCLOOP_MCN_LEN; i++)
		if (!dl_is_digit(mcn[i]))
			return false;
	return true;
}

/* The stored sector sizes each track type can be read from. */
static bool dl_sector_size_ok(u8 type, u32 size)
{
	switch (size) {
	case 2048:
		return type == DISCLOOP_TRACK_MODE1 ||
		       type == DISCLOOP_TRACK_MODE2_XA;
	case 2324:
		return type == DISCLOOP_TRACK_MODE2_XA;
	case 2336:
		return type == DISCLOOP_TRACK_MODE2 ||
		       type == DISCLOOP_TRACK_MODE2_XA;
	case 2352:
	case 2448:
		return type <= DISCLOOP_TRACK_MODE2_XA;
	}
	return false;
}

/* One track on its own: every field but its place on the disc. */
static bool dl_track_ok(const struct discloop_track *u)
{
	bool data = u->type != DISCLOOP_TRACK_AUDIO;

	if (u->type > DISCLOOP_TRACK_MODE2_XA ||
	    (u->control & ~0x0f) ||
	    !!(u->control & DISCLOOP_CTRL_DATA) != data)
		return false;
	if ((u->flags & ~DISCLOOP_TRACK_AUDIO_BE) ||
	    ((u->flags & DISCLOOP_TRACK_AUDIO_BE) && data))
		return false;
	if (!dl_sector_size_ok(u->type, u->sector_size) || u->fd < 0)
		return false;
	if (u->pregap_stored > u->pregap || !u->length)
		return false;
	return dl_isrc_ok(u->isrc) &&
	       dl_all_zero(u->reserved, sizeof(u->reserved));
}

/*
 * A track in its place: numbered after @prev, in the same session and
 * contiguous with it, or in the next session and past its lead-out; all
 * of it between 00:00:00 and 99:59:74 (the lead-out included).
 */
static bool dl_track_place_ok(const struct discloop_track *u,
			      const struct discloop_track *prev)
{
	s64 first = (s64)u->start - u->pregap;
	s64 end = (s64)u->start + u->length + u->postgap;
	s64 prev_end;

	if (first < DL_LAYOUT_MIN_LBA || end > DL_CD_MAX_LBA)
		return false;
	if (!prev)
		return u->number >= 1 && u->session == 1 && first <= 0;
	if (u->number != prev->number + 1 || u->number > DISCLOOP_MAX_TRACKS)
		return false;
	prev_end = (s64)prev->start + prev->length + prev->postgap;
	if (u->session == prev->session)
		return first == prev_end;
	return u->session == prev->session + 1 && first > prev_end;
}

/* Index points: grouped by track in order, increasing, inside their track. */
static bool dl_indexes_ok(const struct discloop_index *x, u32 n,
			  const struct discloop_track *t, u32 nr_tracks)
{
	const struct discloop_track *tr;
	u32 i, k = 0;

	for (i = 0; i < n; i++) {
		if (x[i].reserved || x[i].index < 2 || x[i].index > 99)
			return false;
		while (k < nr_tracks && t[k].number != x[i].track)
			k++;
		if (k == nr_tracks)
			return false;	/* no such track, or out of order */
		tr = &t[k];
		if ((s64)x[i].lba <= tr->start ||
		    (s64)x[i].lba >= (s64)tr->start + tr->length + tr->postgap)
			return false;
		if (i && x[i - 1].track == x[i].track &&
		    (x[i].index <= x[i - 1].index || x[i].lba <= x[i - 1].lba))
			return false;
		if ((!i || x[i - 1].track != x[i].track) && x[i].index != 2)
			return false;
	}
	return true;
}

/* The disc's own fields. */
static bool dl_disc_ok(const struct discloop_disc *d)
{
	if ((d->flags & ~DISCLOOP_FLAG_FORCE) ||
	    !dl_all_zero(d->pad, sizeof(d->pad)) ||
	    !dl_all_zero(d->reserved, sizeof(d->reserved)))
		return false;
	if (!d->nr_tracks || d->nr_tracks > DISCLOOP_MAX_TRACKS ||
	    d->track_size < sizeof(struct discloop_track) ||
	    d->track_size > PAGE_SIZE || d->nr_indexes > DISCLOOP_MAX_INDEXES)
		return false;
	if (d->disc_type != DISCLOOP_DISC_CD_DA_ROM &&
	    d->disc_type != DISCLOOP_DISC_CD_I &&
	    d->disc_type != DISCLOOP_DISC_CD_XA)
		return false;
	if (d->cdtext_len % DISCLOOP_CDTEXT_PACK ||
	    d->cdtext_len > DISCLOOP_MAX_CDTEXT || !d->cdtext != !d->cdtext_len)
		return false;
	if (!dl_mcn_ok(d->mcn))
		return false;
	if (d->sub_layout == DISCLOOP_SUB_NONE)
		return d->sub_fd == -1 && !d->sub_lba && !d->sub_offset;
	return d->sub_layout <= DISCLOOP_SUB_PW_LINEAR && d->sub_fd >= 0 &&
	       d->sub_lba >= DL_LAYOUT_MIN_LBA && d->sub_lba <= DL_CD_MAX_LBA;
}

/* Copy in and check the track array. */
static struct discloop_track *dl_tracks_in(const struct discloop_disc *d)
{
	const u8 __user *src = u64_to_user_ptr(d->tracks);
	struct discloop_track *t;
	u32 i;
	int err;

	t = kcalloc(d->nr_tracks, sizeof(*t), GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOMEM);
	for (i = 0; i < d->nr_tracks; i++) {
		err = copy_struct_from_user(&t[i], sizeof(*t),
					    src + (size_t)i * d->track_size,
					    d->track_size);
		if (err) {
			kfree(t);
			return ERR_PTR(err == -E2BIG ? -EINVAL : err);
		}
		if (!dl_track_ok(&t[i]) ||
		    !dl_track_place_ok(&t[i], i ? &t[i - 1] : NULL)) {
			kfree(t);
			return ERR_PTR(-EINVAL);
		}
	}
	return t;
}

/* Copy in the index points, the CD-TEXT packs; check the points. */
static int dl_disc_arrays_in(struct dl_media *m, const struct discloop_disc *d,
			     const struct discloop_track *t)
{
	if (d->nr_indexes) {
		m->indexes = memdup_user(u64_to_user_ptr(d->indexes),
					 array_size(d->nr_indexes,
						    sizeof(*m->indexes)));
		if (IS_ERR(m->indexes)) {
			int err = PTR_ERR(m->indexes);

			m->indexes = NULL;
			return err;
		}
		m->nr_indexes = d->nr_indexes;
		if (!dl_indexes_ok(m->indexes, m->nr_indexes, t, d->nr_tracks))
			return -EINVAL;
	}
	if (d->cdtext_len) {
		m->cdtext = memdup_user(u64_to_user_ptr(d->cdtext),
					d->cdtext_len);
		if (IS_ERR(m->cdtext)) {
			int err = PTR_ERR(m->cdtext);

			m->cdtext = NULL;
			return err;
		}
		m->cdtext_len = d->cdtext_len;
	}
	return 0;
}

/* Make the kernel's track @i of @m from the checked @u; file referenced. */
static int dl_track_make(struct dl_media *m, u32 i,
			 const struct discloop_track *u)
{
	struct dl_track *t = &m->tracks[i];
	u32 k;
	int err;

	err = dl_media_add_file(m, u->fd, &t->df);
	if (err)
		return err;
	t->offset = u->offset;
	t->start = u->start;
	t->first = t->start - (s32)u->pregap;
	t->stored = t->start - (s32)u->pregap_stored;
	t->stored_end = t->start + (s32)u->length;
	t->end = t->stored_end + (s32)u->postgap;
	t->sector_size = u->sector_size;
	t->number = u->number;
	t->session = u->session;
	t->type = u->type;
	t->control = u->control;
	t->flags = u->flags;
	t->pregap = u->pregap;
	t->pregap_stored = u->pregap_stored;
	t->length = u->length;
	t->postgap = u->postgap;
	memcpy(t->isrc, u->isrc, sizeof(t->isrc));
	for (k = 0; k < m->nr_indexes && m->indexes[k].track != t->number; k++)
		;
	t->first_index = k;
	for (; k < m->nr_indexes && m->indexes[k].track == t->number; k++)
		t->nr_indexes++;
	return 0;
}

/**
 * dl_disc_open() - make a disc of a checked-in layout
 * @d:		the caller's struct discloop_disc, copied in (its size and
 *		reserved fields are the caller's business: see dl_disc_ok())
 *
 * Copies in the tracks, index points and CD-TEXT, checks every field,
 * then references each distinct file once. On any error nothing stays
 * referenced or allocated.
 *
 * Return: the disc with one reference, or an ERR_PTR (-EINVAL for a bad
 * field, -EBADF for a descriptor that is not open for reading, -ELOOP
 * for a discloop drive, -EFAULT, -ENOMEM).
 */
struct dl_media *dl_disc_open(const struct discloop_disc *d)
{
	struct discloop_track *u;
	struct dl_media *m;
	u32 i;
	int err;

	if (!dl_disc_ok(d))
		return ERR_PTR(-EINVAL);
	u = dl_tracks_in(d);
	if (IS_ERR(u))
		return ERR_CAST(u);
	err = -ENOMEM;
	m = dl_media_alloc();
	if (!m)
		goto out_free;
	m->tracks = kcalloc(d->nr_tracks, sizeof(*m->tracks), GFP_KERNEL);
	if (!m->tracks)
		goto out_put;
	err = dl_disc_arrays_in(m, d, u);
	if (err)
		goto out_put;
	m->nr_tracks = d->nr_tracks;
	for (i = 0; i < d->nr_tracks; i++) {
		err = dl_track_make(m, i, &u[i]);
		if (err)
			goto out_put;
	}
	if (d->sub_layout != DISCLOOP_SUB_NONE) {
		err = dl_media_add_file(m, d->sub_fd, &m->sub);
		if (err)
			goto out_put;
	}
	m->sub_layout = d->sub_layout;
	m->sub_lba = d->sub_lba;
	m->sub_offset = d->sub_offset;
	m->disc_type = d->disc_type;
	memcpy(m->mcn, d->mcn, sizeof(m->mcn));
	m->nr_sessions = u[d->nr_tracks - 1].session;
	m->profile = DISCLOOP_PROFILE_CD;
	m->file = m->tracks[0].df->file;
	m->bytes = m->tracks[0].df->bytes;
	m->sectors = m->tracks[m->nr_tracks - 1].end;
	kfree(u);
	return m;

out_put:
	dl_media_put(m);
out_free:
	kfree(u);
	return ERR_PTR(err);
}

/* The uapi form of track @t. */
static void dl_track_out(const struct dl_track *t, struct discloop_track *u)
{
	memset(u, 0, sizeof(*u));
	u->number = t->number;
	u->session = t->session;
	u->type = t->type;
	u->control = t->control;
	u->flags = t->flags;
	u->fd = -1;
	u->sector_size = t->sector_size;
	u->offset = t->offset;
	u->start = t->start;
	u->pregap = t->pregap;
	u->pregap_stored = t->pregap_stored;
	u->length = t->length;
	u->postgap = t->postgap;
	memcpy(u->isrc, t->isrc, sizeof(u->isrc));
}

/* Copy the tracks out, @d->track_size bytes each (zeros past ours). */
static int dl_tracks_out(const struct dl_media *m,
			 const struct discloop_disc *d)
{
	u8 __user *dst = u64_to_user_ptr(d->tracks);
	struct discloop_track u;
	u32 i, n = min_t(u32, d->nr_tracks, m->nr_tracks);

	for (i = 0; i < n; i++, dst += d->track_size) {
		dl_track_out(&m->tracks[i], &u);
		if (copy_to_user(dst, &u, sizeof(u)) ||
		    clear_user(dst + sizeof(u), d->track_size - sizeof(u)))
			return -EFAULT;
	}
	return 0;
}

/**
 * dl_disc_get() - the layout of @m, for GET_DISC
 * @m:		the disc in the drive
 * @d:		in: the caller's buffers and their sizes; out: the disc
 *
 * Writes as many tracks, index points and CD-TEXT bytes as the caller's
 * buffers hold, and sets the counts to the disc's own, so that a caller
 * can size its buffers with a first call. Descriptors come back as -1.
 *
 * Return: 0, -EINVAL for a bad request, -EFAULT.
 */
int dl_disc_get(struct dl_media *m, struct discloop_disc *d)
{
	u32 n;

	if (d->flags || (d->nr_tracks &&
			 (d->track_size < sizeof(struct discloop_track) ||
			  d->track_size > PAGE_SIZE)))
		return -EINVAL;
	if (d->nr_tracks && dl_tracks_out(m, d))
		return -EFAULT;
	n = min(d->nr_indexes, m->nr_indexes);
	if (n && copy_to_user(u64_to_user_ptr(d->indexes), m->indexes,
			      array_size(n, sizeof(*m->indexes))))
		return -EFAULT;
	n = min(d->cdtext_len, m->cdtext_len);
	if (n && copy_to_user(u64_to_user_ptr(d->cdtext), m->cdtext, n))
		return -EFAULT;
	d->nr_tracks = m->nr_tracks;
	d->nr_indexes = m->nr_indexes;
	d->cdtext_len = m->cdtext_len;
	d->disc_type = m->disc_type;
	memcpy(d->mcn, m->mcn, sizeof(d->mcn));
	d->sub_layout = m->sub_layout;
	d->sub_fd = -1;
	d->sub_lba = m->sub_lba;
	d->sub_offset = m->sub_offset;
	return 0;
}

/**
 * dl_track_at() - the track holding @lba
 * @m:		the disc
 * @lba:	an LBA
 *
 * Return: the track whose pregap, body or postgap holds @lba, or NULL in a
 * session gap (lead-out, lead-in) and past the final lead-out.
 */
const struct dl_track *dl_track_at(const struct dl_media *m, s64 lba)
{
	u32 lo = 0, hi = m->nr_tracks;

	/* the last track whose first LBA is not after @lba */
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (m->tracks[mid].first <= lba)
			lo = mid;
		else
			hi = mid;
	}
	if (lba < m->tracks[lo].first || lba >= m->tracks[lo].end)
		return NULL;
	return &m->tracks[lo];
}

/**
 * dl_track_index() - the index number of @lba in @t
 * @m:		the disc
 * @t:		the track holding @lba
 * @lba:	an LBA
 *
 * Return: 0 in the pregap, 1 from INDEX 01, or the last index point at or
 * before @lba.
 */
u32 dl_track_index(const struct dl_media *m, const struct dl_track *t,
		   s32 lba)
{
	u32 i, idx = 1;

	if (lba < t->start)
		return 0;
	for (i = 0; i < t->nr_indexes; i++) {
		const struct discloop_index *x;

		x = &m->indexes[t->first_index + i];
		if ((s32)x->lba > lba)
			break;
		idx = x->index;
	}
	return idx;
}
