#!/usr/bin/python3
"""check_steps.py SEISVIEW_CLI WORKDIR: the steps mute, balance, clip, polarity and dc (issue 12),
run by `seisview-cli process` and `export --flow` (SEG-Y and Zarr), against numpy
implementations written here, independently of the C++, on files written by segyio.

Agreement: within 1e-5 of the oracle trace's largest finite |x| (exactly equal non-finite
samples). Prints every failure and exits 1 on any; prints OK otherwise."""
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import segyio
import zarr

from filters_reference import fft_length  # the nfft rule, written once

CLI = sys.argv[1]
WORK = sys.argv[2]
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print('FAIL:', message)


# ---------------------------------------------------------------- files (segyio)

def write_segy(path, data, offsets, dt_us, delay_ms, fmt=5):
    n, ns = data.shape
    spec = segyio.spec()
    spec.format = fmt
    spec.samples = list(range(ns))
    spec.tracecount = n
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=dt_us, hns=ns)
        for i in range(n):
            f.header[i] = {segyio.su.tracl: i + 1, segyio.su.fldr: 1, segyio.su.offset: int(offsets[i]),
                           segyio.su.cdp: int(offsets[i]) * 3 - 7,
                           segyio.su.ns: ns, segyio.su.dt: dt_us, segyio.su.delrt: delay_ms}
            f.trace[i] = data[i]


def make_files():
    rng = np.random.default_rng(12)
    files = []
    offsets = np.array([-2500, -1200, -300, 0, 150, 700, 1333, 2000, 3100])
    for ns, dt_us, delay, special in [(1, 2000, 0, False), (2, 4000, 0, False),
                                      (7, 2000, 10, False), (251, 2000, 0, False),
                                      (120, 1000, 50, True)]:
        data = (rng.standard_normal((len(offsets), ns)) * 3 + 0.7).astype(np.float32)
        if special:
            data[2, 5] = np.nan
            data[4, 17] = np.inf
            data[4, 18] = -np.inf
            data[6, :] = 0.0  # a zero trace: balance leaves it, quantile clip too
            data[7, 40:] = np.nan  # a window without finite samples (balance 60:100)
        path = os.path.join(WORK, 'steps_%d.sgy' % ns)
        write_segy(path, data, offsets, dt_us, delay)
        files.append((path, special))
    return files


def read_segy(path):
    with segyio.open(path, ignore_geometry=True) as f:
        x = f.trace.raw[:].astype(np.float32)
        offsets = np.array([h[segyio.su.offset] for h in f.header], dtype=np.float64)
        cdps = np.array([h[segyio.su.cdp] for h in f.header], dtype=np.float64)
        dt_ms = f.header[0][segyio.su.dt] / 1000.0
        delay = float(f.header[0][segyio.su.delrt])
    return x, {'offset': offsets, 'cdp': cdps}, dt_ms, delay


# ---------------------------------------------------------------- numpy oracle

def times(ns, dt_ms, t0):
    return t0 + np.arange(ns, dtype=np.float64) * dt_ms


def finite_only(x, y):
    """y where x is finite, x (unchanged) elsewhere, as float32."""
    return np.where(np.isfinite(x), y, x).astype(np.float32)


def o_mute(x, keys, dt_ms, t0, step):
    mode = step.get('mode', 'top')
    key = keys[step.get('key', 'offset')]
    if step.get('absolute', True):
        key = np.abs(key)
    pts = np.array(sorted(step['points']), dtype=np.float64)
    tm = np.interp(key, pts[:, 0], pts[:, 1])  # constant beyond the ends
    L = step.get('taper_samples', 0)
    n, ns = x.shape
    t = times(ns, dt_ms, t0)
    w = np.ones((n, ns))
    for j in range(n):
        if mode == 'top':
            dead = t < tm[j]
            w[j, dead] = 0.0
            first = int(dead.sum())  # the muted samples are a prefix
            for k in range(L):
                if first + k < ns:
                    w[j, first + k] = math.sin(math.pi * (k + 1) / (2 * L)) ** 2
        else:
            dead = t > tm[j]
            w[j, dead] = 0.0
            end = ns - int(dead.sum())  # a suffix
            for k in range(L):
                if end - 1 - k >= 0:
                    w[j, end - 1 - k] = math.sin(math.pi * (k + 1) / (2 * L)) ** 2
    with np.errstate(invalid='ignore'):  # inf * 0 where muted: finite_only keeps x there
        y = np.where(w == 0.0, 0.0, x.astype(np.float64) * w)
    return finite_only(x, y)


