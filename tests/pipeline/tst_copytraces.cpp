// copyTraces into an in-memory sink: samples against libsegyio's reads (an independent decoder),
// headers against segyio's raw header bytes (big-endian) or the source's own, order, layout, the
// processing chain (with the headers and times each block's steps are given), failures (a sink
// that throws on begin or write, a read or a step that throws, a progress callback that throws:
// each aborts the sink, commits nothing and propagates), cancellation, and bounded memory: no
// block is read before the block blocksInFlight earlier was written, and the sink sees at most
// blocksInFlight buffers. The many-threads tiny-block cases are for ThreadSanitizer.
//
// Files: tests/data/make_pipeline_files.py (SEIS_TEST_DATA).
#include "segyiofile.h"
#include "testdata.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/base/parallel.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/processingchain.h"
#include "seis/segy/segyfile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

const QString kGathersBe = QStringLiteral("pipeline_gathers_be.sgy");
const QString kGathersLe = QStringLiteral("pipeline_gathers_le.sgy");
const QString kWide = QStringLiteral("pipeline_wide.sgy");

// Bytes one trace counts for in CopyOptions::blockBytes (copytraces.h): samples, header, index.
qint64 traceBytes(qint64 samples) {
    return samples * 4 + kTraceHeaderBytes + 8;
}

// Collects everything written; checks the protocol as it goes.
class MemorySink final : public TraceSink {
public:
    QString path() const override { return QStringLiteral("memory sink"); }
    void begin(const OutputLayout& layout) override {
        ++begins;
        this->layout = layout;
        if (failBegin)
            throw IoError(path(), QStringLiteral("cannot begin (test)"));
    }
    void write(const TraceBlock& block) override {
        if (std::this_thread::get_id() != owner)
            protocolError = QStringLiteral("write on another thread");
        if (begins != 1 || commits || aborts)
            protocolError = QStringLiteral("write outside begin .. commit");
        if (block.first != written || block.count < 1)
            protocolError = QStringLiteral("block %1+%2 after %3 traces")
                                .arg(block.first)
                                .arg(block.count)
                                .arg(written);
        ++writes;
        if (beforeWrite)
            beforeWrite(writes);
        if (failWrite == writes)
            throw IoError(path(), QStringLiteral("no space left on device (test)"));
        const qint64 ns = layout.sampleCount;
        samples.insert(samples.end(), block.samples, block.samples + block.count * ns);
        headers.insert(headers.end(), block.headers,
                       block.headers + block.count * kTraceHeaderBytes);
        traces.insert(traces.end(), block.sourceTraces, block.sourceTraces + block.count);
        buffers.insert(block.samples);
        blockCounts.push_back(block.count);
        written += block.count;
        blocksWritten.store(writes, std::memory_order_release);
    }
    void commit() override {
        if (begins != 1 || aborts || written != layout.traceCount)
            protocolError =
                QStringLiteral("commit after %1 of %2 traces").arg(written).arg(layout.traceCount);
        ++commits;
    }
    void abort() noexcept override { ++aborts; }

    std::thread::id owner = std::this_thread::get_id();
    bool failBegin = false;
    int failWrite = 0; // the write (1, 2, ...) that throws; 0 none
    std::function<void(int)> beforeWrite;

    OutputLayout layout;
    int begins = 0;
    int writes = 0;
    int commits = 0;
    int aborts = 0;
    qint64 written = 0;
    std::atomic<int> blocksWritten{0};
    std::vector<float> samples;
    std::vector<std::byte> headers;
    std::vector<qint64> traces;
    std::set<const float*> buffers;
    std::vector<qint64> blockCounts;
    QString protocolError;
};

