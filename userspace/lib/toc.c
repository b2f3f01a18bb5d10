// SPDX-License-Identifier: GPL-2.0
/* cdrdao TOC files into a CD layout. */
#include <errno.h>

#include "errmsg.h"
#include "layout.h"

int dl_toc_parse(struct dl_layout *l, const char *text)
{
	dl_seterr("%s: cdrdao TOC files are not supported yet", l->path);
	return -ENOTSUP;
}
