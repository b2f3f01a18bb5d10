# Exporting a drive with the kernel's SCSI target (LIO): the pscsi backstore
# on a passthrough drive, exported through tcm_loop, set up with plain
# configfs as the admin guide gives it. The exported drive (a new sr on the
# loopback host) passes sg_inq, cdrom_id, blkid, mount, sha256, 1 MiB
# direct reads and a raw READ CD equal to the local one; it sees eject and
# insert done on the discloop side; rmmod discloop is refused while the
# drive is exported and works after teardown, which leaves nothing. The
# targetcli recipe of the guide (pscsi on /dev/sgN, a loopback target)
# exports the drive too; detaching the drive under that export gives the
# remote side errors, and clearconfig removes it.
# tier: gate
# timeout: 420
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
. "$DL_REPO/tests/vm/pass-lib.sh"

for m in target_core_mod target_core_pscsi tcm_loop; do
	modprobe "$m" || skip "this kernel has no $m"
done
lio_configfs
trap lio_teardown EXIT
dl_load
D=$DISCLOOP
mktree "$T/ta" 3
mktree "$T/tb" 1
echo "the second disc" >"$T/tb/SECOND.TXT"
mkiso "$T/a.iso" "$T/ta" -V LIOA
mkiso "$T/b.iso" "$T/tb" -V LIOB
asize=$(stat -c %s "$T/a.iso")
bsize=$(stat -c %s "$T/b.iso")

sg=$($D attach --passthrough "$T/a.iso") || die "attach --passthrough"
hctl=$(hctl_of_sg "$sg")
IFS=: read -r h c t l <<EOF
$hctl
EOF

# --- export: the recipe of Documentation/admin-guide.rst ---
WWN=naa.5001405$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n' | cut -c1-9)
INI=naa.5001405$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n' | cut -c1-9)
so=$CFS/core/pscsi_0/discloop0
tpg=$CFS/loopback/$WWN/tpgt_1
mkdir -p "$so" || die "mkdir $so"
echo "scsi_host_id=$h,scsi_channel_id=$c,scsi_target_id=$t,scsi_lun_id=$l" >"$so/control" ||
	die "pscsi control"
echo "$sg" >"$so/udev_path" || die "pscsi udev_path"
echo 1 >"$so/enable" || die "pscsi enable"
# (the nexus first: linking the LUN makes tcm_loop scan it, through the nexus)
mkdir -p "$tpg/lun/lun_0" || die "mkdir $tpg/lun/lun_0"
echo "$INI" >"$tpg/nexus" || die "tcm_loop nexus"
ln -s "$so" "$tpg/lun/lun_0/discloop0" || die "lun link"

# the exported drive: an sr on the tcm_loop host
rhost=
for p in /sys/class/scsi_host/host*/proc_name; do
	[ "$(cat "$p")" = tcm_loopback ] && rhost=$(basename "$(dirname "$p")")
done
[ -n "$rhost" ] || die "no tcm_loopback SCSI host"
rsr=
for i in $(seq 100); do
	for d in /sys/bus/scsi/devices/${rhost#host}:*/block/sr*; do
		[ -e "$d" ] && rsr=/dev/$(basename "$d")
	done
	[ -n "$rsr" ] && wait_for "$rsr" 5 && break
	sleep 0.1
done
[ -n "$rsr" ] || die "the exported drive got no sr"
rsg=/dev/$(sg_of_sr "$rsr")
log "exported $sg ($hctl) as $rsr ($rsg) on $rhost"

# --- the exported drive is the discloop drive ---
check "sg_inq $rsr names discloop" sh -c "sg_inq '$rsr' | grep -q 'Vendor identification: discloop'"
/lib/udev/cdrom_id "$rsr" >"$T/cdrom_id" 2>&1
check "cdrom_id: a CD drive with a data CD" sh -c "grep -qx ID_CDROM=1 '$T/cdrom_id' &&
	grep -qx ID_CDROM_MEDIA_CD=1 '$T/cdrom_id' && grep -qx ID_CDROM_MEDIA_TRACK_COUNT_DATA=1 '$T/cdrom_id'"
expect_eq "blkid label" "$(blkid -p -o value -s LABEL "$rsr")" LIOA
expect_eq "sha256 of the exported drive" "$(head -c "$asize" "$rsr" | sha256sum)" "$(sha256sum <"$T/a.iso")"
expect_eq "1 MiB direct reads" \
	"$(dd if="$rsr" bs=1M count=$((asize / 1048576)) iflag=direct 2>/dev/null | sha256sum)" \
	"$(head -c $((asize / 1048576 * 1048576)) "$T/a.iso" | sha256sum)"
mkdir -p "$T/mnt"
if mount -o ro "$rsr" "$T/mnt"; then
	check "mounted export equals the source tree" diff -r "$T/ta" "$T/mnt"
	umount "$T/mnt"
else
	fail "mount $rsr"
fi
# READ CD of LBA 16, sync + header + user data + EDC/ECC, both sides
# (a UNIT ATTENTION still pending for the new nexus goes to a TEST UNIT READY)
$DLCTL sg "$rsg" 000000000000 >/dev/null
$DLCTL sg "$rsg" 000000000000 >/dev/null
$DLCTL sg "$rsg" be0000000010000001f80000 2352 -o "$T/rcd.remote" >"$T/rcd.r" || fail "READ CD via $rsg"
$DLCTL sg "$sg" be0000000010000001f80000 2352 -o "$T/rcd.local" >"$T/rcd.l" || fail "READ CD via $sg"
expect_eq "READ CD status via export" "$(sed -n 's/.*sense=\([^ ]*\).*/\1/p' "$T/rcd.r")" none
expect_eq "READ CD sync pattern" "$(head -c 12 "$T/rcd.remote" | od -An -tx1 | tr -d ' \n')" 00ffffffffffffffffffff00
expect_eq "READ CD user data is the image's sector 16" \
	"$(tail -c +17 "$T/rcd.remote" | head -c 2048 | sha256sum)" \
	"$(dd if="$T/a.iso" bs=2048 skip=16 count=1 2>/dev/null | sha256sum)"
check "READ CD via export = READ CD on the drive" cmp "$T/rcd.remote" "$T/rcd.local"

# --- media change on the discloop side, seen by the exported drive ---
# wait_size BYTES: opening the drive (which makes sr ask it about media
# changes, as any program's open does) finds BYTES of medium, 0 for none.
wait_size() {
	local i n
	for i in $(seq 60); do
		n=$(blockdev --getsize64 "$rsr" 2>&1)
		case $n in *"No medium found"*) n=0 ;; esac
		[ "$n" = "$1" ] && return 0
		sleep 0.5
	done
	log "size of $rsr: $n, want $1"
	return 1
}
check "eject on the discloop side" $D eject "$sg"
check "the exported drive sees the disc go" wait_size 0
check "insert on the discloop side" $D insert "$sg" "$T/b.iso"
check "the exported drive sees the new disc" wait_size "$bsize"
expect_eq "blkid label of the new disc" "$(blkid -p -o value -s LABEL "$rsr")" LIOB
expect_eq "sha256 of the new disc" "$(head -c "$bsize" "$rsr" | sha256sum)" "$(sha256sum <"$T/b.iso")"

