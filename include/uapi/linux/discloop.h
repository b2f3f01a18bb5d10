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
/*
 * 1: ISO images (ADD, REMOVE, INSERT, EJECT, GET_INFO, SET_FAULTS).
 * 2: CD layouts (INSERT_DISC, GET_DISC): multi-track, multi-session discs.
 * 3: passthrough drives (ADD with DISCLOOP_FLAG_PASSTHROUGH, SET_PASSTHROUGH,
 *    DISCLOOP_STATE_PASSTHROUGH): no local sr, for one outside consumer;
 *    drive quirks for testing rippers (SET_QUIRKS, GET_QUIRKS,
 *    DISCLOOP_STATE_QUIRKS): read offset, data read as CD-DA scrambled,
 *    lead-out overread, C2 errors.
 */
#define DISCLOOP_ABI_VERSION	3

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
#define DISCLOOP_FLAG_PASSTHROUGH (1U << 2) /* ADD, SET_PASSTHROUGH (ABI 3):
					     * no local sr driver; only the
					     * sg node, for one consumer */

/* discloop_info.state: what the drive is doing. */
#define DISCLOOP_STATE_MEDIA		(1U << 0) /* a disc is in the drive */
#define DISCLOOP_STATE_LOCKED		(1U << 1) /* medium removal prevented */
#define DISCLOOP_STATE_TRAY_OPEN	(1U << 2)
#define DISCLOOP_STATE_DELETED		(1U << 3) /* backing file was unlinked */
#define DISCLOOP_STATE_EJECT_REQUEST	(1U << 4) /* eject request pending */
#define DISCLOOP_STATE_FAULTS		(1U << 5) /* error injection is active */
#define DISCLOOP_STATE_PASSTHROUGH	(1U << 6) /* ABI 3: sr kept off the drive */
#define DISCLOOP_STATE_QUIRKS		(1U << 7) /* ABI 3: some drive quirk is set */

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

/*
 * Drive quirks (ABI 3): behaviours of real CD drives that rippers must
 * cope with, off by default, set per drive for testing. The read offset,
 * the scrambling and the lead-out overread are properties of the drive
 * and survive media changes; C2 ranges belong to the disc and, like
 * injected faults, are cleared when a disc is inserted or ejected. See
 * Documentation/ioctl.rst for the bytes a drive returns with each.
 */
#define DISCLOOP_MAX_READ_OFFSET	(10 * 588)	/* samples, either way */
#define DISCLOOP_MAX_OVERREAD		6750	/* sectors: a lead-out's 90 s */
#define DISCLOOP_MAX_C2			32

/*
 * discloop_quirks.flags. SCRAMBLE: data sectors read with expected sector
 * type CD-DA come back scrambled (ECMA-130 annex B), as MediaTek-based
 * drives return them.
 */
#define DISCLOOP_QUIRK_SCRAMBLE	(1U << 0)

/**
 * struct discloop_c2 - sectors that read with C2 errors
 * @lba:	first sector
 * @count:	number of sectors from @lba (at least 1)
 * @reads:	0: always (a damaged sector); N: the first N READ CDs that
 *		touch the range, then the sectors read clean (a weak sector)
 * @offset:	first byte in error within each sector's 2352 bytes
 * @length:	bytes in error from @offset (1..2352 - @offset)
 * @reserved:	must be zero
 *
 * READ CD returns the bytes [@offset, @offset + @length) of each sector of
 * the range with all their bits inverted, sets their C2 error pointer bits
 * when C2 information is asked for, and completes with GOOD status.
 */
struct discloop_c2 {
	__u64 lba;
	__u32 count;
	__u32 reads;
	__u16 offset;
	__u16 length;
	__u32 reserved;
};

