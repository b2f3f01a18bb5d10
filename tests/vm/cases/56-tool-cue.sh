# discloop attach of a generated mixed-mode BIN/CUE (redump style: one FILE
# per track, a stored INDEX 00 pregap, FLAGS DCP PRE, ISRC, CATALOG): cdrdao
# read-toc on the drive agrees with cdrdao show-toc on the cue, the data
# track reads back as the ISO, cdparanoia reads the audio track back as
# the PCM (each sample encodes its own index), info and list show the
# layout; the same disc as a cdrdao TOC and as a CHD reads the same, the
# audio as a CloneCD image too; a
# two-session disc with CD-TEXT inserted into an empty drive comes back
# from the drive as parsed (cd-info reads its CD-TEXT); a bad cue is
# refused with its line and leaves no drive behind.
# tier: gate
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"

dl_load
D=$DISCLOOP
mktree "$T/tree" 1
mkiso "$T/data.iso" "$T/tree" -V CUEDATA
data_sectors=$(( $(stat -c %s "$T/data.iso") / 2048 ))

# Track 2: 150 stored pregap sectors then 600 sectors; sample n holds
# L = n & 0xffff, R = (n >> 16) ^ 0x5a5a, little-endian, n counted from the
# first sample after the pregap (the pregap counts on from -150 sectors).
python3 - "$T/audio.bin" <<'PY'
import struct, sys
first = -150 * 588
with open(sys.argv[1], "wb") as f:
    for n in range(first, 600 * 588):
        f.write(struct.pack("<HH", n & 0xffff, ((n >> 16) ^ 0x5a5a) & 0xffff))
PY

cat >"$T/disc.cue" <<'CUE'
CATALOG 0123456789012
FILE "data.iso" BINARY
  TRACK 01 MODE1/2048
    INDEX 01 00:00:00
FILE "audio.bin" BINARY
  TRACK 02 AUDIO
    FLAGS DCP PRE
    ISRC USABC2600001
    INDEX 00 00:00:00
    INDEX 01 00:02:00
CUE

# The reference: cdrdao's reading of the cue.
cdrdao show-toc "$T/disc.cue" 2>/dev/null | grep -E '^(CATALOG|TRACK|\s+(ISRC|COPY|PRE|NO PRE|PREGAP|START|END|INDEX))' >"$T/want"
log "cdrdao show-toc disc.cue:"; cat "$T/want"

sr=$($D attach "$T/disc.cue")
rc=$?
expect_eq "attach disc.cue: exit" "$rc" 0
case $sr in /dev/sr[0-9]*) ok "attach printed $sr" ;; *) die "attach printed '$sr'" ;; esac

expect_eq "list TRACKS" "$($D list -rn -o TRACKS,SESSIONS)" "2 1"
$D info "$sr" >"$T/info" || fail "info $sr"
cat "$T/info"
check "info shows track 2 with its pregap, flags and ISRC" \
	grep -Eq "^ +2 +1 AUDIO +AUDIO +$((data_sectors + 150)) +600 +150 +150 +0 +dcp pre +USABC2600001" "$T/info"
check "info shows the MCN" grep -q '^MCN: *0123456789012' "$T/info"
$D info -J "$sr" >"$T/info.json" || fail "info -J $sr"
expect_eq "info -J: track starts" "$(python3 -c 'import json,sys; print([t["start"] for t in json.load(open(sys.argv[1]))["disc"]["tracks"]])' "$T/info.json")" \
	"[0, $((data_sectors + 150))]"

# The data track reads back as the ISO. O_DIRECT: buffered reads would
# read ahead into the audio track, which READ(10) refuses (05/64/00) as a
# real drive does.
dd if="$sr" of="$T/data.back" bs=2048 count="$data_sectors" iflag=direct 2>"$T/dd.err" ||
	{ cat "$T/dd.err"; dmesg | tail -20; }
expect_eq "data track = ISO" "$(md5sum <"$T/data.back")" "$(md5sum <"$T/data.iso")"

# cdrdao on the drive: the same TOC (pregaps and ISRC from a Q scan).
if timeout 300 cdrdao read-toc --device "$sr" "$T/read.toc" >"$T/cdrdao.log" 2>&1; then
	cdrdao show-toc "$T/read.toc" 2>/dev/null | grep -E '^(CATALOG|TRACK|\s+(ISRC|COPY|PRE|NO PRE|PREGAP|START|END|INDEX))' >"$T/got"
	log "cdrdao show-toc of the drive's TOC:"; cat "$T/got"
	check "cdrdao read-toc = show-toc of the cue" diff "$T/want" "$T/got"
else
	tail -20 "$T/cdrdao.log"
	fail "cdrdao read-toc --device $sr"
fi

# cdparanoia: track 2 without its pregap, raw little-endian, = the PCM.
if (cd "$T" && timeout 300 cdparanoia -d "$sr" -Z -r 2 track2.raw >/dev/null 2>&1); then
	expect_eq "cdparanoia track 2 = PCM after the pregap" "$(md5sum <"$T/track2.raw")" \
		"$(tail -c $((600 * 2352)) "$T/audio.bin" | md5sum)"
