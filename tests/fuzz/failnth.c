// SPDX-License-Identifier: GPL-2.0
/*
 * failnth: every control ioctl with its Nth fault injected, for N = 1, 2,
 * ... 16, then in steps of an eighth (17, 19, 21, ... 1.125 N), until the
 * ioctl runs through without reaching an Nth fault site. Creating a drive
 * reaches thousands of sites (SCSI scan, sr probe, the block layer,
 * sysfs); the steps keep a run to about a hundred attempts per ioctl.
 * Runs on a kernel with fault injection (the debug kernel); the caller
 * limits failslab, fail_page_alloc and fail_usercopy to stacks that pass
 * through discloop's code (require-start/require-end), so the faults land
 * in discloop and in what it calls, not elsewhere in the task.
 *
 *   failnth IMAGE-A IMAGE-B
 *
 * For each operation the state before and after is compared with what
 * the ABI promises: a failed ADD leaves no drive behind; a failed INSERT
 * leaves the disc that was in the drive; a failed REMOVE leaves the drive
 * working; a failed SET_FAULTS leaves the previous fault table; a failed
 * SET_QUIRKS leaves the previous quirks; a failed EJECT leaves the disc. Errors other than ENOMEM, EFAULT and EIO (and
 * EBUSY/ENOSPC/ENXIO, which a failed sr or SCSI probe turns into) fail.
 * Prints one line per operation: its name, the faults injected, and the
 * errnos seen. Exit 0 when every rule held.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/discloop.h>

#define MAX_NTH	200000

static int ctl, fd_a, fd_b, nth_fd, failures;
static const char *img_a, *img_b;

static void bad(const char *op, int n, const char *what)
{
	printf("FAIL %s, fault %d: %s\n", op, n, what);
	failures++;
}

/* Arm the Nth fault site of this task; 0 disarms. */
static void arm(int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%d", n);

	if (pwrite(nth_fd, buf, len, 0) != len) {
		perror("fail-nth");
		exit(2);
	}
}

/* True if the armed fault was injected (fail-nth reads back 0). */
static int fired(void)
{
	char buf[16] = "";

	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) < 0) {
		perror("fail-nth");
		exit(2);
	}
	return atoi(buf) == 0;
}

static int info(unsigned int index, struct discloop_info *i)
{
	memset(i, 0, sizeof(*i));
	i->size = sizeof(*i);
	i->index = index;
	return ioctl(ctl, DISCLOOP_CTL_GET_INFO, i);
}

/* The path of the disc in drive @index, "" when empty, NULL if no drive. */
static const char *disc_of(unsigned int index)
{
	static struct discloop_info i;

	if (info(index, &i))
		return NULL;
	return i.image;
}

static int ctl_call(unsigned long req, unsigned int index, int fd,
		    unsigned int flags, unsigned int *out_index)
{
	struct discloop_info i;
	int ret;

	memset(&i, 0, sizeof(i));
	i.size = sizeof(i);
	i.index = index;
	i.fd = fd;
	i.flags = flags;
	ret = ioctl(ctl, req, &i);
	if (!ret && out_index)
		*out_index = i.index;
	return ret;
}

static int set_faults(unsigned int index, unsigned int nr)
{
	struct discloop_faults f;
	unsigned int k;

	memset(&f, 0, sizeof(f));
	f.size = sizeof(f);
	f.index = index;
	f.nr = nr;
	for (k = 0; k < nr; k++) {
		f.fault[k].lba = 100 + 10 * k;
		f.fault[k].count = 2;
	}
	return ioctl(ctl, DISCLOOP_CTL_SET_FAULTS, &f);
}

static int nr_faults(unsigned int index)
{
	char path[128], buf[16] = "";
	struct discloop_info i;
	FILE *f;

	if (info(index, &i))
		return -1;
	snprintf(path, sizeof(path),
		 "/sys/bus/scsi/devices/%u:%u:%u:%u/discloop/faults",
		 i.host, i.channel, i.target, i.lun);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (!fgets(buf, sizeof(buf), f))
		buf[0] = 0;
	fclose(f);
	return atoi(buf);
}

static int allowed(int e)
{
	return e == ENOMEM || e == EFAULT || e == EIO || e == EBUSY ||
	       e == ENOSPC || e == ENXIO || e == ENODEV;
}

struct op {
	const char *name;
	/* Set the state up (not armed); return 0 or fail the run. */
	int (*setup)(void);
	/* The ioctl under test (armed). */
	int (*call)(void);
	/* Check the state after @ret/@err; return NULL or what is wrong. */
	const char *(*check)(int ret, int err);
};

static unsigned int added;

static int no_setup(void) { return 0; }

