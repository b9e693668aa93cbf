#!/usr/bin/python3
"""A sparse SEG-Y file of very long traces, and exact decimated reads: make_long_traces.py OUTDIR.

Writes OUTDIR/long_traces.sgy: 160 traces of 2,000,000 IEEE float (format 5, big-endian)
samples at 1 ms (rev 2: the sample count is in the extended field, bytes 3269-3272, as 2,000,000
does not fit bytes 3221-3222). Only the 3600-byte file header, the 240-byte trace headers and a
few blocks of samples per trace are written; everything else is a hole (zeros), so the file takes
1.28 GB of address space but a few MB of disk. Per trace t (0-based):
  - BURSTS sine bursts of BURST samples, burst k starting at sample k * 400000 + t * 1000,
    amplitude (k + 1) * 100 (a slanting line per burst on a picture of the whole trace);
  - a single-sample spike of -(t + 1) * 1000 at sample 1,999,999 - t * 7 (the peak of its bin);
  - trace 5: NaN on samples 1000..1099 (a run of all-NaN bins at small factors) and +7 / -7 at
    samples 1200 and 1201 (equal magnitudes: the first is the peak), -inf at 1300.
OUTDIR/huge_trace.sgy: 2 traces of 2^28 samples (1 GB each; the same rev 2 layout, 2 GB of
address space, a few KB on disk), zero but for spikes of (t + 1) * 10 + k, sign alternating, at
the samples HUGE_SPIKES (k = 0, 1...), two of them either side of 16,388,608.
OUTDIR/long_traces.json describes the files (the burst layout, for the picture test) and lists
decimation cases; OUTDIR/long_<n>.f32 holds case n's expected output, float32 little-endian,
trace-major: for each output sample j, the sample of largest |x| (the first of equal ones; NaN
passed over; NaN if the bin has only NaN) among input samples [begin + j * f, min(end, begin +
(j + 1) * f)), computed with numpy from the samples as numpy reads them from the file.

The headers are checked with segyio's field offsets (segyio 1.8 cannot open traces of more than
65535 samples, so the samples are read with numpy.memmap at segyio's layout).
"""

import json
import os
import struct
import sys

import numpy as np
import segyio

TRACES = 160
SAMPLES = 2_000_000
INTERVAL_US = 1000
BURSTS = 5
BURST = 4096
BURST_STEP = 400_000
MOVEOUT = 1000


def burst_start(k, t):
    return k * BURST_STEP + t * MOVEOUT


def spike_at(t):
    return SAMPLES - 1 - t * 7


HUGE_SAMPLES = 1 << 28
HUGE_TRACES = 2
HUGE_SPIKES = [3, 8_388_607, 12_345_678, 16_388_607, 16_388_608, (1 << 28) - 1]


def huge_spike(t, k):
    return ((t + 1) * 10.0 + k) * (-1 if k % 2 else 1)


def write_header(f, samples):
    text = ''.join(f'C{i + 1:2d} {"LONG TRACES TEST FILE" if i == 0 else "":<76}'
                   for i in range(40)).encode('ascii')
    binary = bytearray(400)

    def bput(pos, fmt, value):
        struct.pack_into('>' + fmt, binary, pos - 3201, value)

    bput(3217, 'h', INTERVAL_US)
    bput(3221, 'h', 0)              # does not fit: see the extended count
    bput(3225, 'h', 5)              # IEEE float
    bput(3269, 'I', samples)        # rev 2 extended samples per trace
    bput(3501, 'B', 2)              # rev 2.0
    bput(3502, 'B', 0)
    bput(3503, 'h', 1)              # fixed-length traces
    f.write(text)
    f.write(bytes(binary))


