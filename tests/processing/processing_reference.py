#!/usr/bin/env python3
"""numpy references for tests/processing/tst_processing.cpp, written independently of the C++.

usage: processing_reference.py DIR
DIR/spec.json: {"traces": T, "samples": N, "cases": [{"name": ..., "ops": [...]}, ...]} and
DIR/input.f32 (T x N little-endian float32, trace-major). Each op is ["agc", half_width_samples],
["agc_ms", window_ms, interval_us] or ["normalize"]; ["percentile", p] writes one float32.
Writes DIR/<name>.f32 for every case.
"""
import json
import math
import sys

import numpy as np


def agc(x, h):
    """Box-RMS AGC of half-width h by convolution: each sample over the RMS of the finite samples
    with index in [max(0, i-h), min(n-1, i+h)]; 0 where that mean is 0; non-finite samples kept."""
    if h < 0:
        return x.copy()
    ok = np.isfinite(x)
    sq = np.where(ok, x.astype(np.float64), 0.0) ** 2
    box = np.ones(2 * h + 1)
    out = x.copy()
    for t in range(x.shape[0]):
        # np.convolve(mode="full") then the centred slice: the window cut at both ends.
        energy = np.convolve(sq[t], box)[h:h + x.shape[1]]
        count = np.convolve(ok[t].astype(np.float64), box)[h:h + x.shape[1]]
        mean = np.where(count > 0, energy / np.maximum(count, 1), 0.0)
        rms = np.sqrt(mean)
        y = np.where(rms > 1e-30, x[t] / np.where(rms > 1e-30, rms, 1.0), 0.0)
        out[t] = np.where(ok[t], y, x[t]).astype(np.float32)
    return out


def half_width(window_ms, interval_us):
    """round(L / (2 dt)), halves away from zero."""
    return int(math.floor(window_ms / (2.0 * interval_us / 1000.0) + 0.5))


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
                y = agc(y, half_width(op[1], op[2]))
            elif op[0] == "normalize":
                y = normalize(y)
            elif op[0] == "percentile":
                y = np.array([percentile(y, float(op[1]))], dtype=np.float32)
            else:
                raise SystemExit(f"unknown op {op[0]!r}")
        y.astype("<f4").tofile(f"{d}/{case['name']}.f32")


if __name__ == "__main__":
    main()
