// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: media. A disc is an image file passed by descriptor; it is
 * referenced by the drive and by every read in flight, so that ejecting or
 * removing a drive never pulls the file from under a reader.
 *
 * Inserting and ejecting behave as a tray does: UNIT ATTENTION 28/00 on
 * the next media command, a GESN media event, and an SDEV_EVT_MEDIA_CHANGE
 * uevent so that udev reacts at once.
 */
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/pagemap.h>
#include <linux/magic.h>
#include "dl_internal.h"
#include "profile.h"
#include "cdframe.h"

/*
 * Like loop, a backing file's mapping loses __GFP_IO and __GFP_FS while a
 * disc uses it, so that reclaim never recurses into the file system we
 * serve. One file may back several tracks, several discs, or be opened
 * twice (two struct files, one mapping): the mask is saved by the first
 * user of a mapping and restored by its last, whatever order discs go in.
 */
struct dl_gfp_hold {
	struct list_head node;
	struct address_space *mapping;
	gfp_t old_gfp;
	unsigned int users;
};

static LIST_HEAD(dl_gfp_holds);
/* Irq-safe: a disc may be released in queuecommand (START STOP UNIT). */
static DEFINE_SPINLOCK(dl_gfp_lock);

static int dl_gfp_hold(struct address_space *mapping)
{
	struct dl_gfp_hold *h, *new = kmalloc(sizeof(*new), GFP_KERNEL);
	unsigned long flags;

	spin_lock_irqsave(&dl_gfp_lock, flags);
	list_for_each_entry(h, &dl_gfp_holds, node) {
		if (h->mapping == mapping) {
			h->users++;
			spin_unlock_irqrestore(&dl_gfp_lock, flags);
			kfree(new);
			return 0;
		}
	}
	if (new) {
		new->mapping = mapping;
		new->old_gfp = mapping_gfp_mask(mapping);
		new->users = 1;
		mapping_set_gfp_mask(mapping,
				     new->old_gfp & ~(__GFP_IO | __GFP_FS));
		list_add(&new->node, &dl_gfp_holds);
	}
	spin_unlock_irqrestore(&dl_gfp_lock, flags);
	return new ? 0 : -ENOMEM;
}

static void dl_gfp_release(struct address_space *mapping)
{
	struct dl_gfp_hold *h, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&dl_gfp_lock, flags);
	list_for_each_entry(h, &dl_gfp_holds, node) {
		if (h->mapping == mapping) {
			if (!--h->users) {
				mapping_set_gfp_mask(mapping, h->old_gfp);
				list_del(&h->node);
				found = h;
			}
			break;
		}
	}
	spin_unlock_irqrestore(&dl_gfp_lock, flags);
	kfree(found);
}

/**
 * dl_media_alloc() - an empty disc, to be filled by the caller
 *
 * Return: the disc with one reference, or NULL.
 */
struct dl_media *dl_media_alloc(void)
{
	struct dl_media *m = kzalloc(sizeof(*m), GFP_KERNEL);

	if (m)
		kref_init(&m->kref);
	return m;
}

/*
 * Check that @file can back a disc: opened for reading (-EBADF), a
 * regular file or a block device that can be read (-EINVAL), and not a
 * discloop drive (-ELOOP).
 */
static int dl_file_usable(struct file *file)
{
	struct inode *inode = file->f_mapping->host;

	if (!(file->f_mode & FMODE_READ))
		return -EBADF;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		return -EINVAL;
	if (!file->f_op->read_iter)
		return -EINVAL;
	if (S_ISBLK(inode->i_mode) && dl_bdev_is_drive(inode))
		return -ELOOP;
	return 0;
}

/**
 * dl_file_cached() - may the page cache of @file be read directly?
 * @file:	a usable backing file
 *
 * Raw data tracks copy their user data straight out of cached folios
 * (rawread.c). That is only the file's data when the page cache is all
 * there is to it: a block device, or a regular file on tmpfs or on a
 * local file system backed by a device. Network and FUSE file systems
 * revalidate their cache in read_iter, DAX has none and O_DIRECT means
 * it is not to be used; those always read through read_iter.
 *
 * Return: true when it may.
 */
