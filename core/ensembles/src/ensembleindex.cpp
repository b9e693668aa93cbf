#include "seis/ensembles/ensembleindex.h"

#include "ensemblecache.h"
#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/progresstracker.h"

#include <QCryptographicHash>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <QtEndian>

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <mutex>
#include <shared_mutex>

namespace seis {

using detail::keySpec;

namespace {

QString keyCountError(std::size_t n) {
    return QStringLiteral("an ensemble index needs one or two key fields, got %1").arg(n);
}

} // namespace

// ---- EnsembleIndex
// -------------------------------------------------------------------------------

struct EnsembleIndex::Impl {
    std::vector<HeaderField> keys;
    qint64 traceCount = 0;
    bool twoKeys = false;

    // Readers take it shared, the scanner exclusively, for one block at a time.
    mutable std::shared_mutex mutex;
    // The published (complete) ensembles, in file order.
    std::vector<qint64> first;
    std::vector<qint64> key0;
    std::vector<qint64> key1; // empty with a single key
    qint64 scanned = 0;
    // The ensemble still being read: it may continue in the next block.
    bool hasOpen = false;
    qint64 openFirst = 0;
    qint64 open0 = 0;
    qint64 open1 = 0;
    bool complete = false;
    bool fromCache = false;

    // Throws ArgumentError unless traces [firstTrace, firstTrace + n) may be appended now (by
    // EnsembleIndex::`who`); the caller holds the lock.
    void checkFollows(const char* who, qint64 firstTrace, qint64 n) const {
        if (complete)
            throw ArgumentError(QStringLiteral("EnsembleIndex::%1: the index is already complete")
                                    .arg(QLatin1String(who)));
        if (firstTrace != scanned || n > traceCount - scanned)
            throw ArgumentError(QStringLiteral("EnsembleIndex::%1: traces %2:%3 do not follow the "
                                               "%4 traces appended so far within %5 traces "
                                               "(expected first trace %4)")
                                    .arg(QLatin1String(who))
                                    .arg(firstTrace)
                                    .arg(firstTrace + n)
                                    .arg(scanned)
                                    .arg(traceCount));
    }

