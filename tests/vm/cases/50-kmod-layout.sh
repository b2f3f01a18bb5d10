# DISCLOOP_CTL_INSERT_DISC and GET_DISC (ABI 2): every invalid field of a
# layout is refused with its errno and leaves nothing referenced (the
# drive keeps its disc; eject, remove and rmmod work afterwards); a valid
# layout comes back from GET_DISC as it went in; an ISO is a one-track
# disc.
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
dl_load
mktree "$T/tree" 1
mkiso "$T/a.iso" "$T/tree" -V LAYOUT
sr=$(dl_add "$T/a.iso") || die "add failed"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null	# consume the unit attention
iso_sectors=$(( $(stat -c %s "$T/a.iso") / 2048 ))

# The ISO: one MODE1 track of 2048-byte sectors from LBA 0.
got=$($DLCTL get-disc 0 | grep '^track')
expect_eq "ISO as a layout" "$got" \
	"track number=1 session=1 type=1 file=- fd=-1 size=2048 offset=0 start=0 pregap=0 stored=0 length=$iso_sectors postgap=0 control=4 flags=0 isrc=-"
$SGCMD "$sg" 43000000000000000c00 12 -o "$T/toc" >/dev/null
expect_eq "ISO: READ TOC format 0, track 1" "$(od -An -tx1 -v "$T/toc" | tr -d ' \n')" \
	"$(printf '0012010100140100%08x' 0)"

# Files: 10 audio sectors, 10 raw sectors, a CD-TEXT blob of 20 bytes.
head -c $((2352 * 10)) /dev/urandom >"$T/a.bin"
head -c $((2352 * 10)) /dev/urandom >"$T/d.bin"
head -c 20 /dev/zero >"$T/bad.cdt"
head -c 36 /dev/zero >"$T/good.cdt"

# A valid two-session layout; every case below changes one thing in it.
good() {
	cat <<SPEC
disc type=0x20 mcn=0123456789012
track number=1 session=1 type=audio file=$T/a.bin size=2352 offset=0 start=0 pregap=150 stored=0 length=10 postgap=0 control=2 isrc=USABC2600001
track number=2 session=1 type=mode1 file=$T/d.bin size=2352 offset=0 start=160 pregap=150 stored=10 length=10 postgap=0
index track=2 index=2 lba=165
track number=3 session=2 type=xa file=$T/a.bin size=2336 offset=0 start=20000 pregap=150 stored=0 length=10 postgap=2
cdtext file=$T/good.cdt
SPEC
}
good >"$T/good.spec"
check "a valid layout is inserted" $DLCTL insert-disc 0 "$T/good.spec"
$DLCTL get-disc 0 >"$T/got"
cat "$T/got"
expect_eq "GET_DISC: disc" "$(head -1 "$T/got")" \
	"disc type=32 mcn=0123456789012 sub_layout=0 sub_fd=-1 sub_lba=0 sub_offset=0"
expect_eq "GET_DISC: track 1" "$(sed -n 2p "$T/got")" \
	"track number=1 session=1 type=0 file=- fd=-1 size=2352 offset=0 start=0 pregap=150 stored=0 length=10 postgap=0 control=2 flags=0 isrc=USABC2600001"
expect_eq "GET_DISC: track 2" "$(sed -n 3p "$T/got")" \
	"track number=2 session=1 type=1 file=- fd=-1 size=2352 offset=0 start=160 pregap=150 stored=10 length=10 postgap=0 control=4 flags=0 isrc=-"
expect_eq "GET_DISC: track 3" "$(sed -n 4p "$T/got")" \
	"track number=3 session=2 type=3 file=- fd=-1 size=2336 offset=0 start=20000 pregap=150 stored=0 length=10 postgap=2 control=4 flags=0 isrc=-"
expect_eq "GET_DISC: index" "$(sed -n 5p "$T/got")" "index track=2 index=2 lba=165"
expect_eq "GET_DISC: CD-TEXT" "$(sed -n 6p "$T/got")" "cdtext_len=36"
expect_eq "INSERT_DISC is a media change" "$(sense_of "$sg" 000000000000)" 06/28/00
$SGCMD "$sg" 25000000000000000000 8 -o "$T/cap" >/dev/null
expect_eq "READ CAPACITY: last LBA before the final lead-out" "$(od -An -tx1 -v "$T/cap" | tr -d ' \n')" \
	"$(printf '%08x00000800' $((20000 + 10 + 2 - 1)))"

