// The spectrum panel in the viewer (View > Spectrum): on a file with a flow on, its two curves
// are what `seisview-cli spectrum FILE --traces A:B [--flow F] --json` gives for the traces on
// screen, computed off the GUI thread; the panel draws both curves; hidden, nothing is computed.
#include "mainwindow.h"
#include "processingpanel.h"
#include "processrun.h"

#include "seis/processing/processingchain.h"
#include <seis/gathernavigator.h>
#include <seis/spectrumpanel.h>

#include <QAction>
#include <QDockWidget>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <mutex>
#include <set>

using namespace seis;
using json = nlohmann::ordered_json;

namespace {

// A step that changes nothing and records the threads it runs on.
class ThreadRecorder final : public ProcessingStep {
public:
    QString name() const override { return QStringLiteral("recording"); }
    nlohmann::ordered_json toJson() const override { return {{"step", "recording"}}; }
    void apply(float*, qint64, qint64, const ProcessingContext&) const override {
        std::lock_guard lock(m_mutex);
        m_threads.insert(QThread::currentThread());
    }
    std::set<QThread*> threads() const {
        std::lock_guard lock(m_mutex);
        return m_threads;
    }

private:
    mutable std::mutex m_mutex;
    mutable std::set<QThread*> m_threads;
};

// `seisview-cli spectrum` of `path`'s traces `traces` ("A:B"), with `flow` if not empty.
json cliSpectrum(const QString& path, const QString& traces, const QString& flow) {
    QStringList args = {QStringLiteral("spectrum"), path, QStringLiteral("--traces"), traces,
                        QStringLiteral("--json")};
    if (!flow.isEmpty())
        args << QStringLiteral("--flow") << flow;
    const auto run = testsupport::runProcess(qEnvironmentVariable("SEIS_CLI"), args);
    if (run.code != 0)
        qWarning("%s", qPrintable(run.describe()));
    return run.code == 0 ? json::parse(run.out.toStdString()) : json();
}

// Empty if `curve` of the panel and `spectrum` (the panel's spectra) equal the CLI's `want`:
// the same frequencies, amplitudes within 1e-5 of the largest and dB within 1e-4 (both at or
// below -200 dB counts as equal: the floor).
QString compare(const SpectrumPanel& panel, SpectrumPanel::Curve curve,
                const AmplitudeSpectrum& spectrum, const json& want) {
    const auto f = want["frequency_hz"].get<std::vector<double>>();
    const auto a = want["amplitude"].get<std::vector<double>>();
    const auto db = want["amplitude_db"].get<std::vector<double>>();
    const std::vector<double> shownF = panel.frequencies(curve);
    const std::vector<double> shownDb = panel.decibels(curve);
    if (shownF.size() != f.size() || shownDb.size() != f.size() ||
        spectrum.amplitude.size() != f.size())
        return QStringLiteral("%1 points drawn, %2 in the spectrum, expected %3")
            .arg(shownF.size())
            .arg(spectrum.amplitude.size())
            .arg(f.size());
    const double peak = *std::max_element(a.begin(), a.end());
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (std::fabs(shownF[k] - f[k]) > 1e-9 * f.back())
            return QStringLiteral("bin %1 at %2 Hz, expected %3").arg(k).arg(shownF[k]).arg(f[k]);
        if (std::fabs(spectrum.amplitude[k] - a[k]) > 1e-5 * peak)
            return QStringLiteral("bin %1: amplitude %2, expected %3")
                .arg(k)
                .arg(spectrum.amplitude[k])
                .arg(a[k]);
        if (std::fabs(shownDb[k] - db[k]) > 1e-4 && !(shownDb[k] <= -200 && db[k] <= -200))
            return QStringLiteral("bin %1: %2 dB, expected %3").arg(k).arg(shownDb[k]).arg(db[k]);
    }
    return {};
}

// Pixels of `image` within a small distance of `color` (the curves are antialiased).
int pixelsOf(const QImage& image, const QColor& color) {
    int n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (std::abs(c.red() - color.red()) + std::abs(c.green() - color.green()) +
                    std::abs(c.blue() - color.blue()) <
                30)
                ++n;
        }
    return n;
}

std::shared_ptr<const WindowSpectra> waitForSpectra(QSignalSpy& spy, TraceRange traces) {
    for (;;) {
        if (spy.isEmpty() && !spy.wait(30000))
            return nullptr;
        auto s = spy.takeFirst().at(0).value<std::shared_ptr<const WindowSpectra>>();
        if (s && s->traces == traces)
            return s;
    }
}

} // namespace

class TestSpectrumPanel : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void matchesTheCli();

private:
    QTemporaryDir m_dir;
};

void TestSpectrumPanel::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QVERIFY(!qEnvironmentVariableIsEmpty("SEIS_CLI"));
}

