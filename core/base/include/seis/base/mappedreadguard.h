// Internal: survives reading a memory-mapped file that shrinks under the reader.
//
// Reading a mapped page past the end of a file that was truncated after it was mapped raises
// SIGBUS, which would kill the process. guardedRead() runs a read of a mapping with a recovery
// point: a process-wide SIGBUS handler (installed once, see installMappedReadGuard) jumps back
// to it when the faulting address lies in the range the thread declared, and guardedRead returns
// false; the caller then throws an error naming the file (fileChangedError). Any other SIGBUS
// goes to the handler that was installed before (a sanitizer's, for example) or, if none, kills
// the process as it would have without this guard.
//
// Cost: one sigsetjmp without saving the signal mask (no system call) and two thread-local stores
// per guarded read; guard blocks of megabytes, never single samples. The handler restores the
// interrupted signal mask itself (from the signal context) before it jumps back.
//
// Rule for the guarded code: it must not create objects with destructors, allocate or take locks
// (the jump back skips all of it). Plain decode loops over the mapping qualify.
#pragma once

#include <QString>

#include <cstddef>

namespace seis::detail {

// Installs the SIGBUS handler, once per process; later calls do nothing. Thread-safe.
void installMappedReadGuard();

// Calls fn(context) with the bytes [begin, begin + length) guarded on the calling thread. Returns
// true if fn returned, false if a SIGBUS at an address in that range cut it short; then
// *faultOffset (if given) is the faulting address's offset from `begin`. Guards may nest.
bool guardedRead(const void* begin, std::size_t length, void (*fn)(void*), void* context,
                 std::size_t* faultOffset = nullptr) noexcept;

// guardedRead for a callable; `read` must follow the rule above.
template <class Read>
bool guardedRead(const void* begin, std::size_t length, Read& read,
                 std::size_t* faultOffset = nullptr) noexcept {
    return guardedRead(
        begin, length, [](void* r) { (*static_cast<Read*>(r))(); }, &read, faultOffset);
}

// The message for a read of `path` cut short at byte `faultOffset` of the file, which was
// `sizeWhenOpened` bytes when it was mapped: says the file's size now (stat of `fd` if >= 0,
// otherwise of `path`) and that it must be reopened.
QString fileChangedMessage(const QString& path, int fd, qint64 sizeWhenOpened, qint64 faultOffset);

} // namespace seis::detail
