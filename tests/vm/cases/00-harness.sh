# The harness itself: the guest booted the right kernel with the host root,
# the kernel's own sr driver binds a scsi_debug CD-ROM stand-in (ptype=5),
# the node reads back what was written through sg, and the SCSI tools run.
# timeout: 60
. "$DL_REPO/tests/vm/lib.sh"

expect_eq "kernel" "$(uname -r)" "$(cat "$DL_RESULTS/kernel")"
check "host root is shared read-only" sh -c '! touch /usr/.dl-rw-probe 2>/dev/null'
check "tmp is writable" touch "$T/x"

modprobe scsi_debug ptype=5 removable=1 sector_size=2048 dev_size_mb=16 ||
	die "modprobe scsi_debug failed"
udevadm settle -t 5 2>/dev/null
sr=
for i in $(seq 50); do
	for d in /sys/bus/scsi/drivers/sr/*/block/sr*; do
		[ -e "$d" ] && sr=$(basename "$d")
	done
	[ -n "$sr" ] && break
	sleep 0.1
done
[ -n "$sr" ] || die "sr did not bind scsi_debug"
ok "sr bound: /dev/$sr"
wait_for "/dev/$sr" 5 || die "/dev/$sr missing"
check "sg_inq sees a CD/DVD device" sh -c "sg_inq /dev/$sr | grep -qi 'cd/dvd'"
size=$(blockdev --getsize64 "/dev/$sr")
expect_eq "size" "$size" $((16 * 1048576))
check "read the whole drive" dd if="/dev/$sr" of=/dev/null bs=64k status=none
rmmod scsi_debug || fail "rmmod scsi_debug"
finish
