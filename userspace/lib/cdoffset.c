// SPDX-License-Identifier: GPL-2.0
/* Read offsets: see cdoffset.h. */
#include <string.h>

#include "cdoffset.h"
#include "../../common/cdframe.h"

#define RAW	DL_CD_RAW_SIZE

/* Floor division for a possibly negative numerator. */
static int64_t fdiv(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

void dl_offset_span(int32_t lba, uint32_t n, int offset, int32_t *first, uint32_t *count,
		    uint32_t *skip)
{
	int64_t from = (int64_t)lba * RAW + (int64_t)offset * DL_SAMPLE_SIZE;
	int64_t to = from + (int64_t)n * RAW;
	int64_t f = fdiv(from, RAW), l = fdiv(to + RAW - 1, RAW);

	*first = (int32_t)f;
	*count = (uint32_t)(l - f);
	*skip = (uint32_t)(from - f * RAW);
}

size_t dl_offset_apply(const uint8_t *raw, int32_t raw_first, uint32_t raw_n, int32_t lba,
		       uint32_t n, int offset, uint8_t *out)
{
	int64_t from = (int64_t)lba * RAW + (int64_t)offset * DL_SAMPLE_SIZE;
	int64_t have0 = (int64_t)raw_first * RAW, have1 = have0 + (int64_t)raw_n * RAW;
	size_t len = (size_t)n * RAW, missing = 0, i = 0;

	/* before what was read, in it, after it */
	while (i < len) {
		int64_t at = from + (int64_t)i;
		size_t run;

		if (at < have0 || at >= have1) {
			int64_t edge = at < have0 ? have0 : INT64_MAX;

			run = edge - at < (int64_t)(len - i) ? (size_t)(edge - at) : len - i;
			memset(out + i, 0, run);
			missing += run;
		} else {
			run = have1 - at < (int64_t)(len - i) ? (size_t)(have1 - at) : len - i;
			memcpy(out + i, raw + (at - have0), run);
		}
		i += run;
	}
	return missing;
}

uint8_t dl_scrambler_byte(unsigned int i)
{
	static uint8_t table[RAW - 12];
	static bool ready;

	if (!ready) {
		unsigned int reg = 1, k, b;

		/* x^15 + x + 1, preset to 1, the register's low bit out first */
		for (k = 0; k < sizeof(table); k++) {
			uint8_t v = 0;

			for (b = 0; b < 8; b++) {
				unsigned int fb = (reg ^ (reg >> 1)) & 1;

				v |= (uint8_t)((reg & 1) << b);
				reg = (reg >> 1) | (fb << 14);
			}
			table[k] = v;
		}
		ready = true;
	}
	return i < sizeof(table) ? table[i] : 0;
}

void dl_scramble(uint8_t *sector)
{
	unsigned int i;

	for (i = 12; i < RAW; i++)
		sector[i] ^= dl_scrambler_byte(i - 12);
}

static bool is_bcd(uint8_t v, unsigned int max)
{
	return (v & 15) < 10 && (v >> 4) < 10 && dl_unbcd(v) <= max;
}

bool dl_offset_detect(const uint8_t *buf, size_t len, int32_t lba_read, bool scrambled,
		      int *offset, int32_t *found)
{
	static const uint8_t sync[12] = { 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
					  0xff, 0xff, 0 };
	size_t p;

	for (p = 0; p + 16 <= len; p++) {
		uint8_t h[4];
		int64_t delta;
		int32_t at;
		int k;

		if (memcmp(buf + p, sync, 12))
			continue;
		for (k = 0; k < 4; k++)
			h[k] = buf[p + 12 + k] ^ (scrambled ? dl_scrambler_byte((unsigned int)k) : 0);
		if (!is_bcd(h[0], 99) || !is_bcd(h[1], 59) || !is_bcd(h[2], 74) ||
		    (h[3] != 1 && h[3] != 2))
			continue;
		at = dl_msf_to_lba(dl_unbcd(h[0]), dl_unbcd(h[1]), dl_unbcd(h[2]));
		delta = (int64_t)lba_read * RAW + (int64_t)p - (int64_t)at * RAW;
		if (delta % DL_SAMPLE_SIZE)
			continue;
		delta /= DL_SAMPLE_SIZE;
		if (delta > DL_OFFSET_MAX || delta < -DL_OFFSET_MAX)
			continue;
		*offset = (int)delta;
		*found = at;
		return true;
	}
	return false;
}
