// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: READ(10)/(12) of data tracks stored raw (2352 or 2448 bytes a
 * sector, or XA's 2336), the usual BIN/CUE case. One read of the file
 * covers a batch of sectors through a scatter list: each sector's 2048
 * bytes of user data land straight in the command's pages, its header and
 * EDC/ECC in a scratch page. No sector is staged and copied again, so the
 * cost is that of reading an ISO plus the bytes around the user data.
 *
 * When the sectors are in the backing file's page cache, even that is
 * avoided: the user data is copied straight out of the cached folios and
 * the bytes around it are not touched (dl_read_raw_cached()).
 */
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/pagemap.h>
#include <linux/swap.h>
#include <linux/pagevec.h>
#include "dl_internal.h"
#include "cdframe.h"
#include "sector.h"

/*
 * The scratch page takes what lies around each sector's user data. The
 * tail of one sector and the head of the next are adjacent in the file,
 * so they are read as one piece: the heads are stacked down from the top
 * of the page (sector k's at DL_RAW_HEAD(k, uoff)) and each tail lands
 * just below the head that follows it, over heads not yet written.
 */
#define DL_RAW_HEAD(k, uoff)	(PAGE_SIZE - ((k) + 1) * (uoff))
/* bio_vecs per sector: at most 5 pieces of user data and a gap. */
#define DL_RAW_BVECS		6

/**
 * dl_raw_user_offset() - where the user data of a stored sector starts
 * @t:		a data track
 *
 * Return: the offset in each stored sector of its 2048 bytes of Mode 1 or
 * Form 1 user data, or 0 when its sectors are not stored raw.
 */
u32 dl_raw_user_offset(const struct dl_track *t)
{
	if (t->sector_size == DL_MODE2_DATA_SIZE)
		return t->type == DISCLOOP_TRACK_MODE2_XA ?
		       DL_XA_DATA_OFFSET - DL_XA_SUBHEADER_OFFSET : 0;
	if (t->sector_size < DL_CD_RAW_SIZE)
		return 0;
	if (t->type == DISCLOOP_TRACK_MODE1)
		return DL_CD_DATA_OFFSET;
	if (t->type == DISCLOOP_TRACK_MODE2_XA)
		return DL_XA_DATA_OFFSET;
	return 0;
}

/*
 * Read @len bytes at @pos of @df through @iter: zeros past the size the
 * file had at insert time, -EIO for an end of file before it.
 */
static ssize_t dl_raw_fill(const struct dl_file *df, loff_t pos,
			   struct iov_iter *iter)
{
	struct kiocb kiocb;
	size_t done = 0;
	ssize_t ret;

	while (iov_iter_count(iter)) {
		init_sync_kiocb(&kiocb, df->file);
		kiocb.ki_pos = pos + done;
		ret = vfs_iocb_iter_read(df->file, &kiocb, iter);
		if (ret < 0)
			return ret;
		if (!ret) {
			if (pos + done < df->bytes)
				return -EIO;
			done += iov_iter_zero(iov_iter_count(iter), iter);
			break;
		}
		done += ret;
	}
	return done;
}

/* Build the scatter list of @n sectors; return its length, 0 if too long. */
static unsigned int dl_raw_bvecs(struct bio_vec *bv, struct page *scratch,
				 struct dl_sgpos *p, u32 n, u32 uoff, u32 ss)
{
	u32 tail = ss - uoff - DL_CD_DATA_SIZE, k, gap;
	unsigned int nr = 0, got;

	bvec_set_page(&bv[nr++], scratch, uoff, DL_RAW_HEAD(0, uoff));
	for (k = 0; k < n; k++) {
		got = dl_sgpos_take(p, bv + nr, DL_CD_DATA_SIZE,
				    DL_RAW_BVECS - 1);
		if (!got)
			return 0;
		nr += got;
		/* this sector's tail, and the next one's head if any */
		gap = tail + (k + 1 < n ? uoff : 0);
		if (gap)
			bvec_set_page(&bv[nr++], scratch, gap,
				      DL_RAW_HEAD(k + 1, uoff) - tail);
	}
	return nr;
}

/*
 * The worker's scratch page and bio_vec array, allocated on its first raw
 * read and kept until the drive goes: a read allocates nothing.
 */
static bool dl_raw_scratch(struct dl_worker *w)
{
	/* every head of a batch, and below them the largest tail */
	BUILD_BUG_ON((DL_RAW_BATCH + 1) * DL_XA_DATA_OFFSET +
		     DL_CD_RAW_SIZE + DL_CD_SUB_RAW_SIZE - DL_CD_DATA_OFFSET -
		     DL_CD_DATA_SIZE > PAGE_SIZE);
	if (!w->raw_bv)
		w->raw_bv = kmalloc_array(DL_RAW_BATCH * DL_RAW_BVECS + 1,
					  sizeof(*w->raw_bv), GFP_KERNEL);
	if (!w->raw_page)
		w->raw_page = alloc_page(GFP_KERNEL);
	return w->raw_bv && w->raw_page;
}

