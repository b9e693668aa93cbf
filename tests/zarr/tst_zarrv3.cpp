// Zarr v3 stores with the sharding codec (ZarrSinkOptions::zarrFormat 3): the CRC-32C against
// the published check values, the shard bytes, the zarr.json documents; stores written from
// SEG-Y files (odd chunks, chunks not dividing the samples, partial edge shards) read back by
// ZarrSource and by zarrita (the npm package, an independent reader, in node) equal to segyio's
// reading of the file (amplitudes bit for bit, raw headers byte for byte); missing inner chunks
// and missing shards read as the fill value; corrupt shards and metadata give FormatErrors
// naming the shard or the array.
//
// zarrita is installed by the install_zarrita fixture (tests/zarr/install_zarrita.sh); without
// it the zarrita checks fail with CI=true and skip elsewhere.
#include "seis/base/error.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/crc32c.h"
#include "seis/zarr/directorystore.h"
#include "seis/zarr/shardreader.h"
#include "seis/zarr/shardwriter.h"
#include "seis/zarr/storereaderv3.h"
#include "seis/zarr/storewriter.h"
#include "seis/zarr/zarrsink.h"
#include "seis/zarr/zarrsource.h"

#include "filesystemsupport.h"
#include "processrun.h"
#include "samesource.h"
#include "testdata.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

using namespace seis;
using namespace seis::testsupport;
using nlohmann::json;
using namespace Qt::StringLiterals;

namespace {

// Copies SEG-Y test file `file` into a new v3 store `store`.
void writeStore(const QString& file, const QString& store, qint64 chunkTraces, qint64 chunkSamples,
                qint64 shardTraces, qint64* shardOut = nullptr) {
    const auto segy = openSource(testdata::dataPath(file));
    zarr::ZarrSink sink(store, {.chunkTraces = chunkTraces,
                                .chunkSamples = chunkSamples,
                                .zarrFormat = 3,
                                .shardTraces = shardTraces});
    const auto all = resolveSelection(*segy, SelectionSpec{});
    if (!all)
        throw ArgumentError(file, QStringLiteral("no selection"));
    CopyOptions copy;
    copy.blockBytes = 4096; // several blocks, so chunk rows and shards fill across writes
    const CopyResult r = copyTraces(*segy, *all, ProcessingChain(), sink, {}, copy);
    if (r.status != LoadStatus::Completed)
        throw ArgumentError(store, QStringLiteral("the copy did not complete"));
    if (shardOut)
        *shardOut = sink.shardTraces();
}

json readJson(const QString& path) {
    const QByteArray bytes = readFile(path);
    return json::parse(bytes.constData(), bytes.constData() + bytes.size());
}

QByteArray little64(quint64 v) {
    QByteArray b(8, '\0');
    for (int i = 0; i < 8; ++i)
        b[i] = char((v >> (8 * i)) & 0xFF);
    return b;
}

QByteArray little32(quint32 v) {
    QByteArray b(4, '\0');
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (8 * i)) & 0xFF);
    return b;
}

QString zarritaDir() {
    return QStringLiteral(SEIS_ZARRITA_DIR);
}

// Why zarrita cannot run here; empty when it can.
QString zarritaMissing() {
    if (QStandardPaths::findExecutable(QStringLiteral("node")).isEmpty())
        return QStringLiteral("node is not installed (Debian: nodejs)");
    if (!QFileInfo::exists(zarritaDir() + QStringLiteral("/node_modules/zarrita/package.json")))
        return QStringLiteral("zarrita is not installed in %1 (the install_zarrita fixture: npm "
                              "and the npm registry)")
            .arg(zarritaDir());
    return {};
}

// Fails with CI=true, skips elsewhere, when zarrita cannot run.
#define REQUIRE_ZARRITA()                                                                          \
    do {                                                                                           \
        const QString why = zarritaMissing();                                                      \
        if (!why.isEmpty()) {                                                                      \
            if (qEnvironmentVariable("CI") == QLatin1String("true"))                               \
                QFAIL(qPrintable(why));                                                            \
            QSKIP(qPrintable(why));                                                                \
        }                                                                                          \
    } while (0)

// Runs zarrita on `store`, dumping `arrays` into `out` (and meta.json there).
ProcessRun runZarrita(const QString& store, const QString& out, const QStringList& arrays) {
    ProcessOptions o;
    o.stdoutFile = out + QStringLiteral("/meta.json");
    return runProcess(
        QStandardPaths::findExecutable(QStringLiteral("node")),
        QStringList{zarritaDir() + QStringLiteral("/read_v3_store.mjs"), store, out} + arrays, o);
}

} // namespace

