// The single-trace view: the wiggle of one trace (time down, amplitude across) and its amplitude
// spectrum (|rfft| of the trace zero-padded to fftLength(n), as numpy's rfft gives it, over
// frequency in Hz; seis/processing/amplitudespectrum.h), of the trace under the mouse in the
// gather (when "Follow cursor" is on) or of a chosen trace (the spin box, numbered from 1 as
// people count). The samples are those of the window on screen, processed when the flow is on
// (ProcessedWindow): nothing is read here. A chosen trace that is not on screen emits
// traceRequested(), so the viewer can move there; it is shown when its window comes.
// One trace's FFT is computed here, on the GUI thread (a few thousand samples: microseconds).
// A window decimated for long traces gives the decimated samples (peaks) and says so.
//
// Threads: GUI thread only. Ownership: a QWidget owned by its Qt parent; it keeps a copy of the
// window (which shares the window's samples).
#pragma once

#include "seis/processedwindow.h"
#include "seis/processing/amplitudespectrum.h"

#include <QWidget>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QSpinBox;

namespace seis {

class TracePanel : public QWidget {
    Q_OBJECT

public:
    explicit TracePanel(QWidget* parent = nullptr);
    ~TracePanel() override;

    // The window on screen (as processed), its sample interval (ms; <= 0: samples counted) and
    // start time (ms), and the source's trace count (the spin box's range). Redraws the trace
    // shown if the window holds it.
    void setWindow(ProcessedWindow window, double sampleIntervalMs, double startTimeMs,
                   qint64 traceCount);
    void clear();
    // The mouse is over trace `trace` (0-based): shown when following the cursor.
    void setCursorTrace(qint64 trace);
    // Shows trace `trace` (0-based); emits traceRequested() if the window does not hold it.
    void setTrace(qint64 trace);
    void setFollowCursor(bool follow);
    bool followsCursor() const;

    // The trace chosen (0-based; -1: none) and whether it is drawn (the window holds it).
    qint64 trace() const { return m_trace; }
    bool isDrawn() const { return !m_samples.empty(); }
    // What is drawn: the samples, their times (ms) and the spectrum.
    const std::vector<float>& samples() const { return m_samples; }
    const std::vector<double>& times() const { return m_times; }
    const AmplitudeSpectrum& spectrum() const { return m_spectrum; }
    QString caption() const;

signals:
    // Trace `trace` (0-based) was chosen but is not on screen.
    void traceRequested(qint64 trace);

private:
    void redraw();

    ProcessedWindow m_window;
    double m_intervalMs = 0;
    double m_startMs = 0;
    qint64 m_traceCount = 0;
    qint64 m_trace = -1;
    std::vector<float> m_samples;
    std::vector<double> m_times;
    AmplitudeSpectrum m_spectrum;
    QSpinBox* m_spin = nullptr;
    QCheckBox* m_follow = nullptr;
    QCustomPlot* m_wiggle = nullptr;
    QCustomPlot* m_spectrumPlot = nullptr;
    QLabel* m_caption = nullptr;
};

} // namespace seis
