// The gather display: the pure processing (AGC, normalisation, percentile clip, colour maps,
// mode names) against known values, and the GatherView widget rendered offscreen in every mode
// from a window read through a TileCache over a fake source.
//
// With SEIS_GV_SCREENSHOTS=DIR set, screenshotsAndTiming() also saves DIR/gv-<mode>.png and
// prints the time of one 1920x1080 density frame of 1000 x 2500 samples (never a pass/fail
// limit); otherwise it is skipped.
#include "seis/cache/tilecache.h"
#include "seis/processing/agc.h"
#include "seis/processing/agcstep.h"
#include "seis/processing/normalize.h"
#include "seis/processing/normalizestep.h"
#include "seis/processing/percentileclip.h"
#include <seis/displaysettings.h>
#include <seis/gatherview.h>

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QMouseEvent>
#include <QSignalSpy>
#include <QWheelEvent>
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

// The whole source as one window, read through a TileCache as the viewer does. The cache may go
// away: the window keeps its tiles.
TraceWindow wholeWindow(qint64 traces, qint64 samples, FakeSource::Function f) {
    auto source = std::make_shared<FakeSource>(traces, samples, std::move(f));
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    return cache.window({0, traces}, {0, samples});
}

// +A above sample 100, -A below, A = 1 + trace % 5: the 99th percentile of |amplitude| is 5.
float stepValue(qint64 t, qint64 s) {
    const float a = float(1 + t % 5);
    return s < 100 ? a : -a;
}

float sineValue(qint64 t, qint64 s) {
    return float((1 + t % 3) * std::sin(2 * std::numbers::pi * double(s) / 25.0));
}

// Ricker wavelets on hyperbolas, for screenshots that look like a shot gather.
float gatherValue(qint64 t, qint64 s, qint64 traces) {
    const double time = double(s) * 0.002;
    const double x = double(t - traces / 2) * 12.5;
    double v = 0.0;
    const double t0s[] = {0.3, 0.9, 1.6, 2.5, 3.6};
    const double vels[] = {1500, 1900, 2300, 2800, 3300};
    for (int k = 0; k < 5; ++k) {
        const double arrival = std::sqrt(t0s[k] * t0s[k] + (x / vels[k]) * (x / vels[k]));
        const double a = std::numbers::pi * 25.0 * (time - arrival);
        v += (k % 2 ? -1.0 : 1.0) * (1.0 - 2.0 * a * a) * std::exp(-a * a) / (1.0 + time);
    }
    return float(v);
}

QImage render(GatherView& view) {
    return view.grab().toImage().convertToFormat(QImage::Format_RGB32);
}

// Dark runs along row y between x0 and x1.
int darkRuns(const QImage& image, int y, int x0, int x1) {
    int runs = 0;
    bool inRun = false;
    for (int x = x0; x < x1; ++x) {
        const bool dark = qGray(image.pixel(x, y)) < 100;
        if (dark && !inRun)
            ++runs;
        inRun = dark;
    }
    return runs;
}

QWidget* plotWidget(GatherView& view) {
    return view.findChild<QWidget*>();
}

// The mouse moves to `pos` (plot coordinates) over the view's plot.
void moveMouse(GatherView& view, QPointF pos) {
    QWidget* plot = plotWidget(view);
    QMouseEvent move(QEvent::MouseMove, pos, plot->mapToGlobal(pos), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &move);
}

} // namespace

class TestGatherView : public QObject {
    Q_OBJECT

private slots:
    void agcConstantTraceBecomesOnes();
    void agcEqualisesTwoRegions();
    void agcSilentTraceStaysZero();
    void normalizeScalesEachTrace();
    void percentileOfKnownData();
    void percentileOfBigDataIsSampled();
    void colorLutEndsAndSymmetry();
    void namesRoundTrip();
    void densityFollowsColorMap();
    void clipValueIsThePercentile();
    void absoluteClipAndGain();
    void wiggleDrawsEveryTrace();
    void everyModeRenders();
    void manyTracesFallBackToDensity();
    void wheelZoomShowsWigglesAndResetHidesThem();
    void cursorReportsTraceTimeAmplitude();
    void noIntervalCountsSamples();
    void traceLabelsFollowAHeaderKey();
    void annotationRowsAtShotStarts();
    void annotationRowsEveryKthTrace();
    void annotationRowsAreDrawn();
    void panStopsAtTheDataEdges();
    void cursorFollowsTheViewAndLeaves();
    void markedTraceAndClicks();
    void rubberBandZoomsAndPlainDragPans();
    void screenshotsAndTiming();
};

void TestGatherView::agcConstantTraceBecomesOnes() {
    std::vector<float> data(2 * 100);
    std::fill(data.begin(), data.begin() + 100, 3.0f);
    std::fill(data.begin() + 100, data.end(), -0.5f);
    applyAgc(data.data(), 2, 100, 5); // 11 samples
    for (int s = 0; s < 100; ++s) {
        QCOMPARE(data[std::size_t(s)], 1.0f);
        QCOMPARE(data[std::size_t(100 + s)], -1.0f);
    }
}

void TestGatherView::agcEqualisesTwoRegions() {
    // Alternating +-10 then +-0.1: the RMS of any window inside a region is that region's
    // amplitude, so AGC gives +-1 everywhere away from the boundary (window 11 samples: half-width
    // 5).
    std::vector<float> data(200);
    for (int s = 0; s < 200; ++s)
        data[std::size_t(s)] = (s % 2 ? -1.0f : 1.0f) * (s < 100 ? 10.0f : 0.1f);
    applyAgc(data.data(), 1, 200, 5);
    for (int s = 0; s < 200; ++s) {
        if (std::abs(s - 100) <= 6)
            continue;
        QVERIFY2(std::fabs(std::fabs(data[std::size_t(s)]) - 1.0f) < 1e-4f,
                 qPrintable(QString::number(s) + ": " + QString::number(data[std::size_t(s)])));
    }
    // Near the boundary the quiet side is still gained up but stays below 1.
    QVERIFY(std::fabs(data[101]) < 0.2f);
    // A negative half-width leaves the data alone.
    std::vector<float> copy = data;
    applyAgc(copy.data(), 1, 200, -1);
    QVERIFY(copy == data);
}