static bool dl_file_cached(struct file *file)
{
	struct inode *inode = file->f_mapping->host;
	struct super_block *sb = inode->i_sb;

	if ((file->f_flags & O_DIRECT) || IS_DAX(inode))
		return false;
	if (S_ISBLK(inode->i_mode) || sb->s_magic == TMPFS_MAGIC)
		return true;
	return (sb->s_type->fs_flags & FS_REQUIRES_DEV) &&
	       sb->s_magic != FUSE_SUPER_MAGIC;
}

/**
 * dl_media_add_file() - reference the file behind @fd for @m
 * @m:		a disc being built (dl_media_alloc())
 * @fd:		the caller's descriptor
 * @out:	the disc's entry for that file
 *
 * A struct file already in @m (the same descriptor again, or a dup of it)
 * is not referenced twice. On error nothing is added; what was added
 * before is released with @m.
 *
 * Return: 0 or a negative errno.
 */
int dl_media_add_file(struct dl_media *m, int fd, struct dl_file **out)
{
	struct file *file = fget(fd);
	struct dl_file *df;
	unsigned int i;
	int err;

	if (!file)
		return -EBADF;
	for (i = 0; i < m->nr_files; i++) {
		if (m->files[i].file == file) {
			fput(file);
			*out = &m->files[i];
			return 0;
		}
	}
	err = dl_file_usable(file);
	if (!err && m->nr_files >= DL_MAX_FILES)
		err = -EINVAL;
	if (!err)
		err = dl_gfp_hold(file->f_mapping);
	if (err) {
		fput(file);
		return err;
	}
	df = &m->files[m->nr_files++];
	df->file = file;
	df->mapping = file->f_mapping;
	df->bytes = i_size_read(file->f_mapping->host);
	df->cached = dl_file_cached(file);
	*out = df;
	return 0;
}

/**
 * dl_media_open() - make a disc of an open image file
 * @fd:		file descriptor of the caller
 * @profile:	DISCLOOP_PROFILE_AUTO or a forced profile
 *
 * The file must be usable (dl_file_usable()) and not empty. The disc is
 * one MODE1 track of 2048-byte sectors from LBA 0: on a CD, the layout of
 * a single-track ISO; on DVD and BD, the one extent.
 *
 * Return: the disc with one reference, or an ERR_PTR.
 */
struct dl_media *dl_media_open(int fd, u32 profile)
{
	struct dl_media *m;
	struct dl_track *t;
	struct dl_file *df;
	u64 sectors;
	int err;

	if (profile != DISCLOOP_PROFILE_AUTO && !dl_profile_desc(profile))
		return ERR_PTR(-EINVAL);
	m = dl_media_alloc();
	if (!m)
		return ERR_PTR(-ENOMEM);
	err = -ENOMEM;
	m->tracks = kzalloc(sizeof(*m->tracks), GFP_KERNEL);
	if (!m->tracks)
		goto out;
	err = dl_media_add_file(m, fd, &df);
	if (err)
		goto out;
	sectors = dl_image_sectors(df->bytes);
	err = -EINVAL;
	if (!sectors)
		goto out;
	err = -EFBIG;
	if (sectors > dl_profile_max_sectors(profile))
		goto out;
	if (profile == DISCLOOP_PROFILE_AUTO)
		profile = dl_profile_for_sectors(sectors);

	m->file = df->file;
	m->bytes = df->bytes;
	m->sectors = sectors;
	m->profile = profile;
	m->plain = true;
	m->nr_sessions = 1;
	m->nr_tracks = 1;
	t = m->tracks;
	t->df = df;
	t->end = min_t(u64, sectors, S32_MAX);
	t->stored_end = t->end;
	t->length = t->end;
	t->sector_size = DL_CD_DATA_SIZE;
	t->number = 1;
	t->session = 1;
	t->type = DISCLOOP_TRACK_MODE1;
	t->control = DISCLOOP_CTRL_DATA;
	return m;
out:
	dl_media_put(m);
	return ERR_PTR(err);
}

