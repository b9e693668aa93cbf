#include "seis/processing/butterworth.h"

#include <algorithm>
#include <cmath>
#include <complex>
#include <numbers>

namespace seis {

std::vector<Biquad> butterworthSections(int order, double cutoffHz, double rateHz, bool highPass) {
    std::vector<Biquad> sections;
    // Bilinear transform with s normalised by 2 fs: z = (1 + s) / (1 - s); the corner prewarped
    // to s = j tan(pi f / fs).
    const double k = std::tan(std::numbers::pi * cutoffHz / rateHz);
    // Analog prototype poles: -exp(j pi m / (2N)), m = -N+1, -N+3, ..., N-1; one of each
    // conjugate pair (m < 0), then the real pole (m = 0) of an odd order.
    for (int m = -order + 1; m < 0; m += 2) {
        const std::complex<double> prototype =
            -std::exp(std::complex<double>(0.0, std::numbers::pi * m / (2.0 * order)));
        const std::complex<double> s = highPass ? k / prototype : k * prototype;
        const std::complex<double> z = (1.0 + s) / (1.0 - s);
        const double a1 = -2.0 * z.real();
        const double a2 = std::norm(z);
        // Unit gain at z = 1 (low-pass: numerator (1 + z^-1)^2) or z = -1 (high-pass: (1 -
        // z^-1)^2).
        const double g = highPass ? (1.0 - a1 + a2) / 4.0 : (1.0 + a1 + a2) / 4.0;
        sections.push_back({g, highPass ? -2.0 * g : 2.0 * g, g, a1, a2});
    }
    if (order % 2 == 1) {
        const double s = -k; // the real prototype pole -1: k * -1 (low-pass) = k / -1 (high-pass)
        const double z = (1.0 + s) / (1.0 - s);
        const double g = highPass ? (1.0 + z) / 2.0 : (1.0 - z) / 2.0;
        sections.push_back({g, highPass ? -g : g, 0.0, -z, 0.0});
    }
    return sections;
}

namespace {

// Runs every section over `lanes` interleaved traces (buffer[s * lanes + l]) forward (step +1) or
// backward; the lanes are independent recursions, so the inner loop vectorises and hides the
// latency of each recursion.
template <int lanes>
void runSections(double* buffer, qint64 samples, const std::vector<Biquad>& sections,
                 bool backward) {
    // Every section per sample in one sweep (the buffer is read and written once); the same
    // operations in the same order as one section over the whole trace after the other.
    constexpr std::size_t kMaxSections = 8;
    double z1[kMaxSections][lanes] = {};
    double z2[kMaxSections][lanes] = {};
    const std::size_t count = sections.size();
    for (qint64 i = 0; i < samples; ++i) {
        double* v = buffer + (backward ? samples - 1 - i : i) * lanes;
        for (std::size_t k = 0; k < count; ++k) {
            const Biquad q = sections[k];
            for (int l = 0; l < lanes; ++l) {
                const double x = v[l];
                const double y = q.b0 * x + z1[k][l];
                z1[k][l] = q.b1 * x - q.a1 * y + z2[k][l];
                z2[k][l] = q.b2 * x - q.a2 * y;
                v[l] = y;
            }
        }
    }
}

template <int lanes>
void filtfiltLanes(float* data, qint64 traces, qint64 samples,
                   const std::vector<std::vector<Biquad>>& passes) {
    std::vector<double> buffer(static_cast<std::size_t>(samples * lanes));
    for (qint64 t0 = 0; t0 < traces; t0 += lanes) {
        const int used = int(std::min<qint64>(lanes, traces - t0));
        for (int l = 0; l < lanes; ++l) {
            const float* trace = data + (t0 + l) * samples;
            for (qint64 s = 0; s < samples; ++s) {
                const float x = l < used ? trace[s] : 0.0f;
                buffer[std::size_t(s * lanes + l)] = std::isfinite(x) ? double(x) : 0.0;
            }
        }
        for (const auto& sections : passes) {
            runSections<lanes>(buffer.data(), samples, sections, false);
            runSections<lanes>(buffer.data(), samples, sections, true);
        }
        for (int l = 0; l < used; ++l) {
            float* trace = data + (t0 + l) * samples;
            for (qint64 s = 0; s < samples; ++s)
                if (std::isfinite(trace[s]))
                    trace[s] = static_cast<float>(buffer[std::size_t(s * lanes + l)]);
        }
    }
}

} // namespace

void filtfiltSections(float* data, qint64 traces, qint64 samples,
                      const std::vector<std::vector<Biquad>>& passes) {
    if (traces <= 0 || samples <= 0)
        return;
    // Eight traces at a time while the buffer stays within 16 MiB; one at a time beyond (a trace
    // of millions of samples).
    constexpr qint64 kMaxBufferBytes = qint64(16) << 20;
    if (traces > 1 && samples * 8 * qint64(sizeof(double)) <= kMaxBufferBytes)
        filtfiltLanes<8>(data, traces, samples, passes);
    else
        filtfiltLanes<1>(data, traces, samples, passes);
}

} // namespace seis
