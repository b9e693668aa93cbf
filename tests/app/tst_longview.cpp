// The viewer's side of long traces, on the sparse file of 2,000,000-sample traces: the navigator
// reads the visible time range decimated to what the plot can show and refines it when the view
// zooms in (and not for traces that fit, which are read whole as always); the display draws a
// decimated window on the trace's time axis and the cursor reads the bin under it.
#include "mainwindow.h"

#include "seis/cache/tilecache.h"
#include "seis/segy/segyfile.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

using namespace seis;

namespace {

QString dataPath(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QLatin1Char('/') + name;
}

// The window's values equal the reader's for the same traces, samples and factor.
bool sameAsReader(const TraceSource& source, const TraceWindow& w) {
    const SampleRange in = w.inputSamples(source.sampleCount());
    std::vector<float> want(std::size_t(w.traces().count() * w.samples().count()));
    source.readWindowDecimated(w.traces(), in, w.factor(), want.data());
    std::vector<float> got(want.size());
    w.copyTo(got.data());
    return std::memcmp(got.data(), want.data(), got.size() * sizeof(float)) == 0;
}

} // namespace

class TestLongView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void navigatorReadsTheVisibleRange();
    void windowsStayWithinTheBudget();
    void spectrumReadsWholeTraces();
    void tracesThatFitAreReadWhole();
    void viewDrawsADecimatedWindow();
    void mainWindowZoomsIntoLongTraces();

private:
    std::shared_ptr<const SegyFile> m_file;
    QTemporaryDir m_home;
};

void TestLongView::initTestCase() {
    qRegisterMetaType<TraceWindow>();
    QVERIFY(m_home.isValid());
    qputenv("XDG_CACHE_HOME", m_home.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
    m_file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("long_traces.sgy")));
    QCOMPARE(m_file->sampleCount(), 2'000'000);
}

void TestLongView::navigatorReadsTheVisibleRange() {
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy refined(&nav, &GatherNavigator::windowRefined);
    nav.setSource(m_file, {});
    nav.showTraces(0, 20);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
    TraceWindow w = ready[0][0].value<TraceWindow>();
    // 2,000,000 samples in at most 8192 rows: every 256 samples' peak, 7813 of them.
    QCOMPARE(w.factor(), 256);
    QCOMPARE(w.samples(), (SampleRange{0, 7813}));
    QCOMPARE(w.traces(), (TraceRange{0, 20}));
    QVERIFY(sameAsReader(*m_file, w));

    // Zoomed in to 4001 samples: those samples, every one of them.
    nav.setVisibleSamples({405'000, 409'001}, 600);
    QTRY_COMPARE_WITH_TIMEOUT(refined.count(), 1, 60000);
    w = refined[0][0].value<TraceWindow>();
    QCOMPARE(w.factor(), 1);
    QCOMPARE(w.traces(), (TraceRange{0, 20}));
    QCOMPARE(w.samples(), (SampleRange{405'000, 409'001}));
    QVERIFY(sameAsReader(*m_file, w));

    // A little further in: the window on screen covers it at full resolution already.
    nav.setVisibleSamples({406'000, 407'000}, 600);
    // A tall plot: up to twice its height in rows.
    nav.setVisibleSamples({0, 2'000'000}, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(refined.count(), 2, 60000);
    w = refined[1][0].value<TraceWindow>();
    QCOMPARE(w.factor(), 256); // 10000 rows: 2,000,000 / 256 = 7813
    QCOMPARE(nav.rows(), 10000);
    nav.setVisibleSamples({0, 2'000'000}, 5000); // nothing new to read
    QTest::qWait(200);
    QCOMPARE(refined.count(), 2);

    // New traces keep the time range; they arrive as a new window, not a refinement.
    nav.setVisibleSamples({1'000'000, 1'500'000}, 100);
    QTRY_COMPARE_WITH_TIMEOUT(refined.count(), 3, 60000);
    QCOMPARE(refined[2][0].value<TraceWindow>().factor(), 64); // 500000 / 64 = 7813
    nav.showTraces(100, 30);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 2, 60000);
    w = ready[1][0].value<TraceWindow>();
    QCOMPARE(w.traces(), (TraceRange{100, 130}));
    QCOMPARE(w.factor(), 64);
    QCOMPARE(w.inputSamples(m_file->sampleCount()), (SampleRange{1'000'000, 1'500'032}));
    QVERIFY(sameAsReader(*m_file, w));
    QCOMPARE(refined.count(), 3);
}

