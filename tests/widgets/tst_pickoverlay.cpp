// Picking on the gather display (seis/pickoverlay.h): synthetic mouse events on a GatherView add
// picks, pick along a drag, move a pick, remove picks, undo; the pick set they leave is checked
// value by value, the readout against hand-computed numbers, and the picks against the pixels
// drawn. With SEIS_TEST_SCREENSHOTS naming a directory, the view with its picks is saved there
// as picks.png.
#include "seis/cache/tilecache.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/pickoverlay.h>

#include <QDir>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QtTest>

#include <cmath>
#include <functional>
#include <numbers>

using namespace seis;

namespace {

constexpr qint64 kTraces = 40;
constexpr qint64 kSamples = 500; // 2 ms: 0 to 998 ms

// Two gathers of 20 traces: fldr 1 and 2, offsets -475 to 475 by 50 in each.
qint64 fldrOf(qint64 t) {
    return 1 + t / 20;
}
qint64 offsetOf(qint64 t) {
    return (t % 20) * 50 - 475;
}
// A refraction on each gather: arrival 100 ms + |offset| / 2.5 m/ms (2500 m/s).
double arrivalMs(qint64 t) {
    return 100.0 + double(std::abs(offsetOf(t))) / 2.5;
}

class FakeSource final : public TraceSource {
public:
    QString path() const override { return QStringLiteral("fake.sgy"); }
    qint64 traceCount() const override { return kTraces; }
    qint64 sampleCount() const override { return kSamples; }
    double sampleIntervalUs() const override { return 2000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readHeaderColumns(std::span<const HeaderField>, TraceRange,
                           std::span<qint64* const>) const override {}
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        for (qint64 t = traces.begin; t < traces.end; ++t)
            for (qint64 s = samples.begin; s < samples.end; ++s) {
                const double a = std::numbers::pi * 0.03 * (double(s) * 2.0 - arrivalMs(t));
                *dst++ = float((1.0 - 2.0 * a * a) * std::exp(-a * a));
            }
    }
};

TraceWindow wholeWindow() {
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(std::make_shared<FakeSource>(), options);
    return cache.window({0, kTraces}, {0, kSamples});
}

// The header values the navigator would deliver for traces [first, first + kTraces), where
// trace first + i carries the headers of trace order[i] of the fake file.
WindowHeaders headersFor(qint64 first, const std::vector<qint64>& order) {
    WindowHeaders h;
    h.traces = {first, first + qint64(order.size())};
    h.fields = {parseHeaderField(QStringLiteral("fldr")),
                parseHeaderField(QStringLiteral("offset"))};
    h.columns.resize(2);
    for (const qint64 t : order) {
        h.columns[0].push_back(fldrOf(t));
        h.columns[1].push_back(offsetOf(t));
    }
    return h;
}

std::vector<qint64> identity() {
    std::vector<qint64> order;
    for (qint64 t = 0; t < kTraces; ++t)
        order.push_back(t);
    return order;
}

QWidget* plotWidget(GatherView& view) {
    return view.findChild<QWidget*>();
}

void send(GatherView& view, QEvent::Type type, QPointF pos, Qt::MouseButton button,
          Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
    QWidget* plot = plotWidget(view);
    const QPointF local = pos - QPointF(plot->pos());
    QMouseEvent e(type, local, plot->mapToGlobal(local), button, buttons, modifiers);
    QCoreApplication::sendEvent(plot, &e);
}

void click(GatherView& view, QPointF pos, Qt::MouseButton button = Qt::LeftButton) {
    send(view, QEvent::MouseButtonPress, pos, button, button);
    send(view, QEvent::MouseButtonRelease, pos, button, Qt::NoButton);
}

std::optional<double> pickOn(const PickOverlay& overlay, qint64 trace) {
    return overlay.picks().time({fldrOf(trace), offsetOf(trace)});
}

} // namespace

class TestPickOverlay : public QObject {
    Q_OBJECT
private slots:
    void measureByHand();
    void mouse();
    void undoIsBounded();
};

