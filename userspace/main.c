// SPDX-License-Identifier: GPL-2.0
/*
 * discloop(1): attach disc images as virtual optical drives, and rip discs.
 * This file dispatches to one command per source file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tool.h"
#include "control.h"
#include "errmsg.h"
#include "../common/cdframe.h"

const char *dl_progname = "discloop";
int dl_verbose;

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

static const struct command commands[] = {
	{ "attach", cmd_attach, "create a drive with IMAGE inserted, print its node" },
	{ "detach", cmd_detach, "remove drives (and their media)" },
	{ "add",    cmd_add,    "create an empty drive, print its node" },
	{ "remove", cmd_remove, "remove an empty or full drive" },
	{ "insert", cmd_insert, "put IMAGE into an existing drive" },
	{ "eject",  cmd_eject,  "take the medium out of a drive" },
	{ "passthrough", cmd_passthrough, "keep the local sr off a drive, or give it back" },
	{ "list",   cmd_list,   "list drives" },
	{ "info",   cmd_info,   "describe an image or the medium in a drive" },
	{ "autoattach", cmd_autoattach, "attach the images a medium carries" },
	{ "rip",    cmd_rip,    "read a disc into an image, sector-exactly" },
	{ "verify", cmd_verify, "check an image against checksums or a disc" },
};

void dl_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", dl_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void dl_usage_err(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", dl_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", dl_progname);
}

void dl_err_lib(void)
{
	const char *msg = dl_errmsg();

	dl_err("%s", *msg ? msg : "failed");
}

/* The library's notes: warnings always, the rest as -v asks. */
static void log_to_stderr(enum dl_log_level level, const char *msg)
{
	if (level == DL_LOG_WARN || (int)level <= dl_verbose)
		fprintf(stderr, "%s: %s\n", dl_progname, msg);
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "Usage:\n %s <command> [options] [arguments]\n\n", dl_progname);
	fputs("Virtual CD/DVD/BD drives backed by image files, and a sector-exact ripper.\n\n", out);
	fputs("Commands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, " %-11s %s\n", commands[i].name, commands[i].help);
	fputs("\nOptions:\n -h, --help     display this help\n -V, --version  display version\n", out);
	fprintf(out, "\nRun '%s <command> --help' for a command's options.\n"
		"For more details see discloop(1).\n", dl_progname);
}

/*
 * --version: this program's version and the ABI it speaks, then the loaded
 * module's version (from sysfs) and the ABI it reports through the control
 * device, when it can be opened.
 */
static void version(void)
{
	char mv[64] = "";
	FILE *f;
	int fd, abi;

	printf("%s %s (ABI %d)\n", dl_progname, DISCLOOP_VERSION, DISCLOOP_ABI_VERSION);
	f = fopen("/sys/module/discloop/version", "re");
	if (!f) {
		if (access("/sys/module/discloop", F_OK))
			puts("module: not loaded");
		else
			puts("module: loaded, version unknown");
		return;
	}
	if (!fgets(mv, sizeof(mv), f))
		mv[0] = 0;
	fclose(f);
	mv[strcspn(mv, "\n")] = 0;
	fd = dl_ctl_open(false);
	abi = fd < 0 ? fd : dl_ctl_version(fd);
	if (abi >= 0)
		printf("module: %s (ABI %d)\n", mv[0] ? mv : "unknown", abi);
	else
		printf("module: %s (ABI unknown: %s)\n", mv[0] ? mv : "unknown",
		       strerror(-abi));
}

int main(int argc, char **argv)
{
	size_t i;

	dl_cdframe_init();
	dl_set_log_fn(log_to_stderr);
	if (argc < 2) {
		dl_usage_err("no command given");
		return DL_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return DL_EXIT_OK;
	}
	if (!strcmp(argv[1], "-V") || !strcmp(argv[1], "--version")) {
		version();
		return DL_EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	dl_usage_err("unknown command '%s'", argv[1]);
	return DL_EXIT_USAGE;
}
