#include "seis/gatherview.h"

#include "seis/traceannotation.h"

#include <QMouseEvent>
#include <QPainter>
#include <QRubberBand>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>
#include <qcustomplot.h>
#include <vector>

namespace seis {

namespace {

// Tick marks at the annotation's ticks (traceannotation.h); the labels are drawn by the
// annotation, above the axis, in as many rows as it has.
class TraceTicker final : public QCPAxisTicker {
public:
    std::function<std::vector<double>(const QCPRange&)> positions;

    void generate(const QCPRange& range, const QLocale&, QChar, int, QVector<double>& ticks,
                  QVector<double>* subTicks, QVector<QString>* tickLabels) override {
        ticks.clear();
        if (positions)
            for (double t : positions(range))
                ticks.push_back(t);
        if (subTicks)
            subTicks->clear();
        if (tickLabels)
            *tickLabels = QVector<QString>(ticks.size());
    }
};

} // namespace

struct GatherView::Impl {
    GatherView* q = nullptr;
    QCustomPlot* plot = nullptr;   // owned by the widget through Qt parenting
    QCPLayerable* layer = nullptr; // owned by plot
    TraceWindow window;            // as read
    ProcessedWindow shown;         // what is drawn: `window` processed, with its clip sample
    qint64 traces = 0;
    qint64 samples = 0;
    qint64 firstTrace = 0;
    qint64 firstSample = 0;  // in output samples of `factor`
    qint64 factor = 1;       // decimation of the window: output sample j is bin [j f, (j+1) f)
    qint64 traceSamples = 0; // of the source, 0 when unknown
    double dt = 1.0;         // ms per input sample
    bool timed = true;       // false: the file gives no sample interval
    double t0 = 0.0;         // ms at sample 0 of the trace
    DisplaySettings settings;
    ColorLut lut = colorLut(ColorMapId::Grey);
    float clip = 1.0f;
    QImage image;               // reused between frames
    std::vector<qint64> colOf;  // screen column -> window trace, -1 outside
    std::vector<qint64> rowOf;  // screen row -> window sample, -1 outside
    std::vector<qint64> rowEnd; // decimated windows: the row shows the peak of [rowOf, rowEnd)
    QSharedPointer<TraceTicker> ticker = QSharedPointer<TraceTicker>::create();
    TraceAnnotation annotation;        // the rows of header values above the plot
    qint64 marked = -1;                // the trace marked (setMarkedTrace), -1: none
    std::optional<QPointF> mouse;      // where the mouse is over the plot widget, if it is
    std::optional<QPoint> clickOrigin; // a plain left press: a click if released close by
    // Reports the data under `pos` (cursorMoved) or that there is none (cursorLeft).
    void reportCursor(QPointF pos);
    // The view's ranges kept inside the data: a pan stops at the first and last trace and at
    // the trace's ends.
    void clampRanges();
    QCPRange traceExtent() const {
        return {double(firstTrace) - 0.5, double(firstTrace + traces) - 0.5};
    }
    QCPRange timeExtent() const;
    void drawMark(QCPPainter* painter, const QRect& r) const;
    QRubberBand* band = nullptr; // created on first use
    bool banding = false;        // between the press and the release of a rubber band
    Qt::MouseButton bandButton = Qt::NoButton;
    QPoint bandOrigin;
    void endBand() {
        banding = false;
        if (band)
            band->hide();
    }

    QCPAxis* keyAxis() const { return plot->xAxis2; }
    QCPAxis* valueAxis() const { return plot->yAxis; }

    void updateClip();                  // from the settings and the clip sample: one lookup
    void setLabels(TraceLabels labels); // without a replot
    // The annotation's ticks for the traces in view.
    std::vector<AnnotationTick> ticks() const;
    QFont annotationFont() const { return q->font(); }
    // Pixels between the last row and the plot: the time axis's top label reaches half a line
    // above the plot.
    int annotationGap() const { return QFontMetrics(annotationFont()).height() / 2 + 2; }
    void take(ProcessedWindow w); // the window and its shape
    void showWindowExtent();      // axes to the window's traces and times, no replot
    // The output sample (inside the window, 0-based) nearest to `timeMs`; may be out of range.
    qint64 sampleAt(double timeMs) const {
        if (factor == 1)
            return qint64(std::floor((timeMs - t0) / dt + 0.5)) - firstSample;
        return qint64(std::floor(((timeMs - t0) / dt + 0.5) / double(factor))) - firstSample;
    }
    // The time of output sample `s` of the window (0-based inside it): its bin's centre.
    double timeOf(qint64 s) const {
        return t0 + (double((s + firstSample) * factor) + double(factor - 1) / 2.0) * dt;
    }
    // Trace t (0-based inside the window), processed.
    const float* traceData(qint64 t) const { return shown.trace(firstTrace + t); }
    double pixelsPerTrace() const {
        return std::fabs(keyAxis()->coordToPixel(1.0) - keyAxis()->coordToPixel(0.0));
    }
    bool wiggles() const {
        return settings.mode != DisplayMode::Density && traces > 0 &&
               pixelsPerTrace() >= kMinWigglePixels;
    }
    // Colours are drawn: density modes, or wiggle modes fallen back to density.
    bool density() const {
        return settings.mode == DisplayMode::Density ||
               settings.mode == DisplayMode::DensityWiggle || !wiggles();
    }
    // The note drawn in the view when a mode's wiggles are not drawn; empty when none.
    QString note() const;
    void drawNote(QCPPainter* painter, const QRect& r) const;
    // What the last scaleChanged() said, to emit it only on a change.
    struct Scale {
        ColorMapId colorMap = ColorMapId::Grey;
        DisplayMode mode = DisplayMode::Density;
        float clip = 0.0f;
        double gain = 0.0;
        bool density = false;
        bool wiggles = false;
        QRect plot;
        bool operator==(const Scale&) const = default;
    };
    Scale scale;
    void checkScale();
    void draw(QCPPainter* painter);
    // Rasterise into `image` (the plot area, r.size()).
    void fillDensity(const QRect& r);
    void rasterWiggles(const QRect& r, bool fill);

