#!/bin/sh
# Usage errors need no device: each bad command line must exit 2 with the
# reason on the first line of stderr, and leave no file behind.
set -u
cd "$(dirname "$0")/../.."
D=$PWD/userspace/discloop
[ -x "$D" ] || { echo "userspace/discloop is not built (make tool)"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
bad=0 n=0
# usage WANT-IN-MESSAGE ARGS...
usage() {
	want=$1; shift
	n=$((n + 1))
	"$D" "$@" >out 2>err
	rc=$?
	first=$(head -1 err)
	if [ $rc != 2 ] || ! printf '%s\n' "$first" | grep -q -- "$want"; then
		echo "FAIL: discloop $*: exit $rc, '$first' (wanted exit 2 and '$want')"
		bad=$((bad + 1))
	fi
	rm -f out err
	if [ -n "$(ls -A)" ]; then
		echo "FAIL: discloop $*: left $(ls -A | tr '\n' ' ')"
		bad=$((bad + 1))
		rm -rf ./* ./.[!.]* 2>/dev/null
	fi
}
usage "unknown command 'frobnicate'" frobnicate
usage "no image given" attach
usage "needs udev, --no-settle skips it" attach --label-wait --no-settle x.iso
usage "unrecognized option" list --bogus
usage "unknown hash 'bogus'" rip --hashes bogus /dev/sr0 out.iso
usage "unknown hash ''" rip --hashes md5,,sha1 /dev/sr0 out.iso
usage "needs a hash" rip --hashes none --hash-file /dev/sr0 out.iso
usage "is not a number from 1 to" rip --blocks 0 /dev/sr0 out.iso
usage "--retry-bad needs --resume" rip --retry-bad /dev/sr0 out.iso
usage "exclude each other" rip --resume --force /dev/sr0 out.iso
usage "--raw-output needs --raw" rip --raw-output r.bin /dev/sr0 out.iso
usage "DEVICE and OUTPUT are required" rip /dev/sr0
usage "not a rate" rip --max-rate fast /dev/sr0 out.iso
[ $bad = 0 ] && echo "ok: $n usage errors answered with exit 2 and a reason"
exit $((bad > 0))
