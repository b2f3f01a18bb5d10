#!/bin/sh
# Install everything discloop needs to build, test, demo and benchmark on
# Debian 12: both Debian kernels with headers, QEMU, the clients that judge
# fidelity (sg3-utils, xorriso, blkid, udev) and the libraries the tool uses.
# As root it runs apt-get; otherwise it prints the command to run.
set -e

PKGS="build-essential make pkg-config gcc bc kmod cpio xz-utils
busybox-static qemu-system-x86
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
udev libudev-dev libblkid-dev libsmartcols-dev nettle-dev libb2-dev zlib1g-dev
sg3-utils xorriso fio gddrescue sparse dkms mame-tools
util-linux mount dmsetup e2fsprogs python3 python3-docutils jq gpgv gnupg coreutils procps man-db groff-base"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "discloop: missing packages; run as root:" >&2
	echo "  apt-get update && $cmd" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# shellcheck disable=SC2086
apt-get install -y -q --no-install-recommends $missing
