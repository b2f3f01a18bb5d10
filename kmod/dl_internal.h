/* SPDX-License-Identifier: GPL-2.0 */
/*
 * discloop: virtual CD/DVD/BD drives backed by image files.
 * Internal structures shared by the module's files.
 *
 * sysfs (read-only), per drive, on the SCSI device:
 *   /sys/class/block/srN/device/discloop/index        drive index (decimal)
 *   /sys/class/block/srN/device/discloop/backing_file image path ("" if empty;
 *                                                     " (deleted)" if unlinked)
 *   /sys/class/block/srN/device/discloop/profile      none | cd | dvd | bd
 *   /sys/class/block/srN/device/discloop/sectors      capacity, 2048-byte blocks
 *   /sys/class/block/srN/device/discloop/locked       0 | 1 (PREVENT MEDIUM REMOVAL)
 *   /sys/class/block/srN/device/discloop/tray         open | closed
 *   /sys/class/block/srN/device/discloop/faults       number of injected fault ranges
 *   /sys/class/block/srN/device/discloop/passthrough  0 | 1 (sr kept off the drive)
 *   /sys/class/block/srN/device/discloop/quirks       0 | 1 (some drive quirk is set)
 * The same directory is /sys/bus/scsi/devices/H:0:N:0/discloop/ (the only
 * one for a passthrough drive, which has no srN).
 */
#ifndef DL_INTERNAL_H
#define DL_INTERNAL_H

#include <linux/kref.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/workqueue.h>
#include <linux/list.h>
#include <linux/wait.h>
#include <linux/fs.h>
#include <linux/bvec.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <linux/discloop.h>
#include "readcd.h"

/* The reads of the hot path that scsi_proto.h does not name. */
#define DL_READ_CD_MSF		0xb9
#define DL_READ_CD		0xbe

/* GESN media event codes. */
#define DL_EV_NONE		0
#define DL_EV_EJECT_REQUEST	1
#define DL_EV_NEW_MEDIA		2
#define DL_EV_MEDIA_REMOVAL	3

/* Reply buffer for descriptive commands, in the command's private area. */
#define DL_REPLY_SIZE		512
/* bio_vecs kept in the command; bigger scatterlists allocate. */
#define DL_INLINE_BVECS		16
/* Most workers that drain one drive's read queue at once. */
#define DL_MAX_WORKERS		8

/*
 * Locks, and the contexts that take them:
 *
 * dl_ctl_mutex (control.c): the control ioctls and module exit, process
 *	context. It is held across dl_drive_add(), during which sr_probe()
 *	sends commands to the new drive, so queuecommand and the read
 *	workers never take it.
 * dl_table_lock (drive.c): the drive table. Control ioctls, slave_alloc
 *	and dl_media_open(), all process context: plain spin_lock().
 * dl_drive.lock: a drive's medium, tray, events, fault table and quirks.
 *	Taken by queuecommand (mmc.c: UNIT ATTENTION, the disc reference,
 *	REQUEST SENSE, GESN, START STOP UNIT, PREVENT ALLOW MEDIUM REMOVAL),
 *	the read workers (dl_fault_hit(), dl_quirk_begin()), the control
 *	ioctls and sysfs reads.
 * dl_drive.qlock: a drive's read queue. Taken by queuecommand
 *	(dl_queue_read()), the read workers (dl_io_next()) and the error
 *	handler (dl_io_abort()).
 *
 * The two drive locks are taken with spin_lock_irqsave(): queuecommand
 * must not sleep and runs in whatever context the block layer dispatches
 * from, which the module does not choose, and the same lock is taken in
 * process context by the workers, the ioctls and sysfs; irqsave is right
 * in every one of those. No discloop code takes them from a hard
 * interrupt. Neither drive lock is held while the other is taken;
 * dl_ctl_mutex, when held, is taken first.
 */

/* Most distinct files a disc references: one per track, and the sub-channel. */
#define DL_MAX_FILES	(DISCLOOP_MAX_TRACKS + 1)

/**
 * struct dl_file - a distinct backing file of a disc
 * @file:	referenced once (fget), however many tracks use it
 * @bytes:	its size when the disc was inserted
 * @mapping:	the page-cache mapping whose gfp mask we restricted, or NULL
 *		when another entry of the disc already holds it
 * @cached:	its page cache may be read directly (dl_file_cached())
 */
