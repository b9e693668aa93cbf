// The tile cache: values against the reader, LRU order and the byte budget (also under
// concurrent requests), prefetch in the direction of travel, stale prefetch dropped after a jump,
// closing while prefetch is queued, the asynchronous request, errors for bad ranges, and the
// malloc heaps staying bounded while tiles are read by a decoder with c-blosc's scratch buffers.
#include "seis/base/error.h"
#include "seis/cache/tilecache.h"
#include "seis/ensembles/ensembleneighbours.h"
#include "seis/segy/segyfile.h"

#include <QRandomGenerator>
#include <QtTest>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

using namespace seis;

namespace {

// A source whose sample values are known (value(t, s) = t * 10000 + s, exact in float32 for
// the sizes used here), which logs every read and can hold reads of chosen traces at a gate.
class FakeSource final : public TraceSource {
public:
    FakeSource(qint64 traces, qint64 samples)
        : m_traces(traces)
        , m_samples(samples) {}

    static float value(qint64 t, qint64 s) { return float(t * 10000 + s); }

    QString path() const override { return QStringLiteral("fake.sgy"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return m_samples; }
    double sampleIntervalUs() const override { return 2000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readHeaderColumns(std::span<const HeaderField>, TraceRange,
                           std::span<qint64* const>) const override {}

    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        checkTraceRange(traces);
        checkSampleRange(samples);
        {
            std::unique_lock lock(m_mutex);
            if (traces.begin >= m_gated.begin && traces.begin < m_gated.end) {
                ++m_waiting;
                m_cv.notify_all();
                m_cv.wait(lock, [&] { return m_gated.count() == 0; });
                --m_waiting;
            }
            m_reads.push_back(traces);
        }
        for (qint64 t = traces.begin; t < traces.end; ++t)
            for (qint64 s = samples.begin; s < samples.end; ++s)
                *dst++ = value(t, s);
    }

    // Reads starting inside `gated` wait until open() is called.
    void close(TraceRange gated) {
        std::lock_guard lock(m_mutex);
        m_gated = gated;
    }
    void open() {
        {
            std::lock_guard lock(m_mutex);
            m_gated = {};
        }
        m_cv.notify_all();
    }
    // Waits until `n` reads are held at the gate.
    void waitForWaiting(int n) const {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [&] { return m_waiting >= n; });
    }
    std::vector<TraceRange> reads() const {
        std::lock_guard lock(m_mutex);
        return m_reads;
    }
    bool wasRead(qint64 firstTrace) const {
        for (const TraceRange& r : reads())
            if (r.begin == firstTrace)
                return true;
        return false;
    }

private:
    qint64 m_traces;
    qint64 m_samples;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_cv;
    mutable std::vector<TraceRange> m_reads;
    mutable int m_waiting = 0;
    TraceRange m_gated;
};

void checkValues(const TraceWindow& w) {
    for (qint64 t = w.traces().begin; t < w.traces().end; ++t) {
        const float* p = w.trace(t);
        for (qint64 s = w.samples().begin; s < w.samples().end; ++s)
            if (p[s - w.samples().begin] != FakeSource::value(t, s))
                QFAIL(qPrintable(QStringLiteral("trace %1 sample %2: %3, expected %4")
                                     .arg(t)
                                     .arg(s)
                                     .arg(p[s - w.samples().begin])
                                     .arg(FakeSource::value(t, s))));
    }
}

// A source that decodes as c-blosc 1.x does: for every read a scratch buffer of two 1 MiB
// blocks (zarr-python's default blocks for chunks of a megabyte or more) taken with
// posix_memalign, written to, and freed.
class ScratchSource final : public TraceSource {
public:
    QString path() const override { return QStringLiteral("scratch.zarr"); }
    qint64 traceCount() const override { return 100000; }
    qint64 sampleCount() const override { return 512; }
    double sampleIntervalUs() const override { return 2000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readHeaderColumns(std::span<const HeaderField>, TraceRange,
                           std::span<qint64* const>) const override {}
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        constexpr std::size_t kScratch = 2 * (std::size_t(1) << 20) + 16;
        void* scratch = nullptr;
        if (posix_memalign(&scratch, 32, kScratch) != 0)
            throw std::bad_alloc();
        std::memset(scratch, 1, kScratch);
        std::fill(dst, dst + traces.count() * samples.count(), float(traces.begin));
        std::free(scratch);
    }
};

// Tiles of 10 traces x 8 samples: 320 bytes each.
TileCacheOptions smallTiles(qint64 budgetTiles, bool prefetch) {
    TileCacheOptions o;
    o.tileTraces = 10;
    o.tileSamples = 8;
    o.budgetBytes = budgetTiles * 10 * 8 * 4;
    o.prefetch = prefetch;
    return o;
}

} // namespace

