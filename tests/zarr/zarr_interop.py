#!/usr/bin/python3
"""Stores in seisview's layout written by zarr-python (Debian's 2.13), for tst_zarrinterop.

  zarr_interop.py DIR

writes into DIR, for every case below, NAME.zarr and a line of DIR/manifest.json:

  readable stores ("kind": "read"): amplitude <f4 [traces, samples] with _ARRAY_DIMENSIONS, odd
      chunk shapes (1, 7, 33 traces; chunks that do not divide the samples, larger than the
      array), every codec numcodecs has that seisview reads (Blosc with each inner compressor
      and shuffle, zlib, gzip, zstd, none), both dimension separators, with and without
      consolidated metadata, some chunk files deleted afterwards (missing chunks, the fill
      value), some with raw_headers |u1 [traces, 240]; the root attribute sample_interval_us.
      NAME.f32 holds amplitude as zarr-python reads it back (little-endian float32, C order,
      the fill value where chunks are missing) and NAME.u1 raw_headers as it reads them.
  refused stores ("kind": "open" or "read"): F order, filters, an unknown codec, malformed
      .zarray or .zmetadata, amplitude of the wrong dtype or rank, corrupt or truncated chunks.
      "contains" lists what the error message must say; for "read", "chunk" is the key of the
      corrupt chunk (below NAME.zarr/amplitude) and NAME.f32 holds the values before the damage.

The amplitudes mix smooth traces (so every codec really compresses) with noise and the float
values that codecs must keep bit for bit: -0.0, subnormals, infinities, a NaN with a payload.
"""
import json
import os
import sys

import numcodecs
import numpy as np
import zarr
from numcodecs import GZip, LZMA, Blosc, Delta, Zlib, Zstd

N, S = 70, 101  # traces, samples: 101 is prime, so no chunk length but 1 and 101 divides it


def amplitudes():
    i, j = np.meshgrid(np.arange(N), np.arange(S), indexing='ij')
    a = np.round(1000 * np.sin(0.07 * j + 0.3 * i) * np.exp(-j / 300.0)) / 4
    rng = np.random.default_rng(11)
    noisy = i % 10 == 3
    a[noisy] = rng.standard_normal(noisy.sum()) * 1e3
    a = a.astype('<f4')
    bits = a.view('<u4')
    bits[5, 0] = 0x80000000  # -0.0
    bits[5, 1] = 0x00000001  # the smallest subnormal
    bits[5, 2] = 0x7f800000  # +inf
    bits[5, 3] = 0xff800000  # -inf
    bits[5, 4] = 0x7fc01234  # a quiet NaN with a payload
    bits[69, 100] = 0x007fffff  # the largest subnormal
    return a


