// Time-power and exponential gain as a processing step:
// {"step": "gain", "tpow": p, "epow": a} (both optional, 0 by default):
//     y_i = x_i * |t_i|^p * exp(a * t_i),   t_i = delay + i * dt in seconds,
// with delay = ProcessingContext::startTimeMs and dt = ProcessingContext::sampleIntervalUs.
// At t = 0 the factor |t|^p is taken as 0 for p > 0 and 1 for p <= 0 (no infinite gain), so a
// sample at t = 0 is left 0 for p > 0. Before time zero (a negative recording delay) the power
// uses |t|: the gain grows away from t = 0 on both sides and never flips the polarity (t^p is
// not real for negative t and fractional p). Non-finite samples stay as they are. The factor is
// computed in double for each sample.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError for a non-finite parameter or a context without a
// sample interval).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

namespace seis {

class GainStep final : public ProcessingStep {
public:
    // `tpow`: the power p of |t|; `epow`: the exponent a, per second. Both finite.
    GainStep(double tpow, double epow);

    double tpow() const { return m_tpow; }
    double epow() const { return m_epow; }
    // The factor |t|^p * exp(a t) for a sample at `seconds` (t = 0 as above).
    double factor(double seconds) const;

    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // Throws ArgumentError when the context has no sample interval (<= 0).
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    double m_tpow;
    double m_epow;
};

} // namespace seis