// Forwards to a SegyFile; counts concurrent sample reads, records what each read asked for, and
// can fail a read.
class CountingSource final : public TraceSource {
public:
    explicit CountingSource(const TraceSource& inner)
        : m_inner(inner) {}
    QString path() const override { return m_inner.path(); }
    qint64 traceCount() const override { return m_inner.traceCount(); }
    qint64 sampleCount() const override { return m_inner.sampleCount(); }
    double sampleIntervalUs() const override { return m_inner.sampleIntervalUs(); }
    double startTimeMs() const override { return m_inner.startTimeMs(); }
    QString identity() const override { return m_inner.identity(); }
    ByteOrder headerByteOrder() const override { return m_inner.headerByteOrder(); }
    void readTraceHeaders(TraceRange traces, std::byte* dst) const override {
        ++headerReads;
        m_inner.readTraceHeaders(traces, dst);
    }
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override {
        m_inner.readHeaderColumns(fields, traces, out);
    }
    void willRead(TraceRange traces) const override {
        ++advice;
        {
            std::lock_guard lock(m_mutex);
            m_advice.push_back(traces);
        }
        m_inner.willRead(traces);
    }
    std::vector<TraceRange> adviceLog() const {
        std::lock_guard lock(m_mutex);
        return m_advice;
    }
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        const int call = ++reads;
        const int now = ++m_active;
        for (int seen = maxActive.load();
             now > seen && !maxActive.compare_exchange_weak(seen, now);) {
        }
        if (sinkBlocks) {
            std::lock_guard lock(m_mutex);
            m_log.push_back({traces.end - 1, sinkBlocks->load(std::memory_order_acquire)});
        }
        try {
            if (beforeRead)
                beforeRead(call, traces);
            if (failRead == call)
                throw FormatError(path(), QStringLiteral("read failed (test)"));
            m_inner.readWindow(traces, samples, dst);
        } catch (...) {
            --m_active;
            throw;
        }
        --m_active;
    }

    struct Read {
        qint64 lastTrace;
        int blocksWritten; // the sink's, when the read started
    };
    std::vector<Read> readLog() const {
        std::lock_guard lock(m_mutex);
        return m_log;
    }

    int failRead = 0;
    std::function<void(int, TraceRange)> beforeRead;
    const std::atomic<int>* sinkBlocks = nullptr;
    mutable std::atomic<int> reads{0};
    mutable std::atomic<int> headerReads{0};
    mutable std::atomic<int> advice{0};
    mutable std::atomic<int> maxActive{0};

private:
    const TraceSource& m_inner;
    mutable std::atomic<int> m_active{0};
    mutable std::mutex m_mutex;
    mutable std::vector<Read> m_log;
    mutable std::vector<TraceRange> m_advice;
};

// Multiplies every sample by 2.
class TimesTwo final : public ProcessingStep {
public:
    QString name() const override { return QStringLiteral("times2"); }
    nlohmann::ordered_json toJson() const override { return {{"step", "times2"}}; }
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext&) const override {
        for (qint64 i = 0; i < traces * samples; ++i)
            data[i] *= 2;
    }
};

// Adds each trace's tracl (header bytes 1-4, in the context's byte order) to its first sample,
// and checks the context's interval and start time. Fails on call `failCall`.
class AddTracl final : public ProcessingStep {
public:
    AddTracl(double intervalUs, double startMs)
        : m_interval(intervalUs)
        , m_start(startMs) {}
    QString name() const override { return QStringLiteral("addtracl"); }
    nlohmann::ordered_json toJson() const override { return {{"step", "addtracl"}}; }
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override {
        if (++calls == failCall)
            throw ArgumentError(QStringLiteral("step failed (test)"));
        if (context.sampleIntervalUs != m_interval || context.startTimeMs != m_start ||
            !context.headers)
            wrongContext = true;
        for (qint64 t = 0; t < traces; ++t) {
            const auto* h =
                reinterpret_cast<const unsigned char*>(context.headers) + t * kTraceHeaderBytes;
            const std::uint32_t v = context.headerByteOrder == ByteOrder::Big
                                        ? std::uint32_t(h[0]) << 24 | std::uint32_t(h[1]) << 16 |
                                              std::uint32_t(h[2]) << 8 | h[3]
                                        : std::uint32_t(h[3]) << 24 | std::uint32_t(h[2]) << 16 |
                                              std::uint32_t(h[1]) << 8 | h[0];
            data[t * samples] += float(std::int32_t(v));
        }
    }
    int failCall = 0;
    mutable std::atomic<int> calls{0};
    mutable std::atomic<bool> wrongContext{false};

private:
    double m_interval;
    double m_start;
};

// Every trace of `path` read with libsegyio, trace-major; empty on failure.
std::vector<float> segyioTraces(const QString& path, bool littleEndian) {
    test::SegyioFile f(path, littleEndian);
    if (!f.ok())
        return {};
    std::vector<float> all(std::size_t(f.traces) * std::size_t(f.samples));
    for (int t = 0; t < f.traces; ++t)
        if (!f.trace(t, all.data() + std::size_t(t) * std::size_t(f.samples)))
            return {};
    return all;
}

// The raw 240-byte headers of every trace, read with libsegyio.
std::vector<std::byte> segyioHeaders(const QString& path) {
    test::SegyioFile f(path);
    if (!f.ok())
        return {};
    std::vector<std::byte> all(std::size_t(f.traces) * kTraceHeaderBytes);
    for (int t = 0; t < f.traces; ++t)
        if (!f.traceHeader(t, reinterpret_cast<char*>(all.data()) + t * kTraceHeaderBytes))
            return {};
    return all;
}

std::vector<qint64> walk(const TraceSelection& s) {
    std::vector<qint64> out(std::size_t(s.traceCount()));
    TraceSelection::Cursor cursor(s);
    cursor.next(s.traceCount(), out.data());
    return out;
}

// The expected output of copying `selection` of `file`: the reference samples of the selected
// traces and sample range.
std::vector<float> expectedSamples(const std::vector<float>& all, qint64 ns,
                                   const TraceSelection& selection) {
    std::vector<float> out;
    const SampleRange s = selection.samples();
    for (qint64 t : walk(selection))
        out.insert(out.end(), all.begin() + t * ns + s.begin, all.begin() + t * ns + s.end);
    return out;
}

