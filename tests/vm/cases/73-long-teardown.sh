# 42-rel-teardown with 1,000 attach/detach cycles (the gate runs 100).
# tier: long
# vcpus: 2
# timeout: 1800
DL_TEARDOWN_CYCLES=1000
. "$DL_REPO/tests/vm/cases/42-rel-teardown.sh"
