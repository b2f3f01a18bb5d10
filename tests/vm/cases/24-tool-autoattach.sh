# discloop autoattach: the *.iso images at the top of a medium's file system
# become drives, and go away with the medium; only the file system types the
# configuration allows are mounted. By hand, then as the shipped udev rule
# and unit would do it: the rule must only ask systemd for
# discloop-autoattach@<dev>.service (it mounts and runs nothing itself);
# this guest has no systemd as PID 1, so the case then runs the unit's own
# ExecCondition, ExecStart and ExecStop lines, as systemd would. The medium
# is an ext2 file system made with mke2fs -d (ext2 is not in the default
# allow-list: the case's configuration adds it).
# tier: gate
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
dl_load

# Before anything: discloop --version reports the loaded module's version
# (as modinfo reads it from the .ko) and the ABI it answers with.
abi=$(sed -n 's/^#define DISCLOOP_ABI_VERSION[[:space:]]*//p' "$DL_REPO/include/uapi/linux/discloop.h")
expect_eq "--version, module line" "$($DISCLOOP --version | sed -n 2p)" \
	"module: $(modinfo -F version "$DL_KO") (ABI $abi)"

mkdir -p "$T/a" "$T/b" "$T/fs"
echo one >"$T/a/ONE.TXT"
echo two >"$T/b/TWO.TXT"
mkiso "$T/fs/alpha.iso" "$T/a" -V ALPHA
mkiso "$T/fs/beta.ISO" "$T/b" -V BETA
echo "not an image" >"$T/fs/notes.txt"
ln -s alpha.iso "$T/fs/link.iso"
mke2fs -q -t ext2 -L DISCLOOP -d "$T/fs" "$T/medium.img" 16M || die "mke2fs failed"
conf=$T/autoattach.conf
printf 'enabled = yes\nfilesystems = iso9660, ext2\n' >"$conf"
ndrives() { $DISCLOOP list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["drives"]))' 2>/dev/null || echo error; }

# By hand, without udev. The default allow-list refuses ext2.
lo=$(losetup --find --show -r "$T/medium.img") || die "losetup failed"
check "ext2 refused by the default allow-list" \
	sh -c "! $DISCLOOP autoattach --config $T/none.conf $lo 2>$T/err"
grep -q 'file system type ext2 is not allowed' "$T/err" && ok "refusal names the type" ||
	fail "refusal: $(cat "$T/err")"
expect_eq "drives after the refusal" "$(ndrives)" 0
check "nothing mounted after the refusal" sh -c "! grep -q '$lo ' /proc/self/mountinfo"
out=$($DISCLOOP autoattach --config "$conf" "$lo") || die "autoattach $lo failed"
echo "$out"
expect_eq "drives attached" "$(echo "$out" | wc -l)" 2
sr1=$(echo "$out" | awk -F'\t' '$2 == "alpha.iso" {print $1}')
sr2=$(echo "$out" | awk -F'\t' '$2 == "beta.ISO" {print $1}')
expect_eq "alpha label" "$(blkid -o value -s LABEL "$sr1")" ALPHA
expect_eq "beta label" "$(blkid -o value -s LABEL "$sr2")" BETA
cmp "$T/fs/alpha.iso" "$sr1" && ok "alpha reads back" || fail "alpha differs"
check "the medium is not left mounted" sh -c "! grep -q '$lo ' /proc/self/mountinfo"
check "second autoattach refused" sh -c "! $DISCLOOP autoattach --config $conf $lo 2>/dev/null"
check "autoattach --detach" $DISCLOOP autoattach --detach "$lo"
expect_eq "drives after detach" "$(ndrives)" 0
printf 'enabled = yes\nfilesystems = ext2\nmax = 1\n' >"$T/max1.conf"
out=$($DISCLOOP autoattach --config "$T/max1.conf" "$lo") || fail "autoattach with max = 1"
expect_eq "drives with max = 1" "$(ndrives)" 1
check "autoattach --detach (max = 1)" $DISCLOOP autoattach --detach "$lo"
losetup -d "$lo"

