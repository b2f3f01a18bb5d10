# discloop rip and verify against the kernel's scsi_debug CD-ROM stand-in
# (ptype=5): no MMC commands (GET CONFIGURATION, READ TOC... fail with
# ILLEGAL REQUEST), so rip must fall back to READ CAPACITY. A known pattern
# is written through sg (scsi_debug accepts WRITE), ripped through sr and sg,
# and compared; scsi_debug's medium-error injection (fixed and descriptor
# sense) must end up as exactly those sectors marked bad in the map.
# tier: gate
# timeout: 420
. "$DL_REPO/tests/vm/lib.sh"
cd "$T" || die "no tmp"

# load_sd [PARAM=VAL...]: (re)load scsi_debug as a CD-ROM, set $sr $sg.
load_sd() {
	load_sd_cd dev_size_mb=10 "$@"
	[ -n "$sg" ] || die "no sg node for $sr"
}

load_sd
head -c $((10 * 1048576)) /dev/urandom >pattern
sg_dd if=pattern of="/dev/$sg" bs=2048 2>/dev/null || die "sg_dd could not write the pattern"
want=$(sha256sum <pattern | cut -d' ' -f1)

# 1. rip through sr, verbose: falls back to READ CAPACITY and says so.
"$DISCLOOP" rip -v --hash-file "/dev/$sr" a.iso >a.out 2>a.err
rc=$?
expect_eq "rip /dev/$sr exit" "$rc" 0
grep -q 'falling back to READ CAPACITY' a.err && ok "fallback reported" ||
	{ fail "no fallback message"; cat a.err; }
expect_eq "image sha256" "$(sha256sum <a.iso | cut -d' ' -f1)" "$want"
expect_eq "printed SHA-256" "$(sed -n 's/^SHA-256 *//p' a.out)" "$want"
expect_eq "printed MD5" "$(sed -n 's/^MD5 *//p' a.out)" "$(md5sum <pattern | cut -d' ' -f1)"
expect_eq "printed SHA-1" "$(sed -n 's/^SHA-1 *//p' a.out)" "$(sha1sum <pattern | cut -d' ' -f1)"
expect_eq "map: one finished block" "$(grep -c '^0x[0-9A-F]*  0x[0-9A-F]*  [-+?]' a.iso.map)" 1
check "map block is +" grep -q '^0x00000000  0x00A00000  +$' a.iso.map
check "hash file checks with cksum -c" cksum -c a.iso.hashes
check "hash file checks with sha256sum -c" sh -c 'sha256sum -c a.iso.hashes 2>/dev/null | grep -q OK'

log "rip 1 done ($SECONDS s)"
# 2. through sg, with small reads, JSON summary.
"$DISCLOOP" rip -q --json --blocks 7 "/dev/$sg" b.iso >b.json
expect_eq "rip /dev/$sg exit" "$?" 0
expect_eq "image (sg, 7 blocks) sha256" "$(sha256sum <b.iso | cut -d' ' -f1)" "$want"
check "json parses" python3 -c "import json,sys; d=json.load(open('b.json')); assert d['sectors']==5120 and d['bad_sectors']==0 and d['complete'] and d['hashes']['sha256']=='$want', d"

# 3. refusals.
"$DISCLOOP" rip -q "/dev/$sr" a.iso 2>err; rc=$?
expect_eq "existing output refused" "$rc" 1
check "refusal says why" grep -q 'already exists' err
"$DISCLOOP" rip -q "/dev/$sr" /dev/null 2>err; rc=$?
expect_eq "device node as output refused" "$rc" 1
"$DISCLOOP" rip -q "/dev/$sr" 2>/dev/null; rc=$?
expect_eq "missing OUTPUT is a usage error" "$rc" 2
"$DISCLOOP" rip -q --raw "/dev/$sr" raw.iso 2>err; rc=$?
expect_eq "--raw without READ CD support fails" "$rc" 1
check "no image left by failed --raw without its map" sh -c '[ ! -e raw.iso ] || [ -e raw.iso.map ]'

log "refusals done ($SECONDS s)"
# 4. verify.
check "verify --sha256" "$DISCLOOP" verify -q a.iso --sha256 "$want"
"$DISCLOOP" verify -q a.iso --sha256 "$(echo "$want" | tr 0-9a-f 1-9a-f0)" 2>/dev/null
expect_eq "verify wrong sha256 exit" "$?" 1
sha256sum pattern | sed 's/pattern/a.iso/' >SHA256SUMS
check "verify --sums" "$DISCLOOP" verify -q a.iso --sums SHA256SUMS
check "verify --against sr" "$DISCLOOP" verify -q a.iso --against "/dev/$sr"
cp a.iso c.iso
printf 'X' | dd of=c.iso bs=1 seek=$((2048 * 100 + 5)) conv=notrunc status=none
printf 'Y' | dd of=c.iso bs=1 seek=$((2048 * 8000)) conv=notrunc status=none
"$DISCLOOP" verify c.iso --against "/dev/$sg" 2>err; rc=$?
expect_eq "verify --against mismatch exit" "$rc" 1
check "first differing sector reported" grep -q 'first at sector 100 .*1 differing.*and in size' err
check "the size difference reported" grep -q 'but the disc.s data track has 5120 sectors' err

# 5. medium errors: sectors 0x1234.. (4660) fail, fixed sense with INFORMATION.
for dsense in 0 1; do
	load_sd opts=2 medium_error_count=5 dsense=$dsense
	sg_dd if=pattern of="/dev/$sg" bs=2048 2>/dev/null || die "sg_dd could not write the pattern"
	log "dsense=$dsense: ripping ($SECONDS s)"
	rm -f e.iso e.iso.map
	"$DISCLOOP" rip -q --retries 2 "/dev/$sg" e.iso 2>e.err; rc=$?
	expect_eq "dsense=$dsense: rip with bad sectors exits" "$rc" 1
	check "dsense=$dsense: error names the bad sectors" grep -q '5 unreadable sector' e.err
	# Exactly 4660..4664 bad, all else rescued and identical.
	expect_eq "dsense=$dsense: map" "$(grep -v '^#' e.iso.map | tail -n +2 | tr -s ' ')" \
"0x00000000 0x0091A000 +
0x0091A000 0x00002800 -
0x0091C800 0x000E3800 +"
	check "dsense=$dsense: before the bad sectors identical" cmp -s -n $((4660 * 2048)) e.iso pattern
	check "dsense=$dsense: after the bad sectors identical" cmp -s -i $((4665 * 2048)) e.iso pattern
	expect_eq "dsense=$dsense: bad sectors zero-filled" \
		"$(dd if=e.iso bs=2048 skip=4660 count=5 status=none | tr -d '\0' | wc -c)" 0
done
rmmod scsi_debug
finish
