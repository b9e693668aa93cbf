// Trapezoid (Ormsby) band-pass as a processing step:
// {"step": "trapezoid", "corners_hz": [f1, f2, f3, f4]}, 0 <= f1 < f2 <= f3 < f4.
// Each trace is zero-padded at the end to nfft = fftLength(n) (realfft.h: the smallest even
// 2^a 3^b 5^c >= 2n), its real FFT multiplied by the weight w(f_k) at f_k = k / (nfft dt),
// k = 0..nfft/2 (w = 0 below f1, rising linearly to 1 at f2, 1 to f3, falling linearly to 0 at
// f4, 0 above; a real weight, so zero phase), transformed back and cut to its first n samples.
// Non-finite samples are taken as 0 and keep their value. FFTs in float32 (kissfft); the weights
// and the scaling in double.
//
// Threads: immutable once built; apply() may run on any number of threads at once (each call
// takes its own FFT plan from the shared cache).
// Errors: seis/base/error.h (ArgumentError: unordered or negative corners when built; f4 beyond
// Nyquist or a context without a sample interval in check()).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

#include <array>

namespace seis {

class TrapezoidStep final : public ProcessingStep {
public:
    explicit TrapezoidStep(const std::array<double, 4>& cornersHz);

    const std::array<double, 4>& cornersHz() const { return m_corners; }
    // The weight at `hz` (the trapezoid above).
    double weight(double hz) const;

    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // Throws ArgumentError when f4 is beyond Nyquist (500000 / sampleIntervalUs Hz) or the
    // context has no sample interval.
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    std::array<double, 4> m_corners;
};

} // namespace seis
