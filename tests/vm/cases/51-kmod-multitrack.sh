# A mixed-mode, two-session CD layout built here from independent data
# (genisoimage, PCM that encodes each sample's index, tests/vm/cdencode.py
# for raw sectors): raw Mode 1 data, audio with its pregap unstored and
# stored, XA Form 1 and Form 2, then a second session of cooked Mode 1.
# Judged by the bytes READ TOC, READ CD and READ(10) return (READ(10) of
# the raw tracks also from ext4 with a cold, a warm and a partly filled
# page cache, the two ways kmod/rawread.c reads them), by the sense
# of reads the disc cannot serve, by cdsector.py and cdencode.py on raw
# sectors, by cdparanoia and cd-info on the drive, and by mount of both
# sessions.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
ENC=$DL_REPO/tests/vm/cdencode.py
CHK=$DL_REPO/tests/vm/cdsector.py
dl_load

# Session 1, track 1: an ISO framed as raw Mode 1 from LBA 0.
mkdir -p "$T/s1" "$T/s2"
echo "session one" >"$T/s1/ONE.TXT"
head -c 300000 /dev/urandom >"$T/s1/data.bin"
genisoimage -quiet -V SESSION1 -o "$T/t1.iso" "$T/s1" || die genisoimage
L1=$(( $(stat -c %s "$T/t1.iso") / 2048 ))
python3 "$ENC" mode1 "$T/t1.iso" "$T/t1.raw" 0 || die "cdencode mode1"
# Tracks 2 and 3: PCM whose samples count up (L = n, R = n ^ 5a5a).
pcm() {	# FILE FIRST-SAMPLE SECTORS
	python3 - "$@" <<'PY'
import struct, sys
f, n0, secs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(f, 'wb') as o:
    o.write(b''.join(struct.pack('<HH', n & 0xffff, ((n >> 16) ^ 0x5a5a) & 0xffff)
                     for n in range(n0, n0 + secs * 588)))
PY
}
pcm "$T/t2.pcm" 0 300
pcm "$T/t3.pcm" 1000000 275	# 75 sectors of INDEX 00, then 200
T2=$((L1 + 150)); T3=$((T2 + 300 + 75)); T3END=$((T3 + 200))
# Track 4: XA, 10 Form 1 sectors then 10 Form 2 sectors.
T4=$((T3END + 150))
head -c $((2048 * 10)) /dev/urandom >"$T/f1.dat"
head -c $((2324 * 10)) /dev/urandom >"$T/f2.dat"
python3 "$ENC" form1 "$T/f1.dat" "$T/f1.raw" $T4 || die "cdencode form1"
python3 "$ENC" form2 "$T/f2.dat" "$T/f2.raw" $((T4 + 10)) || die "cdencode form2"
cat "$T/f1.raw" "$T/f2.raw" >"$T/t4.raw"
T4END=$((T4 + 20))
# Session 2: track 5, a cooked ISO whose addresses start at its LBA.
T5=$((T4END + 11400))
echo "session two" >"$T/s2/TWO.TXT"
genisoimage -quiet -V SESSION2 -C 0,$T5 -o "$T/t5.iso" "$T/s2" || die "genisoimage -C"
L5=$(( $(stat -c %s "$T/t5.iso") / 2048 ))
END=$((T5 + L5))

cat >"$T/disc.spec" <<SPEC
disc type=0x20 mcn=0731452146257
track number=1 session=1 type=mode1 file=$T/t1.raw size=2352 offset=0 start=0 pregap=150 stored=0 length=$L1 postgap=0
track number=2 session=1 type=audio file=$T/t2.pcm size=2352 offset=0 start=$T2 pregap=150 stored=0 length=300 postgap=0 control=2
track number=3 session=1 type=audio file=$T/t3.pcm size=2352 offset=0 start=$T3 pregap=75 stored=75 length=200 postgap=0 control=1 isrc=USABC2600017
index track=3 index=2 lba=$((T3 + 100))
track number=4 session=1 type=xa file=$T/t4.raw size=2352 offset=0 start=$T4 pregap=150 stored=0 length=20 postgap=0
track number=5 session=2 type=mode1 file=$T/t5.iso size=2048 offset=0 start=$T5 pregap=150 stored=0 length=$L5 postgap=0
SPEC
cat "$T/disc.spec"
sr=$(dl_add) || die "add failed"
$DLCTL insert-disc 0 "$T/disc.spec" || die "INSERT_DISC failed"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null	# the media change
sense_of "$sg" 000000000000 >/dev/null

