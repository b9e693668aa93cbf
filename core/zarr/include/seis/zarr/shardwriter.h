// One shard of the Zarr v3 sharding codec ("sharding_indexed", zarr-specs
// docs/v3/codecs/sharding-indexed), as this library writes it: index_location "end", index codecs
// [bytes little-endian, crc32c]. The shard is the encoded inner chunks one after another, in C
// order of their position in the shard's grid of inner chunks, then the index: for each inner
// chunk (same order) its byte offset in the shard and its byte count, two uint64 little-endian,
// both 2^64-1 for an empty chunk (read as the fill value), then the CRC-32C of the index
// (crc32c.h), uint32 little-endian. Never throws but std::bad_alloc; any thread.
#pragma once

#include <QByteArray>
#include <QtGlobal>

#include <optional>
#include <span>

namespace seis::zarr {

// Bytes of the index of a shard of `innerChunks` inner chunks: 16 per chunk, plus 4 with the
// checksum.
qint64 shardIndexBytes(qint64 innerChunks, bool checksum = true);

// The shard holding `chunks` (one entry per inner chunk of the shard, C order; nullopt for an
// empty chunk).
QByteArray assembleShard(std::span<const std::optional<QByteArray>> chunks);

} // namespace seis::zarr
