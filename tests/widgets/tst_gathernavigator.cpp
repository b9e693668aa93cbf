// GatherNavigator: trace mode and ensemble mode deliver the right windows on the GUI thread,
// ensemble stepping follows the runs python segyio wrote (manifest), requests made while a
// window is in flight wait for it and only the latest is read, bad files report instead of
// crashing, and the processing chain runs on the worker (never the GUI thread) with results equal
// to the chain applied to the raw window.
#include "testdata.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/processing/agcstep.h"
#include "seis/processing/amplitudespectrum.h"
#include "seis/processing/normalizestep.h"
#include "seis/processing/percentileclip.h"
#include "seis/segy/segyfile.h"
#include <seis/gathernavigator.h>
#include <seis/jobprogressdialog.h>

#include <QProgressBar>
#include <QPushButton>

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <mutex>
#include <set>

using namespace seis;
using namespace seis::testdata;
using namespace seis::testsupport;

namespace {

TraceWindow nextWindow(QSignalSpy& spy) {
    if (spy.isEmpty() && !spy.wait(30000))
        return {};
    return spy.takeFirst().at(0).value<TraceWindow>();
}

// A step that records the threads it runs on, around another step.
class RecordingStep final : public ProcessingStep {
public:
    explicit RecordingStep(std::shared_ptr<const ProcessingStep> inner)
        : m_inner(std::move(inner)) {}
    QString name() const override { return QStringLiteral("recording"); }
    nlohmann::ordered_json toJson() const override { return {{"step", "recording"}}; }
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override {
        {
            std::lock_guard lock(m_mutex);
            m_threads.insert(QThread::currentThread());
        }
        m_inner->apply(data, traces, samples, context);
    }
    std::set<QThread*> threads() const {
        std::lock_guard lock(m_mutex);
        return m_threads;
    }

private:
    std::shared_ptr<const ProcessingStep> m_inner;
    mutable std::mutex m_mutex;
    mutable std::set<QThread*> m_threads;
};

// `chain` applied here to a copy of `window`, with the context the viewer gives it.
std::vector<float> processedHere(const TraceWindow& window, const ProcessingChain& chain,
                                 double sampleIntervalUs) {
    std::vector<float> v(std::size_t(window.traces().count() * window.samples().count()));
    window.copyTo(v.data());
    ProcessingContext context;
    context.sampleIntervalUs = sampleIntervalUs * double(window.factor());
    chain.apply(v.data(), window.traces().count(), window.samples().count(), context);
    return v;
}

// The clip sample of a processed window, taken here: every n / 65536-th value, finite ones.
std::vector<float> clipSample(const std::vector<float>& v) {
    const qint64 stride = std::max<qint64>(1, qint64(v.size()) / 65536);
    std::vector<float> out;
    for (std::size_t i = 0; i < v.size(); i += std::size_t(stride))
        out.push_back(v[i]);
    return out;
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
    void processingRunsOnTheWorker();
    void processingSeesTheHeaders();
    void spectraComeWithTheWindow();

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
        nav.showTraces(first, 500); // faster than the worker: all but the first wait
    QCOMPARE(nav.view(), (TraceRange{1900, 2400}));
    // The window in flight when the view moved on is shown (a drag shows every window that is
    // ready), then the newest; the ones asked for in between are never read.
    QCOMPARE(nextWindow(ready).traces(), (TraceRange{0, 500}));
    QCOMPARE(nextWindow(ready).traces(), (TraceRange{1900, 2400}));
    QTest::qWait(50);
    QVERIFY(ready.isEmpty()); // no stale window arrives after the newest
    QCOMPARE(nav.processed().window.traces(), (TraceRange{1900, 2400}));
    // The cache was asked for the tiles of those two windows only: as many as another navigator
    // asking for just them.
    GatherNavigator two;
    QSignalSpy twoReady(&two, &GatherNavigator::windowReady);
    two.setSource(file, {}, {}, scanOptions());
    two.showTraces(0, 500);
    QCOMPARE(nextWindow(twoReady).traces(), (TraceRange{0, 500}));
    two.showTraces(1900, 500);
    QCOMPARE(nextWindow(twoReady).traces(), (TraceRange{1900, 2400}));
    const TileCacheStats a = nav.cache()->stats(), b = two.cache()->stats();
    QCOMPARE(a.hits + a.misses, b.hits + b.misses);
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

// Writes each trace's tracl (bytes 1-4 of its header in the context) into its first sample.
class TraclIntoSample final : public ProcessingStep {
public:
    QString name() const override { return QStringLiteral("tracl"); }
    nlohmann::ordered_json toJson() const override { return {{"step", "tracl"}}; }
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override {
        if (!context.headers)
            throw ArgumentError(QStringLiteral("tracl: no headers"));
        for (qint64 t = 0; t < traces; ++t)
            data[t * samples] = float(readIntField(context.headers + t * kTraceHeaderBytes,
                                                   FieldType::I4, context.headerByteOrder));
    }
};

// Steps get the headers of the window's traces (a mute by offset needs them).
void TestGatherNavigator::processingSeesTheHeaders() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    nav.setSource(file, {}, {}, scanOptions());
    ProcessingChain chain;
    chain.append(std::make_shared<TraclIntoSample>());
    nav.setProcessing(chain);
    nav.showTraces(1000, 3000); // more traces than one processing block of 1M samples
    const TraceWindow raw = nextWindow(ready);
    const ProcessedWindow& p = nav.processed();
    QVERIFY(p.values);
    const HeaderField tracl{QStringLiteral("tracl"), HeaderByte{1}, FieldType::I4};
    std::vector<qint64> want(std::size_t(raw.traces().count()));
    qint64* out[] = {want.data()};
    file->readHeaderColumns(std::vector<HeaderField>{tracl}, raw.traces(), out);
    for (qint64 t = raw.traces().begin; t < raw.traces().end; ++t)
        QCOMPARE(p.trace(t)[0], float(want[std::size_t(t - raw.traces().begin)]));
}

void TestGatherNavigator::processingRunsOnTheWorker() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy refined(&nav, &GatherNavigator::windowRefined);
    nav.setSource(file, {}, {}, scanOptions());
    auto recorder = std::make_shared<RecordingStep>(std::make_shared<AgcStep>(40.0));
    ProcessingChain chain;
    chain.append(recorder);
    chain.append(std::make_shared<NormalizeStep>());
    nav.setProcessing(chain); // nothing shown yet: nothing asked for
    QVERIFY(ready.isEmpty() && refined.isEmpty());
    QCOMPARE(nav.processing().size(), std::size_t(2));

