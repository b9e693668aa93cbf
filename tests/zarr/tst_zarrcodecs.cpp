// The chunk codecs (core/zarr: Blosc with each inner compressor and shuffle, zlib, gzip, zstd):
// they round-trip any bytes, numcodecs 0.11 (the codecs of zarr-python, tests/zarr/
// codec_reference.py) decodes what they encode and they decode what numcodecs encodes, bit for
// bit; codecFromJson reads numcodecs' objects and refuses bad ones naming the array; zstd reads
// frames without the content size and several frames, gzip several members; corrupt, truncated or
// wrongly sized chunks give a FormatError naming the chunk; many threads at once agree.
#include "seis/base/error.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/codec.h"
#include "seis/zarr/zlibcodec.h"
#include "seis/zarr/zstdcodec.h"

#include "processrun.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>
#include <zstd.h>

using namespace seis;
using namespace seis::testsupport;
using nlohmann::json;

namespace {

const QString kChunk = QStringLiteral("store.zarr/amplitude/3/4");

// `n` float32 values as a seismic trace is: smooth (so that every codec compresses), with noise
// in some stretches and the values a codec must keep bit for bit.
QByteArray samples(std::size_t n, quint32 seed) {
    QRandomGenerator rng(seed);
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        v[i] = float(std::round(1000 * std::sin(0.05 * double(i))) / 8);
        if ((i / 64) % 5 == 2)
            v[i] = float(rng.generateDouble() * 2000 - 1000);
    }
    const float specials[] = {-0.0f, std::numeric_limits<float>::denorm_min(),
                              std::numeric_limits<float>::infinity(),
                              std::numeric_limits<float>::quiet_NaN()};
    for (std::size_t k = 0; k < std::size(specials) && k < n; ++k)
        v[k * 7 % n] = specials[k];
    return QByteArray(reinterpret_cast<const char*>(v.data()), qsizetype(n * sizeof(float)));
}

QByteArray decoded(const zarr::Codec& c, const QByteArray& in, std::size_t size) {
    QByteArray out(qsizetype(size), '\xee');
    c.decode(in, reinterpret_cast<std::byte*>(out.data()), size, kChunk);
    return out;
}

QByteArray encoded(const zarr::Codec& c, const QByteArray& data, std::size_t typeSize = 4) {
    return c.encode(reinterpret_cast<const std::byte*>(data.constData()), std::size_t(data.size()),
                    typeSize);
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool writeBytes(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size() && f.flush();
}

// The codecs under test, as .zarray's "compressor" objects (numcodecs' spelling).
std::vector<json> codecConfigs() {
    std::vector<json> v;
    for (const char* cname : {"lz4", "lz4hc", "zstd", "blosclz", "zlib"})
        for (int shuffle : {-1, 0, 1, 2})
            v.push_back({{"id", "blosc"},
                         {"cname", cname},
                         {"clevel", 5},
                         {"shuffle", shuffle},
                         {"blocksize", 0}});
    v.push_back(
        {{"id", "blosc"}, {"cname", "lz4"}, {"clevel", 9}, {"shuffle", 1}, {"blocksize", 4096}});
    v.push_back(
        {{"id", "blosc"}, {"cname", "zstd"}, {"clevel", 0}, {"shuffle", 2}, {"blocksize", 0}});
    for (int level : {-1, 0, 1, 6, 9})
        v.push_back({{"id", "zlib"}, {"level", level}});
    for (int level : {0, 1, 9})
        v.push_back({{"id", "gzip"}, {"level", level}});
    for (int level : {-5, 1, 3, 19, 22})
        v.push_back({{"id", "zstd"}, {"level", level}});
    return v;
}

} // namespace

class TestZarrCodecs : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void numcodecsBothWays();
    void configs();
    void zstdFramesWithoutSizeAndSeveral();
    void gzipSeveralMembers();
    void corruptChunksNameTheChunk_data();
    void corruptChunksNameTheChunk();
    void threads();
};

void TestZarrCodecs::roundTrip_data() {
    QTest::addColumn<QByteArray>("config");
    for (const json& c : codecConfigs())
        QTest::newRow(c.dump().c_str()) << QByteArray::fromStdString(c.dump());
}