    // The overlays' own buffered layer above the data, redrawn alone by updateOverlays().
    QCPLayerable* overlayLayer = nullptr; // owned by plot
    std::vector<GatherOverlay*> overlays; // not owned
};

namespace {

// Draws the data under the axes, at screen resolution; QCustomPlot only provides axes and
// interaction, which keeps the cost of a frame independent of the window size.
class SeismicLayer final : public QCPLayerable {
public:
    SeismicLayer(QCustomPlot* plot, std::function<void(QCPPainter*)> draw,
                 const QString& layer = QStringLiteral("main"))
        : QCPLayerable(plot, layer)
        , m_draw(std::move(draw)) {}

protected:
    QRect clipRect() const override { return parentPlot()->axisRect()->rect(); }
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override {
        // Lines one pixel apart must stay crisp; antialiasing would also cost several times more.
        painter->setAntialiasing(false);
    }
    void draw(QCPPainter* painter) override { m_draw(painter); }

private:
    std::function<void(QCPPainter*)> m_draw;
};

// Draws the annotation rows above the plot (outside the axis rect, so on a layer of its own).
class AnnotationLayer final : public QCPLayerable {
public:
    AnnotationLayer(QCustomPlot* plot, const QString& layer, std::function<void(QCPPainter*)> draw)
        : QCPLayerable(plot, layer)
        , m_draw(std::move(draw)) {}

protected:
    QRect clipRect() const override { return parentPlot()->viewport(); }
    void applyDefaultAntialiasingHint(QCPPainter* painter) const override {
        painter->setAntialiasing(false);
    }
    void draw(QCPPainter* painter) override { m_draw(painter); }

private:
    std::function<void(QCPPainter*)> m_draw;
};

} // namespace

std::vector<AnnotationTick> GatherView::Impl::ticks() const {
    const QFontMetrics metrics(annotationFont());
    const QCPRange r = keyAxis()->range();
    return annotation.ticks(r.lower, r.upper, pixelsPerTrace(),
                            [&](const QString& text) { return metrics.horizontalAdvance(text); });
}

void GatherView::Impl::updateClip() {
    // The window came processed, with a sample of its magnitudes (processWindow(), made on a
    // worker): the clip is one lookup, whatever the window's size.
    if (traces == 0 || samples == 0) {
        clip = 1.0f;
        return;
    }
    const float c = settings.clipMode == ClipMode::Absolute ? settings.clipAbsolute
                    : settings.absoluteClip                 ? *settings.absoluteClip
                                            : shown.percentile(settings.clipPercentile);
    // A dead window or a bad absolute clip still needs a usable colour range.
    clip = (std::isfinite(c) && c > 0.0f) ? c : 1.0f;
}

void GatherView::Impl::draw(QCPPainter* painter) {
    const QRect r = plot->axisRect()->rect();
    if (r.width() <= 0 || r.height() <= 0)
        return;
    const bool wiggle = wiggles();
    const bool density = this->density();
    if (traces == 0 || samples == 0) {
        painter->fillRect(r, Qt::white);
        return;
    }
    // Everything is rasterised into one image of the plot area, then drawn once.
    if (image.size() != r.size())
        image = QImage(r.size(), QImage::Format_RGB32);
    if (density)
        fillDensity(r);
    else
        image.fill(Qt::white);
    if (wiggle)
        rasterWiggles(r, settings.mode == DisplayMode::VariableArea);
    painter->drawImage(r.topLeft(), image);
    drawMark(painter, r);
    drawNote(painter, r);
}

QString GatherView::Impl::note() const {
    if (traces == 0 || samples == 0 || settings.mode == DisplayMode::Density || wiggles())
        return {};
    const QString why = GatherView::tr("traces under %1 px wide").arg(kMinWigglePixels);
    if (settings.mode == DisplayMode::DensityWiggle)
        return GatherView::tr("Wiggles hidden: %1; zoom in to see them").arg(why);
    return GatherView::tr("Shown as density: %1 for wiggles; zoom in to see them").arg(why);
}

void GatherView::Impl::drawNote(QCPPainter* painter, const QRect& r) const {
    const QString text = note();
    if (text.isEmpty())
        return;
    // A small label in the top-left corner of the plot, on a pale box so it reads over any
    // colour map.
    QFont font = q->font();
    font.setPointSizeF(font.pointSizeF() * 0.9);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const int pad = 4;
    QRect box = metrics.boundingRect(text).adjusted(-pad, -pad / 2, pad, pad / 2);
    box.moveTopLeft(r.topLeft() + QPoint(6, 6));
    painter->setPen(QColor(80, 80, 80));
    painter->setBrush(QColor(255, 255, 224, 230));
    painter->drawRect(box);
    painter->setPen(Qt::black);
    painter->drawText(box, Qt::AlignCenter, text);
}

void GatherView::Impl::drawMark(QCPPainter* painter, const QRect& r) const {
    if (marked < firstTrace || marked >= firstTrace + traces)
        return;
    // A translucent band one trace wide (at least 3 px), edged, so the trace shows through.
    const double x0 = keyAxis()->coordToPixel(double(marked) - 0.5);
    const double x1 = keyAxis()->coordToPixel(double(marked) + 0.5);
    const double mid = (x0 + x1) / 2.0;
    const double half = std::max(1.5, std::fabs(x1 - x0) / 2.0);
    const QRectF band(mid - half, r.top(), 2.0 * half, r.height());
    painter->setPen(QPen(QColor(255, 140, 0), 1.0));
    painter->setBrush(QColor(255, 165, 0, 90));
    painter->drawRect(band);
}

QCPRange GatherView::Impl::timeExtent() const {
    qint64 end = (firstSample + samples) * factor;
    qint64 begin = firstSample * factor;
    if (traceSamples > 0) {
        begin = 0;
        end = traceSamples;
    }
    return {t0 + (double(begin) - 0.5) * dt, t0 + (double(end) - 0.5) * dt};
}

void GatherView::Impl::clampRanges() {
    if (traces == 0 || samples == 0)
        return;
    const auto clamp = [](QCPAxis* axis, const QCPRange& extent) {
        const QCPRange r = axis->range();
        if (r.size() >= extent.size()) {
            // Zoomed out beyond the data: they stay centred, so a pan moves nothing.
            const double lower = extent.center() - r.size() / 2.0;
            if (std::fabs(r.lower - lower) > 1e-9 * std::max(1.0, r.size()))
                axis->setRange(lower, lower + r.size());
            return;
        }
        if (r.lower < extent.lower)
            axis->setRange(extent.lower, extent.lower + r.size());
        else if (r.upper > extent.upper)
            axis->setRange(extent.upper - r.size(), extent.upper);
    };
    clamp(keyAxis(), traceExtent());
    clamp(valueAxis(), timeExtent());
}

void GatherView::Impl::reportCursor(QPointF pos) {
    const auto none = [this] { emit q->cursorLeft(); };
    if (traces == 0 || !plot->axisRect()->rect().contains(pos.toPoint()))
        return none();
    const double key = keyAxis()->pixelToCoord(pos.x());
    const double time = valueAxis()->pixelToCoord(pos.y());
    const qint64 t = qint64(std::floor(key + 0.5)) - firstTrace;
    const qint64 s = sampleAt(time);
    if (t < 0 || t >= traces || s < 0 || s >= samples)
        return none();
    emit q->cursorMoved(t + firstTrace, timeOf(s), traceData(t)[s]);
}

void GatherView::Impl::checkScale() {
    const Scale now{settings.colorMap, settings.mode,           clip, settings.gain, density(),
                    wiggles(),         plot->axisRect()->rect()};
    if (now == scale)
        return;
    scale = now;
    emit q->scaleChanged();
}

void GatherView::Impl::fillDensity(const QRect& r) {
    const int w = r.width();
    const int h = r.height();
    // Nearest sample per screen pixel: both maps are monotonic, so each trace is read in order.
    colOf.resize(std::size_t(w));
    rowOf.resize(std::size_t(h));
    for (int x = 0; x < w; ++x) {
        const qint64 t =
            qint64(std::floor(keyAxis()->pixelToCoord(r.left() + x + 0.5) + 0.5)) - firstTrace;
        colOf[std::size_t(x)] = (t >= 0 && t < traces) ? t : -1;
    }
    for (int y = 0; y < h; ++y) {
        const qint64 s = sampleAt(valueAxis()->pixelToCoord(r.top() + y + 0.5));
        rowOf[std::size_t(y)] = (s >= 0 && s < samples) ? s : -1;
    }
    // A decimated window shows peaks: where a pixel row spans several of its samples, the row
    // shows the one of largest magnitude (as the decimation did), so no event falls between
    // rows. At full resolution each row shows its nearest sample, as always.
    const bool peaks = factor > 1;
    if (peaks) {
        rowEnd.resize(std::size_t(h));
        // Output sample j sits at its bin's centre; the row takes the samples centred inside it.
        const auto position = [&](double pixel) {
            return ((valueAxis()->pixelToCoord(pixel) - t0) / dt + 0.5) / double(factor) - 0.5 -
                   double(firstSample);
        };
        double top = position(r.top());
        for (int y = 0; y < h; ++y) {
            const double bottom = position(r.top() + y + 1);
            const double lo = std::min(top, bottom), hi = std::max(top, bottom);
            top = bottom;
            const qint64 a = std::max<qint64>(0, qint64(std::ceil(lo)));
            const qint64 b = std::min<qint64>(samples, qint64(std::ceil(hi)));
            if (b > a) {
                rowOf[std::size_t(y)] = a;
                rowEnd[std::size_t(y)] = b;
            } else if (rowOf[std::size_t(y)] >= 0) {
                rowEnd[std::size_t(y)] = rowOf[std::size_t(y)] + 1;
            }
        }
    }
    const float scale = float(settings.gain) * 127.5f / clip;
    auto* bits = reinterpret_cast<QRgb*>(image.bits());
    const qsizetype stride = image.bytesPerLine() / qsizetype(sizeof(QRgb));
    // Strips of columns are independent; on a 2-core machine two strips halve the frame time,
    // which is most of what a scroll step costs the GUI thread.
    constexpr int kStrip = 128;
    std::vector<int> strips;
    for (int x = 0; x < w; x += kStrip)
        strips.push_back(x);
    QtConcurrent::blockingMap(strips, [&](int x0) {
        // Colours are computed a column at a time (one trace, read in order) into a block of
        // kBlock columns, then written out a row at a time: 64 contiguous bytes per row instead
        // of one scattered pixel, which is what made this loop memory-bound.
        constexpr int kBlock = 16;
        std::vector<QRgb> block(static_cast<std::size_t>(h) * kBlock);
        const QRgb background = qRgb(255, 255, 255);
        const int x1 = std::min(w, x0 + kStrip);
        for (int xb = x0; xb < x1; xb += kBlock) {
            const int n = std::min(kBlock, x1 - xb);
            for (int i = 0; i < n; ++i) {
                QRgb* column = block.data() + std::size_t(i) * std::size_t(h);
                const qint64 t = colOf[std::size_t(xb + i)];
                // Neighbouring pixels of one zoomed-in trace share a column of colours.
                if (i > 0 && t == colOf[std::size_t(xb + i - 1)]) {
                    std::copy(column - h, column, column);
                    continue;
                }
                const float* trace = t >= 0 ? traceData(t) : nullptr;
                if (!trace) {
                    std::fill(column, column + h, background);
                    continue;
                }
                for (int y = 0; y < h; ++y) {
                    const qint64 s = rowOf[std::size_t(y)];
                    if (s < 0) {
                        column[y] = background;
                        continue;
                    }
                    float x = trace[s];
                    if (peaks) {
                        float m = x == x ? std::fabs(x) : -1.0f;
                        for (qint64 j = s + 1; j < rowEnd[std::size_t(y)]; ++j)
                            if (std::fabs(trace[j]) > m) {
                                m = std::fabs(trace[j]);
                                x = trace[j];
                            }
                    }
                    const float v = x * scale + 128.0f;
                    const int k = v == v ? (v <= 0.0f ? 0 : (v >= 255.0f ? 255 : int(v))) : 128;
                    column[y] = lut[std::size_t(k)];
                }
            }
            for (int y = 0; y < h; ++y) {
                QRgb* out = bits + qsizetype(y) * stride + xb;
                const QRgb* in = block.data() + y;
                for (int i = 0; i < n; ++i)
                    out[i] = in[std::size_t(i) * std::size_t(h)];
            }
        }
    });
}

void GatherView::Impl::rasterWiggles(const QRect& r, bool fill) {
    const double spacing = pixelsPerTrace();
    // Full clip deflects one trace spacing; beyond it the wiggle is clipped.
    const double scale = settings.gain / clip * spacing;
    const QCPRange keys = keyAxis()->range();
    const qint64 tBegin = std::max<qint64>(0, qint64(std::floor(keys.lower)) - firstTrace - 1);
    const qint64 tEnd = std::min<qint64>(traces, qint64(std::ceil(keys.upper)) - firstTrace + 2);
    if (tBegin >= tEnd)
        return;
    const int w = r.width();
    const int h = r.height();
    // Fractional sample (inside the window) at each row boundary: rowEdge[y] is the top of row y.
    std::vector<double> rowEdge(std::size_t(h) + 1);
    for (int y = 0; y <= h; ++y) {
        const double input = (valueAxis()->pixelToCoord(r.top() + y) - t0) / dt;
        // Output sample j sits at its bin's centre, input j * f + (f - 1) / 2.
        rowEdge[std::size_t(y)] = factor == 1
                                      ? input - double(firstSample)
                                      : (input + 0.5) / double(factor) - 0.5 - double(firstSample);
    }
    std::vector<double> x0(std::size_t(tEnd - tBegin));
    for (qint64 t = tBegin; t < tEnd; ++t)
        x0[std::size_t(t - tBegin)] =
            keyAxis()->coordToPixel(double(t + firstTrace)) - r.left() - 0.5;
    auto* bits = reinterpret_cast<QRgb*>(image.bits());
    const qsizetype stride = image.bytesPerLine() / qsizetype(sizeof(QRgb));
    const QRgb ink = qRgb(0, 0, 0);
    const double last = double(samples - 1);

    // A wiggle crosses each pixel row once: between the value where it enters the row and the
    // one where it leaves, through every sample inside the row. So a row of one trace is one
    // horizontal span from the smallest to the largest of those deflections (the variable-area
    // fill is the span from the zero line to the largest). Drawing spans straight into the
    // image costs per pixel row, not per sample, and bands of rows are independent.
    constexpr int kBand = 32;
    std::vector<int> bands;
    for (int y = 0; y < h; y += kBand)
        bands.push_back(y);
    QtConcurrent::blockingMap(bands, [&](int yBegin) {
        const int yEnd = std::min(h, yBegin + kBand);
        for (qint64 t = tBegin; t < tEnd; ++t) {
            const float* trace = traceData(t);
            const double x = x0[std::size_t(t - tBegin)];
            const auto value = [&](double f) {
                f = std::clamp(f, 0.0, last);
                const auto i = qint64(f);
                const double frac = f - double(i);
                const double a = trace[i];
                const double b = trace[std::min<qint64>(i + 1, samples - 1)];
                const double v = a + (b - a) * frac;
                return v == v ? v : 0.0;
            };
            for (int y = yBegin; y < yEnd; ++y) {
                double fa = rowEdge[std::size_t(y)];
                double fb = rowEdge[std::size_t(y) + 1];
                if (fa > fb)
                    std::swap(fa, fb);
                if (fb < 0.0 || fa > last)
                    continue; // no data in this row
                double lo = std::min(value(fa), value(fb));
                double hi = std::max(value(fa), value(fb));
                const qint64 sEnd = std::min<qint64>(samples - 1, qint64(std::floor(fb)));
                for (qint64 s = std::max<qint64>(0, qint64(std::ceil(fa))); s <= sEnd; ++s) {
                    const double v = trace[s] == trace[s] ? double(trace[s]) : 0.0;
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
                const double dLo = std::clamp(lo * scale, -spacing, spacing);
                const double dHi = std::clamp(hi * scale, -spacing, spacing);
                int xa = int(std::floor(x + dLo + 0.5));
                int xb = int(std::floor(x + dHi + 0.5));
                if (fill && dHi > 0.0) // the positive lobe, from the zero line
                    xa = std::min(xa, int(std::floor(x + 0.5)));
                xa = std::max(xa, 0);
                xb = std::min(xb, w - 1);
                QRgb* row = bits + qsizetype(y) * stride;
                for (int px = xa; px <= xb; ++px)
                    row[px] = ink;
            }
        }
    });
}

GatherView::GatherView(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Impl>()) {
    d->q = this;
    d->plot = new QCustomPlot(this);
    QCustomPlot* plot = d->plot;
    // Traces run along the top, time downward, as on a field record.
    plot->xAxis->setVisible(false);
    plot->xAxis2->setVisible(true);
    // The annotation draws the labels (and their titles) above the tick marks.
    plot->xAxis2->setTickLabels(false);
    plot->xAxis2->setSubTicks(false);
    plot->xAxis2->grid()->setVisible(false);
    plot->yAxis->grid()->setVisible(false);
    plot->yAxis->setRangeReversed(true);
    plot->yAxis->setLabel(tr("time (ms)"));
    plot->xAxis2->setTicker(d->ticker);
    d->ticker->positions = [impl = d.get()](const QCPRange&) {
        std::vector<double> at;
        for (const AnnotationTick& t : impl->ticks())
            at.push_back(double(t.trace));
        return at;
    };
    plot->addLayer(QStringLiteral("annotation"), plot->layer(QStringLiteral("axes")),
                   QCustomPlot::limAbove);
    new AnnotationLayer(plot, QStringLiteral("annotation"), [impl = d.get()](QCPPainter* p) {
        const QRect r = impl->plot->axisRect()->rect();
        impl->annotation.draw(*p, impl->annotationFont(), r, r.top() - impl->annotationGap(),
                              impl->ticks(),
                              [impl](double t) { return impl->keyAxis()->coordToPixel(t); });
    });
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDragAxes(plot->xAxis2, plot->yAxis);
    plot->axisRect()->setRangeZoomAxes(plot->xAxis2, plot->yAxis);
    d->layer = new SeismicLayer(plot, [impl = d.get()](QCPPainter* p) { impl->draw(p); });
    plot->addLayer(QStringLiteral("overlays"), plot->layer(QStringLiteral("main")),
                   QCustomPlot::limAbove);
    plot->layer(QStringLiteral("overlays"))->setMode(QCPLayer::lmBuffered);
    d->overlayLayer = new SeismicLayer(
        plot,
        [this](QCPPainter* p) {
            for (GatherOverlay* o : d->overlays)
                o->paint(*p, *this);
        },
        QStringLiteral("overlays"));
    setMouseTracking(true);
    plot->setMouseTracking(true);
    plot->installEventFilter(this);
    // Every change of what the picture's colours and wiggles stand for ends in a replot.
    connect(plot, &QCustomPlot::afterReplot, this, [this] { d->checkScale(); });

    connect(plot, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
        d->mouse = event->position();
        d->reportCursor(event->position());
    });
    // Pans and zooms stop at the data's edges.
    for (QCPAxis* axis : {d->keyAxis(), d->valueAxis()})
        connect(axis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
                [this] { d->clampRanges(); });
    // What lies under a mouse that has not moved changes with the view: the readout follows.
    connect(plot, &QCustomPlot::afterReplot, this, [this] {
        if (d->mouse)
            d->reportCursor(*d->mouse);
    });
    connect(d->valueAxis(), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        if (d->traces == 0 || d->samples == 0)
            return; // nothing shown: nothing to ask for
        // The range as clamped (the clamp re-emits inside this signal).
        const QCPRange range = d->valueAxis()->range();
        // Sample i is drawn from i - 0.5 to i + 0.5: those whose centre is in view.
        const double a = (std::min(range.lower, range.upper) - d->t0) / d->dt;
        const double b = (std::max(range.lower, range.upper) - d->t0) / d->dt;
        const double limit =
            d->traceSamples > 0 ? double(d->traceSamples) : 9.0e18; // in qint64 range
        const double first = std::clamp(std::ceil(a), 0.0, limit);
        const double end = std::clamp(std::floor(b) + 1.0, first, limit);
        emit visibleSamplesChanged(qint64(first), qint64(end));
    });
    resize(640, 480);
}

