# discloop.ko basics with a CD-sized ISO: add a drive with media, sr binds,
# the node reads back the image, mounts and matches the tree, blkid, the
# sg3 tools, cdrom_id and xorriso see a CD-ROM; forced DVD and BD profiles.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
expect_eq "ABI version" "$($DLCTL version)" \
	"$(sed -n 's/^#define DISCLOOP_ABI_VERSION[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$DL_REPO/include/uapi/linux/discloop.h")"
mktree "$T/tree" 4
mkiso "$T/a.iso" "$T/tree" -V DLBASIC
size=$(stat -c %s "$T/a.iso")

sr=$(dl_add "$T/a.iso") || die "add failed"
log "drive 0 is $sr"
check "node exists" test -b "$sr"
expect_eq "size" "$(blockdev --getsize64 "$sr")" "$size"
expect_eq "no I/O scheduler by default, as loop" "$(sed -n 's/.*\[\(.*\)\].*/\1/p' /sys/block/$(basename "$sr")/queue/scheduler)" none
expect_eq "sha256 of the node" "$(sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"
expect_eq "blkid type" "$(blkid -o value -s TYPE "$sr")" iso9660
expect_eq "blkid label" "$(blkid -o value -s LABEL "$sr")" DLBASIC
mkdir -p "$T/mnt"
if mount -t iso9660 -o ro "$sr" "$T/mnt"; then
	check "mounted tree equals the source" diff -r "$T/tree" "$T/mnt"
	umount "$T/mnt"
else
	fail "mount"
fi
check "ro flag" test "$(cat /sys/class/block/$(basename $sr)/ro)" = 1
check "sg_inq: CD/DVD, vendor discloop" sh -c "sg_inq $sr | grep -q 'Peripheral device type: cd/dvd' && sg_inq $sr | grep -q 'discloop'"
check "sg_inq RMB" sh -c "sg_inq $sr | grep -q 'RMB=1'"
check "sg_vpd serial" sh -c "sg_vpd -p sn $sr | grep -q 'DISCLOOP0'"
check "sg_vpd device id" sh -c "sg_vpd -p di $sr | grep -qi 'vendor'"
cap=$(sg_readcap "$sr")
echo "$cap"
check "sg_readcap block length" sh -c "echo '$cap' | grep -q 'Logical block length=2048'"
check "sg_readcap blocks" sh -c "echo '$cap' | grep -q 'Number of logical blocks=$(( (size + 2047) / 2048 ))'"
cfg=$(sg_get_config "$sr" 2>&1)
echo "$cfg" | head -20
check "current profile CD-ROM" sh -c "echo '$cfg' | grep -q 'Current profile: CD-ROM'"
cfg0=$(sg_get_config -r 1 "$sr" 2>&1)
check "CD: audio play feature current" sh -c "echo '$cfg0' | grep -qi 'CD audio external play'"
check "no random writable feature" sh -c "! sg_get_config $sr | grep -qi 'random writable\|mrw'"
m2a=$(sg_modes -p 0x2a "$sr" 2>&1)
echo "$m2a" | head -30
check "mode page 2a present" sh -c "echo '$m2a' | grep -qi 'capabilit'"
check "sg_modes all pages" sg_modes -a "$sr"
cid=$(/lib/udev/cdrom_id "$sr")
echo "$cid"
check "cdrom_id CD media" sh -c "echo '$cid' | grep -q '^ID_CDROM_MEDIA_CD=1'"
check "cdrom_id one data track" sh -c "echo '$cid' | grep -q '^ID_CDROM_MEDIA_TRACK_COUNT_DATA=1'"
check "cdrom_id drive reads DVD and BD" sh -c "echo '$cid' | grep -q '^ID_CDROM_DVD=1' && echo '$cid' | grep -q '^ID_CDROM_BD=1'"
toc=$(xorriso -indev "$sr" -toc 2>&1)
echo "$toc" | tail -8
check "xorriso -toc" sh -c "echo '$toc' | grep -q 'ISO session'"
check "xorriso reads the tree" sh -c "xorriso -indev $sr -find / -name big.bin 2>/dev/null | grep -q big.bin"
sg=$(sg_of_sr "$sr")
check "sg node" test -c "/dev/$sg"
check "dd via sg (sg_dd)" sg_dd if=/dev/$sg of=/dev/null bs=2048 count=100
expect_eq "sysfs profile" "$(cat /sys/class/block/$(basename $sr)/device/discloop/profile)" cd
expect_eq "sysfs backing_file" "$(cat /sys/class/block/$(basename $sr)/device/discloop/backing_file)" "$T/a.iso"
expect_eq "sysfs index" "$(cat /sys/class/block/$(basename $sr)/device/discloop/index)" 0
expect_eq "info profile" "$($DLCTL info 0 | sed -n 's/^profile=//p')" 0x0008

# Forced DVD and BD profiles on the same image.
for p in dvd:0x0010:DVD-ROM bd:0x0040:BD-ROM; do
	name=${p%%:*} rest=${p#*:}; code=${rest%%:*}; pn=${rest#*:}
	s2=$(dl_add "$T/a.iso" --profile "$name") || { fail "add --profile $name"; continue; }
	check "$name: current profile $pn" sh -c "sg_get_config $s2 | grep -q 'Current profile: $pn'"
	check "$name: no current audio play feature" sh -c "! sg_get_config -r 1 $s2 | grep -qi 'CD audio external play'"
	check "$name: cdrom_id media" sh -c "/lib/udev/cdrom_id $s2 | grep -q '^ID_CDROM_MEDIA_$(echo $name | tr a-z A-Z)=1'"
	expect_eq "$name: sha256" "$(sha256sum <"$s2")" "$(sha256sum <"$T/a.iso")"
	check "$name: blkid label" sh -c "blkid -o value -s LABEL $s2 | grep -q DLBASIC"
	check "$name: xorriso -toc" sh -c "xorriso -indev $s2 -toc 2>&1 | grep -q 'ISO session'"
done
s3=$(dl_sr 1)
check "dvd: READ DISC STRUCTURE physical" sh -c "sg_raw -r 2052 $s3 ad 00 00 00 00 00 00 00 08 04 00 00 >/dev/null 2>&1"
expect_eq "cd: READ DISC STRUCTURE on a CD" "$(sense_of $sr ad000000000000000804000000 2052)" 05/30/02
# Profile too big
check "forced cd on a too big sparse image fails" sh -c "truncate -s 1G $T/big.img; ! $DLCTL add $T/big.img --profile cd 2>/dev/null"
# Auto by size: a sparse 1 GiB image is a DVD, a 9 GiB one a BD.
truncate -s 9G "$T/huge.img"
s4=$(dl_add "$T/big.img") || fail "add 1G"
check "1 GiB sparse image: DVD" sh -c "sg_get_config $s4 | grep -q 'Current profile: DVD-ROM'"
s5=$(dl_add "$T/huge.img") || fail "add 9G"
check "9 GiB sparse image: BD" sh -c "sg_get_config $s5 | grep -q 'Current profile: BD-ROM'"
expect_eq "9 GiB size" "$(blockdev --getsize64 $s5)" $((9 << 30))
for i in 4 3 2 1 0; do check "remove $i" $DLCTL remove $i; done
check "empty after remove" sh -c "! $DLCTL info 0 2>/dev/null"
finish
