// What the gather display shows, and getting it there without ever blocking the GUI thread.
//
// A navigator owns the tile cache over one trace source and the source's ensemble index. It
// shows either a run of traces (trace mode: a scroll bar over the whole file) or one ensemble
// (ensemble mode: first / previous / next / last / by number / by key values). Every request goes
// to the cache's worker; windowReady() delivers the window on the GUI thread when it is there.
// One window is read and processed at a time: requests made meanwhile wait, only the latest is
// kept, and the window in flight is still delivered (moving faster than windows come shows
// every window that is ready, then the latest; never one after the latest). The header values the
// display needs for the window's traces (setHeaderKeys: the axis labels, the status bar) are read
// on the same worker and arrive with the window, so the GUI thread never reads the file to show a
// window. So does the processing (setProcessing: AGC, normalisation...) and the window's clip
// sample: every window is delivered as a ProcessedWindow (processed()), and the GUI thread never
// runs the chain nor touches every sample. A new chain reprocesses the window on screen on the
// worker; results of an older chain are dropped.
// The ensemble scan runs in the background from setSource() on, with progress; ensembles are
// usable as the scan finds them.
//
// The amplitude spectra (setSpectrumWanted, for the spectrum panel) are computed the same way:
// on the worker, with the processing, before and after it, and delivered with the window
// (processed().spectra and spectraReady()).
//
// Long traces: a window holds at most rows() samples per trace (the larger of kMinRows and
// twice the plot's height), so memory stays bounded whatever the trace length. Traces that fit
// are read whole, at full resolution, as always. Longer ones are read for the visible time range
// only (setVisibleSamples), decimated by the power of two that brings it under rows() (the peak
// of every f samples; TraceWindow::factor()). Zooming in time asks for a finer level of the
// visible range; such a refinement of the window on screen arrives through windowRefined().
// With processing on, or the spectrum wanted, windows are whole traces at full resolution
// whatever their length (a filter, or a spectrum, of decimated peaks would be another thing
// than the file's); the trace count of a window then stays within the cache's budget (see
// showTraces).
//
// Indexing: traces and ensembles are 0-based. Threads: GUI thread only (signals arrive there).
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/cache/tilecache.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/processedwindow.h"
#include "seis/processing/processingchain.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <atomic>
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
    // setSource with ensembles already known: `ensembles` (complete, over source->traceCount()
    // traces; a sorted view's gathers, sortedEnsembles) is used as it is and nothing is scanned.
    // ensemblesChanged() follows from the event loop, as after a scan.
    void setSourceWithEnsembles(std::shared_ptr<const TraceSource> source,
                                std::shared_ptr<EnsembleIndex> ensembles,
                                TileCacheOptions cache = {});
    // Cancels everything and forgets the source.
    void clear();

    // The header fields read with every window from the next request on (none by default).
    void setHeaderKeys(std::vector<HeaderField> keys);
    const std::vector<HeaderField>& headerKeys() const { return m_headerKeys; }
    // The header values of the window last delivered by windowReady() (valid from that signal
    // on until the next one).
    const WindowHeaders& headers() const { return m_headers; }

    // The processing run on every window from the next request on (empty by default: the
    // samples as read). Asks again for the traces on screen, if any, so they come back
    // processed with `chain` (through windowRefined() when the window on screen has those
    // traces). Kept across setSource() and clear().
    void setProcessing(ProcessingChain chain);
    const ProcessingChain& processing() const { return m_processing; }
    // Whether every window from the next request on comes with the mean amplitude spectra of
    // its traces before and after processing (windowspectra.h; off by default). Turned on, the
    // traces on screen are asked for again (whole, at full resolution: see above), so their
    // spectra follow through windowRefined() and spectraReady(). Kept across setSource().
    void setSpectrumWanted(bool wanted);
    bool spectrumWanted() const { return m_spectrumWanted; }
    // The window last delivered by windowReady() or windowRefined(), processed with the chain of
    // its request and with its clip sample (valid from that signal on until the next one).
    const ProcessedWindow& processed() const { return m_processed; }

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
    // The traces last asked for (what windowReady() will deliver last, or has; a window in
    // flight when they were asked for may come first).
    TraceRange view() const { return m_view; }
    // Whether the window last delivered is the one for view(): no newer request waits for the
    // window in flight, and none is in flight.
    bool showsView() const { return !m_inFlight && !m_pending && m_delivered == m_view; }
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
    // A window as read, on the GUI thread: the one for view(), or one asked for before that
    // was in flight (see above); headers() holds its header values and processed() the window
    // processed.
    void windowReady(const seis::TraceWindow& window);
    // The same traces as the last window delivered, for another time range or decimation
    // (after setVisibleSamples) or another processing (setProcessing); the display keeps its
    // zoom. headers() and processed() belong to it.
    void windowRefined(const seis::TraceWindow& window);
    // The spectra of the window just delivered (windowReady or windowRefined, right after it),
    // when setSpectrumWanted(true) was in force for its request.
    void spectraReady(std::shared_ptr<const seis::WindowSpectra> spectra);
    // A read failed; the message names the file and what is wrong.
    void readFailed(const QString& message);
    // More ensembles are known, or the scan ended (`complete`).
    void ensemblesChanged(qint64 known, bool complete);
    // Scan progress: percent and the ProgressTracker text (rate, ETA).
    void scanProgress(int percent, const QString& text);
    // The scan failed; the message names the file and what is wrong.
    void scanFailed(const QString& message);

