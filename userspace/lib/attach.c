// SPDX-License-Identifier: GPL-2.0
/* Creating a drive: see attach.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "attach.h"
#include "control.h"
#include "errmsg.h"
#include "wait.h"

/* Undo an ADD whose drive could not be made ready; keeps the first reason. */
static void remove_again(int ctl, uint32_t index)
{
	char why[DL_ERRMSG_MAX];
	int r = dl_ctl_remove(ctl, index);

	if (!r)
		return;
	snprintf(why, sizeof(why), "%s", dl_errmsg());
	dl_seterr("%s; drive %u: could not remove it again: %s", why, index,
		  dl_ctl_strerror(r));
}

int dl_drive_add(int ctl, const struct dl_image *img, const struct dl_add_opts *o,
		 struct dl_dev *dev)
{
	struct discloop_info info;
	struct dl_waiter w;
	char label[512] = "";
	int ret;

	memset(dev, 0, sizeof(*dev));
	if (img && o->wait && o->settle && o->label_wait)
		dl_blkid_label(img->fd, label, sizeof(label));
	dl_waiter_begin(&w);
	if (!o->wait || !o->settle)
		dl_waiter_end(&w);	/* kernel node only: no udev */
	dl_info_init(&info, o->index);
	info.fd = img ? img->fd : -1;
	info.profile = o->profile;
	ret = dl_ctl_add(ctl, &info);
	if (ret) {
		dl_waiter_end(&w);
		if (img)
			dl_seterr("%s: cannot attach: %s", img->path, dl_ctl_strerror(ret));
		else
			dl_seterr("cannot add a drive: %s", dl_ctl_strerror(ret));
		return ret;
	}
	dev->index = (int)info.index;
	if (!o->wait)
		return 0;
	ret = dl_wait_drive(&w, info.index, dev, o->timeout_ms, label);
	dl_waiter_end(&w);
	if (!ret && !dev->srpath[0]) {
		dl_seterr("drive %u: no block node", info.index);
		ret = -ENODEV;
	}
	if (ret)
		remove_again(ctl, info.index);
	return ret;
}
