#!/usr/bin/python3
"""check_layout.py STORE SEGY little|big KEYS HEADERS: the parts of the layout convertToZarr adds
to what check_store.py checks, against segyio and numpy reading SEGY:
  headers/<key>    each equals segyio's attributes() of the field, in the field's own type;
                   HEADERS is "all" (every standard field), "none" or "k1,k2"
  ensembles/       first_trace, trace_count and the KEYS columns equal the runs of equal key
                   values numpy finds in segyio's attributes
  root attributes  text_header_raw / binary_header_raw / extended_text_headers_raw equal the
                   file's bytes; text_header equals segyio's decoded text; binary_header fields
                   equal segyio's bin; source.format/size; statistics equal numpy's (percentiles
                   within the histogram's bound, 2^-11 relative)
Prints OK or the first mismatch (exit 1)."""
import base64
import os
import sys

import numpy as np
import segyio
import zarr

SU = {  # Seismic Unix key -> (byte, numpy type), the rev 1 table seisview uses
    'tracl': (1, 'i4'), 'tracr': (5, 'i4'), 'fldr': (9, 'i4'), 'tracf': (13, 'i4'),
    'ep': (17, 'i4'), 'cdp': (21, 'i4'), 'cdpt': (25, 'i4'), 'trid': (29, 'i2'),
    'nvs': (31, 'i2'), 'nhs': (33, 'i2'), 'duse': (35, 'i2'), 'offset': (37, 'i4'),
    'gelev': (41, 'i4'), 'selev': (45, 'i4'), 'sdepth': (49, 'i4'), 'gdel': (53, 'i4'),
    'sdel': (57, 'i4'), 'swdep': (61, 'i4'), 'gwdep': (65, 'i4'), 'scalel': (69, 'i2'),
    'scalco': (71, 'i2'), 'sx': (73, 'i4'), 'sy': (77, 'i4'), 'gx': (81, 'i4'), 'gy': (85, 'i4'),
    'counit': (89, 'i2'), 'delrt': (109, 'i2'), 'ns': (115, 'u2'), 'dt': (117, 'u2'),
    'cdpx': (181, 'i4'), 'cdpy': (185, 'i4'), 'iline': (189, 'i4'), 'xline': (193, 'i4'),
    'sp': (197, 'i4'), 'scalsp': (201, 'i2'), 'unass1': (233, 'i4'), 'unass2': (237, 'i4'),
}

# Fields segyio 1.8.3 reads with the standard's width (it reads e.g. swdep, 61-64, as 2 bytes):
# cross-checked with segyio as well as with numpy.
SEGYIO_AGREES = {'tracl', 'tracr', 'fldr', 'tracf', 'ep', 'cdp', 'cdpt', 'trid', 'offset', 'sx',
                 'sy', 'gx', 'gy', 'scalco', 'delrt', 'ns', 'dt', 'cdpx', 'cdpy', 'iline',
                 'xline', 'sp'}


def field(headers, byte, typ, endian):
    """The field of every trace from the raw 240-byte headers, numpy's own decoding."""
    size = int(typ[1])
    raw = np.ascontiguousarray(headers[:, byte - 1:byte - 1 + size])
    return raw.view(('>' if endian == 'big' else '<') + typ).ravel().astype(np.int64)


def runs(cols):
    n = len(cols[0])
    change = np.zeros(n, bool)
    change[0] = True
    for c in cols:
        change[1:] |= c[1:] != c[:-1]
    first = np.flatnonzero(change)
    count = np.diff(np.append(first, n))
    return first, count


