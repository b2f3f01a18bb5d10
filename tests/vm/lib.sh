# Helpers sourced by the in-guest test cases (tests/vm/cases/*.sh).
# A case exits 0 to pass, 77 to skip (after printing "SKIP: reason"),
# anything else to fail. It runs with a fresh kernel module state and
# with the working directory in a private tmpfs.

set -u
T=$(mktemp -d)
DISCLOOP=${DISCLOOP:-$DL_REPO/userspace/discloop}
DLCTL=${DLCTL:-$DL_REPO/tests/vm/dlctl}
NFAIL=0

log() { echo "# $*"; }
fail() { echo "FAIL: $*"; NFAIL=$((NFAIL + 1)); }
die() { echo "FAIL: $*"; udev_report; exit 1; }
skip() { echo "SKIP: $*"; exit 77; }
ok() { echo "ok: $*"; }

# check DESC CMD...: run CMD, count a failure if it fails.
check() {
	local d=$1; shift
	if "$@"; then ok "$d"; else fail "$d (exit $?: $*)"; fi
}

# expect_eq DESC GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1 = $3"; else fail "$1: got '$2', want '$3'"; fi
}

finish() {
	if [ "$NFAIL" -gt 0 ]; then
		udev_report
		echo "$NFAIL check(s) failed"; exit 1
	fi
	# udev's own fate is not the case's verdict, but it must show
	[ -z "$UDEVD_LOG" ] || pgrep -x systemd-udevd >/dev/null || udev_report
	echo "all checks passed"; exit 0
}

# dl_load [PARAM=VAL...]: load the freshly built discloop.ko.
dl_load() {
	[ -n "${DL_KO:-}" ] && [ -f "$DL_KO" ] || die "discloop.ko was not built"
	insmod "$DL_KO" "$@" || die "insmod discloop.ko failed"
	udevadm settle -t 5 2>/dev/null
	[ -c /dev/discloop-control ] || die "/dev/discloop-control missing"
}

# start_udev: run systemd-udevd for this case (it is stopped afterwards).
# It runs in the foreground of a background shell, logging to a file, so
# that a failing case can show what udev said and whether it is still
# alive: "udevadm settle" succeeds silently when no daemon is running.
UDEVD_LOG=
start_udev() {
	UDEVD_LOG=$T/udevd.log
	pgrep -x systemd-udevd >/dev/null && die "a systemd-udevd is already running"
	(
		SYSTEMD_LOG_TARGET=console SYSTEMD_LOG_LEVEL=info \
			/lib/systemd/systemd-udevd
		echo "systemd-udevd exited with status $?"
	) >"$UDEVD_LOG" 2>&1 </dev/null &
	local i
	for i in $(seq 100); do
		udevadm control --ping -t 5 2>/dev/null && break
		sleep 0.2
	done
	udevadm control --ping -t 30 || die "systemd-udevd did not start"
	udevadm trigger --action=add >/dev/null 2>&1
	udevadm settle -t 120 || log "coldplug: udev did not settle within 120 s"
}

# start_udev_discloop: start_udev with the shipped discloop rules installed.
start_udev_discloop() {
	mkdir -p /run/udev/rules.d
	cp "$DL_REPO/udev-rules/60-discloop.rules" /run/udev/rules.d/ || die "no rules"
	start_udev
}

# udev_alive: the daemon started by start_udev runs and answers.
udev_alive() {
	pgrep -x systemd-udevd >/dev/null && udevadm control --ping -t 60
}

# udev_report: after a failure, what became of the udev daemon.
udev_report() {
	[ -n "$UDEVD_LOG" ] || return 0
	if pgrep -x systemd-udevd >/dev/null; then
		log "systemd-udevd is running"
	else
		log "systemd-udevd is NOT running"
	fi
	log "last lines of its log:"
	tail -n 25 "$UDEVD_LOG" | sed 's/^/#   /'
}

# mkiso OUT DIR [xorriso options...]: an ISO 9660 image with Joliet and RR.
mkiso() {
	local out=$1 dir=$2; shift 2
	xorriso -as mkisofs -quiet -J -R "$@" -o "$out" "$dir" 2>/dev/null ||
		die "xorriso could not make $out"
}

# mktree DIR MB: a tree of several files, one of MB megabytes.
mktree() {
	mkdir -p "$1/sub/deeper"
	echo "hello from discloop" >"$1/README.TXT"
	seq 1 5000 >"$1/sub/numbers.txt"
	echo deep >"$1/sub/deeper/file.txt"
	head -c $(($2 * 1048576)) /dev/urandom >"$1/big.bin"
}

# sr_of_sg / sg_of_sr via sysfs, never by guessing numbers.
sg_of_sr() { ls "/sys/class/block/$(basename "$1")/device/scsi_generic/" 2>/dev/null | head -1; }

# wait_for PATH [SECONDS]
wait_for() {
	local i=0 n=$((${2:-10} * 10))
	while [ ! -e "$1" ] && [ $i -lt $n ]; do sleep 0.1; i=$((i + 1)); done
	[ -e "$1" ]
}

# load_sd_cd [PARAM=VAL...]: (re)load scsi_debug as a CD-ROM stand-in
# (ptype=5, 2048-byte sectors) and set $sr and $sg to its nodes' names.
load_sd_cd() {
	local i d
	rmmod scsi_debug 2>/dev/null
	modprobe scsi_debug ptype=5 removable=1 sector_size=2048 "$@" ||
		die "modprobe scsi_debug $*"
	udevadm settle -t 5 2>/dev/null
	sr=
	for i in $(seq 50); do
		for d in /sys/bus/pseudo/drivers/scsi_debug/adapter*/host*/target*/*/block/sr*; do
			[ -e "$d" ] && sr=$(basename "$d")
		done
		[ -n "$sr" ] && break
		sleep 0.1
	done
	[ -n "$sr" ] || die "sr did not bind scsi_debug"
	wait_for "/dev/$sr" 5 || die "/dev/$sr missing"
	sg=$(sg_of_sr "$sr")
	[ -z "$sg" ] || wait_for "/dev/$sg" 5 || die "/dev/$sg missing"
}
