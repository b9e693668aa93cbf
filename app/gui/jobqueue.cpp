#include "jobqueue.h"

#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/sources/opensource.h"

#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <mutex>

namespace seis::gui {

// What the running job and the GUI thread share. The job holds its own reference, so it never
// touches the queue (which may be gone before the job ends).
struct JobQueue::Shared {
    std::mutex mutex;
    zarr::ConvertProgress progress; // guarded by mutex
    bool fresh = false;             // guarded by mutex: a report the GUI has not read
    std::atomic<bool> cancel{false};
};

JobQueue::JobQueue(QObject* parent)
    : QObject(parent) {
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &JobQueue::poll);
}

JobQueue::~JobQueue() {
    if (m_shared)
        m_shared->cancel = true; // the job stops at its next report and removes its store
}

QString JobQueue::storePathFor(const QString& source, const QStringList& reserved) {
    const QFileInfo info(QDir::cleanPath(source)); // "survey.zarr/" names survey.zarr
    const QDir dir = info.absoluteDir();
    // "shots.sgy" -> "shots", "survey.zarr" -> "survey", "a.b.segy" -> "a.b".
    QString name = info.fileName();
    if (const qsizetype dot = name.lastIndexOf(QLatin1Char('.')); dot > 0)
        name.truncate(dot);
    for (int n = 0;; ++n) {
        const QString candidate =
            dir.absoluteFilePath(n == 0 ? name + QStringLiteral(".zarr")
                                        : QStringLiteral("%1-%2.zarr").arg(name).arg(n));
        // A dangling link counts as taken too: the store would be written through it.
        const QFileInfo c(candidate);
        if (!c.exists() && !c.isSymLink() && !reserved.contains(candidate))
            return candidate;
    }
}

int JobQueue::enqueue(const QString& source, const zarr::ConvertOptions& options) {
    Job job;
    job.id = m_nextId++;
    job.source = source;
    job.target = storePathFor(source, reservedTargets(0));
    job.options = options;
    m_jobs.push_back(job);
    emit jobAdded(job.id);
    startNext();
    return job.id;
}

int JobQueue::enqueueExport(std::shared_ptr<const TraceSource> source, const SelectionSpec& spec,
                            const ExportRequest& request) {
    Job job;
    job.id = m_nextId++;
    job.kind = Kind::Export;
    job.source = source->path();
    job.target = request.target;
    job.input = std::move(source);
    job.selection = spec;
    job.request = request;
    m_jobs.push_back(job);
    emit jobAdded(job.id);
    startNext();
    return job.id;
}

const JobQueue::Job* JobQueue::job(int id) const {
    for (const Job& j : m_jobs)
        if (j.id == id)
            return &j;
    return nullptr;
}

JobQueue::Job* JobQueue::find(int id) {
    return const_cast<Job*>(std::as_const(*this).job(id));
}

bool JobQueue::isBusy() const {
    for (const Job& j : m_jobs)
        if (!j.finished())
            return true;
    return false;
}

QStringList JobQueue::reservedTargets(int except) const {
    QStringList targets;
    for (const Job& j : m_jobs)
        if (!j.finished() && j.id != except)
            targets << j.target;
    return targets;
}

void JobQueue::cancel(int id) {
    Job* j = find(id);
    if (!j || j->finished())
        return;
    if (j->state == State::Queued) {
        j->state = State::Cancelled;
        emit jobChanged(id);
        emit jobFinished(id);
        if (!isBusy())
            emit idle();
        return;
    }
    j->cancelRequested = true;
    if (m_shared)
        m_shared->cancel = true;
    emit jobChanged(id);
}

void JobQueue::cancelAll() {
    // The queued ones first, so that cancelling the running one starts none of them.
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<int> ids;
        for (const Job& j : m_jobs)
            if ((pass == 0) == (j.state == State::Queued))
                ids.push_back(j.id);
        for (int id : ids)
            cancel(id);
    }
}

void JobQueue::clearFinished() {
    std::vector<int> gone;
    std::erase_if(m_jobs, [&](const Job& j) {
        if (j.finished())
            gone.push_back(j.id);
        return j.finished();
    });
    for (int id : gone)
        emit jobRemoved(id);
}

