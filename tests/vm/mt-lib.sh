# Helpers of the multi-track cases (tests/vm/cases/57-59-mt-*.sh), sourced
# after lib.sh. The fixtures come from tests/vm/mkdisc.py (written
# independently of the project's framing code, checked on the host by
# tests/host/mkdisc.sh); every verdict here is a client's that discloop
# did not write: cdrdao, cdparanoia, cd-info, cd-read, cd-discid, sg_raw,
# dd, mount, udev's cdrom_id. What each must see comes from the layout
# JSON (mkdisc.py expect/paranoia/showtoc/cdinfo/discid).

FX=$T/fx
MK="python3 $DL_REPO/tests/vm/mkdisc.py"
CHK="python3 $DL_REPO/tests/vm/cdsector.py"
CDROM_ID=/lib/udev/cdrom_id
[ -x $CDROM_ID ] || CDROM_ID=/usr/lib/udev/cdrom_id

# mt_gen DISC...: the fixtures, in $FX, and what each judge must see, in
# $FX/want/DISC (mkdisc.py computes it all at once: Python starts slowly
# under TCG).
# A set the host made before the boot (tests/vm/run, $DL_FX_CACHE) is
# copied instead of made again.
mt_gen() {
	local set
	set=$(echo "$*" | tr ' ' +)
	if [ -n "${DL_FX_CACHE:-}" ] && [ -d "$DL_FX_CACHE/$set" ]; then
		mkdir -p "$FX" && cp -a "$DL_FX_CACHE/$set/." "$FX/" && return
		rm -rf "$FX"
	fi
	$MK gen "$FX" "$@" || die "mkdisc.py gen $*"
}

# normtoc: `cdrdao show-toc` output without its banner and warnings, data
# modes reduced to MODE1/MODE2 (raw or cooked storage is the image's
# business; read-toc names the Mode 2 form it saw): mkdisc.py normtoc.
normtoc() {
	sed -e '/^Cdrdao version/d' -e '/^WARNING/d' -e '/^Warning/d' -e '/: Warning/d' \
		-e '/^TRACK/s/Mode MODE1_RAW:/Mode MODE1:/' \
		-e '/^TRACK/s/Mode MODE2\(_RAW\|_FORM1\|_FORM2\|_FORM_MIX\):/Mode MODE2:/' \
		-e 's/[[:space:]]*$//' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
}

# toc_datafiles TOC: create the data files a read-toc TOC names, so that
# show-toc can open them (empty, sparse, WAVE headers for .wav).
toc_datafiles() {
	local f
	for f in $(sed -n 's/.*FILE "\([^"]*\)".*/\1/p' "$1" | sort -u); do
		case $f in
		*.wav) printf 'RIFF\377\377\377\017WAVEfmt \020\0\0\0\001\0\002\0\104\254\0\0\020\261\002\0\004\0\020\0data\0\0\0\017' >"$(dirname "$1")/$f"
			truncate -s 251658284 "$(dirname "$1")/$f" ;;
		*) truncate -s 251658240 "$(dirname "$1")/$f" ;;
		esac
	done
}

# mt_attach IMAGE: attach $FX/IMAGE; sets $sr and $sg. A failed attach
# fails the case's checks for this image (the caller skips the judges).
mt_attach() {
	local out rc
	out=$($DISCLOOP attach "$FX/$1" 2>&1)
	rc=$?
	sr= sg=
	case $out in /dev/sr[0-9]*) ;; *) fail "attach $1: exit $rc: $out"; return 1 ;; esac
	[ $rc = 0 ] || { fail "attach $1: exit $rc"; return 1; }
	ok "attach $1 -> $out"
	sr=$out
	wait_for "$sr" 5 || { fail "$sr did not appear"; return 1; }
	sg=/dev/$(sg_of_sr "$sr")
	wait_for "$sg" 5 || { fail "no sg node for $sr"; return 1; }
	# the first command after a media change reports UNIT ATTENTION
	sg_turs "$sg" >/dev/null 2>&1
	sg_turs "$sg" >/dev/null 2>&1
	return 0
}

mt_detach() {
	[ -n "$sr" ] || return 0
	check "detach $sr" $DISCLOOP detach "$sr"
	sr= sg=
}

