// The errors of the whole library, and the contract every public function of the core follows.
//
// About signatures (written once here; headers refer to it rather than repeat it)
// -------------------------------------------------------------------------------
// - Failures are exceptions, all derived from seis::Error. what() is one complete sentence that
//   names the file or input, the offending value and what was expected; file() and detail() give
//   the parts. A function documents which of the classes below it throws only where that is not
//   obvious from its job.
// - Jobs that can be cancelled (a ProgressCallback returning false, QFuture::cancel) return
//   seis::LoadStatus (seis/base/progress.h). Cancellation is never an exception; failure never a
//   status.
// - Functions that return std::optional or bool report absence or "no", never failure.
// - Never throws: destructors, move operations, anything named `clear`, `abort` or `release`,
//   const accessors of already-computed values, and TraceSource::willRead (advice only).
// - Allocation failure throws std::bad_alloc, which is not a seis::Error.
// - Nothing throws across a thread boundary: a pool thread catches and hands the exception to
//   the thread that waits (see seis/base/executors.h).
// - Indexing: traces and samples 0-based, ranges half-open (seis/base/types.h).
// - The core never shows dialogs or prints; callers decide how to present an error.
#pragma once

#include <QString>
#include <exception>
#include <stdexcept>

namespace seis {

// The base of every error of the library.
class Error : public std::runtime_error {
public:
    // `file` is the file or input the error is about (empty when there is none): what() is then
    // "file: message", else the message.
    Error(const QString& file, const QString& message);
    const QString& file() const { return m_file; }
    // The message without the file name prefix.
    const QString& detail() const { return m_detail; }

private:
    QString m_file;
    QString m_detail;
};

// The input's contents are not what its format requires (a SEG-Y header out of range, a
// malformed JSON document, a cache entry that does not parse), or the file changed while read.
class FormatError : public Error {
public:
    using Error::Error;
};

// A system call on a file failed (open, read, write, sync, rename, no space left). The message
// includes the system's own text.
class IoError : public Error {
public:
    using Error::Error;
};

// A bad request: a range out of bounds, an unknown header key, a malformed spec, an option that
// does not apply. `file` names the source the request was made on when there is one.
class ArgumentError : public Error {
public:
    explicit ArgumentError(const QString& message);
    ArgumentError(const QString& file, const QString& message);
};

// The message of a failed job's exception, as a future rethrows it: QtConcurrent wraps what is
// not a QException in QUnhandledException, whose own what() says nothing; this unwraps it.
// Returns "unknown error" for an exception that is not a std::exception.
QString errorMessage(std::exception_ptr error);

} // namespace seis
