// The Zarr array layer (core/zarr): metadata, the Blosc codec and chunk keys, proven against
// zarr-python 2.13 (Debian's) both ways: zarr-python reads what we write, bit for bit, and we
// read what zarr-python writes with several chunkings and codecs, a missing chunk included.
#include "seis/base/error.h"
#include "seis/zarr/arraymetadata.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/codec.h"

#include "processrun.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace seis;
using namespace seis::testsupport;
using nlohmann::json;

namespace {

constexpr qint64 kRows = 37; // traces
constexpr qint64 kCols = 53; // samples

ProcessRun runReference(const QStringList& args) {
    return runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                      QStringList{QStringLiteral(SEIS_TESTS_DIR "/zarr/zarr_reference.py")} + args);
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.flush();
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray jsonBytes(const json& j) {
    return QByteArray::fromStdString(j.dump(4));
}

// Reads a 2-D float32 array of `store`/`name` chunk by chunk through our metadata and codec;
// missing chunks are the fill value (NaN here).
std::vector<float> readArray(const QString& store, const QString& name, zarr::ArrayMetadata& meta) {
    const QString dir = store + QLatin1Char('/') + name;
    meta = zarr::ArrayMetadata::fromZarray(
        json::parse(readBytes(dir + QStringLiteral("/.zarray")).toStdString()), dir);
    const auto codec = zarr::codecFromJson(meta.compressor, dir);
    const qint64 rows = meta.shape[0], cols = meta.shape[1];
    const qint64 cr = meta.chunks[0], cc = meta.chunks[1];
    std::vector<float> out(std::size_t(rows * cols), std::numeric_limits<float>::quiet_NaN());
    std::vector<float> chunk(std::size_t(cr * cc));
    for (qint64 ci = 0; ci < meta.chunkCount(0); ++ci)
        for (qint64 cj = 0; cj < meta.chunkCount(1); ++cj) {
            const qint64 index[] = {ci, cj};
            const QString key = meta.chunkKey(index);
            QFile f(dir + QLatin1Char('/') + key);
            if (!f.exists())
                continue; // the fill value
            if (!f.open(QIODevice::ReadOnly))
                return {};
            const QByteArray bytes = f.readAll();
            const std::size_t size = chunk.size() * sizeof(float);
            if (codec)
                codec->decode(bytes, reinterpret_cast<std::byte*>(chunk.data()), size,
                              dir + QLatin1Char('/') + key);
            else if (std::size_t(bytes.size()) == size)
                std::memcpy(chunk.data(), bytes.constData(), size);
            else
                return {};
            for (qint64 r = 0; r < cr && ci * cr + r < rows; ++r)
                for (qint64 c = 0; c < cc && cj * cc + c < cols; ++c)
                    out[std::size_t((ci * cr + r) * cols + cj * cc + c)] =
                        chunk[std::size_t(r * cc + c)];
        }
    return out;
}

} // namespace

class TestZarrArray : public QObject {
    Q_OBJECT
private slots:
    void zarrPythonReadsWhatWeWrite_data();
    void zarrPythonReadsWhatWeWrite();
    void weReadWhatZarrPythonWrites_data();
    void weReadWhatZarrPythonWrites();
    void refusals();
};

void TestZarrArray::zarrPythonReadsWhatWeWrite_data() {
    QTest::addColumn<QString>("cname");
    QTest::addColumn<int>("shuffle");
    QTest::addColumn<int>("chunkRows");
    QTest::addColumn<int>("chunkCols");
    QTest::newRow("zstd bit 10x20") << "zstd" << 2 << 10 << 20;
    QTest::newRow("lz4 byte 7x53") << "lz4" << 1 << 7 << 53;
    QTest::newRow("blosclz none 1x16") << "blosclz" << 0 << 1 << 16;
    QTest::newRow("zlib bit 37x53") << "zlib" << 2 << 37 << 53;
}

