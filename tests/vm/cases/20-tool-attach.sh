# discloop attach/detach/add/remove/insert/eject without udev: the node
# appears (devtmpfs), reads back the image, mounts and matches the source
# tree; sr<->sg and index naming; list and info, JSON parsed by python.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"

dl_load
D=$DISCLOOP
mktree "$T/tree" 3
mkiso "$T/a.iso" "$T/tree" -V DLTEST
cp "$T/a.iso" "$T/b.iso"
sum=$(md5sum <"$T/a.iso")

sr=$($D attach "$T/a.iso")
rc=$?
expect_eq "attach exit" "$rc" 0
case $sr in /dev/sr[0-9]*) ok "attach printed $sr" ;; *) die "attach printed '$sr'" ;; esac
check "node is a block device" test -b "$sr"
expect_eq "node reads back the image" "$(head -c "$(stat -c %s "$T/a.iso")" "$sr" | md5sum)" "$sum"
expect_eq "image untouched" "$(md5sum <"$T/a.iso")" "$sum"

mkdir -p "$T/mnt"
if mount -t iso9660 -o ro "$sr" "$T/mnt"; then
	check "mounted tree equals the source" diff -r "$T/tree" "$T/mnt"
	# busy while mounted
	out=$($D detach "$sr" 2>&1); rc=$?
	expect_eq "detach mounted: exit" "$rc" 1
	case $out in *"drive busy"*) ok "detach mounted says drive busy" ;; *) fail "detach mounted said: $out" ;; esac
	umount "$T/mnt"
else
	fail "mount $sr"
fi

# names: sr, sg, index
sg=$(sg_of_sr "$sr")
[ -n "$sg" ] || fail "no sg for $sr"
list=$($D list --raw --noheadings -o DEVICE,SG,INDEX,PROFILE,SIZE,LOCKED,IMAGE -b)
log "list: $list"
set -- $list
expect_eq "list DEVICE" "${1:-}" "$sr"
expect_eq "list SG" "${2:-}" "/dev/$sg"
idx=${3:-x}
expect_eq "list PROFILE" "${4:-}" "CD-ROM"
expect_eq "list SIZE" "${5:-}" "$(stat -c %s "$T/a.iso")"
expect_eq "list LOCKED" "${6:-}" "0"
expect_eq "list IMAGE" "${7:-}" "$T/a.iso"
$D list --json >"$T/list.json" || fail "list --json"
check "list --json parses" python3 -m json.tool "$T/list.json"
expect_eq "list --json device" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["drives"]; print(d[0]["device"], d[0]["size"], d[0]["locked"])' "$T/list.json")" "$sr $(stat -c %s "$T/a.iso") False"
check "info on the drive by sg name" sh -c "$D info $sg | grep -q 'LABEL: *DLTEST'"
check "info on the drive by index" sh -c "$D info $idx | grep -q 'TYPE: *iso9660'"
$D info --json "$sr" >"$T/info.json" || fail "info --json $sr"
check "info --json parses" python3 -m json.tool "$T/info.json"
expect_eq "info --json label" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["label"], d["joliet"], d["rock_ridge"], d["index"])' "$T/info.json")" "DLTEST True True $idx"

# insert / eject
check "insert by sg name" $D insert "/dev/$sg" "$T/b.iso"
check "eject by index" $D eject "$idx"
expect_eq "list after eject: no image" "$($D list -rn -o IMAGE)" ""
check "insert by sr name" $D insert "$(basename "$sr")" "$T/a.iso"
expect_eq "reads after insert" "$(head -c "$(stat -c %s "$T/a.iso")" "$sr" | md5sum)" "$sum"

# detach by each kind of name
check "detach by sg name" $D detach "$sg"
[ -e "$sr" ] && fail "$sr still exists after detach" || ok "$sr gone"
expect_eq "list empty" "$($D list)" ""

sr2=$($D attach "$T/a.iso") || fail "attach 2"
check "remove by path" $D remove "$sr2"
e=$($D add) || fail "add"
check "add gives a node" test -b "$e"
check "insert into empty drive" $D insert "$e" "$T/b.iso"
check "eject" $D eject "$e"
check "eject of an empty drive is fine" $D eject "$e"
i2=$($D list -rn -o INDEX)
check "remove by index" $D remove "$i2"

# a chosen index, as losetup /dev/loopN FILE
s7=$($D attach --index 7 "$T/a.iso") || fail "attach --index 7"
expect_eq "index 7 listed" "$($D list -rn -o INDEX,DEVICE)" "7 $s7"
out=$($D attach --index 7 "$T/b.iso" 2>&1); rc=$?
expect_eq "index in use: exit" "$rc" 1
case $out in *"index exists already"*) ok "index in use says so" ;; *) fail "index in use said: $out" ;; esac
expect_eq "index in use: no second drive" "$($D list -rn | wc -l)" 1
$D add --index 9 >/dev/null || fail "add --index 9"
expect_eq "add --index 9" "$($D list -rn -o INDEX | tr '\n' ' ')" "7 9 "
$D attach --index 256 "$T/a.iso" 2>/dev/null; expect_eq "index 256 is usage" "$?" 2
check "remove 7 and 9" $D remove 7 9

# attach with forced profiles
for p in cd dvd bd; do
	s=$($D attach --profile $p "$T/a.iso") || { fail "attach --profile $p"; continue; }
	expect_eq "profile $p" "$($D list -rn -o PROFILE)" "$(echo $p | tr a-z A-Z)-ROM"
	$D detach "$s" || fail "detach $s"
done

# detach --all
for i in 1 2 3; do $D attach "$T/a.iso" >/dev/null || fail "attach $i"; done
$D add >/dev/null || fail "add"
expect_eq "4 drives" "$($D list -rn | wc -l)" 4
check "detach --all" $D detach --all
expect_eq "no drives" "$($D list -rn | wc -l)" 0
expect_eq "image still untouched" "$(md5sum <"$T/a.iso")" "$sum"
finish
