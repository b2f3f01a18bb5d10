// SPDX-License-Identifier: GPL-2.0
/*
 * SG_IO transport: open a drive, send one CDB, classify the result, and the
 * MMC command builders. Every command's result is classified the way a
 * careful SCSI client must: the ioctl's own errno, the sg "info" summary,
 * the SCSI status, the host (transport) and driver bytes, the sense data
 * (fixed or descriptor format) and the residual count.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <limits.h>
#include <linux/cdrom.h>
#include <linux/fs.h>
#include <scsi/sg.h>

#include "bytes.h"
#include "device.h"
#include "errmsg.h"
#include "strutils.h"
#include "sgio.h"
#include "../../common/cdframe.h"


static bool sg_module_loaded(void)
{
	struct stat st;

	return !stat("/sys/class/scsi_generic", &st);
}

/*
 * The sg driver copies every transfer through its own kernel buffer. SG_IO
 * on the block node maps a suitably aligned user buffer straight into the
 * request instead, so bulk reads go there when /dev/srN exists; commands
 * other than reads keep the sg node, which applies no command filter.
 */
static void open_bulk(struct dl_sg *d)
{
	int fd, flags;

	if (!d->is_sg || !d->dev.srpath[0])
		return;
	fd = open(d->dev.srpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return;
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	d->rfd = fd;
	dl_log(DL_LOG_NOTE, "bulk reads through %s", d->dev.srpath);
}

int dl_sg_open(const char *arg, struct dl_sg *d)
{
	int fd = -1, err = 0, v = 0, flags;

	if (!d->timeout_ms)
		d->timeout_ms = DL_SG_TIMEOUT_MS;
	d->fd = -1;
	d->rfd = -1;
	if (dl_dev_resolve(arg, &d->dev))
		return -ENODEV;
	if (d->dev.sgpath[0]) {
		/* O_RDWR: sg then applies no command filter (vendor opcodes, MODE SELECT). */
		fd = open(d->dev.sgpath, O_RDWR | O_NONBLOCK | O_CLOEXEC);
		if (fd < 0 && (errno == EACCES || errno == EPERM || errno == EROFS))
			fd = open(d->dev.sgpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			snprintf(d->path, sizeof(d->path), "%s", d->dev.sgpath);
			d->is_sg = true;
		} else {
			err = errno;
		}
	} else if (!sg_module_loaded()) {
		dl_log(DL_LOG_NOTE, "%s: the sg driver is not loaded (modprobe sg); using %s",
		     arg, d->dev.srpath);
	}
	if (fd < 0 && d->dev.srpath[0]) {
		/* sr refuses write opens of read-only media; SG_IO works read-only. */
		fd = open(d->dev.srpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			if (err)
				dl_log(DL_LOG_NOTE, "%s: %s; using %s", d->dev.sgpath, strerror(err),
				     d->dev.srpath);
			snprintf(d->path, sizeof(d->path), "%s", d->dev.srpath);
			d->is_sg = false;
		} else if (!err) {
			err = errno;
		}
	}
	if (fd < 0) {
		if (!err)
			err = ENODEV;
		if (err == EACCES || err == EPERM)
			dl_seterr("%s: %s (join the 'cdrom' group, or run as root)",
			       d->dev.sgpath[0] ? d->dev.sgpath : d->dev.srpath, strerror(err));
		else if (!d->dev.sgpath[0] && !sg_module_loaded())
			dl_seterr("%s: %s (the sg driver is not loaded: modprobe sg)",
			       d->dev.srpath[0] ? d->dev.srpath : arg, strerror(err));
		else
			dl_seterr("%s: %s", d->dev.sgpath[0] ? d->dev.sgpath : d->dev.srpath,
			       strerror(err));
		return -err;
	}
	/* O_NONBLOCK only so that open does not wait for media; SG_IO must block. */
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if (ioctl(fd, SG_GET_VERSION_NUM, &v) < 0 || v < 30000) {
		dl_seterr("%s: does not support SG_IO v3", d->path);
		close(fd);
		return -ENOTTY;
	}
	d->fd = fd;
	dl_log(DL_LOG_NOTE, "using %s (sg driver %d.%d.%d)", d->path, v / 10000, v / 100 % 100, v % 100);
	open_bulk(d);
	return 0;
}

void dl_sg_close(struct dl_sg *d)
{
	if (d->fd >= 0)
		close(d->fd);
	if (d->rfd >= 0)
		close(d->rfd);
	d->fd = d->rfd = -1;
}

static long read_long(const char *path)
{
	char buf[64];
	unsigned long v;

	if (dl_read_attr(path, buf, sizeof(buf)) || dl_strtoul_range(buf, 0, ULONG_MAX, &v))
		return -1;
	return (long)v;
}

/*
 * A queue limit of the block node: /sys/class/block/srN/queue/NAME, or
 * (no block node) the same queue reached from the sg node's device.
 */
static long queue_limit(const struct dl_sg *d, const char *name)
{
	char p[512];
	long v = -1;

	if (d->dev.sr[0]) {
		snprintf(p, sizeof(p), "/sys/class/block/%s/queue/%s", d->dev.sr, name);
		v = read_long(p);
	}
	return v;
}

/*
 * What one SG_IO command may move depends on the node it goes through:
 *
 * - The block node (/dev/srN) maps the caller's buffer straight into the
 *   request, one segment per physically contiguous run of pages. Nothing
 *   makes user pages contiguous, so the worst case is one segment per page:
 *   max_segments pages. A longer transfer fails with EINVAL whenever the
 *   pages happen to be scattered (QEMU's virtio-scsi gives 126 or 254
 *   segments: 504 or 1016 KiB, less than the 1280 KiB of max_sectors_kb).
 * - The sg node copies through its own buffer of max_segments chunks of
 *   scatter_elem_sz (32 KiB by default; single pages when memory is
 *   fragmented), and refuses more than the queue's max_sectors (BLKSECTGET).
 *
 * Both are bounded by the queue's max_sectors_kb. The segment bound is
 * taken at one page per segment for either node: always safe.
 */
static size_t transfer_limit(struct dl_sg *d, bool safe)
{
	size_t max = 0, page = (size_t)sysconf(_SC_PAGESIZE);
	long kb, segs;
	int v = 0;

	kb = queue_limit(d, "max_sectors_kb");
	segs = queue_limit(d, "max_segments");
	if (kb > 0)
		max = (size_t)kb * 1024;
	if (d->is_sg && !ioctl(d->fd, BLKSECTGET, &v) && v > 0 && (!max || (size_t)v < max))
		max = (size_t)v;	/* sg: the queue's max_sectors, in bytes */
	if (safe && segs <= 0 && d->is_sg && !ioctl(d->fd, SG_GET_SG_TABLESIZE, &v) && v > 0)
		segs = v;		/* sg: the queue's max_segments */
	if (safe && segs > 0 && (!max || (size_t)segs * page < max))
		max = (size_t)segs * page;
	if (max)
		return max;
	if (d->is_sg && !ioctl(d->fd, SG_GET_RESERVED_SIZE, &v) && v > 0)
		return (size_t)v;
	return 64 * 1024;
}

size_t dl_sg_max_transfer(struct dl_sg *d)
{
	return transfer_limit(d, true);
}

size_t dl_sg_hard_transfer(struct dl_sg *d)
{
	return transfer_limit(d, false);
}

const char *dl_sg_read_path(const struct dl_sg *d)
{
	return d->rfd >= 0 ? d->dev.srpath : d->path;
}

static int exec_on(struct dl_sg *d, int fd, const uint8_t *cdb, int cdblen, int dir,
		   void *buf, size_t len, struct dl_sg_io *io)
{
	struct sg_io_hdr h;

	memset(io, 0, sizeof(*io));
	memset(&h, 0, sizeof(h));
	h.interface_id = 'S';
	h.cmdp = (unsigned char *)cdb;
	h.cmd_len = (unsigned char)cdblen;
	h.dxfer_direction = len ? dir : SG_DXFER_NONE;
	h.dxferp = buf;
	h.dxfer_len = (unsigned)len;
	h.sbp = io->sbuf;
	h.mx_sb_len = sizeof(io->sbuf);
	h.timeout = d->timeout_ms;
	if (ioctl(fd, SG_IO, &h) < 0) {
		io->err = errno;
		io->result = DL_SG_SYSERR;
		return io->result;
	}
	io->status = h.status;
	io->host_status = h.host_status;
	io->driver_status = h.driver_status;
	io->resid = h.resid;
	io->duration = h.duration;
	io->sb_len = h.sb_len_wr;
	if (io->sb_len > 0)
		dl_sense_parse(io->sbuf, (size_t)io->sb_len, &io->sense);
	if ((h.info & SG_INFO_OK_MASK) == SG_INFO_OK && !h.host_status &&
	    !(h.driver_status & 0x0f) && !(h.status & 0x7e)) {
		io->result = DL_SG_GOOD;
	} else if (h.host_status) {
		io->result = DL_SG_TRANSPORT;
	} else if ((h.status & 0x7e) == 0x02 || (h.driver_status & 0x08 /* DRIVER_SENSE */)) {
		/* CHECK CONDITION; RECOVERED ERROR means the data is good. */
		if (io->sense.valid && io->sense.key == DL_SK_RECOVERED_ERROR)
			io->result = DL_SG_GOOD;
		else if (io->sense.valid && io->sense.key == DL_SK_NO_SENSE &&
			 !io->sense.asc && !io->sense.ascq && !io->sense.ili)
			io->result = DL_SG_GOOD;
		else
			io->result = DL_SG_CHECK;
	} else {
		io->result = DL_SG_TRANSPORT;	/* BUSY, RESERVATION CONFLICT, timeout, ... */
	}
	if (io->result == DL_SG_GOOD && io->resid < 0)
		io->resid = 0;
	return io->result;
}

static const char *host_text(unsigned h)
{
	static const char *const t[] = {
		"ok", "no connection", "bus busy", "timed out", "bad target",
		"aborted", "parity error", "internal host error", "reset",
		"bad interrupt", "passthrough", "soft error", "imm retry",
		"requeue", "transport disrupted", "transport failfast",
		"target failure", "nexus failure", "allocation failure", "medium error",
	};

	return h < sizeof(t) / sizeof(t[0]) ? t[h] : "host error";
}

char *dl_sg_describe(const struct dl_sg_io *io, char *buf, size_t size)
{
	switch (io->result) {
	case DL_SG_GOOD:
		snprintf(buf, size, "success");
		break;
	case DL_SG_SYSERR:
		snprintf(buf, size, "SG_IO: %s", strerror(io->err));
		break;
	case DL_SG_CHECK:
		dl_sense_describe(&io->sense, buf, size);
		break;
	case DL_SG_TRANSPORT:
		if (io->host_status)
			snprintf(buf, size, "transport error: %s (host status 0x%02x)",
				 host_text(io->host_status), io->host_status);
		else if ((io->driver_status & 0x0f) == 0x06)
			snprintf(buf, size, "command timed out");
		else
			snprintf(buf, size, "SCSI status 0x%02x, driver status 0x%02x",
				 io->status, io->driver_status);
		break;
	}
	return buf;
}

int dl_sg_exec(struct dl_sg *d, const uint8_t *cdb, int cdblen, int dir,
	       void *buf, size_t len, struct dl_sg_io *io)
{
	return exec_on(d, d->fd, cdb, cdblen, dir, buf, len, io);
}

/* A bulk read: on the block node when there is one. */
static int exec_read(struct dl_sg *d, const uint8_t *cdb, int cdblen, void *buf, size_t len,
		     struct dl_sg_io *io)
{
	return exec_on(d, d->rfd >= 0 ? d->rfd : d->fd, cdb, cdblen, SG_DXFER_FROM_DEV, buf,
		       len, io);
}

int dl_sg_tur(struct dl_sg *d, struct dl_sg_io *io)
{
	uint8_t cdb[6] = { GPCMD_TEST_UNIT_READY };

	return dl_sg_exec(d, cdb, 6, SG_DXFER_NONE, NULL, 0, io);
}

int dl_sg_inquiry(struct dl_sg *d, uint8_t *buf, size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[6] = { GPCMD_INQUIRY, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 6, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_get_config(struct dl_sg *d, uint8_t rt, uint16_t feature, uint8_t *buf,
		     size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[10] = { GPCMD_GET_CONFIGURATION, rt & 3, (uint8_t)(feature >> 8), (uint8_t)feature,
			    0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_capacity(struct dl_sg *d, uint32_t *last_lba, uint32_t *blksz,
			struct dl_sg_io *io)
{
	uint8_t cdb[10] = { GPCMD_READ_CDVD_CAPACITY }, buf[8] = { 0 };

	if (dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, 8, io))
		return io->result;
	if (io->resid > 0) {
		io->result = DL_SG_TRANSPORT;
		return io->result;
	}
	*last_lba = get_be32(buf);
	*blksz = get_be32(buf + 4);
	return 0;
}

int dl_sg_read_disc_info(struct dl_sg *d, uint8_t *buf, size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[10] = { GPCMD_READ_DISC_INFO, 0, 0, 0, 0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_toc(struct dl_sg *d, uint8_t format, bool msf, uint8_t track,
		   uint8_t *buf, size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[10] = { GPCMD_READ_TOC_PMA_ATIP, msf ? 0x02 : 0, format & 0x0f, 0, 0, 0, track,
			    (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_track_info(struct dl_sg *d, uint32_t track, uint8_t *buf, size_t len,
			  struct dl_sg_io *io)
{
	/* address/number type 01b: the address field is a track number */
	uint8_t cdb[10] = { GPCMD_READ_TRACK_RZONE_INFO, 0x01, 0, 0, 0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	put_be32(cdb + 2, track);
	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read(struct dl_sg *d, uint32_t lba, uint32_t count, uint32_t blksz,
	       void *buf, struct dl_sg_io *io)
{
	uint8_t cdb[12] = { 0 };
	int len;

	if (count <= 0xffff) {
		cdb[0] = GPCMD_READ_10;
		put_be32(cdb + 2, lba);
		cdb[7] = (uint8_t)(count >> 8);
		cdb[8] = (uint8_t)count;
		len = 10;
	} else {
		cdb[0] = GPCMD_READ_12;
		put_be32(cdb + 2, lba);
		put_be32(cdb + 6, count);
		len = 12;
	}
	return exec_read(d, cdb, len, buf, (size_t)count * blksz, io);
}

int dl_sg_read_cd_raw(struct dl_sg *d, uint32_t lba, uint32_t count, void *buf,
		      struct dl_sg_io *io)
{
	return dl_sg_read_cd(d, lba, count, false, false, 0, buf, io);
}

int dl_sg_read_cd(struct dl_sg *d, uint32_t lba, uint32_t count, bool cdda, bool c2, int sub,
		  void *buf, struct dl_sg_io *io)
{
	uint8_t cdb[12] = { GPCMD_READ_CD, cdda ? 1 << 2 : 0 };

	put_be32(cdb + 2, lba);
	cdb[6] = (uint8_t)(count >> 16);
	cdb[7] = (uint8_t)(count >> 8);
	cdb[8] = (uint8_t)count;
	cdb[9] = c2 ? 0xfa : 0xf8;	/* sync, all headers, user data, EDC/ECC (C2) */
	cdb[10] = (uint8_t)sub;		/* 0: none, 1: raw P-W, 2: formatted Q */
	return exec_read(d, cdb, 12, buf, (size_t)count * (DL_CD_RAW_SIZE +
					  (c2 ? DL_CD_C2_SIZE : 0) +
					  (sub == 1 ? DL_CD_SUB_RAW_SIZE : 0) +
					  (sub == 2 ? DL_CD_SUBQ_SIZE : 0)), io);
}
