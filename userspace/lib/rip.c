// SPDX-License-Identifier: GPL-2.0
/*
 * The rip engine: see rip.h. Read errors are located and retried by the
 * read engine (reader.c); here sectors are stored, zero-filled when bad,
 * mapped, and hashed.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "errmsg.h"
#include "rip.h"
#include "cdoffset.h"
#include "../../common/cdframe.h"

#define SECTOR	DL_CD_DATA_SIZE

/*
 * READ CD sectors per command of a cue rip unless --blocks says: the
 * order real drives are read in (cdparanoia's commands are 27 sectors),
 * and small enough that a command a drive struggles with costs little to
 * read again. On discloop's drive 64, 128 and 442 sectors rip a CD within
 * 3 % of each other's time; 27 take 10 % longer.
 */
#define CD_BLOCKS	64

double dl_rip_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Bytes of status @st in [pos, pos + len) of the map. */
static uint64_t map_count_range(const struct dl_map *m, uint64_t pos, uint64_t len, char st)
{
	uint64_t n = 0, end = pos + len;
	size_t i;

	for (i = 0; i < m->n; i++) {
		const struct dl_map_block *b = &m->b[i];
		uint64_t lo = b->pos > pos ? b->pos : pos;
		uint64_t hi = b->pos + b->size < end ? b->pos + b->size : end;

		if (b->status == st && lo < hi)
			n += hi - lo;
	}
	return n;
}

/* Is extent @e audio read with a read offset? */
static bool shifted(const struct dl_rip *r, const struct dl_rip_ext *e)
{
	return r->o.read_offset && e->track >= 0 && r->cd.t[e->track].mode == 0;
}

/* Is drive sector @lba in a data track (of its file's sectors)? */
static bool in_data_track(const struct dl_rip *r, int64_t lba)
{
	int i;

	for (i = 0; i < r->cd.nr_tracks; i++)
		if (lba >= r->cd.t[i].file_start && lba < r->cd.t[i].end)
			return r->cd.t[i].mode != 0;
	return false;
}

/*
 * With a read offset, the corrected sectors at a session's edge need drive
 * sectors outside it (the lead-out for a positive offset, the pregap before
 * the first track for a negative one), and those next to a data track need
 * its sectors read as audio: the last (first) 4|N| bytes of the session's
 * last (first) file, or of an audio file before (after) a data track. Those
 * of them mapped bad are the drive refusing to overread, or to return data
 * sectors as audio.
 */
uint64_t dl_rip_edge_bytes(const struct dl_rip *r)
{
	uint64_t n = 0, w;
	int i;

	if (!r->o.cue || !r->o.read_offset)
		return 0;
	w = (uint64_t)DL_SAMPLE_SIZE * (uint64_t)(r->o.read_offset < 0 ? -r->o.read_offset :
						  r->o.read_offset);
	for (i = 0; i < r->nr_ext; i++) {
		const struct dl_rip_ext *e = &r->ext[i];
		uint64_t len = (uint64_t)e->n * DL_CD_RAW_SIZE, k = w < len ? w : len;
		int s = r->cd.t[i].session;
		bool first = !i || r->cd.t[i - 1].session != s || r->cd.t[i - 1].mode;
		bool last = i + 1 == r->nr_ext || r->cd.t[i + 1].session != s ||
			    r->cd.t[i + 1].mode;

		if (!shifted(r, e))
			continue;
		if (r->o.read_offset > 0 && last)
			n += map_count_range(&r->map, e->base + len - k, k, DL_MAP_BAD);
		if (r->o.read_offset < 0 && first)
			n += map_count_range(&r->map, e->base, k, DL_MAP_BAD);
	}
	return n;
}

uint64_t dl_rip_bad_sectors(const struct dl_rip *r)
{
	uint64_t bad = dl_map_count(&r->map, DL_MAP_BAD);

	if (!r->o.cue)
		return bad / r->secsz;
	bad -= dl_rip_edge_bytes(r);
	return (bad + r->secsz - 1) / r->secsz;
}

/* The extent holding map position @pos. */
static struct dl_rip_ext *ext_at(struct dl_rip *r, uint64_t pos)
{
	int i;

	for (i = 0; i < r->nr_ext; i++)
		if (pos < r->ext[i].base + (uint64_t)r->ext[i].n * r->secsz)
			return &r->ext[i];
	return NULL;
}

static int sync_files(struct dl_rip *r)
{
	int i;

	for (i = 0; i < r->nr_ext; i++) {
		if (r->ext[i].fd >= 0 && r->ext[i].fd != r->out && fdatasync(r->ext[i].fd)) {
			dl_seterr("%s: %s", r->ext[i].path, strerror(errno));
			return -1;
		}
	}
	if (r->out >= 0 && fdatasync(r->out)) {
		dl_seterr("%s: %s", r->o.output, strerror(errno));
		return -1;
	}
	if (r->subfd >= 0 && fdatasync(r->subfd)) {
		dl_seterr("%s: %s", r->o.subname, strerror(errno));
		return -1;
	}
	if (r->rawfd >= 0 && fdatasync(r->rawfd)) {
		dl_seterr("%s: %s", r->o.raw_output, strerror(errno));
		return -1;
	}
	return 0;
}

/* ----- map persistence ----- */

static int flush_map(struct dl_rip *r)
{
	int ret;

	/* Data first: the map must never claim what is not on disk. */
	if (sync_files(r))
		return -1;
	ret = dl_map_save(&r->map, r->o.mapname, r->o.cmdline);
	if (ret) {
		dl_seterr("%s: cannot save the map: %s", r->o.mapname, strerror(-ret));
		return -1;
	}
	r->dirty = false;
	r->last_flush = dl_rip_now();
	return 0;
}

/* ----- storing sectors ----- */

static int pwrite_all(int fd, const void *buf, size_t len, off_t off)
{
	const uint8_t *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += n;
		len -= (size_t)n;
		off += n;
	}
	return 0;
}

