#!/usr/bin/python3
"""Checks one `seisview-cli export` output against its input, independently of seisview.

usage: check_export.py IN OUT --in-endian big|little --format F --endian big|little
           --revision R [--traces A:B] [--ensembles A:B] [--keys B1[,B2]] [--where B=MIN:MAX]...
           [--every N] [--time T0:T1] [--scale S] [--text FILE] [--same-bytes]

Header fields are given by 1-based byte (4-byte integers). The input is decoded here with numpy
(IBM by exact arithmetic); the selection is computed from the input's header columns (read
by segyio where it reads the input); the
expected output bytes are encoded here (IBM rounded to nearest with ties to even, -0 keeping
its sign; integers rounded to nearest with ties away from zero, saturated and counted; NaN
written as 0 in IBM and the integers and kept by IEEE, as seis/segy/sampleencoder.h specifies); the output must equal them byte for byte, the
headers as the input's (swapped field by field when the byte order changes) with samples per
trace (115-116) and the delay (109-110, moved by the window's first sample) set. When segyio
can read the output format (1, 2, 3, 5, 8) it reads the output too and its samples and header
columns must agree; for a same-format output its samples must be segyio's samples of the
input, selected and sliced to the time window. With --same-bytes the output's sample bytes must equal the input's.
Prints "saturated N" (the expected saturation count); exits 1 with a message on a mismatch.
"""

import argparse
import json
import sys
from fractions import Fraction

import numpy as np

BPS = {1: 4, 2: 4, 3: 2, 5: 4, 6: 8, 7: 3, 8: 1, 9: 8, 10: 4, 11: 2, 12: 8, 15: 3, 16: 1}
INT = {2: 'i4', 3: 'i2', 8: 'i1', 9: 'i8', 10: 'u4', 11: 'u2', 12: 'u8', 16: 'u1'}
FOUR_BYTE = {1, 5, 9, 13, 17, 21, 25, 37, 41, 45, 49, 53, 57, 61, 65, 73, 77, 81, 85, 181, 185,
             189, 193, 197, 205, 219, 225}
# 1-based start and width of every standard trace header field: the 4-byte ones above, 2-byte
# fields everywhere else, up to byte 232. Bytes 233-240 (unassigned in rev 1, the trace header
# name "SEG00000" as text in rev 2) are copied as they are, never swapped.
TRACE_FIELDS = []
pos = 1
while pos <= 232:
    w = 4 if pos in FOUR_BYTE else 2
    TRACE_FIELDS.append((pos, w))
    pos += w


def fail(msg):
    print('MISMATCH: ' + msg)
    sys.exit(1)


def e(order):
    return '>' if order == 'big' else '<'


def rd(buf, pos, fmt, order):
    return np.frombuffer(buf, dtype=e(order) + fmt, count=1, offset=pos - 1)[0].item()


def ibm_decode(words):
    w = words.astype(np.uint64)
    sign = np.where(w >> 31, -1.0, 1.0)
    expo = ((w >> 24) & 0x7F).astype(np.int64) - 64
    mant = (w & 0xFFFFFF).astype(np.float64)
    with np.errstate(over='ignore'):  # beyond float range: inf, as the reader does
        return (sign * mant * np.power(16.0, expo - 6)).astype(np.float32)  # exact, one rounding


def decode(raw, fmt, order, count):
    if fmt == 1:
        return ibm_decode(np.frombuffer(raw, e(order) + 'u4', count))
    if fmt == 5:
        return np.frombuffer(raw, e(order) + 'f4', count).astype(np.float32)
    if fmt == 6:
        return np.frombuffer(raw, e(order) + 'f8', count).astype(np.float32)
    if fmt in (7, 15):
        b = np.frombuffer(raw, np.uint8, 3 * count).reshape(count, 3).astype(np.int64)
        if order == 'little':
            b = b[:, ::-1]
        v = (b[:, 0] << 16) | (b[:, 1] << 8) | b[:, 2]
        if fmt == 7:
            v = np.where(v >= 1 << 23, v - (1 << 24), v)
        return v.astype(np.float32)
    return np.frombuffer(raw, e(order) + INT[fmt], count).astype(np.float32)


