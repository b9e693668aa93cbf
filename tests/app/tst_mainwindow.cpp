// The main window driven like a user would: opening files, scrolling, stepping ensembles with the
// keyboard, every display mode, dropping files on it, and files that fail to open.
#include "mainwindow.h"

#include "dialogsupport.h"
#include "filechangedbar.h"
#include "filechangemonitor.h"
#include "fileclip.h"
#include "processingpanel.h"
#include "recentfiles.h"
#include "saveimagedialog.h"
#include "screenshots.h"
#include "seis/processing/flow.h"
#include "seis/stats/amplitudestatistics.h"
#include "testdata.h"
#include "testsupport.h"
#include "tracescrollbar.h"
#include <seis/displaysettings.h>
#include <seis/jobprogressdialog.h>

#include "seis/base/error.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtTest>

#include <set>

using namespace seis;
using seis::gui::MainWindow;

using namespace seis::testdata;
using namespace seis::testsupport;
using seis::gui::ViewerSettings;

namespace {

// Closes every message box that comes up while it runs, keeping the last one's text.
class MessageBoxCloser {
public:
    MessageBoxCloser() {
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                m_text = box->text() + QLatin1Char('\n') + box->informativeText();
                box->done(0);
            }
        });
        m_timer.start(20);
    }
    QString text() const { return m_text; }

private:
    QTimer m_timer;
    QString m_text;
};

// Writes `traces` IBM traces of `samples` samples (value t % 100 + s / 1000) to `path` (appending
// to an existing file if `append`), with fldr changing every `perShot` traces; returns the bytes
// of one trace.
qint64 writeShots(const QString& path, qint64 traces, int samples, qint64 perShot,
                  bool append = false, qint64 firstTrace = 0) {
    QFile f(path);
    if (!f.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    auto be = [](QByteArray& b, int offset, quint32 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            b[offset + i] = char((v >> (8 * (bytes - 1 - i))) & 0xff);
    };
    if (!append) {
        QByteArray head(3600, '\0');
        be(head, 3216, 2000, 2);
        be(head, 3220, quint32(samples), 2);
        be(head, 3224, 1, 2);
        f.write(head);
    }
    QByteArray trace(240 + 4 * samples, '\0');
    for (qint64 t = firstTrace; t < firstTrace + traces; ++t) {
        be(trace, 0, quint32(t + 1), 4);
        be(trace, 8, quint32(t / perShot + 1), 4);
        be(trace, 114, quint32(samples), 2);
        for (int s = 0; s < samples; ++s)
            be(trace, 240 + 4 * s, floatToIbm(float(t % 100) + float(s) / 1000), 4);
        f.write(trace);
    }
    return trace.size();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void opensAndShowsTheFirstTraces();
    void scrollBarMovesTheView();
    void pageDownStepsEnsembles();
    void everyDisplayMode();
    void processingRunsOffTheGuiThread();
    void dropOpensAFile();
    void failingFileKeepsThePreviousOne();
    void headerSettingsLabelGroupAndStatusBar();
    void recentFilesReopen();
    void fileOpenThroughTheDialog();
    void saveImageAtScreenAndChosenSize();
    void wholeFileClipCancelThenApply();
    void truncatedFileOffersReopen_data();
    void truncatedFileOffersReopen();
    void changedFileIsOfferedOncePerChange();
    void ensembleCacheBoundReachesTheScan();

private:
    QTemporaryDir m_cache;
};

void TestMainWindow::initTestCase() {
    QVERIFY(m_cache.isValid());
    qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit()); // never the user's cache
    // Nor the user's settings (recent files, header mapping).
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_cache.path());
}

