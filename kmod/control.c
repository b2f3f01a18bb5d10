// SPDX-License-Identifier: GPL-2.0
/*
 * discloop: the control device /dev/discloop-control and its ioctls.
 *
 * Like /dev/loop-control, who may open it is decided by its mode; ioctls
 * that change state need it opened for writing, queries for reading.
 * Images come as file descriptors opened by the caller. Structures carry
 * their size first: any size from ours down to the first version is
 * accepted (copy_struct_from_user), the ioctl number's size is ignored.
 */
#include <linux/miscdevice.h>
#include <linux/uaccess.h>
#include <linux/slab.h>
#include <linux/file.h>
#include <linux/dcache.h>
#include "dl_internal.h"
#include "cdframe.h"

/*
 * Serialises the control ioctls that change or report drives: add,
 * remove, insert, eject, get info, set passthrough. Never taken by
 * queuecommand or the read workers (sr_probe() inside dl_drive_add() and
 * dl_drive_set_passthrough() sends them commands).
 */
DEFINE_MUTEX(dl_ctl_mutex);

static bool dl_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

/* Copy a sized struct in; @min: the smallest size we accept. */
static int dl_copy_in(void *k, size_t ksize, size_t min,
		      const void __user *u, u32 *usize)
{
	int err;

	if (get_user(*usize, (const u32 __user *)u))
		return -EFAULT;
	if (*usize < min)
		return -EINVAL;
	err = copy_struct_from_user(k, ksize, u, *usize);
	return err == -E2BIG ? -EINVAL : err;
}

static void dl_fill_info(struct discloop_info *info, struct dl_drive *drive)
{
	struct dl_media *m;
	unsigned long flags;
	char *p;

	info->host = dl_shost->host_no;
	info->channel = 0;
	info->target = drive->index;
	info->lun = 0;
	info->index = drive->index;

	spin_lock_irqsave(&drive->lock, flags);
	m = drive->media;
	if (m)
		kref_get(&m->kref);
	info->state = (m ? DISCLOOP_STATE_MEDIA : 0) |
		      (drive->locked ? DISCLOOP_STATE_LOCKED : 0) |
		      (drive->tray_open ? DISCLOOP_STATE_TRAY_OPEN : 0) |
		      (drive->eject_request ? DISCLOOP_STATE_EJECT_REQUEST : 0) |
		      (drive->nr_faults ? DISCLOOP_STATE_FAULTS : 0) |
		      (READ_ONCE(drive->passthrough) ?
		       DISCLOOP_STATE_PASSTHROUGH : 0) |
		      (drive->quirks_on ? DISCLOOP_STATE_QUIRKS : 0);
	spin_unlock_irqrestore(&drive->lock, flags);

	info->profile = DISCLOOP_PROFILE_NONE;
	info->sectors = 0;
	info->image_bytes = 0;
	memset(info->image, 0, sizeof(info->image));
	if (!m)
		return;
	info->profile = m->profile;
	info->sectors = m->sectors;
	info->image_bytes = m->bytes;
	if (!file_inode(m->file)->i_nlink)
		info->state |= DISCLOOP_STATE_DELETED;
	p = file_path(m->file, info->image, sizeof(info->image));
	if (IS_ERR(p))
		info->image[0] = 0;
	else
		memmove(info->image, p, strlen(p) + 1);
	dl_media_put(m);
}

/* INSERT: put the image @info->fd in the drive, unless removal is prevented. */
static long dl_ctl_insert(struct discloop_info *info)
{
	struct dl_drive *drive = dl_drive_get(info->index);
	struct dl_media *media;
	long err;

	if (!drive)
		return -ENODEV;
	err = -EINVAL;
	if (info->flags & ~DISCLOOP_FLAG_FORCE)
		goto out;
	err = -EBUSY;
	if (READ_ONCE(drive->locked) && READ_ONCE(drive->media) &&
	    !(info->flags & DISCLOOP_FLAG_FORCE))
		goto out;
	media = dl_media_open(info->fd, info->profile);
	err = PTR_ERR_OR_ZERO(media);
	if (err)
		goto out;
	dl_media_insert(drive, media);
	dl_notify(drive, GFP_KERNEL);
out:
	dl_drive_put(drive);
	return err;
}

