// Decimated reads of very long traces: TraceSource::readWindowDecimated on the sparse file of
// 2,000,000-sample traces against numpy's reduction of the same samples (make_long_traces.py),
// for several factors, ranges and odd ends (a bin longer than the read block, NaN, equal
// magnitudes, -inf); the tile cache's windows at a factor against the reader, and its budget
// across factors.
#include "testdata.h"

#include "seis/base/error.h"
#include "seis/cache/tilecache.h"
#include "seis/segy/segyfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

using namespace seis;

namespace {

using seis::testdata::dataPath;

QJsonObject manifest() {
    return seis::testdata::longTracesManifest();
}

// Equal as float32 bit patterns, or both NaN. Returns the first index that differs, or -1.
qint64 firstDifference(const float* a, const float* b, qint64 n) {
    for (qint64 i = 0; i < n; ++i) {
        if (std::isnan(a[i]) && std::isnan(b[i]))
            continue;
        if (std::memcmp(a + i, b + i, sizeof(float)) != 0)
            return i;
    }
    return -1;
}

} // namespace

class TestDecimation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void readWindowDecimatedMatchesNumpy_data();
    void readWindowDecimatedMatchesNumpy();
    void factorFor();
    void cacheWindowsMatchTheReader_data();
    void cacheWindowsMatchTheReader();
    void budgetHoldsAcrossFactors();
    void badFactor();

private:
    std::shared_ptr<const SegyFile> m_file;
};

void TestDecimation::initTestCase() {
    const QJsonObject m = manifest();
    QVERIFY2(!m.isEmpty(), "long_traces.json is missing: run the generate_long_traces fixture");
    m_file = std::make_shared<const SegyFile>(dataPath(m[QLatin1String("file")].toString()));
    QCOMPARE(m_file->traceCount(), m[QLatin1String("traces")].toInteger());
    QCOMPARE(m_file->sampleCount(), m[QLatin1String("samples")].toInteger());
}

void TestDecimation::readWindowDecimatedMatchesNumpy_data() {
    QTest::addColumn<qint64>("t0");
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<qint64>("s0");
    QTest::addColumn<qint64>("s1");
    QTest::addColumn<qint64>("factor");
    QTest::addColumn<QString>("expected");
    for (const auto& c : manifest()[QLatin1String("cases")].toArray()) {
        const QJsonObject o = c.toObject();
        const QJsonArray t = o[QLatin1String("traces")].toArray();
        const QJsonArray s = o[QLatin1String("samples")].toArray();
        const qint64 f = o[QLatin1String("factor")].toInteger();
        QTest::addRow("traces %lld:%lld samples %lld:%lld factor %lld", t[0].toInteger(),
                      t[1].toInteger(), s[0].toInteger(), s[1].toInteger(), f)
            << t[0].toInteger() << t[1].toInteger() << s[0].toInteger() << s[1].toInteger() << f
            << o[QLatin1String("file")].toString();
    }
}

void TestDecimation::readWindowDecimatedMatchesNumpy() {
    QFETCH(qint64, t0);
    QFETCH(qint64, t1);
    QFETCH(qint64, s0);
    QFETCH(qint64, s1);
    QFETCH(qint64, factor);
    QFETCH(QString, expected);
    QFile f(dataPath(expected));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    const qint64 nout = TraceSource::decimatedCount(s1 - s0, factor);
    QCOMPARE(qint64(bytes.size()), (t1 - t0) * nout * qint64(sizeof(float)));
    std::vector<float> want(std::size_t((t1 - t0) * nout));
    std::memcpy(want.data(), bytes.constData(), std::size_t(bytes.size()));

    std::vector<float> got(want.size(), 12345.0f);
    m_file->readWindowDecimated({t0, t1}, {s0, s1}, factor, got.data());
    const qint64 i = firstDifference(got.data(), want.data(), qint64(want.size()));
    QVERIFY2(i < 0, qPrintable(QStringLiteral("trace %1 output sample %2: got %3, numpy %4")
                                   .arg(t0 + (i < 0 ? 0 : i / nout))
                                   .arg(i < 0 ? 0 : i % nout)
                                   .arg(i < 0 ? 0.0 : double(got[std::size_t(i)]))
                                   .arg(i < 0 ? 0.0 : double(want[std::size_t(i)]))));
}

void TestDecimation::factorFor() {
    QCOMPARE(TileCache::factorFor(2500, 4096), 1);
    QCOMPARE(TileCache::factorFor(4096, 4096), 1);
    QCOMPARE(TileCache::factorFor(4097, 4096), 2);
    QCOMPARE(TileCache::factorFor(2'000'000, 4096), 512); // 3907 rows
    QCOMPARE(TileCache::factorFor(qint64(1) << 28, 4096), qint64(1) << 16);
    QCOMPARE(TileCache::factorFor(0, 4096), 1);
    QCOMPARE(TileCache::factorFor(10, 0), 16); // at least one row
}

