# discloop rip DEVICE OUT.cue against the drive quirks of 53-kmod-quirks
# (DISCLOOP_CTL_SET_QUIRKS), on the mixed fixture of tests/vm/mkdisc.py
# (Mode 1 data, then three audio tracks). Each rip is judged by a model
# written here in Python from the fixture's sectors, not by discloop's
# output: every byte of every track file equals the fixture's sector
# bytes, except the bytes the model says no drive sector can give (before
# LBA 0, past the overread the drive allows, in a data sector a drive
# will not return as audio, in a sector whose C2 errors never heal),
# which are zero; the map lists exactly those bytes as bad (-) and all
# others finished (+).
# - read offset +667 and -472 (AccurateRip's sign): --read-offset N is
#   exact but for the lead-out the drive refuses (+667: its last 2668
#   bytes; with --overread 1 the last 316) and, for -472, the start of
#   the audio after the data track (the drive refuses data as CD-DA);
# - --scramble: --read-offset auto finds +667 / -472 and the rip is exact
#   (with --overread 10 for +667);
# - C2 ranges: weak ones (3 reads) recovered by --c2-retries, permanent
#   ones (in audio and data) mapped bad, exactly their sectors.
# tier: long
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"
. "$DL_REPO/tests/vm/rip-lib.sh"

dl_load
mt_gen mixed
layout mixed

cat >"$T/judge.py" <<'PY'
"""Judge a rip of the mixed fixture made on a drive with quirks.

judge.py FX RIP.json MAP OFFSET OVERREAD SCRAMBLE [PERMANENT_LBA...]

OFFSET: the drive's read offset (the rip's --read-offset); OVERREAD:
sectors past the lead-out the drive reads; SCRAMBLE: 1 if the drive
returns data sectors as CD-DA; PERMANENT_LBA: sectors whose C2 errors
never heal. Prints what differs; exit 1 if anything does.
"""
import json, os, sys

SECTOR = 2352
fx, jpath, mpath = sys.argv[1:4]
n, overread, scramble = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6] == '1'
permanent = set(int(x) for x in sys.argv[7:])
d = json.load(open(os.path.join(fx, 'mixed.json')))
j = json.load(open(jpath))
lead = d['leadout']


def track_of(s):
    for t in d['tracks']:
        if t['start'] - t['pregap'] <= s < t['start'] + t['length']:
            return t
    return None


def framed(s):
    """The fixture's bytes of sector s (the disc; zero past it)."""
    t = track_of(s)
    if t is None:
        return bytes(SECTOR)
    with open(os.path.join(fx, t['expect']), 'rb') as f:
        f.seek((s - (t['start'] - t['pregap'])) * SECTOR)
        return f.read(SECTOR)


def unreadable(ds, audio):
    """Can the drive sector ds not be had (as audio if audio)?"""
    if ds < 0 or ds >= lead + overread or ds in permanent:
        return True
    t = track_of(ds)
    return audio and t is not None and t['type'] != 'audio' and not scramble