void TestZarrCodecs::roundTrip() {
    QFETCH(QByteArray, config);
    const json j = json::parse(config.toStdString());
    const auto codec = zarr::codecFromJson(j, kChunk);
    QVERIFY(codec);
    QVERIFY2(codec->toJson() == j, codec->toJson().dump().c_str()); // written back as read
    for (std::size_t n :
         {std::size_t(1), std::size_t(13), std::size_t(1000), std::size_t(300000)}) {
        const QByteArray data = samples(n, quint32(n));
        const QByteArray enc = encoded(*codec, data);
        QVERIFY2(decoded(*codec, enc, std::size_t(data.size())) == data,
                 qPrintable(QStringLiteral("%1 floats").arg(n)));
        if (n == 300000 && j.value("level", j.value("clevel", 1)) != 0) // it compresses
            QVERIFY2(enc.size() < data.size() * 9 / 10, qPrintable(QString::number(enc.size())));
    }
    // Bytes (raw_headers): element size 1.
    QByteArray bytes(240 * 33, Qt::Uninitialized);
    for (qsizetype i = 0; i < bytes.size(); ++i)
        bytes[i] = char((i % 240) < 40 ? i / 240 : (i * 31) % 7);
    QCOMPARE(decoded(*codec, encoded(*codec, bytes, 1), std::size_t(bytes.size())), bytes);
}

void TestZarrCodecs::numcodecsBothWays() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const std::vector<json> configs = codecConfigs();
    const QByteArray data = samples(50000, 9);
    QVERIFY(writeBytes(dir.filePath(QStringLiteral("input.bin")), data));
    QVERIFY(writeBytes(dir.filePath(QStringLiteral("codecs.json")),
                       QByteArray::fromStdString(json(configs).dump())));
    for (std::size_t k = 0; k < configs.size(); ++k)
        QVERIFY(writeBytes(dir.filePath(QStringLiteral("%1.enc").arg(k)),
                           encoded(*zarr::codecFromJson(configs[k], kChunk), data)));
    const ProcessRun r =
        runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                   {QStringLiteral(SEIS_TESTS_DIR "/zarr/codec_reference.py"), dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    for (std::size_t k = 0; k < configs.size(); ++k) {
        const QString what = QString::fromStdString(configs[k].dump());
        QVERIFY2(readBytes(dir.filePath(QStringLiteral("%1.dec").arg(k))) == data,
                 qPrintable(what + QStringLiteral(": numcodecs decodes ours to other bytes")));
        const QByteArray theirs = readBytes(dir.filePath(QStringLiteral("%1.py").arg(k)));
        QVERIFY2(decoded(*zarr::codecFromJson(configs[k], kChunk), theirs,
                         std::size_t(data.size())) == data,
                 qPrintable(what + QStringLiteral(": we decode numcodecs' to other bytes")));
    }
}

void TestZarrCodecs::configs() {
    const QString where = QStringLiteral("store.zarr/amplitude");
    auto refused = [&](const json& c, const char* expected) {
        const QString m = messageOf<FormatError>([&] { zarr::codecFromJson(c, where); });
        QVERIFY2(m.startsWith(where + QLatin1String(": ")) && m.contains(QLatin1String(expected)),
                 qPrintable(m));
    };
    refused({{"id", "zlib"}, {"level", 10}}, "level 10");
    refused({{"id", "gzip"}, {"level", -2}}, "level -2");
    refused({{"id", "zstd"}, {"level", 23}}, "level 23");
    refused({{"id", "zstd"}, {"level", "3"}}, "zstd compressor");
    refused({{"id", "blosc"}, {"cname", "lz4"}, {"shuffle", 3}}, "shuffle 3");
    refused({{"id", "blosc"}, {"cname", "lz5"}}, "lz5");
    refused({{"id", "lzma"}}, "\"lzma\" is not supported");
    refused({{"id", "bz2"}, {"level", 1}}, "\"bz2\" is not supported");
    refused({{"level", 1}}, "\"id\"");
    refused(json::array(), "compressor []");
    QVERIFY(zarr::codecFromJson(nullptr, where) == nullptr);
    // numcodecs' defaults when a key is absent: level 1.
    QVERIFY(zarr::codecFromJson({{"id", "zstd"}}, where)->toJson() ==
            json({{"id", "zstd"}, {"level", 1}}));
    QVERIFY(zarr::codecFromJson({{"id", "gzip"}}, where)->toJson() ==
            json({{"id", "gzip"}, {"level", 1}}));
    QVERIFY(zarr::codecFromJson({{"id", "zlib"}}, where)->toJson() ==
            json({{"id", "zlib"}, {"level", 1}}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, zarr::ZlibCodec(11));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, zarr::ZstdCodec(ZSTD_maxCLevel() + 1));
}

