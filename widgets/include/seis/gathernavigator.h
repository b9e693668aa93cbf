// What the gather display shows, and getting it there without ever blocking the GUI thread.
//
// A navigator owns the tile cache over one trace source and the source's ensemble index. It
// shows either a run of traces (trace mode: a scroll bar over the whole file) or one ensemble
// (ensemble mode: first / previous / next / last / by number / by key values). Every request goes
// to the cache's worker; windowReady() delivers the window on the GUI thread when it is there,
// and a request superseded before it started is skipped. The header values the display needs
// for the window's traces (setHeaderKeys: the axis labels, the status bar) are read on the same
// worker and arrive with the window, so the GUI thread never reads the file to show a window.
// The ensemble scan runs in the background from setSource() on, with progress; ensembles are
// usable as the scan finds them.
//
// Long traces: a window holds at most rows() samples per trace (the larger of kMinRows and
// twice the plot's height), so memory stays bounded whatever the trace length. Traces that fit
// are read whole, at full resolution, as always. Longer ones are read for the visible time range
// only (setVisibleSamples), decimated by the power of two that brings it under rows() (the peak
// of every f samples; TraceWindow::factor()). Zooming in time asks for a finer level of the
// visible range; such a refinement of the window on screen arrives through windowRefined().
//
// Indexing: traces and ensembles are 0-based. Threads: GUI thread only (signals arrive there).
#pragma once

#include "seis/ensembles/ensembleindex.h"
#include "seis/cache/tilecache.h"
#include "seis/base/traceheaderfield.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <memory>
#include <optional>
#include <vector>

namespace seis {

// Header values for a run of traces: columns[k][t - traces.begin] is fields[k] of trace t.
struct WindowHeaders {
    TraceRange traces;
    std::vector<HeaderField> fields;
    std::vector<std::vector<qint64>> columns;

    // The column of the field named `name` (HeaderField::name), or -1.
    qsizetype indexOf(const QString& name) const;
    // fields[field] of trace `trace` (0-based, absolute), if both are held.
    std::optional<qint64> value(qsizetype field, qint64 trace) const;
};

class GatherNavigator : public QObject {
    Q_OBJECT

public:
    enum class Mode { Traces, Ensembles };

    explicit GatherNavigator(QObject* parent = nullptr);
    ~GatherNavigator() override;

    // Starts over on `source`: a new tile cache, and a background scan of its ensembles by `keys`
    // (one or two fields; empty: no ensembles). Shows nothing until asked.
    void setSource(std::shared_ptr<const TraceSource> source, std::vector<HeaderField> keys,
                   TileCacheOptions cache = {}, EnsembleScanOptions scan = {});
    // Cancels everything and forgets the source.
    void clear();

    // The header fields read with every window from the next request on (none by default).
    void setHeaderKeys(std::vector<HeaderField> keys);
    const std::vector<HeaderField>& headerKeys() const { return m_headerKeys; }
    // The header values of the window last delivered by windowReady() (valid from that signal
    // on until the next one).
    const WindowHeaders& headers() const { return m_headers; }

    const TraceSource* source() const { return m_source.get(); }
    const TileCache* cache() const { return m_cache.get(); }
    // nullptr without a source or keys. Grows while the scan runs.
    std::shared_ptr<const EnsembleIndex> ensembles() const { return m_index; }
    bool isScanning() const;
    // The current (or last) ensemble scan, for a progress dialog: progress 0..traceCount with the
    // ProgressTracker's text (rate, ETA). Cancelling it stops the scan; the ensembles found so
    // far stay usable and the index stays incomplete (it is not cached).
    QFuture<void> scanFuture() const { return m_scan.future(); }
    // Waits for the scan (tests and screenshots only: blocks the calling thread).
    void waitForScan();

    Mode mode() const { return m_mode; }
    // The traces last asked for (what windowReady() will deliver, or has).
    TraceRange view() const { return m_view; }
    // The ensemble shown in ensemble mode, or -1.
    qint64 currentEnsemble() const { return m_mode == Mode::Ensembles ? m_ensemble : -1; }

    // Traces of up to this many samples are always read whole at full resolution.
    static constexpr qint64 kMinRows = 8192;

    // Trace mode: shows `width` traces from `first` (clamped to the file): all samples, or for
    // traces longer than rows(), the visible ones decimated (see above). At most as many traces
    // as the cache budget holds at that many samples per trace (256 MB without a cache).
    void showTraces(qint64 first, qint64 width);
    // Ensemble mode. Return false (showing nothing new) if that ensemble is not known (yet).
    bool showEnsemble(qint64 number);
    bool showFirstEnsemble() { return showEnsemble(0); }
    bool showLastEnsemble();
    bool showNextEnsemble();
    bool showPreviousEnsemble();
    // The first ensemble, after the current one if `after`, whose keys equal `keys`.
    bool showEnsembleByKeys(std::span<const qint64> keys, bool after = false);

    // What the display shows of each trace: input samples `visible` (0-based, half-open; an
    // empty range means all) on a plot `plotHeight` pixels high (0: unknown). For traces longer
    // than rows(), asks again for the current traces when the window does not cover `visible`
    // or is coarser than it now needs; the answer comes through windowRefined().
    void setVisibleSamples(SampleRange visible, int plotHeight);
    // Output samples per trace a window may hold: max(kMinRows, 2 x plot height).
    qint64 rows() const { return m_rows; }
    // The input samples and decimation factor of the last request.
    SampleRange requestedSamples() const { return m_requestedSamples; }
    qint64 requestedFactor() const { return m_requestedFactor; }

signals:
    // The window for view(), on the GUI thread; headers() holds its header values.
    void windowReady(const seis::TraceWindow& window);
    // The same traces as the last window delivered, for another time range or decimation
    // (after setVisibleSamples); the display keeps its zoom. headers() are unchanged.
    void windowRefined(const seis::TraceWindow& window);
    // A read failed; the message names the file and what is wrong.
    void readFailed(const QString& message);
    // More ensembles are known, or the scan ended (`complete`).
    void ensemblesChanged(qint64 known, bool complete);
    // Scan progress: percent and the ProgressTracker text (rate, ETA).
    void scanProgress(int percent, const QString& text);
    // The scan failed; the message names the file and what is wrong.
    void scanFailed(const QString& message);

private:
    void request(TraceRange traces, bool refine = false);
    // The input samples and factor a window of the current traces should have.
    std::pair<SampleRange, qint64> plan() const;
    void deliver();
    void scanStep();

    std::shared_ptr<const TraceSource> m_source;
    std::unique_ptr<TileCache> m_cache;
    std::shared_ptr<EnsembleIndex> m_index;
    QFutureWatcher<void> m_scan;
    struct Delivery {
        TraceWindow window;
        WindowHeaders headers;
    };
    QThreadPool m_headerPool;          // reads the header values of each window
    QFuture<TraceWindow> m_read;       // the cache's part of the latest request
    QFutureWatcher<Delivery> m_window; // the latest request; earlier ones are cancelled
    std::vector<HeaderField> m_headerKeys;
    WindowHeaders m_headers;
    Mode m_mode = Mode::Traces;
    TraceRange m_view;
    qint64 m_ensemble = -1;
    SampleRange m_visible; // input samples on screen; empty: all
    qint64 m_rows = kMinRows;
    SampleRange m_requestedSamples; // of the last request
    qint64 m_requestedFactor = 1;
    SampleRange m_requestedCover; // the input samples its whole bins cover
    bool m_refining = false;      // the last request refines the window on screen
    TraceRange m_delivered;       // traces of the last window delivered
};

} // namespace seis
