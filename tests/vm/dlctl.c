// SPDX-License-Identifier: GPL-2.0
/*
 * dlctl: a minimal driver of the discloop control ioctls, for the VM tests.
 *
 *   dlctl version
 *   dlctl add [IMAGE|-] [--profile cd|dvd|bd] [--index N]   prints the index
 *   dlctl remove N
 *   dlctl insert N IMAGE [--profile P] [--force]
 *   dlctl eject N [--force|--request]
 *   dlctl info N           key=value lines
 *   dlctl passthrough N on|off   DISCLOOP_CTL_SET_PASSTHROUGH (ABI 3)
 *   add, eject and passthrough also take --passthrough (the flag) and
 *   --flags N (the flags field as given, to test refusals)
 *   dlctl faults N [LBA:COUNT[:READS]]...   (none: clear)
 *   dlctl quirks N [--offset SAMPLES] [--scramble] [--overread SECTORS]
 *         [--c2 LBA:COUNT:OFFSET:LENGTH[:READS]]... [--flags N]
 *         [--reserved N] [--size N]    SET_QUIRKS (no option: all off)
 *   dlctl quirks N --get   GET_QUIRKS as key=value lines, one c2= per range
 *   dlctl insert-disc N SPECFILE   DISCLOOP_CTL_INSERT_DISC of a layout
 *   dlctl get-disc N       the layout in the drive, in the spec format
 *   dlctl sg DEV CDB-HEX [ALLOC] [-o FILE]   one SG_IO command; prints
 *       status=S sense=KK/AA/QQ valid=V info=N resid=R got=N host=H ili=I
 *       (sense=none without CHECK CONDITION); data-in to FILE
 *
 * The layout spec of insert-disc: one item a line, '#' starts a comment,
 * fields are KEY=VALUE (numbers in C notation: 0x.., negative allowed):
 *   track number=N session=S type=audio|mode1|mode2|xa|N file=PATH
 *         size=SECTOR_SIZE offset=BYTES start=LBA pregap=N stored=N
 *         length=N postgap=N [control=N] [flags=N] [isrc=12CHARS]
 *         [fd=N] [reserved=N]
 *       control defaults to 4 for data tracks and 0 for audio; the same
 *       PATH twice is opened once (one descriptor, given twice); fd=N
 *       passes N instead of a descriptor; reserved=N sets reserved[0]
 *   index track=N index=N lba=N [reserved=N]
 *   disc [type=N] [mcn=13DIGITS] [flags=N] [pad=N] [reserved=N]
 *        [track_size=N] [size=N] [nr_tracks=N]
 *   cdtext file=PATH       binary CD-TEXT packs (18 bytes each)
 *   sub file=PATH layout=raw|linear|N [lba=N] [offset=N] [fd=N]
 * get-disc prints the disc line, then one track line per track (file=-)
 * and one index line per index point, then cdtext_len=N.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <scsi/sg.h>
#include <linux/discloop.h>

static int sg_cmd(int argc, char **argv)
{
	unsigned char cdb[32], sense[64], *buf = NULL;
	const char *out = NULL, *hex;
	unsigned int alloc = 0, n = 0;
	struct sg_io_hdr h;
	int fd, i;

	if (argc < 4)
		return 2;
	hex = argv[3];
	for (i = 4; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else
			alloc = strtoul(argv[i], NULL, 0);
	}
	while (hex[0] && hex[1] && n < sizeof(cdb)) {
		unsigned int v;

		if (sscanf(hex, "%2x", &v) != 1)
			return 2;
		cdb[n++] = v;
		hex += 2;
	}
	fd = open(argv[2], O_RDWR | O_NONBLOCK);
	if (fd < 0)
		fd = open(argv[2], O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		perror(argv[2]);
		return 1;
	}
	buf = calloc(1, alloc + 1);
	memset(&h, 0, sizeof(h));
	memset(sense, 0, sizeof(sense));
	h.interface_id = 'S';
	h.dxfer_direction = alloc ? SG_DXFER_FROM_DEV : SG_DXFER_NONE;
	h.cmd_len = n;
	h.cmdp = cdb;
	h.mx_sb_len = sizeof(sense);
	h.sbp = sense;
	h.dxfer_len = alloc;
	h.dxferp = buf;
	h.timeout = 30000;
	if (ioctl(fd, SG_IO, &h)) {
		perror("SG_IO");
		return 1;
	}
	if (h.status == 2 && h.sb_len_wr >= 14)
		printf("status=%d sense=%02x/%02x/%02x valid=%d info=%u resid=%d got=%d host=%d ili=%d\n",
		       h.status, sense[2] & 15, sense[12], sense[13], sense[0] >> 7,
		       (unsigned int)sense[3] << 24 | sense[4] << 16 | sense[5] << 8 | sense[6],
		       h.resid, alloc - h.resid, h.host_status, (sense[2] >> 5) & 1);
	else
		printf("status=%d sense=none resid=%d got=%d host=%d\n", h.status,
		       h.resid, alloc - h.resid, h.host_status);
	if (out) {
		FILE *f = fopen(out, "wb");

		if (!f || fwrite(buf, 1, alloc - h.resid, f) != alloc - h.resid ||
		    fclose(f))
			return 1;
	}
	return 0;
}

#define MAX_SPEC_FILES 128
static struct {
	char path[512];
	int fd;
} spec_files[MAX_SPEC_FILES];
static int nr_spec_files;

/* One descriptor per distinct path. */
static int spec_open(const char *path)
{
	int i;

	for (i = 0; i < nr_spec_files; i++)
		if (!strcmp(spec_files[i].path, path))
			return spec_files[i].fd;
	if (nr_spec_files == MAX_SPEC_FILES) {
		fprintf(stderr, "dlctl: too many files\n");
		exit(2);
	}
	snprintf(spec_files[nr_spec_files].path, sizeof(spec_files[0].path),
		 "%s", path);
	spec_files[nr_spec_files].fd = open(path, O_RDONLY | O_CLOEXEC);
	if (spec_files[nr_spec_files].fd < 0) {
		perror(path);
		exit(1);
	}
	return spec_files[nr_spec_files++].fd;
}