def o_balance(x, dt_ms, t0, step):
    n, ns = x.shape
    t = times(ns, dt_ms, t0)
    inside = np.ones(ns, bool)
    if 'window_ms' in step:
        a, b = step['window_ms']
        inside = (t >= a) & (t < b)
    y = x.astype(np.float64)
    for j in range(n):
        v = x[j, inside].astype(np.float64)
        v = v[np.isfinite(v)]
        if v.size == 0:
            continue
        d = math.sqrt(np.mean(v * v)) if step.get('method', 'rms') == 'rms' else np.max(np.abs(v))
        if d > 0:
            y[j] = y[j] / d
    return finite_only(x, y)


def o_clip(x, step):
    y = x.copy()
    for j in range(x.shape[0]):
        if 'value' in step:
            c = np.float32(step['value'])
        else:
            mags = np.sort(np.abs(x[j][np.isfinite(x[j])]))
            if mags.size == 0:
                continue
            c = mags[math.ceil(step['quantile'] * mags.size) - 1]
        y[j] = np.clip(x[j], -c, c)
    return finite_only(x, y)


def o_dc(x):
    y = x.astype(np.float64)
    for j in range(x.shape[0]):
        v = y[j][np.isfinite(y[j])]
        if v.size:
            y[j] = y[j] - np.sum(v) / v.size
    return finite_only(x, y)


def oracle(x, keys, dt_ms, t0, steps):
    for s in steps:
        if s['step'] == 'mute':
            x = o_mute(x, keys, dt_ms, t0, s)
        elif s['step'] == 'balance':
            x = o_balance(x, dt_ms, t0, s)
        elif s['step'] == 'clip':
            x = o_clip(x, s)
        elif s['step'] == 'polarity':
            x = finite_only(x, -x)
        elif s['step'] == 'dc':
            x = o_dc(x)
        else:
            raise ValueError(s)
    return x


def compare(what, got, want, scale_rel=1e-5):
    if got.shape != want.shape:
        fail('%s: shape %s, expected %s' % (what, got.shape, want.shape))
        return
    for j in range(want.shape[0]):
        fw, fg = np.isfinite(want[j]), np.isfinite(got[j])
        if not np.array_equal(fw, fg) or not np.array_equal(want[j][~fw], got[j][~fg],
                                                              equal_nan=True):
            fail('%s: trace %d: non-finite samples differ' % (what, j))
            continue
        peak = np.max(np.abs(want[j][fw])) if fw.any() else 0.0
        err = np.max(np.abs(got[j][fw].astype(np.float64) - want[j][fw])) if fw.any() else 0.0
        if err > scale_rel * peak:
            i = int(np.argmax(np.abs(got[j][fw].astype(np.float64) - want[j][fw])))
            fail('%s: trace %d: error %g > %g * max %g (sample %d: %r vs %r)'
                 % (what, j, err, scale_rel, peak, i, got[j][fw][i], want[j][fw][i]))


# ---------------------------------------------------------------- flows

FLOWS = {
    'mute_top': [{'step': 'mute', 'mode': 'top', 'points': [[0, 3.3], [2000, 191.7]],
                  'taper_samples': 5}],
    'mute_top_default_key': [{'step': 'mute', 'points': [[300, 21.1], [1500, 81.1]]}],
    'mute_top_signed': [{'step': 'mute', 'key': 'offset', 'absolute': False,
                         'points': [[1500, 9.9], [-2000, 151.3], [0, 61.7]], 'taper_samples': 3}],
    'mute_bottom': [{'step': 'mute', 'mode': 'bottom', 'points': [[0, 401.1], [3000, 31.3]],
                     'taper_samples': 7}],
    'mute_bottom_cdp_one_point': [{'step': 'mute', 'mode': 'bottom', 'key': 'cdp',
                                   'absolute': False, 'points': [[100, 55.5]],
                                   'taper_samples': 1}],
    'mute_long_taper': [{'step': 'mute', 'points': [[0, 1.1], [3000, 11.1]],
                         'taper_samples': 400}],
    'balance_rms': [{'step': 'balance', 'method': 'rms'}],
    'balance_max': [{'step': 'balance', 'method': 'max'}],
    'balance_rms_window': [{'step': 'balance', 'method': 'rms', 'window_ms': [60, 100]}],
    'balance_max_window': [{'step': 'balance', 'method': 'max', 'window_ms': [3, 9]}],
    'clip_value': [{'step': 'clip', 'value': 2.5}],
    'clip_q99': [{'step': 'clip', 'quantile': 0.99}],
    'clip_q50': [{'step': 'clip', 'quantile': 0.5}],
    'clip_q_small': [{'step': 'clip', 'quantile': 0.01}],
    'clip_q1': [{'step': 'clip', 'quantile': 1}],
    'polarity': [{'step': 'polarity'}],
    'dc': [{'step': 'dc'}],
    'chain': [{'step': 'dc'}, {'step': 'mute', 'mode': 'top', 'points': [[0, 5.1], [3000, 41.1]],
                               'taper_samples': 4},
              {'step': 'balance', 'method': 'rms', 'window_ms': [0, 200]},
              {'step': 'clip', 'quantile': 0.9}, {'step': 'polarity'},
              {'step': 'mute', 'mode': 'bottom', 'points': [[0, 231.1]], 'taper_samples': 2}],
}