class TestTileCache : public QObject {
    Q_OBJECT

private slots:
    void matchesTheReaderOnARealFile();
    void windowsAcrossTileBoundaries();
    void budgetZeroCachesNothing();
    void lruEvictsTheLeastRecentlyUsed();
    void budgetHoldsUnderConcurrentRequests();
    void prefetchFollowsTheDirectionOfTravel();
    void prefetchNeverEvictsTheCurrentView();
    void neighbourRangesArePrefetched();
    void neighbouringEnsemblesArePrefetched();
    void staleprefetchIsDroppedAfterAJump();
    void closingWhilePrefetchIsQueued();
    void cacheKeepsItsSourceAlive();
    void windowsOutliveTheCache();
    void asynchronousRequest();
    void badRangesAndOptions();
    void decoderScratchDoesNotAccumulate();
};

void TestTileCache::matchesTheReaderOnARealFile() {
    // many_traces.sgy: 8500 traces x 128 samples, IBM, written by segyio.
    const QString path =
        qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/many_traces.sgy");
    auto file = std::make_shared<const SegyFile>(path);
    TileCacheOptions o;
    o.tileTraces = 100;
    o.tileSamples = 50; // three columns of tiles: windows are assembled across them
    o.budgetBytes = 2 << 20;
    TileCache cache(file, o);
    QRandomGenerator rng(7);
    for (int i = 0; i < 200; ++i) {
        const qint64 t0 = rng.bounded(int(file->traceCount()));
        const qint64 t1 = t0 + 1 + rng.bounded(int(std::min<qint64>(700, file->traceCount() - t0)));
        const qint64 s0 = rng.bounded(int(file->sampleCount()));
        const qint64 s1 = s0 + 1 + rng.bounded(int(file->sampleCount() - s0));
        const TraceWindow w = cache.window({t0, t1}, {s0, s1});
        std::vector<float> direct(std::size_t((t1 - t0) * (s1 - s0)));
        file->readWindow({t0, t1}, {s0, s1}, direct.data());
        std::vector<float> copied(direct.size());
        w.copyTo(copied.data());
        QCOMPARE(std::memcmp(copied.data(), direct.data(), direct.size() * sizeof(float)), 0);
        QCOMPARE(w.at(t1 - 1, s1 - 1), direct.back());
    }
    const TileCacheStats s = cache.stats();
    QVERIFY(s.hits > 0);
    QVERIFY(s.bytesHeld <= o.budgetBytes);
}

void TestTileCache::windowsAcrossTileBoundaries() {
    auto source = std::make_shared<FakeSource>(95, 30); // a short last row and column of tiles
    TileCache cache(source, smallTiles(100, false));
    for (qint64 t0 : {0, 9, 10, 11, 89, 94})
        for (qint64 t1 : {t0 + 1, t0 + 10, std::min<qint64>(95, t0 + 23), qint64(95)})
            for (qint64 s0 : {0, 7, 8, 29})
                for (qint64 s1 : {s0 + 1, std::min<qint64>(30, s0 + 8), qint64(30)}) {
                    if (t1 > 95 || t1 <= t0 || s1 <= s0)
                        continue;
                    checkValues(cache.window({t0, t1}, {s0, s1}));
                }
    // An empty range is valid and empty.
    QVERIFY(cache.window({5, 5}, {0, 30}).isEmpty());
}

