# Many readers at once: fio with 4 jobs of random direct reads at queue
# depth 1 and 32, and buffered sequential readers, on one drive. Every run
# must finish (a hang is a timeout), report no I/O error, and leave the
# drive reading the image back exactly. Each run lasts DL_STRESS_SECONDS
# (3 in the gate; the long tier soaks with 71-long-stress-soak).
# tier: gate
# vcpus: 2
# timeout: 400
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
secs=${DL_STRESS_SECONDS:-3}
dl_load
mktree "$T/tree" 24
mkiso "$T/a.iso" "$T/tree" -V STRESS
sr=$(dl_add "$T/a.iso") || die "add failed"
sense_of "/dev/$(sg_of_sr "$sr")" 000000000000 >/dev/null

for args in "--rw=randread --bs=4k --iodepth=1" "--rw=randread --bs=2k --iodepth=32" \
	    "--rw=randread --bs=64k --iodepth=8" "--rw=read --bs=1M --iodepth=4"; do
	for direct in 1 0; do
		out=$(timeout $((secs + 120)) fio --name=stress --filename="$sr" --ioengine=libaio \
			--direct=$direct $args --numjobs=4 --time_based --runtime=$secs \
			--group_reporting --output-format=terse --terse-version=3 2>&1)
		rc=$?
		# terse v3: field 5 is the error count, field 7 the read KiB.
		err=$(echo "$out" | tail -1 | cut -d';' -f5)
		kib=$(echo "$out" | tail -1 | cut -d';' -f7)
		if [ $rc = 0 ] && [ "$err" = 0 ] && [ "${kib:-0}" -gt 0 ]; then
			ok "fio $args direct=$direct: $kib KiB, no errors"
		else
			fail "fio $args direct=$direct: rc=$rc err=$err kib=$kib: $(echo "$out" | tail -3)"
		fi
	done
done
expect_eq "sha256 after the storm" "$(sha256sum <"$sr")" "$(sha256sum <"$T/a.iso")"
finish