static int setup_drive(void)
{
	if (disc_of(0))
		return 0;
	return ctl_call(DISCLOOP_CTL_ADD, 0, fd_a, 0, NULL);
}

static int setup_a(void)
{
	if (setup_drive())
		return -1;
	return ctl_call(DISCLOOP_CTL_INSERT, 0, fd_a, 0, NULL);
}

static int call_add(void)
{
	return ctl_call(DISCLOOP_CTL_ADD, 1, fd_b, 0, &added);
}

static const char *check_add(int ret, int err)
{
	const char *d = disc_of(1);

	(void)err;
	if (ret)
		return d ? "a failed ADD left a drive behind" : NULL;
	if (!d || !strstr(d, img_b))
		return "ADD succeeded but the drive has not its disc";
	if (ctl_call(DISCLOOP_CTL_REMOVE, 1, -1, 0, NULL))
		return "cannot remove the drive ADD made";
	return NULL;
}

static int call_insert(void) { return ctl_call(DISCLOOP_CTL_INSERT, 0, fd_b, 0, NULL); }

static const char *check_insert(int ret, int err)
{
	const char *d = disc_of(0);

	(void)err;
	if (!d)
		return "the drive vanished";
	if (ret)
		return strstr(d, img_a) ? NULL : "a failed INSERT lost the old disc";
	return strstr(d, img_b) ? NULL : "INSERT succeeded without the new disc";
}

static int call_eject(void) { return ctl_call(DISCLOOP_CTL_EJECT, 0, -1, DISCLOOP_FLAG_FORCE, NULL); }

static const char *check_eject(int ret, int err)
{
	const char *d = disc_of(0);

	(void)err;
	if (!d)
		return "the drive vanished";
	if (ret)
		return strstr(d, img_a) ? NULL : "a failed EJECT lost the disc";
	return *d ? "EJECT succeeded but a disc is still in" : NULL;
}

static int call_faults(void) { return set_faults(0, 4); }

static const char *check_faults(int ret, int err)
{
	int n = nr_faults(0);

	(void)err;
	if (ret)
		return n == 1 ? NULL : "a failed SET_FAULTS changed the table";
	return n == 4 ? NULL : "SET_FAULTS succeeded without its table";
}

static int setup_faults(void)
{
	return setup_a() || set_faults(0, 1);
}

static int call_info(void)
{
	struct discloop_info i;

	return info(0, &i);
}

static const char *check_info(int ret, int err)
{
	(void)ret; (void)err;
	return disc_of(0) ? NULL : "the drive vanished";
}

static int call_remove(void) { return ctl_call(DISCLOOP_CTL_REMOVE, 0, -1, 0, NULL); }

static const char *check_remove(int ret, int err)
{
	const char *d = disc_of(0);

	(void)err;
	if (ret)
		return d && strstr(d, img_a) ? NULL : "a failed REMOVE damaged the drive";
	return d ? "REMOVE succeeded but the drive is there" : NULL;
}

/* A two-track layout of image B: data, then the same bytes as audio. */
static int call_insert_disc(void)
{
	struct discloop_track t[2];
	struct discloop_disc d;
	off_t bytes = lseek(fd_b, 0, SEEK_END);

	memset(t, 0, sizeof(t));
	t[0].number = 1;
	t[0].session = 1;
	t[0].type = DISCLOOP_TRACK_MODE1;
	t[0].control = DISCLOOP_CTRL_DATA;
	t[0].fd = fd_b;
	t[0].sector_size = 2048;
	t[0].pregap = 150;
	t[0].length = bytes / 2048;
	t[1] = t[0];
	t[1].number = 2;
	t[1].type = DISCLOOP_TRACK_AUDIO;
	t[1].control = 0;
	t[1].sector_size = 2352;
	t[1].start = t[0].length + 150;
	t[1].length = bytes / 2352;
	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.index = 0;
	d.nr_tracks = 2;
	d.track_size = sizeof(t[0]);
	d.tracks = (unsigned long)t;
	d.sub_fd = -1;
	return ioctl(ctl, DISCLOOP_CTL_INSERT_DISC, &d);
}

static int call_get_disc(void)
{
	struct discloop_track t[4];
	struct discloop_disc d;

	memset(&d, 0, sizeof(d));
	d.size = sizeof(d);
	d.index = 0;
	d.nr_tracks = 4;
	d.track_size = sizeof(t[0]);
	d.tracks = (unsigned long)t;
	return ioctl(ctl, DISCLOOP_CTL_GET_DISC, &d);
}