private:
    // Asks for `traces` (the view): at once, or once the window in flight is there.
    void request(TraceRange traces, bool refine = false);
    // Starts the request for m_view.
    void start();
    // Settings that change what a window holds changed: work for the old ones is dropped.
    void invalidate();
    // The traces on screen again, with the current processing and spectrum wish: a refinement,
    // or in trace mode fewer traces if whole traces at full resolution no longer fit the budget.
    void requestAgain();
    // Trace mode: the most traces a window of the planned samples may hold (the cache budget).
    qint64 maxTraces() const;
    // The input samples and factor a window of the current traces should have.
    std::pair<SampleRange, qint64> plan() const;
    void deliver();

    std::shared_ptr<const TraceSource> m_source;
    std::unique_ptr<TileCache> m_cache;
    std::shared_ptr<EnsembleIndex> m_index;
    QFutureWatcher<void> m_scan;
    struct Delivery {
        ProcessedWindow window;
        WindowHeaders headers;
        quint64 generation = 0; // of its request
    };
    // Shows a finished request's window, if still wanted.
    void show(QFuture<Delivery> finished);
    void scanStep();
    // Reads the header values of each window and runs its processing (executors.h).
    QThreadPool m_windowPool;
    QFuture<TraceWindow> m_read;       // the cache's part of the request in flight
    QFutureWatcher<Delivery> m_window; // the request in flight
    bool m_inFlight = false;           // a request was started and has not been delivered
    bool m_pending = false;            // m_view was asked for while one was in flight
    std::vector<HeaderField> m_headerKeys;
    WindowHeaders m_headers;
    ProcessingChain m_processing;
    bool m_spectrumWanted = false;
    ProcessedWindow m_processed;
    // The latest request's number, and of settings changes (invalidate()): work of an older one
    // is skipped on the worker and its window dropped.
    std::shared_ptr<std::atomic<quint64>> m_generation = std::make_shared<std::atomic<quint64>>(0);
    Mode m_mode = Mode::Traces;
    TraceRange m_view;
    qint64 m_ensemble = -1;
    SampleRange m_visible; // input samples on screen; empty: all
    qint64 m_rows = kMinRows;
    SampleRange m_requestedSamples; // of the last request
    qint64 m_requestedFactor = 1;
    SampleRange m_requestedCover; // the input samples its whole bins cover
    bool m_refining = false;      // the last request refines the window on screen
    bool m_startedRefine = false; // the request in flight does
    TraceRange m_delivered;       // traces of the last window delivered
};

} // namespace seis
