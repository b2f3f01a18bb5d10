/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI sense data: decoding of the fixed (70h/71h) and descriptor (72h/73h)
 * formats, and short texts for sense keys and additional sense codes.
 * Pure functions, no I/O: unit-tested on the host.
 */
#ifndef DL_SENSE_H
#define DL_SENSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sense keys (SPC-4 table 28). */
#define DL_SK_NO_SENSE		0x0
#define DL_SK_RECOVERED_ERROR	0x1
#define DL_SK_NOT_READY		0x2
#define DL_SK_MEDIUM_ERROR	0x3
#define DL_SK_HARDWARE_ERROR	0x4
#define DL_SK_ILLEGAL_REQUEST	0x5
#define DL_SK_UNIT_ATTENTION	0x6
#define DL_SK_DATA_PROTECT	0x7
#define DL_SK_BLANK_CHECK	0x8
#define DL_SK_ABORTED_COMMAND	0xb

struct dl_sense {
	bool valid;		/* a response code we understand was found */
	bool descriptor;	/* 72h/73h format */
	bool deferred;		/* 71h/73h: about an earlier command */
	uint8_t key, asc, ascq;
	bool info_valid;	/* INFORMATION holds something meaningful */
	uint64_t info;		/* e.g. the first failing LBA of a read */
	bool ili;		/* incorrect length indicator */
};

/*
 * Decode @len bytes of sense data. Returns true when the response code is
 * one of 70h..73h (fields that do not fit in @len stay zero).
 */
bool dl_sense_parse(const uint8_t *buf, size_t len, struct dl_sense *s);

/* "MEDIUM ERROR", "ILLEGAL REQUEST", ...; never NULL. */
const char *dl_sense_key_text(uint8_t key);
/* "unrecovered read error", ...; NULL when the code is not in our table. */
const char *dl_sense_asc_text(uint8_t asc, uint8_t ascq);
/*
 * One phrase for messages: "MEDIUM ERROR: unrecovered read error (03/11/00)",
 * written to @buf (always terminated). Returns @buf.
 */
char *dl_sense_describe(const struct dl_sense *s, char *buf, size_t size);

#endif /* DL_SENSE_H */