struct dl_file {
	struct file *file;
	u64 bytes;
	struct address_space *mapping;
	bool cached;
};

/**
 * struct dl_track - a track of a disc, in LBAs
 * @df:		the file holding its stored sectors
 * @offset:	byte offset in @df of the sector at @stored
 * @first:	first LBA of the track (its pregap's first sector)
 * @stored:	first stored LBA (@start - pregap_stored)
 * @start:	LBA of INDEX 01
 * @stored_end:	LBA after the last stored sector (@start + length)
 * @end:	LBA after the track (postgap included)
 * @sector_size: bytes per stored sector
 * @number:	track number
 * @session:	session number
 * @type:	DISCLOOP_TRACK_*
 * @control:	DISCLOOP_CTRL_*
 * @flags:	DISCLOOP_TRACK_*
 * @pregap:	sectors of INDEX 00
 * @pregap_stored: of them, stored in the file
 * @length:	stored sectors from INDEX 01
 * @postgap:	synthesised sectors after @length
 * @isrc:	ISRC or all zero
 * @first_index: first entry of dl_media.indexes for this track
 * @nr_indexes:	its entries (INDEX 02..)
 */
struct dl_track {
	struct dl_file *df;
	u64 offset;
	s32 first;
	s32 stored;
	s32 start;
	s32 stored_end;
	s32 end;
	u32 sector_size;
	u8 number;
	u8 session;
	u8 type;
	u8 control;
	u32 flags;
	u32 pregap;
	u32 pregap_stored;
	u32 length;
	u32 postgap;
	char isrc[DISCLOOP_ISRC_LEN];
	u16 first_index;
	u16 nr_indexes;
};

/**
 * struct dl_media - a disc: a layout of tracks over files opened by the
 *		caller
 * @kref:	the drive holds one reference, each in-flight read another;
 *		the files are released with the last one
 * @file:	the first track's file (what GET_INFO and sysfs name)
 * @bytes:	size of @file
 * @sectors:	capacity in 2048-byte blocks: the LBA of the final lead-out
 * @profile:	DISCLOOP_PROFILE_CD/DVD/BD
 * @plain:	one MODE1 track of 2048-byte sectors at offset 0 of @file,
 *		from LBA 0, no gaps: reads go straight to the file
 * @disc_type:	DISCLOOP_DISC_*
 * @nr_sessions: sessions (the last track's session)
 * @nr_tracks:	tracks in @tracks
 * @nr_files:	distinct files in @files
 * @mcn:	media catalogue number, or all zero
 * @tracks:	the tracks in LBA order
 * @nr_indexes:	entries in @indexes
 * @indexes:	INDEX 02..99 points, in track order
 * @cdtext_len:	bytes at @cdtext
 * @cdtext:	CD-TEXT packs, or NULL
 * @sub:	stored sub-channel file, or NULL
 * @sub_layout:	DISCLOOP_SUB_*
 * @sub_lba:	first LBA @sub covers
 * @sub_offset:	byte offset in @sub of @sub_lba's sub-channel
 * @files:	the distinct files, each referenced once
 */
struct dl_media {
	struct kref kref;
	struct file *file;
	u64 bytes;
	u64 sectors;
	u16 profile;
	bool plain;
	u8 disc_type;
	u8 nr_sessions;
	u8 nr_tracks;
	u8 nr_files;
	char mcn[DISCLOOP_MCN_LEN];
	struct dl_track *tracks;
	u32 nr_indexes;
	struct discloop_index *indexes;
	u32 cdtext_len;
	u8 *cdtext;
	struct dl_file *sub;
	u32 sub_layout;
	s32 sub_lba;
	u64 sub_offset;
	struct dl_file files[DL_MAX_FILES];
};

/**
 * struct dl_fault - an injected bad range
 * @lba:	first block
 * @count:	number of blocks
 * @left:	reads that will still fail (weak range)
 * @permanent:	always fails (reads == 0 in the ioctl)
 */
struct dl_fault {
	u64 lba;
	u32 count;
	u32 left;
	bool permanent;
};

/* The track number Q gives the lead-out. */
#define DL_LEADOUT_TRACK	0xaa

