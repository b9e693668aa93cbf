// SegyFile against an independent reader (libsegyio's C API) and against independently computed
// values: every sample, every standard trace header field, the binary header, the textual headers,
// byte-order detection and its override, odd shapes and out-of-bounds requests.
//
// The files and their manifest are written by tests/data/make_test_files.py into SEIS_TEST_DATA.
#include "segyiofile.h"
#include "segyioreference.h"

#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/segy/binaryheader.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSet>
#include <QtTest>

#include <segyio/segy.h>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace seis;
using seis::test::asType;

namespace {

QString dataDir() {
    return QString::fromLocal8Bit(qgetenv("SEIS_TEST_DATA"));
}

QString dataPath(const QString& name) {
    return QDir(dataDir()).filePath(name);
}

ByteOrder orderOf(const QJsonObject& e) {
    return e.value(QStringLiteral("endian")).toString() == QLatin1String("little")
               ? ByteOrder::Little
               : ByteOrder::Big;
}

SegyOpenOptions openOptionsFor(const QJsonObject& e) {
    SegyOpenOptions o;
    const QString order = e.value(QStringLiteral("open_order")).toString();
    if (order == QLatin1String("little"))
        o.byteOrder = ByteOrder::Little;
    else if (order == QLatin1String("big"))
        o.byteOrder = ByteOrder::Big;
    return o;
}

// Bitwise equality, except that any NaN equals any NaN.
bool sameFloat(float a, float b) {
    if (std::isnan(a) && std::isnan(b))
        return true;
    return std::bit_cast<quint32>(a) == std::bit_cast<quint32>(b);
}

QString describe(float v) {
    return QStringLiteral("%1 (0x%2)")
        .arg(double(v), 0, 'g', 9)
        .arg(std::bit_cast<quint32>(v), 8, 16, QLatin1Char('0'));
}

// Compares two trace-major arrays; returns an empty string or a description of the mismatches.
QString compareSamples(const std::vector<float>& got, const std::vector<float>& want,
                       qint64 samples) {
    if (got.size() != want.size())
        return QStringLiteral("size %1 != %2").arg(got.size()).arg(want.size());
    qint64 bad = 0;
    QString first;
    for (std::size_t i = 0; i < got.size(); ++i) {
        if (sameFloat(got[i], want[i]))
            continue;
        if (bad++ == 0)
            first = QStringLiteral("trace %1 sample %2: got %3, expected %4")
                        .arg(qint64(i) / samples)
                        .arg(qint64(i) % samples)
                        .arg(describe(got[i]), describe(want[i]));
    }
    return bad == 0 ? QString() : QStringLiteral("%1 mismatches; first: %2").arg(bad).arg(first);
}

// Opens a SegyFile as `var`, failing the test with the reader's message rather than letting the
// exception end the run.
#define OPEN_OR_FAIL(var, ...)                                                                     \
    std::unique_ptr<SegyFile> var##Owner;                                                          \
    try {                                                                                          \
        var##Owner = std::make_unique<SegyFile>(__VA_ARGS__);                                      \
    } catch (const std::exception& e) {                                                            \
        QFAIL(e.what());                                                                           \
    }                                                                                              \
    const SegyFile& var = *var##Owner

std::vector<float> readAll(const SegyFile& f) {
    std::vector<float> v(static_cast<std::size_t>(f.traceCount() * f.sampleCount()));
    f.readWindow({0, f.traceCount()}, {0, f.sampleCount()}, v.data());
    return v;
}

std::vector<float> readSidecar(const QString& name) {
    QFile file(dataPath(name));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    std::vector<float> v(std::size_t(bytes.size()) / 4);
    for (std::size_t i = 0; i < v.size(); ++i) {
        quint32 u;
        std::memcpy(&u, bytes.constData() + 4 * i, 4);
        u = qFromLittleEndian(u);
        v[i] = std::bit_cast<float>(u);
    }
    return v;
}

QString joinLines(const char* text, std::size_t size) {
    QString s;
    for (std::size_t i = 0; i < size; ++i) {
        if (i > 0 && i % 80 == 0)
            s += QLatin1Char('\n');
        s += QLatin1Char(text[i]);
    }
    return s;
}

// segyio converts EBCDIC with its own table, which agrees with code page 037 on these only.
bool segyioSafeText(const QString& text) {
    for (QChar c : text)
        if (!(c.isDigit() || (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
              QStringLiteral(" \n.,:/()=+-*").contains(c)))
            return false;
    return true;
}

// The number of bytes segyio's segy_get_field reads at a 1-based trace header position, found by
// probing (segyio 1.8.3 has no API for it); 0 if segyio does not know the position.
int segyioTraceFieldSize(int pos) {
    char h[SEGY_TRACE_HEADER_SIZE] = {};
    h[pos - 1] = 1;
    int32_t v = 0;
    if (segy_get_field(h, pos, &v) != SEGY_OK)
        return 0;
    return v == (1 << 24) ? 4 : v == (1 << 8) ? 2 : -1;
}

int segyioBinFieldSize(int pos) {
    char h[SEGY_BINARY_HEADER_SIZE] = {};
    h[pos - 3201] = 1;
    int32_t v = 0;
    if (segy_get_bfield(h, pos, &v) != SEGY_OK)
        return 0;
    return v == (1 << 24) ? 4 : v == (1 << 8) ? 2 : -1;
}

// The types the fields are to be read as: SEG-Y rev 2.1 sizes, with the sample count and interval
// (and, in the binary header, the other counts and intervals) unsigned as this library documents.
// Written out here so that the comparison with segyio does not borrow the reader's own tables.
FieldType expectedTraceType(int pos) {
    static const QSet<int> fourBytes{1,   5,   9,   13,  17,  21,  25,  37,  41, 45,
                                     49,  53,  57,  61,  65,  73,  77,  81,  85, 181,
                                     185, 189, 193, 197, 205, 219, 225, 233, 237};
    if (fourBytes.contains(pos))
        return FieldType::I4;
    return pos == 115 || pos == 117 ? FieldType::U2 : FieldType::I2;
}

FieldType expectedBinaryType(int pos) {
    if (pos == 3201 || pos == 3205 || pos == 3209)
        return FieldType::I4;
    static const QSet<int> unsignedTwoBytes{3213, 3215, 3217, 3219, 3221, 3223, 3227,
                                            3233, 3235, 3237, 3241, 3243, 3245, 3501};
    return unsignedTwoBytes.contains(pos) ? FieldType::U2 : FieldType::I2;
}

std::vector<HeaderField> standardFields() {
    std::vector<HeaderField> fields;
    for (const auto& f : standardTraceFields())
        fields.push_back(HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type});
    return fields;
}

// All standard header columns for traces [0, n), column-major: cols[k][t].
std::vector<std::vector<qint64>>
readColumns(const SegyFile& f, const std::vector<HeaderField>& fields, TraceRange range) {
    std::vector<std::vector<qint64>> cols(fields.size(),
                                          std::vector<qint64>(std::size_t(range.count()), -7));
    std::vector<qint64*> out;
    for (auto& c : cols)
        out.push_back(c.data());
    f.readHeaderColumns(fields, range, out);
    return cols;
}

} // namespace

