#include "seis/cache/tilecache.h"

#include "bookkeepingmemory.h"
#include "seis/base/error.h"
#include "seis/base/parallel.h"

#include <QPromise>

#include <sys/mman.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <list>
#include <memory_resource>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace seis {

// Tile memory comes straight from mmap, not malloc, and is recycled through a small pool.
// Tiles of a megabyte or so are freed by other threads than the ones that allocated them, and
// glibc keeps such memory in its arenas (its dynamic mmap threshold rises past our size after the
// first free): scrolling 2 GB with a 64 MB budget peaked at 160 MB with malloc. Fresh mmap memory
// on the other hand costs a page fault per 4 KB at first touch, which tripled the latency of a
// jump; a recycled buffer costs nothing.
class TilePool {
public:
    explicit TilePool(std::size_t maxFree)
        : m_maxFree(maxFree) {}
    ~TilePool() {
        for (auto [p, bytes] : m_free)
            ::munmap(p, bytes);
    }

    float* take(std::size_t bytes) {
        {
            std::lock_guard lock(m_mutex);
            for (auto it = m_free.begin(); it != m_free.end(); ++it)
                if (it->second == bytes) {
                    void* p = it->first;
                    m_free.erase(it);
                    return static_cast<float*>(p);
                }
        }
        void* p =
            ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        return static_cast<float*>(p);
    }

    void give(float* p, std::size_t bytes) {
        {
            std::lock_guard lock(m_mutex);
            if (m_free.size() < m_maxFree) {
                m_free.emplace_back(p, bytes);
                return;
            }
        }
        ::munmap(p, bytes);
    }

private:
    std::mutex m_mutex;
    std::vector<std::pair<void*, std::size_t>> m_free;
    std::size_t m_maxFree;
};

class TileMemory {
public:
    TileMemory(std::shared_ptr<TilePool> pool, std::size_t floats)
        : m_pool(std::move(pool))
        , m_bytes(std::max<std::size_t>(1, floats * sizeof(float)))
        , m_data(m_pool->take(m_bytes)) {}
    ~TileMemory() { m_pool->give(m_data, m_bytes); }
    TileMemory(const TileMemory&) = delete;
    TileMemory& operator=(const TileMemory&) = delete;
    float* get() const { return m_data; }

private:
    std::shared_ptr<TilePool> m_pool; // windows may outlive the cache, so they share the pool
    std::size_t m_bytes;
    float* m_data;
};

class Tile {
public:
    Tile(std::shared_ptr<TilePool> pool, TraceRange traces, SampleRange samples)
        : traces(traces)
        , samples(samples)
        , data(std::move(pool), static_cast<std::size_t>(traces.count() * samples.count())) {}
    qint64 bytes() const { return traces.count() * samples.count() * qint64(sizeof(float)); }
    const float* trace(qint64 t) const { return data.get() + (t - traces.begin) * samples.count(); }

    const TraceRange traces;
    const SampleRange samples;
    const TileMemory data;
};

const float* TraceWindow::trace(qint64 t) const {
    Q_ASSERT(t >= m_traces.begin && t < m_traces.end);
    if (m_buffer)
        return m_buffer.get() + (t - m_traces.begin) * m_samples.count();
    const Tile& tile = *m_tiles[static_cast<std::size_t>(t / m_tileTraces - m_firstTile)];
    return tile.data.get() + (t - tile.traces.begin) * m_tileStride + m_sampleOffset;
}

void TraceWindow::copyTo(float* dst) const {
    const qint64 ns = m_samples.count();
    for (qint64 t = m_traces.begin; t < m_traces.end; ++t, dst += ns)
        std::memcpy(dst, trace(t), static_cast<std::size_t>(ns) * sizeof(float));
}

namespace {

// A tile: its decimation factor, its row (along traces) and its column (along output samples of
// that factor).
struct Key {
    qint64 factor = 1;
    qint64 row = 0;
    qint64 col = 0;
    friend bool operator==(const Key&, const Key&) = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const noexcept {
        std::size_t h = std::hash<qint64>()(k.row);
        h ^= std::hash<qint64>()(k.col) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        h ^= std::hash<qint64>()(k.factor) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
        return h;
    }
};

// A tile some thread is reading; others that need it wait for it instead of reading it again.
struct Pending {
    std::shared_ptr<const Tile> tile;
    std::exception_ptr error;
    bool done = false;
};

struct Entry {
    std::shared_ptr<const Tile> tile;
    std::pmr::list<Key>::iterator lru;
    bool prefetched = false; // read by prefetch and not yet asked for
};

} // namespace

