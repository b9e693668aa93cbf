#include "signalcancellation.h"

#include <atomic>

namespace seis::cli {

namespace {

constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
std::atomic<int> g_signal{0}; // the first signal that came, 0 for none

extern "C" void onSignal(int signal) {
    int none = 0;
    g_signal.compare_exchange_strong(none, signal);
}

} // namespace

SignalCancellation::SignalCancellation() {
    g_signal.store(0);
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; ++i)
        ::sigaction(kSignals[i], &action, &m_old[i]);
}

SignalCancellation::~SignalCancellation() {
    for (int i = 0; i < 3; ++i)
        ::sigaction(kSignals[i], &m_old[i], nullptr);
    if (const int signal = g_signal.load())
        std::raise(signal); // the handler that was there: the process ends by the signal
}

bool SignalCancellation::requested() const {
    return g_signal.load(std::memory_order_relaxed) != 0;
}

} // namespace seis::cli
