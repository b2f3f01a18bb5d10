# discloop.ko READ CD / READ CD MSF: full 2352-byte Mode 1 sectors whose
# sync, header, EDC and ECC check out (independent Python checker), field
# selections, C2 and sub-channel sizes, Q sub-channel, READ TOC formats
# 0/1/2 (MSF), the legacy format in byte 9; an El Torito bootable ISO.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
CHK="python3 $DL_REPO/tests/vm/cdsector.py"

dl_load
mktree "$T/a" 1
mkiso "$T/a.iso" "$T/a" -V RAWCD
sr=$(dl_add "$T/a.iso") || die "add"
sg=/dev/$(sg_of_sr "$sr")
sense_of $sg 000000000000 >/dev/null

r=$($SGCMD $sg be0000000010000001f80000 2352 -o $T/s16)
expect_eq "READ CD lba 16: status" "$r" "status=0 sense=none resid=0 got=2352 host=0"
check "lba 16: sync/header/EDC/ECC" $CHK $T/s16 $T/a.iso 16 1
$SGCMD $sg be0000000000000020f80000 $((32 * 2352)) -o $T/s0 >/dev/null
check "lba 0-31 raw" $CHK $T/s0 $T/a.iso 0 32
check "sg_raw READ CD" sh -c "sg_raw -r 2352 -o $T/sgraw $sg be 00 00 00 00 11 00 00 01 f8 00 00 2>/dev/null && $CHK $T/sgraw $T/a.iso 17 1"
$SGCMD $sg be0000000010000001100000 2048 -o $T/u16 >/dev/null
expect_eq "user data only" "$(sha256sum <$T/u16)" "$(dd if=$T/a.iso bs=2048 skip=16 count=1 status=none | sha256sum)"
expect_eq "header only" "$(sg_field $sg be0000000010000001200000 4 got)" 4
expect_eq "sync+header+user: size" "$(sg_field $sg be0000000010000001b00000 2064 got)" 2064
expect_eq "with C2: size" "$(sg_field $sg be0000000010000001fa0000 2646 got)" 2646
expect_eq "with C2+block: size" "$(sg_field $sg be0000000010000001fc0000 2648 got)" 2648
expect_eq "raw P-W: size" "$(sg_field $sg be0000000010000001f80100 2448 got)" 2448
$SGCMD $sg be0000000010000002f80200 $((2 * 2368)) -o $T/q >/dev/null
check "formatted Q" $CHK $T/q $T/a.iso 16 2 16
expect_eq "R-W sub-channel refused" "$(sense_of $sg be0000000010000001f80400 2448)" 05/24/00
expect_eq "expected type CD-DA refused" "$(sense_of $sg be0400000010000001f80000 2352)" 05/64/00
expect_eq "expected type Mode 1 accepted" "$(sense_of $sg be0800000010000001f80000 2352)" none
expect_eq "READ CD past the end" "$(sense_of $sg be0000ffffff000001f80000 2352)" 05/21/00
# READ CD MSF 00:02:16 .. 00:02:18 = LBA 16, 17
$SGCMD $sg b90000000210000212f80000 $((2 * 2352)) -o $T/msf >/dev/null
check "READ CD MSF" $CHK $T/msf $T/a.iso 16 2
# faults apply to READ CD too
$DLCTL faults 0 20:1
r=$($SGCMD $sg be0000000010000008f80000 $((8 * 2352)) -o $T/f)
expect_eq "READ CD fault: sense" "$(echo $r | sed 's/.*sense=\([^ ]*\).*/\1/')" 03/11/00
expect_eq "READ CD fault: info" "$(echo $r | sed 's/.*info=\([^ ]*\).*/\1/')" 20
expect_eq "READ CD fault: good part" "$(echo $r | sed 's/.*got=\([^ ]*\).*/\1/')" $((4 * 2352))
$DLCTL faults 0

# READ TOC
n=$(( ($(stat -c %s $T/a.iso) + 2047) / 2048 ))
$SGCMD $sg 43000000000000001400 20 -o $T/toc0 >/dev/null
expect_eq "TOC format 0 (LBA)" "$(od -An -tx1 $T/toc0 | tr -d ' \n')" "0012010100140100000000000014aa00$(printf %08x $n)"
$SGCMD $sg 43020000000000001400 20 -o $T/toc0m >/dev/null
a=$((n + 150))
expect_eq "TOC format 0 (MSF)" "$(od -An -tx1 $T/toc0m | tr -d ' \n')" "0012010100140100000002000014aa0000$(printf %02x%02x%02x $((a / 4500)) $((a / 75 % 60)) $((a % 75)))"
$SGCMD $sg 43000100000000000c00 12 -o $T/toc1 >/dev/null
expect_eq "TOC format 1" "$(od -An -tx1 $T/toc1 | tr -d ' \n')" 000a01010014010000000000
$SGCMD $sg 43000000000000000c40 12 -o $T/tocl >/dev/null
expect_eq "TOC legacy format in byte 9" "$(od -An -tx1 $T/tocl | tr -d ' \n')" 000a01010014010000000000
$SGCMD $sg 43020200000000003000 48 -o $T/toc2 >/dev/null
t2=$(od -An -tx1 $T/toc2 | tr -d ' \n')
log "raw TOC $t2"
expect_eq "TOC format 2 length" "${t2:0:4}" 002e
msf=$(printf %02x%02x%02x $((a / 4500)) $((a / 75 % 60)) $((a % 75)))
expect_eq "TOC format 2" "$t2" "002e0101011400a000000000010000011400a100000000010000011400a200000000${msf}0114000100000000000200"
check "cd-info style: TOC via ioctl (CDROMREADTOCHDR)" python3 -c "
import fcntl, os, struct
fd = os.open('$sr', os.O_RDONLY | os.O_NONBLOCK)
b = bytearray(2); fcntl.ioctl(fd, 0x5305, b); assert tuple(b) == (1, 1), b"
check "remove" $DLCTL remove 0

# El Torito bootable ISO
mkdir -p "$T/boot/isolinux"
head -c 2048 /dev/urandom >"$T/boot/isolinux/boot.bin"
echo hi >"$T/boot/README"
mkiso "$T/boot.iso" "$T/boot" -V BOOTCD -b isolinux/boot.bin -no-emul-boot -boot-load-size 4 -boot-info-table
sr=$(dl_add "$T/boot.iso") || die "add boot"
expect_eq "bootable: sha256" "$(sha256sum <$sr)" "$(sha256sum <$T/boot.iso)"
expect_eq "bootable: label" "$(blkid -o value -s LABEL $sr)" BOOTCD
check "bootable: El Torito boot record" sh -c "xorriso -indev $sr -report_el_torito plain 2>&1 | grep -qi 'El Torito boot img'"
check "remove" $DLCTL remove 0
finish
