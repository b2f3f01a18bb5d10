# Attach/detach cycles leave nothing behind: after DL_TEARDOWN_CYCLES
# (100 here; 1,000 in the long tier's 73-long-teardown) drives attached
# with an image and detached, unreclaimable slab and MemAvailable are
# compared with what they were before; the module unloads afterwards.
# The races around teardown are 42-rel-teardown's; this needs one vCPU.
# tier: gate
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
cycles=${DL_TEARDOWN_CYCLES:-100}

dl_load
mktree "$T/a" 8
mkiso "$T/a.iso" "$T/a" -V CYCLES

# Nothing may accumulate. Unreclaimable slab and MemAvailable are
# compared after dropping caches; a leaked drive (scsi_device, request
# queue, gendisk, sysfs) costs tens of KiB, so the allowance (1 MiB plus
# 1 KiB a cycle) is far below what any per-cycle leak would add.
# MemAvailable (page cache included) is noisier: it gets 8 MiB plus 16 KiB
# a cycle, which a leaked drive (or its queue) exceeds. What the kernel
# frees late (after an RCU grace period, from a workqueue) is not a leak:
# over the allowance, the figures are taken again, up to five times two
# seconds apart; a leak stays.
mem() { sync; echo 3 >/proc/sys/vm/drop_caches; awk -v k="$1" '$1 == k":" {print $2}' /proc/meminfo; }
for n in 1 2 3 4 5; do $DLCTL add "$T/a.iso" >/dev/null && $DLCTL remove 0; done
su0=$(mem SUnreclaim); ma0=$(mem MemAvailable)
done_cycles=0
for n in $(seq "$cycles"); do
	i=$($DLCTL add "$T/a.iso") || { fail "add in cycle $n"; break; }
	$DLCTL remove "$i" || { fail "remove in cycle $n"; break; }
	done_cycles=$n
done
expect_eq "attach/detach cycles" "$done_cycles" "$cycles"
allow=$((1024 + cycles)) mallow=$((8192 + 16 * cycles))
for try in 1 2 3 4 5 6; do
	[ "$try" = 1 ] || sleep 2
	su1=$(mem SUnreclaim); ma1=$(mem MemAvailable)
	log "SUnreclaim ${su0} -> ${su1} KiB, MemAvailable ${ma0} -> ${ma1} KiB over $cycles cycles"
	[ $((su1 - su0)) -lt $allow ] && [ $((ma0 - ma1)) -lt $mallow ] && break
done
check "unreclaimable slab grew less than $allow KiB" test $((su1 - su0)) -lt $allow
check "MemAvailable fell less than $mallow KiB" test $((ma0 - ma1)) -lt $mallow

check "rmmod after the cycles" rmmod discloop
finish