/*
 * A direct page-cache read: a batch of contiguous folios looked up at once
 * (one walk of the mapping, as read_iter does), and the one in use.
 */
struct dl_pcache {
	struct address_space *mapping;
	pgoff_t last;			/* the last page the read needs */
	struct folio_batch fb;
	unsigned int i;			/* folio in use in @fb */
	bool marked;			/* it has been marked accessed */
	struct page *page;		/* the page in use, or NULL */
	loff_t page_pos;		/* its position in the file */
};

static void dl_pcache_drop(struct dl_pcache *pc)
{
	unsigned int i;

	for (i = 0; i < folio_batch_count(&pc->fb); i++)
		folio_put(pc->fb.folios[i]);
	folio_batch_init(&pc->fb);
	pc->i = 0;
	pc->marked = false;
	pc->page = NULL;
}

/*
 * The cached, up-to-date folio holding byte @pos, or NULL. Positions only
 * go forward. A folio marked for readahead counts as missing: read_iter
 * reads it, and so starts reading ahead as for any sequential reader.
 */
static struct folio *dl_pcache_folio(struct dl_pcache *pc, loff_t pos)
{
	pgoff_t index = pos >> PAGE_SHIFT, start;
	struct folio *folio;

	for (;;) {
		while (pc->i < folio_batch_count(&pc->fb)) {
			folio = pc->fb.folios[pc->i];
			if (index < folio->index)
				return NULL;
			if (index < folio->index + folio_nr_pages(folio))
				goto found;
			pc->i++;
			pc->marked = false;
		}
		dl_pcache_drop(pc);
		start = index;
		if (!filemap_get_folios_contig(pc->mapping, &start, pc->last,
					       &pc->fb))
			return NULL;
	}
found:
	if (!folio_test_uptodate(folio) || folio_test_readahead(folio))
		return NULL;
	if (!pc->marked) {
		folio_mark_accessed(folio);
		pc->marked = true;
	}
	return folio;
}

/* dl_pcache_page() when @pos has left the page in use. */
static struct page *dl_pcache_lookup(struct dl_pcache *pc, loff_t pos)
{
	struct folio *folio = dl_pcache_folio(pc, pos);

	if (!folio)
		return NULL;
	pc->page = folio_page(folio, (pos >> PAGE_SHIFT) - folio->index);
	pc->page_pos = pos & PAGE_MASK;
	return pc->page;
}

/*
 * The cached page holding byte @pos, or NULL. Successive positions in one
 * page (the user data of two sectors, a sub-header and its data) find it
 * without a look at the folio again.
 */
static inline struct page *dl_pcache_page(struct dl_pcache *pc, loff_t pos)
{
	if (pc->page && pos - pc->page_pos < PAGE_SIZE)
		return pc->page;
	return dl_pcache_lookup(pc, pos);
}

/*
 * Copy @len bytes at @pos of the page cache to @p, in pieces that lie in
 * one page on both sides. This is the loop a raw track's reads spend
 * their time in: a piece is a mapping and a memcpy, no call.
 * Return: false when a page is not cached (part may have been copied).
 */
static bool dl_pcache_copy(struct dl_pcache *pc, loff_t pos, size_t len,
			   struct dl_sgpos *p)
{
	unsigned int doff, dlen;
	struct page *page, *dpage;
	size_t so, c;
	u8 *src, *dst;

	for (; len; pos += c, len -= c) {
		page = dl_pcache_page(pc, pos);
		if (!page || !p->sg)
			return false;
		dpage = dl_sgpos_page(p, &doff, &dlen);
		so = pos - pc->page_pos;
		c = min3(len, PAGE_SIZE - so, (size_t)dlen);
		src = kmap_local_page(page);
		dst = kmap_local_page(dpage);
		memcpy(dst + doff, src + so, c);
		kunmap_local(dst);
		kunmap_local(src);
		flush_dcache_page(dpage);
		dl_sgpos_advance(p, c);
	}
	return true;
}

/* The byte at @pos of the page cache, or -1 when it is not cached. */
static int dl_pcache_byte(struct dl_pcache *pc, loff_t pos)
{
	struct page *page = dl_pcache_page(pc, pos);
	u8 *p, b;

	if (!page)
		return -1;
	p = kmap_local_page(page);
	b = p[pos - pc->page_pos];
	kunmap_local(p);
	return b;
}

