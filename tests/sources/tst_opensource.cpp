// openSource, the format-neutral factory: a SEG-Y file opens as a TraceSource whose samples and
// headers equal libsegyio's (the independent reader); paths no backend takes, missing files and
// files that are not SEG-Y are refused with errors naming the path and what was expected.
#include "segyiofile.h"

#include "seis/base/error.h"
#include "seis/segy/segyfile.h"
#include "seis/sources/opensource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <vector>

using namespace seis;

namespace {

QString dataPath(const QString& name) {
    return QDir(QString::fromLocal8Bit(qgetenv("SEIS_TEST_DATA"))).filePath(name);
}

} // namespace

class TestOpenSource : public QObject {
    Q_OBJECT

private slots:
    void segyOpensAsATraceSource_data();
    void segyOpensAsATraceSource();
    void byteOrderOverrideReachesTheReader();
    void backendsAreListed();
    void directoryIsRefused();
    void missingFileIsRefused();
    void nonSegyFileIsRefused_data();
    void nonSegyFileIsRefused();
};

void TestOpenSource::segyOpensAsATraceSource_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("little");
    QTest::newRow("IBM big-endian") << QStringLiteral("segyio_f1_be.sgy") << false;
    QTest::newRow("IEEE little-endian") << QStringLiteral("segyio_f5_le.sgy") << true;
    QTest::newRow("int16 big-endian") << QStringLiteral("segyio_f3_be.sgy") << false;
    QTest::newRow("many traces") << QStringLiteral("many_traces.sgy") << false;
}

void TestOpenSource::segyOpensAsATraceSource() {
    QFETCH(QString, name);
    QFETCH(bool, little);
    const QString path = dataPath(name);
    const std::shared_ptr<const TraceSource> source = openSource(path);
    QVERIFY(source);
    // The SEG-Y backend took it: the panels that show SEG-Y headers find them.
    QVERIFY(dynamic_cast<const SegyFile*>(source.get()));
    QCOMPARE(source->path(), path);
    QVERIFY2(source->formatDescription().contains(QLatin1String("SEG-Y")),
             qPrintable(source->formatDescription()));
    QCOMPARE(source->headerByteOrder(), little ? ByteOrder::Little : ByteOrder::Big);

    const test::SegyioFile ref(path, little);
    QVERIFY(ref.ok());
    QCOMPARE(source->traceCount(), qint64(ref.traces));
    QCOMPARE(source->sampleCount(), qint64(ref.samples));

    // Every sample of every trace.
    const qint64 nt = source->traceCount();
    const qint64 ns = source->sampleCount();
    std::vector<float> all(std::size_t(nt * ns));
    source->readWindow({0, nt}, {0, ns}, all.data());
    std::vector<float> expected(static_cast<std::size_t>(ns));
    for (qint64 t = 0; t < nt; ++t) {
        QVERIFY(ref.trace(int(t), expected.data()));
        QVERIFY2(std::memcmp(all.data() + t * ns, expected.data(), std::size_t(ns) * 4) == 0,
                 qPrintable(QStringLiteral("trace %1 differs from segyio's").arg(t)));
    }

    // Header columns against segyio's field reads, and (big-endian files, whose bytes segyio
    // hands out as they are) the raw headers.
    const std::vector<HeaderField> fields{
        parseHeaderField(QStringLiteral("fldr")), parseHeaderField(QStringLiteral("cdp")),
        parseHeaderField(QStringLiteral("offset")), parseHeaderField(QStringLiteral("ns"))};
    std::vector<std::vector<qint64>> columns(fields.size(), std::vector<qint64>(std::size_t(nt)));
    std::vector<qint64*> out;
    for (auto& c : columns)
        out.push_back(c.data());
    source->readHeaderColumns(fields, {0, nt}, out);
    for (qint64 t = 0; t < nt; t += std::max<qint64>(1, nt / 50))
        for (std::size_t k = 0; k < fields.size(); ++k)
            QCOMPARE(columns[k][std::size_t(t)], ref.field(int(t), fields[k]).value_or(-1));
    if (!little) {
        std::vector<std::byte> headers(std::size_t(nt * kTraceHeaderBytes));
        source->readTraceHeaders({0, nt}, headers.data());
        char h[kTraceHeaderBytes];
        for (qint64 t = 0; t < nt; t += std::max<qint64>(1, nt / 50)) {
            QVERIFY(ref.traceHeader(int(t), h));
            QVERIFY(std::memcmp(headers.data() + t * kTraceHeaderBytes, h, kTraceHeaderBytes) == 0);
        }
    }
}

