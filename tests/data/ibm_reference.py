#!/usr/bin/env python3
"""IEEE float32 -> IBM float reference for tst_sampleencoder, by exact rational arithmetic.

Usage: ibm_reference.py IN OUT
IN holds little-endian float32 values; OUT receives one big-endian 32-bit IBM word per value.
Prints one JSON line: {"values": N, "ties": T, "renormalised": R} (how many values were exactly
halfway between two IBM neighbours, and how many rounded up to a 25-bit mantissa).

Written independently of the library: an IBM word is (-1)^s * m * 16^(e - 64) / 2^24 with m in
[2^20, 2^24) (normalized). For |x| > 0 the exponent e is the one with
16^(e-65) <= |x| < 16^(e-64), m = round(|x| / 16^(e-70)) to nearest, ties to even (Python's
round of a Fraction), and m = 2^24 is renormalised to 2^20 with e + 1. NaN -> 0; +/-0 keep their
sign (0 / 0x80000000); +/-inf and anything beyond the largest IBM value -> sign | 0x7fffffff.
"""
import json
import math
import sys
from fractions import Fraction

import numpy as np

SIXTEEN = Fraction(16)


def ibm_word(x):
    if math.isnan(x):
        return 0, False, False
    sign = 0x80000000 if math.copysign(1.0, x) < 0 else 0
    if math.isinf(x):
        return sign | 0x7FFFFFFF, False, False
    a = Fraction(abs(x))  # exact: a Python float holds the float32 value exactly
    if a == 0:
        return sign, False, False
    # A first guess from the binary exponent, then corrected exactly.
    _, e2 = math.frexp(abs(x))  # |x| = f * 2^e2, f in [0.5, 1)
    e = 64 + (e2 + 3) // 4
    while a >= SIXTEEN ** (e - 64):
        e += 1
    while a < SIXTEEN ** (e - 65):
        e -= 1
    q = a / SIXTEEN ** (e - 70)  # in [2^20, 2^24)
    m = round(q)  # ties to even
    tie = q.denominator == 2
    renormalised = False
    if m == 1 << 24:
        m = 1 << 20
        e += 1
        renormalised = True
    if e > 127:
        return sign | 0x7FFFFFFF, tie, renormalised
    if e < 0:
        return sign, tie, renormalised
    return sign | (e << 24) | m, tie, renormalised


def main():
    values = np.fromfile(sys.argv[1], dtype="<f4")
    words = np.empty(len(values), dtype=">u4")
    ties = 0
    renormalised = 0
    for i, v in enumerate(values.tolist()):  # tolist(): exact Python floats
        w, tie, renorm = ibm_word(v)
        words[i] = w
        ties += tie
        renormalised += renorm
    words.tofile(sys.argv[2])
    print(json.dumps({"values": int(len(values)), "ties": ties, "renormalised": renormalised}))


if __name__ == "__main__":
    main()