# bad NAME ERRNO SED: the valid spec edited by SED must fail with ERRNO.
bad() {
	good | sed "$3" >"$T/bad.spec"
	local e
	e=$($DLCTL insert-disc 0 "$T/bad.spec" 2>/dev/null | sed -n 's/^errno=//p')
	expect_eq "refused: $1" "${e:-accepted}" "$2"
}
EINVAL=22 EBADF=9 ELOOP=40
bad "track number 0" $EINVAL 's/number=1 /number=0 /'
bad "track numbers not consecutive" $EINVAL 's/number=3 /number=4 /'
bad "track number 100" $EINVAL 's/number=1 session=1/number=98 session=1/; s/number=2 session=1/number=99 session=1/; s/number=3 session=2/number=100 session=2/; s/track=2 index/track=99 index/'
bad "first session not 1" $EINVAL 's/session=1/session=2/g; s/session=2 type=xa/session=3 type=xa/'
bad "sessions decreasing" $EINVAL '/number=3/s/session=2/session=0/'
bad "session skipped" $EINVAL '/number=3/s/session=2/session=3/'
bad "gap inside a session" $EINVAL '/number=2/s/start=160/start=161/'
bad "overlap inside a session" $EINVAL '/number=2/s/start=160/start=159/'
bad "session not past the lead-out" $EINVAL '/number=3/s/start=20000/start=170/'
bad "past 99:59:74" $EINVAL '/number=3/s/start=20000/start=449840/'
bad "first track after LBA 0" $EINVAL '/number=1 /s/pregap=150/pregap=0/; /number=1 /s/start=0/start=5/; /number=2/s/start=160/start=165/; s/lba=165/lba=170/'
bad "pregap before 00:00:00" $EINVAL '/number=1 /s/pregap=150/pregap=151/'
bad "mode1 with 2336-byte sectors" $EINVAL '/number=2/s/size=2352/size=2336/'
bad "audio with 2048-byte sectors" $EINVAL '/number=1 /s/size=2352/size=2048/'
bad "sector size 1234" $EINVAL '/number=3/s/size=2336/size=1234/'
bad "audio with the data bit" $EINVAL '/number=1 /s/control=2/control=6/'
bad "data without the data bit" $EINVAL '/number=2/s/$/ control=0/'
bad "control above 4 bits" $EINVAL '/number=1 /s/control=2/control=0x12/'
bad "track type 4" $EINVAL '/number=2/s/type=mode1/type=4/'
bad "big-endian data track" $EINVAL '/number=2/s/$/ flags=1/'
bad "unknown track flag" $EINVAL '/number=1 /s/$/ flags=2/'
bad "pregap_stored > pregap" $EINVAL '/number=2/s/stored=10/stored=151/'
bad "length 0" $EINVAL '/number=3/s/length=10/length=0/'
bad "ISRC lower case" $EINVAL 's/USABC2600001/usabc2600001/'
bad "ISRC letter in the year" $EINVAL 's/USABC2600001/USABCX600001/'
bad "MCN with a letter" $EINVAL 's/mcn=0123456789012/mcn=012345678901A/'
bad "track reserved" $EINVAL '/number=2/s/$/ reserved=1/'
bad "index 1" $EINVAL 's/index=2 lba/index=1 lba/'
bad "index at INDEX 01" $EINVAL 's/lba=165/lba=160/'
bad "index past its track" $EINVAL 's/lba=165/lba=170/'
bad "index of a missing track" $EINVAL 's/track=2 index/track=5 index/'
bad "index reserved" $EINVAL 's/lba=165/lba=165 reserved=1/'
bad "indexes not increasing" $EINVAL 's/^index.*/&\nindex track=2 index=3 lba=164/'
bad "CD-TEXT not a multiple of 18" $EINVAL "s|good.cdt|bad.cdt|"
bad "disc flags" $EINVAL 's/^disc /disc flags=2 /'
bad "disc pad" $EINVAL 's/^disc /disc pad=1 /'
bad "disc reserved" $EINVAL 's/^disc /disc reserved=1 /'
bad "disc type 0x30" $EINVAL 's/type=0x20/type=0x30/'
bad "struct size too small" $EINVAL 's/^disc /disc size=16 /'
bad "no tracks" $EINVAL 's/^disc /disc nr_tracks=0 /'
bad "100 tracks" $EINVAL 's/^disc /disc nr_tracks=100 /'
bad "track_size too small" $EINVAL '1i track_size 40'
bad "sub-channel layout 3" $EINVAL "\$a sub file=$T/a.bin layout=3"
bad "sub-channel fd without a layout" $EINVAL "\$a sub file=$T/a.bin layout=0"
bad "track fd -1" $EINVAL "/number=2/s|file=[^ ]*|fd=-1|"
bad "track fd not open" $EBADF "/number=2/s|file=[^ ]*|fd=900|"
bad "track file a directory" $EINVAL "/number=2/s|file=[^ ]*|file=$T|"
bad "track file a character device" $EINVAL "/number=2/s|file=[^ ]*|file=/dev/zero|"
bad "track file a discloop drive" $ELOOP "/number=2/s|file=[^ ]*|file=$sr|"
bad "sub file not open" $EBADF "\$a sub fd=901 layout=raw"
bad "sub file a discloop drive" $ELOOP "\$a sub file=$sr layout=raw"
# a larger track struct whose extra bytes are zero is fine
good | sed '1i track_size 80' >"$T/big.spec"
check "track_size 80 with zero tail accepted" $DLCTL insert-disc 0 "$T/big.spec"

# A prevented medium removal refuses a new disc, unless forced.
sense_of "$sg" 000000000000 >/dev/null	# the last insert's unit attention
expect_eq "PREVENT MEDIUM REMOVAL" "$(sense_of "$sg" 1e0000000100)" none
e=$($DLCTL insert-disc 0 "$T/good.spec" 2>/dev/null | sed -n 's/^errno=//p')
expect_eq "INSERT_DISC into a locked drive" "${e:-accepted}" 16
good | sed 's/^disc /disc flags=1 /' >"$T/force.spec"
check "INSERT_DISC with DISCLOOP_FLAG_FORCE" $DLCTL insert-disc 0 "$T/force.spec"
sense_of "$sg" 000000000000 >/dev/null
expect_eq "ALLOW MEDIUM REMOVAL" "$(sense_of "$sg" 1e0000000000)" none

# Refusals left the valid disc in the drive, referenced once.
expect_eq "still the valid disc" "$($DLCTL get-disc 0 | sed -n 4p | cut -d' ' -f2-3)" "number=3 session=2"
# Both drives may share a file; a second drive takes the same layout.
i2=$($DLCTL add) || fail "second drive"
check "the same layout in a second drive" $DLCTL insert-disc "$i2" "$T/good.spec"
check "eject drive 0" $DLCTL eject 0
check "remove drive 0" $DLCTL remove 0
check "remove drive $i2" $DLCTL remove "$i2"
check "rmmod: nothing referenced" rmmod discloop
finish