class TestSegyFile : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void againstSegyio_data() {
        addRows([](const QJsonObject& e) { return isSegyio(e); });
    }
    void againstSegyio();
    void againstSidecar_data() {
        addRows([](const QJsonObject& e) { return e.value(QLatin1String("expected")).isString(); });
    }
    void againstSidecar();
    void properties_data() {
        addRows([](const QJsonObject&) { return true; });
    }
    void properties();
    void windows_data() {
        addRows([](const QJsonObject&) { return true; });
    }
    void windows();

    void partialTrace();
    void largeSampleCount();
    void extendedHeaders();
    void textEncodings();
    void byteOrderOverride();
    void outOfBounds();

private:
    static bool isSegyio(const QJsonObject& e) { return e.value(QLatin1String("segyio")).toBool(); }
    template <class Pred> void addRows(Pred pred);
    QJsonObject entry(const QString& name) const;

    QList<QJsonObject> m_files;
};

void TestSegyFile::initTestCase() {
    if (dataDir().isEmpty())
        QFAIL("SEIS_TEST_DATA is not set; run through CTest, which generates the test files");
    QFile manifest(dataPath(QStringLiteral("manifest.json")));
    QVERIFY2(
        manifest.open(QIODevice::ReadOnly),
        qPrintable(
            QStringLiteral("cannot read %1: %2").arg(manifest.fileName(), manifest.errorString())));
    const QJsonArray files = QJsonDocument::fromJson(manifest.readAll())
                                 .object()
                                 .value(QLatin1String("files"))
                                 .toArray();
    for (const auto& v : files)
        m_files << v.toObject();
    QVERIFY2(m_files.size() >= 40, "the manifest lists too few files");
}

template <class Pred> void TestSegyFile::addRows(Pred pred) {
    QTest::addColumn<QJsonObject>("entry");
    int rows = 0;
    for (const auto& e : m_files) {
        if (!pred(e))
            continue;
        QTest::newRow(qPrintable(e.value(QLatin1String("name")).toString())) << e;
        ++rows;
    }
    if (rows == 0)
        QTest::newRow("no files") << QJsonObject();
}

QJsonObject TestSegyFile::entry(const QString& name) const {
    for (const auto& e : m_files)
        if (e.value(QLatin1String("name")).toString() == name)
            return e;
    return {};
}

