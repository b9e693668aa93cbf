// The header graph (SeiSee's): one header key, or two (the second on its own axis on the right,
// or as a second curve on the same axis), plotted against trace number (1-based, as people
// count), for the traces on screen or for the whole file.
//
// On screen: the values come with the window (GatherNavigator reads windowFields() with every
// window on its worker; setWindowHeaders() only copies them out). Whole file: the key columns are
// read on a worker (readHeaderSeriesAsync, headerseries.h) while the panel is active, with a
// progress bar and Cancel in the panel; a file of more traces than the plot has pixel columns is
// kept as the smallest and largest value of each column (drawn as a band between them), so the
// memory is independent of the file size. The traces on screen are shaded in that mode. Zoomed
// in (the wheel, or a drag, along the trace axis) to fewer traces than the whole-file series
// shows, the traces in view (and half a view either side) are read again at the plot's
// resolution, so individual values show up; zoomed out, the whole-file series is drawn again.
// Clicking the plot (without dragging) emits traceClicked() with the trace under the mouse.
//
// Threads: GUI thread only. Ownership: a QWidget owned by its Qt parent; it cancels its job on
// destruction (the job then stops within one block).
#pragma once

#include "seis/base/headermapping.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/headerseries.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QCPGraph;
class QCPItemRect;
class QTimer;
class QLabel;
class QProgressBar;
class QPushButton;

namespace seis {

struct WindowHeaders;

class HeaderGraph : public QWidget {
    Q_OBJECT

public:
    enum class Scope { Screen, File };
    // Columns of a whole-file series at least (more when the plot is wider).
    static constexpr qint64 kMinColumns = 1024;

    explicit HeaderGraph(QWidget* parent = nullptr);
    ~HeaderGraph() override;

    // A new file (null: none): the whole-file series is forgotten and its job cancelled.
    void setSource(std::shared_ptr<const TraceSource> source);
    // The headers of the window on screen (its traces are shaded in whole-file scope).
    void setWindowHeaders(const WindowHeaders& headers);
    // Whether a whole-file read may run (the dock is visible). Turned on, it starts if needed.
    void setActive(bool active);

    // The user's own fields (the viewer's header mapping): offered with the standard names and
    // resolved first (HeaderMapping::resolve).
    void setMapping(HeaderMapping mapping);
    // Keys by name (the mapping's or a standard one) or byte spec ("offset", "189:i4"); `second`
    // empty for one key. Throws ArgumentError naming the text for a key that does not resolve.
    void setKeys(const QString& first, const QString& second = {});
    std::vector<HeaderField> keys() const { return m_keys; }
    void setScope(Scope scope);
    Scope scope() const { return m_scope; }
    // The second key on its own axis (right) or on the first key's axis.
    void setSecondOnOwnAxis(bool own);
    bool secondOnOwnAxis() const;
    // Coordinates with scalco, elevations with scalel applied (on by default).
    void setScalarsApplied(bool applied);
    bool scalarsApplied() const;

    // The header fields the on-screen series needs from each window (none in whole-file scope).
    std::vector<HeaderField> windowFields() const;
    // What is drawn (empty when nothing).
    const HeaderSeries& series() const { return m_series; }
    // The whole-file job running or last run, and whether one runs.
    QFuture<HeaderSeries> job() const { return m_job; }
    // From the start of a whole-file job until its end has been handled (drawn, or said).
    bool isReading() const { return m_reading; }
    // The columns a whole-file series gets: max(kMinColumns, plot width in device pixels).
    qint64 maxColumns() const;
    // Shows traces [traces.begin, traces.end) (0-based) across the plot, as zooming there with
    // the wheel does (in whole-file scope the traces in view are then read again, see above).
    void zoomToTraces(TraceRange traces);
    // The traces across the plot now (0-based, fractional).
    QPair<double, double> visibleTraces() const;
    // The plot widget (QCustomPlot), and the pixel in it where trace `trace` (0-based) is on
    // the horizontal axis, at the vertical middle of the plot.
    QWidget* plot() const;
    QPoint pixelOfTrace(qint64 trace) const;
    // The plotted data of key `key` (0 or 1): x (1-based trace of a column's first trace) and
    // the column's lower and upper values.
    std::vector<double> plottedTraces(int key) const;
    std::vector<double> plottedMin(int key) const;
    std::vector<double> plottedMax(int key) const;
    QString caption() const;
    // The plot alone as an image (for screenshots).
    QPixmap renderPlot() const;

signals:
    // The user clicked trace `trace` (0-based).
    void traceClicked(qint64 trace);
    // windowFields() changed (the keys, the scope or the scalars).
    void windowFieldsChanged();
    // A new series is drawn.
    void seriesShown();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void keysEdited();
    void startJob();
    void abandonJob(); // the job's result is no longer wanted
    // Reads the traces in view at the plot's resolution, or draws the whole-file series again.
    void refine();
    // `range`: traces to read (the whole file when nullopt), drawn keeping the zoom if set.
    void startJob(std::optional<TraceRange> range);
    void draw(HeaderSeries series, bool keepZoom = false);
    void showScreenRange();

    std::shared_ptr<const TraceSource> m_source;
    std::vector<HeaderField> m_keys;
    HeaderMapping m_mapping;
    Scope m_scope = Scope::Screen;
    bool m_active = false;
    bool m_reading = false;
    HeaderSeries m_series;
    HeaderSeries m_fileSeries;    // the whole file's, in File scope
    bool m_readingDetail = false; // the job reads the traces in view
    bool m_drawing = false;       // draw() sets the ranges
    QTimer* m_refineTimer = nullptr;
    TraceRange m_onScreen;
    std::unique_ptr<WindowHeaders> m_windowHeaders; // the last given
    QFuture<HeaderSeries> m_job;
    quint64 m_generation = 0;
    QComboBox* m_first = nullptr;
    QComboBox* m_second = nullptr;
    QCheckBox* m_ownAxis = nullptr;
    QCheckBox* m_scalars = nullptr;
    QComboBox* m_scopeBox = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_min[2] = {};
    QCPGraph* m_max[2] = {};
    QCPItemRect* m_screen = nullptr;
    QLabel* m_caption = nullptr;
    QPoint m_pressedAt;
    bool m_pressed = false;
};

} // namespace seis
