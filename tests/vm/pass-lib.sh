# Helpers for the passthrough and export cases (tests/vm/cases/8*.sh),
# sourced after lib.sh.

# mkbootiso OUT MARKER: an El Torito no-emulation boot image whose 2048-byte
# boot program writes MARKER and a newline to COM1 (port 0x3f8) and then
# 0x31 to an isa-debug-exit device at port 0xf4, so that QEMU exits with
# status (0x31 << 1) | 1 = 99. The program is written here byte by byte:
#   BA F8 03     mov dx, 0x3f8
#   B0 xx EE     mov al, xx; out dx, al       (per marker byte)
#   B0 31 E6 F4  mov al, 0x31; out 0xf4, al
#   FA F4 EB FE  cli; hlt; jmp $              (if the exit device is absent)
mkbootiso() {
	local out=$1 marker=$2 dir
	dir=$(mktemp -d "$T/boot.XXXXXX")
	python3 - "$dir/boot.img" "$marker" <<'EOF' || die "cannot write the boot program"
import sys
code = bytearray(b"\xba\xf8\x03")
for c in (sys.argv[2] + "\n").encode():
    code += bytes([0xb0, c, 0xee])
code += b"\xb0\x31\xe6\xf4" + b"\xfa\xf4\xeb\xfe"
assert len(code) <= 2048
open(sys.argv[1], "wb").write(bytes(code).ljust(2048, b"\0"))
EOF
	echo "$marker" >"$dir/MARKER.TXT"
	xorriso -as mkisofs -quiet -V DLBOOT -b boot.img -no-emul-boot \
		-boot-load-size 4 -o "$out" "$dir" 2>/dev/null || die "xorriso could not make $out"
}

# new_marker: a marker no boot image had before (the test's own randomness).
new_marker() { echo "DLBOOT-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"; }

# nested_qemu LOG TIMEOUT ARGS...: run a nested QEMU (TCG, 32 MiB, no
# default devices) with its COM1 in LOG and the isa-debug-exit device, for
# at most TIMEOUT seconds; returns QEMU's exit status (99: the boot program
# ran to its end).
nested_qemu() {
	local log=$1 tmo=$2; shift 2
	timeout -k 5 "$tmo" qemu-system-x86_64 -accel tcg -m 32 -nodefaults \
		-display none -no-user-config \
		-chardev file,id=ser,path="$log" -serial chardev:ser \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 "$@" </dev/null
}

# hctl_of_sg /dev/sgN: the SCSI address of an sg node, from sysfs.
hctl_of_sg() { basename "$(readlink "/sys/class/scsi_generic/$(basename "$1")/device")"; }

# sr_of_hctl H:C:T:L: the /dev/srN bound to a SCSI address, or nothing.
sr_of_hctl() {
	local b
	b=$(ls "/sys/bus/scsi/devices/$1/block/" 2>/dev/null | head -1)
	[ -n "$b" ] && echo "/dev/$b"
}

# lio_configfs: configfs mounted at /sys/kernel/config (guest-init mounts it
# at boot, before anything loaded the configfs module on kernels that have
# it as a module) and LIO's directory there; sets CFS.
CFS=/sys/kernel/config/target
lio_configfs() {
	modprobe configfs 2>/dev/null
	mountpoint -q /sys/kernel/config ||
		mount -t configfs none /sys/kernel/config || die "cannot mount configfs"
	[ -d "$CFS/core" ] || die "no LIO configfs at $CFS"
}

# lio_teardown: remove every LIO object under $CFS that a case may have
# made (loopback and iSCSI targets, pscsi backstores), in the order the
# kernel requires; quiet and idempotent, for a case's EXIT trap, so that a
# failed case leaves neither an export nor a pinned discloop.ko behind.
lio_teardown() {
	local f
	[ -d "$CFS" ] || return 0
	for f in "$CFS"/iscsi/*/tpgt_*/enable; do
		[ -e "$f" ] && echo 0 >"$f" 2>/dev/null
	done
	for f in "$CFS"/iscsi/*/tpgt_*/np/* "$CFS"/{iscsi,loopback}/*/tpgt_*/lun/lun_*/*; do
		[ -L "$f" ] && rm -f "$f"
		[ -d "$f" ] && case $f in */np/*) rmdir "$f" 2>/dev/null ;; esac
	done
	for f in "$CFS"/{iscsi,loopback}/*/tpgt_*/lun/lun_* "$CFS"/{iscsi,loopback}/*/tpgt_* \
		"$CFS"/iscsi/iqn.* "$CFS"/loopback/naa.* "$CFS"/core/pscsi_*/* "$CFS"/core/pscsi_* \
		"$CFS"/iscsi "$CFS"/loopback; do
		[ -d "$f" ] && rmdir "$f" 2>/dev/null
	done
	return 0
}

# lio_unload: after teardown, unload LIO (the fabric directories pin their
# modules: they must be gone) and check that no target module is left.
lio_unload() {
	local m
	rmdir "$CFS/loopback" "$CFS/iscsi" 2>/dev/null
	for m in tcm_loop iscsi_target_mod target_core_pscsi target_core_file \
		target_core_iblock target_core_user target_core_mod; do
		grep -q "^$m " /proc/modules && { rmmod "$m" || fail "rmmod $m"; }
	done
	expect_eq "no LIO module left" "$(grep -c '^target_core\|^tcm_loop\|^iscsi_target' /proc/modules)" 0
}
