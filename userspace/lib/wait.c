// SPDX-License-Identifier: GPL-2.0
/*
 * After ADD the kernel has made the SCSI device and sr has bound to it;
 * the node /dev/srN comes from devtmpfs and udev then adds permissions,
 * properties and links. Wake up on uevents when udev runs, and in any
 * case look at the truth (sysfs, /dev, the udev database) each round.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include <libudev.h>

#include "errmsg.h"
#include "control.h"
#include "device.h"
#include "wait.h"

long long dl_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/*
 * Is systemd-udevd running? Its control socket exists while it runs, but
 * a killed udevd leaves the file behind: only a successful connect counts.
 */
bool dl_udev_running(void)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX, .sun_path = "/run/udev/control" };
	int fd, r;

	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return false;
	r = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
	/*
	 * EAGAIN: listening, backlog full. EACCES/EPERM: the socket is there
	 * but only root may talk to it (systemd-udevd-control.socket is 0600),
	 * which is what a cdrom-group user meets on a systemd system: udev
	 * runs. A stale socket file left by a dead udevd refuses instead.
	 */
	if (r < 0 && (errno == EAGAIN || errno == EACCES || errno == EPERM))
		r = 0;
	close(fd);
	return r == 0;
}

void dl_waiter_begin(struct dl_waiter *w)
{
	memset(w, 0, sizeof(*w));
	w->udev_running = dl_udev_running();
	w->udev = udev_new();
	if (!w->udev || !w->udev_running)
		return;
	w->mon = udev_monitor_new_from_netlink(w->udev, "udev");
	if (!w->mon)
		return;
	if (udev_monitor_filter_add_match_subsystem_devtype(w->mon, "block", NULL) < 0 ||
	    udev_monitor_filter_add_match_subsystem_devtype(w->mon, "scsi_generic", NULL) < 0 ||
	    udev_monitor_enable_receiving(w->mon) < 0) {
		udev_monitor_unref(w->mon);
		w->mon = NULL;
	}
}

void dl_waiter_end(struct dl_waiter *w)
{
	if (w->mon)
		udev_monitor_unref(w->mon);
	if (w->udev)
		udev_unref(w->udev);
	memset(w, 0, sizeof(*w));
}

/* devt of a sysfs device of @class ("block", "scsi_generic"); 0 if unknown. */
static dev_t class_devt(const char *class, const char *name)
{
	char p[PATH_MAX], v[32];
	unsigned int ma, mi;

	snprintf(p, sizeof(p), "%s/class/%s/%s/dev", dl_sysfs_root, class, name);
	if (dl_read_attr(p, v, sizeof(v)) || sscanf(v, "%u:%u", &ma, &mi) != 2)
		return 0;
	return makedev(ma, mi);
}

static dev_t sys_devt(const char *sr)
{
	return class_devt("block", sr);
}

static bool node_is(const char *path, dev_t devt)
{
	struct stat st;

	return !stat(path, &st) && S_ISBLK(st.st_mode) && st.st_rdev == devt;
}

static bool chr_node_is(const char *path, dev_t devt)
{
	struct stat st;

	return !stat(path, &st) && S_ISCHR(st.st_mode) && st.st_rdev == devt;
}

/* The device's udev database entry is written (udev has run its rules). */
static bool udev_done_in(struct dl_waiter *w, const char *subsystem, const char *name,
			 char *labelenc, size_t len)
{
	struct udev_device *d;
	bool done;

	if (!w->udev)
		return true;
	d = udev_device_new_from_subsystem_sysname(w->udev, subsystem, name);
	if (!d)
		return false;
	done = udev_device_get_is_initialized(d) > 0;
	if (done && labelenc) {
		const char *v = udev_device_get_property_value(d, "ID_FS_LABEL_ENC");

		snprintf(labelenc, len, "%s", v ? v : "");
	}
	udev_device_unref(d);
	return done;
}

static bool udev_done(struct dl_waiter *w, const char *sr, char *labelenc, size_t len)
{
	return udev_done_in(w, "block", sr, labelenc, len);
}

static void nap(struct dl_waiter *w, int ms)
{
	if (w->mon) {
		struct pollfd p = { .fd = udev_monitor_get_fd(w->mon), .events = POLLIN };

		if (poll(&p, 1, ms) > 0) {
			struct udev_device *d;

			/* drain: we only use events to wake up */
			while ((d = udev_monitor_receive_device(w->mon)))
				udev_device_unref(d);
		}
	} else {
		usleep(ms * 1000);
	}
}

int dl_wait_drive(struct dl_waiter *w, int index, struct dl_dev *dev,
		  int timeout_ms, const char *label)
{
	long long deadline = dl_now_ms() + timeout_ms;
	char enc[1024], link[PATH_MAX + 32];
	bool want_label = label && *label;
	const char *what = "its SCSI device";
	int ret;

	ret = dl_dev_from_index(index, dev);
	if (ret)
		return ret;
	if (want_label && !w->udev_running) {
		dl_log(DL_LOG_WARN, "warning: udev is not running, so no /dev/disk/by-label "
		       "link will appear; not waiting for it");
		want_label = false;
	}
	for (;;) {
		dev_t devt;

		enc[0] = '\0';
		if (!dev->sr[0])
			dl_dev_fill_hctl(dev);
		if (!dev->sr[0]) {
			what = "the sr driver to bind";
		} else if (!(devt = sys_devt(dev->sr))) {
			what = "its block device";
		} else if (!node_is(dev->srpath, devt)) {
			what = dev->srpath;
		} else if (w->udev_running && !udev_done(w, dev->sr, enc, sizeof(enc))) {
			what = "udev to process it";
		} else if (!want_label) {
			return 0;
		} else {
			if (!enc[0])
				dl_udev_encode(label, enc, sizeof(enc));
			snprintf(link, sizeof(link), "%s/disk/by-label/%s", dl_dev_root, enc);
			if (node_is(link, devt))
				return 0;
			what = link;
		}
		if (dl_now_ms() >= deadline)
			break;
		nap(w, 50);
	}
	dl_seterr("drive %d: timed out waiting for %s", index, what);
	return -ETIMEDOUT;
}

int dl_wait_drive_sg(struct dl_waiter *w, int index, struct dl_dev *dev, int timeout_ms)
{
	long long deadline = dl_now_ms() + timeout_ms;
	const char *what = "its SCSI device";
	int ret;

	ret = dl_dev_from_index(index, dev);
	if (ret)
		return ret;
	for (;;) {
		dev_t devt;

		if (!dev->sg[0])
			dl_dev_fill_hctl(dev);
		if (!dev->sg[0]) {
			what = "its sg node (is the sg module loaded?)";
		} else if (!(devt = class_devt("scsi_generic", dev->sg))) {
			what = "its SCSI generic device";
		} else if (!chr_node_is(dev->sgpath, devt)) {
			what = dev->sgpath;
		} else if (w->udev_running && !udev_done_in(w, "scsi_generic", dev->sg, NULL, 0)) {
			what = "udev to process it";
		} else {
			return 0;
		}
		if (dl_now_ms() >= deadline)
			break;
		nap(w, 50);
	}
	dl_seterr("drive %d: timed out waiting for %s", index, what);
	return -ETIMEDOUT;
}