void TestGatherView::agcSilentTraceStaysZero() {
    std::vector<float> data(50, 0.0f);
    data[10] = NAN;
    applyAgc(data.data(), 1, 50, 2);
    for (int s = 0; s < 50; ++s)
        if (s != 10)
            QCOMPARE(data[std::size_t(s)], 0.0f);
    QVERIFY(std::isnan(data[10]));
}

void TestGatherView::normalizeScalesEachTrace() {
    std::vector<float> data = {1, -4, 2, NAN, 0, 0, 0, 0, 0.5f, 0.25f, -0.125f, INFINITY};
    normalizeTraces(data.data(), 3, 4);
    QCOMPARE(data[0], 0.25f);
    QCOMPARE(data[1], -1.0f);
    QCOMPARE(data[2], 0.5f);
    QVERIFY(std::isnan(data[3]));
    for (int i = 4; i < 8; ++i)
        QCOMPARE(data[std::size_t(i)], 0.0f);
    QCOMPARE(data[8], 1.0f);
    QCOMPARE(data[9], 0.5f);
    QCOMPARE(data[10], -0.25f);
}

void TestGatherView::percentileOfKnownData() {
    // |v| = 1..100 with alternating signs, plus values that must be ignored.
    std::vector<float> data;
    for (int i = 1; i <= 100; ++i)
        data.push_back(i % 2 ? float(i) : -float(i));
    data.push_back(NAN);
    data.push_back(-INFINITY);
    std::reverse(data.begin(), data.end());
    QCOMPARE(percentileClip(data.data(), qint64(data.size()), 99.0), 99.0f);
    QCOMPARE(percentileClip(data.data(), qint64(data.size()), 100.0), 100.0f);
    QCOMPARE(percentileClip(data.data(), qint64(data.size()), 0.0), 1.0f);
    QCOMPARE(percentileClip(data.data(), 0, 99.0), 0.0f);
    const float nan = NAN;
    QCOMPARE(percentileClip(&nan, 1, 99.0), 0.0f);
}

void TestGatherView::percentileOfBigDataIsSampled() {
    // 5M values uniform over 0..999 (a stride of 5 still sees them all): the 90th percentile
    // is 900 within a step.
    std::vector<float> data(5'000'000);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = float((i / 7) % 1000) * (i % 3 ? 1.0f : -1.0f);
    const float p = percentileClip(data.data(), qint64(data.size()), 90.0);
    QVERIFY2(std::fabs(p - 900.0f) <= 2.0f, qPrintable(QString::number(p)));
}

void TestGatherView::colorLutEndsAndSymmetry() {
    const ColorLut grey = colorLut(ColorMapId::Grey);
    QCOMPARE(grey[0], qRgb(255, 255, 255)); // -clip white
    QCOMPARE(grey[255], qRgb(0, 0, 0));     // +clip black
    for (int i = 0; i < 256; ++i) {
        QCOMPARE(qRed(grey[std::size_t(i)]) + qRed(grey[std::size_t(255 - i)]), 255);
        QCOMPARE(qRed(grey[std::size_t(i)]), qBlue(grey[std::size_t(i)]));
    }
    QCOMPARE(qRed(grey[std::size_t(lutIndex(0.0f, 3.0f))]), 127); // zero: mid grey
    QCOMPARE(lutIndex(0.0f, 3.0f), 128);
    QCOMPARE(lutIndex(-3.0f, 3.0f), 0);
    QCOMPARE(lutIndex(3.0f, 3.0f), 255);
    QCOMPARE(lutIndex(-30.0f, 3.0f), 0);
    QCOMPARE(lutIndex(30.0f, 3.0f), 255);
    QCOMPARE(lutIndex(NAN, 3.0f), 128);
    // Symmetric amplitudes land on mirrored entries.
    for (float v : {0.3f, 1.0f, 2.2f, 2.9f})
        QCOMPARE(lutIndex(v, 3.0f) + lutIndex(-v, 3.0f), 255 + (lutIndex(v, 3.0f) == 128));

    const ColorLut rwb = colorLut(ColorMapId::RedWhiteBlue);
    QCOMPARE(rwb[0], qRgb(255, 0, 0));
    QCOMPARE(rwb[255], qRgb(0, 0, 255));
    QVERIFY(qRed(rwb[128]) > 250 && qGreen(rwb[128]) > 250 && qBlue(rwb[128]) > 250);
    const ColorLut seismic = colorLut(ColorMapId::Seismic);
    QCOMPARE(seismic[0], qRgb(255, 0, 0));
    QCOMPARE(seismic[255], qRgb(0, 0, 0));
    const ColorLut viridis = colorLut(ColorMapId::Viridis);
    QCOMPARE(viridis[0], qRgb(68, 1, 84));
    QCOMPARE(viridis[255], qRgb(253, 231, 37));
    for (ColorMapId id : kAllColorMaps)
        for (QRgb c : colorLut(id))
            QCOMPARE(qAlpha(c), 255);
}

void TestGatherView::namesRoundTrip() {
    QCOMPARE(displayModeName(DisplayMode::VariableArea), QStringLiteral("va"));
    QCOMPARE(displayModeName(DisplayMode::DensityWiggle), QStringLiteral("density+wiggle"));
    for (DisplayMode m : kAllDisplayModes)
        QCOMPARE(displayModeFromName(displayModeName(m)), std::optional(m));
    QCOMPARE(displayModeFromName(u"VA"), std::optional(DisplayMode::VariableArea));
    QVERIFY(!displayModeFromName(u"contour"));
    QVERIFY(!displayModeFromName(u""));
    for (ColorMapId id : kAllColorMaps)
        QCOMPARE(colorMapFromName(colorMapName(id)), std::optional(id));
    QCOMPARE(colorMapFromName(u"Red-White-Blue"), std::optional(ColorMapId::RedWhiteBlue));
    QVERIFY(!colorMapFromName(u"jet"));
}

