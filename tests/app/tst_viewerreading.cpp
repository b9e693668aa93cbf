// Reading the picture in the main window (issue 13): the annotation rows of header values above
// the gather, numbers shown 1-based, coordinates and elevations with their scalars applied
// (checked against libsegyio's headers), a status bar that follows the view and the file, the
// ensemble box following scrolling, panning that stops at the data's edges and the selection
// linked between the trace-header table and the gather.
// SEIS_TEST_SCREENSHOTS names a directory for pictures of the window (annotation rows shown).
#include "mainwindow.h"
#include "screenshots.h"

#include "segyiofile.h"
#include "testdata.h"
#include "tracescrollbar.h"

#include "seis/base/traceheaderfield.h"
#include "seis/segy/sampleformat.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/traceheadermodel.h>
#include <seis/traceheadertable.h>

#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QRegularExpression>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace seis;
using namespace seis::testdata;
using seis::gui::MainWindow;
using seis::gui::ViewerSettings;

namespace {

// Writes `traces` big-endian IBM traces of 50 samples with scalco = -100 and scalel = 10:
// fldr = t / 10 + 1, offset = 25 t, sx = 61234567 + 101 t, sy = -4567890 - 3 t,
// gx = sx + 5000, gy = sy + 1, gelev = -123 + 7 t, selev = 45 + t.
void writeScaled(const QString& path, qint64 traces) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    auto be = [](QByteArray& b, int offset, qint64 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            b[offset + i] = char((quint64(v) >> (8 * (bytes - 1 - i))) & 0xff);
    };
    const int samples = 50;
    QByteArray head(3600, '\0');
    be(head, 3216, 2000, 2);
    be(head, 3220, samples, 2);
    be(head, 3224, 1, 2);
    f.write(head);
    QByteArray trace(240 + 4 * samples, '\0');
    for (qint64 t = 0; t < traces; ++t) {
        be(trace, 0, t + 1, 4);
        be(trace, 8, t / 10 + 1, 4);
        be(trace, 36, 25 * t, 4);
        be(trace, 40, -123 + 7 * t, 4); // gelev
        be(trace, 44, 45 + t, 4);       // selev
        be(trace, 68, 10, 2);           // scalel
        be(trace, 70, -100, 2);         // scalco
        be(trace, 72, 61234567 + 101 * t, 4);
        be(trace, 76, -4567890 - 3 * t, 4);
        be(trace, 80, 61234567 + 101 * t + 5000, 4);
        be(trace, 84, -4567890 - 3 * t + 1, 4);
        be(trace, 114, samples, 2);
        for (int s = 0; s < samples; ++s)
            be(trace, 240 + 4 * s, floatToIbm(std::sin(float(s + t) / 4.0f)), 4);
        f.write(trace);
    }
}

QWidget* plotOf(MainWindow& w) {
    return w.gatherView()->findChild<QWidget*>();
}

// A mouse move over the plot at `pos` (plot widget coordinates).
void moveMouse(MainWindow& w, QPointF pos) {
    QWidget* plot = plotOf(w);
    QMouseEvent move(QEvent::MouseMove, pos, plot->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &move);
}

// The pixel column of trace `trace` in the view's plot.
int xOfTrace(const GatherView& view, double trace) {
    const QRect r = view.plotRect();
    const auto [lo, hi] = view.visibleTraces();
    return r.left() + int(std::lround((trace - lo) / (hi - lo) * r.width()));
}

QString readout(MainWindow& w) {
    return w.findChild<QLabel*>(QStringLiteral("cursorReadout"))->text();
}

// The number after `key` in the readout ("sx 612345.67"), or NaN.
double readoutValue(const QString& text, const QString& key) {
    const QRegularExpression re(QStringLiteral("\\b%1 (-?[0-9.]+)").arg(key));
    const auto m = re.match(text);
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
}

} // namespace

class TestViewerReading : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void annotationRowsFromTheHeaders();
    void numbersShownFromOne();
    void scalarsInTableAndStatusBar();
    void statusBarFollowsScrollAndOpen();
    void ensembleBoxFollowsScrollAndPageDown();
    void panStopsAtTheFileEdges();
    void selectionLinksTableAndGather();
    void rowNumbersOfSevenDigitsFit();

private:
    QTemporaryDir m_dir;
};

void TestViewerReading::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QSettings().clear();
    writeScaled(m_dir.filePath(QStringLiteral("scaled.sgy")), 40);
}

