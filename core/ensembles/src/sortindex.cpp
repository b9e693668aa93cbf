#include "seis/ensembles/sortindex.h"

#include "anonymoustempfile.h"
#include "ensemblecache.h"
#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/progresstracker.h"
#include "sortcache.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <functional>
#include <queue>

namespace seis {

using detail::AnonymousTempFile;

namespace {

// One trace's sort record: ordering by (k1, k2, trace) is the stable sort by (k1, k2).
struct Record {
    qint64 k1 = 0;
    qint64 k2 = 0;
    qint64 trace = 0;
    friend auto operator<=>(const Record&, const Record&) = default;
};
static_assert(sizeof(Record) == 24);

// A sorted run of records in a temporary file.
struct Run {
    qint64 offset = 0; // bytes
    qint64 count = 0;  // records
};

// Records per 64 KiB merge buffer; a budget of B bytes merges B / 64 KiB runs at once (>= 2).
constexpr qint64 kMergeBufferBytes = qint64(64) << 10;
// Entries per write buffer of the result (64 KiB each).
constexpr std::size_t kOrderBufferEntries = 8192;
constexpr std::size_t kGatherBufferEntries = 2048;

// Reads one run through a buffer of `capacity` records.
class RunReader {
public:
    RunReader(const AnonymousTempFile& file, Run run, qint64 capacity)
        : m_file(&file)
        , m_offset(run.offset)
        , m_left(run.count)
        , m_buffer(static_cast<std::size_t>(std::min(capacity, run.count))) {
        refill();
    }
    bool done() const { return m_pos >= m_size; }
    const Record& current() const { return m_buffer[m_pos]; }
    void next() {
        if (++m_pos >= m_size)
            refill();
    }

private:
    void refill() {
        m_pos = 0;
        m_size = static_cast<std::size_t>(std::min<qint64>(m_left, qint64(m_buffer.size())));
        if (m_size == 0)
            return;
        const qint64 bytes = qint64(m_size) * qint64(sizeof(Record));
        m_file->read(m_offset, m_buffer.data(), bytes);
        m_offset += bytes;
        m_left -= qint64(m_size);
    }
    const AnonymousTempFile* m_file;
    qint64 m_offset;
    qint64 m_left;
    std::vector<Record> m_buffer;
    std::size_t m_pos = 0;
    std::size_t m_size = 0;
};

// Writes records one after another into a file through a buffer of `capacity` records.
class RunWriter {
public:
    RunWriter(AnonymousTempFile& file, qint64 offset, qint64 capacity)
        : m_file(&file)
        , m_offset(offset) {
        m_buffer.reserve(static_cast<std::size_t>(capacity));
    }
    void add(const Record& r) {
        m_buffer.push_back(r);
        if (m_buffer.size() == m_buffer.capacity())
            flush();
    }
    void flush() {
        const qint64 bytes = qint64(m_buffer.size()) * qint64(sizeof(Record));
        if (bytes > 0)
            m_file->write(m_offset, m_buffer.data(), bytes);
        m_offset += bytes;
        m_buffer.clear();
    }
    qint64 offset() const { return m_offset; }

private:
    AnonymousTempFile* m_file;
    qint64 m_offset;
    std::vector<Record> m_buffer;
};

// Writes the result: the sorted order at [0, 8n) and the gathers (K1, first position, first K2,
// last K2) after it, from records given in sorted order.
class ResultWriter {
public:
    ResultWriter(AnonymousTempFile& file, qint64 traceCount)
        : m_file(&file)
        , m_traceCount(traceCount) {
        m_order.reserve(kOrderBufferEntries);
        m_gathers.reserve(kGatherBufferEntries * 4);
    }
    void add(const Record& r) {
        if (m_position == 0 || r.k1 != m_key) {
            if (m_position > 0)
                closeGather();
            m_key = r.k1;
            m_first = m_position;
            m_firstKey2 = r.k2;
        }
        m_lastKey2 = r.k2;
        m_order.push_back(r.trace);
        ++m_position;
        if (m_order.size() == kOrderBufferEntries)
            flushOrder();
    }
    // Returns the number of gathers.
    qint64 finish() {
        if (m_position > 0)
            closeGather();
        flushOrder();
        flushGathers();
        return m_gatherCount;
    }
    qint64 position() const { return m_position; }

private:
    void closeGather() {
        m_gathers.insert(m_gathers.end(), {m_key, m_first, m_firstKey2, m_lastKey2});
        ++m_gatherCount;
        if (m_gathers.size() == kGatherBufferEntries * 4)
            flushGathers();
    }
    void flushOrder() {
        if (m_order.empty())
            return;
        const qint64 at = m_position - qint64(m_order.size());
        m_file->write(at * 8, m_order.data(), qint64(m_order.size()) * 8);
        m_order.clear();
    }
    void flushGathers() {
        if (m_gathers.empty())
            return;
        const qint64 entries = qint64(m_gathers.size()) / 4;
        m_file->write(m_traceCount * 8 + (m_gatherCount - entries) * 32, m_gathers.data(),
                      entries * 32);
        m_gathers.clear();
    }
    AnonymousTempFile* m_file;
    qint64 m_traceCount;
    std::vector<qint64> m_order;
    std::vector<qint64> m_gathers;
    qint64 m_position = 0;
    qint64 m_gatherCount = 0;
    qint64 m_key = 0;
    qint64 m_first = 0;
    qint64 m_firstKey2 = 0;
    qint64 m_lastKey2 = 0;
};

// Merges `runs` of `file` in sorted order into `sink`, each run read through `perRun` records.
// `tick` is called every `every` records; false cancels (the merge returns false).
bool mergeRuns(const AnonymousTempFile& file, std::span<const Run> runs, qint64 perRun,
               const std::function<void(const Record&)>& sink, qint64 every,
               const std::function<bool()>& tick) {
    std::vector<RunReader> readers;
    readers.reserve(runs.size());
    for (const Run& run : runs)
        readers.emplace_back(file, run, perRun);
    const auto later = [&](std::size_t a, std::size_t b) {
        return readers[b].current() < readers[a].current();
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(later)> heap(later);
    for (std::size_t i = 0; i < readers.size(); ++i)
        if (!readers[i].done())
            heap.push(i);
    qint64 sinceTick = 0;
    while (!heap.empty()) {
        const std::size_t i = heap.top();
        heap.pop();
        sink(readers[i].current());
        readers[i].next();
        if (!readers[i].done())
            heap.push(i);
        if (++sinceTick == every) {
            sinceTick = 0;
            if (!tick())
                return false;
        }
    }
    return true;
}

QString keyNames(const std::vector<HeaderField>& keys) {
    QStringList names;
    for (const HeaderField& k : keys)
        names << k.name;
    return names.join(QLatin1Char(','));
}

} // namespace

// ---- SortIndex ----------------------------------------------------------------------------------

struct SortIndex::Impl {
    QString sourcePath;
    std::vector<HeaderField> keys;
    qint64 traceCount = 0;
    qint64 gatherCount = 0;
    std::unique_ptr<AnonymousTempFile> file;
    const qint64* order = nullptr;
    const qint64* gathers = nullptr; // 4 values per gather
    qint64 runCount = 0;
    int mergePasses = 0;
    bool fromCache = false;

