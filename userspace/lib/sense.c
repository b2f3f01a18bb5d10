// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI sense data decoding (SPC-4 4.5): fixed format 70h/71h and
 * descriptor format 72h/73h with its INFORMATION descriptor (type 00h).
 */
#include <stdio.h>
#include <string.h>

#include "sense.h"

static uint64_t be_get(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | *p++;
	return v;
}

bool dl_sense_parse(const uint8_t *buf, size_t len, struct dl_sense *s)
{
	uint8_t code;

	memset(s, 0, sizeof(*s));
	if (!buf || len < 1)
		return false;
	code = buf[0] & 0x7f;
	switch (code) {
	case 0x70:
	case 0x71:
		s->deferred = code == 0x71;
		if (len > 2) {
			s->key = buf[2] & 0x0f;
			s->ili = buf[2] & 0x20;
		}
		if (len > 6 && (buf[0] & 0x80)) {
			s->info_valid = true;
			s->info = be_get(buf + 3, 4);
		}
		/*
		 * @len is what the device really returned (sb_len_wr), so it
		 * bounds ASC/ASCQ; some old drives leave the additional length
		 * in byte 7 at zero, which we therefore do not trust.
		 */
		if (len > 12)
			s->asc = buf[12];
		if (len > 13)
			s->ascq = buf[13];
		break;
	case 0x72:
	case 0x73: {
		size_t end, off = 8;

		s->descriptor = true;
		s->deferred = code == 0x73;
		if (len > 1)
			s->key = buf[1] & 0x0f;
		if (len > 2)
			s->asc = buf[2];
		if (len > 3)
			s->ascq = buf[3];
		end = len > 7 ? 8 + (size_t)buf[7] : 0;
		if (end > len)
			end = len;
		/* Walk the descriptors: type, additional length, payload. */
		while (off + 2 <= end) {
			uint8_t type = buf[off], alen = buf[off + 1];

			if (off + 2 + alen > end)
				break;
			if (type == 0x00 && alen >= 0x0a) {
				/* Information: byte 2 bit 7 VALID, bytes 4..11. */
				s->info_valid = buf[off + 2] & 0x80;
				s->info = be_get(buf + off + 4, 8);
			} else if (type == 0x04 && alen >= 2) {
				/* Block commands: ILI in byte 3. */
				s->ili = buf[off + 3] & 0x20;
			}
			off += 2 + alen;
		}
		break;
	}
	default:
		return false;
	}
	s->valid = true;
	return true;
}

static const char *const key_text[16] = {
	"NO SENSE", "RECOVERED ERROR", "NOT READY", "MEDIUM ERROR",
	"HARDWARE ERROR", "ILLEGAL REQUEST", "UNIT ATTENTION", "DATA PROTECT",
	"BLANK CHECK", "VENDOR SPECIFIC", "COPY ABORTED", "ABORTED COMMAND",
	"RESERVED (0Ch)", "VOLUME OVERFLOW", "MISCOMPARE", "COMPLETED",
};

const char *dl_sense_key_text(uint8_t key)
{
	return key_text[key & 0x0f];
}

