# discloop autoattach: the *.iso images at the top of a medium's file system
# become drives, by hand and through the shipped udev rule when a medium
# labelled DISCLOOP appears; they go away with the medium. The medium is a
# loop device over an ext2 image made with mke2fs -d.
# tier: gate
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
dl_load

mkdir -p "$T/a" "$T/b" "$T/fs"
echo one >"$T/a/ONE.TXT"
echo two >"$T/b/TWO.TXT"
mkiso "$T/fs/alpha.iso" "$T/a" -V ALPHA
mkiso "$T/fs/beta.ISO" "$T/b" -V BETA
echo "not an image" >"$T/fs/notes.txt"
ln -s alpha.iso "$T/fs/link.iso"
mke2fs -q -t ext2 -L DISCLOOP -d "$T/fs" "$T/medium.img" 16M || die "mke2fs failed"

# By hand, without udev.
lo=$(losetup --find --show -r "$T/medium.img") || die "losetup failed"
out=$($DISCLOOP autoattach "$lo") || die "autoattach $lo failed"
echo "$out"
expect_eq "drives attached" "$(echo "$out" | wc -l)" 2
sr1=$(echo "$out" | awk -F'\t' '$2 == "alpha.iso" {print $1}')
sr2=$(echo "$out" | awk -F'\t' '$2 == "beta.ISO" {print $1}')
expect_eq "alpha label" "$(blkid -o value -s LABEL "$sr1")" ALPHA
expect_eq "beta label" "$(blkid -o value -s LABEL "$sr2")" BETA
cmp "$T/fs/alpha.iso" "$sr1" && ok "alpha reads back" || fail "alpha differs"
check "the medium is not left mounted" sh -c "! grep -q '$lo ' /proc/self/mountinfo"
check "second autoattach refused" sh -c "! $DISCLOOP autoattach $lo 2>/dev/null"
check "autoattach --detach" $DISCLOOP autoattach --detach "$lo"
expect_eq "drives after detach" "$($DISCLOOP list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["drives"]))' 2>/dev/null || echo error)" 0
losetup -d "$lo"

# Bad input.
check "not a block device" sh -c "! $DISCLOOP autoattach $T/medium.img 2>$T/err"
grep -q 'not a block device' "$T/err" && ok "error names the reason" || fail "error: $(cat "$T/err")"
check "--detach of an unknown medium fails" sh -c "! $DISCLOOP autoattach --detach sdz9 2>/dev/null"
$DISCLOOP autoattach --max 0 /dev/null 2>/dev/null; expect_eq "usage error exit" $? 2

# Through udev, with a medium that really comes and goes: a scsi_debug
# disk stands in for a USB stick. The shipped rule, with this tree's tool.
mkdir -p /run/udev/rules.d
sed "s|@SBINDIR@/discloop|$DISCLOOP|g" "$DL_REPO/udev-rules/61-discloop-autoattach.rules" \
	>/run/udev/rules.d/61-discloop-autoattach.rules
start_udev
modprobe scsi_debug dev_size_mb=16 || die "modprobe scsi_debug failed"
sd=
for i in $(seq 50); do
	sd=$(ls /sys/bus/pseudo/drivers/scsi_debug/adapter*/host*/target*/*/block/ 2>/dev/null | head -1)
	[ -n "$sd" ] && break
	sleep 0.2
done
[ -n "$sd" ] || die "no scsi_debug disk"
dd if="$T/medium.img" of="/dev/$sd" bs=1M conv=fsync status=none || die "dd to /dev/$sd"
# Writing and closing the node makes udev re-probe it (a "change" event).
udevadm trigger --action=change "/dev/$sd"
drives() { ls -d /sys/class/block/sr* 2>/dev/null | wc -l; }
for i in $(seq 150); do [ "$(drives)" -ge 2 ] && break; sleep 0.2; done
expect_eq "drives attached by udev" "$(drives)" 2
timeout 30 udevadm settle -t 20
check "state file for $sd" test -e "/run/discloop/auto/$sd"
check "by-label link for BETA" wait_for /dev/disk/by-label/BETA 10
# Unplug the stick.
echo 1 >"/sys/block/$sd/device/delete"
for i in $(seq 150); do [ "$(drives)" = 0 ] && break; sleep 0.2; done
expect_eq "drives after the medium went away" "$(drives)" 0
check "state file gone with the medium" test ! -e "/run/discloop/auto/$sd"
timeout 30 udevadm settle -t 20
rmmod scsi_debug 2>/dev/null
finish
