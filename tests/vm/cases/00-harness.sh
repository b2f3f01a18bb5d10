# The harness itself: the guest booted the right kernel with the host root,
# the kernel's own sr driver binds a scsi_debug CD-ROM stand-in (ptype=5),
# the node reads back what was written through sg, and the SCSI tools run.
# tier: gate
# timeout: 60
. "$DL_REPO/tests/vm/lib.sh"

expect_eq "kernel" "$(uname -r)" "$(cat "$DL_RESULTS/kernel")"
check "host root is shared read-only" sh -c '! touch /usr/.dl-rw-probe 2>/dev/null'
check "tmp is writable" touch "$T/x"

load_sd_cd dev_size_mb=16
ok "sr bound: /dev/$sr"
check "sg_inq sees a CD/DVD device" sh -c "sg_inq /dev/$sr | grep -qi 'cd/dvd'"
size=$(blockdev --getsize64 "/dev/$sr")
expect_eq "size" "$size" $((16 * 1048576))
check "read the whole drive" dd if="/dev/$sr" of=/dev/null bs=64k status=none
rmmod scsi_debug || fail "rmmod scsi_debug"
finish
