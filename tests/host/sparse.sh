#!/bin/sh
# The module is sparse-clean (make C=1) and warning-free on every installed
# kernel.
set -eu
cd "$(dirname "$0")/../.."
command -v sparse >/dev/null || { echo "SKIP: sparse is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for b in /lib/modules/*/build; do
	k=$(basename "$(dirname "$b")")
	rm -rf "$tmp/src"; mkdir "$tmp/src"
	cp -a Kbuild kmod common include "$tmp/src/"
	make -s -C "$b" M="$tmp/src" C=2 modules >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
	if grep -E 'warning|error' "$tmp/log"; then
		echo "sparse or compiler warnings for $k"
		exit 1
	fi
	echo "ok: sparse-clean on $k"
done
