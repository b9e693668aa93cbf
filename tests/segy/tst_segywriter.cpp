// SegyWriter at the core level: the options it refuses (before anything is created), the
// standard template for sources that are not SEG-Y read back by the reader, the textual header
// encoder, 64-bit sizes, the sink protocol, and that a cancelled copy, a failing source and a
// full file system leave nothing under the output's name (an existing file keeps its bytes).
// Sample encodings and header rules against independent references are tested through
// `seisview-cli export` in tests/app/tst_export.cpp.
#include "filesystemsupport.h"

#include "seis/base/error.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/processingchain.h"
#include "seis/segy/segyfile.h"
#include "seis/segy/segywriter.h"
#include "seis/segy/textheader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <atomic>
#include <cstring>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

QString fixture(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QLatin1Char('/') + name;
}

// Big-endian trace headers built from a few fields, as a non-SEG-Y source gives them.
std::vector<std::byte> headers(qint64 traces) {
    std::vector<std::byte> h(std::size_t(traces) * kTraceHeaderBytes);
    for (qint64 t = 0; t < traces; ++t) {
        std::byte* p = h.data() + t * kTraceHeaderBytes;
        detail::storeIntField(p + 8, FieldType::I4, ByteOrder::Big, 700 + t);  // fldr
        detail::storeIntField(p + 36, FieldType::I4, ByteOrder::Big, -25 * t); // offset
    }
    return h;
}

// A source that reads like `inner` but fails on the `failAt`-th window (counted from 1).
class FailingSource final : public TraceSource {
public:
    FailingSource(const SegyFile& inner, int failAt)
        : m_inner(inner)
        , m_failAt(failAt) {}
    QString path() const override { return m_inner.path(); }
    qint64 traceCount() const override { return m_inner.traceCount(); }
    qint64 sampleCount() const override { return m_inner.sampleCount(); }
    double sampleIntervalUs() const override { return m_inner.sampleIntervalUs(); }
    double startTimeMs() const override { return m_inner.startTimeMs(); }
    QString identity() const override { return {}; }
    void readWindow(TraceRange t, SampleRange s, float* dst) const override {
        if (++m_reads >= m_failAt)
            throw IoError(path(), QStringLiteral("simulated read failure"));
        m_inner.readWindow(t, s, dst);
    }
    void readHeaderColumns(std::span<const HeaderField> f, TraceRange t,
                           std::span<qint64* const> out) const override {
        m_inner.readHeaderColumns(f, t, out);
    }
    void readTraceHeaders(TraceRange t, std::byte* dst) const override {
        m_inner.readTraceHeaders(t, dst);
    }
    ByteOrder headerByteOrder() const override { return m_inner.headerByteOrder(); }

private:
    const SegyFile& m_inner;
    int m_failAt;
    mutable std::atomic<int> m_reads{0};
};

CopyOptions smallBlocks() {
    CopyOptions o;
    o.blockBytes = 64 * 1024; // many blocks, so a failure can come in the middle
    return o;
}

} // namespace

class TestSegyWriter : public QObject {
    Q_OBJECT

private slots:
    void refusesBadOptions_data();
    void refusesBadOptions();
    void longTracesNeedRevision2();
    void standardTemplateReadsBack();
    void textHeaderEncoding();
    void sizesAre64Bit();
    void protocolMistakes();
    void cancelledCopyLeavesNothing();
    void failingSourceLeavesNothing();
    void noSpaceLeavesNothing();
    void failingWriteEndsTheCopy();

private:
    QTemporaryDir m_dir;
};

void TestSegyWriter::refusesBadOptions_data() {
    QTest::addColumn<int>("format");   // 0: not given
    QTest::addColumn<int>("revision"); // 0: not given
    QTest::addColumn<bool>("little");
    QTest::addColumn<QString>("words");
    QTest::newRow("format 13") << 13 << 0 << false << "format 13|expected one of";
    QTest::newRow("format 0") << 0 - 100 << 0 << false << "format -100";
    QTest::newRow("format 4") << 4 << 0 << false << "format 4|cannot be written";
    QTest::newRow("revision 3") << 5 << 3 << false << "revision 3|1 or 2";
    QTest::newRow("format 9 rev 1") << 9 << 1 << false << "format 9|revision 2";
    QTest::newRow("format 16 rev 1") << 16 << 1 << false << "format 16|revision 2";
    QTest::newRow("little rev 1") << 5 << 1 << true << "little-endian|revision 2";
}