hexof() { od -An -tx1 -v "$1" | tr -d ' \n'; }
# READ TOC format 0 (LBA): every track, then the lead-out.
$SGCMD "$sg" 430000000000000400000 1024 -o "$T/toc0" >/dev/null
want=$(printf '%04x0105' $((2 + 8 * 6)))
for d in "14 1 0" "12 2 $T2" "11 3 $T3" "14 4 $T4" "14 5 $T5" "14 aa $END"; do
	set -- $d
	want=$want$(printf '00%s%02x00%08x' $1 $((0x$2)) $3)
done
expect_eq "READ TOC format 0" "$(hexof "$T/toc0")" "$want"
# format 1, and the legacy form sr_cd_check sends: the last session
$SGCMD "$sg" 43000000000000000c40 12 -o "$T/toc1" >/dev/null
expect_eq "READ TOC legacy format 1" "$(hexof "$T/toc1")" "$(printf '000a0102001405%02x%08x' 0 $T5)"
$SGCMD "$sg" 43000100000000000c00 12 -o "$T/toc1b" >/dev/null
expect_eq "READ TOC format 1" "$(hexof "$T/toc1b")" "$(hexof "$T/toc1")"
# format 2: per session A0 A1 A2, the tracks, B0 for session 1
$SGCMD "$sg" 430002000000000400000 1024 -o "$T/toc2" >/dev/null
got=$(python3 - "$T/toc2" <<'PY'
import sys
b = open(sys.argv[1], 'rb').read()
n = (b[0] << 8 | b[1]) - 2
for i in range(4, 4 + n, 11):
    d = b[i:i + 11]
    print('%d %02x %02x %02d:%02d:%02d %02d:%02d:%02d' % (d[0], d[1], d[3], d[4], d[5], d[6], d[8], d[9], d[10]))
PY
)
echo "$got"
msf() { local a=$(($1 + 150)); printf '%02d:%02d:%02d' $((a / 4500)) $((a / 75 % 60)) $((a % 75)); }
want="1 14 a0 00:00:00 01:32:00
1 14 a1 00:00:00 04:00:00
1 14 a2 00:00:00 $(msf $T4END)
1 14 01 00:00:00 $(msf 0)
1 12 02 00:00:00 $(msf $T2)
1 11 03 00:00:00 $(msf $T3)
1 14 04 00:00:00 $(msf $T4)
1 54 b0 $(msf $((T5 - 150))) $(msf $END)
2 14 a0 00:00:00 05:32:00
2 14 a1 00:00:00 05:00:00
2 14 a2 00:00:00 $(msf $END)
2 14 05 00:00:00 $(msf $T5)"
expect_eq "READ TOC format 2" "$got" "$want"

