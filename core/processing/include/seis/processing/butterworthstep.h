// Zero-phase Butterworth band-pass as a processing step (seis/processing/butterworth.h):
// {"step": "butterworth", "low_hz": fl, "low_order": nl, "high_hz": fh, "high_order": nh}.
// A high-pass of order nl at fl and a low-pass of order nh at fh (each with its -3 dB corner
// there for one pass), each run forward then backward from zero state, in the order high-pass
// forward, high-pass reversed, low-pass forward, low-pass reversed (as Seismic Unix's `subfilt`
// and Madagascar's `sfbandpass`): the amplitude response is |H_hp|^2 |H_lp|^2 and the phase 0.
// Either side may be omitted (off), not both; orders are 1..kMaxOrder, 4 when omitted (an order
// for a side that is off is an error).
// Non-finite samples are taken as 0 by the filter and keep their value. Sums in double.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError: bad values when built; frequencies at or beyond
// Nyquist, or a context without a sample interval, in check()).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

#include <optional>

namespace seis {

class ButterworthStep final : public ProcessingStep {
public:
    static constexpr int kDefaultOrder = 4;
    static constexpr int kMaxOrder = 16;

    // `lowHz`: the high-pass corner (the band's low edge), or nullopt for none; `highHz`: the
    // low-pass corner, or nullopt. Frequencies finite and > 0, lowHz < highHz, at least one
    // given; orders 1..kMaxOrder. Throws ArgumentError naming the step and the value.
    ButterworthStep(std::optional<double> lowHz, int lowOrder, std::optional<double> highHz,
                    int highOrder);

    std::optional<double> lowHz() const { return m_lowHz; }
    std::optional<double> highHz() const { return m_highHz; }
    int lowOrder() const { return m_lowOrder; }
    int highOrder() const { return m_highOrder; }

    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    // Only the sides that are on, with their orders.
    nlohmann::ordered_json toJson() const override;
    // Throws ArgumentError when a frequency is at or beyond Nyquist (500000 / sampleIntervalUs
    // Hz) or the context has no sample interval.
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    std::optional<double> m_lowHz;
    int m_lowOrder;
    std::optional<double> m_highHz;
    int m_highOrder;
};

} // namespace seis
