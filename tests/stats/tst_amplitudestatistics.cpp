// Whole-file amplitude statistics against an exact computation over every sample read with
// libsegyio's C API (segy_readtrace + segy_to_native), an implementation independent of
// seis::SegyFile: count, non-finite and zero counts, min, max, mean, rms, and |x| percentiles
// against the sorted array within the documented bound. Also: strides, blocks split inside a
// trace, thread counts, edge cases on in-memory sources (empty, all zero, all NaN), bad options,
// bounded blocks in flight, cancellation leaving the result untouched, errors from the source,
// and the QFuture version (progress, result, cancel mid-job).
//
// The files are written by tests/data/make_stats_files.py (segyio) into SEIS_TEST_DATA (the CTest
// fixture generate_stats_data); its stats_expected.json (numpy's view of the same samples) is
// checked against libsegyio's first, so the two references agree before anything is compared with
// them.
#include "segyiofile.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/segy/segyfile.h"
#include "seis/stats/amplitudestatistics.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QSignalSpy>
#include <QtTest>

#include <segyio/segy.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

constexpr double kPercentiles[] = {0, 1, 50, 90, 99, 99.9, 100};

// Every sample of `path` as float32, trace-major, read with libsegyio; empty on failure.
std::vector<float> segyioSamples(const QString& path, bool littleEndian, int* tracesOut,
                                 int* samplesOut) {
    test::SegyioFile f(path, littleEndian);
    if (!f.ok())
        return {};
    std::vector<float> out(std::size_t(f.traces) * std::size_t(f.samples));
    for (int t = 0; t < f.traces; ++t)
        if (!f.trace(t, out.data() + std::size_t(t) * std::size_t(f.samples)))
            return {};
    *tracesOut = f.traces;
    *samplesOut = f.samples;
    return out;
}

// The exact statistics of a set of samples (long double sums; sorted |x| for percentiles).
struct Exact {
    qint64 count = 0;
    qint64 nonFinite = 0;
    qint64 zeros = 0;
    float min = 0, max = 0;
    long double mean = 0, rms = 0, meanAbs = 0;
    std::vector<float> sortedAbs; // finite samples

    explicit Exact(const std::vector<float>& x) {
        count = qint64(x.size());
        long double sum = 0, squares = 0, abs = 0;
        min = std::numeric_limits<float>::infinity();
        max = -min;
        for (float v : x) {
            if (!std::isfinite(v)) {
                ++nonFinite;
                continue;
            }
            zeros += v == 0;
            sum += v;
            squares += (long double)(v)*v;
            abs += std::fabs(v);
            min = std::min(min, v);
            max = std::max(max, v);
            sortedAbs.push_back(std::fabs(v));
        }
        std::sort(sortedAbs.begin(), sortedAbs.end());
        const auto n = (long double)(sortedAbs.size());
        if (n > 0) {
            mean = sum / n;
            rms = std::sqrt(squares / n);
            meanAbs = abs / n;
        }
    }
    // Nearest rank, as the header documents it.
    float absPercentile(double p) const {
        const auto n = qint64(sortedAbs.size());
        const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(n))), 1, n);
        return sortedAbs[std::size_t(rank - 1)];
    }
};

// Empty if `got` is within the documented bound of `exact`; otherwise what is wrong.
QString percentileProblem(double p, float got, float exact) {
    const double tolerance = exact >= std::numeric_limits<float>::min()
                                 ? AmplitudeStatistics::kPercentileRelativeError * double(exact)
                                 : std::ldexp(1.0, -137);
    const bool ok = exact == 0 ? got == 0 : std::fabs(double(got) - double(exact)) <= tolerance;
    if (ok)
        return {};
    return QStringLiteral("p%1: got %2, exact %3 (relative error %4, allowed %5)")
        .arg(p)
        .arg(double(got), 0, 'g', 9)
        .arg(double(exact), 0, 'g', 9)
        .arg(std::fabs(double(got) / double(exact) - 1), 0, 'g', 3)
        .arg(AmplitudeStatistics::kPercentileRelativeError);
}

