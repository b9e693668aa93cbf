// Internal: runs numbered work items on the core's worker pool plus the calling thread.
#pragma once

#include "seis/base/executors.h"
#include "seis/base/workerpool.h"

#include <QThread>

#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <vector>

namespace seis::detail {

// Calls work(i) for every i in [0, count), each exactly once, unless stopped. Items are handed out
// from one atomic counter, so the calling thread always makes progress on its own: a busy or
// exhausted pool slows the job down but can never deadlock it. May be nested (work may call
// runParallel) and called from any thread. `afterOwnItem(done)` runs on the
// calling thread after each item it finished itself, with the number of items finished so far;
// returning false stops the job (items already started still finish). Returns false if stopped.
//
// Exceptions: the first exception thrown by work(i) (on any thread) or by afterOwnItem stops the
// job like a false from afterOwnItem (no new items start); once every helper has finished or been
// taken back, it is rethrown on the calling thread. Later exceptions are dropped. Nothing ever
// leaves a pool thread.
template <class Work, class AfterOwnItem>
bool runParallel(qint64 count, int maxThreads, Work&& work, AfterOwnItem&& afterOwnItem) {
    std::atomic<qint64> next{0};
    std::atomic<qint64> done{0};
    std::atomic<bool> stop{false};
    std::mutex errorMutex;
    std::exception_ptr error;
    auto keepError = [&](std::exception_ptr e) {
        {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::move(e);
        }
        stop.store(true, std::memory_order_relaxed);
    };
    auto worker = [&] {
        for (;;) {
            if (stop.load(std::memory_order_relaxed))
                return;
            const qint64 i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= count)
                return;
            try {
                work(i);
            } catch (...) {
                keepError(std::current_exception());
                return;
            }
            done.fetch_add(1, std::memory_order_release);
        }
    };

    bool stopped = false;
    {
        const int helpers = static_cast<int>(std::min<qint64>(count, std::max(1, maxThreads)) - 1);
        HelperGroup started(static_cast<std::size_t>(std::max(helpers, 0)));
        try {
            for (int h = 0; h < helpers; ++h)
                started.start(executors::parallel(), worker);
            for (;;) {
                if (stop.load(std::memory_order_relaxed))
                    break;
                const qint64 i = next.fetch_add(1, std::memory_order_relaxed);
                if (i >= count)
                    break;
                work(i);
                const qint64 finished = done.fetch_add(1, std::memory_order_acq_rel) + 1;
                if (!afterOwnItem(finished)) {
                    stop.store(true, std::memory_order_relaxed);
                    stopped = true;
                }
            }
        } catch (...) {
            keepError(std::current_exception());
        }
        // A helper still queued (the pool busy with other callers' work) is taken back rather
        // than waited for: the work is done, and waiting could deadlock callers waiting on each
        // other. The group's destructor does the same if anything above throws.
        if (auto e = started.revokeOrWaitAll())
            keepError(std::move(e));
    }
    if (error)
        std::rethrow_exception(error);
    return !stopped;
}

template <class Work> void runParallel(qint64 count, int maxThreads, Work&& work) {
    runParallel(count, maxThreads, std::forward<Work>(work), [](qint64) { return true; });
}

// Major page faults (pages read from disk) taken by the calling thread so far.
inline long threadMajorFaults() {
    rusage r{};
    getrusage(RUSAGE_THREAD, &r);
    return r.ru_majflt;
}

inline int defaultThreads() {
    return std::max(1, QThread::idealThreadCount());
}

} // namespace seis::detail