void TestMainWindow::opensAndShowsTheFirstTraces() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.gatherView()->data().traces(), (TraceRange{0, 768})); // 8 shots x 96: all fit
    QVERIFY(w.windowTitle().contains(QStringLiteral("demo_shots.sgy")));

    // The trace-header table holds the traces on screen, with the reader's values.
    auto* table = w.findChild<QTableView*>();
    QVERIFY(table);
    QCOMPARE(table->model()->rowCount(), 768);
    const SegyFile file(QStringLiteral(SEIS_DEMO_FILE));
    int fldrColumn = -1;
    for (int c = 0; c < table->model()->columnCount(); ++c)
        if (table->model()
                ->headerData(c, Qt::Horizontal)
                .toString()
                .startsWith(QLatin1String("fldr")))
            fldrColumn = c;
    QVERIFY(fldrColumn >= 0);
    const std::vector<HeaderField> fields{parseHeaderField(QStringLiteral("fldr"))};
    for (int row : {0, 95, 96, 500, 767}) {
        qint64 value = 0;
        qint64* out = &value;
        file.readHeaderColumns(fields, {row, row + 1}, std::span<qint64* const>(&out, 1));
        QCOMPARE(table->model()->index(row, fldrColumn).data().toLongLong(), value);
    }
}

void TestMainWindow::scrollBarMovesTheView() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy"))); // 8500 traces
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.gatherView()->data().traces(), (TraceRange{0, 1000}));
    auto* scroll = w.findChild<QScrollBar*>();
    QVERIFY(scroll);
    QCOMPARE(scroll->maximum(), 7500);
    scroll->setValue(3000);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{3000, 4000}), 30000);
    QTest::keyClick(&w, Qt::Key_Right); // a quarter screen on
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{3250, 4250}), 30000);
    QCOMPARE(scroll->value(), 3250);
}

void TestMainWindow::pageDownStepsEnsembles() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    w.navigator()->waitForScan();
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles()->isComplete(), 30000);
    QTest::keyClick(&w, Qt::Key_PageDown); // from trace mode: the ensemble after the first
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{96, 192}), 30000);
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{192, 288}), 30000);
    QTest::keyClick(&w, Qt::Key_PageUp);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{96, 192}), 30000);
    QCOMPARE(w.navigator()->currentEnsemble(), 1);
}

void TestMainWindow::everyDisplayMode() {
    MainWindow w;
    w.resize(1200, 700);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    w.navigator()->waitForScan();
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showEnsemble(2), 30000);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{192, 288}), 30000);
    std::vector<QImage> images;
    for (DisplayMode mode : kAllDisplayModes) {
        DisplaySettings s;
        s.mode = mode;
        w.setDisplaySettings(s);
        QCOMPARE(w.gatherView()->settings().mode, mode);
        images.push_back(w.gatherView()->grab().toImage());
        QVERIFY(!images.back().isNull());
    }
    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t j = i + 1; j < images.size(); ++j)
            QVERIFY2(images[i] != images[j],
                     qPrintable(QStringLiteral("modes %1 and %2 look the same").arg(i).arg(j)));
}

