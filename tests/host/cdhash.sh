#!/bin/sh
# discloop verify on CD images: the redump hashes, AccurateRip v1/v2 and
# frame 450 CRCs, CTDB CRC and freedb/MusicBrainz/AccurateRip ids of an
# audio, a mixed-mode and an Enhanced CD made by tests/unit/cdhashref.py
# equal what that independent implementation computes; a Logiqx dat and an
# AccurateRip response written here (from the reference's values) match;
# one flipped byte is named as a mismatch (exit 1); a response for another
# disc, a broken dat or response are errors naming the file (exit 2); the
# checksum-list mode on a cue still works.
set -u
cd "$(dirname "$0")/../.."
repo=$PWD
D=$repo/userspace/discloop
[ -x "$D" ] || { echo "userspace/discloop is not built (make tool)"; exit 1; }
py=/usr/bin/python3
ref="$py $repo/tests/unit/cdhashref.py"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
nfail=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; nfail=$((nfail + 1)); }
# run WANT-RC ARGS...: discloop verify ARGS; stdout in out, stderr in err
run() {
	want=$1; shift
	"$D" verify "$@" >out 2>err
	rc=$?
	[ $rc = "$want" ] && return 0
	echo "   discloop verify $*: exit $rc, wanted $want; stderr:"; sed 's/^/   | /' err
	return 1
}

# The reference's values against verify --json.
cat >cmp.py <<'PY'
import json, sys
want = json.load(open(sys.argv[1])); got = json.load(open(sys.argv[2]))
bad = []
def eq(what, g, w):
    if g != w: bad.append('%s: verify says %s, the reference %s' % (what, g, w))
d = got['disc']
eq('lead-out', d['leadout'], want['leadout'])
eq('freedb id', d['freedb'], '%08x' % want['freedb'])
eq('MusicBrainz id', d['musicbrainz'], want['musicbrainz'])
eq('AccurateRip id1', d['accuraterip']['id1'], '%08x' % want['ar_id1'])
eq('AccurateRip id2', d['accuraterip']['id2'], '%08x' % want['ar_id2'])
eq('AccurateRip response name', d['accuraterip']['response'], want['ar_name'])
eq('CTDB CRC', d['ctdb_crc'], '%08x' % want['ctdb'])
eq('number of files', len(got['files']), len(want['files']))
for g, w in zip(got['files'], want['files']):
    for k in ('name', 'size', 'crc32', 'md5', 'sha1'):
        eq('%s %s' % (w['name'], k), g[k], w[k])
eq('number of tracks', len(got['tracks']), len(want['tracks']))
for g, w in zip(got['tracks'], want['tracks']):
    n = w['number']
    for k in ('number', 'start', 'sectors'):
        eq('track %d %s' % (n, k), g[k], w[k])
    eq('track %d type' % n, g['type'], 'audio' if w['audio'] else 'data')
    if w['audio']:
        for k, gk in (('v1', 'v1'), ('v2', 'v2'), ('f450', 'frame450')):
            eq('track %d AccurateRip %s' % (n, k), g['accuraterip'][gk], '%08x' % w[k])
if bad:
    print('\n'.join(bad))
sys.exit(1 if bad else 0)
PY

for kind in audio mixed enhanced; do
	$ref disc . $kind >$kind.json || { fail "cdhashref.py disc $kind"; continue; }
	if run 0 --json $kind.cue && cp out $kind.got && $py cmp.py $kind.json $kind.got; then
		ok "$kind CD: verify --json = the reference (ids, CTDB, AccurateRip, redump hashes)"
	else
		fail "$kind CD: verify --json differs from the reference"
	fi
done

# Text output carries the same values.
name=$($py -c "import json; print(json.load(open('audio.json'))['ar_name'])")
mb=$($py -c "import json; print(json.load(open('audio.json'))['musicbrainz'])")
if run 0 audio.cue && grep -qF "$name" out && grep -qF "$mb" out &&
	[ "$(grep -c '^  AccurateRip v1 ' out)" = 3 ] && [ ! -s err ]; then
	ok "text output names $name and $mb, three AccurateRip lines"
else
	fail "text output of verify audio.cue"; sed 's/^/   | /' out
fi

