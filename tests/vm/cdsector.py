#!/usr/bin/python3
# cdsector.py RAW IMAGE LBA N [SUB]: check N raw Mode 1 sectors (2352 bytes
# each, plus SUB bytes of sub-channel) read from LBA against the ISO image:
# sync, BCD header, user data, EDC and P/Q ECC, computed here
# independently of the project's code (ECMA-130).
#
# cdsector.py --auto [--mode 1|2] RAW LBA N: check N raw data sectors of
# any kind, each by its own header: Mode 1 as above; Mode 2 XA with its
# two subheader copies equal and, by the submode's form bit, Form 1 (EDC
# over 16..2071, P/Q computed with the header taken as zero) or Form 2
# (EDC over 16..2347, or zero). --mode requires that mode. The framing
# code of tests/vm/mkdisc.py is checked with this one: the two are
# written differently (table-driven RSPC here, parity solved from the
# check matrices there).
#
# cdsector.py --subq SUB LBA N: check N linear 96-byte sub-channel frames
# (CloneCD .sub) from LBA: Q CRC (binascii's CCITT CRC) and, in ADR 1
# frames, the absolute MSF; prints the LBAs whose Q is damaged.
import binascii
import sys

auto = mode_req = None
if sys.argv[1] == '--auto':
    auto = True
    del sys.argv[1]
    if sys.argv[1] == '--mode':
        mode_req = int(sys.argv[2])
        del sys.argv[1:3]
    raw, lba0, n = open(sys.argv[1], 'rb').read(), int(sys.argv[2]), int(sys.argv[3])
    img, sub = None, 0
elif sys.argv[1] == '--subq':
    auto = False
else:
    raw, img, lba0, n = open(sys.argv[1], 'rb').read(), sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    sub = int(sys.argv[5]) if len(sys.argv) > 5 else 0
f_lut = [((i << 1) ^ (0x11d if i & 0x80 else 0)) & 0xff for i in range(256)]
b_lut = [0] * 256
for i in range(256):
    b_lut[i ^ f_lut[i]] = i
edc_lut = []
for i in range(256):
    e = i
    for _ in range(8):
        e = (e >> 1) ^ (0xd8018001 if e & 1 else 0)
    edc_lut.append(e)

def edc(data):
    e = 0
    for b in data:
        e = (e >> 8) ^ edc_lut[(e ^ b) & 0xff]
    return e

def ecc(sec, major_count, minor_count, major_mult, minor_inc, off):
    src = sec[12:]
    size = major_count * minor_count
    out = bytearray(2 * major_count)
    for major in range(major_count):
        idx = (major >> 1) * major_mult + (major & 1)
        a = b = 0
        for _ in range(minor_count):
            t = src[idx]
            idx += minor_inc
            if idx >= size:
                idx -= size
            a ^= t
            b ^= t
            a = f_lut[a]
        a = b_lut[f_lut[a] ^ b]
        out[major] = a
        out[major + major_count] = a ^ b
    return bytes(out) == bytes(sec[off:off + 2 * major_count])