# readcd LBA N OUT [SUBSEL]: READ CD (BEh), any sector type, sync + header +
# subheader + user data + EDC/ECC (F8h), sub-channel SUBSEL (0: none, 1:
# raw P-W, 2: formatted Q), through sg_raw in slices of 96 sectors.
readcd() {
	local lba=$1 n=$2 out=$3 sub=${4:-0} k c per=2352
	[ "$sub" = 1 ] && per=2448
	[ "$sub" = 2 ] && per=2368
	: >"$out"
	k=0
	while [ $k -lt "$n" ]; do
		c=$((n - k))
		[ $c -gt 96 ] && c=96
		sg_raw -r $((c * per)) -o "$out.part" "$sg" be 00 \
			$(printf '%02x %02x %02x %02x' $(((lba + k) >> 24 & 255)) $(((lba + k) >> 16 & 255)) \
				$(((lba + k) >> 8 & 255)) $(((lba + k) & 255))) \
			00 00 $(printf %02x $c) f8 0$sub 00 >/dev/null 2>"$out.err" || {
			log "READ CD $((lba + k)) x $c: $(tr '\n' ' ' <"$out.err")"
			return 1
		}
		cat "$out.part" >>"$out"
		k=$((k + c))
	done
	rm -f "$out.part" "$out.err"
}

# judge_toc IMAGE DISC: `cdrdao read-toc` of the drive, shown by `cdrdao
# show-toc`, equals the layout (less what IMAGE's format loses) and, where
# cdrdao reads IMAGE itself, `cdrdao show-toc IMAGE`. No --fast-toc:
# pregaps, indexes and ISRCs come from cdrdao's own Q scan.
judge_toc() {
	local img=$1 disc=$2
	rm -rf "$T/rt"
	mkdir -p "$T/rt"
	if ! (cd "$T/rt" && cdrdao read-toc --device "$sg" dev.toc) >"$T/readtoc.log" 2>&1; then
		fail "cdrdao read-toc $img: $(tail -3 "$T/readtoc.log" | tr '\n' ' ')"
		return
	fi
	toc_datafiles "$T/rt/dev.toc"
	(cd "$T/rt" && cdrdao show-toc dev.toc 2>&1) | normtoc >"$T/dev.txt"
	if diff -u "$FX/want/$disc/showtoc.$img" "$T/dev.txt" >"$T/toc.diff"; then
		ok "$img: cdrdao read-toc = layout"
	else
		fail "$img: cdrdao read-toc differs from the layout:"
		sed 's/^/#   /' "$T/toc.diff"
		sed 's/^/#   dev.toc: /' "$T/rt/dev.toc"
	fi
	case $img in *.chd | *.ccd | mixed.cue) return ;; esac   # cdrdao reads none of these
	(cd "$FX" && cdrdao show-toc "$img" 2>&1) | normtoc >"$T/img.txt"
	if diff -u "$T/img.txt" "$T/dev.txt" >"$T/toc.diff"; then
		ok "$img: cdrdao read-toc = cdrdao show-toc $img"
	else
		fail "$img: cdrdao read-toc differs from cdrdao show-toc $img:"
		sed 's/^/#   /' "$T/toc.diff"
	fi
}

# judge_cdinfo IMAGE DISC: cd-info's tracks, flags, MCN, ISRC, CD-TEXT and
# last session are the layout's.
judge_cdinfo() {
	cd-info --no-header --no-device-info --no-cddb -C "$sr" >"$T/cdinfo.txt" 2>&1
	if $MK cdinfo "$FX" "$2" "$1" <"$T/cdinfo.txt" >"$T/cdinfo.bad"; then
		ok "$1: cd-info = layout"
	else
		fail "$1: cd-info differs from the layout:"
		sed 's/^/#   /' "$T/cdinfo.bad"
	fi
}

# layout DISC: the disc's layout as shell variables (mkdisc.py sh): NT,
# NS, LEADOUT, TRACKS, AUDIO, LASTSTART; per track N: TN_TYPE, TN_START,
# TN_LEN, TN_PREGAP, TN_FIRST (first LBA checked), TN_END, TN_ISO, TN_F2.
layout() {
	. "$FX/want/$1/layout.sh" || die "no layout for $1"
}
tv() { eval "echo \${T$1_$2}"; }

