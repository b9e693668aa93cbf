#include "seis/base/mappedreadguard.h"

#include <QFile>

#include <sys/stat.h>

#include <atomic>
#include <pthread.h>
#include <ucontext.h>

#include <csetjmp>
#include <csignal>
#include <mutex>

namespace seis::detail {

namespace {

// A recovery point on the stack of guardedRead. Trivially destructible: it is left by a jump.
struct Recovery {
    sigjmp_buf env;
    const char* begin;
    const char* end;
    const char* volatile fault; // written by the handler, read after the jump
    Recovery* previous;
};

// initial-exec: reading it in the signal handler must never allocate (a dynamic TLS block
// would be allocated on the first access from a new thread).
__attribute__((tls_model("initial-exec"))) thread_local Recovery* t_recovery = nullptr;

struct sigaction g_previous {};

void chainToPrevious(int sig, siginfo_t* info, void* context) {
    if (g_previous.sa_flags & SA_SIGINFO) {
        if (g_previous.sa_sigaction) {
            g_previous.sa_sigaction(sig, info, context);
            return;
        }
    } else if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN) {
        g_previous.sa_handler(sig);
        return;
    }
    // No handler before ours: die of the signal, as without the guard. A fault that is not
    // ignorable comes back at once when the instruction is retried; raise() covers a SIGBUS
    // sent by kill(), which is not blocked here (SA_NODEFER).
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGBUS, &dfl, nullptr);
    raise(SIGBUS);
}

void onSigbus(int sig, siginfo_t* info, void* context) {
    Recovery* r = t_recovery;
    if (r && info) {
        const auto* addr = static_cast<const char*>(info->si_addr);
        if (addr >= r->begin && addr < r->end) {
            r->fault = addr;
            // The guard ends here, whatever the read was doing.
            t_recovery = r->previous;
            // Back to the signal mask the thread had when the fault happened, which the kernel
            // saved in the context: sigsetjmp does not save it (savemask 0: no system call per
            // guarded read). Our own action blocks nothing (SA_NODEFER, empty sa_mask), but a
            // wrapper that calls this handler may (ThreadSanitizer's blocks every signal), and a
            // SIGBUS that is blocked when the next fault raises it kills the process.
            if (context)
                pthread_sigmask(SIG_SETMASK, &static_cast<ucontext_t*>(context)->uc_sigmask,
                                nullptr);
            siglongjmp(r->env, 1);
        }
    }
    chainToPrevious(sig, info, context);
}

} // namespace

void installMappedReadGuard() {
    static std::once_flag once;
    std::call_once(once, [] {
        struct sigaction action {};
        action.sa_sigaction = onSigbus;
        sigemptyset(&action.sa_mask);
        // SA_NODEFER: SIGBUS stays unblocked while the handler runs (a SIGBUS that is blocked
        // when a fault raises it kills the process outright); the handler also restores the
        // interrupted mask before it jumps, so guardedRead never saves the mask itself.
        // SA_ONSTACK: runs on the alternate stack where a thread has one (sanitizers set one up).
        action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
        sigaction(SIGBUS, &action, &g_previous);
    });
}

__attribute__((noinline)) bool guardedRead(const void* begin, std::size_t length, void (*fn)(void*),
                                           void* context, std::size_t* faultOffset) noexcept {
    Recovery r;
    r.begin = static_cast<const char*>(begin);
    r.end = r.begin + length;
    r.fault = nullptr;
    r.previous = t_recovery;
    if (sigsetjmp(r.env, 0) != 0) {
        // Back from the handler, which restored t_recovery. `r` lives in memory (its address was
        // published) and nothing in it changed after sigsetjmp but `fault`, written by the
        // handler through that address.
        std::atomic_signal_fence(std::memory_order_seq_cst);
        if (faultOffset)
            *faultOffset = static_cast<std::size_t>(r.fault - r.begin);
        return false;
    }
    t_recovery = &r;
    std::atomic_signal_fence(std::memory_order_seq_cst); // published before the first read
    fn(context);
    std::atomic_signal_fence(std::memory_order_seq_cst); // every read done before it ends
    t_recovery = r.previous;
    return true;
}

QString fileChangedMessage(const QString& path, int fd, qint64 sizeWhenOpened, qint64 faultOffset) {
    struct stat st {};
    const bool known =
        fd >= 0 ? ::fstat(fd, &st) == 0 : ::stat(QFile::encodeName(path).constData(), &st) == 0;
    if (known && st.st_size < sizeWhenOpened)
        return QStringLiteral("the file changed while reading: it is now %1 bytes, it was %2 "
                              "bytes when opened; reopen it")
            .arg(qint64(st.st_size))
            .arg(sizeWhenOpened);
    if (known)
        return QStringLiteral("the file could not be read at byte %1 (an I/O error, or the file "
                              "changed while reading: it is now %2 bytes, it was %3 bytes when "
                              "opened); reopen it")
            .arg(faultOffset)
            .arg(qint64(st.st_size))
            .arg(sizeWhenOpened);
    return QStringLiteral("the file changed while reading: it can no longer be found or read "
                          "(%1 bytes when opened, the read failed at byte %2); reopen it")
        .arg(sizeWhenOpened)
        .arg(faultOffset);
}

} // namespace seis::detail