bad = []            # expected bad byte ranges of the map [lo, hi)
problems = []
base = 0
for jt in j['tracks']:
    data = open(jt['file'], 'rb').read()
    first, size = jt['file_lba'], jt['sectors'] * SECTOR
    audio = jt['type'] == 'audio'
    if len(data) != size:
        problems.append('track %d: %d bytes, want %d' % (jt['number'], len(data), size))
    want = bytearray(b''.join(framed(s) for s in range(first, first + jt['sectors'])))
    shift = 4 * n if audio else 0
    # file byte x comes from drive sector (first * 2352 + x + shift) // 2352
    a0 = first * SECTOR + shift
    for ds in range(a0 // SECTOR, (a0 + size - 1) // SECTOR + 1):
        if not unreadable(ds, audio):
            continue
        lo, hi = max(0, ds * SECTOR - a0), min(size, (ds + 1) * SECTOR - a0)
        want[lo:hi] = bytes(hi - lo)
        if bad and bad[-1][1] == base + lo:
            bad[-1] = (bad[-1][0], base + hi)
        else:
            bad.append((base + lo, base + hi))
    if data != bytes(want):
        k = next(i for i in range(min(len(data), size)) if data[i] != want[i])
        problems.append('track %d: differs from byte %d (sector %d)' %
                        (jt['number'], k, first + k // SECTOR))
    base += size
# the map: ddrescue's format, after the current-position line
got, total = [], 0
lines = [l.split() for l in open(mpath) if l.strip() and not l.startswith('#')]
for f in lines[1:]:
    pos, sz, st = int(f[0], 16), int(f[1], 16), f[2]
    total += sz
    if st == '-':
        if got and got[-1][1] == pos:
            got[-1] = (got[-1][0], pos + sz)
        else:
            got.append((pos, pos + sz))
    elif st != '+':
        problems.append('map: %s at 0x%x' % (st, pos))
if total != base:
    problems.append('map covers %d bytes, the files %d' % (total, base))
if got != bad:
    problems.append('map bad ranges %s, want %s' % (got, bad))
for p in problems:
    print(p)
print('%d bad bytes in %d ranges, as modelled' % (sum(h - l for l, h in bad), len(bad)))
sys.exit(1 if problems else 0)
PY

mt_attach mixed.cue || die "attach mixed.cue"
idx=$(cat "/sys/class/block/$(basename "$sr")/device/discloop/index")
log "mixed: data 0..$((T2_START - 151)), audio $((T2_START - 150))..$((LEADOUT - 1)), lead-out $LEADOUT"

# rip DESC OPTS...: rip to $T/rip/q.cue with -J, exit $want (default 0:
# the bytes refused at the edges are no bad sectors; 1 with bad sectors)
rip() {
	local desc=$1 rc
	shift
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	"$DISCLOOP" rip -J "$@" "$sg" "$T/rip/q.cue" >"$T/rip.json" 2>"$T/rip.err"
	rc=$?
	expect_eq "$desc: rip exit" "$rc" "${want:-0}"
	[ $rc = "${want:-0}" ] || sed 's/^/#   /' "$T/rip.err"
}
# judge DESC OFFSET OVERREAD SCRAMBLE [PERMANENT...]
judge() {
	local desc=$1
	shift
	if python3 "$T/judge.py" "$FX" "$T/rip.json" "$T/rip/q.cue.map" "$@" >"$T/judge.out" 2>&1; then
		ok "$desc: files = fixture, map bad = modelled ($(tail -1 "$T/judge.out"))"
	else
		fail "$desc: rip differs from the model:"
		sed 's/^/#   /' "$T/judge.out" "$T/rip/q.cue.map"
	fi
}
# edge DESC BYTES: the JSON counts BYTES refused at the edges, no bad sector
edge() {
	expect_eq "$1: overread_refused_bytes" "$(jget "$T/rip.json" "j['overread_refused_bytes']")" "$2"
	expect_eq "$1: bad_sectors" "$(jget "$T/rip.json" "j['bad_sectors']")" 0
}
quirks() { check "quirks $*" $DLCTL quirks "$idx" "$@"; }

# Read offsets given.
quirks --offset 667
rip "+667" --read-offset 667
judge "+667, overread refused" 667 0 0
edge "+667, overread refused" 2668
quirks --offset 667 --overread 1
rip "+667 overread 1" --read-offset 667
judge "+667, overread 1" 667 1 0
edge "+667, overread 1" 316
quirks --offset 667 --overread 10
rip "+667 overread 10" --read-offset 667
judge "+667, overread 10" 667 10 0
edge "+667, overread 10" 0
quirks --offset -472
rip "-472" --read-offset -472
judge "-472, data not read as audio" -472 0 0
edge "-472, data not read as audio" 1888
# a rip with the wrong offset is not the fixture (the judge can fail)
rip "-472 drive, ripped with 0" --read-offset 0
if python3 "$T/judge.py" "$FX" "$T/rip.json" "$T/rip/q.cue.map" 0 0 0 >/dev/null 2>&1; then
	fail "-472 drive ripped without offset: judged equal to the fixture"
else
	ok "-472 drive ripped without offset: the judge sees the difference"
fi

# Detected from the data track read as audio.
quirks --offset -472 --scramble
rip "auto, -472 scrambling" --read-offset auto
expect_eq "auto, -472: offset found" "$(jget "$T/rip.json" "j['read_offset'], j['read_offset_detected']")" "(-472, True)"
judge "auto, -472 scrambling" -472 0 1
edge "auto, -472 scrambling" 0
quirks --offset 667 --scramble --overread 10
rip "auto, +667 scrambling" --read-offset auto
expect_eq "auto, +667: offset found" "$(jget "$T/rip.json" "j['read_offset'], j['read_offset_detected']")" "(667, True)"
judge "auto, +667 scrambling, overread 10" 667 10 1
edge "auto, +667 scrambling, overread 10" 0

# C2: weak ranges healed by re-reads, permanent ones mapped bad.
W1=$((T3_START + 10)) W2=$((T2_START + 5)) P1=$((T3_START + 40)) P2=20
quirks --c2 $W1:2:100:10:3 --c2 $W2:1:0:2352:3 --c2 $P1:1:2340:12 --c2 $P2:1:16:4
want=1 rip "C2" --c2-retries 4
check "C2: the bad sectors reported" grep -q "^discloop: LBA $P1: unreadable after 5 reads" "$T/rip.err"
judge "C2, --c2-retries 4" 0 0 0 $P1 $P2
expect_eq "C2: bad sectors" "$(jget "$T/rip.json" "sorted(j['bad_sector_list'])")" "[$P2, $P1]"
if [ "$(jget "$T/rip.json" "j['c2_error_reads'] > 0 and j['recovered_sectors'] >= 2")" = True ]; then
	ok "C2: errors seen and recovered ($(jget "$T/rip.json" "j['c2_error_reads'], j['recovered_sectors']"))"
else
	fail "C2: reads with C2 errors / recovered: $(jget "$T/rip.json" "j['c2_error_reads'], j['recovered_sectors']")"
fi
expect_eq "C2: weak ranges used up" "$($DLCTL quirks "$idx" --get | grep '^c2=' | tr '\n' ' ')" \
	"c2=$W1:2:100:10:0 c2=$W2:1:0:2352:0 c2=$P1:1:2340:12:0 c2=$P2:1:16:4:0 "

quirks
mt_detach
finish
