#include "seis/spectrumpanel.h"

#include <QLabel>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace seis {

namespace {

// The lowest level drawn: the floor of the spectra (-300 dB) is far below anything worth seeing.
constexpr double kLowestDb = -150.0;

QVector<double> toVector(const std::vector<double>& v) {
    return QVector<double>(v.begin(), v.end());
}

} // namespace

QColor SpectrumPanel::color(Curve curve) {
    return curve == Raw ? QColor(31, 119, 180) : QColor(214, 39, 40);
}

SpectrumPanel::SpectrumPanel(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("spectrumPlot"));
    m_plot->xAxis->setLabel(tr("frequency (Hz)"));
    m_plot->yAxis->setLabel(tr("amplitude (dB)"));
    for (Curve c : {Raw, Processed}) {
        QCPGraph* g = m_plot->addGraph();
        g->setPen(QPen(color(c), 1.5));
        g->setName(c == Raw ? tr("before processing") : tr("after processing"));
    }
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("spectrumCaption"));
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    setMinimumSize(240, 180);
    clear();
}

SpectrumPanel::~SpectrumPanel() = default;

void SpectrumPanel::clear() {
    setSpectra(nullptr);
}

void SpectrumPanel::setSpectra(std::shared_ptr<const WindowSpectra> spectra) {
    m_spectra = std::move(spectra);
    QCPGraph* raw = m_plot->graph(Raw);
    QCPGraph* after = m_plot->graph(Processed);
    if (!m_spectra || m_spectra->raw.frequencyHz.empty()) {
        raw->data()->clear();
        after->data()->clear();
        after->setVisible(false);
        after->removeFromLegend();
        m_caption->setText(m_spectra ? tr("No samples to take a spectrum of.")
                                     : tr("No spectrum yet: it follows the traces on screen."));
        m_plot->replot();
        return;
    }
    const WindowSpectra& s = *m_spectra;
    raw->setData(toVector(s.raw.frequencyHz), toVector(s.raw.amplitudeDb), true);
    after->setVisible(s.hasProcessing);
    if (s.hasProcessing) {
        after->setData(toVector(s.processed.frequencyHz), toVector(s.processed.amplitudeDb), true);
        after->addToLegend();
    } else {
        after->data()->clear();
        after->removeFromLegend();
    }
    // 0 Hz to Nyquist; from the lowest level drawn (not below kLowestDb) to just above 0 dB.
    double lowest = 0.0;
    for (const AmplitudeSpectrum* a : {&s.raw, &s.processed})
        for (double db : a->amplitudeDb)
            if (db > AmplitudeSpectrum::kFloorDb)
                lowest = std::min(lowest, db);
    m_plot->xAxis->setRange(0.0, s.raw.frequencyHz.back());
    m_plot->yAxis->setRange(std::max(kLowestDb, lowest) - 3.0, 3.0);

    QString text = tr("Mean over traces %1-%2 (%3 traces), each curve in dB relative to its own "
                      "maximum.")
                       .arg(s.traces.begin)
                       .arg(s.traces.end - 1)
                       .arg(s.raw.traces);
    if (s.factor > 1)
        text += QLatin1Char(' ') +
                tr("Of the samples as shown, decimated by %1: up to their Nyquist frequency only.")
                    .arg(s.factor);
    if (!s.hasProcessing)
        text += QLatin1Char(' ') + tr("No processing on: one curve.");
    m_caption->setText(text);
    m_plot->replot();
}

bool SpectrumPanel::isDrawn(Curve curve) const {
    const QCPGraph* g = m_plot->graph(curve);
    return g->visible() && !g->data()->isEmpty();
}

std::vector<double> SpectrumPanel::frequencies(Curve curve) const {
    std::vector<double> out;
    if (!isDrawn(curve))
        return out;
    for (const QCPGraphData& p : *m_plot->graph(curve)->data())
        out.push_back(p.key);
    return out;
}

std::vector<double> SpectrumPanel::decibels(Curve curve) const {
    std::vector<double> out;
    if (!isDrawn(curve))
        return out;
    for (const QCPGraphData& p : *m_plot->graph(curve)->data())
        out.push_back(p.value);
    return out;
}

QString SpectrumPanel::caption() const {
    return m_caption->text();
}

} // namespace seis
