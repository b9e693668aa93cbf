#!/usr/bin/python3
"""make_big_segy.py OUT TRACES SAMPLES: a plain big-endian IEEE SEG-Y file written with numpy
alone (fast even for hundreds of MB), for tests that need a conversion to take a while: EBCDIC
blank text header, interval 4000 us, samples, format 5 in the binary header; each trace header
holds fldr (trace // 100), tracf, ns and dt; samples are seeded noise."""
import sys

import numpy as np

out, n, ns = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
binary = np.zeros(400, np.uint8)
binary[16:18] = np.frombuffer(np.array(4000, '>u2').tobytes(), np.uint8)  # 3217 interval
binary[20:22] = np.frombuffer(np.array(ns, '>u2').tobytes(), np.uint8)  # 3221 samples
binary[24:26] = np.frombuffer(np.array(5, '>u2').tobytes(), np.uint8)  # 3225 format
binary[300:302] = np.frombuffer(np.array(0x0100, '>u2').tobytes(), np.uint8)  # rev 1.0
rng = np.random.default_rng(7)
with open(out, 'wb') as f:
    f.write(b'\x40' * 3200)
    f.write(binary.tobytes())
    block = 1000
    for first in range(0, n, block):
        count = min(block, n - first)
        traces = np.zeros((count, 240 + 4 * ns), np.uint8)
        idx = np.arange(first, first + count)
        traces[:, 8:12] = (idx // 100).astype('>i4').view(np.uint8).reshape(count, 4)
        traces[:, 12:16] = (idx % 100 + 1).astype('>i4').view(np.uint8).reshape(count, 4)
        traces[:, 114:116] = np.full(count, ns, '>u2').view(np.uint8).reshape(count, 2)
        traces[:, 116:118] = np.full(count, 4000, '>u2').view(np.uint8).reshape(count, 2)
        data = rng.standard_normal((count, ns)).astype('>f4')
        traces[:, 240:] = data.view(np.uint8).reshape(count, 4 * ns)
        f.write(traces.tobytes())
