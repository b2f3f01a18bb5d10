/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rip engine: a data disc read into an image, sector-exactly, with a
 * ddrescue mapfile that only claims data that has been written and synced,
 * so that a rip killed at any moment can be resumed; hashes computed as the
 * image is written. The command (rip.c) parses, shows progress and prints.
 */
#ifndef DL_RIP_H
#define DL_RIP_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "cdrip.h"
#include "disc.h"
#include "hash.h"
#include "hashq.h"
#include "mapfile.h"
#include "reader.h"

struct dl_rip_opts {
	const char *device, *output;
	const char *mapname;		/* the map's path */
	const char *raw_output;		/* with raw: the 2352-byte sectors, or NULL */
	const char *cmdline;		/* for the map's comment */
	unsigned int blocks;		/* sectors per command, 0: the device's */
	unsigned int retries, map_interval, timeout_s;
	bool resume, force, retry_bad, raw;
	bool cue;			/* the whole CD: per-track BIN files + @output, a cue */
	bool no_qscan;			/* cue: no Q scan (no pregaps, no indexes) */
	int read_offset;		/* cue: audio read offset correction, samples */
	const char *subname;		/* cue: raw P-W, deinterleaved, to this file, or NULL */
	int c2_retries;			/* cue: read C2 pointers, re-read so often; -1: no C2 */
	bool detect_offset;		/* cue: find the combined offset, use it */
	unsigned int algs;		/* DL_ALG_* */
	double max_rate;		/* bytes/s, 0: unlimited */
};

struct dl_rip;

/* A stretch of sectors with a file of its own: the data track, or a CD track. */
struct dl_rip_ext {
	uint32_t lba, n;	/* sectors [lba, lba + n) */
	int fd;
	uint64_t base;		/* where they begin in the map */
	char *path;		/* malloc'd (cue), or the output's name */
	int track;		/* index in cd.t (cue), -1 */
	struct dl_digests dig;	/* after dl_rip_finish() */
};

/* What the command shows while the engine works; any may be NULL. */
struct dl_rip_events {
	void *ctx;
	/* Before each command (@final: once at the end). */
	void (*progress)(void *ctx, const struct dl_rip *r, uint32_t lba, bool final);
	/* A sector stayed unreadable and was zero-filled. */
	void (*bad_sector)(void *ctx, uint32_t lba, unsigned int tries);
};

struct dl_rip {
	struct dl_rip_opts o;
	struct dl_rip_events ev;
	struct dl_sg sg;
	struct dl_disc disc;
	struct dl_cd cd;	/* cue: the layout */
	struct dl_rip_ext ext[DL_CD_MAX_TRACKS];
	int nr_ext, cur;	/* extents; the one being read */
	unsigned int secsz;	/* image bytes per sector: 2048, or 2352 (cue, raw) */
	int subfd;		/* cue with o.subname: the .sub, else -1 */
	uint8_t *pack;		/* cue with sub-channel or C2: main channel packed */
	bool q_later;		/* cue: Q read with the sectors, files placed after */
	struct dl_digests sub_dig;	/* the .sub's, after dl_rip_finish() */
	struct dl_map map;
	struct dl_reader rd;
	int out, rawfd;
	uint8_t *users[2];	/* raw: user data taken out of each read buffer */
	uint8_t *zero;		/* a zero-filled sector for bad ones */
	uint64_t ticket[2];	/* last hashing job that uses each buffer */
	double t0, last_flush;
	bool dirty;		/* map changed since it was saved */

	/*
	 * Hashes are computed as the image is written, for as long as it is
	 * written in order from its start (a fresh rip); whatever the stream
	 * did not cover is read back from the image at the end.
	 */
	struct dl_hash hash;
	struct dl_hashq hq;
	bool hash_live;		/* @hash holds contexts to free */
	bool hash_stream;	/* the stream is still in order */
	uint64_t hashed;	/* the stream covers [0, hashed) */
	double secs;		/* time the reading took */
};

/* How a run ended. */
enum dl_rip_end { DL_RIP_COMPLETE, DL_RIP_INTERRUPTED, DL_RIP_FAILED };

/*
 * Check the targets (never overwrite by accident, never write to a
 * device), open the drive, identify the disc, set up the map (new, or
 * loaded to resume) and the output files. 0, or -errno with the reason in
 * dl_errmsg(); nothing is left behind that was not there before.
 */
int dl_rip_open(struct dl_rip *r, const struct dl_rip_opts *o, const struct dl_rip_events *ev);
/* Read what the map still lacks until done or *@stop is set. */
enum dl_rip_end dl_rip_run(struct dl_rip *r, const volatile sig_atomic_t *stop);
/*
 * After a complete run: the image's hashes (of a cue rip: r->ext[i].dig of
 * every track file, and @d of the cue sheet, written here). 0 or -errno
 * (reason set).
 */
int dl_rip_finish(struct dl_rip *r, struct dl_digests *d);
void dl_rip_close(struct dl_rip *r);

/*
 * May @path be written (@what names it in the reason)? 0: it does not
 * exist; 1: a file that @may_exist; -1: refused (a device node, a
 * directory, an existing file), with the reason set.
 */
int dl_rip_check_output(const char *path, const char *what, bool may_exist);

/*
 * Sectors mapped bad (of a cue rip: sectors' worth of bytes, the bytes
 * zero-filled where the drive refused to overread for the read offset left
 * out; those are dl_rip_edge_bytes()).
 */
uint64_t dl_rip_bad_sectors(const struct dl_rip *r);
uint64_t dl_rip_edge_bytes(const struct dl_rip *r);
/* Monotonic seconds. */
double dl_rip_now(void);

#endif /* DL_RIP_H */
