// Selections (resolveSelection) against selections computed here from the header columns
// libsegyio's C API reads (segy_field_forall), an implementation independent of SegyFile's
// columnar reader and of the ensemble index: trace ranges, ensemble ranges by one and two keys,
// header value ranges (repeated ranges all hold), every Nth, time windows (snapping to the
// nearest sample, clipping), their combinations, and the errors (empty selections, ranges
// outside the source), each naming the source.
//
// Files: tests/data/make_pipeline_files.py (SEIS_TEST_DATA). The ensemble cache lives in a
// QTemporaryDir (XDG_CACHE_HOME).
#include "segyiofile.h"
#include "testdata.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/pipeline/selection.h"
#include "seis/segy/segyfile.h"

#include <QTemporaryDir>
#include <QtTest>

#include <segyio/segy.h>

#include <cmath>
#include <numeric>
#include <optional>
#include <vector>

using namespace seis;

namespace {

const QString kGathersBe = QStringLiteral("pipeline_gathers_be.sgy");
const QString kGathersLe = QStringLiteral("pipeline_gathers_le.sgy");
const QString kWide = QStringLiteral("pipeline_wide.sgy");

constexpr int kFldr = 9; // segyio's field ids are the 1-based bytes
constexpr int kCdp = 21;
constexpr int kOffset = 37;

using test::segyioColumn;

HeaderField field(const char* name) {
    return *findStandardTraceField(QString::fromLatin1(name));
}

// The expected selection, computed the plain way from segyio columns.
struct Reference {
    explicit Reference(QString file, bool le = false)
        : path(std::move(file))
        , littleEndian(le) {}
    QString path;
    bool littleEndian = false;
    std::optional<std::pair<qint64, qint64>> traces;
    std::optional<std::pair<qint64, qint64>> ensembles;
    std::vector<int> keys{kFldr};
    struct Where {
        int byte;
        qint64 min, max;
    };
    std::vector<Where> where;
    qint64 every = 1;

    std::vector<qint64> select() const {
        const auto first = segyioColumn(path, littleEndian, kFldr);
        const qint64 n = qint64(first.size());
        std::vector<bool> keep(std::size_t(n), true);
        if (traces)
            for (qint64 i = 0; i < n; ++i)
                keep[std::size_t(i)] =
                    keep[std::size_t(i)] && i >= traces->first && i < traces->second;
        if (ensembles) {
            // Ensemble number of every trace: runs of equal key tuples.
            std::vector<std::vector<qint64>> k;
            for (int key : keys)
                k.push_back(segyioColumn(path, littleEndian, key));
            qint64 number = 0;
            for (qint64 i = 0; i < n; ++i) {
                bool same = i > 0;
                for (const auto& c : k)
                    same = same && c[std::size_t(i)] == c[std::size_t(i - 1)];
                if (i > 0 && !same)
                    ++number;
                keep[std::size_t(i)] = keep[std::size_t(i)] && number >= ensembles->first &&
                                       number < ensembles->second;
            }
        }
        for (const Where& w : where) {
            const auto c = segyioColumn(path, littleEndian, w.byte);
            for (qint64 i = 0; i < n; ++i)
                keep[std::size_t(i)] = keep[std::size_t(i)] && c[std::size_t(i)] >= w.min &&
                                       c[std::size_t(i)] <= w.max;
        }
        std::vector<qint64> out;
        qint64 kept = 0;
        for (qint64 i = 0; i < n; ++i)
            if (keep[std::size_t(i)] && kept++ % every == 0)
                out.push_back(i);
        return out;
    }
};

// The selected traces, walked with a cursor in chunks of `chunk`.
std::vector<qint64> walk(const TraceSelection& s, qint64 chunk) {
    TraceSelection::Cursor cursor(s);
    std::vector<qint64> out;
    std::vector<qint64> buffer(static_cast<std::size_t>(chunk));
    for (;;) {
        const qint64 n = cursor.next(chunk, buffer.data());
        if (n == 0)
            break;
        out.insert(out.end(), buffer.begin(), buffer.begin() + n);
        if (cursor.position() != qint64(out.size()))
            return {-1};
    }
    return out;
}

// The boundary sample of a time `t` (ms): the k in [0, ns] whose time start + k * dt is nearest
// to t, the later of two equally near. By search, not by formula.
qint64 nearestBoundary(double t, double startMs, double dtMs, qint64 ns) {
    qint64 best = 0;
    for (qint64 k = 1; k <= ns; ++k)
        if (std::fabs(startMs + double(k) * dtMs - t) <=
            std::fabs(startMs + double(best) * dtMs - t))
            best = k;
    return best;
}

QString describe(const std::vector<qint64>& v) {
    QStringList parts;
    for (std::size_t i = 0; i < v.size() && i < 40; ++i)
        parts << QString::number(v[i]);
    return QStringLiteral("%1 traces: %2%3")
        .arg(v.size())
        .arg(parts.join(QLatin1Char(',')))
        .arg(v.size() > 40 ? QStringLiteral("...") : QString());
}

// The ArgumentError resolveSelection throws for `spec`, or nullopt (and a failure) if none.
std::optional<ArgumentError> errorOf(const TraceSource& source, const SelectionSpec& spec) {
    try {
        resolveSelection(source, spec);
    } catch (const ArgumentError& e) {
        return e;
    } catch (const std::exception& e) {
        qWarning("another exception: %s", e.what());
        return std::nullopt;
    }
    qWarning("no exception");
    return std::nullopt;
}

} // namespace