// Empty if `got` agrees with `want`; otherwise the first difference.
QString compareStats(const AmplitudeStatistics& got, const Exact& want, qint64 traces) {
    auto fail = [](const char* what, auto g, auto w) {
        return QStringLiteral("%1: got %2, expected %3")
            .arg(QLatin1String(what))
            .arg(double(g), 0, 'g', 17)
            .arg(double(w), 0, 'g', 17);
    };
    if (got.traces != traces)
        return fail("traces", got.traces, traces);
    if (got.count != want.count)
        return fail("count", got.count, want.count);
    if (got.nonFinite != want.nonFinite)
        return fail("nonFinite", got.nonFinite, want.nonFinite);
    if (got.zeros != want.zeros)
        return fail("zeros", got.zeros, want.zeros);
    if (got.min != want.min)
        return fail("min", got.min, want.min);
    if (got.max != want.max)
        return fail("max", got.max, want.max);
    // Double sums in another order: far within 1e-12 of the scale of the values.
    if (std::fabs((long double)(got.mean) - want.mean) > 1e-12L * want.meanAbs)
        return fail("mean", got.mean, double(want.mean));
    if (std::fabs((long double)(got.rms) - want.rms) > 1e-12L * want.rms)
        return fail("rms", got.rms, double(want.rms));
    quint64 histogramTotal = 0;
    for (quint64 c : got.histogram)
        histogramTotal += c;
    if (got.histogram.size() != std::size_t(AmplitudeStatistics::kHistogramBins) ||
        qint64(histogramTotal) + got.zeros != got.finiteCount())
        return QStringLiteral("the histogram (%1 bins) holds %2 samples and %3 zeros; expected "
                              "%4 finite samples")
            .arg(got.histogram.size())
            .arg(histogramTotal)
            .arg(got.zeros)
            .arg(got.finiteCount());
    for (double p : kPercentiles) {
        const QString problem = percentileProblem(p, got.absPercentile(p), want.absPercentile(p));
        if (!problem.isEmpty())
            return problem;
    }
    if (got.absPercentile(100) != std::max(std::fabs(want.min), std::fabs(want.max)))
        return QStringLiteral("p100 is not the largest |x| exactly");
    return {};
}

// A source held in memory, for shapes no file here has; counts its reads and can act before
// each (to block, fail or watch how many run at once).
class MemorySource final : public TraceSource {
public:
    MemorySource(qint64 traces, qint64 samples, std::vector<float> values)
        : m_traces(traces)
        , m_samples(samples)
        , m_values(std::move(values)) {}
    QString path() const override { return QStringLiteral("memory"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return m_samples; }
    double sampleIntervalUs() const override { return 1000; }
    double startTimeMs() const override { return 0; }
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        checkTraceRange(traces);
        checkSampleRange(samples);
        const int call = ++m_calls;
        const int running = ++m_running;
        int seen = m_maxRunning.load();
        while (running > seen && !m_maxRunning.compare_exchange_weak(seen, running)) {
        }
        const qint64 values = traces.count() * samples.count();
        qint64 largest = m_maxWindow.load();
        while (values > largest && !m_maxWindow.compare_exchange_weak(largest, values)) {
        }
        struct Leave {
            std::atomic<int>& running;
            ~Leave() { --running; }
        } leave{m_running};
        if (beforeRead)
            beforeRead(call);
        for (qint64 t = traces.begin; t < traces.end; ++t)
            for (qint64 s = samples.begin; s < samples.end; ++s)
                *dst++ = m_values[std::size_t(t * m_samples + s)];
    }
    void readHeaderColumns(std::span<const HeaderField>, TraceRange,
                           std::span<qint64* const>) const override {}
    QString identity() const override { return {}; }

    int calls() const { return m_calls; }
    int maxRunning() const { return m_maxRunning; }
    qint64 maxWindow() const { return m_maxWindow; }

    std::function<void(int)> beforeRead; // called with 1, 2, ... before each read; may throw

private:
    qint64 m_traces;
    qint64 m_samples;
    std::vector<float> m_values;
    mutable std::atomic<int> m_calls{0};
    mutable std::atomic<int> m_running{0};
    mutable std::atomic<int> m_maxRunning{0};
    mutable std::atomic<qint64> m_maxWindow{0};
};

