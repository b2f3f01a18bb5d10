# Drive quirks for testing rippers (DISCLOOP_CTL_SET_QUIRKS): on the mixed
# fixture of tests/vm/mkdisc.py (Mode 1 data, then three audio tracks),
# READ CD is judged against a model written here in Python from the
# fixture's sectors and ECMA-130's scrambler (not the module's code):
# - read offset N: the sample stream of the disc (data sectors scrambled,
#   as the disc carries them) from sample 588 L - N for sector L, across
#   the data/audio boundary and into the lead-out; cdparanoia -O N then
#   rips track 3 exactly as the fixture holds it;
# - scrambling: data sectors read with expected type CD-DA come back
#   scrambled (shifted by the offset), read as data unchanged;
# - lead-out overread: refused (05/21/00) by default, K sectors allowed
#   (silence after audio; zeroed Mode 1 sectors after a data track, READ
#   (10) still refused);
# - C2 ranges: inverted bytes and exactly their C2 bits (294 and 296-byte
#   fields), GOOD status, weak ranges healed after N reads, cleared on
#   eject while the drive's own quirks stay;
# - quirks off again: the same bytes as before any was set; bad requests
#   fail with EINVAL / ENOMEDIUM.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen mixed
layout mixed
LEAD=$LEADOUT

cat >"$T/model.py" <<'PY'
"""What a drive with quirks returns for READ CD, from the fixture's sectors.

model.py FX OUT LBA N [--offset N] [--as cdda|data] [--c2 294|296]
         [--range LBA:COUNT:OFFSET:LENGTH]... [--leadout-data]
"""
import json, os, sys

SECTOR = 2352


def scrambler():
    """ECMA-130 annex B: x^15 + x + 1, preset 1, LSB first, 2340 bytes."""
    reg, out = 1, bytearray()
    for _ in range(SECTOR - 12):
        v = 0
        for bit in range(8):
            v |= (reg & 1) << bit
            reg = (reg >> 1) | (((reg ^ (reg >> 1)) & 1) << 14)
        out.append(v)
    assert out[:8] == bytes.fromhex('018000600028001e')
    return bytes(out)


SCR = scrambler()


def scramble(sec):
    return sec[:12] + bytes(a ^ b for a, b in zip(sec[12:], SCR))


args = sys.argv[1:]
fx, out, lba, n = args[0], args[1], int(args[2]), int(args[3])
opts = args[4:]
offset, kind, c2, ranges, leadout_data = 0, 'cdda', 0, [], False
i = 0
while i < len(opts):
    o = opts[i]
    if o == '--leadout-data':
        leadout_data = True
        i += 1
        continue
    v = opts[i + 1]
    i += 2
    if o == '--offset':
        offset = int(v)
    elif o == '--as':
        kind = v
    elif o == '--c2':
        c2 = int(v)
    elif o == '--range':
        ranges.append(tuple(int(x) for x in v.split(':')))
d = json.load(open(os.path.join(fx, 'mixed.json')))
sys.path.insert(0, os.path.join(os.environ['DL_REPO'], 'tests/vm'))


def track_of(s):
    for t in d['tracks']:
        if t['start'] - t['pregap'] <= s < t['start'] + t['length']:
            return t
    return None


def framed(s):
    """The sector as READ CD of its own type returns it."""
    t = track_of(s)
    if t is None:
        assert s >= d['leadout'], s
        if leadout_data:
            import mkdisc
            return mkdisc.mode1(s, bytes(2048)), 'mode1'
        return bytes(SECTOR), 'audio'
    with open(os.path.join(fx, t['expect']), 'rb') as f:
        f.seek((s - (t['start'] - t['pregap'])) * SECTOR)
        return f.read(SECTOR), t['type']


def errors(s, sec):
    sec, err = bytearray(sec), bytearray(SECTOR)
    for lba0, count, off, length in ranges:
        if lba0 <= s < lba0 + count:
            for k in range(off, off + length):
                if not err[k]:
                    sec[k] ^= 0xff
                err[k] = 1
    return bytes(sec), bytes(err)


