// The session the viewer remembers between runs (sessionstate.h, sessionkeeper.h): stored values
// read back as they were and bad ones fall back to their defaults; a window closed with a file at
// an ensemble or a range of traces, its display settings, dock and splitter, comes back the same
// in a new window; a screenshot's window keeps nothing.
#include "displaytoolbar.h"
#include "mainwindow.h"
#include "sessionkeeper.h"
#include "sessionstate.h"
#include "sortcontrol.h"

#include "seis/ensembles/sortedsource.h"
#include "testdata.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QTemporaryDir>
#include <QtTest>

using namespace seis;
using namespace seis::gui;
using seis::testdata::dataPath;

namespace {

const QString kEnsembles = QStringLiteral("ensembles_many_le.sgy"); // 200 ensembles

// Opens `path` in `w` and waits for its first window.
bool open(MainWindow& w, const QString& path) {
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(path);
    return shown.wait(30000);
}

DisplaySettings unusual() {
    DisplaySettings d;
    d.mode = DisplayMode::VariableArea;
    d.colorMap = ColorMapId::Seismic;
    d.clipMode = ClipMode::Absolute;
    d.clipPercentile = 97.5;
    d.clipAbsolute = 123.5f;
    d.gain = 2.5;
    return d;
}

} // namespace

class TestSession : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void stateRoundTrip();
    void badValuesFallBack();
    void windowComesBackAtItsEnsemble();
    void windowComesBackAtItsTraces();
    void windowComesBackSorted();
    void screenshotKeepsNothing();

private:
    QTemporaryDir m_dir;
};

void TestSession::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QCoreApplication::setOrganizationName(QStringLiteral("seisview-test"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_session"));
}

void TestSession::init() {
    QSettings().clear(); // each test starts from no session
}

void TestSession::stateRoundTrip() {
    SessionState s;
    s.geometry = QByteArray("\x01\x02geometry", 10);
    s.windowState = QByteArray("state\0with nul", 14);
    s.splitter = QByteArray("split");
    s.display = unusual();
    s.wholeFileClip = true;
    s.file = QStringLiteral("/data/line 7/shots.sgy");
    s.sortKeys = QStringLiteral("cdp,offset");
    s.ensemble = 41;
    s.firstTrace = 123456789012;
    s.traceCount = 250;
    {
        QSettings stored;
        s.save(stored);
    }
    QSettings stored;
    QCOMPARE(SessionState::load(stored), s);
    // Nothing stored: the defaults.
    stored.clear();
    QCOMPARE(SessionState::load(stored), SessionState{});
}

void TestSession::badValuesFallBack() {
    QSettings stored;
    SessionState good;
    good.display = unusual();
    good.file = QStringLiteral("/x.sgy");
    good.ensemble = 3;
    good.firstTrace = 10;
    good.traceCount = 20;
    good.save(stored);
    stored.beginGroup(QStringLiteral("session"));
    stored.setValue(QStringLiteral("mode"), QStringLiteral("hologram"));
    stored.setValue(QStringLiteral("colorMap"), 7);
    stored.setValue(QStringLiteral("clipPercentile"), 0.0);
    stored.setValue(QStringLiteral("clipAbsolute"), -4.0);
    stored.setValue(QStringLiteral("gain"), QStringLiteral("loud"));
    stored.setValue(QStringLiteral("ensemble"), -5);
    stored.setValue(QStringLiteral("traceCount"), 2.5);
    stored.endGroup();
    const SessionState s = SessionState::load(stored);
    const DisplaySettings defaults;
    QCOMPARE(s.display.mode, defaults.mode);
    QCOMPARE(s.display.colorMap, defaults.colorMap);
    QCOMPARE(s.display.clipMode, ClipMode::Absolute); // still valid: kept
    QCOMPARE(s.display.clipPercentile, defaults.clipPercentile);
    QCOMPARE(s.display.clipAbsolute, defaults.clipAbsolute);
    QCOMPARE(s.display.gain, defaults.gain);
    QCOMPARE(s.ensemble, qint64(-1));
    QCOMPARE(s.traceCount, qint64(0)); // no position without a count
    QCOMPARE(s.firstTrace, qint64(0));
    QCOMPARE(s.file, good.file);
}

// Closed at ensemble 57 with a dock shown, the splitter moved and unusual display settings; a
// new window restores all of it, and the file at that ensemble.
void TestSession::windowComesBackAtItsEnsemble() {
    const QString path = dataPath(kEnsembles);
    QList<int> splitSizes;
    {
        MainWindow w;
        w.resize(1100, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(open(w, path));
        QTRY_VERIFY_WITH_TIMEOUT(
            w.navigator()->ensembles() && w.navigator()->ensembles()->isComplete(), 30000);
        QVERIFY(w.navigator()->showEnsemble(57));
        w.setDisplaySettings(unusual());
        w.spectrumDock()->show();
        auto* splitter = w.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
        QVERIFY(splitter);
        splitter->setSizes({250, 800});
        splitSizes = splitter->sizes();
        QVERIFY(w.close());
    }
    QSettings stored;
    const SessionState last = SessionState::load(stored);
    QCOMPARE(last.file, QFileInfo(path).canonicalFilePath());
    QCOMPARE(last.ensemble, qint64(57));
    QCOMPARE(last.display, unusual());

    MainWindow w;
    w.session()->restoreLayout(last);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QCOMPARE(w.size(), QSize(1100, 700));
    QVERIFY(w.spectrumDock()->isVisible());
    QVERIFY(!w.findChild<QDockWidget*>(QStringLiteral("processingDock"))->isVisible());
    QCOMPARE(w.findChild<QSplitter*>(QStringLiteral("mainSplitter"))->sizes(), splitSizes);
    QCOMPARE(w.displayToolBar()->settings(), unusual());
    QCOMPARE(w.gatherView()->settings().mode, DisplayMode::VariableArea);
    QCOMPARE(w.gatherView()->settings().clipAbsolute, 123.5f);
    // Through another name of the same file.
    const QString other = m_dir.filePath(QStringLiteral("link.sgy"));
    QVERIFY(QFile::link(path, other));
    QVERIFY(SessionKeeper::isSessionFile(last, other));
    QVERIFY(!SessionKeeper::isSessionFile(last, dataPath(QStringLiteral("many_traces.sgy"))));
    QVERIFY(w.openFile(other));
    w.session()->restorePosition(last);
    QTRY_COMPARE_WITH_TIMEOUT(w.navigator()->currentEnsemble(), qint64(57), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showsView(), 30000);
    const TraceRange gather = w.navigator()->ensembles()->ensemble(57).traces;
    QCOMPARE(w.navigator()->view(), gather);
}

// Closed in trace mode at traces [4321, 4521) of 8500: back at the same traces; a position
// beyond a shorter file is clamped to its end.
void TestSession::windowComesBackAtItsTraces() {
    const QString path = dataPath(QStringLiteral("many_traces.sgy"));
    {
        MainWindow w;
        w.show();
        QVERIFY(open(w, path));
        QSignalSpy shown(&w, &MainWindow::viewShown);
        w.navigator()->showTraces(4321, 200);
        QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showsView(), 30000);
        QVERIFY(w.close());
    }
    QSettings stored;
    SessionState last = SessionState::load(stored);
    QCOMPARE(last.ensemble, qint64(-1));
    QCOMPARE(last.firstTrace, qint64(4321));
    QCOMPARE(last.traceCount, qint64(200));

    MainWindow w;
    w.show();
    QVERIFY(open(w, path));
    w.session()->restorePosition(last);
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showsView(), 30000);
    QCOMPARE(w.navigator()->view(), (TraceRange{4321, 4521}));
    QCOMPARE(w.navigator()->mode(), GatherNavigator::Mode::Traces);

    last.firstTrace = 1'000'000; // the file has 8500 traces
    w.session()->restorePosition(last);
    QTRY_COMPARE_WITH_TIMEOUT(w.navigator()->view(), (TraceRange{8300, 8500}), 30000);
}

