// The gather display: a window of traces drawn as variable density, wiggles, variable area or
// density with wiggles, with time in ms increasing downward and trace numbers across the top.
//
// Coordinates: traces are numbered as in the file, 0-based (trace t is centred on x = t);
// time is startTimeMs + sample * sampleIntervalMs, in ms, sample 0-based within the trace (the
// window's own first sample is window.samples().begin). A window decimated by f
// (TraceWindow::factor()) is drawn with output sample j at the centre of its bin, input sample
// j * f + (f - 1) / 2, f intervals apart; the cursor reads the bin under it (its peak).
//
// Drawing: everything is drawn at screen resolution, so the cost of a frame follows the widget's
// pixels, not the window's size. Wiggles are drawn only where a trace has at least
// kMinWigglePixels of screen width; narrower traces fall back to variable density (wiggle and
// variable-area modes then show density, in the chosen colour map), and a note in the plot's
// top-left corner says so (note()).
//
// Scale: density maps processed amplitude a (before gain) to the colour map's entry for
// a * gain / clip, so the map's ends stand for -clip / gain and +clip / gain (the numbers a
// ColorBar shows); a wiggle deflects one trace spacing at +-clip / gain.
//
// Trace axis: rows of header values above the plot (setAnnotation: up to three, e.g. FFID,
// offset and CDP, as in SeiSee), at ticks chosen from the data (traceannotation.h); without
// them, trace numbers, 1-based. Ticks fall on whole traces only.
//
// Mouse: the wheel zooms around the cursor, dragging pans, a drag with the right button (or with
// Shift held) draws a rubber band and zooms to it, resetView() shows the whole window. Pans and
// zooms stop at the data's edges: never beyond the window's first and last trace, nor beyond
// the trace's first and last sample (the whole trace after setTraceSamples()); zoomed out
// beyond the data, they stay centred (a pan moves nothing). A left click
// (press and release within 3 px) reports the trace clicked (traceClicked).
// Overlays (addOverlay) see the mouse first and may take it (picking does).
// Processing: the view only draws. It shows a ProcessedWindow as it is given (the viewer's
// GatherNavigator makes it on a worker with the window request: AGC, normalisation and the clip
// sample), so no call here touches every sample of a window. The view's settings choose how to
// draw: mode, colour map, gain and the clip (a percentile of the window's clip sample, or an
// absolute clip); their AGC and normalisation say what the caller should process with
// (processingChain()), the view does not apply them.
// Ownership: a QWidget owned by its Qt parent; the view keeps the ProcessedWindow (which shares
// its samples and the cache's tiles).
// Threads: GUI thread only, like every QWidget.
#pragma once

#include "seis/cache/tilecache.h"
#include "seis/displaysettings.h"
#include "seis/gatheroverlay.h"
#include "seis/processedwindow.h"
#include "seis/traceannotation.h"

#include <QPair>
#include <QPixmap>
#include <QWidget>
#include <QtGlobal>
#include <memory>
#include <vector>

namespace seis {

class GatherView : public QWidget {
    Q_OBJECT

public:
    static constexpr double kMinWigglePixels = 3.0; // screen px per trace for wiggles

    explicit GatherView(QWidget* parent = nullptr);
    ~GatherView() override;

    // Shows `window` (absolute, 0-based traces and samples) as processed, with sample spacing
    // `sampleIntervalMs` (ms) and time of sample 0 of the trace `startTimeMs` (ms). With no
    // usable interval (<= 0) the vertical axis counts samples from 0 and its label says so.
    // Resets the view. `labels` annotate the traces as setAnnotation() does (trace numbers if
    // empty).
    void setData(ProcessedWindow window, double sampleIntervalMs, double startTimeMs,
                 TraceLabels labels = {});
    // The same for a window shown as read (no processing): its clip sample is picked here, on
    // the calling thread (kClipSample values, not the whole window). For tools and tests.
    void setData(TraceWindow window, double sampleIntervalMs, double startTimeMs,
                 TraceLabels labels = {});
    void clear();
    // The window shown, as read.
    TraceWindow data() const;
    // The window shown, as drawn (processed).
    const ProcessedWindow& processedData() const;
    // The same traces as the window shown, for another time range, decimation or processing:
    // the view (zoom) kept. Other traces: as setData() with the same interval, start time and
    // labels.
    void replaceData(ProcessedWindow window);
    // The same for a window shown as read (see setData(TraceWindow, ...)).
    void replaceData(TraceWindow window);
    // Samples per trace of the source (0: unknown, the window's are all). resetView() then
    // shows the whole trace length even when the window holds part of it.
    void setTraceSamples(qint64 samples);
    // Height of the plot area in pixels as last laid out (0 before the first layout).
    int plotHeight() const;

    // Draws with `settings` from now on; the view range is kept. A new clip is one lookup in the
    // window's clip sample. AGC and normalisation are kept, not applied (see above).
    void setSettings(const DisplaySettings& settings);
    const DisplaySettings& settings() const;
    // The title of the vertical axis: "time (ms)", or the sample-count title without an interval.
    QString timeAxisLabel() const;

