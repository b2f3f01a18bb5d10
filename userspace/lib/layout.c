// SPDX-License-Identifier: GPL-2.0
/* CD layouts in memory: see layout.h. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmsg.h"
#include "layout.h"
#include "../common/cdframe.h"

#define MAX_LBA		449849	/* 99:59:74 */
#define DESC_MAX	(4u << 20)	/* a descriptor larger than this is not one */

const char *const dl_cdtext_kind_names[DL_CDTEXT_KINDS] = {
	"TITLE", "PERFORMER", "SONGWRITER", "COMPOSER", "ARRANGER", "MESSAGE",
};

void dl_layout_init(struct dl_layout *l, const char *path, const char *format)
{
	memset(l, 0, sizeof(*l));
	l->path = path ? strdup(path) : NULL;
	l->format = format;
	l->sub_file = -1;
}

void dl_layout_free(struct dl_layout *l)
{
	int i, k;

	for (i = 0; i < l->nr_files; i++) {
		if (l->files[i].fd >= 0)
			close(l->files[i].fd);
		free(l->files[i].path);
	}
	for (i = 0; i < l->nr_tracks; i++)
		for (k = 0; k < DL_CDTEXT_KINDS; k++)
			free(l->tracks[i].text[k]);
	for (k = 0; k < DL_CDTEXT_KINDS; k++)
		free(l->text[k]);
	free(l->indexes);
	free(l->cdtext);
	free(l->path);
	dl_layout_init(l, NULL, NULL);
}

static const char *extension(const char *path)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	return dot && (!slash || dot > slash) ? dot + 1 : "";
}

bool dl_layout_is_layout(const char *path)
{
	static const char *const ext[] = { "cue", "toc", "ccd", "chd" };
	size_t i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (!strcasecmp(extension(path), ext[i]))
			return true;
	return false;
}