// The processing panel's flow (AGC, then a balance by the peak): the window on screen is
// processed on the navigator's worker, not while the flow is set, and arrives as the chain
// applied to the raw window; the view keeps its zoom; an empty flow shows the samples as read.
void TestMainWindow::processingRunsOffTheGuiThread() {
    MainWindow w;
    w.resize(1200, 700);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    GatherView* view = w.gatherView();
    w.processingPanel()->setFlow(nlohmann::ordered_json::parse(R"({"version": 1, "steps": []})"));
    QVERIFY(shown.count() > 1 || w.navigator()->processing().empty());
    QTRY_VERIFY_WITH_TIMEOUT(!view->processedData().values, 30000); // no processing asked for
    view->zoomTo(10, 60, 100, 900);
    const auto zoom = view->visibleTraces();

    QSignalSpy refined(w.navigator(), &GatherNavigator::windowRefined);
    const auto flow = nlohmann::ordered_json::parse(
        R"({"version": 1, "steps": [{"step": "agc", "window_ms": 120},
                                    {"step": "balance", "method": "max"}]})");
    w.processingPanel()->setFlow(flow);
    // Setting the flow processed nothing here: the view still draws the window as read until
    // the worker's result arrives through the event loop.
    QVERIFY(!view->processedData().values);
    QCOMPARE(w.navigator()->processing().size(), std::size_t(2));
    QVERIFY(refined.wait(30000));
    const ProcessedWindow& p = view->processedData();
    QVERIFY(p.values);
    const TraceWindow raw = view->data();
    std::vector<float> want(std::size_t(raw.traces().count() * raw.samples().count()));
    raw.copyTo(want.data());
    ProcessingContext context;
    context.sampleIntervalUs = w.navigator()->source()->sampleIntervalUs();
    context.startTimeMs = w.navigator()->source()->startTimeMs();
    parseFlow(flow).apply(want.data(), raw.traces().count(), raw.samples().count(), context);
    QCOMPARE(p.values->size(), want.size());
    QVERIFY(std::memcmp(p.values->data(), want.data(), want.size() * sizeof(float)) == 0);
    QCOMPARE(view->clipValue(), p.percentile(99.0));
    QCOMPARE(view->visibleTraces(), zoom);
    // For people: the window with the processing and spectrum panels open, saved when
    // SEIS_TEST_SCREENSHOTS names a directory.
    if (!qEnvironmentVariable("SEIS_TEST_SCREENSHOTS").isEmpty()) {
        QSignalSpy spectra(w.navigator(), &GatherNavigator::spectraReady);
        w.findChild<QAction*>(QStringLiteral("showSpectrum"))->trigger();
        w.findChild<QDockWidget*>(QStringLiteral("processingDock"))->show();
        QVERIFY(spectra.wait(30000));
        saveScreenshot(w, QStringLiteral("processing_and_spectrum.png"));
        w.findChild<QAction*>(QStringLiteral("showSpectrum"))->trigger();
        w.findChild<QDockWidget*>(QStringLiteral("processingDock"))->hide();
    }
    // The flow is kept in the settings: a new window starts with it.
    {
        MainWindow again;
        QCOMPARE(again.processingPanel()->flow(), flow);
        QCOMPARE(again.navigator()->processing().size(), std::size_t(2));
    }

    DisplaySettings s;
    // Only the clip changes: no new processing, the clip at once from the same window.
    refined.clear();
    s.clipPercentile = 50;
    w.setDisplaySettings(s);
    QCOMPARE(view->clipValue(), p.percentile(50.0));
    QTest::qWait(100);
    QVERIFY(refined.isEmpty());

    // Off again: the samples as read.
    w.processingPanel()->setFlow(nlohmann::ordered_json::parse(R"({"version": 1, "steps": []})"));
    QVERIFY(refined.wait(30000));
    QVERIFY(!view->processedData().values);
    QVERIFY(w.navigator()->processing().empty());
}

void TestMainWindow::dropOpensAFile() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(dataPath(QStringLiteral("many_traces.sgy")))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    QVERIFY(shown.wait(30000));
    QVERIFY(w.windowTitle().contains(QStringLiteral("many_traces.sgy")));

    // Two files at once: the left half opens the first (the right half converts both, see
    // tst_convertdrop).
    QMimeData two;
    two.setUrls({QUrl::fromLocalFile(QStringLiteral(SEIS_DEMO_FILE)),
                 QUrl::fromLocalFile(dataPath(QStringLiteral("many_traces.sgy")))});
    QDragEnterEvent enterTwo(QPoint(10, 10), Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enterTwo);
    QVERIFY(enterTwo.isAccepted());
    QDropEvent dropTwo(QPointF(10, 10), Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &dropTwo);
    QVERIFY(shown.wait(30000));
    QVERIFY(w.windowTitle().contains(QStringLiteral("demo_shots.sgy")));

    // What is not a local file is refused.
    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.com/a.sgy"))});
    QDragEnterEvent enterWeb(QPoint(10, 10), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    enterWeb.ignore();
    QApplication::sendEvent(&w, &enterWeb);
    QVERIFY(!enterWeb.isAccepted());
}

void TestMainWindow::failingFileKeepsThePreviousOne() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    QTemporaryDir dir;
    const QString junk = dir.filePath(QStringLiteral("junk.sgy"));
    QFile f(junk);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(100, 'x'));
    f.close();

    QString message;
    QTimer closer;
    connect(&closer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            message = box->text() + QLatin1Char('\n') + box->informativeText();
            box->done(0);
        }
    });
    closer.start(20);
    QVERIFY(!w.openFile(junk)); // a message box, which the timer reads and closes
    closer.stop();
    QVERIFY2(message.contains(QStringLiteral("junk.sgy")) &&
                 message.contains(QStringLiteral("100 bytes")),
             qPrintable(message));
    QVERIFY(w.windowTitle().contains(QStringLiteral("demo_shots.sgy"))); // still the demo
    QCOMPARE(w.gatherView()->data().traces(), (TraceRange{0, 768}));
}