/**
 * struct discloop_quirks - the quirks of a drive, for SET_QUIRKS and
 *		GET_QUIRKS
 * @size:	in: sizeof(struct discloop_quirks) as the caller knows it
 * @index:	in: drive index
 * @flags:	DISCLOOP_QUIRK_*
 * @read_offset: the drive's read offset in samples (4 bytes), as
 *		AccurateRip's drive list gives it: a drive with offset N
 *		returns, for sector L read as CD-DA, the samples that start
 *		at sample 588 * L - N of the disc, so a ripper that reads
 *		N samples later (cdparanoia -O N) gets the disc's samples.
 *		-DISCLOOP_MAX_READ_OFFSET..DISCLOOP_MAX_READ_OFFSET
 * @overread:	sectors past the disc's final lead-out that READ CD may
 *		read (0: refused with 05/21/00, as without quirks); at most
 *		DISCLOOP_MAX_OVERREAD. The lead-out reads as digital silence
 *		after an audio track, as zeroed sectors of the last track's
 *		mode after a data track
 * @nr_c2:	entries used in @c2
 * @c2:		sectors that read with C2 errors (set only with a disc in
 *		the drive: -ENOMEDIUM otherwise); GET_QUIRKS returns in
 *		@reads what is left of each weak range (0 for a permanent
 *		range, and for a weak one that has healed)
 * @reserved:	must be zero
 *
 * SET_QUIRKS replaces all the quirks of the drive; all zero turns them
 * off. None changes READ(10)/(12): the drive's error correction and
 * sector sync apply there.
 */
struct discloop_quirks {
	__u32 size;
	__u32 index;
	__u32 flags;
	__s32 read_offset;
	__u32 overread;
	__u32 nr_c2;
	struct discloop_c2 c2[DISCLOOP_MAX_C2];
	__u64 reserved[4];
};

/*
 * CD layouts (ABI 2). A disc is a list of tracks in LBA order; each maps
 * its stored sectors to a range of an open file. The kernel synthesises
 * what the file does not hold: sync, headers, XA subheaders, EDC/ECC,
 * unstored pregaps and postgaps (digital silence or zeroed data sectors),
 * P and Q sub-channel. An ISO image is a disc with one MODE1 track.
 */
#define DISCLOOP_MAX_TRACKS	99
#define DISCLOOP_MAX_INDEXES	(99 * 98)	/* INDEX 02..99 of every track */
#define DISCLOOP_MAX_CDTEXT	(65536 - 4)	/* READ TOC format 5 length */
#define DISCLOOP_CDTEXT_PACK	18
#define DISCLOOP_ISRC_LEN	12
#define DISCLOOP_MCN_LEN	13

/* discloop_track.type: how the track's sectors are framed on the disc. */
#define DISCLOOP_TRACK_AUDIO	0	/* CD-DA: 2352 bytes of 16-bit stereo PCM */
#define DISCLOOP_TRACK_MODE1	1	/* Mode 1: 2048 bytes of user data */
#define DISCLOOP_TRACK_MODE2	2	/* Mode 2 formless: 2336 bytes */
#define DISCLOOP_TRACK_MODE2_XA	3	/* Mode 2 XA: Form 1 (2048) or Form 2
					 * (2324) per sector, by its subheader */

/*
 * discloop_track.sector_size: bytes stored per sector, and so what the
 * file holds of each:
 *   2048  MODE1 user data; MODE2_XA Form 1 user data (subheader made up)
 *   2324  MODE2_XA Form 2 user data (subheader made up)
 *   2336  MODE2 or MODE2_XA: everything after the header
 *   2352  the whole sector (AUDIO: PCM; data: sync, header, ...)
 *   2448  2352 followed by 96 bytes of raw interleaved P-W sub-channel
 */

/* discloop_track.control: the Q CONTROL field (MMC ADR/CONTROL, low bits). */
#define DISCLOOP_CTRL_PRE	0x01	/* audio: pre-emphasis */
#define DISCLOOP_CTRL_DCP	0x02	/* digital copy permitted */
#define DISCLOOP_CTRL_DATA	0x04	/* data track (must match type) */
#define DISCLOOP_CTRL_4CH	0x08	/* audio: four channels */

