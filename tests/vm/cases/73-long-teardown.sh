# 45-rel-cycles with 1,000 attach/detach cycles (the gate runs 100).
# tier: long
# timeout: 1800
DL_TEARDOWN_CYCLES=1000
. "$DL_REPO/tests/vm/cases/45-rel-cycles.sh"
