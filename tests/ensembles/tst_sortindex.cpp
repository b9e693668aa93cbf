// The sort index (seis/ensembles/sortindex.h) and `seisview-cli gathers` / `dump --gather`
// against the sorts numpy computes from segyio's header columns (tests/ensembles/
// make_sort_files.py): a shot-sorted file viewed as CDP gathers, one-trace gathers, one gather
// of equal keys, negative keys with many ties; in memory and through the external merge.
#include "processrun.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortindex.h"
#include "seis/sources/opensource.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <memory>
#include <vector>

using namespace seis;
using seis::testsupport::runProcess;

namespace {

QString sortData(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/sort/") + name;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QJsonArray cases() {
    return QJsonDocument::fromJson(readAll(sortData(QStringLiteral("cases.json")))).array();
}

std::vector<qint64> expectedOrder(const QJsonObject& c) {
    std::vector<qint64> order;
    for (const QByteArray& line :
         readAll(sortData(c[QLatin1String("order")].toString())).split('\n'))
        if (!line.isEmpty())
            order.push_back(line.toLongLong());
    return order;
}

std::unique_ptr<SortIndex> build(const QString& file, const QString& keys, qint64 budget) {
    const auto source = openSource(file);
    std::unique_ptr<SortIndex> index;
    SortIndexOptions options;
    options.memoryBytes = budget;
    options.blockTraces = 1000; // several blocks on the larger file
    const LoadStatus status = buildSortIndex(*source, parseEnsembleKeys(keys), index, {}, options);
    if (status != LoadStatus::Completed || !index)
        qFatal("the sort of %s did not complete", qPrintable(file));
    return index;
}

QString cli() {
    return qEnvironmentVariable("SEIS_CLI");
}

// Header columns computed from the trace number, no samples: as many traces as a test wants.
// K1 = a scrambled value in [-50000, 50002] (negative keys, ~200 traces each, scattered), K2 =
// another in [-500, 500] (many ties inside a gather).
class GeneratedKeys final : public TraceSource {
public:
    explicit GeneratedKeys(qint64 traces)
        : m_traces(traces) {}
    static qint64 key1(qint64 t) { return (t * 2654435761LL) % 100003 - 50000; }
    static qint64 key2(qint64 t) { return (t * 7919) % 1001 - 500; }
    QString path() const override { return QStringLiteral("generated"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return 1; }
    double sampleIntervalUs() const override { return 4000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readWindow(TraceRange, SampleRange, float*) const override {
        qFatal("a sort read samples");
    }
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override {
        checkTraceRange(traces);
        for (std::size_t k = 0; k < fields.size(); ++k)
            for (qint64 t = traces.begin; t < traces.end; ++t)
                out[k][t - traces.begin] = k == 0 ? key1(t) : key2(t);
    }

private:
    qint64 m_traces;
};

// A field of /proc/self/status in KiB (VmHWM, VmRSS), or -1.
qint64 statusKb(const char* field) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(field))
            return line.mid(qstrlen(field) + 1).trimmed().split(' ').front().toLongLong();
    return -1;
}

} // namespace

class TestSortIndex : public QObject {
    Q_OBJECT

private slots:
    void matchesNumpy_data();
    void matchesNumpy();
    void externalMergeRuns();
    void progressAndCancel();
    void tenMillionTracesInBoundedMemory();
    void emptySource();
    void asyncJob();
    void badRequests();
    void cliGathers_data();
    void cliGathers();
    void cliDumpGather_data();
    void cliDumpGather();
    void cliErrors();
};

void TestSortIndex::matchesNumpy_data() {
    QTest::addColumn<QJsonObject>("c");
    QTest::addColumn<qint64>("budget");
    for (const QJsonValue& v : cases()) {
        const QJsonObject c = v.toObject();
        const QByteArray name = (c[QLatin1String("file")].toString() + QLatin1Char(' ') +
                                 c[QLatin1String("keys")].toString())
                                    .toUtf8();
        QTest::newRow(name + " in memory") << c << kDefaultSortMemoryBytes;
        QTest::newRow(name + " merged in 1 KiB") << c << kMinSortMemoryBytes;
    }
}