void TestZarrArray::zarrPythonReadsWhatWeWrite() {
    QFETCH(QString, cname);
    QFETCH(int, shuffle);
    QFETCH(int, chunkRows);
    QFETCH(int, chunkCols);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("s.zarr"));
    QRandomGenerator rng(7);
    std::vector<float> data(std::size_t(kRows * kCols));
    for (float& v : data)
        v = float(rng.generateDouble() * 2000 - 1000);
    data[5] = std::numeric_limits<float>::quiet_NaN();
    data[6] = -0.0f;
    data[7] = std::numeric_limits<float>::denorm_min();

    zarr::ArrayMetadata meta;
    meta.shape = {kRows, kCols};
    meta.chunks = {chunkRows, chunkCols};
    meta.dtype = QStringLiteral("<f4");
    meta.fillValue = "NaN";
    meta.dimensionSeparator = QStringLiteral("/");
    const zarr::BloscCodec codec(cname, 3, zarr::Shuffle(shuffle));
    meta.compressor = codec.toJson();
    QVERIFY(writeBytes(store + QStringLiteral("/.zgroup"), jsonBytes({{"zarr_format", 2}})));
    QVERIFY(writeBytes(store + QStringLiteral("/a/.zarray"), jsonBytes(meta.toZarray())));
    QVERIFY(writeBytes(store + QStringLiteral("/a/.zattrs"),
                       jsonBytes({{"_ARRAY_DIMENSIONS", {"trace", "time"}}})));
    std::vector<float> chunk(std::size_t(chunkRows * chunkCols));
    for (qint64 ci = 0; ci < meta.chunkCount(0); ++ci)
        for (qint64 cj = 0; cj < meta.chunkCount(1); ++cj) {
            // Edge chunks are full size, padded with the fill value.
            std::fill(chunk.begin(), chunk.end(), std::numeric_limits<float>::quiet_NaN());
            for (qint64 r = 0; r < chunkRows && ci * chunkRows + r < kRows; ++r)
                for (qint64 c = 0; c < chunkCols && cj * chunkCols + c < kCols; ++c)
                    chunk[std::size_t(r * chunkCols + c)] =
                        data[std::size_t((ci * chunkRows + r) * kCols + cj * chunkCols + c)];
            const qint64 index[] = {ci, cj};
            QVERIFY(writeBytes(store + QStringLiteral("/a/") + meta.chunkKey(index),
                               codec.encode(reinterpret_cast<const std::byte*>(chunk.data()),
                                            chunk.size() * sizeof(float), sizeof(float))));
        }
    const QString out = dir.filePath(QStringLiteral("read.f4"));
    const ProcessRun r = runReference({QStringLiteral("read"), store, QStringLiteral("a"), out});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.trimmed(), QStringLiteral("[%1, %2] [%3, %4]")
                                  .arg(kRows)
                                  .arg(kCols)
                                  .arg(chunkRows)
                                  .arg(chunkCols)
                                  .toUtf8());
    const QByteArray got = readBytes(out);
    QCOMPARE(got.size(), qsizetype(data.size() * sizeof(float)));
    QVERIFY2(std::memcmp(got.constData(), data.data(), std::size_t(got.size())) == 0,
             "zarr-python reads other values (bit for bit)");
}

void TestZarrArray::weReadWhatZarrPythonWrites_data() {
    QTest::addColumn<QString>("cname");
    QTest::addColumn<int>("shuffle");
    QTest::addColumn<int>("chunkRows");
    QTest::addColumn<int>("chunkCols");
    QTest::addColumn<QString>("drop"); // a chunk removed after writing ("" for none)
    QTest::newRow("lz4 byte 7x33") << "lz4" << 1 << 7 << 33 << "";
    QTest::newRow("zstd bit 1x53") << "zstd" << 2 << 1 << 53 << "";
    QTest::newRow("blosclz none 33x20, a chunk missing") << "blosclz" << 0 << 33 << 20 << "0/1";
    QTest::newRow("zlib byte 37x1") << "zlib" << 1 << 37 << 1 << "";
    QTest::newRow("no compressor 7x33, a chunk missing") << "none" << 0 << 7 << 33 << "2/0";
}

void TestZarrArray::weReadWhatZarrPythonWrites() {
    QFETCH(QString, cname);
    QFETCH(int, shuffle);
    QFETCH(int, chunkRows);
    QFETCH(int, chunkCols);
    QFETCH(QString, drop);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString store = dir.filePath(QStringLiteral("py.zarr"));
    QStringList args{QStringLiteral("write"),
                     store,
                     cname,
                     QString::number(shuffle),
                     QString::number(chunkRows),
                     QString::number(chunkCols)};
    if (!drop.isEmpty())
        args << QStringLiteral("--drop") << drop;
    const ProcessRun r = runReference(args);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    zarr::ArrayMetadata meta;
    const std::vector<float> got = readArray(store, QStringLiteral("a"), meta);
    QCOMPARE(got.size(), std::size_t(kRows * kCols));
    QCOMPARE(meta.dimensionSeparator, QStringLiteral("/"));
    QCOMPARE(meta.dtype, QStringLiteral("<f4"));
    qint64 dropRow = -1, dropCol = -1;
    if (!drop.isEmpty()) {
        dropRow = drop.section(QLatin1Char('/'), 0, 0).toLongLong();
        dropCol = drop.section(QLatin1Char('/'), 1, 1).toLongLong();
    }
    for (qint64 i = 0; i < kRows; ++i)
        for (qint64 j = 0; j < kCols; ++j) {
            const float v = got[std::size_t(i * kCols + j)];
            if (i / chunkRows == dropRow && j / chunkCols == dropCol) {
                QVERIFY2(std::isnan(v), "a missing chunk reads as the fill value");
                continue;
            }
            const float want = float((i * kCols + j) * 0.25 - 100);
            if (v != want)
                QFAIL(qPrintable(
                    QStringLiteral("a[%1, %2] = %3, expected %4").arg(i).arg(j).arg(v).arg(want)));
        }
}

