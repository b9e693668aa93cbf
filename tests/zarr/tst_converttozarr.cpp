// convertToZarr and `seisview-cli convert`: the whole layout against independent readers (xarray
// and zarr-python, check_store.py and check_layout.py, against segyio and numpy), the round trip
// SEG-Y -> store -> SEG-Y byte for byte, progress and cancellation, a full disk, the statistics
// and ensembles the store keeps (and that readers take them instead of a pass), and the CLI.
#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/pipeline/copytraces.h"
#include "seis/segy/segywriter.h"
#include "seis/sources/opensource.h"
#include "seis/stats/amplitudestatistics.h"
#include "seis/zarr/converttozarr.h"
#include "seis/zarr/zarrsource.h"

#include <nlohmann/json.hpp>

#include "filesystemsupport.h"
#include "processrun.h"
#include "testdata.h"
#include "testsupport.h"

#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

using namespace seis;
using namespace seis::testsupport;

namespace {

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
}

qint64 bytesUnder(const QString& dir) {
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += QFileInfo(it.next()).size();
    return total;
}

zarr::ConvertResult convert(const QString& in, const QString& store,
                            const zarr::ConvertOptions& options = {}) {
    const auto source = openSource(in);
    return zarr::convertToZarr(*source, store, options);
}

// Exports every trace of `from` as SEG-Y with the defaults (the source's headers and format).
void exportSegy(const QString& from, const QString& to) {
    const std::shared_ptr<const TraceSource> source = openSource(from);
    SegyWriter writer(to, SegyHeaderTemplate::forSource(source));
    const TraceSelection all(source->traceCount(), source->sampleCount());
    const CopyResult r = copyTraces(*source, all, ProcessingChain(), writer);
    if (r.status != LoadStatus::Completed)
        throw IoError(to, QStringLiteral("the export did not complete"));
}

ProcessRun runCli(const QStringList& args) {
    return runProcess(qEnvironmentVariable("SEIS_CLI"), args);
}

} // namespace

class TestConvertToZarr : public QObject {
    Q_OBJECT
private slots:
    void layoutReadByXarray_data();
    void layoutReadByXarray();
    void roundTripByteForByte_data();
    void roundTripByteForByte();
    void progressAndCancel();
    void fullDiskLeavesNothing();
    void signalLeavesNothing();
    void keptStatisticsAndEnsembles();
    void malformedAndPartialStores();
    void cli();
    void timeWindowStoreExportsAsTheWindow();
};

void TestConvertToZarr::layoutReadByXarray_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("endian");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QString>("headers"); // all, none or k1,k2
    QTest::addColumn<QString>("codec");
    QTest::newRow("ibm be") << "segyio_f1_be.sgy"
                            << "big"
                            << "fldr"
                            << "all"
                            << "zstd";
    QTest::newRow("ieee le") << "segyio_f5_le.sgy"
                             << "little"
                             << "fldr"
                             << "all"
                             << "lz4";
    QTest::newRow("two keys, two columns") << "ensembles_small.sgy"
                                           << "big"
                                           << "fldr,cdp"
                                           << "cdp,offset"
                                           << "zstd";
    QTest::newRow("extended text, no columns") << "ext2.sgy"
                                               << "big"
                                               << "cdp"
                                               << "none"
                                               << "none";
    QTest::newRow("ascii text") << "text_ascii.sgy"
                                << "big"
                                << "fldr"
                                << "all"
                                << "zstd";
}