/* The whole descriptor as a NUL-terminated string. */
static int read_text(const char *path, char **out)
{
	struct stat st;
	char *buf;
	ssize_t n;
	size_t got = 0;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st)) {
		err = errno;
		dl_seterr("%s: %s", path, strerror(err));
		if (fd >= 0)
			close(fd);
		return -err;
	}
	if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size > DESC_MAX) {
		dl_seterr("%s: %s", path, S_ISREG(st.st_mode) ?
			  "too large for a disc descriptor" : "not a regular file");
		close(fd);
		return -EINVAL;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		dl_seterr("%s: out of memory", path);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		n = read(fd, buf + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	err = errno;
	close(fd);
	if (got != (size_t)st.st_size) {
		dl_seterr("%s: %s", path, got ? "short read" : strerror(err));
		free(buf);
		return -EIO;
	}
	buf[got] = '\0';
	if (strlen(buf) != got) {
		dl_seterr("%s: binary data in a text descriptor", path);
		free(buf);
		return -EINVAL;
	}
	*out = buf;
	return 0;
}

int dl_layout_load(const char *path, struct dl_layout *l,
		   void (*progress)(int percent, void *arg), void *arg)
{
	const char *ext = extension(path);
	char *text = NULL;
	int ret;

	if (!strcasecmp(ext, "chd")) {
		dl_layout_init(l, path, "chd");
		ret = dl_chd_load(l, progress, arg);
	} else {
		dl_layout_init(l, path, NULL);
		ret = read_text(path, &text);
		if (!ret && !strcasecmp(ext, "cue")) {
			l->format = "cue";
			ret = dl_cue_parse(l, text);
		} else if (!ret && !strcasecmp(ext, "toc")) {
			l->format = "toc";
			ret = dl_toc_parse(l, text);
		} else if (!ret && !strcasecmp(ext, "ccd")) {
			l->format = "ccd";
			ret = dl_ccd_parse(l, text);
		} else if (!ret) {
			dl_seterr("%s: not a CD layout (.cue, .toc, .ccd or .chd)", path);
			ret = -EINVAL;
		}
		free(text);
	}
	if (!ret)
		ret = dl_layout_check(l);
	if (ret)
		dl_layout_free(l);
	return ret;
}

int dl_layout_file(struct dl_layout *l, const char *name, int line)
{
	char full[PATH_MAX];
	const char *slash = l->path ? strrchr(l->path, '/') : NULL;
	struct stat st;
	int i, fd, err;

	if (!*name) {
		dl_seterr("%s:%d: empty file name", l->path, line);
		return -EINVAL;
	}
	if (name[0] == '/' || !slash)
		snprintf(full, sizeof(full), "%s", name);
	else
		snprintf(full, sizeof(full), "%.*s/%s", (int)(slash - l->path), l->path, name);
	fd = open(full, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 || fstat(fd, &st)) {
		err = errno;
		dl_seterr("%s:%d: %s: %s", l->path, line, name, strerror(err));
		if (fd >= 0)
			close(fd);
		return -err;
	}
	if (!S_ISREG(st.st_mode)) {
		dl_seterr("%s:%d: %s: not a regular file", l->path, line, name);
		close(fd);
		return -EINVAL;
	}
	/* the same file named twice (or by two names) is opened once */
	for (i = 0; i < l->nr_files; i++) {
		struct stat o;

		if (!fstat(l->files[i].fd, &o) && o.st_dev == st.st_dev && o.st_ino == st.st_ino) {
			close(fd);
			return i;
		}
	}
	if (l->nr_files >= DL_LAYOUT_MAX_FILES) {
		dl_seterr("%s:%d: too many files", l->path, line);
		close(fd);
		return -EINVAL;
	}
	/* blocking reads from now on */
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	l->files[i].path = strdup(full);
	if (!l->files[i].path) {
		close(fd);
		dl_seterr("%s:%d: out of memory", l->path, line);
		return -ENOMEM;
	}
	l->files[i].fd = fd;
	l->files[i].bytes = (uint64_t)st.st_size;
	l->files[i].data_offset = 0;
	l->files[i].data_bytes = (uint64_t)st.st_size;
	l->nr_files++;
	return i;
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

/* The RIFF chunks of a WAVE file: "fmt " must say CD PCM, "data" is kept. */
int dl_layout_wave(struct dl_layout *l, int f, int line)
{
	struct dl_layout_file *file = &l->files[f];
	const char *name = strrchr(file->path, '/') ? strrchr(file->path, '/') + 1 : file->path;
	unsigned char h[24];
	uint64_t pos = 12;
	bool fmt_ok = false;

	if (file->data_offset)
		return 0;	/* done already for an earlier track */
	if (pread(file->fd, h, 12, 0) != 12 || memcmp(h, "RIFF", 4) || memcmp(h + 8, "WAVE", 4)) {
		dl_seterr("%s:%d: %s: not a RIFF WAVE file", l->path, line, name);
		return -EINVAL;
	}
	while (pos + 8 <= file->bytes) {
		uint32_t len;

		if (pread(file->fd, h, 8, (off_t)pos) != 8)
			break;
		len = le32(h + 4);
		if (!memcmp(h, "fmt ", 4)) {
			unsigned char fm[16];
			unsigned int tag, ch, bits;
			uint32_t rate;

			if (len < 16 || pread(file->fd, fm, 16, (off_t)pos + 8) != 16)
				break;
			tag = fm[0] | fm[1] << 8;
			ch = fm[2] | fm[3] << 8;
			rate = le32(fm + 4);
			bits = fm[14] | fm[15] << 8;
			if (tag != 1 || ch != 2 || rate != 44100 || bits != 16) {
				dl_seterr("%s:%d: %s: WAVE holds %s %u-bit %u-channel %u Hz, "
					  "not CD audio (PCM, 16-bit, stereo, 44100 Hz)",
					  l->path, line, name, tag == 1 ? "PCM" : "compressed",
					  bits, ch, rate);
				return -EINVAL;
			}
			fmt_ok = true;
		} else if (!memcmp(h, "data", 4)) {
			if (!fmt_ok)
				break;
			file->data_offset = pos + 8;
			file->data_bytes = len;
			if (file->data_offset + len > file->bytes)
				file->data_bytes = file->bytes - file->data_offset;
			return 0;
		}
		pos += 8 + (uint64_t)len + (len & 1);
	}
	dl_seterr("%s:%d: %s: WAVE file without %s", l->path, line, name,
		  fmt_ok ? "a data chunk" : "a format chunk before its data");
	return -EINVAL;
}

int dl_layout_add_index(struct dl_layout *l, int track, int index, uint32_t lba)
{
	struct discloop_index *n;

	if (l->nr_indexes >= DISCLOOP_MAX_INDEXES)
		return -E2BIG;
	n = realloc(l->indexes, sizeof(*n) * (size_t)(l->nr_indexes + 1));
	if (!n)
		return -ENOMEM;
	l->indexes = n;
	memset(&n[l->nr_indexes], 0, sizeof(*n));
	n[l->nr_indexes].track = (uint8_t)track;
	n[l->nr_indexes].index = (uint8_t)index;
	n[l->nr_indexes].lba = lba;
	l->nr_indexes++;
	return 0;
}

void dl_layout_place(struct dl_layout *l)
{
	int64_t cursor = -DL_PREGAP;
	int i, s = 1;

	for (i = 0; i < l->nr_tracks; i++) {
		struct discloop_track *t = &l->tracks[i].t;

		if (i && t->session != s) {
			s = t->session;
			cursor += l->session_gap[s] ? l->session_gap[s] :
				  (s == 2 ? DL_LEADOUT_FIRST : DL_LEADOUT_NEXT) + DL_LEADIN;
		}
		/* indexes were kept relative to INDEX 01 until now */
		t->start = (uint32_t)(cursor + t->pregap);
		cursor = (int64_t)t->start + t->length + t->postgap;
	}
	for (i = 0; i < l->nr_indexes; i++) {
		int k = l->indexes[i].track - l->tracks[0].t.number;

		if (k >= 0 && k < l->nr_tracks)
			l->indexes[i].lba += l->tracks[k].t.start;
	}
	l->nr_sessions = l->nr_tracks ? l->tracks[l->nr_tracks - 1].t.session : 0;
}

uint32_t dl_layout_leadout(const struct dl_layout *l, int s)
{
	uint32_t end = 0;
	int i;

	for (i = 0; i < l->nr_tracks; i++) {
		const struct discloop_track *t = &l->tracks[i].t;

		if (t->session == s)
			end = t->start + t->length + t->postgap;
	}
	return end;
}

bool dl_isrc_valid(const char *s)
{
	int i;

	for (i = 0; i < DISCLOOP_ISRC_LEN; i++)
		if (i < 5 ? !isupper((unsigned char)s[i]) && !isdigit((unsigned char)s[i])
			  : !isdigit((unsigned char)s[i]))
			return false;
	return s[DISCLOOP_ISRC_LEN] == '\0';
}

bool dl_mcn_valid(const char *s)
{
	int i;

	for (i = 0; i < DISCLOOP_MCN_LEN; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return s[DISCLOOP_MCN_LEN] == '\0';
}

static bool size_known(const struct discloop_track *t)
{
	switch (t->sector_size) {
	case 2352: case 2448:
		return true;
	case 2048:
		return t->type == DISCLOOP_TRACK_MODE1 || t->type == DISCLOOP_TRACK_MODE2_XA;
	case 2324:
		return t->type == DISCLOOP_TRACK_MODE2_XA;
	case 2336:
		return t->type == DISCLOOP_TRACK_MODE2 || t->type == DISCLOOP_TRACK_MODE2_XA;
	}
	return false;
}

/* One track's own rules; "" or the reason. */
static const char *track_problem(const struct discloop_track *t, char *b, size_t len)
{
	bool data = t->type != DISCLOOP_TRACK_AUDIO;

	if (!size_known(t)) {
		snprintf(b, len, "%s sectors of %u bytes cannot be served",
			 dl_track_type_name(t->type), t->sector_size);
		return b;
	}
	if (!!(t->control & DISCLOOP_CTRL_DATA) != data)
		return "the control DATA bit disagrees with the track type";
	if (data && (t->control & (DISCLOOP_CTRL_PRE | DISCLOOP_CTRL_4CH)))
		return "pre-emphasis and four-channel flags are for audio tracks";
	if (data && (t->flags & DISCLOOP_TRACK_AUDIO_BE))
		return "big-endian storage is for audio tracks";
	if (!t->length)
		return "no sectors after INDEX 01";
	if (t->pregap_stored > t->pregap)
		return "more stored pregap than pregap";
	if (t->isrc[0] && !dl_isrc_valid(t->isrc))
		return "malformed ISRC";
	return "";
}

int dl_layout_check(const struct dl_layout *l)
{
	char b[128];
	int i;

	if (l->nr_tracks < 1) {
		dl_seterr("%s: no tracks", l->path);
		return -EINVAL;
	}
	if (l->mcn[0] && !dl_mcn_valid(l->mcn)) {
		dl_seterr("%s: catalogue number is not 13 digits", l->path);
		return -EINVAL;
	}
	for (i = 0; i < l->nr_tracks; i++) {
		const struct discloop_track *t = &l->tracks[i].t;
		const char *why = track_problem(t, b, sizeof(b));

		if (!*why && t->number != l->tracks[0].t.number + i)
			why = "track numbers are not consecutive";
		if (!*why && (t->session < 1 || (i && t->session != l->tracks[i - 1].t.session &&
						 t->session != l->tracks[i - 1].t.session + 1) ||
			      (!i && t->session != 1)))
			why = "sessions must count up from 1";
		if (!*why && (uint64_t)t->start + t->length + t->postgap > MAX_LBA + 1)
			why = "ends beyond 99:59:74, the last address of a CD";
		if (*why) {
			dl_seterr("%s: track %u: %s", l->path, t->number, why);
			return -EINVAL;
		}
	}
	if (l->cdtext_len % DISCLOOP_CDTEXT_PACK || l->cdtext_len > DISCLOOP_MAX_CDTEXT) {
		dl_seterr("%s: CD-TEXT is not whole packs of 18 bytes, or too long", l->path);
		return -EINVAL;
	}
	return 0;
}

void dl_layout_to_disc(const struct dl_layout *l, uint32_t index, struct discloop_disc *disc,
		       struct discloop_track *tracks)
{
	int i;

	memset(disc, 0, sizeof(*disc));
	disc->size = sizeof(*disc);
	disc->index = index;
	disc->nr_tracks = (uint32_t)l->nr_tracks;
	disc->track_size = sizeof(*tracks);
	disc->nr_indexes = (uint32_t)l->nr_indexes;
	disc->tracks = (uintptr_t)tracks;
	disc->indexes = (uintptr_t)l->indexes;
	disc->cdtext = (uintptr_t)l->cdtext;
	disc->cdtext_len = (uint32_t)l->cdtext_len;
	disc->disc_type = l->disc_type;
	if (l->mcn[0])
		memcpy(disc->mcn, l->mcn, DISCLOOP_MCN_LEN);
	disc->sub_fd = -1;
	if (l->sub_file >= 0) {
		disc->sub_layout = l->sub_layout;
		disc->sub_fd = l->files[l->sub_file].fd;
	}
	for (i = 0; i < l->nr_tracks; i++) {
		tracks[i] = l->tracks[i].t;
		tracks[i].fd = l->tracks[i].file >= 0 ? l->files[l->tracks[i].file].fd : -1;
	}
}

const char *dl_track_type_name(unsigned int type)
{
	static const char *const n[] = { "AUDIO", "MODE1", "MODE2", "MODE2_XA" };

	return type < 4 ? n[type] : "?";
}

const char *dl_disc_type_name(unsigned int type)
{
	switch (type) {
	case DISCLOOP_DISC_CD_DA_ROM: return "CD-DA/CD-ROM";
	case DISCLOOP_DISC_CD_I: return "CD-I";
	case DISCLOOP_DISC_CD_XA: return "CD-ROM XA";
	}
	return "?";
}
