# READ SUB-CHANNEL, judged by the kernel's cdrom layer: the CDROMSUBCHNL and
# CDROM_GET_MCN ioctls on /dev/srN build the command and parse the reply.
# tier: gate
# timeout: 300
. "$DL_REPO/tests/vm/lib.sh"
. "$DL_REPO/tests/vm/kmod-lib.sh"
dl_load
mktree "$T/tree" 1
mkiso "$T/a.iso" "$T/tree" -V SUBQ
sr=$(dl_add "$T/a.iso") || die "add failed"
sg=/dev/$(sg_of_sr "$sr")
sense_of "$sg" 000000000000 >/dev/null	# consume the unit attention

out=$(python3 - "$sr" <<'PY'
import fcntl, os, struct, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)
CDROMSUBCHNL, CDROM_GET_MCN, CDROM_LBA = 0x530b, 0x5311, 0x01
buf = bytearray(struct.pack("BBBBBxxxii", CDROM_LBA, 0, 0, 0, 0, -1, -1))
fcntl.ioctl(fd, CDROMSUBCHNL, buf)
fmt, status, adrctl, trk, ind, absaddr, reladdr = struct.unpack("BBBBBxxxii", buf)
print("status=%#x ctrl=%d trk=%d ind=%d abs=%d rel=%d" %
      (status, adrctl >> 4, trk, ind, absaddr, reladdr))
mcn = bytearray(14)
fcntl.ioctl(fd, CDROM_GET_MCN, mcn)
print("mcn=%s" % (mcn.rstrip(b"\0").decode() or "none"))
PY
) || fail "ioctls failed"
echo "$out"
expect_eq "CDROMSUBCHNL" "$(echo "$out" | head -1)" "status=0x15 ctrl=4 trk=1 ind=1 abs=0 rel=0"
expect_eq "CDROM_GET_MCN (a data disc has none)" "$(echo "$out" | sed -n 2p)" "mcn=none"
# Formats the command defines; an ISRC is asked of track 1 only.
expect_eq "format 1" "$(sense_of "$sg" 42004001000000001000 16)" none
expect_eq "ISRC of track 2" "$(sense_of "$sg" 42004003000002001800 24)" 05/24/00
expect_eq "reserved format" "$(sense_of "$sg" 42004009000000001800 24)" 05/24/00
finish
