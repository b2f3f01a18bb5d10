# Permissions, with udev and the shipped rules: the control device is
# root:cdrom 0660, so a user outside the group can do nothing (not even
# open a drive); a member of cdrom attaches only files it can open itself,
# and gets the drive nodes as udev gives real drives (sr and sg in group
# cdrom); the image is never written, whatever arrives: write commands,
# writes to the block device, a read-write mount.
# tier: gate
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
D=$DISCLOOP
NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
CDROM_GID=$(getent group cdrom | cut -d: -f3)
[ -n "$CDROM_GID" ] || die "no cdrom group on this system"
MEMBER="setpriv --reuid=65534 --regid=65534 --groups=$CDROM_GID"

dl_load
start_udev_discloop
udevadm trigger --action=add --sysname-match=discloop-control
udevadm settle -t 10
expect_eq "control device owner and mode" "$(stat -c '%U:%G %a' /dev/discloop-control)" "root:cdrom 660"

chmod 755 "$T"
mktree "$T/a" 8
mkiso "$T/a.iso" "$T/a" -V PERMS
chmod 644 "$T/a.iso"
cp "$T/a.iso" "$T/secret.iso" && chmod 600 "$T/secret.iso"
before=$(stat -c '%s %Y %Z' "$T/a.iso"; sha256sum <"$T/a.iso")

# Outside the group.
out=$($NOBODY $D attach "$T/a.iso" 2>&1); rc=$?
expect_eq "outsider: attach exit" "$rc" 1
case $out in *"ermission denied"*) ok "outsider told: $out" ;; *) fail "outsider: $out" ;; esac

# A member of cdrom.
sr=$($MEMBER $D attach "$T/a.iso") || fail "member: attach"
udevadm settle -t 10
[ -b "$sr" ] || die "member: no drive node"
sg=/dev/$(sg_of_sr "$sr")
expect_eq "sr node owner and mode" "$(stat -c '%U:%G %a' "$sr")" "root:cdrom 660"
expect_eq "sg node group" "$(stat -c '%G' "$sg")" cdrom
expect_eq "member reads the drive" "$($MEMBER sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"
check "outsider cannot open the drive" sh -c "! $NOBODY dd if=$sr of=/dev/null count=1 status=none 2>/dev/null"
out=$($MEMBER $D attach "$T/secret.iso" 2>&1); rc=$?
expect_eq "member: a file it cannot read: exit" "$rc" 1
case $out in *secret.iso*"ermission denied"*) ok "member told: $out" ;; *) fail "member, unreadable file: $out" ;; esac
expect_eq "nothing attached by the refusal" "$($D list -rn -o DEVICE | wc -l)" 1
out=$($MEMBER $D insert "$sr" "$T/secret.iso" 2>&1) && fail "member inserted an unreadable file"
expect_eq "drive still has the member's disc" "$($MEMBER sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"

# Whatever arrives, the image is not written.
# WRITE(10), WRITE(12), WRITE AND VERIFY(10), FORMAT UNIT, CLOSE
# TRACK/SESSION, BLANK.
for cdb in 2a000000001000000100 aa0000000010000000010000 \
	   2e000000001000000100 040000000000 \
	   5b000000000000000000 a10000000000000000000000; do
	r=$($SGCMD $sg "$cdb" 2048)
	case $r in
	*"sense=07/27/00"*|*"sense=05/20/00"*|*"sense=05/24/00"*) ok "$cdb refused: ${r#* }" ;;
	*) fail "$cdb: $r" ;;
	esac
done
check "block device is read-only" test "$(blockdev --getro "$sr")" = 1
check "dd onto the drive fails" sh -c "! dd if=/dev/zero of=$sr bs=2048 count=1 oflag=direct status=none 2>/dev/null"
mkdir -p "$T/mnt"
if mount -t iso9660 -o rw "$sr" "$T/mnt" 2>/dev/null; then
	check "a read-write mount is read-only" sh -c "grep ' $T/mnt ' /proc/mounts | grep -q ' ro[ ,]'"
	umount "$T/mnt"
else
	ok "read-write mount refused"
fi
check "member detaches" $MEMBER $D detach "$sr"
expect_eq "image unchanged (size, mtime, ctime, sha256)" \
	"$(stat -c '%s %Y %Z' "$T/a.iso"; sha256sum <"$T/a.iso")" "$before"
finish
