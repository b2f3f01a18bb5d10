# discloop.ko media changes: empty drive, insert (UNIT ATTENTION once, new
# size), tray lock against START STOP UNIT eject and the EJECT ioctl,
# forced eject, eject request via GESN, eject(1) and sysfs state.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
mktree "$T/a" 2
mkiso "$T/a.iso" "$T/a" -V DISC_A
mktree "$T/b" 5
mkiso "$T/b.iso" "$T/b" -V DISC_B

sr=$(dl_add) || die "add empty drive"
sg=/dev/$(sg_of_sr "$sr")
log "empty drive $sr ($sg)"
expect_eq "empty: TUR" "$(sense_of $sg 000000000000)" 02/3a/01
expect_eq "empty: READ CAPACITY" "$(sense_of $sg 25000000000000000000 8)" 02/3a/01
check "empty: cdrom_id says no media" sh -c "! /lib/udev/cdrom_id $sr | grep -q ID_CDROM_MEDIA="
check "empty: reading fails" sh -c "! dd if=$sr of=/dev/null bs=2048 count=1 2>/dev/null"
expect_eq "empty: sysfs profile" "$(cat /sys/class/block/$(basename $sr)/device/discloop/profile)" none
$SGCMD $sg 46000000000000000800 8 -o $T/cfg >/dev/null
expect_eq "empty: current profile 0" "$(od -An -tx1 $T/cfg | tr -d ' \n' | cut -c13-16)" 0000

check "insert A" $DLCTL insert 0 "$T/a.iso"
expect_eq "after insert: UNIT ATTENTION" "$(sense_of $sg 000000000000)" 06/28/00
expect_eq "UA reported once" "$(sense_of $sg 000000000000)" none
expect_eq "size of A" "$(blockdev --getsize64 $sr)" "$(stat -c %s $T/a.iso)"
expect_eq "A reads back" "$(sha256sum <$sr)" "$(sha256sum <$T/a.iso)"

# Stop sr's event poll on this disk so that it does not consume the events.
echo 0 >/sys/block/$(basename $sr)/events_poll_msecs
# GESN: the NewMedia event was consumed by someone (sr or us); an eject
# request shows as event 1 once, with media present.
$SGCMD $sg 4a010000100000000800 8 -o $T/gesn >/dev/null
$DLCTL eject 0 --request || fail "eject --request"
check "state has EJECT_REQUEST" sh -c "$DLCTL info 0 | grep -q 'state=0x11'"
$SGCMD $sg 4a010000100000000800 8 -o $T/gesn >/dev/null
expect_eq "GESN eject request" "$(od -An -tx1 $T/gesn | tr -d ' \n')" 0006041001020000
$SGCMD $sg 4a010000100000000800 8 -o $T/gesn >/dev/null
expect_eq "GESN event consumed" "$(od -An -tx1 $T/gesn | tr -d ' \n')" 0006041000020000
$SGCMD $sg 4a010000020000000800 8 -o $T/gesn >/dev/null
expect_eq "GESN other class: NEA" "$(od -An -tx1 $T/gesn | tr -d ' \n')" 00028010

# Lock: START STOP eject and the ioctl fail; unlocked they work.
check "sg_prevent --prevent=1" sg_prevent --prevent=1 $sg
expect_eq "sysfs locked" "$(cat /sys/class/block/$(basename $sr)/device/discloop/locked)" 1
expect_eq "START STOP eject while locked" "$(sense_of $sg 1b0000000200)" 05/53/02
check "sg_start --eject fails while locked" sh -c "! sg_start --eject $sg 2>/dev/null"
check "EJECT ioctl fails while locked" sh -c "! $DLCTL eject 0 2>/dev/null"
check "still has media" sh -c "$DLCTL info 0 | grep -q '^profile=0x0008'"
check "sg_prevent --allow" sg_prevent --allow $sg
check "sg_start --eject" sg_start --eject $sg
expect_eq "tray open: TUR" "$(sense_of $sg 000000000000)" 02/3a/02
expect_eq "sysfs tray" "$(cat /sys/class/block/$(basename $sr)/device/discloop/tray)" open
check "image released" sh -c "$DLCTL info 0 | grep -q '^image=$'"
check "sg_start --load" sg_start --load $sg
expect_eq "tray closed, empty: TUR" "$(sense_of $sg 000000000000)" 02/3a/01

# Insert B: the size changes for the next opener.
check "insert B" $DLCTL insert 0 "$T/b.iso"
expect_eq "size of B" "$(blockdev --getsize64 $sr)" "$(stat -c %s $T/b.iso)"
expect_eq "label of B" "$(blkid -o value -s LABEL $sr)" DISC_B
expect_eq "B reads back" "$(sha256sum <$sr)" "$(sha256sum <$T/b.iso)"
# Replace B by A directly (disc change).
check "insert A over B" $DLCTL insert 0 "$T/a.iso"
expect_eq "size after change" "$(blockdev --getsize64 $sr)" "$(stat -c %s $T/a.iso)"
expect_eq "label after change" "$(blkid -p -o value -s LABEL $sr)" DISC_A

# Forced eject ignores the lock; the plain ioctl does not.
sg_prevent --prevent=1 $sg
check "insert refused while locked" sh -c "! $DLCTL insert 0 $T/b.iso 2>/dev/null"
check "forced eject while locked" $DLCTL eject 0 --force
check "now empty" sh -c "$DLCTL info 0 | grep -q '^profile=0x0000'"
sg_prevent --allow $sg
check "insert again" $DLCTL insert 0 "$T/a.iso"
check "CDROMEJECT ioctl ejects" python3 -c "
import fcntl, os
fd = os.open('$sr', os.O_RDONLY | os.O_NONBLOCK)
fcntl.ioctl(fd, 0x5309)"
check "empty after CDROMEJECT" sh -c "$DLCTL info 0 | grep -q '^profile=0x0000'"
# Deleted backing file still readable and flagged.
cp $T/a.iso $T/c.iso
$DLCTL insert 0 $T/c.iso
rm $T/c.iso
check "deleted flag" sh -c "$DLCTL info 0 | grep -q 'image=.*(deleted)'"
expect_eq "deleted image still reads" "$(sha256sum <$sr)" "$(sha256sum <$T/a.iso)"
check "remove" $DLCTL remove 0
finish