def ibm_word(v):
    """float32 -> IBM word, round to nearest (ties to even); NaN -> 0; -0 keeps its sign;
    infinities saturate."""
    if np.isnan(v):
        return 0, 'nan'
    sign = 0x80000000 if np.signbit(v) else 0
    if v == 0:
        return sign, None
    if np.isinf(v):
        return sign | 0x7FFFFFFF, 'sat'
    a = Fraction(abs(float(v)))
    e16 = 0
    while a >= 1:
        a /= 16
        e16 += 1
    while a < Fraction(1, 16):
        a *= 16
        e16 -= 1
    m = round(a * (1 << 24))
    if m >= 1 << 24:
        m >>= 4
        e16 += 1
    return sign | ((e16 + 64) << 24) | m, None


def encode(values, fmt, order, scale):
    """Expected bytes of `values` (float32, 1-D) and the counts (nan, saturated)."""
    nan = sat = 0
    if fmt == 1:
        words = np.zeros(len(values), np.uint32)
        for i, v in enumerate(values):
            words[i], what = ibm_word(v)
            nan += what == 'nan'
            sat += what == 'sat'
        return words.astype(e(order) + 'u4').tobytes(), nan, sat
    # IEEE: the value as it is, NaN included (IEEE holds it; nothing is counted).
    if fmt == 5:
        return values.astype(e(order) + 'f4').tobytes(), 0, 0
    if fmt == 6:
        return values.astype(np.float64).astype(e(order) + 'f8').tobytes(), 0, 0
    if fmt in (7, 15):
        lo, hi = (-(1 << 23), (1 << 23) - 1) if fmt == 7 else (0, (1 << 24) - 1)
    else:
        info = np.iinfo(np.dtype(INT[fmt]))
        lo, hi = int(info.min), int(info.max)
    out = []
    for v in values:
        if np.isnan(v):
            nan += 1
            out.append(0)
            continue
        # value * scale in double (one rounding), then to the nearest integer, ties away from 0
        x = Fraction(float(v) * scale) if np.isfinite(v) else None
        if x is None:
            r = hi + 1 if v > 0 else lo - 1
        else:
            r = int(abs(x) + Fraction(1, 2))
            r = -r if x < 0 else r
        if r < lo or r > hi:
            sat += 1
            r = min(max(r, lo), hi)
        out.append(r)
    if fmt in (7, 15):
        u = [(r & 0xFFFFFF) for r in out]
        parts = [bytes([(x >> 16) & 255, (x >> 8) & 255, x & 255]) for x in u]
        if order == 'little':
            parts = [p[::-1] for p in parts]
        return b''.join(parts), nan, sat
    return np.array(out, dtype=object).astype(np.dtype(e(order) + INT[fmt])).tobytes(), nan, sat


def swap_header(h):
    out = bytearray(h)
    for p, w in TRACE_FIELDS:
        out[p - 1:p - 1 + w] = h[p - 1:p - 1 + w][::-1]
    return bytes(out)


