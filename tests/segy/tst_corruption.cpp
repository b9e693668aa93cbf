// Opening corrupted SEG-Y files: a seeded loop of random corruptions of small valid files built
// here byte by byte. Every case must end either in a clean open, after which every trace and every
// standard header column reads without a crash and the traces lie inside the file, or in a
// seis::FormatError naming the file. Any other exception, a crash or a hang is a failure.
//
// SEIS_CORRUPTION_SEED and SEIS_CORRUPTION_ITERATIONS override the fixed seed and count, for
// longer runs by hand; the test as registered always runs the same cases.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"

#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <bit>
#include <cmath>
#include <memory>
#include <typeinfo>
#include <vector>

using namespace seis;

namespace {

constexpr quint32 kDefaultSeed = 20240611;
constexpr int kDefaultIterations = 2000;

void put(QByteArray& b, qsizetype offset, quint64 value, int size, ByteOrder order) {
    if (offset < 0 || offset + size > b.size())
        return;
    for (int i = 0; i < size; ++i) {
        const int shift = order == ByteOrder::Big ? 8 * (size - 1 - i) : 8 * i;
        b[offset + i] = char((value >> shift) & 0xff);
    }
}

// A valid file's layout. Samples are IBM floats in `order`; value(t, s) = (t + 1) * 0.5 - s * 0.25.
struct Layout {
    const char* name;
    ByteOrder order = ByteOrder::Big;
    int revMajor = 1;
    int exth = 0;              // -1: variable, ended by an EndText stanza in the second record
    int additionalHeaders = 0; // rev 2: extra 240-byte trace headers
    bool trailer = false;      // rev 2: one 3200-byte data trailer
    int traces = 5;
    int samples = 16;

    qint64 extendedRecords() const { return exth < 0 ? 2 : exth; }
    qint64 firstTrace() const { return 3600 + 3200 * extendedRecords(); }
    qint64 traceHeaderBytes() const { return 240 * (1 + additionalHeaders); }
    qint64 traceBytes() const { return traceHeaderBytes() + 4 * qint64(samples); }
};

const std::array<Layout, 5> kLayouts{{
    {"rev1 big-endian", ByteOrder::Big, 1, 0, 0, false, 5, 16},
    {"rev1 big-endian, 1 extended header", ByteOrder::Big, 1, 1, 0, false, 4, 12},
    {"rev2 big-endian, variable extended headers, extra trace header, trailer", ByteOrder::Big, 2,
     -1, 1, true, 3, 20},
    {"rev2 little-endian", ByteOrder::Little, 2, 0, 0, false, 4, 10},
    {"rev0 big-endian", ByteOrder::Big, 0, 0, 0, false, 3, 7},
}};

float sampleValue(int t, int s) {
    return float((t + 1) * 0.5 - s * 0.25);
}

QByteArray buildFile(const Layout& l) {
    const ByteOrder o = l.order;
    QByteArray b(3600, '\0');
    // Textual header: EBCDIC spaces, "C" at the start of each card.
    for (int i = 0; i < 3200; ++i)
        b[i] = char(i % 80 == 0 ? 0xC3 : 0x40);
    put(b, 3200, 4711, 4, o);                     // jobid
    put(b, 3212, quint64(l.traces), 2, o);        // ntrpr
    put(b, 3216, 4000, 2, o);                     // hdt
    put(b, 3218, 4000, 2, o);                     // dto
    put(b, 3220, quint64(l.samples), 2, o);       // hns
    put(b, 3222, quint64(l.samples), 2, o);       // nso
    put(b, 3224, 1, 2, o);                        // format: IBM
    put(b, 3500, quint64(l.revMajor), 1, o);      // rev_major
    put(b, 3502, 1, 2, o);                        // trflag: fixed length
    put(b, 3504, quint64(quint16(l.exth)), 2, o); // exth
    if (l.revMajor >= 2) {
        put(b, 3268, quint64(l.samples), 4, o);             // ext_hns
        put(b, 3272, std::bit_cast<quint64>(4000.0), 8, o); // ext_hdt
        put(b, 3296, kByteOrderMagic, 4, o);                // byte_order
        put(b, 3506, quint64(l.additionalHeaders), 4, o);   // max_add_trhdr
        put(b, 3520, quint64(l.firstTrace()), 8, o);        // first_trace_offset
        put(b, 3528, l.trailer ? 1 : 0, 4, o);              // ntrailer
    }
    for (qint64 k = 0; k < l.extendedRecords(); ++k) {
        QByteArray ext(3200, l.exth < 0 ? ' ' : char(0x40));
        if (l.exth < 0 && k == l.extendedRecords() - 1)
            ext.replace(0, 16, "((SEG: EndText))");
        b += ext;
    }
    for (int t = 0; t < l.traces; ++t) {
        QByteArray tr(l.traceBytes(), '\0');
        put(tr, 0, quint64(t + 1), 4, o);       // tracl
        put(tr, 8, quint64(100 + t), 4, o);     // fldr
        put(tr, 20, quint64(1000 + t), 4, o);   // cdp
        put(tr, 114, quint64(l.samples), 2, o); // ns
        put(tr, 116, 4000, 2, o);               // dt
        put(tr, 188, 7, 4, o);                  // iline
        for (int s = 0; s < l.samples; ++s)
            put(tr, l.traceHeaderBytes() + 4 * s, floatToIbm(sampleValue(t, s)), 4, o);
        b += tr;
    }
    if (l.trailer)
        b += QByteArray(3200, ' ');
    return b;
}

bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

std::vector<HeaderField> standardColumns() {
    std::vector<HeaderField> fields;
    for (const auto& f : standardTraceFields())
        fields.push_back(HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type});
    return fields;
}

