# The discs of 57-mt-bincue as cdrdao TOC (raw data files, big-endian raw
# audio, CD_TEXT), CloneCD CCD/IMG/SUB and a CHD made by chdman createcd:
# cdrdao read-toc, cd-info, READ CD of every sector and cdparanoia per
# track against the same layout (less what the format cannot carry: a CHD
# has no MCN, ISRC, FLAGS or INDEX 02, these CCDs no CD-TEXT). The CloneCD .sub is served verbatim:
# READ CD raw P-W (001b) returns it interleaved, the Q frames altered
# LibCrypt-style (changed MSF, CRC left wrong) in the data tracks of
# mixed.ccd and xa.ccd included.
# tier: gate
# timeout: 600
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen mixed audio xa chd

judge_same mixed.toc mixed
judge_same audio.toc audio
judge_same xa.toc xa
judge_same mixed.ccd mixed
judge_same audio.ccd audio
judge_same xa.ccd xa

# the stored sub-channel, verbatim: raw P-W (READ CD sub-channel 001b)
# around each altered Q frame, and across the first track change
for disc in xa mixed; do
	layout $disc
	mt_attach $disc.ccd || continue
	for lba in $($MK get "$FX" $disc "sorted(int(k) for i in d['images'] if i['format'] == 'ccd' for k in i['altered_q'])"); do
		for at in $((lba - 1)) $lba; do
			if readcd $at 1 "$T/pw" 1; then
				$MK subraw "$FX" $disc.sub $at 1 "$T/pw.want"
				if tail -c 96 "$T/pw" | cmp -s - "$T/pw.want"; then
					ok "$disc.ccd: raw P-W at LBA $at = $disc.sub"
				else
					fail "$disc.ccd: raw P-W at LBA $at differs from $disc.sub"
				fi
			else
				fail "$disc.ccd: READ CD raw P-W at $at"
			fi
		done
	done
	# READ CD of any type stops where data turns to audio (05/64/00, as
	# MMC says), at T2_START - 150 here: the 20 sectors are read in two.
	if readcd $((T2_START - 160)) 10 "$T/pw1" 1 && readcd $((T2_START - 150)) 10 "$T/pw2" 1 &&
	   cat "$T/pw1" "$T/pw2" >"$T/pw"; then
		$MK subraw "$FX" $disc.sub $((T2_START - 160)) 20 "$T/pw.want"
		python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
sys.stdout.buffer.write(b"".join(d[k + 2352:k + 2448] for k in range(0, len(d), 2448)))' "$T/pw" >"$T/pw.sub"
		check "$disc.ccd: raw P-W of 20 sectors across tracks 1/2 = $disc.sub" cmp "$T/pw.sub" "$T/pw.want"
	else
		fail "$disc.ccd: READ CD raw P-W across tracks 1/2"
	fi
	mt_detach
done

judge_same mixed.chd mixed
finish