static long long num(const char *v, int line)
{
	char *end;
	long long n = strtoll(v, &end, 0);

	if (!*v || *end) {
		fprintf(stderr, "dlctl: spec line %d: bad number %s\n", line, v);
		exit(2);
	}
	return n;
}

static int track_type(const char *v, int line)
{
	if (!strcmp(v, "audio"))
		return DISCLOOP_TRACK_AUDIO;
	if (!strcmp(v, "mode1"))
		return DISCLOOP_TRACK_MODE1;
	if (!strcmp(v, "mode2"))
		return DISCLOOP_TRACK_MODE2;
	if (!strcmp(v, "xa"))
		return DISCLOOP_TRACK_MODE2_XA;
	return num(v, line);
}

struct spec {
	struct discloop_disc d;
	unsigned char *tracks;	/* track_size bytes each */
	struct discloop_index idx[DISCLOOP_MAX_INDEXES + 8];
	unsigned char cdtext[DISCLOOP_MAX_CDTEXT + 64];
	unsigned int track_size, nr_tracks, forced_nr;
	int have_nr;
};

static void spec_track(struct spec *sp, char *rest, int line)
{
	struct discloop_track tt, *t = &tt;
	unsigned char *dst;
	int control = -1;
	char *kv;

	sp->tracks = realloc(sp->tracks, (sp->nr_tracks + 1) * sp->track_size);
	dst = sp->tracks + sp->nr_tracks * sp->track_size;
	memset(dst, 0, sp->track_size);
	memset(t, 0, sizeof(*t));
	t->fd = -1;
	for (kv = strtok(rest, " \t"); kv; kv = strtok(NULL, " \t")) {
		char *v = strchr(kv, '=');

		if (!v)
			goto bad;
		*v++ = 0;
		if (!strcmp(kv, "number")) t->number = num(v, line);
		else if (!strcmp(kv, "session")) t->session = num(v, line);
		else if (!strcmp(kv, "type")) t->type = track_type(v, line);
		else if (!strcmp(kv, "file")) t->fd = spec_open(v);
		else if (!strcmp(kv, "fd")) t->fd = num(v, line);
		else if (!strcmp(kv, "size")) t->sector_size = num(v, line);
		else if (!strcmp(kv, "offset")) t->offset = num(v, line);
		else if (!strcmp(kv, "start")) t->start = num(v, line);
		else if (!strcmp(kv, "pregap")) t->pregap = num(v, line);
		else if (!strcmp(kv, "stored")) t->pregap_stored = num(v, line);
		else if (!strcmp(kv, "length")) t->length = num(v, line);
		else if (!strcmp(kv, "postgap")) t->postgap = num(v, line);
		else if (!strcmp(kv, "control")) control = num(v, line);
		else if (!strcmp(kv, "flags")) t->flags = num(v, line);
		else if (!strcmp(kv, "isrc")) memcpy(t->isrc, v, strnlen(v, 12));
		else if (!strcmp(kv, "reserved")) t->reserved[0] = num(v, line);
		else goto bad;
	}
	t->control = control >= 0 ? control :
		     t->type != DISCLOOP_TRACK_AUDIO ? DISCLOOP_CTRL_DATA : 0;
	memcpy(dst, t, sp->track_size < sizeof(*t) ? sp->track_size : sizeof(*t));
	sp->nr_tracks++;
	return;
bad:
	fprintf(stderr, "dlctl: spec line %d: bad field %s\n", line, kv);
	exit(2);
}