void TestGatherView::densityFollowsColorMap() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, stepValue), 2.0, 0.0);
    // Rows 150 and 500 lie in the upper (positive) and lower (negative) halves of the data.
    QImage image = render(view);
    QCOMPARE(image.size(), QSize(800, 600));
    QVERIFY2(qGray(image.pixel(400, 150)) < 100, "positive should be dark in grey");
    QVERIFY2(qGray(image.pixel(400, 500)) > 155, "negative should be light in grey");

    DisplaySettings settings;
    settings.colorMap = ColorMapId::RedWhiteBlue;
    view.setSettings(settings);
    image = render(view);
    const QRgb top = image.pixel(400, 150);
    const QRgb bottom = image.pixel(400, 500);
    QVERIFY(qBlue(top) > 200 && qRed(top) < 200);
    QVERIFY(qRed(bottom) > 200 && qBlue(bottom) < 200);
    // Trace 4 (A = 5, at clip) is saturated: pure blue somewhere in the top half row.
    bool saturated = false;
    for (int x = 0; x < 800; ++x)
        saturated |= image.pixel(x, 150) == qRgb(0, 0, 255);
    QVERIFY(saturated);
}

void TestGatherView::clipValueIsThePercentile() {
    GatherView view;
    const TraceWindow window = wholeWindow(20, 200, stepValue);
    view.setData(window, 2.0, 0.0);
    QCOMPARE(view.clipValue(), 5.0f);
    std::vector<float> copy(std::size_t(20 * 200));
    window.copyTo(copy.data());
    QCOMPARE(view.clipValue(), percentileClip(copy.data(), qint64(copy.size()), 99.0));
    DisplaySettings settings;
    settings.clipPercentile = 50.0;
    view.setSettings(settings);
    QCOMPARE(view.clipValue(), 3.0f);
    // The view only draws: processing comes with the window, processed as the navigator does
    // (normalised: every |amplitude| is 1).
    ProcessingChain normalize;
    normalize.append(std::make_shared<const NormalizeStep>());
    view.replaceData(processWindow(window, normalize, 2000.0, 0.0));
    QVERIFY(view.processedData().values);
    QCOMPARE(view.clipValue(), 1.0f);
    // An empty view still has a usable clip.
    view.clear();
    QCOMPARE(view.clipValue(), 1.0f);
}

void TestGatherView::absoluteClipAndGain() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, stepValue), 2.0, 0.0);
    DisplaySettings settings;
    settings.absoluteClip = 100.0f;
    view.setSettings(settings);
    QCOMPARE(view.clipValue(), 100.0f);
    // |amplitude| <= 5 against a clip of 100: close to mid grey everywhere.
    QImage image = render(view);
    QVERIFY(std::abs(qGray(image.pixel(400, 150)) - 127) < 15);
    // Gain 20 brings trace amplitudes up to the clip again.
    settings.gain = 20.0;
    view.setSettings(settings);
    QCOMPARE(view.clipValue(), 100.0f);
    image = render(view);
    QVERIFY(qGray(image.pixel(400, 150)) < 100);
    QCOMPARE(view.settings(), settings);
}

void TestGatherView::wiggleDrawsEveryTrace() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, sineValue), 2.0, 0.0);
    DisplaySettings settings;
    settings.mode = DisplayMode::Wiggle;
    view.setSettings(settings);
    const QImage image = render(view);
    QVERIFY(view.wigglesVisible());
    // One dark run per trace along rows through the data (the left axis line adds one; the
    // axis's tick labels, left of it, are not data).
    const QRect plot = view.plotRect();
    for (int y : {200, 300, 400}) {
        const int runs = darkRuns(image, y, plot.left() - 2, 800);
        QVERIFY2(runs >= 20 && runs <= 22, qPrintable(QString::number(runs)));
    }
    // Wiggles are lines on white: most of the data area stays white.
    int white = 0;
    for (int y = 100; y < 550; ++y)
        for (int x = 100; x < 750; ++x)
            white += image.pixel(x, y) == qRgb(255, 255, 255);
    QVERIFY(white > 450 * 650 * 8 / 10);
}

void TestGatherView::everyModeRenders() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, sineValue), 2.0, 0.0);
    std::vector<QImage> images;
    for (DisplayMode mode : kAllDisplayModes) {
        DisplaySettings settings;
        settings.mode = mode;
        view.setSettings(settings);
        images.push_back(render(view));
        int dark = 0;
        for (int y = 100; y < 550; ++y)
            for (int x = 100; x < 750; ++x)
                dark += qGray(images.back().pixel(x, y)) < 100;
        QVERIFY2(dark > 1000, qPrintable(displayModeName(mode)));
        QVERIFY2(dark < 450 * 650 * 6 / 10, qPrintable(displayModeName(mode)));
    }
    // Four different pictures; VA has more black than wiggle (filled lobes).
    for (std::size_t i = 0; i < images.size(); ++i)
        for (std::size_t j = i + 1; j < images.size(); ++j)
            QVERIFY(images[i] != images[j]);
    auto darkCount = [](const QImage& im) {
        int n = 0;
        for (int y = 0; y < im.height(); ++y)
            for (int x = 0; x < im.width(); ++x)
                n += qGray(im.pixel(x, y)) < 100;
        return n;
    };
    QVERIFY(darkCount(images[2]) > 2 * darkCount(images[1]));
}