/* ASCQ 0xff in the table matches any ASCQ. */
static const struct {
	uint8_t asc, ascq;
	const char *text;
} asc_table[] = {
	{ 0x00, 0x00, "no additional sense information" },
	{ 0x02, 0x00, "no seek complete" },
	{ 0x04, 0x00, "logical unit not ready" },
	{ 0x04, 0x01, "logical unit is becoming ready" },
	{ 0x04, 0x02, "logical unit not ready, initializing command required" },
	{ 0x04, 0x03, "logical unit not ready, manual intervention required" },
	{ 0x04, 0x07, "logical unit not ready, operation in progress" },
	{ 0x04, 0x08, "logical unit not ready, long write in progress" },
	{ 0x06, 0x00, "no reference position found" },
	{ 0x08, 0x00, "logical unit communication failure" },
	{ 0x08, 0x01, "logical unit communication timeout" },
	{ 0x09, 0x00, "track following error" },
	{ 0x09, 0x01, "tracking servo failure" },
	{ 0x09, 0x02, "focus servo failure" },
	{ 0x09, 0x03, "spindle servo failure" },
	{ 0x11, 0x00, "unrecovered read error" },
	{ 0x11, 0x05, "L-EC uncorrectable error" },
	{ 0x11, 0x06, "CIRC unrecovered error" },
	{ 0x11, 0x0f, "error reading UPC/EAN number" },
	{ 0x11, 0x10, "error reading ISRC number" },
	{ 0x11, 0xff, "unrecovered read error" },
	{ 0x15, 0x00, "random positioning error" },
	{ 0x15, 0x01, "mechanical positioning error" },
	{ 0x15, 0x02, "positioning error detected by read of medium" },
	{ 0x17, 0xff, "recovered data without ECC" },
	{ 0x18, 0xff, "recovered data with error correction" },
	{ 0x1a, 0x00, "parameter list length error" },
	{ 0x20, 0x00, "invalid command operation code" },
	{ 0x21, 0x00, "logical block address out of range" },
	{ 0x21, 0x02, "invalid address for write" },
	{ 0x24, 0x00, "invalid field in CDB" },
	{ 0x25, 0x00, "logical unit not supported" },
	{ 0x26, 0x00, "invalid field in parameter list" },
	{ 0x27, 0x00, "write protected" },
	{ 0x28, 0x00, "not ready to ready change, medium may have changed" },
	{ 0x29, 0xff, "power on, reset, or bus device reset occurred" },
	{ 0x2a, 0xff, "parameters changed" },
	{ 0x2c, 0x00, "command sequence error" },
	{ 0x30, 0x00, "incompatible medium installed" },
	{ 0x30, 0x02, "cannot read medium, incompatible format" },
	{ 0x3a, 0x00, "medium not present" },
	{ 0x3a, 0x01, "medium not present, tray closed" },
	{ 0x3a, 0x02, "medium not present, tray open" },
	{ 0x3e, 0x02, "timeout on logical unit" },
	{ 0x44, 0x00, "internal target failure" },
	{ 0x47, 0xff, "SCSI parity error" },
	{ 0x4b, 0x00, "data phase error" },
	{ 0x53, 0x02, "medium removal prevented" },
	{ 0x57, 0x00, "unable to recover table-of-contents" },
	{ 0x5a, 0x01, "operator medium removal request" },
	{ 0x63, 0x00, "end of user area encountered on this track" },
	{ 0x64, 0x00, "illegal mode for this track" },
	{ 0x64, 0x01, "invalid packet size" },
	{ 0x6f, 0x00, "copy protection key exchange failure, authentication failure" },
	{ 0x6f, 0x01, "copy protection key exchange failure, key not present" },
	{ 0x6f, 0x02, "copy protection key exchange failure, key not established" },
	{ 0x6f, 0x03, "read of scrambled sector without authentication" },
	{ 0x6f, 0x04, "media region code is mismatched to logical unit region" },
};

const char *dl_sense_asc_text(uint8_t asc, uint8_t ascq)
{
	size_t i;

	for (i = 0; i < sizeof(asc_table) / sizeof(asc_table[0]); i++)
		if (asc_table[i].asc == asc &&
		    (asc_table[i].ascq == ascq || asc_table[i].ascq == 0xff))
			return asc_table[i].text;
	return NULL;
}

char *dl_sense_describe(const struct dl_sense *s, char *buf, size_t size)
{
	const char *a;

	if (!size)
		return buf;
	if (!s->valid) {
		snprintf(buf, size, "no valid sense data");
		return buf;
	}
	a = dl_sense_asc_text(s->asc, s->ascq);
	if (a)
		snprintf(buf, size, "%s: %s (%02X/%02X/%02X)", dl_sense_key_text(s->key),
			 a, s->key, s->asc, s->ascq);
	else
		snprintf(buf, size, "%s (%02X/%02X/%02X)", dl_sense_key_text(s->key),
			 s->key, s->asc, s->ascq);
	return buf;
}