static void spec_other(struct spec *sp, const char *what, char *rest,
		       int line)
{
	struct discloop_disc *d = &sp->d;
	struct discloop_index *x = &sp->idx[d->nr_indexes];
	char *kv;
	int fd;

	if (!strcmp(what, "index"))
		d->nr_indexes++;
	for (kv = strtok(rest, " \t"); kv; kv = strtok(NULL, " \t")) {
		char *v = strchr(kv, '=');

		if (!v)
			goto bad;
		*v++ = 0;
		if (!strcmp(what, "index")) {
			if (!strcmp(kv, "track")) x->track = num(v, line);
			else if (!strcmp(kv, "index")) x->index = num(v, line);
			else if (!strcmp(kv, "lba")) x->lba = num(v, line);
			else if (!strcmp(kv, "reserved")) x->reserved = num(v, line);
			else goto bad;
		} else if (!strcmp(what, "disc")) {
			if (!strcmp(kv, "type")) d->disc_type = num(v, line);
			else if (!strcmp(kv, "mcn")) memcpy(d->mcn, v, strnlen(v, 13));
			else if (!strcmp(kv, "flags")) d->flags = num(v, line);
			else if (!strcmp(kv, "pad")) d->pad[0] = num(v, line);
			else if (!strcmp(kv, "reserved")) d->reserved[0] = num(v, line);
			else if (!strcmp(kv, "size")) d->size = num(v, line);
			else if (!strcmp(kv, "nr_tracks")) {
				sp->forced_nr = num(v, line);
				sp->have_nr = 1;
			} else goto bad;
		} else if (!strcmp(what, "cdtext")) {
			if (strcmp(kv, "file"))
				goto bad;
			fd = spec_open(v);
			d->cdtext_len = pread(fd, sp->cdtext, sizeof(sp->cdtext), 0);
		} else if (!strcmp(what, "sub")) {
			if (!strcmp(kv, "file")) d->sub_fd = spec_open(v);
			else if (!strcmp(kv, "fd")) d->sub_fd = num(v, line);
			else if (!strcmp(kv, "layout"))
				d->sub_layout = !strcmp(v, "raw") ? DISCLOOP_SUB_PW_RAW :
						!strcmp(v, "linear") ? DISCLOOP_SUB_PW_LINEAR :
						num(v, line);
			else if (!strcmp(kv, "lba")) d->sub_lba = num(v, line);
			else if (!strcmp(kv, "offset")) d->sub_offset = num(v, line);
			else goto bad;
		} else {
			goto bad;
		}
	}
	return;
bad:
	fprintf(stderr, "dlctl: spec line %d: bad %s field %s\n", line, what, kv);
	exit(2);
}