void TestTileCache::budgetZeroCachesNothing() {
    auto source = std::make_shared<FakeSource>(100, 8);
    TileCacheOptions o = smallTiles(0, true);
    TileCache cache(source, o);
    checkValues(cache.window({0, 30}, {0, 8}));
    checkValues(cache.window({0, 30}, {0, 8}));
    cache.waitForPrefetch();
    const TileCacheStats s = cache.stats();
    QCOMPARE(s.hits, 0);
    QCOMPARE(s.misses, 6);
    QCOMPARE(s.bytesHeld, 0);
    QCOMPARE(s.prefetched, 0); // no cache, no prefetch
    QCOMPARE(qint64(source->reads().size()), 6);
}

void TestTileCache::lruEvictsTheLeastRecentlyUsed() {
    auto source = std::make_shared<FakeSource>(100, 8);
    TileCache cache(source, smallTiles(3, false)); // room for three tiles
    const auto tile = [&](qint64 row) { return cache.window({row * 10, row * 10 + 1}, {0, 8}); };
    tile(0);
    tile(1);
    tile(2);
    tile(0); // hit: tile 0 becomes the most recently used; tile 1 is now the oldest
    QCOMPARE(cache.stats().hits, 1);
    tile(3); // evicts tile 1
    QCOMPARE(cache.stats().evictions, 1);
    tile(0);
    tile(2);
    QCOMPARE(cache.stats().hits, 3); // 0 and 2 survived
    tile(1);
    const TileCacheStats s = cache.stats();
    QCOMPARE(s.hits, 3); // 1 did not
    QCOMPARE(s.misses, 5);
    QCOMPARE(s.tilesHeld, 3);
    QCOMPARE(s.bytesHeld, 3 * 320);
}

void TestTileCache::budgetHoldsUnderConcurrentRequests() {
    auto source = std::make_shared<FakeSource>(2000, 40);
    const TileCacheOptions o = smallTiles(25, true);
    TileCache cache(source, o);
    std::atomic<bool> done{false};
    std::atomic<qint64> worst{0};
    std::thread monitor([&] {
        while (!done.load()) {
            const qint64 held = cache.stats().bytesHeld;
            qint64 w = worst.load();
            while (held > w && !worst.compare_exchange_weak(w, held)) {
            }
        }
    });
    std::vector<std::thread> clients;
    std::atomic<int> failures{0};
    std::atomic<qint64> tilesAsked{0};
    for (int c = 0; c < 4; ++c)
        clients.emplace_back([&, c] {
            QRandomGenerator rng(quint32(100 + c));
            for (int i = 0; i < 300; ++i) {
                const qint64 t0 = rng.bounded(1900);
                const qint64 s0 = rng.bounded(30);
                const TraceWindow w =
                    cache.window({t0, t0 + 1 + rng.bounded(100)}, {s0, s0 + 1 + rng.bounded(10)});
                const qint64 rows = (w.traces().end - 1) / 10 - w.traces().begin / 10 + 1;
                const qint64 cols = (w.samples().end - 1) / 8 - w.samples().begin / 8 + 1;
                tilesAsked += rows * cols;
                for (qint64 t = w.traces().begin; t < w.traces().end; ++t)
                    for (qint64 s = w.samples().begin; s < w.samples().end; ++s)
                        if (w.at(t, s) != FakeSource::value(t, s))
                            ++failures;
            }
        });
    for (auto& t : clients)
        t.join();
    cache.waitForPrefetch();
    done = true;
    monitor.join();
    QCOMPARE(failures.load(), 0);
    const TileCacheStats s = cache.stats();
    QVERIFY2(worst.load() <= o.budgetBytes,
             qPrintable(QStringLiteral("%1 bytes held, budget %2").arg(worst).arg(o.budgetBytes)));
    QVERIFY(s.bytesHeld <= o.budgetBytes);
    QCOMPARE(s.bytesHeld, s.tilesHeld * 320);
    QVERIFY(s.evictions > 0);
    QCOMPARE(s.hits + s.misses, tilesAsked.load()); // every tile asked for is one or the other
    QVERIFY(s.hits > 0 && s.misses > 0);
}