void TestSegyFile::againstSegyio() {
    QFETCH(QJsonObject, entry);
    QVERIFY2(!entry.isEmpty(), "no segyio-written files in the manifest");
    const QString path = dataPath(entry.value(QLatin1String("name")).toString());
    const ByteOrder order = orderOf(entry);

    OPEN_OR_FAIL(f, path);
    const test::SegyioFile s(path, order == ByteOrder::Little);
    QVERIFY2(s.ok(), "libsegyio cannot read the file");

    // Geometry.
    QCOMPARE(f.byteOrder(), order);
    QCOMPARE(int(f.format()), s.format);
    QCOMPARE(f.sampleCount(), qint64(s.samples));
    QCOMPARE(f.traceCount(), qint64(s.traces));
    QCOMPARE(f.firstTraceOffset(), qint64(s.trace0));
    QCOMPARE(f.traceBytes(), qint64(SEGY_TRACE_HEADER_SIZE + s.trsize));
    float dt = 0;
    QCOMPARE(segy_sample_interval(s.fp, -1.0f, &dt), int(SEGY_OK));
    QCOMPARE(f.sampleIntervalUs(), double(dt));

    // Every sample, bit for bit.
    const qint64 nt = f.traceCount();
    const qint64 ns = f.sampleCount();
    std::vector<float> want(static_cast<std::size_t>(nt * ns));
    for (qint64 t = 0; t < nt; ++t)
        QVERIFY2(s.trace(int(t), want.data() + t * ns), "libsegyio cannot read a trace");
    const QString diff = compareSamples(readAll(f), want, ns);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // The same through the per-trace accessor and the public decoder.
    std::vector<float> one(static_cast<std::size_t>(ns));
    for (qint64 t : {qint64(0), nt / 2, nt - 1}) {
        decodeSamples(f.format(), f.byteOrder(), f.traceSamples(t), one.data(), std::size_t(ns));
        const std::vector<float> slice(want.begin() + t * ns, want.begin() + (t + 1) * ns);
        const QString d = compareSamples(one, slice, ns);
        QVERIFY2(d.isEmpty(), qPrintable(QStringLiteral("traceSamples(%1): %2").arg(t).arg(d)));
    }

    // Every standard trace header field segyio knows, for every trace.
    const auto fields = standardFields();
    const auto cols = readColumns(f, fields, {0, nt});
    std::vector<int> sizes;
    QList<int> sizeDisagreements;
    int known = 0;
    for (const auto& fd : fields) {
        const int size = segyioTraceFieldSize(fd.byte.position);
        sizes.push_back(size);
        if (size > 0)
            ++known;
        if (size > 0 && size != fieldTypeSize(fd.type))
            sizeDisagreements << fd.byte.position;
    }
    QCOMPARE(known, int(fields.size())); // segyio knows all 91 standard positions
    // segyio 1.8.3 reads SourceWaterDepth (bytes 61-64, 4 bytes in the standard) as 2 bytes;
    // that is the only disagreement on field sizes.
    QCOMPARE(sizeDisagreements, QList<int>{61});
    for (const auto& fd : fields)
        QVERIFY2(fd.type == expectedTraceType(fd.byte.position),
                 qPrintable(QStringLiteral("%1 (byte %2) has type %3")
                                .arg(fd.name)
                                .arg(fd.byte.position)
                                .arg(fieldTypeName(fd.type))));
    char th[SEGY_TRACE_HEADER_SIZE];
    qint64 unswapped = 0;
    for (qint64 t = 0; t < nt; ++t) {
        QVERIFY(s.traceHeader(int(t), th));
        // segyio hands headers out big-endian, so for big-endian files the bytes are the file's.
        if (order == ByteOrder::Big)
            QVERIFY(std::memcmp(th, f.traceHeader(t), SEGY_TRACE_HEADER_SIZE) == 0);
        for (std::size_t k = 0; k < fields.size(); ++k) {
            int32_t v = 0;
            QCOMPARE(segy_get_field(th, fields[k].byte.position, &v), int(SEGY_OK));
            const int pos = fields[k].byte.position;
            qint64 expected;
            if (order == ByteOrder::Little && (pos == 233 || pos == 237)) {
                // segyio 1.8.3 swaps neither "unassigned" field of a little-endian file, when it
                // writes one nor when it reads one: the bytes on disk are big-endian. Read
                // little-endian, as every other field of the file, they give the swapped value.
                QCOMPARE(readIntField(f.traceHeader(t) + pos - 1, FieldType::I4, ByteOrder::Big),
                         qint64(v));
                expected = qint32(__builtin_bswap32(quint32(v)));
                ++unswapped;
            } else if (sizes[k] == fieldTypeSize(fields[k].type)) {
                expected = asType(v, expectedTraceType(pos));
            } else {
                // Bytes 61-64: segyio wrote and reads only 61-62 (an i2); 63-64 are zero. As a
                // 4-byte integer that is the i2 in the high half (big-endian) or the low half.
                expected = order == ByteOrder::Big ? qint64(qint32(quint32(quint16(v)) << 16))
                                                   : qint64(quint16(v));
            }
            if (cols[k][std::size_t(t)] != expected)
                QFAIL(qPrintable(QStringLiteral("trace %1 field %2 (byte %3): core %4, segyio %5")
                                     .arg(t)
                                     .arg(fields[k].name)
                                     .arg(fields[k].byte.position)
                                     .arg(cols[k][std::size_t(t)])
                                     .arg(expected)));
            // The single-field path agrees with the column path.
            if (t < 3) {
                const qint64 direct = readIntField(f.traceHeader(t) + fields[k].byte.position - 1,
                                                   fields[k].type, f.byteOrder());
                QCOMPARE(direct, expected);
            }
        }
    }

    QCOMPARE(unswapped, order == ByteOrder::Little ? 2 * nt : 0);

    // Every binary header field segyio knows, where it reads as many bytes as the core.
    int compared = 0;
    for (const auto& bf : binaryHeaderFields()) {
        // The rev 1 fields, the ones segyio 1.8.3 names (it reads some positions in the
        // unassigned ranges too, with sizes of its own).
        if (bf.byte > 3260 && bf.byte != 3501 && bf.byte != 3503 && bf.byte != 3505)
            continue;
        const int size = segyioBinFieldSize(bf.byte);
        if (size <= 0 || size != fieldTypeSize(bf.type))
            continue;
        int32_t v = 0;
        QCOMPARE(segy_get_bfield(s.binheader(), bf.byte, &v), int(SEGY_OK));
        QVERIFY2(bf.type == expectedBinaryType(bf.byte),
                 qPrintable(QStringLiteral("binary field %1 (byte %2) has type %3")
                                .arg(QLatin1String(bf.name))
                                .arg(bf.byte)
                                .arg(fieldTypeName(bf.type))));
        const qint64 expected = asType(v, expectedBinaryType(bf.byte));
        QVERIFY2(f.binaryHeader().value(bf) == expected,
                 qPrintable(QStringLiteral("binary field %1 (byte %2): core %3, segyio %4")
                                .arg(QLatin1String(bf.name))
                                .arg(bf.byte)
                                .arg(f.binaryHeader().value(bf))
                                .arg(expected)));
        ++compared;
    }
    QVERIFY2(compared == 30,
             qPrintable(QStringLiteral("only %1 binary fields compared").arg(compared)));

    // The textual header, where segyio's EBCDIC table agrees with code page 037.
    const QString text = f.textHeader();
    if (f.textEncoding() == TextEncoding::Ebcdic && segyioSafeText(text)) {
        std::vector<char> buf(static_cast<std::size_t>(segy_textheader_size()));
        QCOMPARE(segy_read_textheader(s.fp, buf.data()), int(SEGY_OK));
        QCOMPARE(text, joinLines(buf.data(), kTextHeaderBytes));
    }
}