    nav.showTraces(100, 300);
    const TraceWindow raw = nextWindow(ready);
    QCOMPARE(raw.traces(), (TraceRange{100, 400}));
    const ProcessedWindow& p = nav.processed();
    QCOMPARE(p.window.traces(), raw.traces());
    QVERIFY(p.values);
    // The chain ran on a worker, never on the GUI thread (this one), and gave what the same
    // steps give here, applied to the raw window.
    const std::set<QThread*> threads = recorder->threads();
    QVERIFY(!threads.empty());
    QVERIFY(!threads.count(QThread::currentThread()));
    QVERIFY(!threads.count(QCoreApplication::instance()->thread()));
    ProcessingChain plain;
    plain.append(std::make_shared<AgcStep>(40.0));
    plain.append(std::make_shared<NormalizeStep>());
    const std::vector<float> want = processedHere(raw, plain, file->sampleIntervalUs());
    QCOMPARE(p.values->size(), want.size());
    QVERIFY(std::memcmp(p.values->data(), want.data(), want.size() * sizeof(float)) == 0);
    QVERIFY(std::memcmp(p.trace(250), want.data() + 150 * raw.samples().count(),
                        std::size_t(raw.samples().count()) * sizeof(float)) == 0);
    // Its clip sample too: any percentile is that of the processed values' sample.
    const std::vector<float> sample = clipSample(want);
    for (double q : {50.0, 99.0, 100.0})
        QCOMPARE(p.percentile(q), percentileClip(sample.data(), qint64(sample.size()), q));
    QVERIFY(p.percentile(100.0) <= 1.0f); // normalised

    // Two new chains in a row: the window on screen comes back once, processed with the last;
    // the other result is dropped. It is a refinement (same traces: the display keeps its zoom).
    ProcessingChain normalizeOnly;
    normalizeOnly.append(std::make_shared<NormalizeStep>());
    ProcessingChain agcOnly;
    agcOnly.append(std::make_shared<AgcStep>(100.0));
    nav.setProcessing(normalizeOnly);
    nav.setProcessing(agcOnly);
    QVERIFY(refined.wait(30000));
    QCOMPARE(refined.takeFirst().at(0).value<TraceWindow>().traces(), raw.traces());
    const std::vector<float> agc = processedHere(raw, agcOnly, file->sampleIntervalUs());
    QVERIFY(nav.processed().values);
    QVERIFY(std::memcmp(nav.processed().values->data(), agc.data(), agc.size() * sizeof(float)) ==
            0);
    QTest::qWait(100);
    QVERIFY(refined.isEmpty() && ready.isEmpty());

    // No processing: the samples as read are drawn; the clip sample is theirs.
    nav.setProcessing({});
    QVERIFY(refined.wait(30000));
    QVERIFY(!nav.processed().values);
    QCOMPARE(nav.processed().trace(100), raw.trace(100));
    std::vector<float> rawValues(want.size());
    raw.copyTo(rawValues.data());
    const std::vector<float> rawSample = clipSample(rawValues);
    QCOMPARE(nav.processed().percentile(99.0),
             percentileClip(rawSample.data(), qint64(rawSample.size()), 99.0));
    // The chain stays for the next window.
    nav.setProcessing(agcOnly);
    QVERIFY(refined.wait(30000));
    nav.showTraces(0, 50);
    const TraceWindow next = nextWindow(ready);
    QCOMPARE(next.traces(), (TraceRange{0, 50}));
    const std::vector<float> nextWant = processedHere(next, agcOnly, file->sampleIntervalUs());
    QVERIFY(std::memcmp(nav.processed().values->data(), nextWant.data(),
                        nextWant.size() * sizeof(float)) == 0);
}