void TestViewerReading::annotationRowsFromTheHeaders() {
    // many_traces.sgy: fldr = 1000 + i / 8, offset = -(25 i) - 12, cdp = 5000 + i.
    const QString path = dataPath(QStringLiteral("many_traces.sgy"));
    const test::SegyioFile reference(path);
    QVERIFY(reference.ok());
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    ViewerSettings s;
    s.labelKey = QStringLiteral("fldr, offset, cdp");
    w.setViewerSettings(s);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    GatherView* view = w.gatherView();
    QCOMPARE(
        view->annotationTitles(),
        (QStringList{QStringLiteral("fldr"), QStringLiteral("offset"), QStringLiteral("cdp")}));
    // The labels drawn are segyio's values of the trace under each tick, for every row.
    const auto check = [&](const std::vector<AnnotationTick>& ticks) {
        QVERIFY(ticks.size() >= 5);
        for (const AnnotationTick& t : ticks) {
            int r = 0;
            for (const char* key : {"fldr", "offset", "cdp"}) {
                const auto expected =
                    reference.field(int(t.trace), parseHeaderField(QString::fromLatin1(key)));
                QVERIFY(expected);
                QCOMPARE(t.labels[r++], QString::number(*expected));
            }
        }
    };
    check(view->annotationTicks());
    // Zoomed in to 64 traces: fldr changes every 8, far enough apart: ticks at each new fldr.
    view->zoomTo(100, 163, 0, 500);
    const auto ticks = view->annotationTicks();
    check(ticks);
    for (const AnnotationTick& t : ticks)
        QCOMPARE(t.trace % 8, qint64(0));
    QCOMPARE(qint64(ticks.size()), qint64(8));
    QVERIFY(seis::testsupport::saveScreenshot(w, QStringLiteral("viewer_annotation_rows.png")));
    view->resetView();
    QVERIFY(
        seis::testsupport::saveScreenshot(w, QStringLiteral("viewer_annotation_rows_full.png")));
    w.setViewerSettings(ViewerSettings{});
    QVERIFY(shown.wait(30000));
    QCOMPARE(view->annotationTitles(), QStringList{QStringLiteral("trace")});
}

void TestViewerReading::numbersShownFromOne() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy"))); // 8500 traces, fldr every 8
    QVERIFY(shown.wait(30000));
    w.navigator()->waitForScan();
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles()->isComplete(), 30000);
    // Trace 0 is trace 1: the axis, the table's rows, the view readout.
    QCOMPARE(w.gatherView()->traceLabel(0), QStringLiteral("1"));
    auto* table = w.findChild<TraceHeaderTable*>();
    QVERIFY(table);
    QCOMPARE(table->model()->headerData(0, Qt::Vertical).toLongLong(), 1);
    QCOMPARE(table->model()->headerData(999, Qt::Vertical).toLongLong(), 1000);
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text(),
             QStringLiteral("traces 1-1000 of 8500"));
    // Ensemble 0 is ensemble 1 in the box; typing 3 shows the third (traces 16..23).
    auto* box = w.findChild<QSpinBox*>(QStringLiteral("ensembleNumber"));
    QVERIFY(box);
    QCOMPARE(box->minimum(), 1);
    QCOMPARE(box->maximum(), 1063); // ceil(8500 / 8)
    box->setValue(3);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{16, 24}), 30000);
    QCOMPARE(w.navigator()->currentEnsemble(), qint64(2));
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text(),
             QStringLiteral("ensemble 3: traces 17-24 of 8500"));
    // The status bar's trace under the mouse: 1-based.
    moveMouse(w, QPointF(xOfTrace(*w.gatherView(), 20), w.gatherView()->plotRect().center().y()));
    QVERIFY2(readout(w).startsWith(QStringLiteral("trace 21 ")), qPrintable(readout(w)));
}