GatherView::~GatherView() = default;

void GatherView::Impl::take(ProcessedWindow w) {
    shown = std::move(w);
    window = shown.window;
    traces = window.traces().count();
    samples = window.samples().count();
    firstTrace = window.traces().begin;
    firstSample = window.samples().begin;
    factor = std::max<qint64>(1, window.factor());
}

void GatherView::setData(TraceWindow window, double sampleIntervalMs, double startTimeMs,
                         TraceLabels labels) {
    setData(processWindow(std::move(window), {}, sampleIntervalMs * 1000.0, startTimeMs),
            sampleIntervalMs, startTimeMs, std::move(labels));
}

void GatherView::setData(ProcessedWindow window, double sampleIntervalMs, double startTimeMs,
                         TraceLabels labels) {
    d->take(std::move(window));
    // Without a usable interval the vertical axis counts samples, and says so.
    d->timed = sampleIntervalMs > 0.0;
    d->dt = d->timed ? sampleIntervalMs : 1.0;
    d->t0 = d->timed ? startTimeMs : 0.0;
    d->plot->yAxis->setLabel(d->timed ? tr("time (ms)")
                                      : tr("sample (no sample interval in the file)"));
    d->setLabels(std::move(labels));
    d->updateClip();
    d->showWindowExtent();
    d->plot->replot();
}