class TestZarrV3 : public QObject {
    Q_OBJECT
private slots:
    void crc32cCheckValues();
    void shardBytes();
    void optionsChecked();
    void zarrJsonDocuments();
    void readBackByZarrSource_data();
    void readBackByZarrSource();
    void readBackByZarrita_data();
    void readBackByZarrita();
    void missingChunksAndShards();
    void corruptShards();
    void unshardedStores();
    void emptyStore();
    void nestedArraysBothFormats();
    void badMetadata();
};

void TestZarrV3::crc32cCheckValues() {
    // The check value of the CRC catalogue and the iSCSI test patterns of RFC 3720, B.4.
    auto crc = [](const QByteArray& b) {
        return zarr::crc32c(reinterpret_cast<const std::byte*>(b.constData()),
                            std::size_t(b.size()));
    };
    QCOMPARE(crc("123456789"), 0xE3069283u);
    QCOMPARE(crc(QByteArray(32, '\0')), 0x8A9136AAu);
    QCOMPARE(crc(QByteArray(32, char(0xFF))), 0x62A8AB43u);
    QByteArray up(32, '\0'), down(32, '\0');
    for (int i = 0; i < 32; ++i) {
        up[i] = char(i);
        down[i] = char(31 - i);
    }
    QCOMPARE(crc(up), 0x46DD794Eu);
    QCOMPARE(crc(down), 0x113FDB5Cu);
}

void TestZarrV3::shardBytes() {
    // The layout of sharding-indexed, written out by hand: chunks, then (offset, nbytes) per
    // chunk as uint64 little-endian (2^64-1 twice for an empty one), then the CRC-32C.
    const std::vector<std::optional<QByteArray>> chunks{QByteArray("abc"), std::nullopt,
                                                        QByteArray("defgh")};
    const QByteArray shard = zarr::assembleShard(chunks);
    QByteArray index = little64(0) + little64(3) + little64(~quint64(0)) + little64(~quint64(0)) +
                       little64(3) + little64(5);
    const quint32 crc =
        zarr::crc32c(reinterpret_cast<const std::byte*>(index.constData()), std::size_t(48));
    QCOMPARE(shard, QByteArray("abcdefgh") + index + little32(crc));
    QCOMPARE(zarr::shardIndexBytes(3), qint64(52));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("shard"));
    QVERIFY(writeFile(path, shard));
    QCOMPARE(zarr::readShardChunk(path, 0, 3), std::optional<QByteArray>("abc"));
    QCOMPARE(zarr::readShardChunk(path, 1, 3), std::optional<QByteArray>());
    QCOMPARE(zarr::readShardChunk(path, 2, 3), std::optional<QByteArray>("defgh"));
    QCOMPARE(zarr::readShardChunk(dir.filePath(QStringLiteral("none")), 0, 3),
             std::optional<QByteArray>());
    // The index at the start, without checksum: offsets count from the shard's start.
    const QByteArray startIndex = little64(16) + little64(2);
    QVERIFY(writeFile(path, startIndex + "xy"));
    QCOMPARE(zarr::readShardChunk(path, 0, 1, {.checksum = false, .atEnd = false}),
             std::optional<QByteArray>("xy"));
}