else
	fail "cdparanoia -d $sr -Z -r 2"
fi

check "detach" $D detach "$sr"
expect_eq "no drive left" "$($D list -rn)" ""

# The same disc as a cdrdao TOC: raw audio big-endian (swapped here with
# dd, independently of the tool), the pregap stored, START after it.
dd if="$T/audio.bin" of="$T/audio.be" conv=swab status=none
cat >"$T/disc.toc" <<'TOC'
CD_ROM
CATALOG "0123456789012"
TRACK MODE1
DATAFILE "data.iso"
TRACK AUDIO
COPY
PRE_EMPHASIS
ISRC "USABC2600001"
AUDIOFILE "audio.be" 0
START 00:02:00
TOC
sr=$($D attach "$T/disc.toc") || die "attach disc.toc"
if timeout 300 cdrdao read-toc --device "$sr" "$T/read2.toc" >"$T/cdrdao2.log" 2>&1; then
	cdrdao show-toc "$T/read2.toc" 2>/dev/null | grep -E '^(CATALOG|TRACK|\s+(ISRC|COPY|PRE|NO PRE|PREGAP|START|END|INDEX))' >"$T/got2"
	check "TOC image: cdrdao read-toc = show-toc of the cue" diff "$T/want" "$T/got2"
else
	tail -20 "$T/cdrdao2.log"
	fail "cdrdao read-toc --device $sr (TOC image)"
fi
if (cd "$T" && timeout 300 cdparanoia -d "$sr" -Z -r 2 track2b.raw >/dev/null 2>&1); then
	expect_eq "TOC image: cdparanoia track 2 = PCM (big-endian file swapped)" \
		"$(md5sum <"$T/track2b.raw")" "$(tail -c $((600 * 2352)) "$T/audio.bin" | md5sum)"
else
	fail "cdparanoia -d $sr -Z -r 2 (TOC image)"
fi
check "detach TOC image" $D detach "$sr"

# The same disc as a CHD made by chdman (which keeps no MCN, ISRC or flags):
# decoded into a temporary directory that is empty again afterwards.
if (cd "$T" && chdman createcd -i disc.cue -o disc.chd >/dev/null 2>&1); then
	mkdir -p "$T/chdtmp"
	sr=$(TMPDIR=$T/chdtmp $D attach "$T/disc.chd" 2>"$T/chd.err") || { cat "$T/chd.err"; die "attach disc.chd"; }
	expect_eq "CHD: nothing left in TMPDIR" "$(ls -A "$T/chdtmp")" ""
	expect_eq "CHD: list TRACKS" "$($D list -rn -o TRACKS)" "2"
	dd if="$sr" of="$T/data.chd" bs=2048 count="$data_sectors" iflag=direct 2>/dev/null
	expect_eq "CHD: data track = ISO" "$(md5sum <"$T/data.chd")" "$(md5sum <"$T/data.iso")"
	if (cd "$T" && timeout 300 cdparanoia -d "$sr" -Z -r 2 track2c.raw >/dev/null 2>&1); then
		expect_eq "CHD: cdparanoia track 2 = PCM" "$(md5sum <"$T/track2c.raw")" \
			"$(tail -c $((600 * 2352)) "$T/audio.bin" | md5sum)"
	else
		fail "cdparanoia -d $sr -Z -r 2 (CHD)"
	fi
	check "detach CHD" $D detach "$sr"
else
	fail "chdman createcd"
fi

# The audio as a CloneCD image: two audio tracks in one .img, track 2's
# pregap stored (INDEX 0), DCP from its TOC entry's Control, its ISRC, the
# CATALOG. The reference is cdrdao's reading of the equivalent cue.
cp "$T/audio.bin" "$T/cc.img"
{
	printf '[CloneCD]\nVersion=3\n[Disc]\nTocEntries=5\nSessions=1\nDataTracksScrambled=0\n'
	printf 'CDTextLength=0\nCATALOG=0123456789012\n[Session 1]\nPreGapMode=0\nPreGapSubC=0\n'
	n=0
	for e in "a0 0 0" "a1 0 0" "a2 0 750" "01 0 0" "02 2 450"; do
		set -- $e
		psec=0; pmin=0
		[ "$1" = a1 ] && pmin=2
		printf '[Entry %d]\nSession=1\nPoint=0x%s\nADR=0x01\nControl=0x%02x\nTrackNo=0\n' "$n" "$1" "$2"
		printf 'AMin=0\nASec=0\nAFrame=0\nALBA=-150\nZero=0\nPMin=%d\nPSec=%d\nPFrame=0\nPLBA=%d\n' "$pmin" "$psec" "$3"
		n=$((n + 1))
	done
	printf '[TRACK 1]\nMODE=0\nINDEX 1=0\n'
	printf '[TRACK 2]\nMODE=0\nISRC=USABC2600001\nINDEX 0=300\nINDEX 1=450\n'
} >"$T/cc.ccd"
cat >"$T/cc.cue" <<'CUE'
CATALOG 0123456789012
FILE "cc.img" BINARY
  TRACK 01 AUDIO
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    FLAGS DCP
    ISRC USABC2600001
    INDEX 00 00:04:00
    INDEX 01 00:06:00
