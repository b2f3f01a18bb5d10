// SPDX-License-Identifier: GPL-2.0
/*
 * discloop list: the drives, from sysfs (no privileges needed), as a
 * table, raw or JSON through libsmartcols.
 */
#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <libsmartcols.h>

#include "tool.h"
#include "opts.h"
#include "control.h"
#include "device.h"
#include "drives.h"
#include "../common/cdframe.h"

enum {
	COL_INDEX, COL_DEVICE, COL_SG, COL_HCTL, COL_PROFILE, COL_SIZE,
	COL_SECTORS, COL_LOCKED, COL_TRAY, COL_IMAGE, COL_TRACKS, COL_SESSIONS,
	COL_PASSTHROUGH,
};

struct dl_column {
	const char *name;
	const char *help;
	double whint;
	int flags;
	int json_type;
};

static const struct dl_column columns[] = {
	[COL_INDEX]   = { "INDEX",   "discloop drive index",          3, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_DEVICE]  = { "DEVICE",  "block device (sr)",             9, 0, SCOLS_JSON_STRING },
	[COL_SG]      = { "SG",      "SCSI generic device (sg)",      9, 0, SCOLS_JSON_STRING },
	[COL_HCTL]    = { "HCTL",    "SCSI host:channel:target:lun",  8, 0, SCOLS_JSON_STRING },
	[COL_PROFILE] = { "PROFILE", "medium profile",                7, 0, SCOLS_JSON_STRING },
	[COL_SIZE]    = { "SIZE",    "medium capacity",               6, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_SECTORS] = { "SECTORS", "medium capacity in 2048-byte sectors", 8, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_LOCKED]  = { "LOCKED",  "medium removal prevented",      1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN },
	[COL_TRAY]    = { "TRAY",    "tray open or closed",           6, 0, SCOLS_JSON_STRING },
	[COL_IMAGE]   = { "IMAGE",   "backing image file",            30, SCOLS_FL_TRUNC, SCOLS_JSON_STRING },
	[COL_TRACKS]  = { "TRACKS",  "tracks on the disc",            2, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_SESSIONS] = { "SESSIONS", "sessions on the disc",        2, SCOLS_FL_RIGHT, SCOLS_JSON_NUMBER },
	[COL_PASSTHROUGH] = { "PASSTHROUGH", "sr kept off the drive: sg only, for one consumer",
			  1, SCOLS_FL_RIGHT, SCOLS_JSON_BOOLEAN },
};

static const struct dl_column *dl_list_columns(size_t *n)
{
	*n = sizeof(columns) / sizeof(columns[0]);
	return columns;
}

static int dl_list_column_id(const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(columns) / sizeof(columns[0]); i++)
		if (strlen(columns[i].name) == len && !strncasecmp(columns[i].name, name, len))
			return (int)i;
	return -1;
}

static int dl_list_parse_columns(const char *spec, int *ids, int max, int *n)
{
	const char *p = spec;

	if (*p == '+')
		p++;		/* append to what is there */
	else
		*n = 0;
	while (*p) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		int id = dl_list_column_id(p, len);

		if (id < 0) {
			dl_usage_err("list: unknown column '%.*s'", (int)len, p);
			return -EINVAL;
		}
		if (*n >= max) {
			dl_usage_err("list: too many columns");
			return -EINVAL;
		}
		ids[(*n)++] = id;
		if (!e)
			break;
		p = e + 1;
	}
	if (!*n) {
		dl_usage_err("list: no columns given");
		return -EINVAL;
	}
	return 0;
}

static void dl_human_size(uint64_t bytes, char *buf, size_t len)
{
	static const char units[] = "BKMGTPE";
	double v = (double)bytes;
	int u = 0;

	while (v >= 1024 && units[u + 1]) {
		v /= 1024;
		u++;
	}
	if (!u)
		snprintf(buf, len, "%" PRIu64 "B", bytes);
	else if (v < 10 && v != (uint64_t)v)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
}

static void list_usage(void)
{
	size_t i, n;
	const struct dl_column *c = dl_list_columns(&n);

	printf("Usage:\n %s list [options]\n\n"
	       "List the discloop drives.\n\n"
	       "Options:\n"
	       " -J, --json            use JSON output format (sizes in bytes)\n"
	       " -o, --output COLS     the columns to show (+COLS: add to the defaults)\n"
	       "     --output-all      show all columns\n"
	       " -n, --noheadings      do not print headings\n"
	       " -r, --raw             use raw output format\n"
	       " -b, --bytes           print SIZE in bytes\n"
	       " -h, --help            display this help\n\n"
	       "Columns:\n", dl_progname);
	for (i = 0; i < n; i++)
		printf(" %8s  %s\n", c[i].name, c[i].help);
	printf("\nFor more details see discloop(1).\n");
}

static void set_cell(struct libscols_line *ln, int col, const char *s)
{
	scols_line_set_data(ln, col, s);
}

/* What the command line asked for. */
struct list_opts {
	int ids[64], nids;
	bool json, noheadings, raw, bytes;
};

