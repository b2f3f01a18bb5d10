/* SPDX-License-Identifier: GPL-2.0 */
/*
 * How the library reports. It never prints: a failing call returns -errno
 * (or a result code) and leaves a one-line reason, "<what>: <why>", that
 * dl_errmsg() returns until the next failure in the same thread, as
 * dlerror() does. Notes and traces meant for a person (a verbose mode, a
 * warning that something will be skipped) go to the function the
 * program installs with dl_set_log_fn(), and nowhere without one.
 */
#ifndef DL_ERRMSG_H
#define DL_ERRMSG_H

#define DL_ERRMSG_MAX	512

/* The reason for the calling thread's last failure ("" if none yet). */
const char *dl_errmsg(void);
/* Record a reason; used by the library's modules only. */
void dl_seterr(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

enum dl_log_level {
	DL_LOG_WARN,	/* something the user should know: done differently */
	DL_LOG_NOTE,	/* what was decided (a verbose mode shows it) */
	DL_LOG_DEBUG,	/* command by command traces */
};

typedef void (*dl_log_fn)(enum dl_log_level level, const char *msg);

/* Where notes go; NULL (the default) drops them. */
void dl_set_log_fn(dl_log_fn fn);
void dl_log(enum dl_log_level level, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif /* DL_ERRMSG_H */