void GatherView::replaceData(TraceWindow window) {
    replaceData(processWindow(std::move(window), {}, d->timed ? d->dt * 1000.0 : 0.0, d->t0));
}

void GatherView::replaceData(ProcessedWindow window) {
    if (window.window.traces() != d->window.traces() || d->traces == 0) {
        setData(std::move(window), d->timed ? d->dt : 0.0, d->t0, d->annotation.rows());
        return;
    }
    d->take(std::move(window));
    d->updateClip();
    d->plot->replot();
}

void GatherView::setTraceSamples(qint64 samples) {
    d->traceSamples = std::max<qint64>(0, samples);
}

int GatherView::plotHeight() const {
    return d->plot->axisRect()->rect().height();
}

void GatherView::clear() {
    setData(ProcessedWindow(), d->timed ? d->dt : 0.0, d->t0);
}

QString GatherView::timeAxisLabel() const {
    return d->plot->yAxis->label();
}

TraceWindow GatherView::data() const {
    return d->window;
}

const ProcessedWindow& GatherView::processedData() const {
    return d->shown;
}

void GatherView::setSettings(const DisplaySettings& settings) {
    const DisplaySettings old = d->settings;
    d->settings = settings;
    if (old.clipMode != settings.clipMode || old.clipPercentile != settings.clipPercentile ||
        old.clipAbsolute != settings.clipAbsolute || old.absoluteClip != settings.absoluteClip)
        d->updateClip();
    if (old.colorMap != settings.colorMap)
        d->lut = colorLut(settings.colorMap);
    d->plot->replot();
}

