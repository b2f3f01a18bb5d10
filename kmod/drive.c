// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: drives. Drive N is SCSI 0:N:0 on the discloop host; it is
 * added with scsi_add_device() and removed with scsi_remove_device() from
 * the control ioctls, in process context. sr_probe() runs inside
 * scsi_add_device() and sends commands to the new drive, so nothing held
 * here may be needed by queuecommand or the read worker (those only use
 * drive->lock and the media references).
 */
#include <linux/kmod.h>
#include <linux/slab.h>
#include <linux/device.h>
#include <linux/blkdev.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include "dl_internal.h"
#include "profile.h"

/* The drive table; the lock lets slave_alloc look up without the mutex. */
static DEFINE_SPINLOCK(dl_table_lock);
static struct dl_drive *dl_drives[DISCLOOP_MAX_DRIVES];

static void dl_drive_release(struct kref *kref)
{
	struct dl_drive *drive = container_of(kref, struct dl_drive, kref);

	dl_media_put(drive->media);
	dl_io_free_drive(drive);
	kfree(drive);
}

void dl_drive_put(struct dl_drive *drive)
{
	kref_put(&drive->kref, dl_drive_release);
}

/**
 * dl_drive_get() - reference drive @index
 * @index:	drive number
 *
 * Return: the drive or NULL; drop with dl_drive_put().
 */
struct dl_drive *dl_drive_get(u32 index)
{
	struct dl_drive *drive = NULL;

	if (index >= DISCLOOP_MAX_DRIVES)
		return NULL;
	spin_lock(&dl_table_lock);
	drive = dl_drives[index];
	if (drive)
		kref_get(&drive->kref);
	spin_unlock(&dl_table_lock);
	return drive;
}

/**
 * dl_bdev_is_drive() - is @inode the block device of one of our drives?
 * @inode:	the host inode of an open block device file
 *
 * A drive whose image is a drive would read from itself, or from a drive
 * that may read from it, through the block layer and its own workers: an
 * image is never a discloop drive (loop refuses its own devices the same
 * way). Only pointers are compared; nothing of a foreign disk is read.
 *
 * Return: true if the block device is a discloop drive.
 */
bool dl_bdev_is_drive(struct inode *inode)
{
	struct gendisk *disk = I_BDEV(inode)->bd_disk;
	void *qd = disk ? disk->queue->queuedata : NULL;
	bool found = false;
	int i;

	if (!qd)
		return false;
	spin_lock(&dl_table_lock);
	for (i = 0; i < DISCLOOP_MAX_DRIVES && !found; i++)
		found = dl_drives[i] && READ_ONCE(dl_drives[i]->sdev) == qd;
	spin_unlock(&dl_table_lock);
	return found;
}

/* Called by the SCSI mid-layer when it creates the scsi_device. */
int dl_slave_alloc(struct scsi_device *sdev)
{
	struct dl_drive *drive;

	if (sdev->channel || sdev->lun)
		return -ENXIO;
	drive = dl_drive_get(sdev->id);
	if (!drive)
		return -ENXIO;
	/* One scsi_device per drive: a user rescan must not make another. */
	if (cmpxchg(&drive->sdev, NULL, sdev)) {
		dl_drive_put(drive);
		return -EEXIST;
	}
	sdev->hostdata = drive;
	/*
	 * A passthrough drive is not offered to the upper-level drivers:
	 * scsi_bus_match() refuses a device with no_uld_attach, so sr never
	 * binds, while sg (a class interface, not a bus driver) still makes
	 * its node. The scan only ever sets the bit, never clears it.
	 */
	sdev->no_uld_attach = READ_ONCE(drive->passthrough);
	return 0;
}

/* Called when the scsi_device goes: no command can reach us any more. */
void dl_slave_destroy(struct scsi_device *sdev)
{
	struct dl_drive *drive = sdev->hostdata;

	if (!drive)
		return;
	sdev->hostdata = NULL;
	WRITE_ONCE(drive->sdev, NULL);
	dl_drive_put(drive);
}

/**
 * dl_drive_add() - create a drive and wait for sr to bind it
 * @index:	in: number or DISCLOOP_INDEX_ANY; out: the number used
 * @media:	disc to insert (the drive takes the reference) or NULL
 * @passthrough: keep sr off the drive (only sg binds)
 *
 * Called with dl_ctl_mutex held.
 *
 * Return: 0 or a negative errno (@media is then released).
 */