struct TileCache::Impl {
    const TraceSource& source;
    const TileCacheOptions& options;
    qint64 rows = 0; // tile rows (along traces)

    mutable std::mutex mutex;
    std::condition_variable changed; // a pending tile finished, a foreground request ended, ...
    // Long-lived small objects come from their own pages (bookkeepingmemory.h).
    std::pmr::unordered_map<Key, Entry, KeyHash> entries{detail::cacheBookkeepingMemory()};
    std::pmr::list<Key> lru{detail::cacheBookkeepingMemory()}; // front = most recently used
    std::pmr::unordered_map<Key, std::shared_ptr<Pending>, KeyHash> pending{
        detail::cacheBookkeepingMemory()};
    // The tiles of the current view: never evicted.
    std::pmr::unordered_set<Key, KeyHash> pinned{detail::cacheBookkeepingMemory()};
    std::pmr::deque<Key> queue{detail::cacheBookkeepingMemory()}; // prefetch, nearest first
    int foreground = 0;   // foreground requests reading tiles now
    int prefetchBusy = 0; // tiles prefetch is reading now
    bool prefetchEnabled = true;
    bool closing = false;
    std::optional<TraceRange> lastView;
    NeighbourFunction neighbours;
    TileCacheStats stats;

    // Recycles the memory of evicted tiles: as many as one view's worth of reads in flight.
    std::shared_ptr<TilePool> pool = std::make_shared<TilePool>(16);

    // Threads of our own, started on first need (see parallel.h on why not QThreadPool).
    std::vector<std::thread> prefetchThreads;
    struct Request {
        TraceRange traces;
        SampleRange samples;
        qint64 factor = 1;
        QPromise<TraceWindow> promise;
    };
    std::deque<std::unique_ptr<Request>> requests; // for requestWindow, in order
    std::thread requestThread;

    Impl(const TraceSource& s, const TileCacheOptions& o)
        : source(s)
        , options(o) {
        rows = (s.traceCount() + o.tileTraces - 1) / o.tileTraces;
        prefetchEnabled = o.prefetch && o.budgetBytes > 0;
    }

    // Output samples per trace at `factor`.
    qint64 outputSamples(qint64 factor) const {
        return TraceSource::decimatedCount(source.sampleCount(), factor);
    }
    TraceRange tileTraces(qint64 row) const {
        return {row * options.tileTraces,
                std::min(source.traceCount(), (row + 1) * options.tileTraces)};
    }
    // The tile's output samples at its factor.
    SampleRange tileSamples(const Key& k) const {
        return {k.col * options.tileSamples,
                std::min(outputSamples(k.factor), (k.col + 1) * options.tileSamples)};
    }

    std::shared_ptr<Tile> makeTile(const Key& k) const {
        const TraceRange t = tileTraces(k.row);
        const SampleRange s = tileSamples(k);
        auto tile = std::allocate_shared<Tile>(
            std::pmr::polymorphic_allocator<Tile>(detail::cacheBookkeepingMemory()), pool, t, s);
        if (k.factor == 1)
            source.readWindow(t, s, tile->data.get());
        else
            source.readWindowDecimated(
                t, {s.begin * k.factor, std::min(source.sampleCount(), s.end * k.factor)}, k.factor,
                tile->data.get());
        return tile;
    }

    // Makes room for `bytes` by evicting the least recently used tiles that are not pinned.
    // Returns false, evicting nothing, if that cannot be done. Caller holds the mutex.
    bool makeRoom(qint64 bytes) {
        qint64 pinnedHeld = 0;
        for (Key k : pinned)
            if (auto e = entries.find(k); e != entries.end())
                pinnedHeld += e->second.tile->bytes();
        if (pinnedHeld + bytes > options.budgetBytes)
            return false;
        auto it = lru.end();
        while (stats.bytesHeld + bytes > options.budgetBytes) {
            --it; // cannot pass begin(): the unpinned tiles alone make enough room
            if (pinned.contains(*it))
                continue;
            auto e = entries.find(*it);
            stats.bytesHeld -= e->second.tile->bytes();
            --stats.tilesHeld;
            ++stats.evictions;
            entries.erase(e);
            it = lru.erase(it);
        }
        return true;
    }

    void insert(const Key& k, std::shared_ptr<const Tile> tile, bool prefetched) {
        if (closing || options.budgetBytes == 0 || entries.contains(k))
            return;
        if (!makeRoom(tile->bytes()))
            return;
        lru.push_front(k);
        stats.bytesHeld += tile->bytes();
        ++stats.tilesHeld;
        entries.emplace(k, Entry{std::move(tile), lru.begin(), prefetched});
    }