const DisplaySettings& GatherView::settings() const {
    return d->settings;
}

float GatherView::clipValue() const {
    return d->clip;
}

QPixmap GatherView::renderImage(QSize size) {
    if (size.isEmpty())
        size = d->plot->size();
    return d->plot->toPixmap(size.width(), size.height());
}

bool GatherView::wigglesVisible() const {
    return d->wiggles();
}

bool GatherView::densityVisible() const {
    return d->density();
}

QString GatherView::note() const {
    return d->note();
}

QRect GatherView::plotRect() const {
    return d->plot->axisRect()->rect().translated(d->plot->pos());
}

void GatherView::Impl::showWindowExtent() {
    if (traces > 0 && samples > 0) {
        keyAxis()->setRange(double(firstTrace) - 0.5, double(firstTrace + traces) - 0.5);
        // The input samples the window's bins cover (its samples at factor 1).
        qint64 end = (firstSample + samples) * factor;
        if (traceSamples > 0)
            end = std::min(end, traceSamples);
        valueAxis()->setRange(t0 + (double(firstSample * factor) - 0.5) * dt,
                              t0 + (double(end) - 0.5) * dt);
    } else {
        keyAxis()->setRange(0, 1);
        valueAxis()->setRange(0, 1);
    }
}

void GatherView::resetView() {
    d->showWindowExtent();
    if (d->traces > 0 && d->samples > 0 && d->traceSamples > 0)
        d->valueAxis()->setRange(d->t0 - 0.5 * d->dt,
                                 d->t0 + (double(d->traceSamples) - 0.5) * d->dt);
    d->plot->replot();
}

