# Many drives attached and detached by the tool, twice, each reading its
# own image; indexes reused; list/JSON with many drives. The gate runs 16
# drives; the long tier runs this case at the sr limit (DL_MANY=256,
# 70-long-many-drives).
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
D=$DISCLOOP
N=${DL_MANY:-16}
last=$((N - 1))
dl_load
for i in $(seq 0 $last); do
	head -c 2048 /dev/urandom >"$T/$i.iso"
	head -c 8192 /dev/zero >>"$T/$i.iso"
done
for round in 1 2; do
	devs=()
	for i in $(seq 0 $last); do
		s=$($D attach "$T/$i.iso") || die "round $round: attach $i"
		devs+=("$s")
	done
	expect_eq "round $round: $N drives" "$($D list -rn | wc -l)" $N
	bad=0
	for i in $(seq 0 $last); do
		[ "$(head -c 2048 "${devs[$i]}" | md5sum)" = "$(head -c 2048 "$T/$i.iso" | md5sum)" ] || bad=$((bad + 1))
	done
	expect_eq "round $round: drives read their own image" $bad 0
	$D list --json | python3 -c 'import json,sys; n=int(sys.argv[1]); d=json.load(sys.stdin)["drives"]; assert len(d)==n, len(d); assert len(set(x["device"] for x in d))==n' $N &&
		ok "round $round: JSON lists $N distinct drives" || fail "round $round: JSON"
	expect_eq "round $round: indexes 0..$last" "$($D list -rn -o INDEX | sort -n | tr '\n' ' ')" "$(seq 0 $last | tr '\n' ' ')"
	if [ $round = 1 ]; then
		check "detach one by one" $D detach "${devs[@]}"
	else
		check "detach --all" $D detach --all
	fi
	expect_eq "round $round: none left" "$($D list -rn | wc -l)" 0
done
finish
