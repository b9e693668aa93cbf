// Picking in the viewer (app/gui/picking.h) on the demo data: the pick mode's action, drags
// along the first breaks of a shot with synthetic mouse events, the readout
// against the demo generator's velocities, Delete and undo through their actions, the pick file
// saved and loaded (and a bad one refused), and "Mute above picks" adding a pickmute step whose
// mute shows in the processed window. With SEIS_TEST_SCREENSHOTS naming a directory, the window
// is saved there with the picks (picks-window.png; the gather alone: picks.png) and after the
// mute (picks-muted.png).
#include "mainwindow.h"
#include "picking.h"
#include "processingpanel.h"
#include "screenshots.h"

#include "seis/processing/pickset.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/pickoverlay.h>

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QMouseEvent>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <cmath>

using namespace seis;
using seis::gui::MainWindow;
using seis::gui::Picking;

namespace {

// The demo's shot 3 (ensemble 2): fldr 103, traces 192 + channel - 1, channels 1..96 at
// offsets -1200..-25 and 25..1200 by 25 m. First breaks: the direct wave |x| / 1800 m/s, the
// refraction 120 ms + |x| / 3200 m/s beyond the crossover (494 m).
constexpr qint64 kFirst = 192;
qint64 offsetOf(qint64 channel) {
    return (channel <= 48 ? channel - 49 : channel - 48) * 25;
}
double refractionMs(qint64 channel) {
    return 120.0 + double(std::abs(offsetOf(channel))) / 3.2;
}

void send(GatherView& view, QEvent::Type type, QPointF pos, Qt::MouseButton button,
          Qt::MouseButtons buttons) {
    QWidget* plot = view.findChild<QWidget*>();
    const QPointF local = pos - QPointF(plot->pos());
    QMouseEvent e(type, local, plot->mapToGlobal(local), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &e);
}

// A straight drag from channel a to channel b along the refraction (linear in offset there).
void dragRefraction(GatherView& view, qint64 a, qint64 b) {
    const auto at = [&](qint64 c) { return view.pointOf(double(kFirst + c - 1), refractionMs(c)); };
    send(view, QEvent::MouseButtonPress, at(a), Qt::LeftButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, (at(a) + at(b)) / 2, Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, at(b), Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, at(b), Qt::LeftButton, Qt::NoButton);
}

} // namespace

class TestPicking : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pickSaveLoadMute();
    void closingAsksForUnsavedPicks();

private:
    QTemporaryDir m_dir;
};