void TestMainWindow::headerSettingsLabelGroupAndStatusBar() {
    const QString name = QStringLiteral("ensembles_many_le.sgy");
    const std::vector<qint64> fldr = valuePerTrace(expectedRuns(name, QStringLiteral("fldr")));
    const std::vector<qint64> cdp = valuePerTrace(expectedRuns(name, QStringLiteral("cdp")));
    const qsizetype cdpEnsembles = expectedRuns(name, QStringLiteral("cdp")).size();
    QVERIFY(!fldr.empty() && cdp.size() == fldr.size());

    MainWindow w;
    w.resize(1200, 700);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(name));
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.gatherView()->traceLabel(7), QStringLiteral("8")); // trace numbers, 1-based

    // Label the axis by a custom field "shot" (fldr's bytes), show cdp in the status bar.
    ViewerSettings s = w.viewerSettings();
    s.custom.set(QStringLiteral("shot"), parseHeaderField(QStringLiteral("9:i4")));
    s.labelKey = QStringLiteral("shot");
    s.cursorKeys = {QStringLiteral("cdp")};
    w.setViewerSettings(s);
    QVERIFY(shown.wait(30000));
    // The trace-header table has the custom field as its last column, with segyio's fldr.
    auto* table = w.findChild<QTableView*>();
    QVERIFY(table);
    const int last = table->model()->columnCount() - 1;
    QVERIFY(table->model()->headerData(last, Qt::Horizontal).toString().startsWith("shot"));
    for (int row : {0, 1, 200})
        QCOMPARE(table->model()->index(row, last).data().toLongLong(),
                 fldr[std::size_t(w.gatherView()->data().traces().begin + row)]);
    const TraceRange on = w.gatherView()->data().traces();
    QVERIFY(on.count() > 100);
    for (qint64 t : {on.begin, on.begin + 1, on.begin + 57, on.end - 1})
        QCOMPARE(w.gatherView()->traceLabel(t), QString::number(fldr[std::size_t(t)]));

    // The mouse over the middle of the plot: the status bar names that trace's cdp.
    QWidget* plot = w.gatherView()->findChild<QWidget*>();
    QVERIFY(plot);
    const QPointF centre(plot->width() / 2.0, plot->height() / 2.0);
    QMouseEvent move(QEvent::MouseMove, centre, plot->mapToGlobal(centre), Qt::NoButton,
                     Qt::NoButton, Qt::NoModifier);
    QSignalSpy cursor(w.gatherView(), &GatherView::cursorMoved);
    QCoreApplication::sendEvent(plot, &move);
    QCOMPARE(cursor.count(), 1);
    const qint64 trace = cursor[0][0].toLongLong();
    auto* readout = w.findChild<QLabel*>(QStringLiteral("cursorReadout"));
    QVERIFY(readout);
    const auto has = [&](const QString& words) {
        return readout->text().contains(QRegularExpression(QStringLiteral("\\b%1\\b").arg(words)));
    };
    QVERIFY2(has(QStringLiteral("trace %1").arg(trace + 1)) && // 1-based for people
                 has(QStringLiteral("cdp %1").arg(cdp[std::size_t(trace)])),
             qPrintable(readout->text()));
    QVERIFY(!has(QStringLiteral("fldr")));

    // New ensemble keys: a new scan, with segyio's number of cdp runs.
    s.ensembleKeys = {QStringLiteral("cdp")};
    w.setViewerSettings(s);
    w.navigator()->waitForScan();
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles()->isComplete(), 30000);
    QCOMPARE(w.navigator()->ensembles()->count(), qint64(cdpEnsembles));
    QCOMPARE(w.navigator()->ensembles()->keys().front().name, QStringLiteral("cdp"));

    // An invalid key is refused and changes nothing.
    ViewerSettings bad = s;
    bad.ensembleKeys = {QStringLiteral("no_such_key")};
    QVERIFY_THROWS_EXCEPTION(seis::ArgumentError, w.setViewerSettings(bad));
    QCOMPARE(w.viewerSettings(), s);

    // Kept in QSettings: the next window starts with them.
    MainWindow next;
    QCOMPARE(next.viewerSettings(), s);
    w.setViewerSettings(ViewerSettings{}); // back to the defaults for the other tests
}

