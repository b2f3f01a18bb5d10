/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The read engine shared by `discloop rip` and `discloop verify --against`:
 * a range of sectors read in commands of a chosen size, read errors located
 * with the sense INFORMATION field (or by reading sector by sector when the
 * drive does not say), retried, and handed to the caller as good runs and
 * bad sectors. Which failures end the read (the disc removed or changed,
 * the drive gone, a command the drive refuses) is decided here, once.
 */
#ifndef DL_READER_H
#define DL_READER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "sgio.h"

/* How a read ended. */
enum dl_rd {
	DL_RD_OK,	/* everything handed over (bad sectors included) */
	DL_RD_ERR,	/* internal: a sector stayed unreadable */
	DL_RD_FATAL,	/* the read cannot go on: reason in dl_errmsg() */
	DL_RD_INTR,	/* *stop was set */
};

/* What the caller does with what was read; each returns 0 or -1 (fatal, reason set). */
struct dl_reader_ops {
	/* @n sectors from @lba, good, as read (secsize bytes each). */
	int (*good)(void *ctx, uint32_t lba, uint32_t n, const uint8_t *data);
	/* The sector @lba stayed unreadable after @tries reads. */
	int (*bad)(void *ctx, uint32_t lba, unsigned int tries);
	/* Optional: about to read into buffer @slot (0 or 1). */
	void (*claim)(void *ctx, unsigned int slot);
	/* Optional: before each multi-sector command. */
	void (*tick)(void *ctx, uint32_t lba);
	/*
	 * Optional, raw reads: is the 2352-byte @sector at @lba sound? Without
	 * it every raw sector is checked as Mode 1.
	 */
	bool (*check)(void *ctx, uint32_t lba, const uint8_t *sector);
};

struct dl_reader {
	struct dl_sg *sg;
	bool raw;		/* READ CD of 2352-byte sectors, EDC/ECC checked */
	bool c2;		/* raw: and 294 bytes of C2 error pointers after each;
				 * a sector with a C2 bit set fails like a bad check */
	bool sub;		/* raw: and 96 bytes of raw P-W after each (and C2) */
	bool subq;		/* raw, not sub: and 16 bytes of formatted Q instead */
	bool cdda;		/* raw: expected sector type CD-DA (not any type) */
	unsigned int secsize;	/* bytes per sector as read */
	unsigned int blocks;	/* sectors per command; halved when the kernel
				 * refuses a transfer size (EINVAL, ENOMEM) */
	unsigned int retries;	/* re-reads of a failing sector */
	const volatile sig_atomic_t *stop;	/* may be NULL */
	const struct dl_reader_ops *ops;
	void *ctx;

	/* Two buffers in turn, so that a caller may still use the last one. */
	uint8_t *bufs[2], *buf;
	unsigned int slot;

	/* statistics */
	uint64_t bytes_read, retries_done, recovered, bad;
	unsigned int shrunk;	/* times @blocks was halved */
	uint64_t c2_errors;	/* reads of a sector with C2 bits set */
};

/*
 * Sectors per command for this device: @want checked against its hard
 * limit (dl_sg_hard_transfer), or (0) the safe limit (dl_sg_max_transfer)
 * up to 1 MiB. 0, or -EINVAL with the reason set.
 */
int dl_reader_blocks(struct dl_sg *sg, unsigned int secsize, unsigned int want,
		     unsigned int *blocks);

/* Set up (buffers of @rd->blocks sectors; fields above filled by the caller). 0 or -ENOMEM. */
int dl_reader_init(struct dl_reader *rd);
void dl_reader_free(struct dl_reader *rd);

/* Read [lba, end). DL_RD_OK, DL_RD_FATAL or DL_RD_INTR. */
int dl_reader_run(struct dl_reader *rd, uint32_t lba, uint32_t end);

#endif /* DL_READER_H */
