// SPDX-License-Identifier: GPL-2.0
/*
 * A small ISO 9660 reader for `discloop info`: El Torito, Joliet, Rock
 * Ridge and UDF recognition. ECMA-119 volume descriptors start at sector
 * 16; every field read is bounds-checked, so garbage gives "not ISO 9660".
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "image.h"
#include "../../common/cdframe.h"

#define VD_FIRST	16
#define VD_MAX		64	/* descriptors scanned at most */
#define CE_MAX		16	/* SUSP continuation areas followed at most */

struct reader {
	int (*read)(struct reader *r, uint64_t off, unsigned char *buf, size_t len);
	uint64_t size;
	int fd;
	const unsigned char *mem;
};

static int read_fd(struct reader *r, uint64_t off, unsigned char *buf, size_t len)
{
	size_t done = 0;

	if (off > r->size || len > r->size - off)
		return -ERANGE;
	while (done < len) {
		ssize_t n = pread(r->fd, buf + done, len - done, off + done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		done += n;
	}
	return 0;
}

static int read_mem(struct reader *r, uint64_t off, unsigned char *buf, size_t len)
{
	if (off > r->size || len > r->size - off)
		return -ERANGE;
	memcpy(buf, r->mem + off, len);
	return 0;
}

static uint32_t le32(const unsigned char *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Walk one System Use area; sets what it finds, returns a CE to follow. */
static void walk_susp(const unsigned char *p, size_t len, bool *sp, bool *rr,
		      uint32_t *ce_blk, uint32_t *ce_off, uint32_t *ce_len)
{
	size_t i = 0;

	while (i + 4 <= len) {
		unsigned char l = p[i + 2];

		if (l < 4 || i + l > len)
			break;
		if (p[i] == 'S' && p[i + 1] == 'P' && l >= 7 && p[i + 4] == 0xBE && p[i + 5] == 0xEF)
			*sp = true;
		else if ((p[i] == 'R' && p[i + 1] == 'R') || (p[i] == 'E' && p[i + 1] == 'R') ||
			 (p[i] == 'P' && p[i + 1] == 'X') || (p[i] == 'N' && p[i + 1] == 'M'))
			*rr = true;
		else if (p[i] == 'C' && p[i + 1] == 'E' && l >= 28) {
			*ce_blk = le32(p + i + 4);
			*ce_off = le32(p + i + 12);
			*ce_len = le32(p + i + 20);
		} else if (p[i] == 'S' && p[i + 1] == 'T')
			break;
		i += l;
	}
}

static bool root_has_rock_ridge(struct reader *r, const unsigned char *rootrec)
{
	unsigned char sec[DL_CD_DATA_SIZE], area[DL_CD_DATA_SIZE];
	uint32_t extent = le32(rootrec + 2), ce_blk = 0, ce_off = 0, ce_len = 0;
	unsigned int reclen, namelen, sua;
	bool sp = false, rr = false;
	int n;

	if (rootrec[0] < 34)
		return false;
	if (r->read(r, (uint64_t)extent * DL_CD_DATA_SIZE, sec, sizeof(sec)))
		return false;
	reclen = sec[0];
	namelen = sec[32];
	if (reclen < 34 || namelen != 1)	/* the "." entry */
		return false;
	sua = 33 + namelen + !(namelen & 1);
	if (sua >= reclen)
		return false;
	walk_susp(sec + sua, reclen - sua, &sp, &rr, &ce_blk, &ce_off, &ce_len);
	if (!sp)
		return false;
	for (n = 0; !rr && ce_len && n < CE_MAX; n++) {
		uint32_t b = ce_blk, o = ce_off, l = ce_len;

		if (o >= DL_CD_DATA_SIZE || l > DL_CD_DATA_SIZE - o)
			break;
		if (r->read(r, (uint64_t)b * DL_CD_DATA_SIZE + o, area, l))
			break;
		ce_len = 0;
		walk_susp(area, l, &sp, &rr, &ce_blk, &ce_off, &ce_len);
	}
	return rr;
}

static int probe(struct reader *r, struct dl_iso_features *f)
{
	unsigned char vd[DL_CD_DATA_SIZE], root[34];
	bool have_pvd = false, ended = false;
	int i;

	memset(f, 0, sizeof(*f));
	for (i = VD_FIRST; i < VD_FIRST + VD_MAX; i++) {
		if (r->read(r, (uint64_t)i * DL_CD_DATA_SIZE, vd, sizeof(vd)))
			break;
		if (!memcmp(vd + 1, "CD001", 5) && !ended) {
			switch (vd[0]) {
			case 0:
				if (!memcmp(vd + 7, "EL TORITO SPECIFICATION", 23))
					f->el_torito = true;
				break;
			case 1:
				if (!have_pvd) {
					have_pvd = true;
					f->volume_blocks = le32(vd + 80);
					memcpy(root, vd + 156, sizeof(root));
				}
				break;
			case 2:
				if (vd[88] == '%' && vd[89] == '/' &&
				    (vd[90] == '@' || vd[90] == 'C' || vd[90] == 'E')) {
					f->joliet = true;
					f->joliet_level = vd[90] == '@' ? 1 : vd[90] == 'C' ? 2 : 3;
				}
				break;
			case 255:
				ended = true;
				break;
			}
			continue;
		}
		/* UDF volume recognition sequence follows the ISO descriptors. */
		if (vd[0] == 0 && (!memcmp(vd + 1, "BEA01", 5) || !memcmp(vd + 1, "TEA01", 5)))
			continue;
		if (vd[0] == 0 && (!memcmp(vd + 1, "NSR02", 5) || !memcmp(vd + 1, "NSR03", 5))) {
			f->udf = true;
			continue;
		}
		if (!memcmp(vd + 1, "BOOT2", 5) || !memcmp(vd + 1, "CDW02", 5))
			continue;
		break;
	}
	f->iso9660 = have_pvd;
	if (have_pvd)
		f->rock_ridge = root_has_rock_ridge(r, root);
	else
		f->el_torito = f->joliet = false, f->joliet_level = 0;
	return 0;
}

int dl_iso_probe(int fd, uint64_t bytes, struct dl_iso_features *f)
{
	struct reader r = { .read = read_fd, .size = bytes, .fd = fd };

	return probe(&r, f);
}

int dl_iso_probe_mem(const unsigned char *buf, size_t len, struct dl_iso_features *f)
{
	struct reader r = { .read = read_mem, .size = len, .fd = -1, .mem = buf };

	return probe(&r, f);
}
