// GatherNavigator: trace mode and ensemble mode deliver the right windows on the GUI thread,
// ensemble stepping follows the runs python segyio wrote (manifest), superseded requests are
// dropped, and bad files report instead of crashing.
#include "testdata.h"
#include "testsupport.h"

#include <seis/gathernavigator.h>
#include <seis/jobprogressdialog.h>
#include "seis/base/error.h"
#include "seis/segy/segyfile.h"

#include <QProgressBar>
#include <QPushButton>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace seis;
using namespace seis::testdata;
using namespace seis::testsupport;

namespace {

TraceWindow nextWindow(QSignalSpy& spy) {
    if (spy.isEmpty() && !spy.wait(30000))
        return {};
    return spy.takeFirst().at(0).value<TraceWindow>();
}

} // namespace

class TestGatherNavigator : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void traceMode();
    void ensembleMode();
    void headersArriveWithTheWindow();
    void supersededRequestsAreDropped();
    void noKeysNoEnsembles();
    void clearWhileScanning();
    void scanCancelledFromItsDialog();
    void failedReadsAreReported();

private:
    QTemporaryDir m_cache; // the ensemble index cache: never the user's
    EnsembleScanOptions scanOptions() const {
        EnsembleScanOptions o;
        o.cacheDir = m_cache.path();
        return o;
    }
};

void TestGatherNavigator::initTestCase() {
    qRegisterMetaType<TraceWindow>();
    QVERIFY(m_cache.isValid());
}

void TestGatherNavigator::traceMode() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    nav.setSource(file, {}, {}, scanOptions());
    nav.showTraces(100, 250);
    TraceWindow w = nextWindow(ready);
    QCOMPARE(w.traces(), (TraceRange{100, 350}));
    QCOMPARE(w.samples(), (SampleRange{0, file->sampleCount()}));
    std::vector<float> direct(std::size_t(250 * file->sampleCount()));
    file->readWindow({100, 350}, {0, file->sampleCount()}, direct.data());
    std::vector<float> got(direct.size());
    w.copyTo(got.data());
    QVERIFY(got == direct);

    // Past the end: clamped to the last `width` traces.
    nav.showTraces(file->traceCount() - 10, 250);
    w = nextWindow(ready);
    QCOMPARE(w.traces(), (TraceRange{file->traceCount() - 250, file->traceCount()}));
    QCOMPARE(nav.mode(), GatherNavigator::Mode::Traces);
    QCOMPARE(nav.currentEnsemble(), -1);
}

void TestGatherNavigator::ensembleMode() {
    const QString name = QStringLiteral("ensembles_many_le.sgy");
    const QJsonArray runs = expectedRuns(name, QStringLiteral("fldr"));
    QVERIFY(runs.size() > 10);
    auto file = std::make_shared<const SegyFile>(dataPath(name));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy changed(&nav, &GatherNavigator::ensemblesChanged);
    nav.setSource(file, {parseHeaderField(QStringLiteral("fldr"))}, {}, scanOptions());
    nav.waitForScan();
    QTRY_VERIFY(!changed.isEmpty() && changed.last().at(1).toBool()); // complete, on the GUI thread
    QCOMPARE(changed.last().at(0).toLongLong(), qint64(runs.size()));

    const auto run = [&](qint64 n) {
        const QJsonArray r = runs[int(n)].toArray();
        return TraceRange{r[0].toInteger(), r[0].toInteger() + r[1].toInteger()};
    };
    QVERIFY(nav.showFirstEnsemble());
    QCOMPARE(nextWindow(ready).traces(), run(0));
    for (qint64 n = 1; n < 6; ++n) {
        QVERIFY(nav.showNextEnsemble());
        QCOMPARE(nextWindow(ready).traces(), run(n));
        QCOMPARE(nav.currentEnsemble(), n);
    }
    QVERIFY(nav.showPreviousEnsemble());
    QCOMPARE(nextWindow(ready).traces(), run(4));
    QVERIFY(nav.showLastEnsemble());
    QCOMPARE(nextWindow(ready).traces(), run(runs.size() - 1));
    QVERIFY(!nav.showNextEnsemble()); // nothing after the last
    QVERIFY(!nav.showEnsemble(runs.size()));
    QVERIFY(!nav.showEnsemble(-1));
    QCOMPARE(nav.currentEnsemble(), qint64(runs.size() - 1));

    // By key value: the first ensemble with run 3's value, then the next one with it, if any.
    const qint64 value = runs[3].toArray()[2].toInteger();
    qint64 first = -1, second = -1;
    for (int n = 0; n < runs.size(); ++n)
        if (runs[n].toArray()[2].toInteger() == value) {
            if (first < 0)
                first = n;
            else if (second < 0)
                second = n;
        }
    QVERIFY(nav.showEnsembleByKeys(std::vector<qint64>{value}));
    QCOMPARE(nav.currentEnsemble(), first);
    QCOMPARE(nextWindow(ready).traces(), run(first));
    if (second >= 0) { // the generator makes values come back, so this normally runs
        QVERIFY(nav.showEnsembleByKeys(std::vector<qint64>{value}, true));
        QCOMPARE(nav.currentEnsemble(), second);
    }
    QVERIFY(!nav.showEnsembleByKeys(std::vector<qint64>{123456789}));

    // From trace mode, "next" goes to the ensemble after the one the view starts in.
    nav.showTraces(run(2).begin + 1, 10);
    nextWindow(ready);
    QVERIFY(nav.showNextEnsemble());
    QCOMPARE(nav.currentEnsemble(), 3);
}

