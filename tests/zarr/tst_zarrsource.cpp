// ZarrSource: stores read as TraceSources through openSource. A store written by ZarrSink from a
// SEG-Y file reads back equal to the file (windows, header columns, raw headers, interval); a
// store written by zarr-python in the layout with odd chunks, a missing chunk, no consolidated
// metadata and only a time coordinate reads back equal to segyio's values; bad stores give
// errors naming the store and the key or chunk.
#include "seis/base/error.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/zarrsink.h"
#include "seis/zarr/zarrsource.h"

#include "filesystemsupport.h"
#include "processrun.h"
#include "samesource.h"
#include "testdata.h"
#include "testsupport.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>

using namespace seis;
using namespace seis::testsupport;

class TestZarrSource : public QObject {
    Q_OBJECT
private slots:
    void storeOfASegyFileReadsLikeIt_data();
    void storeOfASegyFileReadsLikeIt();
    void storeWrittenByZarrPython();
    void badStores();
};

void TestZarrSource::storeOfASegyFileReadsLikeIt_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("chunkTraces");
    QTest::addColumn<qint64>("chunkSamples");
    QTest::newRow("ibm be, chunks of 7") << "segyio_f1_be.sgy" << qint64(7) << qint64(0);
    QTest::newRow("ieee le, chunks of 5") << "segyio_f5_le.sgy" << qint64(5) << qint64(0);
    QTest::newRow("ibm be, chunks 7 x 13") << "segyio_f1_be.sgy" << qint64(7) << qint64(13);
}

void TestZarrSource::storeOfASegyFileReadsLikeIt() {
    QFETCH(QString, file);
    QFETCH(qint64, chunkTraces);
    QFETCH(qint64, chunkSamples);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto segy = openSource(testdata::dataPath(file));
    const QString store = dir.filePath(QStringLiteral("s.zarr"));
    {
        zarr::ZarrSink sink(store, {.chunkTraces = chunkTraces, .chunkSamples = chunkSamples});
        const auto all = resolveSelection(*segy, SelectionSpec{});
        QVERIFY(all);
        QCOMPARE(copyTraces(*segy, *all, ProcessingChain(), sink).status, LoadStatus::Completed);
    }
    const auto z = openSource(store);
    QVERIFY(dynamic_cast<const zarr::ZarrSource*>(z.get()));
    QVERIFY(z->formatDescription().startsWith(QLatin1String("Zarr v2 store")));
    const QString difference = firstDifference(*z, *segy, 3);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
    const qint64 nt = segy->traceCount();
    const std::vector<HeaderField> fields{
        parseHeaderField(QStringLiteral("fldr")), parseHeaderField(QStringLiteral("offset")),
        parseHeaderField(QStringLiteral("ns")), parseHeaderField(QStringLiteral("189:i4"))};
    std::vector<std::vector<qint64>> za(fields.size(), std::vector<qint64>(std::size_t(nt))),
        sa = za;
    std::vector<qint64*> zo, so;
    for (std::size_t k = 0; k < fields.size(); ++k) {
        zo.push_back(za[k].data());
        so.push_back(sa[k].data());
    }
    z->readHeaderColumns(fields, {0, nt}, zo);
    segy->readHeaderColumns(fields, {0, nt}, so);
    QVERIFY(za == sa);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, window(*z, {0, nt + 1}, {0, 1}));
}

void TestZarrSource::storeWrittenByZarrPython() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString segyPath = testdata::dataPath(QStringLiteral("segyio_f1_be.sgy"));
    const QString store = dir.filePath(QStringLiteral("py.zarr"));
    const ProcessRun r = runProcess(
        qEnvironmentVariable("SEIS_PYTHON"),
        {QStringLiteral(SEIS_TESTS_DIR "/zarr/zarr_reference.py"), QStringLiteral("layout"), store,
         segyPath, QStringLiteral("11"), QStringLiteral("17"), QStringLiteral("1/1")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY(!QFile::exists(store + QStringLiteral("/.zmetadata")));
    const auto segy = openSource(segyPath);
    const auto z = openSource(store);
    const qint64 nt = segy->traceCount(), ns = segy->sampleCount();
    QCOMPARE(z->traceCount(), nt);
    QCOMPARE(z->sampleIntervalUs(), segy->sampleIntervalUs()); // from the time coordinate
    QCOMPARE(z->startTimeMs(), segy->startTimeMs());
    const std::vector<float> got = window(*z, {0, nt}, {0, ns});
    const std::vector<float> want = window(*segy, {0, nt}, {0, ns});
    for (qint64 t = 0; t < nt; ++t)
        for (qint64 s = 0; s < ns; ++s) {
            const float g = got[std::size_t(t * ns + s)];
            if (t / 11 == 1 && s / 17 == 1) { // the removed chunk: the fill value
                QVERIFY(std::isnan(g));
                continue;
            }
            QCOMPARE(std::bit_cast<quint32>(g),
                     std::bit_cast<quint32>(want[std::size_t(t * ns + s)]));
        }
    std::vector<std::byte> a(std::size_t(nt * 240)), b(a.size());
    z->readTraceHeaders({0, nt}, a.data());
    segy->readTraceHeaders({0, nt}, b.data());
    QVERIFY(a == b);
}

void TestZarrSource::badStores() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("bad.zarr"));
    QVERIFY(QDir().mkpath(store + QStringLiteral("/amplitude")));
    QVERIFY(writeFile(store + QStringLiteral("/.zgroup"), R"({"zarr_format": 2})"));
    // No amplitude array.
    QString m = messageOf<FormatError>([&] { openSource(store); });
    QVERIFY2(m.startsWith(store + QLatin1String(": has no array 'amplitude'")), qPrintable(m));
    // Malformed metadata names the key.
    QVERIFY(writeFile(store + QStringLiteral("/amplitude/.zarray"), "{not json"));
    m = messageOf<FormatError>([&] { openSource(store); });
    QVERIFY2(m.contains(QLatin1String("amplitude/.zarray")) && m.contains(QLatin1String("JSON")),
             qPrintable(m));
    // F order refused.
    QVERIFY(writeFile(store + QStringLiteral("/amplitude/.zarray"),
                      R"({"zarr_format": 2, "shape": [4, 3], "chunks": [2, 3], "dtype": "<f4",
                          "compressor": null, "fill_value": "NaN", "order": "F",
                          "filters": null})"));
    m = messageOf<FormatError>([&] { openSource(store); });
    QVERIFY2(m.contains(QLatin1String("F order")), qPrintable(m));
    // A chunk of the wrong size names the chunk.
    QVERIFY(writeFile(store + QStringLiteral("/amplitude/.zarray"),
                      R"({"zarr_format": 2, "shape": [4, 3], "chunks": [2, 3], "dtype": "<f4",
                          "compressor": null, "fill_value": "NaN", "order": "C",
                          "filters": null})"));
    QVERIFY(writeFile(store + QStringLiteral("/amplitude/1.0"), QByteArray(5, 'x')));
    const auto z = openSource(store);
    std::vector<float> out(12);
    m = messageOf<FormatError>([&] { z->readWindow({0, 4}, {0, 3}, out.data()); });
    QVERIFY2(m.startsWith(store + QLatin1String("/amplitude/1.0: ")), qPrintable(m));
    z->readWindow({0, 2}, {0, 3}, out.data()); // chunk 0.0 is missing: the fill value
    QVERIFY(std::isnan(out[0]) && std::isnan(out[5]));
}

QTEST_GUILESS_MAIN(TestZarrSource)
#include "tst_zarrsource.moc"
