// SPDX-License-Identifier: GPL-2.0
/* The read engine: see reader.h. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "errmsg.h"
#include "reader.h"
#include "../../common/cdframe.h"
#include "../../common/scsi_asc.h"

/* Host bytes meaning the device is gone (DID_NO_CONNECT, DID_BAD_TARGET). */
#define HOST_NO_CONNECT		0x01
#define HOST_BAD_TARGET		0x04

#define DL_READ_MAX_BYTES	(1u << 20)

int dl_reader_blocks(struct dl_sg *sg, unsigned int secsize, unsigned int want,
		     unsigned int *blocks)
{
	size_t max = dl_sg_max_transfer(sg), hard = dl_sg_hard_transfer(sg);

	if (want) {
		/* Above the safe size the engine halves what the kernel refuses. */
		if ((size_t)want * secsize > hard) {
			dl_seterr("--blocks %u: %zu KiB per command exceeds the device's limit of "
				  "%zu KiB", want, (size_t)want * secsize / 1024, hard / 1024);
			return -EINVAL;
		}
		*blocks = want;
		return 0;
	}
	*blocks = (unsigned int)((max < DL_READ_MAX_BYTES ? max : DL_READ_MAX_BYTES) / secsize);
	if (!*blocks)
		*blocks = 1;
	return 0;
}

int dl_reader_init(struct dl_reader *rd)
{
	int i;

	rd->secsize = rd->raw ? DL_CD_RAW_SIZE + (rd->c2 ? DL_CD_C2_SIZE : 0) +
		      (rd->sub ? DL_CD_SUB_RAW_SIZE : rd->subq ? DL_CD_SUBQ_SIZE : 0) :
		      DL_CD_DATA_SIZE;
	/* Page-aligned: SG_IO on the block node then reads into them directly. */
	for (i = 0; i < 2; i++) {
		if (posix_memalign((void **)&rd->bufs[i], 4096, (size_t)rd->blocks * rd->secsize)) {
			rd->bufs[i] = NULL;
			dl_reader_free(rd);
			dl_seterr("out of memory");
			return -ENOMEM;
		}
	}
	rd->slot = 0;
	rd->buf = rd->bufs[0];
	return 0;
}

void dl_reader_free(struct dl_reader *rd)
{
	free(rd->bufs[0]);
	free(rd->bufs[1]);
	rd->bufs[0] = rd->bufs[1] = rd->buf = NULL;
}

static bool stopped(const struct dl_reader *rd)
{
	return rd->stop && *rd->stop;
}

static int fatal_read(struct dl_reader *rd, const struct dl_sg_io *io, uint32_t lba,
		      const char *hint)
{
	char why[200];

	dl_seterr("%s: read at LBA %u: %s%s", rd->sg->path, lba,
		  dl_sg_describe(io, why, sizeof(why)), hint);
	return DL_RD_FATAL;
}

/* Is this failure a read error (worth retrying), or does it end the read? */
static int classify(struct dl_reader *rd, const struct dl_sg_io *io, uint32_t lba)
{
	switch (io->result) {
	case DL_SG_GOOD:
		return DL_RD_OK;
	case DL_SG_SYSERR:
		if (io->err == EINTR)
			return DL_RD_INTR;
		if (io->err == EINVAL || io->err == ENOMEM) {
			dl_seterr("%s: read at LBA %u: %s (refused even for one sector)",
				  dl_sg_read_path(rd->sg), lba, strerror(io->err));
			return DL_RD_FATAL;
		}
		dl_seterr("%s: read at LBA %u: %s", dl_sg_read_path(rd->sg), lba, strerror(io->err));
		return DL_RD_FATAL;
	case DL_SG_TRANSPORT:
		if (io->host_status == HOST_NO_CONNECT || io->host_status == HOST_BAD_TARGET)
			return fatal_read(rd, io, lba, "");
		return DL_RD_ERR;
	case DL_SG_CHECK:
		if (io->sense.key == DL_SK_NOT_READY && io->sense.asc == DL_ASC_MEDIUM_NOT_PRESENT) {
			dl_seterr("%s: the disc was removed", rd->sg->path);
			return DL_RD_FATAL;
		}
		if (io->sense.key == DL_SK_UNIT_ATTENTION && io->sense.asc == DL_ASC_MEDIUM_MAY_HAVE_CHANGED) {
			dl_seterr("%s: the disc was changed during the read", rd->sg->path);
			return DL_RD_FATAL;
		}
		if (io->sense.key == DL_SK_ILLEGAL_REQUEST &&
		    (io->sense.asc == DL_ASC_INVALID_OPCODE || io->sense.asc == DL_ASC_INVALID_FIELD_IN_CDB))
			return fatal_read(rd, io, lba, rd->raw ?
					  " (the drive may not support READ CD)" : "");
		/* out of range, end of track, medium errors: a bad sector */
		return DL_RD_ERR;
	}
	return DL_RD_FATAL;
}

