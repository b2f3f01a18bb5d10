# The admin guide's libvirt recipes, run as written: libvirtd is started by
# hand in the guest, and a TCG domain (<domain type='qemu'>) boots the tiny
# El Torito image of 81-pass-qemu from a discloop drive by each of the
# guide's three devices: <hostdev mode='subsystem' type='scsi'> on a
# passthrough drive's SCSI address (scsi-generic), <disk type='block'
# device='lun'> on /dev/srN (scsi-block) and <disk type='block'
# device='cdrom'> on /dev/srN (host_cdrom). The XML is cut from
# Documentation/admin-guide.rst, with only the example's SCSI address and
# node replaced by the drive's own. The boot program's marker must appear on
# the domain's serial port (a file); then the domain is destroyed and
# undefined, the daemon stopped, and nothing may be left: no domain, no QEMU,
# the drives detach.
#
# The guest's root is the host's, read-only; /run, /var/lib, /var/log and
# /var/cache are tmpfs (guest-init), which is where a privileged libvirtd
# keeps its state. What it reads from /etc is replaced for this case only,
# by bind mounts of files under $T: /etc/libvirt with a qemu.conf that runs
# QEMU as root with no security driver, no mount namespace and no virtlogd
# (nothing of a system's setup runs in the guest), and, where the host has
# no libvirt-qemu user (libvirt-daemon-system makes it; the driver looks it
# up at start even when qemu.conf names another), /etc/passwd and /etc/group
# with that user added.
# tier: long
# timeout: 1500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/pass-lib.sh"

for p in libvirtd virsh qemu-system-x86_64 xorriso; do
	command -v $p >/dev/null || skip "$p is not installed (scripts/deps.sh --test)"
done
GUIDE=$DL_REPO/Documentation/admin-guide.rst
export LIBVIRT_DEFAULT_URI=qemu:///system
tmo=$((240 * ${DL_TSCALE:-1}))
LVPID= MOUNTS=
LVWAIT=$((600 * ${DL_TSCALE:-1}))

# guide_xml FIRST-LINE: the literal block of the admin guide that begins
# with FIRST-LINE (its indentation removed), through its last indented line.
guide_xml() {
	awk -v first="$1" '
		!on && $0 == "    " first { on = 1 }
		on && !/^    / { exit }
		on { print substr($0, 5) }' "$GUIDE"
}

# libvirt_up: the private configuration, then libvirtd, until its socket
# answers.
libvirt_up() {
	local i
	mkdir -p "$T/etc-libvirt"
	cp -a /etc/libvirt/. "$T/etc-libvirt/"
	cat >"$T/etc-libvirt/qemu.conf" <<-EOF
	user = "root"
	group = "root"
	dynamic_ownership = 0
	security_driver = "none"
	namespaces = [ ]
	stdio_handler = "file"
	EOF
	mount --bind "$T/etc-libvirt" /etc/libvirt || die "cannot bind $T/etc-libvirt on /etc/libvirt"
	MOUNTS="/etc/libvirt"
	if ! getent passwd libvirt-qemu >/dev/null; then
		cp /etc/passwd "$T/passwd" && cp /etc/group "$T/group" || die "cannot copy passwd, group"
		getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64055:" >>"$T/group"
		getent group kvm >/dev/null || echo "kvm:x:64056:" >>"$T/group"
		echo "libvirt-qemu:x:64055:64055:libvirt:/var/lib/libvirt:/usr/sbin/nologin" >>"$T/passwd"
		mount --bind "$T/passwd" /etc/passwd && mount --bind "$T/group" /etc/group ||
			die "cannot bind passwd, group"
		MOUNTS="$MOUNTS /etc/passwd /etc/group"
	fi
	libvirtd >"$T/libvirtd.log" 2>&1 &
	LVPID=$!
	# Under nested TCG the daemon's start (every driver, and QEMU probed
	# for its capabilities) takes minutes: wait for its socket, then for
	# an answer, saying every minute what runs meanwhile.
	local s=$SECONDS end=$((SECONDS + LVWAIT)) next=$((SECONDS + 60))
	while [ $SECONDS -lt $end ]; do
		kill -0 "$LVPID" 2>/dev/null || break
		if [ -S /run/libvirt/libvirt-sock ] &&
			timeout $((end - SECONDS)) virsh version >/dev/null 2>&1; then
			log "libvirtd answered after $((SECONDS - s)) s"
			return 0
		fi
		if [ $SECONDS -ge $next ]; then
			log "libvirtd, $((SECONDS - s)) s: $(ps -eo etimes=,args= | grep -E 'libvirt|qemu|dmidecode' | grep -v grep | cut -c1-120 | tr '\n' ';')"
			next=$((SECONDS + 60))
		fi
		sleep 2
	done
	ps -eo etimes=,args= | grep -E 'libvirt|qemu' | grep -v grep | sed 's/^/# /'
	sed 's/^/# libvirtd: /' "$T/libvirtd.log" | tail -n 20
	die "libvirtd did not answer in $((SECONDS - s)) s"
}

# libvirt_down: stop libvirtd and undo the bind mounts (the EXIT trap too).
libvirt_down() {
	local m
	if [ -n "$LVPID" ]; then
		kill "$LVPID" 2>/dev/null
		for m in $(seq 30); do kill -0 "$LVPID" 2>/dev/null || break; sleep 1; done
		kill -9 "$LVPID" 2>/dev/null
		wait "$LVPID" 2>/dev/null
		LVPID=
	fi
	for m in $MOUNTS; do umount "$m"; done
	MOUNTS=
}
trap 'libvirt_down' EXIT

