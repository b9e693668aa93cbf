#!/usr/bin/python3
"""Writes the SEG-Y files the pipeline's tests (selections, copyTraces) work on:
make_pipeline_files.py OUTDIR.

- pipeline_gathers_be.sgy (IBM float, big-endian) and pipeline_gathers_le.sgy (IEEE float,
  little-endian), written with segyio: 480 traces of 40 samples at 2 ms, recording delay 100 ms,
  in 20 shot gathers (fldr) of 24 traces, one fldr value coming back later, 4 cdp values per
  gather, offsets of both signs. Every sample is distinct (trace * 1000 + sample + a fraction).
- pipeline_wide.sgy (IEEE float, big-endian), laid out with numpy: 70001 traces of 2 samples, so
  that header ranges are read in more than one block (65536 traces); fldr = trace // 100,
  cdp = trace % 977, offset pseudo-random in [-5000, 5000].

The tests compute their expected selections from libsegyio's header columns, not from here.
Deterministic (seeded RNG, fixed text), about 17 MB in all.
"""

import os
import sys

import numpy as np
import segyio

NS = 40
DT_US = 2000
DELAY_MS = 100
GATHER = 24


def gather_columns():
    fldr_values = list(range(101, 119)) + [105, 119]  # 105 comes back as the 19th gather
    fldr, cdp, offset = [], [], []
    for g, value in enumerate(fldr_values):
        for k in range(GATHER):
            fldr.append(value)
            cdp.append(3000 + 4 * g + k // 6)
            offset.append(50 * k - 575)
    return fldr, cdp, offset


def write_gathers(path, fmt, endian):
    fldr, cdp, offset = gather_columns()
    ntr = len(fldr)
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(NS))
    spec.tracecount = ntr
    spec.endian = endian
    T = segyio.TraceField
    rng = np.random.default_rng(20261130)
    data = (np.arange(ntr, dtype=np.float64)[:, None] * 1000 + np.arange(NS)[None, :] +
            rng.integers(0, 64, (ntr, NS)) / 64.0).astype(np.float32)
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=DT_US, hns=NS, format=fmt)
        f.trace = data
        for i in range(ntr):
            f.header[i] = {T.TRACE_SEQUENCE_LINE: i + 1, T.TRACE_SEQUENCE_FILE: 7 * i + 3,
                           T.FieldRecord: fldr[i], T.TraceNumber: i % GATHER + 1,
                           T.CDP: cdp[i], T.offset: offset[i], T.SourceX: 100000 + 25 * i,
                           T.GroupX: -100000 - 13 * i, T.DelayRecordingTime: DELAY_MS,
                           T.TRACE_SAMPLE_COUNT: NS, T.TRACE_SAMPLE_INTERVAL: DT_US,
                           T.INLINE_3D: 10 + i // 37, T.CROSSLINE_3D: 20 + i % 37}
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        assert list(f.attributes(T.FieldRecord)[:]) == fldr, path
        assert np.array_equal(f.trace.raw[:], data), path


def write_wide(path):
    ntr, ns = 70001, 2
    rng = np.random.default_rng(20261201)
    text = ''.join(('C%2d PIPELINE WIDE TEST FILE' % (i + 1)).ljust(80) for i in range(40))
    binary = np.zeros(400, np.uint8)

    def bput(pos, dtype, value):
        binary[pos - 3201:pos - 3201 + np.dtype(dtype).itemsize] = np.frombuffer(
            np.array([value], dtype).tobytes(), np.uint8)

    bput(3217, '>u2', 4000)  # hdt
    bput(3221, '>u2', ns)  # hns
    bput(3225, '>i2', 5)  # IEEE float
    bput(3501, '>u2', 0x0100)  # rev 1
    bput(3503, '>i2', 1)  # fixed length
    rec = np.dtype([('h', np.uint8, 240), ('s', '>f4', ns)])
    traces = np.zeros(ntr, rec)
    heads = traces['h']
    i = np.arange(ntr)

    def tput(pos, dtype, values):
        width = np.dtype(dtype).itemsize
        heads[:, pos - 1:pos - 1 + width] = np.asarray(values, dtype).view(np.uint8).reshape(
            ntr, width)

    tput(1, '>i4', i + 1)
    tput(9, '>i4', i // 100)
    tput(21, '>i4', i % 977)
    tput(37, '>i4', rng.integers(-5000, 5001, ntr))
    tput(115, '>u2', np.full(ntr, ns))
    tput(117, '>u2', np.full(ntr, 4000))
    traces['s'] = np.stack([i, -i], axis=1)
    with open(path, 'wb') as fh:
        fh.write(text.encode('cp037'))
        fh.write(binary.tobytes())
        fh.write(traces.tobytes())


def main(out):
    os.makedirs(out, exist_ok=True)
    write_gathers(os.path.join(out, 'pipeline_gathers_be.sgy'), 1, 'big')
    write_gathers(os.path.join(out, 'pipeline_gathers_le.sgy'), 5, 'little')
    write_wide(os.path.join(out, 'pipeline_wide.sgy'))


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: make_pipeline_files.py OUTDIR')
    main(sys.argv[1])
