# A virtual machine on a discloop drive: a nested QEMU (TCG) boots a tiny
# El Torito image, generated here, from the drive in each of the three ways
# the admin guide gives (scsi-generic on /dev/sgN of a passthrough drive,
# scsi-block on /dev/srN, -drive file=/dev/srN,media=cdrom); its boot
# program prints a fresh marker and makes QEMU exit with status 99. Then a
# guest started on an empty passthrough drive sees a disc inserted on the
# host side: its firmware fails to boot from the empty drive, the disc goes
# in with `discloop insert`, and the guest's next try boots the new disc.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/pass-lib.sh"

command -v qemu-system-x86_64 >/dev/null || skip "qemu-system-x86_64 is not installed (scripts/deps.sh --test)"
dl_load
D=$DISCLOOP
tmo=$((240 * ${DL_TSCALE:-1}))

# boot_check WHAT RC LOG MARKER: the boot program ran and printed MARKER.
boot_check() {
	expect_eq "$1: QEMU exit status (99: the boot program ran)" "$2" 99
	if grep -qx "$4" "$3"; then
		ok "$1: the guest printed $4"
	else
		fail "$1: no marker on the guest's serial port: $(head -c 300 "$3" | tr -c '[:print:]\n' .)"
	fi
}

# 1. scsi-generic on the sg node of a passthrough drive
m1=$(new_marker)
mkbootiso "$T/b1.iso" "$m1"
sg=$($D attach --passthrough "$T/b1.iso") || die "attach --passthrough"
s=$SECONDS
nested_qemu "$T/s1.log" "$tmo" -device virtio-scsi-pci,id=scsi \
	-drive if=none,id=cd,file="$sg",format=raw \
	-device scsi-generic,drive=cd,bootindex=0
rc=$?
log "scsi-generic boot: $((SECONDS - s)) s"
boot_check "scsi-generic on $sg" "$rc" "$T/s1.log" "$m1"
$D detach "$sg" || fail "detach $sg"

# 2. scsi-block on the block node (every CDB still goes through SG_IO)
m2=$(new_marker)
mkbootiso "$T/b2.iso" "$m2"
sr=$($D attach "$T/b2.iso") || die "attach"
s=$SECONDS
nested_qemu "$T/s2.log" "$tmo" -device virtio-scsi-pci,id=scsi \
	-drive if=none,id=cd,file="$sr",format=raw \
	-device scsi-block,drive=cd,bootindex=0
rc=$?
log "scsi-block boot: $((SECONDS - s)) s"
boot_check "scsi-block on $sr" "$rc" "$T/s2.log" "$m2"

# 3. host_cdrom: QEMU's own emulated drive reading the block node
m3=$(new_marker)
mkbootiso "$T/b3.iso" "$m3"
$D insert "$sr" "$T/b3.iso" || fail "insert $sr b3.iso"
s=$SECONDS
nested_qemu "$T/s3.log" "$tmo" -drive file="$sr",media=cdrom,format=raw -boot d
rc=$?
log "host_cdrom boot: $((SECONDS - s)) s"
boot_check "-drive file=$sr,media=cdrom" "$rc" "$T/s3.log" "$m3"
$D detach "$sr" || fail "detach $sr"

# 4. a disc inserted on the host side, seen by a running guest
m4=$(new_marker)
mkbootiso "$T/b4.iso" "$m4"
sg=$($D add --passthrough) || die "add --passthrough"
nested_qemu "$T/s4.log" "$tmo" -device virtio-scsi-pci,id=scsi \
	-drive if=none,id=cd,file="$sg",format=raw \
	-device scsi-generic,drive=cd,bootindex=0 \
	-chardev file,id=dbg,path="$T/fw4.log" -device isa-debugcon,iobase=0x402,chardev=dbg \
	-boot reboot-timeout=500 &
qpid=$!
# the firmware's own log says when it found the drive empty
for i in $(seq $((tmo / 2))); do
	grep -q 'Could not read from CDROM' "$T/fw4.log" 2>/dev/null && break
	kill -0 $qpid 2>/dev/null || break
	sleep 1
done
if grep -q 'Could not read from CDROM' "$T/fw4.log" 2>/dev/null; then
	ok "the guest found the drive empty ($(grep -c 'Could not read from CDROM' "$T/fw4.log") failed boot(s))"
else
	fail "the guest never reported the empty drive: $(tail -c 300 "$T/fw4.log" 2>/dev/null)"
fi
check "the guest did not boot before the insert" sh -c "! grep -q '$m4' '$T/s4.log'"
check "insert on the host side" $D insert "$sg" "$T/b4.iso"
wait $qpid
rc=$?
boot_check "guest after a host-side insert" "$rc" "$T/s4.log" "$m4"
$D detach "$sg" || fail "detach $sg"
expect_eq "no drives left" "$($D list -rn | wc -l)" 0
finish
