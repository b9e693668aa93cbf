#!/usr/bin/python3
"""Writes the SEG-Y files the core reader's tests compare against: make_test_files.py OUTDIR.

Two sources, so that the reader is never checked against itself:
- segyio's Python bindings write the formats segyio 1.8.3 handles (1, 2, 3, 5, 8) in both byte
  orders; the C++ test reads them back with libsegyio's C API and compares value by value.
- The formats segyio 1.8.3 cannot decode (4, 6, 7, 9, 10, 11, 12, 15, 16; it silently reads them
  as IBM), the rev 2 layouts it cannot write (extended sample count, variable extended textual
  headers) and the deliberately odd files are laid out byte by byte here. Their expected float32
  values are computed independently (numpy casts, exact integer rounding in Python) and written
  as raw little-endian float32 sidecars NAME.expected.f32, trace-major.

OUTDIR/manifest.json lists every file and its properties. Deterministic (seeded RNG, fixed text,
no dates) and fast (about 2 s); about 8 MB in all, 6.4 MB of it one file with enough traces
(> 8192) and sample bytes (> 4 MB) that the reader splits its work over threads.

segyio 1.8.3 quirks worked around here:
- It writes whole 4-byte words only, so a trace whose sample bytes are not a multiple of 4 loses
  its tail: format 3 files use an even sample count and format 8 files a multiple of 4.
- Its ASCII-to-EBCDIC table is not code page 037 for [ ] ^ ! |, so the main textual header is
  written here as cp037 after segyio closes the file.
- Its default textual header holds today's date; it is always replaced.
Two more are allowed for by the C++ test rather than here: segyio reads SourceWaterDepth
(bytes 61-64) as 2 bytes, and in little-endian files it swaps neither unassigned field
(bytes 233-240) on writing or reading.
"""

import json
import os
import shutil
import struct
import sys

import numpy as np
import segyio

TEXT_BYTES = 3200
BIN_BYTES = 400
TRACE_HEADER_BYTES = 240

DTYPES = {  # format code -> numpy sample type (without byte order)
    1: None, 2: 'i4', 3: 'i2', 4: None, 5: 'f4', 6: 'f8', 7: None, 8: 'i1',
    9: 'i8', 10: 'u4', 11: 'u2', 12: 'u8', 15: None, 16: 'u1',
}
BYTES_PER_SAMPLE = {1: 4, 2: 4, 3: 2, 4: 4, 5: 4, 6: 8, 7: 3, 8: 1, 9: 8, 10: 4, 11: 2, 12: 8,
                    15: 3, 16: 1}

# Trace header fields segyio 1.8.3 reads with 4 bytes (1-based byte positions); all others it
# knows are 2 bytes. (It has SourceWaterDepth, bytes 61-64, as 2 bytes.)
SEGYIO_FOUR_BYTE = {1, 5, 9, 13, 17, 21, 25, 37, 41, 45, 49, 53, 57, 65, 73, 77, 81, 85, 181, 185,
                    189, 193, 197, 205, 219, 225, 233, 237}

rng = np.random.default_rng(20240607)
manifest = []


# --- textual headers --------------------------------------------------------------------------

def card_image(lines):
    """40 card images of 80 characters as one 3200-character string."""
    cards = []
    for i in range(40):
        text = lines[i] if i < len(lines) else ''
        cards.append(('C%2d %s' % (i + 1, text)).ljust(80)[:80])
    return ''.join(cards)


def as_lines(text):
    """The reader's form of a textual header: 80-character lines joined by newlines."""
    return '\n'.join(text[i:i + 80] for i in range(0, len(text), 80))


def main_text(name, extra=()):
    return card_image(['SEISVIEW TEST FILE %s' % name.upper(),
                       'CLIENT SEISVIEW  COMPANY TESTS  CREW NO 1',
                       'LINE 42  AREA SYNTHETIC  MAP ID 7'] + list(extra) +
                      ['', 'END TEXTUAL HEADER'])


# --- independent expected values ---------------------------------------------------------------

def int_to_f32(v):
    """Round an integer of any size to the nearest float32 (ties to even), exactly."""
    v = int(v)
    a = abs(v)
    n = a.bit_length()
    if n > 24:
        shift = n - 24
        q, r = divmod(a, 1 << shift)
        half = 1 << (shift - 1)
        if r > half or (r == half and (q & 1)):
            q += 1
        a = q << shift
    return np.float32(-float(a) if v < 0 else float(a))