def raw_headers():
    h = np.zeros((N, 240), np.uint8)
    idx = np.arange(N, dtype='>i4')
    h[:, 0:4] = idx.view(np.uint8).reshape(N, 4)  # tracl, big-endian
    h[:, 8:12] = (idx // 7 + 100).view(np.uint8).reshape(N, 4)  # fldr
    h[:, 114:116] = np.array([S], '>i2').view(np.uint8)  # ns
    h[:, 200:240] = np.random.default_rng(5).integers(0, 256, (N, 40), dtype=np.uint8)
    return h


def blosc_cases():
    cnames = ['lz4', 'lz4hc', 'zstd', 'blosclz', 'zlib']
    if 'snappy' in numcodecs.blosc.list_compressors():
        cnames.append('snappy')
    shapes = [(1, 101), (7, 13), (33, 40), (7, 101), (33, 7), (100, 128), (1, 17)]
    k = 0
    for cname in cnames:
        for shuffle in (0, 1, 2):
            yield dict(name=f'blosc_{cname}_shuffle{shuffle}',
                       compressor=Blosc(cname=cname, clevel=5, shuffle=shuffle),
                       chunks=shapes[k % len(shapes)], sep='./'[k % 2],
                       consolidated=k % 3 != 0, drop=k % 4 == 1, headers=k % 2 == 0)
            k += 1
    yield dict(name='blosc_lz4_autoshuffle', compressor=Blosc(cname='lz4', shuffle=-1),
               chunks=(7, 13), sep='/', consolidated=True, drop=True, headers=True)


def other_cases():
    yield dict(name='zlib_1', compressor=Zlib(level=1), chunks=(7, 13), sep='/')
    yield dict(name='zlib_9', compressor=Zlib(level=9), chunks=(33, 40), sep='.',
               consolidated=False, drop=True, headers=True)
    yield dict(name='gzip_1', compressor=GZip(level=1), chunks=(1, 101), sep='/', drop=True)
    yield dict(name='gzip_6', compressor=GZip(level=6), chunks=(33, 7), sep='.', headers=True)
    yield dict(name='zstd_1', compressor=Zstd(level=1), chunks=(7, 101), sep='/', headers=True)
    yield dict(name='zstd_3', compressor=Zstd(level=3), chunks=(33, 40), sep='.', drop=True,
               consolidated=False)
    yield dict(name='zstd_19', compressor=Zstd(level=19), chunks=(100, 128), sep='/')
    yield dict(name='zstd_minus5', compressor=Zstd(level=-5), chunks=(7, 13), sep='.')
    yield dict(name='none', compressor=None, chunks=(7, 13), sep='/', drop=True, headers=True)
    yield dict(name='none_dot_unconsolidated', compressor=None, chunks=(33, 40), sep='.',
               consolidated=False)
    yield dict(name='fill_zero', compressor=Blosc(cname='zstd', shuffle=2), chunks=(7, 13),
               sep='/', drop=True, fill=0.0)
    yield dict(name='fill_minus_1_5', compressor=Zlib(level=3), chunks=(33, 7), sep='.',
               drop=True, fill=-1.5)
    # No dimension_separator key at all (zarr-python's default, "." on reading).
    yield dict(name='no_separator_key', compressor=Blosc(cname='lz4'), chunks=(7, 13), sep=None,
               drop=True)


def write(path, c, data, headers):
    root = zarr.open_group(zarr.DirectoryStore(path), mode='w')
    kw = dict(compressor=c['compressor'], fill_value=c.get('fill', np.nan))
    if c.get('sep'):
        kw['dimension_separator'] = c['sep']
    for key in ('order', 'filters'):
        if key in c:
            kw[key] = c[key]
    a = root.create_dataset('amplitude', shape=data.shape, chunks=c['chunks'],
                            dtype=c.get('dtype', '<f4'), **kw)
    a[...] = data
    a.attrs['_ARRAY_DIMENSIONS'] = ['trace', 'time'][:data.ndim]
    if headers is not None:
        hkw = dict(compressor=c['compressor'])
        if c.get('sep'):
            hkw['dimension_separator'] = c['sep']
        h = root.create_dataset('raw_headers', shape=headers.shape, chunks=(9, 100), dtype='|u1',
                                **hkw)
        h[:] = headers
        h.attrs['_ARRAY_DIMENSIONS'] = ['trace', 'header_byte']
    root.attrs['sample_interval_us'] = c.get('interval', 2000)
    return root


def chunk_file(path, key, sep):
    return os.path.join(path, 'amplitude', key.replace('.', sep or '.'))


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    out = argv[1]
    os.makedirs(out, exist_ok=True)
    data = amplitudes()
    hdr = raw_headers()
    manifest = []

    for k, c in enumerate(list(blosc_cases()) + list(other_cases())):
        name = c['name']
        path = os.path.join(out, name + '.zarr')
        c.setdefault('interval', [2000, 4000, 500, 250][k % 4])
        write(path, c, data, hdr if c.get('headers') else None)
        dropped = []
        if c.get('drop'):
            ct, cs = c['chunks']
            grid = (-(-N // ct), -(-S // cs))
            for ci, cj in {(grid[0] // 2, grid[1] // 2), (grid[0] - 1, grid[1] - 1)}:
                key = f'{ci}.{cj}'
                os.remove(chunk_file(path, key, c.get('sep')))
                dropped.append([ci, cj])
        if c.get('consolidated', True):
            zarr.consolidate_metadata(zarr.DirectoryStore(path))
        back = zarr.open_group(zarr.DirectoryStore(path), mode='r')
        back['amplitude'][:].astype('<f4', copy=False).tofile(os.path.join(out, name + '.f32'))
        if c.get('headers'):
            back['raw_headers'][:].tofile(os.path.join(out, name + '.u1'))
        cfg = c['compressor'].get_config() if c['compressor'] is not None else None
        manifest.append(dict(kind='read', name=name, traces=N, samples=S,
                             chunks=list(c['chunks']), compressor=cfg,
                             separator=c.get('sep') or '.',
                             consolidated=c.get('consolidated', True), dropped=dropped,
                             headers=bool(c.get('headers')), interval_us=c['interval'],
                             fill=str(c.get('fill', 'NaN'))))

    def refused(name, kind, contains, **c):
        c.setdefault('compressor', Blosc(cname='lz4'))
        c.setdefault('chunks', (7, 13))
        c.setdefault('sep', '/')
        path = os.path.join(out, name + '.zarr')
        write(path, c, c.pop('data', data), None)
        if c.get('consolidated', False):
            zarr.consolidate_metadata(zarr.DirectoryStore(path))
        manifest.append(dict(kind=kind, name=name, contains=contains))
        return path

    refused('order_f', 'open', ['amplitude', 'order "F"'], order='F')
    refused('filters_delta', 'open', ['amplitude', 'filters', 'delta'],
            filters=[Delta(dtype='<f4')])
    refused('codec_lzma', 'open', ['amplitude', 'compressor "lzma" is not supported'],
            compressor=LZMA())
    refused('dtype_f8', 'open', ['amplitude', '"<f8"', '"<f4"'], dtype='<f8')
    refused('dtype_big_endian', 'open', ['amplitude', '">f4"', '"<f4"'], dtype='>f4')
    refused('dtype_i2', 'open', ['amplitude', '"<i2"', '"<f4"'], dtype='<i2',
            data=np.zeros((N, S), '<i2'), fill=0)
    refused('rank_1', 'open', ['amplitude', '1-D'], chunks=(13,), data=data[0])
    p = refused('malformed_zarray', 'open', ['amplitude/.zarray', 'JSON'])
    with open(os.path.join(p, 'amplitude', '.zarray'), 'r+') as f:
        f.truncate(40)
    p = refused('malformed_zmetadata', 'open', ['amplitude', 'shape'], consolidated=True)
    zm = os.path.join(p, '.zmetadata')
    meta = json.load(open(zm))
    del meta['metadata']['amplitude/.zarray']['shape']
    json.dump(meta, open(zm, 'w'))
    p = refused('zmetadata_not_json', 'open', ['.zmetadata', 'JSON'], consolidated=True)
    with open(os.path.join(p, '.zmetadata'), 'r+') as f:
        f.truncate(30)

    # Corrupt chunks: the store reads everywhere else; the damaged chunk names itself.
    rng = np.random.default_rng(7)
    for cname, comp in [('blosc_lz4', Blosc(cname='lz4', shuffle=1)),
                        ('blosc_zstd', Blosc(cname='zstd', shuffle=2)),
                        ('zlib', Zlib(level=5)), ('gzip', GZip(level=5)),
                        ('zstd', Zstd(level=3)), ('none', None)]:
        for damage in ('truncated', 'garbage'):
            name = f'corrupt_{cname}_{damage}'
            sep = '/' if damage == 'truncated' else '.'
            path = refused(name, 'read', [], compressor=comp, sep=sep, consolidated=True)
            data.tofile(os.path.join(out, name + '.f32'))
            f = chunk_file(path, '2.3', sep)
            raw = open(f, 'rb').read()
            if damage == 'truncated':
                bad = raw[:len(raw) // 2]
            else:
                bad = rng.integers(0, 256, len(raw) + (5 if comp is None else 0),
                                   dtype=np.uint8).tobytes()
            open(f, 'wb').write(bad)
            manifest[-1].update(chunk='2' + sep + '3', chunks=[7, 13], traces=N, samples=S,
                                contains=[f'{name}.zarr/amplitude/2{sep}3: '])

    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
