# An interrupted rip (SIGINT, then SIGKILL) leaves an image and a ddrescue
# map that agree: every range the map calls finished holds the disc's data.
# --resume then completes it to the same hashes as an uninterrupted rip.
# Uses the scsi_debug CD-ROM stand-in, slowed down with --max-rate.
# tier: gate
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
cd "$T" || die "no tmp"

load_sd_cd dev_size_mb=4
[ -n "$sg" ] || die "no sg node for $sr"
head -c $((4 * 1048576)) /dev/urandom >pattern
sg_dd if=pattern of="/dev/$sg" bs=2048 2>/dev/null || die "sg_dd could not write the pattern"
want=$(sha256sum <pattern | cut -d' ' -f1)

# map_consistent MAP IMAGE: every '+' range of MAP equals the pattern.
map_consistent() {
	local pos size st n=0 bad=0
	# (no process substitution: the guest's /dev has no /dev/fd)
	grep -v '^#' "$1" | tail -n +2 >"$T/blocks"
	while read -r pos size st; do
		case $pos in 0x*) ;; *) continue ;; esac
		[ -n "$st" ] || continue	# the current_pos line has no size
		[ "$st" = + ] || continue
		n=$((n + 1))
		cmp -s -i $((pos)) -n $((size)) "$2" pattern || bad=$((bad + 1))
	done <"$T/blocks"
	log "$1: $n finished range(s), $bad inconsistent"
	[ "$bad" = 0 ] && [ "$n" -gt 0 ]
}

# wait_map_change OLD: until the map differs from OLD and has a finished range.
wait_map_change() {
	local i
	for i in $(seq 600); do
		if [ -f a.iso.map ] && grep -q ' +$' a.iso.map &&
		   [ "$(cat a.iso.map 2>/dev/null | grep -v '^#')" != "$1" ]; then
			return 0
		fi
		sleep 0.1
	done
	return 1
}

# 1. SIGINT: finishes the command, saves the map, exits 1 with a message.
"$DISCLOOP" rip --max-rate 128k --map-interval 1 --blocks 16 "/dev/$sg" a.iso >a.out 2>a.err &
pid=$!
wait_map_change "" || fail "no progress in the map"
kill -INT $pid
wait $pid
expect_eq "SIGINT exit" "$?" 1
check "SIGINT message mentions --resume" grep -q 'interrupted.*--resume' a.err
check "no hashes printed for a partial rip" sh -c '! grep -q SHA-256 a.out'
check "map after SIGINT is consistent" map_consistent a.iso.map a.iso
check "map after SIGINT is partial" grep -q ' ?$' a.iso.map

# 2. resume, then SIGKILL in the middle: still consistent.
"$DISCLOOP" rip --resume --max-rate 128k --map-interval 1 --blocks 16 "/dev/$sg" a.iso >/dev/null 2>&1 &
pid=$!
wait_map_change "$(grep -v '^#' a.iso.map)" || fail "no progress after resume"
sleep 0.5
kill -KILL $pid
wait $pid 2>/dev/null
check "map after SIGKILL is consistent" map_consistent a.iso.map a.iso
check "map after SIGKILL is partial" grep -q ' ?$' a.iso.map
check "no temporary map left behind... or only one" sh -c '[ $(ls a.iso.map.tmp.* 2>/dev/null | wc -l) -le 1 ]'

# 3. resume to the end: the same hashes as the disc.
"$DISCLOOP" rip --resume -q "/dev/$sg" a.iso >a.out 2>a.err
expect_eq "resume exit" "$?" 0
expect_eq "resumed image sha256" "$(sha256sum <a.iso | cut -d' ' -f1)" "$want"
expect_eq "printed SHA-256" "$(sed -n 's/^SHA-256 *//p' a.out)" "$want"
check "map finished" grep -q '^0x00000000  0x00400000  +$' a.iso.map

# 4. resume of a finished rip reads nothing and prints the same hashes.
"$DISCLOOP" rip --resume -q --json "/dev/$sg" a.iso >r.json
expect_eq "resume of finished rip exit" "$?" 0
check "nothing read again" python3 -c "import json; d=json.load(open('r.json')); assert d['bytes_read']==0 and d['hashes']['sha256']=='$want', d"

# 5. --resume without a map, or of another disc size, is refused.
cp a.iso b.iso
"$DISCLOOP" rip --resume -q "/dev/$sg" b.iso 2>err
expect_eq "resume without map" "$?" 1
check "says there is no map" grep -q 'no map' err
printf '# x\n0x0 +\n0x0 0x800 +\n' >b.iso.map
"$DISCLOOP" rip --resume -q "/dev/$sg" b.iso 2>err
expect_eq "resume with a map of another size" "$?" 1
check "says the map does not fit" grep -q 'another disc' err
rmmod scsi_debug
finish
