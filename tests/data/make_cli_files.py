#!/usr/bin/python3
"""Input files and expected results for tst_cli (the seisview-cli tests).

Usage: make_cli_files.py OUTDIR

Writes into OUTDIR:
  - good files written by segyio (big- and little-endian, IBM and IEEE), with known sample values
    and trace headers, one with extended textual headers, and one with an ASCII textual header;
  - bad files derived from them byte by byte (too short, unknown format code, zero or absurd
    sample count);
  - expected.json: what `seisview-cli info`, `dump` and `headers` must print for the good files,
    with every value read back through segyio (or, for byte-position specs with a type segyio does
    not offer, unpacked from the raw bytes with struct);
  - *.f32: the expected `dump` output (raw little-endian float32, trace-major) per case.

Run with /usr/bin/python3, which has Debian's python3-segyio and python3-numpy.
"""

import json
import os
import shutil
import struct
import sys

import numpy as np
import segyio

TF = segyio.TraceField
BF = segyio.BinField

# Printable characters that mean the same in EBCDIC code page 037 and in segyio's table.
TEXT_LINES = {
    1: "CLIENT SEISVIEW TEST SUITE    COMPANY NONE    CREW NO 7",
    2: "LINE 17, REEL 3 (TEST FILE) - WRITTEN BY SEGYIO",
    5: "SAMPLE INTERVAL IN MICROSECONDS: SEE BINARY HEADER; 50% = HALF",
    9: "lower case text, digits 0123456789 and + - * / = ' _ ? # @ . : ;",
    39: "SEG Y REV1",
    40: "END EBCDIC",
}


def text_header(extra):
    lines = dict(TEXT_LINES)
    lines[3] = extra
    return segyio.tools.create_text_header(lines)


def joined_lines(block):
    """3200 bytes (as segyio decodes them) -> 40 lines of 80 characters joined by newlines."""
    if isinstance(block, (bytes, bytearray)):
        block = bytes(block).decode("latin-1")
    assert len(block) == 3200, len(block)
    chars = "".join(c if " " <= c < "\x7f" else " " for c in block)
    return "\n".join(chars[i : i + 80] for i in range(0, 3200, 80))


# Good files. `rev` is written into the 2-byte revision word through segyio, so in a
# little-endian file 1 puts 0x01 into byte 3501 (the major number) and in a big-endian file 256
# does.
GOOD = [
    dict(name="be_ibm.sgy", endian="big", format=1, traces=7, samples=25, dt=2000, rev=256,
         ext=["EXTENDED TEXT HEADER ONE OF ONE"]),
    dict(name="le_ieee.sgy", endian="little", format=5, traces=5, samples=11, dt=4000, rev=0,
         ext=[]),
    dict(name="le_ibm.sgy", endian="little", format=1, traces=6, samples=9, dt=500, rev=1,
         ext=["EXTENDED HEADER 1 OF 2", "EXTENDED HEADER 2 OF 2"]),
    dict(name="be_ieee.sgy", endian="big", format=5, traces=4, samples=30, dt=1000, rev=0,
         ext=[]),
]

# Binary header fields checked in `info`: the CLI's key -> segyio's BinField.
BIN_FIELDS = {
    "jobid": BF.JobID,
    "lino": BF.LineNumber,
    "reno": BF.ReelNumber,
    "ntrpr": BF.Traces,
    "nart": BF.AuxTraces,
    "hdt": BF.Interval,
    "dto": BF.IntervalOriginal,
    "hns": BF.Samples,
    "nso": BF.SamplesOriginal,
    "format": BF.Format,
    "fold": BF.EnsembleFold,
    "tsort": BF.SortingCode,
    "mfeet": BF.MeasurementSystem,
    "rev": BF.SEGYRevision,
    "trflag": BF.TraceFlag,
    "exth": BF.ExtendedHeaders,
}