/**
 * struct dl_c2_range - sectors that read with C2 errors (quirks.c)
 * @lba:	first sector
 * @count:	number of sectors
 * @left:	READ CDs that will still see the errors (weak range)
 * @offset:	first byte in error in each sector
 * @length:	bytes in error
 * @permanent:	always in error (reads == 0 in the ioctl)
 */
struct dl_c2_range {
	s64 lba;
	u32 count;
	u32 left;
	u16 offset;
	u16 length;
	bool permanent;
};

/**
 * struct dl_quirks - a drive's quirks (see struct discloop_quirks)
 * @offset:	read offset in samples
 * @flags:	DISCLOOP_QUIRK_*
 * @overread:	sectors READ CD may read past the final lead-out
 * @nr_c2:	C2 ranges in use (cleared on eject and insert)
 * @c2:		the C2 ranges
 */
struct dl_quirks {
	s32 offset;
	u32 flags;
	u32 overread;
	u32 nr_c2;
	struct dl_c2_range c2[DISCLOOP_MAX_C2];
};

struct dl_drive;

/**
 * struct dl_worker - one work item draining a drive's read queue
 * @work:	queued on dl_wq
 * @drive:	the drive whose queue it drains
 * @running:	queued or running (under dl_drive.qlock)
 * @cur:	the command it took last, until its scsi_done() has returned
 * @raw_page:	scratch for the sector heads and tails of raw reads
 *		(rawread.c), allocated on first use, freed with the drive
 * @raw_bv:	the scatter list of one raw batch, likewise
 */
struct dl_worker {
	struct work_struct work;
	struct dl_drive *drive;
	bool running;
	struct dl_cmd *cur;
	struct page *raw_page;
	struct bio_vec *raw_bv;
};

/**
 * struct dl_drive - one virtual drive (SCSI 0:N:0 on the discloop host)
 * @kref:	the drive table holds one reference, the scsi_device another
 * @index:	drive number, the SCSI target id
 * @sdev:	the SCSI device, NULL before slave_alloc and after slave_destroy
 * @passthrough: sr is kept off the drive (scsi_device.no_uld_attach);
 *		written under dl_ctl_mutex
 * @lock:	protects everything below
 * @media:	the disc, NULL when empty
 * @tray_open:	tray is open (implies no media)
 * @locked:	PREVENT ALLOW MEDIUM REMOVAL prevents removal
 * @ua_pending:	a UNIT ATTENTION 28/00 is due on the next media command
 * @event:	GESN media event not yet reported (DL_EV_*)
 * @eject_request: an eject request was raised and not yet followed
 * @nr_faults:	injected fault ranges in use
 * @faults:	injected fault ranges (cleared on eject and insert)
 * @quirks_on:	some quirk in @quirks is set: READ CD takes the quirk path
 * @quirks:	the drive's quirks
 * @qlock:	protects the read queue: @queue, @nr_running, the workers'
 *		@running and the queued commands' state
 * @queue:	reads not yet picked up by a worker
 * @nr_running:	workers queued or running
 * @abort_wait:	an abort handler waits here for a read in progress
 * @workers:	the work items that drain @queue
 * @play_state:	audio status of the virtual play (DL_PLAY_*, under @lock)
 * @play_pos:	position when the clock was last anchored
 * @play_end:	LBA where the play ends
 * @play_since:	ktime_get_ns() when it was anchored, while playing
 */
struct dl_drive {
	struct kref kref;
	u32 index;
	struct scsi_device *sdev;
	bool passthrough;

	spinlock_t lock;
	struct dl_media *media;
	bool tray_open;
	bool locked;
	bool ua_pending;
	u8 event;
	bool eject_request;
	u32 nr_faults;
	struct dl_fault faults[DISCLOOP_MAX_FAULTS];
	bool quirks_on;
	struct dl_quirks quirks;

	spinlock_t qlock;
	struct list_head queue;
	unsigned int nr_running;
	wait_queue_head_t abort_wait;
	struct dl_worker workers[DL_MAX_WORKERS];

	u8 play_state;
	s32 play_pos;
	s32 play_end;
	u64 play_since;
};

/* READ SUB-CHANNEL audio status of the virtual play (play.c). */
#define DL_PLAY_PLAYING		0x11
#define DL_PLAY_PAUSED		0x12
#define DL_PLAY_COMPLETED	0x13
#define DL_PLAY_NONE		0x15