void TestViewerReading::scalarsInTableAndStatusBar() {
    const QString path = m_dir.filePath(QStringLiteral("scaled.sgy"));
    const test::SegyioFile reference(path);
    QVERIFY(reference.ok());
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    ViewerSettings s;
    s.cursorKeys = {QStringLiteral("fldr"), QStringLiteral("sx"), QStringLiteral("gy"),
                    QStringLiteral("gelev"), QStringLiteral("selev")};
    // A custom field on gelev's bytes: scaled like gelev in the table.
    s.custom.set(QStringLiteral("elev"), parseHeaderField(QStringLiteral("41:i4")));
    w.setViewerSettings(s);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    const auto field = [&](int trace, const char* key) {
        return double(*reference.field(trace, parseHeaderField(QString::fromLatin1(key))));
    };
    // segyio's scalars: as written.
    QCOMPARE(field(0, "71:i2"), -100.0);
    QCOMPARE(field(0, "69:i2"), 10.0);
    // The mouse over trace 17: coordinates divided by 100, elevations multiplied by 10.
    GatherView* view = w.gatherView();
    moveMouse(w, QPointF(xOfTrace(*view, 17), view->plotRect().center().y()));
    const QString text = readout(w);
    QVERIFY2(text.startsWith(QStringLiteral("trace 18 ")), qPrintable(text));
    QCOMPARE(readoutValue(text, QStringLiteral("fldr")), field(17, "fldr"));
    QVERIFY2(std::fabs(readoutValue(text, QStringLiteral("sx")) - field(17, "sx") / 100.0) < 1e-6,
             qPrintable(text));
    QVERIFY2(std::fabs(readoutValue(text, QStringLiteral("gy")) - field(17, "gy") / 100.0) < 1e-6,
             qPrintable(text));
    QCOMPARE(readoutValue(text, QStringLiteral("gelev")), field(17, "gelev") * 10.0);
    QCOMPARE(readoutValue(text, QStringLiteral("selev")), field(17, "selev") * 10.0);
    // By hand: sx of trace 17 = 61234567 + 1717 = 61236284 -> 612362.84.
    QVERIFY2(text.contains(QStringLiteral("sx 612362.84")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("gelev -40")), qPrintable(text)); // (-123 + 119) * 10

    // The table: sx, sy, gx, gy scaled by scalco, the custom elevation field by scalel.
    auto* table = w.findChild<TraceHeaderTable*>();
    QVERIFY(table);
    QAbstractItemModel* model = table->model();
    const auto column = [&](const QString& prefix) {
        for (int c = 0; c < model->columnCount(); ++c)
            if (model->headerData(c, Qt::Horizontal).toString().startsWith(prefix + " ("))
                return c;
        return -1;
    };
    for (int row : {0, 17, 39}) {
        for (const char* key : {"sx", "sy", "gx", "gy"}) {
            const int c = column(QString::fromLatin1(key));
            QVERIFY(c >= 0);
            bool ok = false;
            const double v = model->index(row, c).data().toString().toDouble(&ok);
            QVERIFY(ok);
            QVERIFY2(std::fabs(v - field(row, key) / 100.0) < 1e-6,
                     qPrintable(QStringLiteral("%1 %2").arg(row).arg(QString::fromLatin1(key))));
            QCOMPARE(model->index(row, c).data(TraceHeaderModel::RawValueRole).toLongLong(),
                     qint64(field(row, key)));
        }
        const int e = column(QStringLiteral("elev"));
        QVERIFY(e >= 0);
        QCOMPARE(model->index(row, e).data().toString().toDouble(), field(row, "gelev") * 10.0);
        QCOMPARE(model->index(row, column(QStringLiteral("fldr"))).data().toLongLong(),
                 qint64(field(row, "fldr")));
    }
    QCOMPARE(model->index(1, column(QStringLiteral("sy"))).data().toString(),
             QStringLiteral("-45678.93")); // (-4567890 - 3) / 100
    // Annotation rows of a coordinate and an elevation: scaled the same way.
    s.labelKey = QStringLiteral("sx, gelev");
    w.setViewerSettings(s);
    QVERIFY(shown.wait(30000));
    const auto ticks = view->annotationTicks();
    QVERIFY(ticks.size() >= 2);
    for (const AnnotationTick& t : ticks) {
        QVERIFY2(std::fabs(t.labels[0].toDouble() - field(int(t.trace), "sx") / 100.0) < 1e-6,
                 qPrintable(t.labels[0]));
        QCOMPARE(t.labels[1].toDouble(), field(int(t.trace), "gelev") * 10.0);
    }
    w.setViewerSettings(ViewerSettings{});
}

