# discloop.ko error answers: unknown opcodes, bad fields, LBA out of range,
# writes, ATA pass-through, no media; injected MEDIUM ERRORs with the
# failing LBA and partial transfer, weak sectors, cleared on eject; the
# control device's permission and argument checks.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
mktree "$T/a" 2
mkiso "$T/a.iso" "$T/a" -V ERRS
n=$(( ($(stat -c %s $T/a.iso) + 2047) / 2048 ))
sr=$(dl_add "$T/a.iso") || die "add"
sg=/dev/$(sg_of_sr "$sr")
sense_of $sg 000000000000 >/dev/null	# consume a unit attention if any

expect_eq "unknown opcode (vendor D8)" "$(sense_of $sg d80000000000000000000000)" 05/20/00
expect_eq "unknown opcode (READ 16)" "$(sense_of $sg 88000000000000000000000000010000 2048)" 05/20/00
expect_eq "ATA PASS-THROUGH(16)" "$(sense_of $sg 85080e00000000000000000000a10000 512)" 05/20/00
expect_eq "short CDB" "$(sense_of $sg 280000000000 2048)" 05/20/00
expect_eq "INQUIRY bad VPD page" "$(sense_of $sg 120142006000 96)" 05/24/00
expect_eq "MODE SENSE saved values" "$(sense_of $sg 5a00ea00000000004000 64)" 05/39/00
expect_eq "MODE SENSE bad page" "$(sense_of $sg 5a001500000000004000 64)" 05/24/00
expect_eq "READ TOC bad format" "$(sense_of $sg 43000700000000000c00 12)" 05/24/00
expect_eq "READ(10) past the end" "$(sense_of $sg 2800$(printf %08x $n)00000100 2048)" 05/21/00
expect_eq "READ(10) LBA+len overflow" "$(sense_of $sg 28000000000000ffff00 2048)" 05/21/00
expect_eq "READ(12) huge" "$(sense_of $sg a800fffffffeffffffff0000 2048)" 05/21/00
expect_eq "READ(10) last block" "$(sense_of $sg 2800$(printf %08x $((n - 1)))00000100 2048)" none
expect_eq "WRITE(10)" "$(sense_of $sg 2a000000001000000100)" 07/27/00
expect_eq "WRITE(12)" "$(sense_of $sg aa0000000010000000010000)" 07/27/00
expect_eq "WRITE(6)" "$(sense_of $sg 0a0000100100)" 07/27/00
expect_eq "GESN asynchronous" "$(sense_of $sg 4a000000100000000800 8)" 05/24/00
expect_eq "GET CONFIGURATION RT=3" "$(sense_of $sg 46030000000000000800 8)" 05/24/00
expect_eq "SEEK past the end" "$(sense_of $sg 2b00ffffffff00000000)" 05/21/00
expect_eq "VERIFY" "$(sense_of $sg 2f000000000000000100)" none
expect_eq "SYNCHRONIZE CACHE" "$(sense_of $sg 35000000000000000000)" none
expect_eq "SET CD SPEED" "$(sense_of $sg bb00ffffffff000000000000)" none
expect_eq "MODE SELECT(10)" "$(sense_of $sg 55100000000000000000)" none
expect_eq "REPORT LUNS" "$(sense_of $sg a00000000000000000100000 16)" none
expect_eq "GET PERFORMANCE" "$(sense_of $sg ac0000000000000000010000 32)" none
expect_eq "MECHANISM STATUS" "$(sense_of $sg bd0000000000000000080000 8)" none
expect_eq "READ BUFFER CAPACITY" "$(sense_of $sg 5c000000000000000c00 12)" none
expect_eq "READ DISC INFO" "$(sense_of $sg 51000000000000002200 34)" none
expect_eq "READ TRACK INFO track 1" "$(sense_of $sg 52010000000100003000 48)" none
expect_eq "READ TRACK INFO track 2" "$(sense_of $sg 52010000000200003000 48)" 05/24/00
expect_eq "cdrom_id-sized GET CONFIGURATION" "$(sense_of $sg 46000000000000fffa00 65530)" none
# A huge allocation on every descriptive command.
for c in 120000ffff00 5a003f00000000ffff00 43000000000000ffff00 43000200000000ffff00 51000000000000ffff00 ad000000000000ff00ffff00 4a010000100000ffff00 46000000000000ffff00; do
	check "alloc ffff: $c" sh -c "$SGCMD $sg $c 65535 | grep -q status="
