#include "seis/tracesource.h"

#include "seis/segyerror.h"

namespace seis {

TraceSource::~TraceSource() = default;

void TraceSource::checkTraceRange(TraceRange t) const {
    if (t.begin < 0 || t.begin > t.end || t.end > traceCount())
        throw SegyError(path(), QStringLiteral("trace range %1:%2 is out of bounds; the file has "
                                               "%3 traces (expected 0 <= first <= end <= %3)")
                                    .arg(t.begin)
                                    .arg(t.end)
                                    .arg(traceCount()));
}

void TraceSource::checkSampleRange(SampleRange s) const {
    if (s.begin < 0 || s.begin > s.end || s.end > sampleCount())
        throw SegyError(path(), QStringLiteral("sample range %1:%2 is out of bounds; traces have "
                                               "%3 samples (expected 0 <= first <= end <= %3)")
                                    .arg(s.begin)
                                    .arg(s.end)
                                    .arg(sampleCount()));
}

void TraceSource::willRead(TraceRange) const {}

} // namespace seis