void GatherView::Impl::setLabels(TraceLabels labels) {
    annotation.setRows(firstTrace, traces, std::move(labels));
    // Room above the axis for every row.
    plot->xAxis2->setPadding(annotation.height(annotationFont()) + annotationGap() + 2);
}

void GatherView::setWindowIsGather(bool gather) {
    d->annotation.setFirstStartsRun(gather);
}

void GatherView::setAnnotation(TraceLabels rows) {
    d->setLabels(std::move(rows));
    d->plot->replot();
}

const TraceLabels& GatherView::annotation() const {
    return d->annotation.rows();
}

QStringList GatherView::annotationTitles() const {
    QStringList titles;
    for (int r = 0; r < d->annotation.rowCount(); ++r)
        titles << d->annotation.title(r);
    return titles;
}

std::vector<AnnotationTick> GatherView::annotationTicks() const {
    return d->ticks();
}

void GatherView::setTraceLabels(const QString& key, std::vector<qint64> values) {
    setAnnotation({{key, std::move(values)}});
}

QString GatherView::traceLabel(qint64 trace) const {
    return d->annotation.label(0, trace);
}

void GatherView::zoomTo(double firstTrace, double lastTrace, double fromMs, double toMs) {
    if (firstTrace > lastTrace)
        std::swap(firstTrace, lastTrace);
    if (fromMs > toMs)
        std::swap(fromMs, toMs);
    const double midTrace = (firstTrace + lastTrace) / 2;
    const double halfTraces = std::max(0.5, (lastTrace - firstTrace) / 2);
    const double midTime = (fromMs + toMs) / 2;
    const double halfTime = std::max(d->dt / 2, (toMs - fromMs) / 2);
    d->keyAxis()->setRange(midTrace - halfTraces, midTrace + halfTraces);
    d->valueAxis()->setRange(midTime - halfTime, midTime + halfTime);
    d->plot->replot();
}