    void check(qint64 number) const {
        if (number < 0 || number >= gatherCount)
            throw ArgumentError(sourcePath,
                                QStringLiteral("gather %1 is out of range; sorted by %2 there are "
                                               "%3 gathers (expected 0 <= gather < %3)")
                                    .arg(number)
                                    .arg(keyNames(keys))
                                    .arg(gatherCount));
    }
};

SortIndex::SortIndex()
    : d(std::make_unique<Impl>()) {}

SortIndex::~SortIndex() = default;

const std::vector<HeaderField>& SortIndex::keys() const {
    return d->keys;
}

qint64 SortIndex::traceCount() const {
    return d->traceCount;
}

qint64 SortIndex::gatherCount() const {
    return d->gatherCount;
}

SortedGather SortIndex::gather(qint64 number) const {
    d->check(number);
    const qint64* g = d->gathers + number * 4;
    const qint64 end = number + 1 < d->gatherCount ? g[4 + 1] : d->traceCount;
    return SortedGather{number, g[0], g[1], end - g[1], g[2], g[3]};
}

std::span<const qint64> SortIndex::traces(qint64 number) const {
    const SortedGather g = gather(number);
    return {d->order + g.firstPosition, static_cast<std::size_t>(g.traceCount)};
}

std::span<const qint64> SortIndex::order() const {
    return {d->order, static_cast<std::size_t>(d->traceCount)};
}

qint64 SortIndex::runCount() const {
    return d->runCount;
}

int SortIndex::mergePasses() const {
    return d->mergePasses;
}

bool SortIndex::fromCache() const {
    return d->fromCache;
}

class SortIndexBuilder {
public:
    static std::unique_ptr<SortIndex> make() { return std::unique_ptr<SortIndex>(new SortIndex); }
    static auto& impl(SortIndex& index) { return *index.d; }
};

namespace detail {

std::unique_ptr<SortIndex> makeCachedSortIndex(const QString& sourcePath,
                                               std::vector<HeaderField> keys, qint64 traceCount,
                                               const SortCacheEntry& entry,
                                               const QString& tempDir) {
    auto index = SortIndexBuilder::make();
    auto& d = SortIndexBuilder::impl(*index);
    d.sourcePath = sourcePath;
    d.keys = std::move(keys);
    d.traceCount = traceCount;
    d.gatherCount = qint64(entry.gathers.size()) / 4;
    d.fromCache = true;
    d.file = std::make_unique<AnonymousTempFile>(tempDir);
    const qint64 orderBytes = qint64(entry.order.size()) * 8;
    if (orderBytes > 0)
        d.file->write(0, entry.order.data(), orderBytes);
    if (!entry.gathers.empty())
        d.file->write(orderBytes, entry.gathers.data(), qint64(entry.gathers.size()) * 8);
    const char* base = d.file->map(orderBytes + qint64(entry.gathers.size()) * 8);
    d.order = reinterpret_cast<const qint64*>(base);
    d.gathers = base ? reinterpret_cast<const qint64*>(base + orderBytes) : nullptr;
    return index;
}

} // namespace detail

namespace {

// The cached sort of `source` by `keys` at `path`, or nullptr (no entry, or not a valid one).
std::unique_ptr<SortIndex> loadCachedSort(const QString& path, const TraceSource& source,
                                          const std::vector<HeaderField>& keys,
                                          const QString& tempDir) {
    const QString identity = source.identity();
    const qint64 n = source.traceCount();
    const auto bytes = detail::readEntryFile(
        path, detail::maxSortEntryBytes(identity.toUtf8().size(), keys.size(), n));
    if (!bytes)
        return nullptr;
    const auto entry = detail::parseSortCacheEntry(
        {reinterpret_cast<const std::byte*>(bytes->constData()), std::size_t(bytes->size())},
        identity, keys, n);
    if (!entry)
        return nullptr;
    auto index = detail::makeCachedSortIndex(source.path(), keys, n, *entry, tempDir);
    detail::touchEntryFile(path);
    return index;
}

} // namespace

// ---- buildSortIndex -----------------------------------------------------------------------------

LoadStatus buildSortIndex(const TraceSource& source, std::vector<HeaderField> keys,
                          std::unique_ptr<SortIndex>& result, const ProgressCallback& progress,
                          const SortIndexOptions& options) {
    if (keys.empty() || keys.size() > 2)
        throw ArgumentError(
            source.path(),
            QStringLiteral("a sort needs one or two key fields, got %1").arg(keys.size()));
    if (options.memoryBytes < kMinSortMemoryBytes)
        throw ArgumentError(source.path(),
                            QStringLiteral("a sort memory budget of %1 bytes is too small "
                                           "(expected at least %2)")
                                .arg(options.memoryBytes)
                                .arg(kMinSortMemoryBytes));
    if (options.blockTraces < 1)
        throw ArgumentError(source.path(),
                            QStringLiteral("a sort cannot read blocks of %1 traces (expected at "
                                           "least 1)")
                                .arg(options.blockTraces));
    const qint64 n = source.traceCount();
    const qint64 total = 2 * n;
    const bool two = keys.size() == 2;

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
        cachePath = sortCachePath(source, keys, options.cacheDir);
        if (!cachePath.isEmpty()) {
            if (auto cached = loadCachedSort(cachePath, source, keys, options.tempDir)) {
                result = std::move(cached);
                if (progress)
                    progress(total, total);
                return LoadStatus::Completed;
            }
        }
    }
    const qint64 capacity = options.memoryBytes / qint64(sizeof(Record));