# boot_domain NAME LOG MARKER RECIPE-XML: define and start a domain with
# RECIPE in its <devices>, wait for MARKER on its serial port (LOG), then
# destroy and undefine it.
boot_domain() {
	local name=$1 log=$2 marker=$3 recipe=$4 i s=$SECONDS
	cat >"$T/$name.xml" <<-EOF
	<domain type='qemu'>
	  <name>$name</name>
	  <memory unit='MiB'>32</memory>
	  <vcpu>1</vcpu>
	  <os><type arch='x86_64' machine='pc'>hvm</type></os>
	  <devices>
	    <controller type='usb' model='none'/>
	    <memballoon model='none'/>
	    <serial type='file'><source path='$log'/><target port='0'/></serial>
	$recipe
	  </devices>
	</domain>
	EOF
	log "$name: define, start"
	if ! timeout 300 virsh define "$T/$name.xml" >"$T/$name.out" 2>&1; then
		fail "$name: virsh define: $(tr '\n' ' ' <"$T/$name.out")"
		return
	fi
	if ! timeout 120 virsh start "$name" >"$T/$name.out" 2>&1; then
		fail "$name: virsh start: $(tr '\n' ' ' <"$T/$name.out")"
		tail -n 20 "/var/log/libvirt/qemu/$name.log" 2>/dev/null | sed 's/^/# /'
		timeout 60 virsh undefine "$name" >/dev/null 2>&1
		return
	fi
	for i in $(seq "$tmo"); do
		grep -qx "$marker" "$log" 2>/dev/null && break
		sleep 1
	done
	log "$name: $((SECONDS - s)) s from define to marker"
	if grep -qx "$marker" "$log" 2>/dev/null; then
		ok "$name: the domain booted the drive and printed $marker"
	else
		fail "$name: no marker on the serial port: $(head -c 300 "$log" 2>/dev/null | tr -c '[:print:]\n' .)"
		tail -n 20 "/var/log/libvirt/qemu/$name.log" 2>/dev/null | sed 's/^/# /'
	fi
	check "$name: virsh destroy" timeout 60 virsh destroy "$name"
	check "$name: virsh undefine" timeout 60 virsh undefine "$name"
}

HOSTDEV=$(guide_xml "<controller type='scsi' index='0' model='virtio-scsi'/>")
LUN=$(guide_xml "<disk type='block' device='lun'>")
CDROM=$(guide_xml "<disk type='block' device='cdrom'>")
for x in HOSTDEV LUN CDROM; do
	[ -n "${!x}" ] || die "no $x recipe in $GUIDE"
done

dl_load
D=$DISCLOOP
log "starting libvirtd"
libvirt_up

# 1. <hostdev mode='subsystem' type='scsi'>: the passthrough drive by its
#    SCSI address (scsi-generic on its sg node)
m1=$(new_marker)
mkbootiso "$T/b1.iso" "$m1"
sg=$($D attach --passthrough "$T/b1.iso") || die "attach --passthrough"
IFS=: read -r h c t l <<<"$(hctl_of_sg "$sg")"
x=$(sed -e "s/name='scsi_host[0-9]*'/name='scsi_host$h'/" \
	-e "s/bus='[0-9]*' target='[0-9]*' unit='[0-9]*'/bus='$c' target='$t' unit='$l'/" <<<"$HOSTDEV")
grep -q "scsi_host$h'" <<<"$x" && grep -q "bus='$c' target='$t' unit='$l'" <<<"$x" ||
	die "the hostdev recipe has no adapter or address to set: $x"
boot_domain dl-hostdev "$T/s1.log" "$m1" "$x"
check "detach $sg after the domain" $D detach "$sg"

# 2. <disk type='block' device='lun'>: the block node (scsi-block)
m2=$(new_marker)
mkbootiso "$T/b2.iso" "$m2"
sr=$($D attach "$T/b2.iso") || die "attach"
x=$(sed "s|'/dev/sr[0-9]*'|'$sr'|" <<<"$LUN")
grep -q "'$sr'" <<<"$x" || die "the lun recipe has no /dev/srN to set: $x"
boot_domain dl-lun "$T/s2.log" "$m2" "$x"

# 3. <disk type='block' device='cdrom'>: QEMU's own drive on the block node
m3=$(new_marker)
mkbootiso "$T/b3.iso" "$m3"
$D insert "$sr" "$T/b3.iso" || fail "insert $sr b3.iso"
x=$(sed "s|'/dev/sr[0-9]*'|'$sr'|" <<<"$CDROM")
grep -q "'$sr'" <<<"$x" || die "the cdrom recipe has no /dev/srN to set: $x"
boot_domain dl-cdrom "$T/s3.log" "$m3" "$x"

# Nothing left: no domain, no QEMU, the daemon gone, the drives detachable.
expect_eq "domains left" "$(timeout 60 virsh list --all --name | grep -c .)" 0
lp=$LVPID
libvirt_down
check "libvirtd stopped" sh -c "! kill -0 $lp 2>/dev/null"
expect_eq "QEMU processes left" "$(pgrep -c -x qemu-system-x86 || true)" 0
check "detach $sr after the domains" $D detach "$sr"
expect_eq "no drives left" "$($D list -rn | wc -l)" 0
grep -E ' error : ' "$T/libvirtd.log" | grep -v -E 'dnsmasq|GetSystemBus|DMI|dmidecode' |
	sed 's/^/# libvirtd: /' | head -n 20
finish
