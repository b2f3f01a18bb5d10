// SPDX-License-Identifier: GPL-2.0
/* The library's failure reasons and notes: see errmsg.h. */
#include <stdarg.h>
#include <stdio.h>

#include "errmsg.h"

static __thread char last[DL_ERRMSG_MAX];
static dl_log_fn log_fn;

const char *dl_errmsg(void)
{
	return last;
}

void dl_seterr(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last, sizeof(last), fmt, ap);
	va_end(ap);
}

void dl_set_log_fn(dl_log_fn fn)
{
	log_fn = fn;
}

void dl_log(enum dl_log_level level, const char *fmt, ...)
{
	char msg[DL_ERRMSG_MAX];
	va_list ap;

	if (!log_fn)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_fn(level, msg);
}