void TestGatherNavigator::headersArriveWithTheWindow() {
    const QString name = QStringLiteral("ensembles_many_le.sgy");
    const QJsonArray runs = expectedRuns(name, QStringLiteral("fldr"));
    QVERIFY(runs.size() > 10);
    // fldr of every trace, from the runs segyio wrote.
    std::vector<qint64> fldr;
    for (const auto& r : runs)
        fldr.insert(fldr.end(), std::size_t(r.toArray()[1].toInteger()),
                    r.toArray()[2].toInteger());
    auto file = std::make_shared<const SegyFile>(dataPath(name));
    QCOMPARE(qint64(fldr.size()), file->traceCount());
    GatherNavigator nav;
    nav.setSource(file, {}, {}, scanOptions());
    // The same bytes by name and by spec, so both columns must hold segyio's values.
    nav.setHeaderKeys(
        {parseHeaderField(QStringLiteral("fldr")), parseHeaderField(QStringLiteral("9:i4"))});
    QCOMPARE(nav.headerKeys().size(), std::size_t(2));
    int checked = 0;
    // What the slot sees at windowReady() is what a display would label the window with.
    connect(&nav, &GatherNavigator::windowReady, this, [&](const TraceWindow& w) {
        const WindowHeaders& h = nav.headers();
        QCOMPARE(h.traces, w.traces());
        QCOMPARE(h.fields, nav.headerKeys());
        QCOMPARE(h.columns.size(), h.fields.size());
        ++checked;
        if (h.fields.empty())
            return;
        QCOMPARE(h.indexOf(QStringLiteral("fldr")), 0);
        QCOMPARE(h.indexOf(QStringLiteral("9:i4")), 1);
        QCOMPARE(h.indexOf(QStringLiteral("cdp")), -1);
        for (qint64 t = w.traces().begin; t < w.traces().end; ++t) {
            QCOMPARE(h.value(0, t), std::optional<qint64>(fldr[std::size_t(t)]));
            QCOMPARE(h.value(1, t), std::optional<qint64>(fldr[std::size_t(t)]));
        }
        QVERIFY(!h.value(0, w.traces().end));
        QVERIFY(!h.value(2, w.traces().begin));
    });
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    nav.showTraces(3, 40);
    QVERIFY(ready.wait(30000));
    nav.showTraces(file->traceCount() - 17, 17);
    QVERIFY(ready.wait(30000));
    QCOMPARE(checked, 2);
    // No keys: empty columns, still the window's traces.
    nav.setHeaderKeys({});
    nav.showTraces(0, 5);
    QVERIFY(ready.wait(30000));
    QCOMPARE(checked, 3);
}

void TestGatherNavigator::supersededRequestsAreDropped() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    nav.setSource(file, {}, {}, scanOptions());
    for (qint64 first = 0; first < 2000; first += 100)
        nav.showTraces(first, 500); // faster than the worker: most are superseded
    const TraceWindow w = nextWindow(ready);
    QCOMPARE(w.traces(), (TraceRange{1900, 2400}));
    QTest::qWait(50);
    QVERIFY(ready.isEmpty()); // no stale window arrives after the newest
}

void TestGatherNavigator::noKeysNoEnsembles() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    nav.setSource(file, {}, {}, scanOptions());
    QVERIFY(!nav.ensembles());
    QVERIFY(!nav.showFirstEnsemble());
    QVERIFY(!nav.showNextEnsemble());
    QCOMPARE(nav.mode(), GatherNavigator::Mode::Traces);
}

