// The AGC as a processing step (seis/processing/agc.h): a box RMS window given in milliseconds.
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
    // `windowMs`: the length of the centred RMS window in ms. Throws ArgumentError unless it is
    // finite and > 0.
    explicit AgcStep(double windowMs);

    double windowMs() const { return m_windowMs; }
    // The window in samples for samples `sampleIntervalUs` (microseconds, > 0) apart: the window
    // length over the interval, rounded to nearest, at least 1 (what the display always used).
    qint64 windowSamples(double sampleIntervalUs) const;

    // From a flow entry: {"step": "agc", "window_ms": L} (flow.h).
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // applyAgc() with windowSamples(context.sampleIntervalUs). Throws ArgumentError when the
    // context has no sample interval (<= 0).
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    double m_windowMs;
};

} // namespace seis
