# discloop.ko with udev: an insert makes /dev/disk/by-label/LABEL at once
# (SDEV_EVT_MEDIA_CHANGE -> cdrom_id -> blkid), udev locks the tray, the
# plain EJECT ioctl is then refused, an eject request is honoured by
# cdrom_id --eject-media, the link goes away, by-id links from the VPD
# serial.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
start_udev
mktree "$T/a" 1
mkiso "$T/a.iso" "$T/a" -V UDEV_ONE
mktree "$T/b" 1
mkiso "$T/b.iso" "$T/b" -V UDEV_TWO

sr=$(dl_add) || die "add"
udevadm settle -t 10
check "empty drive: no ID_CDROM_MEDIA" sh -c "! udevadm info $sr | grep -q ID_CDROM_MEDIA=1"
check "ID_CDROM=1" sh -c "udevadm info $sr | grep -q 'ID_CDROM=1'"
t0=$(date +%s%N)
$DLCTL insert 0 "$T/a.iso" || fail "insert"
if wait_for /dev/disk/by-label/UDEV_ONE 10; then
	ok "by-label link after $(( ($(date +%s%N) - t0) / 1000000 )) ms"
else
	fail "no /dev/disk/by-label/UDEV_ONE"
	udevadm info $sr
fi
expect_eq "link points to the drive" "$(readlink -f /dev/disk/by-label/UDEV_ONE)" "$sr"
udevadm settle -t 10
check "udev ID_FS_TYPE" sh -c "udevadm info $sr | grep -q 'ID_FS_TYPE=iso9660'"
check "udev ID_CDROM_MEDIA_CD" sh -c "udevadm info $sr | grep -q 'ID_CDROM_MEDIA_CD=1'"
check "by-id link" sh -c "ls -l /dev/disk/by-id/ | grep -q $(basename $sr)"
expect_eq "udev locked the tray" "$(cat /sys/class/block/$(basename $sr)/device/discloop/locked)" 1
check "plain eject refused (locked)" sh -c "! $DLCTL eject 0 2>/dev/null"
check "eject request" $DLCTL eject 0 --request
i=0
while [ $i -lt 100 ] && ! $DLCTL info 0 | grep -q '^profile=0x0000'; do sleep 0.1; i=$((i + 1)); done
check "cdrom_id ejected on request" sh -c "$DLCTL info 0 | grep -q '^profile=0x0000'"
udevadm settle -t 10
i=0
while [ $i -lt 50 ] && [ -e /dev/disk/by-label/UDEV_ONE ]; do sleep 0.1; i=$((i + 1)); done
check "link gone after eject" test ! -e /dev/disk/by-label/UDEV_ONE
$DLCTL insert 0 "$T/b.iso" || fail "insert B"
check "by-label of B" wait_for /dev/disk/by-label/UDEV_TWO 10
check "forced eject" $DLCTL eject 0 --force
udevadm settle -t 10
i=0
while [ $i -lt 50 ] && [ -e /dev/disk/by-label/UDEV_TWO ]; do sleep 0.1; i=$((i + 1)); done
check "link gone after forced eject" test ! -e /dev/disk/by-label/UDEV_TWO
sr2=$(dl_add "$T/a.iso") || fail "add with media"
check "add with media: by-label" wait_for /dev/disk/by-label/UDEV_ONE 10
check "remove 1" $DLCTL remove 1
check "remove 0" $DLCTL remove 0
udevadm settle -t 10
check "links gone after remove" test ! -e /dev/disk/by-label/UDEV_ONE
finish
