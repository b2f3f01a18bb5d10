#!/bin/sh
# Packaging, on a copy of the tree (the working tree is left alone):
# - dpkg-buildpackage -us -uc -b builds discloop and discloop-dkms with the
#   files each must ship, and lintian reports no error (its warnings are
#   printed, and listed in build/host-pkg.log by tests/check);
# - make install DESTDIR=... (default PREFIX, module for an installed
#   kernel) writes nothing on the live system and puts the expected files
#   in DESTDIR; make uninstall DESTDIR=... removes every one of them.
set -eu
cd "$(dirname "$0")/../.."
for c in dpkg-buildpackage dh dh_dkms lintian dkms; do
	command -v $c >/dev/null || { echo "SKIP: $c is not installed (scripts/deps.sh --package)"; exit 77; }
done
ver=$(cat VERSION)
tmp=$(mktemp -d)
install_pid=
trap 'if [ -n "$install_pid" ]; then kill $install_pid 2>/dev/null || :; wait || :; fi; rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; bad=$((bad + 1)); }
bad=0

# The tree as it is, without build products: one copy for the packages,
# one for make install, which runs meanwhile (in the background).
mkdir "$tmp/src" "$tmp/src2"
git ls-files -z --cached --others --exclude-standard |
	tar -cf - --null -T - --ignore-failed-read 2>/dev/null | tar -xf - -C "$tmp/src"
[ -f "$tmp/src/debian/control" ] || { echo "FAIL: no debian/ in the copy"; exit 1; }
cp -a "$tmp/src/." "$tmp/src2/"

kver=
for b in /lib/modules/*/build; do
	[ -d "$b" ] && kver=$(basename "$(dirname "$b")") && break
done
[ -n "$kver" ] || { echo "FAIL: no kernel headers installed"; exit 1; }
udevdir=$(pkg-config --variable=udevdir udev)
unitdir=$(pkg-config --variable=systemdsystemunitdir systemd)
# Stamp the second before, so that a file written in this second counts.
touch -d "@$(($(date +%s) - 1))" "$tmp/stamp"
dest=$tmp/dest
(cd "$tmp/src2" && make -s install DESTDIR="$dest" KVER="$kver") >"$tmp/install.log" 2>&1 &
install_pid=$!

clver=$(dpkg-parsechangelog -l debian/changelog -S Version)
[ "$clver" = "$ver" ] || fail "debian/changelog is at $clver, VERSION is $ver"

# --- the packages
t0=$(date +%s)
# nocheck: tests/check runs the unit tests itself.
if ! (cd "$tmp/src" && DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -b) >"$tmp/build.log" 2>&1; then
	tail -40 "$tmp/build.log"
	echo "FAIL: dpkg-buildpackage"
	exit 1
fi
echo "ok: dpkg-buildpackage -us -uc -b ($(($(date +%s) - t0)) s)"
arch=$(dpkg --print-architecture)
deb=$tmp/discloop_${ver}_$arch.deb
dkmsdeb=$tmp/discloop-dkms_${ver}_all.deb
[ -f "$deb" ] && [ -f "$dkmsdeb" ] || { ls "$tmp"; echo "FAIL: .debs missing"; exit 1; }

# The flags dpkg-buildflags gives reach the compiler (hardening).
grep -q -- '-D_FORTIFY_SOURCE=2' "$tmp/build.log" || fail "CPPFLAGS (FORTIFY) did not reach the compiler"
grep -q -- '-fstack-protector-strong' "$tmp/build.log" || fail "CFLAGS (stack protector) did not reach the compiler"

dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/discloop.list"
dpkg-deb -c "$dkmsdeb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/dkms.list"
for f in /usr/bin/discloop /usr/share/man/man1/discloop.1.gz \
	/usr/share/man/man1/discloop-rip.1.gz /usr/share/man/man1/discloop-verify.1.gz \
	/usr/share/bash-completion/completions/discloop \
	"$udevdir/rules.d/60-discloop.rules" "$udevdir/rules.d/61-discloop-autoattach.rules" \
	"$unitdir/discloop-autoattach@.service" /etc/discloop/autoattach.conf; do
	grep -qx "$f" "$tmp/discloop.list" || fail "discloop lacks $f"
done
for f in "/usr/src/discloop-$ver/dkms.conf" "/usr/src/discloop-$ver/kmod/main.c" \
	"/usr/src/discloop-$ver/Kbuild" "/usr/src/discloop-$ver/VERSION" \
	/usr/lib/modules-load.d/discloop.conf; do
	grep -qx "$f" "$tmp/dkms.list" || fail "discloop-dkms lacks $f"
done
! grep -E '\.(o|ko|cmd)$|/userspace/' "$tmp/dkms.list" || fail "discloop-dkms ships build products or userspace"
! grep -q sbin "$tmp/discloop.list" || fail "discloop installs into an sbin"
! grep -q '^/usr/src' "$tmp/discloop.list" || fail "discloop ships module sources"
! dpkg-deb -f "$deb" Depends | grep -q dkms || fail "discloop depends on dkms"

x=$tmp/x
dpkg-deb -x "$deb" "$x"
dpkg-deb -e "$deb" "$x/DEBIAN"
grep -qx /etc/discloop/autoattach.conf "$x/DEBIAN/conffiles" || fail "autoattach.conf is not a conffile"
grep -q '^enabled = no' "$x/etc/discloop/autoattach.conf" || fail "auto-attach is not off by default"
grep -q '^ExecStart=/usr/bin/discloop autoattach /dev/%i$' "$x$unitdir/discloop-autoattach@.service" ||
	fail "the unit does not run /usr/bin/discloop"
zcat "$x/usr/share/man/man1/discloop.1.gz" | grep -q "^.TH DISCLOOP 1 \"[^\"]*\" \"discloop $ver\"" ||
	fail "discloop.1 does not carry version $ver"
# The unit parses (systemd-analyze verify), pointed at the packaged tool.
if command -v systemd-analyze >/dev/null; then
	sed -e "s|/usr/bin/discloop|$x/usr/bin/discloop|" -e '/^Documentation=/d' \
		"$x$unitdir/discloop-autoattach@.service" >"$tmp/discloop-autoattach@sdz1.service"
	out=$(cd "$tmp" && systemd-analyze verify "$tmp/discloop-autoattach@sdz1.service" 2>&1) ||
		fail "systemd-analyze verify: $out"
	[ -z "$out" ] && echo "ok: systemd-analyze verify of the unit" || fail "systemd-analyze verify: $out"
fi
v=$("$x/usr/bin/discloop" --version | head -1)
abi=$(sed -n 's/^#define DISCLOOP_ABI_VERSION[[:space:]]*\([0-9][0-9]*\).*/\1/p' include/uapi/linux/discloop.h)
[ -n "$abi" ] || fail "no DISCLOOP_ABI_VERSION in include/uapi/linux/discloop.h"
[ "$v" = "discloop $ver (ABI $abi)" ] || fail "packaged discloop --version: '$v' (want ABI $abi)"
dpkg-deb -x "$dkmsdeb" "$tmp/y"
grep -q "^PACKAGE_VERSION=\"$ver\"" "$tmp/y/usr/src/discloop-$ver/dkms.conf" || fail "dkms.conf version"
grep -q '^BUILD_EXCLUSIVE_KERNEL=' "$tmp/y/usr/src/discloop-$ver/dkms.conf" || fail "no BUILD_EXCLUSIVE_KERNEL"
dpkg-deb -e "$dkmsdeb" "$tmp/y/DEBIAN"
grep -q 'dkms' "$tmp/y/DEBIAN/postinst" || fail "discloop-dkms postinst does not run dkms (dh_dkms)"
dpkg-deb -f "$dkmsdeb" Depends | grep -q dkms || fail "discloop-dkms does not depend on dkms"