void TestConvertToZarr::layoutReadByXarray() {
    QFETCH(QString, file);
    QFETCH(QString, endian);
    QFETCH(QString, keys);
    QFETCH(QString, headers);
    QFETCH(QString, codec);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = testdata::dataPath(file);
    const QString store = dir.filePath(QStringLiteral("out.zarr"));
    zarr::ConvertOptions options;
    options.store.cname = codec;
    options.store.ensembleKeys = parseEnsembleKeys(keys);
    if (headers == QLatin1String("none")) {
        options.store.headerColumns = std::vector<HeaderField>{};
    } else if (headers != QLatin1String("all")) {
        std::vector<HeaderField> fields;
        for (const QString& k : headers.split(QLatin1Char(',')))
            fields.push_back(*findStandardTraceField(k));
        options.store.headerColumns = fields;
    }
    const zarr::ConvertResult r = convert(path, store, options);
    QCOMPARE(r.status, LoadStatus::Completed);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("out.zarr")}); // nothing else left
    QCOMPARE(r.bytesOut, bytesUnder(store));
    // Blosc chooses its blocks, as zarr-python lets it (zarrsink.h).
    const QJsonObject compressor =
        QJsonDocument::fromJson(readFile(store + QStringLiteral("/amplitude/.zarray")))
            .object()
            .value(QStringLiteral("compressor"))
            .toObject();
    if (codec == QLatin1String("none"))
        QVERIFY(compressor.isEmpty());
    else
        QCOMPARE(compressor.value(QStringLiteral("blocksize")), QJsonValue(0));
    const ProcessRun check = runProcess(
        qEnvironmentVariable("SEIS_PYTHON"),
        {QStringLiteral(SEIS_TESTS_DIR "/zarr/check_store.py"), store, path, endian, codec});
    QVERIFY2(check.code == 0, qPrintable(check.describe()));
    const ProcessRun layout = runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                                         {QStringLiteral(SEIS_TESTS_DIR "/zarr/check_layout.py"),
                                          store, path, endian, keys, headers});
    QVERIFY2(layout.code == 0, qPrintable(layout.describe()));
    // GDAL's multidimensional reader lists the arrays.
    const ProcessRun gdal = runProcess(QStringLiteral("gdalmdiminfo"), {store});
    QVERIFY2(gdal.code == 0, qPrintable(gdal.describe()));
    const QJsonObject info = QJsonDocument::fromJson(gdal.out).object();
    const QJsonObject arrays = info.value(QStringLiteral("arrays")).toObject();
    for (const char* name : {"amplitude", "raw_headers", "time", "trace"})
        QVERIFY2(arrays.contains(QLatin1String(name)), gdal.out.left(600).constData());
    QCOMPARE(arrays.value(QStringLiteral("amplitude"))
                 .toObject()
                 .value(QStringLiteral("datatype"))
                 .toString(),
             QStringLiteral("Float32"));
}

void TestConvertToZarr::roundTripByteForByte_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("zarrFormat");
    // Whether the file's trace headers hold its own sample count (the writer sets bytes 115-116;
    // the segyio-made files keep other values there), so the export equals the file itself.
    QTest::addColumn<bool>("equalsFile");
    // False for 4-byte integers beyond 2^24, which float32 rounds: the conversion warns.
    QTest::addColumn<bool>("exact");
    QTest::newRow("ibm be, consistent") << "ensembles_small.sgy" << 2 << true << true;
    QTest::newRow("ibm be, v3") << "ensembles_small.sgy" << 3 << true << true;
    QTest::newRow("little-endian keys") << "ensembles_many_le.sgy" << 2 << true << true;
    QTest::newRow("ibm be, extended text") << "ext2.sgy" << 2 << false << true;
    QTest::newRow("ieee le") << "segyio_f5_le.sgy" << 2 << false << true;
    QTest::newRow("int16 le") << "segyio_f3_le.sgy" << 2 << false << true;
    QTest::newRow("int32 be") << "segyio_f2_be.sgy" << 2 << false << false;
    QTest::newRow("int8 le") << "segyio_f8_le.sgy" << 2 << false << true;
    QTest::newRow("ascii text") << "text_ascii.sgy" << 2 << false << true;
}

void TestConvertToZarr::roundTripByteForByte() {
    QFETCH(QString, file);
    QFETCH(int, zarrFormat);
    QFETCH(bool, equalsFile);
    QFETCH(bool, exact);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = testdata::dataPath(file);
    const QString store = dir.filePath(QStringLiteral("s.zarr"));
    zarr::ConvertOptions options;
    options.store.zarrFormat = zarrFormat;
    options.store.chunkTraces = 5; // several rows, an edge row
    const zarr::ConvertResult converted = convert(path, store, options);
    QCOMPARE(converted.status, LoadStatus::Completed);
    QCOMPARE(converted.warnings.isEmpty(), exact);
    const QString fromStore = dir.filePath(QStringLiteral("from_store.sgy"));
    const QString direct = dir.filePath(QStringLiteral("direct.sgy"));
    exportSegy(store, fromStore);
    exportSegy(path, direct);
    // From raw_headers and the kept file headers: the same bytes as exporting the file itself
    // (which copies its sample bytes as they are), and as the file when nothing is adjusted.
    if (!exact) {
        QVERIFY2(converted.warnings.join(u' ').contains(QLatin1String("2^24")),
                 qPrintable(converted.warnings.join(u' ')));
        QVERIFY(sha256Of(fromStore) != sha256Of(direct));
        return;
    }
    QCOMPARE(sha256Of(fromStore), sha256Of(direct));
    if (equalsFile)
        QCOMPARE(sha256Of(fromStore), sha256Of(path));
    QVERIFY(readFile(fromStore).size() > 3600);
}