void GatherView::setMarkedTrace(qint64 trace) {
    if (trace == d->marked)
        return;
    d->marked = trace;
    d->plot->replot();
}

qint64 GatherView::markedTrace() const {
    return d->marked;
}

QPair<double, double> GatherView::visibleTraces() const {
    return {d->keyAxis()->range().lower, d->keyAxis()->range().upper};
}

QPair<double, double> GatherView::visibleTimes() const {
    return {d->valueAxis()->range().lower, d->valueAxis()->range().upper};
}

GatherOverlay::~GatherOverlay() = default;

bool GatherOverlay::mouseEvent(QMouseEvent&) {
    return false;
}

void GatherView::addOverlay(GatherOverlay* overlay) {
    if (overlay && std::find(d->overlays.begin(), d->overlays.end(), overlay) == d->overlays.end())
        d->overlays.push_back(overlay);
    updateOverlays();
}

void GatherView::removeOverlay(GatherOverlay* overlay) {
    std::erase(d->overlays, overlay);
    updateOverlays();
}

void GatherView::updateOverlays() {
    d->overlayLayer->layer()->replot();
}

QPointF GatherView::pointOf(double trace, double timeMs) const {
    return QPointF(d->keyAxis()->coordToPixel(trace), d->valueAxis()->coordToPixel(timeMs)) +
           d->plot->pos();
}

