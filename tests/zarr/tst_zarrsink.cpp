// ZarrSink through the copy pipeline: a SEG-Y file copied into a store that xarray (consolidated
// metadata) and zarr-python read back equal to segyio's reading of the file (amplitudes bit for
// bit, raw headers, time, trace); a cancelled or failed copy leaves nothing; a store is never
// written over an existing path.
#include "seis/base/error.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/zarrsink.h"
#include "seis/zarr/zarrsource.h"

#include "processrun.h"
#include "testdata.h"
#include "testsupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestZarrSink : public QObject {
    Q_OBJECT
private slots:
    void readBackByXarray_data();
    void readBackByXarray();
    void cancelledOrFailedLeavesNothing();
    void existingTargetRefused();
};

void TestZarrSink::readBackByXarray_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("endian");
    QTest::addColumn<qint64>("chunkTraces");
    QTest::addColumn<qint64>("chunkSamples"); // 0: whole traces
    QTest::newRow("ibm be, chunks of 10") << "segyio_f1_be.sgy"
                                          << "big" << qint64(10) << qint64(0);
    QTest::newRow("ieee le, chunks of 7") << "segyio_f5_le.sgy"
                                          << "little" << qint64(7) << qint64(0);
    QTest::newRow("int16 be, default chunks") << "segyio_f3_be.sgy"
                                              << "big" << qint64(0) << qint64(0);
    QTest::newRow("ibm be, chunks 10 x 17") << "segyio_f1_be.sgy"
                                            << "big" << qint64(10) << qint64(17);
    QTest::newRow("ieee le, chunks 1 x 1") << "segyio_f5_le.sgy"
                                           << "little" << qint64(1) << qint64(1);
}

void TestZarrSink::readBackByXarray() {
    QFETCH(QString, file);
    QFETCH(QString, endian);
    QFETCH(qint64, chunkTraces);
    QFETCH(qint64, chunkSamples);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = testdata::dataPath(file);
    const auto source = openSource(path);
    const auto selection = resolveSelection(*source, SelectionSpec{});
    QVERIFY(selection);
    const QString store = dir.filePath(QStringLiteral("out.zarr"));
    zarr::ZarrSinkOptions options;
    options.chunkTraces = chunkTraces;
    options.chunkSamples = chunkSamples;
    zarr::ZarrSink sink(store, options);
    CopyOptions copy;
    copy.blockBytes = 4096; // several blocks, so chunk rows fill across writes
    const CopyResult r = copyTraces(*source, *selection, ProcessingChain(), sink, {}, copy);
    QCOMPARE(r.status, LoadStatus::Completed);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out.zarr")}); // no temporary left
    if (chunkSamples > 0)
        QCOMPARE(sink.chunkSamples(), chunkSamples);
    // Read back in-process (every run, ThreadSanitizer's too): the same samples, bit for bit,
    // and the same headers as the SEG-Y reader's.
    {
        const zarr::ZarrSource back(store);
        QCOMPARE(back.traceCount(), source->traceCount());
        QCOMPARE(back.sampleCount(), source->sampleCount());
        const qint64 n = source->traceCount(), ns = source->sampleCount();
        std::vector<float> a(std::size_t(n * ns)), b(std::size_t(n * ns));
        source->readWindow({0, n}, {0, ns}, a.data());
        back.readWindow({0, n}, {0, ns}, b.data());
        QVERIFY(std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
        std::vector<std::byte> ha(std::size_t(n * kTraceHeaderBytes)), hb(ha.size());
        source->readTraceHeaders({0, n}, ha.data());
        back.readTraceHeaders({0, n}, hb.data());
        QVERIFY(ha == hb);
    }
    if (qEnvironmentVariableIsSet("SEIS_UNDER_TSAN"))
        return; // see tests/CMakeLists.txt: child processes confuse ThreadSanitizer
    const ProcessRun check =
        runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                   {QStringLiteral(SEIS_TESTS_DIR "/zarr/check_store.py"), store, path, endian});
    QVERIFY2(check.code == 0, qPrintable(check.describe()));
}

void TestZarrSink::cancelledOrFailedLeavesNothing() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto source = openSource(testdata::dataPath(QStringLiteral("segyio_f1_be.sgy")));
    const auto selection = resolveSelection(*source, SelectionSpec{});
    QVERIFY(selection);
    CopyOptions copy;
    copy.blockBytes = 1024;
    {
        zarr::ZarrSink sink(dir.filePath(QStringLiteral("cancelled.zarr")), {.chunkTraces = 4});
        const CopyResult r = copyTraces(
            *source, *selection, ProcessingChain(), sink,
            [](qint64 done, qint64) { return done < 8; }, copy);
        QCOMPARE(r.status, LoadStatus::Cancelled);
    }
    QVERIFY2(entries(dir.path()).isEmpty(), qPrintable(entries(dir.path()).join(u' ')));
    {
        // The sink is aborted by the destructor without a commit, after chunks were written.
        zarr::ZarrSink sink(dir.filePath(QStringLiteral("dropped.zarr")), {.chunkTraces = 2});
        OutputLayout layout;
        layout.traceCount = 10;
        layout.sampleCount = 5;
        layout.sampleIntervalUs = 4000;
        sink.begin(layout);
        std::vector<float> samples(20, 1.0f);
        std::vector<std::byte> headers(4 * 240);
        TraceBlock block;
        block.count = 4;
        block.samples = samples.data();
        block.headers = headers.data();
        sink.write(block);
        QCOMPARE(entries(dir.path()).size(), 1);                // the temporary directory
        QVERIFY_THROWS_EXCEPTION(ArgumentError, sink.commit()); // 4 of 10 traces
    }
    QVERIFY2(entries(dir.path()).isEmpty(), qPrintable(entries(dir.path()).join(u' ')));
}

void TestZarrSink::existingTargetRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("there.zarr"));
    QVERIFY(QDir().mkdir(target));
    zarr::ZarrSink sink(target);
    OutputLayout layout;
    layout.traceCount = 1;
    layout.sampleCount = 1;
    const QString m = messageOf<ArgumentError>([&] { sink.begin(layout); });
    QVERIFY2(m.startsWith(target + QLatin1String(": already exists")), qPrintable(m));
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("there.zarr")});
}

QTEST_GUILESS_MAIN(TestZarrSink)
#include "tst_zarrsink.moc"
