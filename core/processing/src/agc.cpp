#include "seis/processing/agc.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

void applyAgc(float* data, qint64 traces, qint64 samples, qint64 halfWidth) {
    if (halfWidth < 0 || samples <= 0)
        return;
    // Prefix sums of squares and of finite counts make every window O(1); double keeps the
    // subtraction of large sums accurate enough for float output.
    std::vector<double> sumSq(static_cast<std::size_t>(samples + 1));
    std::vector<qint64> finite(static_cast<std::size_t>(samples + 1));
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        for (qint64 s = 0; s < samples; ++s) {
            const bool ok = std::isfinite(trace[s]);
            const double v = ok ? trace[s] : 0.0;
            sumSq[s + 1] = sumSq[s] + v * v;
            finite[s + 1] = finite[s] + (ok ? 1 : 0);
        }
        for (qint64 s = 0; s < samples; ++s) {
            const qint64 lo = std::max<qint64>(0, s - halfWidth);
            const qint64 hi = std::min(samples, s + halfWidth + 1); // exclusive
            const qint64 n = finite[hi] - finite[lo];
            const double energy = std::max(0.0, sumSq[hi] - sumSq[lo]);
            if (n == 0 || !std::isfinite(trace[s]))
                continue;
            const double rms = std::sqrt(energy / static_cast<double>(n));
            // Rounding in the prefix sums can leave a tiny residue where the window is silent.
            trace[s] = rms > 1e-30 ? static_cast<float>(trace[s] / rms) : 0.0f;
        }
    }
}

} // namespace seis
