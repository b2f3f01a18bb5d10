/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * discloop: virtual CD/DVD/BD drives backed by image files.
 *
 * The one ABI between discloop.ko and userspace: ioctls on the control
 * device /dev/discloop-control. Every struct is fixed-size, carries its own
 * size in its first field and has reserved space, so that the ABI can grow
 * without breaking old callers: the kernel accepts any size from the
 * smallest it knows up to its own, and zero-fills what the caller did not
 * pass. Reserved fields must be zero.
 *
 * Permission: the control device is opened like /dev/loop-control; who may
 * open it is decided by its mode (udev rule: root:cdrom 0660). Ioctls that
 * change state need the device opened for writing; queries need it opened
 * for reading. Images are passed as open file descriptors, never as paths,
 * so the caller's own credentials and namespaces decide what it may attach.
 */
#ifndef _UAPI_LINUX_DISCLOOP_H
#define _UAPI_LINUX_DISCLOOP_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define DISCLOOP_CTL_NAME	"discloop-control"
#define DISCLOOP_ABI_VERSION	1

/* Drives are numbered 0..DISCLOOP_MAX_DRIVES-1 (the kernel's sr limit). */
#define DISCLOOP_MAX_DRIVES	256
#define DISCLOOP_INDEX_ANY	0xffffffffU

/* Media profiles, as MMC GET CONFIGURATION reports them. */
#define DISCLOOP_PROFILE_NONE	0x0000	/* out: no media */
#define DISCLOOP_PROFILE_AUTO	0x0000	/* in: choose by image size */
#define DISCLOOP_PROFILE_CD	0x0008	/* CD-ROM */
#define DISCLOOP_PROFILE_DVD	0x0010	/* DVD-ROM */
#define DISCLOOP_PROFILE_BD	0x0040	/* BD-ROM */

/* discloop_info.flags: what an operation should do. */
#define DISCLOOP_FLAG_FORCE	(1U << 0) /* eject: ignore PREVENT MEDIUM REMOVAL */
#define DISCLOOP_FLAG_REQUEST	(1U << 1) /* eject: only raise an eject request,
					   * as the drive's button does */

/* discloop_info.state: what the drive is doing. */
#define DISCLOOP_STATE_MEDIA		(1U << 0) /* a disc is in the drive */
#define DISCLOOP_STATE_LOCKED		(1U << 1) /* medium removal prevented */
#define DISCLOOP_STATE_TRAY_OPEN	(1U << 2)
#define DISCLOOP_STATE_DELETED		(1U << 3) /* backing file was unlinked */
#define DISCLOOP_STATE_EJECT_REQUEST	(1U << 4) /* eject request pending */
#define DISCLOOP_STATE_FAULTS		(1U << 5) /* error injection is active */

#define DISCLOOP_PATH_MAX	1024

/**
 * struct discloop_info - a drive, its medium and its image
 * @size:	in: sizeof(struct discloop_info) as the caller knows it
 * @index:	in/out: drive index; DISCLOOP_INDEX_ANY on ADD picks the lowest
 *		free one and returns it
 * @fd:		in: open image file for ADD (-1 for an empty drive) and INSERT
 * @profile:	in: DISCLOOP_PROFILE_* for ADD and INSERT (AUTO: by size);
 *		out: profile of the medium in the drive, NONE when empty
 * @flags:	in: DISCLOOP_FLAG_*
 * @state:	out: DISCLOOP_STATE_*
 * @host:	out: SCSI host number of the drive
 * @channel:	out: SCSI channel
 * @target:	out: SCSI target id
 * @lun:	out: SCSI LUN
 * @sectors:	out: capacity of the medium in 2048-byte blocks
 * @image_bytes: out: size of the backing file in bytes
 * @reserved:	must be zero
 * @image:	out: backing file path as the kernel sees it (informational;
 *		" (deleted)" appended when unlinked), empty without media
 */
struct discloop_info {
	__u32 size;
	__u32 index;
	__s32 fd;
	__u32 profile;
	__u32 flags;
	__u32 state;
	__u32 host;
	__u32 channel;
	__u32 target;
	__u32 lun;
	__u64 sectors;
	__u64 image_bytes;
	__u64 reserved[8];
	char image[DISCLOOP_PATH_MAX];
};

/**
 * struct discloop_fault - one injected read failure
 * @lba:	first 2048-byte block that fails
 * @count:	number of blocks from @lba
 * @reads:	0: the range always fails (a bad sector); N: the first N reads
 *		touching the range fail and later ones succeed (a weak sector)
 */
struct discloop_fault {
	__u64 lba;
	__u32 count;
	__u32 reads;
};

#define DISCLOOP_MAX_FAULTS	32

/**
 * struct discloop_faults - error injection for testing rippers
 * @size:	in: sizeof(struct discloop_faults)
 * @index:	in: drive index
 * @nr:		in: number of entries used in @fault; 0 turns injection off
 * @flags:	must be zero
 * @fault:	ranges; reads touching them complete with MEDIUM ERROR
 *		(03/11/00, failing LBA in the sense INFORMATION field)
 * @reserved:	must be zero
 *
 * Injection applies to the medium in the drive and is cleared on eject.
 */
struct discloop_faults {
	__u32 size;
	__u32 index;
	__u32 nr;
	__u32 flags;
	struct discloop_fault fault[DISCLOOP_MAX_FAULTS];
	__u64 reserved[4];
};

#define DISCLOOP_IOC_MAGIC	0xDC

/* Returns DISCLOOP_ABI_VERSION. */
#define DISCLOOP_CTL_GET_VERSION _IO(DISCLOOP_IOC_MAGIC, 0x00)
/* Create a drive, empty or with media; the drive exists on return and
 * sr has bound to it. */
#define DISCLOOP_CTL_ADD	_IOWR(DISCLOOP_IOC_MAGIC, 0x01, struct discloop_info)
/* Remove a drive (hot unplug: open users get errors). */
#define DISCLOOP_CTL_REMOVE	_IOW(DISCLOOP_IOC_MAGIC, 0x02, struct discloop_info)
/* Put media in a drive (replaces what is there, like a disc change). */
#define DISCLOOP_CTL_INSERT	_IOW(DISCLOOP_IOC_MAGIC, 0x03, struct discloop_info)
/* Eject media; -EBUSY when locked unless FORCE; REQUEST only signals. */
#define DISCLOOP_CTL_EJECT	_IOW(DISCLOOP_IOC_MAGIC, 0x04, struct discloop_info)
/* Query a drive: -ENODEV if there is none at @index. */
#define DISCLOOP_CTL_GET_INFO	_IOWR(DISCLOOP_IOC_MAGIC, 0x05, struct discloop_info)
/* Set (or with nr == 0 clear) error injection on a drive. */
#define DISCLOOP_CTL_SET_FAULTS	_IOW(DISCLOOP_IOC_MAGIC, 0x06, struct discloop_faults)

#endif /* _UAPI_LINUX_DISCLOOP_H */
