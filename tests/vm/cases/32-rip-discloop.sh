# discloop rip of discloop drives (CD, DVD, BD profiles): images come back
# bit-identical; injected bad sectors end up exactly as '-' in the map and
# zero-filled, weak sectors are recovered by retries, every other sector is
# identical; --resume --retry-bad completes once the faults are gone; --raw
# on a CD checks EDC/ECC and keeps the raw sectors; verify --against.
# tier: gate
# timeout: 500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
cd "$T" || die "no tmp"

dl_load
mktree "$T/a" 2
mkiso "$T/a.iso" "$T/a" -V RIPTEST
n=$(( $(stat -c %s a.iso) / 2048 ))
want=$(sha256sum <a.iso | cut -d' ' -f1)
log "image: $n sectors"

# 1. Each profile rips to the image's exact bytes, with the size from the track.
for p in cd dvd bd; do
	i=$($DLCTL add "$T/a.iso" --profile $p) || die "add $p"
	wait_for "$(dl_sr "$i")" 5
	sr=$(dl_sr "$i")
	"$DISCLOOP" rip -v --json "$sr" $p.iso >$p.json 2>$p.err
	expect_eq "$p: rip exit" "$?" 0
	log "$p: $(tail -1 $p.err)"
	if grep -q "using /dev/sg" $p.err; then
		check "$p: bulk reads through the block node" grep -q "bulk reads through $sr" $p.err
	fi
	expect_eq "$p: sha256" "$(sha256sum <$p.iso | cut -d' ' -f1)" "$want"
	check "$p: size from the track, not a guess" python3 -c "
import json; d=json.load(open('$p.json'))
assert d['sectors']==$n and d['size_from']!='READ CAPACITY' and d['hashes']['sha256']=='$want', d
assert d['profile']=={'cd':'CD-ROM','dvd':'DVD-ROM','bd':'BD-ROM'}['$p'], d"
	check "$p: verify --against the drive" "$DISCLOOP" verify -q $p.iso --against "$sr"
	if [ $p != cd ]; then
		"$DISCLOOP" rip -q --raw "$sr" $p-raw.iso 2>$p.err
		expect_eq "$p: --raw refused" "$?" 1
		check "$p: --raw refusal says why" grep -q 'reads CD sectors' $p.err
	fi
	$DLCTL remove "$i" || fail "remove $p"
done

# 2. Faults on a CD: bad 100, bad 300-302, weak 200 (2 failed reads), weak 600 (3).
i=$($DLCTL add "$T/a.iso" --profile cd) || die "add"
wait_for "$(dl_sr "$i")" 5
sr=$(dl_sr "$i")
sg=/dev/$(sg_of_sr "$sr")
check "set faults" $DLCTL faults "$i" 100:1 300:3 200:1:2 600:1:3
"$DISCLOOP" rip -q --json --blocks 32 --retries 3 "$sg" f.iso >f.json 2>f.err
expect_eq "rip with bad sectors exit" "$?" 1
check "error line names the count" grep -q '4 unreadable sector' f.err
check "bad list and recovered weak sectors" python3 -c "
import json; d=json.load(open('f.json'))
assert d['bad_sector_list']==[100,300,301,302], d['bad_sector_list']
assert d['recovered_sectors']==2, d
assert d['retries']>=4*3, d"
expect_eq "map" "$(grep -v '^#' f.iso.map | tail -n +2 | tr -s ' ')" \
"0x00000000 0x00032000 +
0x00032000 0x00000800 -
0x00032800 0x00063800 +
0x00096000 0x00001800 -
0x00097800 $(printf '0x%08X' $(( (n - 303) * 2048 ))) +"
cp a.iso expect.iso
dd if=/dev/zero of=expect.iso bs=2048 seek=100 count=1 conv=notrunc status=none
dd if=/dev/zero of=expect.iso bs=2048 seek=300 count=3 conv=notrunc status=none
check "every other sector identical, bad ones zero" cmp -s f.iso expect.iso
check "hashes (taken while writing) are of the zero-filled image" python3 -c "
import json; d=json.load(open('f.json'))
assert d['hashes']['sha256']=='$(sha256sum <expect.iso | cut -d' ' -f1)', d['hashes']"