void TestGatherNavigator::clearWhileScanning() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("ensembles_many_le.sgy")));
    for (int i = 0; i < 20; ++i) {
        GatherNavigator nav;
        EnsembleScanOptions o = scanOptions();
        o.useCache = false;
        o.blockTraces = 7; // a slow scan, so it is still running
        nav.setSource(file, {parseHeaderField(QStringLiteral("fldr"))}, {}, o);
        nav.showTraces(i * 10, 100);
        nav.clear(); // cancels the scan and the request; must neither hang nor crash
        QVERIFY(!nav.source());
        QVERIFY(!nav.ensembles());
    }
}

void TestGatherNavigator::scanCancelledFromItsDialog() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("ensembles_many_le.sgy")));
    // The first block's headers are read; the second waits at the gate.
    auto source = std::make_shared<HookedSource>(file);
    source->identityOverride = QString(); // never cached
    Gate gate;
    source->beforeHeaders = [&](int call) {
        if (call > 1)
            gate.wait();
    };
    GatherNavigator nav;
    // Whatever happens below, the worker is let go before the navigator waits for it.
    const auto release = qScopeGuard([&] { gate.open(); });
    EnsembleScanOptions o = scanOptions();
    o.blockTraces = 100;
    nav.setSource(source, {parseHeaderField(QStringLiteral("fldr"))}, {}, o);
    QVERIFY(nav.isScanning());

    JobProgressDialog dialog(QStringLiteral("Indexing ensembles"), QStringLiteral("fldr"));
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    dialog.watch(nav.scanFuture());
    QTRY_VERIFY(dialog.isVisible());
    // The first block is published while the second waits at the gate.
    QTRY_VERIFY(nav.ensembles()->count() > 0);
    auto* bar = dialog.findChild<QProgressBar*>(QStringLiteral("jobProgressBar"));
    QVERIFY(bar);
    QTRY_VERIFY(bar->value() > 0 && bar->value() < 100);

    auto* cancel = dialog.findChild<QPushButton*>(QStringLiteral("jobProgressCancel"));
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(nav.scanFuture().isCanceled());
    gate.open();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.takeFirst().at(0).toBool(), true);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!nav.isScanning());
    const qint64 found = nav.ensembles()->count();
    QVERIFY(!nav.ensembles()->isComplete());
    QVERIFY(found <
            expectedRuns(QStringLiteral("ensembles_many_le.sgy"), QStringLiteral("fldr")).size());
    // What was found stays usable.
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QVERIFY(nav.showFirstEnsemble());
    QCOMPARE(nextWindow(ready).traces().begin, 0);
}

void TestGatherNavigator::failedReadsAreReported() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    auto source = std::make_shared<HookedSource>(file);
    std::atomic<bool> failSamples{true};
    std::atomic<bool> failHeaders{false};
    source->beforeRead = [&](int) {
        if (failSamples)
            throw FormatError(file->path(), QStringLiteral("read error at byte 1234 (EIO)"));
    };
    source->beforeHeaders = [&](int) {
        if (failHeaders)
            throw FormatError(file->path(), QStringLiteral("header read error (EIO)"));
    };
    TileCacheOptions cacheOptions;
    cacheOptions.prefetch = false;
    {
        GatherNavigator nav;
        QSignalSpy ready(&nav, &GatherNavigator::windowReady);
        QSignalSpy failed(&nav, &GatherNavigator::readFailed);
        nav.setSource(source, {}, cacheOptions, scanOptions());
        nav.setHeaderKeys({parseHeaderField(QStringLiteral("fldr"))});

        // The samples cannot be read: a message naming the file and the problem, no window.
        nav.showTraces(0, 100);
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed[0][0].toString().contains(QStringLiteral("many_traces.sgy")) &&
                     failed[0][0].toString().contains(QStringLiteral("byte 1234")),
                 qPrintable(failed[0][0].toString()));
        QVERIFY(ready.isEmpty());

        // The samples can, the headers cannot: reported the same way.
        failSamples = false;
        failHeaders = true;
        nav.showTraces(200, 100);
        QVERIFY(failed.wait(30000));
        QVERIFY2(failed[1][0].toString().contains(QStringLiteral("header read error")),
                 qPrintable(failed[1][0].toString()));
        QVERIFY(ready.isEmpty());

        // Both fine again: the window arrives, with its headers.
        failHeaders = false;
        nav.showTraces(400, 100);
        QCOMPARE(nextWindow(ready).traces(), (TraceRange{400, 500}));
        QCOMPARE(nav.headers().traces, (TraceRange{400, 500}));

        // A failed request is the last one when the source goes: clearing must not rethrow.
        failSamples = true;
        nav.showTraces(600, 100);
        QVERIFY(failed.wait(30000));
        nav.clear();
        QVERIFY(!nav.source());
    } // and the destructor neither
}

QTEST_MAIN(TestGatherNavigator)
#include "tst_gathernavigator.moc"