    // End (exclusive) of published ensemble i; the caller holds the lock.
    qint64 endOf(std::size_t i) const {
        if (i + 1 < first.size())
            return first[i + 1];
        return complete ? traceCount : openFirst;
    }
    Ensemble make(std::size_t i) const {
        Ensemble e;
        e.number = static_cast<qint64>(i);
        e.traces = TraceRange{first[i], endOf(i)};
        e.keys = {key0[i], twoKeys ? key1[i] : 0};
        return e;
    }
    void publishOpen() {
        first.push_back(openFirst);
        key0.push_back(open0);
        if (twoKeys)
            key1.push_back(open1);
    }
};

// Moves a deserialised index into one that readers may already hold (scanEnsembles' cache path).
class EnsembleIndexAccess {
public:
    static void adopt(EnsembleIndex& into, EnsembleIndex& from) {
        EnsembleIndex::Impl& a = *into.d;
        EnsembleIndex::Impl& b = *from.d;
        std::unique_lock lock(a.mutex);
        a.first = std::move(b.first);
        a.key0 = std::move(b.key0);
        a.key1 = std::move(b.key1);
        a.scanned = b.scanned;
        a.hasOpen = false;
        a.complete = true;
        a.fromCache = true;
    }
};

EnsembleIndex::EnsembleIndex(std::vector<HeaderField> keys, qint64 traceCount)
    : d(std::make_unique<Impl>()) {
    if (keys.empty() || keys.size() > 2)
        throw ArgumentError(keyCountError(keys.size()));
    if (traceCount < 0)
        throw ArgumentError(
            QStringLiteral("an ensemble index cannot cover %1 traces (expected >= 0)")
                .arg(traceCount));
    d->keys = std::move(keys);
    d->traceCount = traceCount;
    d->twoKeys = d->keys.size() == 2;
}

EnsembleIndex::~EnsembleIndex() = default;

const std::vector<HeaderField>& EnsembleIndex::keys() const {
    return d->keys; // immutable after construction: no lock
}

qint64 EnsembleIndex::traceCount() const {
    return d->traceCount;
}

qint64 EnsembleIndex::count() const {
    std::shared_lock lock(d->mutex);
    return static_cast<qint64>(d->first.size());
}

qint64 EnsembleIndex::tracesScanned() const {
    std::shared_lock lock(d->mutex);
    return d->scanned;
}

bool EnsembleIndex::isComplete() const {
    std::shared_lock lock(d->mutex);
    return d->complete;
}

bool EnsembleIndex::fromCache() const {
    std::shared_lock lock(d->mutex);
    return d->fromCache;
}

Ensemble EnsembleIndex::ensemble(qint64 number) const {
    std::shared_lock lock(d->mutex);
    const auto n = static_cast<qint64>(d->first.size());
    if (number < 0 || number >= n)
        throw ArgumentError(QStringLiteral("ensemble %1 is out of range; the index has %2 "
                                           "complete ensembles%3 (expected 0 <= number < %2)")
                                .arg(number)
                                .arg(n)
                                .arg(d->complete ? QString() : QStringLiteral(" so far")));
    return d->make(static_cast<std::size_t>(number));
}

std::optional<Ensemble> EnsembleIndex::ensembleOfTrace(qint64 trace) const {
    if (trace < 0 || trace >= d->traceCount)
        throw ArgumentError(QStringLiteral("trace %1 is out of range; the ensemble index covers "
                                           "%2 traces (expected 0 <= trace < %2)")
                                .arg(trace)
                                .arg(d->traceCount));
    std::shared_lock lock(d->mutex);
    const auto it = std::upper_bound(d->first.begin(), d->first.end(), trace);
    if (it == d->first.begin())
        return std::nullopt;
    const auto i = static_cast<std::size_t>(it - d->first.begin() - 1);
    if (trace >= d->endOf(i))
        return std::nullopt; // in the ensemble still being read
    return d->make(i);
}

std::optional<Ensemble> EnsembleIndex::findByKeys(std::span<const qint64> keys, qint64 from) const {
    if (keys.size() != d->keys.size())
        throw ArgumentError(QStringLiteral("findByKeys: %1 key values given; the index has %2 "
                                           "key field(s) (%3)")
                                .arg(keys.size())
                                .arg(d->keys.size())
                                .arg(keySpec(d->keys)));
    if (from < 0)
        throw ArgumentError(
            QStringLiteral("findByKeys: start ensemble %1 is negative (expected >= 0)").arg(from));
    std::shared_lock lock(d->mutex);
    const auto n = d->first.size();
    const qint64 k0 = keys[0];
    const qint64 k1 = d->twoKeys ? keys[1] : 0;
    for (auto i = static_cast<std::size_t>(std::min<qint64>(from, qint64(n))); i < n; ++i)
        if (d->key0[i] == k0 && (!d->twoKeys || d->key1[i] == k1))
            return d->make(i);
    return std::nullopt;
}

void EnsembleIndex::append(qint64 firstTrace, std::span<const qint64> key0,
                           std::span<const qint64> key1) {
    const bool two = d->twoKeys;
    if (two ? key1.size() != key0.size() : !key1.empty())
        throw ArgumentError(QStringLiteral("EnsembleIndex::append: %1 values for key 0 and %2 for "
                                           "key 1; expected %3")
                                .arg(key0.size())
                                .arg(key1.size())
                                .arg(two ? QStringLiteral("as many for both")
                                         : QStringLiteral("none for key 1 with a single key")));
    const auto n = static_cast<qint64>(key0.size());
    std::unique_lock lock(d->mutex);
    d->checkFollows("append", firstTrace, n);
    if (n == 0)
        return;
    Impl& s = *d;
    qint64 i = 0;
    if (!s.hasOpen) {
        s.hasOpen = true;
        s.openFirst = firstTrace;
        s.open0 = key0[0];
        s.open1 = two ? key1[0] : 0;
        i = 1;
    }
    // One comparison per trace; the vectors grow (amortised) per ensemble, never per trace.
    const qint64* k0 = key0.data();
    if (two) {
        const qint64* k1 = key1.data();
        for (; i < n; ++i) {
            if (k0[i] != s.open0 || k1[i] != s.open1) {
                s.publishOpen();
                s.openFirst = firstTrace + i;
                s.open0 = k0[i];
                s.open1 = k1[i];
            }
        }
    } else {
        qint64 cur = s.open0;
        for (; i < n; ++i) {
            if (k0[i] != cur) {
                s.publishOpen();
                s.openFirst = firstTrace + i;
                s.open0 = cur = k0[i];
            }
        }
    }
    s.scanned += n;
}

void EnsembleIndex::appendRuns(qint64 firstTrace, std::span<const qint64> counts,
                               std::span<const qint64> key0, std::span<const qint64> key1) {
    const bool two = d->twoKeys;
    if (key0.size() != counts.size() || (two ? key1.size() != counts.size() : !key1.empty()))
        throw ArgumentError(QStringLiteral("EnsembleIndex::appendRuns: %1 runs with %2 values for "
                                           "key 0 and %3 for key 1; expected one per run%4")
                                .arg(counts.size())
                                .arg(key0.size())
                                .arg(key1.size())
                                .arg(two ? QString() : QStringLiteral(" and none for key 1")));
    qint64 n = 0;
    for (const qint64 c : counts) {
        if (c < 1)
            throw ArgumentError(
                QStringLiteral("EnsembleIndex::appendRuns: a run of %1 traces; expected 1 or more")
                    .arg(c));
        n += c;
    }
    std::unique_lock lock(d->mutex);
    d->checkFollows("appendRuns", firstTrace, n);
    Impl& s = *d;
    qint64 t = firstTrace;
    for (std::size_t r = 0; r < counts.size(); ++r) {
        const qint64 k1 = two ? key1[r] : 0;
        if (!s.hasOpen || key0[r] != s.open0 || k1 != s.open1) {
            if (s.hasOpen)
                s.publishOpen();
            s.hasOpen = true;
            s.openFirst = t;
            s.open0 = key0[r];
            s.open1 = k1;
        }
        t += counts[r];
    }
    s.scanned += n;
}

void EnsembleIndex::finish() {
    std::unique_lock lock(d->mutex);
    if (d->complete)
        return;
    if (d->scanned != d->traceCount)
        throw ArgumentError(QStringLiteral("EnsembleIndex::finish: %1 of %2 traces appended "
                                           "(expected all of them)")
                                .arg(d->scanned)
                                .arg(d->traceCount));
    if (d->hasOpen)
        d->publishOpen();
    d->hasOpen = false;
    d->complete = true;
    // Growth by doubling may have left up to half the capacity unused.
    d->first.shrink_to_fit();
    d->key0.shrink_to_fit();
    d->key1.shrink_to_fit();
}

QByteArray EnsembleIndex::serialize(const QString& identity, const QString& sourcePath) const {
    std::shared_lock lock(d->mutex);
    if (!d->complete)
        throw ArgumentError(QStringLiteral("EnsembleIndex::serialize: the index is incomplete "
                                           "(%1 of %2 traces scanned); only a complete index is "
                                           "stored")
                                .arg(d->scanned)
                                .arg(d->traceCount));
    const detail::EnsembleCacheSource source =
        detail::statSource(sourcePath).value_or(detail::EnsembleCacheSource{});
    return detail::encodeEnsembleCacheEntry(
        source, detail::EnsembleCacheKey{identity.toUtf8(), d->keys, d->traceCount}, d->first,
        d->key0, d->key1);
}

std::unique_ptr<EnsembleIndex> EnsembleIndex::deserialize(const QByteArray& bytes,
                                                          const QString& identity,
                                                          const std::vector<HeaderField>& keys,
                                                          qint64 traceCount) {
    // Nothing here may throw for bad bytes: the parser never does, and allocation failure below
    // is caught too.
    try {
        auto entry = detail::parseEnsembleCacheEntry(
            std::as_bytes(std::span(bytes.constData(), static_cast<std::size_t>(bytes.size()))),
            detail::EnsembleCacheKey{identity.toUtf8(), keys, traceCount});
        if (!entry)
            return nullptr;
        auto index = std::make_unique<EnsembleIndex>(keys, traceCount);
        Impl& s = *index->d;
        s.first = std::move(entry->first);
        s.key0 = std::move(entry->key0);
        s.key1 = std::move(entry->key1);
        s.scanned = traceCount;
        s.complete = true;
        s.fromCache = true;
        return index;
    } catch (const std::exception&) {
        return nullptr;
    }
}

// ---- keys ---------------------------------------------------------------------------------------

std::vector<HeaderField> parseEnsembleKeys(const QString& text) {
    const QStringList parts = text.split(QLatin1Char(','));
    if (text.trimmed().isEmpty())
        throw ArgumentError(QStringLiteral("no ensemble key given; expected one or two trace "
                                           "header keys such as 'fldr', 'cdp' or 'fldr,cdp'"));
    if (parts.size() > 2)
        throw ArgumentError(QStringLiteral("ensemble keys '%1': %2 keys given; expected one or "
                                           "two, such as 'fldr' or 'fldr,cdp'")
                                .arg(text)
                                .arg(parts.size()));
    std::vector<HeaderField> keys;
    for (const QString& part : parts)
        keys.push_back(parseHeaderField(part)); // its message names the key and what is accepted
    return keys;
}

LoadStatus scanEnsembles(const TraceSource& source, EnsembleIndex& index,
                         const ProgressCallback& progress, const EnsembleScanOptions& options) {
    const qint64 n = source.traceCount();
    if (index.traceCount() != n)
        throw ArgumentError(QStringLiteral("scanEnsembles: the index is made for %1 traces but "
                                           "%2 has %3")
                                .arg(index.traceCount())
                                .arg(source.path())
                                .arg(n));
    if (index.tracesScanned() != 0 || index.isComplete())
        throw ArgumentError(QStringLiteral("scanEnsembles: the index already holds %1 scanned "
                                           "traces (expected an empty index)")
                                .arg(index.tracesScanned()));
    const std::vector<HeaderField>& keys = index.keys();

    QString cachePath;
    if (options.useCache && options.cacheMaxBytes <= 0) {
        // A bound of 0: nothing is read or stored, and the directory is held to the bound.
        const QString dir =
            options.cacheDir.isEmpty() ? ensembleCacheDirectory() : options.cacheDir;
        try {
            if (!dir.isEmpty())
                detail::pruneEnsembleCache(dir, {}, 0);
        } catch (const std::exception&) { // out of memory: the cache stays optional
        }
    } else if (options.useCache) {
        cachePath = ensembleCachePath(source, keys, options.cacheDir);
        if (!cachePath.isEmpty()) {
            if (auto cached = detail::loadCached(cachePath, source.identity(), keys, n)) {
                EnsembleIndexAccess::adopt(index, *cached);
                if (progress)
                    progress(n, n); // done already: nothing left to cancel
                return LoadStatus::Completed;
            }
        }
    }

    // Only these per-block columns are allocated; the index is the one thing that grows.
    const qint64 block = std::max<qint64>(1, std::min(options.blockTraces, std::max<qint64>(n, 1)));
    const bool two = keys.size() == 2;
    std::vector<qint64> col0(static_cast<std::size_t>(block));
    std::vector<qint64> col1(two ? static_cast<std::size_t>(block) : 0);
    const std::array<qint64*, 2> outs{col0.data(), col1.data()};
    // Ensembles the source keeps (a store) give the key columns without reading any header.
    std::optional<StoredEnsembles> stored;
    try {
        stored = source.storedEnsembles(keys);
    } catch (const FormatError&) {
        stored.reset(); // kept ensembles that do not hold together: scan the headers instead
    }
    if (stored) {
        // The kept runs, a block of them at a time.
        const auto runs = static_cast<qint64>(stored->firstTrace.size());
        qint64 traces = 0;
        for (qint64 r = 0; r < runs; r += block) {
            const auto at = static_cast<std::size_t>(r);
            const auto count = static_cast<std::size_t>(std::min(block, runs - r));
            const auto part = [&](const std::vector<qint64>& v) {
                return v.empty() ? std::span<const qint64>()
                                 : std::span<const qint64>(v.data() + at, count);
            };
            index.appendRuns(traces, part(stored->traceCount), part(stored->keys0),
                             two ? part(stored->keys1) : std::span<const qint64>());
            traces = stored->firstTrace[at + count - 1] + stored->traceCount[at + count - 1];
            if (progress && !progress(traces, n))
                return LoadStatus::Cancelled;
        }
    } else {
        // The source leaves nothing of what it read resident (TraceSource), so a scan of a
        // terabyte file runs in the memory of one block's columns.
        for (qint64 t = 0; t < n; t += block) {
            const TraceRange range{t, std::min(n, t + block)};
            const auto count = static_cast<std::size_t>(range.count());
            source.readHeaderColumns(keys, range,
                                     std::span<qint64* const>(outs.data(), keys.size()));
            index.append(range.begin, std::span<const qint64>(col0.data(), count),
                         two ? std::span<const qint64>(col1.data(), count)
                             : std::span<const qint64>());
            if (progress && !progress(range.end, n))
                return LoadStatus::Cancelled;
        }
    }
    index.finish();
    // The arrays alone decide whether the entry can fit the bound: an index too large for the
    // cache is not even serialised (no second copy of it in memory).
    const qint64 arrayBytes = index.count() * 8 * qint64(1 + keys.size());
    if (!cachePath.isEmpty() && arrayBytes < options.cacheMaxBytes)
        detail::storeCached(cachePath, index.serialize(source.identity(), source.path()),
                            options.cacheMaxBytes);
    return LoadStatus::Completed;
}

QFuture<void> scanEnsemblesAsync(std::shared_ptr<const TraceSource> source,
                                 std::shared_ptr<EnsembleIndex> index,
                                 EnsembleScanOptions options) {
    if (!source || !index)
        throw ArgumentError(QStringLiteral("scanEnsemblesAsync: no %1 given")
                                .arg(source ? QStringLiteral("index") : QStringLiteral("source")));
    return QtConcurrent::run(
        executors::jobs(), [source = std::move(source), index = std::move(index),
                            options = std::move(options)](QPromise<void>& promise) {
            ProgressTracker tracker(source->traceCount());
            const ProgressCallback progress = promiseProgress(promise, tracker);
            scanEnsembles(*source, *index, progress, options);
        });
}

} // namespace seis
