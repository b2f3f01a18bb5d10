// SPDX-License-Identifier: GPL-2.0
/* The checksums of a CD image as text or JSON (cdreport.h). */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "cdhash.h"
#include "cdreport.h"
#include "jsonwrt.h"

static const char *base(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static void print_file(const struct dl_cdhash_file *f, FILE *out)
{
	fprintf(out, "file %s\n  size %" PRIu64 "  crc32 %s  md5 %s  sha1 %s\n", base(f->path),
		f->bytes, f->dig.crc32, f->dig.md5, f->dig.sha1);
}

void dl_cdhash_print(const struct dl_cdhash *h, FILE *out)
{
	int i, sessions = 0;

	for (i = 0; i < h->nr_tracks; i++)
		if (h->t[i].session > sessions)
			sessions = h->t[i].session;
	fprintf(out, "disc: %d tracks (%d audio) in %d session%s, lead-out LBA %" PRIu32 "\n",
		h->nr_tracks, h->ids.ar_tracks, sessions, sessions == 1 ? "" : "s",
		h->toc.leadout);
	fprintf(out, "  freedb id       %08x\n", h->ids.freedb);
	if (h->ids.ar_tracks) {
		fprintf(out, "  MusicBrainz id  %s\n", h->ids.musicbrainz);
		fprintf(out, "  AccurateRip id  %03d-%08x-%08x-%08x (%s)\n", h->ids.ar_tracks,
			h->ids.ar_id1, h->ids.ar_id2, h->ids.freedb, h->ids.ar_name);
		fprintf(out, "  CTDB CRC        %08x\n", h->ctdb_crc);
	}
	print_file(&h->desc, out);
	for (i = 0; i < h->nr_files; i++)
		print_file(&h->files[i], out);
	for (i = 0; i < h->nr_tracks; i++) {
		const struct dl_cdhash_track *t = &h->t[i];

		fprintf(out, "track %02u  %s  session %u  LBA %" PRIu32 "  %" PRIu32 " sectors",
			t->number, t->audio ? "audio" : "data", t->session, t->start, t->sectors);
		if (t->file >= 0)
			fprintf(out, "  %s @%" PRIu64 " +%" PRIu64
				"\n  crc32 %s  md5 %s  sha1 %s\n", base(h->files[t->file].path),
				t->offset, t->bytes, t->dig.crc32, t->dig.md5, t->dig.sha1);
		else
			fputc('\n', out);
		if (t->audio)
			fprintf(out, "  AccurateRip v1 %08x  v2 %08x  frame 450 %08x\n", t->ar_v1,
				t->ar_v2, t->ar_450);
	}
}

static void hex32(struct dl_json *j, const char *key, uint32_t v)
{
	char b[9];

	snprintf(b, sizeof(b), "%08x", v);
	dl_json_str(j, key, b);
}

static void json_digests(struct dl_json *j, const struct dl_digests *d)
{
	dl_json_str(j, "crc32", d->crc32);
	dl_json_str(j, "md5", d->md5);
	dl_json_str(j, "sha1", d->sha1);
}

static void json_file(struct dl_json *j, const struct dl_cdhash_file *f)
{
	dl_json_open(j, NULL, '{');
	dl_json_str(j, "name", base(f->path));
	dl_json_str(j, "path", f->path);
	dl_json_u64(j, "size", f->bytes);
	json_digests(j, &f->dig);
	dl_json_close(j, '{');
}

static void json_track(struct dl_json *j, const struct dl_cdhash *h,
		       const struct dl_cdhash_track *t)
{
	dl_json_open(j, NULL, '{');
	dl_json_u64(j, "number", t->number);
	dl_json_u64(j, "session", t->session);
	dl_json_str(j, "type", t->audio ? "audio" : "data");
	dl_json_u64(j, "start", t->start);
	dl_json_u64(j, "sectors", t->sectors);
	if (t->file >= 0) {
		dl_json_str(j, "file", base(h->files[t->file].path));
		dl_json_u64(j, "offset", t->offset);
		dl_json_u64(j, "size", t->bytes);
		json_digests(j, &t->dig);
	}
	if (t->audio) {
		dl_json_open(j, "accuraterip", '{');
		hex32(j, "v1", t->ar_v1);
		hex32(j, "v2", t->ar_v2);
		hex32(j, "frame450", t->ar_450);
		dl_json_close(j, '{');
	}
	dl_json_close(j, '{');
}

void dl_cdhash_json(const struct dl_cdhash *h, struct dl_json *j)
{
	int i;

	dl_json_open(j, "disc", '{');
	dl_json_u64(j, "tracks", (uint64_t)h->nr_tracks);
	dl_json_u64(j, "audio_tracks", (uint64_t)h->ids.ar_tracks);
	dl_json_u64(j, "leadout", h->toc.leadout);
	hex32(j, "freedb", h->ids.freedb);
	if (h->ids.ar_tracks) {
		dl_json_str(j, "musicbrainz", h->ids.musicbrainz);
		dl_json_open(j, "accuraterip", '{');
		hex32(j, "id1", h->ids.ar_id1);
		hex32(j, "id2", h->ids.ar_id2);
		hex32(j, "freedb", h->ids.freedb);
		dl_json_str(j, "response", h->ids.ar_name);
		dl_json_close(j, '{');
		hex32(j, "ctdb_crc", h->ctdb_crc);
	}
	dl_json_close(j, '{');
	dl_json_open(j, "files", '[');
	json_file(j, &h->desc);
	for (i = 0; i < h->nr_files; i++)
		json_file(j, &h->files[i]);
	dl_json_close(j, '[');
	dl_json_open(j, "tracks", '[');
	for (i = 0; i < h->nr_tracks; i++)
		json_track(j, h, &h->t[i]);
	dl_json_close(j, '[');
}