    // 1. Read the key columns a block at a time; sort runs of `capacity` records.
    std::vector<Record> records;
    records.reserve(static_cast<std::size_t>(std::min(capacity, n)));
    std::unique_ptr<AnonymousTempFile> runFile;
    std::vector<Run> runs;
    qint64 runBytes = 0;
    const auto spill = [&] {
        std::sort(records.begin(), records.end());
        if (!runFile)
            runFile = std::make_unique<AnonymousTempFile>(options.tempDir);
        const qint64 bytes = qint64(records.size()) * qint64(sizeof(Record));
        runFile->write(runBytes, records.data(), bytes);
        runs.push_back(Run{runBytes, qint64(records.size())});
        runBytes += bytes;
        records.clear();
    };
    {
        const qint64 block = std::min(options.blockTraces, std::max<qint64>(n, 1));
        std::vector<qint64> col0(static_cast<std::size_t>(block));
        std::vector<qint64> col1(two ? static_cast<std::size_t>(block) : 0);
        const std::array<qint64*, 2> outs{col0.data(), col1.data()};
        for (qint64 t = 0; t < n; t += block) {
            const TraceRange range{t, std::min(n, t + block)};
            source.readHeaderColumns(keys, range,
                                     std::span<qint64* const>(outs.data(), keys.size()));
            for (qint64 i = 0; i < range.count(); ++i) {
                const auto at = static_cast<std::size_t>(i);
                records.push_back(Record{col0[at], two ? col1[at] : 0, t + i});
                if (qint64(records.size()) == capacity)
                    spill();
            }
            if (progress && !progress(range.end, total))
                return LoadStatus::Cancelled;
        }
    }

