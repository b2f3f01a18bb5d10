/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Disc profiles, shared by discloop.ko and the discloop tool: the MMC
 * profile numbers a drive reports (the DISCLOOP_PROFILE_* values of the
 * UAPI header), their names, nominal speeds, the largest image each takes
 * and the rule that picks one by image size. Everything is static inline,
 * so either side includes this header and links nothing.
 *
 * Every profile's logical block is DL_CD_DATA_SIZE (2048) bytes of user
 * data; sizes below are in such blocks.
 */
#ifndef DL_PROFILE_H
#define DL_PROFILE_H

#include "dl_types.h"
#include "cdframe.h"
#include "../include/uapi/linux/discloop.h"

/* The largest image of each profile, in 2048-byte blocks. */
#define DL_CD_MAX_SECTORS	445500ULL	/* 99-minute CD */
#define DL_DVD_MAX_SECTORS	4173824ULL	/* DVD-9: dual layer, 8.5 GB */
#define DL_BD_MAX_SECTORS	0xffffffffULL	/* READ CAPACITY(10) limit */

/* A DVD larger than this (DVD-5, single layer) reports two layers. */
#define DL_DVD_SL_SECTORS	2295104ULL

/**
 * struct dl_profile_desc - the facts of one profile
 * @code:	DISCLOOP_PROFILE_CD, _DVD or _BD (the MMC profile number)
 * @short_name:	as sysfs shows it and --profile takes it: "cd", "dvd", "bd"
 * @name:	MMC's name for people: "CD-ROM", "DVD-ROM", "BD-ROM"
 * @max_sectors: the largest image, in 2048-byte blocks
 * @speed:	nominal read speed in kB/s (48x CD, 16x DVD, 8x BD)
 */
struct dl_profile_desc {
	u16 code;
	const char *short_name;
	const char *name;
	u64 max_sectors;
	u32 speed;
};

/**
 * dl_profile_desc() - look up a profile
 * @profile:	a DISCLOOP_PROFILE_* value
 *
 * Return: the profile's facts, or NULL for NONE/AUTO and unknown values.
 */
static inline const struct dl_profile_desc *dl_profile_desc(u32 profile)
{
	static const struct dl_profile_desc table[] = {
		{ DISCLOOP_PROFILE_CD, "cd", "CD-ROM", DL_CD_MAX_SECTORS,
		  8467 },
		{ DISCLOOP_PROFILE_DVD, "dvd", "DVD-ROM", DL_DVD_MAX_SECTORS,
		  22160 },
		{ DISCLOOP_PROFILE_BD, "bd", "BD-ROM", DL_BD_MAX_SECTORS,
		  35968 },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].code == profile)
			return &table[i];
	return NULL;
}

/**
 * dl_profile_short_name() - a profile's short name, as sysfs shows it
 * @profile:	a DISCLOOP_PROFILE_* value
 *
 * Return: "cd", "dvd" or "bd"; "none" for DISCLOOP_PROFILE_NONE and for
 * values that are not a profile.
 */
static inline const char *dl_profile_short_name(u32 profile)
{
	const struct dl_profile_desc *d = dl_profile_desc(profile);

	return d ? d->short_name : "none";
}

/**
 * dl_profile_name() - a profile's name for people
 * @profile:	a DISCLOOP_PROFILE_* value
 *
 * Return: "CD-ROM", "DVD-ROM" or "BD-ROM"; "-" for DISCLOOP_PROFILE_NONE
 * (no medium) and "unknown" for values that are not a profile.
 */
static inline const char *dl_profile_name(u32 profile)
{
	const struct dl_profile_desc *d = dl_profile_desc(profile);

	if (d)
		return d->name;
	return profile == DISCLOOP_PROFILE_NONE ? "-" : "unknown";
}

/**
 * dl_profile_from_short_name() - the profile a short name stands for
 * @s:		"cd", "dvd" or "bd" (exact, as sysfs writes it)
 *
 * Return: the DISCLOOP_PROFILE_* value, or DISCLOOP_PROFILE_NONE for
 * anything else ("none" included).
 */
static inline u32 dl_profile_from_short_name(const char *s)
{
	static const u16 codes[] = {
		DISCLOOP_PROFILE_CD, DISCLOOP_PROFILE_DVD, DISCLOOP_PROFILE_BD,
	};
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (!strcmp(s, dl_profile_desc(codes[i])->short_name))
			return codes[i];
	return DISCLOOP_PROFILE_NONE;
}

/**
 * dl_profile_speed() - nominal read speed of a profile
 * @profile:	a DISCLOOP_PROFILE_* value
 *
 * Return: kB/s as GET PERFORMANCE and MODE SENSE page 2Ah report it; the
 * CD speed for values that are not a profile.
 */
static inline u32 dl_profile_speed(u32 profile)
{
	const struct dl_profile_desc *d = dl_profile_desc(profile);

	return (d ? d : dl_profile_desc(DISCLOOP_PROFILE_CD))->speed;
}

/**
 * dl_profile_max_sectors() - the largest image a profile takes
 * @profile:	a DISCLOOP_PROFILE_* value
 *
 * Return: the limit in 2048-byte blocks; for DISCLOOP_PROFILE_AUTO (and
 * any value that is not a profile) the largest of all, DL_BD_MAX_SECTORS.
 */
static inline u64 dl_profile_max_sectors(u32 profile)
{
	const struct dl_profile_desc *d = dl_profile_desc(profile);

	return d ? d->max_sectors : DL_BD_MAX_SECTORS;
}

/**
 * dl_profile_for_sectors() - the automatic profile rule
 * @sectors:	image size in 2048-byte blocks (see dl_image_sectors())
 *
 * The smallest disc the image fits: CD up to DL_CD_MAX_SECTORS, DVD up to
 * DL_DVD_MAX_SECTORS, BD above. Whether a BD takes it at all is
 * dl_profile_max_sectors()'s business.
 *
 * Return: DISCLOOP_PROFILE_CD, _DVD or _BD.
 */
static inline u32 dl_profile_for_sectors(u64 sectors)
{
	if (sectors <= DL_CD_MAX_SECTORS)
		return DISCLOOP_PROFILE_CD;
	if (sectors <= DL_DVD_MAX_SECTORS)
		return DISCLOOP_PROFILE_DVD;
	return DISCLOOP_PROFILE_BD;
}

/**
 * dl_image_sectors() - capacity of an image of @bytes bytes
 * @bytes:	size of the image file
 *
 * Return: 2048-byte blocks, rounded up: a partial last block reads as if
 * padded with zeros.
 */
static inline u64 dl_image_sectors(u64 bytes)
{
	return bytes / DL_CD_DATA_SIZE + (bytes % DL_CD_DATA_SIZE != 0);
}

#endif /* DL_PROFILE_H */