/* Feed the hashes in order; a rewrite of hashed bytes defers them to the end. */
static void hash_stream(struct dl_rip *r, uint64_t pos, const uint8_t *user, uint32_t n)
{
	if (r->hash_stream && pos == r->hashed) {
		uint64_t t = dl_hashq_push(&r->hq, user, (size_t)n * SECTOR);

		if (user != r->zero)
			r->ticket[r->rd.slot] = t;
		r->hashed += (uint64_t)n * SECTOR;
	} else if (pos < r->hashed) {
		r->hash_stream = false;
	}
}

/*
 * A cue rip: @n raw sectors into their track's file. With a read offset of
 * N samples, audio sector d of the drive holds the corrected bytes from
 * d * 2352 - 4N on: written there, clipped to the file.
 */
/* The sub-channel of @n sectors read with it (@stride bytes each) into the .sub. */
static int store_sub(struct dl_rip *r, int64_t lba, uint32_t n, const uint8_t *data,
		     unsigned int stride)
{
	struct dl_rip_ext *e = &r->ext[r->cur];
	uint8_t lin[DL_CD_SUB_RAW_SIZE];
	uint32_t i;
	int ret;

	for (i = 0; i < n; i++) {
		int64_t k = lba + i - e->lba;

		if (k < 0 || k >= e->n)
			continue;	/* read for the offset, outside the file */
		dl_sub_deinterleave(lin, data + (size_t)i * stride + stride - DL_CD_SUB_RAW_SIZE);
		ret = pwrite_all(r->subfd, lin, sizeof(lin),
				 (off_t)((e->base / DL_CD_RAW_SIZE + (uint64_t)k) * sizeof(lin)));
		if (ret) {
			dl_seterr("%s: %s", r->o.subname, strerror(-ret));
			return -1;
		}
	}
	return 0;
}

static int store_cd(struct dl_rip *r, int64_t lba, uint32_t n, const uint8_t *data, char st)
{
	struct dl_rip_ext *e = &r->ext[r->cur];
	int64_t from = (lba - e->lba) * DL_CD_RAW_SIZE, to, lo, hi;
	int64_t len = (int64_t)e->n * DL_CD_RAW_SIZE;
	unsigned int stride = r->rd.secsize;
	uint32_t i;
	int ret;

	if (stride != DL_CD_RAW_SIZE) {
		/*
		 * Packed by copying: measured faster than one pwritev() of a
		 * segment per sector.
		 */
		if (r->rd.sub && store_sub(r, lba, n, data, stride))
			return -1;
		for (i = 0; i < n; i++)
			memcpy(r->pack + (size_t)i * DL_CD_RAW_SIZE, data + (size_t)i * stride,
			       DL_CD_RAW_SIZE);
		data = r->pack;
	}

	if (shifted(r, e))
		from -= (int64_t)r->o.read_offset * DL_SAMPLE_SIZE;
	to = from + (int64_t)n * DL_CD_RAW_SIZE;
	lo = from > 0 ? from : 0;
	hi = to < len ? to : len;
	if (lo >= hi)
		return 0;
	ret = pwrite_all(e->fd, data + (lo - from), (size_t)(hi - lo), (off_t)lo);
	if (ret) {
		dl_seterr("%s: %s", e->path, strerror(-ret));
		return -1;
	}
	if (dl_map_set(&r->map, e->base + (uint64_t)lo, (uint64_t)(hi - lo), st)) {
		dl_seterr("out of memory");
		return -1;
	}
	r->dirty = true;
	if (dl_rip_now() - r->last_flush >= r->o.map_interval)
		return flush_map(r);
	return 0;
}

/* Write @n sectors at @lba from @data (as read) and mark them @st. */
static int store(struct dl_rip *r, uint32_t lba, uint32_t n, const uint8_t *data, char st)
{
	uint64_t idx = lba - r->disc.start;
	const uint8_t *user = data;
	uint8_t *u = r->users[r->rd.slot];
	uint32_t i;
	int ret;

	if (r->o.cue)
		return store_cd(r, lba, n, data, st);
	if (r->o.raw) {
		dl_hashq_wait(&r->hq, r->ticket[r->rd.slot]);	/* @u is free */
		if (r->rawfd >= 0) {
			ret = pwrite_all(r->rawfd, data, (size_t)n * DL_CD_RAW_SIZE,
					 (off_t)(idx * DL_CD_RAW_SIZE));
			if (ret) {
				dl_seterr("%s: %s", r->o.raw_output, strerror(-ret));
				return -1;
			}
		}
		for (i = 0; i < n; i++)
			memcpy(u + (size_t)i * SECTOR,
			       data + (size_t)i * DL_CD_RAW_SIZE + DL_CD_DATA_OFFSET, SECTOR);
		user = u;
	}
	ret = pwrite_all(r->out, user, (size_t)n * SECTOR, (off_t)(idx * SECTOR));
	if (ret) {
		dl_seterr("%s: %s", r->o.output, strerror(-ret));
		return -1;
	}
	hash_stream(r, idx * SECTOR, user, n);
	if (dl_map_set(&r->map, idx * SECTOR, (uint64_t)n * SECTOR, st)) {
		dl_seterr("out of memory");
		return -1;
	}
	r->dirty = true;
	if (dl_rip_now() - r->last_flush >= r->o.map_interval)
		return flush_map(r);
	return 0;
}

/* ----- what the read engine hands over ----- */

/* The Q channel (bit 6 of each byte) of raw interleaved P-W. */
static void raw_q(uint8_t *q, const uint8_t *raw)
{
	unsigned int i;

	memset(q, 0, 12);
	for (i = 0; i < DL_CD_SUB_RAW_SIZE; i++)
		if (raw[i] & 0x40)
			q[i / 8] |= (uint8_t)(0x80 >> (i % 8));
}

/* Keep the Q of sectors read good for the layout (see dl_cd_q_finish()). */
static void keep_q(struct dl_rip *r, uint32_t lba, uint32_t n, const uint8_t *data)
{
	unsigned int stride = r->rd.secsize;
	uint8_t q[12];
	uint32_t i;

	for (i = 0; i < n; i++) {
		const uint8_t *end = data + (size_t)(i + 1) * stride;

		if (r->rd.sub) {
			raw_q(q, end - DL_CD_SUB_RAW_SIZE);
			dl_cd_q_put(&r->cd, (int32_t)(lba + i), q);
		} else {
			dl_cd_q_put(&r->cd, (int32_t)(lba + i), end - DL_CD_SUBQ_SIZE);
		}
	}
}