void TestTileCache::prefetchFollowsTheDirectionOfTravel() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    TileCache cache(source, smallTiles(40, true));
    cache.window({100, 200}, {0, 8});
    cache.waitForPrefetch();
    cache.window({150, 250}, {0, 8}); // moving forward
    cache.waitForPrefetch();
    // The next window ahead was read in the background...
    QVERIFY(source->wasRead(290));
    QVERIFY(source->wasRead(340));
    const qint64 missesBefore = cache.stats().misses;
    checkValues(cache.window({250, 350}, {0, 8}));
    QCOMPARE(cache.stats().misses, missesBefore); // ...so stepping there reads nothing
    QVERIFY(cache.stats().prefetchUsed >= 10);

    // Now backward: the window behind gets read.
    cache.window({200, 300}, {0, 8});
    cache.waitForPrefetch();
    QVERIFY(source->wasRead(100)); // from the first view's "both sides"
    cache.window({150, 250}, {0, 8});
    cache.waitForPrefetch();
    QVERIFY(source->wasRead(50));
    QVERIFY(!source->wasRead(600)); // nothing far away was read
}

void TestTileCache::prefetchNeverEvictsTheCurrentView() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    TileCache cache(source, smallTiles(12, true)); // the view (10 tiles) and room for two
    cache.window({500, 600}, {0, 8});
    cache.waitForPrefetch();
    cache.window({510, 610}, {0, 8}); // forward: ahead would be 10 tiles, only 1 more fits
    cache.waitForPrefetch();
    const TileCacheStats before = cache.stats();
    QVERIFY(before.bytesHeld <= 12 * 320);
    checkValues(cache.window({510, 610}, {0, 8}));
    const TileCacheStats after = cache.stats();
    QCOMPARE(after.misses, before.misses); // all 10 tiles of the view were still there
    QCOMPARE(after.hits, before.hits + 10);
}

void TestTileCache::neighbourRangesArePrefetched() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    TileCache cache(source, smallTiles(100, true));
    cache.setNeighbourFunction([](TraceRange) {
        return std::vector<TraceRange>{{800, 830}}; // e.g. the next ensemble
    });
    cache.window({100, 130}, {0, 8});
    cache.waitForPrefetch();
    QVERIFY(source->wasRead(800));
    QVERIFY(source->wasRead(820));
    const qint64 misses = cache.stats().misses;
    cache.window({800, 830}, {0, 8});
    QCOMPARE(cache.stats().misses, misses);
}

void TestTileCache::neighbouringEnsemblesArePrefetched() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    // Ensembles: [0, 300) key 1, [300, 420) key 2, [420, 700) key 3, [700, 1000) key 4.
    auto index = std::make_shared<EnsembleIndex>(
        std::vector<HeaderField>{parseHeaderField(QStringLiteral("fldr"))}, 1000);
    std::vector<qint64> keys(1000);
    for (qint64 t = 0; t < 1000; ++t)
        keys[std::size_t(t)] = t < 300 ? 1 : t < 420 ? 2 : t < 700 ? 3 : 4;
    index->append(0, keys, {});
    index->finish();
    QCOMPARE(index->count(), 4);

    TileCacheOptions o = smallTiles(1000, true);
    TileCache cache(source, o);
    cache.setNeighbourFunction(neighbouringEnsembles(index));
    cache.window({300, 420}, {0, 8}); // the second ensemble
    cache.waitForPrefetch();
    QVERIFY(source->wasRead(0) && source->wasRead(290));   // the whole previous one
    QVERIFY(source->wasRead(420) && source->wasRead(690)); // the whole next one
    QVERIFY(!source->wasRead(700));                        // not the one after
    const qint64 misses = cache.stats().misses;
    checkValues(cache.window({420, 700}, {0, 8})); // PgDn: nothing to read
    QCOMPARE(cache.stats().misses, misses);
}

