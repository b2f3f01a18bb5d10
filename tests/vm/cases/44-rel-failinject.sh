# Fault injection (needs a kernel built with it: the debug kernel of make
# check-debug; stock Debian kernels have none, and the case says SKIP).
# 1. fail-nth over each control ioctl (tests/fuzz/failnth): the 1st, 2nd,
#    ... allocation, page allocation or user copy made on discloop's behalf
#    fails until the ioctl gets through untouched; each failure must leave
#    the state the ABI promises. failslab, fail_page_alloc and
#    fail_usercopy are limited to stacks through discloop's code
#    (require-start/require-end).
# 2. The same three at 50 % on the read path (the workers) while readers
#    and raw READ CDs run; afterwards the drive reads its image exactly.
# 3. fail_io_timeout: completions lost now and then (the SCSI error handler
#    aborts and retries); every reader finishes.
# The harness then unloads the module and scans kmemleak.
# tier: gate
# timeout: 1500
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
FAILNTH=$DL_REPO/tests/fuzz/failnth
[ -x "$FAILNTH" ] || die "tests/fuzz/failnth not built (make testprogs)"
DBG=/sys/kernel/debug
mountpoint -q $DBG || mount -t debugfs none $DBG 2>/dev/null
[ -d $DBG/failslab ] && [ -e /proc/self/fail-nth ] ||
	skip "this kernel has no fault injection (make check-debug runs it)"

dl_load
mktree "$T/a" 8
mkiso "$T/a.iso" "$T/a" -V FAILA
mktree "$T/b" 4
mkiso "$T/b.iso" "$T/b" -V FAILB

# discloop's text: from its lowest to past its highest function.
range=$(awk '$4 == "[discloop]" && ($2 == "t" || $2 == "T") { print $1 }' /proc/kallsyms | sort | sed -n '1p;$p')
lo=$(echo "$range" | head -1); hi=$(echo "$range" | tail -1)
[ -n "$lo" ] && [ "$lo" != 0000000000000000 ] || die "no discloop symbols in /proc/kallsyms"
start=$((0x$lo)); end=$((0x$hi + 4096))
log "discloop text $lo..$hi"
# __scsi_add_device: from its address to the next symbol's.
# (One pass each, no sort: the debug kernel has hundreds of thousands of
# symbols. Addresses are fixed-width lower-case hex, so they compare as
# strings.)
sa=$(awk '$3 == "__scsi_add_device" { print $1; exit }' /proc/kallsyms)
[ -n "$sa" ] || die "no __scsi_add_device in /proc/kallsyms"
sn=$(awk -v a="$sa" '$1 > a && (n == "" || $1 < n) { n = $1 } END { print n }' /proc/kallsyms)
rstart=$((0x$sa)); rend=$((0x$sn))
log "left out: __scsi_add_device $sa..$sn"

# setattr ATTR-DIR PROBABILITY: fault injection limited to discloop.
setattr() {
	local d=$DBG/$1
	echo 0 >$d/verbose
	echo -1 >$d/times
	echo 0 >$d/space
	echo 1 >$d/interval
	echo N >$d/task-filter
	echo 32 >$d/stacktrace-depth
	printf '%u' $start >$d/require-start
	printf '%u' $end >$d/require-end
	printf '%u' $rstart >$d/reject-start
	printf '%u' $rend >$d/reject-end
	[ -e $d/ignore-gfp-wait ] && echo N >$d/ignore-gfp-wait
	[ -e $d/min-order ] && echo 0 >$d/min-order
	echo "$2" >$d/probability
}
ATTRS="failslab fail_page_alloc"
[ -d $DBG/fail_usercopy ] && ATTRS="$ATTRS fail_usercopy"
for a in $ATTRS; do setattr $a 0; done

# 1. fail-nth over the control ioctls.
check "fail-nth over every control ioctl" "$FAILNTH" "$T/a.iso" "$T/b.iso"
for i in 0 1; do $DLCTL remove $i 2>/dev/null; done

# 2. Faults at 50 % on the read path.
sr=$(dl_add "$T/a.iso") || die "add"
sg=/dev/$(sg_of_sr "$sr")
sense_of $sg 000000000000 >/dev/null
for a in failslab fail_page_alloc; do setattr $a 50; done
errs=0
for n in 1 2 3 4 5 6; do
	dd if="$sr" of=/dev/null bs=64k iflag=direct status=none 2>/dev/null || errs=$((errs + 1))
	$SGCMD $sg be0000000010000010f80000 $((16 * 2352)) >/dev/null
done
for a in $ATTRS; do setattr $a 0; done
log "read passes that saw an error under injection: $errs of 6"
sync; echo 3 >/proc/sys/vm/drop_caches
expect_eq "reads the image exactly afterwards" "$(sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"

# 3. Lost completions.
if [ -d $DBG/fail_io_timeout ] && [ -e "/sys/block/${sr#/dev/}/io-timeout-fail" ]; then
	echo 5 >"/sys/block/${sr#/dev/}/device/timeout"
	d=$DBG/fail_io_timeout
	echo 0 >$d/verbose; echo 3 >$d/times; echo 30 >$d/probability; echo 1 >$d/interval
	echo 1 >"/sys/block/${sr#/dev/}/io-timeout-fail"
	check "readers finish with completions lost" \
		timeout 300 sh -c "for n in 1 2 3 4; do dd if=$sr of=/dev/null bs=64k count=64 iflag=direct status=none 2>/dev/null; done; true"
	echo 0 >"/sys/block/${sr#/dev/}/io-timeout-fail"
	echo 0 >$d/probability
	log "lost completions left to inject: $(cat $d/times) of 3"
	expect_eq "reads the image after lost completions" "$(sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"
else
	fail "fail_io_timeout is not available on this kernel"
fi
$DLCTL remove 0 || fail "remove"
finish
