// The main window driven like a user would: opening files, scrolling, stepping ensembles with the
// keyboard, every display mode, dropping files on it, and files that fail to open.
#include "mainwindow.h"

#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/segyfile.h>

#include <QApplication>
#include <QFile>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtTest>

using namespace seis;
using seis::gui::MainWindow;

namespace {

QString dataPath(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QLatin1Char('/') + name;
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
    void dropOpensAFile();
    void failingFileKeepsThePreviousOne();

private:
    QTemporaryDir m_cache;
};

void TestMainWindow::initTestCase() {
    QVERIFY(m_cache.isValid());
    qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit()); // never the user's cache
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

    // Two files at once are refused.
    QMimeData two;
    two.setUrls({QUrl::fromLocalFile(QStringLiteral("/a.sgy")),
                 QUrl::fromLocalFile(QStringLiteral("/b.sgy"))});
    QDragEnterEvent enterTwo(QPoint(10, 10), Qt::CopyAction, &two, Qt::LeftButton, Qt::NoModifier);
    enterTwo.ignore();
    QApplication::sendEvent(&w, &enterTwo);
    QVERIFY(!enterTwo.isAccepted());
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

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