/* dl_cmd.state: where a read command is. */
enum dl_cmd_state {
	DL_CMD_IDLE,		/* not a queued read, or finished */
	DL_CMD_QUEUED,		/* on dl_drive.queue */
	DL_CMD_RUNNING,		/* a worker is reading it */
	DL_CMD_ABORTING,	/* running, and the abort handler waits for it */
};

/**
 * struct dl_cmd - per-command private data (scsi_cmd_priv)
 * @node:	entry in dl_drive.queue while queued
 * @state:	enum dl_cmd_state: QUEUED and RUNNING are entered under
 *		dl_drive.qlock; RUNNING is left by cmpxchg() (see io.c)
 * @worker:	the worker that took it off the queue, or NULL
 * @cmd:	back pointer
 * @drive:	the drive
 * @media:	referenced medium for the read
 * @lba:	first block
 * @nblocks:	number of blocks
 * @readcd:	READ CD: raw framing, per-sector layout in @rc
 * @rc_type:	READ CD: expected sector type (enum dl_sector_type), 0 any
 * @rc_main:	READ CD: CDB byte 9, main channel selection
 * @rc_sub:	READ CD: CDB byte 10, sub-channel selection
 * @rc:		READ CD: what each block returns, for the last sector type
 * @bvec:	inline bio_vecs for the read
 * @reply:	staging area for the replies of descriptive commands
 */
struct dl_cmd {
	struct list_head node;
	int state;
	struct dl_worker *worker;
	struct scsi_cmnd *cmd;
	struct dl_drive *drive;
	struct dl_media *media;
	u64 lba;
	u32 nblocks;
	bool readcd;
	u8 rc_type;
	u8 rc_main;
	u8 rc_sub;
	struct dl_readcd_layout rc;
	struct bio_vec bvec[DL_INLINE_BVECS];
	u8 reply[DL_REPLY_SIZE];
};

/* main.c */
extern struct Scsi_Host *dl_shost;
extern struct workqueue_struct *dl_wq;
extern unsigned int dl_nr_workers;
extern const struct attribute_group *dl_sdev_groups[];

/* control.c */
extern struct mutex dl_ctl_mutex;
int dl_control_init(void);
void dl_control_exit(void);

/* drive.c */
struct dl_drive *dl_drive_get(u32 index);
bool dl_bdev_is_drive(struct inode *inode);
void dl_drive_put(struct dl_drive *drive);
int dl_drive_add(u32 *index, struct dl_media *media, bool passthrough);
int dl_drive_remove(u32 index);
int dl_drive_set_passthrough(u32 index, bool on);
void dl_drive_remove_all(void);
int dl_slave_alloc(struct scsi_device *sdev);
void dl_slave_destroy(struct scsi_device *sdev);

/* media.c */
struct dl_media *dl_media_alloc(void);
int dl_media_add_file(struct dl_media *m, int fd, struct dl_file **out);
struct dl_media *dl_media_open(int fd, u32 profile);
void dl_media_put(struct dl_media *media);
struct dl_media *dl_media_get(struct dl_drive *drive);
void dl_media_insert(struct dl_drive *drive, struct dl_media *media);
int dl_media_eject(struct dl_drive *drive, bool force, bool notify);
void dl_media_request_eject(struct dl_drive *drive);
void dl_notify(struct dl_drive *drive, gfp_t gfp);

/* layout.c */
struct dl_media *dl_disc_open(const struct discloop_disc *d);
int dl_disc_get(struct dl_media *m, struct discloop_disc *d);
const struct dl_track *dl_track_at(const struct dl_media *m, s64 lba);
u32 dl_track_index(const struct dl_media *m, const struct dl_track *t,
		   s32 lba);

/* io.c */
void dl_queue_read(struct scsi_cmnd *cmd, struct dl_media *m, u64 lba,
		   u32 nblocks);
void dl_io_init_drive(struct dl_drive *drive);
void dl_io_free_drive(struct dl_drive *drive);
bool dl_io_abort(struct scsi_cmnd *cmd);

/* fault.c */
int dl_faults_set(struct dl_drive *drive, const struct discloop_faults *f);
bool dl_fault_hit(struct dl_drive *drive, u64 lba, u32 n, bool consume,
		  u64 *bad);