void TestDecimation::cacheWindowsMatchTheReader_data() {
    QTest::addColumn<qint64>("t0");
    QTest::addColumn<qint64>("t1");
    QTest::addColumn<qint64>("s0");
    QTest::addColumn<qint64>("s1");
    QTest::addColumn<qint64>("factor");
    const qint64 ns = 2'000'000;
    QTest::addRow("every trace, whole, 512")
        << qint64(0) << qint64(160) << qint64(0) << ns << qint64(512);
    QTest::addRow("odd ends, 256, two columns")
        << qint64(100) << qint64(140) << qint64(12345) << qint64(1876543) << qint64(256);
    QTest::addRow("inside one column, 64")
        << qint64(120) << qint64(135) << qint64(399'000) << qint64(420'001) << qint64(64);
    QTest::addRow("full resolution")
        << qint64(3) << qint64(9) << qint64(1000) << qint64(1400) << qint64(1);
    QTest::addRow("one bin, 4194304")
        << qint64(0) << qint64(2) << qint64(0) << ns << qint64(4194304);
}

void TestDecimation::cacheWindowsMatchTheReader() {
    QFETCH(qint64, t0);
    QFETCH(qint64, t1);
    QFETCH(qint64, s0);
    QFETCH(qint64, s1);
    QFETCH(qint64, factor);
    TileCacheOptions o;
    o.budgetBytes = qint64(16) << 20;
    TileCache cache(m_file, o);
    const TraceWindow w = cache.window({t0, t1}, {s0, s1}, factor);
    const qint64 ns = m_file->sampleCount();
    // Whole bins from sample 0 of the trace that cover [s0, s1).
    const SampleRange out{s0 / factor, (s1 + factor - 1) / factor};
    QCOMPARE(w.factor(), factor);
    QCOMPARE(w.traces(), (TraceRange{t0, t1}));
    QCOMPARE(w.samples(), out);
    const SampleRange in{out.begin * factor, std::min(ns, out.end * factor)};
    QCOMPARE(w.inputSamples(ns), in);
    std::vector<float> want(std::size_t((t1 - t0) * out.count()));
    m_file->readWindowDecimated({t0, t1}, in, factor, want.data());
    for (qint64 t = t0; t < t1; ++t) {
        const qint64 i =
            firstDifference(w.trace(t), want.data() + (t - t0) * out.count(), out.count());
        QVERIFY2(i < 0, qPrintable(QStringLiteral("trace %1 sample %2").arg(t).arg(i)));
    }
    std::vector<float> copied(want.size());
    w.copyTo(copied.data());
    QCOMPARE(firstDifference(copied.data(), want.data(), qint64(want.size())), -1);
    cache.waitForPrefetch();
    QVERIFY(cache.stats().bytesHeld <= o.budgetBytes);

    // The same window again comes from the cache, at the same factor only.
    const qint64 misses = cache.stats().misses;
    cache.window({t0, t1}, {s0, s1}, factor);
    QCOMPARE(cache.stats().misses, misses);
}

void TestDecimation::budgetHoldsAcrossFactors() {
    TileCacheOptions o;
    o.budgetBytes = qint64(3) << 20; // one and a half tiles of 128 x 4096
    TileCache cache(m_file, o);
    const qint64 ns = m_file->sampleCount();
    QRandomGenerator random(20261130);
    qint64 worst = 0;
    for (int i = 0; i < 9; ++i) {
        // 512, 1024, 2048, 512...: tiles of 2, 1 and 0.5 MB, so the factors share the budget
        // and evict each other.
        const qint64 factor = qint64(512) << (i % 3);
        const qint64 t0 = random.bounded(0, 150);
        const qint64 t1 = t0 + random.bounded(1, 11);
        const qint64 s0 = random.bounded(0, int(ns / 2));
        const qint64 s1 = s0 + random.bounded(1, int(ns - s0));
        const TraceWindow w = cache.window({t0, t1}, {s0, s1}, factor);
        QCOMPARE(w.factor(), factor);
        // A value from the middle of the window against the reader.
        const qint64 t = (t0 + t1) / 2;
        const qint64 j = (w.samples().begin + w.samples().end) / 2;
        const SampleRange bin{j * factor, std::min(ns, (j + 1) * factor)};
        float want = 0;
        m_file->readWindowDecimated({t, t + 1}, bin, factor, &want);
        QCOMPARE(w.at(t, j), want);
        worst = std::max(worst, cache.stats().bytesHeld);
    }
    cache.waitForPrefetch();
    worst = std::max(worst, cache.stats().bytesHeld);
    QVERIFY2(worst <= o.budgetBytes, qPrintable(QStringLiteral("%1 bytes held").arg(worst)));
    QVERIFY(cache.stats().evictions > 0);
}

void TestDecimation::badFactor() {
    float x = 0;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, m_file->readWindowDecimated({0, 1}, {0, 10}, 0, &x));
    TileCache cache(m_file);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, cache.window({0, 1}, {0, 10}, -2));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, cache.window({0, 1}, {0, 2'000'001}, 512));
}

QTEST_GUILESS_MAIN(TestDecimation)
#include "tst_decimation.moc"