void TestZarrV3::optionsChecked() {
    QVERIFY_THROWS_EXCEPTION(ArgumentError, zarr::ZarrSink(QStringLiteral("x.zarr"),
                                                           {.zarrFormat = 2, .shardTraces = 10}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             zarr::ZarrSink(QStringLiteral("x.zarr"), {.zarrFormat = 4}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, zarr::ZarrSink(QStringLiteral("x.zarr"),
                                                           {.zarrFormat = 3, .shardTraces = -1}));
}

void TestZarrV3::zarrJsonDocuments() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("v3.zarr"));
    qint64 shard = 0;
    writeStore(QStringLiteral("segyio_f1_be.sgy"), store, 5, 0, 15, &shard); // 36 x 50
    QCOMPARE(shard, qint64(15));
    const json root = readJson(store + QStringLiteral("/zarr.json"));
    QCOMPARE(root["zarr_format"], json(3));
    QCOMPARE(root["node_type"], json("group"));
    QCOMPARE(root["attributes"]["sample_interval_us"], json(4000.0));
    QCOMPARE(root["attributes"]["seisview_layout"], json(1));

    const json a = readJson(store + QStringLiteral("/amplitude/zarr.json"));
    const zarr::ZarrSinkOptions defaults; // the store's codec: the default
    const json blosc = {{"name", "blosc"},
                        {"configuration",
                         {{"cname", defaults.cname.toStdString()},
                          {"clevel", defaults.level},
                          {"shuffle", "shuffle"}, // byte shuffle, the default
                          {"typesize", 4},
                          {"blocksize", 0}}}};
    const json little = {{"name", "bytes"}, {"configuration", {{"endian", "little"}}}};
    json inner = json::array();
    inner.push_back(little);
    inner.push_back(blosc);
    json indexCodecs = json::array();
    indexCodecs.push_back(little);
    indexCodecs.push_back({{"name", "crc32c"}});
    json sharding = {{"name", "sharding_indexed"},
                     {"configuration",
                      {{"chunk_shape", {5, 50}},
                       {"codecs", inner},
                       {"index_codecs", indexCodecs},
                       {"index_location", "end"}}}};
    json want = {
        {"zarr_format", 3},
        {"node_type", "array"},
        {"shape", {36, 50}},
        {"data_type", "float32"},
        {"chunk_grid", {{"name", "regular"}, {"configuration", {{"chunk_shape", {15, 50}}}}}},
        {"chunk_key_encoding", {{"name", "default"}, {"configuration", {{"separator", "/"}}}}},
        {"fill_value", "NaN"},
        {"codecs", json::array()},
        {"attributes", json::object()},
        {"dimension_names", {"trace", "time"}}};
    want["codecs"].push_back(sharding);
    QVERIFY2(a == want, a.dump(2).c_str());

    const json h = readJson(store + QStringLiteral("/raw_headers/zarr.json"));
    QCOMPARE(h["data_type"], json("uint8"));
    QCOMPARE(h["fill_value"], json(0));
    QCOMPARE(h["codecs"][0]["configuration"]["codecs"][0], json({{"name", "bytes"}}));
    QCOMPARE(h["chunk_grid"]["configuration"]["chunk_shape"], json({15, 240}));
    const json t = readJson(store + QStringLiteral("/time/zarr.json"));
    QCOMPARE(t["data_type"], json("float64"));
    QCOMPARE(t["codecs"][0], little); // not sharded: one chunk
    QCOMPARE(t["codecs"][1]["configuration"]["typesize"], json(8));
    QCOMPARE(t["attributes"]["units"], json("ms"));
    QCOMPARE(readJson(store + QStringLiteral("/trace/zarr.json"))["data_type"], json("int64"));

    // 36 traces in shards of 15: three shards, one file each; no v2 file anywhere.
    QCOMPARE(
        QDir(store + QStringLiteral("/amplitude/c")).entryList(QDir::Dirs | QDir::NoDotAndDotDot),
        (QStringList{u"0"_s, u"1"_s, u"2"_s}));
    for (int s = 0; s < 3; ++s)
        QVERIFY(QFileInfo(store + QStringLiteral("/amplitude/c/%1/0").arg(s)).isFile());
    QVERIFY(QFileInfo(store + QStringLiteral("/time/c/0")).isFile());
    QVERIFY(!QFileInfo::exists(store + QStringLiteral("/.zmetadata")));
    QVERIFY(!QFileInfo::exists(store + QStringLiteral("/amplitude/.zarray")));
    QVERIFY(zarr::ZarrSource::isStore(store));

    // What ZarrSource asks for by v2 keys.
    QCOMPARE(zarr::v3Document(store, u"amplitude/.zarray"_s), a);
    QCOMPARE(zarr::v3Document(store, u"amplitude/.zattrs"_s),
             json({{"_ARRAY_DIMENSIONS", {"trace", "time"}}}));
    QCOMPARE(zarr::v3Document(store, u".zattrs"_s), root["attributes"]);
    QCOMPARE(zarr::v3Document(store, u".zgroup"_s), root);
    QVERIFY(zarr::v3Document(store, u".zarray"_s).is_null());
    QVERIFY(zarr::v3Document(store, u"amplitude/.zgroup"_s).is_null());
    // Header columns are arrays of their own type in the headers/ group, sharded along traces.
    const json fldr = zarr::v3Document(store, u"headers/fldr/.zarray"_s);
    QCOMPARE(fldr["data_type"], json("int32"));
    QCOMPARE(fldr["shape"], json({36}));
    QCOMPARE(fldr["codecs"][0]["name"], json("sharding_indexed"));
    QVERIFY(zarr::v3Document(store, u"headers/nosuch/.zarray"_s).is_null());
}

