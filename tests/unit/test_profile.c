// SPDX-License-Identifier: GPL-2.0
/*
 * Tests for common/profile.h: profile names, limits, the automatic rule
 * and image capacity.
 *
 * Expected values are written here from their sources: the MMC profile
 * numbers (CD-ROM 0008h, DVD-ROM 0010h, BD-ROM 0040h), a 99-minute CD of
 * 99 * 60 * 75 frames, a DVD-9 of 4,173,824 blocks, READ CAPACITY(10)'s
 * 32-bit last block, and the names sysfs and the tool print.
 */
#include <string.h>

#include "../../common/profile.h"
#include "unit.h"

TEST(profile_names)
{
	CHECK(!strcmp(dl_profile_short_name(0x0008), "cd"));
	CHECK(!strcmp(dl_profile_short_name(0x0010), "dvd"));
	CHECK(!strcmp(dl_profile_short_name(0x0040), "bd"));
	CHECK(!strcmp(dl_profile_short_name(0x0000), "none"));
	CHECK(!strcmp(dl_profile_short_name(0x0002), "none"));
	CHECK(!strcmp(dl_profile_name(0x0008), "CD-ROM"));
	CHECK(!strcmp(dl_profile_name(0x0010), "DVD-ROM"));
	CHECK(!strcmp(dl_profile_name(0x0040), "BD-ROM"));
	CHECK(!strcmp(dl_profile_name(0x0000), "-"));
	CHECK(!strcmp(dl_profile_name(0x0043), "unknown"));
}

TEST(profile_from_short_name)
{
	CHECK_EQ(dl_profile_from_short_name("cd"), 0x0008);
	CHECK_EQ(dl_profile_from_short_name("dvd"), 0x0010);
	CHECK_EQ(dl_profile_from_short_name("bd"), 0x0040);
	CHECK_EQ(dl_profile_from_short_name("none"), 0);
	CHECK_EQ(dl_profile_from_short_name("CD"), 0);
	CHECK_EQ(dl_profile_from_short_name(""), 0);
}

TEST(profile_limits)
{
	CHECK_EQ(dl_profile_max_sectors(0x0008), 99 * 60 * 75);
	CHECK_EQ(dl_profile_max_sectors(0x0010), 4173824);
	CHECK_EQ(dl_profile_max_sectors(0x0040), 4294967295LL);
	CHECK_EQ(dl_profile_max_sectors(0x0000), 4294967295LL);
	CHECK(dl_profile_desc(0x0000) == NULL);
	CHECK(dl_profile_desc(0x0008) != NULL);
}

TEST(profile_auto_rule)
{
	CHECK_EQ(dl_profile_for_sectors(1), 0x0008);
	CHECK_EQ(dl_profile_for_sectors(445500), 0x0008);
	CHECK_EQ(dl_profile_for_sectors(445501), 0x0010);
	CHECK_EQ(dl_profile_for_sectors(4173824), 0x0010);
	CHECK_EQ(dl_profile_for_sectors(4173825), 0x0040);
	CHECK_EQ(dl_profile_for_sectors(1ULL << 40), 0x0040);
}

TEST(profile_speed)
{
	/* 1x is 150 kB/s for CD, 1385 for DVD, 4496 for BD (kB = 1000 B). */
	CHECK_EQ(dl_profile_speed(0x0008), 8467);	/* 48x, rounded */
	CHECK_EQ(dl_profile_speed(0x0010), 16 * 1385);
	CHECK_EQ(dl_profile_speed(0x0040), 8 * 4496);
}

TEST(image_sectors)
{
	CHECK_EQ(dl_image_sectors(0), 0);
	CHECK_EQ(dl_image_sectors(1), 1);
	CHECK_EQ(dl_image_sectors(2048), 1);
	CHECK_EQ(dl_image_sectors(2049), 2);
	CHECK_EQ(dl_image_sectors(445500ULL * 2048), 445500);
	CHECK_EQ(dl_image_sectors(~0ULL), 1ULL << 53);
}