def sample_values(index, traces, samples, fmt):
    rng = np.random.default_rng(1234 + index)
    data = rng.normal(0.0, 1000.0, size=(traces, samples)).astype(np.float32)
    data[0, :] = np.arange(samples, dtype=np.float32) * 0.25 - 2.0  # exact in every format
    if fmt == 5:
        # IEEE keeps every bit pattern; IBM has no infinities, NaNs or denormals.
        data[1, 0] = np.float32(-0.0)
        data[1, 1] = np.float32(1e-40)  # denormal
        data[1, 2] = np.float32(np.inf)
        data[1, 3] = np.float32(-3.4e38)
    return data


def header_values(i):
    return {
        TF.TRACE_SEQUENCE_LINE: i + 1,
        TF.FieldRecord: 100 + i,
        TF.CDP: 1000 + 7 * i,
        TF.offset: -50 + 25 * i,
        TF.ElevationScalar: 10,
        TF.SourceGroupScalar: -100,
        TF.SourceX: 500000 + i,
        TF.CDP_X: [-5, 2147483647, -2147483648, 400000, -1, 0, 77][i % 7],
        TF.CDP_Y: 123456 * (i + 1),
        TF.INLINE_3D: 10 + i // 2,
        TF.CROSSLINE_3D: [20, 21][i % 2] if i != 3 else -70000,
        TF.ShotPoint: -i,
    }


def write_good(index, g):
    spec = segyio.spec()
    spec.format = g["format"]
    spec.samples = list(range(g["samples"]))
    spec.tracecount = g["traces"]
    spec.ext_headers = len(g["ext"])
    spec.endian = g["endian"]
    data = sample_values(index, g["traces"], g["samples"], g["format"])
    path = os.path.join(OUT, g["name"])
    with segyio.create(path, spec) as f:
        f.text[0] = text_header("FILE " + g["name"])
        for k, ext in enumerate(g["ext"], start=1):
            f.text[k] = segyio.tools.create_text_header({1: ext, 40: "END EXTENDED"})
        for i in range(g["traces"]):
            h = header_values(i)
            h[TF.TRACE_SAMPLE_COUNT] = g["samples"]
            h[TF.TRACE_SAMPLE_INTERVAL] = g["dt"]
            f.header[i] = h
            f.trace[i] = data[i]
        f.bin.update(
            {
                BF.Interval: g["dt"],
                BF.IntervalOriginal: g["dt"],
                BF.JobID: 4711 + index,
                BF.LineNumber: 17,
                BF.ReelNumber: 3,
                BF.Traces: g["traces"],
                BF.AuxTraces: 0,
                BF.EnsembleFold: 12,
                BF.SortingCode: 4,
                BF.MeasurementSystem: 1,
                BF.SEGYRevision: g["rev"],
                BF.TraceFlag: 1,
            }
        )
    return path


def write_ascii_copy(src, name):
    """A copy of `src` whose textual header is written in ASCII rather than EBCDIC."""
    path = os.path.join(OUT, name)
    shutil.copyfile(src, path)
    text = text_header("ASCII TEXTUAL HEADER").encode("ascii")
    with open(path, "r+b") as f:
        f.write(text)
    return path, joined_lines(text)


def expected_info(path, endian):
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        raw = open(path, "rb").read()
        return {
            "traces": f.tracecount,
            "samples": len(f.samples),
            "sample_interval_us": float(segyio.tools.dt(f)),
            "format": int(f.bin[BF.Format]),
            "endianness": f.endian,
            "text_header": joined_lines(f.text[0]),
            "extended_text_headers": [joined_lines(f.text[k]) for k in range(1, f.ext_headers + 1)],
            "binary_header": dict(
                {k: int(f.bin[v]) for k, v in BIN_FIELDS.items()},
                rev_major=raw[3500],
                rev_minor=raw[3501],
            ),
            "warnings": [],
        }