void TestZarrV3::readBackByZarrSource_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<qint64>("chunkTraces");
    QTest::addColumn<qint64>("chunkSamples"); // 0: whole traces
    QTest::addColumn<qint64>("shardTraces");  // 0: the default
    QTest::addColumn<qint64>("shardWritten"); // what the sink made of it
    // 36 traces: 8 chunk rows in shards of 3, the last shard holding 2 (the third is empty), the
    // last chunk 1 trace of 5.
    QTest::newRow("ibm be, chunks 5, shards 15")
        << "segyio_f1_be.sgy" << qint64(5) << qint64(0) << qint64(15) << qint64(15);
    // 33 x 61: shards of 10 traces are 14 (whole chunks), the last holding one row of 5 traces;
    // 13 samples per chunk leave 9 in the last column.
    QTest::newRow("ieee le, chunks 7 x 13, shards 10")
        << "segyio_f5_le.sgy" << qint64(7) << qint64(13) << qint64(10) << qint64(14);
    QTest::newRow("ibm be, default chunks and shards")
        << "segyio_f1_be.sgy" << qint64(0) << qint64(0) << qint64(0) << qint64(36);
    QTest::newRow("ieee le, chunks 1 x 1, shards 4")
        << "segyio_f5_le.sgy" << qint64(1) << qint64(1) << qint64(4) << qint64(4);
}

void TestZarrV3::readBackByZarrSource() {
    QFETCH(QString, file);
    QFETCH(qint64, chunkTraces);
    QFETCH(qint64, chunkSamples);
    QFETCH(qint64, shardTraces);
    QFETCH(qint64, shardWritten);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("s.zarr"));
    qint64 shard = 0;
    writeStore(file, store, chunkTraces, chunkSamples, shardTraces, &shard);
    QCOMPARE(shard, shardWritten);
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("s.zarr")}); // no temporary left
    const auto segy = openSource(testdata::dataPath(file));
    const auto z = openSource(store);
    QVERIFY(dynamic_cast<const zarr::ZarrSource*>(z.get()));
    QVERIFY2(z->formatDescription().startsWith(
                 QStringLiteral("Zarr v3 store, shards of %1 traces").arg(shardWritten)),
             qPrintable(z->formatDescription()));
    const QString difference = firstDifference(*z, *segy, 5);
    QVERIFY2(difference.isEmpty(), qPrintable(difference));
}

void TestZarrV3::readBackByZarrita_data() {
    readBackByZarrSource_data();
}

void TestZarrV3::readBackByZarrita() {
    QFETCH(QString, file);
    QFETCH(qint64, chunkTraces);
    QFETCH(qint64, chunkSamples);
    QFETCH(qint64, shardTraces);
    REQUIRE_ZARRITA();
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("s.zarr"));
    writeStore(file, store, chunkTraces, chunkSamples, shardTraces);
    const QString dump = dir.filePath(QStringLiteral("dump"));
    QVERIFY(QDir().mkpath(dump));
    const ProcessRun r =
        runZarrita(store, dump, {u"amplitude"_s, u"raw_headers"_s, u"trace"_s, u"time"_s});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QString endian = file.contains(QLatin1String("_le")) ? u"little"_s : u"big"_s;
    const ProcessRun check = runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                                        {QStringLiteral(SEIS_TESTS_DIR "/zarr/check_v3_dump.py"),
                                         dump, testdata::dataPath(file), endian});
    QVERIFY2(check.code == 0, qPrintable(check.describe()));
}