/* EJECT: open the tray, or with DISCLOOP_FLAG_REQUEST press its button. */
static long dl_ctl_eject(struct discloop_info *info)
{
	struct dl_drive *drive = dl_drive_get(info->index);
	long err = 0;

	if (!drive)
		return -ENODEV;
	if (info->flags & ~(DISCLOOP_FLAG_FORCE | DISCLOOP_FLAG_REQUEST))
		err = -EINVAL;
	else if (info->flags & DISCLOOP_FLAG_REQUEST)
		dl_media_request_eject(drive);
	else
		err = dl_media_eject(drive, info->flags & DISCLOOP_FLAG_FORCE,
				     true);
	dl_drive_put(drive);
	return err;
}

/* GET_INFO: the drive's state. */
static long dl_ctl_get_info(struct discloop_info *info)
{
	struct dl_drive *drive = dl_drive_get(info->index);

	if (!drive)
		return -ENODEV;
	dl_fill_info(info, drive);
	dl_drive_put(drive);
	return 0;
}

/* ADD: a new drive, empty (fd < 0) or with the image @info->fd in it. */
static long dl_ctl_add(struct discloop_info *info)
{
	struct dl_media *media = NULL;
	long err;

	if (info->flags & ~DISCLOOP_FLAG_PASSTHROUGH)
		return -EINVAL;
	if (info->fd >= 0) {
		media = dl_media_open(info->fd, info->profile);
		if (IS_ERR(media))
			return PTR_ERR(media);
	} else if (info->profile) {
		return -EINVAL;
	}
	err = dl_drive_add(&info->index, media,
			   info->flags & DISCLOOP_FLAG_PASSTHROUGH);
	if (err)
		return err;
	/* Answer with its state; it cannot go, removal takes dl_ctl_mutex. */
	dl_ctl_get_info(info);
	return 0;
}

/* SET_PASSTHROUGH: release the drive from sr, or let sr bind it again. */
static long dl_ctl_set_passthrough(struct discloop_info *info)
{
	if (info->flags & ~DISCLOOP_FLAG_PASSTHROUGH)
		return -EINVAL;
	return dl_drive_set_passthrough(info->index,
					info->flags & DISCLOOP_FLAG_PASSTHROUGH);
}

/* REMOVE: unplug the drive. */
static long dl_ctl_remove(struct discloop_info *info)
{
	return dl_drive_remove(info->index);
}

/*
 * The ioctls that take a struct discloop_info: copy it in and check it,
 * run @op under dl_ctl_mutex, and copy it back out if @copy_out (ADD and
 * GET_INFO answer with the drive's state). The copy out is made under the
 * mutex too: an ADD whose answer cannot reach the caller is undone.
 */
static long dl_ctl_info_ioctl(struct discloop_info __user *uarg,
			      long (*op)(struct discloop_info *info),
			      bool copy_out)
{
	struct discloop_info *info;
	u32 usize;
	long err;

	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	err = dl_copy_in(info, sizeof(*info), sizeof(*info), uarg, &usize);
	if (!err && !dl_zero(info->reserved, sizeof(info->reserved)))
		err = -EINVAL;
	if (err)
		goto out;

	mutex_lock(&dl_ctl_mutex);
	err = op(info);
	if (!err && copy_out &&
	    copy_to_user(uarg, info, min_t(size_t, usize, sizeof(*info)))) {
		err = -EFAULT;
		/*
		 * A caller told ADD failed must not be left with a drive it
		 * cannot name: undo it, still under the mutex, so that no
		 * other caller has seen the index in between.
		 */
		if (op == dl_ctl_add)
			dl_drive_remove(info->index);
	}
	mutex_unlock(&dl_ctl_mutex);
out:
	kfree(info);
	return err;
}

