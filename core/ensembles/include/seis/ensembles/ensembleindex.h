// Ensembles (gathers): runs of consecutive traces whose key header values are equal.
//
// A key value that comes back later in the file starts a new ensemble: ensembles are runs, in
// file order, never merged across the file. Keys are one or two trace header fields: field
// record (fldr) for shot gathers, cdp for CMP gathers, or any field or pair.
//
// Building the index reads only the key columns (the columnar header reader), on a worker with
// progress and cancellation; ensembles become usable as the scan goes, before it has finished.
// The finished index is stored in the user's cache directory, keyed by the source's identity()
// (path, size, modification time, layout) and the keys, so reopening a file is instant and a
// changed file is scanned again.
//
// Indexing: ensemble numbers and trace indices are 0-based.
// Threads: every const member may be called from any thread while one scanner appends.
#pragma once

#include "seis/base/progress.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QFuture>
#include <QString>
#include <array>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace seis {

struct Ensemble {
    qint64 number = 0;               // 0-based position in the index
    TraceRange traces;               // the traces of the ensemble
    std::array<qint64, 2> keys = {}; // key values (keys[1] is 0 with a single key)
    friend bool operator==(const Ensemble&, const Ensemble&) = default;
};

// Parses "fldr", "cdp", "fldr,tracf", "189:i4,193:i4" into one or two fields. Throws
// ArgumentError naming the text and what was expected (unknown name, more than two keys...).
std::vector<HeaderField> parseEnsembleKeys(const QString& text);

class EnsembleIndex {
public:
    // An empty index over `traceCount` traces for one or two `keys`. Throws ArgumentError for
    // zero or more than two keys.
    EnsembleIndex(std::vector<HeaderField> keys, qint64 traceCount);
    ~EnsembleIndex();
    EnsembleIndex(const EnsembleIndex&) = delete;
    EnsembleIndex& operator=(const EnsembleIndex&) = delete;

    const std::vector<HeaderField>& keys() const;
    qint64 traceCount() const;

    // Ensembles known to be complete so far. While scanning, the ensemble still being read is
    // not counted; once complete, every ensemble is.
    qint64 count() const;
    qint64 tracesScanned() const;
    bool isComplete() const;
    // True when the index was read from the cache instead of scanned.
    bool fromCache() const;

    // Ensemble `number` (0-based). Throws ArgumentError naming the number and the count if
    // number is not in [0, count()).
    Ensemble ensemble(qint64 number) const;
    // The ensemble holding `trace`, or nullopt if that trace is not in a complete ensemble yet.
    // Throws ArgumentError if trace is outside [0, traceCount()).
    std::optional<Ensemble> ensembleOfTrace(qint64 trace) const;
    // The first complete ensemble at or after number `from` whose keys equal `keys` (one or two
    // values, as many as there are key fields), or nullopt. Throws ArgumentError for another
    // number of values or a negative `from`.
    std::optional<Ensemble> findByKeys(std::span<const qint64> keys, qint64 from = 0) const;

    // --- for scanners ---
    // Appends the key values of the traces [firstTrace, firstTrace + n), which must follow the
    // traces appended so far. key1 is empty for a single key.
    void append(qint64 firstTrace, std::span<const qint64> key0, std::span<const qint64> key1);
    // The same for runs of traces with equal keys, run r holding counts[r] traces (>= 1) of keys
    // key0[r] (and key1[r]): as append() of each run's keys repeated, in O(runs). Runs of equal
    // keys next to each other merge as traces do.
    void appendRuns(qint64 firstTrace, std::span<const qint64> counts, std::span<const qint64> key0,
                    std::span<const qint64> key1);
    // Marks the index complete (all traceCount() traces appended).
    void finish();

