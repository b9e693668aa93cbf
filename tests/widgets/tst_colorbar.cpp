// The colour bar beside the gather view and what the view says about its scale: the numbers at
// the bar's ends are the clip / gain the view draws with (percentile and absolute clips), the
// bar's pixels are the colour map's and the same colours as the view's saturated samples, the
// bar follows the mode (a clip scale where only wiggles are drawn), and a wiggle mode that falls
// back to density says so in the view (1000 traces) and not when wiggles are drawn (50 traces).
#include <seis/colorbar.h>
#include <seis/displaysettings.h>
#include <seis/gatherview.h>

#include "seis/cache/tilecache.h"

#include <QHBoxLayout>
#include <QImage>
#include <QSignalSpy>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numbers>
#include <vector>

using namespace seis;

namespace {

// Samples from a function of (trace, sample); 2 ms sampling.
class FakeSource final : public TraceSource {
public:
    using Function = std::function<float(qint64, qint64)>;
    FakeSource(qint64 traces, qint64 samples, Function f)
        : m_traces(traces)
        , m_samples(samples)
        , m_f(std::move(f)) {}

    QString path() const override { return QStringLiteral("fake.sgy"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return m_samples; }
    double sampleIntervalUs() const override { return 2000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readHeaderColumns(std::span<const HeaderField>, TraceRange,
                           std::span<qint64* const>) const override {}
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        checkTraceRange(traces);
        checkSampleRange(samples);
        for (qint64 t = traces.begin; t < traces.end; ++t)
            for (qint64 s = samples.begin; s < samples.end; ++s)
                *dst++ = m_f(t, s);
    }

private:
    qint64 m_traces;
    qint64 m_samples;
    Function m_f;
};

TraceWindow wholeWindow(qint64 traces, qint64 samples, FakeSource::Function f) {
    auto source = std::make_shared<FakeSource>(traces, samples, std::move(f));
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    return cache.window({0, traces}, {0, samples});
}

// +A above sample 100, -A below, A = scale * (1 + trace % 5): |amplitude| takes the values
// scale * {1..5} in equal shares, so its 99th percentile is 5 scale and its 50th 3 scale.
FakeSource::Function steps(float scale) {
    return [scale](qint64 t, qint64 s) {
        const float a = scale * float(1 + t % 5);
        return s < 100 ? a : -a;
    };
}

float sineValue(qint64 t, qint64 s) {
    return float((1 + t % 3) * std::sin(2 * std::numbers::pi * double(s) / 25.0));
}

QImage grabRgb(QWidget& w) {
    return w.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// A view and a bar beside it, as the main window has them.
struct Picture {
    QWidget window;
    GatherView* view = new GatherView(&window);
    ColorBar* bar = new ColorBar(&window);
    Picture() {
        auto* layout = new QHBoxLayout(&window);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(0);
        layout->addWidget(view, 1);
        layout->addWidget(bar);
        bar->follow(view);
        window.resize(900, 600);
    }
};

// The pixel of the view at trace `trace` and time `ms` (plot coordinates from the view's ranges).
QPoint viewPixel(const GatherView& view, double trace, double ms) {
    const QRect r = view.plotRect();
    const auto [t0, t1] = view.visibleTraces();
    const auto [m0, m1] = view.visibleTimes();
    return {r.left() + int((trace - t0) / (t1 - t0) * r.width()),
            r.top() + int((ms - m0) / (m1 - m0) * r.height())};
}

} // namespace

class TestColorBar : public QObject {
    Q_OBJECT

private slots:
    void endsAreThePercentileClipOverTheGain();
    void endsAreTheAbsoluteClipOverTheGain();
    void absoluteClipIsKeptAcrossWindows();
    void pixelsFollowTheColourMap();
    void barEndsMatchTheViewsSaturatedColours();
    void wiggleOnlyShowsTheClipScale();
    void wiggleFallbackNoteAt1000TracesNotAt50();
    void scaleChangedOnlyOnChanges();
    void labelsAreWhatTheEndsStandFor();
};

void TestColorBar::endsAreThePercentileClipOverTheGain() {
    Picture p;
    p.view->setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    // The 99th percentile of |amplitude| is 5 (see steps()), gain 1.
    QCOMPARE(p.view->clipValue(), 5.0f);
    QCOMPARE(p.bar->top(), 5.0);
    QCOMPARE(p.bar->bottom(), -5.0);
    QCOMPARE(p.bar->topLabel(), QStringLiteral("5"));
    QCOMPARE(p.bar->bottomLabel(), QStringLiteral("-5"));
    DisplaySettings s;
    s.clipPercentile = 50.0; // 3
    s.gain = 2.5;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 3.0f);
    QCOMPARE(p.bar->top(), 3.0 / 2.5);
    QCOMPARE(p.bar->bottom(), -3.0 / 2.5);
    QCOMPARE(p.bar->topLabel(), QStringLiteral("1.2"));
    QCOMPARE(p.bar->bottomLabel(), QStringLiteral("-1.2"));
    // The ends are what the view uses, whatever the view chose.
    QCOMPARE(p.bar->top(), double(p.view->clipValue()) / p.view->settings().gain);
}

void TestColorBar::endsAreTheAbsoluteClipOverTheGain() {
    Picture p;
    p.view->setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    DisplaySettings s;
    s.clipMode = ClipMode::Absolute;
    s.clipAbsolute = 40.0f;
    s.gain = 4.0;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 40.0f);
    QCOMPARE(p.bar->top(), 10.0);
    QCOMPARE(p.bar->bottom(), -10.0);
    QCOMPARE(p.bar->topLabel(), QStringLiteral("10"));
    QCOMPARE(p.bar->bottomLabel(), QStringLiteral("-10"));
    // Absolute beats a percentile clip taken elsewhere (the whole file's).
    s.absoluteClip = 7.0f;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 40.0f);
    s.clipMode = ClipMode::Percentile;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 7.0f);
    QCOMPARE(p.bar->top(), 7.0 / 4.0);
    // A bad absolute value still gives a usable scale (the view's 1).
    s.clipMode = ClipMode::Absolute;
    s.clipAbsolute = 0.0f;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 1.0f);
    QCOMPARE(p.bar->top(), 0.25);
}