void TestZarrCodecs::zstdFramesWithoutSizeAndSeveral() {
    const QByteArray data = samples(20000, 4);
    const zarr::ZstdCodec codec(3);
    // A frame whose header does not say its size (a streaming writer's, as some numcodecs
    // versions write them), made with libzstd's own streaming API.
    auto streamed = [](const QByteArray& bytes, bool sizeFlag) {
        ZSTD_CCtx* c = ZSTD_createCCtx();
        ZSTD_CCtx_setParameter(c, ZSTD_c_compressionLevel, 3);
        ZSTD_CCtx_setParameter(c, ZSTD_c_contentSizeFlag, sizeFlag ? 1 : 0);
        ZSTD_CCtx_setParameter(c, ZSTD_c_checksumFlag, 1);
        QByteArray out(qsizetype(ZSTD_compressBound(std::size_t(bytes.size()))), '\0');
        ZSTD_inBuffer in{bytes.constData(), std::size_t(bytes.size()), 0};
        ZSTD_outBuffer o{out.data(), std::size_t(out.size()), 0};
        // No pledged size: the frame header has none.
        while (ZSTD_compressStream2(c, &o, &in, ZSTD_e_end) != 0) {
        }
        ZSTD_freeCCtx(c);
        out.truncate(qsizetype(o.pos));
        return out;
    };
    const QByteArray noSize = streamed(data, false);
    QCOMPARE(ZSTD_getFrameContentSize(noSize.constData(), std::size_t(noSize.size())),
             ZSTD_CONTENTSIZE_UNKNOWN);
    QCOMPARE(decoded(codec, noSize, std::size_t(data.size())), data);
    // Several frames, with and without sizes.
    const QByteArray half1 = data.left(data.size() / 2), half2 = data.mid(data.size() / 2);
    QCOMPARE(
        decoded(codec, encoded(codec, half1) + encoded(codec, half2), std::size_t(data.size())),
        data);
    QCOMPARE(
        decoded(codec, streamed(half1, false) + encoded(codec, half2), std::size_t(data.size())),
        data);
    // Too little or too much in a frame without its size; a truncated one (its checksum lost).
    QString m =
        messageOf<FormatError>([&] { decoded(codec, noSize, std::size_t(data.size()) - 4); });
    QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")) && m.contains(QLatin1String("more than")),
             qPrintable(m));
    m = messageOf<FormatError>([&] { decoded(codec, noSize, std::size_t(data.size()) + 4); });
    QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")) && m.contains(QLatin1String("expected")),
             qPrintable(m));
    m = messageOf<FormatError>(
        [&] { decoded(codec, noSize.left(noSize.size() - 1), std::size_t(data.size())); });
    QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")), qPrintable(m));
    m = messageOf<FormatError>(
        [&] { decoded(codec, encoded(codec, half1) + half2.left(10), std::size_t(data.size())); });
    QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")), qPrintable(m));
}

void TestZarrCodecs::gzipSeveralMembers() {
    const QByteArray data = samples(5000, 5);
    const zarr::ZlibCodec gzip(6, zarr::ZlibCodec::Wrapper::Gzip);
    const QByteArray two = encoded(gzip, data.left(1000)) + encoded(gzip, data.mid(1000));
    QCOMPARE(decoded(gzip, two, std::size_t(data.size())), data);
    // zlib has one stream: what follows it is corrupt.
    const zarr::ZlibCodec zlib(6);
    const QString m = messageOf<FormatError>([&] {
        decoded(zlib, encoded(zlib, data.left(1000)) + encoded(zlib, data.mid(1000)),
                std::size_t(data.size()));
    });
    QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")), qPrintable(m));
}