# judge_raw DISC: READ CD of every sector of every track (the pregaps
# stored or synthesized by the drive; the unstored pregap of a data track
# that opens a session is left out) equals what mkdisc.py framed, and the
# data sectors pass cdsector.py on their own.
judge_raw() {
	local disc=$1 t first n
	for t in $TRACKS; do
		first=$(tv $t FIRST)
		n=$(($(tv $t END) - first))
		if ! readcd "$first" "$n" "$T/raw"; then
			fail "$disc track $t: READ CD of LBA $first..$((first + n - 1)) failed"
			continue
		fi
		# the expected track file starts at the pregap; skip what is not read
		if cmp -i $(($(tv $t SKIP) * 2352)):0 "$FX/$(tv $t RAW)" "$T/raw" >"$T/cmp" 2>&1; then
			ok "$disc track $t: READ CD of $n sectors from LBA $first = expected"
		else
			fail "$disc track $t: READ CD from LBA $first: $(cat "$T/cmp") (sector $(($(sed -n 's/.*byte \([0-9]*\).*/\1/p' "$T/cmp" | head -1) / 2352 + first)))"
		fi
		if [ "$(tv $t TYPE)" != audio ]; then
			check "$disc track $t: cdsector.py --auto" $CHK --auto "$T/raw" "$first" "$n"
		fi
	done
}

# judge_paranoia DISC: `cdparanoia -Z -r T` of every audio track = the
# expected PCM, from the track's start to the next TOC start (pregap
# included) or its session's lead-out.
judge_paranoia() {
	local disc=$1 t
	for t in $AUDIO; do
		rm -f "$T/par.raw"
		if ! cdparanoia -q -d "$sr" -Z -r -- "$t" "$T/par.raw" >"$T/par.log" 2>&1; then
			fail "$disc: cdparanoia track $t: $(tail -2 "$T/par.log" | tr '\n' ' ')"
			continue
		fi
		w=$FX/want/$disc/par-$t
		if cmp "$w" "$T/par.raw" >"$T/cmp" 2>&1; then
			ok "$disc: cdparanoia track $t = expected PCM ($(stat -c %s "$w") bytes)"
		else
			fail "$disc: cdparanoia track $t: $(cat "$T/cmp") (sizes $(stat -c %s "$T/par.raw") / $(stat -c %s "$w"))"
		fi
	done
}

# judge_cdread DISC: cd-read of 5 sectors in the mode of each track's
# sectors (audio; Mode 2 Form 1 and Form 2) = expected; Mode 1 tracks by
# isoinfo (libcdio 2.1's Linux m1f1 read reports an error on success).
judge_cdread() {
	local disc=$1 t mode lba per w n=5
	while read -r t mode lba per; do
		w=$FX/want/$disc/cdread-$t-$mode
		rm -f "$T/cdr"
		cd-read --no-header -C "$sr" -m "$mode" -s "$lba" -n $n -o "$T/cdr" --no-hexdump >"$T/cdr.log" 2>&1
		if cmp -s "$w" "$T/cdr"; then
			ok "$disc track $t: cd-read -m $mode of LBA $lba..$((lba + n - 1)) = expected"
		else
			fail "$disc track $t: cd-read -m $mode at $lba differs ($(stat -c %s "$T/cdr" 2>/dev/null) bytes, want $(stat -c %s "$w"); $(tail -1 "$T/cdr.log"))"
		fi
	done <"$FX/want/$disc/cdread.list"
	for t in $TRACKS; do
		[ "$(tv $t TYPE)" = mode1 ] || continue
		isoinfo -d -i "$sr" -T "$(tv $t START)" >"$T/isoinfo" 2>&1
		expect_eq "$disc track $t: isoinfo volume id" "$(sed -n 's/^Volume id: //p' "$T/isoinfo")" "$(tv $t LABEL)"
		expect_eq "$disc track $t: isoinfo volume size" "$(sed -n 's/^Volume size is: //p' "$T/isoinfo")" \
			"$(($(stat -c %s "$FX/$(tv $t ISO)") / 2048))"
	done
}

# judge_dd DISC: dd (O_DIRECT, 2048-byte blocks) of each data track's
# Form 1/Mode 1 sectors = its ISO; dd of an audio or Form 2 sector: EIO.
judge_dd() {
	local disc=$1 t start n iso
	for t in $TRACKS; do
		start=$(tv $t START)
		if [ "$(tv $t TYPE)" = audio ]; then
			if dd if="$sr" of=/dev/null bs=2048 skip=$((start + 10)) count=1 iflag=direct 2>"$T/dd.err"; then
				fail "$disc: dd of audio track $t (LBA $((start + 10))) succeeded"
			else
				expect_eq "$disc: dd of audio track $t" "$(grep -o 'Input/output error' "$T/dd.err" | head -1)" "Input/output error"
			fi
			continue
		fi
		iso=$FX/$(tv $t ISO)
		n=$(($(stat -c %s "$iso") / 2048))
		if dd if="$sr" bs=2048 skip="$start" count="$n" iflag=direct status=none 2>"$T/dd.err" |
			cmp -s - "$iso"; then
			ok "$disc: dd of track $t ($n blocks from $start) = its ISO"
		else
			fail "$disc: dd of track $t differs from its ISO ($(head -1 "$T/dd.err"))"
		fi
		if [ "$(tv $t TYPE)" = mode2xa ]; then
			if dd if="$sr" of=/dev/null bs=2048 skip=$(($(tv $t F2) + 3)) count=1 iflag=direct 2>"$T/dd.err"; then
				fail "$disc: dd of a Form 2 sector (LBA $(($(tv $t F2) + 3))) succeeded"
			else
				expect_eq "$disc: dd of a Form 2 sector" "$(grep -o 'Input/output error' "$T/dd.err" | head -1)" "Input/output error"
			fi
		fi
	done
}

