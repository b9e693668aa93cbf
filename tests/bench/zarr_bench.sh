#!/bin/bash
# zarr_bench.sh IN.sgy [BUILD_DIR] [SHARED_BENCH_DIR] [OUTDIR] [REPEAT]
#
# Zarr stores against the Python baseline and the machine's floor, in one run (issue 11's
# benchmark). A measuring tool, not a test: it never fails on timings. IN is page-cached first.
#   BUILD_DIR         the Release build (default: build), with seisview-cli, seis-codec-floor,
#                     seis-header-time
#   SHARED_BENCH_DIR  the reference scripts (default ../shared/bench beside the repository;
#                     zarr_baseline.py); the baseline rows are left out when it is missing
#   OUTDIR            where the stores are written (default /dev/shm: a tmpfs, so conversions are
#                     measured against the codec, not this machine's disk; give a disk directory to
#                     include writing it)
#   REPEAT            rounds, each measurement once per round in turn (default 2)
# DISKDIR (environment, default IN's directory) holds the store the header, window and info
# sections read: on a disk, so that it can be evicted from the page cache (a tmpfs cannot).
# OLD_CLI (environment): another seisview-cli whose conversion is timed beside this one's.
# SECTIONS (environment, default "convert codecs headers windows info") picks sections;
# CODEC_FILES (environment) the files of the codec table, each PATH[:MAX_TRACES[:CHUNK_TRACES]]
# (default: IN's first 50000 traces and BUILD_DIR/resources/demo_shots.sgy; 1000-trace chunks).
#
#   convert  seisview-cli convert (zstd 3, bit shuffle, 1000-trace chunks) vs zarr_baseline.py
#            with the same codec and chunks vs the codec floor (seis-codec-floor: the same decoded
#            samples compressed in memory on every core, same Blosc settings); then seisview's
#            default codec and chunks. Seconds, output size, ratio.
#   codecs   seis-codec-floor over Blosc compressors, levels and shuffles: MB/s to compress and
#            to decompress on every core, and the ratio.
#   headers  three header columns (fldr, tracf, cdp = bytes 9, 13, 21) of every trace: from the
#            store (seis-header-time: open + read in the process; and seisview-cli headers to a
#            discarded stdout) vs segyio open + attributes() on IN, cold (every file of the store
#            and IN evicted from the page cache with posix_fadvise(DONTNEED)) and warm.
#   windows  seisview-cli scroll --json on IN and on the store: random 1000-trace windows (the
#            jump phase; through the tile cache and with --cache-mb 0), scrolling p99 with
#            prefetch on and off, peak RSS against the cache budget.
#   info     seisview-cli info on a store of 10^8 x 2500 (metadata only: no chunk is written,
#            missing chunks read as the fill value) vs the small store of the demo shots.
set -euo pipefail
in=$1
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${2:-$here/build}
shared=${3:-$here/../shared/bench}
outdir=${4:-/dev/shm}
repeat=${5:-2}
sections=${SECTIONS:-convert codecs headers windows info}
cli=$build/app/cli/seisview-cli
floor=$build/tests/bench/seis-codec-floor
htime=$build/tests/bench/seis-header-time
demo=$build/resources/demo_shots.sgy
py=/usr/bin/python3
for p in "$cli" "$floor" "$htime"; do
    [[ -x $p ]] || { echo "missing $p: build the Release targets seisview-cli seis-codec-floor seis-header-time" >&2; exit 2; }
done
baseline=$shared/zarr_baseline.py
[[ -f $baseline ]] || { echo "no $baseline: baseline rows left out" >&2; baseline=; }
work=$(mktemp -d "$outdir/zarr_bench.XXXXXX")
disk=$(mktemp -d "${DISKDIR:-$(dirname "$in")}/zarr_bench.XXXXXX")
trap 'rm -rf "$work" "$disk"' EXIT
now() { date +%s.%N; }
since() { $py -c "import sys; print('%.3f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }
json() { $py -c "import json,sys; d=json.loads(sys.stdin.read()); print(eval(sys.argv[1], {}, d))" "$1"; }
du_b() { du -sb "$1" | cut -f1; }
# Runs a command with its stdout kept in $work/out; prints "WALL s (cpu CPU s)": the CPU seconds
# (user + system) of the command and its children, less sensitive than wall time to other users
# of a shared machine.
cpu_timed() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/out"
    awk '{printf "%.3f s (cpu %.2f s)", $1, $2 + $3}' "$work/time"
}
# Evicts every file under the paths from the page cache (clean pages; dirty ones are synced
# first).
evict() {
    sync
    $py - "$@" <<'EOF'
import os, sys
for top in sys.argv[1:]:
    paths = [top] if os.path.isfile(top) else [os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs]
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        os.close(fd)
EOF
}
# In-process timing of segyio open + attributes() for bytes 9, 13, 21 (what a Python user gets).
segyio_headers() {
    $py - "$1" <<'EOF'
import sys, time
t = time.perf_counter()
import segyio
t0 = time.perf_counter()
with segyio.open(sys.argv[1], ignore_geometry=True) as f:
    f.mmap()
    cols = [f.attributes(b)[:] for b in (9, 13, 21)]
t1 = time.perf_counter()
print("total_s %.6f checksum %d" % (t1 - t0, sum(int(c.astype("int64").sum()) for c in cols)))
EOF
}

