# discloop rip DEVICE OUT.cue: multi-track fixtures of mkdisc.py (here
# mixed mode with stored and unstored pregaps, INDEX 02, FLAGS, ISRC and
# CATALOG, and an Enhanced CD; the others in 63-rip-cd-more) attached,
# ripped to redump-style BIN/CUE, and judged by what discloop did not write: each track file equals the sectors mkdisc.py framed (from the
# pregap a drive returns to the next track's), the printed hashes equal
# sha1sum/md5sum/Python's zlib of those files, `cdrdao read-toc` of the
# ripped cue attached again equals that of the original drive, READ CD of
# every sector and cdparanoia of the re-attached rip give the expected
# sectors, and `cdparanoia -Z` of the original drive gives the same PCM as
# the ripped files. A rip killed midway resumes from its map. With
# --read-offset +-N the audio files are the drive's stream shifted by N
# samples, zero where the drive was not asked or would not read. An
# all-audio disc with pregaps, index points and ISRCs is ripped with its Q
# read along with the sectors and the files split at the pregaps after:
# a rip killed midway, and a split found at any point where a crash could
# leave it, resume to the same files.
# tier: long
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"
. "$DL_REPO/tests/vm/rip-lib.sh"

dl_load
mt_gen mixed audio enhanced gaps

roundtrip mixed.cue mixed
roundtrip enhanced.cue enhanced
roundtrip gaps.cue gaps

# rip_interrupt CUE ARGS...: a rip of $sg into $T/rip/CUE stopped with
# SIGINT once its map shows sectors read; its exit status.
rip_interrupt() {
	local out=$T/rip/$1 pid i
	shift
	"$DISCLOOP" rip -v --map-interval 1 "$@" "$sg" "$out" 2>"$T/k.err" &
	pid=$!
	for i in $(seq 200); do
		grep -q '  +$' "$out.map" 2>/dev/null && break
		sleep 0.1
	done
	kill -INT $pid
	wait $pid
}

# q_layout DISC JSON: the Q was read with the sectors, and the pregaps,
# index points, ISRCs and MCN the rip printed are mkdisc.py's.
q_layout() {
	python3 - "$2" "$FX/$1.json" <<'PY' >"$T/ql.out" 2>&1 && ok "$1: Q read with the sectors; pregaps, indexes, ISRCs, MCN as made" || { fail "$1: the layout from the Q differs:"; sed 's/^/#   /' "$T/ql.out"; }
import json, sys
j, lay = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
bad = []
if not j['q_with_sectors'] or not j['q_scanned']:
    bad.append('q_with_sectors %s q_scanned %s' % (j['q_with_sectors'], j['q_scanned']))
if j.get('mcn') != lay['mcn']:
    bad.append('MCN %s, want %s' % (j.get('mcn'), lay['mcn']))
for t, w in zip(j['tracks'], lay['tracks']):
    pg = w['start'] - w['pregap']
    got = (t['pregap_lba'], t['file_lba'], t['indexes'], t.get('isrc'))
    want = (pg if t['number'] > 1 else w['start'], pg if t['number'] > 1 else w['start'],
            [v for k, v in sorted(w['indexes'].items(), key=lambda x: int(x[0]))], w['isrc'])
    if got != want:
        bad.append('track %d: %s, want %s' % (t['number'], got, want))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY
}
q_layout gaps "$T/rip.json"

# the Q read after the C2 pointers, and taken from the raw P-W
layout gaps
if mt_attach gaps.cue; then
	for opts in "--c2-retries 2" "--subchannel" "--subchannel --c2-retries 2"; do
		rm -rf "$T/rip"
		mkdir -p "$T/rip"
		"$DISCLOOP" rip -J $opts "$sg" "$T/rip/gaps.cue" >"$T/rip.json" 2>"$T/o.err"
		expect_eq "gaps $opts: exit" "$?" 0
		check_files gaps "$T/rip.json"
		q_layout gaps "$T/rip.json"
	done
	mt_detach
fi

