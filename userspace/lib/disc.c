// SPDX-License-Identifier: GPL-2.0
/*
 * Disc identification: what the drive and the disc say about themselves
 * (INQUIRY, GET CONFIGURATION, READ CAPACITY, READ DISC INFORMATION, the
 * TOC and track information), and which data track a rip reads.
 */
#include <string.h>
#include <unistd.h>

#include "bytes.h"
#include "disc.h"
#include "errmsg.h"
#include "../../common/cdframe.h"
#include "../../common/scsi_asc.h"

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
			if (io.sense.key == DL_SK_NOT_READY && io.sense.asc == DL_ASC_MEDIUM_NOT_PRESENT) {
				dl_seterr("%s: no disc in the drive", name);
				return -1;
			}
			if (io.sense.key == DL_SK_NOT_READY && io.sense.asc == DL_ASC_NOT_READY &&
			    io.sense.ascq != DL_ASCQ_MANUAL_INTERVENTION) {
				dl_log(DL_LOG_NOTE, "%s: drive becoming ready, waiting", name);
				sleep(1);
				continue;
			}
		}
		dl_seterr("%s: TEST UNIT READY: %s", name, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	dl_seterr("%s: the drive did not become ready", name);
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
		dl_log(DL_LOG_NOTE, "READ TRACK INFORMATION %u: %s", track, dl_sg_describe(&io, why, sizeof(why)));
		return false;
	}
	if ((int)sizeof(buf) - io.resid < 28 || get_be16(buf) < 26) {
		dl_log(DL_LOG_NOTE, "READ TRACK INFORMATION %u: short reply", track);
		return false;
	}
	*start = get_be32(buf + 8);
	*size = get_be32(buf + 24);
	if (mode)
		*mode = buf[5] & 0x0f;	/* track mode (CONTROL nibble) */
	return true;
}