void TestZarrCodecs::corruptChunksNameTheChunk_data() {
    QTest::addColumn<QByteArray>("config");
    QTest::addColumn<bool>("checksummed"); // any changed byte is detected
    for (const char* c :
         {R"({"id": "blosc", "cname": "lz4", "clevel": 5, "shuffle": 1, "blocksize": 0})",
          R"({"id": "blosc", "cname": "zstd", "clevel": 5, "shuffle": 2, "blocksize": 0})",
          R"({"id": "blosc", "cname": "zlib", "clevel": 5, "shuffle": 0, "blocksize": 0})",
          R"({"id": "zstd", "level": 3})"})
        QTest::newRow(c) << QByteArray(c) << false;
    for (const char* c : {R"({"id": "zlib", "level": 5})", R"({"id": "gzip", "level": 5})"})
        QTest::newRow(c) << QByteArray(c) << true;
}

void TestZarrCodecs::corruptChunksNameTheChunk() {
    QFETCH(QByteArray, config);
    QFETCH(bool, checksummed);
    const auto codec = zarr::codecFromJson(json::parse(config.toStdString()), kChunk);
    const QByteArray data = samples(4096, 6);
    const std::size_t size = std::size_t(data.size());
    const QByteArray enc = encoded(*codec, data);
    auto namesChunk = [&](const QByteArray& in, std::size_t outSize, const char* what) {
        const QString m = messageOf<FormatError>([&] { decoded(*codec, in, outSize); });
        QVERIFY2(m.startsWith(kChunk + QLatin1String(": ")),
                 qPrintable(QLatin1String(what) + QLatin1String(": ") + m));
    };
    namesChunk(QByteArray(), size, "empty");
    namesChunk(enc.left(8), size, "8 bytes");
    namesChunk(enc.left(enc.size() / 2), size, "half");
    namesChunk(enc.left(enc.size() - 1), size, "one byte short");
    namesChunk(enc, size - 4, "larger than the chunk");
    namesChunk(enc, size + 4, "smaller than the chunk");
    QRandomGenerator rng(8);
    QByteArray garbage(enc.size(), Qt::Uninitialized);
    for (char& b : garbage)
        b = char(rng.bounded(256));
    namesChunk(garbage, size, "random bytes");
    namesChunk(QByteArray(enc.size(), '\0'), size, "zeros");
    // A changed byte in the body: detected where the format has a checksum; elsewhere (Blosc,
    // numcodecs' zstd without a checksum) an error naming the chunk or other values, never a
    // crash (the sanitizer builds check that).
    for (qsizetype at : {enc.size() / 3, enc.size() / 2, enc.size() - 5}) {
        QByteArray flipped = enc;
        flipped[at] = char(flipped[at] ^ 0x21);
        if (checksummed) {
            namesChunk(flipped, size, "a changed byte");
        } else {
            try {
                QVERIFY(decoded(*codec, flipped, size) != data);
            } catch (const FormatError& e) {
                QVERIFY2(QString::fromUtf8(e.what()).startsWith(kChunk + QLatin1String(": ")),
                         e.what());
            }
        }
    }
}

void TestZarrCodecs::threads() {
    // Every codec from 8 threads at once, each with its own data: no shared state between calls.
    std::vector<std::unique_ptr<zarr::Codec>> codecs;
    for (const json& c : codecConfigs())
        codecs.push_back(zarr::codecFromJson(c, kChunk));
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (quint32 t = 0; t < 8; ++t)
        threads.emplace_back([&, t] {
            try {
                for (int round = 0; round < 3; ++round)
                    for (const auto& codec : codecs) {
                        const QByteArray data = samples(3000 + t * 100, t * 31 + quint32(round));
                        if (decoded(*codec, encoded(*codec, data), std::size_t(data.size())) !=
                            data)
                            ++failures;
                    }
            } catch (...) {
                ++failures;
            }
        });
    for (auto& th : threads)
        th.join();
    QCOMPARE(failures.load(), 0);
}

QTEST_GUILESS_MAIN(TestZarrCodecs)
#include "tst_zarrcodecs.moc"