void TestSegyWriter::refusesBadOptions() {
    QFETCH(int, format);
    QFETCH(int, revision);
    QFETCH(bool, little);
    QFETCH(QString, words);
    SegyWriterOptions o;
    if (format != 0)
        o.format = format;
    if (revision != 0)
        o.revision = revision;
    if (little)
        o.byteOrder = ByteOrder::Little;
    const QString path = m_dir.filePath(QStringLiteral("refused.sgy"));
    try {
        SegyWriter w(path, SegyHeaderTemplate::standard(), o);
        QFAIL("no ArgumentError");
    } catch (const ArgumentError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith(path), qPrintable(what));
        for (const QString& word : words.split(QLatin1Char('|')))
            QVERIFY2(what.contains(word), qPrintable(what));
    }
    QVERIFY(entriesOf(m_dir.path()).isEmpty());
}

void TestSegyWriter::longTracesNeedRevision2() {
    const QString path = m_dir.filePath(QStringLiteral("long.sgy"));
    OutputLayout layout;
    layout.traceCount = 1;
    layout.sampleCount = 40000;
    layout.sampleIntervalUs = 1000;
    {
        SegyWriterOptions o;
        o.revision = 1;
        SegyWriter w(path, SegyHeaderTemplate::standard(), o);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, w.begin(layout));
    }
    QVERIFY(entriesOf(m_dir.path()).isEmpty());
    // Without --revision, a rev 1 template is raised to rev 2.
    SegyHeaderTemplate rev1 = SegyHeaderTemplate::standard();
    rev1.revision = 1;
    SegyWriter w(path, rev1, {});
    QCOMPARE(w.revision(), 1);
    w.begin(layout);
    QCOMPARE(w.revision(), 2);
    const std::vector<float> samples(40000, 1.5f);
    const auto h = headers(1);
    w.write({0, 1, samples.data(), h.data(), nullptr});
    w.commit();
    const SegyFile f(path);
    QCOMPARE(f.sampleCount(), 40000);
    QCOMPARE(f.binaryHeader().value(u"ext_hns"), 40000);
    QCOMPARE(f.binaryHeader().value(u"hns"), 0);
    QCOMPARE(f.binaryHeader().value(u"rev_major"), 2);
    QVERIFY(QFile::remove(path));
}

void TestSegyWriter::standardTemplateReadsBack() {
    const QString path = m_dir.filePath(QStringLiteral("standard.sgy"));
    constexpr qint64 kTraces = 5;
    constexpr qint64 kSamples = 7;
    std::vector<float> samples(kTraces * kSamples);
    for (std::size_t i = 0; i < samples.size(); ++i)
        samples[i] = float(i) * 0.25f - 3.0f;
    const auto h = headers(kTraces);
    OutputLayout layout;
    layout.traceCount = kTraces;
    layout.sampleCount = kSamples;
    layout.sampleIntervalUs = 500;
    SegyWriter w(path, SegyHeaderTemplate::standard(QStringLiteral("tst_segywriter")), {});
    w.begin(layout);
    // Two blocks, in order.
    w.write({0, 2, samples.data(), h.data(), nullptr});
    w.write({2, 3, samples.data() + 2 * kSamples, h.data() + 2 * kTraceHeaderBytes, nullptr});
    w.commit();
    QCOMPARE(w.bytesWritten(), 3600 + kTraces * (240 + 4 * kSamples));
    QCOMPARE(QFileInfo(path).size(), w.bytesWritten());

    const SegyFile f(path);
    QCOMPARE(f.format(), SampleFormat::IeeeFloat32);
    QCOMPARE(f.byteOrder(), ByteOrder::Big);
    QCOMPARE(f.traceCount(), kTraces);
    QCOMPARE(f.sampleCount(), kSamples);
    QCOMPARE(f.sampleIntervalUs(), 500.0);
    QCOMPARE(f.textEncoding(), TextEncoding::Ebcdic);
    QVERIFY2(f.textHeader().startsWith(QStringLiteral("C 1 WRITTEN BY TST_SEGYWRITER")),
             qPrintable(f.textHeader()));
    QVERIFY(f.warnings().isEmpty());
    const BinaryHeader& b = f.binaryHeader();
    QCOMPARE(b.value(u"rev_major"), 2);
    QCOMPARE(b.value(u"byte_order"), qint64(kByteOrderMagic));
    QCOMPARE(b.value(u"ntraces"), kTraces);
    QCOMPARE(b.value(u"trflag"), 1);
    QCOMPARE(b.doubleValue(u"ext_hdt"), 500.0);
    std::vector<float> back(samples.size());
    f.readWindow({0, kTraces}, {0, kSamples}, back.data());
    QVERIFY(std::memcmp(back.data(), samples.data(), samples.size() * 4) == 0);
    std::vector<std::byte> hb(std::size_t(kTraces) * kTraceHeaderBytes);
    f.readTraceHeaders({0, kTraces}, hb.data());
    for (qint64 t = 0; t < kTraces; ++t) {
        const std::byte* p = hb.data() + t * kTraceHeaderBytes;
        QCOMPARE(readIntField(p + 8, FieldType::I4, ByteOrder::Big), 700 + t);
        QCOMPARE(readIntField(p + 36, FieldType::I4, ByteOrder::Big), -25 * t);
        QCOMPARE(readIntField(p + 114, FieldType::U2, ByteOrder::Big), kSamples);
    }
    QVERIFY(QFile::remove(path));
}