# 3. The faults go away (a cleaner drive): --resume --retry-bad completes.
check "clear faults" $DLCTL faults "$i"
"$DISCLOOP" rip -q --resume --retry-bad "$sg" f.iso >f.out 2>f.err
expect_eq "resume --retry-bad exit" "$?" 0
expect_eq "completed image sha256" "$(sha256sum <f.iso | cut -d' ' -f1)" "$want"
expect_eq "printed SHA-256 after the resume" "$(sed -n 's/^SHA-256 *//p' f.out)" "$want"
check "map all finished" grep -q "^0x00000000  $(printf '0x%08X' $((n * 2048)))  +$" f.iso.map

# 4. Without --retry-bad a resume leaves '-' alone.
check "set faults" $DLCTL faults "$i" 50:1
"$DISCLOOP" rip -q --blocks 16 "$sg" g.iso >/dev/null 2>&1
check "clear faults" $DLCTL faults "$i"
"$DISCLOOP" rip -q --resume "$sg" g.iso >/dev/null 2>&1
expect_eq "resume without --retry-bad keeps the bad sector" "$?" 1
check "still mapped bad" grep -q '^0x00019000  0x00000800  -$' g.iso.map

# 5. --raw: READ CD, EDC/ECC checked, user data to the ISO, raw kept.
"$DISCLOOP" rip -q --raw --raw-output r.bin "$sg" r.iso >r.out 2>r.err
expect_eq "--raw exit" "$?" 0
expect_eq "--raw ISO sha256" "$(sha256sum <r.iso | cut -d' ' -f1)" "$want"
expect_eq "raw size" "$(stat -c %s r.bin)" $((n * 2352))
expect_eq "raw sector 16 sync+header" "$(dd if=r.bin bs=2352 skip=16 count=1 status=none | head -c 16 | od -An -tx1 | tr -d ' \n')" \
	"00ffffffffffffffffffff0000021601"
check "set a bad sector" $DLCTL faults "$i" 40:1 70:1:1
"$DISCLOOP" rip -q --json --raw --blocks 20 "$sg" r2.iso >r2.json 2>/dev/null
check "--raw with faults: bad 40 only, 70 recovered" python3 -c "
import json; d=json.load(open('r2.json'))
assert d['bad_sector_list']==[40] and d['recovered_sectors']==1 and d['raw'], d"
check "clear faults" $DLCTL faults "$i"
"$DISCLOOP" rip -q --raw --blocks 20 "$sr" sr-raw.iso 2>/dev/null >/dev/null
check "--raw on a CD via sr works too" cmp -s sr-raw.iso a.iso

# 6. verify --against finds the first differing sector.
cp a.iso v.iso
printf 'Z' | dd of=v.iso bs=1 seek=$((2048 * 77 + 9)) conv=notrunc status=none
"$DISCLOOP" verify v.iso --against "$sg" 2>v.err
expect_eq "verify --against mismatch exit" "$?" 1
check "reports sector 77" grep -q 'first at sector 77 .*1 differing' v.err

# 7. --hashes picks the digests; none prints none.
"$DISCLOOP" rip -q --json --hashes sha512,crc32 "$sg" h.iso >h.json 2>h.err
expect_eq "--hashes sha512,crc32 exit" "$?" 0
check "--hashes sha512,crc32: exactly those, right" python3 -c "
import json, zlib; d=json.load(open('h.json'))
assert sorted(d['hashes'])==['crc32','sha512'], d['hashes']
assert d['hashes']['sha512']=='$(sha512sum <a.iso | cut -d' ' -f1)', d['hashes']
assert d['hashes']['crc32']=='%08x' % zlib.crc32(open('a.iso','rb').read()), d['hashes']"
"$DISCLOOP" rip -q --force --hashes none "$sg" h.iso >h.out 2>h.err
expect_eq "--hashes none exit" "$?" 0
expect_eq "--hashes none prints nothing" "$(cat h.out)" ""
expect_eq "--hashes none: image still exact" "$(sha256sum <h.iso | cut -d' ' -f1)" "$want"
$DLCTL remove "$i" || fail "remove"
finish