# gaps, killed midway and resumed; then the files put back as a crash
# while they are split at the pregaps can leave them: resumed, the same
# files (the split completed, never done twice).
layout gaps
if mt_attach gaps.cue; then
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	rip_interrupt gaps.cue --max-rate 100k --blocks 16
	expect_eq "gaps: interrupted rip exit" "$?" 1
	check "gaps: interrupted: map partly read" sh -c "grep -q '  +\$' '$T/rip/gaps.cue.map' && grep -q '  ?\$' '$T/rip/gaps.cue.map'"
	"$DISCLOOP" rip -J --resume "$sg" "$T/rip/gaps.cue" >"$T/rip.json" 2>"$T/r.err"
	expect_eq "gaps: resumed rip exit" "$?" 0
	check_files gaps "$T/rip.json"
	q_layout gaps "$T/rip.json"
	cp "$T/rip/gaps.cue" "$T/gaps.cue.want"
	# FILE START...: each track file cut from the session's bytes
	for state in "toc 0 450 825" "renamed 0 450 300 825 825" "cut-2 0 300 300 825 825" \
		     "renamed-3 0 300 300 825 750"; do
		set -- $state
		name=$1
		shift
		python3 - "$T/rip" "$@" <<'PY' || fail "gaps: $name: cannot make the files"
import sys
d, b = sys.argv[1], [int(x) for x in sys.argv[2:]]
names = ['%s/gaps (Track %d).bin' % (d, n) for n in (1, 2, 3)]
s = b''.join(open(n, 'rb').read() for n in names)   # LBA 0 on
end = len(s) // 2352
# (start, end) of each file: "toc" lists starts only; others pairs
if len(b) == 3:
    cuts = [(b[0], b[1]), (b[1], b[2]), (b[2], end)]
else:
    cuts = [(b[0], b[1]), (b[2], b[3]), (b[4], end)]
for n, (lo, hi) in zip(names, cuts):
    open(n, 'wb').write(s[lo * 2352:hi * 2352])
PY
		rm -f "$T/rip/gaps.cue"
		"$DISCLOOP" rip -J --resume "$sg" "$T/rip/gaps.cue" >"$T/rip.json" 2>"$T/r.err"
		expect_eq "gaps: split left at '$name', resumed: exit" "$?" 0
		check_files gaps "$T/rip.json"
		check "gaps: '$name': the cue as before" cmp "$T/gaps.cue.want" "$T/rip/gaps.cue"
		check "gaps: '$name': no partial file left" sh -c "! ls '$T/rip' | grep -q part"
	done
	# a finished rip resumed: nothing moves again
	"$DISCLOOP" rip -J --resume "$sg" "$T/rip/gaps.cue" >"$T/rip.json" 2>"$T/r.err"
	expect_eq "gaps: finished rip resumed: exit" "$?" 0
	check_files gaps "$T/rip.json"
	# a track file of a size no split explains: refused, said why
	truncate -s -2352 "$T/rip/gaps (Track 2).bin"
	"$DISCLOOP" rip --resume "$sg" "$T/rip/gaps.cue" >/dev/null 2>"$T/r.err"
	expect_eq "gaps: a track file cut short: resume exit" "$?" 1
	check "gaps: a track file cut short: the reason" grep -q 'neither as read nor split' "$T/r.err"
	mt_detach
fi

# Killed midway, resumed from the map: the same files.
layout mixed
if mt_attach mixed.cue; then
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	rip_interrupt mixed.cue --max-rate 200k
	expect_eq "interrupted rip exit" "$?" 1
	if grep -q '  +$' "$T/rip/mixed.cue.map" && grep -q '  ?$' "$T/rip/mixed.cue.map"; then
		ok "interrupted: the map has finished and untried parts"
	else
		fail "interrupted: the map is not partly read:"
		sed 's/^/#   /' "$T/rip/mixed.cue.map" "$T/k.err"
	fi
	check "interrupted: no cue yet" test ! -e "$T/rip/mixed.cue"
	"$DISCLOOP" rip -J --resume "$sg" "$T/rip/mixed.cue" >"$T/rip.json" 2>"$T/r.err"
	expect_eq "resumed rip exit" "$?" 0
	check_files mixed "$T/rip.json"
	# no data sector read as audio on this drive (the kernel refuses a data
	# sector asked for as CD-DA): auto detection says so, and leaves nothing
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	"$DISCLOOP" rip --read-offset auto "$sg" "$T/rip/auto.cue" >/dev/null 2>"$T/auto.err"
	rc=$?
	if [ $rc = 0 ]; then
		check "auto: an offset was printed" grep -q 'combined read offset' "$T/auto.err"
	else
		expect_eq "--read-offset auto on a drive that will not read data as audio: exit" "$rc" 1
		check "auto: the reason is given" grep -q 'as audio' "$T/auto.err"
		check "auto: nothing left behind" sh -c "[ -z \"\$(ls -A '$T/rip')\" ]"
	fi
	mt_detach
