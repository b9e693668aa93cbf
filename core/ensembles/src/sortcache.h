// The sort index cache (internal): the entry format and its pure parser, and reading and storing
// entries through the ensemble cache's files (ensemblecache.h), so that one directory, one size
// bound and one pruning hold both kinds of index.
//
// Entry format, all integers little-endian:
//   the ensemble entry's prefix: magic "SVENSIDX", u32 version, u32 source path length + path,
//   i64 source size, i64 source modification time (so that pruning treats both kinds alike),
//   u32 length + "sort\n" + identity (UTF-8; never equal to an ensemble entry's identity),
//   u32 key count, per key: i32 byte, u32 type-name length + type name ("i4"),
//   i64 trace count n, i64 gather count G,
//   i64 order[n] (the sorted trace indices),
//   G x (i64 K1, i64 first position, i64 first K2, i64 last K2),
//   SHA-1 (20 bytes) of everything before it.
//
// Threads: everything here may be called from any thread.
#pragma once

#include "seis/ensembles/sortindex.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace seis::detail {

// A parsed entry.
struct SortCacheEntry {
    std::vector<qint64> order;   // n trace indices, a permutation of 0..n-1
    std::vector<qint64> gathers; // 4 per gather, as above
};

// The entry for `index` of the source `sourcePath` with `identity`. Empty if the path or the
// identity is longer than the format allows (not cached).
QByteArray encodeSortCacheEntry(const SortIndex& index, const QString& identity,
                                const QString& sourcePath);

// Parses an entry: a valid one for `identity`, `keys` (by byte and type) and `traceCount`
// (order a permutation, gathers starting at position 0 with strictly increasing positions below
// traceCount and strictly increasing K1, the arrays filling the entry exactly, the checksum
// right), or nullopt. Never throws, never reads outside `bytes`.
std::optional<SortCacheEntry> parseSortCacheEntry(std::span<const std::byte> bytes,
                                                  const QString& identity,
                                                  const std::vector<HeaderField>& keys,
                                                  qint64 traceCount) noexcept;

// The largest a valid entry can be for these sizes (a bigger file is not read at all).
qint64 maxSortEntryBytes(qint64 identityBytes, std::size_t keyCount, qint64 traceCount);

// A SortIndex over the given arrays (copied into its temporary file in `tempDir`), marked as
// read from the cache. Defined in sortindex.cpp. Throws IoError for the temporary file.
std::unique_ptr<SortIndex> makeCachedSortIndex(const QString& sourcePath,
                                               std::vector<HeaderField> keys, qint64 traceCount,
                                               const SortCacheEntry& entry, const QString& tempDir);

} // namespace seis::detail