// Binary header fields that steer the layout: 0-based offset and size.
struct Target {
    const char* name;
    int offset;
    int size;
};
constexpr std::array<Target, 14> kTargets{{
    {"hdt", 3216, 2},
    {"hns", 3220, 2},
    {"format", 3224, 2},
    {"ext_hns", 3268, 4},
    {"ext_hdt", 3272, 8},
    {"byte_order", 3296, 4},
    {"rev_major", 3500, 1},
    {"rev_minor", 3501, 1},
    {"exth", 3504, 2},
    {"max_add_trhdr", 3506, 4},
    {"ntraces", 3512, 8},
    {"first_trace_offset", 3520, 8},
    {"ntrailer", 3528, 4},
    {"trflag", 3502, 2},
}};

constexpr std::array<quint64, 16> kExtremes{
    0,          1,          2,          3,          5,      0xffffffffffffffffull,
    0x7f,       0x80,       0xff,       0x7fff,     0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x01020304,
};

class Corruptor {
public:
    explicit Corruptor(quint32 seed)
        : m_rng(seed) {}

    int below(int n) { return int(m_rng.bounded(quint32(n))); }
    quint64 word() { return m_rng.generate64(); }

    // Applies 1 to 4 random corruptions to `b` (built from `l`); returns what it did.
    QString corrupt(QByteArray& b, const Layout& l) {
        QStringList did;
        const int n = 1 + below(4);
        for (int i = 0; i < n; ++i)
            did << corruptOnce(b, l);
        return did.join(QStringLiteral("; "));
    }

private:
    ByteOrder orderFor(const Layout& l) {
        // Mostly the file's own order; sometimes the other, to confuse detection.
        if (below(5) == 0)
            return l.order == ByteOrder::Big ? ByteOrder::Little : ByteOrder::Big;
        return l.order;
    }

    quint64 extreme() { return kExtremes[std::size_t(below(int(kExtremes.size())))]; }