static void do_read(struct dl_reader *rd, uint32_t lba, uint32_t n, struct dl_sg_io *io)
{
	/* The other buffer, once the caller is done with it. */
	rd->slot ^= 1;
	rd->buf = rd->bufs[rd->slot];
	if (rd->ops->claim)
		rd->ops->claim(rd->ctx, rd->slot);
	if (rd->raw)
		dl_sg_read_cd(rd->sg, lba, n, rd->cdda, rd->c2,
				 rd->sub ? 1 : rd->subq ? 2 : 0, rd->buf, io);
	else
		dl_sg_read(rd->sg, lba, n, DL_CD_DATA_SIZE, rd->buf, io);
	rd->bytes_read += (uint64_t)n * DL_CD_DATA_SIZE;
}

static bool c2_set(const uint8_t *c2)
{
	unsigned int i;

	for (i = 0; i < DL_CD_C2_SIZE; i++)
		if (c2[i])
			return true;
	return false;
}

/* Index of the first raw sector in rd->buf failing its EDC/ECC check, or @n. */
static uint32_t first_bad_raw(struct dl_reader *rd, uint32_t lba, uint32_t n)
{
	static const char *const what[] = {
		[DL_SECTOR_BAD_SYNC] = "sync", [DL_SECTOR_BAD_HEADER] = "header",
		[DL_SECTOR_BAD_EDC] = "EDC", [DL_SECTOR_BAD_ECC] = "ECC",
	};
	uint32_t i;

	if (!rd->raw)
		return n;
	for (i = 0; i < n; i++) {
		const uint8_t *sec = rd->buf + (size_t)i * rd->secsize;
		enum dl_sector_status st;

		if (rd->c2 && c2_set(sec + DL_CD_RAW_SIZE)) {
			rd->c2_errors++;
			dl_log(DL_LOG_NOTE, "LBA %u: C2 errors reported", lba + i);
			return i;
		}
		if (rd->ops->check) {
			if (rd->ops->check(rd->ctx, lba + i, sec))
				continue;
			dl_log(DL_LOG_NOTE, "LBA %u: raw sector fails its EDC/ECC check", lba + i);
			return i;
		}
		st = dl_mode1_check(sec, lba + i);

		if (st != DL_SECTOR_OK) {
			dl_log(DL_LOG_NOTE, "LBA %u: raw sector fails its check (%s)", lba + i,
			       what[st]);
			return i;
		}
	}
	return n;
}

/* One sector, @tries already spent on it: read until good or out of retries. */
static int read_sector(struct dl_reader *rd, uint32_t lba, unsigned int tries)
{
	struct dl_sg_io io;
	char why[200];
	int c;

	while (tries < 1 + rd->retries) {
		if (stopped(rd))
			return DL_RD_INTR;
		if (tries)
			rd->retries_done++;
		tries++;
		do_read(rd, lba, 1, &io);
		c = classify(rd, &io, lba);
		if (c == DL_RD_FATAL || c == DL_RD_INTR)
			return c;
		if (c == DL_RD_OK && io.resid == 0 && first_bad_raw(rd, lba, 1) == 1) {
			if (tries > 1) {
				rd->recovered++;
				dl_log(DL_LOG_NOTE, "LBA %u: recovered on read %u", lba, tries);
			}
			return rd->ops->good(rd->ctx, lba, 1, rd->buf) ? DL_RD_FATAL : DL_RD_OK;
		}
		if (c != DL_RD_OK)
			dl_log(DL_LOG_NOTE, "LBA %u: %s", lba, dl_sg_describe(&io, why, sizeof(why)));
	}
	rd->bad++;
	return rd->ops->bad(rd->ctx, lba, tries) ? DL_RD_FATAL : DL_RD_ERR;
}