int dl_drive_add(u32 *index, struct dl_media *media, bool passthrough)
{
	static bool sr_requested;
	struct scsi_device *sdev;
	struct dl_drive *drive;
	u32 i = *index;
	int err;

	lockdep_assert_held(&dl_ctl_mutex);
	drive = kzalloc(sizeof(*drive), GFP_KERNEL);
	if (!drive) {
		dl_media_put(media);
		return -ENOMEM;
	}
	kref_init(&drive->kref);
	drive->passthrough = passthrough;
	spin_lock_init(&drive->lock);
	dl_io_init_drive(drive);
	if (media)
		dl_media_insert(drive, media);

	spin_lock(&dl_table_lock);
	if (i == DISCLOOP_INDEX_ANY) {
		for (i = 0; i < DISCLOOP_MAX_DRIVES; i++)
			if (!dl_drives[i])
				break;
		err = i < DISCLOOP_MAX_DRIVES ? 0 : -ENOSPC;
	} else if (i >= DISCLOOP_MAX_DRIVES) {
		err = -EINVAL;
	} else {
		err = dl_drives[i] ? -EEXIST : 0;
	}
	if (!err) {
		drive->index = i;
		dl_drives[i] = drive;
	}
	spin_unlock(&dl_table_lock);
	if (err) {
		dl_drive_put(drive);
		return err;
	}

	if (!sr_requested) {
		request_module("sr_mod");
		sr_requested = true;
	}

	sdev = __scsi_add_device(dl_shost, 0, i, 0, NULL);
	if (IS_ERR(sdev)) {
		err = PTR_ERR(sdev);
		goto out_unlist;
	}
	if (!passthrough && !sdev->sdev_gendev.driver) {
		/* sr did not bind, e.g. all 256 sr minors are in use. */
		scsi_remove_device(sdev);
		scsi_device_put(sdev);
		err = -EBUSY;
		goto out_unlist;
	}
	scsi_device_put(sdev);
	*index = i;
	return 0;

out_unlist:
	spin_lock(&dl_table_lock);
	dl_drives[i] = NULL;
	spin_unlock(&dl_table_lock);
	dl_drive_put(drive);
	return err;
}

/**
 * dl_drive_remove() - hot-unplug drive @index
 * @index:	drive number
 *
 * Open users of /dev/srN get errors from now on; reads in flight finish
 * first (scsi_remove_device() drains the queue). The disc is released
 * here unless a reader still holds it.
 *
 * Called with dl_ctl_mutex held.
 *
 * Return: 0 or -ENODEV.
 */
int dl_drive_remove(u32 index)
{
	struct scsi_device *sdev;
	struct dl_drive *drive;
	struct dl_media *old;
	unsigned long flags;

	lockdep_assert_held(&dl_ctl_mutex);
	if (index >= DISCLOOP_MAX_DRIVES)
		return -ENODEV;
	spin_lock(&dl_table_lock);
	drive = dl_drives[index];
	dl_drives[index] = NULL;
	spin_unlock(&dl_table_lock);
	if (!drive)
		return -ENODEV;

	sdev = scsi_device_lookup(dl_shost, 0, index, 0);
	if (sdev) {
		scsi_remove_device(sdev);
		scsi_device_put(sdev);
	}

	spin_lock_irqsave(&drive->lock, flags);
	old = drive->media;
	drive->media = NULL;
	spin_unlock_irqrestore(&drive->lock, flags);
	dl_media_put(old);
	dl_drive_put(drive);
	return 0;
}

/**
 * dl_drive_set_passthrough() - release drive @index from sr, or give it back
 * @index:	drive number
 * @on:		true: passthrough (sr unbinds, sg stays); false: sr binds
 *
 * The SCSI device stays, so sg, its open files and the drive's medium are
 * untouched; only the upper-level driver changes, through the same
 * reprobe the driver core offers every bus. Unbinding sr is a hot unplug
 * of /dev/srN for whoever has it open.
 *
 * Called with dl_ctl_mutex held, which serialises our writes of the
 * no_uld_attach bit (the SCSI core writes it only while scanning). Like
 * the core's own runtime writes of its neighbours (changed, locked), the
 * write is a plain bit-field store, as drivers that hide RAID members
 * this way do too.
 *
 * Return: 0, -ENODEV, or -EBUSY if sr did not bind again (the drive is
 * then left passthrough), or the driver core's error.
 */