void TestConvertToZarr::progressAndCancel() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto source = openSource(testdata::dataPath(QStringLiteral("many_traces.sgy")));
    const qint64 n = source->traceCount();
    const qint64 perTrace = kTraceHeaderBytes + 4 * source->sampleCount();
    zarr::ConvertOptions options;
    options.store.chunkTraces = 100;
    std::vector<zarr::ConvertProgress> seen;
    const zarr::ConvertResult r =
        zarr::convertToZarr(*source, dir.filePath(QStringLiteral("all.zarr")), options,
                            [&](const zarr::ConvertProgress& p) {
                                seen.push_back(p);
                                return true;
                            });
    QCOMPARE(r.status, LoadStatus::Completed);
    QCOMPARE(r.traces, n);
    QCOMPARE(r.bytesIn, n * perTrace);
    QCOMPARE(r.chunks, (n + 99) / 100);
    QVERIFY(r.ratio > 0);
    QCOMPARE(r.ratio, double(r.bytesIn) / double(r.bytesOut));
    QVERIFY(seen.size() >= 2);
    for (std::size_t i = 0; i < seen.size(); ++i) {
        const zarr::ConvertProgress& p = seen[i];
        QCOMPARE(p.totalTraces, n);
        QCOMPARE(p.bytesIn, p.traces * perTrace);
        QVERIFY(p.percent >= 0 && p.percent <= 100);
        if (i > 0) {
            QVERIFY(p.traces >= seen[i - 1].traces);
            QVERIFY(p.bytesOut >= seen[i - 1].bytesOut);
        }
        if (p.bytesOut > 0)
            QCOMPARE(p.ratio, double(p.bytesIn) / double(p.bytesOut));
        QVERIFY(!p.text().isEmpty());
    }
    QCOMPARE(seen.back().traces, n);

    // Cancelled half-way: nothing under the name, no temporary directory.
    const QString cancelled = dir.filePath(QStringLiteral("cancelled.zarr"));
    const zarr::ConvertResult c = zarr::convertToZarr(
        *source, cancelled, options, [](const zarr::ConvertProgress&) { return false; });
    QCOMPARE(c.status, LoadStatus::Cancelled);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("all.zarr")});
}

void TestConvertToZarr::fullDiskLeavesNothing() {
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root");
    TmpfsMount fs("2M");
    QVERIFY2(fs.mounted(), qPrintable(fs.error()));
    const QString store = fs.path(QStringLiteral("full.zarr"));
    zarr::ConvertOptions options;
    options.store.cname = QStringLiteral("none"); // 8500 x 128 floats: 4.4 MB, more than 2 MB
    try {
        convert(testdata::dataPath(QStringLiteral("many_traces.sgy")), store, options);
        QFAIL("a conversion larger than the file system succeeded");
    } catch (const IoError& e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith(store + QLatin1String(": ")), qPrintable(message));
        QVERIFY2(message.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
                 qPrintable(message));
    }
    QCOMPARE(entries(fs.path()), QStringList{});
}

