# Faults of the device or file under a drive: an image on a device-mapper
# table mixing linear and error segments answers MEDIUM ERROR (03/11/00,
# with the LBA in INFORMATION) exactly at the bad 2048-byte sector and
# data everywhere else, its neighbours in the same page included, and a
# rip maps exactly that sector bad; dm-flakey (intermittent) gives data or
# MEDIUM ERROR, never wrong data; an image truncated while attached and a
# backing file system unmounted lazily give errors or data, never a hang.
# Drives are removed and the module unloads afterwards (the harness checks
# the kernel log).
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
modprobe dm-mod 2>/dev/null
modprobe dm-flakey 2>/dev/null
dmsetup version >/dev/null 2>&1 || die "device-mapper is not available"

dl_load
mktree "$T/tree" 2
mkiso "$T/a.iso" "$T/tree" -V FAULTS
sum=$(sha256sum <"$T/a.iso")
secs=$(( $(stat -c %s "$T/a.iso") / 512 ))
loop=$(losetup -r -f --show "$T/a.iso") || die "losetup"
cleanup() {
	for n in dlbad dlflaky; do dmsetup remove --noudevsync $n 2>/dev/null; done
	losetup -d "$loop" 2>/dev/null
}
trap cleanup EXIT
dmnode() { echo "/dev/dm-$(dmsetup info -c --noheadings -o minor "$1" | tr -d ' ')"; }

# 1. One bad 2048-byte sector (LBA 101: 512-byte sectors 404-407) on a
#    512-byte-sector device; LBA 100 shares its 4 KiB page.
bad=101
{
	echo "0 $((bad * 4)) linear $loop 0"
	echo "$((bad * 4)) 4 error"
	echo "$((bad * 4 + 4)) $((secs - bad * 4 - 4)) linear $loop $((bad * 4 + 4))"
} | dmsetup create --noudevsync dlbad --readonly || die "dmsetup create dlbad"
dev=$(dmnode dlbad)
sr=$(dl_add "$dev") || die "add over $dev"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
expect_eq "LBA $bad: MEDIUM ERROR" "$(sense_of "$sg" "$(printf '2800%08x0000010000' $bad)" 2048)" 03/11/00
expect_eq "LBA $bad: INFORMATION" "$(sg_field "$sg" "$(printf '2800%08x0000010000' $bad)" 2048 info)" "$bad"
for l in 0 $((bad - 1)) $((bad + 1)) $((bad + 2)); do
	$SGCMD "$sg" "$(printf '2800%08x0000010000' $l)" 2048 -o "$T/s.bin" >"$T/s.out"
	expect_eq "LBA $l: good" "$(sed -n 's/.*sense=\([^ ]*\).*/\1/p' "$T/s.out")" none
	expect_eq "LBA $l: the image's bytes" "$(sha256sum <"$T/s.bin")" \
		"$(dd if="$T/a.iso" bs=2048 skip=$l count=1 status=none | sha256sum)"
done
# A 16-sector read over it names the bad sector.
expect_eq "16 sectors over it: INFORMATION" \
	"$(sg_field "$sg" "$(printf '2800%08x0000100000' $((bad - 3)))" 32768 info)" "$bad"
rm -f "$T/r.iso" "$T/r.iso.map"
"$DISCLOOP" rip -q --retries 1 "$sg" "$T/r.iso" 2>"$T/rip.err"; rc=$?
expect_eq "rip over one bad sector: exit" "$rc" 1
expect_eq "rip maps exactly one bad sector" \
	"$(awk '!/^#/ && $3 == "-" {print $1, $2}' "$T/r.iso.map" )" \
	"$(printf '0x%08X 0x%08X' $((bad * 2048)) 2048)"
expect_eq "the rip's good sectors are the image's" \
	"$(cmp -l "$T/r.iso" "$T/a.iso" | awk '{print int(($1 - 1) / 2048)}' | sort -u | tr '\n' ' ')" \
	"$bad "
check "remove the drive" $DLCTL remove "$idx"
dmsetup remove --noudevsync dlbad || fail "dm table still held"

# 2. dm-flakey: up 1 s, down 1 s; every read is data or MEDIUM ERROR.
dmsetup create --noudevsync dlflaky --readonly \
	--table "0 $secs flakey $loop 0 1 1" || die "dmsetup create dlflaky"
sr=$(dl_add "$(dmnode dlflaky)") || die "add over flakey"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
n=$(( $(stat -c %s "$T/a.iso") / 2048 )) good=0 errs=0 wrong=0
end=$((SECONDS + 6))
while [ $SECONDS -lt $end ]; do
	l=$(( RANDOM % n ))
	$SGCMD "$sg" "$(printf '2800%08x0000010000' $l)" 2048 -o "$T/s.bin" >"$T/s.out"
	s=$(sed -n 's/.*sense=\([^ ]*\).*/\1/p' "$T/s.out")
	case $s in
	none) if [ "$(sha256sum <"$T/s.bin")" = "$(dd if="$T/a.iso" bs=2048 skip=$l count=1 status=none | sha256sum)" ]; then
		good=$((good + 1)); else wrong=$((wrong + 1)); fi ;;
	03/11/00) errs=$((errs + 1)) ;;
	*) wrong=$((wrong + 1)); log "flakey: LBA $l: $s" ;;
	esac
done
log "flakey: $good good, $errs medium errors"
expect_eq "flakey: no wrong data, no other answer" "$wrong" 0
check "flakey: some reads succeed" test "$good" -gt 0
check "remove the flakey drive" $DLCTL remove "$idx"
dmsetup remove --noudevsync dlflaky || fail "flakey table still held"

# 3. An image truncated while attached: past the new end, an error.
cp "$T/a.iso" "$T/t.iso"
sr=$(dl_add "$T/t.iso") || die "add t.iso"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
truncate -s $((n / 2 * 2048)) "$T/t.iso"
expect_eq "truncated: a sector that is gone" \
	"$(sense_of "$sg" "$(printf '2800%08x0000010000' $((n - 1)))" 2048)" 03/11/00
expect_eq "truncated: a sector still there" \
	"$(sense_of "$sg" "$(printf '2800%08x0000010000' 1)" 2048)" none
timeout 60 dd if="$sr" of=/dev/null bs=64k 2>/dev/null
expect_eq "truncated: reading the drive ends with an error, no hang" "$?" 1
check "remove the truncated drive" $DLCTL remove "$idx"

# 4. The backing file system unmounted lazily: the drive keeps its file.
mkdir "$T/mnt" && mount -t tmpfs -o size=64m none "$T/mnt" || die "tmpfs"
cp "$T/a.iso" "$T/mnt/a.iso"
sr=$(dl_add "$T/mnt/a.iso") || die "add on tmpfs"
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
umount -l "$T/mnt" || fail "umount -l"
expect_eq "after umount -l the drive reads its image" "$(sha256sum <"$sr")" "$sum"
check "remove it" $DLCTL remove "$idx"
finish
