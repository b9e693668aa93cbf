#!/usr/bin/python3
"""Writes the files the analysis panels' tests (header graph, geometry map, trace view) work on:
make_analysis_files.py OUTDIR (into OUTDIR/analysis).

- geometry_m100.sgy and geometry_p10.sgy (IEEE float, big-endian, written with segyio): a small
  3D-like shot survey, 9 shots (fldr 1..9) of 48 traces each (a patch of 4 receiver lines of 12
  stations), with sx, sy, gx, gy stored with scalco -100 (centimetres: divide by 100) and +10
  (multiply by 10). Shot 7 is fired again at the position of shot 3, so a source position's
  first trace is not always its gather's. Coordinates of both signs, with fractions.
  geometry_m100.json / geometry_p10.json: the positions with scalco applied, computed with numpy
  from the headers as segyio reads them back: the distinct source and receiver positions, each
  with the first trace (0-based) that has it, ordered by that trace.
- headers_many.sgy: 5000 traces of 4 samples (more traces than any plot has pixel columns),
  fldr = trace // 50 + 1, offset pseudo-random in [-4000, 4000], cdp = 1000 + trace % 317.
  The tests take their expected values from libsegyio's header columns, not from here.

Deterministic (seeded RNG). A few hundred KB in all.
"""

import json
import os
import sys

import numpy as np
import segyio

T = segyio.TraceField


def write_geometry(path, scalco):
    shots = 9
    lines, stations = 4, 12
    ns = 50
    rng = np.random.default_rng(20261201)
    shot_pos = [(-1500.25 + 400.5 * s, 2000.75 + 150.0 * (s % 3)) for s in range(shots)]
    shot_pos[6] = shot_pos[2]  # shot 7 at the position of shot 3
    rows = []
    for s in range(shots):
        sx, sy = shot_pos[s]
        for line in range(lines):
            for st in range(stations):
                gx = -1800.5 + 250.0 * st + 100.0 * s
                gy = 1500.25 + 300.0 * line
                rows.append((s + 1, sx, sy, gx, gy))
    ntr = len(rows)

    def stored(v):
        # The integer that gives v once scalco is applied.
        return int(round(v * 100)) if scalco < 0 else int(round(v / scalco))

    spec = segyio.spec()
    spec.format = 5
    spec.samples = list(range(ns))
    spec.tracecount = ntr
    t = np.arange(ns) * 0.004
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=4000, hns=ns, format=5)
        for i, (fldr, sx, sy, gx, gy) in enumerate(rows):
            f.header[i] = {T.TRACE_SEQUENCE_LINE: i + 1, T.FieldRecord: fldr,
                           T.TraceNumber: i % (lines * stations) + 1,
                           T.SourceGroupScalar: scalco,
                           T.SourceX: stored(sx), T.SourceY: stored(sy),
                           T.GroupX: stored(gx), T.GroupY: stored(gy),
                           T.offset: int(np.hypot(gx - sx, gy - sy)),
                           T.TRACE_SAMPLE_COUNT: ns, T.TRACE_SAMPLE_INTERVAL: 4000}
            f.trace[i] = (np.sin(2 * np.pi * 12 * t + i) +
                          0.1 * rng.standard_normal(ns)).astype(np.float32)

    # The expected positions, from the file as segyio reads it.
    with segyio.open(path, ignore_geometry=True) as f:
        scal = f.attributes(T.SourceGroupScalar)[:].astype(np.float64)
        def scaled_exact(field):
            # Division by the magnitude, as the standard says (not a multiplication by 1/|s|).
            v = f.attributes(field)[:].astype(np.float64)
            return np.where(scal > 0, v * scal, np.where(scal < 0, v / -scal, v))

        sx, sy = scaled_exact(T.SourceX), scaled_exact(T.SourceY)
        gx, gy = scaled_exact(T.GroupX), scaled_exact(T.GroupY)

    def distinct(x, y):
        xy = np.stack([x, y], axis=1)
        _, first = np.unique(xy, axis=0, return_index=True)
        first = np.sort(first)
        return [[float(x[i]), float(y[i]), int(i)] for i in first]

    return {"scalco": scalco, "traces": ntr, "sources": distinct(sx, sy),
            "receivers": distinct(gx, gy)}


def write_many(path):
    ntr, ns = 5000, 4
    rng = np.random.default_rng(5000)
    spec = segyio.spec()
    spec.format = 5
    spec.samples = list(range(ns))
    spec.tracecount = ntr
    offsets = rng.integers(-4000, 4001, ntr)
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=2000, hns=ns, format=5)
        for i in range(ntr):
            f.header[i] = {T.TRACE_SEQUENCE_LINE: i + 1, T.FieldRecord: i // 50 + 1,
                           T.CDP: 1000 + i % 317, T.offset: int(offsets[i]),
                           T.TRACE_SAMPLE_COUNT: ns, T.TRACE_SAMPLE_INTERVAL: 2000}
        f.trace = np.zeros((ntr, ns), dtype=np.float32) + np.arange(ntr, dtype=np.float32)[:, None]


def main():
    out = os.path.join(sys.argv[1], "analysis")
    os.makedirs(out, exist_ok=True)
    for name, scalco in (("geometry_m100", -100), ("geometry_p10", 10)):
        expected = write_geometry(os.path.join(out, name + ".sgy"), scalco)
        with open(os.path.join(out, name + ".json"), "w") as f:
            json.dump(expected, f)
    write_many(os.path.join(out, "headers_many.sgy"))


if __name__ == "__main__":
    main()