/* insert-disc N SPECFILE */
static int insert_disc(int argc, char **argv, int ctlfd)
{
	static struct spec sp;
	char buf[2048], *p, *what;
	int line = 0;
	FILE *f;

	if (argc < 4)
		return 2;
	memset(&sp.d, 0, sizeof(sp.d));
	sp.d.size = sizeof(sp.d);
	sp.d.index = strtoul(argv[2], NULL, 0);
	sp.d.sub_fd = -1;
	sp.track_size = sizeof(struct discloop_track);
	f = fopen(argv[3], "r");
	if (!f) {
		perror(argv[3]);
		return 1;
	}
	/* a track_size line must come first: it sets the element size */
	while (fgets(buf, sizeof(buf), f)) {
		line++;
		if ((p = strchr(buf, '#')))
			*p = 0;
		what = strtok(buf, " \t\n");
		p = strtok(NULL, "\n");
		if (!what)
			continue;
		if (!strcmp(what, "track_size"))
			sp.track_size = num(p ? p : "", line);
		else if (!strcmp(what, "track"))
			spec_track(&sp, p ? p : buf + strlen(buf), line);
		else
			spec_other(&sp, what, p ? p : buf + strlen(buf), line);
	}
	fclose(f);
	sp.d.nr_tracks = sp.have_nr ? sp.forced_nr : sp.nr_tracks;
	sp.d.track_size = sp.track_size;
	sp.d.tracks = (unsigned long)sp.tracks;
	sp.d.indexes = (unsigned long)sp.idx;
	sp.d.cdtext = sp.d.cdtext_len ? (unsigned long)sp.cdtext : 0;
	if (ioctl(ctlfd, DISCLOOP_CTL_INSERT_DISC, &sp.d)) {
		fprintf(stderr, "dlctl: INSERT_DISC: %s\n", strerror(errno));
		printf("errno=%d\n", errno);
		return 1;
	}
	return 0;
}

/* get-disc N */
static int get_disc(int argc, char **argv, int ctlfd)
{
	static struct discloop_track t[DISCLOOP_MAX_TRACKS];
	static struct discloop_index x[DISCLOOP_MAX_INDEXES];
	static unsigned char cdtext[DISCLOOP_MAX_CDTEXT];
	struct discloop_disc d;
	unsigned int i;

	if (argc < 3)
		return 2;
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.index = strtoul(argv[2], NULL, 0);
	d.nr_tracks = DISCLOOP_MAX_TRACKS;
	d.track_size = sizeof(t[0]);
	d.tracks = (unsigned long)t;
	d.nr_indexes = DISCLOOP_MAX_INDEXES;
	d.indexes = (unsigned long)x;
	d.cdtext_len = sizeof(cdtext);
	d.cdtext = (unsigned long)cdtext;
	if (ioctl(ctlfd, DISCLOOP_CTL_GET_DISC, &d)) {
		fprintf(stderr, "dlctl: GET_DISC: %s\n", strerror(errno));
		printf("errno=%d\n", errno);
		return 1;
	}
	printf("disc type=%u mcn=%.13s sub_layout=%u sub_fd=%d sub_lba=%d sub_offset=%llu\n",
	       d.disc_type, d.mcn[0] ? d.mcn : "-", d.sub_layout, d.sub_fd,
	       d.sub_lba, (unsigned long long)d.sub_offset);
	for (i = 0; i < d.nr_tracks && i < DISCLOOP_MAX_TRACKS; i++)
		printf("track number=%u session=%u type=%u file=- fd=%d size=%u offset=%llu start=%u pregap=%u stored=%u length=%u postgap=%u control=%u flags=%u isrc=%.12s\n",
		       t[i].number, t[i].session, t[i].type, t[i].fd,
		       t[i].sector_size, (unsigned long long)t[i].offset,
		       t[i].start, t[i].pregap, t[i].pregap_stored,
		       t[i].length, t[i].postgap, t[i].control, t[i].flags,
		       t[i].isrc[0] ? t[i].isrc : "-");
	for (i = 0; i < d.nr_indexes; i++)
		printf("index track=%u index=%u lba=%u\n", x[i].track,
		       x[i].index, x[i].lba);
	printf("cdtext_len=%u\n", d.cdtext_len);
	return 0;
}

static int ctl(void)
{
	int fd = open("/dev/" DISCLOOP_CTL_NAME, O_RDWR | O_CLOEXEC);

	if (fd < 0) {
		perror("/dev/" DISCLOOP_CTL_NAME);
		exit(1);
	}
	return fd;
}