// The order and every gather (key, count, first and last K2) equal numpy's stable sort.
void TestSortIndex::matchesNumpy() {
    QFETCH(QJsonObject, c);
    QFETCH(qint64, budget);
    const auto index = build(sortData(c[QLatin1String("file")].toString()),
                             c[QLatin1String("keys")].toString(), budget);
    const std::vector<qint64> order = expectedOrder(c);
    QCOMPARE(index->traceCount(), qint64(order.size()));
    const auto got = index->order();
    QCOMPARE(std::vector<qint64>(got.begin(), got.end()), order);

    const QList<QByteArray> rows =
        readAll(sortData(c[QLatin1String("csv")].toString())).trimmed().split('\n').mid(1);
    QCOMPARE(index->gatherCount(), qint64(rows.size()));
    const bool two = index->keys().size() == 2;
    qint64 position = 0;
    for (qint64 g = 0; g < index->gatherCount(); ++g) {
        const QList<QByteArray> f = rows[g].split(',');
        const SortedGather gather = index->gather(g);
        QCOMPARE(gather.number, f[0].toLongLong());
        QCOMPARE(gather.key, f[1].toLongLong());
        QCOMPARE(gather.traceCount, f[2].toLongLong());
        QCOMPARE(gather.firstPosition, position);
        if (two) {
            QCOMPARE(gather.firstKey2, f[3].toLongLong());
            QCOMPARE(gather.lastKey2, f[4].toLongLong());
        }
        const auto traces = index->traces(g);
        QCOMPARE(qint64(traces.size()), gather.traceCount);
        QVERIFY(std::equal(traces.begin(), traces.end(), order.begin() + position));
        position += gather.traceCount;
    }
    QCOMPARE(position, index->traceCount());
    if (budget == kMinSortMemoryBytes && order.size() * 24 > std::size_t(budget))
        QVERIFY(index->runCount() > 1); // the external path ran
    if (budget == kDefaultSortMemoryBytes)
        QCOMPARE(index->runCount(), 0); // sorted in memory
}

// 5000 records of 24 bytes in 1 KiB: 119 runs, merged two at a time in several passes.
void TestSortIndex::externalMergeRuns() {
    const auto index = build(sortData(QStringLiteral("random.sgy")), QStringLiteral("cdp,offset"),
                             kMinSortMemoryBytes);
    QCOMPARE(index->runCount(), qint64((5000 + 41) / 42));
    QVERIFY2(index->mergePasses() >= 6, qPrintable(QString::number(index->mergePasses())));
    const auto memory = build(sortData(QStringLiteral("random.sgy")), QStringLiteral("cdp,offset"),
                              kDefaultSortMemoryBytes);
    QCOMPARE(memory->mergePasses(), 0);
    QVERIFY(std::ranges::equal(index->order(), memory->order()));
}

void TestSortIndex::progressAndCancel() {
    const auto source = openSource(sortData(QStringLiteral("random.sgy")));
    const auto keys = parseEnsembleKeys(QStringLiteral("cdp,offset"));
    for (const qint64 budget : {kDefaultSortMemoryBytes, kMinSortMemoryBytes}) {
        SortIndexOptions options;
        options.memoryBytes = budget;
        options.blockTraces = 700;
        // Progress rises to 2 x traces.
        std::vector<qint64> seen;
        std::unique_ptr<SortIndex> index;
        QCOMPARE(buildSortIndex(
                     *source, keys, index,
                     [&](qint64 done, qint64 total) {
                         if (total != 10000)
                             qFatal("total %lld", static_cast<long long>(total));
                         seen.push_back(done);
                         return true;
                     },
                     options),
                 LoadStatus::Completed);
        QVERIFY(std::ranges::is_sorted(seen));
        QCOMPARE(seen.back(), qint64(10000));
        QVERIFY(seen.size() > 8);
        // Cancelled while reading, and while sorting or merging: no result.
        for (const qint64 at : {qint64(700), qint64(5000), qint64(7000)}) {
            std::unique_ptr<SortIndex> none;
            QCOMPARE(
                buildSortIndex(
                    *source, keys, none, [&](qint64 done, qint64) { return done < at; }, options),
                LoadStatus::Cancelled);
            QVERIFY(!none);
        }
    }
}

