// Ctrl-C, SIGTERM and SIGHUP during a long job that writes a directory (convert, export to a
// store) cancel the job instead of killing the process at once: the job then removes its
// temporary directory (a directory cannot be removed safely inside a signal handler, as the
// temporary files of seis::OutputFile are), and the process still ends by the signal.
//
// While an object lives, the three signals only set a flag (requested()); the job's progress
// callback returns !requested(). The destructor restores the handlers that were there (those of
// removeTemporaryOutputsOnSignals) and, when a signal came, raises it again. One object at a
// time, on the main thread.
#pragma once

#include <csignal>

namespace seis::cli {

class SignalCancellation {
public:
    SignalCancellation();
    ~SignalCancellation();
    SignalCancellation(const SignalCancellation&) = delete;
    SignalCancellation& operator=(const SignalCancellation&) = delete;

    bool requested() const;

private:
    struct sigaction m_old[3];
};

} // namespace seis::cli
