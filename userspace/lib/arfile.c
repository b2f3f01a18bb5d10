// SPDX-License-Identifier: GPL-2.0
/* AccurateRip responses: parsing, and matching a disc's CRCs (arfile.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arfile.h"
#include "cdhash.h"
#include "errmsg.h"

#define HEADER	13
#define ENTRY	9
#define MAX_RESPONSE	(16U << 20)

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

int dl_ar_parse(const char *path, const uint8_t *buf, size_t len, struct dl_ar_response *r)
{
	size_t pos = 0;

	memset(r, 0, sizeof(*r));
	if (!len) {
		dl_seterr("%s: empty AccurateRip response", path);
		return -EINVAL;
	}
	while (pos < len) {
		struct dl_ar_record *rec, *grown;
		int k;

		if (len - pos < HEADER || !buf[pos] ||
		    len - pos - HEADER < (size_t)buf[pos] * ENTRY) {
			dl_seterr("%s: not an AccurateRip response: record at byte %zu is %s",
				  path, pos, buf[pos] ? "truncated" : "for 0 tracks");
			dl_ar_free(r);
			return -EINVAL;
		}
		grown = realloc(r->rec, (size_t)(r->nr + 1) * sizeof(*r->rec));
		if (!grown) {
			dl_seterr("%s: out of memory", path);
			dl_ar_free(r);
			return -ENOMEM;
		}
		r->rec = grown;
		rec = &r->rec[r->nr++];
		memset(rec, 0, sizeof(*rec));
		rec->nr_tracks = buf[pos];
		rec->id1 = le32(buf + pos + 1);
		rec->id2 = le32(buf + pos + 5);
		rec->freedb = le32(buf + pos + 9);
		pos += HEADER;
		for (k = 0; k < rec->nr_tracks; k++, pos += ENTRY) {
			if (k < 99) {
				rec->t[k].confidence = buf[pos];
				rec->t[k].crc = le32(buf + pos + 1);
				rec->t[k].crc450 = le32(buf + pos + 5);
			}
		}
		if (rec->nr_tracks > 99) {
			size_t at = pos - HEADER - (size_t)rec->nr_tracks * ENTRY;

			dl_seterr("%s: record at byte %zu lists %d tracks (a CD has 99 at most)",
				  path, at, rec->nr_tracks);
			dl_ar_free(r);
			return -EINVAL;
		}
	}
	return 0;
}

int dl_ar_load(const char *path, struct dl_ar_response *r)
{
	FILE *f = fopen(path, "rbe");
	uint8_t *buf;
	size_t n;
	int err;

	memset(r, 0, sizeof(*r));
	if (!f) {
		err = -errno;
		dl_seterr("%s: %s", path, strerror(-err));
		return err;
	}
	buf = malloc(MAX_RESPONSE + 1);
	if (!buf) {
		fclose(f);
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	n = fread(buf, 1, MAX_RESPONSE + 1, f);
	if (ferror(f)) {
		err = -errno;
		dl_seterr("%s: %s", path, strerror(-err));
	} else if (n > MAX_RESPONSE) {
		err = -EFBIG;
		dl_seterr("%s: too large for an AccurateRip response", path);
	} else {
		err = dl_ar_parse(path, buf, n, r);
	}
	fclose(f);
	free(buf);
	return err;
}

void dl_ar_free(struct dl_ar_response *r)
{
	free(r->rec);
	r->rec = NULL;
	r->nr = 0;
}

static void match_track(const struct dl_ar_response *r, const struct dl_cdhash *h,
			const struct dl_cdhash_track *t, struct dl_ar_result *res)
{
	int i, k = t->ar_index - 1;

	memset(res, 0, sizeof(*res));
	for (i = 0; i < r->nr; i++) {
		const struct dl_ar_record *rec = &r->rec[i];
		const struct dl_ar_entry *e;
		enum dl_ar_match m = DL_AR_NONE;

		if (rec->id1 != h->ids.ar_id1 || rec->id2 != h->ids.ar_id2 ||
		    rec->freedb != h->ids.freedb || k >= rec->nr_tracks)
			continue;
		e = &rec->t[k];
		res->entries++;
		res->total += e->confidence;
		if (e->crc == t->ar_v2)
			m = DL_AR_V2;
		else if (e->crc == t->ar_v1)
			m = DL_AR_V1;
		if (m == DL_AR_NONE || e->confidence < res->confidence ||
		    (e->confidence == res->confidence && m <= res->match))
			continue;
		res->match = m;
		res->confidence = e->confidence;
	}
}

int dl_ar_check(const char *path, const struct dl_ar_response *r, const struct dl_cdhash *h,
		struct dl_ar_result *res)
{
	int i, same = 0;

	for (i = 0; i < r->nr; i++)
		same += r->rec[i].id1 == h->ids.ar_id1 && r->rec[i].id2 == h->ids.ar_id2 &&
			r->rec[i].freedb == h->ids.freedb;
	if (!same) {
		const struct dl_ar_record *o = &r->rec[0];

		dl_seterr("%s: a response for disc %03d-%08x-%08x-%08x, not this disc "
			  "(%03d-%08x-%08x-%08x)", path, o->nr_tracks, o->id1, o->id2, o->freedb,
			  h->ids.ar_tracks, h->ids.ar_id1, h->ids.ar_id2, h->ids.freedb);
		return -ENOENT;
	}
	for (i = 0; i < h->nr_tracks; i++)
		if (h->t[i].audio)
			match_track(r, h, &h->t[i], &res[h->t[i].ar_index - 1]);
	return 0;
}
