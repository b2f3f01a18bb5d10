# Audio clients not used by 57-59 judge the multi-track fixtures of
# tests/vm/mkdisc.py (mixed mode and audio only, attached with `discloop
# attach`): icedax's report (track lengths, CDDB id, MCN, ISRC, index
# scan, CD-Text album) against the layout JSON (mkdisc.py icedax), and
# cdda-player's play clock: `cdda-player -t 2` starts a play, `-S`
# reports the sub-channel position, which must advance 75 frames a second
# (checked to its one-second resolution against the wall clock) in the
# layout's tracks, hold while paused (CDROMPAUSE) and stop with `-s`
# (CDROMSTOP, which the kernel sends as START STOP UNIT with Start = 0).
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"
dl_load
mt_gen mixed audio

# judge_icedax IMAGE DISC: icedax's info-only report equals the layout.
judge_icedax() {
	if ! timeout 150 icedax -D "$sg" -J -N -g -v toc,indices,catalog,trackid \
		>"$T/ice.out" 2>"$T/ice.err"; then
		fail "$1: icedax failed: $(tail -3 "$T/ice.err" | tr '\r\n' '  ')"
		return
	fi
	if $MK icedax "$FX" "$2" <"$T/ice.err" >"$T/ice.bad"; then
		ok "$1: icedax (lengths, CDDB id, MCN, ISRC, indexes, CD-Text) = layout"
	else
		fail "$1: icedax differs from the layout:"
		sed 's/^/#   /' "$T/ice.bad"
		tr '\r' '\n' <"$T/ice.err" | sed 's/^/#   icedax: /'
	fi
}

# cdp_status: $CT (track), $CA (absolute time, whole seconds) and $CS
# (drive state) from `cdda-player -S`, run between the wall-clock times
# $W0 and $W1; all empty when it reports no position.
cdp_status() {
	local out t m s st
	W0=$(date +%s.%N)
	out=$(timeout 20 cdda-player -S "$sr" </dev/null 2>&1)
	W1=$(date +%s.%N)
	log "cdda-player -S ($W0..$W1): $out"
	read -r t m s st <<<"$(echo "$out" | sed -n 's/.*track *\([0-9]*\) - [0-9:]* (\([0-9]*\):\([0-9]*\) abs) drive state: *\(.*\)/\1 \2 \3 \4/p')"
	CT= CA= CS=
	[ -n "$st" ] && CT=$t CA=$((10#$m * 60 + 10#$s)) CS=$st
}
# cdioctl REQUEST: an argument-less ioctl of the kernel's cdrom layer.
cdioctl() {
	python3 -c "import fcntl, os; fcntl.ioctl(os.open('$sr', os.O_RDONLY | os.O_NONBLOCK), $1)"
}
# cdclock FILE: CDROMRESUME, 3 s, CDROMPAUSE from one process; FILE gets
# the wall-clock times before and after each of the two ioctls.
cdclock() {
	python3 - "$sr" >"$1" <<-'EOF'
	import fcntl, os, sys, time
	fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
	r0 = time.time(); fcntl.ioctl(fd, 0x5302); r1 = time.time()
	time.sleep(3)
	q0 = time.time(); fcntl.ioctl(fd, 0x5301); q1 = time.time()
	print("%.6f %.6f %.6f %.6f" % (r0, r1, q0, q1))
	EOF
}
# track_of SECONDS: the tracks whose sectors fall in that second of
# absolute time (a second can span a track change).
track_of() {
	local a=$(($1 * 75 - 150)) b=$(($1 * 75 - 150 + 74)) n out=
	for n in $TRACKS; do
		[ "$(tv "$n" END)" -gt "$a" ] &&
			[ $(($(tv "$n" START) - $(tv "$n" PREGAP))) -le "$b" ] && out="$out $n"
	done
	echo "$out"
}
# clock_ok WHAT S0 W0a W0b S1 W1a W1b: S1 - S0 (whole seconds of abs
# time) is the wall time between the events that fixed them (one between
# W0a and W0b, the other between W1a and W1b), give or take the one second
# each reading may have lost to truncation.
clock_ok() {
	local lo hi
	lo=$(python3 -c "import math; print(math.floor($6 - $4) - 1)")
	hi=$(python3 -c "import math; print(math.ceil($7 - $3) + 1)")
	check "$1: abs time moved $(($5 - $2)) s in [$lo, $hi]" test $(($5 - $2)) -ge "$lo" -a $(($5 - $2)) -le "$hi"
}

layout mixed
if mt_attach mixed.cue; then
	judge_icedax mixed.cue mixed
	# `-t 2` plays from track 2 for about 9 s, and a loaded TCG guest (or
	# the debug kernel) can take seconds to start a client: the clock is
	# measured on a second play, paused at once, between a resume and a
	# pause sent by one process (no client start while it plays), with
	# cdda-player reading the held positions.
	check "cdda-player -t 2" timeout 30 cdda-player -t 2 "$sr"
	cdp_status
	expect_eq "cdda-player -S: playing" "$CS" playing
	check "cdda-player -S: abs time ${CA:-?} s is from track 2 on" \
		test "${CA:-0}" -ge $(((T2_START + 150) / 75))
	check "cdda-player -t 2, a fresh play" timeout 30 cdda-player -t 2 "$sr"
	check "CDROMPAUSE" cdioctl 0x5301
	cdp_status; p0=$CA
	expect_eq "cdda-player -S: paused" "$CS" paused
	sleep 2
	cdp_status
	expect_eq "cdda-player -S: paused, the position holds" "$CA $CS" "$p0 paused"
	r0= r1= q0= q1=
	check "CDROMRESUME, 3 s, CDROMPAUSE" cdclock "$T/clock" &&
		read -r r0 r1 q0 q1 <"$T/clock"
	cdp_status; p1=$CA
	expect_eq "cdda-player -S: paused again" "$CS" paused
	if [ -n "$p0" ] && [ -n "$p1" ] && [ -n "$q1" ]; then
		case " $(track_of "$p1") " in
		*" $CT "*) ok "track $CT is the layout's at $p1 s" ;;
		*) fail "track $CT at $p1 s; the layout has $(track_of "$p1")" ;;
		esac
		clock_ok "playing" "$p0" "$r0" "$r1" "$p1" "$q0" "$q1"
	fi
	check "CDROMRESUME again" cdioctl 0x5302
	cdp_status
	# playing on from the pause, or already at the end (a paused play
	# never completes)
	check "cdda-player -S: resumed from ${p1:-?} s ($CS at ${CA:-?} s)" \
		test "$CS" = completed -o "$CS" = playing -a "${CA:-0}" -ge "${p1:-1}"
	check "cdda-player -t 2, once more" timeout 30 cdda-player -t 2 "$sr"
	check "cdda-player -s" timeout 30 cdda-player -s "$sr"
	# stopped: no status, whatever the time (not completed: it was cut)
	for k in 1 2; do
		out=$(timeout 20 cdda-player -S "$sr" </dev/null 2>&1)
		log "cdda-player -S: $out"
		case $out in
		*"state: no status"*) ok "after -s ($k): no status" ;;
		*) fail "after -s ($k): $out" ;;
		esac
		sleep 1
	done
	mt_detach
fi

layout audio
if mt_attach audio.cue; then
	judge_icedax audio.cue audio
	mt_detach
fi
finish
