#!/usr/bin/python3
"""Writes the files of the sorted-gather tests and their expected sorts: make_sort_files.py OUTDIR.

Into OUTDIR/sort/, with segyio (IEEE float, 12 samples; sample s of trace t is t * 100 + s, so a
dump shows which traces it holds and in which order):
- shot.sgy: 9 shot gathers (fldr 1..9) of 16 channels, cdp = 2 * shot + channel, so the CDP
  gathers gather traces from several shots, the first and last CDPs hold one trace; offset =
  25 * |channel - 8|, so a CDP holds equal offsets from different shots (ties kept in file order).
- random.sgy: 5000 traces, cdp and offset pseudo-random in [-6, 6] and [-3, 3] (negative keys,
  many ties); big enough that a 1 KiB budget sorts it in ~118 runs and several merge passes.
- equal.sgy: 40 traces, cdp 7 and offset 0 everywhere: one gather in file order.
- single.sgy: 30 traces, cdp 100 - trace (descending): 30 one-trace gathers, in reverse.

The expected sorts come from segyio's header columns and numpy (np.lexsort over (trace, K2, K1):
ascending K1, then K2, ties in file order), written per case as
- NAME.KEYS.csv: the CSV `seisview-cli gathers` writes (gather,K1,trace_count,first_K2,last_K2;
  the K2 columns empty with one key),
- NAME.KEYS.order: the sorted trace indices, one per line,
- NAME.KEYS.gG.f32: the samples of gather G in sorted order (float32 little-endian, trace-major),
and listed in cases.json: [{"file", "keys", "csv", "order", "gathers": [[G, "f32 name"], ...]}].
Deterministic (seeded RNG); a few hundred KB in all.
"""

import json
import os
import sys

import numpy as np
import segyio

NS = 12
T = segyio.TraceField
FIELDS = {"cdp": T.CDP, "offset": T.offset, "fldr": T.FieldRecord}


def write(path, columns):
    n = len(columns["cdp"])
    spec = segyio.spec()
    spec.format = 5
    spec.samples = list(range(NS))
    spec.tracecount = n
    data = (np.arange(n, dtype=np.float64)[:, None] * 100 + np.arange(NS)[None, :]).astype(
        np.float32)
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=4000, hns=NS, format=5)
        f.trace = data
        for i in range(n):
            f.header[i] = {T.TRACE_SEQUENCE_FILE: i + 1, T.FieldRecord: int(columns["fldr"][i]),
                           T.CDP: int(columns["cdp"][i]), T.offset: int(columns["offset"][i]),
                           T.TRACE_SAMPLE_COUNT: NS, T.TRACE_SAMPLE_INTERVAL: 4000}


def expected(outdir, name, keys, dump_gathers):
    path = os.path.join(outdir, name + ".sgy")
    with segyio.open(path, ignore_geometry=True) as f:
        cols = [np.asarray(f.attributes(FIELDS[k])[:], dtype=np.int64) for k in keys]
        samples = f.trace.raw[:]
    n = len(cols[0])
    k1 = cols[0]
    k2 = cols[1] if len(cols) == 2 else np.zeros(n, np.int64)
    order = np.lexsort((np.arange(n), k2, k1))
    # The same order by stable argsorts (K2 first, then K1): the two independent ways agree.
    by_k2 = np.argsort(k2, kind="stable")
    assert np.array_equal(order, by_k2[np.argsort(k1[by_k2], kind="stable")])
    values, starts, counts = np.unique(k1[order], return_index=True, return_counts=True)
    tag = "%s.%s" % (name, "_".join(keys))
    rows = ["gather,K1,trace_count,first_K2,last_K2"]
    for g, (v, s, c) in enumerate(zip(values, starts, counts)):
        if len(keys) == 2:
            rows.append("%d,%d,%d,%d,%d" % (g, v, c, k2[order[s]], k2[order[s + c - 1]]))
        else:
            rows.append("%d,%d,%d,," % (g, v, c))
    with open(os.path.join(outdir, tag + ".csv"), "w") as out:
        out.write("\n".join(rows) + "\n")
    with open(os.path.join(outdir, tag + ".order"), "w") as out:
        out.write("".join("%d\n" % t for t in order))
    dumps = []
    for g in dump_gathers:
        g = g if g >= 0 else len(values) + g
        traces = order[starts[g]:starts[g] + counts[g]]
        fname = "%s.g%d.f32" % (tag, g)
        samples[traces].astype("<f4").tofile(os.path.join(outdir, fname))
        dumps.append([g, fname])
    return {"file": name + ".sgy", "keys": ",".join(keys), "csv": tag + ".csv",
            "order": tag + ".order", "gathers": dumps}


def main():
    outdir = os.path.join(sys.argv[1], "sort")
    os.makedirs(outdir, exist_ok=True)
    shot, chan = np.divmod(np.arange(9 * 16), 16)
    write(os.path.join(outdir, "shot.sgy"),
          {"fldr": shot + 1, "cdp": 2 * (shot + 1) + chan, "offset": 25 * np.abs(chan - 8)})
    rng = np.random.default_rng(20261130)
    write(os.path.join(outdir, "random.sgy"),
          {"fldr": np.arange(5000) // 50, "cdp": rng.integers(-6, 7, 5000),
           "offset": rng.integers(-3, 4, 5000)})
    write(os.path.join(outdir, "equal.sgy"),
          {"fldr": np.ones(40, int), "cdp": np.full(40, 7), "offset": np.zeros(40, int)})
    write(os.path.join(outdir, "single.sgy"),
          {"fldr": np.ones(30, int), "cdp": 100 - np.arange(30), "offset": np.arange(30) % 4})
    cases = [
        expected(outdir, "shot", ["cdp", "offset"], [0, 5, 12, -1]),
        expected(outdir, "shot", ["cdp"], [7]),
        expected(outdir, "shot", ["offset"], [0, 8]),
        expected(outdir, "shot", ["fldr", "offset"], [3]),
        expected(outdir, "random", ["cdp", "offset"], [0, 6, -1]),
        expected(outdir, "random", ["offset"], [2]),
        expected(outdir, "equal", ["cdp", "offset"], [0]),
        expected(outdir, "single", ["cdp", "offset"], [0, 29]),
    ]
    with open(os.path.join(outdir, "cases.json"), "w") as out:
        json.dump(cases, out, indent=1)


if __name__ == "__main__":
    main()
