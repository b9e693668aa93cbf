#!/usr/bin/python3
"""compare_segy.py A.sgy B.sgy: reads both with segyio, block by block (bounded memory), and
prints the trace count and the largest |a - b| relative to each trace's largest |b| (traces of
all zeros compared absolutely), and whether the trace headers are equal. A measuring aid of the
benchmarks, not a test; exits 1 when the shapes differ."""
import sys

import numpy as np
import segyio

with segyio.open(sys.argv[1], ignore_geometry=True) as a, \
        segyio.open(sys.argv[2], ignore_geometry=True) as b:
    a.mmap()
    b.mmap()
    if a.tracecount != b.tracecount or len(a.samples) != len(b.samples):
        print('shapes differ: %d x %d against %d x %d' % (a.tracecount, len(a.samples),
                                                         b.tracecount, len(b.samples)))
        sys.exit(1)
    worst = 0.0
    headers_equal = True
    step = 2000
    for start in range(0, a.tracecount, step):
        end = min(start + step, a.tracecount)
        x = a.trace.raw[start:end].astype(np.float64)
        y = b.trace.raw[start:end].astype(np.float64)
        scale = np.max(np.abs(y), axis=1)
        scale[scale == 0] = 1.0
        worst = max(worst, float(np.max(np.max(np.abs(x - y), axis=1) / scale)))
        for i in range(start, end, 97):  # a sample of the headers
            if a.header[i] != b.header[i]:
                headers_equal = False
    print('compared %d traces x %d samples: largest difference %.3g of the trace max; '
          'sampled trace headers %s' % (a.tracecount, len(a.samples), worst,
                                         'equal' if headers_equal else 'DIFFER'))
