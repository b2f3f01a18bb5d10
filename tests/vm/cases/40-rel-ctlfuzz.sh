# Control-ioctl fuzzing (tests/fuzz/ctlfuzz): random commands, sizes,
# versions, flags, indexes and pointers (NULL, unmapped, running into an
# unmapped page) on /dev/discloop-control, carrying every kind of fd: a
# pipe, a socket, a directory, O_PATH, write-only, closed, -1, memfd, a
# /proc file, /dev/null, an eventfd, the control device, another drive's
# node and a drive's own node. Every reply is success or a documented
# errno; afterwards every drive it made can be removed, the other drive
# still answers, and the image was never written (the harness then
# unloads the module and checks the kernel log). The
# seed is printed (DL_CTLFUZZ_SEED replays it; DL_CTLFUZZ_COUNT sets the
# count).
# tier: gate
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
FUZZ=$DL_REPO/tests/fuzz/ctlfuzz
[ -x "$FUZZ" ] || die "tests/fuzz/ctlfuzz not built (make testprogs)"
count=${DL_CTLFUZZ_COUNT:-20000}
seed=${DL_CTLFUZZ_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}

dl_load
mktree "$T/tree" 1
mkiso "$T/a.iso" "$T/tree" -V CTLFUZZ
sum=$(sha256sum <"$T/a.iso")
sr=$(dl_add "$T/a.iso") || die "add"
idx=$(cat "/sys/class/block/${sr#/dev/}/device/discloop/index")
log "fuzzing the control device, seed $seed, keeping drive $idx ($sr)"

check "$count control requests answered by the rules" \
	env TMPDIR="$T" "$FUZZ" -s "$seed" -n "$count" -k "$idx" "$T/a.iso" "$sr"

expect_eq "only the kept drive is left" "$(cat /sys/bus/scsi/devices/*/discloop/index 2>/dev/null)" "$idx"
$DLCTL insert "$idx" "$T/a.iso" 2>/dev/null || fail "insert into the kept drive"
sense_of "/dev/$(sg_of_sr "$sr")" 000000000000 >/dev/null
expect_eq "the kept drive reads the image" "$(sha256sum <"$sr")" "$sum"
expect_eq "the image was never written" "$(sha256sum <"$T/a.iso")" "$sum"
check "remove the kept drive" $DLCTL remove "$idx"
finish
