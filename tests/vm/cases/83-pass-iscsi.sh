# Exporting a drive over iSCSI on loopback: LIO's iscsi_target_mod serves a
# passthrough drive (pscsi backstore, plain configfs as in the admin
# guide) on 127.0.0.1:3260; open-iscsi's iscsid and iscsiadm, the real
# initiator, log in through the kernel's iscsi_tcp. The initiator's own sr
# passes blkid, mount, sha256 and cdrom_id; eject and insert on the
# discloop side reach it; logout and teardown leave no session, no target,
# no backstore and no module behind.
# tier: gate
# timeout: 360
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
. "$DL_REPO/tests/vm/pass-lib.sh"

command -v iscsiadm >/dev/null && command -v iscsid >/dev/null ||
	skip "open-iscsi is not installed (scripts/deps.sh --test)"
for m in target_core_mod target_core_pscsi iscsi_target_mod iscsi_tcp; do
	modprobe "$m" || skip "this kernel has no $m"
done
lio_configfs
trap lio_teardown EXIT
ip link set lo up || die "cannot bring lo up"
dl_load
D=$DISCLOOP
mktree "$T/ta" 2
mktree "$T/tb" 1
echo "the second disc" >"$T/tb/SECOND.TXT"
mkiso "$T/a.iso" "$T/ta" -V ISCSIA
mkiso "$T/b.iso" "$T/tb" -V ISCSIB
asize=$(stat -c %s "$T/a.iso")
bsize=$(stat -c %s "$T/b.iso")

sg=$($D attach --passthrough "$T/a.iso") || die "attach --passthrough"
IFS=: read -r h c t l <<EOF
$(hctl_of_sg "$sg")
EOF

# --- the target: pscsi backstore, iSCSI portal on loopback, no auth ---
IQN=iqn.2026-12.org.discloop.test:drive$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n')
so=$CFS/core/pscsi_0/discloop0
tpg=$CFS/iscsi/$IQN/tpgt_1
mkdir -p "$so" || die "mkdir $so"
echo "scsi_host_id=$h,scsi_channel_id=$c,scsi_target_id=$t,scsi_lun_id=$l" >"$so/control" ||
	die "pscsi control"
echo "$sg" >"$so/udev_path" && echo 1 >"$so/enable" || die "pscsi enable"
mkdir -p "$tpg/lun/lun_0" || die "mkdir $tpg/lun/lun_0"
ln -s "$so" "$tpg/lun/lun_0/discloop0" || die "lun link"
mkdir "$tpg/np/127.0.0.1:3260" || die "portal 127.0.0.1:3260"
echo 0 >"$tpg/attrib/authentication"
echo 1 >"$tpg/attrib/generate_node_acls"
echo 1 >"$tpg/attrib/cache_dynamic_acls"
echo 1 >"$tpg/attrib/demo_mode_write_protect"
echo 1 >"$tpg/enable" || die "enable the target portal group"

# --- the initiator: open-iscsi with a private, writable /etc/iscsi ---
# (the guest's root is the host's, read-only; iscsiadm keeps its node
# database under /etc/iscsi)
mkdir -p "$T/etc-iscsi" /run/lock/iscsi /var/lib/iscsi
sed 's|^iscsid.startup *=.*|iscsid.startup = /bin/true|' /etc/iscsi/iscsid.conf >"$T/etc-iscsi/iscsid.conf"
echo "InitiatorName=$(iscsi-iname -p iqn.2026-12.org.discloop.test:initiator)" \
	>"$T/etc-iscsi/initiatorname.iscsi"
mount --bind "$T/etc-iscsi" /etc/iscsi || die "bind a writable /etc/iscsi"
# (in its own session: on SIGTERM iscsid signals its whole process group)
setsid iscsid -f >"$T/iscsid.log" 2>&1 &
iscsid_pid=$!
cleanup() {
	iscsiadm -m node -T "$IQN" -p 127.0.0.1:3260 --logout >/dev/null 2>&1
	kill "$iscsid_pid" 2>/dev/null
	wait "$iscsid_pid" 2>/dev/null
	umount /etc/iscsi 2>/dev/null
	lio_teardown
}
trap cleanup EXIT
for i in $(seq 50); do
	iscsiadm -m session >/dev/null 2>&1; [ $? = 21 ] && break # 21: no sessions, iscsid answers
	sleep 0.2
done
disc=$(iscsiadm -m discovery -t sendtargets -p 127.0.0.1:3260 2>&1)
expect_eq "discovery finds the target" "$disc" "127.0.0.1:3260,1 $IQN"
iscsiadm -m node -T "$IQN" -p 127.0.0.1:3260 --login >"$T/login" 2>&1 ||
	die "login: $(cat "$T/login") / iscsid: $(tail -5 "$T/iscsid.log")"
