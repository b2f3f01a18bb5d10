/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SG_IO (sg v3 interface): one synchronous command at a time, every result
 * checked (status, host_status, driver_status, info, resid, sense in both
 * formats), MMC command builders and device limits.
 */
#ifndef DL_SGIO_H
#define DL_SGIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "device.h"
#include "sense.h"

#define DL_SG_TIMEOUT_MS	30000	/* default per command */

struct dl_sg {
	int fd;
	int rfd;		/* block node for bulk reads (zero-copy), or -1 */
	char path[64];		/* what we opened */
	bool is_sg;		/* /dev/sgN rather than /dev/srN */
	unsigned timeout_ms;
	struct dl_dev dev;
};

/* Outcome of one command. */
enum dl_sg_result {
	DL_SG_GOOD = 0,		/* data valid (RECOVERED ERROR counts as good) */
	DL_SG_CHECK,		/* CHECK CONDITION: see sense */
	DL_SG_TRANSPORT,	/* host/driver problem, timeout, odd status */
	DL_SG_SYSERR,		/* the ioctl itself failed: see err */
};

struct dl_sg_io {
	enum dl_sg_result result;
	int err;		/* errno for DL_SG_SYSERR */
	uint8_t status;		/* SCSI status byte */
	uint16_t host_status;
	uint16_t driver_status;
	int resid;		/* bytes not transferred */
	unsigned duration;	/* ms */
	uint8_t sbuf[64];
	int sb_len;
	struct dl_sense sense;
};

/*
 * Open DEVICE (anything dl_dev_resolve() accepts) for SG_IO: /dev/sgN
 * read-write when sg is there, else the sr node read-only. Returns 0, or
 * -errno with the reason (and the `modprobe sg` hint) in dl_errmsg().
 */
int dl_sg_open(const char *arg, struct dl_sg *d);
void dl_sg_close(struct dl_sg *d);

/*
 * Largest transfer per command the kernel surely accepts for this device,
 * bytes: the queue's max_sectors_kb, and one page per segment of its
 * max_segments (sgio.c says why).
 */
size_t dl_sg_max_transfer(struct dl_sg *d);
/*
 * The queue's max_sectors alone: a transfer up to this size may go through
 * when the buffer's pages happen to be contiguous, never a larger one.
 */
size_t dl_sg_hard_transfer(struct dl_sg *d);
/* The node bulk reads go through (for messages). */
const char *dl_sg_read_path(const struct dl_sg *d);

/* Send one CDB; @dir is SG_DXFER_FROM_DEV or SG_DXFER_NONE. Returns io->result. */
int dl_sg_exec(struct dl_sg *d, const uint8_t *cdb, int cdblen, int dir,
	       void *buf, size_t len, struct dl_sg_io *io);
/* A phrase for messages: "MEDIUM ERROR: ... (03/11/00)", "timed out", ... */
char *dl_sg_describe(const struct dl_sg_io *io, char *buf, size_t size);

/* Builders; each returns io->result (0 = good). */
int dl_sg_tur(struct dl_sg *d, struct dl_sg_io *io);
int dl_sg_inquiry(struct dl_sg *d, uint8_t *buf, size_t len, struct dl_sg_io *io);
int dl_sg_get_config(struct dl_sg *d, uint8_t rt, uint16_t feature, uint8_t *buf,
		     size_t len, struct dl_sg_io *io);
int dl_sg_read_capacity(struct dl_sg *d, uint32_t *last_lba, uint32_t *blksz,
			struct dl_sg_io *io);
int dl_sg_read_disc_info(struct dl_sg *d, uint8_t *buf, size_t len, struct dl_sg_io *io);
int dl_sg_read_toc(struct dl_sg *d, uint8_t format, bool msf, uint8_t track,
		   uint8_t *buf, size_t len, struct dl_sg_io *io);
int dl_sg_read_track_info(struct dl_sg *d, uint32_t track, uint8_t *buf, size_t len,
			  struct dl_sg_io *io);
/* READ(10), or READ(12) when @count does not fit 16 bits. */
int dl_sg_read(struct dl_sg *d, uint32_t lba, uint32_t count, uint32_t blksz,
	       void *buf, struct dl_sg_io *io);
/*
 * READ CD, any sector type (CD-DA with @cdda: a data sector then comes back
 * as the audio a drive reads of it, or is refused), byte 9 = F8h (FAh with
 * @c2: 294 bytes of C2 error pointers after the sector), sub-channel @sub
 * (0 none, 1 raw P-W: 96 bytes after those, 2 formatted Q: 16 bytes):
 * 2352 (+294) (+96 or +16) bytes per sector.
 */
int dl_sg_read_cd(struct dl_sg *d, uint32_t lba, uint32_t count, bool cdda, bool c2, int sub,
		  void *buf, struct dl_sg_io *io);
/* READ CD, any sector type, byte 9 = F8h: 2352 bytes per sector, no sub-channel. */
int dl_sg_read_cd_raw(struct dl_sg *d, uint32_t lba, uint32_t count, void *buf,
		      struct dl_sg_io *io);

#endif /* DL_SGIO_H */