class TestSelection : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everything();
    void traceRanges_data();
    void traceRanges();
    void ensembleRanges_data();
    void ensembleRanges();
    void headerRanges_data();
    void headerRanges();
    void everyNth_data();
    void everyNth();
    void combinations_data();
    void combinations();
    void wideHeaderRanges();
    void timeWindows_data();
    void timeWindows();
    void errors_data();
    void errors();
    void progressAndCancel();

private:
    void check(const SelectionSpec& spec, const Reference& ref);
    QTemporaryDir m_cache;
};

void TestSelection::initTestCase() {
    QVERIFY(m_cache.isValid());
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
    for (const QString& name : {kGathersBe, kGathersLe, kWide})
        QVERIFY2(QFile::exists(testdata::dataPath(name)), qPrintable(name));
    // The files are what the reference assumes: the gathers hold 20 fldr runs.
    const auto fldr = segyioColumn(testdata::dataPath(kGathersBe), false, kFldr);
    QCOMPARE(fldr.size(), std::size_t(480));
    QCOMPARE(fldr[18 * 24], qint64(105));
}

void TestSelection::check(const SelectionSpec& spec, const Reference& ref) {
    SegyFile file(ref.path,
                  ref.littleEndian ? SegyOpenOptions{ByteOrder::Little} : SegyOpenOptions{});
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    const auto want = ref.select();
    QVERIFY(!want.empty());
    const auto got = walk(*selection, 1000);
    QVERIFY2(got == want,
             qPrintable(QStringLiteral("got %1\nwant %2").arg(describe(got), describe(want))));
    QCOMPARE(selection->traceCount(), qint64(want.size()));
    QCOMPARE(walk(*selection, 1), want);
    QCOMPARE(walk(*selection, 7), want);
    QCOMPARE(selection->samples(), (SampleRange{0, file.sampleCount()}));
}

void TestSelection::everything() {
    SegyFile file(testdata::dataPath(kGathersBe));
    const auto selection = resolveSelection(file, SelectionSpec{});
    QVERIFY(selection);
    QVERIFY(selection->isEverything(480, 40));
    QVERIFY(!selection->isEverything(481, 40));
    QVERIFY(!selection->isEverything(480, 41));
    std::vector<qint64> all(480);
    std::iota(all.begin(), all.end(), 0);
    QCOMPARE(walk(*selection, 100), all);
    // A selection made without a source.
    const TraceSelection plain(5, 3);
    QVERIFY(plain.isEverything(5, 3));
    QCOMPARE(walk(plain, 2), (std::vector<qint64>{0, 1, 2, 3, 4}));
    QCOMPARE(plain.samples(), (SampleRange{0, 3}));
}

