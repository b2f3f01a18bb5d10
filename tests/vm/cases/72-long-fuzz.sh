# 19-kmod-fuzz with a million commands.
# tier: long
# vcpus: 2
# timeout: 5400
DL_FUZZ_COUNT=1000000 . "$DL_REPO/tests/vm/cases/19-kmod-fuzz.sh"
