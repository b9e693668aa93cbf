// The ensemble index cache (internal): the entry format, a pure parser for it, and how entries
// are read, written and pruned on disk.
//
// Entry format, all integers little-endian:
//   magic "SVENSIDX" (8 bytes), u32 version,
//   u32 source path length + source path (UTF-8, absolute; at most kMaxSourcePath bytes),
//   i64 source size (bytes), i64 source modification time (ns since the epoch),
//   u32 identity length + identity (UTF-8; at most kMaxIdentity bytes),
//   u32 key count, per key: i32 byte, u32 type-name length + type name ("i4"; at most
//                           kMaxTypeName bytes), u32 name length + name (UTF-8, informative only;
//                           at most kMaxKeyName bytes),
//   i64 trace count, i64 ensemble count,
//   i64 first trace[count], i64 key 0[count], (i64 key 1[count] with two keys),
//   SHA-1 (20 bytes) of everything before it.
// The source comes first so that pruning reads only a short prefix of each entry. The checksum
// catches what the structural checks cannot (a flipped bit in a key value); the version changes
// whenever the layout does, so an old entry is rejected and rewritten.
//
// Threads: everything here may be called from any thread.
#pragma once

#include "seis/ensembles/ensembleindex.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace seis::detail {

constexpr char kMagic[8] = {'S', 'V', 'E', 'N', 'S', 'I', 'D', 'X'};
constexpr quint32 kVersion = 2;
constexpr qint64 kDigestBytes = 20;
// Bounds for the variable-length strings: far beyond anything real (PATH_MAX is 4096 on Linux),
// small enough that a corrupt length never makes the reader allocate much, and they bound the
// size an entry can possibly have (maxEntryBytes).
constexpr quint32 kMaxSourcePath = 4096;
constexpr quint32 kMaxIdentity = 64 * 1024;
constexpr quint32 kMaxTypeName = 16;
constexpr quint32 kMaxKeyName = 1024;
// The longest prefix that holds the source of any entry (magic, version, path, size, time).
constexpr qint64 kSourcePrefixBytes = 8 + 4 + 4 + kMaxSourcePath + 8 + 8;

// The file an entry was made from, as it was when the entry was written. An empty path means
// unknown: such an entry is only ever removed by the size bound.
struct EnsembleCacheSource {
    QString path;
    qint64 size = 0;
    qint64 mtimeNs = 0;
    friend bool operator==(const EnsembleCacheSource&, const EnsembleCacheSource&) = default;
};

// What an entry must match to be used.
struct EnsembleCacheKey {
    QByteArray identity; // TraceSource::identity() as UTF-8
    std::vector<HeaderField> keys;
    qint64 traceCount = 0;
};

// A parsed entry: runs of equal keys as EnsembleIndex holds them.
struct EnsembleCacheEntry {
    EnsembleCacheSource source;
    std::vector<qint64> first;
    std::vector<qint64> key0;
    std::vector<qint64> key1; // empty with a single key
};

// The part of a key that decides what is read: the same field asked for by different names
// ("fldr", "FieldRecord", "9:i4") shares one cache entry.
QString keySpec(const std::vector<HeaderField>& keys);

// The entry for an index (first/key0/key1 as EnsembleCacheEntry holds them). Empty if the source
// path or the identity is longer than the format allows (such an index is not cached).
QByteArray encodeEnsembleCacheEntry(const EnsembleCacheSource& source, const EnsembleCacheKey& key,
                                    std::span<const qint64> first, std::span<const qint64> key0,
                                    std::span<const qint64> key1);

// Parses an entry. A pure function of its arguments: any bytes give either a valid entry that
// matches `expected` (the identity, the key fields by byte and type, the trace count; runs that
// start at 0, increase, stay below the trace count, and differ from their neighbours) or
// nullopt. Never throws, never reads outside `bytes`, allocates at most about bytes.size().
// A fuzz build (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION) skips only the checksum comparison,
// so that the fuzzer reaches the structural checks.
std::optional<EnsembleCacheEntry>
parseEnsembleCacheEntry(std::span<const std::byte> bytes,
                        const EnsembleCacheKey& expected) noexcept;

// The source of an entry from a prefix of it (up to kSourcePrefixBytes are enough; no checksum is
// checked). nullopt if the prefix is not the start of an entry of this version.
std::optional<EnsembleCacheSource>
parseEnsembleCacheSource(std::span<const std::byte> prefix) noexcept;

// The largest an entry can be for a source with an identity of `identityBytes` bytes, `keyCount`
// keys and `traceCount` traces: at most one ensemble per trace, every string at its bound. A
// file bigger than this cannot be a valid entry and is not read at all.
qint64 maxEntryBytes(qint64 identityBytes, std::size_t keyCount, qint64 traceCount);

// The source of `path` as the cache records it (absolute path, size, modification time);
// nullopt if it cannot be stat'ed.
std::optional<EnsembleCacheSource> statSource(const QString& path);

// ---- on disk ------------------------------------------------------------------------------------

// Reads the entry at `path` as a regular file only: opened with O_NOFOLLOW | O_NONBLOCK (a
// symbolic link, a FIFO or a device is never followed, waited on or read) and read only if it is
// at most `maxBytes` long, into one buffer of its size. nullopt (with a warning saying why,
// except when there is no entry) otherwise.
std::optional<QByteArray> readEntryFile(const QString& path, qint64 maxBytes);

// Marks the entry at `path` as just used (its modification time, which the size bound evicts
// by, becomes now). Never follows a link.
void touchEntryFile(const QString& path);

// Writes `bytes` to `path` through a temporary file in the same directory: every write, fsync
// and close checked, renamed into place only if all succeeded, the temporary removed otherwise.
// Creates the directory. Returns false (with a warning) if nothing was stored.
// Not seis::OutputFile on purpose: that streams into a FIFO or device found under the output's
// name, where a cache entry must replace whatever non-regular file was planted there.
bool writeEntryFile(const QString& path, const QByteArray& bytes);

// Prunes the cache directory `dir`: removes entries whose source file is gone or changed (size
// or modification time differ from what the entry records), entries that cannot be parsed,
// non-regular files under an entry's name (the link or node itself, never what it points to),
// temporaries left for over an hour by writers that died; then, while the entries take more than
// `maxBytes` (each counted rounded up to 4 KiB), removes the least recently used first. The
// entry named `keep` (just written) is never removed. Work: one directory listing, per entry a
// stat, a read of at most kSourcePrefixBytes and a stat of its source; the bound keeps the
// number of entries at most maxBytes / 4 KiB (16384 for 64 MiB).
void pruneEnsembleCache(const QString& dir, const QString& keep, qint64 maxBytes);

// The cache entry's size as counted against the bound.
constexpr qint64 countedEntryBytes(qint64 size) {
    return (size + 4095) / 4096 * 4096;
}

// The index stored at `path` if it is a valid entry for `identity`, `keys` and `traceCount`;
// nullptr (with a warning for a bad entry) otherwise. Marks a used entry as recently used.
std::unique_ptr<EnsembleIndex> loadCached(const QString& path, const QString& identity,
                                          const std::vector<HeaderField>& keys, qint64 traceCount);
// Stores an entry and prunes the directory. Not stored if larger than maxBytes. A cache that
// cannot be written costs the next open a scan, nothing more.
void storeCached(const QString& path, const QByteArray& bytes, qint64 maxBytes);

} // namespace seis::detail