def rng(text):
    a, b = text.split(':')
    return (int(a) if a else None), (int(b) if b else None)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('src')
    ap.add_argument('out')
    ap.add_argument('--in-endian', required=True)
    ap.add_argument('--format', type=int, required=True)
    ap.add_argument('--endian', required=True)
    ap.add_argument('--revision', type=int, required=True)
    ap.add_argument('--traces')
    ap.add_argument('--ensembles')
    ap.add_argument('--keys', default='9')
    ap.add_argument('--where', action='append', default=[])
    ap.add_argument('--every', type=int, default=1)
    ap.add_argument('--time')
    ap.add_argument('--scale', type=float, default=1.0)
    ap.add_argument('--text')
    ap.add_argument('--same-bytes', action='store_true')
    a = ap.parse_args()

    src = open(a.src, 'rb').read()
    out = open(a.out, 'rb').read()
    io = a.in_endian
    fin = rd(src, 3225, 'h', io)
    ns = rd(src, 3221, 'H', io)
    if rd(src, 3269, 'I', io):
        ns = rd(src, 3269, 'I', io)
    exth = rd(src, 3505, 'h', io)
    ext = src[3600:3600 + 3200 * max(exth, 0)]
    trace0 = 3600 + len(ext)
    tsize = 240 + ns * BPS[fin]
    ntr = (len(src) - trace0) // tsize
    heads = [src[trace0 + i * tsize:trace0 + i * tsize + 240] for i in range(ntr)]
    raws = [src[trace0 + i * tsize + 240:trace0 + (i + 1) * tsize] for i in range(ntr)]
    dt = rd(src, 3217, 'H', io) / 1000.0

    segyio_src = fin in (1, 2, 3, 5, 8) and ns <= 32767

    def col(byte):
        """A 4-byte header column: segyio's where it reads the input, else numpy's."""
        if segyio_src:
            import segyio
            with segyio.open(a.src, ignore_geometry=True, endian=io) as f:
                return [int(v) for v in f.attributes(byte)[:]]
        return [rd(h, byte, 'i', io) for h in heads]

    # The selection, from header columns.
    sel = list(range(ntr))
    if a.traces:
        b, f = rng(a.traces)
        sel = [t for t in sel if (b or 0) <= t < (ntr if f is None else f)]
    if a.ensembles:
        keys = [col(int(k)) for k in a.keys.split(',')]
        rows = list(zip(*keys))
        number = []
        for i, r in enumerate(rows):
            number.append(0 if i == 0 else number[-1] + (r != rows[i - 1]))
        b, f = rng(a.ensembles)
        sel = [t for t in sel if (b or 0) <= number[t] < (number[-1] + 1 if f is None else f)]
    for w in a.where:
        byte, bounds = w.split('=')
        lo, hi = rng(bounds)
        c = col(int(byte))
        sel = [t for t in sel if (lo is None or c[t] >= lo) and (hi is None or c[t] <= hi)]
    sel = sel[::a.every]
    s0, s1 = 0, ns
    start = rd(heads[0], 109, 'h', io)
    if a.time:
        t0, t1 = (float(x) for x in a.time.split(':'))
        s0 = int(min(max(np.floor((t0 - start) / dt + 0.5), 0), ns))
        s1 = int(min(max(np.floor((t1 - start) / dt + 0.5), 0), ns))
    nso = s1 - s0
    fo, oo = a.format, a.endian

    # File header.
    text = src[:3200]
    if a.text:
        lines = open(a.text, encoding='utf-8').read().split('\n')
        if lines and lines[-1] == '':
            lines.pop()
        card = ''.join(l.rstrip('\r').ljust(80) for l in lines).ljust(3200)
        text = card.encode('cp037' if src[:1] != b'C' else 'ascii')
    if out[:3200] != text:
        fail('textual header differs')
    if rd(out, 3225, 'h', oo) != fo:
        fail('format %d, expected %d' % (rd(out, 3225, 'h', oo), fo))
    hns, ext_hns = rd(out, 3221, 'H', oo), rd(out, 3269, 'I', oo)
    if nso > 32767:
        if hns != 0 or ext_hns != nso:
            fail('samples %d/%d, expected 0/%d' % (hns, ext_hns, nso))
    elif hns != nso or ext_hns not in (0, nso):
        fail('samples %d (ext %d), expected %d' % (hns, ext_hns, nso))
    if out[3500] != a.revision:
        fail('revision byte %d, expected %d' % (out[3500], a.revision))
    if a.revision == 2:
        if rd(out, 3297, 'I', oo) != 16909060:
            fail('byte-order word %d' % rd(out, 3297, 'I', oo))
        n = rd(out, 3513, 'Q', oo)
        if n not in (0, len(sel)):
            fail('rev 2 trace count %d, expected %d' % (n, len(sel)))
    if rd(out, 3505, 'h', oo) not in (len(ext) // 3200, -1):
        fail('extended header count %d' % rd(out, 3505, 'h', oo))
    if rd(out, 3217, 'H', oo) != rd(src, 3217, 'H', io):
        fail('sample interval')
    if out[3600:trace0] != ext:
        fail('extended textual headers differ')
    osize = 240 + nso * BPS[fo]
    if len(out) != trace0 + len(sel) * osize:
        fail('size %d, expected %d' % (len(out), trace0 + len(sel) * osize))

    # Traces.
    nan = sat = 0
    expected_values = []
    for k, t in enumerate(sel):
        h = heads[t]
        if io != oo:
            h = swap_header(h)
        h = bytearray(h)
        h[114:116] = np.array([nso if nso <= 65535 else 0], e(oo) + 'u2').tobytes()
        if s0:
            delay = rd(heads[t], 109, 'h', io) + round(s0 * dt)
            h[108:110] = np.array([delay], e(oo) + 'i2').tobytes()
        got = out[trace0 + k * osize:trace0 + k * osize + 240]
        if got != bytes(h):
            diff = [i + 1 for i in range(240) if got[i] != h[i]]
            fail('trace %d (source %d): header bytes %s differ' % (k, t, diff[:10]))
        values = decode(raws[t], fin, io, ns)[s0:s1]
        expected_values.append(values)
        want, n1, n2 = encode(values, fo, oo, a.scale)
        nan += n1
        sat += n2
        got = out[trace0 + k * osize + 240:trace0 + (k + 1) * osize]
        if got != want:
            i = next(i for i in range(len(got)) if got[i] != want[i]) // BPS[fo]
            fail('trace %d (source %d): sample %d bytes %s, expected %s (value %r)' % (
                k, t, i, got[i * BPS[fo]:(i + 1) * BPS[fo]].hex(),
                want[i * BPS[fo]:(i + 1) * BPS[fo]].hex(), values[i]))
        if a.same_bytes and got != raws[t][s0 * BPS[fin]:s1 * BPS[fin]]:
            fail('trace %d: sample bytes differ from the source' % k)

    # segyio reads what it can.
    if fo in (1, 2, 3, 5, 8) and len(sel) and nso <= 32767:
        import segyio
        with segyio.open(a.out, ignore_geometry=True, endian=oo) as f:
            if f.tracecount != len(sel) or len(f.samples) != nso:
                fail('segyio: %d x %d' % (f.tracecount, len(f.samples)))
            got = f.trace.raw[:]
            ref = decode(b''.join(out[trace0 + k * osize + 240:trace0 + (k + 1) * osize]
                                  for k in range(len(sel))), fo, oo, len(sel) * nso)
            ref = ref.reshape(len(sel), nso)
            if fo == 1:
                # segyio's own IBM conversion: within 2^-22 relative where the value is a
                # normal float (it handles saturated words and denormals its own way).
                normal = np.isfinite(ref) & (np.abs(ref) >= np.finfo(np.float32).tiny)
                ok = np.allclose(got[normal], ref[normal], rtol=2.0 ** -22, atol=0)
            else:
                ok = np.array_equal(got, ref, equal_nan=True)
            if not ok:
                fail('segyio reads other samples')
            if fo == fin and segyio_src:
                # The same format: segyio's samples of the output are its samples of the input,
                # selected and sliced (NaN kept: the formats segyio reads that hold NaN are IEEE).
                with segyio.open(a.src, ignore_geometry=True, endian=io) as g:
                    whole = g.trace.raw[:]
                if not np.array_equal(got, whole[sel][:, s0:s1], equal_nan=True):
                    fail('segyio: the output is not the sliced input')
            for field in (segyio.TraceField.FieldRecord, segyio.TraceField.CDP,
                          segyio.TraceField.offset):
                want = [rd(heads[t], int(field), 'i', io) for t in sel]
                if list(f.attributes(field)[:]) != want:
                    fail('segyio reads other %s' % field)
    print('saturated %d' % sat)
    print('nan %d' % nan)
    print(json.dumps({'traces': len(sel), 'samples': nso}))


if __name__ == '__main__':
    main()
