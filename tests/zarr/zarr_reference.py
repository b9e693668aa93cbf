#!/usr/bin/python3
"""zarr-python (Debian's 2.13) as the independent reader and writer for tst_zarrarray.

  zarr_reference.py read STORE ARRAY OUT      the array as little-endian float32 bytes (NaN bits
                                              kept) to OUT; also prints shape and chunks
  zarr_reference.py write STORE CNAME SHUFFLE CHUNK_T CHUNK_S [--drop KEY]
      writes array "a" of 37 x 53 float32, a[i, j] = (i * 53 + j) * 0.25 - 100, with Blosc
      (CNAME, level 5, SHUFFLE 0/1/2) or no compressor (CNAME "none"), fill value NaN,
      dimension separator "/"; --drop removes that chunk's file afterwards (a missing chunk)
  zarr_reference.py layout STORE SEGY CT CS DROP
      a store in seisview's layout written by zarr-python from SEGY (read by segyio):
      amplitude chunked CT x CS (Blosc lz4), raw_headers, and a `time` coordinate but no
      interval attribute and no consolidated metadata; chunk DROP of amplitude removed
"""
import os
import sys

import numpy as np
import zarr
from numcodecs import Blosc


def main(argv):
    if argv[1] == 'read':
        store, name, out = argv[2:5]
        a = zarr.open(zarr.DirectoryStore(store), mode='r')[name]
        data = a[:]
        with open(out, 'wb') as f:
            f.write(data.astype('<f4').tobytes())
        print(list(a.shape), list(a.chunks))
        return 0
    if argv[1] == 'write':
        store, cname, shuffle, ct, cs = argv[2:7]
        comp = None if cname == 'none' else Blosc(cname=cname, clevel=5, shuffle=int(shuffle))
        i, j = np.meshgrid(np.arange(37), np.arange(53), indexing='ij')
        data = ((i * 53 + j) * 0.25 - 100).astype('<f4')
        root = zarr.open_group(zarr.DirectoryStore(store), mode='w')
        a = root.create_dataset('a', shape=data.shape, chunks=(int(ct), int(cs)), dtype='<f4',
                                compressor=comp, fill_value=np.nan,
                                dimension_separator='/')
        a[:] = data
        if len(argv) > 8 and argv[7] == '--drop':
            os.remove(os.path.join(store, 'a', argv[8]))
        return 0
    if argv[1] == 'layout':
        import segyio
        store, segy, ct, cs, drop = argv[2:7]
        with segyio.open(segy, ignore_geometry=True) as f:
            amp = f.trace.raw[:].astype('<f4')
            dt = segyio.tools.dt(f) / 1000.0
            delay = f.header[0][segyio.TraceField.DelayRecordingTime]
            raw = open(segy, 'rb').read()
            n, ns = amp.shape
            tb = (len(raw) - 3600 - f.ext_headers * 3200) // n
            first = 3600 + f.ext_headers * 3200
            hdr = np.frombuffer(b''.join(raw[first + i * tb:first + i * tb + 240]
                                         for i in range(n)), np.uint8).reshape(n, 240)
        root = zarr.open_group(zarr.DirectoryStore(store), mode='w')
        comp = Blosc(cname='lz4', clevel=5, shuffle=1)
        a = root.create_dataset('amplitude', shape=amp.shape, chunks=(int(ct), int(cs)),
                                dtype='<f4', compressor=comp, fill_value=np.nan,
                                dimension_separator='/')
        a[:] = amp
        a.attrs['_ARRAY_DIMENSIONS'] = ['trace', 'time']
        h = root.create_dataset('raw_headers', shape=hdr.shape, chunks=(int(ct), 240),
                                dtype='|u1', compressor=comp)
        h[:] = hdr
        t = root.create_dataset('time', shape=(ns,), chunks=(ns,), dtype='<f8')
        t[:] = delay + np.arange(ns) * dt
        os.remove(os.path.join(store, 'amplitude', drop))
        return 0
    sys.exit(__doc__)


if __name__ == '__main__':
    sys.exit(main(sys.argv))