def ints_to_f32(values):
    return np.array([int_to_f32(v) for v in values.ravel()], dtype=np.float32).reshape(
        values.shape)


# --- random sample values ----------------------------------------------------------------------

def mixed_floats(n, special=True):
    """float32 values of many magnitudes and both signs, all IBM-representable normal floats."""
    kind = rng.integers(0, 6, n)
    mag = np.where(kind == 0, rng.normal(0, 1, n),
          np.where(kind == 1, rng.normal(0, 1e4, n),
          np.where(kind == 2, rng.normal(0, 1e-4, n),
          np.where(kind == 3, rng.choice([-1, 1], n) * 10.0 ** rng.uniform(-30, 30, n),
          np.where(kind == 4, rng.integers(-1000, 1000, n) * 0.25,
                   rng.choice([-1, 1], n) * 10.0 ** rng.uniform(20, 37, n))))))
    out = mag.astype(np.float32)
    if special:
        fixed = np.array([0.0, 1.0, -1.0, 0.5, -118.625, 3.0e37, -3.0e37, 1.2e-38, -1.2e-38,
                          16.0, 1.0 / 16, 123456.789], np.float32)
        out[:len(fixed)] = fixed[:n]
    return out


def ieee_specials(n):
    """float32 values including what IBM cannot hold: denormals, infinities, NaN, -0."""
    out = mixed_floats(n)
    specials = np.array([np.inf, -np.inf, np.nan, -0.0, 1e-45, -1e-45, 1e-40,
                         np.finfo(np.float32).max, -np.finfo(np.float32).max,
                         np.finfo(np.float32).tiny], np.float32)
    idx = rng.choice(n, size=min(n, len(specials)), replace=False)
    out[idx] = specials[:len(idx)]
    return out


def random_ints(dtype, n, extremes):
    info = np.iinfo(dtype)
    v = rng.integers(info.min, info.max, n, dtype=dtype, endpoint=True)
    small = rng.integers(-100 if info.min < 0 else 0, 100, n)
    v = np.where(rng.integers(0, 3, n) == 0, small.astype(dtype), v)
    for i, e in enumerate(extremes[:n]):
        v[(i * 7) % n] = e
    return v


# --- segyio-written files ----------------------------------------------------------------------

TRACE_FIELDS = list(segyio.TraceField.enums())


def segyio_headers(ntr, ns, hdt, consistent_ns):
    """All trace headers of a file, each a {TraceField: value} dict: every field segyio knows,
    random values of its size, with meaningful values for the common keys."""
    four = np.array([int(f) in SEGYIO_FOUR_BYTE for f in TRACE_FIELDS])
    wide = rng.integers(-2**31, 2**31 - 1, (ntr, len(TRACE_FIELDS)), endpoint=True)
    narrow = rng.integers(-2**15, 2**15 - 1, (ntr, len(TRACE_FIELDS)), endpoint=True)
    values = np.where(four, wide, narrow).tolist()
    T = segyio.TraceField
    headers = []
    for i in range(ntr):
        h = dict(zip(TRACE_FIELDS, values[i]))
        h.update({
            T.TRACE_SEQUENCE_LINE: i + 1,
            T.TRACE_SEQUENCE_FILE: i + 1,
            T.FieldRecord: 1000 + i // 8,
            T.TraceNumber: i % 8 + 1,
            T.CDP: 5000 + i,
            T.offset: -(25 * i) - 12,
            T.SourceGroupScalar: -100,
            T.ElevationScalar: -10,
            T.SourceX: 61234500 + 2500 * i,
            T.SourceY: -4567800 - 1250 * i,
            T.GroupX: 61234500 + 2500 * i + 300000,
            T.GroupY: 2**31 - 1 - i,
            T.INLINE_3D: 100 + i // 6,
            T.CROSSLINE_3D: 200 + i % 6,
            T.CDP_X: -2**31 + i,
            T.TRACE_SAMPLE_COUNT: ns,
            T.TRACE_SAMPLE_INTERVAL: hdt,
        })
        if not consistent_ns and i > 0:
            # The sample count and interval are u2 in the standard; segyio treats 2-byte fields
            # as signed and stores these big values as their 16-bit patterns.
            h[T.TRACE_SAMPLE_COUNT] = [40000, 65535, 32768, ns][i % 4]
            h[T.TRACE_SAMPLE_INTERVAL] = [50000, hdt][i % 2]
        headers.append(h)
    return headers


