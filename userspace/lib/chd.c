// SPDX-License-Identifier: GPL-2.0
/* MAME CHD images, decoded by chdman into a CD layout. */
#include <errno.h>

#include "errmsg.h"
#include "layout.h"

int dl_chd_load(struct dl_layout *l, void (*progress)(int percent, void *arg), void *arg)
{
	dl_seterr("%s: CHD images are not supported yet", l->path);
	return -ENOTSUP;
}
