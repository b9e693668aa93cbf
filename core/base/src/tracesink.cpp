#include "seis/base/tracesink.h"

#include "seis/base/error.h"

namespace seis {

TraceSink::~TraceSink() = default;

bool TraceSink::wantsDecodedSamples() const {
    return true;
}

void TraceSink::checkLayout(const QString& path, const OutputLayout& layout) {
    if (layout.sampleCount < 1 || layout.traceCount < 0)
        throw ArgumentError(path, QStringLiteral("cannot write %1 traces of %2 samples; expected "
                                                 "at least one sample per trace")
                                      .arg(layout.traceCount)
                                      .arg(layout.sampleCount));
}

void TraceSink::checkBlock(const QString& path, const OutputLayout& layout, qint64 written,
                           const TraceBlock& block) {
    if (block.first != written || block.count < 0 || block.count > layout.traceCount - written)
        throw ArgumentError(path, QStringLiteral("block of %1 traces from trace %2; expected "
                                                 "traces from %3, at most %4 in all")
                                      .arg(block.count)
                                      .arg(block.first)
                                      .arg(written)
                                      .arg(layout.traceCount));
}

} // namespace seis
