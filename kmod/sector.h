/* SPDX-License-Identifier: GPL-2.0 */
/*
 * discloop: sectors of a CD layout (sector.c), for the read workers.
 */
#ifndef DL_SECTOR_H
#define DL_SECTOR_H

#include "dl_internal.h"

/* Stored sectors read from a track's file at a time. */
#define DL_STAGE_SECTORS	16
#define DL_STAGE_SIZE	\
	(DL_STAGE_SECTORS * (DL_CD_RAW_SIZE + DL_CD_SUB_RAW_SIZE))

/**
 * struct dl_stage - stored sectors of one track, read ahead
 * @buf:	DL_STAGE_SIZE bytes
 * @t:		the track they belong to, or NULL when nothing is staged
 * @lba:	LBA of the first
 * @n:		how many
 */
struct dl_stage {
	u8 *buf;
	const struct dl_track *t;
	s32 lba;
	u32 n;
};

int dl_file_read(const struct dl_file *df, void *buf, loff_t pos, size_t len);
const u8 *dl_stage_fill(struct dl_stage *st, const struct dl_track *t,
			s32 lba, u32 want);
u8 dl_sector_frame(const struct dl_track *t, s32 lba, const u8 *stored,
		   u8 *raw);
void dl_sector_sub(const struct dl_media *m, const struct dl_track *t,
		   s32 lba, const u8 *stored, u8 *raw, u8 *fmt);

/* Sectors one raw READ(10) batch reads from a file at once. */
#define DL_RAW_BATCH	64

u32 dl_raw_user_offset(const struct dl_track *t);
u32 dl_read_raw_cached(struct dl_cmd *dc, const struct dl_track *t, s32 lba,
		       u32 n, size_t off, bool *form2);
int dl_read_raw_user(struct dl_cmd *dc, const struct dl_track *t, s32 lba,
		     u32 n, size_t off, bool *form2);

/* Is @lba one of the sectors @t's file holds? */
static inline bool dl_is_stored(const struct dl_track *t, s32 lba)
{
	return lba >= t->stored && lba < t->stored_end;
}

#endif /* DL_SECTOR_H */