void TestMainWindow::recentFilesReopen() {
    MainWindow w;
    w.show();
    w.recentFiles()->clear();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QStringLiteral("copy_of_demo.sgy"));
    QVERIFY(QFile::copy(QStringLiteral(SEIS_DEMO_FILE), copy));
    const QString many = QFileInfo(dataPath(QStringLiteral("many_traces.sgy"))).canonicalFilePath();
    w.showFile(many);
    QVERIFY(shown.wait(30000));
    w.showFile(copy);
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.recentFiles()->files(), (QStringList{QFileInfo(copy).canonicalFilePath(), many}));

    // Choosing an entry opens it.
    QAction* entry = recentEntry(w, QStringLiteral("many_traces.sgy"));
    QVERIFY(entry);
    entry->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.windowTitle().contains(QStringLiteral("many_traces.sgy")), 30000);
    QCOMPARE(w.recentFiles()->files().front(), many);

    // A file that has gone since: a message naming it, and it leaves the list.
    const QString gone = QFileInfo(copy).canonicalFilePath();
    QVERIFY(QFile::remove(copy));
    QAction* goneEntry = recentEntry(w, QStringLiteral("copy_of_demo.sgy"));
    QVERIFY(goneEntry);
    MessageBoxCloser closer;
    goneEntry->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(!closer.text().isEmpty(), 30000);
    QVERIFY2(closer.text().contains(QStringLiteral("copy_of_demo.sgy")), qPrintable(closer.text()));
    QCOMPARE(w.recentFiles()->files(), QStringList{many});
    QVERIFY(w.windowTitle().contains(QStringLiteral("many_traces.sgy"))); // still shown
}

void TestMainWindow::wholeFileClipCancelThenApply() {
    const QString path = dataPath(QStringLiteral("many_traces.sgy"));
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QSignalSpy done(&w, &MainWindow::fileStatisticsFinished);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    auto* action = w.findChild<QAction*>(QStringLiteral("fileClipAction"));
    QVERIFY(action && !action->isChecked());
    const float windowClip = w.gatherView()->clipValue();

    // The first job is held after its first block until the test lets it go, so the Cancel
    // click surely comes while it runs.
    Gate gate;
    const auto release = qScopeGuard([&] { gate.open(); });
    w.fileClipControl()->setJob([&](std::shared_ptr<const TraceSource> source) {
        auto held = std::make_shared<HookedSource>(std::move(source));
        held->beforeRead = [&gate](int call) {
            if (call > 1)
                gate.wait();
        };
        AmplitudeStatisticsOptions options;
        options.threads = 1;
        options.blockSamples = 1 << 16; // many blocks in this 6 MB file
        return computeAmplitudeStatisticsAsync(held, options);
    });

    // Cancelled from its dialog's button: the window's clip stays and the toggle goes off.
    action->trigger();
    QVERIFY(w.fileClip());
    JobProgressDialog* dialog = w.statisticsDialog();
    QVERIFY(dialog);
    auto* cancel = dialog->findChild<QPushButton*>(QStringLiteral("jobProgressCancel"));
    QVERIFY(cancel);
    cancel->click();
    gate.open();
    QVERIFY(done.wait(30000));
    QCOMPARE(done.takeFirst().at(0).toBool(), false);
    QVERIFY(!w.fileClip());
    QVERIFY(!action->isChecked());
    QVERIFY(!w.fileStatistics());
    QVERIFY(!w.gatherView()->settings().absoluteClip);
    QCOMPARE(w.gatherView()->clipValue(), windowClip);
    QTRY_VERIFY(!w.statisticsDialog());

    // Again, to the end: the clip is the 99th percentile of every sample of the file.
    action->trigger();
    QVERIFY(done.wait(30000));
    QCOMPARE(done.takeFirst().at(0).toBool(), true);
    QVERIFY(w.fileClip() && action->isChecked());
    const AmplitudeStatistics* stats = w.fileStatistics();
    QVERIFY(stats);
    const SegyFile file(path);
    std::vector<float> all(std::size_t(file.traceCount() * file.sampleCount()));
    file.readWindow({0, file.traceCount()}, {0, file.sampleCount()}, all.data());
    QCOMPARE(stats->count, qint64(all.size()));
    std::vector<float> magnitudes;
    for (float v : all)
        magnitudes.push_back(std::fabs(v));
    std::sort(magnitudes.begin(), magnitudes.end());
    const auto exact = [&](double p) {
        const auto rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(all.size()))), 1,
                                             qint64(all.size()));
        return double(magnitudes[std::size_t(rank - 1)]);
    };
    const auto near = [](double got, double want) {
        return std::fabs(got - want) <=
               want * AmplitudeStatistics::kPercentileRelativeError + 1e-30;
    };
    QVERIFY2(
        near(w.gatherView()->clipValue(), exact(99.0)),
        qPrintable(QStringLiteral("%1 vs %2").arg(w.gatherView()->clipValue()).arg(exact(99))));
    QCOMPARE(*w.gatherView()->settings().absoluteClip, w.gatherView()->clipValue());

    // Another percentile applies at once, from the same statistics.
    DisplaySettings s = w.gatherView()->settings();
    s.absoluteClip.reset();
    s.clipPercentile = 90.0;
    w.setDisplaySettings(s);
    QVERIFY(near(w.gatherView()->clipValue(), exact(90.0)));
    QCOMPARE(done.count(), 0);

    // Off: the window's own percentile again.
    action->trigger();
    QVERIFY(!w.fileClip());
    QVERIFY(!w.gatherView()->settings().absoluteClip);
}

