# attach --no-settle, for batches: each command returns as soon as the
# kernel has made /dev/srN (a block device at once), and one
# "udevadm settle" afterwards covers every drive of the batch: udev has
# run its rules for all of them (ID_CDROM, the by-label link).
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
D=$DISCLOOP

start_udev_discloop
dl_load
mktree "$T/tree" 1
mkiso "$T/c.iso" "$T/tree" -V "NOSETTLE"
# (a loaded machine's udev can take a while with the coldplug events)
udevadm settle -t 120 || fail "udev did not settle within 120 s before the batch"
check "udev daemon answers before the batch" udev_alive

devs=
for i in 1 2 3; do
	d=$($D attach --no-settle "$T/c.iso") || fail "attach --no-settle $i"
	check "--no-settle $i: $d is a block device at once" test -b "$d"
	devs="$devs $d"
done
check "one udevadm settle after the batch" udevadm settle -t 120
check "udev daemon answers after the batch" udev_alive
for d in $devs; do
	check "$d: udev processed it after the settle" sh -c "udevadm info $d | grep -q ID_CDROM=1"
done
check "by-label link after the settle" test -e /dev/disk/by-label/NOSETTLE
for d in $devs; do $D detach "$d" || fail "detach $d"; done
udevadm settle -t 120
check "by-label link gone after the detaches" test ! -e /dev/disk/by-label/NOSETTLE
finish