/* discloop_track.flags */
#define DISCLOOP_TRACK_AUDIO_BE	(1U << 0) /* stored PCM is big-endian
					   * (cue MOTOROLA, cdrdao raw) */

/**
 * struct discloop_track - one track of a CD layout
 * @number:	track number, 1..99, consecutive over the disc
 * @session:	session number, 1.., non-decreasing, starting at 1
 * @type:	DISCLOOP_TRACK_*
 * @control:	DISCLOOP_CTRL_*
 * @flags:	DISCLOOP_TRACK_AUDIO_BE
 * @fd:		in: open file holding the stored sectors; out (GET_DISC): -1
 * @sector_size: bytes per stored sector (see above)
 * @offset:	byte offset in @fd of the first stored sector: the first
 *		stored pregap sector, or the INDEX 01 sector
 * @start:	LBA of INDEX 01
 * @pregap:	sectors of INDEX 00 before @start
 * @pregap_stored: how many of the last pregap sectors are in the file
 *		(0..@pregap); the others are synthesised
 * @length:	sectors from INDEX 01 that are stored (a file too short for
 *		them reads as zeros)
 * @postgap:	sectors after @length, never stored, synthesised
 * @isrc:	ISRC, 12 characters [A-Z0-9]{5}[0-9]{7}, or all zero
 * @reserved:	must be zero
 *
 * Within a session, each track starts (@start - @pregap) where the previous
 * one ends (@start + @length + @postgap). A session's lead-out is the end
 * of its last track; the next session's first track begins after it, past
 * the lead-out and lead-in (the tool keeps the usual 11400 and 6900
 * sectors). Track 1's pregap may lie before LBA 0 (it is not readable).
 */
struct discloop_track {
	__u8 number;
	__u8 session;
	__u8 type;
	__u8 control;
	__u32 flags;
	__s32 fd;
	__u32 sector_size;
	__u64 offset;
	__u32 start;
	__u32 pregap;
	__u32 pregap_stored;
	__u32 length;
	__u32 postgap;
	char isrc[DISCLOOP_ISRC_LEN];
	__u64 reserved[2];
};

/**
 * struct discloop_index - an index point 02..99 (INDEX 00 and 01 are the
 * track's pregap and start)
 * @track:	track number
 * @index:	2..99, increasing within the track
 * @reserved:	must be zero
 * @lba:	LBA where the index begins, inside the track
 */
struct discloop_index {
	__u8 track;
	__u8 index;
	__u16 reserved;
	__u32 lba;
};

/* discloop_disc.disc_type: READ TOC format 2, point A0h, PSEC. */
#define DISCLOOP_DISC_CD_DA_ROM	0x00	/* CD-DA or CD-ROM */
#define DISCLOOP_DISC_CD_I	0x10
#define DISCLOOP_DISC_CD_XA	0x20

/* discloop_disc.sub_layout: how @sub_fd stores 96 bytes per sector. */
#define DISCLOOP_SUB_NONE	0	/* synthesise P and Q */
#define DISCLOOP_SUB_PW_RAW	1	/* raw interleaved P-W, as READ CD 001b */
#define DISCLOOP_SUB_PW_LINEAR	2	/* 12 bytes per channel, P first (CloneCD) */