# judge_discid DISC: cd-discid and cd-discid --musicbrainz print the ids
# mkdisc.py computes from the layout.
judge_discid() {
	expect_eq "$1: cd-discid" "$(cd-discid "$sr" 2>&1)" "$(cat "$FX/want/$1/discid")"
	expect_eq "$1: cd-discid --musicbrainz" "$(cd-discid --musicbrainz "$sr" 2>&1)" "$(cat "$FX/want/$1/musicbrainz")"
}

# judge_cdrom_id DISC: udev's cdrom_id counts the tracks and sessions.
judge_cdrom_id() {
	local disc=$1 out na=0 nd=0 t off=
	out=$($CDROM_ID "$sr" 2>&1)
	for t in $TRACKS; do
		if [ "$(tv $t TYPE)" = audio ]; then na=$((na + 1)); else nd=$((nd + 1)); fi
	done
	[ "$na" = 0 ] && na=
	[ "$nd" = 0 ] && nd=
	[ "$NS" -gt 1 ] && off=$((LASTSTART * 2048))
	expect_eq "$disc: cdrom_id TRACK_COUNT" "$(echo "$out" | sed -n 's/^ID_CDROM_MEDIA_TRACK_COUNT=//p')" "$NT"
	expect_eq "$disc: cdrom_id TRACK_COUNT_AUDIO" "$(echo "$out" | sed -n 's/^ID_CDROM_MEDIA_TRACK_COUNT_AUDIO=//p')" "$na"
	expect_eq "$disc: cdrom_id TRACK_COUNT_DATA" "$(echo "$out" | sed -n 's/^ID_CDROM_MEDIA_TRACK_COUNT_DATA=//p')" "$nd"
	expect_eq "$disc: cdrom_id SESSION_COUNT" "$(echo "$out" | sed -n 's/^ID_CDROM_MEDIA_SESSION_COUNT=//p')" "$NS"
	expect_eq "$disc: cdrom_id SESSION_LAST_OFFSET" "$(echo "$out" | sed -n 's/^ID_CDROM_MEDIA_SESSION_LAST_OFFSET=//p')" "$off"
}

# judge_all IMAGE DISC: attach IMAGE and run every judge.
judge_all() {
	local img=$1 disc=$2 s0=$SECONDS s1
	log "=== $img ($disc)"
	layout "$disc"
	mt_attach "$img" || return
	s1=$SECONDS
	[ "$NS" = 1 ] && judge_toc "$img" "$disc"
	log "cdrdao: $((SECONDS - s1)) s"; s1=$SECONDS
	judge_cdinfo "$img" "$disc"
	judge_raw "$disc"
	log "cd-info, READ CD: $((SECONDS - s1)) s"; s1=$SECONDS
	judge_cdread "$disc"
	judge_paranoia "$disc"
	log "cd-read, cdparanoia: $((SECONDS - s1)) s"; s1=$SECONDS
	judge_dd "$disc"
	judge_discid "$disc"
	judge_cdrom_id "$disc"
	mt_detach
	log "$img judged in $((SECONDS - s0)) s"
}

# judge_same IMAGE DISC: the same disc in another image format: the
# judges that see everything the format decides (TOC, Q scan, MCN, ISRC,
# CD-TEXT, flags; every sector's bytes; the audio as a ripper reads it).
# cd-read, dd, cd-discid and cdrom_id are functions of those and run on
# the first format of each disc (judge_all).
judge_same() {
	local img=$1 disc=$2 s0=$SECONDS
	log "=== $img ($disc)"
	layout "$disc"
	mt_attach "$img" || return
	[ "$NS" = 1 ] && judge_toc "$img" "$disc"
	judge_cdinfo "$img" "$disc"
	judge_raw "$disc"
	judge_paranoia "$disc"
	mt_detach
	log "$img judged in $((SECONDS - s0)) s"
}