bcd = lambda v: (v // 10) << 4 | v % 10


def check_auto(sec, lba):
    a = lba + 150
    msf = bytes([bcd(a // 4500), bcd(a // 75 % 60), bcd(a % 75)])
    if len(sec) != 2352: return 'short', None
    if sec[:12] != b'\0' + b'\xff' * 10 + b'\0': return 'sync', None
    if sec[12:15] != msf: return 'header MSF %s != %s' % (sec[12:15].hex(), msf.hex()), None
    mode = sec[15]
    if mode_req and mode != mode_req: return 'mode %d, want %d' % (mode, mode_req), None
    if mode == 1:
        if int.from_bytes(sec[2064:2068], 'little') != edc(sec[:2064]): return 'EDC', 'm1'
        if sec[2068:2076] != b'\0' * 8: return 'zero area', 'm1'
        if not ecc(sec, 86, 24, 2, 86, 2076): return 'ECC P', 'm1'
        if not ecc(sec, 52, 43, 86, 88, 2248): return 'ECC Q', 'm1'
        return None, 'm1'
    if mode != 2: return 'mode byte %d' % mode, None
    if sec[16:20] != sec[20:24]: return 'subheader copies differ', 'm2'
    if sec[18] & 0x20:
        e = int.from_bytes(sec[2348:2352], 'little')
        if e and e != edc(sec[16:2348]): return 'Form 2 EDC', 'f2'
        return None, 'f2'
    if int.from_bytes(sec[2072:2076], 'little') != edc(sec[16:2072]): return 'Form 1 EDC', 'f1'
    z = bytearray(sec)
    z[12:16] = bytes(4)
    if not ecc(z, 86, 24, 2, 86, 2076): return 'Form 1 ECC P', 'f1'
    if not ecc(z, 52, 43, 86, 88, 2248): return 'Form 1 ECC Q', 'f1'
    return None, 'f1'


if auto:
    bad, kinds = 0, {}
    for k in range(n):
        err, kind = check_auto(raw[k * 2352:(k + 1) * 2352], lba0 + k)
        kinds[kind] = kinds.get(kind, 0) + 1
        if err:
            bad += 1
            print('LBA %d: %s' % (lba0 + k, err))
    print('%d sectors (%s), %d bad' % (n, ', '.join('%s %d' % (k, v) for k, v in sorted(
        kinds.items(), key=str)), bad))
    sys.exit(1 if bad else 0)

if auto is False:
    subs, lba0, n = open(sys.argv[2], 'rb').read(), int(sys.argv[3]), int(sys.argv[4])
    damaged = []
    for k in range(n):
        q = subs[(lba0 + k) * 96 + 12:(lba0 + k) * 96 + 24]
        a = lba0 + k + 150
        ok = len(q) == 12 and binascii.crc_hqx(q[:10], 0) ^ 0xffff == int.from_bytes(q[10:], 'big')
        if ok and q[0] & 15 == 1:
            ok = q[7:10] == bytes([bcd(a // 4500), bcd(a // 75 % 60), bcd(a % 75)])
        if not ok:
            damaged.append(lba0 + k)
    print('damaged Q: %s' % ' '.join(map(str, damaged)))
    sys.exit(0)

bad = 0
with open(img, 'rb') as fi:
    for k in range(n):
        lba = lba0 + k
        sec = raw[k * (2352 + sub):k * (2352 + sub) + 2352]
        fi.seek(lba * 2048)
        user = fi.read(2048).ljust(2048, b'\0')
        a = lba + 150
        hdr = bytes([bcd(a // 4500), bcd(a // 75 % 60), bcd(a % 75), 1])
        errs = []
        if len(sec) != 2352: errs.append('short')
        elif sec[:12] != b'\0' + b'\xff' * 10 + b'\0': errs.append('sync')
        elif sec[12:16] != hdr: errs.append('header %s != %s' % (sec[12:16].hex(), hdr.hex()))
        elif sec[16:2064] != user: errs.append('user data')
        elif int.from_bytes(sec[2064:2068], 'little') != edc(sec[:2064]): errs.append('EDC')
        elif sec[2068:2076] != b'\0' * 8: errs.append('zero area')
        elif not ecc(sec, 86, 24, 2, 86, 2076): errs.append('ECC P')
        elif not ecc(sec, 52, 43, 86, 88, 2248): errs.append('ECC Q')
        if sub == 16:
            q = raw[k * (2352 + sub) + 2352:(k + 1) * (2352 + sub)]
            if q[0] != 0x41 or q[1] != 1: errs.append('Q control/track %s' % q[:3].hex())
            if q[7:10] != hdr[:3]: errs.append('Q absolute MSF %s' % q[7:10].hex())
        if errs:
            bad += 1
            print('LBA %d: %s' % (lba, ', '.join(errs)))
print('%d sectors, %d bad' % (n, bad))
sys.exit(1 if bad else 0)