void TestConvertToZarr::signalLeavesNothing() {
    // SIGTERM while `convert` writes: the conversion cancels, removes its temporary directory,
    // and the process still ends by the signal.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString big = dir.filePath(QStringLiteral("big.sgy"));
    const ProcessRun made = runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                                       {QStringLiteral(SEIS_TESTS_DIR "/zarr/make_big_segy.py"),
                                        big, QStringLiteral("40000"), QStringLiteral("1000")});
    QVERIFY2(made.code == 0, qPrintable(made.describe()));
    QProcess p;
    p.start(qEnvironmentVariable("SEIS_CLI"),
            {QStringLiteral("convert"), big, dir.filePath(QStringLiteral("big.zarr"))});
    QVERIFY(p.waitForStarted());
    // Killed once it is writing: its temporary directory exists.
    auto writing = [&] {
        const QStringList e = entries(dir.path());
        return std::any_of(e.begin(), e.end(), [](const QString& n) {
            return n.startsWith(QLatin1String(".big.zarr.part-"));
        });
    };
    QTRY_VERIFY_WITH_TIMEOUT(writing() || p.state() == QProcess::NotRunning, 60000);
    QVERIFY2(p.state() == QProcess::Running, "the conversion ended before it could be killed");
    QCOMPARE(::kill(pid_t(p.processId()), SIGTERM), 0);
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit); // ended by the signal, not by an exit
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("big.sgy")});
}

void TestConvertToZarr::keptStatisticsAndEnsembles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = testdata::dataPath(QStringLiteral("pipeline_gathers_le.sgy"));
    const QString store = dir.filePath(QStringLiteral("e.zarr"));
    zarr::ConvertOptions options;
    options.store.chunkTraces = 3;
    options.store.ensembleKeys = parseEnsembleKeys(QStringLiteral("fldr,cdp"));
    QCOMPARE(convert(path, store, options).status, LoadStatus::Completed);
    const auto segy = openSource(path);

    // The statistics: those of a pass over the SEG-Y, the histogram bin for bin.
    AmplitudeStatistics pass;
    AmplitudeStatisticsOptions noStored;
    noStored.useStored = false;
    QCOMPARE(computeAmplitudeStatistics(*segy, pass, {}, noStored), LoadStatus::Completed);
    {
        const zarr::ZarrSource source(store);
        const std::optional<AmplitudeStatistics> kept = source.storedStatistics();
        QVERIFY(kept);
        QCOMPARE(kept->count, pass.count);
        QCOMPARE(kept->nonFinite, pass.nonFinite);
        QCOMPARE(kept->zeros, pass.zeros);
        QCOMPARE(kept->min, pass.min);
        QCOMPARE(kept->max, pass.max);
        QVERIFY(std::abs(kept->mean - pass.mean) <= 1e-12 * std::abs(pass.rms));
        QVERIFY(std::abs(kept->rms - pass.rms) <= 1e-12 * std::abs(pass.rms));
        QVERIFY(kept->histogram == pass.histogram);
        QVERIFY(!source.storedEnsembles(parseEnsembleKeys(QStringLiteral("fldr"))));
    }

    // Without any header left in the store (raw_headers and headers/ chunks removed: they read
    // as 0), the ensembles still come out right: from ensembles/, not from a scan.
    for (const QString& sub : {QStringLiteral("raw_headers"), QStringLiteral("headers")}) {
        QDirIterator it(store + QLatin1Char('/') + sub, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString f = it.next();
            if (!QFileInfo(f).fileName().startsWith(QLatin1Char('.')))
                QVERIFY(QFile::remove(f));
        }
    }
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr,cdp"));
    EnsembleScanOptions noCache;
    noCache.useCache = false;
    EnsembleIndex fromFile(keys, segy->traceCount());
    QCOMPARE(scanEnsembles(*segy, fromFile, {}, noCache), LoadStatus::Completed);
    const auto stored = openSource(store);
    std::vector<qint64> column(std::size_t(stored->traceCount()), -1);
    qint64* out[] = {column.data()};
    stored->readHeaderColumns(std::span(keys.data(), 1), {0, stored->traceCount()}, out);
    QVERIFY(std::all_of(column.begin(), column.end(), [](qint64 v) { return v == 0; }));
    EnsembleIndex fromStore(keys, stored->traceCount());
    QCOMPARE(scanEnsembles(*stored, fromStore, {}, noCache), LoadStatus::Completed);
    QVERIFY(fromFile.count() > 2);
    QCOMPARE(fromStore.count(), fromFile.count());
    for (qint64 e = 0; e < fromFile.count(); ++e)
        QCOMPARE(fromStore.ensemble(e), fromFile.ensemble(e));
}

