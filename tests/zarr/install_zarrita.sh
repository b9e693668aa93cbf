#!/usr/bin/env bash
# install_zarrita.sh SRC DEST: installs zarrita, the independent Zarr v3 reader of tst_zarrv3, as
# pinned by SRC/package-lock.json (npm ci), with SRC's script beside it, into DEST. Skipped when
# DEST already holds that lock's installation. With CI=true a failure (no node or npm, no
# registry) fails the test run; elsewhere it only warns, and tst_zarrv3 skips its zarrita checks.
set -u
src=$1
dest=$2
mkdir -p "$dest" || exit 1
cp "$src/package.json" "$src/package-lock.json" "$src/read_v3_store.mjs" "$dest/" || exit 1
stamp=$dest/node_modules/.seisview-lock
if [[ -f $dest/node_modules/zarrita/package.json ]] && cmp -s "$src/package-lock.json" "$stamp"; then
    echo "zarrita already installed in $dest"
    exit 0
fi
if command -v npm >/dev/null && (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error); then
    cp "$src/package-lock.json" "$stamp"
    echo "zarrita installed in $dest"
    exit 0
fi
if [[ ${CI:-} == true ]]; then
    echo "error: cannot install zarrita into $dest with npm (CI=true: the Zarr v3 checks need it)" >&2
    exit 1
fi
echo "warning: cannot install zarrita into $dest with npm; tst_zarrv3 skips its zarrita checks" >&2
exit 0
