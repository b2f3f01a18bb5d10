# Passthrough drives (ABI 3): attach/add --passthrough make a drive that
# sr never binds (only /dev/sgN), `discloop passthrough DEV on|off` turns an
# existing drive and back; list and info show it; every command takes the
# sg name of a drive that has no sr node, also when sr was unbound by hand.
# sg3_utils judge the drive through its sg node; the ioctl refuses bad
# flags and drives that are not there.
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
. "$DL_REPO/tests/vm/pass-lib.sh"

dl_load
D=$DISCLOOP
mktree "$T/ta" 2
mktree "$T/tb" 1
echo "the second disc" >"$T/tb/SECOND.TXT"
mkiso "$T/a.iso" "$T/ta" -V PASSA
mkiso "$T/b.iso" "$T/tb" -V PASSB
asum=$(sha256sum <"$T/a.iso")
bsum=$(sha256sum <"$T/b.iso")
asec=$(($(stat -c %s "$T/a.iso") / 2048))
bsec=$(($(stat -c %s "$T/b.iso") / 2048))

expect_eq "ABI version" "$($DLCTL version)" 3

# read_sg /dev/sgN SECTORS: sha256 of the medium read with READ(10) via sg.
read_sg() {
	rm -f "$T/back"
	sg_dd if="$1" of="$T/back" bs=2048 count="$2" 2>/dev/null || return 1
	sha256sum <"$T/back"
}

# --- attach --passthrough ---
sg=$($D attach --passthrough "$T/a.iso")
expect_eq "attach --passthrough exit" "$?" 0
case $sg in /dev/sg[0-9]*) ok "attach --passthrough printed $sg" ;; *) die "attach --passthrough printed '$sg'" ;; esac
check "$sg is a character device" test -c "$sg"
hctl=$(hctl_of_sg "$sg")
sdir=/sys/bus/scsi/devices/$hctl
check "no block node under $hctl" test ! -e "$sdir/block"
check "no upper driver bound to $hctl" test ! -e "$sdir/driver"
expect_eq "sysfs passthrough" "$(cat "$sdir/discloop/passthrough")" 1
idx=$(cat "$sdir/discloop/index")
st=$($DLCTL info "$idx" | sed -n 's/^state=//p')
expect_eq "GET_INFO has STATE_PASSTHROUGH" "$((st & 0x40))" 64
expect_eq "GET_INFO has STATE_MEDIA" "$((st & 0x1))" 1

# the drive is whole through sg: INQUIRY, READ CAPACITY, the data
check "sg_inq names discloop" sh -c "sg_inq '$sg' | grep -q 'Vendor identification: discloop'"
# nobody polls a passthrough drive: the new medium's UNIT ATTENTION is
# still pending for the first command that is not INQUIRY
expect_eq "first TEST UNIT READY: UNIT ATTENTION 28/00" "$(sense_of "$sg" 000000000000)" "06/28/00"
expect_eq "then ready" "$(sense_of "$sg" 000000000000)" "none"
expect_eq "sg_readcap blocks" "$(sg_readcap "$sg" | sed -n 's/.*Last LBA=\([0-9]*\).*/\1/p')" "$((asec - 1))"
expect_eq "READ(10) through $sg is the image" "$(read_sg "$sg" "$asec")" "$asum"

# list and info
$D list -J -o INDEX,DEVICE,SG,PASSTHROUGH,SECTORS >"$T/l.json" || fail "list -J"
expect_eq "list: device, sg, passthrough, sectors" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["drives"][0]
print(d["device"], d["sg"], d["passthrough"], d["sectors"])' "$T/l.json")" "None $sg True $asec"
expect_eq "list default columns show PASSTHROUGH" "$($D list | head -1 | grep -c PASSTHROUGH)" 1
$D info -J "$sg" >"$T/i.json" || fail "info -J $sg"
expect_eq "info $sg: passthrough, media, sectors, index" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["passthrough"], d["media"], d["sectors"], d["index"], d.get("device") or "-")' "$T/i.json")" "True True $asec $idx -"
check "info by bare name $(basename "$sg")" $D info "$(basename "$sg")"

# --- every command by the sg name ---
check "eject $sg" $D eject "$sg"
st=$($DLCTL info "$idx" | sed -n 's/^state=//p')
expect_eq "no medium after eject" "$((st & 0x1))" 0
expect_eq "TEST UNIT READY: medium not present, tray open" "$(sense_of "$sg" 000000000000)" "02/3a/02"
check "insert $sg b.iso" $D insert "$sg" "$T/b.iso"
expect_eq "first TUR after insert: UNIT ATTENTION 28/00" "$(sense_of "$sg" 000000000000)" "06/28/00"
expect_eq "then ready" "$(sense_of "$sg" 000000000000)" "none"
expect_eq "READ(10) gives the new disc" "$(read_sg "$sg" "$bsec")" "$bsum"
check "eject by bare name $(basename "$sg")" $D eject "$(basename "$sg")"
check "insert by index" $D insert "$idx" "$T/a.iso"
# the reading commands too: a rip and a verify through the sg node alone
check "rip $sg" $D rip --quiet "$sg" "$T/rip.iso"
expect_eq "the rip is the image" "$(sha256sum <"$T/rip.iso")" "$asum"
check "verify --against $sg" $D verify --quiet --against "$sg" "$T/a.iso"