def audio_view(s):
    sec, typ = framed(s)
    return errors(s, sec if typ == 'audio' else scramble(sec))


def c2field(err):
    bits = bytearray(294)
    for k in range(SECTOR):
        if err[k]:
            bits[k >> 3] |= 0x80 >> (k & 7)
    if c2 == 296:
        orr = 0
        for b in bits:
            orr |= b
        bits += bytes([orr, 0])
    return bytes(bits) if c2 else b''


res = bytearray()
for b in range(lba, lba + n):
    if kind == 'data':
        sec, err = errors(b, framed(b)[0])
    else:
        start = b * SECTOR - 4 * offset
        s0, r = divmod(start, SECTOR)
        v0, e0 = audio_view(s0)
        if r:
            v1, e1 = audio_view(s0 + 1)
            sec, err = v0[r:] + v1[:r], e0[r:] + e1[:r]
        else:
            sec, err = v0, e0
    res += sec + c2field(err)
open(out, 'wb').write(res)
PY
MODEL="python3 $T/model.py $FX"

# rc TYPE LBA N MAIN: a READ CD CDB (expected type TYPE, main selection MAIN)
rc() { printf 'be%02x%08x%06x%02x0000' $(($1 << 2)) "$2" "$3" "$4"; }
# readcd_ok DESC TYPE LBA N MAIN PER OUT: READ CD that must be GOOD
readcd_ok() {
	local r
	r=$($SGCMD "$sg" "$(rc "$2" "$3" "$4" "$5")" $(($4 * $6)) -o "$7")
	case $r in
	"status=0 sense=none resid=0 "*) return 0 ;;
	*) fail "$1: READ CD $3 x $4: $r"; return 1 ;;
	esac
}
# same DESC GOT WANT: two files equal
same() {
	if cmp -s "$2" "$3"; then ok "$1"; else
		fail "$1: $(cmp "$2" "$3" 2>&1 | head -1)"
	fi
}
state() { $DLCTL info "$idx" | sed -n 's/^state=//p'; }
qbit() { echo $(( $(state) >> 7 & 1 )); }

mt_attach mixed.cue || die "attach mixed.cue"
idx=$(cat "/sys/class/block/$(basename "$sr")/device/discloop/index")
log "mixed: data 0..$((T2_START - 151)), audio $((T2_START - 150))..$((LEAD - 1)), lead-out $LEAD"

# Quirks off (the default): today's answers, kept to compare at the end.
expect_eq "quirks bit in GET_INFO, default" "$(qbit)" 0
expect_eq "quirks sysfs, default" "$(cat "/sys/class/block/$(basename "$sr")/device/discloop/quirks")" 0
A=$((T3_START + 100))
readcd_ok "no quirks, audio" 1 $A 20 0xf8 2352 "$T/base-audio"
$MODEL "$T/want" $A 20
same "no quirks: audio as the fixture" "$T/base-audio" "$T/want"
readcd_ok "no quirks, data" 0 16 4 0xf8 2352 "$T/base-data"
$MODEL "$T/want" 16 4 --as data
same "no quirks: data as the fixture" "$T/base-data" "$T/want"
expect_eq "no quirks: data read as CD-DA" "$(sense_of "$sg" "$(rc 1 16 1 0xf8)" 2352)" 05/64/00
expect_eq "no quirks: READ CD of the lead-out" "$(sense_of "$sg" "$(rc 1 $LEAD 1 0xf8)" 2352)" 05/21/00

