#!/usr/bin/python3
"""mkdisc.py: multi-track CD fixtures and what a drive must read back.

  mkdisc.py gen OUTDIR [DISC...]     write the discs (by default all but
                                     fuzz, which cdbfuzz alone uses); the
                                     name chd adds what the chd command does
  mkdisc.py chd OUTDIR               mixed.chd from mixed.cue (chdman)
  mkdisc.py expect OUTDIR DISC LBA N OUT [raw|user|form2]
                                     the bytes READ CD (raw: 2352/sector) or
                                     a cooked read (user: 2048/sector; form2:
                                     2324/sector; m2raw: 2336 from the
                                     subheader) must return for LBA..LBA+N-1
  mkdisc.py paranoia OUTDIR DISC T OUT
                                     what `cdparanoia -Z -r T` must write: the
                                     LE PCM from track T's start to the next
                                     TOC start of its session (its pregap
                                     included) or the session's lead-out
  mkdisc.py discid OUTDIR DISC [--musicbrainz]
                                     what `cd-discid [--musicbrainz]` prints
  mkdisc.py showtoc OUTDIR DISC [IMAGE]
                                     the track table `cdrdao show-toc` must
                                     print for DISC (as IMAGE keeps it),
                                     normalised as normtoc does
  mkdisc.py normtoc -                normalise `cdrdao show-toc` output read
                                     on stdin (banner, warnings, storage
                                     modes)
  mkdisc.py cdinfo OUTDIR DISC [IMAGE] <CDINFO
                                     compare cd-info's output with the layout
  mkdisc.py icedax OUTDIR DISC <REPORT
                                     compare the report of icedax -v
                                     toc,indices,catalog,trackid with the
                                     layout
  mkdisc.py subraw OUTDIR SUBFILE LBA N OUT
                                     what READ CD sub-channel 001b returns
                                     from a linear CloneCD .sub
  mkdisc.py qcheck OUTDIR DISC FILE LBA...
                                     check formatted Q read with each sector
  mkdisc.py spec OUTDIR DISC          a layout for dlctl insert-disc and
                                     cdbfuzz -d over the expected sectors
                                     (writes the stored sub-channel and
                                     CD-TEXT packs it names)
  mkdisc.py sh OUTDIR DISC            the layout as shell assignments
  mkdisc.py get OUTDIR DISC EXPR     one value of the layout, for shell tests
                                     (EXPR is Python over `d`, e.g.
                                     "d['tracks'][1]['start']")

Everything here is written from ECMA-130 and the format documents, with no
code of the project's kernel module or library: sync, headers, XA
subheaders, EDC (the CRC from the polynomial's definition) and the RSPC P/Q
parity (solved from the parity-check matrices over GF(2^8)), Q sub-channel
frames with their CRC, CUE sheets, cdrdao TOC files, CloneCD CCD/IMG/SUB.
Data tracks hold genisoimage file systems. Every audio sample encodes its
absolute position, n = LBA * 588 + i: left = n & 0xffff, right =
(n >> 16) ^ 0x5a5a, so an offset error of any size shows at once.

Each disc NAME gets OUTDIR/NAME.json: the layout (sessions, every track's
start LBA, length, pregap and whether it is stored, type, flags, ISRC,
indexes, CD-TEXT; the MCN; the images written and what each loses), and
OUTDIR/expect/NAME/tNN.raw: the 2352-byte sectors READ CD must return for
every LBA of track NN from its pregap to its end (LE PCM for audio).
"""
import array
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys

SECTOR = 2352
SESSION_GAP = 11400     # lead-out 6750 + lead-in 4500 + pregap 150
SESSION_GAP_NEXT = 6900

# ---------------------------------------------------------------- GF(2^8)
# Field of ECMA-130 Annex A: x^8 + x^4 + x^3 + x^2 + 1, alpha = x.
GF_EXP = [0] * 510
GF_LOG = [0] * 256
_x = 1
for _i in range(255):
    GF_EXP[_i] = GF_EXP[_i + 255] = _x
    GF_LOG[_x] = _i
    _x <<= 1
    if _x & 0x100:
        _x ^= 0x11d
# MUL[k][v] = alpha^k * v
MUL = [[0 if v == 0 else GF_EXP[GF_LOG[v] + k] for v in range(256)] for k in range(255)]
# 1 / (alpha + 1): both parity systems below reduce to (alpha + 1) p0 = s
INV_A1 = GF_EXP[(255 - GF_LOG[3]) % 255]


def _parity(sec, vectors, n):
    """RSPC parity: for each vector (a list of n-2 byte offsets and the two
    parity offsets), solve sum V_i = 0 and sum alpha^(n-1-i) V_i = 0."""
    for offs, p0o, p1o in vectors:
        s0 = s1 = 0
        for i, o in enumerate(offs):
            d = sec[o]
            s0 ^= d
            s1 ^= MUL[n - 1 - i][d]
        p0 = MUL[GF_LOG[INV_A1]][s0 ^ s1] if s0 ^ s1 else 0
        sec[p0o] = p0
        sec[p1o] = p0 ^ s0


def _vectors():
    # Words are byte pairs from offset 12; each byte plane is coded alone.
    p, q = [], []
    for b in (0, 1):
        for col in range(43):       # P: 43 columns of 24 words, (26,24)
            offs = [12 + 2 * (43 * row + col) + b for row in range(24)]
            p.append((offs, 12 + 2 * (43 * 24 + col) + b, 12 + 2 * (43 * 25 + col) + b))
        for diag in range(26):      # Q: 26 diagonals of 43 words, (45,43)
            offs = [12 + 2 * ((44 * m + 43 * diag) % 1118) + b for m in range(43)]
            q.append((offs, 12 + 2 * (1118 + diag) + b, 12 + 2 * (1144 + diag) + b))
    return p, q


P_VECTORS, Q_VECTORS = _vectors()


def _edc_table():
    # EDC polynomial (x^16 + x^15 + x^2 + 1)(x^16 + x^2 + x + 1), sent LSB
    # first: multiply the factors, then reflect the low 32 coefficients.
    a, b, prod = 0x18005, 0x10007, 0
    for i in range(17):
        if b >> i & 1:
            prod ^= a << i
    rev = int('{:032b}'.format(prod & 0xffffffff)[::-1], 2)
    tab = []
    for v in range(256):
        c = v
        for _ in range(8):
            c = c >> 1 ^ (rev if c & 1 else 0)
        tab.append(c)
    return tab


EDC_TAB = _edc_table()


def edc(data):
    c = 0
    for v in data:
        c = EDC_TAB[(c ^ v) & 0xff] ^ c >> 8
    return c