namespace {

// Rewrites the JSON document `key` of `store` with `edit`, in its file and in the consolidated
// metadata.
template <class Edit> void editDocument(const QString& store, const QString& key, Edit edit) {
    using nlohmann::json;
    const QString file = store + QLatin1Char('/') + key;
    json doc = json::parse(readFile(file).toStdString());
    edit(doc);
    QVERIFY(writeFile(file, QByteArray::fromStdString(doc.dump())));
    const QString meta = store + QStringLiteral("/.zmetadata");
    json consolidated = json::parse(readFile(meta).toStdString());
    json& entry = consolidated["metadata"][key.toStdString()];
    edit(entry);
    QVERIFY(writeFile(meta, QByteArray::fromStdString(consolidated.dump())));
}

} // namespace

void TestConvertToZarr::malformedAndPartialStores() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = testdata::dataPath(QStringLiteral("pipeline_gathers_le.sgy"));
    // A root attribute of the wrong type: an error naming the store's .zattrs and the attribute.
    const QString bad = dir.filePath(QStringLiteral("bad.zarr"));
    QCOMPARE(convert(path, bad).status, LoadStatus::Completed);
    QVERIFY(QFileInfo(bad).permissions().testFlag(QFileDevice::ReadOther) ==
            QFileInfo(path).permissions().testFlag(QFileDevice::ReadOther)); // not 0700
    editDocument(bad, QStringLiteral(".zattrs"),
                 [](nlohmann::json& a) { a["sample_interval_us"] = "2000"; });
    try {
        zarr::ZarrSource source(bad);
        QFAIL("a string sample interval was taken");
    } catch (const FormatError& e) {
        const QString m = QString::fromStdString(e.what());
        QVERIFY2(m.startsWith(bad + QStringLiteral("/.zattrs: ")) &&
                     m.contains(QLatin1String("sample_interval_us")),
                 qPrintable(m));
    }

    // A store with decoded header columns but no raw_headers (as other tools may write it):
    // exported to SEG-Y, the fields it has are in the trace headers.
    const QString columns = dir.filePath(QStringLiteral("columns.zarr"));
    zarr::ConvertOptions options;
    std::vector<HeaderField> fields;
    for (const char* k : {"fldr", "cdp", "tracl", "ns", "dt"})
        fields.push_back(*findStandardTraceField(QString::fromLatin1(k)));
    options.store.headerColumns = fields;
    QCOMPARE(convert(path, columns, options).status, LoadStatus::Completed);
    QVERIFY(QDir(columns + QStringLiteral("/raw_headers")).removeRecursively());
    {
        using nlohmann::json;
        const QString meta = columns + QStringLiteral("/.zmetadata");
        json consolidated = json::parse(readFile(meta).toStdString());
        consolidated["metadata"].erase("raw_headers/.zarray");
        consolidated["metadata"].erase("raw_headers/.zattrs");
        QVERIFY(writeFile(meta, QByteArray::fromStdString(consolidated.dump())));
    }
    const QString exported = dir.filePath(QStringLiteral("columns.sgy"));
    exportSegy(columns, exported);
    const auto original = openSource(path);
    const auto back = openSource(exported);
    QCOMPARE(back->traceCount(), original->traceCount());
    const qint64 n = original->traceCount();
    for (const HeaderField& f : fields) {
        std::vector<qint64> want(static_cast<std::size_t>(n)), got(static_cast<std::size_t>(n));
        qint64* w[] = {want.data()};
        qint64* g[] = {got.data()};
        original->readHeaderColumns(std::span(&f, 1), {0, n}, w);
        back->readHeaderColumns(std::span(&f, 1), {0, n}, g);
        QVERIFY2(want == got, qPrintable(f.name));
        QVERIFY2(std::any_of(want.begin(), want.end(), [](qint64 v) { return v != 0; }),
                 qPrintable(f.name)); // the check can fail
    }
}