# Read offsets: whole sectors and a remainder either way, no remainder.
for off in 667 -472 588 6; do
	check "quirks --offset $off" $DLCTL quirks "$idx" --offset $off
	expect_eq "offset $off: quirks bit" "$(qbit)" 1
	readcd_ok "offset $off, audio" 1 $A 20 0xf8 2352 "$T/got"
	$MODEL "$T/want" $A 20 --offset $off
	same "offset $off: audio shifted" "$T/got" "$T/want"
	# across the data track's end into track 2's pregap
	B=$((T2_START - 150))
	readcd_ok "offset $off, data/audio boundary" 1 $B 4 0xf8 2352 "$T/got"
	$MODEL "$T/want" $B 4 --offset $off
	same "offset $off: the data track's last samples, scrambled, then silence" "$T/got" "$T/want"
	# the last sectors: a negative offset reads into the lead-out
	readcd_ok "offset $off, end of disc" 1 $((LEAD - 3)) 3 0xf8 2352 "$T/got"
	$MODEL "$T/want" $((LEAD - 3)) 3 --offset $off
	same "offset $off: the last sectors" "$T/got" "$T/want"
	# data read as data: no offset (the drive syncs on the header)
	readcd_ok "offset $off, data as data" 0 16 4 0xf8 2352 "$T/got"
	same "offset $off: data read as data unchanged" "$T/got" "$T/base-data"
done
# The convention a ripper relies on: with AccurateRip's offset N, reading
# N samples later gives the disc (cdparanoia -O N).
check "quirks --offset 102" $DLCTL quirks "$idx" --offset 102
$MK paranoia "$FX" mixed 3 "$T/par.want" || fail "mkdisc.py paranoia"
if cdparanoia -q -d "$sr" -Z -O 102 -r -- 3 "$T/par.raw" >"$T/par.log" 2>&1; then
	same "cdparanoia -O 102 of track 3 on a +102 drive = the fixture" "$T/par.raw" "$T/par.want"
else
	fail "cdparanoia -O 102: $(tail -2 "$T/par.log" | tr '\n' ' ')"
fi

# Scrambling: data sectors read as CD-DA, without and with an offset.
check "quirks --scramble" $DLCTL quirks "$idx" --scramble
readcd_ok "scramble, data as CD-DA" 1 16 4 0xf8 2352 "$T/got"
$MODEL "$T/want" 16 4
same "scramble: data sectors as CD-DA are the scrambled sectors" "$T/got" "$T/want"
readcd_ok "scramble, user data only" 1 16 4 0x10 2352 "$T/got2"
same "scramble: CD-DA user data is the whole 2352" "$T/got2" "$T/want"
readcd_ok "scramble, data as data" 0 16 4 0xf8 2352 "$T/got"
same "scramble: data read as data unchanged" "$T/got" "$T/base-data"
check "quirks --scramble --offset 667" $DLCTL quirks "$idx" --scramble --offset 667
readcd_ok "scramble+offset, data as CD-DA" 1 16 4 0xf8 2352 "$T/got"
$MODEL "$T/want" 16 4 --offset 667
same "scramble+offset 667: scrambled stream shifted" "$T/got" "$T/want"
# a ripper finds the combined offset from the sync: 4 * 667 bytes on
if python3 - "$T/got" 16 <<'PY'; then ok "scramble+offset 667: the sync 4 * 667 bytes on"; else fail "scramble+offset 667: the sync not 4 * 667 bytes on"; fi
import sys
b = open(sys.argv[1], 'rb').read()
sync = b'\0' + b'\xff' * 10 + b'\0'
pos = b.find(sync)
# the first sync found is sector 15's, 4 * 667 - 2352 bytes into block 16
sys.exit(0 if pos == (2352 + 4 * 667) % 2352 else 1)
PY

