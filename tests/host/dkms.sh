#!/bin/sh
# The module builds through DKMS for every installed kernel, from a private
# DKMS tree (nothing is installed on the host).
set -eu
cd "$(dirname "$0")/../.."
command -v dkms >/dev/null || { echo "SKIP: dkms is not installed"; exit 77; }
ver=$(cat VERSION)
grep -q "^PACKAGE_VERSION=\"$ver\"" dkms.conf ||
	{ echo "dkms.conf PACKAGE_VERSION does not match VERSION ($ver)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$tmp/src/discloop-$ver"
mkdir -p "$src" "$tmp/tree"
cp -a Kbuild dkms.conf kmod common include "$src/"
dkms add -m discloop -v "$ver" --sourcetree "$tmp/src" --dkmstree "$tmp/tree" >/dev/null
n=0
for b in /lib/modules/*/build; do
	k=$(basename "$(dirname "$b")")
	if ! dkms build -m discloop -v "$ver" -k "$k" --sourcetree "$tmp/src" \
		--dkmstree "$tmp/tree" >"$tmp/log" 2>&1; then
		cat "$tmp/log"
		find "$tmp/tree" -name make.log -exec cat {} +
		echo "dkms build failed for $k"
		exit 1
	fi
	ko=$(find "$tmp/tree/discloop/$ver/$k" -name 'discloop.ko*' | head -1)
	[ -n "$ko" ] || { echo "dkms built no discloop.ko for $k"; exit 1; }
	echo "ok: dkms build for $k -> $(basename "$ko")"
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no kernel headers installed"; exit 1; }
