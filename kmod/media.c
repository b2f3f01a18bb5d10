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
#include "dl_internal.h"
#include "profile.h"

/**
 * dl_media_open() - make a disc of an open image file
 * @fd:		file descriptor of the caller
 * @profile:	DISCLOOP_PROFILE_AUTO or a forced profile
 *
 * The file must be a regular file or a block device opened for reading
 * whose size is not zero, and not a discloop drive (-ELOOP). Like loop,
 * the mapping's gfp mask loses __GFP_IO and __GFP_FS while the disc
 * exists, so that reclaim never recurses into the file system we serve.
 *
 * Return: the disc with one reference, or an ERR_PTR.
 */
struct dl_media *dl_media_open(int fd, u32 profile)
{
	struct dl_media *m;
	struct file *file;
	struct inode *inode;
	u64 bytes, sectors;
	int err;

	if (profile != DISCLOOP_PROFILE_AUTO && !dl_profile_desc(profile))
		return ERR_PTR(-EINVAL);

	file = fget(fd);
	if (!file)
		return ERR_PTR(-EBADF);
	err = -EBADF;
	if (!(file->f_mode & FMODE_READ))
		goto out_fput;
	err = -EINVAL;
	inode = file->f_mapping->host;
	if (!S_ISREG(inode->i_mode) && !S_ISBLK(inode->i_mode))
		goto out_fput;
	if (!file->f_op->read_iter)
		goto out_fput;
	err = -ELOOP;
	if (S_ISBLK(inode->i_mode) && dl_bdev_is_drive(inode))
		goto out_fput;

	bytes = i_size_read(inode);
	sectors = dl_image_sectors(bytes);
	if (!sectors)
		goto out_fput;
	err = -EFBIG;
	if (sectors > dl_profile_max_sectors(profile))
		goto out_fput;
	if (profile == DISCLOOP_PROFILE_AUTO)
		profile = dl_profile_for_sectors(sectors);

	err = -ENOMEM;
	m = kzalloc(sizeof(*m), GFP_KERNEL);
	if (!m)
		goto out_fput;
	kref_init(&m->kref);
	m->file = file;
	m->bytes = bytes;
	m->sectors = sectors;
	m->profile = profile;
	m->old_gfp = mapping_gfp_mask(file->f_mapping);
	mapping_set_gfp_mask(file->f_mapping,
			     m->old_gfp & ~(__GFP_IO | __GFP_FS));
	return m;

out_fput:
	fput(file);
	return ERR_PTR(err);
}

static void dl_media_release(struct kref *kref)
{
	struct dl_media *m = container_of(kref, struct dl_media, kref);

	mapping_set_gfp_mask(m->file->f_mapping, m->old_gfp);
	fput(m->file);
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