void TestGatherView::manyTracesFallBackToDensity() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(5000, 200, sineValue), 2.0, 0.0);
    DisplaySettings settings;
    settings.mode = DisplayMode::Wiggle;
    view.setSettings(settings);
    const QImage image = render(view);
    QVERIFY(!view.wigglesVisible());
    int dark = 0;
    std::vector<bool> greys(256);
    for (int y = 100; y < 550; ++y)
        for (int x = 100; x < 750; ++x) {
            const int g = qGray(image.pixel(x, y));
            dark += g < 50;
            greys[std::size_t(g)] = true;
        }
    QVERIFY(dark < 450 * 650 / 2);
    QVERIFY(std::count(greys.begin(), greys.end(), true) > 20); // a density image, not lines
}

void TestGatherView::wheelZoomShowsWigglesAndResetHidesThem() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(500, 200, sineValue), 2.0, 0.0);
    DisplaySettings settings;
    settings.mode = DisplayMode::VariableArea;
    view.setSettings(settings);
    render(view);
    QVERIFY(!view.wigglesVisible());
    QWidget* plot = plotWidget(view);
    QVERIFY(plot);
    const QPointF centre(400, 300);
    QWheelEvent wheel(centre, plot->mapToGlobal(centre), QPoint(), QPoint(0, 960), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(plot, &wheel);
    QVERIFY(view.wigglesVisible());
    view.resetView();
    QVERIFY(!view.wigglesVisible());
}

void TestGatherView::cursorReportsTraceTimeAmplitude() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, sineValue), 2.0, 10.0);
    render(view);
    QSignalSpy spy(&view, &GatherView::cursorMoved);
    moveMouse(view, QPointF(400, 300));
    QCOMPARE(spy.count(), 1);
    const qint64 trace = spy[0][0].toLongLong();
    const double time = spy[0][1].toDouble();
    const float amplitude = spy[0][2].toFloat();
    QVERIFY(trace >= 7 && trace <= 12);
    QVERIFY(time > 10.0 + 50 * 2.0 && time < 10.0 + 150 * 2.0);
    const double sample = (time - 10.0) / 2.0;
    QCOMPARE(sample, std::round(sample));
    QCOMPARE(amplitude, sineValue(trace, qint64(sample)));
    // Outside the data: nothing.
    moveMouse(view, QPointF(2, 2));
    QCOMPARE(spy.count(), 1);
}

// A file without a usable sample interval: the axis counts samples from 0 and says so; the
// cursor reports sample numbers, not a made-up time.
void TestGatherView::noIntervalCountsSamples() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(20, 200, sineValue), 2.0, 10.0);
    QCOMPARE(view.timeAxisLabel(), QStringLiteral("time (ms)"));
    view.setData(wholeWindow(20, 200, sineValue), 0.0, 10.0);
    QVERIFY2(view.timeAxisLabel().startsWith(QStringLiteral("sample")),
             qPrintable(view.timeAxisLabel()));
    QCOMPARE(view.visibleTimes().first, -0.5);
    QCOMPARE(view.visibleTimes().second, 199.5);
    render(view);
    QSignalSpy spy(&view, &GatherView::cursorMoved);
    moveMouse(view, QPointF(400, 300));
    QCOMPARE(spy.count(), 1);
    const double sample = spy[0][1].toDouble();
    QCOMPARE(sample, std::round(sample));
    QVERIFY(sample > 50 && sample < 150);
    QCOMPARE(spy[0][2].toFloat(), sineValue(spy[0][0].toLongLong(), qint64(sample)));
    view.setData(wholeWindow(20, 200, sineValue), 2.0, 10.0);
    QCOMPARE(view.timeAxisLabel(), QStringLiteral("time (ms)"));
}

void TestGatherView::traceLabelsFollowAHeaderKey() {
    GatherView view;
    view.resize(800, 600);
    auto source = std::make_shared<FakeSource>(100, 200, sineValue);
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    view.setData(cache.window({40, 60}, {0, 200}), 2.0, 0.0);
    QCOMPARE(view.traceLabel(45), QStringLiteral("46")); // trace numbers by default, 1-based
    std::vector<qint64> offsets;
    for (qint64 t = 40; t < 60; ++t)
        offsets.push_back(25 * (t - 50)); // -250 .. 225
    view.setTraceLabels(QStringLiteral("offset"), offsets);
    QCOMPARE(view.traceLabel(40), QStringLiteral("-250"));
    QCOMPARE(view.traceLabel(53), QStringLiteral("75"));
    QCOMPARE(view.traceLabel(60), QString()); // not in the window: no label
    const QImage labelled = render(view);
    // Values of the wrong length cannot belong to this window: back to trace numbers.
    view.setTraceLabels(QStringLiteral("offset"), std::vector<qint64>(5, 7));
    QCOMPARE(view.traceLabel(53), QStringLiteral("54"));
    QVERIFY(render(view) != labelled);
    view.setTraceLabels(QStringLiteral("offset"), offsets);
    QCOMPARE(render(view), labelled);
    // A new window starts over with trace numbers.
    view.setData(cache.window({0, 20}, {0, 200}), 2.0, 0.0);
    QCOMPARE(view.traceLabel(3), QStringLiteral("4"));
}