/* Hand over @n good sectors at the start of rd->buf; 0 or DL_RD_FATAL. */
static int good(struct dl_reader *rd, uint32_t lba, uint32_t n)
{
	return n && rd->ops->good(rd->ctx, lba, n, rd->buf) ? DL_RD_FATAL : 0;
}

static bool done(int c)
{
	return c == DL_RD_FATAL || c == DL_RD_INTR;
}

/*
 * The outcome @c of a command of @n sectors at @lba: hand over what arrived
 * good; when it failed or came back short, retry the failing sector. Returns
 * the LBA to go on from, or a negative DL_RD_* that ends the read.
 */
static int64_t settle(struct dl_reader *rd, uint32_t lba, uint32_t n, const struct dl_sg_io *io,
		       int c)
{
	uint32_t ngood = 0, i;
	int64_t bad = -1;

	if (c == DL_RD_OK) {
		size_t got = (size_t)n * rd->secsize - (io->resid > 0 ? (size_t)io->resid : 0);

		ngood = first_bad_raw(rd, lba, (uint32_t)(got / rd->secsize < n ?
							   got / rd->secsize : n));
		if (ngood == n)
			return good(rd, lba, n) ? -(int64_t)DL_RD_FATAL : (int64_t)lba + n;
		bad = lba + ngood;	/* short transfer or a raw sector failing its check */
	} else if (io->sense.info_valid && io->sense.info >= lba && io->sense.info < lba + n) {
		size_t need = (size_t)(io->sense.info - lba) * rd->secsize;

		bad = (int64_t)io->sense.info;
		/* The data before it is good only if the residual count says it arrived. */
		if (io->resid > 0 && (size_t)n * rd->secsize - (size_t)io->resid >= need)
			ngood = first_bad_raw(rd, lba, (uint32_t)(bad - lba));
		if (ngood < bad - lba) {
			/* not known to have arrived: read that part again on its own */
			if (good(rd, lba, ngood))
				return -(int64_t)DL_RD_FATAL;
			c = dl_reader_run(rd, lba + ngood, (uint32_t)bad);
			if (done(c))
				return -c;
			ngood = 0;
		}
	}
	if (bad >= 0) {
		if (good(rd, lba, ngood))
			return -(int64_t)DL_RD_FATAL;
		c = read_sector(rd, (uint32_t)bad, 1);
		return done(c) ? -(int64_t)c : bad + 1;
	}
	/* The drive did not say which sector failed: read sector by sector. */
	dl_log(DL_LOG_NOTE, "LBA %u+%u: read failed without a failing LBA; reading sector by "
	       "sector", lba, n);
	for (i = 0; i < n; i++) {
		c = read_sector(rd, lba + i, 0);
		if (done(c))
			return -c;
	}
	return (int64_t)lba + n;
}

/*
 * The kernel refused the transfer itself (EINVAL, ENOMEM: more than the
 * node maps or buffers in one command), not the drive: use half as many
 * sectors per command from now on. false when already at one sector.
 */
static bool shrink(struct dl_reader *rd, uint32_t lba, uint32_t n, const struct dl_sg_io *io)
{
	if (io->result != DL_SG_SYSERR || (io->err != EINVAL && io->err != ENOMEM) || n <= 1)
		return false;
	rd->blocks = n / 2;
	rd->shrunk++;
	dl_log(DL_LOG_NOTE, "%s: a read of %u sectors at LBA %u was refused (%s); "
	       "%u sectors per command from now on", dl_sg_read_path(rd->sg), n, lba,
	       strerror(io->err), rd->blocks);
	return true;
}

int dl_reader_run(struct dl_reader *rd, uint32_t lba, uint32_t end)
{
	struct dl_sg_io io;
	int64_t next;
	int c;

	while (lba < end) {
		uint32_t n = end - lba < rd->blocks ? end - lba : rd->blocks;

		if (stopped(rd))
			return DL_RD_INTR;
		if (rd->ops->tick)
			rd->ops->tick(rd->ctx, lba);
		do_read(rd, lba, n, &io);
		if (shrink(rd, lba, n, &io))
			continue;
		c = classify(rd, &io, lba);
		if (done(c))
			return c;
		next = settle(rd, lba, n, &io, c);
		if (next < 0)
			return (int)-next;
		lba = (uint32_t)next;
	}
	return DL_RD_OK;
}
