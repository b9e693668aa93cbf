#!/bin/bash
# export_bench.sh IN.sgy SEISVIEW_CLI BASELINE_PY [OUTDIR] [REPEAT]
#
# `seisview-cli export IN OUT --format 5` against the segyio + numpy baseline
# (../shared/bench/export_baseline.py IN OUT --format 5) and two plain `dd` writes of the same
# size (bs=8M, conv=fsync: zeros, and a copy of IN), in one run, REPEAT times (default 2) in
# turn. The export and dd sync their output; the baseline's segyio closes without a sync, which
# favours it: its time with a `sync` after it is printed too. Prints seconds, MB/s of output and the export's peak RSS
# (tests/peak_rss.py). A measuring tool, not a test; outputs are removed as it goes.
#
# SECTIONS (default "plain"): "plain" is the above; "processed" is issue 12's export of processed
# gathers: `export --format 5 --flow` with AGC 500 ms and Butterworth 8-60 Hz (order 4 each)
# against `export_baseline.py --format 5 --agc 500 --band 8,60`, both with peak RSS, and the two
# outputs compared (tests/bench/compare_segy.py: largest difference relative to the trace's max).
set -euo pipefail
in=$1
cli=$2
baseline=$3
outdir=${4:-/tmp}
repeat=${5:-2}
sections=${SECTIONS:-plain}
here=$(cd "$(dirname "$0")/.." && pwd)
size=$(stat -c %s "$in")
out="$outdir/export_bench_out.sgy"
mbs() { /usr/bin/python3 -c "import sys; print('%.0f' % ($size / 1e6 / float(sys.argv[1])))" "$1"; }
now() { date +%s.%N; }
since() { /usr/bin/python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }

cat "$in" > /dev/null # page-cached
echo "input: $in ($size bytes)"
peak() { awk '/^peak_rss_kb/ {printf "%d", $2 / 1024}' "$1"; }
if [[ " $sections " == *" processed "* ]]; then
    flow="$outdir/export_bench_flow.json"
    cat > "$flow" <<'FLOW'
{"version": 1, "steps": [
  {"step": "agc", "window_ms": 500},
  {"step": "butterworth", "low_hz": 8, "low_order": 4, "high_hz": 60, "high_order": 4}]}
FLOW
    ours="$outdir/export_bench_ours.sgy"
    theirs="$outdir/export_bench_baseline.sgy"
    for ((r = 1; r <= repeat; r++)); do
        t=$(now)
        /usr/bin/python3 "$here/peak_rss.py" "$cli" export "$in" "$ours" --format 5 --flow "$flow" \
            --quiet > /dev/null 2> "$outdir/export_bench_rss"
        s=$(since "$t")
        echo "run $r: seisview-cli export --flow agc 500 + butterworth 8-60   $s s  $(mbs "$s") MB/s  peak RSS $(peak "$outdir/export_bench_rss") MB"
        t=$(now)
        /usr/bin/python3 "$here/peak_rss.py" /usr/bin/python3 "$baseline" "$in" "$theirs" --format 5 \
            --agc 500 --band 8,60 > /dev/null 2> "$outdir/export_bench_rss"
        sync
        s=$(since "$t")
        echo "run $r: export_baseline.py --agc 500 --band 8,60 (+ sync)      $s s  $(mbs "$s") MB/s  peak RSS $(peak "$outdir/export_bench_rss") MB"
        if ((r == 1)); then
            /usr/bin/python3 "$here/bench/compare_segy.py" "$ours" "$theirs"
        fi
        rm -f "$ours" "$theirs"
        sync
    done
    rm -f "$flow" "$outdir/export_bench_rss"
fi
[[ " $sections " == *" plain "* ]] || exit 0
for ((r = 1; r <= repeat; r++)); do
    t=$(now)
    dd if=/dev/zero of="$out" bs=8M count=$(((size + 8388607) / 8388608)) conv=fsync status=none
    s=$(since "$t")
    echo "run $r: dd /dev/zero bs=8M conv=fsync      $s s  $(mbs "$s") MB/s"
    rm -f "$out"
    sync

    t=$(now)
    dd if="$in" of="$out" bs=8M conv=fsync status=none
    s=$(since "$t")
    echo "run $r: dd copy of IN bs=8M conv=fsync    $s s  $(mbs "$s") MB/s"
    rm -f "$out"
    sync

    t=$(now)
    rss=$(/usr/bin/python3 "$here/peak_rss.py" "$cli" export "$in" "$out" --format 5 --quiet \
          2>&1 >/dev/null | awk '/^peak_rss_kb/ {print $2}')
    s=$(since "$t")
    echo "run $r: seisview-cli export -> IEEE        $s s  $(mbs "$s") MB/s  peak RSS $((rss / 1024)) MB"
    rm -f "$out"
    sync

    t=$(now)
    /usr/bin/python3 "$baseline" "$in" "$out" --format 5 > /dev/null
    s=$(since "$t")
    sync
    s2=$(since "$t")
    echo "run $r: segyio export_baseline.py         $s s  $(mbs "$s") MB/s  ($s2 s with a sync after it)"
    rm -f "$out"
    sync
done