// A value `out` is set to before a call that must leave it untouched.
AmplitudeStatistics sentinel() {
    AmplitudeStatistics s;
    s.traces = -3;
    s.count = 12345;
    s.nonFinite = 7;
    s.zeros = 5;
    s.min = -42;
    s.max = 42;
    s.mean = 0.5;
    s.rms = 1.5;
    s.histogram = {1, 2, 3};
    return s;
}

bool isSentinel(const AmplitudeStatistics& s) {
    const AmplitudeStatistics w = sentinel();
    return s.traces == w.traces && s.count == w.count && s.nonFinite == w.nonFinite &&
           s.zeros == w.zeros && s.min == w.min && s.max == w.max && s.mean == w.mean &&
           s.rms == w.rms && s.histogram == w.histogram;
}

} // namespace

class TestAmplitudeStatistics : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void againstSegyio_data();
    void againstSegyio();
    void edgeCases();
    void percentileBins();
    void badArguments();
    void boundedBlocks();

    void progress();
    void cancellation_data();
    void cancellation();
    void sourceError();

    void async();
    void asyncCancel_data();
    void asyncCancel();

private:
    struct FileData {
        QString name;
        bool little = false;
        int traces = 0;
        int samples = 0;
        std::vector<float> values; // from libsegyio
    };
    const FileData& fileData(const QString& name) const {
        for (const auto& f : m_files)
            if (f.name == name)
                return f;
        qFatal("no stats file %s", qPrintable(name));
    }
    // Every stride-th trace of `f`.
    static std::vector<float> strided(const FileData& f, int stride) {
        std::vector<float> out;
        for (int t = 0; t < f.traces; t += stride)
            out.insert(out.end(), f.values.begin() + std::ptrdiff_t(t) * f.samples,
                       f.values.begin() + std::ptrdiff_t(t + 1) * f.samples);
        return out;
    }
    static QString path(const QString& name) {
        return QDir(qEnvironmentVariable("SEIS_TEST_DATA")).filePath(name);
    }

    QList<FileData> m_files;
};

void TestAmplitudeStatistics::initTestCase() {
    QFile json(path(QStringLiteral("stats_expected.json")));
    QVERIFY2(json.open(QIODevice::ReadOnly), "cannot read stats_expected.json in SEIS_TEST_DATA");
    const QJsonArray files =
        QJsonDocument::fromJson(json.readAll()).object().value(QLatin1String("files")).toArray();
    QCOMPARE(files.size(), 3);
    for (const auto& v : files) {
        const QJsonObject o = v.toObject();
        FileData f;
        f.name = o.value(QLatin1String("name")).toString();
        f.little = f.name.contains(QLatin1String("_le"));
        f.values = segyioSamples(path(f.name), f.little, &f.traces, &f.samples);
        QVERIFY2(!f.values.empty(), qPrintable(f.name));
        QCOMPARE(f.traces, o.value(QLatin1String("traces")).toInt());
        QCOMPARE(f.samples, o.value(QLatin1String("samples")).toInt());
        // libsegyio's samples and numpy's (through segyio's Python bindings) agree.
        const QJsonObject all =
            o.value(QLatin1String("strides")).toObject().value(QLatin1String("1")).toObject();
        const Exact exact(f.values);
        QCOMPARE(exact.count, qint64(all.value(QLatin1String("count")).toDouble()));
        QCOMPARE(exact.nonFinite, qint64(all.value(QLatin1String("non_finite")).toDouble()));
        QCOMPARE(exact.zeros, qint64(all.value(QLatin1String("zeros")).toDouble()));
        QCOMPARE(double(exact.min), all.value(QLatin1String("min")).toDouble());
        QCOMPARE(double(exact.max), all.value(QLatin1String("max")).toDouble());
        const QJsonObject pct = all.value(QLatin1String("abs_percentiles")).toObject();
        QCOMPARE(double(exact.absPercentile(99.9)), pct.value(QLatin1String("99.9")).toDouble());
        QCOMPARE(double(exact.absPercentile(50)), pct.value(QLatin1String("50")).toDouble());
        m_files.append(std::move(f));
    }
    // The IEEE file has what it is meant to: NaN and infinities, zeros, denormals.
    const Exact ieee(fileData(QStringLiteral("stats_ieee.sgy")).values);
    QCOMPARE(ieee.nonFinite, 4);
    QVERIFY(ieee.zeros > 1000);
    QVERIFY(ieee.sortedAbs[std::size_t(ieee.zeros)] < std::numeric_limits<float>::min());
}

