// The metadata of one Zarr v3 array (its zarr.json; zarr-specs docs/v3/core), optionally sharded
// (the "sharding_indexed" codec, shardwriter.h), and of a v3 group. It is held in the v2 terms
// of ArrayMetadata (numpy type string, v2 compressor object, fill value) so that one reader and
// one set of codecs (codec.h) serve both formats.
//
// As written: {"zarr_format": 3, "node_type": "array", "shape", "data_type" ("float32",
// "int64", "uint8"...), "chunk_grid": {"name": "regular", "configuration": {"chunk_shape"}},
// "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}} (keys
// "c/0/1"), "fill_value" (NaN as "NaN"; 0 for an array without one), "codecs", "attributes",
// "dimension_names"}. Unsharded, codecs are [bytes little-endian, the compressor]; sharded, they
// are [sharding_indexed {"chunk_shape": inner chunks, "codecs": [bytes, compressor],
// "index_codecs": [bytes little-endian, crc32c], "index_location": "end"}] and the chunk grid is
// the shard shape. Read: the same, plus big-endian bytes, an identity transpose, the "v2" key
// encoding, an index at the start or without checksum, hex fill values.
//
// Indexing: element, chunk and shard indices are 0-based. Errors: seis/base/error.h.
#pragma once

#include "seis/zarr/arraymetadata.h"
#include "seis/zarr/shardreader.h"

#include <QString>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

namespace seis::zarr {

struct ArrayMetadataV3 {
    // shape; chunks: the inner chunk shape when sharded, else the chunk shape; dtype; fill value;
    // compressor (v2 form, or null); dimensions (dimension_names; empty when absent).
    ArrayMetadata array;
    std::vector<qint64> shardShape; // elements per shard per dimension; empty: not sharded
    ShardIndexFormat index;         // of the shards
    bool defaultKeys = true;        // "default" key encoding ("c/0/1"); false: "v2" ("0/1")
    QString separator = QStringLiteral("/");
    nlohmann::json attributes = nlohmann::json::object();

    bool sharded() const { return !shardShape.empty(); }
    // The elements of one stored object (a shard, or a chunk when not sharded) per dimension.
    const std::vector<qint64>& storedShape() const { return sharded() ? shardShape : array.chunks; }
    // Stored objects along `dim`: ceil(shape / storedShape).
    qint64 storedCount(int dim) const;
    // Inner chunks per shard along `dim` (1 when not sharded).
    qint64 chunksPerShard(int dim) const;
    // The key, relative to the array's folder, of the stored object with grid index `index`.
    QString storedKey(std::span<const qint64> index) const;

    // The zarr.json document.
    nlohmann::json toZarrJson() const;
    // Reads a zarr.json document of an array. Throws FormatError naming `where` (the store and
    // the array) for anything this library does not read: zarr_format other than 3, a node that
    // is not an array, a data type other than bool, (u)int8..64, float16..64, a chunk grid other
    // than regular, codecs other than those above (a non-identity transpose: F order), a shard
    // shape not divisible by the inner chunk shape, storage transformers, ranks that differ.
    static ArrayMetadataV3 fromZarrJson(const nlohmann::json& zarrJson, const QString& where);
};

// The zarr.json document of a group.
nlohmann::json groupZarrJson(const nlohmann::json& attributes);

} // namespace seis::zarr