    std::vector<Key> prefetchTargets(TraceRange view, qint64 factor, qint64 c0, qint64 c1,
                                     qint64 viewBytes, const std::vector<TraceRange>& extra);
    void startPrefetch(std::vector<Key> targets);
    void prefetchLoop();
    void requestLoop(TileCache& cache);
};

TileCache::TileCache(std::shared_ptr<const TraceSource> source, TileCacheOptions options)
    : m_source(std::move(source))
    , m_options(options) {
    if (!m_source)
        throw ArgumentError(QStringLiteral("TileCache: no trace source"));
    if (m_options.tileTraces <= 0 || m_options.tileSamples <= 0)
        throw ArgumentError(QStringLiteral("TileCache: tile size %1 x %2 is not positive")
                                .arg(m_options.tileTraces)
                                .arg(m_options.tileSamples));
    if (m_options.budgetBytes < 0)
        throw ArgumentError(QStringLiteral("TileCache: budget %1 bytes is negative; expected 0 "
                                           "(no cache) or more")
                                .arg(m_options.budgetBytes));
    d = std::make_unique<Impl>(*m_source, m_options);
}

TileCache::~TileCache() {
    {
        std::lock_guard lock(d->mutex);
        d->closing = true;
        d->queue.clear();
    }
    d->changed.notify_all();
    for (auto& t : d->prefetchThreads)
        t.join();
    if (d->requestThread.joinable())
        d->requestThread.join();
    // Requests that never started: their futures end cancelled.
    for (auto& r : d->requests) {
        r->promise.future().cancel();
        r->promise.finish();
    }
}

qint64 TileCache::factorFor(qint64 samples, qint64 maxOutput) {
    maxOutput = std::max<qint64>(1, maxOutput);
    qint64 f = 1;
    while (TraceSource::decimatedCount(samples, f) > maxOutput)
        f *= 2;
    return f;
}

