# The harness itself: the guest booted the right kernel with the host root,
# the kernel's own sr driver binds a scsi_debug CD-ROM stand-in (ptype=5),
# the node reads back what was written through sg, and the SCSI tools run.
# tier: gate
# timeout: 60
. "$DL_REPO/tests/vm/lib.sh"

expect_eq "kernel" "$(uname -r)" "$(cat "$DL_RESULTS/kernel")"
check "host root is shared read-only" sh -c '! touch /usr/.dl-rw-probe 2>/dev/null'
check "tmp is writable" touch "$T/x"

# The stock kernels' memory checks are on (tests/vm/run): SLUB red zones,
# poisoning, consistency checks and owner tracking on every cache; freed
# pages poisoned; KFENCE sampling where it is built in. The
# debug kernel has KASAN instead.
case $(uname -r) in
*dldebug*) ;;
*)	s=/sys/kernel/slab/kmalloc-64
	for a in sanity_checks red_zone poison store_user; do
		expect_eq "slub_debug: $a on kmalloc-64" "$(cat $s/$a 2>&1)" 1
	done
	check "page_poison=1 and init_on_free=1 given" sh -c \
		'grep -q "page_poison=1" /proc/cmdline && grep -q "init_on_free=1" /proc/cmdline'
	# SLUB and page poisoning take precedence over init_on_free: freed
	# memory is poisoned, not zeroed (the kernel says so at boot)
	check "freed memory poisoned" grep -q "SLAB_POISON will take precedence" "$DL_RESULTS/boot.dmesg"
	if [ -e /sys/module/kfence/parameters/sample_interval ]; then
		expect_eq "KFENCE samples" "$(cat /sys/module/kfence/parameters/sample_interval)" 100
	fi ;;
esac

load_sd_cd dev_size_mb=16
ok "sr bound: /dev/$sr"
check "sg_inq sees a CD/DVD device" sh -c "sg_inq /dev/$sr | grep -qi 'cd/dvd'"
size=$(blockdev --getsize64 "/dev/$sr")
expect_eq "size" "$size" $((16 * 1048576))
check "read the whole drive" dd if="/dev/$sr" of=/dev/null bs=64k status=none
rmmod scsi_debug || fail "rmmod scsi_debug"
finish