fi

# --subchannel (with C2 pointers read too): OUT.sub holds, for every sector of every file, the raw P-W
# READ CD returns, deinterleaved as CloneCD keeps it (mkdisc.py subraw
# interleaves it back independently).
layout mixed
if mt_attach mixed.cue; then
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	"$DISCLOOP" rip -J --subchannel --c2-retries 2 "$sg" "$T/rip/mixed.cue" >"$T/rip.json" 2>"$T/sub.err"
	expect_eq "--subchannel --c2-retries 2: exit" "$?" 0
	check_files mixed "$T/rip.json"
	# the drive reports C2 pointers (all clear: no quirks set): none re-read
	expect_eq "--c2-retries: C2 pointers read" "$(jget "$T/rip.json" "j['c2']")" True
	expect_eq "--c2-retries: reads with C2 errors" "$(jget "$T/rip.json" "j['c2_error_reads']")" 0
	expect_eq "--subchannel: OUT.sub size" "$(stat -c %s "$T/rip/mixed.sub")" $((LEADOUT * 96))
	expect_eq "--subchannel: printed SHA-1 of OUT.sub" "$(jget "$T/rip.json" "j['sub_hashes']['sha1']")" \
		"$(sha1sum <"$T/rip/mixed.sub" | cut -d' ' -f1)"
	for t in $TRACKS; do
		first=$(tv $t FIRST) n=$(($(tv $t END) - $(tv $t FIRST)))
		readcd "$first" "$n" "$T/s.raw" 1 || { fail "READ CD with raw P-W of track $t"; continue; }
		$MK subraw "$T/rip" mixed.sub "$first" "$n" "$T/s.want" || fail "mkdisc.py subraw"
		if python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
sys.exit(0 if b"".join(d[k + 2352:k + 2448] for k in range(0, len(d), 2448)) == open(sys.argv[2], "rb").read() else 1)' "$T/s.raw" "$T/s.want"; then
			ok "--subchannel: track $t: OUT.sub = the drive's raw P-W ($n sectors)"
		else
			fail "--subchannel: track $t: OUT.sub differs from the drive's raw P-W"
		fi
	done
	mt_detach
fi

# --read-offset N: each audio file is the session's PCM stream from N
# samples on; zero before LBA 0 and wherever the drive refused the lead-out.
layout audio
if mt_attach audio.cue; then
	for n in 30 -30 700; do
		rm -rf "$T/rip"
		mkdir -p "$T/rip"
		"$DISCLOOP" rip -J --read-offset "$n" "$sg" "$T/rip/audio.cue" >"$T/rip.json" 2>"$T/off.err"
		expect_eq "--read-offset $n: exit" "$?" 0
		python3 - "$FX" "$T/rip.json" "$n" <<'PY' >"$T/off.out" 2>&1 &&
import json, os, sys
fx, j, n = sys.argv[1], json.load(open(sys.argv[2])), int(sys.argv[3])
lay = json.load(open(os.path.join(fx, 'audio.json')))
stream = b''
for t in lay['tracks']:        # the session's sectors from LBA 0, expected
    raw = open(os.path.join(fx, t['expect']), 'rb').read()
    first = t['start'] - t['pregap']
    assert len(stream) == first * 2352, 'tracks not contiguous'
    stream += raw
pad = bytes(4 * abs(n) + 2352)
ps = pad + stream + pad
bad = 0
for t in j['tracks']:
    data = open(t['file'], 'rb').read()
    a = t['file_lba'] * 2352 + 4 * n
    want = ps[len(pad) + a:len(pad) + a + len(data)]
    if data != want:
        print('track %d differs' % t['number'])
        bad += 1
edge = 4 * abs(n)
print('overread refused %d bytes (at most %d)' % (j['overread_refused_bytes'], edge))
sys.exit(1 if bad or j['overread_refused_bytes'] > edge else 0)
PY
		ok "--read-offset $n: files = the stream shifted by $n samples ($(tail -1 "$T/off.out"))" ||
		{ fail "--read-offset $n: files differ from the shifted stream"; sed 's/^/#   /' "$T/off.out" "$T/off.err"; }
	done
	mt_detach
fi
finish