int dl_drive_set_passthrough(u32 index, bool on)
{
	struct scsi_device *sdev;
	struct dl_drive *drive;
	int err = 0;

	lockdep_assert_held(&dl_ctl_mutex);
	drive = dl_drive_get(index);
	if (!drive)
		return -ENODEV;
	sdev = scsi_device_lookup(dl_shost, 0, index, 0);
	if (!sdev) {
		dl_drive_put(drive);
		return -ENODEV;
	}
	if (drive->passthrough != on) {
		WRITE_ONCE(drive->passthrough, on);
		sdev->no_uld_attach = on;
		err = scsi_device_reprobe(sdev);
		if (!on && !err && !sdev->sdev_gendev.driver)
			err = -EBUSY;
		if (!on && err) {
			WRITE_ONCE(drive->passthrough, true);
			sdev->no_uld_attach = 1;
		}
	}
	scsi_device_put(sdev);
	dl_drive_put(drive);
	return err;
}

void dl_drive_remove_all(void)
{
	u32 i;

	mutex_lock(&dl_ctl_mutex);
	for (i = 0; i < DISCLOOP_MAX_DRIVES; i++)
		dl_drive_remove(i);
	mutex_unlock(&dl_ctl_mutex);
}

/* sysfs: read-only attributes in the scsi_device's "discloop" group. */

static struct dl_drive *dl_dev_drive(struct device *dev)
{
	return to_scsi_device(dev)->hostdata;
}

/*
 * A read-only attribute: @expr, which may use @drive, formatted by @fmt;
 * -ENODEV once the scsi_device has no drive any more.
 */
#define DL_DRIVE_ATTR_RO(name, fmt, expr)				\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	struct dl_drive *drive = dl_dev_drive(dev);			\
									\
	if (!drive)							\
		return -ENODEV;						\
	return sysfs_emit(buf, fmt "\n", expr);				\
}									\
static DEVICE_ATTR_RO(name)

/* As DL_DRIVE_ATTR_RO, with @m the drive's disc or NULL in @expr. */
#define DL_MEDIA_ATTR_RO(name, fmt, expr)				\
static ssize_t name##_show(struct device *dev,				\
			   struct device_attribute *attr, char *buf)	\
{									\
	struct dl_drive *drive = dl_dev_drive(dev);			\
	struct dl_media *m;						\
	ssize_t ret;							\
									\
	if (!drive)							\
		return -ENODEV;						\
	m = dl_media_get(drive);					\
	ret = sysfs_emit(buf, fmt "\n", expr);				\
	dl_media_put(m);						\
	return ret;							\
}									\
static DEVICE_ATTR_RO(name)

DL_DRIVE_ATTR_RO(index, "%u", drive->index);
DL_DRIVE_ATTR_RO(locked, "%d", READ_ONCE(drive->locked));
DL_DRIVE_ATTR_RO(tray, "%s", READ_ONCE(drive->tray_open) ? "open" : "closed");
DL_DRIVE_ATTR_RO(faults, "%u", READ_ONCE(drive->nr_faults));
DL_DRIVE_ATTR_RO(passthrough, "%d", READ_ONCE(drive->passthrough));
DL_DRIVE_ATTR_RO(quirks, "%d", READ_ONCE(drive->quirks_on));
DL_MEDIA_ATTR_RO(profile, "%s", dl_profile_short_name(m ? m->profile : 0));
DL_MEDIA_ATTR_RO(sectors, "%llu", m ? m->sectors : 0ULL);

static ssize_t backing_file_show(struct device *dev,
				 struct device_attribute *attr, char *buf)
{
	struct dl_drive *drive = dl_dev_drive(dev);
	struct dl_media *m;
	char *p, *tmp;
	ssize_t ret;

	if (!drive)
		return -ENODEV;
	m = dl_media_get(drive);
	if (!m)
		return sysfs_emit(buf, "\n");
	tmp = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!tmp) {
		dl_media_put(m);
		return -ENOMEM;
	}
	p = file_path(m->file, tmp, PATH_MAX - 1);
	if (IS_ERR(p))
		ret = PTR_ERR(p);
	else
		ret = sysfs_emit(buf, "%s\n", p);
	kfree(tmp);
	dl_media_put(m);
	return ret;
}
static DEVICE_ATTR_RO(backing_file);

static struct attribute *dl_sdev_attrs[] = {
	&dev_attr_index.attr,
	&dev_attr_backing_file.attr,
	&dev_attr_profile.attr,
	&dev_attr_sectors.attr,
	&dev_attr_locked.attr,
	&dev_attr_tray.attr,
	&dev_attr_faults.attr,
	&dev_attr_passthrough.attr,
	&dev_attr_quirks.attr,
	NULL,
};

static const struct attribute_group dl_sdev_group = {
	.name = "discloop",
	.attrs = dl_sdev_attrs,
};

const struct attribute_group *dl_sdev_groups[] = {
	&dl_sdev_group,
	NULL,
};
