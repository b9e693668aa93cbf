// The AGC as a processing step (seis/processing/agc.h): a box RMS window given in milliseconds,
// {"step": "agc", "window_ms": L}: each sample over the RMS of the samples within h samples of
// it, h = round(L / (2 dt)) (half away from zero), the window cut at the trace ends.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError for a bad window or a context without a sample
// interval).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

namespace seis {

class AgcStep final : public ProcessingStep {
public:
    // `windowMs`: the length L of the centred RMS window in ms. Throws ArgumentError unless it
    // is finite and > 0.
    explicit AgcStep(double windowMs);

    double windowMs() const { return m_windowMs; }
    // The half-width h in samples for samples `sampleIntervalUs` (microseconds, > 0) apart:
    // round(L / (2 dt)), halves rounded away from zero; the window is 2h + 1 samples (h = 0:
    // one sample, y = sign(x)).
    qint64 halfWidth(double sampleIntervalUs) const;

    // From a flow entry: {"step": "agc", "window_ms": L} (flow.h).
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // Throws ArgumentError when the context has no sample interval (<= 0).
    void check(const ProcessingContext& context) const override;
    // applyAgc() with halfWidth(context.sampleIntervalUs). Throws ArgumentError when the
    // context has no sample interval (<= 0).
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    double m_windowMs;
};

} // namespace seis
