# Helpers of the CD rip cases (tests/vm/cases/61, 63), sourced after
# lib.sh and mt-lib.sh: rip a fixture to BIN/CUE and judge the files, the
# printed hashes and the ripped cue attached again, with clients discloop
# did not write (cdrdao, cdparanoia, sha1sum, md5sum, Python's zlib).

# devtoc OUT: `cdrdao read-toc` of $sg, shown by `cdrdao show-toc`, normalised.
devtoc() {
	rm -rf "$T/rt"
	mkdir -p "$T/rt"
	if ! (cd "$T/rt" && cdrdao read-toc --device "$sg" dev.toc) >"$T/readtoc.log" 2>&1; then
		fail "cdrdao read-toc: $(tail -3 "$T/readtoc.log" | tr '\n' ' ')"
		: >"$1"
		return
	fi
	toc_datafiles "$T/rt/dev.toc"
	(cd "$T/rt" && cdrdao show-toc dev.toc 2>&1) | normtoc >"$1"
}

# trackfile DISC T: the file the rip wrote for track T (redump's names).
trackfile() {
	if [ "$NT" = 1 ]; then echo "$T/rip/$1.bin"
	elif [ "$NT" -ge 10 ]; then printf '%s/rip/%s (Track %02d).bin\n' "$T" "$1" "$2"
	else echo "$T/rip/$1 (Track $2).bin"; fi
}

# jget FILE EXPR: a value of the rip's JSON (Python over j).
jget() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$1" "$2"; }

# check_files DISC JSON: each track file = expected; hashes as printed.
check_files() {
	local disc=$1 json=$2 t i=0 f want
	for t in $TRACKS; do
		f=$(trackfile "$disc" "$t")
		want=$FX/$(tv $t RAW)
		if [ ! -f "$f" ]; then
			fail "$disc: no file $f"
			i=$((i + 1))
			continue
		fi
		if cmp -i $(($(tv $t SKIP) * 2352)):0 "$want" "$f" >"$T/cmp" 2>&1; then
			ok "$disc track $t: $(basename "$f") = expected ($(stat -c %s "$f") bytes)"
		else
			fail "$disc track $t: $(basename "$f"): $(cat "$T/cmp") (size $(stat -c %s "$f"), want $((($(tv $t END) - $(tv $t FIRST)) * 2352)))"
		fi
		[ -n "$json" ] || { i=$((i + 1)); continue; }
		expect_eq "$disc track $t: printed SHA-1" "$(jget "$json" "j['tracks'][$i]['hashes']['sha1']")" \
			"$(sha1sum <"$f" | cut -d' ' -f1)"
		expect_eq "$disc track $t: printed MD5" "$(jget "$json" "j['tracks'][$i]['hashes']['md5']")" \
			"$(md5sum <"$f" | cut -d' ' -f1)"
		expect_eq "$disc track $t: printed CRC32" "$(jget "$json" "j['tracks'][$i]['hashes']['crc32']")" \
			"$(python3 -c 'import sys,zlib; print("%08x" % zlib.crc32(open(sys.argv[1],"rb").read()))' "$f")"
		i=$((i + 1))
	done
	[ -z "$json" ] || expect_eq "$disc: printed SHA-1 of the cue" \
		"$(jget "$json" "j['cue_hashes']['sha1']")" "$(sha1sum <"$T/rip/$disc.cue" | cut -d' ' -f1)"
}

# paranoia_same DISC: cdparanoia -Z of each audio track of $sr = the PCM of
# the ripped files from the track's start to the next TOC start.
paranoia_same() {
	local disc=$1 t
	for t in $AUDIO; do
		rm -f "$T/par.raw"
		if ! cdparanoia -q -d "$sr" -Z -r -- "$t" "$T/par.raw" >"$T/par.log" 2>&1; then
			fail "$disc: cdparanoia track $t: $(tail -2 "$T/par.log" | tr '\n' ' ')"
			continue
		fi
		python3 - "$T/rip.json" "$t" "$T/par.raw" <<'PY' && ok "$disc: cdparanoia -Z track $t = the ripped PCM" || fail "$disc: cdparanoia -Z track $t differs from the ripped PCM"
import json, sys
j = json.load(open(sys.argv[1]))
n = int(sys.argv[2])
tr = j['tracks']
t = tr[n - 1]
# the session's files back to back, from the first file's first sector
ses = [x for x in tr if x['session'] == t['session']]
data = b''.join(open(x['file'], 'rb').read() for x in ses)
base = ses[0]['file_lba']
nxt = [x for x in ses if x['number'] == n + 1]
end = nxt[0]['start_lba'] if nxt else base + len(data) // 2352
got = open(sys.argv[3], 'rb').read()
sys.exit(0 if data[(t['start_lba'] - base) * 2352:(end - base) * 2352] == got else 1)
PY
	done
}

# roundtrip IMAGE DISC
roundtrip() {
	local img=$1 disc=$2 rc
	layout "$disc"
	mt_attach "$img" || return
	devtoc "$T/toc-orig.txt"
	rm -rf "$T/rip"
	mkdir -p "$T/rip"
	"$DISCLOOP" rip -J "$sg" "$T/rip/$disc.cue" >"$T/rip.json" 2>"$T/rip.err"
	rc=$?
	expect_eq "$disc: rip exit" "$rc" 0
	[ $rc = 0 ] || sed 's/^/#   /' "$T/rip.err"
	log "$disc: the ripped cue:"
	sed 's/^/#   /' "$T/rip/$disc.cue"
	check_files "$disc" "$T/rip.json"
	# the disc ids the rip prints, against cd-discid on the drive ripped
	expect_eq "$disc: the rip's freedb id = cd-discid's" \
		"$(jget "$T/rip.json" "j['checksums']['disc']['freedb']")" \
		"$(cd-discid "$sr" 2>&1 | cut -d' ' -f1)"
	check "$disc: map all finished" sh -c "! grep -q '^0x[0-9A-F]*  0x[0-9A-F]*  [^+]\$' '$T/rip/$disc.cue.map'"
	paranoia_same "$disc"
	mt_detach
	# the ripped cue gives the same drive
	mt_attach "../rip/$disc.cue" || return
	devtoc "$T/toc-rip.txt"
	if diff -u "$T/toc-orig.txt" "$T/toc-rip.txt" >"$T/toc.diff"; then
		ok "$disc: cdrdao read-toc of the ripped cue = of the original"
	else
		fail "$disc: cdrdao read-toc of the ripped cue differs:"
		sed 's/^/#   /' "$T/toc.diff"
	fi
	judge_raw "$disc"
	judge_paranoia "$disc"
	mt_detach
}

