#!/bin/sh
# The bash completion offers every command of `discloop --help`, every long
# option of each `discloop <command> --help`, and the value lists; every
# option in the tool's option tables is in some command's --help. It runs
# the completion function itself under bash-completion, as a TAB would.
set -eu
cd "$(dirname "$0")/../.."
D=$PWD/userspace/discloop
[ -x "$D" ] || { echo "userspace/discloop is not built (make tool)"; exit 1; }
bc=/usr/share/bash-completion/bash_completion
[ -r $bc ] || { echo "SKIP: bash-completion is not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmds=$("$D" --help | sed -n '/^Commands:/,/^$/p' | sed -n 's/^ \([a-z][a-z]*\) .*/\1/p')
[ -n "$cmds" ] || { echo "no commands in discloop --help"; exit 1; }

# Every option of the source tables appears in some --help.
all_help=$(for c in $cmds; do "$D" "$c" --help; done)
src_opts=$(grep -ho '{ *"[a-z][a-z0-9-]*", *\(no_argument\|required_argument\|optional_argument\)' userspace/*.c |
	sed 's/{ *"\([^"]*\)".*/\1/' | sort -u)
bad=0
for o in $src_opts; do
	printf '%s\n' "$all_help" | grep -q -- "--$o\b" ||
		{ echo "option --$o is in no command's --help"; bad=1; }
done

# The checks, as bash input: "want WORD -- LINE..." asks that completing
# LINE (its last word being the one under the cursor) offers WORD.
{
	echo "want_cmds='$(echo $cmds) --help --version'"
	for c in $cmds; do
		for o in $("$D" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | sort -u); do
			echo "want $o -- discloop $c --"
		done
	done
	for v in auto cd dvd bd; do
		echo "want $v -- discloop attach --profile ''"
		echo "want $v -- discloop insert -p ''"
	done
	for v in INDEX DEVICE SG HCTL PROFILE SIZE SECTORS LOCKED TRAY IMAGE; do
		echo "want $v -- discloop list -o ''"
	done
	echo "want +INDEX -- discloop list -o +IN"
	echo "want +SIZE,HCTL -- discloop list --output +SIZE,HC"
	echo "want INDEX,IMAGE -- discloop list -o INDEX,IM"
	for v in crc32 md5 sha1 sha256 sha512 blake2b redump all none; do
		echo "want $v -- discloop rip --hashes ''"
	done
	echo "want md5,sha512 -- discloop rip --hashes md5,sha5"
	echo "want 8 -- discloop autoattach --max ''"
} >"$tmp/checks"

cat >"$tmp/run.bash" <<'EOS'
. /usr/share/bash-completion/bash_completion
. "$1"
fails=0 n=0
# comp WORDS...: the completions for the command line WORDS, one a line.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_discloop discloop "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
	printf '%s\n' "${COMPREPLY[@]}"
}
want() {
	local w=$1; shift 2
	n=$((n + 1))
	if ! comp "$@" | grep -qx -- "$w"; then
		echo "FAIL: '$*<TAB>' does not offer $w (offers: $(comp "$@" | tr '\n' ' '))"
		fails=$((fails + 1))
	fi
}
. "$2"
for c in $want_cmds; do want "$c" -- discloop ''; done
# Nothing is offered where no value list makes sense.
n=$((n + 1))
[ -z "$(comp discloop verify --sha256 '')" ] || { echo "FAIL: verify --sha256 offers words"; fails=$((fails + 1)); }
echo "$n completions checked, $fails failed"
[ $fails = 0 ]
EOS
bash "$tmp/run.bash" userspace/bash-completion/discloop "$tmp/checks" || bad=1
exit $bad