static void dl_media_release(struct kref *kref)
{
	struct dl_media *m = container_of(kref, struct dl_media, kref);
	unsigned int i;

	for (i = m->nr_files; i-- > 0; ) {
		dl_gfp_release(m->files[i].mapping);
		fput(m->files[i].file);
	}
	kfree(m->tracks);
	kfree(m->indexes);
	kfree(m->cdtext);
	kfree(m);
}

void dl_media_put(struct dl_media *media)
{
	if (media)
		kref_put(&media->kref, dl_media_release);
}

/**
 * dl_media_get() - reference the disc in @drive
 * @drive:	the drive
 *
 * Return: the disc or NULL when the drive is empty. Drop with
 * dl_media_put().
 */
struct dl_media *dl_media_get(struct dl_drive *drive)
{
	struct dl_media *m;
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	m = drive->media;
	if (m)
		kref_get(&m->kref);
	spin_unlock_irqrestore(&drive->lock, flags);
	return m;
}

/**
 * dl_notify() - tell userspace the medium changed
 * @drive:	the drive
 * @gfp:	allocation mode of the caller
 *
 * Emits SDEV_MEDIA_CHANGE=1 on the scsi_device; udev forwards it to the
 * block device, whose open then runs sr's event check and revalidation.
 * We never call disk_force_media_change() on sr's gendisk.
 */
void dl_notify(struct dl_drive *drive, gfp_t gfp)
{
	struct scsi_device *sdev = READ_ONCE(drive->sdev);

	if (sdev && scsi_device_online(sdev))
		sdev_evt_send_simple(sdev, SDEV_EVT_MEDIA_CHANGE, gfp);
}

/**
 * dl_media_insert() - put @media in @drive, replacing what is there
 * @drive:	the drive
 * @media:	a disc from dl_media_open(); the drive takes the reference
 *
 * The caller sends the notification (dl_notify()) if it wants one.
 */
void dl_media_insert(struct dl_drive *drive, struct dl_media *media)
{
	struct dl_media *old;
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	old = drive->media;
	drive->media = media;
	drive->tray_open = false;
	drive->ua_pending = true;
	drive->event = DL_EV_NEW_MEDIA;
	drive->eject_request = false;
	drive->nr_faults = 0;
	dl_quirks_media_change(drive);
	drive->play_state = DL_PLAY_NONE;
	spin_unlock_irqrestore(&drive->lock, flags);
	dl_media_put(old);
}

/**
 * dl_media_eject() - open the tray and release the disc
 * @drive:	the drive
 * @force:	ignore PREVENT MEDIUM REMOVAL
 * @notify:	send a media-change uevent (GFP_ATOMIC safe)
 *
 * Callable from queuecommand: never sleeps. The file is released by the
 * last reference, possibly a read still in flight.
 *
 * Return: 0, or -EBUSY if removal is prevented and not @force.
 */
int dl_media_eject(struct dl_drive *drive, bool force, bool notify)
{
	struct dl_media *old;
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	if (drive->locked && !force) {
		spin_unlock_irqrestore(&drive->lock, flags);
		return -EBUSY;
	}
	old = drive->media;
	drive->media = NULL;
	drive->tray_open = true;
	drive->ua_pending = false;
	drive->eject_request = false;
	drive->nr_faults = 0;
	dl_quirks_media_change(drive);
	drive->play_state = DL_PLAY_NONE;
	if (old)
		drive->event = DL_EV_MEDIA_REMOVAL;
	spin_unlock_irqrestore(&drive->lock, flags);
	dl_media_put(old);
	if (old && notify)
		dl_notify(drive, GFP_ATOMIC);
	return 0;
}

/**
 * dl_media_request_eject() - press the drive's eject button
 * @drive:	the drive
 *
 * Raises a GESN EjectRequest; sr's event poll turns it into
 * DISK_EJECT_REQUEST=1 and udev's cdrom_id unlocks and ejects.
 */
void dl_media_request_eject(struct dl_drive *drive)
{
	unsigned long flags;

	spin_lock_irqsave(&drive->lock, flags);
	drive->event = DL_EV_EJECT_REQUEST;
	drive->eject_request = true;
	spin_unlock_irqrestore(&drive->lock, flags);
}
