#!/bin/sh
# The multi-track fixtures of tests/vm/mkdisc.py against oracles that did
# not write them, before any VM case trusts them:
# - cdrdao show-toc of every single-session CUE and TOC (and of the CUE
#   chdman extracts from the CHD) prints the starts, pregaps, indexes,
#   ISRC, CATALOG and flags the layout JSON says;
# - bchunk cuts the one-FILE CUEs where the JSON says: the Mode 1 track's
#   user data is the ISO, the XA track's Form 1 user data is its ISO, an
#   audio track's bytes from INDEX 01 are the expected PCM;
# - every raw data sector of every data track (expected, and as stored in
#   .bin, .img) passes cdsector.py --auto (EDC/ECC written independently);
# - the WAVE file decodes (Python's wave module) and the MOTOROLA file
#   byte-swaps to the expected PCM;
# - the CloneCD .sub frames have valid Q CRCs except exactly the frames
#   the JSON lists as altered;
# - isoinfo finds each session's file system of the two-session data disc
#   (laid out as a drive addresses it) where the JSON says.
# Oracle pitfalls met here (cdrdao 1.2.4): it opens a CUE's FILEs relative
# to the working directory, and its CUE parser rejects an INDEX 02 inside
# a one-FILE sheet ("Index beyond track end"), so mixed.cue is checked
# with INDEX 02 removed (its indexes are checked through mixed-files.cue,
# mixed.toc and bchunk). cdrdao has no sessions: the two-session discs
# are judged in the VM (cd-info, mount).
set -u
cd "$(dirname "$0")/../.."
repo=$(pwd)
py=/usr/bin/python3
gen="$py $repo/tests/vm/mkdisc.py"
chk="$py $repo/tests/vm/cdsector.py"
for t in genisoimage isoinfo cdrdao bchunk chdman; do
	command -v $t >/dev/null || { echo "SKIP: $t is not installed (scripts/deps.sh --test)"; exit 77; }
done
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
nfail=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; nfail=$((nfail + 1)); }
get() { $gen get "$d" "$@"; }

$gen gen "$d" || { echo "FAIL: mkdisc.py gen"; exit 1; }
$gen chd "$d" || { echo "FAIL: mkdisc.py chd"; exit 1; }
cd "$d" || exit 1

# cdrdao show-toc against the JSON
showtoc() { cdrdao show-toc "$1" 2>&1 | $gen normtoc -; }
for img in mixed-files.cue mixed.toc audio.cue audio.toc xa.cue xa.toc gaps.toc; do
	disc=${img%%[-.]*}
	if showtoc "$img" >got.txt && $gen showtoc "$d" "$disc" "$img" >want.txt &&
		diff -u want.txt got.txt; then
		ok "cdrdao show-toc $img = layout"
	else
		fail "cdrdao show-toc $img differs from the layout"
	fi
done
sed '/INDEX 0[2-9]/d' mixed.cue >mixed-noidx.cue
showtoc mixed-noidx.cue >got.txt
$gen showtoc "$d" mixed | grep -v '^ *INDEX ' >want.txt
if diff -u want.txt got.txt; then ok "cdrdao show-toc mixed.cue (INDEX 02 removed) = layout"
else fail "cdrdao show-toc mixed.cue differs from the layout"; fi
mkdir chdx
if chdman extractcd -i mixed.chd -o chdx/x.cue -ob chdx/x.bin >/dev/null 2>&1 &&
	(cd chdx && showtoc x.cue) >got.txt && $gen showtoc "$d" mixed mixed.chd >want.txt &&
	diff -u want.txt got.txt; then
	ok "CHD: chdman extractcd, cdrdao show-toc = layout less what CHD drops"
else
	fail "CHD: extracted layout differs"
fi
if cmp -s chdx/x.bin mixed.bin; then ok "CHD: extracted BIN = mixed.bin"; else fail "CHD: extracted BIN differs from mixed.bin"; fi

# bchunk cuts the one-FILE sheets where the JSON says
mkdir bc
(cd bc && bchunk ../mixed.bin ../mixed.cue m >/dev/null 2>&1 && bchunk ../xa.bin ../xa.cue x >/dev/null 2>&1) ||
	fail "bchunk failed"
if cmp -s bc/m01.iso expect/mixed/t01.iso; then ok "bchunk: mixed track 1 = the ISO"; else fail "bchunk: mixed track 1 is not the ISO"; fi
n=$(get mixed "d['tracks'][1]['length']")
p=$(get mixed "d['tracks'][1]['pregap']")
if dd if=expect/mixed/t02.raw bs=2352 skip="$p" count="$n" status=none | cmp -s - bc/m02.cdr; then
	ok "bchunk: mixed track 2 from INDEX 01 = expected PCM"
else
	fail "bchunk: mixed track 2 differs from the expected PCM"
fi
f1=$(get xa "d['tracks'][0]['forms'][0][1]")
if head -c $((f1 * 2048)) bc/x01.iso | cmp -s - expect/xa/t01.iso; then
	ok "bchunk: XA track 1 Form 1 user data = the ISO"
