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
		      (drive->nr_faults ? DISCLOOP_STATE_FAULTS : 0);
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

static long dl_ioctl_info(unsigned int nr, struct discloop_info __user *uarg,
			  bool writable)
{
	struct discloop_info *info;
	struct dl_media *media = NULL;
	struct dl_drive *drive;
	u32 usize;
	long err;

	if (nr != _IOC_NR(DISCLOOP_CTL_GET_INFO) && !writable)
		return -EPERM;
	info = kzalloc(sizeof(*info), GFP_KERNEL);
	if (!info)
		return -ENOMEM;
	err = dl_copy_in(info, sizeof(*info), sizeof(*info), uarg, &usize);
	if (err)
		goto out;
	err = -EINVAL;
	if (!dl_zero(info->reserved, sizeof(info->reserved)))
		goto out;

	mutex_lock(&dl_ctl_mutex);
	switch (nr) {
	case _IOC_NR(DISCLOOP_CTL_ADD):
		if (info->flags)
			break;
		if (info->fd >= 0) {
			media = dl_media_open(info->fd, info->profile);
			if (IS_ERR(media)) {
				err = PTR_ERR(media);
				break;
			}
		} else if (info->profile) {
			break;
		}
		err = dl_drive_add(&info->index, media);
		break;
	case _IOC_NR(DISCLOOP_CTL_REMOVE):
		err = dl_drive_remove(info->index);
		break;
	case _IOC_NR(DISCLOOP_CTL_INSERT):
	case _IOC_NR(DISCLOOP_CTL_EJECT):
	case _IOC_NR(DISCLOOP_CTL_GET_INFO):
		drive = dl_drive_get(info->index);
		err = -ENODEV;
		if (!drive)
			break;
		err = 0;
		if (nr == _IOC_NR(DISCLOOP_CTL_INSERT)) {
			err = -EINVAL;
			if (info->flags & ~DISCLOOP_FLAG_FORCE)
				goto put;
			err = -EBUSY;
			if (READ_ONCE(drive->locked) && READ_ONCE(drive->media) &&
			    !(info->flags & DISCLOOP_FLAG_FORCE))
				goto put;
			media = dl_media_open(info->fd, info->profile);
			if (IS_ERR(media)) {
				err = PTR_ERR(media);
				goto put;
			}
			dl_media_insert(drive, media);
			dl_notify(drive, GFP_KERNEL);
			err = 0;
		} else if (nr == _IOC_NR(DISCLOOP_CTL_EJECT)) {
			err = -EINVAL;
			if (info->flags & ~(DISCLOOP_FLAG_FORCE |
					    DISCLOOP_FLAG_REQUEST))
				goto put;
			err = 0;
			if (info->flags & DISCLOOP_FLAG_REQUEST)
				dl_media_request_eject(drive);
			else
				err = dl_media_eject(drive,
						     info->flags & DISCLOOP_FLAG_FORCE,
						     true);
		}
		if (!err)
			dl_fill_info(info, drive);
put:
		dl_drive_put(drive);
		break;
	default:
		err = -ENOTTY;
	}
	mutex_unlock(&dl_ctl_mutex);

	if (!err && (nr == _IOC_NR(DISCLOOP_CTL_ADD) ||
		     nr == _IOC_NR(DISCLOOP_CTL_GET_INFO))) {
		if (nr == _IOC_NR(DISCLOOP_CTL_ADD)) {
			drive = dl_drive_get(info->index);
			if (drive) {
				dl_fill_info(info, drive);
				dl_drive_put(drive);
			}
		}
		if (copy_to_user(uarg, info, min_t(size_t, usize,
						   sizeof(*info))))
			err = -EFAULT;
	}
out:
	kfree(info);
	return err;
}

static long dl_ioctl_faults(struct discloop_faults __user *uarg)
{
	struct discloop_faults *f;
	struct dl_drive *drive;
	unsigned long flags;
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
	spin_lock_irqsave(&drive->lock, flags);
	if (!drive->media && f->nr) {
		err = -ENOMEDIUM;
	} else {
		for (i = 0; i < f->nr; i++) {
			drive->faults[i].lba = f->fault[i].lba;
			drive->faults[i].count = f->fault[i].count;
			drive->faults[i].left = f->fault[i].reads;
			drive->faults[i].permanent = !f->fault[i].reads;
		}
		drive->nr_faults = f->nr;
		err = 0;
	}
	spin_unlock_irqrestore(&drive->lock, flags);
	dl_drive_put(drive);
out:
	kfree(f);
	return err;
}

static long dl_ctl_ioctl(struct file *file, unsigned int cmd,
			 unsigned long arg)
{
	bool writable = file->f_mode & FMODE_WRITE;
	void __user *uarg = (void __user *)arg;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != DISCLOOP_IOC_MAGIC)
		return -ENOTTY;
	if (!(file->f_mode & FMODE_READ) &&
	    (nr == _IOC_NR(DISCLOOP_CTL_GET_INFO) ||
	     nr == _IOC_NR(DISCLOOP_CTL_GET_VERSION)))
		return -EPERM;

	switch (nr) {
	case _IOC_NR(DISCLOOP_CTL_GET_VERSION):
		return DISCLOOP_ABI_VERSION;
	case _IOC_NR(DISCLOOP_CTL_ADD):
	case _IOC_NR(DISCLOOP_CTL_REMOVE):
	case _IOC_NR(DISCLOOP_CTL_INSERT):
	case _IOC_NR(DISCLOOP_CTL_EJECT):
	case _IOC_NR(DISCLOOP_CTL_GET_INFO):
		return dl_ioctl_info(nr, uarg, writable);
	case _IOC_NR(DISCLOOP_CTL_SET_FAULTS):
		if (!writable)
			return -EPERM;
		return dl_ioctl_faults(uarg);
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

int dl_control_init(void)
{
	return misc_register(&dl_ctl_dev);
}

void dl_control_exit(void)
{
	misc_deregister(&dl_ctl_dev);
}
