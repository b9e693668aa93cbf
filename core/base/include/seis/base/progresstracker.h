// Progress of a long job: percent, throughput over a sliding window, a settling ETA, and
// cancellation. One tracker serves every long job (loads, ensemble scans, exports).
//
// Threads: update() is called by the job (from one thread at a time, or from several: it is
// guarded); cancel(), isCancelled() and snapshot() may be called from any thread at any time.
#pragma once

#include "seis/base/progress.h"

#include <QPromise>
#include <QString>
#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace seis {

// What a progress display shows at one moment.
struct ProgressSnapshot {
    qint64 done = 0;
    qint64 total = 0;
    double percent = 0;        // 0..100
    double unitsPerSecond = 0; // over the sliding window; 0 until two updates are apart in time
    double bytesPerSecond = 0; // unitsPerSecond * bytesPerUnit
    // Settling estimate (see progresstracker.cpp), counting down between updates. Unknown until
    // the rate is known and while nothing was done for a whole window; 0 once done >= total.
    std::optional<double> etaSeconds;
    double elapsedSeconds = 0;
};

class ProgressTracker {
public:
    // Milliseconds from any fixed origin, never decreasing. Tests pass a fake clock.
    using Clock = std::function<qint64()>;

    // `total` units of work (traces, usually) of `bytesPerUnit` bytes each (0 when unknown:
    // no MB/s is shown). `unit` names the unit in text() ("traces"). The default clock is a
    // monotonic steady clock.
    explicit ProgressTracker(qint64 total, qint64 bytesPerUnit = 0,
                             QString unit = QStringLiteral("traces"), Clock clock = {});
    // Defined where State is complete. Neither copyable nor movable: callback() captures `this`.
    ~ProgressTracker();
    ProgressTracker(const ProgressTracker&) = delete;
    ProgressTracker& operator=(const ProgressTracker&) = delete;

    // Records that `done` units are finished (monotonic; a smaller value is ignored). The same
    // value again is recorded: it is evidence of a stall. The construction time is no sample:
    // the rate is measured from the first update on, so the job's start-up is not counted.
    void update(qint64 done);

    void cancel();
    bool isCancelled() const;

    ProgressSnapshot snapshot() const;
    // One line for a dialog or a terminal, e.g.
    //   "42% · 12,345 traces/s · 120.5 MB/s · ETA 0:35"
    QString text() const;

    // A ProgressCallback for the plain job functions: updates this tracker and returns false
    // once cancel() was called. The job's `total` argument is not used: the tracker's is. The
    // tracker must outlive the callback.
    ProgressCallback callback();

    // The sliding window over which throughput is measured, ms.
    static constexpr qint64 kWindowMs = 5000;

private:
    struct State;
    std::unique_ptr<State> d;
};

// Formats seconds, rounded to the nearest whole second, as "m:ss" under an hour and "h:mm:ss"
// from an hour on (hours are not wrapped at 24). Negative and NaN read as 0.
QString formatDuration(double seconds);

// Wires a tracker to a QPromise, so a QFutureWatcher can drive a progress dialog: the returned
// callback updates the tracker, sets the promise's progress range (0..total), value and text
// (tracker.text()), and returns false once the future was cancelled (which also cancels the
// tracker) or the tracker was. Both must outlive the callback. Call it on the job's thread.
template <class T>
ProgressCallback promiseProgress(QPromise<T>& promise, ProgressTracker& tracker) {
    promise.setProgressRange(0, 0);
    return [&promise, &tracker, rangeSet = false](qint64 done, qint64 total) mutable {
        if (!rangeSet) {
            // QFuture progress is an int: scale very large totals down.
            promise.setProgressRange(0, static_cast<int>(std::min<qint64>(total, 1 << 30)));
            rangeSet = true;
        }
        tracker.update(done);
        const qint64 scaled = total > (1 << 30) ? done * (qint64(1) << 30) / total : done;
        promise.setProgressValueAndText(static_cast<int>(scaled), tracker.text());
        if (promise.isCanceled())
            tracker.cancel();
        return !tracker.isCancelled();
    };
}

} // namespace seis