# READ CD of the audio: the stored bytes exactly; the unstored pregap: silence.
$SGCMD "$sg" be00$(printf '%08x' $T2)00012c100000 $((300 * 2352)) -o "$T/r2" >/dev/null
check "READ CD track 2 = its PCM" cmp "$T/r2" "$T/t2.pcm"
$SGCMD "$sg" be04$(printf '%08x' $((T3 - 75)))000113f80000 $((275 * 2352)) -o "$T/r3" >/dev/null
check "READ CD track 3 with its stored pregap = its PCM" cmp "$T/r3" "$T/t3.pcm"
$SGCMD "$sg" be00$(printf '%08x' $((T2 - 150)))000096100000 $((150 * 2352)) -o "$T/r2p" >/dev/null
head -c $((150 * 2352)) /dev/zero >"$T/zero150"
check "unstored pregap is digital silence" cmp "$T/r2p" "$T/zero150"
# Raw Mode 1: the stored sectors, which the independent checker accepts.
$SGCMD "$sg" be0800000010000020f80000 $((32 * 2352)) -o "$T/r1" >/dev/null
check "READ CD raw Mode 1 sectors pass cdsector.py" python3 "$CHK" "$T/r1" "$T/t1.iso" 16 32
# READ(10) of the raw-stored track: its user data; of XA Form 1: its data.
check "dd of track 1 = the ISO" sh -c "dd if=$sr bs=2048 count=$L1 2>/dev/null | cmp - $T/t1.iso"
$SGCMD "$sg" 28000000$(printf '%04x' $T4)00000a00 $((10 * 2048)) -o "$T/r4" >/dev/null
check "READ(10) of Form 1 sectors = their data" cmp "$T/r4" "$T/f1.dat"
# XA through READ CD: both forms framed right (cdencode.py check-xa).
$SGCMD "$sg" be00$(printf '%08x' $T4)000014f80000 $((20 * 2352)) -o "$T/r4raw" >/dev/null
check "READ CD of XA sectors = stored, and pass check-xa" sh -c "cmp $T/r4raw $T/t4.raw && python3 $ENC check-xa $T/r4raw $T4 20"
$SGCMD "$sg" be14$(printf '%08x' $((T4 + 10)))00000a100000 $((10 * 2328)) -o "$T/r4f2" >/dev/null
python3 -c "
import sys; r = open('$T/f2.raw','rb').read()
sys.stdout.buffer.write(b''.join(r[k*2352+24:k*2352+2352] for k in range(10)))" >"$T/f2.user"
check "READ CD Form 2 user data is 2328 bytes a sector" cmp "$T/r4f2" "$T/f2.user"
# The unstored XA pregap: empty Form 2 sectors, framed.
$SGCMD "$sg" be00$(printf '%08x' $((T4 - 150)))000096f80000 $((150 * 2352)) -o "$T/r4p" >/dev/null
check "unstored XA pregap passes check-xa" python3 "$ENC" check-xa "$T/r4p" $((T4 - 150)) 150

# What the disc cannot serve.
r=$($SGCMD "$sg" 28000000$(printf '%04x' $((T2 + 5)))00000100 2048)
expect_eq "READ(10) of audio: 05/64/00 ILI at the LBA" \
	"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\).*ili=\(.\).*/\1 \2 \3 \4/')" "05/64/00 1 $((T2 + 5)) 1"
r=$($SGCMD "$sg" 28000000$(printf '%04x' $((T4 + 8)))00000400 $((4 * 2048)))
expect_eq "READ(10) reaching Form 2: 05/64/00 at its LBA, the rest moved" \
	"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\) resid=\([^ ]*\).*/\1 \2 \3 \4/')" "05/64/00 1 $((T4 + 10)) 4096"
r=$($SGCMD "$sg" 28000000$(printf '%04x' $((T4END + 100)))00000100 2048)
expect_eq "READ(10) in the session gap: 05/21/00 at the LBA" \
	"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\).*/\1 \2 \3/')" "05/21/00 1 $((T4END + 100))"