void TestOpenSource::byteOrderOverrideReachesTheReader() {
    // A little-endian IEEE file read as big-endian on request: its format code 5 reads as 1280,
    // which the reader refuses, saying it read big-endian. Without the override it opens.
    const QString path = dataPath(QStringLiteral("segyio_f5_le.sgy"));
    QCOMPARE(openSource(path)->headerByteOrder(), ByteOrder::Little);
    SourceOptions options;
    options.byteOrder = ByteOrder::Big;
    try {
        openSource(path, options);
        QFAIL("a little-endian file opened as big-endian");
    } catch (const FormatError& e) {
        QCOMPARE(e.file(), path);
        QVERIFY2(e.detail().contains(QLatin1String("1280")), e.what());
        QVERIFY2(e.detail().contains(QLatin1String("big-endian")), e.what());
    }
}

void TestOpenSource::backendsAreListed() {
    // Asked in order: the Zarr store (a directory) first, then SEG-Y (anything else).
    const auto backends = sourceBackends();
    QCOMPARE(backends.size(), std::size_t(2));
    QCOMPARE(QLatin1String(backends[0].name), QLatin1String("zarr"));
    QCOMPARE(QLatin1String(backends[1].name), QLatin1String("segy"));
    QVERIFY(expectedSources().contains(QLatin1String("SEG-Y")));
    QVERIFY(expectedSources().contains(QLatin1String("Zarr store")));
}

void TestOpenSource::directoryIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    try {
        openSource(dir.path());
        QFAIL("opened a directory that holds no store");
    } catch (const FormatError& e) {
        QCOMPARE(e.file(), dir.path());
        QVERIFY2(QString::fromUtf8(e.what()).contains(dir.path()), e.what());
        QVERIFY2(e.detail().contains(QLatin1String("directory")), e.what());
        QVERIFY2(e.detail().contains(expectedSources()), e.what());
    }
}

void TestOpenSource::missingFileIsRefused() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("no such file.sgy"));
    try {
        openSource(path);
        QFAIL("opened a file that does not exist");
    } catch (const IoError& e) {
        QCOMPARE(e.file(), path);
        QVERIFY2(QString::fromUtf8(e.what()).contains(path), e.what());
        QVERIFY2(e.detail().contains(expectedSources()), e.what());
    }
}

void TestOpenSource::nonSegyFileIsRefused_data() {
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected"); // in the message
    QTest::newRow("empty") << QByteArray() << QStringLiteral("3600");
    QTest::newRow("short text") << QByteArray("not seismic data\n") << QStringLiteral("3600");
    // Text long enough for the file headers: the format code (bytes 3225-3226) is text.
    QTest::newRow("long text") << QByteArray("just some text, not SEG-Y. ").repeated(400)
                               << QStringLiteral("3225-3226");
}

void TestOpenSource::nonSegyFileIsRefused() {
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("notes.txt"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(contents), qint64(contents.size()));
    f.close();
    try {
        openSource(path);
        QFAIL("opened a file that is not SEG-Y");
    } catch (const FormatError& e) {
        QCOMPARE(e.file(), path);
        QVERIFY2(QString::fromUtf8(e.what()).contains(path), e.what());
        QVERIFY2(e.detail().contains(expected), e.what());
    }
}

QTEST_GUILESS_MAIN(TestOpenSource)
#include "tst_opensource.moc"
