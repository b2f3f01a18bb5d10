#!/bin/sh
# Install everything discloop needs to build, test, demo and benchmark on
# Debian 12: both Debian kernels with headers, QEMU, the clients that judge
# fidelity (sg3-utils, xorriso, blkid, udev) and the libraries the tool uses.
# As root it runs apt-get; otherwise it prints the command to run.
set -e

# "deps.sh debug" also installs what make check-debug needs to build its
# kernel (tests/vm/debug-kernel): Debian's 6.12 source and the build tools.
PKGS_DEBUG="linux-source-6.12 flex bison bc libelf-dev libssl-dev"

PKGS="build-essential make pkg-config gcc bc kmod cpio xz-utils
busybox-static qemu-system-x86
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
udev libudev-dev libblkid-dev libsmartcols-dev nettle-dev zlib1g-dev
sg3-utils xorriso fio gddrescue sparse dkms mame-tools
util-linux mount dmsetup e2fsprogs python3 python3-docutils jq gpgv gnupg coreutils procps man-db groff-base"
[ "${1:-}" = debug ] && PKGS="$PKGS $PKGS_DEBUG"

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
