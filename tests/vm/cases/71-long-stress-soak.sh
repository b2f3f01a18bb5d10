# 17-kmod-stress as a soak: every fio mix for 30 seconds instead of 3
# (four minutes of concurrent direct and buffered reads on one drive).
# tier: long
# vcpus: 2
# timeout: 900
DL_STRESS_SECONDS=30 . "$DL_REPO/tests/vm/cases/17-kmod-stress.sh"