expect_eq "READ CD in the session gap" "$(sense_of "$sg" be00$(printf '%08x' $((T4END + 5)))000001f80000 2352)" 05/21/00
expect_eq "READ CD past the lead-out" "$(sense_of "$sg" be00$(printf '%08x' $END)000001f80000 2352)" 05/21/00
expect_eq "READ CD type Mode 1 of audio" "$(sense_of "$sg" be08$(printf '%08x' $T2)000001f80000 2352)" 05/64/00
expect_eq "READ CD type CD-DA of data" "$(sense_of "$sg" be04$(printf '%08x' 16)000001f80000 2352)" 05/64/00
expect_eq "READ CD header+EDC (illegal)" "$(sense_of "$sg" be00$(printf '%08x' 16)000001280000 2352)" 05/24/00
# READ CD of any type (0) ends where CD-DA and data meet, either way:
# 05/64/00 at the first sector of the other kind, those before it moved.
rcx() {	# WHAT FIRST-LBA EDGE-LBA CDB-TYPE-BYTE: 4 sectors across the edge
	local what=$1 lba=$2 edge=$3 r
	r=$($SGCMD "$sg" be$4$(printf '%08x' "$lba")000004f80000 $((4 * 2352)) -o "$T/rx")
	expect_eq "$what: 05/64/00 at the edge, the rest moved" \
		"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\) resid=\([^ ]*\).*/\1 \2 \3 \4/')" \
		"05/64/00 1 $edge $(((4 - edge + lba) * 2352))"
	$SGCMD "$sg" be00$(printf '%08x' "$lba")0000$(printf '%02x' $((edge - lba)))f80000 \
		$(((edge - lba) * 2352)) -o "$T/rxw" >/dev/null
	check "$what: the sectors before the edge" cmp "$T/rx" "$T/rxw"
}
rcx "READ CD any type, data into audio" $((L1 - 3)) $L1 00
rcx "READ CD any type, audio into data (XA pregap)" $((T3END - 1)) $T3END 00
# READ CD MSF of any type across the same edge
mh() { local a=$(($1 + 150)); printf '%02x%02x%02x' $((a / 4500)) $((a / 75 % 60)) $((a % 75)); }
r=$($SGCMD "$sg" b90000$(mh $((L1 - 1)))$(mh $((L1 + 2)))f80000 $((3 * 2352)))
expect_eq "READ CD MSF any type, data into audio: 05/64/00 at the edge" \
	"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\) resid=\([^ ]*\).*/\1 \2 \3 \4/')" \
	"05/64/00 1 $L1 $((2 * 2352))"
# a type 0 read that stays on one side still runs on (XA forms change)
expect_eq "READ CD any type, Form 1 into Form 2: no stop" \
	"$(sense_of "$sg" be00$(printf '%08x' $((T4 + 8)))000004f80000 $((4 * 2352)))" none

# Sub-channel: Q of the stored pregap of track 3 counts down, index 0, P set.
$SGCMD "$sg" be00$(printf '%08x' $((T3 - 10)))000001f80200 $((2352 + 16)) -o "$T/q" >/dev/null
expect_eq "formatted Q in track 3's pregap" "$(tail -c 16 "$T/q" | od -An -tx1 | tr -d ' \n' | cut -c1-20,31-32)" \
	"11030000001000$(msf $((T3 - 10)) | tr -d :)80"
# READ SUB-CHANNEL: MCN and the ISRC of track 3
$SGCMD "$sg" 42004002000000001800 24 -o "$T/mcn" >/dev/null
expect_eq "MCN" "$(dd if=$T/mcn bs=1 skip=9 count=13 2>/dev/null)" 0731452146257
$SGCMD "$sg" 42004003000003001800 24 -o "$T/isrc" >/dev/null
expect_eq "ISRC of track 3" "$(dd if=$T/isrc bs=1 skip=9 count=12 2>/dev/null)" USABC2600017
# READ TRACK INFORMATION of track 5 and of the session 2
$SGCMD "$sg" 52010000000500003000 48 -o "$T/ti" >/dev/null
expect_eq "track information, track 5" "$(hexof "$T/ti" | cut -c5-8,17-24,49-56)" "0502$(printf '%08x%08x' $T5 $L5)"
$SGCMD "$sg" 51000000000000002200 34 -o "$T/di" >/dev/null
expect_eq "disc information: sessions, last session's tracks, XA" "$(hexof "$T/di" | cut -c7-18)" 010205052020

# Clients: cdparanoia's table and cd-info's track list.
cdparanoia -d "$sr" -Q >"$T/cdp" 2>&1
cat "$T/cdp"
check "cdparanoia: track 2, 375 sectors from $T2" grep -Eq "^ +2\. +375 .* +$T2 " "$T/cdp"
check "cdparanoia: track 3, 200 sectors + its data-track gap" grep -Eq "^ +3\. +$((T4 - T3)) .* +$T3 " "$T/cdp"
cd-info --no-header --no-device-info --no-cddb -C "$sr" >"$T/cdi" 2>&1
cat "$T/cdi"
check "cd-info: 5 tracks" grep -Eq "^ +5: .*data" "$T/cdi"
check "cd-info: audio track 2" grep -Eq "^ +2: .*audio" "$T/cdi"
check "cd-info: the last session" grep -Eiq "session.*$T5|$T5.*session" "$T/cdi"

