// SPDX-License-Identifier: GPL-2.0
/*
 * Checksums of a CD image as a whole disc: redump hashes of its files and
 * tracks, AccurateRip and CTDB CRCs of its audio, and its disc ids. See
 * cdhash.h for the definitions.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "cdhash.h"
#include "errmsg.h"

#define CHUNK_SECTORS	256

void dl_arcrc_init(struct dl_arcrc *a, uint32_t samples, bool first, bool last)
{
	memset(a, 0, sizeof(*a));
	a->from = first ? DL_AR_SKIP : 1;
	a->to = last ? (samples > DL_AR_SKIP ? samples - DL_AR_SKIP : 0) : samples;
}

void dl_arcrc_update(struct dl_arcrc *a, const void *pcm, size_t bytes)
{
	const uint8_t *b = pcm;
	const uint32_t f_lo = DL_AR_FRAME * DL_SAMPLES_PER_SECTOR;
	size_t i;

	for (i = 0; i + 4 <= bytes; i += 4) {
		uint32_t s = (uint32_t)b[i] | (uint32_t)b[i + 1] << 8 |
			     (uint32_t)b[i + 2] << 16 | (uint32_t)b[i + 3] << 24;
		uint32_t p = ++a->p;
		uint64_t prod;

		if (p < a->from || p > a->to)
			continue;
		prod = (uint64_t)s * p;
		a->v1 += (uint32_t)prod;
		a->v2 += (uint32_t)prod + (uint32_t)(prod >> 32);
		if (p > f_lo && p <= f_lo + DL_SAMPLES_PER_SECTOR)
			a->f450 += s * (p - f_lo);
	}
}

void dl_ctdb_init(struct dl_ctdb *c, uint64_t sectors)
{
	uint64_t total = sectors * DL_CD_AUDIO_SECTOR, head = DL_CTDB_SKIP * 4;
	/* the tail also takes what is beyond a whole number of 10 sectors */
	uint64_t tail = head + (sectors % 10) * DL_CD_AUDIO_SECTOR;

	c->pos = 0;
	c->from = head;
	c->to = total > head + tail ? total - tail : head;
	c->crc = (uint32_t)crc32(0L, Z_NULL, 0);
}

void dl_ctdb_update(struct dl_ctdb *c, const void *pcm, size_t bytes)
{
	uint64_t lo = c->pos, hi = c->pos + bytes;

	if (lo < c->from)
		lo = c->from;
	if (hi > c->to)
		hi = c->to;
	if (lo < hi)
		c->crc = (uint32_t)crc32(c->crc, (const uint8_t *)pcm + (lo - c->pos),
					 (uInt)(hi - lo));
	c->pos += bytes;
}

/* The track holding LBA @lba with its pregap and postgap, or -1. */
static int track_at(const struct dl_layout *l, uint32_t lba)
{
	int i;

	for (i = 0; i < l->nr_tracks; i++) {
		const struct discloop_track *t = &l->tracks[i].t;

		if ((int64_t)lba >= (int64_t)t->start - t->pregap &&
		    (uint64_t)lba < (uint64_t)t->start + t->length + t->postgap)
			return i;
	}
	return -1;
}

/* Up to @n stored sectors of track @i from @lba into @buf; how many, or -errno. */
static int64_t read_stored(const struct dl_layout *l, int i, uint32_t lba, uint32_t n,
			   uint8_t *buf)
{
	const struct dl_layout_track *lt = &l->tracks[i];
	const struct dl_layout_file *f = &l->files[lt->file];
	uint32_t ss = lt->t.sector_size, k;
	uint64_t first = (uint64_t)lt->t.start - lt->t.pregap_stored;
	uint64_t off = lt->t.offset + (lba - first) * ss, end = f->data_offset + f->data_bytes;

	if (n > lt->t.start + lt->t.length - lba)
		n = lt->t.start + lt->t.length - lba;
	memset(buf, 0, (size_t)n * DL_CD_AUDIO_SECTOR);
	for (k = 0; k < n; ) {
		/* whole runs when sectors are 2352 bytes, else one by one */
		uint32_t run = ss == DL_CD_AUDIO_SECTOR ? n - k : 1;
		uint64_t pos = off + (uint64_t)k * ss, want = (uint64_t)run * DL_CD_AUDIO_SECTOR;
		ssize_t got;

		if (pos >= end)
			break;
		if (want > end - pos)
			want = end - pos;
		got = pread(f->fd, buf + (size_t)k * DL_CD_AUDIO_SECTOR, (size_t)want, (off_t)pos);
		if (got < 0) {
			int err = errno;

			dl_seterr("%s: %s", f->path, strerror(err));
			return -err;
		}
		if ((uint64_t)got < want)
			break;		/* the rest reads as zeros, as the drive serves it */
		k += run;
	}
	if (lt->t.flags & DISCLOOP_TRACK_AUDIO_BE) {
		size_t b;

		for (b = 0; b + 1 < (size_t)n * DL_CD_AUDIO_SECTOR; b += 2) {
			uint8_t x = buf[b];

			buf[b] = buf[b + 1];
			buf[b + 1] = x;
		}
	}
	return n;
}