// 10^7 traces (240 MB of records) sorted in an 8 MiB budget: the peak resident memory of the
// build stays far below the records' size, and the result is the stable sort: a permutation of
// the traces along which (K1, K2, trace) strictly increases, cut into gathers at each new K1.
void TestSortIndex::tenMillionTracesInBoundedMemory() {
    constexpr qint64 n = 10'000'000;
    const GeneratedKeys source(n);
    SortIndexOptions options;
    options.memoryBytes = qint64(8) << 20;
    // Resets VmHWM to the current RSS (Linux >= 4.0), so the peak below is this build's.
    QFile clear(QStringLiteral("/proc/self/clear_refs"));
    const bool peakReset = clear.open(QIODevice::WriteOnly) && clear.write("5") == 1;
    clear.close();
    const qint64 before = statusKb("VmRSS:");
    std::unique_ptr<SortIndex> index;
    QCOMPARE(
        buildSortIndex(source, parseEnsembleKeys(QStringLiteral("cdp,offset")), index, {}, options),
        LoadStatus::Completed);
    const qint64 peak = statusKb("VmHWM:");
#if !SEIS_SANITIZED // under the sanitizers the memory is theirs
    if (peakReset && before > 0 && peak > 0)
        QVERIFY2(peak - before < 64 * 1024, // the records alone are 234375 KiB
                 qPrintable(QStringLiteral("peak RSS grew by %1 KiB").arg(peak - before)));
    else
        qWarning("VmHWM cannot be reset here: the memory bound is not checked");
#else
    Q_UNUSED(peakReset);
    Q_UNUSED(before);
    Q_UNUSED(peak);
#endif
    QVERIFY(index->runCount() > 1);
    QCOMPARE(index->traceCount(), n);
    const auto order = index->order();
    std::vector<bool> seen(std::size_t(n), false);
    qint64 gather = -1;
    SortedGather g;
    for (qint64 p = 0; p < n; ++p) {
        const qint64 t = order[std::size_t(p)];
        if (t < 0 || t >= n || seen[std::size_t(t)])
            QFAIL(qPrintable(QStringLiteral("position %1 holds trace %2 (again)").arg(p).arg(t)));
        seen[std::size_t(t)] = true;
        if (p > 0) {
            const qint64 u = order[std::size_t(p - 1)];
            const std::array a{GeneratedKeys::key1(u), GeneratedKeys::key2(u), u};
            const std::array b{GeneratedKeys::key1(t), GeneratedKeys::key2(t), t};
            if (!(a < b))
                QFAIL(
                    qPrintable(QStringLiteral("positions %1, %2 out of order").arg(p - 1).arg(p)));
        }
        if (p == 0 || GeneratedKeys::key1(t) != g.key) {
            if (gather >= 0)
                QCOMPARE(g.lastKey2, GeneratedKeys::key2(order[std::size_t(p - 1)]));
            g = index->gather(++gather);
            QCOMPARE(g.firstPosition, p);
            QCOMPARE(g.key, GeneratedKeys::key1(t));
            QCOMPARE(g.firstKey2, GeneratedKeys::key2(t));
        }
    }
    QCOMPARE(gather + 1, index->gatherCount());
    QCOMPARE(g.firstPosition + g.traceCount, n);
}

// No traces: no gathers, an empty order, every gather number out of range.
void TestSortIndex::emptySource() {
    const GeneratedKeys source(0);
    for (const qint64 budget : {kDefaultSortMemoryBytes, kMinSortMemoryBytes}) {
        SortIndexOptions options;
        options.memoryBytes = budget;
        std::unique_ptr<SortIndex> index;
        QCOMPARE(buildSortIndex(source, parseEnsembleKeys(QStringLiteral("cdp,offset")), index, {},
                                options),
                 LoadStatus::Completed);
        QCOMPARE(index->traceCount(), 0);
        QCOMPARE(index->gatherCount(), 0);
        QVERIFY(index->order().empty());
        QVERIFY_THROWS_EXCEPTION(ArgumentError, index->gather(0));
    }
}