void TestSegyFile::againstSidecar() {
    QFETCH(QJsonObject, entry);
    QVERIFY2(!entry.isEmpty(), "no files with expected-value sidecars in the manifest");
    const QString name = entry.value(QLatin1String("name")).toString();
    OPEN_OR_FAIL(f, dataPath(name), openOptionsFor(entry));
    const std::vector<float> want = readSidecar(entry.value(QLatin1String("expected")).toString());
    QCOMPARE(qint64(want.size()), f.traceCount() * f.sampleCount());
    QVERIFY(!want.empty());
    const QString diff = compareSamples(readAll(f), want, f.sampleCount());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The trace header values the generator wrote, by standard name and, reinterpreted, by
    // byte spec.
    const QJsonObject headers = entry.value(QLatin1String("headers")).toObject();
    QVERIFY(headers.size() >= 10);
    struct Check {
        QString spec;
        QString key;
        qint64 (*map)(qint64);
    };
    QList<Check> checks;
    for (auto it = headers.begin(); it != headers.end(); ++it)
        checks.append({it.key(), it.key(), [](qint64 v) { return v; }});
    checks.append({QStringLiteral("37:u4"), QStringLiteral("offset"),
                   [](qint64 v) { return qint64(quint32(v)); }});
    checks.append({QStringLiteral("71:u2"), QStringLiteral("scalco"),
                   [](qint64 v) { return qint64(quint16(v)); }});
    checks.append({QStringLiteral("115:i2"), QStringLiteral("ns"),
                   [](qint64 v) { return qint64(qint16(v)); }});
    for (const auto& c : checks) {
        const HeaderField field = parseHeaderField(c.spec);
        std::vector<qint64> col(static_cast<std::size_t>(f.traceCount()));
        qint64* out[] = {col.data()};
        f.readHeaderColumns(std::span(&field, 1), {0, f.traceCount()}, out);
        const QJsonArray want = headers.value(c.key).toArray();
        QCOMPARE(qint64(want.size()), f.traceCount());
        for (qint64 t = 0; t < f.traceCount(); ++t) {
            const qint64 w = c.map(qint64(want.at(t).toDouble()));
            if (col[std::size_t(t)] != w)
                QFAIL(qPrintable(QStringLiteral("trace %1 field %2: core %3, written %4")
                                     .arg(t)
                                     .arg(c.spec)
                                     .arg(col[std::size_t(t)])
                                     .arg(w)));
        }
    }
}

