// The registry of OutputFile's temporary files that a terminating signal removes (see
// removeTemporaryOutputsOnSignals() in seis/outputfile.h for the contract).
//
// A fixed array of kSignalCoveredTemporaries slots in static storage, each a path (char array)
// and an atomic state; the signal handler only reads slots, calls unlink() and signal()/raise():
// no allocation, no locks. Normal code claims, publishes and frees slots with atomic operations.
//
// Threads: every function may be called from any thread at any time, concurrently.
#pragma once

#include <QByteArray>

#include <csignal>

namespace seis::temporaryoutputs {

// Covers the creation of one temporary file. While it lives, the calling thread does not take
// SIGHUP, SIGINT or SIGTERM (they wait until it ends), and a slot is held so that a handler
// running in another thread waits for the file's name instead of missing a file just created.
class Creation {
public:
    Creation() noexcept;
    ~Creation(); // frees a slot that was not published, restores the thread's signal mask
    Creation(const Creation&) = delete;
    Creation& operator=(const Creation&) = delete;

    // True when the process is already being ended by one of the signals: create nothing.
    bool interrupted() const { return m_interrupted; }

    // The temporary now exists as `path` (relative paths are made absolute here, against the
    // working directory): from now on a terminating signal removes it. Returns the slot to give
    // to release(), or -1 when the file is not covered (all slots taken, or a path longer than a
    // slot holds).
    int publish(const QByteArray& path) noexcept;

private:
    int m_slot = -1;
    bool m_interrupted = false;
    sigset_t m_oldMask;
};

// The temporary of `slot` (from publish(); -1 is ignored) no longer exists under its name
// (renamed or removed): a signal no longer removes anything for it. Call after the rename or
// unlink, never before, so that no moment leaves the file uncovered.
void release(int slot) noexcept;

} // namespace seis::temporaryoutputs