void TestZarrV3::missingChunksAndShards() {
    // amplitude [20, 6] in chunks [3, 4], shards of 6 traces ([6, 8]: 2 x 2 inner chunks): 7
    // chunk rows, the last of 2 traces. Not written: chunks (1, 1), (3, 0) and (6, 1), and the
    // whole third shard (rows 4 and 5), which then has no file.
    const qint64 nt = 20, ns = 6, ct = 3, cs = 4;
    auto value = [](qint64 t, qint64 s) { return float(t * 100 + s) + 0.25f; };
    auto missing = [](qint64 r, qint64 c) {
        return (r == 1 && c == 1) || (r == 3 && c == 0) || (r == 6 && c == 1) || r == 4 || r == 5;
    };
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("m.zarr"));
    {
        zarr::DirectoryStore ds(store);
        const auto writer = zarr::makeStoreWriter(ds, 3, 6);
        zarr::ArrayMetadata m;
        m.shape = {nt, ns};
        m.chunks = {ct, cs};
        m.dtype = QStringLiteral("<f4");
        m.fillValue = "NaN";
        m.compressor = nullptr; // stored raw: the bytes codec alone
        m.dimensions = {u"trace"_s, u"time"_s};
        writer->addArray(QStringLiteral("amplitude"), m);
        for (qint64 r = 0; r < 7; ++r)
            for (qint64 c = 0; c < 2; ++c) {
                if (missing(r, c))
                    continue;
                std::vector<float> chunk(std::size_t(ct * cs),
                                         std::numeric_limits<float>::quiet_NaN());
                for (qint64 t = r * ct; t < std::min(nt, (r + 1) * ct); ++t)
                    for (qint64 s = c * cs; s < std::min(ns, (c + 1) * cs); ++s)
                        chunk[std::size_t((t - r * ct) * cs + s - c * cs)] = value(t, s);
                const qint64 at[] = {r, c};
                writer->writeChunk(QStringLiteral("amplitude"), at,
                                   QByteArray(reinterpret_cast<const char*>(chunk.data()),
                                              qsizetype(chunk.size() * sizeof(float))));
            }
        writer->setAttributes(QString(), {{"sample_interval_us", 2000}});
        writer->finish();
        ds.commit();
    }
    QVERIFY(QFileInfo::exists(store + QStringLiteral("/amplitude/c/1/0")));
    QVERIFY(!QFileInfo::exists(store + QStringLiteral("/amplitude/c/2/0"))); // nothing in it
    QVERIFY(QFileInfo::exists(store + QStringLiteral("/amplitude/c/3/0")));  // incomplete

    auto check = [&](const std::vector<float>& got, const QString& who) {
        QCOMPARE(got.size(), std::size_t(nt * ns));
        for (qint64 t = 0; t < nt; ++t)
            for (qint64 s = 0; s < ns; ++s) {
                const float g = got[std::size_t(t * ns + s)];
                if (missing(t / ct, s / cs))
                    QVERIFY2(std::isnan(g), qPrintable(QStringLiteral("%1: [%2, %3] = %4, "
                                                                      "expected NaN")
                                                           .arg(who)
                                                           .arg(t)
                                                           .arg(s)
                                                           .arg(g)));
                else
                    QVERIFY2(std::bit_cast<quint32>(g) == std::bit_cast<quint32>(value(t, s)),
                             qPrintable(QStringLiteral("%1: [%2, %3] = %4, expected %5")
                                            .arg(who)
                                            .arg(t)
                                            .arg(s)
                                            .arg(g)
                                            .arg(value(t, s))));
            }
    };
    const auto z = openSource(store);
    QCOMPARE(z->sampleIntervalUs(), 2000.0);
    check(window(*z, {0, nt}, {0, ns}), u"ZarrSource"_s);
    if (QTest::currentTestFailed())
        return;

    REQUIRE_ZARRITA();
    const QString dump = dir.filePath(QStringLiteral("dump"));
    QVERIFY(QDir().mkpath(dump));
    const ProcessRun r = runZarrita(store, dump, {u"amplitude"_s});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QByteArray bytes = readFile(dump + QStringLiteral("/amplitude.bin"));
    std::vector<float> got(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(got.data(), bytes.constData(), got.size() * sizeof(float));
    check(got, u"zarrita"_s);
}

