# Reads that time out. The image sits on a dm-delay device, so each read
# of the backing store takes 1.5 s, and the drive's command timeout is set
# to 1 s: the SCSI error handler aborts reads in progress (the abort must
# wait for them) and, with one worker per drive and several readers, reads
# that may still be queued behind them (the abort takes those back). The
# retried commands must return the image's bytes. Then a drive is removed while a slow read is in flight.
# The module must unload afterwards (no leaked disc reference).
# tier: gate
# vcpus: 2
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load workers=1
modprobe dm-delay || die "dm-delay is not available"
mktree "$T/tree" 1
mkiso "$T/a.iso" "$T/tree" -V ABORT
loop=$(losetup -r -f --show "$T/a.iso") || die "losetup"
size=$(blockdev --getsz "$loop")
dmsetup create --noudevsync dlslow --readonly --table "0 $size delay $loop 0 1500" ||
	die "dmsetup create"
# No udev here: use the kernel's dm-N node.
slow=/dev/dm-$(dmsetup info -c --noheadings -o minor dlslow | tr -d ' ')
wait_for "$slow" 5 || die "$slow did not appear"
cleanup() {
	dmsetup remove --noudevsync dlslow 2>/dev/null
	losetup -d "$loop" 2>/dev/null
}
trap cleanup EXIT

sr=$(dl_add "$slow") || die "add"
dev=/sys/class/block/${sr#/dev/}/device
idx=$(cat "$dev/discloop/index")
sense_of "/dev/$(sg_of_sr "$sr")" 000000000000 >/dev/null
echo 1 >"$dev/timeout"
before=$(($(cat "$dev/iotmo_cnt")))
blockdev --flushbufs "$slow"
echo 3 >/proc/sys/vm/drop_caches

# Four readers of neighbouring blocks at once: one read runs, three wait.
for b in 16 17 18 19; do
	dd if="$sr" of="$T/got.$b" bs=2048 skip=$b count=1 iflag=direct \
		status=none 2>"$T/err.$b" &
done
wait
after=$(($(cat "$dev/iotmo_cnt")))
check "reads timed out and were aborted ($before -> $after)" [ "$after" -ge $((before + 2)) ]
for b in 16 17 18 19; do
	dd if="$T/a.iso" of="$T/want.$b" bs=2048 skip=$b count=1 status=none
	check "block $b read back after the abort" cmp "$T/got.$b" "$T/want.$b"
done
expect_eq "whole image after the aborts" "$(sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"

# Remove the drive while a slow read is in flight.
echo 30 >"$dev/timeout"
blockdev --flushbufs "$slow"
echo 3 >/proc/sys/vm/drop_caches
dd if="$sr" of=/dev/null bs=2048 skip=100 count=1 iflag=direct status=none 2>/dev/null &
rd=$!
sleep 0.5
check "remove with a read in flight" $DLCTL remove "$idx"
wait $rd
check "drive gone" [ ! -e "$sr" ]
finish
