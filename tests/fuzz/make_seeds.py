#!/usr/bin/python3
"""Writes the fuzzers' seed corpus: make_seeds.py DATA_DIR OUT_DIR.

DATA_DIR is what tests/data/make_test_files.py wrote (SEG-Y files and manifest.json). Seeds stay
small (at most 8 KiB each, a handful per target) so that libFuzzer's default input length stays
small too:
- OUT_DIR/fuzz_segyopen: a few of the test files, cut to 8 KiB (a cut file keeps its whole
  traces).
- OUT_DIR/fuzz_ensemblecache: valid cache entries (the layout in core/ensembles/src/ensemblecache.h,
  written here independently) for the runs the manifest lists, each behind the fuzz target's own
  prefix: one byte (bit 0: two keys, fldr and cdp) and the trace count (i64 little-endian); the
  identity is "fuzz".
- OUT_DIR/fuzz_zarrchunk: chunks numcodecs (zarr-python's codecs) encodes, of a few float32
  traces, with Blosc (each inner compressor and shuffle), zlib, gzip and zstd, each behind the
  fuzz target's prefix: the codec's index (0 Blosc, 1 zlib, 2 gzip, 3 zstd) and the decoded size
  minus 1 (u16 little-endian).
"""

import hashlib
import json
import os
import struct
import sys

SEGY_SEEDS = ["one_trace.sgy", "one_sample.sgy", "ensembles_small.sgy", "ext_hdt.sgy",
              "ext_var.sgy", "text_ascii.sgy", "bad_word_le.sgy", "hand_f16_le.sgy",
              "segyio_f1_be.sgy", "segyio_f3_le.sgy"]
MAX_SEED = 8192


def text(b):
    return struct.pack("<I", len(b)) + b


def entry(trace_count, runs, two_keys, source=b"/seed/ensembles.sgy"):
    body = b"SVENSIDX" + struct.pack("<I", 2)
    body += text(source) + struct.pack("<qq", 9856, 1_700_000_000_123_456_789)
    body += text(b"fuzz")
    keys = [(9, b"fldr"), (21, b"cdp")][: 2 if two_keys else 1]
    body += struct.pack("<I", len(keys))
    for byte, name in keys:
        body += struct.pack("<i", byte) + text(b"i4") + text(name)
    body += struct.pack("<qq", trace_count, len(runs))
    body += b"".join(struct.pack("<q", r[0]) for r in runs)
    body += b"".join(struct.pack("<q", r[2]) for r in runs)
    if two_keys:
        body += b"".join(struct.pack("<q", r[3]) for r in runs)
    body += hashlib.sha1(body).digest()
    return bytes([1 if two_keys else 0]) + struct.pack("<q", trace_count) + body


def main():
    data, out = sys.argv[1], sys.argv[2]
    segy = os.path.join(out, "fuzz_segyopen")
    cache = os.path.join(out, "fuzz_ensemblecache")
    os.makedirs(segy, exist_ok=True)
    os.makedirs(cache, exist_ok=True)
    for name in SEGY_SEEDS:
        with open(os.path.join(data, name), "rb") as f:
            raw = f.read(MAX_SEED)
        with open(os.path.join(segy, name), "wb") as f:
            f.write(raw)
    with open(os.path.join(data, "manifest.json")) as f:
        manifest = json.load(f)
    seeds = {"empty.entry": entry(0, [], False)}
    for e in manifest["ensembles"]:
        stem = os.path.splitext(e["name"])[0]
        for keys, runs in e["runs"].items():
            two = "," in keys
            runs = runs[:100]  # keeps the seed small: the runs cover the traces they list
            traces = runs[-1][0] + runs[-1][1]
            if len(runs) == 1:
                continue
            seeds["%s_%s.entry" % (stem, keys.replace(",", "_"))] = entry(traces, runs, two)
    for name, b in seeds.items():
        assert len(b) <= MAX_SEED, name
        with open(os.path.join(cache, name), "wb") as f:
            f.write(b)
    chunk_seeds(out)


def chunk_seeds(out):
    import numcodecs
    import numpy as np
    d = os.path.join(out, "fuzz_zarrchunk")
    os.makedirs(d, exist_ok=True)
    i = np.arange(1000)
    arrays = {"smooth": (np.round(1000 * np.sin(0.05 * i)) / 8).astype("<f4"),
              "noise": np.random.default_rng(1).standard_normal(300).astype("<f4"),
              "one": np.array([1.5], "<f4")}
    codecs = [(0, "blosc_%s_%d" % (c, s), numcodecs.Blosc(cname=c, clevel=5, shuffle=s))
              for c in ("lz4", "lz4hc", "zstd", "blosclz", "zlib") for s in (0, 1, 2)]
    codecs += [(1, "zlib", numcodecs.Zlib(level=5)), (2, "gzip", numcodecs.GZip(level=5)),
               (3, "zstd", numcodecs.Zstd(level=3))]
    for index, cname, codec in codecs:
        for aname, a in arrays.items():
            b = bytes([index]) + struct.pack("<H", a.nbytes - 1) + bytes(codec.encode(a))
            assert len(b) <= MAX_SEED
            with open(os.path.join(d, "%s_%s.chunk" % (cname, aname)), "wb") as f:
                f.write(b)


if __name__ == "__main__":
    main()