double GatherView::traceAt(double x) const {
    return d->keyAxis()->pixelToCoord(x - d->plot->pos().x());
}

double GatherView::timeAt(double y) const {
    return d->valueAxis()->pixelToCoord(y - d->plot->pos().y());
}

bool GatherView::eventFilter(QObject* watched, QEvent* event) {
    if (watched != d->plot)
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
        // Overlays first (in the plot's coordinates, which are the view's: the plot fills it).
        for (GatherOverlay* o : d->overlays)
            if (o->mouseEvent(*static_cast<QMouseEvent*>(event))) {
                d->endBand();
                return true;
            }
        break;
    default:
        break;
    }
    // The rubber band takes the right button, or the left with Shift; a plain left drag pans.
    switch (event->type()) {
    case QEvent::Leave:
        d->mouse.reset();
        emit cursorLeft();
        return false;
    case QEvent::MouseButtonPress: {
        auto* e = static_cast<QMouseEvent*>(event);
        d->clickOrigin.reset();
        if (e->button() == Qt::LeftButton && !(e->modifiers() & Qt::ShiftModifier))
            d->clickOrigin = e->position().toPoint(); // a click, or the start of a pan
        const bool band = e->button() == Qt::RightButton ||
                          (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ShiftModifier));
        // A press while a band is open (another button, or a release that never came) abandons
        // the band; the press itself is handled as if there had been none.
        d->endBand();
        if (!band || !d->plot->axisRect()->rect().contains(e->position().toPoint()))
            return false;
        d->bandButton = e->button();
        d->bandOrigin = e->position().toPoint();
        if (!d->band)
            d->band = new QRubberBand(QRubberBand::Rectangle, d->plot);
        d->band->setGeometry(QRect(d->bandOrigin, QSize()));
        d->band->show();
        d->banding = true;
        return true;
    }
    case QEvent::MouseMove: {
        if (!d->banding)
            return false;
        auto* e = static_cast<QMouseEvent*>(event);
        if (!(e->buttons() & d->bandButton)) {
            d->endBand(); // its release never came (a dialog took the mouse, say)
            return false;
        }
        d->band->setGeometry(QRect(d->bandOrigin, e->position().toPoint())
                                 .normalized()
                                 .intersected(d->plot->axisRect()->rect()));
        return false; // the cursor readout still follows the mouse
    }
    case QEvent::MouseButtonRelease: {
        auto* e = static_cast<QMouseEvent*>(event);
        if (e->button() == Qt::LeftButton && d->clickOrigin) {
            const QPoint origin = *d->clickOrigin;
            d->clickOrigin.reset();
            const QPoint at = e->position().toPoint();
            // A press and release within 3 px is a click on the trace there, not a pan.
            if ((at - origin).manhattanLength() <= 3 && d->traces > 0 &&
                d->plot->axisRect()->rect().contains(at)) {
                const qint64 t =
                    qint64(std::floor(d->keyAxis()->pixelToCoord(at.x()) + 0.5)) - d->firstTrace;
                if (t >= 0 && t < d->traces)
                    emit traceClicked(t + d->firstTrace);
            }
            return false;
        }
        if (!d->banding || e->button() != d->bandButton)
            return false;
        d->endBand();
        const QRect r = QRect(d->bandOrigin, e->position().toPoint())
                            .normalized()
                            .intersected(d->plot->axisRect()->rect());
        // A click without a drag is no zoom.
        if (r.width() >= 4 && r.height() >= 4)
            zoomTo(d->keyAxis()->pixelToCoord(r.left()), d->keyAxis()->pixelToCoord(r.right()),
                   d->valueAxis()->pixelToCoord(r.top()), d->valueAxis()->pixelToCoord(r.bottom()));
        return true;
    }
    default:
        return false;
    }
}

void GatherView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // No layout: the plot fills the widget at once, so a grab() right after resize() is right.
    d->plot->setGeometry(rect());
}

} // namespace seis