# --- the module is pinned while exported ---
if rmmod discloop 2>"$T/rmmod.err"; then
	fail "rmmod discloop succeeded while exported"
	exit 1
fi
ok "rmmod discloop refused while exported: $(cat "$T/rmmod.err")"

# --- teardown, in reverse ---
rm "$tpg/lun/lun_0/discloop0" || fail "unlink lun"
rmdir "$tpg/lun/lun_0" "$tpg" "$CFS/loopback/$WWN" || fail "rmdir loopback"
rmdir "$so" "$CFS/core/pscsi_0" || fail "rmdir pscsi backstore"
check "the exported sr is gone" sh -c "! ls /sys/bus/scsi/devices/${rhost#host}:*/block >/dev/null 2>&1"
expect_eq "no loopback target left" "$(ls "$CFS/loopback" 2>/dev/null | grep -c naa)" 0
expect_eq "no backstore left" "$(ls "$CFS/core" | grep -c pscsi)" 0
check "the drive still reads via sg" sh -c "sg_inq '$sg' >/dev/null"

# --- the same export with targetcli, as the admin guide gives it ---
if command -v targetcli >/dev/null; then
	tc() { targetcli "$@" >>"$T/targetcli.log" 2>&1 || fail "targetcli $*: $(tail -3 "$T/targetcli.log")"; }
	# targetcli asks the system D-Bus for tcmu-runner's backstores and
	# fails without a bus; the guest runs no dbus: give it a private one
	bus=$(dbus-daemon --session --fork --print-pid=3 --print-address 3>"$T/dbus.pid") ||
		die "cannot start a private D-Bus for targetcli"
	export DBUS_SYSTEM_BUS_ADDRESS=$bus
	# (the guest's /etc is read-only: no saving at exit)
	tc set global auto_save_on_exit=false
	tc /backstores/pscsi create name=discloop0 dev="$sg"
	tc /loopback create
	WWN=$(ls "$CFS/loopback" | grep '^naa\.' | head -1)
	[ -n "$WWN" ] || fail "targetcli made no loopback target"
	tc "/loopback/$WWN/luns" create /backstores/pscsi/discloop0
	rsr=
	for i in $(seq 100); do
		for d in /sys/class/scsi_host/host*/proc_name; do
			[ "$(cat "$d")" = tcm_loopback ] || continue
			d=$(dirname "$d"); d=${d##*/host}
			for b in /sys/bus/scsi/devices/"$d":*/block/sr*; do
				[ -e "$b" ] && rsr=/dev/$(basename "$b")
			done
		done
		[ -n "$rsr" ] && wait_for "$rsr" 5 && break
		sleep 0.1
	done
	if [ -n "$rsr" ]; then
		check "targetcli export: sg_inq $rsr names discloop" \
			sh -c "sg_inq '$rsr' | grep -q 'Vendor identification: discloop'"
		expect_eq "targetcli export: sha256" "$(head -c "$bsize" "$rsr" | sha256sum)" \
			"$(sha256sum <"$T/b.iso")"
	else
		fail "the targetcli export got no sr: $(tail -5 "$T/targetcli.log")"
	fi
	# detach still works under an export: the remote side gets errors,
	# as from an unplugged drive, and the kernel stays quiet
	check "detach $sg while exported" $D detach "$sg"
	if [ -n "$rsr" ] && dd if="$rsr" of=/dev/null bs=2048 count=1 iflag=direct 2>/dev/null; then
		fail "the export still reads after its drive was detached"
	else
		ok "the export fails its reads after its drive was detached"
	fi
	tc clearconfig confirm=True
	kill "$(cat "$T/dbus.pid")"
	expect_eq "targetcli clearconfig: no loopback target left" \
		"$(ls "$CFS/loopback" 2>/dev/null | grep -c naa)" 0
	expect_eq "targetcli clearconfig: no backstore left" "$(ls "$CFS/core" | grep -c pscsi)" 0
else
	fail "targetcli is not installed (scripts/deps.sh --test): its recipe was not run"
	check "detach $sg" $D detach "$sg"
fi
expect_eq "no drives left" "$($D list -rn | wc -l)" 0
check "rmmod discloop after teardown" rmmod discloop
lio_unload
finish