    QString corruptOnce(QByteArray& b, const Layout& l) {
        const qint64 first = l.firstTrace();
        switch (below(11)) {
        case 0: { // a byte in the binary header fields that matter most
            const int off = below(2) ? 3212 + below(3300 - 3212) : 3500 + below(3532 - 3500);
            const int v = below(256);
            if (off < b.size())
                b[off] = char(v);
            return QStringLiteral("byte %1 = %2").arg(off + 1).arg(v);
        }
        case 1: { // any byte, 2-byte or 4-byte word of the binary header
            const int size = std::array<int, 3>{1, 2, 4}[std::size_t(below(3))];
            const int off = 3200 + below(400 - size + 1);
            const quint64 v = word();
            put(b, off, v, size, l.order);
            return QStringLiteral("%1 bytes at %2 = random").arg(size).arg(off + 1);
        }
        case 2: { // a named field set to an extreme value
            const Target& t = kTargets[std::size_t(below(int(kTargets.size())))];
            const quint64 v = extreme();
            const ByteOrder o = orderFor(l);
            put(b, t.offset, v, t.size, o);
            return QStringLiteral("%1 = %2 (%3)")
                .arg(QLatin1String(t.name))
                .arg(v, 0, 16)
                .arg(o == ByteOrder::Big ? QLatin1String("big") : QLatin1String("little"));
        }
        case 3: { // a named field set to a random value
            const Target& t = kTargets[std::size_t(below(int(kTargets.size())))];
            const quint64 v = word();
            put(b, t.offset, v, t.size, l.order);
            return QStringLiteral("%1 = random %2").arg(QLatin1String(t.name)).arg(v, 0, 16);
        }
        case 4: { // an offset-like field pointing somewhere plausible or just outside
            const std::array<qint64, 8> offsets{0,         3599,         3600,     first - 1,
                                                first + 1, b.size() - 1, b.size(), b.size() + 1};
            const qint64 v = below(2) ? offsets[std::size_t(below(8))] : below(int(b.size() + 10));
            const bool trailer = below(3) == 0;
            if (trailer)
                put(b, 3528, quint64(below(6)), 4, l.order);
            else
                put(b, 3520, quint64(v), 8, l.order);
            return trailer ? QStringLiteral("ntrailer small")
                           : QStringLiteral("first_trace_offset = %1").arg(v);
        }
        case 5: { // a byte in the first two trace headers
            const qint64 off = first + below(int(2 * l.traceHeaderBytes()));
            const int v = below(256);
            if (off < b.size())
                b[off] = char(v);
            return QStringLiteral("trace byte %1 = %2").arg(off + 1).arg(v);
        }
        case 6: { // a trace header's sample count or interval
            const qint64 trace = below(qMax(1, l.traces));
            const qint64 off = first + trace * l.traceBytes() + (below(2) ? 114 : 116);
            const quint64 v = extreme();
            put(b, off, v, 2, orderFor(l));
            return QStringLiteral("trace %1 byte %2 = %3").arg(trace).arg(off + 1).arg(v, 0, 16);
        }
        case 7: { // truncation, often at a boundary
            const std::array<qint64, 10> at{0,           3199,        3200,
                                            3599,        3600,        3601,
                                            first + 239, first + 240, first + l.traceBytes() - 1,
                                            b.size() - 1};
            qint64 size =
                below(2) ? at[std::size_t(below(int(at.size())))] : below(int(b.size() + 1));
            size = qBound<qint64>(0, size, b.size());
            b.truncate(size);
            return QStringLiteral("truncate to %1").arg(size);
        }
        case 8: { // revision and extended-header count together
            const int rev = below(4);
            const std::array<int, 9> counts{-1, 0, 1, 2, 3, 10000, 10001, 0x7fff, -2};
            const int exth = counts[std::size_t(below(int(counts.size())))];
            put(b, 3500, quint64(rev), 1, l.order);
            put(b, 3504, quint64(quint16(exth)), 2, l.order);
            return QStringLiteral("rev %1, exth %2").arg(rev).arg(exth);
        }
        case 9: { // garbage appended
            const int n = below(5000);
            QByteArray junk(n, '\0');
            for (int i = 0; i < n; ++i)
                junk[i] = char(below(256));
            b += junk;
            return QStringLiteral("append %1 bytes").arg(n);
        }
        default: { // any byte of the file, or a 4-byte word
            if (b.isEmpty())
                return QStringLiteral("nothing");
            const qint64 off = below(int(b.size()));
            const quint64 v = word();
            put(b, off, v, below(2) ? 1 : 4, orderFor(l));
            return QStringLiteral("file byte %1 = random").arg(off + 1);
        }
        }
    }

    QRandomGenerator m_rng;
};

} // namespace

class TestCorruption : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void validFilesOpen_data();
    void validFilesOpen();
    void randomCorruptions();
    void sampleIntervals_data();
    void sampleIntervals();

private:
    QTemporaryDir m_dir;
};

void TestCorruption::validFilesOpen_data() {
    QTest::addColumn<int>("layout");
    for (std::size_t i = 0; i < kLayouts.size(); ++i)
        QTest::addRow("%s", kLayouts[i].name) << int(i);
}

