// Argument parsing shared by the seisview-cli commands.
#pragma once

#include "seis/base/types.h"
#include "seis/sources/opensource.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>

namespace seis::cli {

// A usage mistake: exit status 2 with the usage text.
class UsageError : public std::runtime_error {
public:
    explicit UsageError(const QString& message)
        : std::runtime_error(message.toStdString()) {}
};

// A zero-based half-open "A:B" range; either side may be empty ("A:", ":B", ":").
struct RangeSpec {
    std::optional<qint64> begin;
    std::optional<qint64> end;
};

// Parses "A:B"; throws UsageError for text that is not of that form.
RangeSpec parseRange(const QString& option, const QString& text);
TraceRange resolveTraces(const RangeSpec& spec, const TraceSource& source);
SampleRange resolveSamples(const RangeSpec& spec, const TraceSource& source);

// Options common to every command, plus the ones a command declares.
class Arguments {
public:
    // `valueOptions`: options that take a value (e.g. "--traces"); `flags`: options without one.
    Arguments(const QStringList& args, const QStringList& valueOptions,
              const QStringList& flags = {});

    const QStringList& positional() const { return m_positional; }
    // The one FILE argument of `command`; throws UsageError if there is not exactly one.
    QString singleFile(const QString& command) const;
    std::optional<QString> value(const QString& option) const;
    // Every value given with `option`, in order (for options that may be repeated).
    QStringList values(const QString& option) const;
    bool flag(const QString& option) const { return m_flags.contains(option); }
    // The range given with `option` ("A:B"), or everything (":") when absent; throws UsageError.
    RangeSpec range(const QString& option) const;
    // The integer given with `option`, or `fallback` when absent; throws UsageError for text
    // that is not an integer or one below `minimum`.
    qint64 integer(const QString& option, qint64 fallback, qint64 minimum) const;
    // How to open the FILE (--endian); throws UsageError for a bad value.
    SourceOptions openOptions() const;

private:
    QStringList m_positional;
    QStringList m_flags;
    QList<std::pair<QString, QString>> m_values;
};

QString usage();

} // namespace seis::cli
