#!/usr/bin/python3
"""check_store.py STORE SEGY little|big [CNAME]: the store seisview wrote from SEGY, read by xarray
(consolidated metadata) and zarr-python, against segyio's reading of SEGY. Prints OK or the
first mismatch (exit 1)."""
import sys

import numpy as np
import segyio
import xarray as xr
import zarr


def main(store, segy, endian, cname='lz4'):
    ds = xr.open_zarr(store, consolidated=True)
    with segyio.open(segy, ignore_geometry=True, endian=endian) as f:
        raw = f.trace.raw[:]
        dt = segyio.tools.dt(f) / 1000.0
        data = open(segy, 'rb').read()
        ext = f.ext_headers
        n, ns = raw.shape
        first = 3600 + ext * 3200
        tb = (len(data) - first) // n  # bytes per trace (fixed length)
        headers = np.frombuffer(b''.join(data[first + i * tb:first + i * tb + 240]
                                         for i in range(n)), np.uint8).reshape(n, 240)
        delay = f.header[0][segyio.TraceField.DelayRecordingTime]
    amp = ds['amplitude'].values
    if amp.dtype != np.float32 or amp.shape != raw.shape:
        return 'amplitude %s %s, expected float32 %s' % (amp.dtype, amp.shape, raw.shape)
    if not np.array_equal(amp.view(np.uint32), raw.astype(np.float32).view(np.uint32)):
        return 'amplitude differs from segyio trace.raw (bit for bit)'
    if list(ds['amplitude'].dims) != ['trace', 'time']:
        return 'dims %s' % list(ds['amplitude'].dims)
    if ds['raw_headers'].dtype != np.uint8 or not np.array_equal(ds['raw_headers'].values, headers):
        return 'raw_headers differ from the file\'s trace headers'
    if ds['trace'].dtype != np.int64 or not np.array_equal(ds['trace'].values, np.arange(n)):
        return 'trace is not 0..N-1'
    want_time = delay + np.arange(ns) * dt
    if not np.allclose(ds['time'].values, want_time, rtol=0, atol=1e-9):
        return 'time %s, expected %s' % (ds['time'].values[:3], want_time[:3])
    z = zarr.open_consolidated(zarr.DirectoryStore(store), mode='r')
    if z.attrs['sample_interval_us'] != dt * 1000 or z.attrs['seisview_layout'] != 1:
        return 'attributes %s' % dict(z.attrs)
    compressor = z['amplitude'].compressor
    if (compressor is None) != (cname == 'none') or \
            (compressor is not None and compressor.cname != cname):
        return 'compressor %s, expected %s' % (compressor, cname)
    return None


if __name__ == '__main__':
    problem = main(*sys.argv[1:5])
    print(problem or 'OK')
    sys.exit(1 if problem else 0)