def trace_header(t):
    header = bytearray(240)
    struct.pack_into('>i', header, segyio.TraceField.TRACE_SEQUENCE_LINE - 1, t + 1)
    struct.pack_into('>i', header, segyio.TraceField.FieldRecord - 1, 1 + t // 40)
    struct.pack_into('>i', header, segyio.TraceField.TraceNumber - 1, t % 40 + 1)
    struct.pack_into('>h', header, segyio.TraceField.TRACE_SAMPLE_INTERVAL - 1, INTERVAL_US)
    return bytes(header)


def write_huge(path):
    trace_bytes = 240 + 4 * HUGE_SAMPLES
    with open(path, 'wb') as f:
        f.truncate(3600 + HUGE_TRACES * trace_bytes)
        write_header(f, HUGE_SAMPLES)
        for t in range(HUGE_TRACES):
            base = 3600 + t * trace_bytes
            f.seek(base)
            f.write(trace_header(t))
            for k, s in enumerate(HUGE_SPIKES):
                f.seek(base + 240 + 4 * s)
                f.write(struct.pack('>f', huge_spike(t, k)))


def write_file(path):
    trace_bytes = 240 + 4 * SAMPLES
    t_sine = np.sin(np.arange(BURST) * 2 * np.pi / 64).astype(np.float64)
    with open(path, 'wb') as f:
        f.truncate(3600 + TRACES * trace_bytes)  # holes everywhere, then the blocks
        write_header(f, SAMPLES)
        for t in range(TRACES):
            base = 3600 + t * trace_bytes
            f.seek(base)
            f.write(trace_header(t))

            def put(first, values):
                f.seek(base + 240 + 4 * first)
                f.write(np.asarray(values, dtype='>f4').tobytes())

            for k in range(BURSTS):
                put(burst_start(k, t), (k + 1) * 100 * t_sine)
            put(spike_at(t), [-(t + 1) * 1000.0])
            if t == 5:
                put(1000, np.full(100, np.nan))
                put(1200, [7.0, -7.0])
                put(1300, [-np.inf])


def check_headers(path):
    """The header values as segyio's field offsets read them, and the size."""
    with open(path, 'rb') as f:
        data = f.read(3600 + 240)
    assert struct.unpack_from('>h', data, segyio.BinField.Interval - 1)[0] == INTERVAL_US
    assert struct.unpack_from('>h', data, segyio.BinField.Format - 1)[0] == 5
    assert struct.unpack_from('>I', data, 3269 - 1)[0] == SAMPLES
    assert struct.unpack_from('>i', data, 3600 + segyio.TraceField.FieldRecord - 1)[0] == 1
    assert os.path.getsize(path) == 3600 + TRACES * (240 + 4 * SAMPLES)


def samples_of(path):
    """All traces as numpy reads them: a (TRACES, SAMPLES) memmap, big-endian float32."""
    arr = np.memmap(path, dtype=np.uint8, mode='r', offset=3600,
                    shape=(TRACES, 240 + 4 * SAMPLES))
    return arr[:, 240:].view('>f4')


def peaks(x, factor):
    """Per bin of `factor` samples: the first sample of largest |x|, NaN passed over."""
    n = len(x)
    nout = -(-n // factor)
    padded = np.full(nout * factor, np.nan, dtype=np.float32)
    padded[:n] = x
    bins = padded.reshape(nout, factor)
    mag = np.where(np.isnan(bins), -1.0, np.abs(bins.astype(np.float64)))
    return bins[np.arange(nout), np.argmax(mag, axis=1)]


# (first trace, end trace, first sample, end sample, factor)
CASES = [
    (0, 3, 0, SAMPLES, 512),
    (0, 3, 0, SAMPLES, 1000),
    (126, 131, 12345, 1876543, 4096),
    (4, 7, 0, 20000, 3),
    (5, 6, 990, 1310, 1),
    (5, 6, 1000, 1400, 7),
    (5, 6, 1000, 1100, 50),
    (157, 160, 1_999_000, SAMPLES, 64),
    (159, 160, 1_999_999, SAMPLES, 2),
    (10, 12, 399_990, 404_111, 5),
    (0, 2, 0, SAMPLES, 65536),
    (0, 2, 7, SAMPLES - 3, 524_289),   # a bin is more than the 2 MB read block
    (0, 2, 0, SAMPLES, 3_000_000),     # one bin for the whole trace
    (20, 22, 333, 1_500_001, 300_001),
]


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, 'long_traces.sgy')
    write_file(path)
    check_headers(path)
    write_huge(os.path.join(out, 'huge_trace.sgy'))
    data = samples_of(path)
    cases = []
    for n, (t0, t1, s0, s1, factor) in enumerate(CASES):
        expected = np.concatenate([peaks(np.array(data[t, s0:s1], dtype=np.float32), factor)
                                   for t in range(t0, t1)]).astype('<f4')
        name = f'long_{n}.f32'
        expected.tofile(os.path.join(out, name))
        cases.append({'traces': [t0, t1], 'samples': [s0, s1], 'factor': factor, 'file': name})
    with open(os.path.join(out, 'long_traces.json'), 'w') as f:
        json.dump({'file': 'long_traces.sgy', 'traces': TRACES, 'samples': SAMPLES,
                   'interval_us': INTERVAL_US, 'bursts': BURSTS, 'burst_samples': BURST,
                   'burst_step': BURST_STEP, 'moveout': MOVEOUT, 'cases': cases,
                   'huge': {'file': 'huge_trace.sgy', 'traces': HUGE_TRACES,
                            'samples': HUGE_SAMPLES, 'spikes': HUGE_SPIKES,
                            'values': [[huge_spike(t, k) for k in range(len(HUGE_SPIKES))]
                                       for t in range(HUGE_TRACES)]}}, f, indent=1)


if __name__ == '__main__':
    main()
