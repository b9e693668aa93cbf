// Reads inner chunks out of shard files of the Zarr v3 sharding codec (the layout is in
// shardwriter.h; this reader also takes an index at the start of the shard and an index without
// checksum, as the specification allows). Only the index and the chunk asked for are read, not
// the whole shard.
//
// Threads: stateless, any number at once. Errors: seis/base/error.h.
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace seis::zarr {

struct ShardIndexFormat {
    bool checksum = true; // index codecs [bytes little, crc32c]; false: [bytes little]
    bool atEnd = true;    // index_location "end"; false: "start"
};

// The encoded bytes of inner chunk `inner` (0-based, C order in the shard's grid of inner chunks)
// of the shard file `path`, which holds `innerCount` inner chunks; nullopt when the file does not
// exist or the chunk is empty (both read as the fill value). Throws FormatError naming the shard
// file for a file shorter than its index, an index whose checksum does not match, an entry that
// points outside the shard's data or is half empty (one of offset and byte count 2^64-1); IoError
// when the file cannot be read.
std::optional<QByteArray> readShardChunk(const QString& path, qint64 inner, qint64 innerCount,
                                         ShardIndexFormat format = {});

} // namespace seis::zarr