int dl_cdhash_read_audio(const struct dl_layout *l, uint32_t lba, uint32_t n, uint8_t *buf)
{
	while (n) {
		int i = track_at(l, lba);
		const struct discloop_track *t;
		uint32_t k;

		if (i < 0) {
			memset(buf, 0, DL_CD_AUDIO_SECTOR);	/* between sessions */
			k = 1;
		} else if (t = &l->tracks[i].t, l->tracks[i].file >= 0 &&
			   (int64_t)lba >= (int64_t)t->start - t->pregap_stored &&
			   lba < t->start + t->length) {
			int64_t got = read_stored(l, i, lba, n, buf);

			if (got < 0)
				return (int)got;
			k = (uint32_t)got;
		} else {
			/* unstored pregap or postgap: silence up to the next change */
			uint32_t stop = t->start + t->length + t->postgap;

			if (l->tracks[i].file >= 0 && lba < t->start - t->pregap_stored)
				stop = t->start - t->pregap_stored;

			k = stop - lba < n ? stop - lba : n;
			memset(buf, 0, (size_t)k * DL_CD_AUDIO_SECTOR);
		}
		lba += k;
		n -= k;
		buf += (size_t)k * DL_CD_AUDIO_SECTOR;
	}
	return 0;
}

/* Hash @len bytes of @fd from @off (fewer at its end). 0 or -errno. */
static int hash_range(int fd, const char *path, uint64_t off, uint64_t len,
		      struct dl_digests *d)
{
	const size_t size = 1 << 20;
	uint8_t *buf = malloc(size);
	struct dl_hash h;
	int err;