std::vector<std::byte> directHeaders(const TraceSource& source, const std::vector<qint64>& traces) {
    std::vector<std::byte> out(traces.size() * kTraceHeaderBytes);
    for (std::size_t i = 0; i < traces.size(); ++i)
        source.readTraceHeaders(TraceRange{traces[i], traces[i] + 1},
                                out.data() + i * kTraceHeaderBytes);
    return out;
}

// Where two float arrays first differ, or empty (bitwise: the copy changes nothing).
// How far the reads of `source` went ahead of the sink: for each read, its last block (blocks
// of `perBlock` traces) less the blocks written when it was read. `firstBeyond` describes the
// first read `allowed` or more blocks ahead (empty when none); `furthest` is the largest lead.
struct ReadAhead {
    qint64 furthest = 0;
    QString firstBeyond;
};
ReadAhead readAhead(const CountingSource& source, qint64 perBlock, qint64 allowed) {
    ReadAhead ahead;
    for (const auto& r : source.readLog()) {
        const qint64 block = r.lastTrace / perBlock;
        if (ahead.firstBeyond.isEmpty() && block >= r.blocksWritten + allowed)
            ahead.firstBeyond = QStringLiteral("block %1 (trace %2) read after %3 blocks written")
                                    .arg(block)
                                    .arg(r.lastTrace)
                                    .arg(r.blocksWritten);
        ahead.furthest = std::max(ahead.furthest, block - r.blocksWritten);
    }
    return ahead;
}

QString firstDifference(const std::vector<float>& got, const std::vector<float>& want, qint64 ns) {
    if (got.size() != want.size())
        return QStringLiteral("%1 values, expected %2").arg(got.size()).arg(want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
        if (std::memcmp(&got[i], &want[i], 4) != 0)
            return QStringLiteral("trace %1 sample %2: %3, expected %4")
                .arg(qint64(i) / ns)
                .arg(qint64(i) % ns)
                .arg(got[i])
                .arg(want[i]);
    return {};
}

SegyOpenOptions orderOf(bool littleEndian) {
    SegyOpenOptions o;
    if (littleEndian)
        o.byteOrder = ByteOrder::Little;
    return o;
}

} // namespace

class TestCopyTraces : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void copyEverything_data();
    void copyEverything();
    void copySelection_data();
    void copySelection();
    void chainApplied();
    void sinkFails();
    void readOrStepFails_data();
    void readOrStepFails();
    void cancelled();
    void progressThrows();
    void readAheadAdvice();
    void boundedBlocksInFlight_data();
    void boundedBlocksInFlight();
    void tracesLongerThanABlock_data();
    void tracesLongerThanABlock();
    void manyThreadsTinyBlocks();
    void sinkUsesThePool();
    void emptyAndInvalid();

private:
    QTemporaryDir m_cache;
};

void TestCopyTraces::initTestCase() {
    QVERIFY(m_cache.isValid());
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
    for (const QString& name : {kGathersBe, kGathersLe, kWide})
        QVERIFY2(QFile::exists(testdata::dataPath(name)), qPrintable(name));
}

void TestCopyTraces::copyEverything_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<qint64>("blockTraces"); // 0: the default block size
    QTest::addColumn<int>("threads");
    QTest::addColumn<int>("inFlight");
    for (const QString& name : {kGathersBe, kGathersLe}) {
        const QByteArray n = name.toLatin1();
        QTest::newRow(n + " defaults") << name << qint64(0) << 0 << 0;
        QTest::newRow(n + " one trace per block") << name << qint64(1) << 4 << 2;
        QTest::newRow(n + " one thread, one block") << name << qint64(7) << 1 << 1;
        QTest::newRow(n + " 7 traces, 3 threads") << name << qint64(7) << 3 << 5;
        QTest::newRow(n + " more threads than blocks") << name << qint64(100) << 16 << 0;
    }
}

