// ZarrSource reads stores that zarr-python 2.13 (Debian's) writes in seisview's layout, and refuses
// those it cannot read with errors naming the store and the key or chunk. The stores and the
// values zarr-python reads back from them come from tests/zarr/zarr_interop.py (see there for the
// cases: odd chunk shapes, every codec, both separators, missing chunks, consolidated metadata or
// none); every readable store is compared with numpy's values bit for bit, whole and in random
// windows.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/zarr/zarrsource.h"

#include "processrun.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace seis;
using namespace seis::testsupport;
using nlohmann::json;

namespace {

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

std::vector<float> floatsOf(const QByteArray& bytes) {
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float));
    return v;
}

std::vector<float> window(const TraceSource& s, TraceRange t, SampleRange r) {
    std::vector<float> out(std::size_t(t.count() * r.count()));
    s.readWindow(t, r, out.data());
    return out;
}

// The first element of `got` whose bits differ from `want[t0.., s0..]` (rows of `ns`), as text;
// empty when all agree.
QString firstDifference(const std::vector<float>& got, const std::vector<float>& want, qint64 ns,
                        TraceRange t, SampleRange s) {
    const qint64 width = s.count();
    for (qint64 i = 0; i < t.count(); ++i)
        for (qint64 j = 0; j < width; ++j) {
            const auto g = std::bit_cast<quint32>(got[std::size_t(i * width + j)]);
            const auto w =
                std::bit_cast<quint32>(want[std::size_t((t.begin + i) * ns + s.begin + j)]);
            if (g != w)
                return QStringLiteral("[%1, %2] is 0x%3; numpy reads 0x%4")
                    .arg(t.begin + i)
                    .arg(s.begin + j)
                    .arg(g, 8, 16, QLatin1Char('0'))
                    .arg(w, 8, 16, QLatin1Char('0'));
        }
    return {};
}

} // namespace

class TestZarrInterop : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void readsStoresOfZarrPython_data();
    void readsStoresOfZarrPython();
    void refusesWhatItCannotRead_data();
    void refusesWhatItCannotRead();
    void corruptChunkNamesItself_data();
    void corruptChunkNamesItself();

private:
    QTemporaryDir m_dir;
    json m_manifest;
    QString store(const json& c) const {
        return m_dir.filePath(QString::fromStdString(c["name"].get<std::string>()) +
                              QStringLiteral(".zarr"));
    }
    QString file(const json& c, const char* suffix) const {
        return m_dir.filePath(QString::fromStdString(c["name"].get<std::string>()) +
                              QLatin1String(suffix));
    }
    void addRows(const std::function<bool(const json&)>& pick);
    void readStore();
};

void TestZarrInterop::initTestCase() {
    QVERIFY(m_dir.isValid());
    const ProcessRun r =
        runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                   {QStringLiteral(SEIS_TESTS_DIR "/zarr/zarr_interop.py"), m_dir.path()});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    m_manifest = json::parse(readBytes(m_dir.filePath(QStringLiteral("manifest.json"))));
    QVERIFY(m_manifest.is_array() && m_manifest.size() > 40);
}

void TestZarrInterop::addRows(const std::function<bool(const json&)>& pick) {
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_manifest.size(); ++i)
        if (pick(m_manifest[i]))
            QTest::newRow(m_manifest[i]["name"].get<std::string>().c_str()) << int(i);
}

void TestZarrInterop::readsStoresOfZarrPython_data() {
    addRows([](const json& c) { return c["kind"] == "read" && !c.contains("chunk"); });
}

void TestZarrInterop::readsStoresOfZarrPython() {
    // An exception fails this store only (Qt Test would skip the remaining rows).
    try {
        readStore();
    } catch (const std::exception& e) {
        QFAIL(e.what());
    }
}

