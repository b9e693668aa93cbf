// The mean amplitude spectrum of traces (the viewer's spectrum panel and `seisview-cli
// spectrum`). For traces of n samples, nfft = fftLength(n) (realfft.h, as the trapezoid filter):
//     frequencyHz[k] = k / (nfft dt),  k = 0..nfft/2,
//     amplitude[k]   = mean over the traces of |rfft(x, nfft)[k]| (x zero-padded at the end;
//                      unnormalised, as numpy's rfft),
//     amplitudeDb[k] = 20 log10(amplitude[k] / max amplitude), floored at kFloorDb (an
//                      amplitude of 0, or every amplitude 0, gives kFloorDb).
// Non-finite samples count as 0. FFTs in float32 (kissfft), the mean in double.
//
// Threads: a SpectrumAccumulator is used by one thread at a time; meanAmplitudeSpectrum is a
// function of its arguments. Errors: ArgumentError (seis/base/error.h) for a bad interval.
#pragma once

#include "seis/processing/realfft.h"

#include <QtGlobal>

#include <vector>

namespace seis {

struct AmplitudeSpectrum {
    static constexpr double kFloorDb = -300.0;
    std::vector<double> frequencyHz;
    std::vector<double> amplitude;
    std::vector<double> amplitudeDb;
    qint64 traces = 0; // how many traces the mean is over
};

// Sums spectra block by block, so a spectrum of any number of traces needs the memory of one
// trace's FFT: add() each block, then result().
class SpectrumAccumulator {
public:
    // Traces of `samples` samples (>= 0), `sampleIntervalUs` (> 0) apart.
    SpectrumAccumulator(qint64 samples, double sampleIntervalUs);
    // `traces` traces of samples() samples, trace-major.
    void add(const float* data, qint64 traces);
    // Adds what `other` summed (traces of as many samples at the same interval; ArgumentError
    // naming both otherwise): accumulators filled on several threads make one mean.
    void merge(const SpectrumAccumulator& other);
    qint64 samples() const { return m_samples; }
    // The mean so far (all zero amplitudes, and kFloorDb, when no trace was added).
    AmplitudeSpectrum result() const;

private:
    qint64 m_samples;
    double m_sampleIntervalUs;
    qint64 m_nfft;
    qint64 m_traces = 0;
    std::vector<double> m_sum;
    std::vector<float> m_padded;
    std::vector<std::complex<float>> m_spectrum;
};

AmplitudeSpectrum meanAmplitudeSpectrum(const float* data, qint64 traces, qint64 samples,
                                        double sampleIntervalUs);

} // namespace seis
