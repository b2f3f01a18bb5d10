// SPDX-License-Identifier: GPL-2.0
/* Creating a drive: see attach.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attach.h"
#include "control.h"
#include "errmsg.h"
#include "layout.h"
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
	if (o->passthrough) {
		ret = dl_ctl_require_passthrough(ctl, img ? img->path : "add");
		if (ret)
			return ret;
	}
	if (img && o->wait && o->settle && o->label_wait && !o->passthrough)
		dl_blkid_label(img->fd, label, sizeof(label));
	dl_waiter_begin(&w);
	if (!o->wait || !o->settle)
		dl_waiter_end(&w);	/* kernel node only: no udev */
	dl_info_init(&info, o->index);
	info.fd = img ? img->fd : -1;
	info.profile = o->profile;
	info.flags = o->passthrough ? DISCLOOP_FLAG_PASSTHROUGH : 0;
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
	if (o->passthrough) {
		ret = dl_wait_drive_sg(&w, info.index, dev, o->timeout_ms);
		dl_waiter_end(&w);
		if (ret)
			remove_again(ctl, info.index);
		return ret;
	}
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

int dl_ctl_require_layouts(int ctl, const char *what)
{
	int abi = dl_ctl_version(ctl);

	if (abi < 0) {
		dl_seterr("%s: cannot ask the module its ABI version: %s", what,
			  dl_ctl_strerror(abi));
		return abi;
	}
	if (abi < 2) {
		dl_seterr("%s: the loaded discloop module is too old for CD layouts (ABI %d); "
			  "load a module of ABI 2 or later (discloop --version), or attach "
			  "an ISO image", what, abi);
		return -EPROTONOSUPPORT;
	}
	return 0;
}

int dl_drive_insert_layout(int ctl, uint32_t index, const struct dl_layout *l, uint32_t flags)
{
	struct discloop_track *tracks = calloc(DISCLOOP_MAX_TRACKS, sizeof(*tracks));
	struct discloop_disc disc;
	int ret;

	if (!tracks) {
		dl_seterr("%s: out of memory", l->path);
		return -ENOMEM;
	}
	ret = dl_ctl_require_layouts(ctl, l->path);
	if (!ret) {
		dl_layout_to_disc(l, index, &disc, tracks);
		disc.flags = flags;
		ret = dl_ctl_insert_disc(ctl, &disc);
		if (ret)
			dl_seterr("%s: cannot insert the disc: %s", l->path, dl_ctl_strerror(ret));
	}
	free(tracks);
	return ret;
}

int dl_drive_add_layout(int ctl, const struct dl_layout *l, const struct dl_add_opts *o,
			struct dl_dev *dev)
{
	int ret = dl_ctl_require_layouts(ctl, l->path);

	if (ret)
		return ret;
	ret = dl_drive_add(ctl, NULL, o, dev);
	if (ret)
		return ret;
	ret = dl_drive_insert_layout(ctl, (uint32_t)dev->index, l, 0);
	if (ret)
		remove_again(ctl, (uint32_t)dev->index);
	return ret;
}

int dl_drive_set_passthrough(int ctl, uint32_t index, bool on, int timeout_ms,
			     struct dl_dev *dev)
{
	struct dl_waiter w;
	int ret;

	ret = dl_ctl_require_passthrough(ctl, "passthrough");
	if (ret)
		return ret;
	dl_waiter_begin(&w);
	ret = dl_ctl_set_passthrough(ctl, index, on);
	if (ret) {
		dl_waiter_end(&w);
		if (ret == -EBUSY && !on)
			dl_seterr("drive %u: sr did not bind again (all its minors in use?); "
				  "the drive stays passthrough", index);
		else
			dl_seterr("drive %u: %s", index, dl_ctl_strerror(ret));
		return ret;
	}
	if (on)
		ret = dl_wait_drive_sg(&w, (int)index, dev, timeout_ms);
	else
		ret = dl_wait_drive(&w, (int)index, dev, timeout_ms, NULL);
	dl_waiter_end(&w);
	return ret;
}
