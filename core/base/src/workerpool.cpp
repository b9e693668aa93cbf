#include "seis/base/workerpool.h"

#include <QThread>
#include <QtGlobal>

#include <algorithm>
#include <utility>

namespace seis::detail {

WorkerPool::WorkerPool(int threads) {
    m_threads.reserve(static_cast<std::size_t>(std::max(1, threads)));
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { run(); });
}

WorkerPool::~WorkerPool() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (auto& t : m_threads)
        t.join();
}

void WorkerPool::submit(std::function<void()> task) {
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void WorkerPool::run() {
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [&] { return m_stopping || !m_tasks.empty(); });
            if (m_tasks.empty())
                return; // stopping, and nothing left
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        // The last line: no exception may end a pool thread (std::terminate). Tasks that need
        // their errors catch them themselves.
        try {
            task();
        } catch (const std::exception& e) {
            qCritical("seis: a worker task failed: %s", e.what());
        } catch (...) {
            qCritical("seis: a worker task failed with an unknown exception");
        }
    }
}

WorkerPool& WorkerPool::global() {
    // Deliberately leaked: joining threads from a static destructor races with other statics.
    static WorkerPool* pool = new WorkerPool(std::max(1, QThread::idealThreadCount()));
    return *pool;
}

Helper::Helper(WorkerPool& pool, std::function<void()> work)
    : m_state(std::make_shared<State>()) {
    m_state->work = std::move(work);
    pool.submit([state = m_state] {
        {
            std::lock_guard lock(state->mutex);
            if (state->phase != 0)
                return; // revoked: the caller's stack may be gone, touch nothing of it
            state->phase = 1;
        }
        std::exception_ptr error;
        try {
            state->work();
        } catch (...) {
            error = std::current_exception(); // for the waiting caller
        }
        {
            std::lock_guard lock(state->mutex);
            state->error = std::move(error);
            state->phase = 2;
            state->work = nullptr;
        }
        state->finished.notify_all();
    });
}

std::exception_ptr Helper::revokeOrWait() {
    std::unique_lock lock(m_state->mutex);
    if (m_state->phase == 0) {
        m_state->phase = 3;
        m_state->work = nullptr;
        return {};
    }
    m_state->finished.wait(lock, [&] { return m_state->phase == 2; });
    return std::exchange(m_state->error, nullptr);
}

std::exception_ptr HelperGroup::revokeOrWaitAll() noexcept {
    std::exception_ptr first;
    for (; m_done < m_helpers.size(); ++m_done)
        if (auto e = m_helpers[m_done].revokeOrWait(); e && !first)
            first = std::move(e);
    return first;
}

} // namespace seis::detail
