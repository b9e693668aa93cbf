// The spectrum panel: the mean amplitude spectra of the traces on screen, before and after
// processing (windowspectra.h), as two curves in dB over frequency in Hz from 0 to Nyquist, with
// a legend and a caption saying which traces the means are over. Each curve is in dB relative to
// its own maximum (as `seisview-cli spectrum` gives it): the shapes compare, whatever the gain of
// the processing. Without processing only the "before" curve is drawn.
//
// It only draws what it is given: the spectra are computed on the navigator's worker
// (GatherNavigator::setSpectrumWanted), never here.
//
// Threads: GUI thread only.
#pragma once

#include "seis/windowspectra.h"

#include <QWidget>
#include <memory>
#include <vector>

class QCustomPlot;
class QLabel;

namespace seis {

class SpectrumPanel : public QWidget {
    Q_OBJECT

public:
    enum Curve { Raw = 0, Processed = 1 };

    explicit SpectrumPanel(QWidget* parent = nullptr);
    ~SpectrumPanel() override;

    // Shows `spectra` (null: nothing, as clear()).
    void setSpectra(std::shared_ptr<const WindowSpectra> spectra);
    void clear();
    // What is shown (null when nothing).
    const std::shared_ptr<const WindowSpectra>& spectra() const { return m_spectra; }

    // What the plot holds for `curve`: frequencies (Hz) and amplitudes (dB), empty when the
    // curve is not drawn.
    std::vector<double> frequencies(Curve curve) const;
    std::vector<double> decibels(Curve curve) const;
    bool isDrawn(Curve curve) const;
    // The caption under the plot (which traces, the dB reference, a decimation if any).
    QString caption() const;

    // The curves' colours (before, after processing).
    static QColor color(Curve curve);

private:
    QCustomPlot* m_plot = nullptr; // owned through Qt parenting
    QLabel* m_caption = nullptr;
    std::shared_ptr<const WindowSpectra> m_spectra;
};

} // namespace seis
