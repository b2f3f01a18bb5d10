#!/bin/sh
# Install what discloop needs on Debian 12, in three sets:
#   --build    build the tool and the module for the running kernel
#              (compiler, libraries, the running kernel's headers)
#   --package  --build, plus what dpkg-buildpackage and lintian need
#   --test     --package, plus what `make check`, demo and bench need: QEMU,
#              both Debian kernels with headers, and the clients that judge
#              fidelity (sg3-utils, xorriso, blkid, udev...), the iSCSI
#              initiator and targetcli for the export tests, libvirt
#              for the libvirt recipes
#   --rt       --test, plus Debian's PREEMPT_RT kernel and its headers
#              (make check-rt, make check-long)
#   --debug    --test, plus what make check-debug needs to build its kernel
# A desktop needs only --build (README.md); CI and `make check` use --test.
# As root it runs apt-get; otherwise it prints the command to run.
set -e

BUILD="build-essential make pkg-config libudev-dev libblkid-dev
libsmartcols-dev nettle-dev libb2-dev zlib1g-dev libxml2-dev kmod"
PACKAGE="debhelper dh-dkms dkms lintian fakeroot udev systemd bash-completion"
# --debug adds what make check-debug needs to build its kernel
# (tests/vm/debug-kernel): Debian's 6.12 source and the build tools.
DEBUG="linux-source-6.12 flex bison bc libelf-dev libssl-dev"
TEST="bc cpio xz-utils busybox-static qemu-system-x86
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
sg3-utils xorriso fio gddrescue sparse mame-tools
util-linux mount dmsetup e2fsprogs python3 python3-docutils jq gpgv gnupg
coreutils procps man-db groff-base
cdrdao cdparanoia libcdio-utils icedax cd-discid bchunk udisks2 genisoimage
open-iscsi targetcli-fb iproute2
libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients"
# --rt: the real-time kernel the suite also boots (tests/vm/run --rt).
RT="linux-image-6.12-rt-amd64 linux-headers-6.12-rt-amd64"

case ${1:---build} in
--build) PKGS="$BUILD" ;;
--package) PKGS="$BUILD $PACKAGE" ;;
--test) PKGS="$BUILD $PACKAGE $TEST" ;;
--rt) PKGS="$BUILD $PACKAGE $TEST $RT" ;;
--debug) PKGS="$BUILD $PACKAGE $TEST $DEBUG" ;;
*) echo "usage: scripts/deps.sh [--build | --package | --test | --rt | --debug]" >&2; exit 2 ;;
esac

# The running kernel's headers, for --build, when Debian has them (a
# self-built or foreign kernel has none: make then says so, and
# make KVER=... builds for an installed Debian kernel instead).
if [ "${1:---build}" = --build ]; then
	hdr=linux-headers-$(uname -r)
	if [ -d "/lib/modules/$(uname -r)/build" ]; then
		:
	elif apt-cache show "$hdr" >/dev/null 2>&1; then
		PKGS="$PKGS $hdr"
	else
		echo "discloop: no package $hdr for the running kernel; the module" >&2
		echo "  can only be built for a kernel whose headers are installed." >&2
	fi
fi

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