// File > Save image...: the dialog's path and size, the view drawn again at that size (not
// scaled: the plot lays out anew), written as a PNG.
void TestMainWindow::saveImageAtScreenAndChosenSize() {
    MainWindow w;
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.resize(1000, 700);
    w.show();
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.count() > 0 || shown.wait(30000));
    QAction* save =
        findMenuAction(w, [](QAction* a) { return a->objectName() == QLatin1String("saveImage"); });
    QVERIFY(save);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QImage onScreen = w.gatherView()->renderImage().toImage();
    for (const QSize size : {QSize(), QSize(1600, 1100)}) {
        const QString path = dir.filePath(QStringLiteral("view_%1.png").arg(size.width()));
        bool answered = false;
        QTimer driver;
        connect(&driver, &QTimer::timeout, [&] {
            auto* dialog = qobject_cast<gui::SaveImageDialog*>(QApplication::activeModalWidget());
            if (!dialog || answered)
                return;
            answered = true;
            dialog->findChild<QLineEdit*>(QStringLiteral("imagePath"))->setText(path);
            if (size.isValid()) {
                dialog->findChild<QRadioButton*>(QStringLiteral("imageCustom"))->setChecked(true);
                dialog->findChild<QSpinBox*>(QStringLiteral("imageWidth"))->setValue(size.width());
                dialog->findChild<QSpinBox*>(QStringLiteral("imageHeight"))
                    ->setValue(size.height());
            }
            dialog->accept();
        });
        driver.start(20);
        save->trigger();
        driver.stop();
        QVERIFY(answered);
        QImage image;
        QVERIFY2(image.load(path, "PNG"), qPrintable(path));
        if (!size.isValid()) {
            QCOMPARE(image.size(), w.gatherView()->size());
            QCOMPARE(image.convertToFormat(QImage::Format_RGB32),
                     onScreen.convertToFormat(QImage::Format_RGB32));
            continue;
        }
        QCOMPARE(image.size(), size);
        // Drawn, not blank: the density of the gather gives many grey levels inside the axes.
        std::set<QRgb> colours;
        for (int y = image.height() / 4; y < image.height() * 3 / 4; y += 7)
            for (int x = image.width() / 4; x < image.width() * 3 / 4; x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 2); // nothing else left
}

void TestMainWindow::fileOpenThroughTheDialog() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QAction* open = findMenuAction(
        w, [](QAction* a) { return a->shortcut() == QKeySequence(QKeySequence::Open); });
    QVERIFY(open);
    // File > Open... shows Qt's file dialog (modal); type the file's name into it and accept,
    // as a user would.
    const QString path = dataPath(QStringLiteral("many_traces.sgy"));
    QVERIFY(triggerAndAnswerFileDialog(open, path));
    QVERIFY(shown.count() > 0 || shown.wait(30000));
    QVERIFY(w.windowTitle().contains(QStringLiteral("many_traces.sgy")));
    QCOMPARE(w.gatherView()->data().traces(), (TraceRange{0, 1000}));
}