void TestZarrInterop::readStore() {
    QFETCH(int, index);
    const json& c = m_manifest[std::size_t(index)];
    const QString path = store(c);
    const qint64 nt = c["traces"], ns = c["samples"];
    const qint64 ct = c["chunks"][0], cs = c["chunks"][1];
    const QString sep = QString::fromStdString(c["separator"].get<std::string>());
    // The store is what the case says (so that the comparisons below can fail for its reason).
    QCOMPARE(QFile::exists(path + QStringLiteral("/.zmetadata")), c["consolidated"].get<bool>());
    bool firstDropped = false;
    for (const auto& d : c["dropped"]) {
        const QString key =
            QStringLiteral("%1%2%3").arg(d[0].get<int>()).arg(sep).arg(d[1].get<int>());
        QVERIFY2(!QFile::exists(path + QStringLiteral("/amplitude/") + key), qPrintable(key));
        firstDropped = firstDropped || (d[0] == 0 && d[1] == 0);
    }
    if (!firstDropped) // chunk 0, 0 is where the separator says
        QVERIFY(QFile::exists(path + QStringLiteral("/amplitude/0") + sep + QStringLiteral("0")));

    const zarr::ZarrSource z(path);
    QCOMPARE(z.traceCount(), nt);
    QCOMPARE(z.sampleCount(), ns);
    QCOMPARE(z.sampleIntervalUs(), c["interval_us"].get<double>());
    const json& comp = c["compressor"];
    const QString desc = z.formatDescription();
    QVERIFY2(desc.contains(QStringLiteral("chunks %1 x %2").arg(ct).arg(cs)), qPrintable(desc));
    QVERIFY2(desc.contains(comp.is_null() ? QStringLiteral("uncompressed")
                                          : QString::fromStdString(comp["id"].get<std::string>())),
             qPrintable(desc));

    const std::vector<float> want = floatsOf(readBytes(file(c, ".f32")));
    QCOMPARE(qint64(want.size()), nt * ns);
    // Missing chunks read as the fill value in numpy too; the case really has them.
    for (const auto& d : c["dropped"]) {
        const qint64 t = d[0].get<qint64>() * ct, s = d[1].get<qint64>() * cs;
        const float v = want[std::size_t(t * ns + s)];
        if (c["fill"] == "NaN")
            QVERIFY(std::isnan(v));
        else
            QCOMPARE(v, std::stof(c["fill"].get<std::string>()));
    }
    QString diff = firstDifference(window(z, {0, nt}, {0, ns}), want, ns, {0, nt}, {0, ns});
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QRandomGenerator rng(uint(index) + 1);
    for (int i = 0; i < 40; ++i) {
        const qint64 t0 = rng.bounded(nt), t1 = t0 + 1 + rng.bounded(nt - t0);
        const qint64 s0 = rng.bounded(ns), s1 = s0 + 1 + rng.bounded(ns - s0);
        diff = firstDifference(window(z, {t0, t1}, {s0, s1}), want, ns, {t0, t1}, {s0, s1});
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("window %1:%2 x %3:%4: %5")
                                                .arg(t0)
                                                .arg(t1)
                                                .arg(s0)
                                                .arg(s1)
                                                .arg(diff)));
    }

    std::vector<std::byte> headers(std::size_t(nt * 240));
    z.readTraceHeaders({0, nt}, headers.data());
    if (c["headers"].get<bool>()) {
        const QByteArray h = readBytes(file(c, ".u1"));
        QCOMPARE(qint64(h.size()), nt * 240);
        QVERIFY(std::memcmp(headers.data(), h.constData(), headers.size()) == 0);
        // tracl (bytes 1-4, big-endian) is the trace index in the script.
        const HeaderField tracl = parseHeaderField(QStringLiteral("tracl"));
        std::vector<qint64> col(static_cast<std::size_t>(nt));
        qint64* out[] = {col.data()};
        z.readHeaderColumns({&tracl, 1}, {0, nt}, out);
        for (qint64 t = 0; t < nt; ++t)
            QCOMPARE(col[std::size_t(t)], t);
    } else {
        QVERIFY(std::all_of(headers.begin(), headers.end(),
                            [](std::byte b) { return b == std::byte{0}; }));
    }
}

void TestZarrInterop::refusesWhatItCannotRead_data() {
    addRows([](const json& c) { return c["kind"] == "open"; });
}

void TestZarrInterop::refusesWhatItCannotRead() {
    QFETCH(int, index);
    const json& c = m_manifest[std::size_t(index)];
    const QString path = store(c);
    const QString m = messageOf<FormatError>([&] { zarr::ZarrSource z(path); });
    QVERIFY2(m.startsWith(path + QLatin1Char('/')) || m.startsWith(path + QLatin1Char(':')),
             qPrintable(m));
    for (const auto& s : c["contains"])
        QVERIFY2(m.contains(QString::fromStdString(s.get<std::string>())),
                 qPrintable(QStringLiteral("'%1' not in: %2")
                                .arg(QString::fromStdString(s.get<std::string>()), m)));
}

void TestZarrInterop::corruptChunkNamesItself_data() {
    addRows([](const json& c) { return c["kind"] == "read" && c.contains("chunk"); });
}

void TestZarrInterop::corruptChunkNamesItself() {
    QFETCH(int, index);
    const json& c = m_manifest[std::size_t(index)];
    const QString path = store(c);
    const qint64 nt = c["traces"], ns = c["samples"];
    const qint64 ct = c["chunks"][0], cs = c["chunks"][1];
    const QString chunk = path + QStringLiteral("/amplitude/") +
                          QString::fromStdString(c["chunk"].get<std::string>());
    QVERIFY(QFile::exists(chunk));
    const zarr::ZarrSource z(path); // metadata only: opens
    // The chunk is 2, 3: traces [2 ct, 3 ct), samples [3 cs, 4 cs).
    const TraceRange t{2 * ct, 3 * ct};
    const SampleRange s{3 * cs, 4 * cs};
    QString m = messageOf<FormatError>([&] { window(z, {0, nt}, {0, ns}); });
    QVERIFY2(m.startsWith(chunk + QLatin1String(": ")), qPrintable(m));
    m = messageOf<FormatError>([&] { window(z, {t.end - 1, t.end}, {s.begin, s.begin + 1}); });
    QVERIFY2(m.startsWith(chunk + QLatin1String(": ")), qPrintable(m));
    // Everything around it still reads, equal to the values before the damage.
    const std::vector<float> want = floatsOf(readBytes(file(c, ".f32")));
    QCOMPARE(qint64(want.size()), nt * ns);
    const std::pair<TraceRange, SampleRange> around[] = {{{0, t.begin}, {0, ns}},
                                                         {{t.end, nt}, {0, ns}},
                                                         {{0, nt}, {0, s.begin}},
                                                         {{0, nt}, {s.end, ns}}};
    for (const auto& [tr, sr] : around) {
        const QString diff = firstDifference(window(z, tr, sr), want, ns, tr, sr);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
}

QTEST_GUILESS_MAIN(TestZarrInterop)
#include "tst_zarrinterop.moc"