# --- back to sr, and to passthrough again ---
sr=$($D passthrough "$sg" off)
expect_eq "passthrough off exit" "$?" 0
case $sr in /dev/sr[0-9]*) ok "passthrough off printed $sr" ;; *) die "passthrough off printed '$sr'" ;; esac
check "$sr is a block device" test -b "$sr"
expect_eq "sysfs passthrough after off" "$(cat "$sdir/discloop/passthrough")" 0
expect_eq "$sr reads the image" "$(head -c $((asec * 2048)) "$sr" | sha256sum)" "$asum"
expect_eq "the sg node stayed" "$(ls "$sdir/scsi_generic")" "$(basename "$sg")"
check "passthrough off again: nothing to do" $D passthrough "$sg" off
mkdir -p "$T/mnt"
if mount -o ro "$sr" "$T/mnt"; then
	out=$($D passthrough "$sr" on 2>&1)
	expect_eq "passthrough on while mounted: exit" "$?" 1
	case $out in *"drive busy"*) ok "refused: $out" ;; *) fail "passthrough on mounted said: $out" ;; esac
	check "still mounted and readable" diff -r "$T/ta" "$T/mnt"
	umount "$T/mnt"
else
	fail "mount $sr"
fi
# an open reader of /dev/srN sees a hot unplug, nothing worse
exec 3<"$sr"
out=$($D passthrough "$sr" on)
expect_eq "passthrough on printed the sg node" "$out" "$sg"
check "$sr went" sh -c "! test -e '$sdir/block'"
if dd if=/proc/self/fd/3 of=/dev/null bs=2048 count=1 2>/dev/null; then
	fail "the old /dev/srN still reads after passthrough on"
else
	ok "the old open /dev/srN fails after passthrough on"
fi
exec 3<&-
check "passthrough on again: nothing to do" $D passthrough "$sg" on
expect_eq "READ(10) via sg after the round trip" "$(read_sg "$sg" "$asec")" "$asum"

# --- a normal drive whose sr was unbound by hand (the reported bug) ---
sr2=$($D attach "$T/b.iso")
sg2=/dev/$(sg_of_sr "$sr2")
hctl2=$(hctl_of_sg "$sg2")
echo "$hctl2" >/sys/bus/scsi/drivers/sr/unbind || fail "unbind sr from $hctl2"
check "no block node after unbind" test ! -e "/sys/bus/scsi/devices/$hctl2/block"
check "eject $sg2 (sr unbound)" $D eject "$sg2"
check "insert $sg2 (sr unbound)" $D insert "$sg2" "$T/a.iso"
check "info $sg2 (sr unbound)" $D info "$sg2"
echo "$hctl2" >/sys/bus/scsi/drivers/sr/bind || fail "bind sr to $hctl2"
check "remove $sg2" $D remove "$sg2"

# --- an empty passthrough drive, and the ioctl's refusals ---
sg3=$($D add --passthrough)
case $sg3 in /dev/sg[0-9]*) ok "add --passthrough printed $sg3" ;; *) fail "add --passthrough printed '$sg3'" ;; esac
expect_eq "empty passthrough drive: medium not present, tray closed" "$(sense_of "$sg3" 000000000000)" "02/3a/01"
idx3=$(cat "/sys/bus/scsi/devices/$(hctl_of_sg "$sg3")/discloop/index")
expect_err() { # DESC ERRNO-TEXT CMD...
	local d=$1 want=$2; shift 2
	local out
	out=$("$@" 2>&1) && { fail "$d: succeeded"; return; }
	case $out in *"$want"*) ok "$d: $want" ;; *) fail "$d: said '$out', want '$want'" ;; esac
}
expect_err "SET_PASSTHROUGH with FORCE" "Invalid argument" $DLCTL passthrough "$idx3" on --flags 0x5
expect_err "SET_PASSTHROUGH unknown bit" "Invalid argument" $DLCTL passthrough "$idx3" off --flags 0x80
expect_err "SET_PASSTHROUGH no drive" "No such device" $DLCTL passthrough 200 on
expect_err "ADD with an unknown flag" "Invalid argument" $DLCTL add --flags 0x8
expect_eq "nothing added by the refused ADD" "$($D list -rn | wc -l)" 2
out=$($D passthrough "$sg3" maybe 2>&1)
expect_eq "passthrough DEV maybe: usage exit" "$?" 2
out=$($D attach --passthrough --label-wait "$T/a.iso" 2>&1)
expect_eq "attach --passthrough --label-wait: usage exit" "$?" 2

# --- detach by sg names, nothing left ---
check "detach $sg $sg3" $D detach "$sg" "$sg3"
expect_eq "no drives left" "$($D list -rn | wc -l)" 0
finish