// On the jobs pool: the same index as the plain build, progress up to 2 x traces through the
// future; a cancelled job has no result; an error comes out of the future.
void TestSortIndex::asyncJob() {
    const std::shared_ptr<const TraceSource> source =
        openSource(sortData(QStringLiteral("random.sgy")));
    const auto keys = parseEnsembleKeys(QStringLiteral("cdp,offset"));
    SortIndexOptions options;
    options.memoryBytes = kMinSortMemoryBytes;
    options.blockTraces = 500;
    auto future = buildSortIndexAsync(source, keys, options);
    future.waitForFinished();
    QCOMPARE(future.resultCount(), 1);
    const std::shared_ptr<const SortIndex> index = future.result();
    QVERIFY(std::ranges::equal(index->order(),
                               expectedOrder(cases()[4].toObject()))); // random.sgy cdp,offset
    QCOMPARE(cases()[4].toObject()[QLatin1String("order")].toString(),
             QStringLiteral("random.cdp_offset.order"));
    QCOMPARE(future.progressMaximum(), 10000);
    QCOMPARE(future.progressValue(), 10000);

    // A source that blocks its first read until the test has cancelled the job.
    class Gated final : public TraceSource {
    public:
        explicit Gated(std::shared_ptr<const TraceSource> s)
            : m_s(std::move(s)) {}
        QString path() const override { return m_s->path(); }
        qint64 traceCount() const override { return m_s->traceCount(); }
        qint64 sampleCount() const override { return m_s->sampleCount(); }
        double sampleIntervalUs() const override { return m_s->sampleIntervalUs(); }
        double startTimeMs() const override { return m_s->startTimeMs(); }
        QString identity() const override { return {}; }
        void readWindow(TraceRange t, SampleRange s, float* dst) const override {
            m_s->readWindow(t, s, dst);
        }
        void readHeaderColumns(std::span<const HeaderField> f, TraceRange t,
                               std::span<qint64* const> out) const override {
            m_gate.acquire();
            m_gate.release();
            m_s->readHeaderColumns(f, t, out);
        }
        mutable QSemaphore m_gate{0};

    private:
        std::shared_ptr<const TraceSource> m_s;
    };
    const auto gated = std::make_shared<Gated>(source);
    auto cancelled = buildSortIndexAsync(gated, keys, options);
    cancelled.cancel();
    gated->m_gate.release();
    cancelled.waitForFinished();
    QVERIFY(cancelled.isCanceled());
    QCOMPARE(cancelled.resultCount(), 0);

    auto failing = buildSortIndexAsync(source, {}, options);
    try {
        failing.waitForFinished();
        QFAIL("a sort without keys succeeded");
    } catch (const std::exception&) {
        const QString message = errorMessage(std::current_exception());
        QVERIFY2(message.contains(QStringLiteral("one or two key fields, got 0")),
                 qPrintable(message));
    }
    QVERIFY_THROWS_EXCEPTION(ArgumentError, buildSortIndexAsync(nullptr, keys));
}

void TestSortIndex::badRequests() {
    const QString file = sortData(QStringLiteral("shot.sgy"));
    const auto source = openSource(file);
    std::unique_ptr<SortIndex> index;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, buildSortIndex(*source, {}, index));
    SortIndexOptions tiny;
    tiny.memoryBytes = kMinSortMemoryBytes - 1;
    QVERIFY_THROWS_EXCEPTION(
        ArgumentError,
        buildSortIndex(*source, parseEnsembleKeys(QStringLiteral("cdp")), index, {}, tiny));
    SortIndexOptions nowhere;
    nowhere.tempDir = QStringLiteral("/nonexistent/seisview-sort");
    try {
        buildSortIndex(*source, parseEnsembleKeys(QStringLiteral("cdp")), index, {}, nowhere);
        QFAIL("a sort into a missing directory succeeded");
    } catch (const IoError& e) {
        QCOMPARE(e.file(), nowhere.tempDir);
    }
    QVERIFY(!index);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, parseEnsembleKeys(QStringLiteral("cdp,offset,fldr")));

    index = build(file, QStringLiteral("cdp,offset"), kDefaultSortMemoryBytes);
    const qint64 count = index->gatherCount();
    for (const qint64 bad : {qint64(-1), count}) {
        try {
            index->gather(bad);
            QFAIL("an out-of-range gather was given");
        } catch (const ArgumentError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(file) && what.contains(QString::number(bad)) &&
                         what.contains(QStringLiteral("0 <= gather < %1").arg(count)),
                     qPrintable(what));
        }
        QVERIFY_THROWS_EXCEPTION(ArgumentError, index->traces(bad));
    }
}

void TestSortIndex::cliGathers_data() {
    QTest::addColumn<QJsonObject>("c");
    QTest::addColumn<QString>("kb");
    for (const QJsonValue& v : cases()) {
        const QJsonObject c = v.toObject();
        const QByteArray name = (c[QLatin1String("file")].toString() + QLatin1Char(' ') +
                                 c[QLatin1String("keys")].toString())
                                    .toUtf8();
        QTest::newRow(name) << c << QString();
        QTest::newRow(name + " --sort-kb 1") << c << QStringLiteral("1");
    }
}

// The CSV equals numpy's, byte for byte, on stdout and through -o.
void TestSortIndex::cliGathers() {
    QFETCH(QJsonObject, c);
    QFETCH(QString, kb);
    QStringList args{QStringLiteral("gathers"), sortData(c[QLatin1String("file")].toString()),
                     QStringLiteral("--sort"), c[QLatin1String("keys")].toString()};
    if (!kb.isEmpty())
        args << QStringLiteral("--sort-kb") << kb;
    const auto r = runProcess(cli(), args);
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.describe()));
    const QByteArray expected = readAll(sortData(c[QLatin1String("csv")].toString()));
    QCOMPARE(r.out, expected);
    QTemporaryDir dir;
    const QString out = dir.filePath(QStringLiteral("g.csv"));
    const auto w = runProcess(cli(), args << QStringLiteral("-o") << out);
    QVERIFY2(w.code == 0 && w.out.isEmpty(), qPrintable(w.describe()));
    QCOMPARE(readAll(out), expected);
}