namespace {

// Shot-sorted annotation rows for traces [first, first + count): fldr changes every 24 traces
// (1001, 1002...), offset -575..575 along each shot, cdp = 2 * shot + channel.
TraceLabels shotRows(qint64 first, qint64 count) {
    TraceLabels rows{
        {QStringLiteral("fldr"), {}}, {QStringLiteral("offset"), {}}, {QStringLiteral("cdp"), {}}};
    for (qint64 t = first; t < first + count; ++t) {
        const qint64 shot = t / 24, channel = t % 24;
        rows[0].values.push_back(1001 + shot);
        rows[1].values.push_back(50 * channel - 575);
        rows[2].values.push_back(2 * shot + channel + 1);
    }
    return rows;
}

// Every label of `ticks` is its row's value at its trace; neighbouring ticks are at least the
// widest label plus the gap apart on screen.
void checkTicks(const GatherView& view, const std::vector<AnnotationTick>& ticks,
                const TraceLabels& rows, qint64 first) {
    const QFontMetrics metrics(view.font());
    int widest = 0;
    for (const AnnotationTick& t : ticks) {
        QCOMPARE(t.labels.size(), qsizetype(rows.size()));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            QCOMPARE(t.labels[qsizetype(r)],
                     QString::number(rows[r].values[std::size_t(t.trace - first)]));
            widest = std::max(widest, metrics.horizontalAdvance(t.labels[qsizetype(r)]));
        }
    }
    const auto [lo, hi] = view.visibleTraces();
    const double pixelsPerTrace = double(view.plotRect().width()) / (hi - lo);
    for (std::size_t i = 1; i < ticks.size(); ++i)
        QVERIFY2(double(ticks[i].trace - ticks[i - 1].trace) * pixelsPerTrace >=
                     widest + TraceAnnotation::kGapPixels - 1,
                 qPrintable(QStringLiteral("%1 %2").arg(ticks[i - 1].trace).arg(ticks[i].trace)));
}

} // namespace

void TestGatherView::annotationRowsAtShotStarts() {
    GatherView view;
    view.resize(1200, 600);
    const TraceLabels rows = shotRows(0, 240);
    view.setData(wholeWindow(240, 200, sineValue), 2.0, 0.0, rows);
    (void)render(view); // laid out
    QCOMPARE(view.annotationTitles(), (QStringList{QStringLiteral("fldr"), QStringLiteral("offset"),
                                                   QStringLiteral("cdp")}));
    QCOMPARE(view.annotation().size(), std::size_t(3));
    // Ten shots across 240 traces fit: a tick on the first trace of each, FFID 1001..1010.
    const auto ticks = view.annotationTicks();
    QCOMPARE(ticks.size(), std::size_t(10));
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        QCOMPARE(ticks[i].trace, qint64(24 * i));
        QCOMPARE(ticks[i].labels[0], QString::number(1001 + qint64(i)));
        QCOMPARE(ticks[i].labels[1], QStringLiteral("-575"));
    }
    checkTicks(view, ticks, rows, 0);
    // A window of traces 100..339: the shots starting inside it (120, 144, ...), not trace 100.
    const TraceLabels later = shotRows(100, 240);
    auto source = std::make_shared<FakeSource>(400, 200, sineValue);
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    view.setData(cache.window({100, 340}, {0, 200}), 2.0, 0.0, later);
    const auto shifted = view.annotationTicks();
    QCOMPARE(shifted.size(), std::size_t(10));
    QCOMPARE(shifted.front().trace, qint64(120));
    QCOMPARE(shifted.front().labels[0], QStringLiteral("1006"));
    checkTicks(view, shifted, later, 100);
    // A window starting on shot 1005 (trace 96): without knowing the trace before, its first
    // trace is not a start; shown as a gather (ensemble mode), it is.
    const TraceLabels gathers = shotRows(96, 240);
    view.setData(cache.window({96, 336}, {0, 200}), 2.0, 0.0, gathers);
    QCOMPARE(view.annotationTicks().front().trace, qint64(120));
    view.setWindowIsGather(true);
    view.setData(cache.window({96, 336}, {0, 200}), 2.0, 0.0, gathers);
    const auto gatherTicks = view.annotationTicks();
    QCOMPARE(gatherTicks.size(), std::size_t(10));
    QCOMPARE(gatherTicks.front().trace, qint64(96));
    QCOMPARE(gatherTicks.front().labels[0], QStringLiteral("1005"));
    checkTicks(view, gatherTicks, gathers, 96);
}

void TestGatherView::annotationRowsEveryKthTrace() {
    GatherView view;
    view.resize(1200, 600);
    TraceLabels rows = shotRows(0, 240);
    view.setData(wholeWindow(240, 200, sineValue), 2.0, 0.0, rows);
    (void)render(view);
    // Zoomed inside shot 1 (traces 26..45): FFID does not change, so every k-th trace, at
    // 1-based multiples of k, every trace in view at most k - 1 from a tick.
    view.zoomTo(26, 45, 0, 398);
    auto ticks = view.annotationTicks();
    QVERIFY(ticks.size() >= 3);
    const qint64 k = ticks[1].trace - ticks[0].trace;
    QVERIFY(k == 1 || k == 2 || k == 5 || k == 10);
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        QCOMPARE((ticks[i].trace + 1) % k, qint64(0));
        if (i > 0)
            QCOMPARE(ticks[i].trace - ticks[i - 1].trace, k);
        QVERIFY(ticks[i].trace >= 26 && ticks[i].trace <= 45);
    }
    QVERIFY(ticks.front().trace - 26 < k && 45 - ticks.back().trace < k);
    checkTicks(view, ticks, rows, 0);
    // Offset first: it changes on every trace, too often to label each: every k-th trace.
    std::swap(rows[0], rows[1]);
    view.setData(wholeWindow(240, 200, sineValue), 2.0, 0.0, rows);
    ticks = view.annotationTicks();
    QVERIFY(ticks.size() >= 5);
    const qint64 k2 = ticks[1].trace - ticks[0].trace;
    QVERIFY(k2 > 1);
    for (const AnnotationTick& t : ticks)
        QCOMPARE((t.trace + 1) % k2, qint64(0));
    checkTicks(view, ticks, rows, 0);
    QCOMPARE(view.annotationTitles().front(), QStringLiteral("offset"));
    // Without rows: 1-based trace numbers at round numbers.
    view.setAnnotation({});
    ticks = view.annotationTicks();
    QCOMPARE(view.annotationTitles(), QStringList{QStringLiteral("trace")});
    QVERIFY(!ticks.empty());
    for (const AnnotationTick& t : ticks)
        QCOMPARE(t.labels, QStringList{QString::number(t.trace + 1)});
    QCOMPARE(ticks.front().trace + 1, ticks[1].trace - ticks[0].trace); // first multiple of k
    // More than three rows: the first three are kept; a row of the wrong size is dropped.
    TraceLabels four = shotRows(0, 240);
    four.push_back({QStringLiteral("tracf"), std::vector<qint64>(240, 7)});
    four.insert(four.begin() + 1, {QStringLiteral("bad"), std::vector<qint64>(3, 1)});
    view.setAnnotation(four);
    QCOMPARE(view.annotationTitles(), (QStringList{QStringLiteral("fldr"), QStringLiteral("offset"),
                                                   QStringLiteral("cdp")}));
}

