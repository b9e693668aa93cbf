#!/usr/bin/python3
"""Files and exact expected values for the amplitude statistics tests: make_stats_files.py OUTDIR.

Writes with segyio (Debian's python3-segyio; run with /usr/bin/python3):
  stats_ieee.sgy   IEEE float (format 5), big-endian: magnitudes from 1e-30 to 3e38, both signs,
                   muted (zero) trace tops, a dead trace, -0, denormals, NaN, +inf and -inf;
  stats_ibm_le.sgy IBM float (format 1), little-endian: mixed magnitudes and zero runs;
  stats_int16.sgy  16-bit integers (format 3): many equal values and zeros.
and OUTDIR/stats_expected.json: for each file and trace stride, what the statistics must be,
computed here with numpy from the samples segyio reads back:
  count (samples read), non_finite, zeros, min, max, mean, rms (exact: math.fsum of the float64
  values and of their exact squares), and abs_percentiles: the nearest-rank percentile of |x|
  over the finite samples, rank = ceil(p / 100 * N) clamped to [1, N], the same formula in double
  arithmetic as the C++ code documents.
Deterministic (seeded), small (about 9 MB) and fast.
"""

import json
import math
import os
import sys

import numpy as np
import segyio

PERCENTILES = [0, 1, 50, 90, 99, 99.9, 100]
STRIDES = [1, 3, 7]

rng = np.random.default_rng(20251124)


def varied(ntr, ns, ieee):
    """Amplitudes of many magnitudes, with zero runs (mutes) and, for IEEE, special values."""
    n = ntr * ns
    kind = rng.integers(0, 5, n)
    mag = np.where(kind == 0, rng.normal(0, 1, n),
          np.where(kind == 1, rng.normal(0, 1e4, n),
          np.where(kind == 2, rng.normal(0, 1e-4, n),
          np.where(kind == 3, rng.integers(-1000, 1000, n) * 0.25,
                   rng.choice([-1, 1], n) * 10.0 ** rng.uniform(-30, 30, n)))))
    data = mag.astype(np.float32).reshape(ntr, ns)
    # A mute: the first samples of every trace are zero, more of them on later traces.
    for i in range(ntr):
        data[i, :min(ns, 5 + i % 40)] = 0
    data[ntr // 2, :] = 0  # a dead trace
    if ieee:
        specials = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, -1e-40, 1e-39,
                             np.finfo(np.float32).max, -3.0e38, np.finfo(np.float32).tiny,
                             np.nan, 2.5e38], np.float32)
        flat = data.reshape(-1)
        where = rng.choice(np.arange(ntr * ns), size=len(specials), replace=False)
        flat[where] = specials
    return data


def write(path, fmt, endian, data):
    ntr, ns = data.shape
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(ns))
    spec.tracecount = ntr
    spec.endian = endian
    with segyio.create(path, spec) as f:
        f.bin.update({segyio.BinField.Interval: 2000, segyio.BinField.Samples: ns,
                      segyio.BinField.Format: fmt})
        for i in range(ntr):
            f.header[i] = {segyio.TraceField.TRACE_SEQUENCE_LINE: i + 1,
                           segyio.TraceField.FieldRecord: 1 + i // 24,
                           segyio.TraceField.TRACE_SAMPLE_COUNT: ns,
                           segyio.TraceField.TRACE_SAMPLE_INTERVAL: 2000}
            # segyio wants the file's own sample type (it warns about narrowing otherwise).
            f.trace[i] = data[i].astype(np.int16) if fmt == 3 else data[i]


def expected(values):
    """The statistics of a float32 array, exactly."""
    x = values.reshape(-1).astype(np.float32)
    finite = x[np.isfinite(x)].astype(np.float64)
    n = len(finite)
    out = {
        "count": int(x.size),
        "non_finite": int(x.size - n),
        "zeros": int(np.count_nonzero(finite == 0)),
    }
    if n == 0:
        out.update(min=None, max=None, mean=None, rms=None, abs_percentiles={})
        return out
    a = np.sort(np.abs(finite))
    pct = {}
    for p in PERCENTILES:
        rank = min(max(math.ceil(p / 100.0 * n), 1), n)
        pct[repr(p)] = float(a[rank - 1])
    out.update(min=float(finite.min()), max=float(finite.max()),
               mean=math.fsum(finite) / n,
               rms=math.sqrt(math.fsum(finite * finite) / n),  # squares of floats are exact
               abs_percentiles=pct)
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make_stats_files.py OUTDIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    files = [
        ("stats_ieee.sgy", 5, "big", varied(1500, 701, ieee=True)),
        ("stats_ibm_le.sgy", 1, "little", varied(1100, 333, ieee=False)),
        ("stats_int16.sgy", 3, "big",
         np.where(rng.integers(0, 4, (900, 250)) == 0, 0,
                  rng.integers(-32768, 32767, (900, 250), endpoint=True)).astype(np.float32)),
    ]
    result = []
    for name, fmt, endian, data in files:
        path = os.path.join(out, name)
        write(path, fmt, endian, data)
        # The statistics are of what segyio reads back (IBM rounds some of the values).
        with segyio.open(path, ignore_geometry=True, endian=endian) as f:
            back = np.asarray(f.trace.raw[:], dtype=np.float32)
        assert back.shape == data.shape, name
        if fmt != 1:
            assert np.array_equal(back.view(np.uint32), data.view(np.uint32)), name
        result.append({
            "name": name, "traces": int(data.shape[0]), "samples": int(data.shape[1]),
            "strides": {str(s): dict(expected(back[::s]), traces=int(back[::s].shape[0]))
                        for s in STRIDES},
        })
    ieee = result[0]["strides"]["1"]
    assert ieee["non_finite"] == 4 and ieee["zeros"] > 1000, ieee
    with open(os.path.join(out, "stats_expected.json"), "w") as f:
        json.dump({"percentiles": PERCENTILES, "files": result}, f, indent=1)


if __name__ == "__main__":
    main()