/**
 * struct discloop_disc - a CD layout, for INSERT_DISC and GET_DISC
 * @size:	in: sizeof(struct discloop_disc) as the caller knows it
 * @index:	in: drive index
 * @flags:	in: INSERT_DISC: 0 or DISCLOOP_FLAG_FORCE (insert even when
 *		medium removal is prevented, as INSERT); GET_DISC: zero
 * @nr_tracks:	in: entries at @tracks (1..99); GET_DISC: out, the disc's
 *		count (entries beyond the caller's are not written)
 * @track_size:	in: sizeof(struct discloop_track) as the caller knows it
 * @nr_indexes:	in: entries at @indexes; GET_DISC: out, as @nr_tracks
 * @tracks:	in: user pointer to struct discloop_track[@nr_tracks]
 * @indexes:	in: user pointer to struct discloop_index[@nr_indexes]
 * @cdtext:	in: user pointer to CD-TEXT packs (18 bytes each, CRC
 *		included), served by READ TOC format 5; 0 for none
 * @cdtext_len:	in: bytes at @cdtext, a multiple of 18; GET_DISC: out
 * @disc_type:	DISCLOOP_DISC_*
 * @mcn:	media catalogue number, 13 digits, or all zero
 * @sub_layout:	DISCLOOP_SUB_*
 * @sub_fd:	in: file of stored sub-channel, 96 bytes per sector, served
 *		verbatim instead of synthesised P-W; -1 for none
 * @sub_lba:	first LBA @sub_fd covers
 * @sub_offset:	byte offset in @sub_fd of the sub-channel of @sub_lba
 * @reserved:	must be zero
 *
 * INSERT_DISC puts the disc in the drive as INSERT does (a media change).
 * The kernel takes its own reference to each distinct file; the caller
 * may close its descriptors afterwards.
 */
struct discloop_disc {
	__u32 size;
	__u32 index;
	__u32 flags;
	__u32 nr_tracks;
	__u32 track_size;
	__u32 nr_indexes;
	__u64 tracks;
	__u64 indexes;
	__u64 cdtext;
	__u32 cdtext_len;
	__u8 disc_type;
	char mcn[DISCLOOP_MCN_LEN];
	__u8 pad[2];
	__u32 sub_layout;
	__s32 sub_fd;
	__s32 sub_lba;
	__u64 sub_offset;
	__u64 reserved[8];
};

#define DISCLOOP_IOC_MAGIC	0xDC

/* Returns DISCLOOP_ABI_VERSION. */
#define DISCLOOP_CTL_GET_VERSION _IO(DISCLOOP_IOC_MAGIC, 0x00)
/* Create a drive, empty or with media; the drive exists on return and
 * sr has bound to it (with DISCLOOP_FLAG_PASSTHROUGH: only sg, no sr). */
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
/* ABI 2: put a CD layout in a drive (a media change, as INSERT). */
#define DISCLOOP_CTL_INSERT_DISC _IOW(DISCLOOP_IOC_MAGIC, 0x07, struct discloop_disc)
/* ABI 2: read the layout of the disc in a drive (fds come back as -1). */
#define DISCLOOP_CTL_GET_DISC	_IOWR(DISCLOOP_IOC_MAGIC, 0x08, struct discloop_disc)
/*
 * ABI 3: with DISCLOOP_FLAG_PASSTHROUGH in @flags, release the drive from
 * sr (its /dev/srN goes, as on hot unplug; the SCSI device and sg stay) so
 * that one consumer of the sg node (a virtual machine, a SCSI target) gets
 * every UNIT ATTENTION and media event; without it, let sr bind again
 * (-EBUSY if sr cannot, e.g. all its minors are in use: the drive then
 * stays passthrough). Setting what is already set does nothing.
 */
#define DISCLOOP_CTL_SET_PASSTHROUGH _IOW(DISCLOOP_IOC_MAGIC, 0x0A, struct discloop_info)
/* ABI 3: set (all zero: clear) the quirks of a drive. */
#define DISCLOOP_CTL_SET_QUIRKS	_IOW(DISCLOOP_IOC_MAGIC, 0x09, struct discloop_quirks)
/* ABI 3: read the quirks of a drive. */
#define DISCLOOP_CTL_GET_QUIRKS	_IOWR(DISCLOOP_IOC_MAGIC, 0x0b, struct discloop_quirks)

#endif /* _UAPI_LINUX_DISCLOOP_H */