void TestGatherView::annotationRowsAreDrawn() {
    GatherView view;
    view.resize(1200, 700);
    const TraceLabels rows = shotRows(0, 240);
    view.setData(
        wholeWindow(240, 1000, [](qint64 t, qint64 s) { return gatherValue(t % 24, s, 24); }), 2.0,
        0.0, rows);
    const QImage image = render(view);
    const QRect plot = view.plotRect();
    const int line = QFontMetrics(view.font()).height();
    // Three rows of text above the plot: dark pixels in each row's band around each tick, none
    // in the band halfway between two ticks (no label there).
    const auto darkIn = [&](const QRect& r) {
        int n = 0;
        for (int y = std::max(0, r.top()); y <= r.bottom(); ++y)
            for (int x = std::max(0, r.left()); x <= std::min(image.width() - 1, r.right()); ++x)
                n += qGray(image.pixel(x, y)) < 128;
        return n;
    };
    QVERIFY(plot.top() >= 3 * line);
    const auto ticks = view.annotationTicks();
    QCOMPARE(ticks.size(), std::size_t(10));
    const auto pixel = [&](double trace) {
        const auto [lo, hi] = view.visibleTraces();
        return plot.left() + int((trace - lo) / (hi - lo) * plot.width());
    };
    for (int row = 0; row < 3; ++row) {
        const int top = plot.top() - (line / 2 + 2) - (3 - row) * line;
        for (std::size_t i = 1; i + 1 < ticks.size(); ++i) {
            const int x = pixel(double(ticks[i].trace));
            QVERIFY2(darkIn(QRect(x - 6, top, 12, line)) > 0,
                     qPrintable(QStringLiteral("row %1 tick %2").arg(row).arg(i)));
            const int mid = pixel(double(ticks[i].trace) + 12.0);
            QCOMPARE(darkIn(QRect(mid - 3, top + 1, 6, line - 2)), 0);
        }
    }
    // The row titles left of the plot.
    QVERIFY(darkIn(QRect(0, plot.top() - (line / 2 + 2) - 3 * line, plot.left() - 2, 3 * line)) >
            0);
    if (const QString dir = qEnvironmentVariable("SEIS_TEST_SCREENSHOTS"); !dir.isEmpty()) {
        QDir().mkpath(dir);
        QVERIFY(image.save(QDir(dir).filePath(QStringLiteral("annotation_rows.png"))));
        view.zoomTo(26, 45, 0, 1998);
        QVERIFY(render(view).save(QDir(dir).filePath(QStringLiteral("annotation_zoomed.png"))));
    }
}

void TestGatherView::panStopsAtTheDataEdges() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(100, 500, sineValue), 2.0, 0.0);
    render(view);
    QWidget* plot = plotWidget(view);
    const auto near = [](QPair<double, double> r, double a, double b) {
        const bool ok = std::fabs(r.first - a) < 1e-9 && std::fabs(r.second - b) < 1e-9;
        if (!ok)
            qWarning("range %.12g..%.12g, expected %.12g..%.12g", r.first, r.second, a, b);
        return ok;
    };
    const auto drag = [&](QPoint from, QPoint to) {
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(from), plot->mapToGlobal(QPointF(from)),
                          Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &press);
        QMouseEvent move(QEvent::MouseMove, QPointF(to), plot->mapToGlobal(QPointF(to)),
                         Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, QPointF(to), plot->mapToGlobal(QPointF(to)),
                            Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &release);
    };
    // The whole window on screen: a drag anywhere moves nothing.
    drag({400, 300}, {100, 100});
    QVERIFY(near(view.visibleTraces(), -0.5, 99.5));
    QVERIFY(near(view.visibleTimes(), -1.0, 999.0));
    // Zoomed in, a long drag to the left stops at the last trace, one up at the last sample;
    // the width and height stay as they were.
    view.zoomTo(40, 60, 400, 600);
    for (int i = 0; i < 3; ++i) // about 17 traces and 160 ms each
        drag({700, 500}, {100, 100});
    QVERIFY(near(view.visibleTraces(), 79.5, 99.5));
    QVERIFY(near(view.visibleTimes(), 799.0, 999.0));
    for (int i = 0; i < 6; ++i) // and back, to the first trace and sample
        drag({100, 100}, {700, 500});
    QVERIFY(near(view.visibleTraces(), -0.5, 19.5));
    QVERIFY(near(view.visibleTimes(), -1.0, 199.0));
    // Zoomed out beyond the data (wheel, zoomTo), they stay centred, and a drag moves nothing.
    view.zoomTo(-500, 700, -100, 5000);
    QVERIFY(near(view.visibleTraces(), 49.5 - 600.0, 49.5 + 600.0));
    QVERIFY(near(view.visibleTimes(), 499.0 - 2550.0, 499.0 + 2550.0));
    drag({100, 100}, {700, 500});
    QVERIFY(near(view.visibleTraces(), 49.5 - 600.0, 49.5 + 600.0));
    QVERIFY(near(view.visibleTimes(), 499.0 - 2550.0, 499.0 + 2550.0));
    // A window of part of the file: its own traces are the edges; the time axis may reach the
    // whole trace length when that is known.
    auto source = std::make_shared<FakeSource>(400, 1000, sineValue);
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    view.setTraceSamples(1000);
    view.setData(cache.window({200, 260}, {0, 500}), 2.0, 0.0);
    view.zoomTo(250, 270, 900, 2100);
    QVERIFY(near(view.visibleTraces(), 239.5, 259.5));
    QVERIFY(near(view.visibleTimes(), 799.0, 1999.0));
}