// Another gather with 100 times the amplitudes: the percentile clip follows it, the absolute
// clip stays.
void TestColorBar::absoluteClipIsKeptAcrossWindows() {
    Picture p;
    p.view->setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    DisplaySettings s;
    s.clipMode = ClipMode::Absolute;
    s.clipAbsolute = 12.5f;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 12.5f);
    p.view->setData(wholeWindow(30, 200, steps(100.0f)), 2.0, 0.0);
    QCOMPARE(p.view->clipValue(), 12.5f);
    QCOMPARE(p.bar->top(), 12.5);
    s.clipMode = ClipMode::Percentile;
    p.view->setSettings(s);
    QCOMPARE(p.view->clipValue(), 500.0f);
    QCOMPARE(p.bar->top(), 500.0);
}

void TestColorBar::pixelsFollowTheColourMap() {
    Picture p;
    p.window.show();
    p.view->setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    for (ColorMapId map : kAllColorMaps) {
        DisplaySettings s;
        s.colorMap = map;
        p.view->setSettings(s);
        QCOMPARE(p.bar->colorMap(), map);
        QVERIFY(p.bar->showsColours());
        const QImage image = grabRgb(*p.bar);
        const QRect ramp = p.bar->rampRect();
        QVERIFY(ramp.height() > 100);
        const ColorLut lut = colorLut(map);
        const int x = ramp.center().x();
        // The ends exactly: +clip at the top is entry 255, -clip at the bottom entry 0.
        QCOMPARE(image.pixel(x, ramp.top()), lut[255]);
        QCOMPARE(image.pixel(x, ramp.bottom()), lut[0]);
        // Every row, and across the ramp's width.
        const int h = ramp.height();
        for (int y = ramp.top(); y <= ramp.bottom(); ++y) {
            const int k = int(std::lround(double(ramp.bottom() - y) * 255.0 / double(h - 1)));
            for (int xx : {ramp.left(), x, ramp.right()})
                QCOMPARE(image.pixel(xx, y), lut[std::size_t(k)]);
        }
        // Zero (entry 128) halfway.
        const QRgb middle = image.pixel(x, ramp.top() + h / 2);
        QVERIFY(middle == lut[127] || middle == lut[128] || middle == lut[129]);
    }
}

