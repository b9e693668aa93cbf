// The sink of `process` (and the format of `dump`): the processed samples as raw little-endian
// float32, trace-major, no headers, through an OutputFile (seis/base/outputfile.h: a temporary
// renamed on commit, or streamed to "-" and devices; never onto an input).
//
// Errors: seis/base/error.h (the constructor, begin, write and commit throw IoError naming the
// output). Threads: one thread at a time, as every sink.
#pragma once

#include "seis/base/outputfile.h"
#include "seis/base/tracesink.h"

#include <optional>

namespace seis::cli {

class RawFloatSink : public TraceSink {
public:
    // Opens `path` ("-" for standard output) at once, refusing any of `inputs`.
    RawFloatSink(const QString& path, const QStringList& inputs);

    QString path() const override { return m_path; }
    void begin(const OutputLayout& layout) override;
    void write(const TraceBlock& block) override;
    void commit() override;
    void abort() noexcept override;

private:
    QString m_path;
    std::optional<OutputFile> m_file;
    OutputLayout m_layout;
    qint64 m_written = 0;
};

} // namespace seis::cli
