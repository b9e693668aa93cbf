// Sorted gathers: every trace with equal primary key, wherever it lies in the file.
//
// A sort index groups the traces of a source by a primary key K1 (cdp, offset, iline...) and
// orders each group by an optional secondary key K2: gather g holds every trace whose K1 is the
// g-th smallest distinct K1 of the file; inside a gather the traces ascend in K2, traces of equal
// K2 in file order (a stable sort). This is what `susort` gives, without rewriting the file.
// (EnsembleIndex, by contrast, cuts the file into runs of consecutive equal keys.)
//
// Building reads only the key columns (TraceSource::readHeaderColumns, a block at a time) and
// sorts one (K1, K2, trace) record of 24 bytes per trace: in memory while the records fit
// SortIndexOptions::memoryBytes, otherwise as sorted runs of that size written to an anonymous
// temporary file and merged (in several passes if there are too many runs for one), so that 10^8
// traces and more sort in bounded memory. The temporary file then needs 24 bytes per trace of
// disk.
//
// Memory of a built index: the result lives in an anonymous temporary file (in
// SortIndexOptions::tempDir, freed by the system when the index is destroyed or the process
// ends), mapped read-only: 8 bytes per trace (the sorted order) and 32 bytes per gather. What is
// resident of it is the system's page cache, reclaimable; the heap holds nothing per trace.
//
// Units: key values are the header values as integers, as readHeaderColumns gives them (float
// fields truncated toward zero). Indexing: gather numbers, positions in the sorted order and
// trace indices are 0-based.
// Threads: buildSortIndex runs on the calling thread (the source may read each block in
// parallel). A built SortIndex is immutable: any const member may be called from any thread.
// Cache: with SortIndexOptions::useCache a sort is stored in the ensemble cache's directory and a
// second build of the same sort of the same, unchanged file reads it back (sortcache.h).
// Errors: seis/base/error.h.
#pragma once

#include "seis/base/progress.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/ensembles/ensembleindex.h"

#include <QFuture>
#include <QString>
#include <memory>
#include <span>
#include <vector>

namespace seis {

struct SortedGather {
    qint64 number = 0;        // 0-based, in ascending order of key
    qint64 key = 0;           // the K1 value all its traces share
    qint64 firstPosition = 0; // position of its first trace in SortIndex::order()
    qint64 traceCount = 0;    // >= 1
    qint64 firstKey2 = 0;     // K2 of its first and last traces (0 without K2)
    qint64 lastKey2 = 0;
    friend bool operator==(const SortedGather&, const SortedGather&) = default;
};

// The default memory budget of a sort's records (SortIndexOptions::memoryBytes): 256 MiB.
constexpr qint64 kDefaultSortMemoryBytes = qint64(256) << 20;
// The smallest budget accepted: 1 KiB (about 42 records; tests use it to run the merges).
constexpr qint64 kMinSortMemoryBytes = 1024;

struct SortIndexOptions {
    // Bytes of (K1, K2, trace) records held at once, 24 bytes each, while sorting and merging.
    // Besides it the build holds one block of key columns (16 bytes per trace of blockTraces)
    // and two write buffers of 64 KiB.
    qint64 memoryBytes = kDefaultSortMemoryBytes;
    // Traces per readHeaderColumns call: the granularity of progress and cancellation.
    qint64 blockTraces = 65536;
    // The directory of the temporary file; empty means QDir::tempPath().
    QString tempDir;
    // The sort index cache (off by default): the ensemble index cache's directory, under the
    // source's identity() and the keys' byte positions and types, bounded together with the
    // ensemble indexes (ensembleindex.h, EnsembleScanOptions::cacheMaxBytes). On, a valid entry
    // is used instead of sorting (SortIndex::fromCache()); a finished sort is stored if its
    // entry (8 bytes per trace, 32 per gather, plus about 100) fits `cacheMaxBytes`, and the
    // directory is pruned to that bound. A bound of 0 or less reads and stores nothing and
    // empties the directory, as a scan does. A cache that cannot be read or written is not an
    // error: the sort runs, and nothing is stored.
    bool useCache = false;
    QString cacheDir; // empty: ensembleCacheDirectory()
    qint64 cacheMaxBytes = kDefaultEnsembleCacheBytes;
};

class SortIndex {
public:
    ~SortIndex();
    SortIndex(const SortIndex&) = delete;
    SortIndex& operator=(const SortIndex&) = delete;

    // K1 and, if given, K2.
    const std::vector<HeaderField>& keys() const;
    qint64 traceCount() const;
    qint64 gatherCount() const;
    // Gather `number`. Throws ArgumentError naming the number and the count unless
    // 0 <= number < gatherCount().
    SortedGather gather(qint64 number) const;
    // The trace indices of gather `number` in sorted order: a view of the mapped file, valid as
    // long as the index. Throws as gather().
    std::span<const qint64> traces(qint64 number) const;
    // Every trace in sorted order (gather after gather).
    std::span<const qint64> order() const;
    // How it was sorted: the sorted runs written to disk (0: in memory) and the merge passes
    // over them (the last one writes the result).
    qint64 runCount() const;
    int mergePasses() const;
    // True when the index was read from the cache instead of sorted.
    bool fromCache() const;

private:
    friend class SortIndexBuilder;
    SortIndex();
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Builds the sort index of `source` by `keys` (one or two fields, e.g. from parseEnsembleKeys)
// into `result`. Progress counts 2 x traceCount steps: the traces whose keys were read, then the
// traces sorted into the result. Returns Cancelled (and leaves `result` untouched) if `progress`
// returned false. Throws ArgumentError for zero or more than two keys, a memory budget below
// kMinSortMemoryBytes or blockTraces below 1; IoError for the temporary file (no space left);
// what the source throws.
LoadStatus buildSortIndex(const TraceSource& source, std::vector<HeaderField> keys,
                          std::unique_ptr<SortIndex>& result, const ProgressCallback& progress = {},
                          const SortIndexOptions& options = {});

// The same on a pool worker (seis/base/executors.h, the jobs pool): progress (0 to 2 x
// traceCount, with ProgressTracker's text and ETA) and cancellation go through the future, whose
// one result is the index (no result once cancelled). Errors come out of the future:
// QFuture::result() and waitForFinished() rethrow them (wrapped by QtConcurrent; seis::errorMessage
// gives the message). Throws ArgumentError at once for a null source. The source must stay
// unchanged while the job runs (it is shared, not copied).
QFuture<std::shared_ptr<const SortIndex>>
buildSortIndexAsync(std::shared_ptr<const TraceSource> source, std::vector<HeaderField> keys,
                    SortIndexOptions options = {});

// The cache file a sort index of `source` by `keys` is stored in (empty if the source has no
// identity or there is no cache directory). In the ensemble cache's directory, apart from the
// ensemble index of the same keys.
QString sortCachePath(const TraceSource& source, const std::vector<HeaderField>& keys,
                      const QString& cacheDir = {});

} // namespace seis
