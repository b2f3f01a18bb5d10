// SPDX-License-Identifier: GPL-2.0
/*
 * freedb, MusicBrainz and AccurateRip disc ids from a table of contents.
 * See discid.h for which tracks each id counts.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <nettle/base64.h>
#include <nettle/sha1.h>

#include "discid.h"
#include "layout.h"

#define LEADIN	150	/* LBA 0 is 00:02:00 */

void dl_cdtoc_from_layout(const struct dl_layout *l, struct dl_cdtoc *toc)
{
	int i;

	memset(toc, 0, sizeof(*toc));
	for (i = 0; i < l->nr_tracks && i < DL_TOC_MAX; i++) {
		const struct discloop_track *t = &l->tracks[i].t;

		toc->t[i].number = t->number;
		toc->t[i].session = t->session;
		toc->t[i].audio = t->type == DISCLOOP_TRACK_AUDIO;
		toc->t[i].start = t->start;
	}
	toc->nr_tracks = i;
	if (l->nr_sessions > 0)
		toc->leadout = dl_layout_leadout(l, l->nr_sessions);
}

static unsigned int digit_sum(uint32_t n)
{
	unsigned int s = 0;

	for (; n; n /= 10)
		s += n % 10;
	return s;
}

uint32_t dl_freedb_id(const struct dl_cdtoc *toc)
{
	uint32_t sum = 0, secs;
	int i;

	if (!toc->nr_tracks)
		return 0;
	for (i = 0; i < toc->nr_tracks; i++)
		sum += digit_sum((toc->t[i].start + LEADIN) / 75);
	secs = (toc->leadout + LEADIN) / 75 - (toc->t[0].start + LEADIN) / 75;
	return (sum % 255) << 24 | (secs & 0xffff) << 8 | (uint32_t)toc->nr_tracks;
}

int dl_accuraterip_ids(const struct dl_cdtoc *toc, uint32_t *id1, uint32_t *id2)
{
	uint32_t a = 0, b = 0;
	int i, n = 0;

	for (i = 0; i < toc->nr_tracks; i++) {
		uint32_t start = toc->t[i].start;

		if (!toc->t[i].audio)
			continue;
		n++;
		a += start;
		b += (start ? start : 1) * (uint32_t)n;
	}
	a += toc->leadout;
	b += toc->leadout * (uint32_t)(n + 1);
	*id1 = n ? a : 0;
	*id2 = n ? b : 0;
	return n;
}

/*
 * The tracks and lead-out MusicBrainz sees: as libdiscid reads a disc, a
 * last track that is data (after at least one other track) belongs to
 * another session; the audio session then ends 11400 sectors before it.
 */
static int mb_tracks(const struct dl_cdtoc *toc, uint32_t *leadout)
{
	int n = toc->nr_tracks;

	*leadout = toc->leadout;
	if (n > 1 && !toc->t[n - 1].audio) {
		n--;
		*leadout = toc->t[n].start - DL_SESSION_GAP;
	}
	return n;
}

int dl_musicbrainz_id(const struct dl_cdtoc *toc, char *id, char *hex)
{
	char buf[DL_MBTOC_HEX_LEN + 1], b64[BASE64_ENCODE_RAW_LENGTH(SHA1_DIGEST_SIZE) + 1];
	uint8_t digest[SHA1_DIGEST_SIZE];
	struct sha1_ctx ctx;
	uint32_t leadout;
	int n, i, k, audio = 0;
	size_t p;

	for (i = 0; i < toc->nr_tracks; i++)
		audio += toc->t[i].audio;
	id[0] = '\0';
	if (!audio)
		return -EINVAL;
	n = mb_tracks(toc, &leadout);
	p = (size_t)sprintf(buf, "%02X%02X%08X", toc->t[0].number, toc->t[n - 1].number,
			    leadout + LEADIN);
	for (k = 1; k <= 99; k++)
		p += (size_t)sprintf(buf + p, "%08X", k <= n ? toc->t[k - 1].start + LEADIN : 0);
	sha1_init(&ctx);
	sha1_update(&ctx, p, (const uint8_t *)buf);
	sha1_digest(&ctx, sizeof(digest), digest);
	base64_encode_raw(b64, sizeof(digest), digest);
	b64[sizeof(b64) - 1] = '\0';
	/* MusicBrainz's alphabet: URL and file-name safe. */
	for (i = 0; b64[i]; i++)
		id[i] = b64[i] == '+' ? '.' : b64[i] == '/' ? '_' : b64[i] == '=' ? '-' : b64[i];
	id[i] = '\0';
	if (hex)
		memcpy(hex, buf, p + 1);
	return 0;
}

void dl_discids(const struct dl_cdtoc *toc, struct dl_discids *ids)
{
	memset(ids, 0, sizeof(*ids));
	ids->freedb = dl_freedb_id(toc);
	ids->ar_tracks = dl_accuraterip_ids(toc, &ids->ar_id1, &ids->ar_id2);
	if (!ids->ar_tracks)
		return;
	dl_musicbrainz_id(toc, ids->musicbrainz, NULL);
	snprintf(ids->ar_name, sizeof(ids->ar_name), "dBAR-%03d-%08x-%08x-%08x.bin",
		 ids->ar_tracks, ids->ar_id1, ids->ar_id2, ids->freedb);
}
