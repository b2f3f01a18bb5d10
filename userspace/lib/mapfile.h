/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GNU ddrescue mapfiles: which byte ranges of an image hold rescued data.
 *
 *   # comment lines
 *   0x00000000     ?               1          <- current_pos current_status current_pass
 *   0x00000000  0x00100000  +                 <- pos size status, contiguous from 0
 *
 * Status: '?' non-tried, '*' non-trimmed, '/' non-scraped, '-' bad sector(s),
 * '+' finished. discloop writes '?', '+' and '-' and reads all five.
 */
#ifndef DL_MAPFILE_H
#define DL_MAPFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DL_MAP_NONTRIED		'?'
#define DL_MAP_NONTRIMMED	'*'
#define DL_MAP_NONSCRAPED	'/'
#define DL_MAP_BAD		'-'
#define DL_MAP_FINISHED		'+'

struct dl_map_block {
	uint64_t pos, size;
	char status;
};

struct dl_map {
	uint64_t size;			/* bytes covered: the whole image */
	uint64_t current_pos;
	char current_status;		/* '?' copying, '-' retrying, '+' finished */
	int current_pass;
	struct dl_map_block *b;		/* sorted, contiguous, adjacent statuses differ */
	char *note;			/* malloc'd: a "# Note: " line of the caller's, or NULL */
	size_t n, cap;
};

/* A map of @size bytes, all '?'. 0 or -ENOMEM. */
int dl_map_init(struct dl_map *m, uint64_t size);
void dl_map_free(struct dl_map *m);

/* Give [pos, pos+size) the status @st (clipped to the map). 0 or -ENOMEM. */
int dl_map_set(struct dl_map *m, uint64_t pos, uint64_t size, char st);
/* Status of the byte at @pos ('\0' past the end). */
char dl_map_status_at(const struct dl_map *m, uint64_t pos);
/* Bytes with status @st. */
uint64_t dl_map_count(const struct dl_map *m, char st);
/*
 * First block at or after @from whose status is in @sts; its part from @from
 * on is returned in *pos, *size. false when there is none.
 */
bool dl_map_next(const struct dl_map *m, uint64_t from, const char *sts,
		 uint64_t *pos, uint64_t *size);

/*
 * Parse mapfile text. On error returns -EINVAL and puts "line N: why" in
 * @err. The map covers exactly what the file lists; m->note is the last
 * "# Note: " comment's text (any length), or NULL.
 */
int dl_map_parse(struct dl_map *m, const char *text, char *err, size_t errlen);
int dl_map_load(struct dl_map *m, const char *path, char *err, size_t errlen);
/* Write in ddrescue's layout; @cmdline goes into a comment (may be NULL). */
int dl_map_write(const struct dl_map *m, FILE *f, const char *cmdline);
/* Atomically: temporary file beside @path, fsync, rename, fsync dir. 0 or -errno. */
int dl_map_save(const struct dl_map *m, const char *path, const char *cmdline);

#endif /* DL_MAPFILE_H */