void TestViewerReading::statusBarFollowsScrollAndOpen() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy")));
    QVERIFY(shown.wait(30000));
    GatherView* view = w.gatherView();
    const QPointF at(xOfTrace(*view, 400), view->plotRect().center().y());
    moveMouse(w, at);
    QVERIFY2(readout(w).startsWith(QStringLiteral("trace 401 ")), qPrintable(readout(w)));
    // Scrolling with the mouse still: the readout names the trace now under it.
    auto* scroll = w.findChild<QScrollBar*>();
    QVERIFY(scroll);
    scroll->setValue(3000);
    QTRY_COMPARE_WITH_TIMEOUT(view->data().traces(), (TraceRange{3000, 4000}), 30000);
    QVERIFY2(readout(w).startsWith(QStringLiteral("trace 3401 ")), qPrintable(readout(w)));
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text(),
             QStringLiteral("traces 3001-4000 of 8500"));
    // So do the arrow keys (a quarter screen).
    QTest::keyClick(&w, Qt::Key_Right);
    QTRY_COMPARE_WITH_TIMEOUT(view->data().traces(), (TraceRange{3250, 4250}), 30000);
    QVERIFY2(readout(w).startsWith(QStringLiteral("trace 3651 ")), qPrintable(readout(w)));
    // Another file: nothing of the old one stays; once its traces are shown, the trace under
    // the mouse is one of the new file's.
    w.showFile(m_dir.filePath(QStringLiteral("scaled.sgy")));
    QVERIFY(readout(w).isEmpty());
    QVERIFY(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text().isEmpty());
    QVERIFY(shown.wait(30000));
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text(),
             QStringLiteral("traces 1-40 of 40"));
    const QRegularExpression trace(QStringLiteral("^trace ([0-9]+) "));
    const auto m = trace.match(readout(w));
    QVERIFY2(m.hasMatch(), qPrintable(readout(w)));
    QVERIFY(m.captured(1).toInt() >= 1 && m.captured(1).toInt() <= 40);
    // The mouse leaves: the readout is cleared rather than left stale.
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(plotOf(w), &leave);
    QVERIFY(readout(w).isEmpty());
}

void TestViewerReading::ensembleBoxFollowsScrollAndPageDown() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy"))); // ensembles of 8 traces
    QVERIFY(shown.wait(30000));
    w.navigator()->waitForScan();
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->ensembles()->isComplete(), 30000);
    auto* box = w.findChild<QSpinBox*>(QStringLiteral("ensembleNumber"));
    QVERIFY(box);
    QTRY_COMPARE_WITH_TIMEOUT(box->value(), 1, 30000);
    // Trace mode, scrolled to trace 3003 (in ensemble 375, 0-based): the box says 376.
    w.findChild<QScrollBar*>()->setValue(3003);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces().begin, qint64(3003), 30000);
    QCOMPARE(box->value(), 376);
    // PgDn: the gather after the one on screen, 376 (0-based): traces 3008..3015.
    QTest::keyClick(&w, Qt::Key_PageDown);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{3008, 3016}), 30000);
    QCOMPARE(box->value(), 377);
    QTest::keyClick(&w, Qt::Key_PageUp);
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{3000, 3008}), 30000);
    QCOMPARE(box->value(), 376);
}

void TestViewerReading::panStopsAtTheFileEdges() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy")));
    QVERIFY(shown.wait(30000));
    // At the start, Left stays; at the end, Right stays.
    QTest::keyClick(&w, Qt::Key_Left);
    QTest::qWait(50);
    QCOMPARE(w.navigator()->view(), (TraceRange{0, 1000}));
    w.findChild<QScrollBar*>()->setValue(w.findChild<QScrollBar*>()->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces(), (TraceRange{7500, 8500}), 30000);
    QTest::keyClick(&w, Qt::Key_Right);
    QTest::keyClick(&w, Qt::Key_Right);
    QCOMPARE(w.navigator()->view(), (TraceRange{7500, 8500}));
    // Dragging the gather further right shows no empty space beyond the last trace.
    GatherView* view = w.gatherView();
    view->zoomTo(8400, 8480, 0, 200);
    QWidget* plot = plotOf(w);
    for (int i = 0; i < 5; ++i) {
        const QPointF a(view->plotRect().right() - 10, 300), b(view->plotRect().left() + 10, 300);
        QMouseEvent press(QEvent::MouseButtonPress, a, plot->mapToGlobal(a), Qt::LeftButton,
                          Qt::LeftButton, Qt::NoModifier);
        QMouseEvent move(QEvent::MouseMove, b, plot->mapToGlobal(b), Qt::NoButton, Qt::LeftButton,
                         Qt::NoModifier);
        QMouseEvent release(QEvent::MouseButtonRelease, b, plot->mapToGlobal(b), Qt::LeftButton,
                            Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &press);
        QCoreApplication::sendEvent(plot, &move);
        QCoreApplication::sendEvent(plot, &release);
    }
    QVERIFY(std::fabs(view->visibleTraces().second - 8499.5) < 1e-9);
    QVERIFY(std::fabs(view->visibleTraces().first - 8419.5) < 1e-9);
}