    auto index = SortIndexBuilder::make();
    auto& d = SortIndexBuilder::impl(*index);
    d.sourcePath = source.path();
    d.keys = std::move(keys);
    d.traceCount = n;
    d.file = std::make_unique<AnonymousTempFile>(options.tempDir);
    ResultWriter writer(*d.file, n);
    const qint64 every = std::min(options.blockTraces, std::max<qint64>(n, 1));
    const auto tick = [&] { return !progress || progress(n + writer.position(), total); };

    if (runs.empty()) {
        // 2a. Everything fits the budget: sorted in memory.
        std::sort(records.begin(), records.end());
        for (std::size_t i = 0; i < records.size(); ++i) {
            writer.add(records[i]);
            if ((i + 1) % static_cast<std::size_t>(every) == 0 && !tick())
                return LoadStatus::Cancelled;
        }
    } else {
        // 2b. Runs on disk: merge them, fanIn at a time, until one pass can write the result.
        if (!records.empty())
            spill();
        std::vector<Record>().swap(records); // the budget goes to the merge buffers now
        d.runCount = qint64(runs.size());
        const qint64 fanIn = std::max<qint64>(2, options.memoryBytes / kMergeBufferBytes);
        const qint64 perRun = std::max<qint64>(1, capacity / (fanIn + 1));
        const auto cancelOnly = [&] { return !progress || progress(n, total); };
        while (qint64(runs.size()) > fanIn) {
            auto next = std::make_unique<AnonymousTempFile>(options.tempDir);
            RunWriter out(*next, 0, perRun);
            std::vector<Run> merged;
            for (std::size_t r = 0; r < runs.size(); r += std::size_t(fanIn)) {
                const auto group = std::span<const Run>(runs).subspan(
                    r, std::min(runs.size() - r, std::size_t(fanIn)));
                const qint64 begin = out.offset();
                qint64 count = 0;
                if (!mergeRuns(
                        *runFile, group, perRun,
                        [&](const Record& rec) {
                            out.add(rec);
                            ++count;
                        },
                        every, cancelOnly))
                    return LoadStatus::Cancelled;
                out.flush();
                merged.push_back(Run{begin, count});
            }
            runFile = std::move(next);
            runs = std::move(merged);
            ++d.mergePasses;
        }
        if (!mergeRuns(
                *runFile, runs, perRun, [&](const Record& rec) { writer.add(rec); }, every, tick))
            return LoadStatus::Cancelled;
        ++d.mergePasses;
        runFile.reset();
    }
    d.gatherCount = writer.finish();
    const char* base = d.file->map(n * 8 + d.gatherCount * 32);
    d.order = reinterpret_cast<const qint64*>(base);
    d.gathers = base ? reinterpret_cast<const qint64*>(base + n * 8) : nullptr;
    if (!cachePath.isEmpty() && n * 8 + d.gatherCount * 32 < options.cacheMaxBytes) {
        try {
            detail::storeCached(
                cachePath, detail::encodeSortCacheEntry(*index, source.identity(), source.path()),
                options.cacheMaxBytes);
        } catch (const std::exception&) { // out of memory for the entry: not cached
        }
    }
    if (progress)
        progress(total, total);
    result = std::move(index);
    return LoadStatus::Completed;
}

QFuture<std::shared_ptr<const SortIndex>>
buildSortIndexAsync(std::shared_ptr<const TraceSource> source, std::vector<HeaderField> keys,
                    SortIndexOptions options) {
    if (!source)
        throw ArgumentError(QStringLiteral("buildSortIndexAsync: no source given"));
    return QtConcurrent::run(
        executors::jobs(),
        [source = std::move(source), keys = std::move(keys),
         options = std::move(options)](QPromise<std::shared_ptr<const SortIndex>>& promise) {
            ProgressTracker tracker(2 * source->traceCount());
            const ProgressCallback progress = promiseProgress(promise, tracker);
            std::unique_ptr<SortIndex> index;
            if (buildSortIndex(*source, keys, index, progress, options) == LoadStatus::Completed)
                promise.addResult(std::shared_ptr<const SortIndex>(std::move(index)));
        });
}

} // namespace seis