void TestSegyFile::properties() {
    QFETCH(QJsonObject, entry);
    const QString name = entry.value(QLatin1String("name")).toString();
    OPEN_OR_FAIL(f, dataPath(name), openOptionsFor(entry));
    const int fmt = entry.value(QLatin1String("format")).toInt();
    const qint64 traces = entry.value(QLatin1String("traces")).toInteger();
    const qint64 samples = entry.value(QLatin1String("samples")).toInteger();
    const int extCount = entry.value(QLatin1String("ext_headers")).toInt();

    QCOMPARE(f.path(), dataPath(name));
    QCOMPARE(f.fileSize(), QFileInfo(dataPath(name)).size());
    QCOMPARE(int(f.format()), fmt);
    QCOMPARE(f.byteOrder(), orderOf(entry));
    QCOMPARE(f.traceCount(), traces);
    QCOMPARE(f.sampleCount(), samples);
    QCOMPARE(f.sampleIntervalUs(), entry.value(QLatin1String("dt")).toDouble());
    QCOMPARE(f.traceHeaderBytes(), qint64(240));
    QCOMPARE(f.traceBytes(), 240 + samples * bytesPerSample(f.format()));
    QCOMPARE(f.firstTraceOffset(), 3600 + 3200 * qint64(extCount));
    QCOMPARE(f.binaryHeader().byteOrder(), f.byteOrder());
    QCOMPARE(f.binaryHeader().value(u"format"), qint64(fmt));

    // Textual headers.
    const bool ascii = entry.value(QLatin1String("text_encoding")).toString() == "ascii";
    QCOMPARE(f.textEncoding(), ascii ? TextEncoding::Ascii : TextEncoding::Ebcdic);
    QCOMPARE(f.textHeader().section(QLatin1Char('\n'), 0, 0),
             entry.value(QLatin1String("text_first_line")).toString());
    QCOMPARE(f.textHeader(), entry.value(QLatin1String("text")).toString());
    QStringList ext;
    for (const auto& v : entry.value(QLatin1String("ext_texts")).toArray())
        ext << v.toString();
    QCOMPARE(f.extendedTextHeaders().size(), qsizetype(extCount));
    QCOMPARE(f.extendedTextHeaders(), ext);

    // Warnings: none for clean files, the announced ones otherwise.
    const QJsonArray expectedWarnings = entry.value(QLatin1String("warnings")).toArray();
    const QString joined = f.warnings().join(QLatin1String(" | "));
    if (expectedWarnings.isEmpty())
        QVERIFY2(f.warnings().isEmpty(), qPrintable(QStringLiteral("unexpected: ") + joined));
    for (const auto& w : expectedWarnings)
        QVERIFY2(
            joined.contains(w.toString()),
            qPrintable(QStringLiteral("no warning about '%1' in: %2").arg(w.toString(), joined)));
}