void TestZarrV3::corruptShards() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("c.zarr"));
    writeStore(QStringLiteral("segyio_f1_be.sgy"), store, 5, 0, 15); // 3 inner chunks per shard
    const QString shard = store + QStringLiteral("/amplitude/c/1/0");
    const QByteArray good = readFile(shard);
    const qint64 ns = 50;
    std::vector<float> out(std::size_t(36 * ns));
    auto readShard1 = [&] {
        const auto z = openSource(store);
        z->readWindow({15, 30}, {0, ns}, out.data());
    };
    auto readShard0 = [&] {
        const auto z = openSource(store);
        z->readWindow({0, 15}, {0, ns}, out.data());
    };
    // A flipped bit in the index: the checksum names the shard.
    QByteArray bad = good;
    bad[bad.size() - 10] = char(bad[bad.size() - 10] ^ 0x01);
    QVERIFY(writeFile(shard, bad));
    QString m = messageOf<FormatError>(readShard1);
    QVERIFY2(m.startsWith(shard + QLatin1String(": shard index checksum")), qPrintable(m));
    readShard0(); // the other shards still read
    // Shorter than its index.
    QVERIFY(writeFile(shard, good.left(10)));
    m = messageOf<FormatError>(readShard1);
    QVERIFY2(m.startsWith(shard + QLatin1String(": shard of 10 bytes")), qPrintable(m));
    // An entry past the data, with a checksum that matches.
    const qint64 indexAt = good.size() - zarr::shardIndexBytes(3);
    QByteArray index = good.mid(indexAt, 48);
    index.replace(8, 8, little64(1'000'000));
    const quint32 crc =
        zarr::crc32c(reinterpret_cast<const std::byte*>(index.constData()), std::size_t(48));
    QVERIFY(writeFile(shard, good.left(indexAt) + index + little32(crc)));
    m = messageOf<FormatError>(readShard1);
    QVERIFY2(m.startsWith(shard + QLatin1String(": shard index entry 0 (offset 0, 1000000 bytes)")),
             qPrintable(m));
    // A corrupt inner chunk: the Blosc header overwritten.
    bad = good;
    bad.replace(0, 16, QByteArray(16, char(0xEE)));
    QVERIFY(writeFile(shard, bad));
    m = messageOf<FormatError>(readShard1);
    QVERIFY2(m.startsWith(shard + QLatin1String(" (inner chunk 0): ")), qPrintable(m));
    QVERIFY(writeFile(shard, good));
    readShard1();
}

void TestZarrV3::unshardedStores() {
    // v3 stores this library does not write but reads: one chunk per file, keys "c/1/0" (default)
    // or "1.0" (v2 encoding, with the fill value as hex bits, which zarrita 0.7.5 does not read),
    // no compressor, the interval from the time coordinate; chunk 1 along traces missing.
    const std::vector<float> values{0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f};
    const QByteArray chunk0(reinterpret_cast<const char*>(values.data()), 24);
    std::vector<double> times{10.0, 12.0, 14.0};
    const QByteArray time(reinterpret_cast<const char*>(times.data()), 24);
    for (const bool defaultKeys : {true, false}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString store = dir.filePath(QStringLiteral("u.zarr"));
        const QByteArray keys = defaultKeys
                                    ? R"({"name": "default", "configuration": {"separator": "/"}})"
                                    : R"({"name": "v2", "configuration": {"separator": "."}})";
        QVERIFY(QDir().mkpath(store + QStringLiteral("/amplitude/c/0")));
        QVERIFY(QDir().mkpath(store + QStringLiteral("/time/c")));
        QVERIFY(writeFile(store + QStringLiteral("/zarr.json"),
                          R"({"zarr_format": 3, "node_type": "group", "attributes": {}})"));
        QVERIFY(writeFile(store + QStringLiteral("/amplitude/zarr.json"),
                          R"({"zarr_format": 3, "node_type": "array", "shape": [4, 3],
            "data_type": "float32", "chunk_grid": {"name": "regular", "configuration":
            {"chunk_shape": [2, 3]}}, "chunk_key_encoding": )" +
                              keys + R"(, "fill_value": )" +
                              (defaultKeys ? R"("NaN")" : R"("0x7fc00000")") +
                              R"(, "codecs": [{"name":
            "bytes", "configuration": {"endian": "little"}}], "dimension_names": ["trace",
            "time"]})"));
        QVERIFY(writeFile(store + QStringLiteral("/time/zarr.json"),
                          R"({"zarr_format": 3, "node_type": "array", "shape": [3],
            "data_type": "float64", "chunk_grid": {"name": "regular", "configuration":
            {"chunk_shape": [3]}}, "chunk_key_encoding": )" +
                              keys + R"(, "fill_value": 0, "codecs": [{"name": "bytes",
            "configuration": {"endian": "little"}}], "dimension_names": ["time"]})"));
        QVERIFY(writeFile(store + (defaultKeys ? QStringLiteral("/amplitude/c/0/0")
                                               : QStringLiteral("/amplitude/0.0")),
                          chunk0));
        QVERIFY(writeFile(
            store + (defaultKeys ? QStringLiteral("/time/c/0") : QStringLiteral("/time/0")), time));
        const auto z = openSource(store);
        QVERIFY2(z->formatDescription().startsWith(QLatin1String("Zarr v3 store, chunks 2 x 3")),
                 qPrintable(z->formatDescription()));
        QCOMPARE(z->sampleIntervalUs(), 2000.0);
        QCOMPARE(z->startTimeMs(), 10.0);
        const std::vector<float> got = window(*z, {0, 4}, {0, 3});
        QVERIFY(std::memcmp(got.data(), values.data(), 24) == 0);
        for (std::size_t i = 6; i < 12; ++i)
            QVERIFY(std::isnan(got[i]));
        if (!defaultKeys)
            continue;
        REQUIRE_ZARRITA(); // zarrita reads it the same (the hand-made metadata is valid)
        const QString dump = dir.filePath(QStringLiteral("dump"));
        QVERIFY(QDir().mkpath(dump));
        const ProcessRun r = runZarrita(store, dump, {u"amplitude"_s});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QByteArray bytes = readFile(dump + QStringLiteral("/amplitude.bin"));
        QCOMPARE(bytes.size(), 48);
        QCOMPARE(bytes.left(24), chunk0);
        for (int i = 6; i < 12; ++i) {
            float f = 0;
            std::memcpy(&f, bytes.constData() + 4 * i, 4);
            QVERIFY(std::isnan(f));
        }
    }
}

