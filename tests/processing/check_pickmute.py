#!/usr/bin/python3
"""check_pickmute.py SEISVIEW_CLI WORKDIR: the pickmute step (a mute along picks saved as CSV)
run by `seisview-cli process --flow` and `export --flow`, against numpy written here, on a file
segyio writes: two shot gathers (fldr 1 and 2), picks on some traces of both, equal offsets
picked on both gathers (their times averaged), a key column that is not the interpolation key.

Agreement: within 1e-5 of the oracle trace's largest finite |x| (1e-6 for the export). Prints
every failure and exits 1 on any; prints OK otherwise."""
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import segyio

CLI = sys.argv[1]
WORK = sys.argv[2]
FAILURES = []


def fail(message):
    FAILURES.append(message)
    print('FAIL:', message)


def write_segy(path, data, fldr, offsets, dt_us, delay_ms):
    n, ns = data.shape
    spec = segyio.spec()
    spec.format = 5
    spec.samples = list(range(ns))
    spec.tracecount = n
    with segyio.create(path, spec) as f:
        f.bin.update(hdt=dt_us, hns=ns)
        for i in range(n):
            f.header[i] = {segyio.su.tracl: i + 1, segyio.su.fldr: int(fldr[i]),
                           segyio.su.offset: int(offsets[i]), segyio.su.ns: ns,
                           segyio.su.dt: dt_us, segyio.su.delrt: delay_ms}
            f.trace[i] = data[i]


# Picks (fldr, offset, time_ms): offset 300 on both shots (mean 100.5), -300 on shot 2 (|.| = 300
# too: with absolute it joins them), unequal spacing.
PICKS = [(1, 0, 20.25), (1, 300, 97.0), (1, 900, 180.5), (2, 300, 103.0), (2, -300, 101.5),
         (2, 1500, 260.0)]


def points(absolute, shift):
    acc = {}
    for _, off, t in PICKS:
        k = abs(off) if absolute else off
        acc.setdefault(k, []).append(t)
    ks = sorted(acc)
    return np.array(ks, float), np.array([np.mean(acc[k]) + shift for k in ks])


def oracle(x, offsets, dt_ms, t0, step):
    absolute = step.get('absolute', True)
    kx, kt = points(absolute, step.get('shift_ms', 0.0))
    key = np.abs(offsets) if absolute else offsets.astype(float)
    tm = np.interp(key, kx, kt)  # linear, constant beyond the ends
    L = int(round(step.get('taper_ms', 0.0) / dt_ms))
    n, ns = x.shape
    t = t0 + np.arange(ns) * dt_ms
    w = np.ones((n, ns))
    for j in range(n):
        if step.get('mode', 'top') == 'top':
            dead = t < tm[j]
            w[j, dead] = 0.0
            first = int(dead.sum())
            for k in range(L):
                if first + k < ns:
                    w[j, first + k] = math.sin(math.pi * (k + 1) / (2 * L)) ** 2
        else:
            dead = t > tm[j]
            w[j, dead] = 0.0
            end = ns - int(dead.sum())
            for k in range(L):
                if end - 1 - k >= 0:
                    w[j, end - 1 - k] = math.sin(math.pi * (k + 1) / (2 * L)) ** 2
    return (x.astype(np.float64) * w).astype(np.float32)


def compare(what, got, want, rel):
    for j in range(want.shape[0]):
        scale = max(float(np.max(np.abs(want[j]))), 1e-30)
        err = float(np.max(np.abs(got[j].astype(np.float64) - want[j])))
        if err > rel * scale:
            fail('%s: trace %d differs by %g (scale %g)' % (what, j, err, scale))
            return