else
	fail "bchunk: XA Form 1 user data is not the ISO"
fi

# every raw data sector: expected, and as stored in the images
# rawcheck WHAT FILE OFFSET_SECTORS FIRST_LBA COUNT
rawcheck() {
	dd if="$2" bs=2352 skip="$3" count="$5" status=none >sec.raw
	if r=$($chk --auto sec.raw "$4" "$5"); then ok "$1: $(echo "$r" | tail -1)"
	else fail "$1: $(echo "$r" | tail -3 | tr '\n' ' ')"; fi
}
for disc in mixed xa enhanced msdata; do
	for t in $(get $disc "[t['number'] for t in d['tracks'] if t['type'] != 'audio']"); do
		first=$(get $disc "d['tracks'][$t-1]['start'] - d['tracks'][$t-1]['pregap']")
		cnt=$(get $disc "d['tracks'][$t-1]['pregap'] + d['tracks'][$t-1]['length']")
		rawcheck "$disc track $t expected raw" "expect/$disc/t0$t.raw" 0 "$first" "$cnt"
	done
done
rawcheck "mixed.bin track 1" mixed.bin 0 0 "$(get mixed "d['tracks'][0]['length']")"
rawcheck "mixed.img track 1" mixed.img 0 0 "$(get mixed "d['tracks'][0]['length']")"
rawcheck "xa.bin track 1" xa.bin 0 0 "$(get xa "d['tracks'][0]['length']")"
rawcheck "xa.img track 1" xa.img 0 0 "$(get xa "d['tracks'][0]['length']")"
rawcheck "enhanced track 3 file" "enhanced (Track 3).bin" 0 "$(get enhanced "d['tracks'][2]['start']")" \
	"$(get enhanced "d['tracks'][2]['length']")"
for disc in msdata; do
	for t in 1 2; do
		if cmp -s "$disc (Track $t).bin" expect/$disc/t0$t.iso; then ok "$disc track $t file = its ISO"
		else fail "$disc track $t file is not its ISO"; fi
	done
done

# the two-session data disc as a drive lays it out: isoinfo reads each
# session's file system where the JSON puts it
s2=$(get msdata "d['tracks'][1]['start']")
cp "msdata (Track 1).bin" ms.img && truncate -s $((s2 * 2048)) ms.img && cat "msdata (Track 2).bin" >>ms.img
for v in "0 work/tree-ms1" "$s2 work/tree-ms2"; do
	set -- $v
	if isoinfo -i ms.img -T "$1" -x '/VERSION.TXT;1' | cmp -s - "$2/VERSION.TXT" &&
		isoinfo -i ms.img -T "$1" -x '/BIG.BIN;1' | cmp -s - "$2/big.bin"; then
		ok "msdata: the session at $1 holds $2"
	else
		fail "msdata: the session at $1 does not hold $2"
	fi
done
isoinfo -i ms.img -T "$s2" -f | grep -q ADDED.TXT && ok "msdata: session 2 adds ADDED.TXT" ||
	fail "msdata: no ADDED.TXT in session 2"
isoinfo -i ms.img -T 0 -f | grep -q ADDED.TXT && fail "msdata: ADDED.TXT in session 1" ||
	ok "msdata: session 1 has no ADDED.TXT"

# audio files: WAVE decodes, MOTOROLA swaps, to the expected PCM
n3=$(get audio "d['tracks'][2]['length']")
if $py -c 'import sys, wave
w = wave.open(sys.argv[1])
assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (2, 2, 44100)
sys.stdout.buffer.write(w.readframes(w.getnframes()))' "audio (Track 3).wav" | cmp -s - expect/audio/t03.raw; then
	ok "WAVE file decodes to the expected PCM"
else
	fail "WAVE file does not decode to the expected PCM"
fi
if dd if="audio (Track 2).raw" conv=swab status=none | cmp -s - expect/audio/t02.raw; then
	ok "MOTOROLA file byte-swaps to the expected PCM"
else
	fail "MOTOROLA file does not byte-swap to the expected PCM"
fi
[ "$n3" -gt 0 ] || fail "audio track 3 has no length"

# CloneCD .sub: valid Q everywhere but the frames altered on purpose
for disc in mixed audio xa; do
	lead=$(get $disc "d['leadout']")
	want=$(get $disc "sorted(int(k) for i in d['images'] if i['format'] == 'ccd' for k in i['altered_q'])")
	got=$($chk --subq $disc.sub 0 "$lead" | sed 's/^damaged Q: *//')
	if [ "$got" = "$want" ]; then ok "$disc.sub: damaged Q frames = [$want]"
	else fail "$disc.sub: damaged Q frames [$got], want [$want]"; fi
done
[ -n "$(get mixed "sorted(int(k) for i in d['images'] if i['format'] == 'ccd' for k in i['altered_q'])")" ] ||
	fail "mixed.ccd has no altered Q frames"

if [ $nfail -gt 0 ]; then echo "$nfail check(s) failed"; exit 1; fi
echo "all checks passed"