// The uncorrupted files are what the builder means them to be, so the loop starts from valid
// files and its "clean open" branch is the common case for small corruptions.
void TestCorruption::validFilesOpen() {
    QFETCH(int, layout);
    const Layout& l = kLayouts[std::size_t(layout)];
    const QByteArray bytes = buildFile(l);
    const QString path = m_dir.filePath(QStringLiteral("valid.sgy"));
    QVERIFY(writeFile(path, bytes));
    const SegyFile f(path);
    QCOMPARE(f.warnings(), QStringList{});
    QCOMPARE(f.byteOrder(), l.order);
    QCOMPARE(f.format(), SampleFormat::IbmFloat32);
    QCOMPARE(f.traceCount(), qint64(l.traces));
    QCOMPARE(f.sampleCount(), qint64(l.samples));
    QCOMPARE(f.sampleIntervalUs(), 4000.0);
    QCOMPARE(f.firstTraceOffset(), l.firstTrace());
    QCOMPARE(f.traceHeaderBytes(), l.traceHeaderBytes());
    QCOMPARE(f.traceBytes(), l.traceBytes());
    QCOMPARE(f.extendedTextHeaders().size(), l.extendedRecords());
    std::vector<float> all(std::size_t(l.traces * l.samples));
    f.readWindow({0, l.traces}, {0, l.samples}, all.data());
    for (int t = 0; t < l.traces; ++t)
        for (int s = 0; s < l.samples; ++s)
            QCOMPARE(all[std::size_t(t * l.samples + s)], sampleValue(t, s));
    const std::vector<HeaderField> fields{*findStandardTraceField(u"tracl"),
                                          *findStandardTraceField(u"cdp"),
                                          *findStandardTraceField(u"ns")};
    std::vector<qint64> tracl(std::size_t(l.traces)), cdp(tracl.size()), ns(tracl.size());
    const std::array<qint64*, 3> out{tracl.data(), cdp.data(), ns.data()};
    f.readHeaderColumns(fields, {0, l.traces}, out);
    for (int t = 0; t < l.traces; ++t) {
        QCOMPARE(tracl[std::size_t(t)], qint64(t + 1));
        QCOMPARE(cdp[std::size_t(t)], qint64(1000 + t));
        QCOMPARE(ns[std::size_t(t)], qint64(l.samples));
    }
}

void TestCorruption::sampleIntervals_data() {
    QTest::addColumn<int>("layout");
    QTest::addColumn<quint64>("hdt");     // binary header bytes 3217-3218, as stored
    QTest::addColumn<double>("extHdt");   // rev 2 bytes 3273-3280 (layout 3 only)
    QTest::addColumn<quint64>("traceDt"); // first trace header bytes 117-118
    QTest::addColumn<double>("expected"); // microseconds; 0: none usable
    QTest::addColumn<QString>("warning"); // part of the one expected warning ("" for none)
    const double nan = std::nan("");
    // Layout 0 is rev 1 big-endian, layout 3 rev 2 little-endian.
    QTest::newRow("rev1 plausible") << 0 << quint64(2000) << 0.0 << quint64(2000) << 2000.0 << "";
    QTest::newRow("rev1 largest signed")
        << 0 << quint64(32767) << 0.0 << quint64(32767) << 32767.0 << "";
    QTest::newRow("rev1 -2000 falls back to the trace header")
        << 0 << quint64(quint16(-2000)) << 0.0 << quint64(4000) << 4000.0 << "-2000";
    QTest::newRow("rev1 -2000 everywhere: sample numbers")
        << 0 << quint64(quint16(-2000)) << 0.0 << quint64(quint16(-2000)) << 0.0
        << "sample numbers";
    QTest::newRow("rev1 zero everywhere: sample numbers")
        << 0 << quint64(0) << 0.0 << quint64(0) << 0.0 << "sample numbers";
    QTest::newRow("rev2 fractional double")
        << 3 << quint64(62) << 62.5 << quint64(62) << 62.5 << "";
    QTest::newRow("rev2 denormal double falls back")
        << 3 << quint64(4000) << 5e-324 << quint64(4000) << 4000.0 << "e-324";
    QTest::newRow("rev2 NaN double falls back")
        << 3 << quint64(4000) << nan << quint64(4000) << 4000.0 << "nan";
    QTest::newRow("rev2 negative double falls back")
        << 3 << quint64(1000) << -4000.0 << quint64(4000) << 1000.0 << "-4000";
    QTest::newRow("rev2 huge double falls back")
        << 3 << quint64(1000) << 1e300 << quint64(4000) << 1000.0 << "1e+300";
}