TraceWindow TileCache::window(TraceRange traces, SampleRange inputSamples, qint64 factor) {
    m_source->checkTraceRange(traces);
    m_source->checkSampleRange(inputSamples);
    if (factor < 1)
        throw ArgumentError(QStringLiteral("%1: decimation factor %2 is not valid; expected 1 or "
                                           "more")
                                .arg(m_source->path())
                                .arg(factor));
    // From here on, samples are output samples of `factor` (the input samples at factor 1).
    const SampleRange samples =
        inputSamples.count() == 0
            ? SampleRange{inputSamples.begin / factor, inputSamples.begin / factor}
            : SampleRange{inputSamples.begin / factor,
                          TraceSource::decimatedCount(inputSamples.end, factor)};
    TraceWindow w;
    w.m_traces = traces;
    w.m_samples = samples;
    w.m_factor = factor;
    w.m_tileTraces = m_options.tileTraces;
    if (w.isEmpty())
        return w;

    const qint64 r0 = traces.begin / m_options.tileTraces;
    const qint64 r1 = (traces.end - 1) / m_options.tileTraces + 1;
    const qint64 c0 = samples.begin / m_options.tileSamples;
    const qint64 c1 = (samples.end - 1) / m_options.tileSamples + 1;
    const qint64 nc = c1 - c0;
    const auto slot = [&](const Key& k) {
        return static_cast<std::size_t>((k.row - r0) * nc + (k.col - c0));
    };

    std::vector<std::shared_ptr<const Tile>> tiles(static_cast<std::size_t>((r1 - r0) * nc));
    std::vector<std::pair<Key, std::shared_ptr<Pending>>> mine, theirs;
    NeighbourFunction neighbours;
    {
        std::lock_guard lock(d->mutex);
        ++d->foreground;
        if (d->prefetchEnabled)
            neighbours = d->neighbours;
        d->pinned.clear();
        for (qint64 r = r0; r < r1; ++r)
            for (qint64 c = c0; c < c1; ++c) {
                const Key k{factor, r, c};
                d->pinned.insert(k);
                if (auto e = d->entries.find(k); e != d->entries.end()) {
                    ++d->stats.hits;
                    if (e->second.prefetched) {
                        ++d->stats.prefetchUsed;
                        e->second.prefetched = false;
                    }
                    d->lru.splice(d->lru.begin(), d->lru, e->second.lru);
                    tiles[slot(k)] = e->second.tile;
                    continue;
                }
                ++d->stats.misses;
                if (auto p = d->pending.find(k); p != d->pending.end()) {
                    theirs.emplace_back(k, p->second);
                } else {
                    auto mineP = std::allocate_shared<Pending>(
                        std::pmr::polymorphic_allocator<Pending>(detail::cacheBookkeepingMemory()));
                    d->pending.emplace(k, mineP);
                    mine.emplace_back(k, std::move(mineP));
                }
            }
    }

    // Read the missing tiles in parallel, outside the lock. A failure is kept for the tile's
    // waiters and rethrown below once every tile is settled.
    detail::runParallel(static_cast<qint64>(mine.size()), detail::defaultThreads(), [&](qint64 i) {
        auto& [k, p] = mine[static_cast<std::size_t>(i)];
        try {
            p->tile = d->makeTile(k);
        } catch (...) {
            p->error = std::current_exception();
        }
    });

    // Called outside the lock: it is the caller's code and may take its own locks.
    std::vector<TraceRange> extra;
    if (neighbours)
        extra = neighbours(traces);

    std::exception_ptr error;
    {
        std::unique_lock lock(d->mutex);
        for (auto& [k, p] : mine) {
            d->pending.erase(k);
            p->done = true;
            if (p->tile)
                d->insert(k, p->tile, false);
        }
        d->changed.notify_all();
        d->changed.wait(lock, [&] {
            return std::all_of(theirs.begin(), theirs.end(),
                               [](const auto& kp) { return kp.second->done; });
        });
        for (auto* list : {&mine, &theirs})
            for (auto& [k, p] : *list) {
                if (p->error && !error)
                    error = p->error;
                tiles[slot(k)] = p->tile;
            }
        --d->foreground;
        if (!error) {
            qint64 viewBytes = 0;
            for (const auto& t : tiles)
                viewBytes += t->bytes();
            d->startPrefetch(d->prefetchTargets(traces, factor, c0, c1, viewBytes, extra));
            d->lastView = traces;
        }
    }
    d->changed.notify_all();
    if (error)
        std::rethrow_exception(error);

    if (nc == 1) {
        // Inside one column of tiles: point into them, no copy.
        w.m_firstTile = r0;
        w.m_sampleOffset = samples.begin - tiles.front()->samples.begin;
        w.m_tileStride = tiles.front()->samples.count();
        w.m_tiles = std::move(tiles);
        return w;
    }
    const qint64 ns = samples.count();
    auto buffer =
        std::make_unique_for_overwrite<float[]>(static_cast<std::size_t>(traces.count() * ns));
    for (const auto& tile : tiles) {
        const qint64 t0 = std::max(traces.begin, tile->traces.begin);
        const qint64 t1 = std::min(traces.end, tile->traces.end);
        const qint64 s0 = std::max(samples.begin, tile->samples.begin);
        const qint64 s1 = std::min(samples.end, tile->samples.end);
        for (qint64 t = t0; t < t1; ++t)
            std::memcpy(buffer.get() + (t - traces.begin) * ns + (s0 - samples.begin),
                        tile->trace(t) + (s0 - tile->samples.begin),
                        static_cast<std::size_t>(s1 - s0) * sizeof(float));
    }
    w.m_buffer = std::shared_ptr<const float[]>(std::move(buffer));
    return w;
}

std::vector<Key> TileCache::Impl::prefetchTargets(TraceRange view, qint64 factor, qint64 c0,
                                                  qint64 c1, qint64 viewBytes,
                                                  const std::vector<TraceRange>& extra) {
    if (!prefetchEnabled || closing)
        return {};
    const qint64 n = view.count();
    std::vector<TraceRange> ranges;
    const TraceRange ahead{view.end, view.end + n};
    const TraceRange behind{view.begin - n, view.begin};
    if (lastView && view.begin > lastView->begin && view.begin <= lastView->end)
        ranges.push_back(ahead); // scrolling forward
    else if (lastView && view.begin < lastView->begin && view.end >= lastView->begin)
        ranges.push_back(behind); // scrolling backward
    else if (!lastView || view != *lastView) {
        // A jump or the first view: no direction yet, so a bit of both.
        ranges.push_back({view.end, view.end + n / 2});
        ranges.push_back({view.begin - n / 2, view.begin});
    }
    ranges.insert(ranges.end(), extra.begin(), extra.end());

    // What fits next to the current view; prefetching more would evict what it just read.
    qint64 room = options.budgetBytes - viewBytes;
    std::vector<Key> keys;
    std::unordered_set<Key, KeyHash> seen;
    for (TraceRange r : ranges) {
        r.begin = std::max<qint64>(0, r.begin);
        r.end = std::min(source.traceCount(), r.end);
        if (r.begin >= r.end)
            continue;
        const qint64 rb = r.begin / options.tileTraces;
        const qint64 re = (r.end - 1) / options.tileTraces + 1;
        // Nearest to the view first: walk backward ranges from their end.
        const bool backward = r.end <= view.begin;
        for (qint64 i = 0; i < re - rb; ++i) {
            const qint64 row = backward ? re - 1 - i : rb + i;
            for (qint64 c = c0; c < c1; ++c) {
                const Key k{factor, row, c};
                if (pinned.contains(k) || !seen.insert(k).second)
                    continue;
                room -= tileTraces(row).count() * tileSamples(k).count() * qint64(sizeof(float));
                if (room < 0)
                    return keys;
                if (!entries.contains(k) && !pending.contains(k))
                    keys.push_back(k);
            }
        }
    }
    return keys;
}