void TestPickOverlay::measureByHand() {
    using P = PickOverlay::Point;
    const auto m = PickOverlay::measure(P{3, 100.0, 100}, P{9, 250.0, 700});
    QCOMPARE(m.dtMs, 150.0);
    QCOMPARE(m.distance, std::optional<double>(600.0));
    QCOMPARE(m.velocity, std::optional<double>(4000.0)); // 600 m in 0.150 s
    QCOMPARE(m.text(),
             QStringLiteral("\u0394t 150.00 ms, distance 600.0 m (offset), apparent velocity "
                            "4000 m/s"));
    // Back in time and across zero offset: the distance is |-300 - 450|, dt keeps its sign.
    const auto back = PickOverlay::measure(P{9, 250.0, 450}, P{2, 220.0, -300});
    QCOMPARE(back.dtMs, -30.0);
    QCOMPARE(back.distance, std::optional<double>(750.0));
    QCOMPARE(back.velocity, std::optional<double>(25000.0));
    const auto flat = PickOverlay::measure(P{1, 80.0, 0}, P{2, 80.0, 50});
    QVERIFY(flat.velocity && std::isinf(*flat.velocity));
    QCOMPARE(flat.text(), QStringLiteral("\u0394t 0.00 ms, distance 50.0 m (offset), apparent "
                                         "velocity infinite"));
    const auto unknown = PickOverlay::measure(P{1, 80.0, std::nullopt}, P{2, 90.5, 50});
    QCOMPARE(unknown.distance, std::optional<double>());
    QCOMPARE(unknown.velocity, std::optional<double>());
    QCOMPARE(unknown.text(), QStringLiteral("\u0394t 10.50 ms, no distance (offset not read)"));
}

