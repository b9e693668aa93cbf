// node read_v3_store.mjs STORE OUTDIR ARRAY...: reads each ARRAY of the Zarr v3 store STORE whole
// with zarrita (the independent reader of tst_zarrv3) and writes its elements, C order, in the
// machine's byte order (little-endian), to OUTDIR/<ARRAY with "/" as "_">.bin; prints one JSON
// object: {"root": {"attributes"}, "arrays": {ARRAY: {"shape", "chunks", "dtype",
// "dimension_names", "fill_value", "attributes"}}}. Exit status 1 with the error on stderr when
// zarrita cannot read the store.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import FileSystemStore from "@zarrita/storage/fs";
import * as zarr from "zarrita";

const [store, outDir, ...names] = process.argv.slice(2);
const root = zarr.root(new FileSystemStore(store));
const group = await zarr.open.v3(root, { kind: "group" });
const result = { root: { attributes: group.attrs }, arrays: {} };
for (const name of names) {
    const arr = await zarr.open.v3(root.resolve(name), { kind: "array" });
    const chunk = await zarr.get(arr);
    const data = chunk.data;
    writeFileSync(join(outDir, name.replaceAll("/", "_") + ".bin"),
                  new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    const fill = arr.fillValue;
    result.arrays[name] = {
        shape: arr.shape,
        chunks: arr.chunks,
        dtype: arr.dtype,
        dimension_names: arr.dimensionNames ?? null,
        fill_value: typeof fill === "bigint" ? Number(fill) : Number.isNaN(fill) ? "NaN" : fill,
        attributes: arr.attrs,
    };
}
process.stdout.write(JSON.stringify(result) + "\n");