	if (!buf) {
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	if (dl_hash_init(&h, DL_CDHASH_ALGS)) {
		free(buf);
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	while (len) {
		size_t want = len < size ? (size_t)len : size;
		ssize_t got = pread(fd, buf, want, (off_t)off);

		if (got < 0) {
			err = -errno;
			dl_hash_final(&h, d);
			free(buf);
			dl_seterr("%s: %s", path, strerror(-err));
			return err;
		}
		if (!got)
			break;
		dl_hash_update(&h, buf, (size_t)got);
		off += (uint64_t)got;
		len -= (uint64_t)got;
	}
	free(buf);
	return dl_hash_final(&h, d);
}

int dl_cdhash_file(const char *path, struct dl_cdhash_file *f)
{
	struct stat st;
	int fd, err;

	memset(f, 0, sizeof(*f));
	f->path = path;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		err = -errno;
		dl_seterr("%s: %s", path, strerror(-err));
		if (fd >= 0)
			close(fd);
		return err;
	}
	f->bytes = (uint64_t)st.st_size;
	err = hash_range(fd, path, 0, f->bytes, &f->dig);
	close(fd);
	return err;
}

/* Each file of the layout, then each track's stored bytes. */
static int hash_files(const struct dl_layout *l, struct dl_cdhash *h)
{
	int i, err;

	err = dl_cdhash_file(l->path, &h->desc);
	if (err)
		return err;
	for (i = 0; i < l->nr_files; i++) {
		const struct dl_layout_file *f = &l->files[i];

		h->files[i].path = f->path;
		h->files[i].bytes = f->bytes;
		err = hash_range(f->fd, f->path, 0, f->bytes, &h->files[i].dig);
		if (err)
			return err;
	}
	h->nr_files = l->nr_files;
	for (i = 0; i < l->nr_tracks; i++) {
		const struct discloop_track *t = &l->tracks[i].t;
		struct dl_cdhash_track *ht = &h->t[i];
		const struct dl_layout_file *f;
		uint64_t end;

		ht->file = l->tracks[i].file;
		if (ht->file < 0)
			continue;
		f = &l->files[ht->file];
		end = f->data_offset + f->data_bytes;
		ht->offset = t->offset;
		ht->bytes = (uint64_t)(t->pregap_stored + t->length) * t->sector_size;
		if (ht->offset >= end)
			ht->bytes = 0;
		else if (ht->bytes > end - ht->offset)
			ht->bytes = end - ht->offset;
		if (!ht->offset && ht->bytes == f->bytes) {
			ht->dig = h->files[ht->file].dig;	/* the track is the file */
			continue;
		}
		err = hash_range(f->fd, f->path, ht->offset, ht->bytes, &ht->dig);
		if (err)
			return err;
	}
	return 0;
}

/* Tracks as the disc plays them: starts, lengths to the next INDEX 01. */
static void place_tracks(const struct dl_layout *l, struct dl_cdhash *h)
{
	int i, audio = 0;

	for (i = 0; i < l->nr_tracks; i++) {
		const struct discloop_track *t = &l->tracks[i].t;
		struct dl_cdhash_track *ht = &h->t[i];
		uint32_t end = t->start + t->length + t->postgap;

		if (i + 1 < l->nr_tracks && l->tracks[i + 1].t.session == t->session)
			end = l->tracks[i + 1].t.start;
		ht->number = t->number;
		ht->session = t->session;
		ht->audio = t->type == DISCLOOP_TRACK_AUDIO;
		ht->start = t->start;
		ht->sectors = end - t->start;
		ht->ar_index = ht->audio ? ++audio : 0;
	}
	h->nr_tracks = l->nr_tracks;
}

/* AccurateRip CRCs of every audio track and the CTDB CRC over them all. */
static int hash_audio(const struct dl_layout *l, struct dl_cdhash *h)
{
	uint8_t *buf = malloc((size_t)CHUNK_SECTORS * DL_CD_AUDIO_SECTOR);
	uint64_t total = 0;
	struct dl_ctdb ctdb;
	int i, err = 0;

	if (!buf) {
		dl_seterr("%s: out of memory", l->path);
		return -ENOMEM;
	}
	for (i = 0; i < h->nr_tracks; i++)
		if (h->t[i].audio)
			total += h->t[i].sectors;
	dl_ctdb_init(&ctdb, total);
	for (i = 0; i < h->nr_tracks && !err; i++) {
		struct dl_cdhash_track *ht = &h->t[i];
		struct dl_arcrc ar;
		uint32_t done;

		if (!ht->audio)
			continue;
		dl_arcrc_init(&ar, ht->sectors * DL_SAMPLES_PER_SECTOR, ht->ar_index == 1,
			      ht->ar_index == h->ids.ar_tracks);
		for (done = 0; done < ht->sectors; done += CHUNK_SECTORS) {
			uint32_t n = ht->sectors - done < CHUNK_SECTORS ?
				     ht->sectors - done : CHUNK_SECTORS;

			err = dl_cdhash_read_audio(l, ht->start + done, n, buf);
			if (err)
				break;
			dl_arcrc_update(&ar, buf, (size_t)n * DL_CD_AUDIO_SECTOR);
			dl_ctdb_update(&ctdb, buf, (size_t)n * DL_CD_AUDIO_SECTOR);
		}
		ht->ar_v1 = ar.v1;
		ht->ar_v2 = ar.v2;
		ht->ar_450 = ar.f450;
	}
	h->ctdb_crc = ctdb.crc;
	free(buf);
	return err;
}

int dl_cdhash_layout(const struct dl_layout *l, struct dl_cdhash *h)
{
	int err;

	memset(h, 0, sizeof(*h));
	dl_cdtoc_from_layout(l, &h->toc);
	dl_discids(&h->toc, &h->ids);
	place_tracks(l, h);
	err = hash_files(l, h);
	if (!err && h->ids.ar_tracks)
		err = hash_audio(l, h);
	return err;
}
