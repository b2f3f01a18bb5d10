// SPDX-License-Identifier: GPL-2.0
/*
 * SG_IO for the ripper. Every command's result is classified the way a
 * careful SCSI client must: the ioctl's own errno, the sg "info" summary,
 * the SCSI status, the host (transport) and driver bytes, the sense data
 * (fixed or descriptor format) and the residual count.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <scsi/sg.h>

#include "sgio.h"
#include "device.h"

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t get_be16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static void note(struct dl_sg *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note(struct dl_sg *d, const char *fmt, ...)
{
	va_list ap;

	if (!d->verbose)
		return;
	fprintf(stderr, "%s: ", dl_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

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
	note(d, "bulk reads through %s", d->dev.srpath);
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
		note(d, "%s: the sg driver is not loaded (modprobe sg); using %s",
		     arg, d->dev.srpath);
	}
	if (fd < 0 && d->dev.srpath[0]) {
		/* sr refuses write opens of read-only media; SG_IO works read-only. */
		fd = open(d->dev.srpath, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (fd >= 0) {
			if (err)
				note(d, "%s: %s; using %s", d->dev.sgpath, strerror(err),
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
			dl_err("%s: %s (join the 'cdrom' group, or run as root)",
			       d->dev.sgpath[0] ? d->dev.sgpath : d->dev.srpath, strerror(err));
		else if (!d->dev.sgpath[0] && !sg_module_loaded())
			dl_err("%s: %s (the sg driver is not loaded: modprobe sg)",
			       d->dev.srpath[0] ? d->dev.srpath : arg, strerror(err));
		else
			dl_err("%s: %s", d->dev.sgpath[0] ? d->dev.sgpath : d->dev.srpath,
			       strerror(err));
		return -err;
	}
	/* O_NONBLOCK only so that open does not wait for media; SG_IO must block. */
	flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	if (ioctl(fd, SG_GET_VERSION_NUM, &v) < 0 || v < 30000) {
		dl_err("%s: does not support SG_IO v3", d->path);
		close(fd);
		return -ENOTTY;
	}
	d->fd = fd;
	note(d, "using %s (sg driver %d.%d.%d)", d->path, v / 10000, v / 100 % 100, v % 100);
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

	if (dl_read_attr(path, buf, sizeof(buf)) || dl_parse_uint(buf, &v))
		return -1;
	return (long)v;
}

size_t dl_sg_max_transfer(struct dl_sg *d)
{
	char p[512];
	long kb = -1;
	int rsv = 0;

	if (d->dev.sr[0]) {
		snprintf(p, sizeof(p), "/sys/class/block/%s/queue/max_sectors_kb", d->dev.sr);
		kb = read_long(p);
	}
	if (kb <= 0 && d->dev.host >= 0) {
		/* no block node: the SCSI device's own queue limit, via its sg */
		snprintf(p, sizeof(p), "/sys/class/scsi_generic/%s/device/max_sectors", d->dev.sg);
		kb = read_long(p);
		if (kb > 0)
			kb /= 2;
	}
	if (kb > 0)
		return (size_t)kb * 1024;
	if (d->is_sg && !ioctl(d->fd, SG_GET_RESERVED_SIZE, &rsv) && rsv > 0)
		return (size_t)rsv;
	return 64 * 1024;
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
	uint8_t cdb[6] = { 0x00 };

	return dl_sg_exec(d, cdb, 6, SG_DXFER_NONE, NULL, 0, io);
}

int dl_sg_inquiry(struct dl_sg *d, uint8_t *buf, size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[6] = { 0x12, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 6, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_get_config(struct dl_sg *d, uint8_t rt, uint16_t feature, uint8_t *buf,
		     size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[10] = { 0x46, rt & 3, (uint8_t)(feature >> 8), (uint8_t)feature,
			    0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_capacity(struct dl_sg *d, uint32_t *last_lba, uint32_t *blksz,
			struct dl_sg_io *io)
{
	uint8_t cdb[10] = { 0x25 }, buf[8] = { 0 };

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
	uint8_t cdb[10] = { 0x51, 0, 0, 0, 0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_toc(struct dl_sg *d, uint8_t format, bool msf, uint8_t track,
		   uint8_t *buf, size_t len, struct dl_sg_io *io)
{
	uint8_t cdb[10] = { 0x43, msf ? 0x02 : 0, format & 0x0f, 0, 0, 0, track,
			    (uint8_t)(len >> 8), (uint8_t)len, 0 };

	memset(buf, 0, len);
	return dl_sg_exec(d, cdb, 10, SG_DXFER_FROM_DEV, buf, len, io);
}

int dl_sg_read_track_info(struct dl_sg *d, uint32_t track, uint8_t *buf, size_t len,
			  struct dl_sg_io *io)
{
	/* address/number type 01b: the address field is a track number */
	uint8_t cdb[10] = { 0x52, 0x01, 0, 0, 0, 0, 0, (uint8_t)(len >> 8), (uint8_t)len, 0 };

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
		cdb[0] = 0x28;
		put_be32(cdb + 2, lba);
		cdb[7] = (uint8_t)(count >> 8);
		cdb[8] = (uint8_t)count;
		len = 10;
	} else {
		cdb[0] = 0xa8;
		put_be32(cdb + 2, lba);
		put_be32(cdb + 6, count);
		len = 12;
	}
	return exec_read(d, cdb, len, buf, (size_t)count * blksz, io);
}

int dl_sg_read_cd_raw(struct dl_sg *d, uint32_t lba, uint32_t count, void *buf,
		      struct dl_sg_io *io)
{
	uint8_t cdb[12] = { 0xbe, 0x00 };

	put_be32(cdb + 2, lba);
	cdb[6] = (uint8_t)(count >> 16);
	cdb[7] = (uint8_t)(count >> 8);
	cdb[8] = (uint8_t)count;
	cdb[9] = 0xf8;		/* sync, all headers, user data, EDC/ECC */
	cdb[10] = 0;		/* no sub-channel */
	return exec_read(d, cdb, 12, buf, (size_t)count * 2352, io);
}

const char *dl_mmc_profile_name(int profile)
{
	switch (profile) {
	case 0x08: return "CD-ROM";
	case 0x09: return "CD-R";
	case 0x0a: return "CD-RW";
	case 0x10: return "DVD-ROM";
	case 0x11: return "DVD-R";
	case 0x12: return "DVD-RAM";
	case 0x13: return "DVD-RW (restricted overwrite)";
	case 0x14: return "DVD-RW";
	case 0x15: return "DVD-R DL";
	case 0x16: return "DVD-R DL (layer jump)";
	case 0x1a: return "DVD+RW";
	case 0x1b: return "DVD+R";
	case 0x2a: return "DVD+RW DL";
	case 0x2b: return "DVD+R DL";
	case 0x40: return "BD-ROM";
	case 0x41: return "BD-R (SRM)";
	case 0x42: return "BD-R (RRM)";
	case 0x43: return "BD-RE";
	case 0x50: return "HD DVD-ROM";
	case 0x51: return "HD DVD-R";
	case 0x52: return "HD DVD-RAM";
	case -1: return "unknown";
	default: return "other";
	}
}

static void copy_field(char *dst, const uint8_t *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? (char)src[i] : ' ';
	while (n && dst[n - 1] == ' ')
		n--;
	dst[n] = '\0';
}

/* TEST UNIT READY until ready: UNIT ATTENTIONs are consumed, "becoming ready" waited for. */
static int wait_ready(struct dl_sg *d, const char *name)
{
	struct dl_sg_io io;
	char why[160];
	int i;

	for (i = 0; i < 60; i++) {
		if (!dl_sg_tur(d, &io))
			return 0;
		if (io.result == DL_SG_CHECK) {
			if (io.sense.key == DL_SK_UNIT_ATTENTION)
				continue;
			if (io.sense.key == DL_SK_NOT_READY && io.sense.asc == 0x3a) {
				dl_err("%s: no disc in the drive", name);
				return -1;
			}
			if (io.sense.key == DL_SK_NOT_READY && io.sense.asc == 0x04 &&
			    io.sense.ascq != 0x03) {
				note(d, "%s: drive becoming ready, waiting", name);
				sleep(1);
				continue;
			}
		}
		dl_err("%s: TEST UNIT READY: %s", name, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	dl_err("%s: the drive did not become ready", name);
	return -1;
}

static bool profile_is_cd(int p)
{
	return p >= 0x08 && p <= 0x0a;
}

/* Start and size of @track from READ TRACK INFORMATION; false if unavailable. */
static bool track_info(struct dl_sg *d, uint32_t track, uint32_t *start, uint32_t *size,
		       uint8_t *mode)
{
	uint8_t buf[36];
	struct dl_sg_io io;
	char why[160];

	if (dl_sg_read_track_info(d, track, buf, sizeof(buf), &io)) {
		note(d, "READ TRACK INFORMATION %u: %s", track, dl_sg_describe(&io, why, sizeof(why)));
		return false;
	}
	if ((int)sizeof(buf) - io.resid < 28 || get_be16(buf) < 26) {
		note(d, "READ TRACK INFORMATION %u: short reply", track);
		return false;
	}
	*start = get_be32(buf + 8);
	*size = get_be32(buf + 24);
	if (mode)
		*mode = buf[5] & 0x0f;	/* track mode (CONTROL nibble) */
	return true;
}

int dl_disc_identify(struct dl_sg *d, struct dl_disc *disc)
{
	uint8_t buf[2048];
	struct dl_sg_io io;
	char why[160];
	uint32_t last, bs;
	const char *name = d->path;

	memset(disc, 0, sizeof(*disc));
	disc->profile = -1;
	disc->sessions = -1;
	if (dl_sg_inquiry(d, buf, 96, &io)) {
		dl_err("%s: INQUIRY: %s", name, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	disc->ptype = buf[0] & 0x1f;
	copy_field(disc->vendor, buf + 8, 8);
	copy_field(disc->product, buf + 16, 16);
	copy_field(disc->revision, buf + 32, 4);
	note(d, "drive: %s %s %s", disc->vendor, disc->product, disc->revision);
	if (disc->ptype != 5) {
		dl_err("%s: not a CD/DVD drive (peripheral device type %u)", name, disc->ptype);
		return -1;
	}
	if (wait_ready(d, name))
		return -1;

	if (!dl_sg_get_config(d, 1, 0, buf, 8, &io) && 8 - io.resid >= 8) {
		disc->profile = get_be16(buf + 6);
		note(d, "current profile: %s (%04Xh)", dl_mmc_profile_name(disc->profile),
		     disc->profile);
	} else {
		note(d, "GET CONFIGURATION failed (%s): profile unknown, falling back to "
		     "READ CAPACITY", io.result == DL_SG_GOOD ? "short reply" :
		     dl_sg_describe(&io, why, sizeof(why)));
	}
	if (disc->profile == 0) {
		dl_err("%s: no disc in the drive", name);
		return -1;
	}

	if (dl_sg_read_capacity(d, &last, &bs, &io)) {
		dl_err("%s: READ CAPACITY: %s", name, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	disc->capacity = last + 1;
	disc->blksz = bs;
	note(d, "READ CAPACITY: %u blocks of %u bytes", disc->capacity, bs);
	if (bs != 2048) {
		dl_err("%s: the drive reports %u-byte blocks; only 2048-byte data discs can be ripped",
		       name, bs);
		return -1;
	}

	if (!dl_sg_read_disc_info(d, buf, 34, &io) && 34 - io.resid >= 12) {
		disc->sessions = buf[4] | (34 - io.resid >= 10 ? buf[9] << 8 : 0);
		note(d, "READ DISC INFORMATION: status %u, %d session(s), tracks %u-%u",
		     buf[2] & 3, disc->sessions, buf[3], buf[6] | buf[11] << 8);
	} else {
		note(d, "READ DISC INFORMATION failed (%s)", io.result == DL_SG_GOOD ?
		     "short reply" : dl_sg_describe(&io, why, sizeof(why)));
	}

	if (disc->profile < 0 || profile_is_cd(disc->profile)) {
		/* CD (or unknown): the TOC tells data from audio tracks. */
		if (!dl_sg_read_toc(d, 0, false, 1, buf, 4 + 100 * 8, &io) &&
		    (int)(4 + 100 * 8) - io.resid >= 12) {
			int n = (get_be16(buf) - 2) / 8, i;
			int avail = (4 + 100 * 8 - io.resid - 4) / 8;

			if (n > avail)
				n = avail;
			disc->is_cd = true;
			for (i = 0; i < n; i++) {
				const uint8_t *e = buf + 4 + 8 * i;
				uint8_t tno = e[2], ctl = e[1] & 0x0f;
				uint32_t st = get_be32(e + 4), next;

				if (tno == 0xaa || tno == 0 || tno > 99)
					continue;
				disc->tracks++;
				if (!(ctl & 0x04)) {
					disc->audio_tracks++;
					continue;
				}
				disc->data_tracks++;
				if (disc->track)
					continue;
				next = i + 1 < n ? get_be32(e + 8 + 4) : disc->capacity;
				disc->track = tno;
				disc->start = st;
				disc->sectors = next > st ? next - st : 0;
				disc->source = "TOC";
			}
			note(d, "READ TOC: %d track(s), %d data, %d audio", disc->tracks,
			     disc->data_tracks, disc->audio_tracks);
			if (!disc->tracks) {
				dl_err("%s: the disc's TOC lists no tracks", name);
				return -1;
			}
			if (!disc->data_tracks) {
				dl_err("%s: no data track on the disc (an audio CD?): "
				       "audio ripping is not implemented", name);
				return -1;
			}
			/* The track's own size excludes gaps to the next session. */
			{
				uint32_t ts, tsz;

				if (track_info(d, disc->track, &ts, &tsz, NULL) && ts == disc->start &&
				    tsz && tsz <= disc->sectors) {
					if (tsz != disc->sectors)
						note(d, "track %d: TOC spans %u sectors, the track %u",
						     disc->track, disc->sectors, tsz);
					disc->sectors = tsz;
					disc->source = "TOC and track information";
				}
			}
			if (disc->audio_tracks)
				fprintf(stderr, "%s: %s: note: ripping data track %d only; "
					"%d audio track(s) are not ripped\n", dl_progname, name,
					disc->track, disc->audio_tracks);
		} else if (disc->profile >= 0) {
			note(d, "READ TOC failed (%s): falling back to READ CAPACITY",
			     io.result == DL_SG_GOOD ? "short reply" :
			     dl_sg_describe(&io, why, sizeof(why)));
			disc->is_cd = true;
		} else {
			note(d, "READ TOC failed (%s): falling back to READ CAPACITY",
			     io.result == DL_SG_GOOD ? "short reply" :
			     dl_sg_describe(&io, why, sizeof(why)));
		}
	} else {
		/* DVD, BD: the first track, from READ TRACK INFORMATION. */
		uint32_t ts, tsz;

		if (track_info(d, 1, &ts, &tsz, NULL) && tsz) {
			disc->track = 1;
			disc->start = ts;
			disc->sectors = tsz;
			disc->source = "track information";
			disc->tracks = disc->data_tracks = 1;
			if (ts + (uint64_t)tsz > disc->capacity) {
				note(d, "track 1 (%u+%u) runs past READ CAPACITY (%u): "
				     "using READ CAPACITY", ts, tsz, disc->capacity);
				disc->sectors = disc->capacity > ts ? disc->capacity - ts : 0;
			}
		} else {
			note(d, "no track information: falling back to READ CAPACITY");
		}
	}
	if (!disc->source) {
		disc->track = 0;
		disc->start = 0;
		disc->sectors = disc->capacity;
		disc->source = "READ CAPACITY";
	}
	if (!disc->sectors) {
		dl_err("%s: the data track is empty", name);
		return -1;
	}
	note(d, "data: track %d, LBA %u, %u sectors (%s)", disc->track, disc->start,
	     disc->sectors, disc->source);
	return 0;
}
