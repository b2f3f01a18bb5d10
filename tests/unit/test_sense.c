// SPDX-License-Identifier: GPL-2.0
/* Sense decoding: fixed (70h/71h) and descriptor (72h/73h) formats. */
#include <string.h>

#include "unit.h"
#include "sense.h"

TEST(fixed_medium_error_with_info)
{
	/* 03/11/00, VALID, INFORMATION = 0x00001234 */
	const uint8_t b[18] = { 0xf0, 0, 0x03, 0x00, 0x00, 0x12, 0x34, 0x0a,
				0, 0, 0, 0, 0x11, 0x00, 0, 0, 0, 0 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK(s.valid);
	CHECK(!s.descriptor);
	CHECK(!s.deferred);
	CHECK_EQ(s.key, 3);
	CHECK_EQ(s.asc, 0x11);
	CHECK_EQ(s.ascq, 0);
	CHECK(s.info_valid);
	CHECK_EQ(s.info, 0x1234);
}

TEST(fixed_without_valid_bit_has_no_info)
{
	const uint8_t b[18] = { 0x70, 0, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0a,
				0, 0, 0, 0, 0x24, 0x00 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK_EQ(s.key, 5);
	CHECK_EQ(s.asc, 0x24);
	CHECK(!s.info_valid);
}

TEST(fixed_deferred_and_ili)
{
	const uint8_t b[14] = { 0x71, 0, 0x23, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0x29, 0x01 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK(s.deferred);
	CHECK(s.ili);
	CHECK_EQ(s.key, 3);
	CHECK_EQ(s.asc, 0x29);
	CHECK_EQ(s.ascq, 1);
}

TEST(fixed_short_buffer)
{
	/* only 8 bytes arrived: key, no ASC */
	const uint8_t b[8] = { 0x70, 0, 0x02, 0, 0, 0, 0, 0x0a };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK_EQ(s.key, 2);
	CHECK_EQ(s.asc, 0);
}

TEST(descriptor_with_information)
{
	/* 72h, 03/11/05, one information descriptor: VALID, LBA 0x0123456789 */
	const uint8_t b[20] = { 0x72, 0x03, 0x11, 0x05, 0, 0, 0, 12,
				0x00, 0x0a, 0x80, 0x00,
				0x00, 0x00, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK(s.descriptor);
	CHECK_EQ(s.key, 3);
	CHECK_EQ(s.asc, 0x11);
	CHECK_EQ(s.ascq, 5);
	CHECK(s.info_valid);
	CHECK_EQ(s.info, 0x0123456789LL);
}

TEST(descriptor_info_after_other_descriptor)
{
	/* sense-key-specific descriptor (02h, 6 bytes) first, then information */
	const uint8_t b[28] = { 0x73, 0x04, 0x44, 0x00, 0, 0, 0, 20,
				0x02, 0x06, 0, 0, 0, 0, 0, 0,
				0x00, 0x0a, 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0x10, 0x00 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK(s.deferred);
	CHECK_EQ(s.key, 4);
	CHECK(s.info_valid);
	CHECK_EQ(s.info, 0x1000);
}

TEST(descriptor_truncated_descriptor_ignored)
{
	/* additional length claims 12, but only 4 more bytes arrived */
	const uint8_t b[12] = { 0x72, 0x03, 0x11, 0x00, 0, 0, 0, 12,
				0x00, 0x0a, 0x80, 0x00 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK_EQ(s.key, 3);
	CHECK(!s.info_valid);
}

TEST(descriptor_without_valid_bit)
{
	const uint8_t b[20] = { 0x72, 0x03, 0x11, 0x00, 0, 0, 0, 12,
				0x00, 0x0a, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 7 };
	struct dl_sense s;

	CHECK(dl_sense_parse(b, sizeof(b), &s));
	CHECK(!s.info_valid);
}

TEST(unknown_response_codes)
{
	const uint8_t b[18] = { 0x7f, 0, 3 };
	struct dl_sense s;

	CHECK(!dl_sense_parse(b, sizeof(b), &s));
	CHECK(!s.valid);
	CHECK(!dl_sense_parse(b, 0, &s));
	CHECK(!dl_sense_parse(NULL, 18, &s));
}

TEST(texts)
{
	struct dl_sense s = { .valid = true, .key = 3, .asc = 0x11, .ascq = 0 };
	char buf[128];

	CHECK(!strcmp(dl_sense_key_text(3), "MEDIUM ERROR"));
	CHECK(!strcmp(dl_sense_key_text(5), "ILLEGAL REQUEST"));
	CHECK(!strcmp(dl_sense_asc_text(0x3a, 0x02), "medium not present, tray open"));
	CHECK(!strcmp(dl_sense_asc_text(0x11, 0x0c), "unrecovered read error"));
	CHECK(dl_sense_asc_text(0x7e, 0x7e) == NULL);
	dl_sense_describe(&s, buf, sizeof(buf));
	CHECK(!strcmp(buf, "MEDIUM ERROR: unrecovered read error (03/11/00)"));
	s.asc = 0x7e;
	dl_sense_describe(&s, buf, sizeof(buf));
	CHECK(!strcmp(buf, "MEDIUM ERROR (03/7E/00)"));
	s.valid = false;
	dl_sense_describe(&s, buf, sizeof(buf));
	CHECK(!strcmp(buf, "no valid sense data"));
	dl_sense_describe(&s, buf, 4);
	CHECK_EQ(strlen(buf), 3);
}
