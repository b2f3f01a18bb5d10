#!/usr/bin/python3
# cdencode.py: CD sectors built here, independently of the project's C
# code (ECMA-130 and CD-ROM XA), for fixtures and checks:
#   cdencode.py mode1 IN OUT LBA      2048-byte sectors of IN -> raw Mode 1
#   cdencode.py form1 IN OUT LBA      2048-byte sectors -> raw XA Form 1
#   cdencode.py form2 IN OUT LBA      2324-byte sectors -> raw XA Form 2
#   cdencode.py check-xa RAW LBA N    check N raw XA sectors (either form)
# LBA is the address of the first sector. As a module: sector(kind, lba,
# data, subheader=None) returns the 2352 bytes; check_xa(sec, lba).
import sys

F = [((i << 1) ^ (0x11d if i & 0x80 else 0)) & 0xff for i in range(256)]
B = [0] * 256
for i in range(256):
    B[i ^ F[i]] = i
EDC_T = []
for i in range(256):
    e = i
    for _ in range(8):
        e = (e >> 1) ^ (0xd8018001 if e & 1 else 0)
    EDC_T.append(e)
SYNC = b'\0' + b'\xff' * 10 + b'\0'


def edc(data):
    e = 0
    for b in data:
        e = (e >> 8) ^ EDC_T[(e ^ b) & 0xff]
    return e


def parity(src, major_count, minor_count, major_mult, minor_inc):
    # RSPC over bytes 12.. of the sector (src), one code per "major"
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
            a = F[a]
        a = B[F[a] ^ b]
        out[major] = a
        out[major + major_count] = a ^ b
    return bytes(out)


def add_ecc(sec, zero_header):
    src = bytearray(sec[12:])
    if zero_header:
        src[0:4] = b'\0\0\0\0'
    p = parity(src, 86, 24, 2, 86)
    sec[2076:2248] = p
    src[2076 - 12:2248 - 12] = p
    sec[2248:2352] = parity(src, 52, 43, 86, 88)


def header(lba, mode):
    a = lba + 150
    bcd = lambda v: (v // 10) << 4 | v % 10
    return bytes([bcd(a // 4500), bcd(a // 75 % 60), bcd(a % 75), mode])


def sector(kind, lba, data, subheader=None):
    sec = bytearray(2352)
    sec[0:12] = SYNC
    if kind == 'mode1':
        sec[12:16] = header(lba, 1)
        sec[16:2064] = data.ljust(2048, b'\0')
        sec[2064:2068] = edc(sec[:2064]).to_bytes(4, 'little')
        add_ecc(sec, False)
        return bytes(sec)
    sec[12:16] = header(lba, 2)
    if kind == 'mode2':
        sec[16:2352] = data.ljust(2336, b'\0')
        return bytes(sec)
    form2 = kind == 'form2'
    sh = subheader or bytes([0, 0, 0x20 if form2 else 0x08, 0]) * 2
    sec[16:24] = sh
    if form2:
        sec[24:2348] = data.ljust(2324, b'\0')
        sec[2348:2352] = edc(sec[16:2348]).to_bytes(4, 'little')
    else:
        sec[24:2072] = data.ljust(2048, b'\0')
        sec[2072:2076] = edc(sec[16:2072]).to_bytes(4, 'little')
        add_ecc(sec, True)
    return bytes(sec)


def check_xa(sec, lba):
    if sec[:12] != SYNC:
        return 'sync'
    if sec[12:16] != header(lba, 2):
        return 'header %s' % sec[12:16].hex()
    if sec[16:20] != sec[20:24]:
        return 'sub-header copies differ'
    kind = 'form2' if sec[18] & 0x20 else 'form1'
    data = sec[24:2348] if kind == 'form2' else sec[24:2072]
    want = sector(kind, lba, data, bytes(sec[16:24]))
    if kind == 'form2' and sec[2348:2352] == b'\0' * 4:
        want = want[:2348] + b'\0' * 4
    return None if want == bytes(sec) else kind + ' EDC/ECC'


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'check-xa':
        raw, lba0, n = open(sys.argv[2], 'rb').read(), int(sys.argv[3]), int(sys.argv[4])
        bad = 0
        for k in range(n):
            err = check_xa(raw[k * 2352:(k + 1) * 2352], lba0 + k)
            if err:
                bad += 1
                print('LBA %d: %s' % (lba0 + k, err))
        print('%d sectors, %d bad' % (n, bad))
        sys.exit(1 if bad else 0)
    size = 2324 if cmd == 'form2' else 2048
    data, lba = open(sys.argv[2], 'rb').read(), int(sys.argv[4])
    with open(sys.argv[3], 'wb') as out:
        for k in range(0, max(len(data), 1), size):
            out.write(sector(cmd, lba, data[k:k + size]))
            lba += 1