static int on_good(void *ctx, uint32_t lba, uint32_t n, const uint8_t *data)
{
	struct dl_rip *r = ctx;

	if (r->q_later)
		keep_q(r, lba, n, data);
	return store(r, lba, n, data, DL_MAP_FINISHED);
}

static int on_bad(void *ctx, uint32_t lba, unsigned int tries)
{
	struct dl_rip *r = ctx;

	if (r->ev.bad_sector)
		r->ev.bad_sector(r->ev.ctx, lba, tries);
	return store(r, lba, 1, r->zero, DL_MAP_BAD);
}

static void on_claim(void *ctx, unsigned int slot)
{
	struct dl_rip *r = ctx;

	dl_hashq_wait(&r->hq, r->ticket[slot]);
}

static void on_tick(void *ctx, uint32_t lba)
{
	struct dl_rip *r = ctx;
	double el, want;

	r->map.current_pos = r->ext[r->cur].base + (uint64_t)(lba > r->ext[r->cur].lba ?
			     lba - r->ext[r->cur].lba : 0) * r->secsz;
	if (r->ev.progress)
		r->ev.progress(r->ev.ctx, r, lba, false);
	if (r->o.max_rate <= 0)
		return;
	el = dl_rip_now() - r->t0;
	want = r->rd.bytes_read / r->o.max_rate;
	if (want > el)
		usleep((useconds_t)((want - el) * 1e6));
}

static bool on_check(void *ctx, uint32_t lba, const uint8_t *sector)
{
	struct dl_rip *r = ctx;
	const struct dl_rip_ext *e = &r->ext[r->cur];

	if (shifted(r, e))
		return true;	/* audio, from wherever the offset leads */
	return e->track < 0 ? dl_mode1_check(sector, lba) == DL_SECTOR_OK :
	       dl_cd_sector_ok(&r->cd.t[e->track], (int32_t)lba, sector);
}

static const struct dl_reader_ops rip_ops = {
	.good = on_good, .bad = on_bad, .claim = on_claim, .tick = on_tick, .check = on_check,
};

/* ----- output files ----- */

int dl_rip_check_output(const char *path, const char *what, bool may_exist)
{
	struct stat st;

	if (stat(path, &st)) {
		if (errno == ENOENT)
			return 0;
		dl_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISBLK(st.st_mode) || S_ISCHR(st.st_mode)) {
		dl_seterr("%s: is a device node; %s must be a file", path, what);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		dl_seterr("%s: is a directory", path);
		return -1;
	}
	if (!may_exist) {
		dl_seterr("%s: already exists (use --resume to continue the rip, or --force to "
			  "overwrite)", path);
		return -1;
	}
	return 1;
}

/* A cue rip: the cue, the map and every track file. */
/* The map may be written; a resumed rip needs it. 0, or -1 with the reason. */
static int check_map(const struct dl_rip_opts *o, bool may)
{
	int ret = dl_rip_check_output(o->mapname, "the map", may);

	if (ret < 0)
		return -1;
	if (o->resume && ret == 0) {
		dl_seterr("%s: no map: cannot tell what was read (rip again with --force)",
			  o->mapname);
		return -1;
	}
	return 0;
}

/*
 * One of a CD rip's files (@what names it): as dl_rip_check_output(), and
 * a resumed rip needs it once the map says some sectors were read.
 */
static int check_cd_file(const struct dl_rip *r, const char *path, const char *what, bool may)
{
	int ret = dl_rip_check_output(path, what, may);

	if (ret < 0)
		return -1;
	if (r->o.resume && ret == 0 && dl_map_count(&r->map, DL_MAP_FINISHED)) {
		dl_seterr("%s: missing, but the map lists sectors already read", path);
		return -1;
	}
	return 0;
}

static int check_cd_targets(struct dl_rip *r)
{
	const struct dl_rip_opts *o = &r->o;
	bool may = o->resume || o->force;
	int i;

	if (strchr(o->output, '"')) {
		dl_seterr("%s: a cue sheet cannot name files with '\"'", o->output);
		return -1;
	}
	if (dl_rip_check_output(o->output, "OUTPUT", may) < 0)
		return -1;
	if (check_map(o, may))
		return -1;
	if (o->subname && check_cd_file(r, o->subname, "the sub-channel file", may))
		return -1;
	for (i = 0; i < r->nr_ext; i++)
		if (check_cd_file(r, r->ext[i].path, "a track file", may))
			return -1;
	return 0;
}

static int check_targets(const struct dl_rip_opts *o)
{
	bool may = o->resume || o->force;
	int ret;

	if (o->cue)
		return 0;	/* once the disc says which files (check_cd_targets) */
	ret = dl_rip_check_output(o->output, "OUTPUT", may);
	if (ret < 0)
		return -1;
	if (o->resume && ret == 0) {
		dl_seterr("%s: does not exist: nothing to resume", o->output);
		return -1;
	}
	if (check_map(o, may))
		return -1;
	if (o->raw_output && dl_rip_check_output(o->raw_output, "--raw-output", may) < 0)
		return -1;
	return 0;
}