done

# Injected faults: a bad sector at 100, a weak range at 200 (2 reads fail).
check "set faults" $DLCTL faults 0 100:1 200:2:2
check "state FAULTS" sh -c "$DLCTL info 0 | grep -q 'state=0x21'"
r=$($SGCMD $sg 28000000005a00001400 40960)
log "$r"
expect_eq "partial read: sense" "$(echo $r | sed 's/.*sense=\([^ ]*\).*/\1/')" 03/11/00
expect_eq "partial read: VALID" "$(echo $r | sed 's/.*valid=\([^ ]*\).*/\1/')" 1
expect_eq "partial read: failing LBA" "$(echo $r | sed 's/.*info=\([^ ]*\).*/\1/')" 100
expect_eq "partial read: blocks before it moved" "$(echo $r | sed 's/.*got=\([^ ]*\).*/\1/')" $((10 * 2048))
expect_eq "bad sector stays bad" "$(sense_of $sg 28000000006400000100 2048)" 03/11/00
expect_eq "VERIFY over the bad sector" "$(sense_of $sg 2f000000006000000800)" 03/11/00
check "dd over the bad sector fails" sh -c "! dd if=$sr of=/dev/null bs=2048 skip=100 count=1 iflag=direct 2>/dev/null"
check "dd before it works" dd if=$sr of=/dev/null bs=2048 count=100 iflag=direct status=none
expect_eq "weak 1" "$(sense_of $sg 2800000000c800000100 2048)" 03/11/00
expect_eq "weak 2" "$(sense_of $sg 2800000000c900000100 2048)" 03/11/00
expect_eq "weak 3 reads" "$(sense_of $sg 2800000000c800000200 4096)" none
check "kernel logged the medium error" sh -c "dmesg | grep -qi 'medium error\|Unrecovered read error'"
check "clear faults" $DLCTL faults 0
expect_eq "cleared" "$(sense_of $sg 28000000006400000100 2048)" none
$DLCTL faults 0 5:1
check "eject" $DLCTL eject 0
check "faults gone after eject" sh -c "$DLCTL info 0 | grep -q 'state=0x4'"
expect_eq "no media: READ(10)" "$(sense_of $sg 28000000000000000100 2048)" 02/3a/02
expect_eq "no media: WRITE(10)" "$(sense_of $sg 2a000000000000000100)" 02/3a/02
check "faults need media" sh -c "! $DLCTL faults 0 1:1 2>/dev/null"

# Control device argument checks.
check "remove of a missing drive fails" sh -c "! $DLCTL remove 7 2>/dev/null"
check "add at a used index fails" sh -c "! $DLCTL add --index 0 2>/dev/null"
check "add at index 256 fails" sh -c "! $DLCTL add --index 256 2>/dev/null"
check "add of a directory fails" sh -c "! $DLCTL add $T 2>/dev/null"
check "add of an empty file fails" sh -c ": >$T/empty; ! $DLCTL add $T/empty 2>/dev/null"
check "read-only open cannot add" python3 -c "
import fcntl, os, struct, sys
fd = os.open('/dev/discloop-control', os.O_RDONLY)
b = bytearray(struct.pack('=IIiIIIIIIIQQ', 1144, 0xffffffff, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0) + bytes(64 + 1024))
try:
    fcntl.ioctl(fd, 0xc478dc01, b)
except OSError as e:
    sys.exit(0 if e.errno == 1 else 1)
sys.exit(1)"
abi=$(sed -n 's/^#define DISCLOOP_ABI_VERSION[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$DL_REPO/include/uapi/linux/discloop.h")
check "GET_VERSION read-only" python3 -c "
import fcntl, os
fd = os.open('/dev/discloop-control', os.O_RDONLY)
assert fcntl.ioctl(fd, 0xdc00) == $abi"
check "remove" $DLCTL remove 0
finish
