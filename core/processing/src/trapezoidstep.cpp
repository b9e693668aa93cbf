#include "seis/processing/trapezoidstep.h"

#include "seis/base/error.h"
#include "seis/processing/realfft.h"

#include <cmath>
#include <complex>
#include <vector>

namespace seis {

namespace {

QString cornersText(const std::array<double, 4>& c) {
    return QStringLiteral("[%1, %2, %3, %4]").arg(c[0]).arg(c[1]).arg(c[2]).arg(c[3]);
}

bool ordered(const std::array<double, 4>& c) {
    for (double f : c)
        if (!std::isfinite(f))
            return false;
    return c[0] >= 0.0 && c[0] < c[1] && c[1] <= c[2] && c[2] < c[3];
}

} // namespace

TrapezoidStep::TrapezoidStep(const std::array<double, 4>& cornersHz)
    : m_corners(cornersHz) {
    if (!ordered(cornersHz))
        throw ArgumentError(
            QStringLiteral("trapezoid: corners_hz %1; expected 0 <= f1 < f2 <= f3 < f4 Hz")
                .arg(cornersText(cornersHz)));
}

double TrapezoidStep::weight(double hz) const {
    const auto& c = m_corners;
    if (hz <= c[0] || hz >= c[3])
        return 0.0;
    if (hz < c[1])
        return (hz - c[0]) / (c[1] - c[0]);
    if (hz <= c[2])
        return 1.0;
    return (c[3] - hz) / (c[3] - c[2]);
}

std::shared_ptr<const ProcessingStep> TrapezoidStep::fromFlow(FlowEntry& entry) {
    const std::vector<double> c = entry.numbers("corners_hz", 4);
    const std::array<double, 4> corners{c[0], c[1], c[2], c[3]};
    if (!ordered(corners))
        entry.fail("corners_hz", QStringLiteral("0 <= f1 < f2 <= f3 < f4 Hz"));
    return std::make_shared<const TrapezoidStep>(corners);
}

QString TrapezoidStep::name() const {
    return QStringLiteral("trapezoid");
}

nlohmann::ordered_json TrapezoidStep::toJson() const {
    return {{"step", "trapezoid"},
            {"corners_hz", {m_corners[0], m_corners[1], m_corners[2], m_corners[3]}}};
}

void TrapezoidStep::check(const ProcessingContext& context) const {
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(
            QStringLiteral("trapezoid: sample interval %1 us (expected > 0 for the corners)")
                .arg(context.sampleIntervalUs));
    const double nyquist = 500000.0 / context.sampleIntervalUs;
    if (m_corners[3] > nyquist)
        throw ArgumentError(QStringLiteral("trapezoid: corners_hz %1: f4 %2; expected at most "
                                           "Nyquist, %3 Hz for a %4 us sample interval")
                                .arg(cornersText(m_corners))
                                .arg(m_corners[3])
                                .arg(nyquist)
                                .arg(context.sampleIntervalUs));
}

void TrapezoidStep::apply(float* data, qint64 traces, qint64 samples,
                          const ProcessingContext& context) const {
    check(context);
    if (traces <= 0 || samples <= 0)
        return;
    const qint64 nfft = fftLength(samples);
    const qint64 bins = nfft / 2 + 1;
    RealFft fft(nfft);
    // The weights with the inverse transform's 1 / nfft folded in.
    std::vector<float> weights(static_cast<std::size_t>(bins));
    const double binHz = 1e6 / (context.sampleIntervalUs * double(nfft));
    for (qint64 k = 0; k < bins; ++k)
        weights[std::size_t(k)] = float(weight(double(k) * binHz) / double(nfft));
    std::vector<float> padded(static_cast<std::size_t>(nfft));
    std::vector<std::complex<float>> spectrum(static_cast<std::size_t>(bins));
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        for (qint64 s = 0; s < samples; ++s)
            padded[std::size_t(s)] = std::isfinite(trace[s]) ? trace[s] : 0.0f;
        std::fill(padded.begin() + samples, padded.end(), 0.0f);
        fft.forward(padded.data(), spectrum.data());
        for (qint64 k = 0; k < bins; ++k)
            spectrum[std::size_t(k)] *= weights[std::size_t(k)];
        fft.inverse(spectrum.data(), padded.data());
        for (qint64 s = 0; s < samples; ++s)
            if (std::isfinite(trace[s]))
                trace[s] = padded[std::size_t(s)];
    }
}

} // namespace seis