/**
 * dl_read_raw_cached() - the user data of stored raw sectors, from the
 *			  page cache
 * @dc:		a READ(10)/(12) of a CD layout
 * @t:		its track (dl_raw_user_offset() not 0)
 * @lba:	first stored sector
 * @n:		sectors, all stored, any number
 * @off:	byte offset in the command's buffer for @lba's user data
 * @form2:	out: the read stopped at an XA Form 2 sector
 *
 * Only each sector's 2048 bytes of user data are copied (and, for XA, its
 * submode byte looked at), as long as the folios holding them are cached
 * and up to date. The rest is for dl_read_raw_user(): its read_iter fills
 * the page cache and starts readahead, so a sequential reader finds the
 * next sectors here.
 *
 * Return: sectors whose user data is in place, from 0 to @n.
 */
u32 dl_read_raw_cached(struct dl_cmd *dc, const struct dl_track *t, s32 lba,
		       u32 n, size_t off, bool *form2)
{
	u32 uoff = dl_raw_user_offset(t), ss = t->sector_size, k;
	loff_t pos = t->offset + (loff_t)(lba - t->stored) * ss, size;
	struct dl_pcache pc = { .mapping = t->df->file->f_mapping };
	struct dl_sgpos p;
	int sub;

	*form2 = false;
	if (!t->df->cached)
		return 0;
	/* whole sectors inside the file; read_iter answers past its end */
	size = i_size_read(pc.mapping->host);
	if (pos >= size)
		return 0;
	n = min_t(u64, n, (size - pos) / ss);
	if (!n)
		return 0;
	pc.last = (pos + (loff_t)n * ss - 1) >> PAGE_SHIFT;
	folio_batch_init(&pc.fb);
	dl_sgpos_seek(&p, scsi_sglist(dc->cmd), off);
	for (k = 0; k < n; k++, pos += ss) {
		if (t->type == DISCLOOP_TRACK_MODE2_XA) {
			/* the submode byte, 2 bytes into the sub-header */
			sub = dl_pcache_byte(&pc, pos + uoff - 6);
			if (sub < 0)
				break;
			if (sub & DL_XA_SUBMODE_FORM2) {
				*form2 = true;
				break;
			}
		}
		if (!dl_pcache_copy(&pc, pos + uoff, DL_CD_DATA_SIZE, &p))
			break;
		if (k % DL_RAW_BATCH == DL_RAW_BATCH - 1)
			cond_resched();
	}
	dl_pcache_drop(&pc);
	return k;
}

/**
 * dl_read_raw_user() - the user data of stored raw sectors, in place
 * @dc:		a READ(10)/(12) of a CD layout, run by a worker
 * @t:		its track (dl_raw_user_offset() not 0)
 * @lba:	first stored sector
 * @n:		sectors, at most DL_RAW_BATCH, all stored
 * @off:	byte offset in the command's buffer for @lba's user data
 * @form2:	out: the read stopped at an XA Form 2 sector
 *
 * Return: sectors whose user data is in place; fewer than @n when the
 * next one is a Form 2 sector (@form2) or the file failed; -ENOMEM.
 */
int dl_read_raw_user(struct dl_cmd *dc, const struct dl_track *t, s32 lba,
		     u32 n, size_t off, bool *form2)
{
	u32 uoff = dl_raw_user_offset(t), ss = t->sector_size, k;
	struct dl_worker *w = dc->worker;
	struct scsi_cmnd *cmd = dc->cmd;
	struct iov_iter iter;
	struct dl_sgpos p;
	struct bio_vec *bv;
	unsigned int nr, i;
	int good = 0;
	ssize_t ret;
	u8 *heads;

	*form2 = false;
	if (!dl_raw_scratch(w))
		return -ENOMEM;
	bv = w->raw_bv;
	dl_sgpos_seek(&p, scsi_sglist(cmd), off);
	nr = dl_raw_bvecs(bv, w->raw_page, &p, n, uoff, ss);
	if (!nr)
		return 0;
	iov_iter_bvec(&iter, ITER_DEST, bv, nr, (size_t)n * ss);
	ret = dl_raw_fill(t->df, t->offset + (loff_t)(lba - t->stored) * ss,
			  &iter);
	for (i = 0; i < nr; i++)
		flush_dcache_page(bv[i].bv_page);
	if (ret != (ssize_t)n * ss)
		return 0;
	good = n;
	if (t->type == DISCLOOP_TRACK_MODE2_XA) {
		heads = kmap_local_page(w->raw_page);
		for (k = 0; k < n; k++) {
			/* the submode byte, 2 bytes into the sub-header */
			if (heads[DL_RAW_HEAD(k, uoff) + uoff - 6] &
			    DL_XA_SUBMODE_FORM2) {
				*form2 = true;
				good = k;
				break;
			}
		}
		kunmap_local(heads);
	}
	return good;
}