# A dat (a decoy game first) and an AccurateRip response from the reference.
cat >mk.py <<'PY'
import json, struct, sys
from xml.sax.saxutils import quoteattr
kind, what = sys.argv[1], sys.argv[2]
ref = json.load(open(kind + '.json'))
if what == 'dat':
    extra = sys.argv[3:] 
    out = ['<?xml version="1.0"?>',
           '<!DOCTYPE datafile PUBLIC "-//Logiqx//DTD ROM Management Datafile//EN" '
           '"http://www.logiqx.com/Dats/datafile.dtd">', '<datafile>',
           '\t<header><name>test</name></header>',
           '\t<game name="Decoy (Japan)"><rom name="decoy.cue" size="1" crc="00000000"/></game>',
           '\t<game name=%s>' % quoteattr('Test %s disc (Europe)' % kind)]
    for f in ref['files']:
        out.append('\t\t<rom name=%s size="%d" crc="%s" md5="%s" sha1="%s"/>' % (
            quoteattr(f['name']), f['size'], f['crc32'], f['md5'], f['sha1']))
    for e in extra:
        out.append('\t\t<rom name=%s size="1" crc="01020304"/>' % quoteattr(e))
    out += ['\t</game>', '</datafile>']
    print('\n'.join(out))
else:
    ids = json.load(open(sys.argv[3] + '.json')) if len(sys.argv) > 3 else ref
    audio = [t for t in ref['tracks'] if t['audio']]
    b = b''
    # two pressings: v1 CRCs with confidence 3, v2 with confidence 5
    for key, conf in (('v1', 3), ('v2', 5)):
        b += struct.pack('<BLLL', len(audio), ids['ar_id1'], ids['ar_id2'], ids['freedb'])
        for t in audio:
            b += struct.pack('<BLL', conf, t[key], t['f450'])
    sys.stdout.buffer.write(b)
PY
$py mk.py audio dat >audio.dat
$py mk.py audio ar >ar.bin
if run 0 --dat audio.dat audio.cue && [ "$(grep -c ': dat OK (game "Test audio disc (Europe)")' out)" = 4 ]; then
	ok "--dat: the cue and three bins match their roms"
else
	fail "--dat on a good image"; sed 's/^/   | /' out
fi
if run 0 --accuraterip ar.bin audio.cue &&
	[ "$(grep -c '^track 0[123]: AccurateRip v2 match, confidence 5 (of 8)$' out)" = 3 ]; then
	ok "--accuraterip: every track matches v2 with confidence 5 of 8"
else
	fail "--accuraterip on a good image"; sed 's/^/   | /' out
fi
if run 0 -J --dat audio.dat --accuraterip ar.bin audio.cue &&
	$py -c "import json,sys; j=json.load(open('out')); sys.exit(not (j['match'] and j['dat']['match'] and j['accuraterip']['match'] and [t['match'] for t in j['accuraterip']['tracks']] == ['v2']*3))"; then
	ok "--json carries the dat and AccurateRip results"
else
	fail "--json with --dat and --accuraterip"
fi
# Only v1 known: a v1 match.
$py - <<'PY'
b = open('ar.bin', 'rb').read()
n = b[0]
open('ar-v1.bin', 'wb').write(b[:13 + 9 * n])
PY
if run 0 --accuraterip ar-v1.bin audio.cue &&
	[ "$(grep -c 'AccurateRip v1 match, confidence 3 (of 3)$' out)" = 3 ]; then
	ok "--accuraterip: a v1-only response matches v1"
else
	fail "--accuraterip v1"; sed 's/^/   | /' out
fi

# One flipped byte in track 2, after its pregap: a mismatch named, exit 1.
cp "audio (Track 2).bin" t2.keep
$py - <<'PY'
f = open('audio (Track 2).bin', 'r+b'); f.seek(150 * 2352 + 1000); c = f.read(1)
f.seek(150 * 2352 + 1000); f.write(bytes([c[0] ^ 0x40])); f.close()
PY
if run 1 --dat audio.dat audio.cue &&
	grep -q '^discloop: audio (Track 2).bin: differs from the dat (game "Test audio disc (Europe)"): CRC32 ' err &&
	[ "$(grep -c ': dat OK' out)" = 3 ]; then
	ok "--dat: a flipped byte in track 2 is named, exit 1"
else
	fail "--dat with a flipped byte"; sed 's/^/   | /' err
fi
if run 1 --accuraterip ar.bin audio.cue && grep -q 'audio.cue: track 02: no AccurateRip match' err &&
	[ "$(grep -c '^track 0[13]: AccurateRip v2 match' out)" = 2 ]; then
	ok "--accuraterip: only track 2 fails after the flip, exit 1"
else
	fail "--accuraterip with a flipped byte"; sed 's/^/   | /' err out
fi
mv t2.keep "audio (Track 2).bin"

