#!/bin/sh
# The module builds through DKMS for every installed kernel, from the source
# tree `make install-dkms-src` stages (only the sources: nothing built, no
# userspace) and a private DKMS tree (nothing is installed on the host).
set -eu
cd "$(dirname "$0")/../.."
command -v dkms >/dev/null || { echo "SKIP: dkms is not installed"; exit 77; }
ver=$(cat VERSION)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src="$tmp/src/discloop-$ver"
mkdir -p "$tmp/tree"
make -s install-dkms-src DESTDIR="$tmp" DKMSSRCDIR=/src/discloop-$ver
grep -q "^PACKAGE_VERSION=\"$ver\"" "$src/dkms.conf" ||
	{ echo "dkms.conf PACKAGE_VERSION does not match VERSION ($ver)"; exit 1; }
grep -q '^BUILD_EXCLUSIVE_KERNEL=' "$src/dkms.conf" ||
	{ echo "dkms.conf has no BUILD_EXCLUSIVE_KERNEL"; exit 1; }
extra=$(cd "$src" && find . -type f ! -name '*.[ch]' ! -name Kbuild ! -name VERSION ! -name dkms.conf)
[ -z "$extra" ] || { echo "DKMS source tree holds more than sources:"; echo "$extra"; exit 1; }
[ -z "$(cd "$src" && find . -path ./userspace -o -name '*.o' | head -1)" ] ||
	{ echo "DKMS source tree holds userspace or objects"; exit 1; }
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
	v=$(modinfo -F version "$ko")
	[ "$v" = "$ver" ] || { echo "$ko: MODULE_VERSION '$v', VERSION is $ver"; exit 1; }
	echo "ok: dkms build for $k -> $(basename "$ko"), version $v"
	n=$((n + 1))
done
[ $n -gt 0 ] || { echo "no kernel headers installed"; exit 1; }