void TestSegyFile::windows() {
    QFETCH(QJsonObject, entry);
    OPEN_OR_FAIL(f, dataPath(entry.value(QLatin1String("name")).toString()), openOptionsFor(entry));
    const qint64 nt = f.traceCount();
    const qint64 ns = f.sampleCount();
    QVERIFY(nt > 0 && ns > 0);
    const std::vector<float> full = readAll(f);
    const auto fields = standardFields();
    const auto allCols = readColumns(f, fields, {0, nt});

    // Fixed edge cases plus random windows (a fixed seed, so failures reproduce).
    QList<std::pair<TraceRange, SampleRange>> windows{
        {{0, nt}, {0, ns}},          {{0, 1}, {0, ns}},           {{nt - 1, nt}, {0, ns}},
        {{0, nt}, {ns - 1, ns}},     {{0, nt}, {0, 1}},           {{nt / 2, nt / 2}, {0, ns}},
        {{0, nt}, {ns / 2, ns / 2}}, {{nt / 3, nt}, {ns / 3, ns}}};
    QRandomGenerator rng(12345 + quint32(nt) * 31 + quint32(ns));
    for (int i = 0; i < 40; ++i) {
        qint64 t0 = rng.bounded(nt + 1), t1 = rng.bounded(nt + 1);
        qint64 s0 = rng.bounded(ns + 1), s1 = rng.bounded(ns + 1);
        windows.append(
            {{std::min(t0, t1), std::max(t0, t1)}, {std::min(s0, s1), std::max(s0, s1)}});
    }
    for (const auto& [tr, sr] : windows) {
        const std::size_t n = std::size_t(tr.count() * sr.count());
        std::vector<float> got(n + 1, 12345.0f); // one guard value past the end
        f.readWindow(tr, sr, got.data());
        QCOMPARE(got[n], 12345.0f);
        got.pop_back();
        std::vector<float> want;
        want.reserve(n);
        for (qint64 t = tr.begin; t < tr.end; ++t)
            for (qint64 s = sr.begin; s < sr.end; ++s)
                want.push_back(full[std::size_t(t * ns + s)]);
        const QString diff = compareSamples(got, want, std::max<qint64>(1, sr.count()));
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("window traces %1:%2 samples %3:%4: %5")
                                                .arg(tr.begin)
                                                .arg(tr.end)
                                                .arg(sr.begin)
                                                .arg(sr.end)
                                                .arg(diff)));

        // Header columns for the same trace range are the slice of the full columns.
        const auto cols = readColumns(f, fields, tr);
        for (std::size_t k = 0; k < fields.size(); ++k)
            for (qint64 t = tr.begin; t < tr.end; ++t)
                if (cols[k][std::size_t(t - tr.begin)] != allCols[k][std::size_t(t)])
                    QFAIL(qPrintable(QStringLiteral("header %1 of trace %2 differs in range %3:%4")
                                         .arg(fields[k].name)
                                         .arg(t)
                                         .arg(tr.begin)
                                         .arg(tr.end)));
    }
}

void TestSegyFile::partialTrace() {
    const QJsonObject e = entry(QStringLiteral("partial.sgy"));
    QVERIFY(!e.isEmpty());
    OPEN_OR_FAIL(partial, dataPath(QStringLiteral("partial.sgy")));
    OPEN_OR_FAIL(base, dataPath(e.value(QLatin1String("same_as")).toString()));
    QVERIFY(base.warnings().isEmpty());
    QCOMPARE(partial.warnings().size(), qsizetype(1));
    QVERIFY2(partial.warnings().front().contains(QLatin1String("partial trace of 200 bytes")),
             qPrintable(partial.warnings().front()));
    QCOMPARE(partial.traceCount(), base.traceCount());
    QCOMPARE(partial.fileSize(), base.fileSize() + 200);
    const QString diff = compareSamples(readAll(partial), readAll(base), base.sampleCount());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    const auto fields = standardFields();
    QVERIFY(readColumns(partial, fields, {0, partial.traceCount()}) ==
            readColumns(base, fields, {0, base.traceCount()}));
    // The partial trace is not addressable.
    std::vector<float> one(static_cast<std::size_t>(partial.sampleCount()));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             partial.readWindow({partial.traceCount(), partial.traceCount() + 1},
                                                {0, partial.sampleCount()}, one.data()));
}