// Closed on sorted gather 9 of the shot file viewed as CDP gathers: a new window sorts it
// again and shows that gather (the same file traces).
void TestSession::windowComesBackSorted() {
    const QString path = dataPath(QStringLiteral("sort/shot.sgy"));
    TraceRange gather;
    std::vector<qint64> fileTraces;
    {
        MainWindow w;
        w.show();
        QVERIFY(open(w, path));
        w.sortControl()->setKeys(QStringLiteral("cdp,offset"));
        w.sortControl()->waitForSort();
        QVERIFY(w.sortControl()->sorted());
        QVERIFY(w.navigator()->showEnsemble(9));
        QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showsView(), 30000);
        gather = w.navigator()->view();
        for (qint64 p = gather.begin; p < gather.end; ++p)
            fileTraces.push_back(w.sortControl()->sorted()->fileTrace(p));
        QVERIFY(w.close());
    }
    QSettings stored;
    const SessionState last = SessionState::load(stored);
    QCOMPARE(last.sortKeys, QStringLiteral("cdp,offset"));
    QCOMPARE(last.ensemble, qint64(9));

    MainWindow w;
    w.show();
    QVERIFY(open(w, path));
    QVERIFY(!w.sortControl()->sorted()); // a new file starts in file order
    w.session()->restorePosition(last);
    QTRY_VERIFY_WITH_TIMEOUT(w.sortControl()->sorted() != nullptr, 30000);
    QTRY_COMPARE_WITH_TIMEOUT(w.navigator()->currentEnsemble(), qint64(9), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->showsView(), 30000);
    QCOMPARE(w.navigator()->view(), gather);
    std::vector<qint64> restored;
    for (qint64 p = gather.begin; p < gather.end; ++p)
        restored.push_back(w.sortControl()->sorted()->fileTrace(p));
    QCOMPARE(restored, fileTraces);
}

void TestSession::screenshotKeepsNothing() {
    {
        MainWindow w;
        w.session()->setKept(false);
        w.show();
        QVERIFY(open(w, dataPath(kEnsembles)));
        w.setDisplaySettings(unusual());
        QVERIFY(w.close());
    }
    QSettings stored;
    QVERIFY(!stored.childGroups().contains(QStringLiteral("session")));
    QCOMPARE(SessionState::load(stored), SessionState{});
}

QTEST_MAIN(TestSession)
#include "tst_session.moc"