# cdrdao reads the TOC and, from the sub-channel, pregaps, ISRC and MCN.
if timeout 300 cdrdao read-toc --device "$sr" --datafile "$T/cd.bin" "$T/cd.toc" >"$T/cdrdao.log" 2>&1; then
	cat "$T/cd.toc"
	expect_eq "cdrdao: audio tracks" "$(grep -c '^TRACK AUDIO' "$T/cd.toc")" 2
	check "cdrdao: the MCN" grep -q 'CATALOG "0731452146257"' "$T/cd.toc"
	check "cdrdao: track 3's ISRC" grep -q 'ISRC "USABC2600017"' "$T/cd.toc"
	check "cdrdao: track 3's pre-emphasis" grep -q '^PRE_EMPHASIS' "$T/cd.toc"
	check "cdrdao: track 3's 75-sector pregap" grep -q 'START 00:01:00' "$T/cd.toc"
else
	tail -20 "$T/cdrdao.log"
	fail "cdrdao read-toc"
fi

# mount: the last session by default; session=0 (isofs looks up track
# session + 1) is track 1.
ms=$(python3 - "$sr" <<'PY'
import fcntl, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
buf = bytearray(struct.pack("iBB2x", 0, 0, 1))	# addr, xa_flag, CDROM_LBA
fcntl.ioctl(fd, 0x5310, buf)			# CDROMMULTISESSION
addr, xa, fmt = struct.unpack("iBB2x", buf)
print("%d %d" % (addr, xa))
PY
)
expect_eq "CDROMMULTISESSION: the last session's offset, XA" "$ms" "$T5 1"
blkid -p "$sr"
mkdir -p "$T/m"
if mount -t iso9660 -o ro "$sr" "$T/m" 2>"$T/merr"; then
	ls "$T/m"
	check "mount picks the last session" test -f "$T/m/two.txt"
	umount "$T/m"
else
	fail "mount: $(cat "$T/merr")"
fi
if mount -t iso9660 -o ro,session=0 "$sr" "$T/m" 2>"$T/merr"; then
	check "mount -o session=0 reads track 1" cmp "$T/m/data.bin" "$T/s1/data.bin"
	umount "$T/m"
else
	fail "mount session=0: $(cat "$T/merr")"
fi

# The raw tracks from a disk file system, their page cache cold: the
# drive reads what is not cached through the file system (which reads
# ahead) and copies what is straight out of the page cache, both within
# one command. With readahead off and scattered pages of the file cached
# first, every command mixes the two.
r10() {	# LBA SECTORS OUT: READ(10) straight to the drive, no block cache
	$SGCMD "$sg" 2800$(printf '%08x' "$1")00$(printf '%04x' "$2")00 $(($2 * 2048)) -o "$3"
}
cold_reads() {	# WHAT
	local what=$1 i r
	: >"$T/rc1"
	for ((i = 0; i < L1; i += 64)); do
		r10 $i $((L1 - i < 64 ? L1 - i : 64)) "$T/rcx" >/dev/null
		cat "$T/rcx" >>"$T/rc1"
	done
	check "$what: READ(10) of the raw Mode 1 track = the ISO" cmp "$T/rc1" "$T/t1.iso"
	r=$(r10 $((T4 + 8)) 4 "$T/rc4")
	expect_eq "$what: READ(10) reaching Form 2: 05/64/00 at its LBA" \
		"$(echo "$r" | sed 's/.*sense=\([^ ]*\) valid=\([^ ]*\) info=\([^ ]*\) resid=\([^ ]*\).*/\1 \2 \3 \4/')" "05/64/00 1 $((T4 + 10)) 4096"
	check "$what: the Form 1 sectors before it" cmp -i 0:16384 -n 4096 "$T/rc4" "$T/f1.dat"
}
truncate -s 32M "$T/ext4.img"
mkdir -p "$T/e"
if mkfs.ext4 -q -F "$T/ext4.img" && mount -o loop "$T/ext4.img" "$T/e"; then
	cp "$T/t1.raw" "$T/t4.raw" "$T/e/"
	sed -e "s|file=$T/t1.raw|file=$T/e/t1.raw|" -e "s|file=$T/t4.raw|file=$T/e/t4.raw|" \
		"$T/disc.spec" >"$T/ext4.spec"
	$DLCTL insert-disc 0 "$T/ext4.spec" || fail "INSERT_DISC from ext4"
	sense_of "$sg" 000000000000 >/dev/null
	sync
	echo 3 >/proc/sys/vm/drop_caches
	cold_reads "cold page cache"
	cold_reads "warm page cache"
	loopdev=$(findmnt -n -o SOURCE "$T/e")
	blockdev --setra 0 "$loopdev"
	echo 3 >/proc/sys/vm/drop_caches
	for p in 1 5 6 17 40 41 60 99; do
		dd if="$T/e/t1.raw" of=/dev/null bs=4096 skip=$p count=1 2>/dev/null
	done
	cold_reads "partly cached, no readahead"
	$DLCTL insert-disc 0 "$T/disc.spec" || fail "INSERT_DISC back from tmpfs"
	sense_of "$sg" 000000000000 >/dev/null
	umount "$T/e" || fail "umount ext4"