# --- lintian
t0=$(date +%s)
lintian --tag-display-limit 0 "$tmp"/discloop_*.changes >"$tmp/lintian.log" 2>&1 || true
echo "lintian ($(($(date +%s) - t0)) s):"
sed 's/^/    /' "$tmp/lintian.log"
if grep -q '^E: ' "$tmp/lintian.log"; then
	fail "lintian reports errors"
else
	echo "ok: lintian: no errors, $(grep -c '^W: ' "$tmp/lintian.log") warnings"
fi

# --- make install / uninstall with DESTDIR (default PREFIX, /usr/local)
rc=0
wait $install_pid || rc=$?
install_pid=
[ $rc = 0 ] || { cat "$tmp/install.log"; echo "FAIL: make install DESTDIR"; exit 1; }
live="/usr/bin /usr/local /usr/share/man/man1 /usr/share/bash-completion $udevdir/rules.d \
	$unitdir /usr/lib/modules-load.d /etc /lib/modules/$kver /usr/src"
# shellcheck disable=SC2086
touched=$(find $live \( -name '*discloop*' -o -name 'modules.dep*' -o -name 'modules.alias*' \) \
	-newer "$tmp/stamp" 2>/dev/null || true)
[ -z "$touched" ] && echo "ok: make install DESTDIR (and the package build) wrote nothing on the live system" ||
	fail "make install DESTDIR or the package build touched the live system: $touched"
(cd "$dest" && find . ! -type d | sed 's|^\.||' | sort) >"$tmp/installed"
for f in /usr/local/bin/discloop /usr/local/share/man/man1/discloop.1 \
	/usr/local/share/bash-completion/completions/discloop \
	"$udevdir/rules.d/60-discloop.rules" "$unitdir/discloop-autoattach@.service" \
	/usr/lib/modules-load.d/discloop.conf /etc/discloop/autoattach.conf; do
	grep -qx "$f" "$tmp/installed" || fail "make install did not put $f"
done
grep -q "^/lib/modules/$kver/extra/kmod/discloop.ko" "$tmp/installed" || fail "make install put no module"
! grep -q '/lib/modules/.*/modules\.' "$tmp/installed" || fail "make install DESTDIR ran depmod"
grep -q '^ExecStart=/usr/local/bin/discloop ' "$dest$unitdir/discloop-autoattach@.service" ||
	fail "the unit installed with PREFIX=/usr/local does not run /usr/local/bin/discloop"
echo "ok: make install DESTDIR put $(wc -l <"$tmp/installed") files"
(cd "$tmp/src2" && make -s uninstall DESTDIR="$dest" KVER="$kver") >"$tmp/uninstall.log" 2>&1 ||
	{ cat "$tmp/uninstall.log"; fail "make uninstall DESTDIR"; }
left=$(cd "$dest" && find . ! -type d)
[ -z "$left" ] && echo "ok: make uninstall DESTDIR removed all $(wc -l <"$tmp/installed") files" ||
	fail "make uninstall left: $left"

[ $bad = 0 ] || { echo "$bad check(s) failed"; exit 1; }
echo "all packaging checks passed"
