#!/bin/sh
# Every long option the tool accepts is documented in a man page, and every
# page renders without warnings and carries the version from VERSION.
set -eu
cd "$(dirname "$0")/../.."
make -s man
ver=$(cat VERSION)
pages=$(ls userspace/man/*.1)
for p in $pages; do
	sed -n 's/^\.TH [^ ]* 1 "[^"]*" "discloop \([^"]*\)".*/\1/p' "$p" | grep -qx "$ver" ||
		{ echo "$p: .TH does not name version $ver"; exit 1; }
done
for p in $pages; do
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$p" 2>&1 >/dev/null) || true
	[ -z "$out" ] || { echo "$p: $out"; exit 1; }
done
opts=$(grep -ho '{ *"[a-z][a-z0-9-]*", *\(no_argument\|required_argument\|optional_argument\)' userspace/*.c |
	sed 's/{ *"\([^"]*\)".*/\1/' | sort -u)
missing=0
for o in $opts; do
	if ! cat $pages | grep -q -- "\\\\-\\\\-$o\|--$o"; then
		echo "option --$o is not in any man page"
		missing=1
	fi
done
[ $missing = 0 ] && echo "ok: $(echo "$opts" | wc -w) options documented in $(echo "$pages" | wc -w) pages"
exit $missing