// Implausible intervals are reported with the value read and replaced by the next source the
// reading rules name; with none usable the interval is 0 (the viewer then counts samples).
void TestCorruption::sampleIntervals() {
    QFETCH(int, layout);
    QFETCH(quint64, hdt);
    QFETCH(double, extHdt);
    QFETCH(quint64, traceDt);
    QFETCH(double, expected);
    QFETCH(QString, warning);
    const Layout& l = kLayouts[std::size_t(layout)];
    QByteArray bytes = buildFile(l);
    put(bytes, 3216, hdt, 2, l.order);
    if (l.revMajor >= 2)
        put(bytes, 3272, std::bit_cast<quint64>(extHdt), 8, l.order);
    put(bytes, l.firstTrace() + 116, traceDt, 2, l.order);
    const QString path = m_dir.filePath(QStringLiteral("interval.sgy"));
    QVERIFY(writeFile(path, bytes));
    const SegyFile f(path);
    QCOMPARE(f.sampleIntervalUs(), expected);
    const QStringList intervalWarnings = f.warnings().filter(QStringLiteral("interval"));
    if (warning.isEmpty()) {
        QCOMPARE(intervalWarnings, QStringList{});
    } else {
        QVERIFY2(!intervalWarnings.isEmpty(), qPrintable(f.warnings().join(u'|')));
        QVERIFY2(intervalWarnings.join(u'|').contains(warning, Qt::CaseInsensitive),
                 qPrintable(intervalWarnings.join(u'|')));
    }
}