def main(store, segy, endian, keys, wanted):
    z = zarr.open_consolidated(zarr.DirectoryStore(store), mode='r')
    data = open(segy, 'rb').read()
    with segyio.open(segy, ignore_geometry=True, endian=endian) as f:
        n = f.tracecount
        ext = f.ext_headers
        text = f.text[0]  # segyio's decoding (EBCDIC to ASCII)
        raw = f.trace.raw[:].astype(np.float32)
        binary = dict(f.bin)
        # segyio's attributes() misreads 2-byte little-endian fields (1.8.3), so the fields are
        # cross-checked against numpy's decoding of the raw headers, and segyio for big-endian.
        first_trace = 3600 + ext * 3200
        tb = (len(data) - first_trace) // n
        headers = np.frombuffer(b''.join(data[first_trace + i * tb:first_trace + i * tb + 240]
                                         for i in range(n)), np.uint8).reshape(n, 240)
        names = sorted(SU) if wanted == 'all' else ([] if wanted == 'none' else wanted.split(','))
        for name in names:
            byte, typ = SU[name]
            want = field(headers, byte, typ, endian)
            if endian == 'big' and name in SEGYIO_AGREES:
                seg = f.attributes(byte)[:].astype(np.int64)
                if typ == 'u2':  # segyio reads every 2-byte field as signed
                    seg &= 0xffff
                if not np.array_equal(seg, want):
                    return 'numpy and segyio disagree on %s' % name
            col = z['headers/' + name]
            if col.dtype != np.dtype('<' + typ):
                return 'headers/%s is %s, expected %s' % (name, col.dtype, typ)
            if not np.array_equal(col[:].astype(np.int64), want):
                return 'headers/%s differs from the file' % name
        present = sorted(z['headers'].array_keys()) if 'headers' in z else []
        if wanted != 'all' and present != sorted(names):
            return 'headers/ holds %s, expected %s' % (present, sorted(names))
        if wanted == 'all' and len(present) != 91:
            return 'headers/ holds %d columns, expected the 91 standard fields' % len(present)
        key_names = keys.split(',')
        cols = [field(headers, *SU[k], endian) for k in key_names]
        first, count = runs(cols)
        if not np.array_equal(z['ensembles/first_trace'][:], first) or \
                not np.array_equal(z['ensembles/trace_count'][:], count):
            return 'ensembles differ: %s %s' % (z['ensembles/first_trace'][:10], first[:10])
        for k, c in zip(key_names, cols):
            if not np.array_equal(z['ensembles/' + k][:].astype(np.int64), c[first]):
                return 'ensembles/%s differs' % k
    a = z.attrs
    if base64.b64decode(a['text_header_raw']) != data[:3200]:
        return 'text_header_raw differs from the file'
    if base64.b64decode(a['binary_header_raw']) != data[3200:3600]:
        return 'binary_header_raw differs from the file'
    if base64.b64decode(a['extended_text_headers_raw']) != data[3600:3600 + ext * 3200]:
        return 'extended_text_headers_raw differs from the file'
    if len(a['extended_text_headers']) != ext:
        return '%d extended_text_headers, expected %d' % (len(a['extended_text_headers']), ext)
    if a['source']['text_encoding'] == 'ascii':  # segyio decodes every header as EBCDIC
        if data[:3200].count(b'C') < 40 or not all(b < 128 for b in data[:3200]):
            return 'text_encoding ascii, but the header is not ASCII'
        text = data[:3200]
    elif a['source']['text_encoding'] != 'ebcdic':
        return 'text_encoding %r' % a['source']['text_encoding']
    lines = [text[i:i + 80].decode('ascii', 'replace') for i in range(0, 3200, 80)]
    if a['text_header'].split('\n')[:40] != lines:
        return 'text_header %r, expected %r' % (a['text_header'][:80], lines[0])
    named = {'format': segyio.BinField.Format, 'hns': segyio.BinField.Samples,
             'hdt': segyio.BinField.Interval, 'jobid': segyio.BinField.JobID}
    for name, key in named.items():
        if a['binary_header'][name] != binary[key]:
            return 'binary_header.%s %s, segyio %s' % (name, a['binary_header'][name], binary[key])
    src = a['source']
    if src['size'] != len(data) or src['format'] != binary[segyio.BinField.Format] or \
            src['byte_order'] != endian or os.path.realpath(src['path']) != os.path.realpath(segy):
        return 'source %s' % src
    s = a['statistics']
    finite = raw[np.isfinite(raw)].astype(np.float64)
    if s['count'] != raw.size or s['non_finite'] != raw.size - finite.size or \
            s['zeros'] != int(np.count_nonzero(finite == 0)):
        return 'statistics counts %s' % s
    if s['min'] != finite.min() or s['max'] != finite.max():
        return 'statistics min/max %s %s, numpy %s %s' % (s['min'], s['max'], finite.min(),
                                                          finite.max())
    if not np.isclose(s['mean'], finite.mean(), rtol=1e-9, atol=1e-12) or \
            not np.isclose(s['rms'], np.sqrt(np.mean(finite ** 2)), rtol=1e-9, atol=1e-12):
        return 'statistics mean/rms %s %s' % (s['mean'], s['rms'])
    absx = np.sort(np.abs(finite))
    for p, v in s['abs_percentiles'].items():
        rank = min(max(int(np.ceil(float(p) / 100 * absx.size)), 1), absx.size)
        exact = absx[rank - 1]
        if abs(v - exact) > exact * 2.0 ** -11 + 1e-40:
            return 'abs percentile %s: %s, numpy %s' % (p, v, exact)
    return None


if __name__ == '__main__':
    problem = main(*sys.argv[1:6])
    print(problem or 'OK')
    sys.exit(1 if problem else 0)
