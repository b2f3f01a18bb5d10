# Teardown races, blktests-style: the SCSI device deleted from sysfs and
# brought back by a host rescan, idle and under a reader; fio at queue
# depth 256 on several drives while they are removed; readers blocked on a
# drive being ejected or removed, then killed with SIGKILL; zero-length
# SG_IO reads; insert and eject on one drive while others come and go
# (45-rel-cycles counts what attach/detach cycles leave behind: one vCPU
# does that).
# Every step must finish (a hang is the case's timeout), the kernel log
# stays clean (the harness checks), and the module unloads afterwards.
# tier: gate
# vcpus: 2
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"

dl_load
mktree "$T/a" 24
mkiso "$T/a.iso" "$T/a" -V RACE
mktree "$T/b" 8
mkiso "$T/b.iso" "$T/b" -V RACEB
want=$(sha256sum <"$T/a.iso")

# sdev_of INDEX: the H:C:T:L name of drive INDEX's SCSI device, if any.
sdev_of() {
	local h
	h=$($DLCTL info "$1" | sed -n 's/^host=//p')
	[ -e "/sys/bus/scsi/devices/$h:0:$1:0" ] && echo "$h:0:$1:0"
}

# rescan INDEX: ask the host to scan drive INDEX's target again.
rescan() {
	local h
	h=$($DLCTL info "$1" | sed -n 's/^host=//p')
	echo "0 $1 0" >"/sys/class/scsi_host/host$h/scan"
}

# 1. Delete the SCSI device behind an idle drive, then rescan: the drive
# (and its disc) stay in discloop's table and come back with a new node.
sr=$(dl_add "$T/a.iso") || die "add"
H=$($DLCTL info 0 | sed -n 's/^host=//p')
i=0
for n in 1 2 3 4 5 6 7 8 9 10; do
	echo 1 >"/sys/bus/scsi/devices/$(sdev_of 0)/delete" || { fail "delete $n"; break; }
	[ -z "$(sdev_of 0)" ] || { fail "device still there after delete $n"; break; }
	rescan 0
	udevadm settle -t 5 2>/dev/null
	sr=$(dl_sr 0) && wait_for "$sr" 5 || { fail "no node after rescan $n"; break; }
	i=$n
done
expect_eq "idle delete/rescan cycles" "$i" 10
expect_eq "reads the image after the cycles" "$(sha256sum <"$(dl_sr 0)")" "$want"
rescan 0
expect_eq "a second scan adds no second device" "$(ls /sys/bus/scsi/devices/ | grep -c "^$H:")" 1

# 2. The same under a reader that keeps reopening the drive.
(while :; do dd if="$(dl_sr 0 || echo /nonexistent)" of=/dev/null bs=64k \
	iflag=direct status=none 2>/dev/null; done) &
rd=$!
for n in 1 2 3 4 5; do
	sleep 0.3
	d=$(sdev_of 0) && echo 1 >"/sys/bus/scsi/devices/$d/delete"
	rescan 0
	udevadm settle -t 5 2>/dev/null
done
kill $rd; wait $rd 2>/dev/null
sr=$(dl_sr 0) && wait_for "$sr" 5 || fail "no node after busy rescans"
expect_eq "reads the image after busy cycles" "$(sha256sum <"$sr")" "$want"
# Removing a drive whose SCSI device was deleted and not rescanned.
echo 1 >"/sys/bus/scsi/devices/$(sdev_of 0)/delete"
check "remove a drive without a SCSI device" $DLCTL remove 0
check "its index is free again" sh -c "! $DLCTL info 0 >/dev/null 2>&1"

# 3. fio at queue depth 256 on four drives, removed while it runs.
for n in 0 1 2 3; do dl_add "$T/a.iso" >/dev/null || die "add $n"; done
pids=
for n in 0 1 2 3; do
	timeout 120 fio --name=qd256 --filename="$(dl_sr $n)" --ioengine=libaio \
		--direct=1 --rw=randread --bs=4k --iodepth=256 --time_based \
		--runtime=30 --output=/dev/null >/dev/null 2>&1 &
	pids="$pids $!"
done
sleep 2
for n in 0 1 2 3; do $DLCTL remove $n || fail "remove $n under fio"; done
st=0
for p in $pids; do wait $p; [ $? = 124 ] && st=124; done
expect_eq "fio exits once its drives are gone (no timeout)" "$st" 0
expect_eq "no SCSI device left on the host" "$(ls /sys/bus/scsi/devices/ | grep -c "^$H:")" 0

# 4. Readers on a drive that is force-ejected, then removed, killed with
# SIGKILL while they may be inside a read.
sr=$(dl_add "$T/a.iso") || die "add"
pids=
for n in 1 2 3 4; do
	(while :; do dd if="$sr" of=/dev/null bs=1M iflag=direct status=none 2>/dev/null; done) &
	pids="$pids $!"
done
sleep 1
check "force eject under readers" $DLCTL eject 0 --force
check "insert under readers" $DLCTL insert 0 "$T/a.iso"
sleep 0.5
check "remove under readers" $DLCTL remove 0
kill -9 $pids
for p in $pids; do wait $p; done 2>/dev/null
ok "SIGKILLed readers reaped"

# 5. Zero-length transfers: READ(10) of 0 blocks with and without a
# buffer, READ CD of 0 blocks, and a 0-byte buffer for a 1-block READ.
sr=$(dl_add "$T/a.iso") || die "add"
sg=/dev/$(sg_of_sr "$sr")
sense_of $sg 000000000000 >/dev/null
expect_eq "READ(10) 0 blocks, no buffer" "$(sense_of $sg 28000000001000000000 0)" none
expect_eq "READ(10) 0 blocks, 2048-byte buffer" "$(sg_field $sg 28000000001000000000 2048 got)" 0
expect_eq "READ CD 0 blocks" "$(sense_of $sg be0000000010000000f80000 0)" none
r=$($SGCMD $sg 28000000001000000100 0)
case $r in
status=0*|status=2*) ok "READ(10) 1 block into no buffer answers: $r" ;;
*) fail "READ(10) 1 block into no buffer: $r" ;;
esac
expect_eq "drive still answers" "$(sense_of $sg 000000000000)" none
$DLCTL remove 0 || fail "remove"

# 6. Media changes on drive 0 while drives 1..4 are added and removed.
sr=$(dl_add "$T/a.iso") || die "add"
(for n in $(seq 40); do
	$DLCTL eject 0 --force >/dev/null 2>&1
	$DLCTL insert 0 "$T/b.iso" >/dev/null 2>&1
	$DLCTL insert 0 "$T/a.iso" >/dev/null 2>&1
done) &
mc=$!
for n in $(seq 10); do
	for k in 1 2 3 4; do $DLCTL add "$T/b.iso" --index $k >/dev/null || fail "add $k ($n)"; done
	for k in 1 2 3 4; do $DLCTL remove $k || fail "remove $k ($n)"; done
done
wait $mc
expect_eq "drive 0 reads its last disc" "$(sha256sum <"$sr")" "$want"
$DLCTL remove 0 || fail "remove"

check "rmmod after the races" rmmod discloop
finish
