# Multi-track BIN/CUE discs served by the kernel, judged by clients
# discloop did not write, against fixtures framed by tests/vm/mkdisc.py:
# mixed mode (raw Mode 1 + 3 audio tracks; pregaps stored as INDEX 00 and
# not stored as PREGAP; INDEX 02; FLAGS DCP PRE and 4CH; ISRC; CATALOG)
# as one FILE and redump-style one FILE per track; audio only with CD-TEXT
# from BINARY, MOTOROLA and WAVE files; Mode 2 XA (Form 1 ISO 9660 + Form 2
# sectors) with an audio track. Per image: cdrdao read-toc/show-toc,
# cd-info, READ CD of every sector (+ cdsector.py), cd-read per sector
# mode, cdparanoia per track, dd (data = ISO, audio and Form 2 = EIO),
# cd-discid (freedb, MusicBrainz), cdrom_id; formatted Q positions
# through pregaps and indexes.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen mixed audio xa

judge_all mixed.cue mixed

# Q sub-channel the drive synthesizes: relative time counting down
# through the stored (INDEX 00) and unstored (PREGAP) pregaps, INDEX 02,
# the CONTROL bits (PRE/DCP on track 2, 4CH on track 3)
layout mixed
if mt_attach mixed.cue; then
	set -- $((T2_START - 150)) $((T2_START - 1)) $T2_START $((T3_START + 149)) \
		$((T3_START + 150)) $((T4_START - 75)) $((T4_START - 1)) $T4_START
	: >"$T/q"
	for lba in "$@"; do
		readcd "$lba" 1 "$T/q1" 2 && cat "$T/q1" >>"$T/q" || fail "READ CD with formatted Q at $lba"
	done
	check "formatted Q: positions, indexes, CONTROL" $MK qcheck "$FX" mixed "$T/q" "$@"
	mt_detach
fi

judge_same mixed-files.cue mixed
judge_all audio.cue audio
judge_all xa.cue xa
finish