# Lead-out overread.
check "quirks --overread 10" $DLCTL quirks "$idx" --overread 10
readcd_ok "overread 10" 1 $((LEAD - 2)) 12 0xf8 2352 "$T/got"
$MODEL "$T/want" $((LEAD - 2)) 12
same "overread: the last sectors, then lead-out silence" "$T/got" "$T/want"
expect_eq "overread 10: sector K+1 past the lead-out" "$(sense_of "$sg" "$(rc 1 $((LEAD + 10)) 1 0xf8)" 2352)" 05/21/00
check "quirks --overread 10 --offset -472" $DLCTL quirks "$idx" --overread 10 --offset -472
readcd_ok "overread+offset" 1 $((LEAD - 2)) 12 0xf8 2352 "$T/got"
$MODEL "$T/want" $((LEAD - 2)) 12 --offset -472
same "overread with offset -472" "$T/got" "$T/want"
# the lead-out's Q (formatted, sub-channel 010b): track AAh, index 01
q=
for l in $LEAD $((LEAD + 1)) $((LEAD + 2)); do
	$SGCMD "$sg" "be00$(printf '%08x' $l)000001000200" 16 -o "$T/q" >/dev/null
	q=$(od -An -tx1 -N3 "$T/q" | tr -d ' ')
	case $q in ?1*) break ;; esac	# ADR 1 (MCN frames carry ADR 2)
done
expect_eq "lead-out Q: ADR 1, track AAh, index 01" "$q" "01aa01"

# C2 errors, no offset: a weak range (2 reads) and a permanent one.
C=$((T3_START + 10)) P=$((T3_START + 40))
check "quirks --c2" $DLCTL quirks "$idx" --c2 $C:2:100:10:2 --c2 $P:1:2340:12
for pass in 1 2; do
	readcd_ok "c2 weak, read $pass" 1 $C 2 0xfa $((2352 + 294)) "$T/got"
	$MODEL "$T/want" $C 2 --c2 294 --range $C:2:100:10
	same "weak C2 read $pass: bytes 100..109 inverted, their C2 bits" "$T/got" "$T/want"
done
readcd_ok "c2 weak, read 3" 1 $C 2 0xfa $((2352 + 294)) "$T/got"
$MODEL "$T/want" $C 2 --c2 294
same "weak C2 healed after 2 reads" "$T/got" "$T/want"
for pass in 1 2 3; do
	readcd_ok "c2 permanent, read $pass" 1 $((P - 1)) 3 0xfc $((2352 + 296)) "$T/got"
	$MODEL "$T/want" $((P - 1)) 3 --c2 296 --range $P:1:2340:12
	same "permanent C2 read $pass (296: block error byte)" "$T/got" "$T/want"
done
readcd_ok "c2 permanent, no C2 asked" 1 $P 1 0xf8 2352 "$T/got"
$MODEL "$T/want" $P 1 --range $P:1:2340:12
same "C2 range without C2 asked: bytes inverted all the same" "$T/got" "$T/want"
got=$($DLCTL quirks "$idx" --get | grep '^c2=' | tr '\n' ' ')
expect_eq "GET_QUIRKS: weak range used up, permanent one kept" "$got" "c2=$C:2:100:10:0 c2=$P:1:2340:12:0 "
# on a data sector read as data, and with an offset (errors move with the samples)
check "quirks --c2 on data, --offset -472" $DLCTL quirks "$idx" --offset -472 --c2 17:1:0:16 --c2 $P:1:0:2352
readcd_ok "c2 data as data" 0 16 3 0xfa $((2352 + 294)) "$T/got"
$MODEL "$T/want" 16 3 --as data --c2 294 --range 17:1:0:16
same "C2 on a data sector read as data" "$T/got" "$T/want"
readcd_ok "c2 with offset" 1 $((P - 1)) 3 0xfa $((2352 + 294)) "$T/got"
$MODEL "$T/want" $((P - 1)) 3 --offset -472 --c2 294 --range $P:1:0:2352
same "C2 with offset -472: the bad sector's bytes where its samples land" "$T/got" "$T/want"