void TestZarrV3::emptyStore() {
    // No traces: arrays of shape [0, ...], no chunk or shard files, and a store that opens.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("e.zarr"));
    {
        zarr::ZarrSink sink(store, {.zarrFormat = 3, .shardTraces = 100});
        OutputLayout layout;
        layout.traceCount = 0;
        layout.sampleCount = 7;
        layout.sampleIntervalUs = 1000;
        sink.begin(layout);
        sink.commit();
        QCOMPARE(sink.shardTraces(), qint64(1));
    }
    QVERIFY(!QFileInfo::exists(store + QStringLiteral("/amplitude/c")));
    const auto z = openSource(store);
    QCOMPARE(z->traceCount(), qint64(0));
    QCOMPARE(z->sampleCount(), qint64(7));
    QCOMPARE(z->sampleIntervalUs(), 1000.0);
}

void TestZarrV3::nestedArraysBothFormats() {
    // An array in a group ("headers/fldr", as the layout's header columns will be) through the
    // StoreWriter of each format: the group is written too, and zarr-python (v2, consolidated)
    // and zarrita (v3, sharded along traces) read the column back.
    const std::vector<qint32> fldr{7, -3, 100000, 0, 42};
    for (const int format : {2, 3}) {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString store = dir.filePath(QStringLiteral("n.zarr"));
        {
            zarr::DirectoryStore ds(store);
            const auto writer = zarr::makeStoreWriter(ds, format, 4);
            zarr::ArrayMetadata m;
            m.shape = {5};
            m.chunks = {2};
            m.dtype = QStringLiteral("<i4");
            m.fillValue = 0;
            m.compressor = zarr::BloscCodec(u"lz4"_s, 5, zarr::Shuffle::Byte).toJson();
            m.dimensionSeparator = QStringLiteral("/");
            m.dimensions = {u"trace"_s};
            writer->addArray(QStringLiteral("headers/fldr"), m, {{"key", "fldr"}});
            const zarr::BloscCodec codec(u"lz4"_s, 5, zarr::Shuffle::Byte);
            for (qint64 c = 0; c < 3; ++c) {
                std::vector<qint32> chunk(2, 0);
                for (qint64 i = 0; i < 2 && c * 2 + i < 5; ++i)
                    chunk[std::size_t(i)] = fldr[std::size_t(c * 2 + i)];
                const qint64 at[] = {c};
                writer->writeChunk(QStringLiteral("headers/fldr"), at,
                                   codec.encode(reinterpret_cast<const std::byte*>(chunk.data()),
                                                chunk.size() * 4, 4));
            }
            writer->finish();
            ds.commit();
        }
        if (format == 2) {
            QVERIFY(QFileInfo::exists(store + QStringLiteral("/headers/.zgroup")));
            const ProcessRun r = runProcess(
                qEnvironmentVariable("SEIS_PYTHON"),
                {QStringLiteral("-c"),
                 QStringLiteral("import sys, zarr\n"
                                "g = zarr.open_consolidated(zarr.DirectoryStore(sys.argv[1]), "
                                "mode='r')\n"
                                "a = g['headers']['fldr']\n"
                                "print(list(a[:]), dict(a.attrs))"),
                 store});
            QVERIFY2(r.code == 0, qPrintable(r.describe()));
            QCOMPARE(r.out.trimmed(),
                     QByteArray("[7, -3, 100000, 0, 42] {'_ARRAY_DIMENSIONS': ['trace'], 'key': "
                                "'fldr'}"));
            continue;
        }
        QCOMPARE(readJson(store + QStringLiteral("/headers/zarr.json"))["node_type"],
                 json("group"));
        QVERIFY(QFileInfo::exists(store + QStringLiteral("/headers/fldr/c/0"))); // chunks 0, 1
        QVERIFY(QFileInfo::exists(store + QStringLiteral("/headers/fldr/c/1"))); // chunk 2
        REQUIRE_ZARRITA();
        const QString dump = dir.filePath(QStringLiteral("dump"));
        QVERIFY(QDir().mkpath(dump));
        const ProcessRun r = runZarrita(store, dump, {u"headers/fldr"_s});
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        const QByteArray bytes = readFile(dump + QStringLiteral("/headers_fldr.bin"));
        QCOMPARE(bytes, QByteArray(reinterpret_cast<const char*>(fldr.data()), 20));
        const json meta = readJson(dump + QStringLiteral("/meta.json"));
        QCOMPARE(meta["arrays"]["headers/fldr"]["attributes"], json({{"key", "fldr"}}));
        QCOMPARE(meta["arrays"]["headers/fldr"]["dtype"], json("int32"));
    }
}

