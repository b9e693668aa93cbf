#!/usr/bin/python3
"""check_v3_dump.py DUMP SEGY little|big: what zarrita (zarrita/read_v3_store.mjs) read from a
Zarr v3 store seisview wrote from SEGY (DUMP/meta.json and DUMP/<array>.bin), against segyio's
reading of SEGY: amplitudes bit for bit, raw headers byte for byte, trace 0..N-1, time, the
dimension names and the root attributes. Prints OK or the first mismatch (exit 1)."""
import json
import os
import sys

import numpy as np
import segyio


def main(dump, segy, endian):
    meta = json.load(open(os.path.join(dump, 'meta.json')))
    arrays = meta['arrays']

    def load(name, dtype):
        shape = arrays[name]['shape']
        return np.fromfile(os.path.join(dump, name + '.bin'), dtype=dtype).reshape(shape)

    with segyio.open(segy, ignore_geometry=True, endian=endian) as f:
        raw = f.trace.raw[:].astype(np.float32)
        dt = segyio.tools.dt(f) / 1000.0
        data = open(segy, 'rb').read()
        n, ns = raw.shape
        first = 3600 + f.ext_headers * 3200
        tb = (len(data) - first) // n  # bytes per trace (fixed length)
        headers = np.frombuffer(b''.join(data[first + i * tb:first + i * tb + 240]
                                         for i in range(n)), np.uint8).reshape(n, 240)
        delay = f.header[0][segyio.TraceField.DelayRecordingTime]
    want = {'amplitude': ('float32', [n, ns], ['trace', 'time']),
            'raw_headers': ('uint8', [n, 240], ['trace', 'header_byte']),
            'trace': ('int64', [n], ['trace']),
            'time': ('float64', [ns], ['time'])}
    for name, (dtype, shape, dims) in want.items():
        a = arrays[name]
        if a['dtype'] != dtype or a['shape'] != shape or a['dimension_names'] != dims:
            return '%s: %s %s %s, expected %s %s %s' % (name, a['dtype'], a['shape'],
                                                     a['dimension_names'], dtype, shape, dims)
    if arrays['amplitude']['fill_value'] != 'NaN':
        return 'amplitude fill value %s' % arrays['amplitude']['fill_value']
    amp = load('amplitude', '<f4')
    if not np.array_equal(amp.view(np.uint32), raw.view(np.uint32)):
        bad = np.argwhere(amp.view(np.uint32) != raw.view(np.uint32))[0]
        return 'amplitude differs from segyio trace.raw at %s: %r, expected %r' % (
            list(bad), amp[tuple(bad)], raw[tuple(bad)])
    if not np.array_equal(load('raw_headers', np.uint8), headers):
        return 'raw_headers differ from the file\'s trace headers'
    if not np.array_equal(load('trace', '<i8'), np.arange(n)):
        return 'trace is not 0..N-1'
    time = load('time', '<f8')
    want_time = delay + np.arange(ns) * dt
    if not np.allclose(time, want_time, rtol=0, atol=1e-9):
        return 'time %s, expected %s' % (time[:3], want_time[:3])
    if arrays['time']['attributes'].get('units') != 'ms':
        return 'time attributes %s' % arrays['time']['attributes']
    attrs = meta['root']['attributes']
    if attrs.get('sample_interval_us') != dt * 1000 or attrs.get('seisview_layout') != 1:
        return 'root attributes %s' % attrs
    return None


if __name__ == '__main__':
    problem = main(*sys.argv[1:4])
    print(problem or 'OK')
    sys.exit(1 if problem else 0)
