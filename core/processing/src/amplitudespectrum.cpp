#include "seis/processing/amplitudespectrum.h"

#include "seis/base/error.h"

#include <algorithm>
#include <cmath>

namespace seis {

SpectrumAccumulator::SpectrumAccumulator(qint64 samples, double sampleIntervalUs)
    : m_samples(samples)
    , m_sampleIntervalUs(sampleIntervalUs)
    , m_nfft(fftLength(samples)) {
    if (!(sampleIntervalUs > 0.0) || !std::isfinite(sampleIntervalUs))
        throw ArgumentError(
            QStringLiteral("spectrum: sample interval %1 us; expected > 0").arg(sampleIntervalUs));
    if (samples < 0)
        throw ArgumentError(QStringLiteral("spectrum: %1 samples; expected >= 0").arg(samples));
    if (m_nfft > 0) {
        m_sum.assign(std::size_t(m_nfft / 2 + 1), 0.0);
        m_padded.assign(std::size_t(m_nfft), 0.0f);
        m_spectrum.resize(std::size_t(m_nfft / 2 + 1));
    }
}

void SpectrumAccumulator::add(const float* data, qint64 traces) {
    if (traces <= 0)
        return;
    m_traces += traces;
    if (m_nfft == 0)
        return;
    RealFft fft(m_nfft);
    const std::size_t bins = m_sum.size();
    for (qint64 t = 0; t < traces; ++t) {
        const float* trace = data + t * m_samples;
        for (qint64 s = 0; s < m_samples; ++s)
            m_padded[std::size_t(s)] = std::isfinite(trace[s]) ? trace[s] : 0.0f;
        // The padding stays 0 from the constructor.
        fft.forward(m_padded.data(), m_spectrum.data());
        for (std::size_t k = 0; k < bins; ++k)
            m_sum[k] += std::hypot(double(m_spectrum[k].real()), double(m_spectrum[k].imag()));
    }
}

void SpectrumAccumulator::merge(const SpectrumAccumulator& other) {
    if (other.m_samples != m_samples || other.m_sampleIntervalUs != m_sampleIntervalUs)
        throw ArgumentError(QStringLiteral("spectrum: cannot merge traces of %1 samples at %2 us "
                                           "into traces of %3 samples at %4 us; expected the same")
                                .arg(other.m_samples)
                                .arg(other.m_sampleIntervalUs)
                                .arg(m_samples)
                                .arg(m_sampleIntervalUs));
    m_traces += other.m_traces;
    for (std::size_t k = 0; k < m_sum.size(); ++k)
        m_sum[k] += other.m_sum[k];
}

AmplitudeSpectrum SpectrumAccumulator::result() const {
    AmplitudeSpectrum r;
    r.traces = m_traces;
    const std::size_t bins = m_sum.size();
    r.frequencyHz.resize(bins);
    r.amplitude.resize(bins);
    r.amplitudeDb.resize(bins);
    double peak = 0.0;
    for (std::size_t k = 0; k < bins; ++k) {
        r.frequencyHz[k] = double(k) * 1e6 / (m_sampleIntervalUs * double(m_nfft));
        r.amplitude[k] = m_traces > 0 ? m_sum[k] / double(m_traces) : 0.0;
        peak = std::max(peak, r.amplitude[k]);
    }
    for (std::size_t k = 0; k < bins; ++k)
        r.amplitudeDb[k] =
            peak > 0.0 && r.amplitude[k] > 0.0
                ? std::max(AmplitudeSpectrum::kFloorDb, 20.0 * std::log10(r.amplitude[k] / peak))
                : AmplitudeSpectrum::kFloorDb;
    return r;
}

AmplitudeSpectrum meanAmplitudeSpectrum(const float* data, qint64 traces, qint64 samples,
                                        double sampleIntervalUs) {
    SpectrumAccumulator acc(samples, sampleIntervalUs);
    acc.add(data, traces);
    return acc.result();
}

} // namespace seis