static int open_out(const char *path, bool resume, bool force, uint64_t size)
{
	int flags = O_RDWR | O_CREAT | O_CLOEXEC;
	struct stat st;
	int fd;

	if (force && !resume)
		flags |= O_TRUNC;
	else if (!resume)
		flags |= O_EXCL;
	fd = open(path, flags, 0644);
	if (fd < 0) {
		dl_seterr("%s: %s", path, strerror(errno));
		return -1;
	}
	if ((fstat(fd, &st) || (uint64_t)st.st_size != size) && ftruncate(fd, (off_t)size)) {
		dl_seterr("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* The extents of the track files as r->cd places them. */
static void plan_extents(struct dl_rip *r)
{
	uint64_t base = 0;
	int i;

	for (i = 0; i < r->cd.nr_tracks; i++) {
		struct dl_rip_ext *e = &r->ext[i];
		const struct dl_cd_track *t = &r->cd.t[i];

		e->lba = (uint32_t)t->file_start;
		e->n = dl_cd_track_sectors(t);
		e->base = base;
		e->track = i;
		base += (uint64_t)e->n * DL_CD_RAW_SIZE;
	}
}

/* Is track @i the first of its session? */
static bool first_of_session(const struct dl_cd *cd, int i)
{
	return !i || cd->t[i - 1].session != cd->t[i].session;
}

/*
 * Place the files from @starts (each track's first sector in its file):
 * a track whose file starts before its INDEX 01 has that much pregap.
 */
static void apply_layout(struct dl_rip *r, const int32_t *starts)
{
	struct dl_cd *cd = &r->cd;
	int i;

	for (i = 0; i < cd->nr_tracks; i++) {
		cd->t[i].file_start = starts[i];
		if (!first_of_session(cd, i))
			cd->t[i].pregap = starts[i];
	}
	for (i = 0; i < cd->nr_tracks; i++)
		cd->t[i].end = i + 1 < cd->nr_tracks && !first_of_session(cd, i + 1) ?
			       cd->t[i + 1].file_start : cd->leadout[cd->t[i].session];
	plan_extents(r);
}

/*
 * The map's note records where the track files start, so that a resumed
 * rip writes into the files as they are (and a re-split of the files at
 * the pregaps, see resplit(), interrupted, is completed).
 */
#define LAYOUT_NOTE	"track files from LBA:"

static int set_layout_note(struct dl_rip *r)
{
	size_t len = sizeof(LAYOUT_NOTE) + (size_t)r->nr_ext * 12;
	char *s = malloc(len), *p;
	int i;

	if (!s) {
		dl_seterr("out of memory");
		return -1;
	}
	p = s + sprintf(s, LAYOUT_NOTE);
	for (i = 0; i < r->nr_ext; i++)
		p += sprintf(p, " %" PRIu32, r->ext[i].lba);
	free(r->map.note);
	r->map.note = s;
	return 0;
}

/* The layout the map's note records into @starts. 1, 0 without one, -1 (reason set). */
static int layout_from_note(struct dl_rip *r, int32_t *starts)
{
	const struct dl_cd *cd = &r->cd;
	const char *p = r->map.note;
	int i;

	if (!p || strncmp(p, LAYOUT_NOTE, sizeof(LAYOUT_NOTE) - 1))
		return 0;
	p += sizeof(LAYOUT_NOTE) - 1;
	for (i = 0; i < cd->nr_tracks; i++) {
		char *end;
		long v = strtol(p, &end, 10);

		if (end == p || (first_of_session(cd, i) ? v != cd->t[i].start :
				 v <= cd->t[i - 1].start || v > cd->t[i].start))
			break;
		starts[i] = (int32_t)v;
		p = end;
	}
	if (i < cd->nr_tracks || *p) {
		dl_seterr("%s: the track files it records do not fit this disc's tracks",
			  r->o.mapname);
		return -1;
	}
	return 1;
}

/* Does the drive give Q with the sectors? Else the Q scan, now. */
static int plan_q(struct dl_rip *r)
{
	const char *why = NULL;

	if (!dl_cd_q_later_ok(&r->cd))
		why = "a session mixes audio and data tracks";
	else if (!r->o.subname && !dl_cd_q_with_main(&r->sg, &r->cd, r->o.c2_retries >= 0))
		why = "the drive does not return formatted Q with the main channel";
	if (!why) {
		r->q_later = true;
		return 0;
	}
	dl_log(DL_LOG_NOTE, "%s: %s: scanning the Q sub-channel first", r->sg.path, why);
	return dl_cd_q_finish(&r->sg, &r->cd);
}

/* A cue rip: the CD's layout, one extent per track file. */
static int open_cd(struct dl_rip *r)
{
	int i;

	if (dl_disc_identify_cd(&r->sg, &r->disc) ||
	    dl_cd_scan(&r->sg, &r->cd, r->o.no_qscan ? DL_CD_Q_NONE : DL_CD_Q_LATER))
		return -1;
	if (r->o.detect_offset) {
		int32_t found;

		if (dl_cd_detect_offset(&r->sg, &r->cd, &r->o.read_offset, &found))
			return -1;
		dl_log(DL_LOG_WARN, "%s: combined read offset %+d samples (data sector %d read "
		       "as audio)", r->sg.path, r->o.read_offset, found);
	}
	if (r->o.c2_retries >= 0) {
		static uint8_t buf[DL_CD_RAW_SIZE + DL_CD_C2_SIZE + DL_CD_SUB_RAW_SIZE];
		struct dl_sg_io io;
		char why[200];

		if (dl_sg_read_cd(&r->sg, (uint32_t)r->cd.t[0].start, 1, false, true, 0, buf, &io)) {
			dl_log(DL_LOG_WARN, "%s: the drive does not report C2 errors (%s); reading "
			       "without", r->sg.path, dl_sg_describe(&io, why, sizeof(why)));
			r->o.c2_retries = -1;
		}
	}
	if (!r->o.no_qscan && plan_q(r))
		return -1;
	r->secsz = DL_CD_RAW_SIZE;
	plan_extents(r);
	for (i = 0; i < r->cd.nr_tracks; i++) {
		struct dl_rip_ext *e = &r->ext[i];
		const struct dl_cd_track *t = &r->cd.t[i];

		e->fd = -1;
		e->path = dl_cd_track_file(&r->cd, r->o.output, i, false);
		if (!e->path) {
			dl_seterr("out of memory");
			return -1;
		}
		r->nr_ext = i + 1;
		dl_log(DL_LOG_NOTE, "track %d: session %d, %s, LBA %d (file from %d%s), %u sectors%s%s",
		       t->number, t->session, t->mode ? (t->mode == 1 ? "Mode 1" : "Mode 2") :
		       "audio", t->start, t->file_start, r->q_later ? " until the Q is read" : "",
		       e->n, t->isrc[0] ? ", ISRC " : "", t->isrc);
	}
	if (dl_reader_blocks(&r->sg, DL_CD_RAW_SIZE + (r->o.c2_retries >= 0 ? DL_CD_C2_SIZE : 0) +
			     (r->o.subname ? DL_CD_SUB_RAW_SIZE : r->q_later ? DL_CD_SUBQ_SIZE : 0),
			     r->o.blocks, &r->rd.blocks))
		return -1;
	if (!r->o.blocks && r->rd.blocks > CD_BLOCKS)
		r->rd.blocks = CD_BLOCKS;
	dl_log(DL_LOG_NOTE, "%u sectors per command, reads through %s, timeout %u s",
	       r->rd.blocks, dl_sg_read_path(&r->sg), r->o.timeout_s);
	return 0;
}

/* The drive and the disc, and the sectors per command. */
static int open_drive(struct dl_rip *r)
{
	r->sg.timeout_ms = r->o.timeout_s * 1000;
	if (dl_sg_open(r->o.device, &r->sg))
		return -1;
	if (r->o.cue)
		return open_cd(r);
	if (dl_disc_identify(&r->sg, &r->disc))
		return -1;
	r->secsz = SECTOR;
	r->nr_ext = 1;
	r->ext[0] = (struct dl_rip_ext){ .lba = r->disc.start, .n = r->disc.sectors, .fd = -1,
					 .path = (char *)r->o.output, .track = -1 };
	if (r->o.raw && !r->disc.is_cd) {
		dl_seterr("%s: --raw reads CD sectors, but the disc is %s", r->sg.path,
			  dl_mmc_profile_name(r->disc.profile));
		return -1;
	}
	if (dl_reader_blocks(&r->sg, r->o.raw ? DL_CD_RAW_SIZE : SECTOR, r->o.blocks,
			     &r->rd.blocks))
		return -1;
	dl_log(DL_LOG_NOTE, "%u sectors per command (device limit %zu KiB, %zu KiB when the "
	       "buffer is contiguous), reads through %s, timeout %u s", r->rd.blocks,
	       dl_sg_max_transfer(&r->sg) / 1024, dl_sg_hard_transfer(&r->sg) / 1024,
	       dl_sg_read_path(&r->sg), r->o.timeout_s);
	return 0;
}

/* The map: new, or the one we resume from. */
static int open_map(struct dl_rip *r)
{
	uint64_t size = r->ext[r->nr_ext - 1].base +
			(uint64_t)r->ext[r->nr_ext - 1].n * r->secsz;
	char err[256];

	if (!r->o.resume) {
		if (dl_map_init(&r->map, size)) {
			dl_seterr("out of memory");
			return -1;
		}
		return r->o.cue ? set_layout_note(r) : 0;
	}
	if (dl_map_load(&r->map, r->o.mapname, err, sizeof(err))) {
		dl_seterr("%s: %s", r->o.mapname, err);
		return -1;
	}
	if (r->map.size != size) {
		dl_seterr("%s: the map covers %" PRIu64 " bytes, the disc's %s %" PRIu64
			  " (another disc?)", r->o.mapname, r->map.size,
			  r->o.cue ? "tracks" : "data track", size);
		return -1;
	}
	if (r->o.cue) {
		int32_t starts[DL_CD_MAX_TRACKS];
		int ret = layout_from_note(r, starts);

		if (ret < 0)
			return -1;
		if (ret) {
			apply_layout(r, starts);
		} else if (r->q_later) {
			/* a map of an older rip: files placed from the Q, scanned first */
			r->q_later = false;
			if (dl_cd_q_finish(&r->sg, &r->cd))
				return -1;
			plan_extents(r);
		}
		if (set_layout_note(r))
			return -1;
	}
	if (r->o.raw_output && access(r->o.raw_output, F_OK) &&
	    dl_map_count(&r->map, DL_MAP_FINISHED)) {
		dl_seterr("%s: missing, but the map lists sectors already read", r->o.raw_output);
		return -1;
	}
	return 0;
}

static int alloc_buffers(struct dl_rip *r)
{
	r->rd.sg = &r->sg;
	r->rd.raw = r->o.raw || r->o.cue;
	r->rd.sub = r->o.cue && r->o.subname;
	r->rd.c2 = r->o.cue && r->o.c2_retries >= 0;
	r->rd.subq = r->q_later && !r->rd.sub;
	r->rd.retries = r->o.retries;
	if (r->rd.c2 && (unsigned int)r->o.c2_retries > r->rd.retries)
		r->rd.retries = (unsigned int)r->o.c2_retries;
	r->rd.ops = &rip_ops;
	r->rd.ctx = r;
	if (dl_reader_init(&r->rd))
		return -1;
	r->users[0] = malloc((size_t)r->rd.blocks * SECTOR);
	r->users[1] = malloc((size_t)r->rd.blocks * SECTOR);
	r->zero = calloc(1, DL_CD_RAW_SIZE + DL_CD_C2_SIZE + DL_CD_SUB_RAW_SIZE);
	if (r->rd.sub || r->rd.c2 || r->rd.subq)
		r->pack = malloc((size_t)r->rd.blocks * DL_CD_RAW_SIZE);
	if (!r->users[0] || !r->users[1] || !r->zero ||
	    ((r->rd.sub || r->rd.c2 || r->rd.subq) && !r->pack)) {
		dl_seterr("out of memory");
		return -1;
	}
	return 0;
}

static void sync_dir(const char *path)
{
	char *d = strdup(path);
	int fd;

	if (!d)
		return;
	fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(d);
}

/* @len bytes of @src from @off appended to @dst (through @buf of @bufsz). */
static int copy_bytes(int dst, int src, uint64_t off, uint64_t len, uint8_t *buf, size_t bufsz)
{
	while (len) {
		ssize_t n = pread(src, buf, len < bufsz ? (size_t)len : bufsz, (off_t)off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		if (write(dst, buf, (size_t)n) != n)
			return errno ? -errno : -EIO;
		off += (uint64_t)n;
		len -= (uint64_t)n;
	}
	return 0;
}

/* Track @i's file anew: @k sectors of @prev's from @off, then its own bytes. */
static int prepend(const char *path, const char *prev, uint64_t off, uint64_t k)
{
	size_t bufsz = 1 << 20;
	uint8_t *buf = malloc(bufsz);
	char *tmp = NULL;
	int fd = -1, pfd = -1, ofd = -1, ret = -ENOMEM;
	struct stat st;

	if (!buf || asprintf(&tmp, "%s.part", path) < 0) {
		tmp = NULL;
		goto out;
	}
	ret = -errno;
	pfd = open(prev, O_RDONLY | O_CLOEXEC);
	ofd = open(path, O_RDONLY | O_CLOEXEC);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (pfd < 0 || ofd < 0 || fd < 0 || fstat(ofd, &st)) {
		ret = -errno;
		goto out;
	}
	ret = copy_bytes(fd, pfd, off, k * DL_CD_RAW_SIZE, buf, bufsz);
	if (!ret)
		ret = copy_bytes(fd, ofd, 0, (uint64_t)st.st_size, buf, bufsz);
	if (!ret && fdatasync(fd))
		ret = -errno;
	if (close(fd) && !ret)
		ret = -errno;
	fd = -1;
	if (!ret && rename(tmp, path))
		ret = -errno;
	if (!ret)
		sync_dir(path);
out:
	if (ret && tmp)
		unlink(tmp);
	if (fd >= 0)
		close(fd);
	if (pfd >= 0)
		close(pfd);
	if (ofd >= 0)
		close(ofd);
	free(tmp);
	free(buf);
	return ret;
}

static int bad_size(const char *path, uint64_t size)
{
	dl_seterr("%s: %" PRIu64 " bytes: neither as read nor split at the pregaps as the map "
		  "records (changed since?); rip again with --force", path, size);
	return -1;
}

/*
 * The files were written each from its track's INDEX 01, as the TOC has
 * them; r->ext places them at the pregaps the Q showed. Move each
 * pregap's sectors from the end of the file before to the start of its
 * own: its file is written anew beside it (the pregap, then its old
 * bytes), synced and renamed over it, then the file before is cut. Track
 * by track, so that after a crash at any point the files' sizes tell how
 * far it went, and a second run completes it (and does nothing on files
 * already split): the file before a pregap ends either at the pregap (done)
 * or at INDEX 01, and then its successor's size tells whether it was
 * renamed. The track files are closed.
 */
static int resplit(struct dl_rip *r)
{
	const struct dl_cd *cd = &r->cd;
	struct stat st;
	int i, ret;

	for (i = 1; i < r->nr_ext; i++) {
		const struct dl_rip_ext *p = &r->ext[i - 1], *e = &r->ext[i];
		int32_t start = cd->t[i].start;
		int32_t toc_end = i + 1 < cd->nr_tracks && !first_of_session(cd, i + 1) ?
				  cd->t[i + 1].start : cd->leadout[cd->t[i].session];
		uint64_t k = (uint64_t)(start - (int32_t)e->lba);
		uint64_t cut = (uint64_t)(e->lba - p->lba) * DL_CD_RAW_SIZE;

		if (first_of_session(cd, i) || !k)
			continue;
		if (stat(p->path, &st)) {
			dl_seterr("%s: %s", p->path, strerror(errno));
			return -1;
		}
		if ((uint64_t)st.st_size == cut)
			continue;	/* done */
		if ((uint64_t)st.st_size != cut + k * DL_CD_RAW_SIZE)
			return bad_size(p->path, (uint64_t)st.st_size);
		if (stat(e->path, &st)) {
			dl_seterr("%s: %s", e->path, strerror(errno));
			return -1;
		}
		if ((uint64_t)st.st_size == (uint64_t)(toc_end - start) * DL_CD_RAW_SIZE) {
			dl_log(DL_LOG_NOTE, "track %d: %" PRIu64 " sectors of pregap moved to its file",
			       cd->t[i].number, k);
			ret = prepend(e->path, p->path, cut, k);
			if (ret) {
				dl_seterr("%s: %s", e->path, strerror(-ret));
				return -1;
			}
		} else if ((uint64_t)st.st_size != (uint64_t)(toc_end - (int32_t)e->lba) *
			   DL_CD_RAW_SIZE) {
			return bad_size(e->path, (uint64_t)st.st_size);
		}
		ret = open(p->path, O_WRONLY | O_CLOEXEC);
		if (ret < 0 || ftruncate(ret, (off_t)cut) || fdatasync(ret)) {
			dl_seterr("%s: %s", p->path, strerror(errno));
			if (ret >= 0)
				close(ret);
			return -1;
		}
		close(ret);
	}
	return 0;
}

/*
 * A resumed cue rip: the track files as the map's note places them (a
 * re-split interrupted completed first); a file of another size is not
 * this rip's.
 */
static int resume_cd_files(struct dl_rip *r)
{
	struct stat st;
	int i, n = 0;

	for (i = 0; i < r->nr_ext; i++)
		n += !stat(r->ext[i].path, &st);
	if (n == r->nr_ext && resplit(r))
		return -1;
	for (i = 0; i < r->nr_ext; i++)
		if (!stat(r->ext[i].path, &st) &&
		    (uint64_t)st.st_size != (uint64_t)r->ext[i].n * DL_CD_RAW_SIZE)
			return bad_size(r->ext[i].path, (uint64_t)st.st_size);
	return 0;
}

/* A cue rip: the map, then the track files (the cue once complete). */
static int open_cd_files(struct dl_rip *r)
{
	const struct dl_rip_opts *o = &r->o;
	int i, ret;

	if (!o->resume) {
		ret = dl_map_save(&r->map, o->mapname, o->cmdline);
		if (ret) {
			dl_seterr("%s: %s", o->mapname, strerror(-ret));
			return -1;
		}
	} else if (resume_cd_files(r)) {
		return -1;
	}
	for (i = 0; i < r->nr_ext; i++) {
		r->ext[i].fd = open_out(r->ext[i].path, o->resume, o->force,
					(uint64_t)r->ext[i].n * DL_CD_RAW_SIZE);
		if (r->ext[i].fd < 0)
			break;
	}
	if (i == r->nr_ext && o->subname) {
		r->subfd = open_out(o->subname, o->resume, o->force,
				    r->map.size / DL_CD_RAW_SIZE * DL_CD_SUB_RAW_SIZE);
		if (r->subfd < 0) {
			i--;
			close(r->ext[i].fd);
			r->ext[i].fd = -1;
			if (!o->resume)
				unlink(r->ext[i].path);
		}
	}
	if (i < r->nr_ext) {
		while (i-- > 0) {
			close(r->ext[i].fd);
			r->ext[i].fd = -1;
			if (!o->resume)
				unlink(r->ext[i].path);
		}
		if (!o->resume)
			unlink(o->mapname);
		return -1;
	}
	return flush_map(r);
}

/* The map first, then the image: there is never an image without its map. */
static int open_files(struct dl_rip *r)
{
	const struct dl_rip_opts *o = &r->o;
	int ret;

	r->map.current_status = o->retry_bad ? DL_MAP_BAD : DL_MAP_NONTRIED;
	if (o->cue)
		return open_cd_files(r);
	if (!o->resume) {
		ret = dl_map_save(&r->map, o->mapname, o->cmdline);
		if (ret) {
			dl_seterr("%s: %s", o->mapname, strerror(-ret));
			return -1;
		}
	}
	r->out = open_out(o->output, o->resume, o->force, r->map.size);
	if (r->out >= 0 && o->raw_output) {
		r->rawfd = open_out(o->raw_output, o->resume, o->force,
				    (uint64_t)r->disc.sectors * DL_CD_RAW_SIZE);
		if (r->rawfd < 0) {
			close(r->out);
			r->out = -1;
			if (!o->resume)
				unlink(o->output);
		}
	}
	if (r->out < 0) {
		if (!o->resume)
			unlink(o->mapname);
		return -1;
	}
	return flush_map(r);
}

int dl_rip_open(struct dl_rip *r, const struct dl_rip_opts *o, const struct dl_rip_events *ev)
{
	int ret;

	memset(r, 0, sizeof(*r));
	r->o = *o;
	if (ev)
		r->ev = *ev;
	r->out = r->rawfd = r->subfd = r->sg.fd = r->sg.rfd = -1;
	if (check_targets(o) || open_drive(r) || open_map(r) ||
	    (o->cue && check_cd_targets(r)) || alloc_buffers(r) || open_files(r))
		return -1;
	if (r->nr_ext == 1 && !o->cue)
		r->ext[0].fd = r->out;
	if (o->algs && !o->cue) {
		if (dl_hash_init(&r->hash, o->algs)) {
			dl_seterr("cannot set up the hashes: out of memory");
			return -1;
		}
		r->hash_live = r->hash_stream = true;
		/* Without the thread (it could not start) hashing is inline. */
		ret = dl_hashq_start(&r->hq, &r->hash);
		if (ret)
			dl_log(DL_LOG_NOTE, "no hashing thread (%s); hashing inline", strerror(-ret));
	}
	r->t0 = r->last_flush = dl_rip_now();
	return 0;
}

enum dl_rip_end dl_rip_run(struct dl_rip *r, const volatile sig_atomic_t *stop)
{
	const char *todo = r->o.retry_bad ? "?*/-" : "?*/";
	uint64_t pos = 0, size;
	int c = DL_RD_OK;

	r->rd.stop = stop;
	while (c != DL_RD_FATAL && c != DL_RD_INTR &&
	       dl_map_next(&r->map, pos, todo, &pos, &size)) {
		struct dl_rip_ext *x = ext_at(r, pos);
		uint64_t end = pos + size, xend;
		uint32_t s, e;

		if (!x)
			break;
		xend = x->base + (uint64_t)x->n * r->secsz;
		if (end > xend)
			end = xend;	/* one extent at a time */
		r->cur = (int)(x - r->ext);
		if (shifted(r, x)) {
			/* the drive sectors holding these corrected bytes */
			int64_t sh = (int64_t)r->o.read_offset * DL_SAMPLE_SIZE;
			int64_t b0 = (int64_t)x->lba * DL_CD_RAW_SIZE + (int64_t)(pos - x->base) + sh;
			int64_t b1 = (int64_t)x->lba * DL_CD_RAW_SIZE + (int64_t)(end - x->base) + sh;
			int64_t d0 = b0 >= 0 ? b0 / DL_CD_RAW_SIZE : -((-b0 + DL_CD_RAW_SIZE - 1) /
								  DL_CD_RAW_SIZE);
			int64_t d1 = b1 >= 0 ? (b1 + DL_CD_RAW_SIZE - 1) / DL_CD_RAW_SIZE :
				     -(-b1 / DL_CD_RAW_SIZE);

			/* before LBA 0: not asked for, zero-filled and mapped bad */
			for (; d0 < 0 && d0 < d1; d0++)
				if (store_cd(r, d0, 1, r->zero, DL_MAP_BAD))
					c = DL_RD_FATAL;
			/* a data track's sectors read as audio, as the samples are */
			while (c != DL_RD_FATAL && c != DL_RD_INTR && d0 < d1) {
				int64_t k = d0 + 1;

				r->rd.cdda = in_data_track(r, d0);
				while (k < d1 && in_data_track(r, k) == r->rd.cdda)
					k++;
				c = dl_reader_run(&r->rd, (uint32_t)d0, (uint32_t)k);
				d0 = k;
			}
			r->rd.cdda = false;
			pos = end;
			continue;
		}
		s = x->lba + (uint32_t)((pos - x->base) / r->secsz);
		e = x->lba + (uint32_t)((end - x->base + r->secsz - 1) / r->secsz);
		c = dl_reader_run(&r->rd, s, e);
		pos = x->base + (uint64_t)(e - x->lba) * r->secsz;
	}
	if (stop && *stop)
		c = DL_RD_INTR;
	if (c != DL_RD_FATAL && c != DL_RD_INTR) {
		r->map.current_pos = r->map.size;
		r->map.current_status = DL_MAP_FINISHED;
	}
	if (r->ev.progress) {
		struct dl_rip_ext *x = ext_at(r, r->map.current_pos);

		r->ev.progress(r->ev.ctx, r, x ? x->lba + (uint32_t)((r->map.current_pos - x->base) /
						r->secsz) : r->ext[r->nr_ext - 1].lba +
			       r->ext[r->nr_ext - 1].n, true);
	}
	if (flush_map(r))
		c = DL_RD_FATAL;
	r->secs = dl_rip_now() - r->t0;
	if (c == DL_RD_INTR) {
		dl_seterr("%s: interrupted; the map %s is saved: continue with --resume",
			  r->o.output, r->o.mapname);
		return DL_RIP_INTERRUPTED;
	}
	return c == DL_RD_FATAL ? DL_RIP_FAILED : DL_RIP_COMPLETE;
}

/* Write the cue sheet (temporary file, renamed in place), hash it. */
static int write_cue(struct dl_rip *r, struct dl_digests *d)
{
	char *tmp;
	FILE *f;
	int fd, ret;

	if (asprintf(&tmp, "%s.tmp", r->o.output) < 0) {
		dl_seterr("out of memory");
		return -ENOMEM;
	}
	f = fopen(tmp, "w");
	if (!f) {
		ret = -errno;
		dl_seterr("%s: %s", tmp, strerror(errno));
		free(tmp);
		return ret;
	}
	ret = dl_cd_write_cue(&r->cd, r->o.output, f);
	if (fflush(f) || fsync(fileno(f)))
		ret = -errno;
	if (fclose(f) && !ret)
		ret = -errno;
	if (!ret && rename(tmp, r->o.output))
		ret = -errno;
	if (ret) {
		dl_seterr("%s: %s", r->o.output, strerror(-ret));
		unlink(tmp);
		free(tmp);
		return ret;
	}
	free(tmp);
	if (!r->o.algs)
		return 0;
	fd = open(r->o.output, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || dl_hash_fd(fd, r->o.algs, d)) {
		ret = -EIO;
		dl_seterr("%s: cannot hash", r->o.output);
	}
	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * A cue rip read with its Q: the Q analysed (what did not come with the
 * sectors scanned), and the files split at the pregaps it shows, unless
 * they were already (a resumed rip: the map's note says where they are).
 */
static int place_cd_files(struct dl_rip *r)
{
	int32_t starts[DL_CD_MAX_TRACKS];
	bool as_toc = true, moved = false;
	int i;

	for (i = 0; i < r->nr_ext; i++)
		as_toc &= (int32_t)r->ext[i].lba == r->cd.t[i].start;
	if (dl_cd_q_finish(&r->sg, &r->cd))
		return -1;
	for (i = 0; i < r->nr_ext; i++) {
		starts[i] = r->cd.q_scanned ? r->cd.t[i].file_start : (int32_t)r->ext[i].lba;
		moved |= starts[i] != (int32_t)r->ext[i].lba;
	}
	if (!moved)
		return 0;
	if (!as_toc) {
		dl_log(DL_LOG_WARN, "%s: the Q shows other pregaps than the files were split at "
		       "before; the files and the cue keep those", r->o.output);
		for (i = 0; i < r->nr_ext; i++)
			starts[i] = (int32_t)r->ext[i].lba;
		apply_layout(r, starts);
		return 0;
	}
	apply_layout(r, starts);
	/* the new layout recorded (the data synced) before any byte moves */
	if (set_layout_note(r) || flush_map(r))
		return -1;
	for (i = 0; i < r->nr_ext; i++) {
		close(r->ext[i].fd);
		r->ext[i].fd = -1;
	}
	if (resplit(r))
		return -1;
	for (i = 0; i < r->nr_ext; i++) {
		r->ext[i].fd = open(r->ext[i].path, O_RDWR | O_CLOEXEC);
		if (r->ext[i].fd < 0) {
			dl_seterr("%s: %s", r->ext[i].path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* A cue rip: each track file's hashes, then the cue's. */
static int finish_cd(struct dl_rip *r, struct dl_digests *d)
{
	int i, ret;

	memset(d, 0, sizeof(*d));
	if (r->q_later && place_cd_files(r))
		return -EIO;
	for (i = 0; r->o.algs && i < r->nr_ext; i++) {
		ret = dl_hash_fd(r->ext[i].fd, r->o.algs, &r->ext[i].dig);
		if (ret) {
			dl_seterr("%s: cannot hash: %s", r->ext[i].path, strerror(-ret));
			return ret;
		}
	}
	if (r->o.algs && r->subfd >= 0) {
		ret = dl_hash_fd(r->subfd, r->o.algs, &r->sub_dig);
		if (ret) {
			dl_seterr("%s: cannot hash: %s", r->o.subname, strerror(-ret));
			return ret;
		}
	}
	return write_cue(r, d);
}

int dl_rip_finish(struct dl_rip *r, struct dl_digests *d)
{
	int ret = 0;

	if (r->o.cue)
		return finish_cd(r, d);
	/* The part written out of order is read back from the image. */
	dl_hashq_stop(&r->hq);
	memset(d, 0, sizeof(*d));
	if (!r->o.algs)
		return 0;
	if (!r->hash_stream) {
		dl_hash_final(&r->hash, d);
		r->hash_live = false;
		r->hashed = 0;
		if (dl_hash_init(&r->hash, r->o.algs))
			ret = -ENOMEM;
		else
			r->hash_live = true;
	}
	if (!ret && r->hashed < r->map.size)
		ret = dl_hash_fd_from(r->out, r->hashed, &r->hash);
	if (r->hash_live && dl_hash_final(&r->hash, d) && !ret)
		ret = -EIO;
	r->hash_live = false;
	if (ret)
		dl_seterr("%s: cannot hash: %s", r->o.output, strerror(-ret));
	return ret;
}

void dl_rip_close(struct dl_rip *r)
{
	struct dl_digests d;

	dl_hashq_stop(&r->hq);
	if (r->hash_live)
		dl_hash_final(&r->hash, &d);	/* frees the contexts */
	r->hash_live = false;
	for (int i = 0; i < r->nr_ext; i++) {
		if (r->ext[i].fd >= 0 && r->ext[i].fd != r->out)
			close(r->ext[i].fd);
		r->ext[i].fd = -1;
		if (r->ext[i].track >= 0)
			free(r->ext[i].path);
		r->ext[i].path = NULL;
	}
	r->nr_ext = 0;
	dl_cd_free(&r->cd);
	if (r->out >= 0)
		close(r->out);
	if (r->rawfd >= 0)
		close(r->rawfd);
	if (r->subfd >= 0)
		close(r->subfd);
	r->subfd = -1;
	free(r->pack);
	r->pack = NULL;
	r->out = r->rawfd = -1;
	dl_sg_close(&r->sg);
	dl_map_free(&r->map);
	dl_reader_free(&r->rd);
	free(r->users[0]);
	free(r->users[1]);
	free(r->zero);
	r->users[0] = r->users[1] = r->zero = NULL;
}