void TestSegyFile::largeSampleCount() {
    OPEN_OR_FAIL(f, dataPath(QStringLiteral("big_ns.sgy")));
    QCOMPARE(f.sampleCount(), qint64(70000));
    QCOMPARE(f.binaryHeader().value(u"hns"), qint64(0));
    QCOMPARE(f.binaryHeader().value(u"ext_hns"), qint64(70000));
    QCOMPARE(f.binaryHeader().value(u"rev_major"), qint64(2));
    QCOMPARE(f.binaryHeader().value(u"byte_order"), qint64(kByteOrderMagic));
    QCOMPARE(f.traceCount(), qint64(2));
    QVERIFY2(f.warnings().isEmpty(), qPrintable(f.warnings().join(QLatin1String(" | "))));
    // The trace header holds the count modulo 2^16, read as an unsigned 16-bit field.
    const HeaderField ns = parseHeaderField(QStringLiteral("ns"));
    qint64 col[2];
    qint64* out[] = {col};
    f.readHeaderColumns(std::span(&ns, 1), {0, 2}, out);
    QCOMPARE(col[0], qint64(70000 - 65536));
    QCOMPARE(col[1], qint64(70000 - 65536));
    // Samples past 65536 decode like the others (the whole file is checked against the sidecar
    // in againstSidecar; this pins the tail).
    const std::vector<float> want = readSidecar(QStringLiteral("big_ns.sgy.expected.f32"));
    QCOMPARE(qint64(want.size()), qint64(140000));
    std::vector<float> tail(10);
    f.readWindow({1, 2}, {69990, 70000}, tail.data());
    const QString diff = compareSamples(tail, std::vector<float>(want.end() - 10, want.end()), 10);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestSegyFile::extendedHeaders() {
    // Two extended headers written by segyio: compare with segyio's reading of them.
    {
        const QString path = dataPath(QStringLiteral("ext2.sgy"));
        OPEN_OR_FAIL(f, path);
        const test::SegyioFile s(path);
        QVERIFY(s.ok());
        QCOMPARE(f.binaryHeader().value(u"exth"), qint64(2));
        QCOMPARE(f.extendedTextHeaders().size(), qsizetype(2));
        QCOMPARE(f.firstTraceOffset(), qint64(s.trace0));
        QCOMPARE(f.firstTraceOffset(), qint64(3600 + 2 * 3200));
        for (int k = 0; k < 2; ++k) {
            std::vector<char> buf(static_cast<std::size_t>(segy_textheader_size()));
            QCOMPARE(segy_read_ext_textheader(s.fp, k, buf.data()), int(SEGY_OK));
            QCOMPARE(f.extendedTextHeaders().at(k), joinLines(buf.data(), kTextHeaderBytes));
        }
        QVERIFY(f.extendedTextHeaders().at(0).startsWith(
            QLatin1String("C 1 EXTENDED TEXTUAL HEADER ONE")));
        QVERIFY(f.extendedTextHeaders().at(1).startsWith(
            QLatin1String("C 1 EXTENDED TEXTUAL HEADER TWO")));
    }
    // A variable number (-1), ended by the EndText stanza, records in mixed encodings.
    {
        OPEN_OR_FAIL(f, dataPath(QStringLiteral("ext_var.sgy")));
        QCOMPARE(f.binaryHeader().value(u"exth"), qint64(-1));
        const QStringList ext = f.extendedTextHeaders();
        QCOMPARE(ext.size(), qsizetype(3));
        QVERIFY(ext.at(0).startsWith(QLatin1String("C 1 ((SEG: Recording Info ver 1.0))")));
        QVERIFY(ext.at(1).contains(QLatin1String("second variable record (ascii)")));
        QVERIFY(ext.at(2).startsWith(QLatin1String("C 1 ((SEG: EndText))")));
        QCOMPARE(f.firstTraceOffset(), qint64(3600 + 3 * 3200));
        QCOMPARE(f.traceCount(), qint64(7));
    }
}

void TestSegyFile::textEncodings() {
    OPEN_OR_FAIL(a, dataPath(QStringLiteral("text_ascii.sgy")));
    QCOMPARE(a.textEncoding(), TextEncoding::Ascii);
    QVERIFY(a.textHeader().startsWith(
        QLatin1String("C 1 ASCII TEXTUAL HEADER, lower case too: seismic [x] {y} ~ ^ | !")));
    QCOMPARE(a.textHeader().size(), qsizetype(40 * 81 - 1));
    OPEN_OR_FAIL(e, dataPath(QStringLiteral("text_ebcdic.sgy")));
    QCOMPARE(e.textEncoding(), TextEncoding::Ebcdic);
    const QStringList lines = e.textHeader().split(QLatin1Char('\n'));
    QCOMPARE(lines.size(), qsizetype(40));
    QCOMPARE(lines.at(0).trimmed(),
             QStringLiteral("C 1 EBCDIC CP037 HEADER: [brackets] ^caret !bang |bar \u00ac not"));
    QCOMPARE(lines.at(1).trimmed(),
             QStringLiteral("C 2 Latin-1 letters: \u00e9\u00e8\u00fc\u00df\u00c7 \u00a3 \u00a2 "
                            "lower case abc"));
    QCOMPARE(lines.at(2).trimmed(), QStringLiteral("C 3 digits 0123456789 +-*/=<>(),.;:"));
    for (const auto& l : lines)
        QCOMPARE(l.size(), qsizetype(80));
}

void TestSegyFile::byteOrderOverride() {
    // A little-endian file whose byte-order word claims big-endian: detection trusts the word and
    // fails on the format code; the override opens it and the word is reported.
    const QString bad = dataPath(QStringLiteral("bad_word_le.sgy"));
    try {
        SegyFile f(bad);
        QFAIL("opened a file whose format code is only valid little-endian as big-endian");
    } catch (const FormatError& e) {
        QVERIFY2(e.detail().contains(QLatin1String("big-endian")), e.what());
        QCOMPARE(e.file(), bad);
    }
    OPEN_OR_FAIL(ok, bad, SegyOpenOptions{ByteOrder::Little});
    QCOMPARE(ok.byteOrder(), ByteOrder::Little);
    QCOMPARE(int(ok.format()), 10);
    QVERIFY(ok.warnings().join(QLatin1Char(' ')).contains(QLatin1String("byte-order word")));

    // A file with a correct big-endian byte-order word: the override still wins.
    const QString be = dataPath(QStringLiteral("hand_f9_be.sgy"));
    OPEN_OR_FAIL(beDetected, be);
    QCOMPARE(beDetected.byteOrder(), ByteOrder::Big);
    OPEN_OR_FAIL(beForced, be, SegyOpenOptions{ByteOrder::Big});
    QCOMPARE(beForced.byteOrder(), ByteOrder::Big);
    QVERIFY_THROWS_EXCEPTION(FormatError, SegyFile(be, SegyOpenOptions{ByteOrder::Little}));

    // A little-endian file without the word: detection by plausibility, and an explicit
    // override that agrees gives the same values.
    for (const char* name : {"segyio_f2_le.sgy", "hand_f6_le.sgy", "hand_f11_le.sgy"}) {
        const QString path = dataPath(QLatin1String(name));
        OPEN_OR_FAIL(detected, path);
        QCOMPARE(detected.binaryHeader().value(u"byte_order"), qint64(0));
        QCOMPARE(detected.byteOrder(), ByteOrder::Little);
        OPEN_OR_FAIL(forced, path, SegyOpenOptions{ByteOrder::Little});
        QCOMPARE(forced.byteOrder(), ByteOrder::Little);
        QVERIFY(
            compareSamples(readAll(forced), readAll(detected), detected.sampleCount()).isEmpty());
        QVERIFY_THROWS_EXCEPTION(FormatError, SegyFile(path, SegyOpenOptions{ByteOrder::Big}));
    }
}

void TestSegyFile::outOfBounds() {
    OPEN_OR_FAIL(f, dataPath(QStringLiteral("segyio_f1_be.sgy")));
    const qint64 nt = f.traceCount();
    const qint64 ns = f.sampleCount();
    std::vector<float> dst(static_cast<std::size_t>((nt + 2) * (ns + 2)));
    const auto fields = standardFields();
    std::vector<qint64> col(static_cast<std::size_t>(nt + 2));
    std::vector<qint64*> out(fields.size(), col.data());

    auto expectError = [&](const std::function<void()>& call, const QString& what,
                           const QString& range, qint64 bound) {
        try {
            call();
        } catch (const ArgumentError& e) {
            const QString msg = QString::fromUtf8(e.what());
            if (!msg.contains(what) || !msg.contains(range) ||
                !msg.contains(QString::number(bound)) || e.file() != f.path())
                return QStringLiteral("message lacks '%1', '%2' or %3: %4")
                    .arg(what, range)
                    .arg(bound)
                    .arg(msg);
            return QString();
        } catch (const std::exception& e) {
            return QStringLiteral("threw something other than ArgumentError: %1").arg(e.what());
        }
        return QStringLiteral("%1 %2 did not throw").arg(what, range);
    };
    const QList<TraceRange> badTraces{{-1, 2}, {0, nt + 1}, {3, 2}, {nt + 1, nt + 1}, {nt, nt + 5}};
    for (const TraceRange tr : badTraces) {
        const QString range = QStringLiteral("%1:%2").arg(tr.begin).arg(tr.end);
        QString r = expectError(
            [&] {
                f.readWindow(tr, {0, ns}, dst.data());
            },
            QStringLiteral("trace range"), range, nt);
        QVERIFY2(r.isEmpty(), qPrintable(QStringLiteral("readWindow: ") + r));
        r = expectError([&] { f.readHeaderColumns(fields, tr, out); },
                        QStringLiteral("trace range"), range, nt);
        QVERIFY2(r.isEmpty(), qPrintable(QStringLiteral("readHeaderColumns: ") + r));
    }
    const QList<SampleRange> badSamples{{-1, 1}, {0, ns + 1}, {5, 4}, {ns + 1, ns + 2}};
    for (const SampleRange sr : badSamples) {
        const QString range = QStringLiteral("%1:%2").arg(sr.begin).arg(sr.end);
        const QString r = expectError(
            [&] {
                f.readWindow({0, 1}, sr, dst.data());
            },
            QStringLiteral("sample range"), range, ns);
        QVERIFY2(r.isEmpty(), qPrintable(QStringLiteral("readWindow: ") + r));
    }
    // In-bounds empty ranges are fine and write nothing.
    dst[0] = 42.0f;
    f.readWindow({nt, nt}, {0, ns}, dst.data());
    f.readWindow({0, nt}, {ns, ns}, dst.data());
    QCOMPARE(dst[0], 42.0f);

    // Bad arguments that are not ranges.
    std::vector<qint64*> tooFew(fields.size() - 1, col.data());
    QVERIFY_THROWS_EXCEPTION(ArgumentError, f.readHeaderColumns(fields, {0, 1}, tooFew));
    const HeaderField past{QStringLiteral("past"), HeaderByte{239}, FieldType::I4};
    qint64* one[] = {col.data()};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, f.readHeaderColumns(std::span(&past, 1), {0, 1}, one));
}

QTEST_GUILESS_MAIN(TestSegyFile)
#include "tst_segyfile.moc"