// Beside the view the ramp spans the plot area, and its end colours are those of samples at
// +clip and -clip in the picture.
void TestColorBar::barEndsMatchTheViewsSaturatedColours() {
    Picture p;
    p.window.show();
    p.view->setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    DisplaySettings s;
    s.colorMap = ColorMapId::RedWhiteBlue;
    p.view->setSettings(s);
    QVERIFY(QTest::qWaitForWindowExposed(&p.window));
    const QImage window = grabRgb(p.window);
    const QRect ramp = p.bar->rampRect().translated(p.bar->pos());
    const QRect plot = p.view->plotRect().translated(p.view->pos());
    QVERIFY(std::abs(ramp.top() - plot.top()) <= 1);
    QVERIFY(std::abs(ramp.bottom() - plot.bottom()) <= 1);
    // Trace 4 has amplitude +5 (the clip) for samples < 100, -5 after.
    const QPoint positive = viewPixel(*p.view, 4.0, 100.0) + p.view->pos();
    const QPoint negative = viewPixel(*p.view, 4.0, 300.0) + p.view->pos();
    const int x = ramp.center().x();
    QCOMPARE(window.pixel(positive), window.pixel(x, ramp.top()));
    QCOMPARE(window.pixel(negative), window.pixel(x, ramp.bottom()));
    QCOMPARE(window.pixel(positive), qRgb(0, 0, 255));
    QCOMPARE(window.pixel(negative), qRgb(255, 0, 0));
    // Trace 0 (amplitude 1 of a clip of 5) is neither end.
    QVERIFY(window.pixel(viewPixel(*p.view, 0.0, 100.0) + p.view->pos()) != qRgb(0, 0, 255));
}

void TestColorBar::wiggleOnlyShowsTheClipScale() {
    Picture p;
    p.window.show();
    p.view->setData(wholeWindow(20, 200, sineValue), 2.0, 0.0);
    DisplaySettings s;
    s.mode = DisplayMode::Wiggle;
    s.gain = 2.0;
    p.view->setSettings(s);
    QVERIFY(QTest::qWaitForWindowExposed(&p.window));
    QVERIFY(p.view->wigglesVisible());
    QVERIFY(!p.view->densityVisible());
    QVERIFY(!p.bar->showsColours());
    QCOMPARE(p.bar->caption(), QStringLiteral("clip: 1 trace"));
    QCOMPARE(p.bar->top(), double(p.view->clipValue()) / 2.0);
    // No colours: the ramp's column is white but for the scale line.
    const QImage wiggle = grabRgb(*p.bar);
    const QRect ramp = p.bar->rampRect();
    QCOMPARE(wiggle.pixel(ramp.left() + 1, ramp.center().y()),
             p.bar->palette().color(QPalette::Window).rgb());
    // Density with wiggles: the colours again.
    s.mode = DisplayMode::DensityWiggle;
    p.view->setSettings(s);
    QVERIFY(p.bar->showsColours());
    QCOMPARE(p.bar->caption(), QStringLiteral("amplitude"));
    QCOMPARE(grabRgb(*p.bar).pixel(ramp.left() + 1, ramp.top()), colorLut(s.colorMap)[255]);
    // Variable area zoomed out so far that traces are narrower than 3 px: density, colours.
    s.mode = DisplayMode::VariableArea;
    p.view->setSettings(s);
    QVERIFY(!p.bar->showsColours());
    p.view->setData(wholeWindow(1000, 200, sineValue), 2.0, 0.0);
    QVERIFY(!p.view->wigglesVisible());
    QVERIFY(p.bar->showsColours());
}