    // Serialisation for the cache (binary, versioned). deserialize() returns nullptr for anything
    // that does not match `identity` and `keys` or does not parse; it never throws for bad bytes.
    // serialize() needs a complete index (ArgumentError otherwise). `sourcePath` is the file the
    // index was made from: the entry records it with its size and modification time, so that the
    // cache drops the entry once that file is gone or changed (empty, or a path that cannot be
    // stat'ed: the entry is only ever dropped by the cache's size bound). Empty if the identity is
    // longer than 64 KiB or the path longer than 4096 bytes (not cacheable).
    QByteArray serialize(const QString& identity, const QString& sourcePath = {}) const;
    static std::unique_ptr<EnsembleIndex> deserialize(const QByteArray& bytes,
                                                      const QString& identity,
                                                      const std::vector<HeaderField>& keys,
                                                      qint64 traceCount);

private:
    // Lets scanEnsembles fill an index from the cache (and mark it fromCache()), which no public
    // member can do.
    friend class EnsembleIndexAccess;
    struct Impl;
    std::unique_ptr<Impl> d;
};

// The default bound of the ensemble cache directory's size (EnsembleScanOptions::cacheMaxBytes).
constexpr qint64 kDefaultEnsembleCacheBytes = qint64(64) << 20;

// The directory the viewer and the command-line tool both keep ensemble indexes in:
// $XDG_CACHE_HOME/seisview/ensembles, or ~/.cache/seisview/ensembles when XDG_CACHE_HOME is unset
// or not absolute. Independent of the application's organisation and application names. Empty
// if there is no home directory either.
QString ensembleCacheDirectory();

struct EnsembleScanOptions {
    // Where indexes are stored; empty means ensembleCacheDirectory().
    QString cacheDir;
    // The cache directory's size bound in bytes (each entry counted rounded up to 4 KiB). After
    // an entry is written, entries whose file is gone or changed are removed, then the least
    // recently used (read or written) until the rest fit. An index bigger than the bound is not
    // stored. 0 (or less): indexes are neither read nor stored (every open scans), and each scan
    // empties the directory of entries, whoever wrote them (the directory is shared by the
    // viewer and seisview-cli).
    qint64 cacheMaxBytes = kDefaultEnsembleCacheBytes;
    // Read and write the cache (off: always scan, store nothing).
    bool useCache = true;
    // Traces per block: the granularity of progress and of publishing ensembles. 65536 (1 MB of
    // key columns) measured faster than 16384 on a 2 GB file: fewer hand-offs to the workers.
    qint64 blockTraces = 65536;
};

// Fills `index` (empty, made for source.traceCount() traces) from the cache if a valid entry
// exists, otherwise by scanning `source` and then storing the result (atomically: a temporary
// file, every write and fsync checked, renamed into place; a cache that cannot be written is not
// an error and leaves no partial entry) and pruning the cache. Cache entries are read only if
// they are regular files (never through a symbolic link, never waiting on a FIFO) no larger than
// an entry for this source can be. Ensembles are
// published block by block, in file order. Returns Cancelled if `progress` returned false (the
// index is then incomplete and nothing is stored). Throws what the source throws.
// Memory: one block of key columns besides the index. (Pages the source maps to read headers
// stay as its readHeaderColumns leaves them.)
// Threads: runs on the calling thread (the source reads each block in parallel); `progress` is
// called there after each block.
LoadStatus scanEnsembles(const TraceSource& source, EnsembleIndex& index,
                         const ProgressCallback& progress = {},
                         const EnsembleScanOptions& options = {});

// The same on a QtConcurrent worker; progress (0..traceCount, with ProgressTracker text) and
// cancellation go through the future. `index` may be read from other threads meanwhile.
QFuture<void> scanEnsemblesAsync(std::shared_ptr<const TraceSource> source,
                                 std::shared_ptr<EnsembleIndex> index,
                                 EnsembleScanOptions options = {});

// The cache file an index of `source` with `keys` is stored in (empty if the source has no
// identity).
QString ensembleCachePath(const TraceSource& source, const std::vector<HeaderField>& keys,
                          const QString& cacheDir = {});

} // namespace seis