void TestSortIndex::cliDumpGather_data() {
    QTest::addColumn<QJsonObject>("c");
    QTest::addColumn<int>("gather");
    QTest::addColumn<QString>("expected");
    for (const QJsonValue& v : cases()) {
        const QJsonObject c = v.toObject();
        for (const QJsonValue& g : c[QLatin1String("gathers")].toArray()) {
            const QJsonArray pair = g.toArray();
            QTest::newRow(qPrintable(pair[1].toString()))
                << c << pair[0].toInt() << pair[1].toString();
        }
    }
}

// The samples of sorted gather N equal numpy's traces in numpy's order.
void TestSortIndex::cliDumpGather() {
    QFETCH(QJsonObject, c);
    QFETCH(int, gather);
    QFETCH(QString, expected);
    const QStringList args{
        QStringLiteral("dump"),     sortData(c[QLatin1String("file")].toString()),
        QStringLiteral("--gather"), QString::number(gather),
        QStringLiteral("--sort"),   c[QLatin1String("keys")].toString(),
        QStringLiteral("-o"),       QStringLiteral("-")};
    const auto r = runProcess(cli(), args);
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.describe()));
    QCOMPARE(r.out, readAll(sortData(expected)));
    // Through the merge too, and with a sample range: the samples 3:7 of the same traces.
    const auto m = runProcess(cli(), QStringList(args)
                                         << QStringLiteral("--sort-kb") << QStringLiteral("1")
                                         << QStringLiteral("--samples") << QStringLiteral("3:7"));
    QVERIFY2(m.code == 0, qPrintable(m.describe()));
    const QByteArray all = readAll(sortData(expected));
    QByteArray part;
    for (qsizetype t = 0; t < all.size(); t += 12 * 4)
        part += all.mid(t + 3 * 4, 4 * 4);
    QCOMPARE(m.out, part);
}

void TestSortIndex::cliErrors() {
    const QString file = sortData(QStringLiteral("shot.sgy"));
    const QString count = QString::number(
        build(file, QStringLiteral("cdp,offset"), kDefaultSortMemoryBytes)->gatherCount());
    struct Case {
        QStringList args;
        int code;
        QStringList mentions; // what stderr must name
    };
    const QString dash = QStringLiteral("-");
    const std::vector<Case> list{
        {{"gathers", file, "--sort", "nope"}, 1, {file, "nope", "expected"}},
        {{"gathers", file, "--sort", "cdp,offset,fldr"}, 1, {file, "cdp,offset,fldr"}},
        {{"dump", file, "--gather", count, "--sort", "cdp,offset", "-o", dash},
         1,
         {file, "gather " + count, "0 <= gather < " + count}},
        {{"dump", file, "--gather", "-1", "--sort", "cdp", "-o", dash},
         1,
         {file, "gather -1", "0 <= gather <"}},
        {{"dump", file, "--gather", "0", "--sort", "bad", "-o", dash}, 1, {file, "bad"}},
        {{"gathers", file}, 2, {"--sort"}},
        {{"gathers", file, "--sort", "cdp", "--sort-kb", "0"}, 2, {"--sort-kb"}},
        {{"dump", file, "--gather", "0", "-o", dash}, 2, {"--sort"}},
        {{"dump", file, "--gather", "x", "--sort", "cdp", "-o", dash}, 2, {"--gather", "x"}},
        {{"dump", file, "--gather", "0", "--traces", "0:2", "--sort", "cdp", "-o", dash},
         2,
         {"--traces", "--gather"}},
        {{"dump", file, "--sort", "cdp", "-o", dash}, 2, {"--gather"}},
    };
    for (const Case& c : list) {
        const auto r = runProcess(cli(), c.args);
        const QString err = QString::fromLocal8Bit(r.err);
        QVERIFY2(r.code == c.code && !r.crashed && r.out.isEmpty(),
                 qPrintable(c.args.join(' ') + "\n" + r.describe()));
        QVERIFY2(err.startsWith(QLatin1String("error: ")), qPrintable(err));
        for (const QString& m : c.mentions)
            QVERIFY2(err.contains(m), qPrintable(c.args.join(' ') + " -> " + err + " lacks " + m));
    }
}

QTEST_GUILESS_MAIN(TestSortIndex)
#include "tst_sortindex.moc"