void TestAmplitudeStatistics::againstSegyio_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("stride");
    QTest::addColumn<qint64>("blockSamples");
    QTest::addColumn<int>("threads");
    for (const auto& f : m_files) {
        for (int stride : {1, 3, 7, 100000}) {
            QTest::addRow("%s stride %d", qPrintable(f.name), stride)
                << f.name << stride << (qint64(1) << 18) << 0;
        }
        // Blocks smaller than a trace (split inside traces), one trace, a few traces; one
        // thread and more threads than cores.
        for (qint64 block : {qint64(100), qint64(f.samples), qint64(3 * f.samples + 1)})
            for (int threads : {1, 3})
                QTest::addRow("%s block %lld threads %d", qPrintable(f.name), block, threads)
                    << f.name << 1 << block << threads;
        QTest::addRow("%s stride 3 block 100", qPrintable(f.name))
            << f.name << 3 << qint64(100) << 2;
    }
}

void TestAmplitudeStatistics::againstSegyio() {
    QFETCH(QString, name);
    QFETCH(int, stride);
    QFETCH(qint64, blockSamples);
    QFETCH(int, threads);
    const FileData& f = fileData(name);
    const SegyFile file(path(name));
    AmplitudeStatisticsOptions o;
    o.traceStride = stride;
    o.blockSamples = blockSamples;
    o.threads = threads;
    AmplitudeStatistics stats;
    QCOMPARE(computeAmplitudeStatistics(file, stats, {}, o), LoadStatus::Completed);
    const QString problem =
        compareStats(stats, Exact(strided(f, stride)), (f.traces + stride - 1) / stride);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAmplitudeStatistics::edgeCases() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const float inf = std::numeric_limits<float>::infinity();
    {
        // No traces at all.
        const MemorySource empty(0, 10, {});
        AmplitudeStatistics s = sentinel();
        QCOMPARE(computeAmplitudeStatistics(empty, s), LoadStatus::Completed);
        QCOMPARE(s.traces, 0);
        QCOMPARE(s.count, 0);
        QCOMPARE(s.nonFinite, 0);
        QVERIFY(std::isnan(s.min) && std::isnan(s.max) && std::isnan(s.mean) && std::isnan(s.rms));
        QVERIFY(std::isnan(s.absPercentile(50)));
        QCOMPARE(empty.calls(), 0);
    }
    {
        // Traces without samples.
        const MemorySource noSamples(5, 0, {});
        AmplitudeStatistics s;
        QCOMPARE(computeAmplitudeStatistics(noSamples, s), LoadStatus::Completed);
        QCOMPARE(s.traces, 5);
        QCOMPARE(s.count, 0);
        QVERIFY(std::isnan(s.absPercentile(100)));
    }
    {
        // All zeros, both signs: every percentile exactly 0.
        std::vector<float> v(3000, 0.0f);
        for (std::size_t i = 0; i < v.size(); i += 2)
            v[i] = -0.0f;
        const MemorySource zeros(30, 100, v);
        AmplitudeStatistics s;
        QCOMPARE(computeAmplitudeStatistics(zeros, s), LoadStatus::Completed);
        QCOMPARE(s.zeros, 3000);
        QCOMPARE(s.min, 0.0f);
        QCOMPARE(s.max, 0.0f);
        QCOMPARE(s.mean, 0.0);
        QCOMPARE(s.rms, 0.0);
        for (double p : kPercentiles)
            QCOMPARE(s.absPercentile(p), 0.0f);
    }
    {
        // Nothing finite.
        std::vector<float> v(60, nan);
        v[7] = inf;
        v[8] = -inf;
        const MemorySource bad(6, 10, v);
        AmplitudeStatistics s;
        QCOMPARE(computeAmplitudeStatistics(bad, s), LoadStatus::Completed);
        QCOMPARE(s.count, 60);
        QCOMPARE(s.nonFinite, 60);
        QCOMPARE(s.finiteCount(), 0);
        QVERIFY(std::isnan(s.min) && std::isnan(s.mean) && std::isnan(s.absPercentile(0)));
    }
    {
        // One long trace split into pieces, with extremes and specials at piece edges.
        std::vector<float> v(100003);
        for (std::size_t i = 0; i < v.size(); ++i)
            v[i] = float(std::sin(double(i) * 0.001) * double(i % 977 + 1));
        v[0] = std::numeric_limits<float>::max();
        v[99] = -std::numeric_limits<float>::max();
        v[100] = nan;
        v[100002] = std::numeric_limits<float>::denorm_min();
        const MemorySource one(1, qint64(v.size()), v);
        AmplitudeStatisticsOptions o;
        o.blockSamples = 100;
        AmplitudeStatistics s;
        QCOMPARE(computeAmplitudeStatistics(one, s, {}, o), LoadStatus::Completed);
        const QString problem = compareStats(s, Exact(v), 1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(one.calls(), 1001);
        QCOMPARE(one.maxWindow(), 100);
    }
}

// Values exactly at bin edges and at the top of bins: the documented bound holds at both ends.
void TestAmplitudeStatistics::percentileBins() {
    std::vector<float> v;
    for (int e = -140; e <= 127; e += 3) {
        const float edge = std::ldexp(1.0f, e);
        v.push_back(edge);
        v.push_back(-std::nextafter(edge * (1.0f + 1.0f / 1024), 0.0f)); // the top of that bin
        v.push_back(std::nextafter(edge, 0.0f));                         // the top of the one below
    }
    const auto n = qint64(v.size());
    const MemorySource src(n, 1, v);
    AmplitudeStatistics s;
    QCOMPARE(computeAmplitudeStatistics(src, s), LoadStatus::Completed);
    const Exact exact(v);
    for (qint64 k = 1; k <= n; ++k) {
        // p that selects rank k exactly.
        const double p = (double(k) - 0.5) * 100.0 / double(n);
        const QString problem = percentileProblem(p, s.absPercentile(p), exact.absPercentile(p));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(AmplitudeStatistics::binLowerBound(0), 0.0f);
    QCOMPARE(AmplitudeStatistics::binLowerBound(AmplitudeStatistics::kHistogramBins),
             std::numeric_limits<float>::infinity());
    QCOMPARE(AmplitudeStatistics::binLowerBound(127 << AmplitudeStatistics::kMantissaBits), 1.0f);
}

void TestAmplitudeStatistics::badArguments() {
    const MemorySource src(4, 4, std::vector<float>(16, 1.0f));
    AmplitudeStatistics s = sentinel();
    AmplitudeStatisticsOptions o;
    o.traceStride = 0;
    QVERIFY(messageOf<ArgumentError>([&] {
                computeAmplitudeStatistics(src, s, {}, o);
            }).contains(QLatin1String("0")));
    o = {};
    o.blockSamples = 0;
    QVERIFY(messageOf<ArgumentError>([&] {
                computeAmplitudeStatistics(src, s, {}, o);
            }).contains(QLatin1String("0")));
    o = {};
    o.threads = -1;
    QVERIFY(messageOf<ArgumentError>([&] {
                computeAmplitudeStatistics(src, s, {}, o);
            }).contains(QLatin1String("-1")));
    QVERIFY(isSentinel(s));
    QCOMPARE(src.calls(), 0);
    QVERIFY(messageOf<ArgumentError>([] {
                computeAmplitudeStatisticsAsync(nullptr);
            }).contains(QLatin1String("no source")));

    QCOMPARE(computeAmplitudeStatistics(src, s), LoadStatus::Completed);
    QVERIFY(messageOf<ArgumentError>([&] { s.absPercentile(-1); }).contains(QLatin1String("-1")));
    QVERIFY(
        messageOf<ArgumentError>([&] { s.absPercentile(100.5); }).contains(QLatin1String("100.5")));
    QVERIFY(messageOf<ArgumentError>([&] {
                s.absPercentile(std::nan(""));
            }).contains(QLatin1String("nan")));
    QCOMPARE(s.absPercentile(0), 1.0f);
}

// Memory is bounded by blocks, not by the file: no read is larger than a block, and no more reads
// run at once than there are threads.
void TestAmplitudeStatistics::boundedBlocks() {
    const qint64 traces = 3000, samples = 50;
    std::vector<float> v(std::size_t(traces * samples));
    for (std::size_t i = 0; i < v.size(); ++i)
        v[i] = float(i % 1013) - 500.0f;
    const MemorySource src(traces, samples, v);
    AmplitudeStatisticsOptions o;
    o.blockSamples = 1000; // 20 traces
    o.threads = 3;
    AmplitudeStatistics s;
    QCOMPARE(computeAmplitudeStatistics(src, s, {}, o), LoadStatus::Completed);
    QCOMPARE(src.calls(), 150);
    QCOMPARE(src.maxWindow(), 1000);
    QVERIFY2(src.maxRunning() <= 3, qPrintable(QString::number(src.maxRunning())));
    const QString problem = compareStats(s, Exact(v), traces);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestAmplitudeStatistics::progress() {
    const SegyFile file(path(QStringLiteral("stats_ieee.sgy")));
    for (const auto& [stride, threads] : {std::pair(1, 1), std::pair(7, 1), std::pair(1, 0)}) {
        AmplitudeStatisticsOptions o;
        o.blockSamples = 20 * file.sampleCount();
        o.traceStride = stride;
        o.threads = threads;
        std::vector<std::pair<qint64, qint64>> calls;
        AmplitudeStatistics s;
        const auto status = computeAmplitudeStatistics(
            file, s,
            [&](qint64 done, qint64 total) {
                calls.emplace_back(done, total);
                return true;
            },
            o);
        QCOMPARE(status, LoadStatus::Completed);
        // One call per block with one thread; with more, at least the last.
        QVERIFY(threads == 1 ? calls.size() >= 10 : !calls.empty());
        for (std::size_t i = 0; i < calls.size(); ++i) {
            QCOMPARE(calls[i].second, file.traceCount());
            QVERIFY(calls[i].first >= 0 && calls[i].first <= file.traceCount());
            if (i > 0)
                QVERIFY2(calls[i].first >= calls[i - 1].first, "progress went backwards");
        }
        QCOMPARE(calls.back().first, file.traceCount());
    }
}

void TestAmplitudeStatistics::cancellation_data() {
    QTest::addColumn<int>("stopAt"); // the progress call that returns false
    QTest::addColumn<int>("threads");
    QTest::addRow("first block, one thread") << 1 << 1;
    QTest::addRow("first block, 3 threads") << 1 << 3;
    QTest::addRow("fifth block, one thread") << 5 << 1;
}

void TestAmplitudeStatistics::cancellation() {
    QFETCH(int, stopAt);
    QFETCH(int, threads);
    const SegyFile file(path(QStringLiteral("stats_ieee.sgy")));
    AmplitudeStatisticsOptions o;
    o.blockSamples = 10 * file.sampleCount(); // 150 blocks
    o.threads = threads;
    AmplitudeStatistics s = sentinel();
    int calls = 0;
    const auto status = computeAmplitudeStatistics(
        file, s, [&](qint64, qint64) { return ++calls < stopAt; }, o);
    QCOMPARE(status, LoadStatus::Cancelled);
    QCOMPARE(calls, stopAt); // never called again once it said stop
    QVERIFY(isSentinel(s));
}

// An exception from the source (on any thread) reaches the caller; `out` is untouched.
void TestAmplitudeStatistics::sourceError() {
    std::vector<float> v(200 * 10, 1.0f);
    MemorySource src(200, 10, v);
    src.beforeRead = [](int call) {
        if (call == 7)
            throw FormatError(QStringLiteral("memory"), QStringLiteral("read 7 failed"));
    };
    AmplitudeStatisticsOptions o;
    o.blockSamples = 10;
    o.threads = 3;
    AmplitudeStatistics s = sentinel();
    QString message;
    try {
        computeAmplitudeStatistics(src, s, {}, o);
    } catch (const FormatError& e) {
        message = QString::fromStdString(e.what());
    }
    QVERIFY2(message.contains(QLatin1String("read 7 failed")), qPrintable(message));
    QVERIFY(isSentinel(s));

    // A progress callback that throws: the same (the other threads are stopped and waited for).
    src.beforeRead = {};
    message.clear();
    try {
        computeAmplitudeStatistics(
            src, s,
            [](qint64 done, qint64) -> bool {
                if (done >= 30)
                    throw std::runtime_error("progress failed");
                return true;
            },
            o);
    } catch (const std::runtime_error& e) {
        message = QString::fromLatin1(e.what());
    }
    QCOMPARE(message, QStringLiteral("progress failed"));
    QVERIFY(isSentinel(s));
}

void TestAmplitudeStatistics::async() {
    auto file = std::make_shared<const SegyFile>(path(QStringLiteral("stats_ibm_le.sgy")));
    AmplitudeStatisticsOptions o;
    o.blockSamples = 5 * file->sampleCount(); // 220 blocks: many progress reports
#ifndef __SANITIZE_THREAD__
    // The progress signals, as a dialog sees them. (Not under TSan: they reach this thread in
    // events handed over inside the uninstrumented Qt, a false report.)
    QFutureWatcher<AmplitudeStatistics> watcher;
    QSignalSpy values(&watcher, &QFutureWatcher<AmplitudeStatistics>::progressValueChanged);
    QSignalSpy finished(&watcher, &QFutureWatcher<AmplitudeStatistics>::finished);
    watcher.setFuture(computeAmplitudeStatisticsAsync(file, o));
    QVERIFY(finished.wait(60000));
    const QFuture<AmplitudeStatistics> future = watcher.future();
    QVERIFY(!values.isEmpty());
    for (qsizetype i = 1; i < values.size(); ++i)
        QVERIFY2(values[i][0].toInt() > values[i - 1][0].toInt(), "progress did not increase");
    QCOMPARE(values.back()[0].toInt(), int(file->traceCount()));
    // ProgressTracker's line, e.g. "100% · 1,234,567 traces/s".
    QVERIFY2(future.progressText().startsWith(QLatin1String("100%")),
             qPrintable(future.progressText()));
#else
    QFuture<AmplitudeStatistics> future = computeAmplitudeStatisticsAsync(file, o);
    future.waitForFinished();
#endif
    QVERIFY(!future.isCanceled());
    QCOMPARE(future.resultCount(), 1);
    QCOMPARE(future.progressMaximum(), int(file->traceCount()));
    QCOMPARE(future.progressValue(), int(file->traceCount()));
    const FileData& f = fileData(QStringLiteral("stats_ibm_le.sgy"));
    const QString problem = compareStats(future.result(), Exact(f.values), f.traces);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

// The job is held at its third read until the test has cancelled the future; it then finishes
// cancelled, with no result. With one thread it stops right after that read; with two, the other
// thread may finish a block or two more before the job's thread sees the cancel.
void TestAmplitudeStatistics::asyncCancel_data() {
    QTest::addColumn<int>("threads");
    QTest::addRow("1 thread") << 1;
    QTest::addRow("2 threads") << 2;
}

void TestAmplitudeStatistics::asyncCancel() {
    QFETCH(int, threads);
    auto source = std::make_shared<HookedSource>(
        std::make_shared<SegyFile>(path(QStringLiteral("stats_ieee.sgy"))));
    QSemaphore atThird;
    Gate gate;
    source->beforeRead = [&](int call) {
        if (call == 3)
            atThird.release();
        if (call >= 3)
            gate.wait();
    };
    AmplitudeStatisticsOptions o;
    o.blockSamples = source->sampleCount(); // one trace per block: 1500 blocks
    o.threads = threads;
    QFuture<AmplitudeStatistics> future = computeAmplitudeStatisticsAsync(source, o);
    // A failed check must not leave the job waiting at the gate.
    const auto release = qScopeGuard([&] {
        future.cancel();
        gate.open();
        future.waitForFinished();
    });
    QVERIFY(atThird.tryAcquire(1, 60000));
    QVERIFY(!future.isFinished());
    future.cancel();
    gate.open();
    future.waitForFinished();
    QVERIFY(future.isCanceled());
    QCOMPARE(future.resultCount(), 0);
    if (threads == 1)
        QCOMPARE(source->readCalls(), 3);
    else
        QVERIFY2(source->readCalls() < 1500, qPrintable(QString::number(source->readCalls())));
}

QTEST_GUILESS_MAIN(TestAmplitudeStatistics)
#include "tst_amplitudestatistics.moc"