# A rom the image lacks.
$py mk.py audio dat "audio (Track 4).bin" >extra.dat
if run 1 --dat extra.dat audio.cue && grep -q 'has audio (Track 4).bin, which the image lacks' err; then
	ok "--dat: a rom missing from the image is named, exit 1"
else
	fail "--dat with a missing rom"
fi

# A response for another disc, a truncated one, a broken dat: exit 2 naming the file.
$py mk.py audio ar mixed >other.bin
fp() { $py -c "import json; j=json.load(open('$1.json')); print('%03d-%08x-%08x-%08x' % ($2, j['ar_id1'], j['ar_id2'], j['freedb']))"; }
if run 2 --accuraterip other.bin audio.cue &&
	grep -qF "discloop: other.bin: a response for disc $(fp mixed 3), not this disc ($(fp audio 3))" err; then
	ok "--accuraterip: a response for another disc is refused, exit 2"
else
	fail "--accuraterip wrong disc"
fi
head -c 30 ar.bin >short.bin
if run 2 --accuraterip short.bin audio.cue && grep -q '^discloop: short.bin: not an AccurateRip response' err; then
	ok "--accuraterip: a truncated response is refused, exit 2"
else
	fail "--accuraterip truncated"
fi
head -n 8 audio.dat >broken.dat
if run 2 --dat broken.dat audio.cue && grep -q '^discloop: broken.dat:[0-9][0-9]*: ' err &&
	[ "$(wc -l <err)" = 1 ]; then
	ok "--dat: a broken dat gives one line naming file and line, exit 2"
else
	fail "--dat broken"
fi
if run 2 --dat audio.dat mixed.cue && grep -q '^discloop: audio.dat: no game in the dat' err; then
	ok "--dat: an image the dat does not know, exit 2"
else
	fail "--dat unknown image"
fi

# Usage, and the modes verify had: a cue's own checksum, a plain file against a dat.
head -c 100000 /dev/urandom >plain.iso
if run 2 --accuraterip ar.bin plain.iso && grep -q 'needs a CD image' err; then
	ok "--accuraterip on an ISO is a usage error"
else
	fail "--accuraterip on an ISO"
fi
sum=$(sha256sum audio.cue | cut -d' ' -f1)
if run 0 --sha256 "$sum" audio.cue && grep -q '^audio.cue: SHA-256 OK' out && ! grep -q AccurateRip out; then
	ok "--sha256 on a cue checks the cue file as before"
else
	fail "--sha256 on a cue"
fi
$py - <<'PY'
import hashlib, zlib
d = open('plain.iso', 'rb').read()
open('iso.dat', 'w').write('<?xml version="1.0"?>\n<datafile><game name="ISO"><rom name="plain.iso" '
    'size="%d" crc="%08x" md5="%s" sha1="%s"/></game></datafile>\n' % (
    len(d), zlib.crc32(d), hashlib.md5(d).hexdigest(), hashlib.sha1(d).hexdigest()))
PY
if run 0 --dat iso.dat plain.iso && grep -q '^plain.iso: dat OK (game "ISO")' out; then
	ok "--dat on a plain image"
else
	fail "--dat on a plain image"
fi
printf 'x' | dd of=plain.iso bs=1 seek=5000 conv=notrunc 2>/dev/null
if run 1 --dat iso.dat plain.iso && grep -q 'plain.iso: differs from the dat' err; then
	ok "--dat on a changed plain image, exit 1"
else
	fail "--dat on a changed plain image"
fi
# One disc in several formats (tests/vm/mkdisc.py: WAVE, big-endian raw,
# one-FILE and per-track cues, cdrdao TOC, CloneCD): the same ids and CRCs.
mkdir mk
if $py "$repo/tests/vm/mkdisc.py" gen mk >/dev/null 2>&1; then
	for disc in audio mixed; do
		prev= same=1
		for img in mk/$disc.cue mk/$disc.toc mk/$disc.ccd; do
			run 0 -J "$img" || { same=0; break; }
			cur=$($py -c "import json; j=json.load(open('out')); d=j['disc']; print(d['freedb'], d['musicbrainz'], d['accuraterip'], d['ctdb_crc'], [t.get('accuraterip') for t in j['tracks']])")
			[ -z "$prev" ] || [ "$prev" = "$cur" ] || { same=0; echo "   $img: $cur"; echo "   before: $prev"; }
			prev=$cur
		done
		if [ $same = 1 ]; then ok "$disc disc as .cue, .toc and .ccd: the same ids and CRCs"
		else fail "$disc disc: formats disagree"; fi
	done
else
	fail "tests/vm/mkdisc.py gen"
fi
echo "$nfail failed"
[ $nfail = 0 ]
