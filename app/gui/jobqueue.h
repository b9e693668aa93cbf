// The viewer's queue of background jobs that write files, shown by the jobs panel: conversions of
// SEG-Y (or any source) to Zarr, and exports (File > Export...). A conversion opens its source
// with openSource and runs seis::zarr::convertToZarr; an export runs seis::exportTraces
// (seis/sources/exportjob.h) on the source the viewer has open: its selection, its chain, to
// SEG-Y or Zarr. Both run on executors::jobs(), so the GUI thread never waits on one. Progress is
// read from the job every kPollMs and reported by jobChanged(); cancel() makes the job's progress
// callback return false, and the core then removes the output's temporary file or directory
// (nothing is left on disk).
//
// One job runs at a time; the others wait, in the order queued. convertToZarr already
// decodes and compresses on every core (executors::parallel()) and writes to the same disk, so
// a second conversion at once would only share the same cores and disk: both would end later,
// and the first store would be usable later, than one after the other.
//
// Conversion targets: beside the source, NAME.zarr (NAME: the source's name without its last
// suffix); if that exists or another queued job will write it, NAME-1.zarr, NAME-2.zarr... A store
// is never written over anything (chosen again when the job starts, in case the name was taken
// since). Export targets are the user's: a SEG-Y file replaces an existing one only once complete
// (a Zarr store is never written over anything: the job fails, naming it).
//
// Ownership: a QObject; the jobs' shared state outlives it, so destroying the queue (or quitting)
// cancels running jobs without waiting for them. Threads: GUI thread only, apart from the
// progress hook (see setProgressHook).
#pragma once

#include "seis/pipeline/selection.h"
#include "seis/sources/exportjob.h"
#include "seis/zarr/converttozarr.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>
#include <vector>

namespace seis::gui {

class JobQueue : public QObject {
    Q_OBJECT

public:
    enum class State { Queued, Running, Done, Failed, Cancelled };

    enum class Kind { Conversion, Export };

    struct Job {
        int id = 0;
        Kind kind = Kind::Conversion;
        QString source;               // as given
        QString target;               // the store (or, for an export, the SEG-Y file) to write
        zarr::ConvertOptions options; // conversions
        // Exports: the source as the viewer has it open, what to take of it and where it goes
        // (request.target is `target`).
        std::shared_ptr<const TraceSource> input;
        SelectionSpec selection;
        ExportRequest request;
        State state = State::Queued;
        zarr::ConvertProgress progress; // the latest report (while running)
        // Once Done. An export to SEG-Y fills traces, samples, bytesIn (240 + 4 * samples per
        // trace), bytesOut (the file's bytes), seconds and warnings; its ratio stays 0.
        zarr::ConvertResult result;
        QString error; // once Failed: the file and the problem
        bool cancelRequested = false;
        bool finished() const { return state != State::Queued && state != State::Running; }
    };

    static constexpr int kPollMs = 200;

    explicit JobQueue(QObject* parent = nullptr);
    ~JobQueue() override; // cancels every job; never waits for one

    // Queues a conversion of `source` into a new store beside it; returns the job's id (from 1).
    int enqueue(const QString& source, const zarr::ConvertOptions& options);
    // Queues an export of `spec` of `source` as `request` says (request.target: the output);
    // returns the job's id. Checks nothing here: what the job refuses makes it Failed, with the
    // message.
    int enqueueExport(std::shared_ptr<const TraceSource> source, const SelectionSpec& spec,
                      const ExportRequest& request);

    // Cancels a queued job at once, a running one at its next progress report (finished()
    // follows). Finished or unknown jobs: nothing.
    void cancel(int id);
    void cancelAll();
    // Forgets the finished jobs (jobRemoved for each).
    void clearFinished();

    // Every job, in the order queued; null for an unknown id.
    const std::vector<Job>& jobs() const { return m_jobs; }
    const Job* job(int id) const;
    bool isBusy() const; // a job is queued or running

    // The store a conversion of `source` writes if nothing else is queued: NAME.zarr beside it,
    // or NAME-1.zarr... when a path exists or is in `reserved`.
    static QString storePathFor(const QString& source, const QStringList& reserved = {});

    // For tests: called on the job's thread with each progress report, after the report is
    // handed to the GUI and before the job looks whether it was cancelled (a test can hold a job
    // there). Set before enqueue().
    using ProgressHook = std::function<void(int id, const zarr::ConvertProgress&)>;
    void setProgressHook(ProgressHook hook) { m_hook = std::move(hook); }

signals:
    void jobAdded(int id);
    // The job's state, progress or target changed.
    void jobChanged(int id);
    // The job is Done, Failed or Cancelled (jobChanged came first).
    void jobFinished(int id);
    void jobRemoved(int id);
    // Nothing is queued or running any more.
    void idle();

private:
    struct Shared;
    struct Outcome {
        zarr::ConvertResult result;
        QString error;
    };

    Job* find(int id);
    QStringList reservedTargets(int except) const;
    void startNext();
    // The running job's work, for the worker (it reports through `report`).
    std::function<Outcome(const ExportProgressCallback& report)> work(const Job& job) const;
    void poll();
    void finish(int id, const Outcome& outcome);

    std::vector<Job> m_jobs;
    int m_nextId = 1;
    int m_running = 0;                // id of the running job, 0 when none
    std::shared_ptr<Shared> m_shared; // of the running job
    QFutureWatcher<Outcome>* m_watcher = nullptr;
    QTimer m_poll;
    ProgressHook m_hook;
};

} // namespace seis::gui
