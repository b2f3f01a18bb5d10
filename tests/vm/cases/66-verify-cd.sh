# discloop verify's CD checksums against what real clients read from the
# drive: the audio, mixed-mode and Enhanced CD images of
# tests/unit/cdhashref.py are attached; cdparanoia reads every audio track
# (INDEX 01 to the next INDEX 01, as AccurateRip counts them) and the
# AccurateRip v1/v2/frame-450 CRCs and the CTDB CRC of what it read
# (computed by cdhashref.py, not by discloop) must equal those `discloop
# verify IMAGE.cue` prints from the image; cd-discid's freedb id (from the
# drive's TOC, the data session included) must equal verify's.
# tier: long
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"
command -v cdparanoia >/dev/null || skip "cdparanoia is not installed"
command -v cd-discid >/dev/null || skip "cd-discid is not installed"
dl_load
mkdir -p "$FX"
cat >"$T/judge.py" <<'PY'
# judge.py VERIFY.json RAWDIR: the CRCs of cdparanoia's raw tracks against verify's.
import array, json, os, sys
sys.path.insert(0, os.path.join(os.environ['DL_REPO'], 'tests', 'unit'))
import cdhashref as ref
got = json.load(open(sys.argv[1]))
audio = [t for t in got['tracks'] if t['type'] == 'audio']
bad, whole = [], b''
for k, t in enumerate(audio):
    path = os.path.join(sys.argv[2], 'track%02d.cdda.raw' % t['number'])
    if not os.path.exists(path):
        bad.append('cdparanoia wrote no %s' % path)
        continue
    data = open(path, 'rb').read()
    if len(data) != t['sectors'] * 2352:
        bad.append('track %d: cdparanoia read %d bytes, verify counts %d sectors'
                   % (t['number'], len(data), t['sectors']))
    words = array.array('I')
    words.frombytes(data[:len(data) // 4 * 4])
    if sys.byteorder == 'big':
        words.byteswap()
    samples = words.tolist()
    v1, v2, f450 = ref.ar_crcs(samples, k == 0, k == len(audio) - 1)
    want = {'v1': '%08x' % v1, 'v2': '%08x' % v2, 'frame450': '%08x' % f450}
    if t['accuraterip'] != want:
        bad.append('track %d: verify %s, of what cdparanoia read %s'
                   % (t['number'], t['accuraterip'], want))
    whole += data
ctdb = '%08x' % ref.ctdb_crc(whole)
if got['disc']['ctdb_crc'] != ctdb:
    bad.append('CTDB CRC: verify %s, of what cdparanoia read %s' % (got['disc']['ctdb_crc'], ctdb))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY

for kind in audio mixed enhanced; do
	python3 "$DL_REPO/tests/unit/cdhashref.py" disc "$FX" $kind >"$T/$kind.ref" ||
		{ fail "cdhashref.py disc $kind"; continue; }
	if ! $DISCLOOP verify -J "$FX/$kind.cue" >"$T/$kind.json" 2>"$T/$kind.err"; then
		fail "verify $kind.cue: $(cat "$T/$kind.err")"
		continue
	fi
	mt_attach $kind.cue || continue
	mkdir "$T/$kind"
	# from the first audio track on (cdparanoia refuses a span that starts on data)
	first=$(python3 -c "import json; print([t['number'] for t in json.load(open('$T/$kind.json'))['tracks'] if t['type'] == 'audio'][0])")
	out="cdparanoia -B $first- failed"
	if (cd "$T/$kind" && timeout 200 cdparanoia -q -Z -d "$sr" -r -B -- "$first-" >/dev/null 2>&1) &&
		out=$(DL_REPO=$DL_REPO python3 "$T/judge.py" "$T/$kind.json" "$T/$kind"); then
		ok "$kind: AccurateRip and CTDB CRCs of cdparanoia's reads = verify's of the image"
	else
		fail "$kind: cdparanoia's reads disagree with verify:"
		echo "$out" | sed 's/^/#   /'
		ls -l "$T/$kind" | sed 's/^/#   /'
	fi
	fdb=$(cd-discid "$sr" 2>&1 | cut -d' ' -f1)
	expect_eq "$kind: cd-discid's freedb id" "$fdb" \
		"$(python3 -c "import json; print(json.load(open('$T/$kind.json'))['disc']['freedb'])")"
	mt_detach
	rm -rf "$T/$kind" "$FX"/*
done
finish