void JobQueue::startNext() {
    if (m_running != 0)
        return;
    Job* next = nullptr;
    for (Job& j : m_jobs)
        if (j.state == State::Queued) {
            next = &j;
            break;
        }
    if (!next)
        return;
    // The name may have been taken since the conversion was queued.
    const QFileInfo target(next->target);
    if (next->kind == Kind::Conversion && (target.exists() || target.isSymLink()))
        next->target = storePathFor(next->source, reservedTargets(next->id));
    next->state = State::Running;
    m_running = next->id;
    m_shared = std::make_shared<Shared>();

    auto run = [shared = m_shared, id = next->id, job = work(*next), hook = m_hook]() -> Outcome {
        // Nothing may escape a worker thread: every failure becomes the job's message.
        Outcome outcome;
        try {
            if (shared->cancel) {
                outcome.result.status = LoadStatus::Cancelled;
                return outcome;
            }
            outcome = job([&](const zarr::ConvertProgress& p, const QString&) {
                {
                    std::lock_guard lock(shared->mutex);
                    shared->progress = p;
                    shared->fresh = true;
                }
                if (hook)
                    hook(id, p);
                return !shared->cancel.load();
            });
        } catch (...) {
            outcome.error = errorMessage(std::current_exception());
        }
        return outcome;
    };
    m_watcher = new QFutureWatcher<Outcome>(this);
    connect(m_watcher, &QFutureWatcherBase::finished, this,
            [this, watcher = m_watcher, id = next->id] {
                watcher->deleteLater();
                // Finished: result() never blocks, and the job caught everything it threw.
                const Outcome outcome = watcher->future().result();
                finish(id, outcome);
            });
    m_watcher->setFuture(QtConcurrent::run(executors::jobs(), std::move(run)));
    m_poll.start();
    emit jobChanged(next->id);
}

std::function<JobQueue::Outcome(const ExportProgressCallback&)>
JobQueue::work(const Job& job) const {
    if (job.kind == Kind::Export)
        return [input = job.input, spec = job.selection,
                request = job.request](const ExportProgressCallback& report) {
            const ExportResult r = exportTraces(input, spec, request, report);
            Outcome outcome;
            if (r.zarr) {
                outcome.result = *r.zarr;
                return outcome;
            }
            zarr::ConvertResult& summary = outcome.result;
            summary.status = r.status;
            summary.traces = r.traces;
            summary.samples = r.samples;
            summary.bytesIn = r.traces * (kTraceHeaderBytes + 4 * r.samples);
            summary.bytesOut = r.bytesWritten;
            summary.seconds = r.seconds;
            summary.warnings = r.warnings;
            return outcome;
        };
    return [source = job.source, target = job.target,
            options = job.options](const ExportProgressCallback& report) {
        const std::shared_ptr<const TraceSource> input = openSource(source);
        Outcome outcome;
        outcome.result = zarr::convertToZarr(
            *input, target, options, [&](const zarr::ConvertProgress& p) { return report(p, {}); });
        return outcome;
    };
}

void JobQueue::poll() {
    if (!m_shared || m_running == 0)
        return;
    zarr::ConvertProgress progress;
    {
        std::lock_guard lock(m_shared->mutex);
        if (!m_shared->fresh)
            return;
        progress = m_shared->progress;
        m_shared->fresh = false;
    }
    if (Job* j = find(m_running)) {
        j->progress = progress;
        emit jobChanged(j->id);
    }
}

void JobQueue::finish(int id, const Outcome& outcome) {
    poll(); // the last report, so a finished row shows the final figures
    m_poll.stop();
    m_running = 0;
    m_shared.reset();
    m_watcher = nullptr;
    if (Job* j = find(id)) {
        if (!outcome.error.isEmpty()) {
            j->state = State::Failed;
            j->error = outcome.error;
        } else if (outcome.result.status == LoadStatus::Cancelled) {
            j->state = State::Cancelled;
        } else {
            j->state = State::Done;
            j->result = outcome.result;
        }
        emit jobChanged(id);
        emit jobFinished(id);
    }
    startNext();
    if (!isBusy())
        emit idle();
}

} // namespace seis::gui
