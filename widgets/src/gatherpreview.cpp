#include "seis/gatherpreview.h"

#include "amplitudeclip.h"

#include <seis/segyfile.h>

#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>
#include <utility>
#include <vector>

namespace seis {

namespace {

// Seismic convention for variable density: negative white, positive black.
QCPColorGradient greyScale() {
    QCPColorGradient gradient;
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    gradient.setColorStopAt(0.0, Qt::white);
    gradient.setColorStopAt(1.0, Qt::black);
    gradient.setLevelCount(256);
    return gradient;
}

// QCPColorGradient cannot place NaN or infinity on the scale.
double displayable(float v, float clip) {
    if (std::isnan(v))
        return 0.0;
    return std::clamp(v, -clip, clip);
}

// A trace-major block of samples and where its cell centres lie: trace numbers from 1 across,
// times (or sample numbers) from 0 down.
struct Window {
    std::vector<float> values;
    qint64 traces = 0;
    qint64 samples = 0;
    double step = 1.0; // between samples, in value-axis units
};

// Fills `data` with `window`. QCPColorMap needs two cells along an axis to give them a size, so a
// single trace or sample becomes two identical half-width cells. Returns the ranges of whole
// cells (the data ranges are cell centres), for the axes.
std::pair<QCPRange, QCPRange> fill(QCPColorMapData& data, const Window& window, float clip) {
    const int keyCells = static_cast<int>(std::max<qint64>(window.traces, 2));
    const int valueCells = static_cast<int>(std::max<qint64>(window.samples, 2));
    const double step = window.step;
    const QCPRange keys =
        window.traces > 1 ? QCPRange(1, static_cast<double>(window.traces)) : QCPRange(0.75, 1.25);
    const QCPRange values = window.samples > 1
                                ? QCPRange(0, static_cast<double>(window.samples - 1) * step)
                                : QCPRange(-step / 4, step / 4);
    data.setSize(keyCells, valueCells);
    data.setRange(keys, values);
    for (int t = 0; t < keyCells; ++t) {
        const float* trace =
            window.values.data() + std::min<qint64>(t, window.traces - 1) * window.samples;
        for (int s = 0; s < valueCells; ++s)
            data.setCell(t, s, displayable(trace[std::min<qint64>(s, window.samples - 1)], clip));
    }
    const double halfKey = keys.size() / (keyCells - 1) / 2;
    const double halfValue = values.size() / (valueCells - 1) / 2;
    return {QCPRange(keys.lower - halfKey, keys.upper + halfKey),
            QCPRange(values.lower - halfValue, values.upper + halfValue)};
}

} // namespace

struct GatherPreview::Impl {
    QLabel* caption = nullptr;
    QCustomPlot* plot = nullptr; // owned by the widget through Qt parenting
    QCPColorMap* map = nullptr;  // owned by plot
    qint64 traces = 0;
    qint64 samples = 0;
    float clip = 0.0f;

    // Smooth scaling averages the many samples that share a screen pixel instead of dropping
    // them; when cells are larger than pixels it would only blur them.
    bool updateInterpolation() {
        const bool smooth = traces > plot->width() || samples > plot->height();
        if (smooth == map->interpolate())
            return false;
        map->setInterpolate(smooth);
        return true;
    }
};

GatherPreview::GatherPreview(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Impl>()) {
    d->caption = new QLabel(this);
    d->plot = new QCustomPlot(this);

    // Traces run along the top, time downward, as on a field record.
    QCustomPlot* plot = d->plot;
    plot->xAxis->setVisible(false);
    plot->xAxis2->setVisible(true);
    plot->xAxis2->setTickLabels(true);
    plot->xAxis2->setLabel(tr("trace"));
    plot->yAxis->setRangeReversed(true);
    plot->yAxis->setLabel(tr("time (ms)"));

    d->map = new QCPColorMap(plot->xAxis2, plot->yAxis);
    d->map->setGradient(greyScale());

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(d->caption);
    layout->addWidget(d->plot, 1);
    clear();
}

GatherPreview::~GatherPreview() = default;

void GatherPreview::showFile(const SegyFile& file) {
    clear();
    Window window;
    window.traces = std::min(file.traceCount(), kMaxTraces);
    if (window.traces <= 0 || file.sampleCount() <= 0) {
        d->caption->setText(tr("No traces."));
        return;
    }
    window.samples = std::min(file.sampleCount(), std::max<qint64>(1, kMaxValues / window.traces));
    window.values.resize(static_cast<std::size_t>(window.traces * window.samples));
    file.readWindow({0, window.traces}, {0, window.samples}, window.values.data());
    const bool timed = file.sampleIntervalUs() > 0.0;
    window.step = timed ? file.sampleIntervalUs() / 1000.0 : 1.0;

    const float clip = symmetricClip(window.values, kClipPercentile);
    const auto [keys, values] = fill(*d->map->data(), window, clip);
    d->map->setDataRange(QCPRange(-clip, clip));
    d->plot->xAxis2->setRange(keys);
    d->plot->yAxis->setRange(values);
    d->plot->yAxis->setLabel(timed ? tr("time (ms)") : tr("sample"));
    d->traces = window.traces;
    d->samples = window.samples;
    d->clip = clip;
    d->updateInterpolation();
    d->plot->replot();

    const QLocale locale;
    QString caption = tr("Traces 1-%1 of %2, clip %3 (%4th percentile of |amplitude|)")
                          .arg(locale.toString(window.traces), locale.toString(file.traceCount()),
                               locale.toString(clip, 'g', 4))
                          .arg(kClipPercentile);
    if (window.samples < file.sampleCount())
        caption += tr(", first %1 samples").arg(locale.toString(window.samples));
    d->caption->setText(caption);
}

void GatherPreview::clear() {
    d->map->data()->clear();
    d->plot->replot();
    d->traces = 0;
    d->samples = 0;
    d->clip = 0.0f;
    d->caption->setText(tr("No file."));
}

void GatherPreview::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    if (d->updateInterpolation())
        d->plot->replot(QCustomPlot::rpQueuedReplot);
}

qint64 GatherPreview::shownTraces() const {
    return d->traces;
}

qint64 GatherPreview::shownSamples() const {
    return d->samples;
}

float GatherPreview::clip() const {
    return d->clip;
}

} // namespace seis