void TestCopyTraces::copyEverything() {
    QFETCH(QString, name);
    QFETCH(qint64, blockTraces);
    QFETCH(int, threads);
    QFETCH(int, inFlight);
    const bool le = name == kGathersLe;
    const QString path = testdata::dataPath(name);
    SegyFile file(path, orderOf(le));
    CountingSource source(file);
    const TraceSelection all(file.traceCount(), file.sampleCount());
    MemorySink sink;
    CopyOptions options;
    if (blockTraces > 0)
        options.blockBytes = blockTraces * traceBytes(file.sampleCount());
    options.threads = threads;
    options.blocksInFlight = inFlight;
    std::vector<std::pair<qint64, qint64>> progress;
    bool progressRight = true;
    const CopyResult result = copyTraces(
        source, all, ProcessingChain{}, sink,
        [&](qint64 done, qint64 total) {
            // On the calling thread, after each block written.
            progressRight =
                progressRight && std::this_thread::get_id() == sink.owner && done == sink.written;
            progress.emplace_back(done, total);
            return true;
        },
        options);
    QVERIFY(progressRight);

    QVERIFY2(sink.protocolError.isEmpty(), qPrintable(sink.protocolError));
    QCOMPARE(result.status, LoadStatus::Completed);
    QCOMPARE(result.traces, qint64(480));
    QCOMPARE(result.bytesRead, qint64(480) * (40 * 4 + 240));
    QVERIFY(result.seconds >= 0);
    QCOMPARE(sink.begins, 1);
    QCOMPARE(sink.commits, 1);
    QCOMPARE(sink.aborts, 0);
    // Layout.
    QCOMPARE(sink.layout.traceCount, qint64(480));
    QCOMPARE(sink.layout.sampleCount, qint64(40));
    QCOMPARE(sink.layout.sampleIntervalUs, 2000.0);
    QCOMPARE(sink.layout.startTimeMs, 100.0);
    QCOMPARE(sink.layout.firstSourceSample, qint64(0));
    QCOMPARE(sink.layout.sourceSampleCount, qint64(40));
    QCOMPARE(sink.layout.headerByteOrder, le ? ByteOrder::Little : ByteOrder::Big);
    // Samples: libsegyio's, bit for bit.
    const auto want = segyioTraces(path, le);
    QVERIFY(!want.empty());
    const QString diff = firstDifference(sink.samples, want, 40);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    // Headers: segyio's raw bytes for the big-endian file; the file's own otherwise (with tracl
    // decoded in its byte order).
    std::vector<qint64> order(480);
    std::iota(order.begin(), order.end(), 0);
    QCOMPARE(sink.traces, order);
    if (!le)
        QVERIFY(sink.headers == segyioHeaders(path));
    QVERIFY(sink.headers == directHeaders(file, order));
    for (qint64 t = 0; t < 480; ++t) {
        const auto* h = reinterpret_cast<const unsigned char*>(sink.headers.data()) + t * 240;
        const qint64 tracl = le ? h[0] | h[1] << 8 : h[3] | h[2] << 8;
        QCOMPARE(tracl, t + 1);
    }
    // Blocks: of the asked size (the last may be shorter); buffers reused.
    const qint64 perBlock = blockTraces > 0 ? std::min<qint64>(blockTraces, 480) : 480;
    for (std::size_t b = 0; b + 1 < sink.blockCounts.size(); ++b)
        QCOMPARE(sink.blockCounts[b], perBlock);
    QCOMPARE(qint64(sink.blockCounts.size()), (480 + perBlock - 1) / perBlock);
    const int effectiveInFlight = inFlight > 0 ? inFlight : 1000;
    QVERIFY(int(sink.buffers.size()) <= effectiveInFlight);
    QVERIFY(source.maxActive <= (threads > 0 ? threads : QThread::idealThreadCount()));
    // Progress after each block, ending at the total.
    QCOMPARE(progress.size(), sink.blockCounts.size());
    QCOMPARE(progress.back(), (std::pair<qint64, qint64>{480, 480}));
}

void TestCopyTraces::copySelection_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("kind");
    for (const QString& name : {kGathersBe, kGathersLe}) {
        const QByteArray n = name.toLatin1();
        QTest::newRow(n + " where + every + time") << name << 0;
        QTest::newRow(n + " ensembles + time cut at both ends") << name << 1;
        QTest::newRow(n + " every 5, one trace per block") << name << 2;
        QTest::newRow(n + " one trace, one sample") << name << 3;
    }
}

void TestCopyTraces::copySelection() {
    QFETCH(QString, name);
    QFETCH(int, kind);
    const bool le = name == kGathersLe;
    const QString path = testdata::dataPath(name);
    SegyFile file(path, orderOf(le));
    SelectionSpec spec;
    CopyOptions options;
    options.threads = 3;
    options.blockBytes = 5 * traceBytes(40);
    switch (kind) {
    case 0:
        spec.where = {{*findStandardTraceField(u"offset"), -300, 300}};
        spec.every = 2;
        spec.timeMs = {{111.0, 151.3}};
        break;
    case 1:
        spec.ensembles = TraceRange{4, 9};
        spec.timeMs = {{103.0, 170.0}};
        break;
    case 2:
        spec.every = 5;
        options.blockBytes = 1;
        break;
    case 3:
        spec.traces = TraceRange{479, 480};
        spec.timeMs = {{130.0, 132.0}};
        break;
    }
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    MemorySink sink;
    const CopyResult result = copyTraces(file, *selection, ProcessingChain{}, sink, {}, options);
    QVERIFY2(sink.protocolError.isEmpty(), qPrintable(sink.protocolError));
    QCOMPARE(result.status, LoadStatus::Completed);
    QCOMPARE(result.traces, selection->traceCount());
    QCOMPARE(sink.commits, 1);
    const SampleRange s = selection->samples();
    QCOMPARE(sink.layout.traceCount, selection->traceCount());
    QCOMPARE(sink.layout.sampleCount, s.count());
    QCOMPARE(sink.layout.firstSourceSample, s.begin);
    QCOMPARE(sink.layout.sourceSampleCount, qint64(40));
    QCOMPARE(sink.layout.startTimeMs, 100.0 + 2.0 * double(s.begin));
    const auto traces = walk(*selection);
    QCOMPARE(sink.traces, traces);
    const QString diff = firstDifference(
        sink.samples, expectedSamples(segyioTraces(path, le), 40, *selection), s.count());
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(sink.headers == directHeaders(file, traces));
    if (kind == 3) {
        QCOMPARE(sink.layout.sampleCount, qint64(1));
        QCOMPARE(sink.layout.startTimeMs, 130.0);
    }
}