void TestZarrV3::badMetadata() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("b.zarr"));
    QVERIFY(QDir().mkpath(store + QStringLiteral("/amplitude")));
    QVERIFY(writeFile(store + QStringLiteral("/zarr.json"),
                      R"({"zarr_format": 3, "node_type": "group"})"));
    QVERIFY(zarr::ZarrSource::isStore(store));
    QString m = messageOf<FormatError>([&] { openSource(store); });
    QVERIFY2(m.startsWith(store + QLatin1String(": has no array 'amplitude' (no "
                                                "amplitude/zarr.json)")),
             qPrintable(m));
    const QString array = store + QStringLiteral("/amplitude");
    auto withCodecs = [&](const char* codecs, const char* grid = "[2, 3]") {
        return QByteArray(R"({"zarr_format": 3, "node_type": "array", "shape": [4, 3],
            "data_type": "float32", "chunk_grid": {"name": "regular", "configuration":
            {"chunk_shape": )") +
               grid + R"(}}, "fill_value": "NaN", "codecs": )" + codecs + "}";
    };
    const struct {
        QByteArray doc;
        const char* says;
    } cases[] = {
        {"{not json", "is not valid JSON"},
        {withCodecs(R"([{"name": "transpose", "configuration": {"order": [1, 0]}},
                       {"name": "bytes", "configuration": {"endian": "little"}}])"),
         "F order"},
        {withCodecs(R"([{"name": "bytes", "configuration": {"endian": "little"}},
                       {"name": "lzma"}])"),
         "\"lzma\""},
        {withCodecs(R"([{"name": "sharding_indexed", "configuration": {"chunk_shape": [4, 3],
                       "codecs": [{"name": "bytes", "configuration": {"endian": "little"}}],
                       "index_codecs": [{"name": "bytes", "configuration": {"endian": "little"}},
                       {"name": "crc32c"}]}}])"),
         "does not divide"},
        {QByteArray(withCodecs(R"([{"name": "bytes"}])")).replace("float32", "complex64"),
         "complex64"},
    };
    for (const auto& c : cases) {
        QVERIFY(writeFile(array + QStringLiteral("/zarr.json"), c.doc));
        m = messageOf<FormatError>([&] { openSource(store); });
        QVERIFY2(m.startsWith(array) && m.contains(QLatin1String(c.says)), qPrintable(m));
    }
    // Unsharded, the "v2" key encoding, big-endian bytes: a store this library does not write but
    // reads (the amplitude must be little-endian float32, so this one is refused by name).
    QVERIFY(writeFile(array + QStringLiteral("/zarr.json"),
                      withCodecs(R"([{"name": "bytes", "configuration": {"endian": "big"}}])")));
    m = messageOf<FormatError>([&] { openSource(store); });
    QVERIFY2(m.contains(QLatin1String("\">f4\"")), qPrintable(m));
}

QTEST_GUILESS_MAIN(TestZarrV3)
#include "tst_zarrv3.moc"
