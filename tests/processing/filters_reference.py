#!/usr/bin/python3
"""numpy/scipy references for tests/processing/tst_filters.cpp, written independently of the C++.

usage: filters_reference.py DIR

Writes SEG-Y files with segyio into DIR (noisy traces with events, dead traces, NaN and
infinities in the IEEE file, recording delays of both signs, traces of 1, 2 and 3 samples), then
DIR/spec.json: {"files": [{"name", "path", "traces", "samples", "dt_us", "delay_ms"}],
"cases": [{"name", "file", "steps": [flow entries]}], "spectra": [{"name", "file", "traces":
[a, b], "steps": [...]}]}, and for each case DIR/<name>.f32 (the processed traces, little-endian
float32, trace-major) and for each spectrum DIR/<name>.json ({"frequency_hz", "amplitude",
"amplitude_db"}). The definitions are those of the README's "Processing" section:
- agc: h = round(L / (2 dt)) (halves up), each sample over the RMS of the finite samples within
  h of it (window cut at the ends), by convolution; 0 where that mean is 0.
- gain: x * |t|^p * exp(a t), t = delay + i dt seconds; |t|^p at t = 0 is 0 for p > 0, 1 else.
- butterworth: scipy.signal.butter(..., output='sos') + sosfilt forward and on the reversed
  output, high-pass then low-pass.
- trapezoid: numpy rfft with np.interp of the corners, nfft the smallest even 2^a 3^b 5^c >= 2n.
- spectra: mean over traces of |np.fft.rfft(x, nfft)|, 20 log10 of it over its max (floor -300).
Non-finite samples: kept as they are by every step; taken as 0 by the filters and the spectrum.
"""
import json
import math
import os
import sys

import numpy as np
import segyio
from scipy import signal


def write_segy(path, data, dt_us, delay_ms, fmt, endian):
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(data.shape[1]))
    spec.tracecount = data.shape[0]
    spec.endian = endian
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=dt_us, hns=data.shape[1], format=fmt)
        f.trace = data
        for i in range(data.shape[0]):
            f.header[i] = {segyio.TraceField.TRACE_SEQUENCE_LINE: i + 1,
                           segyio.TraceField.DelayRecordingTime: delay_ms,
                           segyio.TraceField.TRACE_SAMPLE_COUNT: data.shape[1],
                           segyio.TraceField.TRACE_SAMPLE_INTERVAL: dt_us}


def read_segy(path, endian):
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        return segyio.tools.collect(f.trace[:]).astype(np.float32)


def make_data(rng, traces, samples, dt_us):
    """Noise whose level changes by 10^3 along the trace plus Ricker events."""
    t = np.arange(samples) * dt_us * 1e-6
    x = rng.standard_normal((traces, samples)) * 10.0 ** (3.0 * np.arange(samples) / max(samples, 1) - 1.0)
    for k in range(traces):
        for centre, f, a in ((0.3, 25.0, 50.0), (0.6, 12.0, -80.0)):
            c = centre * samples * dt_us * 1e-6 + 0.01 * k
            arg = (np.pi * f * (t - c)) ** 2
            x[k] += a * (1 - 2 * arg) * np.exp(-arg)
    return x.astype(np.float32)


def fft_length(n):
    if n <= 0:
        return 0
    m = 2 * n
    while True:
        k = m
        for p in (2, 3, 5):
            while k % p == 0:
                k //= p
        if k == 1 and m % 2 == 0:
            return m
        m += 1


def agc(x, window_ms, dt_us):
    h = int(math.floor(window_ms / (2.0 * dt_us / 1000.0) + 0.5))
    ok = np.isfinite(x)
    sq = np.where(ok, x.astype(np.float64), 0.0) ** 2
    box = np.ones(2 * h + 1)
    n = x.shape[1]
    out = x.copy()
    for k in range(x.shape[0]):
        energy = np.convolve(sq[k], box)[h:h + n]
        count = np.convolve(ok[k].astype(np.float64), box)[h:h + n]
        mean = np.where(count > 0, energy / np.maximum(count, 1), 0.0)
        rms = np.sqrt(mean)
        y = np.where(rms > 1e-30, x[k] / np.where(rms > 1e-30, rms, 1.0), 0.0)
        out[k] = np.where(ok[k], y, x[k])
    return out.astype(np.float32)