/* SET_QUIRKS of drive 0: read offset @offset and @nr C2 ranges. */
static int set_quirks(int offset, unsigned int nr)
{
	struct discloop_quirks q;
	unsigned int k;

	memset(&q, 0, sizeof(q));
	q.size = sizeof(q);
	q.read_offset = offset;
	q.flags = nr > 1 ? DISCLOOP_QUIRK_SCRAMBLE : 0;
	q.overread = nr;
	q.nr_c2 = nr;
	for (k = 0; k < nr; k++) {
		q.c2[k].lba = 100 + 10 * k;
		q.c2[k].count = 2;
		q.c2[k].offset = k;
		q.c2[k].length = 1;
	}
	return ioctl(ctl, DISCLOOP_CTL_SET_QUIRKS, &q);
}

static int get_quirks(struct discloop_quirks *q)
{
	memset(q, 0, sizeof(*q));
	q->size = sizeof(*q);
	return ioctl(ctl, DISCLOOP_CTL_GET_QUIRKS, q);
}

static int setup_quirks(void)
{
	return setup_a() || set_quirks(6, 1);
}

static int call_quirks(void) { return set_quirks(-30, 4); }

static const char *check_quirks(int ret, int err)
{
	struct discloop_quirks q;

	(void)err;
	if (get_quirks(&q))
		return "GET_QUIRKS failed after SET_QUIRKS";
	if (ret)
		return q.nr_c2 == 1 && q.read_offset == 6 && !q.flags ?
		       NULL : "a failed SET_QUIRKS changed the quirks";
	return q.nr_c2 == 4 && q.read_offset == -30 && q.overread == 4 ?
	       NULL : "SET_QUIRKS succeeded without its quirks";
}

static const char *check_quirks_kept(int ret, int err)
{
	struct discloop_quirks q;

	(void)ret; (void)err;
	if (get_quirks(&q))
		return "GET_QUIRKS failed unarmed";
	return q.nr_c2 == 1 && q.read_offset == 6 ? NULL : "GET_QUIRKS changed the quirks";
}

static int call_get_quirks(void)
{
	struct discloop_quirks q;

	return get_quirks(&q);
}

static const struct op ops[] = {
	{ "ADD", no_setup, call_add, check_add },
	{ "INSERT", setup_a, call_insert, check_insert },
	{ "EJECT", setup_a, call_eject, check_eject },
	{ "SET_FAULTS", setup_faults, call_faults, check_faults },
	{ "SET_QUIRKS", setup_quirks, call_quirks, check_quirks },
	{ "GET_QUIRKS", setup_quirks, call_get_quirks, check_quirks_kept },
	{ "GET_INFO", setup_a, call_info, check_info },
	{ "INSERT_DISC", setup_a, call_insert_disc, check_insert },
	{ "GET_DISC", setup_a, call_get_disc, check_info },
	{ "REMOVE", setup_a, call_remove, check_remove },
};

static void run(const struct op *op)
{
	char errs[256] = "";
	int n, ret, err, injected = 0;

	for (n = 1; n <= MAX_NTH; n += n < 16 ? 1 : n / 8) {
		const char *why;

		if (op->setup()) {
			bad(op->name, n, "setup failed");
			return;
		}
		arm(n);
		ret = op->call();
		err = errno;
		if (!fired()) {
			arm(0);
			if (ret)
				bad(op->name, n, "failed with no fault injected");
			break;
		}
		injected++;
		if (ret && !allowed(err)) {
			char msg[96];

			snprintf(msg, sizeof(msg), "errno %d (%s) is not one a fault explains",
				 err, strerror(err));
			bad(op->name, n, msg);
		}
		if (ret && !strstr(errs, strerror(err)) && strlen(errs) < 160) {
			strcat(errs, errs[0] ? ", " : "");
			strcat(errs, strerror(err));
		}
		why = op->check(ret, err);
		if (why)
			bad(op->name, n, why);
	}
	if (n > MAX_NTH)
		bad(op->name, n, "still reaching fault sites after the limit");
	printf("%s: %d faults injected, errors seen: %s\n", op->name, injected,
	       errs[0] ? errs : "none (every fault was absorbed)");
}

int main(int argc, char **argv)
{
	unsigned int k;

	if (argc != 3) {
		fprintf(stderr, "usage: failnth IMAGE-A IMAGE-B\n");
		return 2;
	}
	img_a = argv[1];
	img_b = argv[2];
	ctl = open("/dev/discloop-control", O_RDWR);
	fd_a = open(img_a, O_RDONLY);
	fd_b = open(img_b, O_RDONLY);
	nth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (ctl < 0 || fd_a < 0 || fd_b < 0 || nth_fd < 0) {
		perror("failnth: open");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (k = 0; k < sizeof(ops) / sizeof(ops[0]); k++)
		run(&ops[k]);
	return failures ? 1 : 0;
}
