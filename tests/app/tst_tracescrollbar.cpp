// The scroll bar over all traces: any trace count maps onto QScrollBar's int positions, the
// first and the last window are reachable, and the mapping never overflows (7.3e10 traces).
#include "tracescrollbar.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <limits>

using namespace seis;
using namespace seis::gui;

class TestTraceScrollBar : public QObject {
    Q_OBJECT

private slots:
    void smallFilesMoveTraceByTrace();
    void hugeCountsSpreadPositions_data();
    void hugeCountsSpreadPositions();
    void barReachesEveryPartOfAHugeFile();
    void emptyAndOneWindowFiles();
};

void TestTraceScrollBar::smallFilesMoveTraceByTrace() {
    const TraceScrollMapping m(7500); // 8500 traces, 1000 on screen
    QCOMPARE(m.positions(), 7500);
    for (qint64 first : {0, 1, 2999, 7499, 7500}) {
        QCOMPARE(m.toPosition(first), int(first));
        QCOMPARE(m.toFirst(int(first)), first);
    }
    QCOMPARE(m.toPosition(-5), 0);
    QCOMPARE(m.toPosition(9000), 7500);
    QCOMPARE(m.span(1000), 1000);
}

void TestTraceScrollBar::hugeCountsSpreadPositions_data() {
    QTest::addColumn<qint64>("traces");
    QTest::newRow("2^31 + 1") << (qint64(1) << 31) + 1;
    QTest::newRow("4.6e9") << qint64(4'600'000'000);
    QTest::newRow("7.3e10") << qint64(73'000'000'000);
    QTest::newRow("int64 max / 2") << std::numeric_limits<qint64>::max() / 2;
}

void TestTraceScrollBar::hugeCountsSpreadPositions() {
    QFETCH(qint64, traces);
    const qint64 width = 1000;
    const TraceScrollMapping m(traces - width);
    QCOMPARE(m.lastFirst(), traces - width);
    QCOMPARE(m.positions(), int(TraceScrollMapping::kMaxPositions));
    // Both ends, exactly.
    QCOMPARE(m.toFirst(0), qint64(0));
    QCOMPARE(m.toFirst(m.positions()), traces - width);
    QCOMPARE(m.toPosition(0), 0);
    QCOMPARE(m.toPosition(traces - width), m.positions());
    // Every position maps to a first trace within half a position's worth of traces of the
    // exact proportion, monotonically, and back to itself.
    const double perPosition = double(traces - width) / double(m.positions());
    qint64 previous = -1;
    for (int p = 0; p <= m.positions(); p += m.positions() / 1000) {
        const qint64 first = m.toFirst(p);
        QVERIFY(first > previous);
        QVERIFY(std::fabs(double(first) - double(p) * perPosition) <= 0.5 + 1e-6 * perPosition);
        QCOMPARE(m.toPosition(first), p);
        previous = first;
    }
    // A window is worth about width / perPosition positions, at least one.
    QCOMPARE(m.span(width), std::max(1, int(std::llround(double(width) / perPosition))));
}

// The widget: dragging to the end shows the last window, the middle shows the middle, a page
// step moves about one window, and setting the view never emits.
void TestTraceScrollBar::barReachesEveryPartOfAHugeFile() {
    const qint64 traces = 73'000'000'000;
    const qint64 width = 1000;
    TraceScrollBar bar;
    QSignalSpy moved(&bar, &TraceScrollBar::firstTraceChanged);
    bar.setView(traces, TraceRange{traces - width, traces});
    QCOMPARE(moved.count(), 0);
    QCOMPARE(bar.value(), bar.maximum());
    QCOMPARE(bar.maximum(), int(TraceScrollMapping::kMaxPositions));
    bar.setValue(0);
    QCOMPARE(moved.count(), 1);
    QCOMPARE(moved.takeFirst()[0].toLongLong(), qint64(0));
    bar.setValue(bar.maximum() / 2);
    const qint64 middle = moved.takeFirst()[0].toLongLong();
    QVERIFY(std::llabs(middle - (traces - width) / 2) < 100);
    bar.setView(traces, TraceRange{middle, middle + width});
    bar.triggerAction(QAbstractSlider::SliderPageStepAdd);
    const qint64 next = moved.takeFirst()[0].toLongLong();
    const double perPosition = double(traces - width) / double(bar.maximum());
    QVERIFY2(std::fabs(double(next - middle) - double(width)) <= perPosition,
             qPrintable(QString::number(next - middle)));
    bar.setValue(bar.maximum());
    QCOMPARE(moved.takeFirst()[0].toLongLong(), traces - width);
}

void TestTraceScrollBar::emptyAndOneWindowFiles() {
    TraceScrollBar bar;
    bar.setView(0, TraceRange{0, 0});
    QCOMPARE(bar.maximum(), 0);
    bar.setView(500, TraceRange{0, 500}); // the whole file on screen
    QCOMPARE(bar.maximum(), 0);
    QCOMPARE(bar.mapping().toFirst(0), qint64(0));
    QVERIFY(bar.pageStep() >= 1);
}

QTEST_MAIN(TestTraceScrollBar)
#include "tst_tracescrollbar.moc"
