/* SPDX-License-Identifier: GPL-2.0 */
/* Image files: validation before attaching, and ISO 9660 features. */
#ifndef DL_IMAGE_H
#define DL_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct dl_image {
	const char *path;	/* as given to dl_image_open() */
	int fd;			/* open O_RDONLY, blocking */
	uint64_t bytes;		/* size of the file */
	uint64_t sectors;	/* 2048-byte sectors, the last one padded */
	bool block;		/* a block device rather than a regular file */
};

/*
 * Open @path read-only and check that it can back a disc: a readable
 * regular file (or block device), not empty, a multiple of 2048 bytes
 * unless @pad, small enough for @profile (AUTO: any). FIFOs and other
 * special files are refused without blocking. Returns 0, or -errno with
 * "<path>: <why>" in dl_errmsg().
 */
int dl_image_open(const char *path, bool pad, uint32_t profile, struct dl_image *img);
void dl_image_close(struct dl_image *img);

/* Why an image of @bytes cannot be used, or NULL if it can. Pure logic. */
const char *dl_image_size_problem(uint64_t bytes, bool pad, uint32_t profile);

/* What the ISO 9660 volume descriptors and root directory say. */
struct dl_iso_features {
	bool iso9660;		/* a primary volume descriptor at sector 16+ */
	bool el_torito;		/* boot record "EL TORITO SPECIFICATION" */
	bool joliet;		/* supplementary VD with %/@, %/C or %/E */
	int joliet_level;	/* 1, 2 or 3 */
	bool rock_ridge;	/* SUSP SP plus RR/ER/PX entries in the root "." */
	bool udf;		/* BEA01/NSR02/NSR03 in the volume recognition area */
	uint64_t volume_blocks;	/* volume space size from the PVD */
};

/*
 * Parse with pread() on @fd, never trusting a field: garbage input gives
 * "not ISO 9660", never a crash. @bytes bounds every read.
 */
int dl_iso_probe(int fd, uint64_t bytes, struct dl_iso_features *f);

/* The same on a memory buffer holding the first @len bytes of an image. */
int dl_iso_probe_mem(const unsigned char *buf, size_t len, struct dl_iso_features *f);

/* The file system label blkid finds on @fd ("" if none). 0 or -errno. */
int dl_blkid_label(int fd, char *label, size_t len);

#endif /* DL_IMAGE_H */