void TestPickOverlay::mouse() {
    GatherView view;
    view.resize(900, 640);
    view.setData(wholeWindow(), 2.0, 0.0);
    (void)view.grab(); // lays the plot out
    PickOverlay overlay(&view);
    overlay.setPicks(PickSet({QStringLiteral("fldr"), QStringLiteral("offset")}));
    overlay.setWindowHeaders(headersFor(0, identity()));
    {
        std::vector<QString> names;
        for (const HeaderField& f : overlay.headerKeys())
            names.push_back(f.name);
        QCOMPARE(names, (std::vector<QString>{QStringLiteral("fldr"), QStringLiteral("offset")}));
    }
    QSignalSpy changes(&overlay, &PickOverlay::picksChanged);
    QSignalSpy measured(&overlay, &PickOverlay::measured);
    // One pixel is this many ms: the tolerance of a time read from a mouse position.
    const double msPerPixel = std::fabs(view.timeAt(1.0) - view.timeAt(0.0));
    QVERIFY2(msPerPixel > 0.5 && msPerPixel < 3.0, qPrintable(QString::number(msPerPixel)));

    // Out of pick mode a drag pans (zoomed in: pans stop at the data's edges) and picks
    // nothing.
    view.zoomTo(5, 25, 0, 1000);
    const auto before = view.visibleTraces();
    send(view, QEvent::MouseButtonPress, view.pointOf(10, 500), Qt::LeftButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, view.pointOf(14, 520), Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, view.pointOf(14, 520), Qt::LeftButton, Qt::NoButton);
    QVERIFY(overlay.picks().empty());
    QVERIFY(view.visibleTraces() != before);
    view.resetView();
    const auto home = view.visibleTraces();

    overlay.setActive(true);
    // A click picks the trace under the cursor at the time under it; the view does not pan.
    click(view, view.pointOf(5.2, 300.0));
    QCOMPARE(overlay.picks().size(), std::size_t(1));
    QVERIFY(pickOn(overlay, 5));
    QVERIFY(std::fabs(*pickOn(overlay, 5) - 300.0) < 1e-6);
    QCOMPARE(view.visibleTraces(), home);
    QCOMPARE(measured.count(), 0); // one point: no readout yet
    // A second click: the readout between the two (offsets -225 and 25: 250 m in 100 ms).
    click(view, view.pointOf(10.0, 400.0));
    QCOMPARE(measured.count(), 1);
    const auto m = qvariant_cast<PickOverlay::Measure>(measured.last().at(0));
    QCOMPARE(m.a.trace, qint64(5));
    QCOMPARE(m.b.trace, qint64(10));
    QVERIFY(std::fabs(m.dtMs - 100.0) < 1e-6);
    QCOMPARE(m.distance, std::optional<double>(250.0));
    QVERIFY(std::fabs(*m.velocity - 2500.0) < 1e-3);
    QCOMPARE(overlay.lastMeasure()->b, m.b);
    // A click on the same trace elsewhere replaces its pick, and its point of the readout.
    click(view, view.pointOf(10.3, 700.0));
    QVERIFY(std::fabs(*pickOn(overlay, 10) - 700.0) < 1e-6);
    QCOMPARE(overlay.picks().size(), std::size_t(2));
    QCOMPARE(measured.count(), 2);
    QCOMPARE(overlay.lastMeasure()->a.trace, qint64(5));
    QVERIFY(std::fabs(overlay.lastMeasure()->dtMs - 400.0) < 1e-6);

    // A drag along the refraction of gather 2 (traces 20 to 29, then 30 to 35): one pick per
    // trace crossed, at the path's time there (the path follows the arrivals exactly at the
    // traces' centres, and is straight between them on each side of zero offset).
    send(view, QEvent::MouseButtonPress, view.pointOf(20, arrivalMs(20)), Qt::LeftButton,
         Qt::LeftButton);
    send(view, QEvent::MouseMove, view.pointOf(24.6, 100.0 + (475.0 - 4.6 * 50.0) / 2.5),
         Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, view.pointOf(29.5, 100.0), Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, view.pointOf(35, arrivalMs(35)), Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, view.pointOf(35, arrivalMs(35)), Qt::LeftButton,
         Qt::NoButton);
    QCOMPARE(overlay.picks().size(), std::size_t(2 + 16));
    for (qint64 t = 20; t <= 35; ++t) {
        QVERIFY2(pickOn(overlay, t), qPrintable(QString::number(t)));
        QVERIFY2(std::fabs(*pickOn(overlay, t) - arrivalMs(t)) < 1e-6,
                 qPrintable(QStringLiteral("trace %1: %2, expected %3")
                                .arg(t)
                                .arg(*pickOn(overlay, t))
                                .arg(arrivalMs(t))));
    }
    QVERIFY(!pickOn(overlay, 19) && !pickOn(overlay, 36));
    // The readout spans the drag: offsets -475 and 275, arrivals 290 and 210 ms.
    QCOMPARE(measured.count(), 3);
    const auto drag = *overlay.lastMeasure();
    QCOMPARE(drag.a.trace, qint64(20));
    QCOMPARE(drag.b.trace, qint64(35));
    QVERIFY(std::fabs(drag.dtMs - (-80.0)) < 1e-6);
    QCOMPARE(drag.distance, std::optional<double>(750.0));
    QVERIFY(std::fabs(*drag.velocity - 9375.0) < 1e-3);

    // A press on a pick (3 px beside it) grabs it: the drag moves it along its trace only.
    const QPointF at25 = view.pointOf(25, *pickOn(overlay, 25)) + QPointF(3, 2);
    const double t24 = *pickOn(overlay, 24), t26 = *pickOn(overlay, 26);
    send(view, QEvent::MouseButtonPress, at25, Qt::LeftButton, Qt::LeftButton);
    send(view, QEvent::MouseMove, view.pointOf(26.0, 450.0), Qt::NoButton, Qt::LeftButton);
    send(view, QEvent::MouseButtonRelease, view.pointOf(26.0, 450.0), Qt::LeftButton, Qt::NoButton);
    QVERIFY(std::fabs(*pickOn(overlay, 25) - 450.0) < 1e-6);
    QCOMPARE(*pickOn(overlay, 24), t24);
    QCOMPARE(*pickOn(overlay, 26), t26);
    QCOMPARE(overlay.picks().size(), std::size_t(18));

    // A right click removes the pick of the trace under the cursor; so does removeAtCursor()
    // (the Delete key) for the trace last under the mouse. Neither zooms.
    click(view, view.pointOf(22.1, 800.0), Qt::RightButton);
    QVERIFY(!pickOn(overlay, 22));
    QCOMPARE(view.visibleTraces(), home);
    send(view, QEvent::MouseMove, view.pointOf(23.0, 10.0), Qt::NoButton, Qt::NoButton);
    QVERIFY(overlay.removeAtCursor());
    QVERIFY(!pickOn(overlay, 23));
    QCOMPARE(overlay.picks().size(), std::size_t(16));
    // Undo, edit by edit: the removal of 23, then of 22, then the move of 25.
    overlay.undo();
    QVERIFY(pickOn(overlay, 23));
    overlay.undo();
    QVERIFY(pickOn(overlay, 22));
    QVERIFY(std::fabs(overlay.lastMeasure()->dtMs - (450.0 - arrivalMs(35))) < 1e-6);
    overlay.undo();
    QVERIFY(std::fabs(*pickOn(overlay, 25) - arrivalMs(25)) < 1e-6);
    // The readout follows the picks' times (the move undone).
    QCOMPARE(overlay.lastMeasure()->a.trace, qint64(35));
    QCOMPARE(overlay.lastMeasure()->b.trace, qint64(25));
    QVERIFY(std::fabs(overlay.lastMeasure()->dtMs - (arrivalMs(25) - arrivalMs(35))) < 1e-6);
    QVERIFY(changes.count() > 10);
    // Clear picks, undone, gives back the same set; a new set has nothing to undo.
    const PickSet kept = overlay.picks();
    overlay.clearPicks();
    QVERIFY(overlay.picks().empty());
    overlay.undo();
    QCOMPARE(overlay.picks(), kept);
    {
        PickOverlay other(&view);
        other.setPicks(kept);
        QVERIFY(!other.canUndo());
    }

    // The picks are drawn where they are: the amber of a pick at its pixel, none away from it.
    const QImage image = view.grab().toImage();
    const QPoint p = view.pointOf(30, *pickOn(overlay, 30)).toPoint();
    const QColor c = image.pixelColor(p);
    QVERIFY2(c.red() > 200 && c.green() > 150 && c.blue() < 80,
             qPrintable(QStringLiteral("%1 at (%2, %3)").arg(c.name()).arg(p.x()).arg(p.y())));
    const QColor away = image.pixelColor(view.pointOf(30, 900.0).toPoint());
    QVERIFY2(!(away.red() > 200 && away.green() > 150 && away.blue() < 80),
             qPrintable(away.name()));
    if (const QString dir = qEnvironmentVariable("SEIS_TEST_SCREENSHOTS"); !dir.isEmpty())
        QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("picks.png"))));

    // The same traces elsewhere (another window, in another order: a sorted view) show their
    // picks: the keys are header values, not positions.
    std::vector<qint64> reversed = identity();
    std::reverse(reversed.begin(), reversed.end());
    overlay.setWindowHeaders(headersFor(100, reversed));
    QCOMPARE(overlay.keyOf(100 + 39 - 30), (PickSet::Key{fldrOf(30), offsetOf(30)}));
    QVERIFY(!overlay.keyOf(30)); // not in the window
    overlay.setWindowHeaders(headersFor(0, identity()));

    // Traces whose keys were not read cannot be picked; "trace" keys need no headers.
    overlay.setPicks(PickSet(QStringList{QStringLiteral("trace")}));
    QVERIFY(overlay.picks().empty() && !overlay.canUndo());
    click(view, view.pointOf(7, 123.0));
    QCOMPARE(overlay.picks().time({7}).has_value(), true);
    overlay.setPicks(PickSet({QStringLiteral("fldr"), QStringLiteral("cdp")}));
    click(view, view.pointOf(8, 123.0)); // cdp was not read with the window
    QVERIFY(overlay.picks().empty());
    overlay.clearPicks();
}