def run(args):
    return subprocess.run([CLI] + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def write_flow(name, steps):
    path = os.path.join(WORK, name + '.json')
    with open(path, 'w') as f:
        json.dump({'version': 1, 'steps': steps}, f)
    return path


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    rng = np.random.default_rng(13)
    offsets = np.array([-1800, -300, 0, 150, 300, 600, 900, 1200, 2000] * 2)
    fldr = np.repeat([1, 2], 9)
    dt_us, delay, ns = 4000, 8, 120
    data = (rng.standard_normal((len(offsets), ns)) + 0.3).astype(np.float32)
    path = os.path.join(WORK, 'shots.sgy')
    write_segy(path, data, fldr, offsets, dt_us, delay)
    with segyio.open(path, ignore_geometry=True) as f:  # read back as the CLI will see it
        x = f.trace.raw[:].astype(np.float32)
    picks = os.path.join(WORK, 'picks.csv')
    with open(picks, 'w') as f:
        f.write('fldr,offset,time_ms\n')
        for p in PICKS:
            f.write('%d,%d,%r\n' % p)
    dt_ms = dt_us / 1000.0
    flows = {
        'top': {'step': 'pickmute', 'picks': picks},
        'top_taper': {'step': 'pickmute', 'picks': picks, 'taper_ms': 20, 'shift_ms': -8},
        'signed': {'step': 'pickmute', 'picks': picks, 'absolute': False, 'taper_ms': 12},
        'bottom': {'step': 'pickmute', 'picks': picks, 'mode': 'bottom', 'taper_ms': 16,
                   'shift_ms': 40},
    }
    for name, step in flows.items():
        want = oracle(x, offsets, dt_ms, float(delay), step)
        assert not np.array_equal(want, x)  # the step mutes something: the check can fail
        r = run(['process', path, '--flow', write_flow(name, [step]), '-o', '-'])
        if r.returncode != 0:
            fail('process %s: exit %d: %s' % (name, r.returncode, r.stderr.decode()))
            continue
        got = np.frombuffer(r.stdout, '<f4').reshape(x.shape)
        compare('process ' + name, got, want, 1e-5)
    # A relative path names the file beside the flow, whatever the current directory.
    beside = os.path.join(WORK, 'beside')
    os.makedirs(beside)
    shutil.copy(picks, os.path.join(beside, 'mine.csv'))
    relative = os.path.join(beside, 'relative.json')
    with open(relative, 'w') as f:
        json.dump({'version': 1, 'steps': [{'step': 'pickmute', 'picks': 'mine.csv'}]}, f)
    r = subprocess.run([CLI, 'process', path, '--flow', relative, '-o', '-'], cwd='/',
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        fail('relative picks path: exit %d: %s' % (r.returncode, r.stderr.decode()))
    else:
        compare('relative picks path', np.frombuffer(r.stdout, '<f4').reshape(x.shape),
                oracle(x, offsets, dt_ms, float(delay), flows['top']), 1e-5)
    # export --flow, read back by segyio
    out = os.path.join(WORK, 'muted.sgy')
    r = run(['export', path, out, '--flow', write_flow('top_taper', [flows['top_taper']]),
             '--quiet'])
    if r.returncode != 0:
        fail('export: exit %d: %s' % (r.returncode, r.stderr.decode()))
    else:
        with segyio.open(out, ignore_geometry=True) as f:
            got = f.trace.raw[:]
        compare('export --flow', got, oracle(x, offsets, dt_ms, float(delay), flows['top_taper']),
                1e-6)
    # Errors, before anything is written: a missing file, a bad row, a key not in the file.
    bad = os.path.join(WORK, 'bad.csv')
    with open(bad, 'w') as f:
        f.write('fldr,offset,time_ms\n1,100,12\n1,200,soon\n')
    for step, message in [
        ({'step': 'pickmute', 'picks': os.path.join(WORK, 'none.csv')}, 'none.csv'),
        ({'step': 'pickmute', 'picks': bad}, 'bad.csv: line 3: time_ms "soon"; expected a finite'),
        ({'step': 'pickmute', 'picks': picks, 'key': 'cdp'},
         'pickmute: key cdp is not a column of'),
        ({'step': 'pickmute'}, 'flow step 1: pickmute: picks missing'),
    ]:
        target = os.path.join(WORK, 'never.f32')
        r = run(['process', path, '--flow', write_flow('bad', [step]), '-o', target])
        err = r.stderr.decode()
        if r.returncode != 1 or message not in err:
            fail('%s: exit %d, stderr %r; expected 1 and %r' % (step, r.returncode, err, message))
        if os.path.exists(target):
            fail('%s: %s was created' % (step, target))
    if FAILURES:
        sys.exit(1)
    print('OK')


main()