/* SET_FAULTS: replace the drive's injected fault ranges. */
static long dl_ctl_set_faults(struct discloop_faults __user *uarg)
{
	struct discloop_faults *f;
	struct dl_drive *drive;
	u32 usize, i;
	long err;

	f = kzalloc(sizeof(*f), GFP_KERNEL);
	if (!f)
		return -ENOMEM;
	err = dl_copy_in(f, sizeof(*f), sizeof(*f), uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (f->flags || f->nr > DISCLOOP_MAX_FAULTS ||
	    !dl_zero(f->reserved, sizeof(f->reserved)))
		goto out;
	for (i = 0; i < f->nr; i++)
		if (!f->fault[i].count)
			goto out;

	err = -ENODEV;
	drive = dl_drive_get(f->index);
	if (!drive)
		goto out;
	err = dl_faults_set(drive, f);
	dl_drive_put(drive);
out:
	kfree(f);
	return err;
}

/* Is @q a valid SET_QUIRKS request? */
static bool dl_quirks_valid(const struct discloop_quirks *q)
{
	u32 i;

	if ((q->flags & ~DISCLOOP_QUIRK_SCRAMBLE) ||
	    q->read_offset < -DISCLOOP_MAX_READ_OFFSET ||
	    q->read_offset > DISCLOOP_MAX_READ_OFFSET ||
	    q->overread > DISCLOOP_MAX_OVERREAD ||
	    q->nr_c2 > DISCLOOP_MAX_C2 ||
	    !dl_zero(q->reserved, sizeof(q->reserved)))
		return false;
	for (i = 0; i < DISCLOOP_MAX_C2; i++) {
		const struct discloop_c2 *c = &q->c2[i];

		if (i >= q->nr_c2) {	/* unused entries are reserved */
			if (!dl_zero(c, sizeof(*c)))
				return false;
			continue;
		}
		if (!c->count || c->lba > S32_MAX || c->reserved ||
		    !c->length || c->offset >= DL_CD_RAW_SIZE ||
		    c->length > DL_CD_RAW_SIZE - c->offset)
			return false;
	}
	return true;
}

/*
 * SET_QUIRKS: replace the drive's quirks; GET_QUIRKS: report them. Both
 * take the same struct; GET wants all but @size and @index zero.
 */
static long dl_ctl_quirks(struct discloop_quirks __user *uarg, bool get)
{
	struct discloop_quirks *q;
	struct dl_drive *drive;
	u32 usize;
	long err;

	q = kzalloc(sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOMEM;
	err = dl_copy_in(q, sizeof(*q), sizeof(*q), uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (get ? !dl_zero(&q->flags, sizeof(*q) - offsetof(typeof(*q), flags))
		: !dl_quirks_valid(q))
		goto out;
	err = -ENODEV;
	drive = dl_drive_get(q->index);
	if (!drive)
		goto out;
	if (get) {
		dl_quirks_get(drive, q);
		err = 0;
		if (copy_to_user(uarg, q, min_t(size_t, usize, sizeof(*q))))
			err = -EFAULT;
	} else {
		err = dl_quirks_set(drive, q);
	}
	dl_drive_put(drive);
out:
	kfree(q);
	return err;
}

/* INSERT_DISC: put the layout @d in its drive, unless removal is prevented. */
static long dl_ctl_insert_disc(const struct discloop_disc *d)
{
	struct dl_drive *drive;
	struct dl_media *media;
	long err;

	media = dl_disc_open(d);
	if (IS_ERR(media))
		return PTR_ERR(media);
	mutex_lock(&dl_ctl_mutex);
	drive = dl_drive_get(d->index);
	err = -ENODEV;
	if (!drive)
		goto out;
	err = -EBUSY;
	if (READ_ONCE(drive->locked) && READ_ONCE(drive->media) &&
	    !(d->flags & DISCLOOP_FLAG_FORCE))
		goto out_drive;
	dl_media_insert(drive, media);
	media = NULL;
	dl_notify(drive, GFP_KERNEL);
	err = 0;
out_drive:
	dl_drive_put(drive);
out:
	mutex_unlock(&dl_ctl_mutex);
	dl_media_put(media);
	return err;
}

/* GET_DISC: the layout of the disc in the drive. */
static long dl_ctl_get_disc(struct discloop_disc *d)
{
	struct dl_drive *drive;
	struct dl_media *m;
	long err;

	mutex_lock(&dl_ctl_mutex);
	drive = dl_drive_get(d->index);
	mutex_unlock(&dl_ctl_mutex);
	if (!drive)
		return -ENODEV;
	m = dl_media_get(drive);
	dl_drive_put(drive);
	if (!m)
		return -ENOMEDIUM;
	err = dl_disc_get(m, d);
	dl_media_put(m);
	return err;
}

/* The ioctls that take a struct discloop_disc. */
static long dl_ctl_disc_ioctl(struct discloop_disc __user *uarg, bool get)
{
	struct discloop_disc *d;
	u32 usize;
	long err;

	d = kzalloc(sizeof(*d), GFP_KERNEL);
	if (!d)
		return -ENOMEM;
	err = dl_copy_in(d, sizeof(*d), sizeof(*d), uarg, &usize);
	if (err)
		goto out;
	if (!get) {
		err = dl_ctl_insert_disc(d);
		goto out;
	}
	err = -EINVAL;
	if (!dl_zero(d->reserved, sizeof(d->reserved)))
		goto out;
	err = dl_ctl_get_disc(d);
	if (!err && copy_to_user(uarg, d, min_t(size_t, usize, sizeof(*d))))
		err = -EFAULT;
out:
	kfree(d);
	return err;
}

/*
 * What the control device must be open for, per ioctl: queries need read
 * access, changes write access. A number not listed is not an ioctl.
 */
static const fmode_t dl_ctl_mode[] = {
	[_IOC_NR(DISCLOOP_CTL_GET_VERSION)]	= FMODE_READ,
	[_IOC_NR(DISCLOOP_CTL_ADD)]		= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_REMOVE)]		= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_INSERT)]		= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_EJECT)]		= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_GET_INFO)]	= FMODE_READ,
	[_IOC_NR(DISCLOOP_CTL_SET_FAULTS)]	= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_INSERT_DISC)]	= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_GET_DISC)]	= FMODE_READ,
	[_IOC_NR(DISCLOOP_CTL_SET_PASSTHROUGH)]	= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_SET_QUIRKS)]	= FMODE_WRITE,
	[_IOC_NR(DISCLOOP_CTL_GET_QUIRKS)]	= FMODE_READ,
};

