# Multi-session discs from BIN/CUE (REM SESSION, redump-style: the session
# gap of lead-out 6750 + lead-in 4500 + pregap 150 sectors left implicit):
# an Enhanced CD (two audio tracks, then a Mode 1 session at lead-out +
# 11400 built with genisoimage -C) and a two-session data disc (MODE1/2048
# files, the second session made with genisoimage -M -C). Judged by
# cd-info (last session), cdrom_id (session count, last offset), READ CD,
# cd-read, cdparanoia (the last audio track ends at the first session's
# lead-out), cd-discid, dd, and mount: with no option it reads the last
# session; -o session=N (isofs: the start of track N) the first.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen enhanced msdata
mkdir -p "$T/mnt"

judge_all enhanced.cue enhanced
layout enhanced
if mt_attach enhanced.cue; then
	if mount -t iso9660 -o ro "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "Enhanced CD: mount reads the data session" diff -r "$FX/work/tree-enh" "$T/mnt"
		umount "$T/mnt"
	else
		fail "Enhanced CD: mount: $(cat "$T/mount.err")"
	fi
	if mount -t iso9660 -o ro,session=3 "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "Enhanced CD: mount -o session=3 (the data track)" diff -r "$FX/work/tree-enh" "$T/mnt"
		umount "$T/mnt"
	else
		fail "Enhanced CD: mount -o session=3: $(cat "$T/mount.err")"
	fi
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
	if mount -t iso9660 -o ro,session=1 "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "two sessions: mount -o session=1 reads the first" diff -r "$FX/work/tree-ms1" "$T/mnt"
		umount "$T/mnt"
	else
		fail "two sessions: mount -o session=1: $(cat "$T/mount.err")"
	fi
	if mount -t iso9660 -o ro,session=2 "$sr" "$T/mnt" 2>"$T/mount.err"; then
		check "two sessions: mount -o session=2 reads the second" diff -r "$FX/work/tree-ms2" "$T/mnt"
		umount "$T/mnt"
	else
		fail "two sessions: mount -o session=2: $(cat "$T/mount.err")"
	fi
	mt_detach
fi
finish