BAD = [  # (steps, text the error must contain)
    ([{'step': 'mute', 'points': [[0, 1]], 'taper': 3}], 'flow step 1: mute: unknown key "taper"'),
    ([{'step': 'clip', 'value': 1, 'quantile': 0.5}],
     'flow step 1: clip: quantile 0.5; expected exactly one of "value" and "quantile"'),
    ([{'step': 'clip'}], 'clip: value missing; expected exactly one of'),
    ([{'step': 'dc'}, {'step': 'clip', 'quantile': 1.5}], 'flow step 2: clip: quantile 1.5;'),
    ([{'step': 'clip', 'quantile': 0}], 'flow step 1: clip: quantile 0;'),
    ([{'step': 'mute', 'points': [[0, 1]], 'taper_samples': -2}],
     'flow step 1: mute: taper_samples -2;'),
    ([{'step': 'mute', 'mode': 'middle', 'points': [[0, 1]]}],
     'flow step 1: mute: mode "middle"; expected "top" or "bottom"'),
    ([{'step': 'mute', 'key': 'offsett', 'points': [[0, 1]]}], 'flow step 1: mute: key "offsett";'),
    ([{'step': 'balance', 'method': 'mean'}], 'flow step 1: balance: method "mean";'),
    ([{'step': 'balance', 'window_ms': [100, 50]}], 'flow step 1: balance: window_ms [100,50];'),
    ([{'step': 'polarity', 'x': 1}], 'flow step 1: polarity: unknown key "x"'),
]


def write_flow(name, steps):
    path = os.path.join(WORK, name + '.json')
    with open(path, 'w') as f:
        json.dump({'version': 1, 'steps': steps}, f)
    return path