void TestSpectrumPanel::matchesTheCli() {
    const QString demo = QStringLiteral(SEIS_DEMO_FILE);
    gui::MainWindow w;
    w.setFlowKept(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy shown(&w, &gui::MainWindow::viewShown);
    w.showFile(demo);
    QVERIFY(shown.wait(30000));
    QVERIFY(!w.spectrumDock()->isVisible()); // hidden at first: nothing computed
    QVERIFY(!w.navigator()->spectrumWanted());
    QVERIFY(!w.navigator()->processed().spectra);

    // A flow, the same in the viewer and in a file for the CLI (traces 100:250 of 768, 2 ms).
    const json flow = json::parse(R"({"version": 1, "steps": [
        {"step": "agc", "window_ms": 250},
        {"step": "butterworth", "low_hz": 8, "low_order": 4, "high_hz": 60, "high_order": 4}]})");
    const QString flowPath = m_dir.filePath(QStringLiteral("flow.json"));
    {
        QFile f(flowPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray::fromStdString(flow.dump()));
    }
    w.processingPanel()->setFlow(flow);
    // The same chain with a step that records where it runs (it changes nothing).
    ProcessingChain recorded = w.processingPanel()->chain();
    auto recorder = std::make_shared<ThreadRecorder>();
    recorded.append(recorder);
    w.navigator()->setProcessing(recorded);
    shown.clear();
    w.navigator()->showTraces(100, 150);
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.navigator()->view(), (TraceRange{100, 250}));

    // View > Spectrum: asked for, computed on the worker, not here.
    QSignalSpy spectra(w.navigator(), &GatherNavigator::spectraReady);
    QAction* toggle = w.findChild<QAction*>(QStringLiteral("showSpectrum"));
    QVERIFY(toggle);
    toggle->trigger();
    QVERIFY(w.spectrumDock()->isVisible());
    QVERIFY(w.navigator()->spectrumWanted());
    QVERIFY(!w.spectrumPanel()->spectra()); // nothing computed on this thread
    const auto s = waitForSpectra(spectra, {100, 250});
    QVERIFY(s);
    QCOMPARE(w.spectrumPanel()->spectra(), s);
    QVERIFY(s->hasProcessing);
    QCOMPARE(s->factor, qint64(1));
    const std::set<QThread*> threads = recorder->threads();
    QVERIFY(!threads.empty() && !threads.count(QThread::currentThread()));

    const json wantRaw = cliSpectrum(demo, QStringLiteral("100:250"), {});
    const json wantProcessed = cliSpectrum(demo, QStringLiteral("100:250"), flowPath);
    QVERIFY(!wantRaw.is_null() && !wantProcessed.is_null());
    const SpectrumPanel& panel = *w.spectrumPanel();
    QVERIFY(panel.isDrawn(SpectrumPanel::Raw) && panel.isDrawn(SpectrumPanel::Processed));
    QString why = compare(panel, SpectrumPanel::Raw, s->raw, wantRaw);
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("before processing: ") + why));
    why = compare(panel, SpectrumPanel::Processed, s->processed, wantProcessed);
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("after processing: ") + why));
    QCOMPARE(panel.frequencies(SpectrumPanel::Raw).back(), 250.0); // Nyquist of 2 ms
    QVERIFY2(panel.caption().contains(QStringLiteral("100-249")), qPrintable(panel.caption()));

    // It draws: many more pixels of both curves' colours than an empty panel of the same size,
    // whose legend has the first colour (the legend's line samples are some 30 pixels each).
    SpectrumPanel empty;
    empty.resize(w.spectrumPanel()->size());
    const QImage blank = empty.grab().toImage();
    const QImage image = w.spectrumPanel()->grab().toImage();
    QCOMPARE(image.size(), blank.size());
    for (SpectrumPanel::Curve c : {SpectrumPanel::Raw, SpectrumPanel::Processed}) {
        const int drawn = pixelsOf(image, SpectrumPanel::color(c));
        const int none = pixelsOf(blank, SpectrumPanel::color(c));
        qInfo("panel %dx%d, curve %d: %d pixels of its colour, %d when empty", image.width(),
              image.height(), int(c), drawn, none);
        QVERIFY2(drawn > none + 200, "a curve is not drawn");
    }

    // The view moves: the spectrum follows.
    w.navigator()->showTraces(300, 50);
    const auto moved = waitForSpectra(spectra, {300, 350});
    QVERIFY(moved);
    QCOMPARE(w.spectrumPanel()->spectra(), moved);
    why = compare(panel, SpectrumPanel::Processed, moved->processed,
                  cliSpectrum(demo, QStringLiteral("300:350"), flowPath));
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("moved, after processing: ") + why));

    // No processing: one curve, the file's.
    w.processingPanel()->setFlow(json::parse(R"({"version": 1, "steps": []})"));
    QTRY_VERIFY_WITH_TIMEOUT(
        w.spectrumPanel()->spectra() && !w.spectrumPanel()->spectra()->hasProcessing, 30000);
    QVERIFY(!panel.isDrawn(SpectrumPanel::Processed));
    why = compare(panel, SpectrumPanel::Raw, w.spectrumPanel()->spectra()->raw,
                  cliSpectrum(demo, QStringLiteral("300:350"), {}));
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("no processing: ") + why));

    // Hidden: the next windows come without spectra.
    toggle->trigger();
    QVERIFY(!w.spectrumDock()->isVisible());
    QVERIFY(!w.navigator()->spectrumWanted());
    shown.clear();
    w.navigator()->showTraces(0, 20);
    QVERIFY(shown.wait(30000));
    QVERIFY(!w.navigator()->processed().spectra);
}

QTEST_MAIN(TestSpectrumPanel)
#include "tst_spectrumpanel.moc"