# Bad input.
check "not a block device" sh -c "! $DISCLOOP autoattach --config $conf $T/medium.img 2>$T/err"
grep -q 'not a block device' "$T/err" && ok "error names the reason" || fail "error: $(cat "$T/err")"
check "--detach of an unknown medium fails" sh -c "! $DISCLOOP autoattach --detach sdz9 2>/dev/null"
$DISCLOOP autoattach --max 0 /dev/null 2>/dev/null; expect_eq "usage error exit" $? 2

# Through udev, with a medium that really comes and goes: a scsi_debug
# disk stands in for a USB stick. The shipped rules, with this tree's tool.
mkdir -p /run/udev/rules.d
cp "$DL_REPO/udev-rules/60-discloop.rules" /run/udev/rules.d/ || die "no rules"
sed "s|@SYSCONFDIR@|/etc|g" "$DL_REPO/udev-rules/61-discloop-autoattach.rules.in" \
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
timeout 30 udevadm settle -t 20
prop() { udevadm info --query=property --name="/dev/$sd" | sed -n "s/^$1=//p"; }
expect_eq "no SYSTEMD_WANTS on an unlabelled disk" "$(prop SYSTEMD_WANTS)" ""
dd if="$T/medium.img" of="/dev/$sd" bs=1M conv=fsync status=none || die "dd to /dev/$sd"
# Writing and closing the node makes udev re-probe it (a "change" event).
udevadm trigger --action=change "/dev/$sd"
timeout 30 udevadm settle -t 20
expect_eq "ID_FS_LABEL" "$(prop ID_FS_LABEL)" DISCLOOP
expect_eq "SYSTEMD_WANTS" "$(prop SYSTEMD_WANTS)" "discloop-autoattach@$sd.service"
case $(prop TAGS) in *:systemd:*) ok "tagged for systemd" ;; *) fail "TAGS: $(prop TAGS)" ;; esac
expect_eq "drives after the rule (it runs nothing)" "$(ndrives)" 0
check "nothing mounted by the rule" sh -c "! grep -q '/dev/$sd ' /proc/self/mountinfo"

# The unit's commands, %i = $sd, @BINDIR@ = this tree's tool; the case's
# configuration stands for /etc/discloop/autoattach.conf.
unit_cmd() {
	sed -n "s/^$1=//p" "$DL_REPO/systemd/discloop-autoattach@.service.in" |
		sed -e "s|@BINDIR@/discloop|$DISCLOOP|" -e "s|%i|$sd|g" \
			-e "s|$DISCLOOP autoattach|$DISCLOOP autoattach --config $2|"
}
cond=$(unit_cmd ExecCondition "$T/none.conf")
[ -n "$cond" ] || die "no ExecCondition in the unit"
$cond >/dev/null; expect_eq "ExecCondition without a configuration" $? 1
printf 'enabled = no\n' >"$T/off.conf"
$(unit_cmd ExecCondition "$T/off.conf") >/dev/null; expect_eq "ExecCondition, enabled = no" $? 1
printf 'enabled = maybe\n' >"$T/bad.conf"
$(unit_cmd ExecCondition "$T/bad.conf") 2>/dev/null; expect_eq "ExecCondition, broken file" $? 255
check "ExecCondition, enabled = yes" $(unit_cmd ExecCondition "$conf")
check "ExecStart" $(unit_cmd ExecStart "$conf")
expect_eq "drives attached by the unit" "$(ndrives)" 2
check "state file for $sd" test -e "/run/discloop/auto/$sd"
check "by-label link for BETA" wait_for /dev/disk/by-label/BETA 10
check "the medium is not left mounted" sh -c "! grep -q '/dev/$sd ' /proc/self/mountinfo"
# Unplug the stick; BindsTo= then stops the unit, which runs ExecStop.
echo 1 >"/sys/block/$sd/device/delete"
timeout 30 udevadm settle -t 20
check "ExecStop" $(unit_cmd ExecStop "$conf")
expect_eq "drives after the medium went away" "$(ndrives)" 0
check "state file gone with the medium" test ! -e "/run/discloop/auto/$sd"
timeout 30 udevadm settle -t 20
rmmod scsi_debug 2>/dev/null
finish
