// Reading Zarr v3 stores (arraymetadatav3.h) for ZarrSource, which asks for documents by their
// v2 keys: v3Document translates them to the store's zarr.json files, and ArrayReaderV3 reads a
// v3 array's chunks (whole files, or inner chunks out of shards: shardreader.h). Metadata only
// is read on open; a chunk read opens its file (a shard: its index and the chunk's bytes only).
//
// Threads: stateless or immutable; any number at once. Errors: seis/base/error.h (FormatError
// naming the file; IoError when a file cannot be read).
#pragma once

#include "seis/zarr/arraymetadatav3.h"

#include <QString>
#include <nlohmann/json.hpp>
#include <span>

namespace seis::zarr {

class Codec;

// True when `store` is a directory holding a Zarr v3 node (zarr.json) and no v2 one.
bool isV3Store(const QString& store);

// The document of v2 key `key` of v3 store `store`: "<path>/.zarray" gives the zarr.json of the
// array at <path> (a v3 document: ArrayMetadataV3::fromZarrJson reads it), "<path>/.zgroup" the
// zarr.json of the group at <path>, "<path>/.zattrs" (or ".zattrs" for the root) the node's
// attributes (an array's with its dimension_names as "_ARRAY_DIMENSIONS", where v2 readers look
// for them); null when there is no such node (or no such kind of node).
nlohmann::json v3Document(const QString& store, const QString& key);

// True when `doc` is a v3 node document (zarr_format 3).
bool isV3Document(const nlohmann::json& doc);

class ArrayReaderV3 {
public:
    // `dir`: the array's folder (the store + "/" + its path).
    ArrayReaderV3(QString dir, ArrayMetadataV3 meta);
    const ArrayMetadataV3& metadata() const { return m_meta; }

    // Decodes chunk `index` (0-based, in the grid of inner chunks when sharded) into `chunkBytes`
    // bytes at `out` with `codec` (null: stored raw). Returns false, writing nothing, when the
    // chunk is missing (no file, or an empty entry in its shard): the fill value.
    bool readChunk(std::span<const qint64> index, std::byte* out, std::size_t chunkBytes,
                   const Codec* codec) const;

private:
    QString m_dir;
    ArrayMetadataV3 m_meta;
};

} // namespace seis::zarr
