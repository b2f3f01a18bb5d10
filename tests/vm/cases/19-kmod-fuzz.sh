# CDB fuzzing over SG_IO (tests/fuzz/cdbfuzz): 100,000 mutated and random
# commands against a drive while a second thread ejects and re-inserts
# its medium; every reply must keep the rules (GOOD or CHECK CONDITION with
# documented fixed-format sense, sane resid, the image's bytes in READs).
# Then the same against a multi-track layout (tests/vm/mkdisc.py's "fuzz"
# disc: Mode 1, audio with unstored and stored pregaps, XA Form 1 and
# Form 2, a second session, stored sub-channel, CD-TEXT; inserted with
# INSERT_DISC): first a sweep of READ CD / READ CD MSF over every
# expected sector type and field selection at every edge of the layout,
# each answer exact (71,680 commands); then a fifth of the count (20,000)
# more, READ CD data compared with the fixture's bytes, with the layout
# ejected and re-inserted under them.
# Then the drive is removed under a running fuzzer, which must get an error
# at once and never hang; the image is never written. The seed is printed
# (DL_FUZZ_SEED replays it); DL_FUZZ_COUNT sets the count and
# DL_FUZZ_DISC_COUNT the layout's (the long tier's 72-long-fuzz sends a
# million).
# tier: gate
# vcpus: 2
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
FUZZ=$DL_REPO/tests/fuzz/cdbfuzz
[ -x "$FUZZ" ] || die "tests/fuzz/cdbfuzz not built (make testprogs)"
count=${DL_FUZZ_COUNT:-100000}
dcount=${DL_FUZZ_DISC_COUNT:-$((count / 5))}
seed=${DL_FUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

dl_load
mktree "$T/tree" 2
mkiso "$T/a.iso" "$T/tree" -V FUZZ
sum=$(sha256sum <"$T/a.iso")
sr=$(dl_add "$T/a.iso") || die "add"
sg=/dev/$(sg_of_sr "$sr")
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
log "fuzzing $sg (drive $idx), seed $seed"

check "$count commands with media changes keep the rules" \
	"$FUZZ" -s "$seed" -n "$count" -c "$idx" "$sg" "$T/a.iso"

# The drive still answers and reads the image.
$DLCTL insert "$idx" "$T/a.iso" 2>/dev/null
sense_of "$sg" 000000000000 >/dev/null
sense_of "$sg" 1e0000000000 >/dev/null
expect_eq "TEST UNIT READY after the storm" "$(sense_of "$sg" 000000000000)" none
expect_eq "the drive reads the image" "$(sha256sum <"$sr")" "$sum"

# The multi-track layout, from the fixture's own sectors.
FX=$T/fx
python3 "$DL_REPO/tests/vm/mkdisc.py" gen "$FX" fuzz || die "mkdisc.py gen fuzz"
python3 "$DL_REPO/tests/vm/mkdisc.py" spec "$FX" fuzz >"$T/fuzz.spec" || die "mkdisc.py spec"
cat "$T/fuzz.spec"
fxsum=$(cat "$FX"/expect/fuzz/* | sha256sum)
check "INSERT_DISC of the layout" $DLCTL insert-disc "$idx" "$T/fuzz.spec"
log "fuzzing the layout, seed $((seed + 2))"
check "layout: the READ CD sweep and $dcount commands with media changes keep the rules" \
	"$FUZZ" -s "$((seed + 2))" -n "$dcount" -c "$idx" -S -d "$T/fuzz.spec" "$sg"
# the media thread may have left the tray open, and the fuzzer medium
# removal prevented (ALLOW needs no medium; the first may meet a UA)
sense_of "$sg" 1e0000000000 >/dev/null
sense_of "$sg" 1e0000000000 >/dev/null
$DLCTL insert-disc "$idx" "$T/fuzz.spec" || fail "INSERT_DISC after the storm"
sense_of "$sg" 000000000000 >/dev/null
sense_of "$sg" 000000000000 >/dev/null
expect_eq "TEST UNIT READY after the layout storm" "$(sense_of "$sg" 000000000000)" none
expect_eq "the layout's files were never written" "$(cat "$FX"/expect/fuzz/* | sha256sum)" "$fxsum"
sense_of "$sg" 1e0000000000 >/dev/null
sense_of "$sg" 1e0000000000 >/dev/null
$DLCTL insert "$idx" "$T/a.iso" || die "insert the ISO again"
sense_of "$sg" 000000000000 >/dev/null
sense_of "$sg" 000000000000 >/dev/null

# Remove the drive under a fuzzer: it must end with an error, not hang.
"$FUZZ" -s "$((seed + 1))" -n 100000000 "$sg" "$T/a.iso" >"$T/late.out" 2>"$T/late.err" &
fz=$!
sleep 2
check "remove under the fuzzer" $DLCTL remove "$idx"
i=0
while kill -0 $fz 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 $fz 2>/dev/null; then
	fail "the fuzzer still runs 30 s after the drive went"
	kill -9 $fz
fi
wait $fz
rc=$?
cat "$T/late.out" "$T/late.err"
expect_eq "the fuzzer stopped with a broken rule (the drive is gone)" "$rc" 1
# sg refuses a detached device (ENODEV/ENXIO); a command that was already
# on its way when the device went completes with DID_NO_CONNECT or DID_ERROR.
check "what it met was a missing device" grep -Eq 'SG_IO failed: No such device|host status 0x(1|7),' "$T/late.err"
expect_eq "the image was never written" "$(sha256sum <"$T/a.iso")" "$sum"
finish