void TestTileCache::staleprefetchIsDroppedAfterAJump() {
    auto source = std::make_shared<FakeSource>(10000, 8);
    TileCache cache(source, smallTiles(1000, true));
    source->close({100, 1000}); // prefetch of the tiles ahead of [0, 100) will hang here
    cache.window({0, 100}, {0, 8});
    source->waitForWaiting(1); // tile 100 is being read; 110..140 are queued
    // A jump elsewhere is served at once although a prefetch is stuck...
    checkValues(cache.window({5000, 5100}, {0, 8}));
    // ...and what was queued for the old place is dropped.
    QVERIFY(cache.stats().prefetchDropped >= 4);
    source->open();
    cache.waitForPrefetch();
    for (qint64 t : {110, 120, 130, 140})
        QVERIFY2(!source->wasRead(t), qPrintable(QStringLiteral("stale tile %1 was read").arg(t)));
    QVERIFY(source->wasRead(5100)); // the new place's neighbours were
    QVERIFY(source->wasRead(4990));
}

void TestTileCache::closingWhilePrefetchIsQueued() {
    auto source = std::make_shared<FakeSource>(10000, 8);
    auto cache = std::make_unique<TileCache>(source, smallTiles(1000, true));
    source->close({100, 1000});
    cache->window({0, 100}, {0, 8});
    source->waitForWaiting(1); // one prefetch read held at the gate, more queued
    const std::size_t readsBefore = source->reads().size();
    std::thread closer([&] { cache.reset(); });
    source->open(); // may come before or after the destructor has dropped the queue
    closer.join();  // no hang: the destructor waited for the read in progress only
    // Nothing but what was queued ahead of [0, 100) (at most 100..140) was read meanwhile.
    const std::vector<TraceRange> reads = source->reads();
    QVERIFY(reads.size() >= readsBefore + 1);
    QVERIFY(reads.size() <= readsBefore + 5);
    for (std::size_t i = readsBefore; i < reads.size(); ++i)
        QVERIFY(reads[i].begin >= 100 && reads[i].begin < 150);
}

void TestTileCache::cacheKeepsItsSourceAlive() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    std::weak_ptr<FakeSource> watch = source;
    auto cache = std::make_unique<TileCache>(source, smallTiles(1000, true));
    cache->window({0, 100}, {0, 8}); // queues prefetch
    source.reset();
    QVERIFY(!watch.expired());
    cache.reset();
    QVERIFY(watch.expired());
}

void TestTileCache::windowsOutliveTheCache() {
    auto source = std::make_shared<FakeSource>(100, 30);
    TraceWindow single, assembled;
    {
        TileCache cache(source, smallTiles(2, true));
        single = cache.window({5, 60}, {0, 8});
        assembled = cache.window({5, 60}, {3, 20});
    }
    checkValues(single);
    checkValues(assembled);
}

void TestTileCache::asynchronousRequest() {
    auto source = std::make_shared<FakeSource>(1000, 8);
    TileCache cache(source, smallTiles(100, true));
    QFuture<TraceWindow> f = cache.requestWindow({200, 300}, {2, 8});
    f.waitForFinished();
    QCOMPARE(f.resultCount(), 1);
    const TraceWindow w = f.result();
    QCOMPARE(w.traces(), (TraceRange{200, 300}));
    checkValues(w);

    QFuture<TraceWindow> bad = cache.requestWindow({900, 1001}, {0, 8});
    try {
        bad.waitForFinished(); // rethrows the worker's exception
        bad.result();
        QFAIL("an out-of-range request must fail");
    } catch (const ArgumentError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("900:1001")), e.what());
    }
}

