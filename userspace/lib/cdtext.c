// SPDX-License-Identifier: GPL-2.0
/*
 * CD-TEXT packs from strings (Red Book annex, as READ TOC format 5 returns
 * them): block 0, character code ISO 8859-1, language English.
 *
 * A pack is 18 bytes: type (80h title ... 85h message, 8Fh size
 * information), track number (0: the disc), sequence number, block and
 * character position (bits 6-4 block, 3-0 how many characters of the
 * string the first payload byte belongs to came in earlier packs, at most
 * 15), 12 bytes of text, CRC-16/CCITT of the first 16 bytes inverted,
 * big-endian. The strings of one type follow each other NUL-terminated,
 * disc first, then every track, cut into 12-byte payloads.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "layout.h"
#include "../common/cdframe.h"

#define PACK		DISCLOOP_CDTEXT_PACK
#define PAYLOAD		12
#define TYPE_SIZE_INFO	0x8f
#define LANG_ENGLISH	0x09

struct packer {
	unsigned char *buf;
	size_t len, cap;
	int counts[16];		/* packs of type 80h + i */
};

static int new_pack(struct packer *p, unsigned char type, unsigned char track,
		    unsigned char charpos, const unsigned char *text)
{
	unsigned char *k;
	uint16_t crc;

	if (p->len + PACK > DISCLOOP_MAX_CDTEXT || p->len / PACK >= 255)
		return -E2BIG;	/* one block has at most 256 sequence numbers */
	if (p->len + PACK > p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64 * PACK;

		k = realloc(p->buf, cap);
		if (!k)
			return -ENOMEM;
		p->buf = k;
		p->cap = cap;
	}
	k = p->buf + p->len;
	k[0] = type;
	k[1] = track;
	k[2] = (unsigned char)(p->len / PACK);
	k[3] = (unsigned char)(charpos > 15 ? 15 : charpos);	/* block 0, SBCS */
	memcpy(k + 4, text, PAYLOAD);
	crc = (uint16_t)~dl_crc16_ccitt(k, 16);
	k[16] = (unsigned char)(crc >> 8);
	k[17] = (unsigned char)crc;
	p->len += PACK;
	p->counts[type & 15]++;
	return 0;
}

/* The packs of one type, or none when no string of that type is set. */
static int pack_kind(struct packer *p, const struct dl_layout *l, int kind)
{
	unsigned char payload[PAYLOAD];
	unsigned char first_track = 0, first_pos = 0;
	size_t fill = 0;
	int i, ret;
	bool any = l->text[kind] != NULL;

	for (i = 0; i < l->nr_tracks; i++)
		any |= l->tracks[i].text[kind] != NULL;
	if (!any)
		return 0;
	for (i = -1; i < l->nr_tracks; i++) {
		const char *s = i < 0 ? l->text[kind] : l->tracks[i].text[kind];
		unsigned char track = i < 0 ? 0 : l->tracks[i].t.number;
		size_t n = strlen(s ? s : "") + 1, done = 0;

		while (done < n) {
			size_t take = n - done < PAYLOAD - fill ? n - done : PAYLOAD - fill;

			if (!fill) {
				first_track = track;
				first_pos = (unsigned char)(done > 15 ? 15 : done);
			}
			memcpy(payload + fill, s ? s + done : "", take);
			fill += take;
			done += take;
			if (fill == PAYLOAD) {
				ret = new_pack(p, (unsigned char)(0x80 + kind), first_track,
					       first_pos, payload);
				if (ret)
					return ret;
				fill = 0;
			}
		}
	}
	if (fill) {
		memset(payload + fill, 0, PAYLOAD - fill);
		return new_pack(p, (unsigned char)(0x80 + kind), first_track, first_pos, payload);
	}
	return 0;
}

/* The three size-information packs that end block 0. */
static int pack_size_info(struct packer *p, const struct dl_layout *l)
{
	unsigned char info[3 * PAYLOAD];
	int i, ret;

	memset(info, 0, sizeof(info));
	p->counts[TYPE_SIZE_INFO & 15] = 3;
	info[0] = 0x00;			/* ISO 8859-1 */
	info[1] = l->tracks[0].t.number;
	info[2] = l->tracks[l->nr_tracks - 1].t.number;
	info[3] = 0;			/* no copy protection flags */
	for (i = 0; i < 16; i++)
		info[4 + i] = (unsigned char)p->counts[i];
	info[20] = (unsigned char)(p->len / PACK + 2);	/* last sequence number */
	info[28] = LANG_ENGLISH;
	for (i = 0; i < 3; i++) {
		ret = new_pack(p, TYPE_SIZE_INFO, (unsigned char)i, 0, info + i * PAYLOAD);
		if (ret)
			return ret;
	}
	p->counts[TYPE_SIZE_INFO & 15] = 3;	/* new_pack counted them again */
	return 0;
}

int dl_cdtext_build(struct dl_layout *l)
{
	struct packer p = { 0 };
	int k, ret = 0;

	for (k = 0; k < DL_CDTEXT_KINDS && !ret; k++)
		ret = pack_kind(&p, l, k);
	if (!ret && p.len)
		ret = pack_size_info(&p, l);
	if (ret) {
		free(p.buf);
		dl_seterr("%s: %s", l->path, ret == -E2BIG ?
			  "CD-TEXT too long for one block (256 packs)" : "out of memory");
		return ret;
	}
	free(l->cdtext);
	l->cdtext = p.buf;
	l->cdtext_len = p.len;
	return 0;
}

int dl_cdtext_string(const unsigned char *packs, size_t len, int kind, int track,
		     char *buf, size_t size)
{
	size_t i, o = 0;
	int cur = -1;
	bool found = false;

	if (!size)
		return -EINVAL;
	buf[0] = '\0';
	for (i = 0; i + PACK <= len; i += PACK) {
		const unsigned char *k = packs + i;
		int j;

		if (k[0] != 0x80 + kind || (k[3] & 0x70) || (k[3] & 0x80))
			continue;	/* another type, block or a double-byte code */
		if (cur < 0)
			cur = k[1] & 0x7f;
		for (j = 4; j < 16; j++) {
			if (cur == track) {
				found = true;
				if (!k[j])
					return 0;
				if (o + 1 < size) {
					buf[o++] = (char)k[j];
					buf[o] = '\0';
				}
			} else if (!k[j]) {
				cur++;
			}
		}
	}
	return found ? 0 : -ENOENT;
}