void TestMainWindow::truncatedFileOffersReopen_data() {
    QTest::addColumn<QString>("how");
    QTest::newRow("the last ensemble") << QStringLiteral("ensemble");
    QTest::newRow("the scroll bar past the new end") << QStringLiteral("scroll");
    QTest::newRow("Whole file clip") << QStringLiteral("clip");
}

// The open file shrinks under the viewer (the real thing: the mapping's pages past the new end
// are gone, a read there raises SIGBUS); moving past the new end shows a message naming the
// file and its new size, the window keeps working, and Reopen opens the file at its new size.
void TestMainWindow::truncatedFileOffersReopen() {
    QFETCH(QString, how);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("shrinking.sgy"));
    const qint64 traceBytes = writeShots(path, 20000, 200, 100);
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles() && w.navigator()->ensembles()->isComplete(),
                             30000);
    QCOMPARE(w.navigator()->ensembles()->count(), 200);
    auto* bar = w.findChild<seis::gui::FileChangedBar*>(QStringLiteral("fileChangedBar"));
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());

    const qint64 cut = 3600 + 5000 * traceBytes + 100; // 5000 traces and a bit of the next
    QVERIFY(QFile::resize(path, cut));
    QSignalSpy statistics(&w, &MainWindow::fileStatisticsFinished);
    if (how == QLatin1String("scroll")) {
        auto* scroll = w.findChild<QScrollBar*>();
        QVERIFY(scroll);
        scroll->setValue(scroll->maximum());
    } else if (how == QLatin1String("ensemble")) {
        QVERIFY(w.navigator()->showEnsemble(199));
    } else {
        w.setFileClip(true); // reads every sample on a worker
        QVERIFY(statistics.wait(30000));
        QCOMPARE(statistics.front().front().toBool(), false); // failed, not applied
        QVERIFY(!w.fileClip());
    }
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 30000);
    // The read's own error (the SIGBUS recovered), not only the monitor's notice.
    QTRY_VERIFY_WITH_TIMEOUT(bar->message().contains(QStringLiteral("changed while reading")),
                             30000);
    QVERIFY2(bar->message().contains(path), qPrintable(bar->message()));
    QVERIFY2(bar->message().contains(QStringLiteral("now %1 bytes").arg(cut)),
             qPrintable(bar->message()));
    if (how != QLatin1String("clip")) // a failed window read is said in the status bar too
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("changed while reading")),
                 qPrintable(w.statusBar()->currentMessage()));
    QVERIFY(w.isVisible());
    QVERIFY(!QApplication::activeModalWidget()); // nothing blocks the window
    if (how == QLatin1String("scroll")) {        // the bar shows the traces on screen, not the end
        auto* scroll = w.findChild<seis::gui::TraceScrollBar*>();
        QVERIFY(scroll);
        QTRY_COMPARE_WITH_TIMEOUT(scroll->mapping().toFirst(scroll->value()),
                                  w.gatherView()->data().traces().begin, 30000);
        QVERIFY(scroll->value() < scroll->maximum());
    }

    // Still alive: the traces that are left are shown.
    shown.clear();
    w.navigator()->showTraces(2000, 1000);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{2000, 3000}), 30000);

    auto* reopen = bar->findChild<QPushButton*>(QStringLiteral("reopenButton"));
    QVERIFY(reopen);
    QTest::mouseClick(reopen, Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    // What was said about the file before it was reopened is gone from the status bar.
    QCOMPARE(w.statusBar()->currentMessage(), QString());
    QVERIFY(w.file());
    const auto* reopened = dynamic_cast<const SegyFile*>(w.file().get());
    QVERIFY(reopened); // a SEG-Y file opens as one, through openSource
    QCOMPARE(reopened->fileSize(), cut);
    QCOMPARE(w.file()->traceCount(), 5000);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{2000, 3000}), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles() && w.navigator()->ensembles()->isComplete(),
                             30000);
    QCOMPARE(w.navigator()->ensembles()->count(), 50); // 5000 traces, 100 per shot
}

