// Internal: executors::parallel() (seis/base/executors.h lists every pool), the core's own
// worker threads.
//
// Plain std::thread workers rather than QThreadPool, for one reason: the distribution's Qt is not
// built with ThreadSanitizer, and its futex-based QMutex hides every hand-off through a Qt pool
// from TSan, which then reports each of them as a race. With std::mutex hand-offs, TSan checks
// the core's concurrency for real (see tests/CMakeLists.txt). QtConcurrent stays at the API edge
// (the QFuture-returning wrappers).
#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace seis::detail {

class WorkerPool {
public:
    explicit WorkerPool(int threads);
    // Runs what is queued, then joins the threads.
    ~WorkerPool();
    WorkerPool(const WorkerPool&) = delete;
    WorkerPool& operator=(const WorkerPool&) = delete;

    // `task` runs on one of the pool's threads. Whatever it throws is caught there and logged
    // (qCritical): nothing leaves a pool thread. Callers that need the error catch it themselves
    // (Helper does).
    void submit(std::function<void()> task);

    // Shared by all parallel reads; idealThreadCount() threads, started on first use and never
    // stopped (it lives until the process exits).
    static WorkerPool& global();

private:
    void run();
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<std::function<void()>> m_tasks;
    std::vector<std::thread> m_threads;
    bool m_stopping = false;
};

// A task that the submitting thread may take back while it has not started, so that a thread
// waiting for helpers never waits for one stuck in a queue behind other waiting threads.
class Helper {
public:
    // Starts `work` on `pool` unless revoked first. `work` may refer to the caller's stack: it
    // runs only if it starts before revokeOrWait() returns.
    Helper(WorkerPool& pool, std::function<void()> work);
    // Takes the task back if it has not started, otherwise waits for it to finish. Returns what
    // `work` threw (caught on the pool thread), or null.
    std::exception_ptr revokeOrWait();

private:
    struct State {
        std::mutex mutex;
        std::condition_variable finished;
        int phase = 0; // 0 queued, 1 running, 2 finished, 3 revoked
        std::function<void()> work;
        std::exception_ptr error;
    };
    std::shared_ptr<State> m_state;
};

// The helpers of one parallel job. Every helper started is revoked or waited for before the
// group is destroyed, also when the caller leaves by an exception, so no helper outlives the
// caller's stack that its work refers to.
class HelperGroup {
public:
    explicit HelperGroup(std::size_t expected) { m_helpers.reserve(expected); }
    ~HelperGroup() { revokeOrWaitAll(); }
    HelperGroup(const HelperGroup&) = delete;
    HelperGroup& operator=(const HelperGroup&) = delete;

    void start(WorkerPool& pool, std::function<void()> work) {
        m_helpers.emplace_back(pool, std::move(work));
    }
    // revokeOrWait() on every helper not yet done; returns the first error any of them caught.
    std::exception_ptr revokeOrWaitAll() noexcept;

private:
    std::vector<Helper> m_helpers;
    std::size_t m_done = 0;
};

} // namespace seis::detail