void TestViewerReading::selectionLinksTableAndGather() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(dataPath(QStringLiteral("many_traces.sgy")));
    QVERIFY(shown.wait(30000));
    auto* table = w.findChild<TraceHeaderTable*>();
    QVERIFY(table);
    GatherView* view = w.gatherView();
    // A row selected: its trace marked in the gather.
    table->selectRow(5);
    QCOMPARE(table->selectedTrace(), qint64(5));
    QCOMPARE(view->markedTrace(), qint64(5));
    // A click on a trace of the gather: its row selected (and the trace marked).
    const QPointF at(xOfTrace(*view, 321), view->plotRect().center().y());
    QWidget* plot = plotOf(w);
    QMouseEvent press(QEvent::MouseButtonPress, at, plot->mapToGlobal(at), Qt::LeftButton,
                      Qt::LeftButton, Qt::NoModifier);
    QMouseEvent release(QEvent::MouseButtonRelease, at, plot->mapToGlobal(at), Qt::LeftButton,
                        Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &press);
    QCoreApplication::sendEvent(plot, &release);
    QCOMPARE(table->selectedTrace(), qint64(321));
    QCOMPARE(view->markedTrace(), qint64(321));
    const QModelIndexList rows = table->selectionModel()->selectedRows();
    QCOMPARE(rows.size(), qsizetype(1));
    QCOMPARE(rows.front().row(), 321);
    // Scrolled on by 250 traces: the same trace, now row 71, still selected and marked.
    w.findChild<QScrollBar*>()->setValue(250);
    QTRY_COMPARE_WITH_TIMEOUT(view->data().traces(), (TraceRange{250, 1250}), 30000);
    QCOMPARE(table->selectionModel()->selectedRows().front().row(), 71);
    QCOMPARE(view->markedTrace(), qint64(321));
    QVERIFY(seis::testsupport::saveScreenshot(w, QStringLiteral("viewer_selected_trace.png")));
    // The row-number column fits the largest number shown.
    QVERIFY(table->verticalHeader()->width() >=
            table->verticalHeader()->fontMetrics().horizontalAdvance(QStringLiteral("1250")));
}

void TestViewerReading::rowNumbersOfSevenDigitsFit() {
    // 2,000,000 traces of one IEEE sample: a sparse file of 488 MB (headers all zero).
    const QString path = m_dir.filePath(QStringLiteral("many.sgy"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QByteArray head(3600, '\0');
        head[3217] = char(0xd0); // 2000 us, big-endian
        head[3216] = char(0x07);
        head[3221] = 1; // one sample
        head[3225] = 5; // IEEE float
        QVERIFY(f.write(head) == head.size());
        QVERIFY(f.resize(3600 + qint64(2'000'000) * 244));
    }
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(path);
    QVERIFY(shown.wait(30000));
    auto* scroll = w.findChild<QScrollBar*>();
    scroll->setValue(scroll->maximum());
    QTRY_COMPARE_WITH_TIMEOUT(w.gatherView()->data().traces().end, qint64(2'000'000), 30000);
    auto* table = w.findChild<TraceHeaderTable*>();
    auto* tabs = w.findChild<QTabWidget*>();
    QVERIFY(table && tabs);
    tabs->setCurrentWidget(table);
    table->scrollToBottom();
    QApplication::processEvents();
    QCOMPARE(table->model()->headerData(table->model()->rowCount() - 1, Qt::Vertical).toLongLong(),
             2'000'000);
    // The widest number, in the header's (bold when highlighted) font, fits with room to spare.
    QFont bold = table->verticalHeader()->font();
    bold.setBold(true);
    const int needed = QFontMetrics(bold).horizontalAdvance(QStringLiteral("2000000"));
    QVERIFY2(
        table->verticalHeader()->width() >= needed + 4,
        qPrintable(QStringLiteral("%1 < %2").arg(table->verticalHeader()->width()).arg(needed)));
    table->selectRow(table->model()->rowCount() - 1);
    // The trace numbers above the gather (7 digits): no two labels overlap, not even the last,
    // which is moved inside the plot at its right end.
    GatherView* view = w.gatherView();
    const auto ticks = view->annotationTicks();
    QVERIFY(ticks.size() >= 3);
    QCOMPARE(ticks.back().labels.front(), QString::number(ticks.back().trace + 1));
    const QFontMetrics metrics(view->font());
    const QRect plot = view->plotRect();
    int right = -1;
    for (const AnnotationTick& t : ticks) {
        const int width = metrics.horizontalAdvance(t.labels.front()) + 2;
        const int left =
            std::clamp(xOfTrace(*view, double(t.trace)) - plot.left() + plot.left() - width / 2,
                       plot.left(), plot.right() + 1 - width);
        QVERIFY2(left > right,
                 qPrintable(QStringLiteral("%1 at %2").arg(t.labels.front()).arg(left)));
        right = left + width;
    }
    QVERIFY(
        seis::testsupport::saveScreenshot(w, QStringLiteral("viewer_header_table_7_digits.png")));
}

QTEST_MAIN(TestViewerReading)
#include "tst_viewerreading.moc"
