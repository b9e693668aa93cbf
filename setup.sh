#!/usr/bin/env bash
# Set-up for a fresh Debian 12 machine; the README's two commands call this.
#   ./setup.sh run    install what is missing, build (Release), start the viewer on the demo data
#   ./setup.sh test   install what is missing, build, run every test, then the same tests again
#                     under AddressSanitizer + UndefinedBehaviorSanitizer, then the concurrency
#                     tests (tile cache, ensemble index, progress, statistics) under ThreadSanitizer,
#                     then fuzzes the file-open path, the ensemble cache parser and the Zarr
#                     chunk decoders for a minute each (libFuzzer, clang, AddressSanitizer +
#                     UndefinedBehaviorSanitizer)
# Extra arguments after `run` are passed to the viewer (e.g. a SEG-Y file to open).
set -euo pipefail
cd "$(dirname "$0")"

mode=${1:-}
[[ $mode == run || $mode == test ]] || { echo "usage: $0 run|test [viewer arguments]" >&2; exit 2; }
shift

packages=(g++ cmake ninja-build pkg-config qt6-base-dev libqcustomplot-dev libboost-dev
          libgl-dev libsegyio-dev python3-segyio python3-numpy python3-zarr python3-numcodecs
          xvfb xauth clang libclang-rt-14-dev libblosc-dev libzstd-dev zlib1g-dev
          nlohmann-json3-dev python3-xarray
          libkissfft-dev python3-scipy
          gdal-bin nodejs npm
          dpkg-dev desktop-file-utils shared-mime-info libglib2.0-bin)
missing=()
for p in "${packages[@]}"; do
    # Node.js from elsewhere (NodeSource's nodejs bundles npm and conflicts with Debian's npm)
    # serves as well: the tests only need the node and npm commands (zarrita).
    if [[ $p == nodejs || $p == npm ]] && command -v node >/dev/null && command -v npm >/dev/null; then
        continue
    fi
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
    echo "== installing: ${missing[*]}"
    sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -q
    $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

jobs=$(nproc)
configure_and_build() { # dir, extra cmake args...
    local dir=$1
    shift
    cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

if [[ $mode == run ]]; then
    configure_and_build build
    exec build/app/gui/seisview "$@"
fi

# Tests never depend on a display: widgets render offscreen.
export QT_QPA_PLATFORM=offscreen
configure_and_build build
(cd build && ctest --output-on-failure -j 2)

echo "== the same tests under AddressSanitizer + UndefinedBehaviorSanitizer"
configure_and_build build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEIS_SANITIZE=address,undefined
# Qt's own allocations that live until exit are not leaks of ours.
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j 2 -E '^bench_')

echo "== the concurrency tests under ThreadSanitizer"
tsan_tests=(tst_tilecache tst_ensembleindex tst_progresstracker tst_amplitudestatistics tst_parallel
            tst_decimation tst_residentpages tst_copytraces tst_zarrsink)
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEIS_SANITIZE=thread >/dev/null
cmake --build build-tsan -j "$jobs" --target "${tsan_tests[@]}"
(IFS='|'; cd build-tsan && ctest --output-on-failure -j 2 -R "^(generate_test_data|${tsan_tests[*]})\$")

echo "== fuzzing: the file-open path, the ensemble cache entry parser and the Zarr chunk decoders (libFuzzer)"
# Only the core and the fuzz targets, built with clang; a finding fails the test command.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DSEIS_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build build-fuzz -j "$jobs" --target fuzz_segyopen fuzz_ensemblecache fuzz_zarrchunk
tests/fuzz/run.sh build-fuzz 60
