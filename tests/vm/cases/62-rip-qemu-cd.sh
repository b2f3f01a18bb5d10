# discloop rip of a drive that is not discloop's: QEMU's scsi-cd on
# virtio-scsi (tests/vm/run gives this case's guest one, with seg_max_adjust
# off: 126 segments per command, as older QEMU machine types have), holding
# a 24 MiB counting pattern. SG_IO on the block node maps the buffer one
# segment per contiguous run of pages, so 1 MiB reads (256 pages) failed
# with EINVAL whenever the pages were scattered ("Invalid argument (try a
# smaller --blocks)" at LBA 0). The rip must size its reads to what the node
# accepts, and when a size beyond that is forced with --blocks, fall back to
# smaller reads by itself: the image exact, no sector bad.
# tier: gate
# timeout: 240
# qemu: scsi-cd
. "$DL_REPO/tests/vm/lib.sh"
cd "$T" || die "no tmp"

modprobe virtio_scsi && modprobe sr_mod && modprobe sg || die "modprobe virtio_scsi sr_mod sg"
sr=
for i in $(seq 100); do
	for b in /sys/class/block/sr*; do
		[ -e "$b/device/vendor" ] && grep -q '^QEMU' "$b/device/vendor" && sr=$(basename "$b")
	done
	[ -n "$sr" ] && [ -n "$(sg_of_sr "$sr")" ] && break
	sleep 0.1
done
[ -n "$sr" ] || die "no QEMU CD-ROM (is the guest started with a scsi-cd?)"
sg=$(sg_of_sr "$sr")
[ -n "$sg" ] || die "no sg node for $sr"
segs=$(cat "/sys/class/block/$sr/queue/max_segments")
kb=$(cat "/sys/class/block/$sr/queue/max_sectors_kb")
log "$sr ($sg): max_segments $segs, max_sectors_kb $kb"

# The pattern, made here independently: sector i holds i as 512 LE words.
python3 -c 'import struct,sys
w=sys.stdout.buffer
for i in range(12288): w.write(struct.pack("<I", i) * 512)' >want.bin
want=$(sha256sum <want.bin | cut -d' ' -f1)

# The safe size: no more pages than segments, and within max_sectors_kb.
page=$(getconf PAGESIZE)
safe=$((segs * page / 2048))
[ $((kb * 1024 / 2048)) -lt $safe ] && safe=$((kb * 1024 / 2048))
[ $safe -gt 512 ] && safe=512

for node in "$sg" "$sr"; do
	rm -f a.iso a.iso.map
	"$DISCLOOP" rip -v "/dev/$node" a.iso >a.out 2>a.err
	expect_eq "rip /dev/$node exit" "$?" 0
	expect_eq "rip /dev/$node image" "$(sha256sum <a.iso | cut -d' ' -f1)" "$want"
	got=$(sed -n 's/.* \([0-9]*\) sectors per command.*/\1/p' a.err | head -1)
	expect_eq "rip /dev/$node sectors per command" "$got" "$safe"
	check "rip /dev/$node: map all finished" grep -q '^0x00000000  0x01800000  +$' a.iso.map
done

# Beyond the safe size (up to max_sectors_kb): refused sizes are halved.
big=$((kb * 1024 / 2048))
[ $big -gt $safe ] || die "max_sectors_kb $kb leaves no size beyond the safe $safe sectors"
for round in 1 2 3; do
	rm -f b.iso b.iso.map
	"$DISCLOOP" rip -v --blocks "$big" "/dev/$sg" b.iso >b.out 2>b.err
	expect_eq "rip --blocks $big exit (round $round)" "$?" 0
	expect_eq "rip --blocks $big image (round $round)" "$(sha256sum <b.iso | cut -d' ' -f1)" "$want"
	check "rip --blocks $big: map all finished" grep -q '^0x00000000  0x01800000  +$' b.iso.map
	check "rip --blocks $big: no bad sector" grep -q ', 0 bad$' b.err
	if grep -q 'was refused' b.err; then
		ok "a refused size was halved: $(grep -m1 'was refused' b.err)"
		break
	fi
	log "round $round: the kernel took $big sectors (the pages happened to be contiguous)"
done
# Beyond max_sectors_kb: refused up front, with the limit named.
"$DISCLOOP" rip --blocks $((big * 2)) "/dev/$sg" c.iso >/dev/null 2>c.err
expect_eq "rip --blocks $((big * 2)) exit" "$?" 1
check "the limit is named" grep -q "exceeds the device's limit of $kb KiB" c.err
check "nothing left behind" test ! -e c.iso -a ! -e c.iso.map
finish
