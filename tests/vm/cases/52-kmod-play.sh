# PLAY AUDIO with a virtual clock: the position READ SUB-CHANNEL reports
# moves 75 sectors a second while playing, holds while paused, and the
# status goes playing, paused, completed (once), none. Judged through
# SG_IO and through the kernel's cdrom layer (CDROMPLAYMSF, CDROMSUBCHNL).
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
dl_load
head -c $((2352 * 1500)) /dev/urandom >"$T/a1.pcm"
head -c $((2352 * 1500)) /dev/urandom >"$T/a2.pcm"
head -c $((2048 * 300)) /dev/urandom >"$T/d.iso"
cat >"$T/play.spec" <<SPEC
track number=1 session=1 type=audio file=$T/a1.pcm size=2352 offset=0 start=0 pregap=150 stored=0 length=1500 postgap=0
track number=2 session=1 type=audio file=$T/a2.pcm size=2352 offset=0 start=1650 pregap=150 stored=0 length=1500 postgap=45000
track number=3 session=1 type=mode1 file=$T/d.iso size=2048 offset=0 start=48300 pregap=150 stored=0 length=300 postgap=0
SPEC
sr=$(dl_add) || die "add failed"
$DLCTL insert-disc 0 "$T/play.spec" || die "INSERT_DISC failed"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null

# Track 2 plays for over 10 minutes (a long synthesised postgap), so that
# a slow guest never reaches its end before it pauses.
# pos: "STATUS TRACK INDEX ABS" from READ SUB-CHANNEL format 1, LBA form
pos() {
	$SGCMD "$sg" 42004001000000001000 16 -o "$T/sc" >/dev/null
	python3 -c "
b = open('$T/sc', 'rb').read()
print('%02x %d %d %d' % (b[1], b[6], b[7], int.from_bytes(b[8:12], 'big', signed=True)))"
}
expect_eq "no play yet" "$(pos)" "15 1 1 0"
expect_eq "PAUSE without a play" "$(sense_of "$sg" 4b000000000000000000)" 05/2c/00
expect_eq "PLAY AUDIO(10) of a data track" "$(sense_of "$sg" 45000000bcac0000a000)" 05/64/00
expect_eq "PLAY AUDIO(10) past the lead-out" "$(sense_of "$sg" 45000000000000ffff00)" 05/21/00
expect_eq "PLAY AUDIO(12) track 2" "$(sense_of "$sg" a500000006720000b5a40000)" none
sleep 2
set -- $(pos)
expect_eq "playing, track 2" "$1 $2 $3" "11 2 1"
check "the clock moved ($4)" test "$4" -gt $((1650 + 75)) -a "$4" -lt $((1650 + 46500))
expect_eq "PAUSE" "$(sense_of "$sg" 4b000000000000000000)" none
p1=$(pos)
sleep 1
expect_eq "paused: the position holds" "$(pos)" "$p1"
check "status paused" test "${p1%% *}" = 12
expect_eq "RESUME" "$(sense_of "$sg" 4b000000000000000100)" none
sleep 1
set -- $(pos)
check "resumed: playing again, further on ($4)" test "$1" = 11 -a "$4" -gt "$(echo "$p1" | cut -d' ' -f4)"
expect_eq "STOP PLAY/SCAN" "$(sense_of "$sg" 4e000000000000000000)" none
expect_eq "stopped" "$(pos | cut -d' ' -f1)" 15
# a short play runs to its end: completed, reported once
expect_eq "PLAY AUDIO(12) 30 sectors" "$(sense_of "$sg" a500000000640000001e0000)" none
sleep 1
expect_eq "completed" "$(pos | cut -d' ' -f1)" 13
expect_eq "then no status" "$(pos | cut -d' ' -f1)" 15

# The kernel's cdrom layer: CDROMPLAYMSF, then CDROMSUBCHNL.
out=$(python3 - "$sr" <<'PY'
import fcntl, os, struct, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
CDROMPLAYMSF, CDROMSUBCHNL, CDROM_LBA = 0x5303, 0x530b, 0x01
fcntl.ioctl(fd, CDROMPLAYMSF, struct.pack("6B", 0, 2, 0, 0, 22, 0))  # LBA 0 .. 1500
time.sleep(1)
buf = bytearray(struct.pack("BBBBBxxxii", CDROM_LBA, 0, 0, 0, 0, 0, 0))
fcntl.ioctl(fd, CDROMSUBCHNL, buf)
fmt, status, adrctl, trk, ind, absaddr, reladdr = struct.unpack("BBBBBxxxii", buf)
print("status=%#x trk=%d moved=%d" % (status, trk, 0 < absaddr < 1500 and absaddr == reladdr))
PY
) || fail "cdrom ioctls"
expect_eq "CDROMPLAYMSF then CDROMSUBCHNL" "$out" "status=0x11 trk=1 moved=1"
$DLCTL remove 0 || fail "remove"
finish