/* INQUIRY: who the drive is, and whether it is a CD/DVD drive at all. */
static int identify_drive(struct dl_sg *d, struct dl_disc *disc)
{
	uint8_t buf[96];
	struct dl_sg_io io;
	char why[160];

	if (dl_sg_inquiry(d, buf, sizeof(buf), &io)) {
		dl_seterr("%s: INQUIRY: %s", d->path, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	disc->ptype = buf[0] & 0x1f;
	copy_field(disc->vendor, buf + 8, 8);
	copy_field(disc->product, buf + 16, 16);
	copy_field(disc->revision, buf + 32, 4);
	dl_log(DL_LOG_NOTE, "drive: %s %s %s", disc->vendor, disc->product, disc->revision);
	if (disc->ptype != 5) {
		dl_seterr("%s: not a CD/DVD drive (peripheral device type %u)", d->path,
			  disc->ptype);
		return -1;
	}
	return 0;
}

/* GET CONFIGURATION's current profile, READ CAPACITY, READ DISC INFORMATION. */
static int identify_medium(struct dl_sg *d, struct dl_disc *disc, bool whole_cd)
{
	uint8_t buf[34];
	struct dl_sg_io io;
	char why[160];
	uint32_t last, bs;

	if (!dl_sg_get_config(d, 1, 0, buf, 8, &io) && 8 - io.resid >= 8) {
		disc->profile = get_be16(buf + 6);
		dl_log(DL_LOG_NOTE, "current profile: %s (%04Xh)",
		       dl_mmc_profile_name(disc->profile), disc->profile);
	} else {
		dl_log(DL_LOG_NOTE, "GET CONFIGURATION failed (%s): profile unknown, falling "
		       "back to READ CAPACITY", io.result == DL_SG_GOOD ? "short reply" :
		       dl_sg_describe(&io, why, sizeof(why)));
	}
	if (disc->profile == 0) {
		dl_seterr("%s: no disc in the drive", d->path);
		return -1;
	}
	if (dl_sg_read_capacity(d, &last, &bs, &io)) {
		dl_seterr("%s: READ CAPACITY: %s", d->path, dl_sg_describe(&io, why, sizeof(why)));
		return -1;
	}
	disc->capacity = last + 1;
	disc->blksz = bs;
	dl_log(DL_LOG_NOTE, "READ CAPACITY: %u blocks of %u bytes", disc->capacity, bs);
	if (bs != DL_CD_DATA_SIZE && !whole_cd) {
		dl_seterr("%s: the drive reports %u-byte blocks; only %u-byte data discs can be "
			  "ripped", d->path, bs, DL_CD_DATA_SIZE);
		return -1;
	}
	if (!dl_sg_read_disc_info(d, buf, sizeof(buf), &io) && 34 - io.resid >= 12) {
		disc->sessions = buf[4] | (34 - io.resid >= 10 ? buf[9] << 8 : 0);
		dl_log(DL_LOG_NOTE, "READ DISC INFORMATION: status %u, %d session(s), tracks "
		       "%u-%u", buf[2] & 3, disc->sessions, buf[3], buf[6] | buf[11] << 8);
	} else {
		dl_log(DL_LOG_NOTE, "READ DISC INFORMATION failed (%s)", io.result == DL_SG_GOOD ?
		       "short reply" : dl_sg_describe(&io, why, sizeof(why)));
	}
	return 0;
}

/* Count the TOC's tracks and take the first data track as the one to read. */
static void toc_tracks(struct dl_disc *disc, const uint8_t *buf, int n)
{
	int i;

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
}

/*
 * A CD (or a disc of unknown profile): the TOC tells data from audio tracks.
 * Returns 0 (a data track found, or a fallback to READ CAPACITY is in order)
 * or -1 with the reason set.
 */
static int identify_cd_track(struct dl_sg *d, struct dl_disc *disc, bool whole_cd)
{
	uint8_t buf[4 + 100 * 8];
	struct dl_sg_io io;
	char why[160];
	uint32_t ts, tsz;
	int n, avail;

	if (dl_sg_read_toc(d, 0, false, 1, buf, sizeof(buf), &io) ||
	    (int)sizeof(buf) - io.resid < 12) {
		dl_log(DL_LOG_NOTE, "READ TOC failed (%s): falling back to READ CAPACITY",
		       io.result == DL_SG_GOOD ? "short reply" :
		       dl_sg_describe(&io, why, sizeof(why)));
		disc->is_cd = disc->profile >= 0;
		return 0;
	}
	n = (get_be16(buf) - 2) / 8;
	avail = ((int)sizeof(buf) - io.resid - 4) / 8;
	if (n > avail)
		n = avail;
	disc->is_cd = true;
	toc_tracks(disc, buf, n);
	dl_log(DL_LOG_NOTE, "READ TOC: %d track(s), %d data, %d audio", disc->tracks,
	       disc->data_tracks, disc->audio_tracks);
	if (!disc->tracks) {
		dl_seterr("%s: the disc's TOC lists no tracks", d->path);
		return -1;
	}
	if (whole_cd)
		return 0;	/* the caller reads the whole layout itself */
	if (!disc->data_tracks) {
		dl_seterr("%s: no data track on the disc (an audio CD?): rip it to a .cue",
			  d->path);
		return -1;
	}
	/* The track's own size excludes gaps to the next session. */
	if (track_info(d, disc->track, &ts, &tsz, NULL) && ts == disc->start && tsz &&
	    tsz <= disc->sectors) {
		if (tsz != disc->sectors)
			dl_log(DL_LOG_NOTE, "track %d: TOC spans %u sectors, the track %u",
			       disc->track, disc->sectors, tsz);
		disc->sectors = tsz;
		disc->source = "TOC and track information";
	}
	if (disc->audio_tracks)
		dl_log(DL_LOG_WARN, "%s: note: ripping data track %d only; %d audio track(s) "
		       "are not ripped (rip to a .cue for all of them)", d->path, disc->track,
		       disc->audio_tracks);
	return 0;
}

/* DVD, BD: the first track, from READ TRACK INFORMATION. */
static void identify_dvd_track(struct dl_sg *d, struct dl_disc *disc)
{
	uint32_t ts, tsz;

	if (!track_info(d, 1, &ts, &tsz, NULL) || !tsz) {
		dl_log(DL_LOG_NOTE, "no track information: falling back to READ CAPACITY");
		return;
	}
	disc->track = 1;
	disc->start = ts;
	disc->sectors = tsz;
	disc->source = "track information";
	disc->tracks = disc->data_tracks = 1;
	if (ts + (uint64_t)tsz > disc->capacity) {
		dl_log(DL_LOG_NOTE, "track 1 (%u+%u) runs past READ CAPACITY (%u): using READ "
		       "CAPACITY", ts, tsz, disc->capacity);
		disc->sectors = disc->capacity > ts ? disc->capacity - ts : 0;
	}
}

static int identify(struct dl_sg *d, struct dl_disc *disc, bool whole_cd)
{
	memset(disc, 0, sizeof(*disc));
	disc->profile = -1;
	disc->sessions = -1;
	if (identify_drive(d, disc) || wait_ready(d, d->path) ||
	    identify_medium(d, disc, whole_cd))
		return -1;
	if (disc->profile < 0 || profile_is_cd(disc->profile)) {
		if (identify_cd_track(d, disc, whole_cd))
			return -1;
	} else {
		identify_dvd_track(d, disc);
	}
	if (whole_cd) {
		if (!disc->is_cd) {
			dl_seterr("%s: a .cue rip reads CDs, but the disc is %s", d->path,
				  dl_mmc_profile_name(disc->profile));
			return -1;
		}
		return 0;
	}
	if (!disc->source) {
		disc->track = 0;
		disc->start = 0;
		disc->sectors = disc->capacity;
		disc->source = "READ CAPACITY";
	}
	if (!disc->sectors) {
		dl_seterr("%s: the data track is empty", d->path);
		return -1;
	}
	dl_log(DL_LOG_NOTE, "data: track %d, LBA %u, %u sectors (%s)", disc->track, disc->start,
	       disc->sectors, disc->source);
	return 0;
}

int dl_disc_identify(struct dl_sg *d, struct dl_disc *disc)
{
	return identify(d, disc, false);
}

int dl_disc_identify_cd(struct dl_sg *d, struct dl_disc *disc)
{
	return identify(d, disc, true);
}