def gain(x, p, a, dt_us, delay_ms):
    t = (delay_ms * 1000.0 + np.arange(x.shape[1]) * float(dt_us)) * 1e-6
    with np.errstate(divide="ignore"):
        power = np.where(t == 0, 0.0 if p > 0 else 1.0, np.abs(t) ** p) if p != 0 else np.ones_like(t)
    factor = power * np.exp(a * t)
    return np.where(np.isfinite(x), x.astype(np.float64) * factor, x).astype(np.float32)


def zero_phase(sos, y):
    y = signal.sosfilt(sos, y, axis=-1)
    return signal.sosfilt(sos, y[:, ::-1], axis=-1)[:, ::-1]


def butterworth(x, entry, dt_us):
    fs = 1e6 / dt_us
    y = np.where(np.isfinite(x), x, 0).astype(np.float64)
    if "low_hz" in entry:
        y = zero_phase(signal.butter(entry.get("low_order", 4), entry["low_hz"], "highpass",
                                     fs=fs, output="sos"), y)
    if "high_hz" in entry:
        y = zero_phase(signal.butter(entry.get("high_order", 4), entry["high_hz"], "lowpass",
                                     fs=fs, output="sos"), y)
    return np.where(np.isfinite(x), y, x).astype(np.float32)


def trapezoid(x, corners, dt_us):
    n = x.shape[1]
    nfft = fft_length(n)
    spectrum = np.fft.rfft(np.where(np.isfinite(x), x, 0).astype(np.float64), nfft, axis=-1)
    f = np.fft.rfftfreq(nfft, dt_us * 1e-6)
    w = np.interp(f, corners, [0.0, 1.0, 1.0, 0.0], left=0.0, right=0.0)
    y = np.fft.irfft(spectrum * w, nfft, axis=-1)[:, :n]
    return np.where(np.isfinite(x), y, x).astype(np.float32)


def apply(x, steps, dt_us, delay_ms):
    for e in steps:
        if e["step"] == "agc":
            x = agc(x, e["window_ms"], dt_us)
        elif e["step"] == "gain":
            x = gain(x, e.get("tpow", 0.0), e.get("epow", 0.0), dt_us, delay_ms)
        elif e["step"] == "butterworth":
            x = butterworth(x, e, dt_us)
        elif e["step"] == "trapezoid":
            x = trapezoid(x, e["corners_hz"], dt_us)
        else:
            raise SystemExit(f"unknown step {e['step']!r}")
    return x