def run(args):
    return subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def main():
    shutil.rmtree(WORK, ignore_errors=True)  # a fresh folder: outputs are never written over
    os.makedirs(WORK)
    files = make_files()
    for path, special in files:
        x, keys, dt_ms, t0 = read_segy(path)
        for name, steps in FLOWS.items():
            flow = write_flow(name, steps)
            want = oracle(x, keys, dt_ms, t0, steps)
            r = run(['process', path, '--flow', flow, '-o', '-'])
            what = '%s %s' % (os.path.basename(path), name)
            if r.returncode != 0:
                fail('%s: exit %d: %s' % (what, r.returncode, r.stderr.decode()))
                continue
            got = np.frombuffer(r.stdout, '<f4').reshape(x.shape)
            compare('process ' + what, got, want)
            # --traces A:B: the same traces as the whole run's rows
            r = run(['process', path, '--flow', flow, '--traces', '3:7', '-o',
                     os.path.join(WORK, 'part.f32')])
            if r.returncode != 0:
                fail('%s --traces: exit %d: %s' % (what, r.returncode, r.stderr.decode()))
            else:
                part = np.fromfile(os.path.join(WORK, 'part.f32'), '<f4').reshape(4, x.shape[1])
                compare('process --traces 3:7 ' + what, part, want[3:7])
    # The unprocessed check: a muting flow really changes the samples (the test can fail).
    path = files[3][0]
    x, keys, dt_ms, t0 = read_segy(path)
    assert not np.array_equal(oracle(x, keys, dt_ms, t0, FLOWS['chain']), x)

    # export --flow: SEG-Y (IEEE and IBM) and Zarr, read back by segyio and zarr-python
    flow = write_flow('chain', FLOWS['chain'])
    want = oracle(x, keys, dt_ms, t0, FLOWS['chain'])
    for fmt, rel in [('5', 0.0), ('1', 1e-5)]:
        out = os.path.join(WORK, 'exported_%s.sgy' % fmt)
        r = run(['export', path, out, '--format', fmt, '--flow', flow, '--quiet'])
        if r.returncode != 0:
            fail('export --format %s --flow: exit %d: %s' % (fmt, r.returncode, r.stderr.decode()))
            continue
        got, gkeys, gdt, gt0 = read_segy(out)
        compare('export --format %s --flow' % fmt, got, want, max(rel, 1e-6))
        if not np.array_equal(gkeys['offset'], keys['offset']) or gdt != dt_ms:
            fail('export --format %s --flow: headers changed' % fmt)
    # with --time and --traces: the chain sees the cut traces (recording times kept)
    out = os.path.join(WORK, 'exported_cut.sgy')
    r = run(['export', path, out, '--flow', flow, '--time', '100:300', '--traces', '1:8',
             '--quiet'])
    if r.returncode != 0:
        fail('export --time --flow: exit %d: %s' % (r.returncode, r.stderr.decode()))
    else:
        got, gkeys, gdt, gt0 = read_segy(out)
        s0 = int(round((100 - t0) / dt_ms))
        s1 = int(round((300 - t0) / dt_ms))
        cut = x[1:8, s0:s1]
        cutkeys = {k: v[1:8] for k, v in keys.items()}
        compare('export --time --traces --flow', got,
                oracle(cut, cutkeys, dt_ms, t0 + s0 * dt_ms, FLOWS['chain']), 1e-6)
    store = os.path.join(WORK, 'exported.zarr')
    r = run(['export', path, store, '--flow', flow, '--quiet'])
    if r.returncode != 0:
        fail('export .zarr --flow: exit %d: %s' % (r.returncode, r.stderr.decode()))
    else:
        got = np.asarray(zarr.open(store, mode='r')['amplitude'][:])
        if got.dtype != np.float32:
            fail('export .zarr --flow: dtype %s' % got.dtype)
        compare('export .zarr --flow', got, want, 1e-6)

    # spectrum --flow with steps that read header keys (mute): the mean of numpy's |rfft| of the
    # oracle's traces (non-finite samples as 0), nfft the smallest even 2^a 3^b 5^c >= 2n
    for fpath, _ in files:
        fx, fkeys, fdt, ft0 = read_segy(fpath)
        r = run(['spectrum', fpath, '--flow', flow, '--traces', '1:8', '--json'])
        what = 'spectrum --flow chain %s' % os.path.basename(fpath)
        if r.returncode != 0:
            fail('%s: exit %d: %s' % (what, r.returncode, r.stderr.decode()))
            continue
        got = json.loads(r.stdout)
        y = oracle(fx, fkeys, fdt, ft0, FLOWS['chain'])[1:8]
        nfft = fft_length(y.shape[1])
        amp = np.mean(np.abs(np.fft.rfft(np.where(np.isfinite(y), y, 0.0), nfft, axis=1)), axis=0)
        freq = np.arange(nfft // 2 + 1) / (nfft * fdt / 1000.0)
        if len(got['amplitude']) != len(amp) or np.max(np.abs(np.array(got['frequency_hz']) - freq)) > 1e-9:
            fail('%s: %d bins, expected %d' % (what, len(got['amplitude']), len(amp)))
        elif np.max(np.abs(np.array(got['amplitude']) - amp)) > 1e-5 * max(np.max(amp), 1e-30):
            fail('%s: amplitudes differ by %g (max %g)'
                 % (what, np.max(np.abs(np.array(got['amplitude']) - amp)), np.max(amp)))

    # bad flows: exit 1, the message names the step and the value; nothing is written
    for i, (steps, text) in enumerate(BAD):
        flow = write_flow('bad%d' % i, steps)
        out = os.path.join(WORK, 'bad%d.f32' % i)
        r = run(['process', path, '--flow', flow, '-o', out])
        err = r.stderr.decode()
        if r.returncode != 1 or text not in err or os.path.exists(out):
            fail('bad flow %s: exit %d, stderr %r (expected 1 and %r)'
                 % (json.dumps(steps), r.returncode, err, text))
        r = run(['export', path, out + '.sgy', '--flow', flow, '--quiet'])
        if r.returncode != 1 or text not in r.stderr.decode() or os.path.exists(out + '.sgy'):
            fail('export bad flow %s: exit %d, stderr %r' % (json.dumps(steps), r.returncode,
                                                             r.stderr.decode()))
    r = run(['process', path, '-o', '-'])
    if r.returncode != 2 or '--flow' not in r.stderr.decode():
        fail('process without --flow: exit %d (expected 2)' % r.returncode)

    if FAILURES:
        print('%d failures' % len(FAILURES))
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