void TestGatherView::cursorFollowsTheViewAndLeaves() {
    GatherView view;
    view.resize(800, 600);
    auto source = std::make_shared<FakeSource>(400, 200, sineValue);
    TileCacheOptions options;
    options.prefetch = false;
    TileCache cache(source, options);
    view.setData(cache.window({0, 100}, {0, 200}), 2.0, 0.0);
    render(view);
    QWidget* plot = plotWidget(view);
    QSignalSpy moved(&view, &GatherView::cursorMoved);
    QSignalSpy left(&view, &GatherView::cursorLeft);
    const QRect r = view.plotRect();
    const QPointF at(r.center());
    QMouseEvent move(QEvent::MouseMove, at, plot->mapToGlobal(at), Qt::NoButton, Qt::NoButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &move);
    QCOMPARE(moved.count(), 1);
    const qint64 before = moved.last()[0].toLongLong();
    QVERIFY(before >= 45 && before <= 55);
    // The window scrolls under a mouse that does not move: the readout gets the new trace.
    view.setData(cache.window({200, 300}, {0, 200}), 2.0, 0.0);
    QVERIFY(moved.count() >= 2);
    QCOMPARE(moved.last()[0].toLongLong(), before + 200);
    QCOMPARE(moved.last()[2].toFloat(),
             sineValue(before + 200, qint64(std::llround(moved.last()[1].toDouble() / 2.0))));
    // So does a zoom by program (keys): the trace under the same pixel.
    view.zoomTo(200, 220, 0, 398);
    QCOMPARE(moved.last()[0].toLongLong(), qint64(210));
    // Leaving the plot says so; a replot after that reports nothing.
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(plot, &leave);
    QCOMPARE(left.count(), 1);
    const int count = moved.count();
    view.resetView();
    QCOMPARE(moved.count(), count);
    // Over the axes (no data): cursorLeft.
    QMouseEvent axis(QEvent::MouseMove, QPointF(5, 5), plot->mapToGlobal(QPointF(5, 5)),
                     Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(plot, &axis);
    QCOMPARE(left.count(), 2);
}

void TestGatherView::markedTraceAndClicks() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(50, 200, [](qint64, qint64) { return 0.0f; }), 2.0, 0.0);
    const QImage plain = render(view);
    QCOMPARE(view.markedTrace(), qint64(-1));
    view.setMarkedTrace(20);
    QCOMPARE(view.markedTrace(), qint64(20));
    const QImage marked = render(view);
    const QRect r = view.plotRect();
    const auto [lo, hi] = view.visibleTraces();
    const auto xOf = [&](double t) { return r.left() + int((t - lo) / (hi - lo) * r.width()); };
    const int y = r.center().y();
    // The band over trace 20 is orange-tinted; trace 10 is as it was.
    const QRgb at = marked.pixel(xOf(20), y);
    QVERIFY2(qRed(at) > qBlue(at) + 40, qPrintable(QString::number(at, 16)));
    QCOMPARE(marked.pixel(xOf(10), y), plain.pixel(xOf(10), y));
    QCOMPARE(plain.pixel(xOf(20), y), plain.pixel(xOf(10), y));
    view.setMarkedTrace(-1);
    QCOMPARE(render(view), plain);
    // A click reports the trace under it; a drag does not.
    QSignalSpy clicked(&view, &GatherView::traceClicked);
    QWidget* plot = plotWidget(view);
    const auto send = [&](QEvent::Type type, QPoint pos, Qt::MouseButtons buttons) {
        QMouseEvent e(type, QPointF(pos), plot->mapToGlobal(QPointF(pos)), Qt::LeftButton, buttons,
                      Qt::NoModifier);
        QCoreApplication::sendEvent(plot, &e);
    };
    const QPoint p(xOf(33), y);
    send(QEvent::MouseButtonPress, p, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, p + QPoint(1, 1), Qt::NoButton);
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked[0][0].toLongLong(), qint64(33));
    send(QEvent::MouseButtonPress, p, Qt::LeftButton);
    send(QEvent::MouseButtonRelease, p + QPoint(40, 0), Qt::NoButton);
    QCOMPARE(clicked.count(), 1);
}