def segyio_binary(ns, hdt, fmt, ntr, rev):
    b = {}
    for key in ('fold', 'tsort', 'vscode', 'hsfs', 'hsfe', 'hslen', 'hstyp', 'schn', 'hstas',
                'hstae', 'htatyp', 'hcorr', 'bgrcv', 'rcvm', 'mfeet', 'polyt', 'vpol'):
        b[key] = int(rng.integers(-2**15, 2**15 - 1, endpoint=True))
    b.update(jobid=int(rng.integers(-2**31, 2**31 - 1)), lino=-42, reno=2**31 - 1,
             ntrpr=ntr, nart=40000, hdt=hdt, dto=hdt * 2, hns=ns, nso=60000, format=fmt, rev=rev,
             trflag=1)
    return b


def write_cp037_text(path, text):
    with open(path, 'r+b') as fh:
        fh.write(text.encode('cp037'))


def segyio_file(name, fmt, endian, ntr, ns, hdt, data=None, rev=0, consistent_ns=False,
                ext_texts=(), text=None, text_encoding='ebcdic', **extra):
    """Writes NAME with segyio; returns the manifest entry."""
    path = os.path.join(OUT, name)
    if fmt == 3:
        assert ns % 2 == 0, 'segyio 1.8.3 drops the tail of traces not a multiple of 4 bytes'
    if fmt == 8:
        assert ns % 4 == 0, 'segyio 1.8.3 drops the tail of traces not a multiple of 4 bytes'
    if data is None:
        n = ntr * ns
        if fmt == 1:
            data = mixed_floats(n)
        elif fmt == 5:
            data = ieee_specials(n)
        elif fmt == 2:
            data = random_ints(np.int32, n, [2**31 - 1, -2**31, 2**24 + 1, 2**24 + 3, -(2**25 + 2)])
        elif fmt == 3:
            data = random_ints(np.int16, n, [32767, -32768, 0, -1])
        elif fmt == 8:
            data = random_ints(np.int8, n, [127, -128, 0, -1])
        data = data.reshape(ntr, ns)
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(ns))
    spec.tracecount = ntr
    spec.endian = endian
    spec.ext_headers = len(ext_texts)
    headers = segyio_headers(ntr, ns, hdt, consistent_ns)
    with segyio.create(path, spec) as f:
        for i in range(ntr):
            f.header[i] = headers[i]
            f.trace[i] = data[i]
        for k, t in enumerate(ext_texts):
            f.text[k + 1] = t
        f.bin.update(**segyio_binary(ns, hdt, fmt, ntr, rev))
    if text is None:
        text = main_text(name)
    if text_encoding == 'ebcdic':
        write_cp037_text(path, text)
    else:
        with open(path, 'r+b') as fh:
            fh.write(text.encode('ascii'))
    # segyio wrote the extended headers with its own table; they hold only characters on which
    # it agrees with cp037, which this checks.
    raw = open(path, 'rb').read()
    for k, t in enumerate(ext_texts):
        block = raw[3600 + k * TEXT_BYTES:3600 + (k + 1) * TEXT_BYTES]
        assert block == t.encode('cp037'), 'segyio wrote extended header %d differently' % k
    assert len(raw) == 3600 + len(ext_texts) * TEXT_BYTES + ntr * (
        TRACE_HEADER_BYTES + ns * BYTES_PER_SAMPLE[fmt]), name
    entry = dict(name=name, format=fmt, endian=endian, traces=ntr, samples=ns, dt=float(hdt),
                 segyio=True, expected=None, same_as=None, text_encoding=text_encoding,
                 text=as_lines(text), text_first_line=text[:80], ext_headers=len(ext_texts),
                 ext_texts=[as_lines(t) for t in ext_texts], warnings=[], byte_order_word=False,
                 open_order=None, headers=None)
    entry.update(extra)
    manifest.append(entry)
    return entry


# --- hand-built files --------------------------------------------------------------------------