def expected_dumps(path, endian, stem):
    """Dump cases: CLI arguments (besides the file and -o) and the file with the expected bytes."""
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        data = np.asarray(f.trace.raw[:], dtype="<f4")
    nt, ns = data.shape
    cases = [
        ([], (0, nt), (0, ns)),
        (["--traces", "1:%d" % (nt - 1)], (1, nt - 1), (0, ns)),
        (["--samples", "2:%d" % (ns - 3)], (0, nt), (2, ns - 3)),
        (["--traces", "%d:%d" % (nt - 2, nt), "--samples", "0:%d" % (ns // 2)],
         (nt - 2, nt), (0, ns // 2)),
        (["--samples", "%d:%d" % (ns // 3, ns), "--traces", "0:1"], (0, 1), (ns // 3, ns)),
        (["--traces", "2:3", "--samples", "%d:%d" % (ns - 1, ns)], (2, 3), (ns - 1, ns)),
        (["--traces", "0:%d" % nt, "--samples", "0:%d" % ns], (0, nt), (0, ns)),
        (["--traces", "3:3"], (3, 3), (0, ns)),
        (["--samples", "4:4"], (0, nt), (4, 4)),
    ]
    out = []
    for k, (args, (t0, t1), (s0, s1)) in enumerate(cases):
        name = "%s.dump%d.f32" % (stem, k)
        block = np.ascontiguousarray(data[t0:t1, s0:s1], dtype="<f4")
        assert block.size == (t1 - t0) * (s1 - s0)
        with open(os.path.join(OUT, name), "wb") as g:
            g.write(block.tobytes())
        out.append({"args": args, "expected": name, "values": int(block.size)})
    return out


STRUCT_TYPES = {"i2": "h", "u2": "H", "i4": "i", "u4": "I"}
SEGYIO_NAMES = {  # SU key -> segyio TraceField, for the expected values of key names
    "tracl": TF.TRACE_SEQUENCE_LINE,
    "fldr": TF.FieldRecord,
    "cdp": TF.CDP,
    "offset": TF.offset,
    "scalel": TF.ElevationScalar,
    "scalco": TF.SourceGroupScalar,
    "sx": TF.SourceX,
    "ns": TF.TRACE_SAMPLE_COUNT,
    "dt": TF.TRACE_SAMPLE_INTERVAL,
    "cdpx": TF.CDP_X,
    "cdpy": TF.CDP_Y,
    "iline": TF.INLINE_3D,
    "xline": TF.CROSSLINE_3D,
    "sp": TF.ShotPoint,
}


def field_value(f, raw, first, trace_bytes, endian, i, spec):
    if spec[0].isdigit():
        byte, _, typ = spec.partition(":")
        typ = typ or "i4"
        fmt = (">" if endian == "big" else "<") + STRUCT_TYPES[typ]
        pos = first + i * trace_bytes + int(byte) - 1
        value = struct.unpack_from(fmt, raw, pos)[0]
        # Cross-check against segyio where it reads the same bytes with the same type.
        if typ == "i4" and int(byte) in (1, 5, 9, 21, 37, 181, 185, 189, 193):
            assert value == f.header[i][int(byte)], (spec, value)
        if typ == "i2" and int(byte) in (69, 71, 115, 117):
            assert value == f.header[i][int(byte)], (spec, value)
        if typ == "u4" and int(byte) == 181:
            assert value == f.header[i][TF.CDP_X] & 0xFFFFFFFF, (spec, value)
        return value
    key = SEGYIO_NAMES.get(spec)
    if key is None:
        key = getattr(TF, spec)
    return int(f.header[i][key])


def expected_headers(path, endian, nt):
    specs = [
        ("fldr,cdp,offset,iline,xline", None),
        ("FieldRecord,CDP,offset,INLINE_3D,CROSSLINE_3D", None),
        ("cdpx,CDP_Y,scalco,SourceGroupScalar,ns,TRACE_SAMPLE_INTERVAL,sp", "1:4"),
        ("189,189:i4,71:i2,181:u4,181:i4,69:i2,115:u2", None),
        ("191:i2,189:i2,193:u4,9:u4,37:i4,37:u4,21", "%d:%d" % (nt - 2, nt)),
        ("tracl,xline,CROSSLINE_3D,195:i2,cdpx,181:u4", "3:4"),
        ("fldr,cdp", "2:2"),
    ]
    out = []
    raw = open(path, "rb").read()
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        first = 3600 + 3200 * f.ext_headers
        trace_bytes = 240 + len(f.samples) * 4  # every format used here has 4-byte samples
        assert nt == f.tracecount
        for fields, traces in specs:
            t0, t1 = (0, nt) if traces is None else map(int, traces.split(":"))
            rows = [
                [field_value(f, raw, first, trace_bytes, endian, i, s) for s in fields.split(",")]
                for i in range(t0, t1)
            ]
            out.append({"fields": fields, "traces": traces, "rows": rows})
    return out


def ensemble_runs(columns):
    """`seisview-cli ensembles` rows (ensemble, first trace, trace count, key values...): runs of
    consecutive equal key tuples, computed here from segyio's columns."""
    rows = []
    for i, key in enumerate(zip(*columns)):
        if rows and tuple(rows[-1][3:]) == key:
            rows[-1][2] += 1
        else:
            rows.append([len(rows), i, 1] + [int(v) for v in key])
    return rows


def write_gathers(name):
    """A file of irregular gathers: sizes 1 to 4, the first and the last trace on their own, a
    fldr value that comes back later, and cdp changing inside one gather and not across another."""
    fldr = [9, 5, 5, 5, 6, 6, 5, 7, 7, 7, 7, 8, 6, 6, 3]
    cdp = [1, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7]
    spec = segyio.spec()
    spec.format = 5
    spec.samples = list(range(6))
    spec.tracecount = len(fldr)
    spec.endian = "big"
    path = os.path.join(OUT, name)
    with segyio.create(path, spec) as f:
        f.text[0] = text_header("FILE " + name + " (IRREGULAR GATHERS)")
        f.bin.update({BF.Interval: 1000, BF.Samples: 6, BF.Format: 5})
        for i in range(len(fldr)):
            f.header[i] = {TF.TRACE_SEQUENCE_LINE: i + 1, TF.FieldRecord: fldr[i], TF.CDP: cdp[i],
                           TF.TRACE_SAMPLE_COUNT: 6, TF.TRACE_SAMPLE_INTERVAL: 1000}
            f.trace[i] = np.full(6, i, dtype=np.float32)
    return path


def expected_ensembles(path, endian, keys_list):
    """For each key spec: the rows `seisview-cli ensembles --keys SPEC` must print."""
    out = []
    with segyio.open(path, ignore_geometry=True, endian=endian) as f:
        for keys in keys_list:
            columns = []
            for k in keys.split(","):
                k = k.strip()
                field = int(k.split(":")[0]) if k[0].isdigit() else SEGYIO_NAMES.get(k)
                if field is None:
                    field = getattr(TF, k)
                columns.append([int(v) for v in f.attributes(field)[:]])
            out.append({"keys": keys, "rows": ensemble_runs(columns)})
    return out


def patch(src, name, edits, size=None):
    """A copy of `src` with `edits` (offset, struct format, value) applied, truncated to `size`."""
    path = os.path.join(OUT, name)
    raw = bytearray(open(src, "rb").read())
    for offset, fmt, value in edits:
        struct.pack_into(fmt, raw, offset, value)
    if size is not None:
        raw = raw[:size]
    with open(path, "wb") as f:
        f.write(raw)
    return name


def trace_ns_edits(first, trace_bytes, count, value):
    return [(first + i * trace_bytes + 114, ">H", value) for i in range(count)]


def main():
    global OUT
    if len(sys.argv) != 2:
        sys.exit("usage: make_cli_files.py OUTDIR")
    OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)

    expected = {"files": [], "errors": []}
    paths = {}
    for index, g in enumerate(GOOD):
        path = write_good(index, g)
        paths[g["name"]] = path
        stem = g["name"].rsplit(".", 1)[0]
        info = expected_info(path, g["endian"])
        assert info["endianness"] == g["endian"]
        assert info["binary_header"]["format"] == g["format"]
        assert len(info["extended_text_headers"]) == len(g["ext"])
        expected["files"].append(
            {
                "name": g["name"],
                "info": info,
                "dumps": expected_dumps(path, g["endian"], stem),
                "headers": expected_headers(path, g["endian"], g["traces"]),
            }
        )

    # The same data as be_ieee.sgy behind an ASCII textual header.
    path, text = write_ascii_copy(paths["be_ieee.sgy"], "be_ieee_ascii.sgy")
    info = expected_info(path, "big")
    info["text_header"] = text
    expected["files"].append({"name": "be_ieee_ascii.sgy", "info": info, "dumps": [],
                              "headers": []})

    # Bad files, all derived from be_ibm.sgy (big-endian, 1 extended header, 7 x 25 IBM).
    src = paths["be_ibm.sgy"]
    first, tb, nt = 3600 + 3200, 240 + 25 * 4, 7
    errors = expected["errors"]
    errors.append({"file": patch(src, "short.sgy", [], size=1000), "values": ["1000", "3600"]})
    errors.append({"file": patch(src, "short3599.sgy", [], size=3599), "values": ["3599"]})
    errors.append({"file": patch(src, "empty.sgy", [], size=0), "values": ["0"]})
    errors.append({"file": patch(src, "format13.sgy", [(3224, ">h", 13)]), "values": ["13"]})
    errors.append({"file": patch(src, "format300.sgy", [(3224, ">h", 300)]), "values": ["300"]})
    errors.append({"file": patch(src, "format0.sgy", [(3224, ">h", 0)]), "values": ["0"]})
    # Zero samples everywhere: binary header and every trace header.
    errors.append({"file": patch(src, "zerons.sgy", [(3220, ">H", 0)] +
                                 trace_ns_edits(first, tb, nt, 0)), "values": ["0"]})
    # An absurd sample count, the trace headers agreeing (so no fallback can rescue it).
    errors.append({"file": patch(src, "hugens.sgy", [(3220, ">H", 60000)] +
                                 trace_ns_edits(first, tb, nt, 60000)), "values": ["60000"]})
    # Rev 2 with an absurd extended sample count and no usable trace-header count.
    errors.append({"file": patch(src, "hugeextns.sgy",
                                 [(3500, ">B", 2), (3501, ">B", 0), (3268, ">I", 0x7FFFFFFF)] +
                                 trace_ns_edits(first, tb, nt, 0)), "values": ["2147483647"]})
    # An extended textual header count that runs past the end of the file.
    errors.append({"file": patch(src, "exth.sgy", [(3504, ">h", 500)]), "values": ["500"]})

    # `ensembles`: a file of irregular gathers and two of the good files (iline runs of 2, and
    # fldr, unique per trace, so every trace is a gather of its own).
    gathers = write_gathers("gathers.sgy")
    expected["ensembles"] = [
        {"name": "gathers.sgy",
         "cases": expected_ensembles(gathers, "big", ["fldr", "cdp", "fldr,cdp", "FieldRecord,21",
                                                      "cdp,fldr", "9:i4, CDP"])},
        {"name": "be_ibm.sgy",
         "cases": expected_ensembles(paths["be_ibm.sgy"], "big", ["iline", "iline,xline"])},
        {"name": "le_ieee.sgy",
         "cases": expected_ensembles(paths["le_ieee.sgy"], "little", ["fldr", "INLINE_3D"])},
    ]
    rows = expected["ensembles"][0]["cases"][0]["rows"]
    assert len(rows) == 8 and rows[0][2] == 1 and rows[-1][2] == 1, rows

    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)


if __name__ == "__main__":
    main()
