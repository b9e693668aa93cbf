// Trace balance as a processing step: each trace divided by its RMS or its largest |x| over a
// time window (samples with t0 <= t_i < t1, t_i = startTimeMs + i * dt in ms), or over the whole
// trace. Only finite samples count (RMS = sqrt(sum x^2 / number of finite samples in the
// window), sums in double); non-finite samples pass through; a trace whose divisor is 0 (or
// whose window holds no finite sample) is left as it is.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError naming "balance" and the value).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

#include <optional>
#include <utility>

namespace seis {

class BalanceStep final : public ProcessingStep {
public:
    enum class Method { Rms, Max };
    // `windowMs`: [t0, t1) in ms with 0 <= t0 < t1, or none for the whole trace.
    explicit BalanceStep(Method method,
                         std::optional<std::pair<double, double>> windowMs = std::nullopt);

    // From a flow entry: {"step": "balance", "method": "rms"|"max", "window_ms": [t0, t1]}
    // ("method" default "rms"; "window_ms" optional).
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // With a window: needs a sample interval > 0.
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    Method m_method;
    std::optional<std::pair<double, double>> m_window;
};

} // namespace seis
