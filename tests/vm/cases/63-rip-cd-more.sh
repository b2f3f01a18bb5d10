# discloop rip DEVICE OUT.cue of the fixtures 61-rip-cd leaves to this
# long case: audio with CD-TEXT (titles, performers), Mode 2 XA with an
# audio track, two data sessions; judged as 61 does (tests/vm/rip-lib.sh).
# tier: long
# timeout: 900
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/mt-lib.sh"
. "$DL_REPO/tests/vm/rip-lib.sh"

dl_load
mt_gen audio xa msdata

roundtrip audio.cue audio
roundtrip xa.cue xa
roundtrip msdata.cue msdata
finish