def bcd(v):
    return (v // 10) << 4 | v % 10


def msf(lba):
    a = lba + 150
    return a // 4500, a // 75 % 60, a % 75


def msf_str(lba):
    """mm:ss:ff of a sector count or file offset (no 150 added)."""
    return '%02d:%02d:%02d' % (lba // 4500, lba // 75 % 60, lba % 75)


SYNC = b'\0' + b'\xff' * 10 + b'\0'


def _header(lba, mode):
    m, s, f = msf(lba)
    return SYNC + bytes([bcd(m), bcd(s), bcd(f), mode])


def mode1(lba, user):
    assert len(user) == 2048
    sec = bytearray(_header(lba, 1) + user + bytes(288))
    sec[2064:2068] = struct.pack('<I', edc(sec[0:2064]))
    _parity(sec, P_VECTORS, 26)
    _parity(sec, Q_VECTORS, 45)
    return bytes(sec)


def mode2_form1(lba, subhdr, user):
    assert len(user) == 2048 and len(subhdr) == 4
    sec = bytearray(SYNC + bytes(4) + subhdr * 2 + user + bytes(280))
    sec[2072:2076] = struct.pack('<I', edc(sec[16:2072]))
    _parity(sec, P_VECTORS, 26)     # with the header still zero
    _parity(sec, Q_VECTORS, 45)
    sec[0:16] = _header(lba, 2)
    return bytes(sec)


def mode2_form2(lba, subhdr, user):
    assert len(user) == 2324 and len(subhdr) == 4
    sec = bytearray(_header(lba, 2) + subhdr * 2 + user + bytes(4))
    sec[2348:2352] = struct.pack('<I', edc(sec[16:2348]))
    return bytes(sec)


def form2_payload(lba):
    """2324 known bytes for the Form 2 sector at LBA."""
    words = array.array('I', [(lba << 12 | k) & 0xffffffff for k in range(581)])
    if sys.byteorder != 'little':
        words.byteswap()
    return words.tobytes()


def pcm(lba, count):
    """LE PCM of COUNT sectors from LBA, each sample encoding its index."""
    out = array.array('H')
    for n in range(lba * 588, (lba + count) * 588):
        out.append(n & 0xffff)
        out.append((n >> 16 ^ 0x5a5a) & 0xffff)
    if sys.byteorder != 'little':
        out.byteswap()
    return out.tobytes()


def swab(b):
    a = array.array('H', b)
    a.byteswap()
    return a.tobytes()


# ------------------------------------------------------------ Q sub-channel
def crc16(data):
    c = 0
    for v in data:
        c ^= v << 8
        for _ in range(8):
            c = (c << 1 ^ 0x1021 if c & 0x8000 else c << 1) & 0xffff
    return c ^ 0xffff


def q_frame(body):
    return body + struct.pack('>H', crc16(body))


ISRC_CHARS = {c: i for i, c in enumerate('0123456789')}
ISRC_CHARS.update({c: 17 + i for i, c in enumerate('ABCDEFGHIJKLMNOPQRSTUVWXYZ')})


def q_isrc(ctl, isrc, aframe):
    bits = 0
    for c in isrc[:5]:
        bits = bits << 6 | ISRC_CHARS[c]
    head = struct.pack('>I', bits << 2)
    digits = isrc[5:] + '0'
    tail = bytes(int(digits[i]) << 4 | int(digits[i + 1]) for i in range(0, 8, 2))
    return q_frame(bytes([ctl << 4 | 3]) + head + tail + bytes([bcd(aframe)]))


def q_mcn(ctl, mcn, aframe):
    digits = mcn + '0'
    packed = bytes(int(digits[i]) << 4 | int(digits[i + 1]) for i in range(0, 14, 2))
    return q_frame(bytes([ctl << 4 | 2]) + packed + b'\0' + bytes([bcd(aframe)]))


def control(t):
    f = t.get('flags', {})
    return ((4 if t['type'] != 'audio' else 0) | (1 if f.get('pre') else 0) |
            (2 if f.get('dcp') else 0) | (8 if f.get('4ch') else 0))


def q_position(d, lba):
    """The ADR 1 Q frame a drive reads at LBA (inside a track or its pregap)."""
    t = track_at(d, lba)
    index = 0 if lba < t['start'] else 1
    for n, at in sorted((int(k), v) for k, v in t.get('indexes', {}).items()):
        if lba >= at:
            index = n
    rel = t['start'] - lba if lba < t['start'] else lba - t['start']
    rm, rs, rf = rel // 4500, rel // 75 % 60, rel % 75
    am, as_, af = msf(lba)
    body = bytes([control(t) << 4 | 1, bcd(t['number']), bcd(index),
                  bcd(rm), bcd(rs), bcd(rf), 0, bcd(am), bcd(as_), bcd(af)])
    return q_frame(body)


def q_at(d, lba):
    t = track_at(d, lba)
    af = msf(lba)[2]
    if d.get('mcn') and lba % 100 == 25:
        return q_mcn(control(t), d['mcn'], af)
    if t.get('isrc') and lba % 100 == 50 and lba >= t['start']:
        return q_isrc(control(t), t['isrc'], af)
    return q_position(d, lba)


def track_at(d, lba):
    for t in d['tracks']:
        if t['start'] - t['pregap'] <= lba < t['start'] + t['length']:
            return t
    raise ValueError('LBA %d is in no track' % lba)


# ------------------------------------------------------------ data tracks
def prng(seed, n):
    out = bytearray()
    k = 0
    while len(out) < n:
        out += hashlib.sha256(b'%s:%d' % (seed.encode(), k)).digest()
        k += 1
    return bytes(out[:n])


def mktree(root, seed, big_kib, extra=None):
    os.makedirs(os.path.join(root, 'sub'), exist_ok=True)
    with open(os.path.join(root, 'README.TXT'), 'w') as f:
        f.write('discloop multi-track fixture %s\n' % seed)
    with open(os.path.join(root, 'sub', 'numbers.txt'), 'w') as f:
        f.write(''.join('%d\n' % i for i in range(2000)))
    with open(os.path.join(root, 'big.bin'), 'wb') as f:
        f.write(prng(seed, big_kib * 1024))
    for name, text in (extra or {}).items():
        with open(os.path.join(root, name), 'w') as f:
            f.write(text)


def genisoimage(out, root, label, *opts):
    r = subprocess.run(['genisoimage', '-quiet', '-no-pad', '-R', '-J', '-V', label,
                        *opts, '-o', out, root], stderr=subprocess.PIPE, text=True)
    if r.returncode:
        sys.exit('mkdisc: genisoimage failed: ' + r.stderr)
    with open(out, 'rb') as f:
        data = f.read()
    assert len(data) % 2048 == 0
    return data


# ------------------------------------------------------------- the discs
def audio_track(number, session, start, length, pregap=0, stored=True, **kw):
    t = dict(number=number, session=session, type='audio', start=start,
             length=length, pregap=pregap, pregap_stored=bool(pregap) and stored,
             flags=dict(pre=False, dcp=False, **{'4ch': False}), isrc=None,
             indexes={}, cdtext=None)
    t.update(kw)
    return t


def data_track(number, session, typ, start, length, pregap=0, **kw):
    t = dict(number=number, session=session, type=typ, start=start,
             length=length, pregap=pregap, pregap_stored=False,
             flags=dict(pre=False, dcp=False, **{'4ch': False}), isrc=None,
             indexes={}, cdtext=None)
    t.update(kw)
    return t


def sessions_of(d):
    out = []
    for t in d['tracks']:
        if not out or out[-1]['number'] != t['session']:
            out.append(dict(number=t['session'], first_track=t['number']))
        s = out[-1]
        s['last_track'] = t['number']
        s['leadout'] = t['start'] + t['length']
    return out


def disc_mixed(work):
    tree = os.path.join(work, 'tree-mixed')
    mktree(tree, 'mixed', 560)
    iso = genisoimage(os.path.join(work, 'mixed.iso'), tree, 'DL_MIXED')
    n1 = len(iso) // 2048
    t2 = n1 + 150
    t3 = t2 + 300
    t4 = t3 + 300 + 75
    d = dict(name='mixed', mcn='0724384260924', cdtext=None, tracks=[
        data_track(1, 1, 'mode1', 0, n1, label='DL_MIXED'),
        audio_track(2, 1, t2, 300, 150, flags=dict(pre=True, dcp=True, **{'4ch': False}),
                    isrc='ZZDLT2600002'),
        audio_track(3, 1, t3, 300, isrc='ZZDLT2600003', indexes={'2': t3 + 150},
                    flags=dict(pre=False, dcp=False, **{'4ch': True})),
        audio_track(4, 1, t4, 300, 75, stored=False),
    ])
    return d, {1: iso}


def disc_audio(work):
    d = dict(name='audio', mcn=None, cdtext=dict(title='discloop test disc', performer='discloop'),
             tracks=[
                 audio_track(1, 1, 0, 300, cdtext=dict(title='first light', performer='one')),
                 audio_track(2, 1, 375, 300, 75, cdtext=dict(title='second wind', performer='two')),
                 audio_track(3, 1, 675, 320, cdtext=dict(title='third time', performer='three')),
             ])
    return d, {}


def disc_gaps(work):
    """All audio in one session, as a rip reads its Q with the sectors:
    pregaps (stored and not) on tracks 2 and 3, INDEX 02 and 03, ISRCs,
    the MCN. No index point falls on a frame of ADR 2 or 3 (LBA 75 or 0
    modulo 100): a reader of the Q sees it one frame late."""
    t2 = 300 + 150
    t3 = t2 + 300 + 75
    d = dict(name='gaps', mcn='0724384260924', cdtext=None, tracks=[
        audio_track(1, 1, 0, 300, isrc='ZZDLG2600001'),
        audio_track(2, 1, t2, 300, 150, isrc='ZZDLG2600002', indexes={'2': t2 + 100}),
        audio_track(3, 1, t3, 320, 75, stored=False, indexes={'2': t3 + 60, '3': t3 + 200}),
    ])
    return d, {}


XA_FORM2 = 200


def disc_xa(work):
    tree = os.path.join(work, 'tree-xa')
    mktree(tree, 'xa', 180)
    iso = genisoimage(os.path.join(work, 'xa.iso'), tree, 'DL_XA')
    n1 = len(iso) // 2048 + XA_FORM2
    d = dict(name='xa', mcn=None, cdtext=None, disc_type=0x20, tracks=[
        data_track(1, 1, 'mode2xa', 0, n1, label='DL_XA',
                   forms=[[0, len(iso) // 2048, 1], [len(iso) // 2048, XA_FORM2, 2]]),
        audio_track(2, 1, n1 + 150, 300, 150),
    ])
    return d, {1: iso}


def disc_enhanced(work):
    lo1 = 300 + 75 + 300
    s2 = lo1 + SESSION_GAP
    tree = os.path.join(work, 'tree-enh')
    mktree(tree, 'enhanced', 560)
    iso = genisoimage(os.path.join(work, 'enhanced-s2.iso'), tree, 'DL_ENHANCED',
                      '-C', '0,%d' % s2)
    d = dict(name='enhanced', mcn=None, cdtext=None, tracks=[
        audio_track(1, 1, 0, 300),
        audio_track(2, 1, 375, 300, 75),
        data_track(3, 2, 'mode1', s2, len(iso) // 2048, 150, label='DL_ENHANCED'),
    ])
    return d, {3: iso}


def disc_msdata(work):
    t1 = os.path.join(work, 'tree-ms1')
    mktree(t1, 'ms1', 500, {'VERSION.TXT': 'session one\n'})
    iso1 = genisoimage(os.path.join(work, 'msdata-1.iso'), t1, 'DL_MS')
    s2 = len(iso1) // 2048 + SESSION_GAP
    t2 = os.path.join(work, 'tree-ms2')
    shutil.rmtree(t2, ignore_errors=True)
    shutil.copytree(t1, t2)
    # a changed size and time: genisoimage -M keeps the old extent of a
    # file whose size and time did not change
    with open(os.path.join(t2, 'VERSION.TXT'), 'w') as f:
        f.write('session two, changed\n')
    st = os.stat(os.path.join(t1, 'VERSION.TXT'))
    os.utime(os.path.join(t2, 'VERSION.TXT'), (st.st_atime + 3600, st.st_mtime + 3600))
    with open(os.path.join(t2, 'ADDED.TXT'), 'w') as f:
        f.write('only in session two\n')
    iso2 = genisoimage(os.path.join(work, 'msdata-2.iso'), t2, 'DL_MS',
                       '-M', os.path.join(work, 'msdata-1.iso'), '-C', '0,%d' % s2)
    d = dict(name='msdata', mcn=None, cdtext=None, tracks=[
        data_track(1, 1, 'mode1', 0, len(iso1) // 2048, label='DL_MS'),
        data_track(2, 2, 'mode1', s2, len(iso2) // 2048, 150, label='DL_MS'),
    ])
    return d, {1: iso1, 2: iso2}


def disc_fuzz(work):
    """Every kind of sector in a few hundred: Mode 1, audio with an unstored
    and a stored pregap, Mode 2 XA Form 1 and Form 2 (its pregap stored),
    then a second session of Mode 1; for the CDB fuzzer (spec, below)."""
    tr1 = os.path.join(work, 'tree-fz1')
    mktree(tr1, 'fz1', 60)
    iso1 = genisoimage(os.path.join(work, 'fz1.iso'), tr1, 'DL_FZ1')
    n1 = len(iso1) // 2048
    tr4 = os.path.join(work, 'tree-fz4')
    mktree(tr4, 'fz4', 20)
    iso4 = genisoimage(os.path.join(work, 'fz4.iso'), tr4, 'DL_FZ4')
    n4 = len(iso4) // 2048
    t2 = n1 + 150
    t3 = t2 + 150 + 75
    t4 = t3 + 150 + 150
    lo1 = t4 + n4 + FUZZ_FORM2
    s2 = lo1 + SESSION_GAP
    tr5 = os.path.join(work, 'tree-fz5')
    mktree(tr5, 'fz5', 20)
    iso5 = genisoimage(os.path.join(work, 'fz5.iso'), tr5, 'DL_FZ5', '-C', '0,%d' % s2)
    d = dict(name='fuzz', mcn='0731452146257', cdtext=None, disc_type=0x20, tracks=[
        data_track(1, 1, 'mode1', 0, n1, label='DL_FZ1'),
        audio_track(2, 1, t2, 150, 150, stored=False, isrc='ZZDLF2600002',
                    flags=dict(pre=False, dcp=True, **{'4ch': False})),
        audio_track(3, 1, t3, 150, 75, indexes={'2': t3 + 75},
                    flags=dict(pre=True, dcp=False, **{'4ch': False})),
        data_track(4, 1, 'mode2xa', t4, n4 + FUZZ_FORM2, 150, label='DL_FZ4',
                   pregap_stored=True, forms=[[0, n4, 1], [n4, FUZZ_FORM2, 2]]),
        data_track(5, 2, 'mode1', s2, len(iso5) // 2048, 150, label='DL_FZ5'),
    ])
    return d, {1: iso1, 4: iso4, 5: iso5}


FUZZ_FORM2 = 40


def write_spec(out, d):
    """A layout for `dlctl insert-disc` (and cdbfuzz -d) over the expected
    raw sectors themselves: each track's file is expect/NAME/tNN.raw, from
    its pregap; a stored pregap is read from it, another is left to the
    drive. Stored raw P-W sub-channel (PRNG bytes) covers session 1 and
    the CD-TEXT is PRNG packs (both served verbatim)."""
    name = d['name']
    lines = ['disc type=0x%02x%s' % (d.get('disc_type', 0),
                                     ' mcn=' + d['mcn'] if d.get('mcn') else '')]
    for t in d['tracks']:
        stored = t['pregap'] if t['pregap_stored'] else 0
        kind = {'audio': 'audio', 'mode1': 'mode1', 'mode2xa': 'xa'}[t['type']]
        f = ('track number=%d session=%d type=%s file=%s size=2352 offset=%d start=%d '
             'pregap=%d stored=%d length=%d postgap=0 control=%d' %
             (t['number'], t['session'], kind, os.path.join(out, t['expect']),
              (t['pregap'] - stored) * SECTOR, t['start'], t['pregap'], stored,
              t['length'], control(t)))
        if t.get('isrc'):
            f += ' isrc=' + t['isrc']
        lines.append(f)
        for n, at in sorted((int(k), v) for k, v in t['indexes'].items()):
            lines.append('index track=%d index=%d lba=%d' % (t['number'], n, at))
    lo1 = d['sessions'][0]['leadout']
    sub = os.path.join(out, 'expect', name, 'sub.raw')
    with open(sub, 'wb') as f:
        f.write(prng('sub-' + name, lo1 * 96))
    lines.append('sub file=%s layout=raw lba=0' % sub)
    cdt = os.path.join(out, 'expect', name, 'text.cdt')
    with open(cdt, 'wb') as f:
        f.write(prng('cdtext-' + name, 18 * 12))
    lines.append('cdtext file=%s' % cdt)
    return '\n'.join(lines) + '\n'


DISCS = dict(mixed=disc_mixed, audio=disc_audio, xa=disc_xa,
             enhanced=disc_enhanced, msdata=disc_msdata, gaps=disc_gaps, fuzz=disc_fuzz)


# ------------------------------------------------------- expected sectors
def xa_form(t, lba):
    for first, count, form in t.get('forms', []):
        if first <= lba - t['start'] < first + count:
            return form, first + count
    return 1, None


def sector(t, lba, user_of):
    """The raw sector of track T at LBA. user_of(off) gives the stored
    user data at sector offset off from the track's start (data tracks)."""
    if t['type'] == 'audio':
        if lba < t['start'] and not t['pregap_stored']:
            return bytes(SECTOR)
        return pcm(lba, 1)
    off = lba - t['start']
    if t['type'] == 'mode1':
        user = user_of(off) if off >= 0 else bytes(2048)
        return mode1(lba, user)
    form, end = xa_form(t, lba)
    if form == 2:
        last = lba - t['start'] == end - 1
        return mode2_form2(lba, bytes([1, 0, 0x20 | 0x08 | (0x81 if last else 0), 0]),
                           form2_payload(lba))
    user = user_of(off) if off >= 0 else bytes(2048)
    # EOR on the volume descriptor set terminator, EOR|EOF on the last sector
    sub = 0x08
    if user[:6] == b'\xffCD001':
        sub |= 0x01
    if end is not None and off == end - 1:
        sub |= 0x81
    return mode2_form1(lba, bytes([0, 0, sub, 0]), user)


def write_expect(out, d, isos):
    os.makedirs(os.path.join(out, 'expect', d['name']), exist_ok=True)
    for t in d['tracks']:
        iso = isos.get(t['number'], b'')
        user_of = lambda off, iso=iso: iso[off * 2048:(off + 1) * 2048].ljust(2048, b'\0')
        path = os.path.join('expect', d['name'], 't%02d.raw' % t['number'])
        with open(os.path.join(out, path), 'wb') as f:
            for lba in range(t['start'] - t['pregap'], t['start'] + t['length']):
                f.write(sector(t, lba, user_of))
        t['expect'] = path
        if t['type'] != 'audio':
            p = os.path.join('expect', d['name'], 't%02d.iso' % t['number'])
            with open(os.path.join(out, p), 'wb') as f:
                f.write(iso)
            t['iso'] = p


def raw_range(out, d, t, first, count):
    """Expected raw sectors of track T from LBA FIRST (pregap included)."""
    with open(os.path.join(out, t['expect']), 'rb') as f:
        f.seek((first - (t['start'] - t['pregap'])) * SECTOR)
        return f.read(count * SECTOR)


def stored_range(t):
    """LBAs of track T stored in its image file(s)."""
    first = t['start'] - (t['pregap'] if t['pregap_stored'] else 0)
    return first, t['start'] + t['length']


# ------------------------------------------------------------- CUE sheets
FLAG_WORDS = (('dcp', 'DCP'), ('4ch', '4CH'), ('pre', 'PRE'))


def cue_track_lines(d, t, file_first):
    """TRACK .. INDEX lines, INDEX times counted from file_first (the LBA of
    the first sector of the current FILE)."""
    kind = {'audio': 'AUDIO', 'mode1': 'MODE1/2352', 'mode2xa': 'MODE2/2352'}[t['type']]
    if t.get('cooked'):
        kind = 'MODE1/2048'
    lines = ['  TRACK %02d %s' % (t['number'], kind)]
    if t.get('cdtext'):
        lines += ['    TITLE "%s"' % t['cdtext']['title'],
                  '    PERFORMER "%s"' % t['cdtext']['performer']]
    words = [w for k, w in FLAG_WORDS if t['flags'].get(k)]
    if words:
        lines.append('    FLAGS ' + ' '.join(words))
    if t.get('isrc'):
        lines.append('    ISRC ' + t['isrc'])
    if t['pregap'] and not t['pregap_stored'] and not t.get('implicit_pregap'):
        lines.append('    PREGAP ' + msf_str(t['pregap']))
    if t['pregap_stored']:
        lines.append('    INDEX 00 ' + msf_str(t['start'] - t['pregap'] - file_first))
    lines.append('    INDEX 01 ' + msf_str(t['start'] - file_first))
    for n, at in sorted((int(k), v) for k, v in t['indexes'].items()):
        lines.append('    INDEX %02d %s' % (n, msf_str(at - file_first)))
    return lines


def cue_head(d):
    lines = []
    if d.get('mcn'):
        lines.append('CATALOG ' + d['mcn'])
    if d.get('cdtext'):
        lines += ['TITLE "%s"' % d['cdtext']['title'], 'PERFORMER "%s"' % d['cdtext']['performer']]
    return lines


def file_bytes(out, d, t, first, last):
    """Stored bytes of track T for LBAs first..last-1 in the cue's layout."""
    raw = raw_range(out, d, t, first, last - first)
    if t.get('cooked'):
        return b''.join(raw[k + 16:k + 2064] for k in range(0, len(raw), SECTOR))
    return raw


def write_cue_onefile(out, d):
    """One FILE holding every stored sector (single-session discs)."""
    name = d['name']
    binname = name + '.bin'
    lines = cue_head(d) + ['FILE "%s" BINARY' % binname]
    pos = 0      # file sector of the next stored sector
    with open(os.path.join(out, binname), 'wb') as f:
        for t in d['tracks']:
            first, last = stored_range(t)
            lines += cue_track_lines(d, t, first - pos)
            f.write(file_bytes(out, d, t, first, last))
            pos += last - first
    path = name + '.cue'
    with open(os.path.join(out, path), 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')
    return path


def write_cue_pertrack(out, d, kinds=None):
    """redump style: one FILE per track, "NAME (Track N).bin"; KINDS maps a
    track number to MOTOROLA or WAVE for the audio-file variants."""
    name = d['name']
    kinds = kinds or {}
    lines = cue_head(d)
    session = None
    for t in d['tracks']:
        if len(sessions_of(d)) > 1 and t['session'] != session:
            session = t['session']
            lines.append('REM SESSION %02d' % session)
        first, last = stored_range(t)
        kind = kinds.get(t['number'], 'BINARY')
        data = file_bytes(out, d, t, first, last)
        if kind == 'MOTOROLA':
            fname = '%s (Track %d).raw' % (name, t['number'])
        elif kind == 'WAVE':
            fname = '%s (Track %d).wav' % (name, t['number'])
        else:
            fname = '%s (Track %d).bin' % (name, t['number'])
        with open(os.path.join(out, fname), 'wb') as f:
            if kind == 'MOTOROLA':
                f.write(swab(data))
            elif kind == 'WAVE':
                f.write(wave(data))
            else:
                f.write(data)
        lines.append('FILE "%s" %s' % (fname, kind))
        if t['session'] > 1 and t['number'] == sessions_of(d)[t['session'] - 1]['first_track']:
            t['implicit_pregap'] = True     # in the session gap, as redump's cues leave it
        lines += cue_track_lines(d, t, first)
        t.pop('implicit_pregap', None)
    path = name + ('-files.cue' if len(sessions_of(d)) == 1 and not kinds else '.cue')
    with open(os.path.join(out, path), 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')
    return path


def wave(pcmdata):
    """RIFF WAVE, 44.1 kHz stereo 16-bit, with a LIST chunk before data as
    many rippers write."""
    fmt = struct.pack('<HHIIHH', 1, 2, 44100, 176400, 4, 16)
    info = b'INFO' + b'ISFT' + struct.pack('<I', 10) + b'discloop\0\0'
    body = (b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt +
            b'LIST' + struct.pack('<I', len(info)) + info +
            b'data' + struct.pack('<I', len(pcmdata)) + pcmdata)
    return b'RIFF' + struct.pack('<I', len(body)) + body


# ------------------------------------------------------------- cdrdao TOC
def write_toc(out, d):
    """cdrdao TOC: raw data files, big-endian raw audio (cdrdao's own
    order), one file per track."""
    name = d['name']
    kinds = {t['type'] for t in d['tracks']}
    head = 'CD_DA' if kinds == {'audio'} else 'CD_ROM_XA' if 'mode2xa' in kinds else 'CD_ROM'
    lines = [head]
    if d.get('mcn'):
        lines.append('CATALOG "%s"' % d['mcn'])
    if d.get('cdtext'):
        lines += ['CD_TEXT {', '  LANGUAGE_MAP { 0 : EN }',
                  '  LANGUAGE 0 {', '    TITLE "%s"' % d['cdtext']['title'],
                  '    PERFORMER "%s"' % d['cdtext']['performer'], '  }', '}']
    for t in d['tracks']:
        lines.append('')
        kind = {'audio': 'AUDIO', 'mode1': 'MODE1_RAW', 'mode2xa': 'MODE2_RAW'}[t['type']]
        lines.append('TRACK ' + kind)
        f = t['flags']
        lines.append('COPY' if f['dcp'] else 'NO COPY')
        if t['type'] == 'audio':
            lines.append('PRE_EMPHASIS' if f['pre'] else 'NO PRE_EMPHASIS')
            lines.append('FOUR_CHANNEL_AUDIO' if f['4ch'] else 'TWO_CHANNEL_AUDIO')
            if t.get('isrc'):
                lines.append('ISRC "%s"' % t['isrc'])
        if t.get('cdtext'):
            lines += ['CD_TEXT {', '  LANGUAGE 0 {', '    TITLE "%s"' % t['cdtext']['title'],
                      '    PERFORMER "%s"' % t['cdtext']['performer'], '  }', '}']
        first, last = stored_range(t)
        data = raw_range(out, d, t, first, last - first)
        if t['type'] == 'audio':
            fname = '%s-toc-%d.raw' % (name, t['number'])
            with open(os.path.join(out, fname), 'wb') as fh:
                fh.write(swab(data))
            if t['pregap'] and not t['pregap_stored']:
                lines.append('PREGAP ' + msf_str(t['pregap']))
            lines.append('FILE "%s" 0 %s' % (fname, msf_str(last - first)))
        else:
            fname = '%s-toc-%d.bin' % (name, t['number'])
            with open(os.path.join(out, fname), 'wb') as fh:
                fh.write(data)
            if t['pregap'] and not t['pregap_stored']:
                lines.append('PREGAP ' + msf_str(t['pregap']))
            lines.append('DATAFILE "%s" %s' % (fname, msf_str(last - first)))
        if t['pregap_stored']:
            lines.append('START ' + msf_str(t['pregap']))
        for n, at in sorted((int(k), v) for k, v in t['indexes'].items()):
            lines.append('INDEX ' + msf_str(at - t['start']))
    path = name + '.toc'
    with open(os.path.join(out, path), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return path


# ------------------------------------------------------- CloneCD CCD/IMG/SUB
def write_ccd(out, d, altered=()):
    """CloneCD: .img = raw sectors from LBA 0 to the lead-out (pregaps
    included), .sub = 96 bytes per sector, linear P, Q, R..W; ALTERED
    lists LBAs whose Q frame is damaged LibCrypt-style (changed MSF, CRC
    left wrong). Single-session discs only."""
    assert len(sessions_of(d)) == 1
    name = d['name']
    leadout = d['tracks'][-1]['start'] + d['tracks'][-1]['length']
    altered_q = {}
    with open(os.path.join(out, name + '.img'), 'wb') as img, \
            open(os.path.join(out, name + '.sub'), 'wb') as sub:
        for t in d['tracks']:
            img.write(raw_range(out, d, t, t['start'] - t['pregap'], t['pregap'] + t['length']))
        for lba in range(leadout):
            t = track_at(d, lba)
            p = b'\xff' * 12 if lba < t['start'] else bytes(12)
            q = q_at(d, lba)
            k = altered.index(lba) if lba in altered else -1
            if k >= 0:
                q = bytearray(q)
                if k % 2 == 0:
                    q[4] ^= 0x01                # relative seconds, CRC kept
                else:
                    q[8] ^= 0x02                # absolute seconds,
                    q[10] ^= 0x80               # CRC broken differently
                q = bytes(q)
                altered_q[str(lba)] = q.hex()
            sub.write(p + q + bytes(72))
    disc_type = d.get('disc_type', 0)
    entries = []
    first, last = d['tracks'][0], d['tracks'][-1]
    am, as_, af = msf(leadout)
    entries.append((0xa0, control(first), first['number'], disc_type, 0))
    entries.append((0xa1, control(last), last['number'], 0, 0))
    entries.append((0xa2, control(last), am, as_, af))
    for t in d['tracks']:
        m, s, f = msf(t['start'])
        entries.append((t['number'], control(t), m, s, f))
    lines = ['[CloneCD]', 'Version=3', '[Disc]', 'TocEntries=%d' % len(entries),
             'Sessions=1', 'DataTracksScrambled=0', 'CDTextLength=0']
    if d.get('mcn'):
        lines.append('CATALOG=' + d['mcn'])
    lines += ['[Session 1]', 'PreGapMode=%d' % (0 if first['type'] == 'audio' else
                                               2 if first['type'] == 'mode2xa' else 1),
              'PreGapSubC=0']
    for i, (point, ctl, pm, ps, pf) in enumerate(entries):
        lines += ['[Entry %d]' % i, 'Session=1', 'Point=0x%02x' % point, 'ADR=0x01',
                  'Control=0x%02x' % ctl, 'TrackNo=0', 'AMin=0', 'ASec=0', 'AFrame=0',
                  'ALBA=-150', 'Zero=0', 'PMin=%d' % pm, 'PSec=%d' % ps, 'PFrame=%d' % pf,
                  'PLBA=%d' % (pm * 4500 + ps * 75 + pf - 150)]
    for t in d['tracks']:
        lines += ['[TRACK %d]' % t['number'],
                  'MODE=%d' % {'audio': 0, 'mode1': 1, 'mode2xa': 2}[t['type']]]
        if t.get('isrc'):
            lines.append('ISRC=' + t['isrc'])
        if t['pregap']:
            lines.append('INDEX 0=%d' % (t['start'] - t['pregap']))
        lines.append('INDEX 1=%d' % t['start'])
        for n, at in sorted((int(k), v) for k, v in t['indexes'].items()):
            lines.append('INDEX %d=%d' % (n, at))
    with open(os.path.join(out, name + '.ccd'), 'w') as f:
        f.write('\r\n'.join(lines) + '\r\n')
    return name + '.ccd', altered_q


# ----------------------------------------------------------------- driver
def image(path, fmt, **kw):
    e = dict(path=path, format=fmt, loses=[])
    e.update(kw)
    return e


def gen(out, names):
    os.makedirs(out, exist_ok=True)
    work = os.path.join(out, 'work')
    os.makedirs(work, exist_ok=True)
    for name in names:
        d, isos = DISCS[name](work)
        d['sessions'] = sessions_of(d)
        d['leadout'] = d['sessions'][-1]['leadout']
        d.setdefault('disc_type', 0)
        write_expect(out, d, isos)
        imgs = []
        single = len(d['sessions']) == 1
        if name == 'msdata':
            for t in d['tracks']:
                t['cooked'] = True
            imgs.append(image(write_cue_pertrack(out, d), 'cue'))
        elif name == 'audio':
            imgs.append(image(write_cue_pertrack(out, d, {2: 'MOTOROLA', 3: 'WAVE'}), 'cue'))
        elif single:
            imgs.append(image(write_cue_onefile(out, d), 'cue'))
            if name == 'mixed':
                imgs.append(image(write_cue_pertrack(out, d), 'cue'))
        else:
            imgs.append(image(write_cue_pertrack(out, d), 'cue'))
        if single and name != 'msdata':
            imgs.append(image(write_toc(out, d), 'toc'))
            # LibCrypt-style damage where PlayStation discs carry it: in the
            # data track (mixed: Mode 1, xa: Mode 2 XA)
            altered = {'mixed': [40, 41], 'xa': [60, 61]}.get(name, [])
            ccd, aq = write_ccd(out, d, altered)
            # written without a [CDText] section: the CCD carries no CD-TEXT
            imgs.append(image(ccd, 'ccd', altered_q=aq, sub=name + '.sub',
                              loses=['cdtext'] if d.get('cdtext') else []))
        d['images'] = imgs
        with open(os.path.join(out, name + '.json'), 'w') as f:
            json.dump(d, f, indent=1, sort_keys=True)
        write_wants(out, d)
    # work/ keeps the file system trees, to compare mounts with


def cdread_specs(t):
    """(mode, kind, first LBA, bytes a sector) of the cd-read checks of T.
    cd-read -m m2f2 writes, for each sector, the first 2324 bytes of the
    2336 CDROMREADMODE2 returns (subheader on). Mode 1 sectors are judged
    by isoinfo and dd, not cd-read: libcdio 2.1's Linux m1f1 read takes the
    byte count read() returns for an error code."""
    if t['type'] == 'audio':
        return [('audio', 'raw', t['start'], 2352)]
    if t['type'] == 'mode2xa':
        return [('m2f1', 'user', t['start'] + 16, 2048),
                ('m2f2', 'm2raw', t['start'] + t['forms'][1][0], 2324)]
    return []


def write_wants(out, d):
    """Everything the VM cases compare with, computed once per disc in
    OUTDIR/want/NAME/, so that the guest starts Python once per disc."""
    w = os.path.join(out, 'want', d['name'])
    os.makedirs(w, exist_ok=True)
    lines = []
    for t in d['tracks']:
        n = t['number']
        if t['type'] == 'audio':
            with open(os.path.join(w, 'par-%d' % n), 'wb') as f:
                f.write(paranoia(out, d, n))
        for mode, kind, lba, per in cdread_specs(t):
            data = expect(out, d, lba, 5, kind)
            if kind == 'm2raw':
                data = b''.join(data[k:k + per] for k in range(0, len(data), 2336))
            with open(os.path.join(w, 'cdread-%d-%s' % (n, mode)), 'wb') as f:
                f.write(data)
            lines.append('%d %s %d %d' % (n, mode, lba, per))
    with open(os.path.join(w, 'cdread.list'), 'w') as f:
        f.write(''.join(l + '\n' for l in lines))
    with open(os.path.join(w, 'discid'), 'w') as f:
        f.write(discid(d, False) + '\n')
    with open(os.path.join(w, 'musicbrainz'), 'w') as f:
        f.write(discid(d, True) + '\n')
    with open(os.path.join(w, 'layout.sh'), 'w') as f:
        f.write(shell_vars(d))
    for i in d['images']:
        if len(d['sessions']) == 1:
            with open(os.path.join(w, 'showtoc.' + i['path']), 'w') as f:
                f.write(showtoc(d, i['loses']) + '\n')


def make_chd(out):
    d = load(out, 'mixed')
    subprocess.run(['chdman', 'createcd', '-f', '-i', os.path.join(out, 'mixed.cue'),
                    '-o', os.path.join(out, 'mixed.chd')], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    d['images'] = [i for i in d['images'] if i['format'] != 'chd']
    # CHD's track metadata has no MCN, ISRC, FLAGS, CD-TEXT or INDEX 02+
    d['images'].append(image('mixed.chd', 'chd',
                             loses=['mcn', 'isrc', 'flags', 'cdtext', 'indexes']))
    with open(os.path.join(out, 'mixed.json'), 'w') as f:
        json.dump(d, f, indent=1, sort_keys=True)
    write_wants(out, d)


def load(out, name):
    with open(os.path.join(out, name + '.json')) as f:
        return json.load(f)


def expect(out, d, lba, n, kind):
    buf = bytearray()
    for k in range(lba, lba + n):
        t = track_at(d, k)
        raw = raw_range(out, d, t, k, 1)
        if kind == 'raw':
            buf += raw
        elif kind == 'user':
            assert t['type'] != 'audio', 'LBA %d is audio' % k
            buf += raw[16:2064] if t['type'] == 'mode1' else raw[24:2072]
        elif kind == 'form2':
            buf += raw[24:2348]
        elif kind == 'm2raw':
            buf += raw[16:2352]
    return bytes(buf)


def interleave(linear):
    """A linear 96-byte P..W frame (CloneCD) as READ CD's raw P-W: byte i
    holds bit i of every channel, P in bit 7."""
    out = bytearray(96)
    for ch in range(8):
        for i in range(96):
            if linear[ch * 12 + i // 8] >> (7 - i % 8) & 1:
                out[i] |= 0x80 >> ch
    return bytes(out)


def cdinfo_check(d, text, loses=()):
    """Compare `cd-info --no-header --no-device-info --no-cddb -C DEV`
    output with layout D; return a list of differences."""
    import re
    bad = []
    rows = {}
    for line in text.splitlines():
        m = re.match(r'^\s*(\d+): (\d\d:\d\d:\d\d)\s+(\d+) (\S+)(.*)$', line)
        if m:
            rows[int(m.group(1))] = (m.group(2), int(m.group(3)), m.group(4), m.group(5).split())
    mm = lambda lba: '%02d:%02d:%02d' % msf(lba)
    for t in d['tracks']:
        r = rows.get(t['number'])
        if not r:
            bad.append('track %d missing from the track list' % t['number'])
            continue
        f = t['flags'] if 'flags' not in loses else {}
        want_type = ['audio'] if t['type'] == 'audio' else ['data', 'XA'] if t['type'] == 'mode2xa' else ['data']
        if r[0] != mm(t['start']) or r[1] != t['start'] or r[2] not in want_type:
            bad.append('track %d: %s %06d %s, want %s %06d %s' % (
                t['number'], r[0], r[1], r[2], mm(t['start']), t['start'], want_type[0]))
        copy = r[3][1] if len(r[3]) > 1 else '?'
        if copy != ('yes' if f.get('dcp') else 'no'):
            bad.append('track %d: copy %s, want DCP %s' % (t['number'], copy, bool(f.get('dcp'))))
        if t['type'] == 'audio':
            ch, pre = (r[3][2], r[3][3]) if len(r[3]) > 3 else ('?', '?')
            if ch != ('4' if f.get('4ch') else '2'):
                bad.append('track %d: %s channels' % (t['number'], ch))
            if pre != ('yes' if f.get('pre') else 'no'):
                bad.append('track %d: pre-emphasis %s, want %s' % (t['number'], pre, bool(f.get('pre'))))
    lo = rows.get(170)
    if not lo or lo[1] != d['leadout']:
        bad.append('lead-out %s, want %06d' % (lo and lo[1], d['leadout']))
    if len([n for n in rows if n != 170]) != len(d['tracks']):
        bad.append('%d tracks listed, want %d' % (len(rows) - 1, len(d['tracks'])))
    m = re.search(r'^Media Catalog Number \(MCN\): *(.*)$', text, re.M)
    mcn = m.group(1).strip() if m else None
    if d.get('mcn') and 'mcn' not in loses:
        if mcn != d['mcn']:
            bad.append('MCN %r, want %s' % (mcn, d['mcn']))
    elif mcn and re.match(r'\d{13}$', mcn):
        bad.append('MCN %s on a disc without one' % mcn)
    isrc = dict((int(a), b.strip()) for a, b in re.findall(r'^TRACK +(\d+) ISRC: *(.*)$', text, re.M))
    for t in d['tracks']:
        want = t.get('isrc') if 'isrc' not in loses else None
        got = isrc.get(t['number']) or None
        if got != want:
            bad.append('track %d ISRC %r, want %r' % (t['number'], got, want))
    sections = {}
    for m in re.finditer(r'^CD-TEXT for (Disc|Track +(\d+)):\n((?:\s+\S.*\n?)*)', text, re.M):
        key = 0 if m.group(1) == 'Disc' else int(m.group(2))
        sections[key] = dict(re.findall(r'^\s+([A-Z_]+): (.*)$', m.group(3), re.M))
    if d.get('cdtext') and 'cdtext' not in loses:
        for key, want in [(0, d['cdtext'])] + [(t['number'], t['cdtext']) for t in d['tracks']]:
            got = sections.get(key, {})
            for k in ('title', 'performer'):
                if got.get(k.upper()) != want[k]:
                    bad.append('CD-TEXT %s %s: %r, want %r' % (
                        'disc' if key == 0 else 'track %d' % key, k, got.get(k.upper()), want[k]))
    elif sections:
        bad.append('CD-TEXT reported on a disc without any')
    m = re.search(r'^Last CD Session LSN: *(\S+)', text, re.M)
    last = d['tracks'][d['sessions'][-1]['first_track'] - 1]['start'] if len(d['sessions']) > 1 else 0
    if not m or m.group(1) != str(last):
        bad.append('last session LSN %s, want %d' % (m and m.group(1), last))
    return bad


def paranoia(out, d, number):
    t = d['tracks'][number - 1]
    assert t['type'] == 'audio'
    nxt = [u for u in d['tracks'] if u['number'] == number + 1 and u['session'] == t['session']]
    end = nxt[0]['start'] if nxt else d['sessions'][t['session'] - 1]['leadout']
    return expect(out, d, t['start'], end - t['start'], 'raw')


def discid(d, musicbrainz):
    """What cd-discid prints: it reads the TOC (all sessions) through the
    kernel's CDROMREADTOCENTRY, as the freedb id defines it."""
    offs = [t['start'] + 150 for t in d['tracks']]
    lead = d['leadout'] + 150
    if musicbrainz:
        return ' '.join(str(v) for v in [len(offs)] + offs + [lead])
    digits = sum(sum(int(c) for c in str(o // 75)) for o in offs)
    did = (digits % 255) << 24 | (lead // 75 - offs[0] // 75) << 8 | len(offs)
    return '%08x %d %s %d' % (did, len(offs), ' '.join(map(str, offs)), lead // 75)


def icedax_check(d, text):
    """Compare the report of `icedax -J -N -g -v toc,indices,catalog,trackid`
    (its standard error) with layout D; return a list of differences."""
    import re
    bad = []
    text = text.replace('\r', '\n')     # its progress lines end in CR
    durs = dict((int(a), b) for a, b in re.findall(r'^T(\d\d): +(\d+:\d\d\.\d\d)$', text, re.M))
    for t in d['tracks']:
        nxt = [u for u in d['tracks'] if u['number'] == t['number'] + 1 and u['session'] == t['session']]
        end = nxt[0]['start'] if nxt else d['sessions'][t['session'] - 1]['leadout']
        n = end - t['start']
        want = '%d:%02d.%02d' % (n // 4500, n // 75 % 60, n % 75)
        if durs.get(t['number']) != want:
            bad.append('track %d: length %s, want %s' % (t['number'], durs.get(t['number']), want))
    if len(durs) != len(d['tracks']):
        bad.append('%d tracks listed, want %d' % (len(durs), len(d['tracks'])))
    m = re.search(r'Media catalog number: *(\S+)', text)
    mcn = m.group(1) if m else None
    if mcn != d.get('mcn'):
        bad.append('MCN %r, want %r' % (mcn, d.get('mcn')))
    if not d.get('mcn') and 'No media catalog number present' not in text:
        bad.append('no "No media catalog number present"')
    isrc = dict((int(a), b) for a, b in re.findall(r'T: +(\d+) ISRC: *(\S+)', text))
    for t in d['tracks']:
        i = t.get('isrc')
        want = '%s-%s-%s-%s' % (i[:2], i[2:5], i[5:7], i[7:]) if i else None
        if isrc.get(t['number']) != want:
            bad.append('track %d ISRC %r, want %r' % (t['number'], isrc.get(t['number']), want))
    counts = dict((int(a), int(b)) for a, b in re.findall(r'track +(\d+) has (\d+) indices', text))
    offs = dict(((int(a), int(b)), c) for a, b, c in re.findall(r'^T(\d\d) I(\d\d) (\S+)$', text, re.M))
    for t in d['tracks']:
        if t['type'] != 'audio':
            continue
        idx = dict((int(k), v) for k, v in t['indexes'].items())
        if not idx:
            if t['number'] in counts:
                bad.append('track %d: %d indices, want 1' % (t['number'], counts[t['number']]))
            continue
        if counts.get(t['number']) != max(idx):
            bad.append('track %d: %s indices, want %d' % (t['number'], counts.get(t['number']), max(idx)))
        idx[1] = t['start']
        for k, lba in sorted(idx.items()):
            want = '%06d' % (lba - t['start'])
            if offs.get((t['number'], k)) != want:
                bad.append('track %d index %d at %s, want %s' % (t['number'], k, offs.get((t['number'], k)), want))
    m = re.search(r"Album title: '(.*)' from '(.*)'", text)
    want = (d['cdtext']['title'], d['cdtext']['performer']) if d.get('cdtext') else ('', '')
    if not m or m.groups() != want:
        bad.append('album title %r, want %r' % (m and m.groups(), want))
    m = re.search(r'CDDB discid: 0x(\S+)', text)
    want = discid(d, False).split()[0]
    if not m or m.group(1) != want:
        bad.append('CDDB discid %s, want %s' % (m and m.group(1), want))
    return bad


MODE_CLASS = {'MODE1_RAW': 'MODE1', 'MODE2_RAW': 'MODE2', 'MODE2_FORM1': 'MODE2',
              'MODE2_FORM2': 'MODE2', 'MODE2_FORM_MIX': 'MODE2'}


def showtoc(d, loses=()):
    """The track table `cdrdao show-toc` prints for D (single session),
    data modes reduced to MODE1/MODE2 as normtoc() does."""
    kinds = {t['type'] for t in d['tracks']}
    out = ['TOC TYPE: ' + ('CD_DA' if kinds == {'audio'} else
                           'CD_ROM_XA' if 'mode2xa' in kinds else 'CD_ROM')]
    if d.get('mcn') and 'mcn' not in loses:
        out.append('CATALOG NUMBER: ' + d['mcn'])
    at = lambda lba: '%s(%6d)' % (msf_str(lba), lba)
    for t in d['tracks']:
        if t['number'] > 1:
            out.append('')
        mode = {'audio': 'AUDIO', 'mode1': 'MODE1', 'mode2xa': 'MODE2'}[t['type']]
        out.append('TRACK %2d  Mode %s:' % (t['number'], mode))
        f = t['flags'] if 'flags' not in loses else {}
        i = t.get('isrc')
        if t['type'] == 'audio' and i and 'isrc' not in loses:
            out.append(' ' * 10 + 'ISRC %s %s %s %s' % (i[:2], i[2:5], i[5:7], i[7:]))
        out.append(' ' * 10 + ('COPY PERMITTED' if f.get('dcp') else 'COPY NOT PERMITTED'))
        if t['type'] == 'audio':
            out.append(' ' * 10 + ('PRE-EMPHASIS' if f.get('pre') else 'NO PRE-EMPHASIS'))
            out.append(' ' * 10 + ('FOUR CHANNEL AUDIO' if f.get('4ch') else 'TWO CHANNEL AUDIO'))
        if t['pregap']:
            out.append(' ' * 10 + 'PREGAP ' + at(t['pregap']))
        out.append(' ' * 10 + 'START  ' + at(t['start']))
        if 'indexes' not in loses:
            for n, lba in sorted((int(k), v) for k, v in t['indexes'].items()):
                out.append(' ' * 10 + 'INDEX %2d %s' % (n, at(lba)))
        out.append(' ' * 10 + 'END    ' + at(t['start'] + t['length']))
    return '\n'.join(out)


def normtoc(text):
    """cdrdao show-toc output without its banner and warnings, data modes
    reduced to MODE1/MODE2 (raw or cooked storage is the image's business,
    and read-toc names the Mode 2 form it saw)."""
    out = []
    for line in text.splitlines():
        if line.startswith(('Cdrdao version', 'WARNING', 'Warning')) or ': Warning' in line:
            continue
        if line.startswith('TRACK'):
            for k, v in MODE_CLASS.items():
                line = line.replace('Mode %s:' % k, 'Mode %s:' % v)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return '\n'.join(out)


def shell_vars(d):
    """The layout as shell assignments, for the VM cases."""
    v = dict(NT=len(d['tracks']), NS=len(d['sessions']), LEADOUT=d['leadout'],
             TRACKS=' '.join(str(t['number']) for t in d['tracks']),
             AUDIO=' '.join(str(t['number']) for t in d['tracks'] if t['type'] == 'audio'),
             LASTSTART=d['tracks'][d['sessions'][-1]['first_track'] - 1]['start'])
    for t in d['tracks']:
        n = t['number']
        first = t['start'] - (t['pregap'] if t['type'] == 'audio' or t['pregap_stored'] else 0)
        v.update({'T%d_TYPE' % n: t['type'], 'T%d_START' % n: t['start'],
                  'T%d_LEN' % n: t['length'], 'T%d_PREGAP' % n: t['pregap'],
                  'T%d_FIRST' % n: first, 'T%d_END' % n: t['start'] + t['length'],
                  'T%d_SKIP' % n: first - (t['start'] - t['pregap']),
                  'T%d_RAW' % n: t['expect'], 'T%d_ISO' % n: t.get('iso', ''),
                  'T%d_LABEL' % n: t.get('label', ''),
                  'T%d_F2' % n: t['start'] + t['forms'][1][0] if t.get('forms') else ''})
    return ''.join("%s='%s'\n" % kv for kv in v.items())


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    cmd, out = argv[1], argv[2]
    if cmd == 'gen':
        names = argv[3:] or [n for n in DISCS if n != 'fuzz']
        gen(out, [n for n in names if n != 'chd'])
        if 'chd' in names:
            make_chd(out)
    elif cmd == 'chd':
        make_chd(out)
    elif cmd == 'expect':
        d = load(out, argv[3])
        data = expect(out, d, int(argv[4]), int(argv[5]), argv[7] if len(argv) > 7 else 'raw')
        with open(argv[6], 'wb') as f:
            f.write(data)
    elif cmd == 'paranoia':
        d = load(out, argv[3])
        with open(argv[5], 'wb') as f:
            f.write(paranoia(out, d, int(argv[4])))
    elif cmd == 'discid':
        print(discid(load(out, argv[3]), '--musicbrainz' in argv[4:]))
    elif cmd == 'showtoc':
        d = load(out, argv[3])
        loses = []
        for i in d['images']:
            if len(argv) > 4 and i['path'] == argv[4]:
                loses = i['loses']
        print(showtoc(d, loses))
    elif cmd == 'cdinfo':
        d = load(out, argv[3])
        loses = [x for i in d['images'] if len(argv) > 4 and i['path'] == argv[4] for x in i['loses']]
        bad = cdinfo_check(d, sys.stdin.read(), loses)
        for b in bad:
            print('cd-info: ' + b)
        sys.exit(1 if bad else 0)
    elif cmd == 'icedax':
        bad = icedax_check(load(out, argv[3]), sys.stdin.read())
        for b in bad:
            print('icedax: ' + b)
        sys.exit(1 if bad else 0)
    elif cmd == 'subraw':
        lba, n = int(argv[4]), int(argv[5])
        with open(os.path.join(out, argv[3]), 'rb') as f:
            f.seek(lba * 96)
            lin = f.read(n * 96)
        with open(argv[6], 'wb') as f:
            f.write(b''.join(interleave(lin[k:k + 96]) for k in range(0, len(lin), 96)))
    elif cmd == 'qcheck':
        # qcheck OUTDIR DISC FILE LBA...: 16-byte formatted Q (READ CD sub
        # 010b) after each 2352-byte sector in FILE, one sector per LBA:
        # ADR 1 frames must be the position frame of that LBA.
        d = load(out, argv[3])
        data = open(argv[4], 'rb').read()
        bad = 0
        for k, lba in enumerate(int(v) for v in argv[5:]):
            q = data[k * 2368 + 2352:k * 2368 + 2368]
            want = q_position(d, lba)
            if len(q) < 10 or (q[0] & 15 == 1 and q[:10] != want[:10]):
                print('LBA %d: Q %s, want %s' % (lba, q[:10].hex(), want[:10].hex()))
                bad += 1
        sys.exit(1 if bad else 0)
    elif cmd == 'normtoc':
        print(normtoc(sys.stdin.read()))
    elif cmd == 'spec':
        sys.stdout.write(write_spec(os.path.abspath(out), load(out, argv[3])))
    elif cmd == 'sh':
        sys.stdout.write(shell_vars(load(out, argv[3])))
    elif cmd == 'get':
        d = load(out, argv[3])
        v = eval(argv[4], {'d': d})
        print(' '.join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
