# With systemd-udevd running: attach returns once udev has processed the
# drive; --label-wait returns with /dev/disk/by-label/LABEL in place; the
# discloop rules give ID_DISCLOOP* and /dev/discloop/N; a soft eject of a
# locked drive goes through udev's eject request handling (cdrom_id).
# tier: gate
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
D=$DISCLOOP

start_udev_discloop
dl_load
udevadm settle -t 120
# udev may still be busy with coldplug on a loaded TCG guest: poll
for i in $(seq 240); do
	[ "$(stat -c %G:%a /dev/discloop-control)" = cdrom:660 ] && break
	sleep 0.5
done
expect_eq "control device group" "$(stat -c %G:%a /dev/discloop-control)" "cdrom:660"

mktree "$T/tree" 1
mkiso "$T/a.iso" "$T/tree" -V "DL UDEV"
sr=$($D attach --label-wait --timeout 120 "$T/a.iso") || die "attach --label-wait"
ok "attached $sr"
check "by-label link right after attach" test -b "/dev/disk/by-label/DL\\x20UDEV"
expect_eq "link target" "$(readlink -f "/dev/disk/by-label/DL\\x20UDEV")" "$sr"
props=$(udevadm info -q property -n "$sr")
case $props in *ID_DISCLOOP=1*) ok "ID_DISCLOOP" ;; *) fail "no ID_DISCLOOP: $props" ;; esac
case $props in *"ID_DISCLOOP_IMAGE=$T/a.iso"*) ok "ID_DISCLOOP_IMAGE" ;; *) fail "no ID_DISCLOOP_IMAGE" ;; esac
case $props in *ID_CDROM_MEDIA=1*) ok "cdrom_id sees media" ;; *) fail "no ID_CDROM_MEDIA" ;; esac
idx=$($D list -rn -o INDEX)
expect_eq "/dev/discloop/$idx" "$(readlink -f "/dev/discloop/$idx")" "$sr"
check "attached node group cdrom" sh -c "stat -c %G $sr | grep -q cdrom"

# soft eject of a locked (mounted) drive: udev's cdrom_id honours the
# request only when nothing is mounted, so lock with sg_prevent instead.
if command -v sg_prevent >/dev/null; then
	sg_prevent --prevent=1 "$sr" 2>/dev/null
	if [ "$($D list -rn -o LOCKED)" = 1 ]; then
		if $D eject -t 60 "$sr"; then
			ok "soft eject of a locked drive through the udev eject request"
		else
			fail "soft eject of locked drive under udev"
		fi
	else
		log "sg_prevent did not lock the drive"
	fi
fi
$D detach --all || fail "detach --all"
udevadm settle -t 120
check "by-label link gone" sh -c "! test -e '/dev/disk/by-label/DL\\x20UDEV'"

# a label wait that cannot be met times out and leaves no drive
mkiso "$T/b.iso" "$T/tree" -V "NEVERSEEN"
out=$($D attach --label-wait --timeout 0.01 "$T/b.iso" 2>&1); rc=$?
if [ $rc = 0 ]; then
	ok "fast machine: attach done within 10 ms"; $D detach --all
else
	case $out in *"timed out"*) ok "timeout: $out" ;; *) fail "timeout message: $out" ;; esac
	expect_eq "no drive left after timeout" "$($D list -rn | wc -l)" 0
fi

finish