void TestSelection::traceRanges_data() {
    QTest::addColumn<qint64>("begin");
    QTest::addColumn<qint64>("end");
    QTest::newRow("first") << qint64(0) << qint64(1);
    QTest::newRow("last") << qint64(479) << qint64(480);
    QTest::newRow("middle") << qint64(10) << qint64(250);
    QTest::newRow("all") << qint64(0) << qint64(480);
}

void TestSelection::traceRanges() {
    QFETCH(qint64, begin);
    QFETCH(qint64, end);
    SelectionSpec spec;
    spec.traces = TraceRange{begin, end};
    Reference ref{testdata::dataPath(kGathersBe)};
    ref.traces = {begin, end};
    check(spec, ref);
}

void TestSelection::ensembleRanges_data() {
    QTest::addColumn<QString>("keys");
    QTest::addColumn<qint64>("begin");
    QTest::addColumn<qint64>("end");
    QTest::addColumn<bool>("littleEndian");
    QTest::newRow("fldr 2:5") << "fldr" << qint64(2) << qint64(5) << false;
    QTest::newRow("fldr first") << "fldr" << qint64(0) << qint64(1) << false;
    QTest::newRow("fldr to the end") << "fldr" << qint64(17) << qint64(20) << false;
    // 105 comes back as ensemble 18: numbers count runs, not values.
    QTest::newRow("fldr repeated value") << "fldr" << qint64(18) << qint64(19) << true;
    QTest::newRow("cdp") << "cdp" << qint64(7) << qint64(30) << true;
    QTest::newRow("fldr,cdp 3:11") << "fldr,cdp" << qint64(3) << qint64(11) << false;
    QTest::newRow("fldr,cdp to the end") << "fldr,cdp" << qint64(70) << qint64(80) << true;
    QTest::newRow("default keys (fldr)") << "" << qint64(4) << qint64(6) << false;
}

void TestSelection::ensembleRanges() {
    QFETCH(QString, keys);
    QFETCH(qint64, begin);
    QFETCH(qint64, end);
    QFETCH(bool, littleEndian);
    SelectionSpec spec;
    spec.ensembles = TraceRange{begin, end};
    Reference ref{testdata::dataPath(littleEndian ? kGathersLe : kGathersBe), littleEndian};
    ref.ensembles = {begin, end};
    if (!keys.isEmpty()) {
        spec.ensembleKeys = parseEnsembleKeys(keys);
        ref.keys.clear();
        for (const QString& k : keys.split(QLatin1Char(',')))
            ref.keys.push_back(k == QLatin1String("fldr") ? kFldr : kCdp);
    }
    check(spec, ref);
    // Again, from the ensemble cache this time: the same.
    check(spec, ref);
}

void TestSelection::headerRanges_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QList<qint64>>("ranges"); // byte, min, max...
    QTest::newRow("offset") << kGathersBe << QList<qint64>{kOffset, -200, 300};
    QTest::newRow("offset one value") << kGathersLe << QList<qint64>{kOffset, -575, -575};
    QTest::newRow("offset repeated")
        << kGathersBe << QList<qint64>{kOffset, -400, 400, kOffset, 0, 1000};
    QTest::newRow("cdp and offset")
        << kGathersLe << QList<qint64>{kCdp, 3010, 3040, kOffset, -1000, 0};
    QTest::newRow("fldr (both 105 gathers)") << kGathersBe << QList<qint64>{kFldr, 105, 105};
    QTest::newRow("everything") << kGathersBe << QList<qint64>{kFldr, -100000, 100000};
}

