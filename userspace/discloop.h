/* SPDX-License-Identifier: GPL-2.0 */
/* discloop(8): declarations shared by the command's source files. */
#ifndef DISCLOOP_H
#define DISCLOOP_H

#include <stdbool.h>
#include <stdint.h>

/* Exit codes, documented in discloop(8). */
#define DL_EXIT_OK	0	/* success (verify: the data matches) */
#define DL_EXIT_FAIL	1	/* the operation failed (verify: mismatch) */
#define DL_EXIT_USAGE	2	/* bad command line */

extern const char *dl_progname;

/* "discloop: <what>: <why>" on stderr. */
void dl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dl_usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A drive as the tool names it. */
struct dl_dev {
	char sr[32];		/* "sr1", empty if no block node */
	char sg[32];		/* "sg2", empty if sg is not loaded */
	char srpath[48];	/* "/dev/sr1" */
	char sgpath[48];	/* "/dev/sg2" */
	int index;		/* discloop drive index, -1 for other drives */
	int host, channel, target, lun;
};

/*
 * Resolve DEVICE: /dev/srN, /dev/sgN, srN, sgN, a symlink to one of them,
 * or a discloop drive index. sr and sg are mapped through sysfs (libudev),
 * never by guessing numbers. Returns 0, or -errno with a message printed.
 */
int dl_dev_resolve(const char *arg, struct dl_dev *dev);
/* Fill @dev for the discloop drive at @index. */
int dl_dev_from_index(int index, struct dl_dev *dev);
/* Is the SCSI host @host the discloop host? */
bool dl_host_is_discloop(int host);

/* Commands: each parses its own options with getopt_long. */
int cmd_attach(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_insert(int argc, char **argv);
int cmd_eject(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_autoattach(int argc, char **argv);
int cmd_rip(int argc, char **argv);
int cmd_verify(int argc, char **argv);

#endif /* DISCLOOP_H */