def spectrum(x, dt_us):
    nfft = fft_length(x.shape[1])
    a = np.abs(np.fft.rfft(np.where(np.isfinite(x), x, 0).astype(np.float64), nfft,
                           axis=-1)).mean(axis=0)
    peak = a.max() if a.size else 0.0
    with np.errstate(divide="ignore"):
        db = np.where((a > 0) & (peak > 0), 20 * np.log10(a / (peak if peak > 0 else 1.0)),
                      -300.0)
    return {"frequency_hz": (np.arange(nfft // 2 + 1) / (nfft * dt_us * 1e-6)).tolist(),
            "amplitude": a.tolist(), "amplitude_db": np.maximum(db, -300.0).tolist()}


def main():
    out = sys.argv[1]
    rng = np.random.default_rng(20261130)
    files = []

    def add_file(name, data, dt_us, delay_ms, fmt, endian):
        path = os.path.join(out, name + ".sgy")
        write_segy(path, data, dt_us, delay_ms, fmt, endian)
        files.append({"name": name, "path": path, "traces": data.shape[0],
                      "samples": data.shape[1], "dt_us": dt_us, "delay_ms": delay_ms,
                      "endian": endian})

    noise = make_data(rng, 7, 501, 2000)
    noise[2] = 0.0                       # dead trace
    noise[3, 200:320] = 0.0              # silent stretch
    noise[4, 350] = 1.0e4                # spike
    noise[5, 10] = np.nan
    noise[5, 11] = np.inf
    noise[6, 0] = np.nan
    noise[6, 500] = -np.inf
    add_file("noise_le", noise, 2000, 100, 5, "little")
    add_file("ibm_be", make_data(rng, 5, 250, 4000), 4000, 0, 1, "big")
    add_file("negative_delay", make_data(rng, 3, 77, 1000), 1000, -40, 5, "big")
    add_file("one_sample", make_data(rng, 4, 1, 2000), 2000, 0, 5, "big")
    add_file("two_samples", make_data(rng, 3, 2, 4000), 4000, 8, 5, "little")
    add_file("three_samples", make_data(rng, 4, 3, 500), 500, 0, 5, "big")

    cases = []
    spectra = []
    for fi in files:
        dt_ms = fi["dt_us"] / 1000.0
        nyq = 500000.0 / fi["dt_us"]
        length_ms = fi["samples"] * dt_ms
        steps = []
        for w in (0.4 * dt_ms, 2 * dt_ms, 3 * dt_ms, 50.0, 500.0, 10 * length_ms):
            steps.append([{"step": "agc", "window_ms": w}])
        for p, a in ((2.0, 0.0), (0.5, 1.5), (0.0, -3.0), (-1.0, 0.0), (1.0, 0.0)):
            steps.append([{"step": "gain", "tpow": p, "epow": a}])
        steps.append([{"step": "gain", "tpow": 2.0}])
        r = lambda v: round(v * nyq, 3)
        steps.append([{"step": "butterworth", "low_hz": r(0.04), "low_order": 4,
                       "high_hz": r(0.5), "high_order": 4}])
        steps.append([{"step": "butterworth", "low_hz": r(0.1), "low_order": 3}])
        steps.append([{"step": "butterworth", "high_hz": r(0.3), "high_order": 6}])
        steps.append([{"step": "butterworth", "low_hz": r(0.1), "low_order": 1,
                       "high_hz": r(0.8), "high_order": 2}])
        steps.append([{"step": "butterworth", "low_hz": r(0.05), "high_hz": r(0.6)}])
        # Steep and narrow: the highest order, a corner at 1 % of Nyquist, one near Nyquist.
        steps.append([{"step": "butterworth", "low_hz": r(0.01), "low_order": 8,
                       "high_hz": r(0.3), "high_order": 16}])
        steps.append([{"step": "butterworth", "high_hz": r(0.97), "high_order": 5}])
        steps.append([{"step": "trapezoid", "corners_hz": [r(0.04), r(0.08), r(0.4), r(0.6)]}])
        steps.append([{"step": "trapezoid", "corners_hz": [0.0, r(0.1), r(0.1), r(0.3)]}])
        steps.append([{"step": "trapezoid", "corners_hz": [r(0.2), r(0.5), r(0.8), nyq]}])
        steps.append([{"step": "agc", "window_ms": 0.2 * length_ms},
                      {"step": "gain", "tpow": 1.0},
                      {"step": "butterworth", "low_hz": r(0.05), "high_hz": r(0.6)},
                      {"step": "trapezoid", "corners_hz": [r(0.02), r(0.05), r(0.5), r(0.7)]}])
        x = read_segy(fi["path"], fi["endian"])
        for i, s in enumerate(steps):
            name = f"{fi['name']}_{i}"
            cases.append({"name": name, "file": fi["name"], "steps": s})
            apply(x, s, fi["dt_us"], fi["delay_ms"]).astype("<f4").tofile(
                os.path.join(out, name + ".f32"))
        spectrum_cases = [([0, fi["traces"]], []),
                          ([1, min(fi["traces"], 4)], []),
                          ([0, fi["traces"]], [{"step": "butterworth", "low_hz": r(0.1),
                                                "high_hz": r(0.4)}])]
        for i, (rng_, s) in enumerate(spectrum_cases):
            name = f"{fi['name']}_spectrum_{i}"
            spectra.append({"name": name, "file": fi["name"], "traces": rng_, "steps": s})
            y = apply(x[rng_[0]:rng_[1]], s, fi["dt_us"], fi["delay_ms"])
            with open(os.path.join(out, name + ".json"), "w") as f:
                json.dump(spectrum(y, fi["dt_us"]), f)

    with open(os.path.join(out, "spec.json"), "w") as f:
        json.dump({"files": files, "cases": cases, "spectra": spectra}, f, indent=1)


if __name__ == "__main__":
    main()
