// `scroll`: plays a user scrolling through the whole file in the viewer, then jumping about, and
// reports what they would feel (window latency) and what it cost (cache hits, peak memory).
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/cache/tilecache.h"
#include "seis/sources/opensource.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <random>
#include <vector>

namespace seis::cli {
namespace {

// A screen refresh: the time the viewer gives prefetch between two moves.
constexpr unsigned long kFrameMs = 16;
constexpr int kJumps = 100;

struct Latencies {
    std::vector<double> ms;
    double percentile(double p) const {
        if (ms.empty())
            return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        // Nearest rank: the smallest value with at least p% of the samples at or below it.
        const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * double(sorted.size())));
        return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
    }
    QJsonObject json() const {
        return {{QStringLiteral("p50_ms"), percentile(50)},
                {QStringLiteral("p95_ms"), percentile(95)},
                {QStringLiteral("p99_ms"), percentile(99)},
                {QStringLiteral("max_ms"), percentile(100)}};
    }
    QString text(const char* phase) const {
        return QStringLiteral("%1 %2 windows: p50 %3 ms, p95 %4 ms, p99 %5 ms, max %6 ms\n")
            .arg(QLatin1String(phase))
            .arg(ms.size())
            .arg(percentile(50), 0, 'f', 3)
            .arg(percentile(95), 0, 'f', 3)
            .arg(percentile(99), 0, 'f', 3)
            .arg(percentile(100), 0, 'f', 3);
    }
};

double timedWindow(TileCache& cache, TraceRange traces, SampleRange samples, qint64 factor) {
    const auto t0 = std::chrono::steady_clock::now();
    const TraceWindow w = cache.window(traces, samples, factor);
    const auto t1 = std::chrono::steady_clock::now();
    QThread::msleep(kFrameMs);
    return std::chrono::duration<double, std::milli>(t1 - t0).count();
}

double peakRssMb() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return double(r.ru_maxrss) / 1024.0; // ru_maxrss is in KiB on Linux
}

} // namespace

int runScroll(const QStringList& argv) {
    const QString cacheMb = QStringLiteral("--cache-mb");
    const QString windowTraces = QStringLiteral("--window-traces");
    const QString step = QStringLiteral("--step");
    const QString prefetch = QStringLiteral("--prefetch");
    const QString rows = QStringLiteral("--rows");
    const Arguments args(argv, {cacheMb, windowTraces, step, prefetch, rows},
                         {QStringLiteral("--json")});
    const QString path = args.singleFile(QStringLiteral("scroll"));
    TileCacheOptions options;
    options.budgetBytes = args.integer(cacheMb, 256, 0) << 20;
    const qint64 width = args.integer(windowTraces, 1000, 1);
    const qint64 stepTraces = args.integer(step, 250, 1);
    // As the viewer does: a window holds at most this many samples per trace; longer traces are
    // read decimated (the peak of every f samples, f a power of two).
    const qint64 maxRows = args.integer(rows, 8192, 1);
    const QString prefetchText = args.value(prefetch).value_or(QStringLiteral("on"));
    if (prefetchText != QLatin1String("on") && prefetchText != QLatin1String("off"))
        throw UsageError(
            QStringLiteral("--prefetch '%1' is not valid; expected on or off").arg(prefetchText));
    options.prefetch = prefetchText == QLatin1String("on");

    const auto file = openSource(path, args.openOptions());
    TileCache cache(file, options);
    const qint64 n = file->traceCount();
    const qint64 w = std::min(width, n);
    const SampleRange samples{0, file->sampleCount()};
    const qint64 factor = TileCache::factorFor(file->sampleCount(), maxRows);

    Latencies scroll;
    if (w > 0) {
        for (qint64 begin = 0;; begin += stepTraces) {
            begin = std::min(begin, n - w);
            scroll.ms.push_back(timedWindow(cache, {begin, begin + w}, samples, factor));
            if (begin + w >= n)
                break;
        }
    }
    Latencies jump;
    std::mt19937_64 random(20261123); // the same jumps every run, so runs compare
    for (int i = 0; i < kJumps && w > 0; ++i) {
        const qint64 begin = std::uniform_int_distribution<qint64>(0, n - w)(random);
        jump.ms.push_back(timedWindow(cache, {begin, begin + w}, samples, factor));
    }

    const TileCacheStats stats = cache.stats();
    if (args.flag(QStringLiteral("--json"))) {
        const QJsonObject o{{QStringLiteral("scroll"), scroll.json()},
                            {QStringLiteral("jump"), jump.json()},
                            {QStringLiteral("cache_hits"), stats.hits},
                            {QStringLiteral("cache_misses"), stats.misses},
                            {QStringLiteral("peak_rss_mb"), peakRssMb()}};
        OutputFile sink(QStringLiteral("-"), {.inputs = {path}});
        sink.write(QJsonDocument(o).toJson(QJsonDocument::Compact).append('\n'));
        sink.commit();
        return 0;
    }
    QString text = scroll.text("scroll") + jump.text("jump");
    if (factor > 1)
        text += QStringLiteral("windows decimated by %1 (%2 of %3 samples per trace)\n")
                    .arg(factor)
                    .arg(TraceSource::decimatedCount(file->sampleCount(), factor))
                    .arg(file->sampleCount());
    text += QStringLiteral("cache: %1 tile hits, %2 misses, %3 evictions; prefetch read %4 "
                           "tiles, %5 used, %6 dropped\n")
                .arg(stats.hits)
                .arg(stats.misses)
                .arg(stats.evictions)
                .arg(stats.prefetched)
                .arg(stats.prefetchUsed)
                .arg(stats.prefetchDropped);
    text += QStringLiteral("peak RSS: %1 MB\n").arg(peakRssMb(), 0, 'f', 1);
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}});
    sink.write(text.toLocal8Bit());
    sink.commit();
    return 0;
}

} // namespace seis::cli