void TestSelection::headerRanges() {
    QFETCH(QString, path);
    QFETCH(QList<qint64>, ranges);
    const bool le = path == kGathersLe;
    SelectionSpec spec;
    Reference ref{testdata::dataPath(path), le};
    for (qsizetype i = 0; i < ranges.size(); i += 3) {
        const int byte = int(ranges[i]);
        spec.where.push_back(HeaderValueRange{field(byte == kFldr  ? "fldr"
                                                    : byte == kCdp ? "cdp"
                                                                   : "offset"),
                                              ranges[i + 1], ranges[i + 2]});
        ref.where.push_back({byte, ranges[i + 1], ranges[i + 2]});
    }
    check(spec, ref);
}

void TestSelection::everyNth_data() {
    QTest::addColumn<qint64>("every");
    QTest::newRow("1") << qint64(1);
    QTest::newRow("3") << qint64(3);
    QTest::newRow("7") << qint64(7);
    QTest::newRow("479") << qint64(479);
    QTest::newRow("more than the traces") << qint64(1000);
}

void TestSelection::everyNth() {
    QFETCH(qint64, every);
    SelectionSpec spec;
    spec.every = every;
    Reference ref{testdata::dataPath(kGathersBe)};
    ref.every = every;
    check(spec, ref);
}

void TestSelection::combinations_data() {
    QTest::addColumn<bool>("useTraces");
    QTest::addColumn<bool>("useEnsembles");
    QTest::addColumn<bool>("useWhere");
    QTest::addColumn<qint64>("every");
    QTest::newRow("traces + every") << true << false << false << qint64(4);
    QTest::newRow("traces + ensembles") << true << true << false << qint64(1);
    QTest::newRow("ensembles + every") << false << true << false << qint64(5);
    QTest::newRow("where + every") << false << false << true << qint64(3);
    QTest::newRow("traces + where") << true << false << true << qint64(1);
    QTest::newRow("all") << true << true << true << qint64(2);
}

void TestSelection::combinations() {
    QFETCH(bool, useTraces);
    QFETCH(bool, useEnsembles);
    QFETCH(bool, useWhere);
    QFETCH(qint64, every);
    SelectionSpec spec;
    Reference ref{testdata::dataPath(kGathersLe), true};
    if (useTraces) {
        spec.traces = TraceRange{37, 400};
        ref.traces = {37, 400};
    }
    if (useEnsembles) {
        spec.ensembles = TraceRange{1, 12};
        spec.ensembleKeys = {field("fldr")};
        ref.ensembles = {1, 12};
    }
    if (useWhere) {
        spec.where = {{field("offset"), -300, 500}, {field("cdp"), 3002, 3050}};
        ref.where = {{kOffset, -300, 500}, {kCdp, 3002, 3050}};
    }
    spec.every = every;
    ref.every = every;
    check(spec, ref);
    // A time window changes the samples only.
    spec.timeMs = {{110.0, 131.0}};
    SegyFile file(ref.path, SegyOpenOptions{ByteOrder::Little});
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    QCOMPARE(walk(*selection, 64), ref.select());
    QCOMPARE(selection->samples(), (SampleRange{5, 16}));
}

void TestSelection::wideHeaderRanges() {
    // More candidates than one block of header columns (65536), from an odd first trace.
    const QString path = testdata::dataPath(kWide);
    {
        SelectionSpec spec;
        spec.traces = TraceRange{3, 70001};
        spec.where = {{field("offset"), -1000, 2500}};
        Reference ref{path};
        ref.traces = {3, 70001};
        ref.where = {{kOffset, -1000, 2500}};
        check(spec, ref);
    }
    {
        SelectionSpec spec;
        spec.traces = TraceRange{17, 69999};
        spec.where = {{field("offset"), 0, 5000}, {field("cdp"), 100, 900}};
        spec.every = 5;
        Reference ref{path};
        ref.traces = {17, 69999};
        ref.where = {{kOffset, 0, 5000}, {kCdp, 100, 900}};
        ref.every = 5;
        check(spec, ref);
    }
    {
        SelectionSpec spec;
        spec.ensembles = TraceRange{650, 701}; // fldr = trace / 100: up to the last trace
        spec.where = {{field("cdp"), 0, 500}};
        Reference ref{path};
        ref.ensembles = {650, 701};
        ref.where = {{kCdp, 0, 500}};
        check(spec, ref);
    }
}