else
	fail "an ext4 file system on a loop device"
fi

# Stored sub-channel is served verbatim (raw P-W, or CloneCD's linear
# layout interleaved), and CD-TEXT packs come back from READ TOC format 5.
head -c $((96 * 20)) /dev/urandom >"$T/sub.raw"
head -c $((18 * 3)) /dev/urandom >"$T/text.cdt"
{ cat "$T/disc.spec"; echo "sub file=$T/sub.raw layout=raw lba=$T2"; echo "cdtext file=$T/text.cdt"; } >"$T/sub.spec"
$DLCTL insert-disc 0 "$T/sub.spec" || fail "INSERT_DISC with a sub-channel file"
sense_of "$sg" 000000000000 >/dev/null
$SGCMD "$sg" be00$(printf '%08x' $T2)00000af80100 $((10 * 2448)) -o "$T/rsub" >/dev/null
python3 - "$T/rsub" "$T/sub.raw" "$T/t2.pcm" <<'PY' >"$T/subchk"
import sys
r, sub, pcm = (open(f, 'rb').read() for f in sys.argv[1:4])
ok = all(r[k*2448:k*2448+2352] == pcm[k*2352:(k+1)*2352] and
         r[k*2448+2352:(k+1)*2448] == sub[k*96:(k+1)*96] for k in range(10))
print('verbatim' if ok else 'differs')
PY
expect_eq "READ CD 001b: the stored raw P-W" "$(cat "$T/subchk")" verbatim
$SGCMD "$sg" be00$(printf '%08x' $((T2 + 3)))000001000200 16 -o "$T/fq" >/dev/null
want=$(python3 -c "
s = open('$T/sub.raw', 'rb').read()[3*96:4*96]
q = bytearray(12)
for i in range(96): q[i // 8] |= ((s[i] >> 6) & 1) << (7 - i % 8)
print((bytes(q) + bytes(3) + bytes([s[0] & 0x80])).hex())")
expect_eq "READ CD 010b: Q of the stored sub-channel" "$(hexof "$T/fq")" "$want"
$SGCMD "$sg" 43000500000000040000 1024 -o "$T/toc5" >/dev/null
expect_eq "READ TOC format 5: the CD-TEXT packs" "$(hexof "$T/toc5")" "00380000$(hexof "$T/text.cdt")"
{ cat "$T/disc.spec"; echo "sub file=$T/sub.raw layout=linear lba=$T2"; } >"$T/lin.spec"
$DLCTL insert-disc 0 "$T/lin.spec" || fail "INSERT_DISC with a linear sub-channel file"
sense_of "$sg" 000000000000 >/dev/null
$SGCMD "$sg" be00$(printf '%08x' $T2)000001000100 96 -o "$T/rlin" >/dev/null
want=$(python3 -c "
s = open('$T/sub.raw', 'rb').read()[:96]
print(bytes(sum(((s[ch*12 + i//8] >> (7 - i%8)) & 1) << (7 - ch) for ch in range(8)) for i in range(96)).hex())")
expect_eq "READ CD 001b: a linear sub-channel interleaved" "$(hexof "$T/rlin")" "$want"
$DLCTL remove 0 || fail "remove"
finish
