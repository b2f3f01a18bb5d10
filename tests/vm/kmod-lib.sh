# Helpers for the kmod cases (tests/vm/cases/1*.sh), sourced after lib.sh.
SGCMD="$DLCTL sg"
[ -x "$DLCTL" ] || die "tests/vm/dlctl not built (make -C tests/vm)"

# dl_sr INDEX: the /dev/srN of drive INDEX (via sysfs, never guessed).
dl_sr() {
	local h
	h=$($DLCTL info "$1" | sed -n 's/^host=//p')
	[ -n "$h" ] || return 1
	local b
	b=$(ls "/sys/bus/scsi/devices/$h:0:$1:0/block/" 2>/dev/null | head -1)
	[ -n "$b" ] && echo "/dev/$b"
}

# dl_add [IMAGE] [opts]: add a drive, print its /dev/srN.
dl_add() {
	local i
	i=$($DLCTL add "$@") || return 1
	wait_for "/dev/$(basename "$(dl_sr "$i")")" 5
	dl_sr "$i"
}

# sense_of DEV CDB [ALLOC]: print "KK/AA/QQ" or "none".
sense_of() {
	$SGCMD "$@" | sed -n 's/.*sense=\([^ ]*\).*/\1/p'
}

# field DEV CDB ALLOC KEY: one key=value of an SG_IO reply line.
sg_field() {
	local k=$4
	$SGCMD "$1" "$2" "$3" | tr ' ' '\n' | sed -n "s/^$k=//p"
}
