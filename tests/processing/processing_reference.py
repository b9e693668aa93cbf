#!/usr/bin/env python3
"""numpy references for tests/processing/tst_processing.cpp, written independently of the C++.

usage: processing_reference.py DIR
DIR/spec.json: {"traces": T, "samples": N, "cases": [{"name": ..., "ops": [...]}, ...]} and
DIR/input.f32 (T x N little-endian float32, trace-major). Each op is ["agc", window_samples],
["agc_ms", window_ms, interval_us] or ["normalize"]; ["percentile", p] writes one float32.
Writes DIR/<name>.f32 for every case.
"""
import json
import math
import sys

import numpy as np


def agc(x, window):
    """Each sample over the RMS of the finite samples of a centred box window cut at the ends."""
    if window <= 0:
        return x.copy()
    before = (window - 1) // 2
    after = window - 1 - before
    sq = np.where(np.isfinite(x), x.astype(np.float64), np.nan) ** 2
    padded = np.pad(sq, ((0, 0), (before, after)), constant_values=np.nan)
    windows = np.lib.stride_tricks.sliding_window_view(padded, window, axis=1)
    finite = np.isfinite(windows).sum(axis=2)
    energy = np.where(finite > 0, np.nansum(windows, axis=2), 0.0)
    rms = np.sqrt(energy / np.maximum(finite, 1))
    out = x.astype(np.float64)
    keep = ~np.isfinite(x) | (finite == 0)
    gained = np.where(rms > 1e-30, out / np.where(rms > 1e-30, rms, 1.0), 0.0)
    return np.where(keep, x, gained.astype(np.float32)).astype(np.float32)


def normalize(x):
    """Each trace over its largest finite |amplitude|; all-zero (or no finite) traces stay."""
    mags = np.where(np.isfinite(x), np.abs(x), 0.0)
    peak = mags.max(axis=1, keepdims=True)
    scale = np.where(peak > 0, np.float32(1) / np.where(peak > 0, peak, 1), np.float32(1))
    return (x * scale.astype(np.float32)).astype(np.float32)


def percentile(x, p):
    mags = np.sort(np.abs(x[np.isfinite(x)]).ravel())
    if mags.size == 0:
        return np.float32(0)
    rank = int(math.floor(p / 100.0 * (mags.size - 1) + 0.5))
    return mags[rank]


def main():
    d = sys.argv[1]
    with open(f"{d}/spec.json") as f:
        spec = json.load(f)
    x = np.fromfile(f"{d}/input.f32", dtype="<f4").reshape(spec["traces"], spec["samples"])
    for case in spec["cases"]:
        y = x.copy()
        for op in case["ops"]:
            if op[0] == "agc":
                y = agc(y, int(op[1]))
            elif op[0] == "agc_ms":
                y = agc(y, max(1, int(math.floor(op[1] / (op[2] / 1000.0) + 0.5))))
            elif op[0] == "normalize":
                y = normalize(y)
            elif op[0] == "percentile":
                y = np.array([percentile(y, float(op[1]))], dtype=np.float32)
            else:
                raise SystemExit(f"unknown op {op[0]!r}")
        y.astype("<f4").tofile(f"{d}/{case['name']}.f32")


if __name__ == "__main__":
    main()