void TestPicking::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestPicking::pickSaveLoadMute() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    w.showEnsembleNow(2);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{192, 288}), 30000);
    GatherView& view = *w.gatherView();
    Picking& picking = *w.picking();
    PickOverlay& overlay = *picking.overlay();
    // Traces named by the ensemble key and offset, read with the window.
    QCOMPARE(overlay.picks().keys(),
             (QStringList{QStringLiteral("fldr"), QStringLiteral("offset")}));
    QTRY_COMPARE_WITH_TIMEOUT(overlay.keyOf(kFirst), (PickSet::Key{103, -1200}), 30000);

    // P toggles the pick mode.
    QAction* mode = picking.modeAction();
    QCOMPARE(mode->shortcut(), QKeySequence(Qt::Key_P));
    QVERIFY(!overlay.isActive());
    mode->trigger();
    QVERIFY(overlay.isActive());

    // The refraction on both sides of the shot, then the direct wave on the right.
    dragRefraction(view, 1, 29);  // -1200 .. -500 m
    dragRefraction(view, 68, 96); // 500 .. 1200 m
    QCOMPARE(overlay.picks().size(), std::size_t(58));
    for (qint64 c : {1, 10, 29, 68, 80, 96})
        QVERIFY2(std::fabs(*overlay.picks().time({103, offsetOf(c)}) - refractionMs(c)) < 1e-6,
                 qPrintable(QString::number(c)));
    // The readout of the last drag (drawn on the plot): 700 m in 218.75 ms, the refractor's 3200
    // m/s.
    QCOMPARE(overlay.lastMeasure()->text(), QStringLiteral("\u0394t 218.75 ms, distance 700.0 m "
                                                           "(offset), apparent velocity 3200 m/s"));
    QVERIFY(seis::testsupport::saveScreenshot(w, QStringLiteral("picks-window.png")));
    QVERIFY(seis::testsupport::saveScreenshot(view,
                                              QStringLiteral("picks.png"))); // the README's picture

    // Delete (the action of the Delete key) removes the pick under the cursor; undo brings it
    // back.
    send(view, QEvent::MouseMove, view.pointOf(double(kFirst + 80 - 1), 900.0), Qt::NoButton,
         Qt::NoButton);
    w.findChild<QAction*>(QStringLiteral("deletePick"))->trigger();
    QVERIFY(!overlay.picks().time({103, offsetOf(80)}));
    auto* undo = w.findChild<QAction*>(QStringLiteral("undoPick"));
    QCOMPARE(undo->shortcut(), QKeySequence(QKeySequence::Undo));
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QVERIFY(overlay.picks().time({103, offsetOf(80)}));

    // Save, load back, refuse a bad file (the picks stay).
    const QString path = m_dir.filePath(QStringLiteral("shot103.csv"));
    QVERIFY(picking.savePicks(path, true));
    QCOMPARE(PickSet::load(path), overlay.picks());
    QFile csv(path);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readLine(), QByteArray("fldr,offset,time_ms\n"));
    QCOMPARE(csv.readLine(), QByteArray("103,-1200,495\n"));
    csv.close();
    const PickSet saved = overlay.picks();
    overlay.clearPicks();
    QVERIFY(overlay.picks().empty());
    QVERIFY(picking.loadPicks(path, true));
    QCOMPARE(overlay.picks(), saved);
    const QString bad = m_dir.filePath(QStringLiteral("bad.csv"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("fldr,offset,time_ms\n103,25,x\n");
    }
    QVERIFY(!picking.loadPicks(bad, true));
    QCOMPARE(overlay.picks(), saved);

    // Another gather names its traces by its own keys; back on shot 103 the picks are found
    // again by the header values the window brings.
    w.showEnsembleNow(3);
    QTRY_COMPARE_WITH_TIMEOUT(overlay.keyOf(288), (PickSet::Key{104, -1200}), 30000);
    QVERIFY(!overlay.keyOf(kFirst));
    w.showEnsembleNow(2);
    QTRY_COMPARE_WITH_TIMEOUT(overlay.keyOf(kFirst), (PickSet::Key{103, -1200}), 30000);
    QCOMPARE(overlay.picks(), saved);

    // Mute above the picks: a pickmute step in the flow, and the processed window muted above
    // the refraction (traces away from the picks keep the constant ends: |offset| < 500 m take
    // the 500 m pick, 276.25 ms).
    QVERIFY(picking.muteWith(path, true));
    const auto& steps = w.processingPanel()->flow().at("steps");
    QCOMPARE(QString::fromStdString(steps.back().at("step").get<std::string>()),
             QStringLiteral("pickmute"));
    QCOMPARE(w.processingPanel()->chain().size(), std::size_t(1));
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->processing().size() == 1 &&
                                 w.gatherView()->processedData().window.traces() ==
                                     (TraceRange{192, 288}),
                             30000);
    QTRY_VERIFY_WITH_TIMEOUT(w.gatherView()->processedData().trace(kFirst)[0] == 0.0f, 30000);
    const ProcessedWindow& muted = w.gatherView()->processedData();
    QCOMPARE(muted.window.samples().begin, qint64(0));
    for (qint64 c : {1, 40, 96}) {
        const float* x = muted.trace(kFirst + c - 1);
        const double tm = std::abs(offsetOf(c)) < 500 ? refractionMs(68) : refractionMs(c);
        const auto firstKept = qint64(std::ceil(tm / 2.0)); // 2 ms samples from 0 ms
        for (qint64 s = 0; s < firstKept; ++s)
            QVERIFY2(x[s] == 0.0f,
                     qPrintable(QStringLiteral("channel %1 sample %2").arg(c).arg(s)));
        bool live = false;
        for (qint64 s = firstKept + 10; s < firstKept + 200; ++s)
            live = live || x[s] != 0.0f;
        QVERIFY2(live, qPrintable(QString::number(c)));
    }
    QVERIFY(seis::testsupport::saveScreenshot(w, QStringLiteral("picks-muted.png")));
}

namespace {

// Answers the next message box with `button`, once it shows (polled: it runs its own loop).
void answerNextBox(QMessageBox::StandardButton button, QString* text) {
    auto* timer = new QTimer;
    QObject::connect(timer, &QTimer::timeout, [timer, button, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return;
        *text = box->text();
        box->button(button)->click();
        timer->deleteLater();
    });
    timer->start(20);
}

} // namespace

// Closing the window with picks not saved asks: Cancel keeps it open with its picks, Discard
// closes; saved picks close without a question.
void TestPicking::closingAsksForUnsavedPicks() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(shown.wait(30000));
    Picking& picking = *w.picking();
    QVERIFY(!picking.hasUnsavedPicks());
    picking.modeAction()->trigger();
    GatherView& view = *w.gatherView();
    QTRY_VERIFY_WITH_TIMEOUT(picking.overlay()->keyOf(10).has_value(), 30000);
    const QPointF at = view.pointOf(10.0, 500.0);
    send(view, QEvent::MouseButtonPress, at, Qt::LeftButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, at, Qt::LeftButton, Qt::NoButton);
    QCOMPARE(picking.overlay()->picks().size(), std::size_t(1));
    QVERIFY(picking.hasUnsavedPicks());

    QString asked;
    answerNextBox(QMessageBox::Cancel, &asked);
    QVERIFY(!w.close());
    QVERIFY2(asked.contains(QStringLiteral("picks have changed")), qPrintable(asked));
    QVERIFY(w.isVisible());
    QCOMPARE(picking.overlay()->picks().size(), std::size_t(1));

    // Saved: no question.
    QVERIFY(picking.savePicks(m_dir.filePath(QStringLiteral("one.csv")), true));
    QVERIFY(!picking.hasUnsavedPicks());
    QVERIFY(w.close());
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));

    // Changed again: Discard closes.
    send(view, QEvent::MouseButtonPress, view.pointOf(12.0, 600.0), Qt::LeftButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, view.pointOf(12.0, 600.0), Qt::LeftButton, Qt::NoButton);
    QVERIFY(picking.hasUnsavedPicks());
    asked.clear();
    answerNextBox(QMessageBox::Discard, &asked);
    QVERIFY(w.close());
    QVERIFY(!asked.isEmpty());
}

QTEST_MAIN(TestPicking)
#include "tst_picking.moc"
