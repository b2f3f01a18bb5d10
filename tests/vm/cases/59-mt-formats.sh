# The discs of 57-mt-bincue as cdrdao TOC (raw data files, big-endian raw
# audio, CD_TEXT), CloneCD CCD/IMG/SUB and a CHD made by chdman createcd:
# cdrdao read-toc, cd-info, READ CD of every sector and cdparanoia per
# track against the same layout (less what the format cannot carry: a CHD
# has no MCN, ISRC, FLAGS or INDEX 02, these CCDs no CD-TEXT). The CloneCD .sub is served verbatim:
# READ CD raw P-W (001b) returns it interleaved, the two Q frames altered
# LibCrypt-style (changed MSF, CRC left wrong) included.
# tier: gate
# timeout: 1200
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"

dl_load
mt_gen mixed audio xa
$MK chd "$FX" || fail "chdman createcd"

judge_same mixed.toc mixed
judge_same audio.toc audio
judge_same xa.toc xa
judge_same mixed.ccd mixed
judge_same audio.ccd audio
judge_same xa.ccd xa

# the stored sub-channel, verbatim
layout mixed
if mt_attach mixed.ccd; then
	for lba in $($MK get "$FX" mixed "sorted(int(k) for i in d['images'] if i['format'] == 'ccd' for k in i['altered_q'])"); do
		for at in $((lba - 1)) $lba; do
			if readcd $at 1 "$T/pw" 1; then
				$MK subraw "$FX" mixed.sub $at 1 "$T/pw.want"
				if tail -c 96 "$T/pw" | cmp -s - "$T/pw.want"; then
					ok "raw P-W at LBA $at = mixed.sub"
				else
					fail "raw P-W at LBA $at differs from mixed.sub"
				fi
			else
				fail "READ CD raw P-W at $at"
			fi
		done
	done
	# a stretch across the data/audio boundary and the stored pregap
	if readcd $((T2_START - 160)) 20 "$T/pw" 1; then
		$MK subraw "$FX" mixed.sub $((T2_START - 160)) 20 "$T/pw.want"
		python3 -c 'import sys
d = open(sys.argv[1], "rb").read()
sys.stdout.buffer.write(b"".join(d[k + 2352:k + 2448] for k in range(0, len(d), 2448)))' "$T/pw" >"$T/pw.sub"
		check "raw P-W of 20 sectors across tracks 1/2 = mixed.sub" cmp "$T/pw.sub" "$T/pw.want"
	else
		fail "READ CD raw P-W across tracks 1/2"
	fi
	mt_detach
fi

judge_same mixed.chd mixed
finish