# Eject: the C2 ranges go with the disc, the drive's quirks stay.
check "quirks for the media change" $DLCTL quirks "$idx" --offset 30 --scramble --overread 5 --c2 $C:1:0:1
check "eject" $DLCTL eject "$idx" --force
expect_eq "after eject: quirks" "$($DLCTL quirks "$idx" --get | tr '\n' ' ')" "flags=0x1 read_offset=30 overread=5 nr_c2=0 "
expect_eq "after eject: quirks bit" "$(qbit)" 1
if $DLCTL quirks "$idx" --c2 0:1:0:1 2>"$T/err"; then fail "C2 ranges on an empty drive accepted"
else expect_eq "C2 ranges on an empty drive" "$(cat "$T/err")" "dlctl: SET_QUIRKS: No medium found"; fi

# A data disc: the lead-out is zeroed Mode 1 sectors; READ(10) stays refused.
ISO=$FX/work/mixed.iso
NISO=$(( $(stat -c %s "$ISO") / 2048 ))
check "insert the ISO" $DLCTL insert "$idx" "$ISO"
sense_of "$sg" 000000000000 >/dev/null
sense_of "$sg" 000000000000 >/dev/null
check "quirks --overread 3 --offset 30 --scramble" $DLCTL quirks "$idx" --overread 3 --offset 30 --scramble
readcd_ok "data lead-out" 0 $((NISO - 1)) 4 0xf8 2352 "$T/got"
if python3 - "$T/got" "$ISO" $NISO <<'PY'; then ok "data lead-out: zeroed Mode 1 sectors (mkdisc.mode1)"; else fail "data lead-out: not zeroed Mode 1 sectors"; fi
import os, sys
sys.path.insert(0, os.path.join(os.environ['DL_REPO'], 'tests/vm'))
import mkdisc
got, iso, n = open(sys.argv[1], 'rb').read(), open(sys.argv[2], 'rb').read(), int(sys.argv[3])
want = mkdisc.mode1(n - 1, iso[(n - 1) * 2048:n * 2048])
want += b''.join(mkdisc.mode1(n + k, bytes(2048)) for k in range(3))
sys.exit(got != want)
PY
expect_eq "data lead-out: READ(10) refused" "$(sense_of "$sg" "28000000$(printf '%04x' $NISO)00000100" 2048)" 05/21/00

# Bad requests.
for bad in "--offset 5881" "--offset -5881" "--overread 6751" "--flags 2" "--reserved 1" \
	"--c2 0:0:0:1" "--c2 0:1:0:0" "--c2 0:1:2352:1" "--c2 0:1:2000:353" "--size 8"; do
	if $DLCTL quirks "$idx" $bad 2>"$T/err"; then fail "quirks $bad accepted"
	else expect_eq "quirks $bad" "$(cat "$T/err")" "dlctl: SET_QUIRKS: Invalid argument"; fi
done

# Off again, in the same drive (its quirks still set): today's bytes.
check "the mixed disc back in the drive" $DISCLOOP insert "$sr" "$FX/mixed.cue"
sense_of "$sg" 000000000000 >/dev/null
sense_of "$sg" 000000000000 >/dev/null
expect_eq "before off: quirks" "$($DLCTL quirks "$idx" --get | tr '\n' ' ')" "flags=0x1 read_offset=30 overread=3 nr_c2=0 "
check "quirks off" $DLCTL quirks "$idx"
expect_eq "quirks off: bit" "$(qbit)" 0
readcd_ok "off, audio" 1 $A 20 0xf8 2352 "$T/got"
same "quirks off: audio as before" "$T/got" "$T/base-audio"
readcd_ok "off, data" 0 16 4 0xf8 2352 "$T/got"
same "quirks off: data as before" "$T/got" "$T/base-data"
expect_eq "quirks off: data read as CD-DA" "$(sense_of "$sg" "$(rc 1 16 1 0xf8)" 2352)" 05/64/00
expect_eq "quirks off: lead-out" "$(sense_of "$sg" "$(rc 1 $LEAD 1 0xf8)" 2352)" 05/21/00
mt_detach
finish
