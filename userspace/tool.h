/* SPDX-License-Identifier: GPL-2.0 */
/*
 * discloop(8): what the commands share. The commands parse options, call
 * the library (lib/) and print; the library never prints.
 */
#ifndef DL_TOOL_H
#define DL_TOOL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Exit codes, documented in discloop(8). */
#define DL_EXIT_OK	0	/* success (verify: the data matches) */
#define DL_EXIT_FAIL	1	/* the operation failed (verify: mismatch) */
#define DL_EXIT_USAGE	2	/* bad command line */
#define DL_EXIT_TROUBLE	2	/* verify: could not check, as cmp(1) */

/* A command's option parser showed --help: exit DL_EXIT_OK. */
#define HELP_SHOWN	(-1)

extern const char *dl_progname;
/* -v given this many times: the library's notes (1) and traces (2) show. */
extern int dl_verbose;

/* "discloop: <what>: <why>" on stderr. */
void dl_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void dl_usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* dl_err() with the library's reason for its last failure. */
void dl_err_lib(void);

/* Commands: each parses its own options with getopt_long. */
int cmd_attach(int argc, char **argv);
int cmd_detach(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_remove(int argc, char **argv);
int cmd_insert(int argc, char **argv);
int cmd_eject(int argc, char **argv);
int cmd_passthrough(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_info(int argc, char **argv);
int cmd_autoattach(int argc, char **argv);
int cmd_rip(int argc, char **argv);
int cmd_verify(int argc, char **argv);

/* discinfo.c: a CD layout as text lines, or as members of an open JSON object. */
struct dl_layout;
struct dl_json;
void dl_layout_print(const struct dl_layout *l, FILE *out);
void dl_layout_json(const struct dl_layout *l, struct dl_json *j);

#endif /* DL_TOOL_H */