// Undo keeps the last kUndoDepth edits, each with the picks it changed only.
void TestPickOverlay::undoIsBounded() {
    GatherView view;
    view.resize(400, 300);
    view.setData(wholeWindow(), 2.0, 0.0);
    PickOverlay overlay(&view);
    overlay.setPicks(PickSet(QStringList{QStringLiteral("trace")}));
    WindowHeaders h;
    h.traces = {0, kTraces};
    overlay.setWindowHeaders(h); // "trace" keys need no header values
    const qint64 edits = qint64(PickOverlay::kUndoDepth) + 50;
    for (qint64 i = 0; i < edits; ++i)
        QVERIFY(overlay.pick(i % kTraces, double(i)));
    // Every trace holds the last time picked on it.
    for (qint64 t = 0; t < kTraces; ++t)
        QCOMPARE(*overlay.picks().time({t}), double(t + ((edits - 1 - t) / kTraces) * kTraces));
    qint64 undone = 0;
    while (overlay.canUndo()) {
        overlay.undo();
        ++undone;
    }
    QCOMPARE(undone, qint64(PickOverlay::kUndoDepth));
    // The first 50 edits stay: traces 0..39 picked at 0..39, then 0..9 again at 40..49.
    QCOMPARE(overlay.picks().size(), std::size_t(kTraces));
    for (qint64 t = 0; t < kTraces; ++t)
        QCOMPARE(*overlay.picks().time({t}), double(t < 10 ? t + 40 : t));
}

QTEST_MAIN(TestPickOverlay)
#include "tst_pickoverlay.moc"
