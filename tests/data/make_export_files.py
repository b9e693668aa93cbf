#!/usr/bin/python3
"""Writes the sources of the export tests: make_export_files.py OUTDIR.

Small SEG-Y files laid out byte by byte (so every header byte is known): formats 1, 5, 2, 3 and
8 in both byte orders and revisions 0, 1 and 2, 64 traces of 50 samples at 2 ms with a delay of
100 ms. Every trace header byte is random except the fields the tests select on or the writer
sets: fldr (9) in runs of 8 that come back (so ensembles and runs differ), cdp (21), offset
(37), the delay (109), samples and interval (115, 117) and the time scalar (215, 0). Sample
values are exact in every format they are written in (IBM-exact floats, integers in range), so
a same-format copy is byte-identical; the IEEE files add infinities, -0, a denormal and large
values, and src_nan_le.sgy a NaN.
Deterministic (seeded).
"""

import os
import struct
import sys
from fractions import Fraction

import numpy as np

rng = np.random.default_rng(20251130)
NTR, NS, DT, DELAY = 64, 50, 2000, 100


def card(lines):
    return ''.join(('C%2d %s' % (i + 1, lines[i] if i < len(lines) else '')).ljust(80)[:80]
                   for i in range(40))


def ibm(v):
    if v == 0:
        return 0
    sign = 0x80000000 if v < 0 else 0
    a = Fraction(abs(float(v)))
    e16 = 0
    while a >= 1:
        a /= 16
        e16 += 1
    while a < Fraction(1, 16):
        a *= 16
        e16 -= 1
    m = a * (1 << 24)
    assert m.denominator == 1, 'not IBM-exact'
    return sign | ((e16 + 64) << 24) | int(m)


def ibm_exact_floats(n):
    """float32 values with at most 21 significant bits: exact in IBM whatever the exponent."""
    v = rng.normal(0, 1, n) * 10.0 ** rng.integers(-6, 7, n)
    v = v.astype(np.float32)
    bits = v.view(np.uint32) & np.uint32(0xFFFFFFF8)
    out = bits.view(np.float32)
    out[:6] = [0.0, 1.0, -1.0, 0.5, 40000.0, -40000.0]
    return out


def values_for(fmt, nan):
    n = NTR * NS
    if fmt == 1:
        return ibm_exact_floats(n)
    if fmt == 5:
        v = ibm_exact_floats(n) * np.float32(1.001)
        v[6:12] = [np.nan if nan else 1.5, np.inf, -np.inf, -0.0, 3.0e38, 1e-42]
        return v
    lo, hi = {2: (-2**24, 2**24), 3: (-32768, 32767), 8: (-128, 127)}[fmt]
    v = rng.integers(lo, hi, n, endpoint=True)
    v[:2] = [lo, hi]
    return v.astype(np.float32)


def sample_bytes(fmt, order, v):
    e = '>' if order == 'big' else '<'
    if fmt == 1:
        return np.array([ibm(x) for x in v], np.uint32).astype(e + 'u4').tobytes()
    return v.astype(e + {5: 'f4', 2: 'i4', 3: 'i2', 8: 'i1'}[fmt]).tobytes()


def write(path, fmt, order, rev, ext_texts=(), ascii_text=False, nan=False):
    e = '>' if order == 'big' else '<'
    text = card(['SEISVIEW EXPORT TEST SOURCE FORMAT %d %s REV %d' % (fmt, order.upper(), rev),
                 'LAID OUT BY HAND', '', 'END TEXTUAL HEADER'])
    head = text.encode('ascii' if ascii_text else 'cp037')
    b = bytearray(rng.integers(0, 256, 400, dtype=np.uint8).tobytes())
    b[60:400] = bytes(340)  # rev 2 fields and the unassigned part (3261-3600): zero

    def bput(pos, f, v):
        struct.pack_into(e + f, b, pos - 3201, v)

    bput(3217, 'H', DT)
    bput(3219, 'H', DT)
    bput(3221, 'H', NS)
    bput(3223, 'H', NS)
    bput(3225, 'h', fmt)
    if rev == 2:
        bput(3297, 'I', 16909060)
    b[300] = rev
    b[301] = 0
    bput(3503, 'h', 1)
    bput(3505, 'h', len(ext_texts))
    ext = b''.join(card(t).encode('cp037') for t in ext_texts)
    values = values_for(fmt, nan).reshape(NTR, NS)
    traces = bytearray()
    for i in range(NTR):
        h = bytearray(rng.integers(0, 256, 240, dtype=np.uint8).tobytes())
        fldr = [100, 101, 102, 100, 103, 104, 101, 105][i // 8]

        def put(pos, f, v):
            struct.pack_into(e + f, h, pos - 1, v)

        put(1, 'i', i + 1)
        put(9, 'i', fldr)
        put(21, 'i', 1000 + i // 2)
        put(37, 'i', (i % 8) * 150 - 500)
        put(109, 'h', DELAY)
        put(115, 'H', NS)
        put(117, 'H', DT)
        put(215, 'h', 0)
        traces += h + sample_bytes(fmt, order, values[i])
    with open(path, 'wb') as fh:
        fh.write(head + bytes(b) + ext + bytes(traces))


def main(out):
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, 'src_f1_be.sgy'), 1, 'big', 1,
          ext_texts=[['EXTENDED TEXTUAL HEADER ONE'], ['((SEG: EndText))']])
    write(os.path.join(out, 'src_f5_le.sgy'), 5, 'little', 2, ascii_text=True)
    write(os.path.join(out, 'src_f2_be.sgy'), 2, 'big', 1)
    write(os.path.join(out, 'src_f3_le.sgy'), 3, 'little', 2)
    write(os.path.join(out, 'src_f8_be.sgy'), 8, 'big', 0)
    write(os.path.join(out, 'src_f5_be.sgy'), 5, 'big', 2)
    # A NaN too: IEEE keeps it, IBM and the integers write it as 0 (seis/segy/sampleencoder.h).
    write(os.path.join(out, 'src_nan_le.sgy'), 5, 'little', 2, nan=True)
    # Samples that do not survive float32, which a same-format copy must still keep byte for
    # byte (the writer copies the source's bytes when nothing was processed): unnormalised IBM
    # words and IBM values beyond the float range; int32 values beyond 2^24; NaNs with payloads.
    odd = {
        'src_odd_f1_be.sgy': (1, 'big', 1, [0x41010000, 0x40001234, 0xC2000F00, 0x7FFFFFFF,
                                           0xFFFFFFFF, 0x00000001, 0x80000000]),
        'src_odd_f2_le.sgy': (2, 'little', 2, [2**24 + 1, 2**31 - 1, -2**31, -2**24 - 3,
                                              123456789]),
        'src_odd_f5_be.sgy': (5, 'big', 2, [0x7FC12345, 0x7F800001, 0xFFC00000, 0x7FBFFFFF]),
    }
    for name, (fmt, order, rev, words) in odd.items():
        path = os.path.join(out, name)
        write(path, fmt, order, rev)
        e = '>' if order == 'big' else '<'
        code = {1: 'I', 2: 'i', 5: 'I'}[fmt]
        with open(path, 'r+b') as fh:
            for k, w in enumerate(words):
                trace, sample = 3 * k + 1, 7 * k + 2
                fh.seek(3600 + trace * (240 + NS * 4) + 240 + sample * 4)
                fh.write(struct.pack(e + code, w))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: make_export_files.py OUTDIR')
    main(sys.argv[1])
