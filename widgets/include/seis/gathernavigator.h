// What the gather display shows, and getting it there without ever blocking the GUI thread.
//
// A navigator owns the tile cache over one trace source and the source's ensemble index. It
// shows either a run of traces (trace mode: a scroll bar over the whole file) or one ensemble
// (ensemble mode: first / previous / next / last / by number / by key values). Every request goes
// to the cache's worker; windowReady() delivers the window on the GUI thread when it is there,
// and a request superseded before it started is skipped. The ensemble scan runs in the
// background from setSource() on, with progress; ensembles are usable as the scan finds them.
//
// Indexing: traces and ensembles are 0-based. Threads: GUI thread only (signals arrive there).
#pragma once

#include <seis/ensembleindex.h>
#include <seis/tilecache.h>
#include <seis/traceheaderfield.h>

#include <QFutureWatcher>
#include <QObject>
#include <memory>
#include <optional>
#include <vector>

namespace seis {

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

    const TraceSource* source() const { return m_source.get(); }
    const TileCache* cache() const { return m_cache.get(); }
    // nullptr without a source or keys. Grows while the scan runs.
    std::shared_ptr<const EnsembleIndex> ensembles() const { return m_index; }
    bool isScanning() const;
    // Waits for the scan (tests and screenshots only: blocks the calling thread).
    void waitForScan();

    Mode mode() const { return m_mode; }
    // The traces last asked for (what windowReady() will deliver, or has).
    TraceRange view() const { return m_view; }
    // The ensemble shown in ensemble mode, or -1.
    qint64 currentEnsemble() const { return m_mode == Mode::Ensembles ? m_ensemble : -1; }

    // Trace mode: shows `width` traces from `first` (clamped to the file). All samples.
    void showTraces(qint64 first, qint64 width);
    // Ensemble mode. Return false (showing nothing new) if that ensemble is not known (yet).
    bool showEnsemble(qint64 number);
    bool showFirstEnsemble() { return showEnsemble(0); }
    bool showLastEnsemble();
    bool showNextEnsemble();
    bool showPreviousEnsemble();
    // The first ensemble, after the current one if `after`, whose keys equal `keys`.
    bool showEnsembleByKeys(std::span<const qint64> keys, bool after = false);

signals:
    // The window for view(), on the GUI thread.
    void windowReady(const seis::TraceWindow& window);
    // A read failed; the message names the file and what is wrong.
    void readFailed(const QString& message);
    // More ensembles are known, or the scan ended (`complete`).
    void ensemblesChanged(qint64 known, bool complete);
    // Scan progress: percent and the ProgressTracker text (rate, ETA).
    void scanProgress(int percent, const QString& text);
    // The scan failed; the message names the file and what is wrong.
    void scanFailed(const QString& message);

private:
    void request(TraceRange traces);
    void deliver();
    void scanStep();

    std::shared_ptr<const TraceSource> m_source;
    std::unique_ptr<TileCache> m_cache;
    std::shared_ptr<EnsembleIndex> m_index;
    QFutureWatcher<void> m_scan;
    QFutureWatcher<TraceWindow> m_window; // the latest request; earlier ones are cancelled
    Mode m_mode = Mode::Traces;
    TraceRange m_view;
    qint64 m_ensemble = -1;
};

} // namespace seis