void TestLongView::windowsStayWithinTheBudget() {
    TileCacheOptions o;
    o.budgetBytes = qint64(1) << 20; // 1 MB: 33 traces of 7813 rows (4 bytes each)
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    nav.setSource(m_file, {}, o);
    nav.showTraces(10, 100);
    QCOMPARE(nav.view(), (TraceRange{10, 43}));
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
    const TraceWindow w = ready[0][0].value<TraceWindow>();
    QCOMPARE(w.traces(), (TraceRange{10, 43}));
    QVERIFY(w.traces().count() * w.samples().count() * qint64(sizeof(float)) <= o.budgetBytes);
}

// With the spectrum panel on, long traces are read whole at full resolution (a spectrum of
// decimated peaks would alias), as many traces as the budget holds, and their spectrum comes
// with the window, over every sample to the file's Nyquist frequency.
void TestLongView::spectrumReadsWholeTraces() {
    TileCacheOptions o;
    o.budgetBytes = qint64(64) << 20; // 8 traces of 2,000,000 samples
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy spectra(&nav, &GatherNavigator::spectraReady);
    nav.setSource(m_file, {}, o);
    nav.showTraces(10, 20);
    QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 60000);
    QCOMPARE(ready[0][0].value<TraceWindow>().factor(), 256);
    nav.setSpectrumWanted(true);
    QCOMPARE(nav.view(), (TraceRange{10, 18}));
    QCOMPARE(nav.requestedFactor(), 1);
    QCOMPARE(nav.requestedSamples(), (SampleRange{0, 2'000'000}));
    QTRY_COMPARE_WITH_TIMEOUT(spectra.count(), 1, 120000);
    const TraceWindow w = ready.last()[0].value<TraceWindow>();
    QCOMPARE(w.traces(), (TraceRange{10, 18}));
    QCOMPARE(w.factor(), 1);
    QCOMPARE(w.samples(), (SampleRange{0, 2'000'000}));
    const auto s = spectra[0][0].value<std::shared_ptr<const WindowSpectra>>();
    QCOMPARE(s->factor, qint64(1));
    QCOMPARE(s->raw.traces, qint64(8));
    QCOMPARE(s->raw.frequencyHz.size(), std::size_t(4'000'000 / 2 + 1)); // nfft 2^8 5^6
    QCOMPARE(s->raw.frequencyHz.back(), 1e6 / (2.0 * m_file->sampleIntervalUs()));
}

void TestLongView::tracesThatFitAreReadWhole() {
    auto file = std::make_shared<const SegyFile>(dataPath(QStringLiteral("many_traces.sgy")));
    GatherNavigator nav;
    QSignalSpy ready(&nav, &GatherNavigator::windowReady);
    QSignalSpy refined(&nav, &GatherNavigator::windowRefined);
    nav.setSource(file, {});
    nav.showTraces(0, 100);
    QTRY_COMPARE(ready.count(), 1);
    nav.setVisibleSamples({10, 20}, 600);
    nav.setVisibleSamples({0, 5}, 1);
    QTest::qWait(200);
    QCOMPARE(refined.count(), 0);
    QCOMPARE(nav.requestedSamples(), (SampleRange{0, file->sampleCount()}));
    QCOMPARE(nav.requestedFactor(), 1);
    const TraceWindow w = ready[0][0].value<TraceWindow>();
    QCOMPARE(w.factor(), 1);
    QCOMPARE(w.samples(), (SampleRange{0, file->sampleCount()}));
}