// With the spectrum wanted, every window comes with the mean amplitude spectra of its traces as
// read and as processed: those of the same samples taken here, computed on the worker (the
// chain's thread), never on the GUI thread; not wanted, none.
void TestGatherNavigator::spectraComeWithTheWindow() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy refined(&nav, &GatherNavigator::windowRefined);
    QSignalSpy spectra(&nav, &GatherNavigator::spectraReady);
    nav.setSource(file, {}, {}, scanOptions());
    auto recorder = std::make_shared<RecordingStep>(std::make_shared<AgcStep>(40.0));
    ProcessingChain chain;
    chain.append(recorder);
    nav.setProcessing(chain);
    nav.showTraces(200, 1500); // several threads' runs of traces
    const TraceWindow raw = nextWindow(ready);
    QVERIFY(!nav.processed().spectra); // not asked for
    QVERIFY(spectra.isEmpty());

    nav.setSpectrumWanted(true);
    QVERIFY(nav.spectrumWanted());
    // Asked for on the worker: nothing computed here, before the event loop runs.
    QVERIFY(spectra.isEmpty() && !nav.processed().spectra);
    QVERIFY(refined.wait(30000));
    QCOMPARE(spectra.count(), 1);
    const auto s = spectra.takeFirst().at(0).value<std::shared_ptr<const WindowSpectra>>();
    QVERIFY(s);
    QCOMPARE(nav.processed().spectra, s);
    QCOMPARE(s->traces, raw.traces());
    QCOMPARE(s->factor, qint64(1));
    QVERIFY(s->hasProcessing);
    const std::set<QThread*> threads = recorder->threads();
    QVERIFY(!threads.empty() && !threads.count(QThread::currentThread()));

    const qint64 n = raw.traces().count(), ns = raw.samples().count();
    std::vector<float> rawValues(std::size_t(n * ns));
    raw.copyTo(rawValues.data());
    const std::vector<float> processed =
        processedHere(raw, ProcessingChain(chain), file->sampleIntervalUs());
    const AmplitudeSpectrum wantRaw =
        meanAmplitudeSpectrum(rawValues.data(), n, ns, file->sampleIntervalUs());
    const AmplitudeSpectrum wantProcessed =
        meanAmplitudeSpectrum(processed.data(), n, ns, file->sampleIntervalUs());
    for (const auto& [got, want] :
         {std::pair{&s->raw, &wantRaw}, std::pair{&s->processed, &wantProcessed}}) {
        QCOMPARE(got->traces, n);
        QCOMPARE(got->frequencyHz, want->frequencyHz);
        QCOMPARE(got->amplitude.size(), want->amplitude.size());
        const double peak = *std::max_element(want->amplitude.begin(), want->amplitude.end());
        QVERIFY(peak > 0.0);
        for (std::size_t k = 0; k < want->amplitude.size(); ++k) {
            // Summed in other runs of traces: the same mean but for rounding.
            QVERIFY2(std::fabs(got->amplitude[k] - want->amplitude[k]) <= 1e-9 * peak,
                     qPrintable(QStringLiteral("bin %1: %2, expected %3")
                                    .arg(k)
                                    .arg(got->amplitude[k])
                                    .arg(want->amplitude[k])));
        }
    }
    QVERIFY(wantRaw.amplitude != wantProcessed.amplitude);

    // Every window from now on; without processing the curves are the same.
    nav.setProcessing({});
    QVERIFY(spectra.wait(30000));
    const auto plain = spectra.takeFirst().at(0).value<std::shared_ptr<const WindowSpectra>>();
    QVERIFY(!plain->hasProcessing);
    QCOMPARE(plain->processed.amplitude, plain->raw.amplitude);
    nav.showTraces(0, 10);
    QVERIFY(spectra.wait(30000));
    QCOMPARE(spectra.takeFirst().at(0).value<std::shared_ptr<const WindowSpectra>>()->traces,
             (TraceRange{0, 10}));

    // Off: the next windows come without.
    nav.setSpectrumWanted(false);
    ready.clear();
    nav.showTraces(20, 10);
    QCOMPARE(nextWindow(ready).traces(), (TraceRange{20, 30}));
    QVERIFY(!nav.processed().spectra);
    QVERIFY(spectra.isEmpty());
}

QTEST_MAIN(TestGatherNavigator)
#include "tst_gathernavigator.moc"
