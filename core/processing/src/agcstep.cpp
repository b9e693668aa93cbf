#include "seis/processing/agcstep.h"

#include "seis/base/error.h"
#include "seis/processing/agc.h"

#include <algorithm>
#include <cmath>

namespace seis {

AgcStep::AgcStep(double windowMs)
    : m_windowMs(windowMs) {
    if (!(std::isfinite(windowMs) && windowMs > 0.0))
        throw ArgumentError(
            QStringLiteral("agc: window %1 ms (expected a length > 0 ms)").arg(windowMs));
}

qint64 AgcStep::halfWidth(double sampleIntervalUs) const {
    return std::llround(m_windowMs / (2.0 * sampleIntervalUs / 1000.0));
}

std::shared_ptr<const ProcessingStep> AgcStep::fromFlow(FlowEntry& entry) {
    const double window = entry.number("window_ms");
    if (!(window > 0.0))
        entry.fail("window_ms", QStringLiteral("a length > 0 ms"));
    return std::make_shared<const AgcStep>(window);
}

nlohmann::ordered_json AgcStep::toJson() const {
    return {{"step", "agc"}, {"window_ms", m_windowMs}};
}

QString AgcStep::name() const {
    return QStringLiteral("agc");
}

void AgcStep::check(const ProcessingContext& context) const {
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(
            QStringLiteral("agc: sample interval %1 us (expected > 0 to turn %2 ms into samples)")
                .arg(context.sampleIntervalUs)
                .arg(m_windowMs));
}

void AgcStep::apply(float* data, qint64 traces, qint64 samples,
                    const ProcessingContext& context) const {
    check(context);
    applyAgc(data, traces, samples, halfWidth(context.sampleIntervalUs));
}

} // namespace seis