// A file rewritten (same size, new modification time) or grown under the viewer is noticed by
// the monitor's check (every second on a timer) and offered for reopening once per change.
void TestMainWindow::changedFileIsOfferedOncePerChange() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("rewritten.sgy"));
    writeShots(path, 2000, 100, 100);
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    auto* bar = w.findChild<seis::gui::FileChangedBar*>(QStringLiteral("fileChangedBar"));
    QVERIFY(bar);
    QSignalSpy changed(w.changeMonitor(), &seis::gui::FileChangeMonitor::changed);
    QVERIFY(!w.changeMonitor()->check());
    QCOMPARE(changed.count(), 0);

    // Rewritten in place with the same size and a new modification time.
    writeShots(path, 2000, 100, 100);
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(100),
                              QFileDevice::FileModificationTime));
    }
    QVERIFY(w.changeMonitor()->check());
    QCOMPARE(changed.count(), 1);
    QVERIFY(bar->isVisible());
    QVERIFY2(bar->message().contains(path) && bar->message().contains(QStringLiteral("rewritten")),
             qPrintable(bar->message()));
    // Once per change: checking again, or dismissing, does not offer it again.
    bar->findChild<QPushButton*>(QStringLiteral("dismissButton"))->click();
    QVERIFY(w.changeMonitor()->check());
    QCOMPARE(changed.count(), 1);
    QVERIFY(!bar->isVisible());

    // Grown: the timer notices it on its own.
    writeShots(path, 500, 100, 100, true, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(changed.count(), 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), 30000);
    QVERIFY2(bar->message().contains(QStringLiteral("grown")), qPrintable(bar->message()));
    QTest::mouseClick(bar->findChild<QPushButton*>(QStringLiteral("reopenButton")), Qt::LeftButton);
    QCOMPARE(w.file()->traceCount(), 2500);
    QVERIFY(!bar->isVisible());
    QVERIFY(!w.changeMonitor()->check()); // the reopened file is the new "as opened"
}

// The ensemble index cache bound of the viewer settings is the one the scans store under: an
// index of 70000 one-trace ensembles (about 1.1 MB) is not stored with a bound of 1 MB, is with
// 2 MB, and a bound of 0 stores nothing and empties the cache.
void TestMainWindow::ensembleCacheBoundReachesTheScan() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("oneshotpertrace.sgy"));
    writeShots(path, 70000, 1, 1);
    const QString cacheDir = QDir(m_cache.path()).filePath(QStringLiteral("seisview/ensembles"));
    QVERIFY(QDir(cacheDir).removeRecursively()); // what other tests stored
    const auto entries = [&] {
        return QDir(cacheDir).entryInfoList(QDir::Files | QDir::Hidden | QDir::System);
    };
    MainWindow w;
    w.show();
    const auto open = [&](qint64 mb) {
        ViewerSettings s = w.viewerSettings();
        s.ensembleCacheMb = mb;
        w.setViewerSettings(s);
        w.showFile(path);
        w.navigator()->waitForScan(); // the index is stored (or not) before the scan ends
        return w.navigator()->ensembles() && w.navigator()->ensembles()->isComplete() &&
               w.navigator()->ensembles()->count() == 70000;
    };
    QVERIFY(open(1));
    QVERIFY(!w.navigator()->ensembles()->fromCache());
    QCOMPARE(entries().size(), 0);
    QVERIFY(open(2));
    QVERIFY(!w.navigator()->ensembles()->fromCache());
    QCOMPARE(entries().size(), 1);
    QVERIFY(entries().front().size() > 1024 * 1024);
    QVERIFY(open(2)); // reopened: from the cache
    QVERIFY(w.navigator()->ensembles()->fromCache());
    QVERIFY(open(0));
    QVERIFY(!w.navigator()->ensembles()->fromCache());
    QCOMPARE(entries().size(), 0);
    // Kept in QSettings like the other settings.
    QCOMPARE(MainWindow().viewerSettings().ensembleCacheMb, 0);
    w.setViewerSettings(ViewerSettings{}); // back to the defaults for the other tests
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