void TestGatherView::rubberBandZoomsAndPlainDragPans() {
    GatherView view;
    view.resize(800, 600);
    view.setData(wholeWindow(100, 500, sineValue), 2.0, 0.0);
    render(view);
    QWidget* plot = plotWidget(view);
    const auto fullTraces = view.visibleTraces();
    const auto fullTimes = view.visibleTimes();
    QCOMPARE(fullTraces.first, -0.5);
    QCOMPARE(fullTraces.second, 99.5);
    QCOMPARE(fullTimes.second, 999.0);
    const QPoint a(300, 200);
    const QPoint b(500, 400);
    const auto sendMouse = [&](QEvent::Type type, QPoint pos, Qt::MouseButton button,
                               Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers) {
        QMouseEvent e(type, QPointF(pos), plot->mapToGlobal(QPointF(pos)), button, buttons,
                      modifiers);
        QCoreApplication::sendEvent(plot, &e);
    };
    // Right-button drag: the view becomes the band.
    sendMouse(QEvent::MouseButtonPress, a, Qt::RightButton, Qt::RightButton, Qt::NoModifier);
    sendMouse(QEvent::MouseMove, b, Qt::NoButton, Qt::RightButton, Qt::NoModifier);
    sendMouse(QEvent::MouseButtonRelease, b, Qt::RightButton, Qt::NoButton, Qt::NoModifier);
    const auto zoomedTraces = view.visibleTraces();
    const auto zoomedTimes = view.visibleTimes();
    const double traceSpan = zoomedTraces.second - zoomedTraces.first;
    const double timeSpan = zoomedTimes.second - zoomedTimes.first;
    // 200 px of a plot area about 700 px wide and 500 px high, over 100 traces and 1000 ms.
    QVERIFY2(traceSpan > 20 && traceSpan < 40, qPrintable(QString::number(traceSpan)));
    QVERIFY2(timeSpan > 300 && timeSpan < 500, qPrintable(QString::number(timeSpan)));
    QVERIFY(zoomedTraces.first > fullTraces.first && zoomedTraces.second < fullTraces.second);
    QVERIFY(zoomedTimes.first > fullTimes.first && zoomedTimes.second < fullTimes.second);
    // Shift + left drag does the same, again inside the last band.
    sendMouse(QEvent::MouseButtonPress, a, Qt::LeftButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(QEvent::MouseMove, b, Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    sendMouse(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::NoButton, Qt::ShiftModifier);
    const double traceSpan2 = view.visibleTraces().second - view.visibleTraces().first;
    QVERIFY2(traceSpan2 < traceSpan / 2, qPrintable(QString::number(traceSpan2)));
    QVERIFY(view.visibleTraces().first > zoomedTraces.first);
    // A click without a drag changes nothing.
    const auto before = view.visibleTraces();
    sendMouse(QEvent::MouseButtonPress, a, Qt::RightButton, Qt::RightButton, Qt::NoModifier);
    sendMouse(QEvent::MouseButtonRelease, a, Qt::RightButton, Qt::NoButton, Qt::NoModifier);
    QCOMPARE(view.visibleTraces(), before);
    // A release of another button does not end the band; a move without its button (the
    // release went elsewhere) abandons it, and nothing is zoomed.
    sendMouse(QEvent::MouseButtonPress, a, Qt::RightButton, Qt::RightButton, Qt::NoModifier);
    sendMouse(QEvent::MouseButtonRelease, b, Qt::LeftButton, Qt::RightButton, Qt::NoModifier);
    QCOMPARE(view.visibleTraces(), before);
    sendMouse(QEvent::MouseMove, b, Qt::NoButton, Qt::NoButton, Qt::NoModifier);
    sendMouse(QEvent::MouseButtonRelease, b, Qt::RightButton, Qt::NoButton, Qt::NoModifier);
    QCOMPARE(view.visibleTraces(), before);
    // A plain left drag pans: the same width, moved against the drag.
    view.resetView();
    view.zoomTo(20, 40, 100, 300);
    QCOMPARE(view.visibleTraces(), (QPair<double, double>(20, 40)));
    QCOMPARE(view.visibleTimes(), (QPair<double, double>(100, 300)));
    sendMouse(QEvent::MouseButtonPress, QPoint(500, 300), Qt::LeftButton, Qt::LeftButton,
              Qt::NoModifier);
    sendMouse(QEvent::MouseMove, QPoint(300, 300), Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    sendMouse(QEvent::MouseButtonRelease, QPoint(300, 300), Qt::LeftButton, Qt::NoButton,
              Qt::NoModifier);
    const auto panned = view.visibleTraces();
    QVERIFY2(panned.first > 20, qPrintable(QString::number(panned.first)));
    QVERIFY(qAbs((panned.second - panned.first) - 20.0) < 1e-9);
    // zoomTo widens a span narrower than a trace and a sample.
    view.zoomTo(10, 10, 50, 50);
    QCOMPARE(view.visibleTraces(), (QPair<double, double>(9.5, 10.5)));
    QCOMPARE(view.visibleTimes(), (QPair<double, double>(49, 51)));
}

void TestGatherView::screenshotsAndTiming() {
    const QString dir = qEnvironmentVariable("SEIS_GV_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set SEIS_GV_SCREENSHOTS=DIR to save screenshots and time a frame");
    {
        GatherView view;
        view.resize(800, 600);
        const qint64 traces = 120;
        view.setData(
            wholeWindow(traces, 2000, [](qint64 t, qint64 s) { return gatherValue(t, s, traces); }),
            2.0, 0.0);
        for (DisplayMode mode : kAllDisplayModes) {
            DisplaySettings settings;
            settings.mode = mode;
            view.setSettings(settings);
            QVERIFY(render(view).save(dir + "/gv-" + displayModeName(mode) + ".png"));
        }
        DisplaySettings settings;
        settings.colorMap = ColorMapId::RedWhiteBlue;
        view.setSettings(settings);
        ProcessingChain agc;
        agc.append(std::make_shared<const AgcStep>(500));
        view.replaceData(processWindow(view.data(), agc, 2000.0, 0.0)); // as navigated
        QVERIFY(render(view).save(dir + "/gv-density-rwb-agc.png"));
    }
    GatherView view;
    view.resize(1920, 1080);
    const TraceWindow window =
        wholeWindow(1000, 2500, [](qint64 t, qint64 s) { return gatherValue(t, s, 1000); });
    QElapsedTimer timer;
    timer.start();
    view.setData(window, 2.0, 0.0);
    const double setDataMs = double(timer.nsecsElapsed()) / 1e6;
    std::vector<double> frames;
    for (int i = 0; i < 10; ++i) {
        timer.restart();
        view.resetView(); // a full replot
        const QImage image = render(view);
        frames.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(frames.begin(), frames.end());
    qInfo("1920x1080, 1000 traces x 2500 samples, density: setData %.1f ms, frame (replot + "
          "grab) median %.2f ms, min %.2f ms, max %.2f ms",
          setDataMs, (frames[4] + frames[5]) / 2, frames.front(), frames.back());
}

QTEST_MAIN(TestGatherView)
#include "tst_gatherview.moc"
