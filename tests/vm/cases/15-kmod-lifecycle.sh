# discloop.ko lifecycle: remove a drive while dd reads it, while it is
# held open and while it is mounted; eject under a reader; parallel
# readers; rmmod with drives attached (26-kmod-srlimit adds 256 drives:
# it needs no second vCPU). The harness fails the case on any kernel
# warning.
# tier: gate
# vcpus: 2
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
mktree "$T/a" 24
mkiso "$T/a.iso" "$T/a" -V LIFE

# Remove under a reader.
sr=$(dl_add "$T/a.iso") || die "add"
(while dd if=$sr of=/dev/null bs=64k iflag=direct status=none; do :; done) 2>/dev/null &
rd=$!
sleep 1
check "remove while reading" $DLCTL remove 0
wait $rd
ok "reader finished"
check "node gone" test ! -e "$sr"

# Remove while held open; the file reference goes with the last user.
sr=$(dl_add "$T/a.iso") || die "add"
exec 3<"$sr"
check "remove while open" $DLCTL remove 0
# The gendisk is gone: a read fails or sees capacity 0 (EOF), never data.
expect_eq "read from the dead fd gets no data" "$(dd bs=2048 count=1 iflag=direct status=none <&3 2>/dev/null | wc -c)" 0
exec 3<&-

# Remove while mounted.
sr=$(dl_add "$T/a.iso") || die "add"
mkdir -p $T/mnt
mount -t iso9660 -o ro "$sr" $T/mnt || fail "mount"
check "remove while mounted" $DLCTL remove 0
ls $T/mnt >/dev/null 2>&1
umount $T/mnt 2>/dev/null || umount -l $T/mnt

# Eject under readers; parallel readers on several drives.
sr=$(dl_add "$T/a.iso") || die "add"
(dd if=$sr of=/dev/null bs=1M iflag=direct status=none) 2>/dev/null &
rd=$!
check "forced eject while reading" $DLCTL eject 0 --force
wait $rd
check "insert after eject" $DLCTL insert 0 "$T/a.iso"
sum=$(sha256sum <$T/a.iso)
for i in 1 2 3; do dl_add "$T/a.iso" >/dev/null || fail "add $i"; done
for i in 0 1 2 3; do
	s=$(dl_sr $i)
	(sha256sum <$s >$T/sum.$i) &
done
wait
for i in 0 1 2 3; do expect_eq "parallel reader $i" "$(cat $T/sum.$i)" "$sum"; done
for i in 0 1 2 3; do $DLCTL remove $i || fail "remove $i"; done

# rmmod with drives attached (with media and empty) removes them all.
for i in 0 1 2; do dl_add "$T/a.iso" >/dev/null || fail "add $i"; done
$DLCTL add >/dev/null || fail "add an empty drive"
check "rmmod with 4 drives" rmmod discloop
check "all sr gone" sh -c "! ls /sys/bus/scsi/drivers/sr/ | grep -q ':0:'"
dl_load
sr=$(dl_add "$T/a.iso") || die "add after reload"
expect_eq "works after reload" "$(sha256sum <$sr)" "$sum"
finish
