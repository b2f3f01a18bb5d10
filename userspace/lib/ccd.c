// SPDX-License-Identifier: GPL-2.0
/* CloneCD control files into a CD layout. */
#include <errno.h>

#include "errmsg.h"
#include "layout.h"

int dl_ccd_parse(struct dl_layout *l, const char *text)
{
	dl_seterr("%s: CloneCD images are not supported yet", l->path);
	return -ENOTSUP;
}