/* One drive's cell for column @id, into @b. */
static const char *cell(const struct dl_drive_row *d, int id, bool bytes, char *b, size_t len)
{
	switch (id) {
	case COL_INDEX:
		snprintf(b, len, "%d", d->dev.index);
		return b;
	case COL_DEVICE:
		return d->dev.srpath[0] ? d->dev.srpath : NULL;
	case COL_SG:
		return d->dev.sgpath[0] ? d->dev.sgpath : NULL;
	case COL_HCTL:
		snprintf(b, len, "%d:%d:%d:%d", d->dev.host, d->dev.channel, d->dev.target,
			 d->dev.lun);
		return b;
	case COL_PROFILE:
		return d->media ? dl_profile_name(d->profile) : NULL;
	case COL_SIZE:
		if (bytes)
			snprintf(b, len, "%" PRIu64, d->sectors * DL_CD_DATA_SIZE);
		else
			dl_human_size(d->sectors * DL_CD_DATA_SIZE, b, len);
		return b;
	case COL_SECTORS:
		snprintf(b, len, "%" PRIu64, d->sectors);
		return b;
	case COL_LOCKED:
		return d->locked ? "1" : "0";
	case COL_TRAY:
		return d->tray_open ? "open" : "closed";
	case COL_IMAGE:
		return d->image[0] ? d->image : NULL;
	case COL_TRACKS:
		if (!d->tracks)
			return NULL;
		snprintf(b, len, "%d", d->tracks);
		return b;
	case COL_SESSIONS:
		if (!d->sessions)
			return NULL;
		snprintf(b, len, "%d", d->sessions);
		return b;
	case COL_PASSTHROUGH:
		return d->passthrough ? "1" : "0";
	}
	return NULL;
}

/* The table of @count drives; 0, or -ENOMEM. */
static int print_table(const struct list_opts *o, const struct dl_drive_row *drv, int count)
{
	struct libscols_table *tb;
	size_t ncols;
	const struct dl_column *cols = dl_list_columns(&ncols);
	int i, j, ret = -ENOMEM;

	scols_init_debug(0);
	tb = scols_new_table();
	if (!tb)
		return -ENOMEM;
	scols_table_enable_json(tb, o->json);
	scols_table_enable_raw(tb, o->raw);
	scols_table_enable_noheadings(tb, o->noheadings);
	if (o->json)
		scols_table_set_name(tb, "drives");
	for (i = 0; i < o->nids; i++) {
		const struct dl_column *col = &cols[o->ids[i]];
		struct libscols_column *cl = scols_table_new_column(tb, col->name, col->whint,
								     col->flags);

		if (!cl)
			goto out;
		if (o->json)
			scols_column_set_json_type(cl, o->ids[i] == COL_SIZE && !o->bytes ?
						   SCOLS_JSON_STRING : col->json_type);
	}
	for (j = 0; j < count; j++) {
		struct libscols_line *ln = scols_table_new_line(tb, NULL);
		char b[64];

		if (!ln)
			goto out;
		for (i = 0; i < o->nids; i++)
			set_cell(ln, i, cell(&drv[j], o->ids[i], o->bytes, b, sizeof(b)));
	}
	/* like losetup --list: no table at all when there is nothing */
	if (count || o->json)
		scols_print_table(tb);
	ret = 0;
out:
	scols_unref_table(tb);
	return ret;
}

static int parse_args(struct list_opts *o, int argc, char **argv)
{
	enum { OPT_ALL = 0x100 };
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "output", required_argument, NULL, 'o' },
		{ "output-all", no_argument, NULL, OPT_ALL },
		{ "noheadings", no_argument, NULL, 'n' },
		{ "raw", no_argument, NULL, 'r' },
		{ "bytes", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	size_t ncols;
	int c;

	dl_list_columns(&ncols);
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "Jo:nrbh", opts, NULL)) != -1) {
		switch (c) {
		case 'J': o->json = true; break;
		case 'o':
			if (dl_list_parse_columns(optarg, o->ids, 64, &o->nids))
				return DL_EXIT_USAGE;
			break;
		case OPT_ALL:
			for (o->nids = 0; o->nids < (int)ncols; o->nids++)
				o->ids[o->nids] = o->nids;
			break;
		case 'n': o->noheadings = true; break;
		case 'r': o->raw = true; break;
		case 'b': o->bytes = true; break;
		case 'h':
			list_usage();
			return HELP_SHOWN;
		default:
			return dl_bad_option("list", argv, argc);
		}
	}
	if (optind != argc) {
		dl_usage_err("list: too many arguments");
		return DL_EXIT_USAGE;
	}
	if (o->json)
		o->bytes = true;
	return DL_EXIT_OK;
}

int cmd_list(int argc, char **argv)
{
	struct list_opts o = {
		.ids = { COL_DEVICE, COL_SG, COL_PROFILE, COL_SIZE, COL_TRACKS, COL_LOCKED,
			 COL_PASSTHROUGH, COL_IMAGE },
		.nids = 8,
	};
	struct dl_drive_row *drv = NULL;
	int count, ret;

	ret = parse_args(&o, argc, argv);
	if (ret != DL_EXIT_OK)
		return ret == HELP_SHOWN ? DL_EXIT_OK : ret;
	if (dl_list_drives(&drv, &count)) {
		dl_err_lib();
		return DL_EXIT_FAIL;
	}
	ret = print_table(&o, drv, count);
	free(drv);
	if (ret) {
		dl_err("list: out of memory");
		return DL_EXIT_FAIL;
	}
	return DL_EXIT_OK;
}