/*
 * Only the ioctl's type and number count: its size field is ignored, the
 * structures carry their own size.
 */
static long dl_ctl_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != DISCLOOP_IOC_MAGIC ||
	    nr >= ARRAY_SIZE(dl_ctl_mode) || !dl_ctl_mode[nr])
		return -ENOTTY;
	if (!(file->f_mode & dl_ctl_mode[nr]))
		return -EPERM;

	switch (nr) {
	case _IOC_NR(DISCLOOP_CTL_GET_VERSION):
		return DISCLOOP_ABI_VERSION;
	case _IOC_NR(DISCLOOP_CTL_ADD):
		return dl_ctl_info_ioctl(uarg, dl_ctl_add, true);
	case _IOC_NR(DISCLOOP_CTL_REMOVE):
		return dl_ctl_info_ioctl(uarg, dl_ctl_remove, false);
	case _IOC_NR(DISCLOOP_CTL_INSERT):
		return dl_ctl_info_ioctl(uarg, dl_ctl_insert, false);
	case _IOC_NR(DISCLOOP_CTL_EJECT):
		return dl_ctl_info_ioctl(uarg, dl_ctl_eject, false);
	case _IOC_NR(DISCLOOP_CTL_GET_INFO):
		return dl_ctl_info_ioctl(uarg, dl_ctl_get_info, true);
	case _IOC_NR(DISCLOOP_CTL_SET_FAULTS):
		return dl_ctl_set_faults(uarg);
	case _IOC_NR(DISCLOOP_CTL_INSERT_DISC):
		return dl_ctl_disc_ioctl(uarg, false);
	case _IOC_NR(DISCLOOP_CTL_GET_DISC):
		return dl_ctl_disc_ioctl(uarg, true);
	case _IOC_NR(DISCLOOP_CTL_SET_PASSTHROUGH):
		return dl_ctl_info_ioctl(uarg, dl_ctl_set_passthrough, false);
	case _IOC_NR(DISCLOOP_CTL_SET_QUIRKS):
		return dl_ctl_quirks(uarg, false);
	case _IOC_NR(DISCLOOP_CTL_GET_QUIRKS):
		return dl_ctl_quirks(uarg, true);
	}
	return -ENOTTY;
}

static const struct file_operations dl_ctl_fops = {
	.owner		= THIS_MODULE,
	.open		= nonseekable_open,
	.unlocked_ioctl	= dl_ctl_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice dl_ctl_dev = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= DISCLOOP_CTL_NAME,
	.fops		= &dl_ctl_fops,
	.mode		= 0660,
};

/**
 * dl_control_init() - register /dev/discloop-control
 *
 * Return: 0 or a negative errno.
 */
int dl_control_init(void)
{
	return misc_register(&dl_ctl_dev);
}

void dl_control_exit(void)
{
	misc_deregister(&dl_ctl_dev);
}