cat "$in" > /dev/null
traces=$("$cli" info "$in" | json traces)
samples=$("$cli" info "$in" | json samples)
echo "input: $in, $traces traces x $samples samples, $(stat -c %s "$in") bytes; outputs in $outdir"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(uname -r)"

store=$disk/default.zarr # seisview's defaults, on disk, for the sections after convert
if [[ " $sections " == *" convert "* ]]; then
    echo
    echo "== conversion, zstd 3 bit shuffle, 1000-trace chunks (seconds; size; ratio of input bytes to output bytes)"
    for ((r = 1; r <= repeat; r++)); do
        o=$work/s.zarr
        tm=$(cpu_timed "$cli" convert "$in" "$o" --chunk-traces 1000 --codec zstd --level 3 --shuffle bit --quiet)
        j=$(cat "$work/out")
        echo "round $r: seisview-cli convert        $tm  $(du_b "$o") bytes  ratio $(echo "$j" | json 'round(ratio,3)')"
        rm -rf "$o"
        if [[ -n ${OLD_CLI:-} ]]; then # another build, for an A/B of a change
            tm=$(cpu_timed "$OLD_CLI" convert "$in" "$o" --chunk-traces 1000 --codec zstd --level 3 --shuffle bit --quiet)
            echo "round $r: OLD_CLI convert             $tm  $(du_b "$o") bytes"
            rm -rf "$o"
        fi
        if [[ -n $baseline ]]; then
            o=$work/b.zarr
            tm=$(cpu_timed "$py" "$baseline" "$in" "$o" 1000 zstd 3 2)
            echo "round $r: zarr_baseline.py            $tm  $(du_b "$o") bytes"
            rm -rf "$o"
        fi
        "$floor" "$in" --chunk-traces 1000 --codecs zstd:3:bit --repeat 1 2> /dev/null |
            $py -c "import json,sys; d=json.loads(sys.stdin.read()); print('round $r: codec floor (in memory)      %.3f s (cpu %.2f s)  %d bytes of samples  ratio %.3f' % (d['encode_s'], d['encode_cpu_s'], d['bytes_out'], d['ratio']))"
    done
    echo
    echo "== conversion with seisview's defaults (to $outdir; then to $disk, synced)"
    for ((r = 1; r <= repeat; r++)); do
        for o in "$work/d.zarr" "$store"; do
            rm -rf "$o"
            tm=$(cpu_timed "$cli" convert "$in" "$o" --quiet)
            j=$(cat "$work/out")
            echo "round $r: seisview-cli convert (defaults) $tm  $(du_b "$o") bytes  ratio $(echo "$j" | json 'round(ratio,3)')  chunks $(echo "$j" | json chunks)  -> $(dirname "$o")"
        done
        rm -rf "$work/d.zarr"
        if [[ -n $baseline ]]; then # the baseline with the same codec (its chunks: 1000 traces)
            o=$work/b.zarr
            tm=$(cpu_timed "$py" "$baseline" "$in" "$o" 1000 lz4 9 2)
            echo "round $r: zarr_baseline.py lz4 9 bit       $tm  $(du_b "$o") bytes"
            rm -rf "$o"
        fi
    done
fi
[[ -d $store ]] || "$cli" convert "$in" "$store" --quiet > /dev/null

if [[ " $sections " == *" codecs "* ]]; then
    echo
    echo "== codecs (seis-codec-floor: every core, decoded samples in memory; MB/s of samples)"
    codecs=${CODECS:-lz4:1:byte,lz4:5:byte,lz4:9:byte,lz4:5:bit,lz4:9:bit,lz4:5:none,blosclz:5:byte,blosclz:5:bit,zstd:1:byte,zstd:1:bit,zstd:3:byte,zstd:3:bit,zstd:5:bit,zlib:1:byte,zlib:5:byte,lz4hc:5:byte}
    files=${CODEC_FILES:-"$in:50000 $demo"}
    for f in $files; do
        IFS=: read -r path max chunk <<< "$f"
        [[ -f $path ]] || { echo "no $path"; continue; }
        opts=(--chunk-traces "${chunk:-1000}")
        [[ -n $max ]] && opts+=(--max-traces "$max")
        echo "-- $path ${opts[*]}"
        "$floor" "$path" "${opts[@]}" --codecs "$codecs" --repeat 1 2> /dev/null |
            $py -c "
import json, sys
print('%-8s %5s %7s %7s %12s %12s' % ('codec', 'level', 'shuffle', 'ratio', 'compress', 'decompress'))
for l in sys.stdin:
    d = json.loads(l)
    print('%-8s %5d %7s %7.3f %7.0f MB/s %7.0f MB/s' % (d['cname'], d['level'], d['shuffle'], d['ratio'], d['encode_mbs'], d['decode_mbs']))"
    done