void TestSegyWriter::textHeaderEncoding() {
    const QString text = QStringLiteral("C 1 Hello, [EBCDIC] ^ | ! \u00e9\u00df\nC 2 second");
    for (TextEncoding enc : {TextEncoding::Ebcdic, TextEncoding::Ascii}) {
        const QString t =
            enc == TextEncoding::Ascii ? QStringLiteral("C 1 plain ascii ~{}\nC 2") : text;
        const QByteArray bytes = encodeTextHeader(t, enc, QStringLiteral("t.txt"));
        QCOMPARE(bytes.size(), 3200);
        const QString back =
            decodeTextHeader(reinterpret_cast<const std::byte*>(bytes.data()), enc);
        const QStringList lines = back.split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 40);
        const QStringList given = t.split(QLatin1Char('\n'));
        for (int i = 0; i < 40; ++i)
            QCOMPARE(lines[i], (i < given.size() ? given[i] : QString()).leftJustified(80));
    }
    // Python's cp037 for "C 1" and a space: C3 40 F1 40.
    const QByteArray ebcdic = encodeTextHeader(QStringLiteral("C 1"), TextEncoding::Ebcdic, {});
    QCOMPARE(ebcdic.left(4), QByteArray("\xc3\x40\xf1\x40"));
    QCOMPARE(ebcdic.at(3199), '\x40');
    const QString tooLong = QString(81, QLatin1Char('x'));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeTextHeader(tooLong, TextEncoding::Ebcdic, QStringLiteral("t")));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, encodeTextHeader(QStringLiteral("x\n").repeated(41),
                                                             TextEncoding::Ebcdic, {}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeTextHeader(QStringLiteral("\u4e2d"), TextEncoding::Ebcdic, {}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeTextHeader(QStringLiteral("\u00e9"), TextEncoding::Ascii, {}));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeTextHeader(QStringLiteral("a\tb"), TextEncoding::Ascii, {}));
}

void TestSegyWriter::sizesAre64Bit() {
    // 2.5 million traces of 2000 IEEE samples: 20.6 GB, beyond any 32-bit offset. Only the
    // header is written before the abort.
    const QString path = m_dir.filePath(QStringLiteral("huge.sgy"));
    OutputLayout layout;
    layout.traceCount = 2'500'000;
    layout.sampleCount = 2000;
    layout.sampleIntervalUs = 4000;
    SegyWriter w(path, SegyHeaderTemplate::standard(), {});
    const qint64 expected = 3600 + qint64(2'500'000) * (240 + 2000 * 4);
    try {
        w.begin(layout);
        QCOMPARE(w.outputBytes(), expected);
        w.abort();
    } catch (const IoError& e) { // a disk with less than 20.6 GB free: the check names the size
        QVERIFY2(QString::fromUtf8(e.what()).contains(QString::number(expected)), e.what());
    }
    QVERIFY(entriesOf(m_dir.path()).isEmpty());
}

void TestSegyWriter::protocolMistakes() {
    const QString path = m_dir.filePath(QStringLiteral("protocol.sgy"));
    OutputLayout layout;
    layout.traceCount = 3;
    layout.sampleCount = 2;
    layout.sampleIntervalUs = 1000;
    const std::vector<float> samples(6, 1.0f);
    const auto h = headers(3);
    {
        SegyWriter w(path, SegyHeaderTemplate::standard(), {});
        w.begin(layout);
        QVERIFY_THROWS_EXCEPTION(ArgumentError, w.write({1, 1, samples.data(), h.data(), nullptr}));
        w.write({0, 2, samples.data(), h.data(), nullptr});
        QVERIFY_THROWS_EXCEPTION(ArgumentError, w.write({2, 2, samples.data(), h.data(), nullptr}));
        QVERIFY_THROWS_EXCEPTION(ArgumentError, w.commit()); // 2 of 3 traces
        QVERIFY(!QFile::exists(path));
    } // destroyed without commit: aborts
    QVERIFY(entriesOf(m_dir.path()).isEmpty());
}