ok "logged in to $IQN"

# the initiator's drive: an sr under the iSCSI session's host
isr=
for i in $(seq 150); do
	for d in /sys/class/iscsi_session/session*/device/target*/*/block/sr*; do
		[ -e "$d" ] && isr=/dev/$(basename "$d")
	done
	[ -n "$isr" ] && wait_for "$isr" 5 && break
	sleep 0.2
done
[ -n "$isr" ] || die "no sr on the iSCSI session: $(iscsiadm -m session -P 3 2>&1 | tail -20)"
log "initiator drive: $isr"

check "sg_inq $isr names discloop" sh -c "sg_inq '$isr' | grep -q 'Vendor identification: discloop'"
/lib/udev/cdrom_id "$isr" >"$T/cdrom_id" 2>&1
check "cdrom_id: a CD drive with a data CD" sh -c "grep -qx ID_CDROM=1 '$T/cdrom_id' &&
	grep -qx ID_CDROM_MEDIA_CD=1 '$T/cdrom_id' && grep -qx ID_CDROM_MEDIA_TRACK_COUNT_DATA=1 '$T/cdrom_id'"
expect_eq "blkid label" "$(blkid -p -o value -s LABEL "$isr")" ISCSIA
expect_eq "sha256 over iSCSI" "$(head -c "$asize" "$isr" | sha256sum)" "$(sha256sum <"$T/a.iso")"
mkdir -p "$T/mnt"
if mount -o ro "$isr" "$T/mnt"; then
	check "mounted tree equals the source" diff -r "$T/ta" "$T/mnt"
	umount "$T/mnt"
else
	fail "mount $isr"
fi

# --- media change across iSCSI ---
# wait_size BYTES: opening the drive (which makes sr ask it about media
# changes, as any program's open does) finds BYTES of medium, 0 for none.
wait_size() {
	local i n
	for i in $(seq 60); do
		n=$(blockdev --getsize64 "$isr" 2>&1)
		case $n in *"No medium found"*) n=0 ;; esac
		[ "$n" = "$1" ] && return 0
		sleep 0.5
	done
	log "size of $isr: $n, want $1"
	return 1
}
check "eject on the discloop side" $D eject "$sg"
check "the initiator sees the disc go" wait_size 0
check "insert on the discloop side" $D insert "$sg" "$T/b.iso"
check "the initiator sees the new disc" wait_size "$bsize"
expect_eq "blkid label of the new disc" "$(blkid -p -o value -s LABEL "$isr")" ISCSIB
expect_eq "sha256 of the new disc" "$(head -c "$bsize" "$isr" | sha256sum)" "$(sha256sum <"$T/b.iso")"
/lib/udev/cdrom_id "$isr" >"$T/cdrom_id2" 2>&1
check "cdrom_id on the new disc" grep -qx ID_CDROM_MEDIA=1 "$T/cdrom_id2"

# --- teardown: initiator, then target, then the drive and the modules ---
check "logout" iscsiadm -m node -T "$IQN" -p 127.0.0.1:3260 --logout
check "delete the node record" iscsiadm -m node -T "$IQN" -p 127.0.0.1:3260 -o delete
kill "$iscsid_pid"; wait "$iscsid_pid" 2>/dev/null
umount /etc/iscsi || fail "umount /etc/iscsi"
trap lio_teardown EXIT
expect_eq "no iSCSI session left" "$(ls /sys/class/iscsi_session 2>/dev/null | wc -l)" 0
echo 0 >"$tpg/enable"
rmdir "$tpg/np/127.0.0.1:3260" || fail "rmdir portal"
rm "$tpg/lun/lun_0/discloop0" || fail "unlink lun"
rmdir "$tpg/lun/lun_0" "$tpg" "$CFS/iscsi/$IQN" || fail "rmdir iSCSI target"
rmdir "$so" "$CFS/core/pscsi_0" || fail "rmdir pscsi backstore"
expect_eq "no iSCSI target left" "$(ls "$CFS/iscsi" 2>/dev/null | grep -c '^iqn')" 0
if command -v ss >/dev/null; then
	expect_eq "nothing listens on 3260" "$(ss -Hltn 'sport = :3260' | wc -l)" 0
fi
check "detach $sg" $D detach "$sg"
check "rmmod discloop" rmmod discloop
for m in iscsi_tcp libiscsi_tcp libiscsi scsi_transport_iscsi; do
	rmmod "$m" || fail "rmmod $m"
done
lio_unload
finish