fi

if [[ " $sections " == *" headers "* ]]; then
    echo
    echo "== three header columns (fldr, tracf, cdp) of all $traces traces: open + read, seconds"
    for ((r = 1; r <= repeat; r++)); do
        evict "$store" "$in"
        echo "round $r: cold  store seis-header-time  $("$htime" "$store" fldr,tracf,cdp)"
        evict "$store" "$in"
        echo "round $r: cold  SEG-Y segyio attributes $(segyio_headers "$in")"
        evict "$store" "$in"
        t=$(now)
        "$cli" headers "$store" --fields fldr,tracf,cdp -o - > /dev/null
        echo "round $r: cold  store seisview-cli headers (process, CSV) $(since "$t") s"
        evict "$store" "$in"
        t=$(now)
        "$cli" headers "$in" --fields fldr,tracf,cdp -o - > /dev/null
        echo "round $r: cold  SEG-Y seisview-cli headers (process, CSV) $(since "$t") s"
        cat "$in" > /dev/null
        "$htime" "$store" fldr,tracf,cdp > /dev/null
        echo "round $r: warm  store seis-header-time  $("$htime" "$store" fldr,tracf,cdp)"
        echo "round $r: warm  SEG-Y segyio attributes $(segyio_headers "$in")"
        echo "round $r: warm  SEG-Y seis-header-time  $("$htime" "$in" fldr,tracf,cdp)"
        t=$(now)
        "$cli" headers "$store" --fields fldr,tracf,cdp -o - > /dev/null
        echo "round $r: warm  store seisview-cli headers (process, CSV) $(since "$t") s"
    done
    cat "$in" > /dev/null
fi

if [[ " $sections " == *" windows "* ]]; then
    echo
    echo "== windows: seisview-cli scroll --json (1000-trace windows; jump = 100 random windows)"
    fmt() {
        $py -c "
import json, sys
d = json.loads(sys.stdin.read())
s, j = d['scroll'], d['jump']
print('scroll p50/p99 %.3f/%.3f ms  jump p50/p95/p99 %.2f/%.2f/%.2f ms  hits/misses %d/%d  peak RSS %.0f MB' % (
    s['p50_ms'], s['p99_ms'], j['p50_ms'], j['p95_ms'], j['p99_ms'], d['cache_hits'], d['cache_misses'], d['peak_rss_mb']))"
    }
    for ((r = 1; r <= repeat; r++)); do
        for mb in 0 256; do
            for p in "$in" "$store"; do
                name=SEG-Y
                [[ $p == "$store" ]] && name=store
                echo "round $r: $name --cache-mb $mb: $("$cli" scroll "$p" --cache-mb $mb --json | fmt)"
            done
        done
        for pf in on off; do
            echo "round $r: store --cache-mb 256 --prefetch $pf: $("$cli" scroll "$store" --prefetch $pf --json | fmt)"
        done
    done
fi

if [[ " $sections " == *" info "* ]]; then
    echo
    echo "== seisview-cli info: 10^8 x $samples store (metadata only) vs the demo shots' store (median of 20 processes)"
    small=$work/small.zarr
    big=$work/big.zarr
    "$cli" convert "$demo" "$small" --quiet > /dev/null
    # The small store's metadata with every array along traces 10^8 long; no chunk at all.
    $py - "$small" "$big" 100000000 "$samples" <<'EOF'
import json, os, sys
src, dst, n, ns = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
meta = json.load(open(os.path.join(src, ".zmetadata")))
small_n = meta["metadata"]["amplitude/.zarray"]["shape"][0]
out = {}
for key, doc in meta["metadata"].items():
    if key.startswith("ensembles/"):
        continue  # a scan's result of the small file; a store without them opens too
    if key.endswith(".zarray") and doc["shape"] and doc["shape"][0] == small_n:
        doc["shape"][0] = n
    if key == "amplitude/.zarray":
        doc["shape"][1] = ns
        doc["chunks"][1] = ns
    if key == "time/.zarray":
        doc["shape"] = [ns]
        doc["chunks"] = [ns]
    out[key] = doc
meta["metadata"] = out
os.makedirs(dst)
for key, doc in out.items():
    os.makedirs(os.path.dirname(os.path.join(dst, key)) or dst, exist_ok=True)
    json.dump(doc, open(os.path.join(dst, key), "w"))
json.dump(meta, open(os.path.join(dst, ".zmetadata"), "w"))
EOF
    median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
    for ((r = 1; r <= repeat; r++)); do
        for p in "$big" "$small"; do
            "$cli" info "$p" > "$work/info.json"
            ts=$(for ((k = 0; k < 20; k++)); do
                t=$(now)
                "$cli" info "$p" > /dev/null
                since "$t"
            done | median)
            echo "round $r: info $(basename "$p") ($(json traces < "$work/info.json") traces, $(du_b "$p") bytes): $ts s"
        done
    done
fi