void TestSelection::timeWindows_data() {
    QTest::addColumn<double>("t0");
    QTest::addColumn<double>("t1");
    // The gathers: 40 samples at 2 ms from 100 ms (100, 102 ... 178).
    QTest::newRow("on samples") << 110.0 << 130.0;
    QTest::newRow("half-way goes later") << 111.0 << 131.0;
    QTest::newRow("nearest") << 110.9 << 129.2;
    QTest::newRow("clipped before") << 50.0 << 120.0;
    QTest::newRow("clipped after") << 150.0 << 1000.0;
    QTest::newRow("whole trace") << 100.0 << 180.0;
    QTest::newRow("last sample") << 178.9 << 200.0;
    QTest::newRow("first sample") << 100.0 << 101.0;
    QTest::newRow("negative times") << -40.0 << 103.2;
}

void TestSelection::timeWindows() {
    QFETCH(double, t0);
    QFETCH(double, t1);
    SegyFile file(testdata::dataPath(kGathersBe));
    // The layout the reference assumes, read with segyio.
    test::SegyioFile ref(file.path());
    QVERIFY(ref.ok());
    const double dtMs = double(ref.binaryField(SEGY_BIN_INTERVAL)) / 1000.0;
    const auto delay = ref.field(0, field("delrt"));
    QVERIFY(delay);
    QCOMPARE(dtMs, 2.0);
    QCOMPARE(*delay, qint64(100));
    const SampleRange want{nearestBoundary(t0, double(*delay), dtMs, ref.samples),
                           nearestBoundary(t1, double(*delay), dtMs, ref.samples)};
    QVERIFY(want.count() > 0);

    SelectionSpec spec;
    spec.timeMs = {{t0, t1}};
    const auto selection = resolveSelection(file, spec);
    QVERIFY(selection);
    QCOMPARE(selection->samples(), want);
    QCOMPARE(selection->traceCount(), qint64(480));
    QVERIFY(!selection->isEverything(480, 40) || want == (SampleRange{0, 40}));
}

void TestSelection::errors_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("expected"); // parts of the message
    QTest::newRow("traces empty") << 0 << QStringList{"the selection is empty", "5:5"};
    QTest::newRow("traces past the end") << 1 << QStringList{"400:500", "480 traces"};
    QTest::newRow("traces negative") << 2 << QStringList{"-1:5", "480 traces"};
    QTest::newRow("ensembles past the end") << 3 << QStringList{"0:21", "20 ensembles", "fldr"};
    QTest::newRow("ensembles empty") << 4 << QStringList{"the selection is empty", "5:5"};
    QTest::newRow("where matches nothing")
        << 5 << QStringList{"the selection is empty", "offset=100000:200000"};
    QTest::newRow("where min > max") << 6 << QStringList{"offset=5:3", "MIN <= MAX"};
    QTest::newRow("traces and ensembles disjoint")
        << 7 << QStringList{"the selection is empty", "traces 0:24", "ensembles 3:4"};
    QTest::newRow("every 0") << 8 << QStringList{"every 0", "1 or more"};
    QTest::newRow("time before the traces")
        << 9 << QStringList{"the selection is empty", "0:99.5 ms", "100 to 178 ms"};
    QTest::newRow("time reversed") << 10 << QStringList{"50:40 ms", "T0 < T1"};
    QTest::newRow("time below half a sample")
        << 11 << QStringList{"the selection is empty", "100:100.9 ms"};
    QTest::newRow("field past the header") << 12 << QStringList{"239", "240-byte"};
    QTest::newRow("where leaves nothing of the ensembles")
        << 13 << QStringList{"the selection is empty", "ensembles 0:1", "offset=600:700"};
}

