# sr's system-wide limit of 256 drives: 256 added (empty), every sr node
# there, the 257th refused, info on the last; every other one removed, the
# next add takes the lowest free index; rmmod with 129 drives attached
# (with media and empty) removes them all. One vCPU: this is about
# counts and indexes, not races (15-kmod-lifecycle has those).
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
mktree "$T/a" 4
mkiso "$T/a.iso" "$T/a" -V LIMIT
sum=$(sha256sum <"$T/a.iso")

t0=$(date +%s)
n=0
for i in $(seq 0 255); do
	$DLCTL add >/dev/null 2>"$T/err" || { log "add $i: $(cat "$T/err")"; break; }
	n=$((n + 1))
done
log "added $n drives in $(( $(date +%s) - t0 )) s"
expect_eq "256 drives added" "$n" 256
expect_eq "sr nodes" "$(ls /sys/bus/scsi/drivers/sr/ | grep -c ':0:')" 256
check "257th drive refused" sh -c "! $DLCTL add 2>/dev/null"
check "info on the last" $DLCTL info 255
for i in $(seq 0 2 255); do $DLCTL remove "$i" || fail "remove $i"; done
expect_eq "half removed" "$(ls /sys/bus/scsi/drivers/sr/ | grep -c ':0:')" 128
check "add into a hole takes the lowest free index" sh -c "[ \$($DLCTL add $T/a.iso) = 0 ]"
sr=$(dl_sr 0) && wait_for "$sr" 10 || fail "no node for drive 0"
expect_eq "drive 0 reads its image" "$(sha256sum <"$sr")" "$sum"

check "rmmod with 129 drives" rmmod discloop
check "all sr gone" sh -c "! ls /sys/bus/scsi/drivers/sr/ | grep -q ':0:'"
finish