void TestCorruption::randomCorruptions() {
    bool ok = false;
    const quint32 seed = qEnvironmentVariableIsSet("SEIS_CORRUPTION_SEED")
                             ? quint32(qEnvironmentVariableIntValue("SEIS_CORRUPTION_SEED", &ok))
                             : kDefaultSeed;
    const int iterations = qEnvironmentVariableIsSet("SEIS_CORRUPTION_ITERATIONS")
                               ? qEnvironmentVariableIntValue("SEIS_CORRUPTION_ITERATIONS")
                               : kDefaultIterations;
    const bool verbose = qEnvironmentVariableIsSet("SEIS_CORRUPTION_VERBOSE");
    const QString path = m_dir.filePath(QStringLiteral("corrupt.sgy"));
    const std::vector<HeaderField> fields = standardColumns();
    QCOMPARE(fields.size(), standardTraceFields().size());

    std::array<QByteArray, kLayouts.size()> valid;
    for (std::size_t i = 0; i < kLayouts.size(); ++i)
        valid[i] = buildFile(kLayouts[i]);

    Corruptor corruptor(seed);
    int opened = 0;
    int rejected = 0;
    int withTraces = 0;
    for (int it = 0; it < iterations; ++it) {
        const std::size_t li = std::size_t(corruptor.below(int(kLayouts.size())));
        QByteArray bytes = valid[li];
        const QString what =
            QStringLiteral("iteration %1 (seed %2), %3: %4")
                .arg(it)
                .arg(seed)
                .arg(QLatin1String(kLayouts[li].name), corruptor.corrupt(bytes, kLayouts[li]));
        SegyOpenOptions options;
        const int forced = corruptor.below(10);
        if (forced == 0)
            options.byteOrder = ByteOrder::Big;
        else if (forced == 1)
            options.byteOrder = ByteOrder::Little;
        if (verbose)
            qInfo().noquote() << what;
        QVERIFY2(writeFile(path, bytes), qPrintable(what));

        std::unique_ptr<SegyFile> file;
        try {
            file = std::make_unique<SegyFile>(path, options);
        } catch (const FormatError& e) {
            ++rejected;
            QVERIFY2(QString::fromUtf8(e.what()).contains(path),
                     qPrintable(what + QStringLiteral(": message without the path: ") +
                                QString::fromUtf8(e.what())));
            QVERIFY2(e.file() == path, qPrintable(what));
            QVERIFY2(!e.detail().isEmpty(), qPrintable(what));
            continue;
        } catch (const std::exception& e) {
            QFAIL(qPrintable(
                what + QStringLiteral(": %1 instead of seis::FormatError: %2")
                           .arg(QLatin1String(typeid(e).name()), QString::fromUtf8(e.what()))));
        } catch (...) {
            QFAIL(qPrintable(what + QStringLiteral(": a non-standard exception")));
        }
        ++opened;

        // A clean open: the layout must be consistent and every read must work.
        const SegyFile& f = *file;
        try {
            const qint64 nt = f.traceCount();
            const qint64 ns = f.sampleCount();
            QVERIFY2(f.path() == path, qPrintable(what));
            QVERIFY2(f.fileSize() == bytes.size(), qPrintable(what));
            QVERIFY2(nt >= 0, qPrintable(what));
            QVERIFY2(ns > 0, qPrintable(what));
            QVERIFY2(f.firstTraceOffset() >= 3600, qPrintable(what));
            QVERIFY2(f.traceHeaderBytes() >= 240 && f.traceHeaderBytes() % 240 == 0,
                     qPrintable(what));
            QVERIFY2(f.traceBytes() == f.traceHeaderBytes() + ns * bytesPerSample(f.format()),
                     qPrintable(what));
            QVERIFY2(nt * f.traceBytes() + f.firstTraceOffset() <= f.fileSize(),
                     qPrintable(what + QStringLiteral(": %1 traces of %2 bytes from %3 in %4")
                                           .arg(nt)
                                           .arg(f.traceBytes())
                                           .arg(f.firstTraceOffset())
                                           .arg(f.fileSize())));
            QVERIFY2(std::isfinite(f.sampleIntervalUs()) && f.sampleIntervalUs() >= 0,
                     qPrintable(what));
            QVERIFY2(!options.byteOrder || f.byteOrder() == *options.byteOrder, qPrintable(what));
            QVERIFY2(f.binaryHeader().byteOrder() == f.byteOrder(), qPrintable(what));
            QVERIFY2(f.textHeader().size() == 40 * 80 + 39, qPrintable(what));
            for (const QString& ext : f.extendedTextHeaders())
                QVERIFY2(ext.size() == 40 * 80 + 39, qPrintable(what));
            for (const QString& w : f.warnings())
                QVERIFY2(!w.isEmpty(), qPrintable(what));
            (void)f.binaryHeader().toJson();

            if (nt > 0) {
                ++withTraces;
                // Every trace's full window, one at a time and all at once.
                std::vector<float> one(std::size_t(ns), -1.0f);
                for (qint64 t = 0; t < nt; ++t)
                    f.readWindow({t, t + 1}, {0, ns}, one.data());
                std::vector<float> all(std::size_t(nt * ns));
                f.readWindow({0, nt}, {0, ns}, all.data());
                for (qint64 k = 0; k < ns; ++k)
                    QVERIFY2(std::bit_cast<quint32>(one[std::size_t(k)]) ==
                                 std::bit_cast<quint32>(all[std::size_t((nt - 1) * ns + k)]),
                             qPrintable(what));
                if (f.format() == SampleFormat::IbmFloat32)
                    for (float v : all)
                        QVERIFY2(!std::isnan(v), qPrintable(what + QStringLiteral(": IBM NaN")));
            }
            // Every standard header column over every trace.
            std::vector<std::vector<qint64>> columns(fields.size(),
                                                     std::vector<qint64>(std::size_t(nt)));
            std::vector<qint64*> out;
            for (auto& c : columns)
                out.push_back(c.data());
            f.readHeaderColumns(fields, {0, nt}, out);

            // One past the end is refused with the file named.
            bool refused = false;
            try {
                f.checkTraceRange({0, nt + 1});
            } catch (const ArgumentError& e) {
                refused = QString::fromUtf8(e.what()).contains(path);
            }
            QVERIFY2(refused, qPrintable(what));
        } catch (const std::exception& e) {
            QFAIL(qPrintable(
                what + QStringLiteral(": reading an opened file threw %1: %2")
                           .arg(QLatin1String(typeid(e).name()), QString::fromUtf8(e.what()))));
        }
    }
    qInfo("%d cases: %d opened (%d with traces), %d rejected with seis::FormatError", iterations,
          opened, withTraces, rejected);
    // Both outcomes must be common, or the corruptions are too mild or too harsh to test much.
    if (iterations >= 1000) {
        QVERIFY(opened >= iterations / 10);
        QVERIFY(withTraces >= iterations / 10);
        QVERIFY(rejected >= iterations / 10);
    }
}

QTEST_GUILESS_MAIN(TestCorruption)
#include "tst_corruption.moc"