void TestZarrArray::refusals() {
    const QString where = QStringLiteral("store.zarr/amplitude");
    const json good = {{"zarr_format", 2}, {"shape", {4, 5}},       {"chunks", {2, 5}},
                       {"dtype", "<f4"},   {"compressor", nullptr}, {"fill_value", "NaN"},
                       {"order", "C"},     {"filters", nullptr}};
    QCOMPARE(zarr::ArrayMetadata::fromZarray(good, where).chunkCount(0), qint64(2));
    auto refused = [&](json z, const char* expected) {
        const QString m =
            messageOf<FormatError>([&] { zarr::ArrayMetadata::fromZarray(z, where); });
        QVERIFY2(m.startsWith(where + QLatin1String(": .zarray: ")) &&
                     m.contains(QLatin1String(expected)),
                 qPrintable(m));
    };
    json z = good;
    z["order"] = "F";
    refused(z, "F order");
    z = good;
    z["filters"] = json::array({{{"id", "delta"}}});
    refused(z, "filters");
    z = good;
    z["dtype"] = "|O";
    refused(z, "dtype \"|O\"");
    z = good;
    z["zarr_format"] = 3;
    refused(z, "zarr_format 3");
    z = good;
    z["chunks"] = {2};
    refused(z, "ranks 2 and 1");
    z = good;
    z.erase("shape");
    refused(z, "malformed");

    QString m = messageOf<FormatError>([&] { zarr::codecFromJson({{"id", "lzma"}}, where); });
    QVERIFY2(m.contains(QLatin1String("\"lzma\" is not supported")) && m.startsWith(where),
             qPrintable(m));
    m = messageOf<FormatError>([&] {
        zarr::codecFromJson({{"id", "blosc"}, {"cname", "snappy2"}}, where);
    });
    QVERIFY2(m.contains(QLatin1String("snappy2")), qPrintable(m));
    QVERIFY(zarr::codecFromJson(nullptr, where) == nullptr);

    // A corrupt chunk names the chunk.
    const zarr::BloscCodec codec(QStringLiteral("zstd"), 3, zarr::Shuffle::Bit);
    std::vector<float> v(100, 1.5f);
    QByteArray enc = codec.encode(reinterpret_cast<const std::byte*>(v.data()), 400, 4);
    std::vector<float> back(100);
    codec.decode(enc, reinterpret_cast<std::byte*>(back.data()), 400, where);
    QVERIFY(back == v);
    const QString chunk = where + QStringLiteral("/0/0");
    m = messageOf<FormatError>(
        [&] { codec.decode(enc.left(10), reinterpret_cast<std::byte*>(back.data()), 400, chunk); });
    QVERIFY2(m.startsWith(chunk + QLatin1String(": ")), qPrintable(m));
    m = messageOf<FormatError>(
        [&] { codec.decode(enc, reinterpret_cast<std::byte*>(back.data()), 396, chunk); });
    QVERIFY2(m.contains(QLatin1String("expected 396")), qPrintable(m));
    QByteArray flipped = enc;
    flipped[enc.size() - 3] = char(flipped[enc.size() - 3] ^ 0x5a);
    bool threwOrDiffered = false;
    try {
        codec.decode(flipped, reinterpret_cast<std::byte*>(back.data()), 400, chunk);
        threwOrDiffered = back != v;
    } catch (const FormatError& e) {
        threwOrDiffered = QString::fromUtf8(e.what()).startsWith(chunk);
    }
    QVERIFY(threwOrDiffered);
}

QTEST_GUILESS_MAIN(TestZarrArray)
#include "tst_zarrarray.moc"