CUE
cdrdao show-toc "$T/cc.cue" 2>/dev/null | grep -E '^(CATALOG|TRACK|\s+(ISRC|COPY|PRE|NO PRE|PREGAP|START|END|INDEX))' >"$T/want3"
sr=$($D attach "$T/cc.ccd") || die "attach cc.ccd"
if timeout 300 cdrdao read-toc --device "$sr" "$T/read3.toc" >"$T/cdrdao3.log" 2>&1; then
	cdrdao show-toc "$T/read3.toc" 2>/dev/null | grep -E '^(CATALOG|TRACK|\s+(ISRC|COPY|PRE|NO PRE|PREGAP|START|END|INDEX))' >"$T/got3"
	check "CloneCD image: cdrdao read-toc = show-toc of the equivalent cue" diff "$T/want3" "$T/got3"
else
	tail -20 "$T/cdrdao3.log"
	fail "cdrdao read-toc --device $sr (CloneCD image)"
fi
if (cd "$T" && timeout 300 cdparanoia -d "$sr" -Z -r 2 track2d.raw >/dev/null 2>&1); then
	expect_eq "CloneCD image: cdparanoia track 2 = its sectors of the .img" \
		"$(md5sum <"$T/track2d.raw")" "$(tail -c $((300 * 2352)) "$T/cc.img" | md5sum)"
else
	fail "cdparanoia -d $sr -Z -r 2 (CloneCD image)"
fi
check "detach CloneCD image" $D detach "$sr"

# insert into an empty drive: two sessions (audio, then data 11400 sectors
# after the first lead-out) with CD-TEXT. The drive's layout (GET_DISC)
# equals the parsed one; cd-info reads the CD-TEXT from the drive.
cat >"$T/two.cue" <<'CUE'
TITLE "Album"
PERFORMER "Band"
FILE "audio.bin" BINARY
  TRACK 01 AUDIO
    TITLE "Song"
    INDEX 01 00:00:00
REM SESSION 02
FILE "data.iso" BINARY
  TRACK 02 MODE1/2048
    INDEX 01 00:00:00
CUE
sr=$($D add) || die "add"
check "insert two.cue" $D insert "$sr" "$T/two.cue"
expect_eq "two sessions: list TRACKS SESSIONS" "$($D list -rn -o TRACKS,SESSIONS)" "2 2"
layout() {
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["disc"]; print(d["sessions"], d["leadouts"], [(t["number"], t["session"], t["type"], t["start"], t["length"], t["pregap"], t["pregap_stored"]) for t in d["tracks"]], d["cdtext"])' "$1"
}
$D info -J "$T/two.cue" >"$T/two.image.json" || fail "info -J two.cue"
$D info -J "$sr" >"$T/two.drive.json" || fail "info -J $sr"
expect_eq "two sessions: the drive's layout = the cue's" "$(layout "$T/two.drive.json")" "$(layout "$T/two.image.json")"
expect_eq "two sessions: track 2 starts 11400 after the first lead-out" \
	"$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["disc"]; print(d["tracks"][1]["start"] - d["leadouts"][0])' "$T/two.drive.json")" 11400
cd-info --no-header --no-device-info --no-cddb -C "$sr" >"$T/cdinfo" 2>&1
check "cd-info: disc TITLE from CD-TEXT" grep -q 'TITLE: Album' "$T/cdinfo"
check "cd-info: track 1 TITLE from CD-TEXT" grep -q 'TITLE: Song' "$T/cdinfo"
grep -q 'TITLE: Album' "$T/cdinfo" || cat "$T/cdinfo"
check "detach two sessions" $D detach "$sr"

# A bad cue: the reason with its line; nothing attached.
printf 'FILE "data.iso" BINARY\n  TRACK 01 MODE1/2048\n    INDEX 01 00:00:7x\n' >"$T/bad.cue"
out=$($D attach "$T/bad.cue" 2>&1); rc=$?
expect_eq "bad cue: exit" "$rc" 1
expect_eq "bad cue: message" "$out" "discloop: $T/bad.cue:3: INDEX wants a number 0..99 and mm:ss:ff"
expect_eq "bad cue: no drive" "$($D list -rn)" ""

# A file too short for its track: refused before any drive is made.
truncate -s 0 "$T/empty.bin"
printf 'FILE "empty.bin" BINARY\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n' >"$T/empty.cue"
out=$($D attach "$T/empty.cue" 2>&1); rc=$?
expect_eq "empty file: exit" "$rc" 1
expect_eq "empty file: message" "$out" \
	"discloop: $T/empty.cue:3: track 1 starts at byte 0, beyond the end of its file (0 bytes)"
expect_eq "empty file: no drive" "$($D list -rn)" ""

finish
