#include "seis/processing/gainstep.h"

#include "seis/base/error.h"

#include <cmath>
#include <vector>

namespace seis {

GainStep::GainStep(double tpow, double epow)
    : m_tpow(tpow)
    , m_epow(epow) {
    if (!std::isfinite(tpow) || !std::isfinite(epow))
        throw ArgumentError(
            QStringLiteral("gain: tpow %1, epow %2 (expected finite numbers)").arg(tpow).arg(epow));
}

double GainStep::factor(double seconds) const {
    double power = 1.0;
    if (m_tpow != 0.0)
        power = seconds == 0.0 ? (m_tpow > 0.0 ? 0.0 : 1.0) : std::pow(std::fabs(seconds), m_tpow);
    return m_epow == 0.0 ? power : power * std::exp(m_epow * seconds);
}

std::shared_ptr<const ProcessingStep> GainStep::fromFlow(FlowEntry& entry) {
    const double tpow = entry.optionalNumber("tpow").value_or(0.0);
    const double epow = entry.optionalNumber("epow").value_or(0.0);
    return std::make_shared<const GainStep>(tpow, epow);
}

QString GainStep::name() const {
    return QStringLiteral("gain");
}

nlohmann::ordered_json GainStep::toJson() const {
    return {{"step", "gain"}, {"tpow", m_tpow}, {"epow", m_epow}};
}

void GainStep::check(const ProcessingContext& context) const {
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(
            QStringLiteral("gain: sample interval %1 us (expected > 0 for the sample times)")
                .arg(context.sampleIntervalUs));
}

void GainStep::apply(float* data, qint64 traces, qint64 samples,
                     const ProcessingContext& context) const {
    check(context);
    if (samples <= 0 || traces <= 0 || (m_tpow == 0.0 && m_epow == 0.0))
        return;
    // One factor per sample, shared by every trace of the call.
    std::vector<double> gain(static_cast<std::size_t>(samples));
    // In microseconds first: whole-microsecond delays and intervals (SEG-Y's) give exact times,
    // so the sample at time zero is exactly 0.
    const double delayUs = context.startTimeMs * 1000.0;
    for (qint64 s = 0; s < samples; ++s)
        gain[std::size_t(s)] = factor((delayUs + double(s) * context.sampleIntervalUs) * 1e-6);
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        for (qint64 s = 0; s < samples; ++s) {
            const float x = trace[s];
            if (std::isfinite(x))
                trace[s] = static_cast<float>(double(x) * gain[std::size_t(s)]);
        }
    }
}

} // namespace seis