    // The clip in use (amplitude units, before gain): the percentile of |amplitude| of the
    // processed window (ProcessedWindow::percentile) or the absolute clip; 1 when the window is
    // empty or all zero.
    float clipValue() const;

    // True when the mode has wiggles and the current zoom leaves traces wide enough for them (see
    // kMinWigglePixels), for the plot area as last laid out (a hidden widget is laid out by its
    // first show() or grab()).
    bool wigglesVisible() const;
    // True when colours are drawn: the density modes, or a wiggle mode fallen back to density.
    bool densityVisible() const;
    // The note drawn over the plot when a mode's wiggles are not drawn because traces are
    // narrower than kMinWigglePixels (it says so and suggests zooming in); empty otherwise.
    QString note() const;
    // The plot area (where the data are drawn) in the view's coordinates, as last laid out.
    QRect plotRect() const;

    // The plot (axes and data) drawn into an image of `size` pixels, as it would look at that
    // size; an empty size: the size on screen. The data are those on screen (drawn at the image's
    // resolution from the window shown).
    QPixmap renderImage(QSize size = {});

    // Annotates the traces of the window shown with up to TraceAnnotation::kMaxRows rows of
    // header values (row.values[t - window.traces().begin] under trace t), drawn above the plot
    // top to bottom with their keys as titles; rows of the wrong size are dropped, no rows
    // annotate by trace number (1-based). Kept until the next setAnnotation() or setData().
    void setAnnotation(TraceLabels rows);
    // Whether the windows given next are whole gathers, whose first trace starts a run of the
    // first annotation row's values (TraceAnnotation::setFirstStartsRun). Default false.
    void setWindowIsGather(bool gather);
    const TraceLabels& annotation() const;
    // The rows' titles as drawn (their keys, or "trace").
    QStringList annotationTitles() const;
    // The labelled traces for the traces in view now, with each row's text: what is drawn.
    std::vector<AnnotationTick> annotationTicks() const;
    // One row: setAnnotation({{key, values}}).
    void setTraceLabels(const QString& key, std::vector<qint64> values);
    // The first row's text under `trace` (0-based, absolute): its header value, or its 1-based
    // number without header rows; empty outside the window.
    QString traceLabel(qint64 trace) const;

    // Marks trace `trace` (0-based, absolute) with a translucent band, e.g. the row selected in
    // a header table; -1 (or a trace outside the window) marks none. Kept across windows.
    void setMarkedTrace(qint64 trace);
    qint64 markedTrace() const;
    // Overlays (gatheroverlay.h) drawn over the data in the order added, and offered the mouse
    // events over the plot in the order added, before the view pans or zooms with them. Not
    // owned. updateOverlays() redraws them alone (the data are not drawn again).
    void addOverlay(GatherOverlay* overlay);
    void removeOverlay(GatherOverlay* overlay);
    void updateOverlays();
    // Conversions between the view's widget coordinates and the data's: the pixel of trace
    // `trace` (0-based, absolute; fractional) at `timeMs`, and back, as the axes stand now.
    QPointF pointOf(double trace, double timeMs) const;
    double traceAt(double x) const;
    double timeAt(double y) const;

    // Shows the whole window again (the whole trace length after setTraceSamples()).
    void resetView();
    // Zooms to traces [firstTrace, lastTrace] and times [fromMs, toMs] (either order), as a
    // rubber band does. Spans narrower than one trace or one sample are widened to that.
    void zoomTo(double firstTrace, double lastTrace, double fromMs, double toMs);
    // What is visible now: traces (fractional, 0-based, absolute) and times (ms).
    QPair<double, double> visibleTraces() const;
    QPair<double, double> visibleTimes() const;

signals:
    // The mouse is over the data: the nearest trace (0-based), the time (ms) of the nearest
    // sample and its processed amplitude (after AGC and normalisation, before gain). Emitted on
    // every mouse move, and after every replot while the mouse stays over the plot (a new
    // window, a pan or zoom by keys, new settings), so a readout never shows what is no longer
    // under the mouse.
    void cursorMoved(qint64 trace, double timeMs, float amplitude);
    // The mouse left the plot, or what is under it is no data (outside the traces or samples).
    void cursorLeft();
    // A left click on trace `trace` (0-based, absolute).
    void traceClicked(qint64 trace);
    // The visible time range changed (zoom, pan, new data): the input samples it shows,
    // [first, end), 0-based, clamped to 0 and to setTraceSamples() when known.
    void visibleSamplesChanged(qint64 first, qint64 end);
    // What the picture stands for changed: the clip in use, the gain, the colour map, the mode,
    // whether colours or wiggles are drawn (a zoom or resize can switch wiggles off), or the plot
    // area's geometry. Emitted after the replot that changed it.
    void scaleChanged();

protected:
    void resizeEvent(QResizeEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