void TestSegyWriter::cancelledCopyLeavesNothing() {
    const SegyFile source(fixture(QStringLiteral("many_traces.sgy")));
    const QString path = m_dir.filePath(QStringLiteral("cancelled.sgy"));
    QVERIFY(writeFile(path, "old contents"));
    const TraceSelection all(source.traceCount(), source.sampleCount());
    SegyWriterOptions options;
    options.output.inputs = {source.path()};
    SegyWriter w(path, SegyHeaderTemplate::fromFile(source), options);
    int calls = 0;
    bool sawPartial = false;
    const CopyResult r = copyTraces(
        source, all, ProcessingChain{}, w,
        [&](qint64 done, qint64 total) {
            sawPartial = sawPartial || (done > 0 && done < total);
            return ++calls < 3; // cancel mid-export
        },
        smallBlocks());
    QCOMPARE(r.status, LoadStatus::Cancelled);
    QVERIFY(sawPartial);
    QCOMPARE(readFile(path), QByteArray("old contents"));
    QCOMPARE(entriesOf(m_dir.path()), QStringList{QStringLiteral("cancelled.sgy")});
    QVERIFY(QFile::remove(path));
}

void TestSegyWriter::failingSourceLeavesNothing() {
    const SegyFile inner(fixture(QStringLiteral("many_traces.sgy")));
    const FailingSource source(inner, 5);
    const QString path = m_dir.filePath(QStringLiteral("failed.sgy"));
    const TraceSelection all(inner.traceCount(), inner.sampleCount());
    SegyWriter w(path, SegyHeaderTemplate::fromFile(inner), {});
    try {
        copyTraces(source, all, ProcessingChain{}, w, {}, smallBlocks());
        QFAIL("no exception");
    } catch (const IoError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("simulated")), e.what());
    }
    QVERIFY(entriesOf(m_dir.path()).isEmpty());
    // The same source without the failure writes the whole file.
    const FailingSource fine(inner, 1 << 30);
    SegyWriter w2(path, SegyHeaderTemplate::fromFile(inner), {});
    QCOMPARE(copyTraces(fine, all, ProcessingChain{}, w2, {}, smallBlocks()).status,
             LoadStatus::Completed);
    {
        const SegyFile copy(path);
        QCOMPARE(copy.traceCount(), inner.traceCount());
        QCOMPARE(copy.sampleCount(), inner.sampleCount());
        std::vector<float> x(std::size_t(inner.traceCount() * inner.sampleCount()));
        std::vector<float> y(x.size());
        inner.readWindow({0, inner.traceCount()}, {0, inner.sampleCount()}, x.data());
        copy.readWindow({0, inner.traceCount()}, {0, inner.sampleCount()}, y.data());
        QVERIFY(std::memcmp(x.data(), y.data(), x.size() * 4) == 0);
    }
    QVERIFY(QFile::remove(path));
}

void TestSegyWriter::noSpaceLeavesNothing() {
    if (::geteuid() != 0)
        QSKIP("mounting a tmpfs needs root (CI runs the tests as root)");
    TmpfsMount disk("1M");
    QVERIFY2(disk.mounted(), qPrintable(disk.error()));
    const QString path = disk.path(QStringLiteral("big.sgy"));
    OutputLayout layout;
    layout.traceCount = 1000;
    layout.sampleCount = 1000; // 4.2 MB
    layout.sampleIntervalUs = 1000;
    SegyWriter w(path, SegyHeaderTemplate::standard(), {});
    try {
        w.begin(layout);
        QFAIL("no IoError");
    } catch (const IoError& e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.startsWith(path) && what.contains(QStringLiteral("needs 4243600 bytes")),
                 qPrintable(what));
    }
    QVERIFY(entriesOf(disk.path()).isEmpty());
}

void TestSegyWriter::failingWriteEndsTheCopy() {
    // A sink whose writes fail (a full device: streamed to, so no space check applies): the
    // copy ends with the writer's IoError naming the output, and the source is untouched.
    if (!QFileInfo(QStringLiteral("/dev/full")).exists())
        QSKIP("no /dev/full on this system");
    const SegyFile source(fixture(QStringLiteral("many_traces.sgy")));
    const TraceSelection all(source.traceCount(), source.sampleCount());
    SegyWriter w(QStringLiteral("/dev/full"), SegyHeaderTemplate::fromFile(source), {});
    try {
        copyTraces(source, all, ProcessingChain{}, w, {}, smallBlocks());
        QFAIL("no exception");
    } catch (const IoError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(QStringLiteral("/dev/full")), e.what());
    }
    QVERIFY(w.bytesWritten() < w.outputBytes());
}

QTEST_GUILESS_MAIN(TestSegyWriter)
#include "tst_segywriter.moc"
