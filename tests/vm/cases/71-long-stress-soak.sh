# 17-kmod-stress as a soak: every fio mix for 60 seconds instead of 3
# (16 minutes of concurrent direct and buffered reads on one drive).
# tier: long
# vcpus: 2
# timeout: 1500
DL_STRESS_SECONDS=60 . "$DL_REPO/tests/vm/cases/17-kmod-stress.sh"
