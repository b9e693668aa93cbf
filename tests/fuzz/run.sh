#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: tests/fuzz/run.sh BUILD_DIR [SECONDS]
# BUILD_DIR was configured with -DSEIS_FUZZ=ON and has fuzz_segyopen, fuzz_ensemblecache and
# fuzz_zarrchunk built. The seeds are written from freshly generated test data (make_seeds.py) and
# joined with the committed corpus in tests/fuzz/corpus/<target> (small seeds and fixed findings).
# Exits 1 on any finding (crash, sanitizer report, timeout of one input over 10 s, RSS over 2 GB),
# printing the end of libFuzzer's log and the input it saved.
set -euo pipefail
build=$(cd "$1" && pwd)
seconds=${2:-60}
src=$(cd "$(dirname "$0")" && pwd)
work=$build/fuzz-work
rm -rf "$work/data" "$work/seeds" "$work/artifacts"
mkdir -p "$work/data" "$work/seeds" "$work/artifacts"
/usr/bin/python3 "$src/../data/make_test_files.py" "$work/data" >/dev/null
/usr/bin/python3 "$src/make_seeds.py" "$work/data" "$work/seeds"
for target in fuzz_segyopen fuzz_ensemblecache fuzz_zarrchunk; do
    corpus=$work/corpus/$target # what the runs found, kept between runs of this build dir
    mkdir -p "$corpus"
    log=$work/$target.log
    echo "== $target for ${seconds} s"
    if ! "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" \
        "$corpus" "$work/seeds/$target" "$src/corpus/$target" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "$target found a problem; the input: $(ls "$work/artifacts"/* 2>/dev/null)" >&2
        exit 1
    fi
    grep -E '^stat::(number_of_executed_units|peak_rss_mb)|^Done ' "$log" || true
    grep -E 'cov: [0-9]+' "$log" | tail -n 1
done