void TestLongView::viewDrawsADecimatedWindow() {
    TileCache cache(m_file);
    const TraceWindow window = cache.window({0, 10}, {0, m_file->sampleCount()}, 256);
    GatherView view;
    view.resize(800, 600);
    view.setTraceSamples(m_file->sampleCount());
    QSignalSpy visible(&view, &GatherView::visibleSamplesChanged);
    view.setData(window, 1.0, 0.0); // 1 ms per sample
    // The whole trace's time, though the window holds one sample in 256.
    QCOMPARE(view.visibleTimes().first, -0.5);
    QCOMPARE(view.visibleTimes().second, 2'000'000 - 0.5);
    QVERIFY(!visible.isEmpty());
    QCOMPARE(visible.last()[0].toLongLong(), 0);
    QCOMPARE(visible.last()[1].toLongLong(), 2'000'000);
    view.grab();

    // Zoomed to the second burst of trace 5 (samples 405000-409095), still from the same window.
    view.zoomTo(4.6, 5.4, 405'000, 409'000);
    QCOMPARE(visible.last()[0].toLongLong(), 405'000);
    QCOMPARE(visible.last()[1].toLongLong(), 409'001);
    const QImage image = view.grab().toImage();
    QSignalSpy cursor(&view, &GatherView::cursorMoved);
    QWidget* plot = view.findChild<QWidget*>();
    const QPointF pos(400, 300);
    QMouseEvent move(QEvent::MouseMove, pos, plot->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &move);
    QCOMPARE(cursor.count(), 1);
    QCOMPARE(cursor[0][0].toLongLong(), 5);
    const double time = cursor[0][1].toDouble();
    // The centre of a bin of 256 samples: j * 256 + 127.5 ms.
    const double bin = (time - 127.5) / 256.0;
    QCOMPARE(bin, std::round(bin));
    QVERIFY(time > 405'000 && time < 409'100);
    const qint64 j = qint64(bin);
    float peak = 0;
    m_file->readWindowDecimated({5, 6}, {j * 256, (j + 1) * 256}, 256, &peak);
    QCOMPARE(cursor[0][2].toFloat(), peak);
    QVERIFY(peak != 0.0f);
    // The burst fills the plot. Its sine's peaks per bin are all +200 (of equal +1 and -1 the
    // first, which is positive), drawn dark in grey; no background white anywhere.
    int dark = 0, white = 0;
    for (int y = 100; y < 500; y += 4) {
        const QRgb p = image.pixel(image.width() / 2, y);
        dark += qGray(p) < 60;
        white += p == qRgb(255, 255, 255);
    }
    QVERIFY2(dark > 50 && white == 0,
             qPrintable(QStringLiteral("%1 dark, %2 white").arg(dark).arg(white)));
}

// The main window: the first picture is the whole trace decimated; a zoom in time brings the
// samples on screen at full resolution without moving the view; Home the whole trace again.
void TestLongView::mainWindowZoomsIntoLongTraces() {
    gui::MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &gui::MainWindow::viewShown);
    w.showFile(m_file->path());
    QVERIFY(shown.wait(60000));
    GatherView* view = w.gatherView();
    QCOMPARE(view->data().traces(), (TraceRange{0, 160}));
    QCOMPARE(view->data().factor(), 256);
    QCOMPARE(view->visibleTimes().second, 2'000'000 - 0.5);

    QSignalSpy refined(w.navigator(), &GatherNavigator::windowRefined);
    view->zoomTo(4.5, 5.5, 405'000, 409'000);
    QVERIFY(refined.wait(60000));
    QCOMPARE(view->data().factor(), 1);
    QCOMPARE(view->data().traces(), (TraceRange{0, 160}));
    QCOMPARE(view->data().samples(), (SampleRange{405'000, 409'001}));
    QCOMPARE(view->visibleTimes().first, 405'000.0); // the zoom stays
    QCOMPARE(view->visibleTimes().second, 409'000.0);
    QVERIFY(sameAsReader(*m_file, view->data()));
    QCOMPARE(shown.count(), 1);

    view->resetView();
    QVERIFY(refined.wait(60000));
    QCOMPARE(view->data().factor(), 256);
    QCOMPARE(view->data().samples(), (SampleRange{0, 7813}));
    QCOMPARE(view->visibleTimes().first, -0.5);
    QCOMPARE(view->visibleTimes().second, 2'000'000 - 0.5);
}

QTEST_MAIN(TestLongView)
#include "tst_longview.moc"
