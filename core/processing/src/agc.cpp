#include "seis/processing/agc.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

namespace {

// y = x / sqrt(energy / count), 0 where that RMS is 0 (within rounding of the prefix sums).
inline float gained(float x, double energy, double count) {
    const double rms = std::sqrt(std::max(0.0, energy) / count);
    // Rounding in the prefix sums can leave a tiny residue where the window is silent.
    return rms > 1e-30 ? static_cast<float>(x / rms) : 0.0f;
}

} // namespace

void applyAgc(float* data, qint64 traces, qint64 samples, qint64 halfWidth) {
    if (halfWidth < 0 || samples <= 0)
        return;
    // Prefix sums of squares and of finite counts make every window O(1); double keeps the
    // subtraction of large sums accurate enough for float output.
    std::vector<double> sumSq(static_cast<std::size_t>(samples + 1));
    std::vector<qint64> finite(static_cast<std::size_t>(samples + 1));
    const double* S = sumSq.data();
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        bool allFinite = true;
        for (qint64 s = 0; s < samples; ++s) {
            const bool ok = std::isfinite(trace[s]);
            allFinite = allFinite && ok;
            const double v = ok ? trace[s] : 0.0;
            sumSq[std::size_t(s + 1)] = sumSq[std::size_t(s)] + v * v;
            finite[std::size_t(s + 1)] = finite[std::size_t(s)] + (ok ? 1 : 0);
        }
        if (allFinite) {
            // Every window holds hi - lo samples: the edges, then the middle where the window is
            // whole (a plain loop the compiler vectorises). The same arithmetic as below.
            const qint64 h = std::min(halfWidth, samples);
            const qint64 middleBegin = std::min(h, samples);
            const qint64 middleEnd = std::max(middleBegin, samples - h);
            const auto edge = [&](qint64 s) {
                const qint64 lo = std::max<qint64>(0, s - halfWidth);
                const qint64 hi = std::min(samples, s + halfWidth + 1);
                trace[s] = gained(trace[s], S[hi] - S[lo], double(hi - lo));
            };
            for (qint64 s = 0; s < middleBegin; ++s)
                edge(s);
            const double count = double(2 * halfWidth + 1);
            for (qint64 s = middleBegin; s < middleEnd; ++s)
                trace[s] = gained(trace[s], S[s + halfWidth + 1] - S[s - halfWidth], count);
            for (qint64 s = middleEnd; s < samples; ++s)
                edge(s);
            continue;
        }
        for (qint64 s = 0; s < samples; ++s) {
            const qint64 lo = std::max<qint64>(0, s - halfWidth);
            const qint64 hi = std::min(samples, s + halfWidth + 1); // exclusive
            const qint64 n = finite[std::size_t(hi)] - finite[std::size_t(lo)];
            if (n == 0 || !std::isfinite(trace[s]))
                continue;
            trace[s] = gained(trace[s], S[hi] - S[lo], static_cast<double>(n));
        }
    }
}

} // namespace seis
