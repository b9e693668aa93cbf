// Errors reported by the core. The core never shows dialogs; callers decide how to present these.
#pragma once

#include <QString>
#include <exception>
#include <stdexcept>

namespace seis {

// A file could not be read as SEG-Y, or a request was out of bounds. what() is one complete
// sentence naming the file, the offending value and what was expected.
class SegyError : public std::runtime_error {
public:
    SegyError(const QString& file, const QString& message);
    const QString& file() const { return m_file; }
    // The message without the file name prefix.
    const QString& detail() const { return m_detail; }

private:
    QString m_file;
    QString m_detail;
};

// A bad argument that is not tied to a file (an unknown header field name, a malformed spec).
class ArgumentError : public std::invalid_argument {
public:
    explicit ArgumentError(const QString& message);
};

// The message of a failed job's exception, as a future rethrows it: QtConcurrent wraps what is
// not a QException in QUnhandledException, whose own what() says nothing; this unwraps it.
// Returns "unknown error" for an exception that is not a std::exception.
QString errorMessage(std::exception_ptr error);

} // namespace seis
