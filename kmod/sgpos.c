// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: a running position in a command's scatter list. Commands that
 * fill their buffer piece by piece (READ CD a sector at a time, raw tracks
 * around each sector's header) move a position along rather than finding
 * the offset again from the first entry for every piece, which would cost
 * a walk of the list per piece.
 */
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/bvec.h>
#include "dl_internal.h"

/**
 * dl_sgpos_seek() - a position @off bytes into a scatter list
 * @p:		the position to set
 * @sg:		the list's first entry
 * @off:	bytes from its start
 */
void dl_sgpos_seek(struct dl_sgpos *p, struct scatterlist *sg, size_t off)
{
	while (sg && off >= sg->length) {
		off -= sg->length;
		sg = sg_next(sg);
	}
	p->sg = sg;
	p->off = off;
}

/**
 * dl_sgpos_take() - bio_vecs for the next bytes of a command's buffer
 * @p:		the position, moved on
 * @bv:		the array to fill
 * @len:	bytes
 * @max:	entries @bv has
 *
 * Return: how many entries were used, 0 when @len bytes do not fit in
 * @max entries or in the buffer.
 */
unsigned int dl_sgpos_take(struct dl_sgpos *p, struct bio_vec *bv,
			   size_t len, unsigned int max)
{
	unsigned int nr = 0, l;

	while (len && p->sg && nr < max) {
		l = min_t(size_t, len, p->sg->length - p->off);
		bvec_set_page(&bv[nr++], sg_page(p->sg), l,
			      p->sg->offset + p->off);
		len -= l;
		dl_sgpos_advance(p, l);
	}
	return len ? 0 : nr;
}

/**
 * dl_sgpos_put() - copy bytes into a command's buffer
 * @p:		the position, moved on
 * @src:	the bytes
 * @len:	how many
 *
 * Return: false when the buffer ends first (what fitted is copied).
 */
bool dl_sgpos_put(struct dl_sgpos *p, const void *src, size_t len)
{
	unsigned int o, c;
	struct page *page;
	u8 *d;

	while (len) {
		if (!p->sg)
			return false;
		page = dl_sgpos_page(p, &o, &c);
		c = min_t(size_t, len, c);
		d = kmap_local_page(page);
		memcpy(d + o, src, c);
		kunmap_local(d);
		flush_dcache_page(page);
		src += c;
		len -= c;
		dl_sgpos_advance(p, c);
	}
	return true;
}
