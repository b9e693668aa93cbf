#include "seis/tracepanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace seis {

TracePanel::TracePanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* row = new QHBoxLayout;
    m_spin = new QSpinBox(this);
    m_spin->setObjectName(QStringLiteral("traceNumber"));
    m_spin->setRange(1, 1);
    m_spin->setKeyboardTracking(false);
    m_spin->setToolTip(tr("The trace to show, numbered from 1"));
    m_follow = new QCheckBox(tr("Follow cursor"), this);
    m_follow->setObjectName(QStringLiteral("followCursor"));
    m_follow->setChecked(true);
    m_follow->setToolTip(tr("Show the trace under the mouse in the gather"));
    row->addWidget(new QLabel(tr("Trace"), this));
    row->addWidget(m_spin);
    row->addWidget(m_follow);
    row->addStretch(1);
    layout->addLayout(row);

    auto* split = new QSplitter(Qt::Vertical, this);
    m_wiggle = new QCustomPlot(split);
    m_wiggle->setObjectName(QStringLiteral("traceWiggle"));
    // Time down the left axis, amplitude across.
    QCPGraph* wiggle = m_wiggle->addGraph(m_wiggle->yAxis, m_wiggle->xAxis);
    wiggle->setPen(QPen(Qt::black, 1.0));
    m_wiggle->yAxis->setRangeReversed(true);
    m_wiggle->xAxis->setLabel(tr("amplitude"));
    m_wiggle->xAxis->ticker()->setTickCount(3);
    m_wiggle->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_spectrumPlot = new QCustomPlot(split);
    m_spectrumPlot->setObjectName(QStringLiteral("traceSpectrum"));
    QCPGraph* spectrum = m_spectrumPlot->addGraph();
    spectrum->setPen(QPen(QColor(31, 119, 180), 1.2));
    m_spectrumPlot->xAxis->setLabel(tr("frequency (Hz)"));
    m_spectrumPlot->yAxis->ticker()->setTickCount(3);
    m_spectrumPlot->yAxis->setLabel(tr("amplitude |rfft|"));
    m_spectrumPlot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    split->addWidget(m_wiggle);
    split->addWidget(m_spectrumPlot);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("traceCaption"));
    m_caption->setWordWrap(true);
    // Wrapped to the panel's width; a long caption never widens the dock.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_caption);
    setMinimumSize(220, 300);

    connect(m_spin, &QSpinBox::valueChanged, this, [this](int value) {
        m_follow->setChecked(false); // a chosen trace stays
        setTrace(qint64(value) - 1);
    });
    clear();
}

TracePanel::~TracePanel() = default;

void TracePanel::setWindow(ProcessedWindow window, double sampleIntervalMs, double startTimeMs,
                           qint64 traceCount) {
    m_window = std::move(window);
    m_intervalMs = sampleIntervalMs;
    m_startMs = startTimeMs;
    m_traceCount = traceCount;
    {
        const QSignalBlocker block(m_spin);
        // QSpinBox counts in int: numbers past 2^31 - 1 cannot be typed (the cursor still works).
        m_spin->setRange(1,
                         int(std::clamp<qint64>(traceCount, 1, std::numeric_limits<int>::max())));
    }
    // Following the mouse, a trace of the old window gives way to the new window's first.
    const TraceRange held = m_window.window.traces();
    if (!m_window.isEmpty() &&
        (m_trace < 0 || (followsCursor() && (m_trace < held.begin || m_trace >= held.end))))
        m_trace = held.begin;
    redraw();
}

void TracePanel::clear() {
    m_window = {};
    m_traceCount = 0;
    m_trace = -1;
    redraw();
}

void TracePanel::setCursorTrace(qint64 trace) {
    if (followsCursor() && trace != m_trace) {
        m_trace = trace;
        redraw();
    }
}

void TracePanel::setTrace(qint64 trace) {
    m_trace = trace;
    redraw();
    const TraceRange held = m_window.window.traces();
    if (trace >= 0 && trace < m_traceCount && (trace < held.begin || trace >= held.end))
        emit traceRequested(trace);
}

void TracePanel::setFollowCursor(bool follow) {
    m_follow->setChecked(follow);
}

bool TracePanel::followsCursor() const {
    return m_follow->isChecked();
}

QString TracePanel::caption() const {
    return m_caption->text();
}

void TracePanel::redraw() {
    m_samples.clear();
    m_times.clear();
    m_spectrum = {};
    const TraceWindow& w = m_window.window;
    const bool held = !w.isEmpty() && m_trace >= w.traces().begin && m_trace < w.traces().end;
    if (m_trace >= 0 && m_trace < std::numeric_limits<int>::max()) {
        const QSignalBlocker block(m_spin);
        m_spin->setValue(int(m_trace + 1));
    }
    QVector<double> t, a, f, s;
    if (held) {
        const qint64 n = w.samples().count();
        const qint64 factor = w.factor();
        const float* x = m_window.trace(m_trace);
        m_samples.assign(x, x + n);
        const double interval = m_intervalMs > 0 ? m_intervalMs : 1.0;
        for (qint64 j = 0; j < n; ++j) {
            const double time =
                (m_intervalMs > 0 ? m_startMs : 0.0) +
                (double(w.samples().begin + j) * double(factor) + double(factor - 1) / 2.0) *
                    interval;
            m_times.push_back(time);
            t << time;
            a << double(x[j]);
        }
        // A sample counts as 1 ms without an interval, as on the gather's axis.
        m_spectrum = meanAmplitudeSpectrum(x, 1, n, interval * 1000.0 * double(factor));
        f = QVector<double>(m_spectrum.frequencyHz.begin(), m_spectrum.frequencyHz.end());
        s = QVector<double>(m_spectrum.amplitude.begin(), m_spectrum.amplitude.end());
    }
    m_wiggle->graph(0)->setData(t, a, true);
    m_spectrumPlot->graph(0)->setData(f, s, true);
    m_wiggle->yAxis->setLabel(m_intervalMs > 0 ? tr("time (ms)") : tr("sample"));
    if (held && !t.isEmpty()) {
        double peak = 0;
        for (double v : a)
            if (std::isfinite(v))
                peak = std::max(peak, std::fabs(v));
        peak = peak > 0 ? peak * 1.05 : 1.0;
        m_wiggle->xAxis->setRange(-peak, peak);
        m_wiggle->yAxis->setRange(t.front(), t.back() > t.front() ? t.back() : t.front() + 1);
        double top = 0;
        for (double v : s)
            top = std::max(top, v);
        m_spectrumPlot->xAxis->setRange(0, f.isEmpty() ? 1.0 : std::max(f.back(), 1e-9));
        m_spectrumPlot->yAxis->setRange(0, top > 0 ? top * 1.05 : 1.0);
    }
    m_wiggle->replot();
    m_spectrumPlot->replot();
    QString text;
    if (m_trace < 0 || m_traceCount == 0)
        text = tr("No trace: move the mouse over the gather or choose a trace.");
    else if (!held)
        text = tr("Trace %1 is not on screen.").arg(m_trace + 1);
    else {
        text = tr("Trace %1, %2 samples%3.")
                   .arg(m_trace + 1)
                   .arg(m_samples.size())
                   .arg(m_window.values ? tr(", processed by the flow") : QString());
        if (w.factor() > 1)
            text += QLatin1Char(' ') + tr("Decimated by %1 (the peak of every %1 samples): the "
                                          "spectrum is of those, up to their Nyquist frequency.")
                                           .arg(w.factor());
    }
    m_caption->setText(text);
}

} // namespace seis