void TestConvertToZarr::cli() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString in = testdata::dataPath(QStringLiteral("segyio_f1_be.sgy"));
    const QString store = dir.filePath(QStringLiteral("c.zarr"));
    const ProcessRun r =
        runCli({QStringLiteral("convert"), in, store, QStringLiteral("--chunk-traces"),
                QStringLiteral("7"), QStringLiteral("--codec"), QStringLiteral("lz4"),
                QStringLiteral("--shuffle"), QStringLiteral("byte"), QStringLiteral("--headers"),
                QStringLiteral("cdp,offset")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const auto source = openSource(in);
    QCOMPARE(o.value(QStringLiteral("traces")).toInteger(), source->traceCount());
    QCOMPARE(o.value(QStringLiteral("samples")).toInteger(), source->sampleCount());
    QCOMPARE(o.value(QStringLiteral("chunks")).toInteger(), (source->traceCount() + 6) / 7);
    const qint64 in_ = o.value(QStringLiteral("bytes_in")).toInteger();
    const qint64 out_ = o.value(QStringLiteral("bytes_out")).toInteger();
    QCOMPARE(in_, source->traceCount() * (240 + 4 * source->sampleCount()));
    QCOMPARE(out_, bytesUnder(store));
    QCOMPARE(o.value(QStringLiteral("ratio")).toDouble(), double(in_) / double(out_));
    QVERIFY(o.value(QStringLiteral("seconds")).toDouble() > 0);
    QVERIFY(o.value(QStringLiteral("warnings")).isArray());
    const QJsonObject zarray =
        QJsonDocument::fromJson(readFile(store + QStringLiteral("/amplitude/.zarray"))).object();
    const QJsonObject compressor = zarray.value(QStringLiteral("compressor")).toObject();
    QCOMPARE(compressor.value(QStringLiteral("cname")).toString(), QStringLiteral("lz4"));
    QCOMPARE(compressor.value(QStringLiteral("shuffle")).toInt(), 1);
    QCOMPARE(zarray.value(QStringLiteral("chunks")).toArray().at(0).toInt(), 7);
    QCOMPARE(QDir(store + QStringLiteral("/headers")).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
             (QStringList{QStringLiteral("cdp"), QStringLiteral("offset")}));
    // The store reads back as the file: `dump` of both is the same bytes.
    const ProcessRun a =
        runCli({QStringLiteral("dump"), in, QStringLiteral("-o"), QStringLiteral("-")});
    const ProcessRun b =
        runCli({QStringLiteral("dump"), store, QStringLiteral("-o"), QStringLiteral("-")});
    QVERIFY2(a.code == 0 && b.code == 0, qPrintable(a.describe() + b.describe()));
    QVERIFY(!a.out.isEmpty());
    QCOMPARE(b.out, a.out);

    // info: the layout from the metadata, the ratio the writer recorded (the amplitude chunks'
    // bytes on disk against their float32 samples), and where the store came from.
    const ProcessRun i = runCli({QStringLiteral("info"), store});
    QVERIFY2(i.code == 0, qPrintable(i.describe()));
    const QJsonObject info = QJsonDocument::fromJson(i.out).object();
    const QJsonObject storage = info.value(QStringLiteral("storage")).toObject();
    QCOMPARE(storage.value(QStringLiteral("zarr_format")).toInt(), 2);
    QCOMPARE(storage.value(QStringLiteral("chunks")).toArray().at(0).toInt(), 7);
    qint64 chunkBytes = 0;
    for (const QString& row :
         QDir(store + QStringLiteral("/amplitude")).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
        chunkBytes += bytesUnder(store + QStringLiteral("/amplitude/") + row);
    QCOMPARE(storage.value(QStringLiteral("amplitude_stored_bytes")).toInteger(), chunkBytes);
    const qint64 decoded =
        (source->traceCount() + 6) / 7 * 7 * source->sampleCount() * qint64(sizeof(float));
    QCOMPARE(storage.value(QStringLiteral("amplitude_decoded_bytes")).toInteger(), decoded);
    QCOMPARE(storage.value(QStringLiteral("compression_ratio")).toDouble(),
             double(decoded) / double(chunkBytes));
    QCOMPARE(info.value(QStringLiteral("source")).toObject().value(QStringLiteral("path")),
             QJsonValue(QFileInfo(in).absoluteFilePath()));
    QCOMPARE(
        info.value(QStringLiteral("source")).toObject().value(QStringLiteral("format")).toInt(), 1);

    // A store is never written over: exit 1, the existing store untouched.
    const qint64 before = bytesUnder(store);
    const ProcessRun again = runCli({QStringLiteral("convert"), in, store});
    QCOMPARE(again.code, 1);
    QVERIFY2(again.err.contains(store.toLocal8Bit()), again.err.constData());
    QCOMPARE(bytesUnder(store), before);
    // Usage mistakes: exit 2 before anything is created.
    const QString other = dir.filePath(QStringLiteral("other.zarr"));
    for (const QStringList& bad :
         {QStringList{QStringLiteral("convert"), in, other, QStringLiteral("--codec"),
                      QStringLiteral("brotli")},
          QStringList{QStringLiteral("convert"), in, other, QStringLiteral("--shard-traces"),
                      QStringLiteral("10")},
          QStringList{QStringLiteral("export"), in, other, QStringLiteral("--format"),
                      QStringLiteral("5")}}) {
        const ProcessRun u = runCli(bad);
        QVERIFY2(u.code == 2, qPrintable(u.describe()));
        QVERIFY(!QFileInfo::exists(other));
    }
    // export IN OUT.zarr: the selection as a store.
    const ProcessRun e = runCli(
        {QStringLiteral("export"), in, other, QStringLiteral("--traces"), QStringLiteral("3:10")});
    QVERIFY2(e.code == 0, qPrintable(e.describe()));
    QCOMPARE(QJsonDocument::fromJson(e.out).object().value(QStringLiteral("traces")).toInteger(),
             qint64(7));
    const ProcessRun part =
        runCli({QStringLiteral("dump"), in, QStringLiteral("--traces"), QStringLiteral("3:10"),
                QStringLiteral("-o"), QStringLiteral("-")});
    const ProcessRun fromPart =
        runCli({QStringLiteral("dump"), other, QStringLiteral("-o"), QStringLiteral("-")});
    QCOMPARE(fromPart.out, part.out);
}

// A store written with a time window keeps raw headers that describe its samples (ns and the
// delay moved, as the SEG-Y writer does): exported back to SEG-Y it is the same file as the
// window exported straight from the SEG-Y, and its header columns hold the moved delay.
void TestConvertToZarr::timeWindowStoreExportsAsTheWindow() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString in = testdata::dataPath(QStringLiteral("pipeline_gathers_le.sgy"));
    const auto source = openSource(in);
    const double dtMs = source->sampleIntervalUs() / 1000.0;
    QVERIFY(dtMs > 0 && source->sampleCount() > 12);
    const QString window = QStringLiteral("%1:%2")
                               .arg(source->startTimeMs() + 2 * dtMs)
                               .arg(source->startTimeMs() + 12 * dtMs);
    const QString store = dir.filePath(QStringLiteral("w.zarr"));
    const QString direct = dir.filePath(QStringLiteral("direct.sgy"));
    const QString back = dir.filePath(QStringLiteral("back.sgy"));
    for (const QStringList& args :
         {QStringList{QStringLiteral("export"), in, store, QStringLiteral("--time"), window},
          QStringList{QStringLiteral("export"), in, direct, QStringLiteral("--time"), window},
          QStringList{QStringLiteral("export"), store, back}}) {
        const ProcessRun r = runCli(args + QStringList{QStringLiteral("--quiet")});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
    }
    QCOMPARE(readFile(back), readFile(direct));
    const auto z = openSource(store);
    QCOMPARE(z->sampleCount(), qint64(10));
    QCOMPARE(z->startTimeMs(), source->startTimeMs() + 2 * dtMs);
    const HeaderField delrt = *findStandardTraceField(QStringLiteral("delrt"));
    const HeaderField ns = *findStandardTraceField(QStringLiteral("ns"));
    const qint64 n = z->traceCount();
    std::vector<qint64> before(static_cast<std::size_t>(n)), after(before.size()),
        counts(before.size());
    qint64* a[] = {before.data()};
    qint64* b[] = {after.data(), counts.data()};
    source->readHeaderColumns(std::vector<HeaderField>{delrt}, {0, n}, a);
    z->readHeaderColumns(std::vector<HeaderField>{delrt, ns}, {0, n}, b);
    for (qint64 t = 0; t < n; ++t) {
        QCOMPARE(after[std::size_t(t)], before[std::size_t(t)] + qint64(std::lround(2 * dtMs)));
        QCOMPARE(counts[std::size_t(t)], qint64(10));
    }
}

QTEST_GUILESS_MAIN(TestConvertToZarr)
#include "tst_converttozarr.moc"