void TestSelection::errors() {
    QFETCH(int, kind);
    QFETCH(QStringList, expected);
    SegyFile file(testdata::dataPath(kGathersBe));
    SelectionSpec spec;
    switch (kind) {
    case 0:
        spec.traces = TraceRange{5, 5};
        break;
    case 1:
        spec.traces = TraceRange{400, 500};
        break;
    case 2:
        spec.traces = TraceRange{-1, 5};
        break;
    case 3:
        spec.ensembles = TraceRange{0, 21};
        break;
    case 4:
        spec.ensembles = TraceRange{5, 5};
        break;
    case 5:
        spec.where = {{field("offset"), 100000, 200000}};
        break;
    case 6:
        spec.where = {{field("offset"), 5, 3}};
        break;
    case 7:
        spec.traces = TraceRange{0, 24};
        spec.ensembles = TraceRange{3, 4};
        break;
    case 8:
        spec.every = 0;
        break;
    case 9:
        spec.timeMs = {{0.0, 99.5}};
        break;
    case 10:
        spec.timeMs = {{50.0, 40.0}};
        break;
    case 11:
        spec.timeMs = {{100.0, 100.9}};
        break;
    case 12:
        spec.where = {
            {HeaderField{QStringLiteral("239:i4"), HeaderByte{239}, FieldType::I4}, 0, 1}};
        break;
    case 13:
        spec.ensembles = TraceRange{0, 1};
        spec.where = {{field("offset"), 600, 700}};
        break;
    }
    const auto error = errorOf(file, spec);
    QVERIFY(error);
    const QString message = QString::fromUtf8(error->what());
    QCOMPARE(error->file(), file.path());
    QVERIFY2(message.startsWith(file.path()), qPrintable(message));
    for (const QString& part : expected)
        QVERIFY2(message.contains(part), qPrintable(message + QStringLiteral("\nlacks: ") + part));
}

void TestSelection::progressAndCancel() {
    SegyFile file(testdata::dataPath(kWide));
    SelectionSpec spec;
    spec.where = {{field("offset"), 0, 100}};
    spec.ensembles = TraceRange{3, 600};
    std::vector<std::pair<qint64, qint64>> calls;
    const auto selection = resolveSelection(file, spec, [&](qint64 done, qint64 total) {
        calls.emplace_back(done, total);
        return true;
    });
    QVERIFY(selection);
    QVERIFY(!calls.empty());
    for (std::size_t i = 0; i < calls.size(); ++i) {
        QCOMPARE(calls[i].second, calls[0].second);
        QVERIFY(calls[i].first <= calls[i].second);
        QVERIFY(i == 0 || calls[i].first >= calls[i - 1].first);
    }
    QCOMPARE(calls.back().first, calls.back().second);

    // Cancelled at the first block of header columns: no selection.
    SelectionSpec where;
    where.where = {{field("offset"), 0, 100}};
    int asked = 0;
    const auto cancelled = resolveSelection(file, where, [&](qint64, qint64) {
        ++asked;
        return false;
    });
    QVERIFY(!cancelled);
    QCOMPARE(asked, 1);

    // Cancelled during an ensemble scan (no cache: its directory is a fresh one).
    QTemporaryDir fresh;
    qputenv("XDG_CACHE_HOME", QFile::encodeName(fresh.path()));
    SelectionSpec ensembles;
    ensembles.ensembles = TraceRange{0, 2};
    ensembles.ensembleKeys = {field("cdp")};
    const auto scanCancelled =
        resolveSelection(file, ensembles, [&](qint64, qint64) { return false; });
    qputenv("XDG_CACHE_HOME", QFile::encodeName(m_cache.path()));
    QVERIFY(!scanCancelled);
}

QTEST_GUILESS_MAIN(TestSelection)
#include "tst_selection.moc"