/* quirks.c */
struct dl_quirk_read;
void dl_quirks_init(void);
int dl_quirks_set(struct dl_drive *drive, const struct discloop_quirks *q);
void dl_quirks_get(struct dl_drive *drive, struct discloop_quirks *q);
void dl_quirks_media_change(struct dl_drive *drive);
struct dl_quirk_read *dl_quirk_begin(struct dl_cmd *dc);
void dl_quirk_end(struct dl_quirk_read *qr);
const struct dl_track *dl_quirk_leadout(struct dl_quirk_read *qr, s32 lba);
int dl_quirk_sector(struct dl_quirk_read *qr, s32 lba, u8 type, u32 want,
		    u8 *raw);
const u8 *dl_quirk_c2(const struct dl_quirk_read *qr);

/* Sectors READ CD may read past the final lead-out: 0 without quirks. */
static inline u32 dl_quirk_overread(struct dl_drive *drive)
{
	return READ_ONCE(drive->quirks.overread);
}

/* mmc.c */
bool dl_mmc_execute(struct scsi_cmnd *cmd);

/* mmc_toc.c */
void dl_read_toc(struct scsi_cmnd *cmd, struct dl_media *m);
void dl_read_disc_info(struct scsi_cmnd *cmd, struct dl_media *m);
void dl_read_track_info(struct scsi_cmnd *cmd, struct dl_media *m);
void dl_read_disc_structure(struct scsi_cmnd *cmd, struct dl_media *m);
void dl_read_subchannel(struct scsi_cmnd *cmd, struct dl_drive *drive,
			struct dl_media *m);

/* play.c */
u8 dl_play_status(struct dl_drive *drive, s32 *lba);
void dl_play_audio(struct scsi_cmnd *cmd, struct dl_drive *drive,
		   struct dl_media *m);
void dl_pause_resume(struct scsi_cmnd *cmd, struct dl_drive *drive);
void dl_play_stop(struct dl_drive *drive);

/* mmc_config.c */
void dl_get_configuration(struct scsi_cmnd *cmd, struct dl_media *m);
void dl_mode_sense(struct scsi_cmnd *cmd, struct dl_drive *drive);

/* sgpos.c: a position in a command's scatter list, moved along */
struct dl_sgpos {
	struct scatterlist *sg;
	unsigned int off;
};

/**
 * dl_sgpos_page() - the page of a command's buffer at a position
 * @p:		the position, in the buffer
 * @off:	out: its offset in that page
 * @len:	out: bytes from there to the end of the page or of the entry
 */
static inline struct page *dl_sgpos_page(const struct dl_sgpos *p,
					 unsigned int *off, unsigned int *len)
{
	unsigned int o = p->sg->offset + p->off;

	*off = offset_in_page(o);
	*len = min(p->sg->length - p->off, (unsigned int)PAGE_SIZE - *off);
	return nth_page(sg_page(p->sg), o >> PAGE_SHIFT);
}

/* Move @p on by @len bytes, at most to the end of its entry. */
static inline void dl_sgpos_advance(struct dl_sgpos *p, unsigned int len)
{
	p->off += len;
	if (p->off == p->sg->length) {
		p->sg = sg_next(p->sg);
		p->off = 0;
	}
}

void dl_sgpos_seek(struct dl_sgpos *p, struct scatterlist *sg, size_t off);
unsigned int dl_sgpos_take(struct dl_sgpos *p, struct bio_vec *bv,
			   size_t len, unsigned int max);
bool dl_sgpos_put(struct dl_sgpos *p, const void *src, size_t len);

/* sense.c */
void dl_sense(struct scsi_cmnd *cmd, u8 key, u8 asc, u8 ascq);
void dl_sense_lba(struct scsi_cmnd *cmd, u8 key, u8 asc, u8 ascq, u64 lba);
void dl_sense_ili(struct scsi_cmnd *cmd, u8 asc, u64 lba);
void dl_invalid_field(struct scsi_cmnd *cmd);
void dl_reply(struct scsi_cmnd *cmd, const void *buf, u32 len, u32 alloc);
void dl_reply_padded(struct scsi_cmnd *cmd, const void *buf, u32 len,
		     u32 total, u32 alloc);

static inline struct dl_cmd *dl_cmd(struct scsi_cmnd *cmd)
{
	return scsi_cmd_priv(cmd);
}

static inline struct dl_drive *dl_sdev_drive(struct scsi_device *sdev)
{
	return sdev->hostdata;
}

#endif /* DL_INTERNAL_H */
