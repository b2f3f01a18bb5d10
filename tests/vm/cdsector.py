#!/usr/bin/python3
# cdsector.py RAW IMAGE LBA N [SUB]: check N raw Mode 1 sectors (2352 bytes
# each, plus SUB bytes of sub-channel) read from LBA against the ISO image:
# sync, BCD header, user data, EDC and P/Q ECC, computed here
# independently of the project's code (ECMA-130).
import sys

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