// The note is drawn in the view: a wiggle-mode picture of 1000 traces is the density picture
// plus the note in the plot's top-left corner; at 50 traces the wiggles are drawn, no note.
void TestColorBar::wiggleFallbackNoteAt1000TracesNotAt50() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(1000, 200, sineValue), 2.0, 0.0);
    DisplaySettings s;
    view.setSettings(s);
    const QImage density = grabRgb(view);
    QVERIFY(view.note().isEmpty()); // density asked for: nothing to say
    s.mode = DisplayMode::Wiggle;
    view.setSettings(s);
    const QImage wiggle = grabRgb(view);
    QVERIFY(!view.wigglesVisible());
    QVERIFY(view.note().contains(QStringLiteral("Shown as density")));
    QVERIFY(view.note().contains(QStringLiteral("3 px")));
    // Same picture but for the note's box near the plot's top-left corner.
    const QRect plot = view.plotRect();
    const QRect corner(plot.topLeft(), QSize(plot.width() * 3 / 4, 40));
    int differ = 0, differOutside = 0;
    for (int y = 0; y < density.height(); ++y)
        for (int x = 0; x < density.width(); ++x)
            if (density.pixel(x, y) != wiggle.pixel(x, y))
                ++(corner.contains(x, y) ? differ : differOutside);
    QVERIFY2(differ > 500, qPrintable(QString::number(differ)));
    QCOMPARE(differOutside, 0);
    // Density with wiggles says the wiggles are hidden.
    s.mode = DisplayMode::DensityWiggle;
    view.setSettings(s);
    QVERIFY(view.note().contains(QStringLiteral("Wiggles hidden")));

    // 50 traces: wide enough, wiggles and no note.
    s.mode = DisplayMode::Wiggle;
    view.setSettings(s);
    view.setData(wholeWindow(50, 200, sineValue), 2.0, 0.0);
    grabRgb(view);
    QVERIFY(view.wigglesVisible());
    QVERIFY(view.note().isEmpty());
    s.mode = DisplayMode::VariableArea;
    view.setSettings(s);
    QVERIFY(view.note().isEmpty());
}

void TestColorBar::scaleChangedOnlyOnChanges() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, steps(1.0f)), 2.0, 0.0);
    QSignalSpy spy(&view, &GatherView::scaleChanged);
    DisplaySettings s = view.settings();
    view.setSettings(s); // the same: no signal
    QCOMPARE(spy.count(), 0);
    s.gain = 3.0;
    view.setSettings(s);
    QCOMPARE(spy.count(), 1);
    s.colorMap = ColorMapId::Viridis;
    view.setSettings(s);
    QCOMPARE(spy.count(), 2);
    view.setData(wholeWindow(20, 200, steps(2.0f)), 2.0, 0.0); // clip 5 -> 10
    QCOMPARE(spy.count(), 3);
    view.resetView(); // nothing changed
    QCOMPARE(spy.count(), 3);
}

void TestColorBar::labelsAreWhatTheEndsStandFor() {
    ColorBar bar;
    bar.setScale(ColorMapId::Grey, 1234.5678f, 1.0, true);
    QCOMPARE(bar.topLabel(), QStringLiteral("1235"));
    bar.setScale(ColorMapId::Grey, 3.0e7f, 3.0, true);
    QCOMPARE(bar.top(), 1.0e7);
    QCOMPARE(bar.topLabel(), QStringLiteral("1e+07"));
    QCOMPARE(bar.bottomLabel(), QStringLiteral("-1e+07"));
    bar.setScale(ColorMapId::Grey, 0.00125f, 0.5, true);
    QCOMPARE(bar.topLabel(), QStringLiteral("0.0025"));
    // Nonsense in: the view's fallback of 1, not a NaN on screen.
    bar.setScale(ColorMapId::Grey, std::nanf(""), 0.0, true);
    QCOMPARE(bar.top(), 1.0);
}

QTEST_MAIN(TestColorBar)
#include "tst_colorbar.moc"