def encode_samples(fmt, endian, values):
    """values: integer array (integer formats, the 4/7/15 specials) or floats, shape (ntr, ns)."""
    e = '>' if endian == 'big' else '<'
    if fmt in (7, 15):
        v = values.astype(np.int64) & 0xFFFFFF
        b0, b1, b2 = (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF
        parts = (b0, b1, b2) if endian == 'big' else (b2, b1, b0)
        return np.stack(parts, axis=-1).astype(np.uint8).tobytes()
    if fmt == 4:
        gain, mant = values
        word = (gain.astype(np.uint32) << 16) | (mant.astype(np.int64) & 0xFFFF).astype(np.uint32)
        return word.astype(e + 'u4').tobytes()
    return values.astype(e + DTYPES[fmt]).tobytes()


def hand_values(fmt, ntr, ns):
    """(values to encode, expected float32 array), computed independently of the reader."""
    n = ntr * ns
    shape = (ntr, ns)
    if fmt == 4:
        gain = rng.integers(0, 41, n)
        gain[:8] = [0, 1, 15, 24, 100, 149, 160, 255]
        mant = rng.integers(-32768, 32767, n, endpoint=True)
        mant[:4] = [-32768, 32767, -1, 1]
        mant[8:12] = [-32768, 32767, 0, 12345]
        expected = np.array([np.float32(m * 2.0 ** -g) for g, m in zip(gain, mant)], np.float32)
        return (gain.reshape(shape), mant.reshape(shape)), expected.reshape(shape)
    if fmt == 6:
        v = np.concatenate([rng.normal(0, 1e3, n // 2),
                            rng.choice([-1, 1], n - n // 2) * 10.0 ** rng.uniform(-50, 50,
                                                                                  n - n // 2)])
        special = [1e300, -1e300, 1e-300, -1e-300, 1e-40, -1e-40, np.nan, np.inf, -np.inf, -0.0,
                   3.4028235677973366e38, 3.4028234663852886e38, 0.1, 1.0 + 2.0 ** -24,
                   1.0 + 3 * 2.0 ** -24, 2.0 ** -149, 2.0 ** -150, 3 * 2.0 ** -151]
        v[:len(special)] = special
        rng.shuffle(v)
        with np.errstate(over='ignore', under='ignore', invalid='ignore'):
            expected = v.astype(np.float32)
        return v.reshape(shape), expected.reshape(shape)
    if fmt == 5:
        v = ieee_specials(n)
        return v.reshape(shape), v.reshape(shape)
    if fmt in (7, 15):
        lo, hi = (-2**23, 2**23 - 1) if fmt == 7 else (0, 2**24 - 1)
        v = rng.integers(lo, hi, n, endpoint=True)
        v[:4] = [lo, hi, 0, 1 if fmt == 15 else -1]
        return v.reshape(shape), v.astype(np.float32).reshape(shape)
    dtype = np.dtype(DTYPES[fmt])
    ext = {9: [2**63 - 1, -2**63, 2**24 + 1, 2**24 + 3, -(2**53 + 1), 2**40 + 2**16 + 1],
           10: [2**32 - 1, 2**31, 2**24 + 1, 2**24 + 3, 0],
           11: [65535, 32768, 0, 1],
           12: [2**64 - 1, 2**63, 2**63 + 2**39 + 1, 2**24 + 1, 0],
           16: [255, 128, 0, 1]}[fmt]
    v = random_ints(dtype, n, ext)
    return v.reshape(shape), ints_to_f32(v).reshape(shape)


def put(buf, pos, fmt, value, endian):
    """Writes at 1-based byte position `pos`."""
    struct.pack_into(('>' if endian == 'big' else '<') + fmt, buf, pos - 1, value)


def hand_file(name, fmt, endian, ntr, ns, hdt, rev2=True, word=None, ext_texts=(), exth=None,
              ext_hdt=None, hns=None, ext_hns=None, text=None, text_encoding='ebcdic',
              warnings=(), open_order=None, trace_ns=None):
    """Lays out a complete file by hand and writes its expected-value sidecar."""
    e = endian
    if text is None:
        text = main_text(name, ['FORMAT %d %s-ENDIAN, LAID OUT BY HAND' % (fmt, e.upper())])
    head = bytearray(text.encode('cp037' if text_encoding == 'ebcdic' else 'ascii'))
    assert len(head) == TEXT_BYTES
    b = bytearray(BIN_BYTES)

    def bput(pos, f, v):
        put(b, pos - 3200, f, v, e)

    bput(3201, 'i', 777)  # jobid
    bput(3205, 'i', -42)  # lino
    bput(3213, 'H', ntr)  # ntrpr
    bput(3217, 'H', hdt)  # hdt
    bput(3219, 'H', hdt)  # dto
    bput(3221, 'H', ns if hns is None else hns)  # hns
    bput(3223, 'H', ns if hns is None else hns)  # nso
    bput(3225, 'h', fmt)  # format
    bput(3229, 'h', 1)  # tsort
    bput(3255, 'h', 1)  # mfeet
    if ext_hns is not None:
        bput(3269, 'I', ext_hns)
    if ext_hdt is not None:
        bput(3273, 'd', ext_hdt)
    if word is not None:  # the rev 2 byte-order word as raw bytes
        b[3297 - 3201:3301 - 3201] = word
    b[3501 - 3201] = 2 if rev2 else 1  # rev_major
    b[3502 - 3201] = 0  # rev_minor
    bput(3503, 'h', 1)  # trflag
    bput(3505, 'h', len(ext_texts) if exth is None else exth)
    ext = bytearray()
    for t in ext_texts:
        ext += t
    values, expected = hand_values(fmt, ntr, ns)
    samples = encode_samples(fmt, e, values)
    per_trace = ns * BYTES_PER_SAMPLE[fmt]
    assert len(samples) == ntr * per_trace
    headers = {'tracl': [], 'fldr': [], 'cdp': [], 'offset': [], 'scalco': [], 'sx': [], 'gx': [],
               'ns': [], 'dt': [], 'cdpx': [], 'iline': [], 'xline': []}
    layout = {'tracl': (1, 'i'), 'fldr': (9, 'i'), 'cdp': (21, 'i'), 'offset': (37, 'i'),
              'scalco': (71, 'h'), 'sx': (73, 'i'), 'gx': (81, 'i'), 'ns': (115, 'H'),
              'dt': (117, 'H'), 'cdpx': (181, 'i'), 'iline': (189, 'i'), 'xline': (193, 'i')}
    traces = bytearray()
    for i in range(ntr):
        th = bytearray(TRACE_HEADER_BYTES)
        vals = {'tracl': i + 1, 'fldr': 500 + i // 4, 'cdp': 1000 + i, 'offset': -(100 + 50 * i),
                'scalco': -10, 'sx': 600000 + 25 * i, 'gx': -(2**31) + 7 * i,
                'ns': (ns if trace_ns is None else trace_ns) & 0xFFFF, 'dt': hdt,
                'cdpx': 2**31 - 1 - 3 * i, 'iline': 10 + i // 5, 'xline': 20 + i % 5}
        for key, (pos, f) in layout.items():
            put(th, pos, f, vals[key], e)
            headers[key].append(vals[key])
        traces += th + samples[i * per_trace:(i + 1) * per_trace]
    path = os.path.join(OUT, name)
    with open(path, 'wb') as fh:
        fh.write(head + b + ext + traces)
    sidecar = name + '.expected.f32'
    expected.astype('<f4').tofile(os.path.join(OUT, sidecar))
    entry = dict(name=name, format=fmt, endian=e, traces=ntr, samples=ns,
                 dt=float(ext_hdt if (rev2 and ext_hdt) else hdt), segyio=False,
                 expected=sidecar, same_as=None, text_encoding=text_encoding,
                 text=as_lines(text), text_first_line=text[:80],
                 ext_headers=len(ext_texts), ext_texts=[], warnings=list(warnings),
                 byte_order_word=word is not None and word in (b'\x01\x02\x03\x04',
                                                                b'\x04\x03\x02\x01'),
                 open_order=open_order, headers=headers)
    manifest.append(entry)
    return entry


BE_WORD = b'\x01\x02\x03\x04'  # 0x01020304 read big-endian
LE_WORD = b'\x04\x03\x02\x01'  # 0x01020304 read little-endian


# --- ensemble (gather) files -------------------------------------------------------------------

ensemble_manifest = []


def runs_of(*columns):
    """Runs of consecutive equal key tuples, in file order: [first, count, key...] each. Written
    here, from the values handed to segyio, independently of the reader's ensemble index."""
    rows = list(zip(*columns))
    runs = []
    for i, row in enumerate(rows):
        if runs and tuple(runs[-1][2:]) == row:
            runs[-1][1] += 1
        else:
            runs.append([i, 1] + [int(v) for v in row])
    return runs


def ensemble_file(name, fmt, endian, ns, fldr, cdp):
    """Writes NAME with segyio, holding the given fldr and cdp columns, and lists it with its
    expected runs under 'ensembles' in the manifest (not under 'files': tst_segyfile does not
    see it)."""
    ntr = len(fldr)
    path = os.path.join(OUT, name)
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(ns))
    spec.tracecount = ntr
    spec.endian = endian
    T = segyio.TraceField
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=4000, hns=ns, format=fmt)
        f.trace = np.tile(np.arange(ns, dtype=np.float32), (ntr, 1)) + np.arange(
            ntr, dtype=np.float32)[:, None]
        for i in range(ntr):
            f.header[i] = {T.TRACE_SEQUENCE_LINE: i + 1, T.FieldRecord: int(fldr[i]),
                           T.CDP: int(cdp[i]), T.TRACE_SAMPLE_COUNT: ns,
                           T.TRACE_SAMPLE_INTERVAL: 4000}
    write_cp037_text(path, main_text(name, ['IRREGULAR GATHERS FOR THE ENSEMBLE INDEX']))
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        assert list(f.attributes(T.FieldRecord)[:]) == list(fldr), name
        assert list(f.attributes(T.CDP)[:]) == list(cdp), name
    ensemble_manifest.append(dict(
        name=name, format=fmt, endian=endian, traces=ntr, samples=ns,
        runs={'fldr': runs_of(fldr), 'cdp': runs_of(cdp), 'fldr,cdp': runs_of(fldr, cdp)}))


def ensemble_files():
    # Small and irregular: the first and the last trace are gathers of their own, one-trace
    # gathers, fldr values that come back later (1, 2), a negative and the largest int32 value,
    # and cdp splitting some fldr gathers (and staying equal across one fldr change).
    gathers = [(7, [70]), (1, [5, 5, 5]), (2, [5, 6]), (3, [6]), (1, [6, 6]),
               (4, [10, 10, 11, 11, 11]), (-5, [11]), (2**31 - 1, [-2**31, -2**31]),
               (2, [20, 21, 21, 20]), (1, [20]), (9, [99])]
    fldr = [g for g, c in gathers for _ in c]
    cdp = [v for _, c in gathers for v in c]
    ensemble_file('ensembles_small.sgy', 1, 'big', 8, fldr, cdp)

    # More traces than one work item of the columnar reader (8192), so it reads in parallel:
    # gathers of 1 to 60 traces, fldr drawn from a few values (so they return), never equal to
    # the gather before; cdp changes inside some gathers.
    erng = np.random.default_rng(20240701)
    fldr, cdp = [], []
    previous = None
    while len(fldr) < 10000:
        size = 1 if not fldr else int(erng.integers(1, 61))
        value = previous
        while value == previous:
            value = int(erng.integers(100, 112))
        previous = value
        base = int(erng.integers(0, 50))
        split = int(erng.integers(0, size + 1))
        for k in range(size):
            fldr.append(value)
            cdp.append(base + (1 if k >= split else 0))
    fldr = fldr[:9999]
    cdp = cdp[:9999]
    fldr.append(99)  # the last trace is a gather of its own
    cdp.append(99)
    ensemble_file('ensembles_many_le.sgy', 5, 'little', 4, fldr, cdp)


def main():
    # a. segyio formats, both byte orders.
    shapes = {1: (36, 50, 4000), 2: (30, 37, 2000), 3: (28, 46, 1000), 5: (33, 61, 500),
              8: (25, 52, 250)}
    for fmt, (ntr, ns, hdt) in shapes.items():
        for endian in ('big', 'little'):
            segyio_file('segyio_f%d_%s.sgy' % (fmt, 'be' if endian == 'big' else 'le'), fmt,
                        endian, ntr, ns, hdt, rev=256 if endian == 'big' else 0)

    # b. Odd shapes.
    segyio_file('one_trace.sgy', 1, 'big', 1, 75, 4000)
    segyio_file('one_sample.sgy', 5, 'little', 20, 1, 2000)
    # Enough traces (> 8192) and sample bytes (> 4 MB) that readHeaderColumns and readWindow
    # split the work over threads.
    segyio_file('many_traces.sgy', 1, 'big', 8500, 128, 4000)
    base = segyio_file('partial_base.sgy', 2, 'big', 30, 40, 2000, consistent_ns=True)
    shutil.copyfile(os.path.join(OUT, base['name']), os.path.join(OUT, 'partial.sgy'))
    with open(os.path.join(OUT, 'partial.sgy'), 'ab') as fh:
        fh.write(bytes(range(200)))  # a header-and-a-bit, less than one 400-byte trace
    partial = dict(base, name='partial.sgy', segyio=False, same_as=base['name'],
                   warnings=['partial trace'])
    manifest.append(partial)
    # More than 32767 samples: rev 2 extended sample count (3269-3272), hns = 0, and the trace
    # header holding the count modulo 2^16, as writers limited to 16 bits do.
    hand_file('big_ns.sgy', 16, 'big', 2, 70000, 1000, word=BE_WORD, hns=0, ext_hns=70000,
              trace_ns=70000)

    # A rev 1 sample count above 32767 in the binary header (u2), no extended count.
    hand_file('hns_u2.sgy', 16, 'little', 1, 40000, 1000, rev2=False, trace_ns=40000)

    # c. Formats segyio cannot decode, laid out by hand.
    no_word = {('little', 6), ('little', 11), ('big', 4), ('big', 7)}
    for fmt in (4, 6, 7, 9, 10, 11, 12, 15, 16):
        for endian in ('big', 'little'):
            ntr, ns = 17 + fmt, 23 + 2 * fmt
            word = None if (endian, fmt) in no_word else (BE_WORD if endian == 'big'
                                                           else LE_WORD)
            hand_file('hand_f%d_%s.sgy' % (fmt, 'be' if endian == 'big' else 'le'), fmt, endian,
                      ntr, ns, 2000, rev2=word is not None, word=word)
    # rev 2 extended sample interval (a double) wins over hdt.
    hand_file('ext_hdt.sgy', 6, 'little', 9, 31, 250, word=LE_WORD, ext_hdt=250.5)
    # A byte-order word that contradicts the real (little-endian) order: opening needs the
    # SegyOpenOptions override, and the reader then warns about the word.
    hand_file('bad_word_le.sgy', 10, 'little', 12, 20, 2000, word=BE_WORD,
              warnings=['byte-order word'], open_order='little')

    # d. Textual headers.
    ext1 = card_image(['EXTENDED TEXTUAL HEADER ONE', 'PROCESSING: MIGRATION, STACK'])
    ext2 = card_image(['EXTENDED TEXTUAL HEADER TWO', 'VELOCITY 1500 M/S'])
    segyio_file('ext2.sgy', 1, 'big', 12, 24, 4000, rev=256, ext_texts=(ext1, ext2))
    rec1 = card_image(['((SEG: Recording Info ver 1.0))', 'FIRST VARIABLE RECORD (EBCDIC)'])
    rec2 = card_image(['((SEG: Processing ver 1.0))', 'second variable record (ascii)'])
    rec3 = card_image(['((SEG: EndText))'])
    entry = hand_file('ext_var.sgy', 9, 'big', 7, 19, 2000, word=BE_WORD,
                      ext_texts=(rec1.encode('cp037'), rec2.encode('ascii'),
                                 rec3.encode('cp037')), exth=-1)
    entry['ext_headers'] = 3
    entry['ext_texts'] = [as_lines(rec1), as_lines(rec2), as_lines(rec3)]
    ascii_text = card_image(['ASCII TEXTUAL HEADER, lower case too: seismic [x] {y} ~ ^ | !',
                             'Punctuation: #$%&*()+-/:;<=>?@_'])
    segyio_file('text_ascii.sgy', 5, 'big', 8, 16, 4000, text=ascii_text, text_encoding='ascii')
    ebcdic_text = card_image(['EBCDIC CP037 HEADER: [brackets] ^caret !bang |bar \xac not',
                              'Latin-1 letters: \xe9\xe8\xfc\xdf\xc7 \xa3 \xa2 lower case abc',
                              'digits 0123456789 +-*/=<>(),.;:'])
    segyio_file('text_ebcdic.sgy', 5, 'little', 8, 16, 4000, text=ebcdic_text)

    # e. Irregular gathers for the ensemble index.
    ensemble_files()

    with open(os.path.join(OUT, 'manifest.json'), 'w', encoding='utf-8') as fh:
        json.dump({'files': manifest, 'ensembles': ensemble_manifest}, fh, indent=1)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: make_test_files.py OUTDIR')
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    main()
