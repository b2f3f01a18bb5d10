#!/usr/bin/python3
# sgcmd.py DEV CDB-HEX [ALLOC] [-o FILE]: send one CDB with SG_IO and print
#   status=S sense=KK/AA/QQ valid=V info=N resid=R got=N
# (sense=none without CHECK CONDITION); data-in goes to FILE if given.
import ctypes, fcntl, os, struct, sys

args = [a for a in sys.argv[1:]]
out = None
if '-o' in args:
    i = args.index('-o'); out = args[i + 1]; del args[i:i + 2]
dev, cdbhex = args[0], args[1].replace(' ', '')
alloc = int(args[2], 0) if len(args) > 2 else 0
cdb = bytes.fromhex(cdbhex)
fd = os.open(dev, os.O_RDWR | os.O_NONBLOCK)
buf = ctypes.create_string_buffer(max(alloc, 1))
sense = ctypes.create_string_buffer(64)
cdbb = ctypes.create_string_buffer(cdb, len(cdb))
fmt = '@iiBBHIPPPIIiPBBBBHHiII'
hdr = struct.pack(fmt, ord('S'), -3 if alloc else -1, len(cdb), 64, 0, alloc,
                  ctypes.addressof(buf) if alloc else 0, ctypes.addressof(cdbb),
                  ctypes.addressof(sense), 20000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
hb = bytearray(hdr)
fcntl.ioctl(fd, 0x2285, hb)
f = struct.unpack(fmt, bytes(hb))
status, sb_len, host, drv, resid = f[13], f[16], f[17], f[18], f[19]
s = sense.raw[:sb_len]
if status == 2 and sb_len >= 14:
    info = struct.unpack('>I', s[3:7])[0]
    print('status=%d sense=%02x/%02x/%02x valid=%d info=%d resid=%d got=%d host=%d' %
          (status, s[2] & 0xf, s[12], s[13], s[0] >> 7, info, resid, alloc - resid, host))
else:
    print('status=%d sense=none resid=%d got=%d host=%d' % (status, resid, alloc - resid, host))
if out:
    with open(out, 'wb') as o:
        o.write(buf.raw[:alloc - resid])
