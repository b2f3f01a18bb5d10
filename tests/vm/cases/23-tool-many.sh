# 64 drives attached and detached in a loop, each reading its own image;
# indexes reused; list/JSON with many drives.
# timeout: 1200
. "$DL_REPO/tests/vm/lib.sh"
D=$DISCLOOP
dl_load
for i in $(seq 0 63); do
	head -c 2048 /dev/urandom >"$T/$i.iso"
	head -c 8192 /dev/zero >>"$T/$i.iso"
done
for round in 1 2; do
	devs=()
	for i in $(seq 0 63); do
		s=$($D attach "$T/$i.iso") || die "round $round: attach $i"
		devs+=("$s")
	done
	expect_eq "round $round: 64 drives" "$($D list -rn | wc -l)" 64
	bad=0
	for i in $(seq 0 63); do
		[ "$(head -c 2048 "${devs[$i]}" | md5sum)" = "$(head -c 2048 "$T/$i.iso" | md5sum)" ] || bad=$((bad + 1))
	done
	expect_eq "round $round: drives read their own image" $bad 0
	$D list --json | python3 -c 'import json,sys; d=json.load(sys.stdin)["drives"]; assert len(d)==64, len(d); assert len(set(x["device"] for x in d))==64' &&
		ok "round $round: JSON lists 64 distinct drives" || fail "round $round: JSON"
	expect_eq "round $round: indexes 0..63" "$($D list -rn -o INDEX | sort -n | tr '\n' ' ')" "$(seq 0 63 | tr '\n' ' ')"
	if [ $round = 1 ]; then
		check "detach one by one" $D detach "${devs[@]}"
	else
		check "detach --all" $D detach --all
	fi
	expect_eq "round $round: none left" "$($D list -rn | wc -l)" 0
done
finish
