# Multi-session discs from BIN/CUE (REM SESSION, redump-style: the session
# gap of lead-out 6750 + lead-in 4500 + pregap 150 sectors left implicit):
# an Enhanced CD (two audio tracks, then a Mode 1 session at lead-out +
# 11400 built with genisoimage -C) and a two-session data disc (MODE1/2048
# files, the second session made with genisoimage -M -C). Judged by
# cd-info (last session), cdrom_id (session count, last offset), READ CD,
# cd-read, cdparanoia (the last audio track ends at the first session's
# lead-out), cd-discid, dd, and mount: with no option it reads the last
# session; -o session=N reads the session of track N + 1 (isofs counts
# from 0 and takes that track's start), and must not fall back to the
# last session ("ISOFS: Invalid session number" in the kernel log).
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen enhanced msdata
mkdir -p "$T/mnt"

# mount_session N TREE WHAT: mount -o session=N, compare with TREE.
mount_session() {
	local n0
	n0=$(dmesg | grep -c 'ISOFS: Invalid session')
	if mount -t iso9660 -o ro,session=$1 "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "$3: mount -o session=$1" diff -r "$2" "$T/mnt"
		umount "$T/mnt"
		expect_eq "$3: session=$1 found its track" "$(dmesg | grep -c 'ISOFS: Invalid session')" "$n0"
	else
		fail "$3: mount -o session=$1: $(cat "$T/mount.err")"
	fi
}

judge_all enhanced.cue enhanced
layout enhanced
if mt_attach enhanced.cue; then
	if mount -t iso9660 -o ro "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "Enhanced CD: mount reads the data session" diff -r "$FX/work/tree-enh" "$T/mnt"
		umount "$T/mnt"
	else
		fail "Enhanced CD: mount: $(cat "$T/mount.err")"
	fi
	mount_session 2 "$FX/work/tree-enh" "Enhanced CD (track 3)"
	mt_detach
fi

judge_all msdata.cue msdata
if mt_attach msdata.cue; then
	if mount -t iso9660 -o ro "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "two sessions: mount reads the last" diff -r "$FX/work/tree-ms2" "$T/mnt"
		umount "$T/mnt"
	else
		fail "two sessions: mount: $(cat "$T/mount.err")"
	fi
	mount_session 0 "$FX/work/tree-ms1" "two sessions, the first"
	mount_session 1 "$FX/work/tree-ms2" "two sessions, the second"
	mt_detach
fi
finish