void TestTileCache::badRangesAndOptions() {
    auto source = std::make_shared<FakeSource>(100, 8);
    TileCache cache(source, smallTiles(10, false));
    const auto message = [&](TraceRange t, SampleRange s) {
        try {
            cache.window(t, s);
        } catch (const ArgumentError& e) {
            return QString::fromUtf8(e.what());
        }
        return QString();
    };
    QString m = message({-1, 5}, {0, 8});
    QVERIFY2(m.contains(QStringLiteral("fake.sgy")) && m.contains(QStringLiteral("-1:5")) &&
                 m.contains(QStringLiteral("100 traces")),
             qPrintable(m));
    m = message({0, 101}, {0, 8});
    QVERIFY2(m.contains(QStringLiteral("0:101")), qPrintable(m));
    m = message({10, 5}, {0, 8});
    QVERIFY2(m.contains(QStringLiteral("10:5")), qPrintable(m));
    m = message({0, 5}, {0, 9});
    QVERIFY2(m.contains(QStringLiteral("0:9")) && m.contains(QStringLiteral("8 samples")),
             qPrintable(m));

    TileCacheOptions o;
    o.tileTraces = 0;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, TileCache(source, o));
    o = {};
    o.budgetBytes = -1;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, TileCache(source, o));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, TileCache(nullptr));
}

// Each tile's small objects (its header, its control block, the cache's nodes) used to come
// from malloc on the reading thread, between two of the decoder's scratch buffers; glibc's
// posix_memalign then could not reuse a freed buffer behind a live tile, and the heaps grew by
// up to a scratch buffer per tile held: 110 MB here (tilecache.cpp, bookkeepingmemory.h). What
// is left is glibc's own: each of the few bytes it frees in front of an aligned buffer into the
// thread's tcache (at most 7 per size) can still strand one buffer; 16 MB here, the same after
// 3000 tiles. Reading 600 tiles through a cache of 48 must leave the heaps within 16 scratch
// buffers (32 MB) of where they began, whatever the number of tiles held.
void TestTileCache::decoderScratchDoesNotAccumulate() {
#if !defined(__GLIBC__) || !__GLIBC_PREREQ(2, 33)
    QSKIP("needs glibc's mallinfo2");
#else
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    QSKIP("under a sanitizer the heap is the sanitizer's");
#endif
    if (qEnvironmentVariableIsSet("SEIS_UNDER_TSAN"))
        QSKIP("under a sanitizer the heap is the sanitizer's");
    auto source = std::make_shared<ScratchSource>();
    TileCacheOptions o;
    o.tileTraces = 128;
    o.tileSamples = 512; // 256 KiB tiles
    o.budgetBytes = 48 * 128 * 512 * 4;
    o.prefetch = false;
    TileCache cache(source, o);
    const auto heapBytes = [] { return qint64(mallinfo2().arena); }; // not counting mmap
    cache.window({0, 1}, {0, 512}); // the first scratch buffer is mapped, then from the heap
    const qint64 before = heapBytes();
    QRandomGenerator rng(7);
    TraceWindow view;
    for (int i = 0; i < 600; ++i) {
        const qint64 row = rng.bounded(700);
        view = cache.window({row * 128, row * 128 + 100}, {0, 512});
        QCOMPARE(view.at(row * 128, 0), float(row * 128));
    }
    QVERIFY(cache.stats().evictions > 0);
    const qint64 grown = heapBytes() - before;
    QVERIFY2(grown < qint64(32) << 20,
             qPrintable(QStringLiteral("the heaps grew by %1 MB reading 600 tiles through a cache "
                                       "of 48; expected less than 32 MB")
                            .arg(double(grown) / (1 << 20), 0, 'f', 1)));
#endif
}

QTEST_GUILESS_MAIN(TestTileCache)
#include "tst_tilecache.moc"
