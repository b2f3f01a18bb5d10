# 23-tool-many at the sr limit: 256 drives attached by the tool, read,
# listed (table and JSON) and detached, twice.
# tier: long
# vcpus: 2
# timeout: 3000
DL_MANY=256 . "$DL_REPO/tests/vm/cases/23-tool-many.sh"