static unsigned int profile_of(const char *s)
{
	if (!strcmp(s, "cd"))
		return DISCLOOP_PROFILE_CD;
	if (!strcmp(s, "dvd"))
		return DISCLOOP_PROFILE_DVD;
	if (!strcmp(s, "bd"))
		return DISCLOOP_PROFILE_BD;
	if (!strcmp(s, "auto"))
		return DISCLOOP_PROFILE_AUTO;
	fprintf(stderr, "dlctl: bad profile %s\n", s);
	exit(2);
}

static void die(const char *what)
{
	fprintf(stderr, "dlctl: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void usage(void);

static int quirks_get(struct discloop_quirks *q, int ctlfd)
{
	unsigned int i;

	if (ioctl(ctlfd, DISCLOOP_CTL_GET_QUIRKS, q))
		die("GET_QUIRKS");
	printf("flags=0x%x\nread_offset=%d\noverread=%u\nnr_c2=%u\n",
	       q->flags, q->read_offset, q->overread, q->nr_c2);
	for (i = 0; i < q->nr_c2 && i < DISCLOOP_MAX_C2; i++)
		printf("c2=%llu:%u:%u:%u:%u\n", (unsigned long long)q->c2[i].lba,
		       q->c2[i].count, q->c2[i].offset, q->c2[i].length,
		       q->c2[i].reads);
	return 0;
}

/* dlctl quirks N [options]: SET_QUIRKS, or GET_QUIRKS with --get. */
static int quirks(int argc, char **argv, int ctlfd)
{
	struct discloop_quirks q;
	int i;

	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.index = strtoul(argv[2], NULL, 0);
	for (i = 3; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(argv[i], "--get"))
			return quirks_get(&q, ctlfd);
		if (!strcmp(argv[i], "--scramble")) {
			q.flags |= DISCLOOP_QUIRK_SCRAMBLE;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (!strcmp(argv[i - 1], "--offset")) {
			q.read_offset = strtol(v, NULL, 0);
		} else if (!strcmp(argv[i - 1], "--overread")) {
			q.overread = strtoul(v, NULL, 0);
		} else if (!strcmp(argv[i - 1], "--flags")) {
			q.flags = strtoul(v, NULL, 0);
		} else if (!strcmp(argv[i - 1], "--reserved")) {
			q.reserved[0] = strtoull(v, NULL, 0);
		} else if (!strcmp(argv[i - 1], "--size")) {
			q.size = strtoul(v, NULL, 0);
		} else if (!strcmp(argv[i - 1], "--c2")) {
			unsigned long long lba;
			unsigned int count, off, len, reads = 0;

			if (q.nr_c2 >= DISCLOOP_MAX_C2 ||
			    sscanf(v, "%llu:%u:%u:%u:%u", &lba, &count, &off,
				   &len, &reads) < 4)
				usage();
			q.c2[q.nr_c2].lba = lba;
			q.c2[q.nr_c2].count = count;
			q.c2[q.nr_c2].offset = off;
			q.c2[q.nr_c2].length = len;
			q.c2[q.nr_c2].reads = reads;
			q.nr_c2++;
		} else {
			usage();
		}
	}
	if (ioctl(ctlfd, DISCLOOP_CTL_SET_QUIRKS, &q))
		die("SET_QUIRKS");
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: dlctl version | add [IMAGE] [--profile P] [--index N] |\n"
		"  remove N | insert N IMAGE [--profile P] [--force] |\n"
		"  eject N [--force|--request] | info N | faults N [LBA:COUNT[:READS]]... |\n"
		"  passthrough N on|off | (add, eject, passthrough: --passthrough, --flags N) |\n"
		"  insert-disc N SPECFILE | get-disc N | sg DEV CDB-HEX [ALLOC] [-o FILE] |\n"
		"  quirks N [--offset S] [--scramble] [--overread K]\n"
		"    [--c2 LBA:COUNT:OFFSET:LENGTH[:READS]]... [--flags N] [--reserved N]\n"
		"    [--size N] | quirks N --get\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct discloop_info info;
	const char *image = NULL;
	unsigned long req;
	int i, fd;

	if (argc < 2)
		usage();
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	info.fd = -1;
	info.index = DISCLOOP_INDEX_ANY;

	if (!strcmp(argv[1], "sg")) {
		int rc = sg_cmd(argc, argv);

		if (rc == 2)
			usage();
		return rc;
	}
	if (!strcmp(argv[1], "insert-disc") || !strcmp(argv[1], "get-disc")) {
		int rc = argv[1][0] == 'i' ? insert_disc(argc, argv, ctl()) :
					     get_disc(argc, argv, ctl());

		if (rc == 2)
			usage();
		return rc;
	}
	if (!strcmp(argv[1], "version")) {
		int v = ioctl(ctl(), DISCLOOP_CTL_GET_VERSION);

		if (v < 0)
			die("GET_VERSION");
		printf("%d\n", v);
		return 0;
	}
	if (!strcmp(argv[1], "faults")) {
		struct discloop_faults f;

		if (argc < 3)
			usage();
		memset(&f, 0, sizeof(f));
		f.size = sizeof(f);
		f.index = strtoul(argv[2], NULL, 0);
		for (i = 3; i < argc && f.nr < DISCLOOP_MAX_FAULTS; i++) {
			unsigned long long lba;
			unsigned int count, reads = 0;

			if (sscanf(argv[i], "%llu:%u:%u", &lba, &count, &reads) < 2)
				usage();
			f.fault[f.nr].lba = lba;
			f.fault[f.nr].count = count;
			f.fault[f.nr].reads = reads;
			f.nr++;
		}
		if (ioctl(ctl(), DISCLOOP_CTL_SET_FAULTS, &f))
			die("SET_FAULTS");
		return 0;
	}

	if (!strcmp(argv[1], "quirks")) {
		if (argc < 3)
			usage();
		return quirks(argc, argv, ctl());
	}

	i = 2;
	if (!strcmp(argv[1], "add")) {
		req = DISCLOOP_CTL_ADD;
		if (i < argc && argv[i][0] != '-')
			image = argv[i++];
		else if (i < argc && !strcmp(argv[i], "-"))
			i++;
	} else {
		if (argc < 3)
			usage();
		info.index = strtoul(argv[2], NULL, 0);
		i = 3;
		if (!strcmp(argv[1], "remove")) {
			req = DISCLOOP_CTL_REMOVE;
		} else if (!strcmp(argv[1], "insert")) {
			req = DISCLOOP_CTL_INSERT;
			if (i >= argc)
				usage();
			image = argv[i++];
		} else if (!strcmp(argv[1], "eject")) {
			req = DISCLOOP_CTL_EJECT;
		} else if (!strcmp(argv[1], "info")) {
			req = DISCLOOP_CTL_GET_INFO;
		} else if (!strcmp(argv[1], "passthrough")) {
			req = DISCLOOP_CTL_SET_PASSTHROUGH;
			if (i >= argc || (strcmp(argv[i], "on") && strcmp(argv[i], "off")))
				usage();
			if (!strcmp(argv[i++], "on"))
				info.flags |= DISCLOOP_FLAG_PASSTHROUGH;
		} else {
			usage();
		}
	}
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--profile") && i + 1 < argc)
			info.profile = profile_of(argv[++i]);
		else if (!strcmp(argv[i], "--index") && i + 1 < argc)
			info.index = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--force"))
			info.flags |= DISCLOOP_FLAG_FORCE;
		else if (!strcmp(argv[i], "--request"))
			info.flags |= DISCLOOP_FLAG_REQUEST;
		else if (!strcmp(argv[i], "--passthrough"))
			info.flags |= DISCLOOP_FLAG_PASSTHROUGH;
		else if (!strcmp(argv[i], "--flags") && i + 1 < argc)
			info.flags = strtoul(argv[++i], NULL, 0);
		else
			usage();
	}
	if (image) {
		info.fd = open(image, O_RDONLY | O_CLOEXEC);
		if (info.fd < 0)
			die(image);
	}
	fd = ctl();
	if (ioctl(fd, req, &info))
		die(argv[1]);
	if (req == DISCLOOP_CTL_ADD) {
		printf("%u\n", info.index);
	} else if (req == DISCLOOP_CTL_GET_INFO) {
		printf("index=%u\nhost=%u\nchannel=%u\ntarget=%u\nlun=%u\n",
		       info.index, info.host, info.channel, info.target, info.lun);
		printf("profile=0x%04x\nstate=0x%x\nsectors=%llu\nimage_bytes=%llu\nimage=%s\n",
		       info.profile, info.state,
		       (unsigned long long)info.sectors,
		       (unsigned long long)info.image_bytes, info.image);
	}
	return 0;
}