void TestCopyTraces::chainApplied() {
    for (const bool le : {false, true}) {
        const QString path = testdata::dataPath(le ? kGathersLe : kGathersBe);
        SegyFile file(path, orderOf(le));
        SelectionSpec spec;
        spec.every = 3;
        spec.timeMs = {{120.0, 160.0}}; // samples 10:30, from 120 ms
        const auto selection = resolveSelection(file, spec);
        QVERIFY(selection);
        ProcessingChain chain;
        chain.append(std::make_shared<TimesTwo>());
        auto addTracl = std::make_shared<AddTracl>(2000.0, 120.0);
        chain.append(addTracl);
        MemorySink sink;
        CopyOptions options;
        options.threads = 4;
        options.blockBytes = 4 * traceBytes(20);
        QCOMPARE(copyTraces(file, *selection, chain, sink, {}, options).status,
                 LoadStatus::Completed);
        QVERIFY(!addTracl->wrongContext);
        QCOMPARE(addTracl->calls.load(), int(sink.blockCounts.size()));
        auto want = expectedSamples(segyioTraces(path, le), 40, *selection);
        const auto traces = walk(*selection);
        for (std::size_t i = 0; i < want.size(); ++i)
            want[i] *= 2;
        for (std::size_t k = 0; k < traces.size(); ++k)
            want[k * 20] += float(traces[k] + 1); // tracl = trace + 1
        const QString diff = firstDifference(sink.samples, want, 20);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
}

void TestCopyTraces::sinkFails() {
    SegyFile file(testdata::dataPath(kGathersBe));
    const TraceSelection all(file.traceCount(), file.sampleCount());
    CopyOptions options;
    options.threads = 4;
    options.blockBytes = 1;
    {
        // The third write fails: the error comes through, the sink is aborted, never committed.
        CountingSource source(file);
        MemorySink sink;
        sink.failWrite = 3;
        const QString message = messageOf<IoError>(
            [&] { copyTraces(source, all, ProcessingChain{}, sink, {}, options); });
        QVERIFY2(message.contains(QLatin1String("no space left on device (test)")),
                 qPrintable(message));
        QCOMPARE(sink.writes, 3);
        QCOMPARE(sink.aborts, 1);
        QCOMPARE(sink.commits, 0);
        QVERIFY(source.reads < 480); // stopped, not run to the end
    }
    {
        // begin fails: nothing is read.
        CountingSource source(file);
        MemorySink sink;
        sink.failBegin = true;
        const QString message = messageOf<IoError>(
            [&] { copyTraces(source, all, ProcessingChain{}, sink, {}, options); });
        QVERIFY2(message.contains(QLatin1String("cannot begin (test)")), qPrintable(message));
        QCOMPARE(sink.aborts, 1);
        QCOMPARE(sink.commits, 0);
        QCOMPARE(sink.writes, 0);
        QCOMPARE(source.reads.load(), 0);
    }
}

void TestCopyTraces::readOrStepFails_data() {
    QTest::addColumn<bool>("step");
    QTest::addColumn<int>("failAt");
    QTest::addColumn<int>("threads");
    QTest::newRow("read 1, one thread") << false << 1 << 1;
    QTest::newRow("read 5, 4 threads") << false << 5 << 4;
    QTest::newRow("read 200, 8 threads") << false << 200 << 8;
    QTest::newRow("step 1, 4 threads") << true << 1 << 4;
    QTest::newRow("step 77, 8 threads") << true << 77 << 8;
}

void TestCopyTraces::readOrStepFails() {
    QFETCH(bool, step);
    QFETCH(int, failAt);
    QFETCH(int, threads);
    SegyFile file(testdata::dataPath(kGathersBe));
    CountingSource source(file);
    const TraceSelection all(file.traceCount(), file.sampleCount());
    ProcessingChain chain;
    auto addTracl = std::make_shared<AddTracl>(2000.0, 100.0);
    if (step) {
        addTracl->failCall = failAt;
        chain.append(addTracl);
    } else {
        source.failRead = failAt;
    }
    MemorySink sink;
    CopyOptions options;
    options.threads = threads;
    options.blockBytes = 1;
    options.blocksInFlight = 3;
    QString message;
    if (step)
        message =
            messageOf<ArgumentError>([&] { copyTraces(source, all, chain, sink, {}, options); });
    else
        message =
            messageOf<FormatError>([&] { copyTraces(source, all, chain, sink, {}, options); });
    QVERIFY2(message.contains(QLatin1String("failed (test)")), qPrintable(message));
    QCOMPARE(sink.aborts, 1);
    QCOMPARE(sink.commits, 0);
    QVERIFY(sink.written < 480);
    QVERIFY2(sink.protocolError.isEmpty(), qPrintable(sink.protocolError));
}

void TestCopyTraces::cancelled() {
    SegyFile file(testdata::dataPath(kGathersLe), orderOf(true));
    CountingSource source(file);
    const TraceSelection all(file.traceCount(), file.sampleCount());
    MemorySink sink;
    CopyOptions options;
    options.threads = 4;
    options.blockBytes = 10 * traceBytes(40);
    std::vector<qint64> done;
    bool progressRight = true;
    const CopyResult result = copyTraces(
        source, all, ProcessingChain{}, sink,
        [&](qint64 d, qint64 total) {
            progressRight =
                progressRight && std::this_thread::get_id() == sink.owner && total == 480;
            done.push_back(d);
            return d < 30; // cancel once three blocks are written
        },
        options);
    QVERIFY(progressRight);
    QCOMPARE(result.status, LoadStatus::Cancelled);
    QCOMPARE(result.traces, qint64(30));
    QCOMPARE(done, (std::vector<qint64>{10, 20, 30}));
    QCOMPARE(sink.written, qint64(30));
    QCOMPARE(sink.aborts, 1);
    QCOMPARE(sink.commits, 0);
    // Reads stopped within the blocks in flight (threads + 2 by default).
    QVERIFY(source.reads <= 3 + 4 + 2);
}

void TestCopyTraces::progressThrows() {
    SegyFile file(testdata::dataPath(kGathersBe));
    const TraceSelection all(file.traceCount(), file.sampleCount());
    MemorySink sink;
    CopyOptions options;
    options.threads = 4;
    options.blockBytes = 1;
    const QString message = messageOf<ArgumentError>([&] {
        copyTraces(
            file, all, ProcessingChain{}, sink,
            [](qint64 done, qint64) {
                if (done == 17)
                    throw ArgumentError(QStringLiteral("progress failed (test)"));
                return true;
            },
            options);
    });
    QVERIFY2(message.contains(QLatin1String("progress failed (test)")), qPrintable(message));
    QCOMPARE(sink.written, qint64(17));
    QCOMPARE(sink.aborts, 1);
    QCOMPARE(sink.commits, 0);
}

void TestCopyTraces::readAheadAdvice() {
    // Every selected trace after the first block is announced (willRead) exactly once, by the
    // claim of an earlier block; the first block is read at once, unannounced.
    SegyFile file(testdata::dataPath(kGathersLe), orderOf(true));
    CountingSource source(file);
    SelectionSpec spec;
    spec.every = 3;
    spec.traces = TraceRange{5, 470};
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    constexpr qint64 perBlock = 4;
    CopyOptions options;
    options.threads = 3;
    options.blockBytes = perBlock * traceBytes(40);
    MemorySink sink;
    QCOMPARE(copyTraces(source, *selection, ProcessingChain{}, sink, {}, options).status,
             LoadStatus::Completed);
    const auto advice = source.adviceLog();
    const auto traces = walk(*selection);
    for (std::size_t k = 0; k < traces.size(); ++k) {
        const qint64 t = traces[k];
        const auto covering = std::count_if(
            advice.begin(), advice.end(), [&](TraceRange r) { return t >= r.begin && t < r.end; });
        QVERIFY2(covering == (qint64(k) < perBlock ? 0 : 1),
                 qPrintable(QStringLiteral("trace %1 announced %2 times").arg(t).arg(covering)));
    }
}

void TestCopyTraces::boundedBlocksInFlight_data() {
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<int>("threads");
    QTest::newRow("1 block, 4 threads") << 1 << 4;
    QTest::newRow("2 blocks, 4 threads") << 2 << 4;
    QTest::newRow("3 blocks, 8 threads") << 3 << 8;
    QTest::newRow("5 blocks, 2 threads") << 5 << 2;
}

void TestCopyTraces::boundedBlocksInFlight() {
    QFETCH(int, inFlight);
    QFETCH(int, threads);
    SegyFile file(testdata::dataPath(kGathersBe));
    CountingSource source(file);
    const TraceSelection all(file.traceCount(), file.sampleCount());
    MemorySink sink;
    source.sinkBlocks = &sink.blocksWritten;
    constexpr qint64 perBlock = 2;
    const qint64 blocks = 480 / perBlock;
    CopyOptions options;
    options.threads = threads;
    options.blocksInFlight = inFlight;
    options.blockBytes = perBlock * traceBytes(40);

    // The first write waits until the workers read as far ahead as the bound lets them (the
    // block inFlight - 1), then a little longer, so that a read past the bound would happen.
    std::mutex mutex;
    std::condition_variable changed;
    qint64 furthest = -1;
    source.beforeRead = [&](int, TraceRange t) {
        std::lock_guard lock(mutex);
        furthest = std::max(furthest, (t.end - 1) / perBlock);
        changed.notify_all();
    };
    const int helpers = std::min(threads, inFlight) - 1;
    bool reachedBound = true;
    sink.beforeWrite = [&](int write) {
        if (write != 1 || helpers == 0)
            return;
        std::unique_lock lock(mutex);
        // A generous deadlock guard, not a performance limit.
        reachedBound = changed.wait_for(lock, std::chrono::seconds(60),
                                        [&] { return furthest >= inFlight - 1; });
        lock.unlock();
        std::this_thread::sleep_for(std::chrono::milliseconds(30));
    };
    QCOMPARE(copyTraces(source, all, ProcessingChain{}, sink, {}, options).status,
             LoadStatus::Completed);
    QVERIFY(reachedBound);
    QCOMPARE(sink.blockCounts, std::vector<qint64>(std::size_t(blocks), perBlock));

    // No block was read before the one inFlight blocks earlier had been written.
    const ReadAhead ahead = readAhead(source, perBlock, inFlight);
    QVERIFY2(ahead.firstBeyond.isEmpty(), qPrintable(ahead.firstBeyond));
    if (helpers > 0)
        QCOMPARE(ahead.furthest, qint64(inFlight - 1)); // the bound was reached, and held
    // The sink saw at most inFlight buffers: they are reused, not allocated per block.
    QVERIFY2(int(sink.buffers.size()) <= inFlight,
             qPrintable(QStringLiteral("%1 buffers").arg(sink.buffers.size())));
    QVERIFY(source.maxActive <= std::min(threads, inFlight));
    const QString diff = firstDifference(sink.samples, segyioTraces(file.path(), false), 40);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCopyTraces::tracesLongerThanABlock_data() {
    QTest::addColumn<qint64>("blockBytes");
    QTest::addColumn<int>("allowed"); // one-trace blocks that fit in blockBytes * 4 blocks
    QTest::newRow("a trace is 2x a block: 2 in flight") << traceBytes(40) / 2 << 2;
    QTest::newRow("a trace is 4x a block: 1 in flight") << traceBytes(40) / 4 << 1;
    QTest::newRow("a trace is 100x a block: 1 in flight") << traceBytes(40) / 100 << 1;
}

// A trace longer than a block (a long trace) makes one-trace blocks: fewer are in flight, so that
// the memory stays what blockBytes * blocksInFlight allows, and never less than one trace.
void TestCopyTraces::tracesLongerThanABlock() {
    QFETCH(qint64, blockBytes);
    QFETCH(int, allowed);
    SegyFile file(testdata::dataPath(kGathersBe));
    CountingSource source(file);
    const TraceSelection all(file.traceCount(), file.sampleCount());
    MemorySink sink;
    source.sinkBlocks = &sink.blocksWritten;
    CopyOptions options;
    options.threads = 4;
    options.blocksInFlight = 4;
    options.blockBytes = blockBytes;
    // The first writes wait a little, so that workers free to read further ahead would.
    sink.beforeWrite = [](int write) {
        if (write <= 3)
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
    };
    QCOMPARE(copyTraces(source, all, ProcessingChain{}, sink, {}, options).status,
             LoadStatus::Completed);
    QCOMPARE(sink.blockCounts, std::vector<qint64>(std::size_t(file.traceCount()), 1));
    const ReadAhead ahead = readAhead(source, 1, allowed);
    QVERIFY2(ahead.firstBeyond.isEmpty(), qPrintable(ahead.firstBeyond));
    QVERIFY2(int(sink.buffers.size()) <= allowed,
             qPrintable(QStringLiteral("%1 buffers").arg(sink.buffers.size())));
    QVERIFY(source.maxActive <= allowed);
    const QString diff = firstDifference(sink.samples, segyioTraces(file.path(), false), 40);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCopyTraces::manyThreadsTinyBlocks() {
    // For ThreadSanitizer: many threads, one trace per block, few blocks in flight, a chain.
    const QString path = testdata::dataPath(kWide);
    SegyFile file(path);
    SelectionSpec spec;
    spec.every = 7;
    spec.where = {{*findStandardTraceField(u"offset"), -4000, 4000}};
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    const auto reference = segyioTraces(path, false);
    QVERIFY(!reference.empty());
    auto want = expectedSamples(reference, 2, *selection);
    for (float& v : want)
        v *= 2;
    ProcessingChain chain;
    chain.append(std::make_shared<TimesTwo>());
    for (const int inFlight : {1, 3, 17}) {
        MemorySink sink;
        CopyOptions options;
        options.threads = 16;
        options.blocksInFlight = inFlight;
        options.blockBytes = 1;
        const CopyResult result = copyTraces(file, *selection, chain, sink, {}, options);
        QCOMPARE(result.status, LoadStatus::Completed);
        QVERIFY2(sink.protocolError.isEmpty(), qPrintable(sink.protocolError));
        QCOMPARE(sink.traces, walk(*selection));
        const QString diff = firstDifference(sink.samples, want, 2);
        QVERIFY2(diff.isEmpty(), qPrintable(diff));
    }
    // The whole file with the default options: a few large blocks.
    MemorySink sink;
    QCOMPARE(copyTraces(file, TraceSelection(file.traceCount(), 2), ProcessingChain{}, sink).status,
             LoadStatus::Completed);
    const QString diff = firstDifference(sink.samples, reference, 2);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
    QVERIFY(sink.headers == segyioHeaders(path));
}

void TestCopyTraces::sinkUsesThePool() {
    // A sink whose write runs a parallel loop on executors::parallel() (as an encoder may): the
    // copy's helpers never sit on the pool waiting for it, and nothing deadlocks.
    SegyFile file(testdata::dataPath(kGathersBe));
    const TraceSelection all(file.traceCount(), file.sampleCount());
    class PoolSink final : public TraceSink {
    public:
        QString path() const override { return QStringLiteral("pool sink"); }
        void begin(const OutputLayout& layout) override { ns = layout.sampleCount; }
        void write(const TraceBlock& block) override {
            const std::size_t at = out.size();
            out.resize(at + std::size_t(block.count * ns));
            detail::runParallel(block.count, 4, [&](qint64 t) {
                for (qint64 s = 0; s < ns; ++s)
                    out[at + std::size_t(t * ns + s)] = 2 * block.samples[t * ns + s];
            });
        }
        void commit() override { ++commits; }
        void abort() noexcept override {}
        qint64 ns = 0;
        int commits = 0;
        std::vector<float> out;
    } poolSink;
    CopyOptions options;
    options.threads = 4;
    options.blocksInFlight = 2;
    options.blockBytes = 16 * traceBytes(40);
    QCOMPARE(copyTraces(file, all, ProcessingChain{}, poolSink, {}, options).status,
             LoadStatus::Completed);
    QCOMPARE(poolSink.commits, 1);
    auto want = segyioTraces(file.path(), false);
    for (float& v : want)
        v *= 2;
    const QString diff = firstDifference(poolSink.out, want, 40);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void TestCopyTraces::emptyAndInvalid() {
    SegyFile file(testdata::dataPath(kGathersBe));
    {
        // No traces: begin and commit, nothing written.
        MemorySink sink;
        const CopyResult result = copyTraces(file, TraceSelection(0, 40), ProcessingChain{}, sink);
        QCOMPARE(result.status, LoadStatus::Completed);
        QCOMPARE(result.traces, qint64(0));
        QCOMPARE(sink.begins, 1);
        QCOMPARE(sink.commits, 1);
        QCOMPARE(sink.writes, 0);
    }
    {
        // A selection of samples the source does not have.
        MemorySink sink;
        const QString message = messageOf<ArgumentError>(
            [&] { copyTraces(file, TraceSelection(480, 41), ProcessingChain{}, sink); });
        QVERIFY2(message.startsWith(file.path()) && message.contains(QLatin1String("0:41")),
                 qPrintable(message));
        QCOMPARE(sink.commits, 0);
        QCOMPARE(sink.writes, 0);
    }
    {
        // Traces past the end: the read says so, naming the source; the sink is aborted.
        MemorySink sink;
        const QString message = messageOf<ArgumentError>(
            [&] { copyTraces(file, TraceSelection(481, 40), ProcessingChain{}, sink); });
        QVERIFY2(message.startsWith(file.path()), qPrintable(message));
        QCOMPARE(sink.aborts, 1);
        QCOMPARE(sink.commits, 0);
    }
    for (const CopyOptions& bad :
         {CopyOptions{0, 0, 0}, CopyOptions{1, -1, 0}, CopyOptions{1, 0, -2}}) {
        MemorySink sink;
        const QString message = messageOf<ArgumentError>(
            [&] { copyTraces(file, TraceSelection(480, 40), ProcessingChain{}, sink, {}, bad); });
        QVERIFY2(message.contains(QLatin1String("copy options are not valid")),
                 qPrintable(message));
        QCOMPARE(sink.commits, 0);
        QCOMPARE(sink.writes, 0);
    }
}

QTEST_GUILESS_MAIN(TestCopyTraces)
#include "tst_copytraces.moc"