void TileCache::Impl::startPrefetch(std::vector<Key> targets) {
    // Whatever was queued for an earlier view and is not wanted now is stale.
    const std::unordered_set<Key, KeyHash> wanted(targets.begin(), targets.end());
    for (Key k : queue)
        if (!wanted.contains(k))
            ++stats.prefetchDropped;
    queue.assign(targets.begin(), targets.end());
    if (queue.empty() || closing)
        return;
    while (int(prefetchThreads.size()) < std::max(1, options.prefetchThreads))
        prefetchThreads.emplace_back([this] { prefetchLoop(); });
}

void TileCache::Impl::prefetchLoop() {
    std::unique_lock lock(mutex);
    for (;;) {
        // Foreground requests go first: a prefetch never competes with one for the CPU or disk.
        changed.wait(lock, [&] {
            return closing || (foreground == 0 && prefetchEnabled && !queue.empty());
        });
        if (closing)
            return;
        const Key k = queue.front();
        queue.pop_front();
        if (entries.contains(k) || pending.contains(k))
            continue;
        auto p = std::allocate_shared<Pending>(
            std::pmr::polymorphic_allocator<Pending>(detail::cacheBookkeepingMemory()));
        pending.emplace(k, p);
        ++prefetchBusy;
        lock.unlock();
        try {
            p->tile = makeTile(k);
        } catch (...) {
            p->error = std::current_exception();
        }
        lock.lock();
        --prefetchBusy;
        pending.erase(k);
        p->done = true;
        if (p->tile) {
            ++stats.prefetched;
            insert(k, p->tile, true);
        }
        changed.notify_all();
    }
}

void TileCache::Impl::requestLoop(TileCache& cache) {
    std::unique_lock lock(mutex);
    for (;;) {
        changed.wait(lock, [&] { return closing || !requests.empty(); });
        if (closing)
            return;
        std::unique_ptr<Request> r = std::move(requests.front());
        requests.pop_front();
        lock.unlock();
        if (!r->promise.isCanceled()) {
            try {
                r->promise.addResult(cache.window(r->traces, r->samples, r->factor));
            } catch (...) {
                r->promise.setException(std::current_exception());
            }
        }
        r->promise.finish();
        lock.lock();
    }
}

QFuture<TraceWindow> TileCache::requestWindow(TraceRange traces, SampleRange samples,
                                              qint64 factor) {
    auto r = std::make_unique<Impl::Request>();
    r->traces = traces;
    r->samples = samples;
    r->factor = factor;
    r->promise.start();
    QFuture<TraceWindow> future = r->promise.future();
    {
        std::lock_guard lock(d->mutex);
        d->requests.push_back(std::move(r));
        if (!d->requestThread.joinable())
            d->requestThread = std::thread([this] { d->requestLoop(*this); });
    }
    d->changed.notify_all();
    return future;
}

void TileCache::setNeighbourFunction(NeighbourFunction neighbours) {
    std::lock_guard lock(d->mutex);
    d->neighbours = std::move(neighbours);
}

void TileCache::setPrefetchEnabled(bool enabled) {
    std::lock_guard lock(d->mutex);
    d->prefetchEnabled = enabled && m_options.budgetBytes > 0;
    if (!d->prefetchEnabled) {
        d->stats.prefetchDropped += static_cast<qint64>(d->queue.size());
        d->queue.clear();
    }
    d->changed.notify_all();
}

void TileCache::waitForPrefetch() {
    std::unique_lock lock(d->mutex);
    d->changed.wait(
        lock, [&] { return (d->queue.empty() || !d->prefetchEnabled) && d->prefetchBusy == 0; });
}

TileCacheStats TileCache::stats() const {
    std::lock_guard lock(d->mutex);
    return d->stats;
}

} // namespace seis
