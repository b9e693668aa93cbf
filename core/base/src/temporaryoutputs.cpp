#include "temporaryoutputs.h"

#include "seis/base/outputfile.h"

#include <climits>
#include <csignal>
#include <cstring>
#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <mutex>

namespace seis {

namespace {

// A slot's life: Free -> Reserved (a Creation holds it) -> Active (the file exists under `path`)
// -> Free (renamed or removed by normal code) or Removing (taken by the signal handler, which
// unlinks it; the slot stays taken, the process is about to die).
enum State : int { Free, Reserved, Active, Removing };

struct Slot {
    std::atomic<int> state{Free};
    char path[PATH_MAX];
};
static_assert(std::atomic<int>::is_always_lock_free && std::atomic<bool>::is_always_lock_free,
              "the signal handler needs lock-free atomics");

Slot g_slots[kSignalCoveredTemporaries];
// Set by the first handler before it looks at any slot: a Creation that starts later creates
// nothing.
std::atomic<bool> g_dying{false};
// Set by that handler once every temporary it found is removed.
std::atomic<bool> g_removed{false};

constexpr int kSignals[] = {SIGHUP, SIGINT, SIGTERM};

// How long the handler waits for another thread (a fraction of a second of atomic loads): the
// waits below end within a few system calls of that thread, but a process forked while another
// thread held a slot would wait forever for a thread it does not have.
constexpr long kSpinLimit = 1L << 28;

template <typename Done> void waitBriefly(Done done) {
    for (long i = 0; i < kSpinLimit && !done(); ++i) {
    }
}

sigset_t terminatingSignals() {
    sigset_t set;
    sigemptyset(&set);
    for (const int sig : kSignals)
        sigaddset(&set, sig);
    return set;
}

// Async-signal-safe: atomics on lock-free ints, unlink(), signal(), raise().
void removeTemporariesAndDie(int sig) {
    if (!g_dying.exchange(true)) {
        for (Slot& slot : g_slots) {
            // A Creation in another thread (this one cannot be inside one: it blocks the signals)
            // is between creating its file and publishing the name: a few system calls.
            waitBriefly([&] { return slot.state.load() != Reserved; });
            int active = Active;
            if (slot.state.compare_exchange_strong(active, Removing))
                ::unlink(slot.path);
        }
        g_removed.store(true);
    } else {
        // Another thread is removing them (the handler blocks the three signals in its own
        // thread, so that is never this one): wait until it is done before dying.
        waitBriefly([] { return g_removed.load(); });
    }
    // Die of the same signal: the default action, raised again (delivered once this returns and
    // the signal is unblocked), so the exit status is the signal's (130 in a shell for SIGINT).
    ::signal(sig, SIG_DFL);
    ::raise(sig);
}

} // namespace

namespace temporaryoutputs {

Creation::Creation() noexcept {
    const sigset_t set = terminatingSignals();
    pthread_sigmask(SIG_BLOCK, &set, &m_oldMask);
    for (int i = 0; i < kSignalCoveredTemporaries; ++i) {
        int free = Free;
        if (g_slots[i].state.compare_exchange_strong(free, Reserved)) {
            m_slot = i;
            break;
        }
    }
    // After the slot is reserved (both sequentially consistent): either the handler, which sets
    // g_dying before it looks at the slots, waits for this slot, or this sees g_dying.
    m_interrupted = g_dying.load();
}

Creation::~Creation() {
    if (m_slot >= 0)
        g_slots[m_slot].state.store(Free);
    pthread_sigmask(SIG_SETMASK, &m_oldMask, nullptr);
}

int Creation::publish(const QByteArray& path) noexcept {
    if (m_slot < 0)
        return -1;
    Slot& slot = g_slots[m_slot];
    std::size_t used = 0;
    bool fits = !path.isEmpty();
    if (fits && path.front() != '/') {
        // Relative: the handler must not depend on the working directory staying the same.
        if (::getcwd(slot.path, sizeof slot.path) == nullptr) {
            fits = false;
        } else {
            used = std::strlen(slot.path);
            if (used + 1 < sizeof slot.path && (used == 0 || slot.path[used - 1] != '/'))
                slot.path[used++] = '/';
        }
    }
    fits = fits && used + std::size_t(path.size()) < sizeof slot.path;
    if (!fits) {
        slot.state.store(Free);
        m_slot = -1;
        return -1;
    }
    std::memcpy(slot.path + used, path.constData(), std::size_t(path.size()));
    slot.path[used + std::size_t(path.size())] = '\0';
    slot.state.store(Active);
    const int published = m_slot;
    m_slot = -1;
    return published;
}

void release(int slot) noexcept {
    if (slot < 0 || slot >= kSignalCoveredTemporaries)
        return;
    // Fails only when the handler has taken it (Removing): then the process is about to die.
    int active = Active;
    g_slots[slot].state.compare_exchange_strong(active, Free);
}

} // namespace temporaryoutputs

void removeTemporaryOutputsOnSignals() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_handler = removeTemporariesAndDie;
        // While the handler runs, none of the three interrupts it in its thread.
        action.sa_mask = terminatingSignals();
        action.sa_flags = SA_RESTART;
        for (const int sig : kSignals) {
            struct sigaction old {};
            if (::sigaction(sig, nullptr, &old) != 0)
                continue;
            // Only a default action is replaced: an ignored signal (nohup) stays ignored and the
            // program's own handler stays in place.
            if ((old.sa_flags & SA_SIGINFO) == 0 && old.sa_handler == SIG_DFL)
                ::sigaction(sig, &action, nullptr);
        }
    });
}

} // namespace seis
