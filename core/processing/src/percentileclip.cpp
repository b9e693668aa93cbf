#include "seis/processing/percentileclip.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

float percentileClip(const float* data, qint64 count, double percentile, qint64 maxSample) {
    const qint64 kMaxSample = std::max<qint64>(1, maxSample);
    if (count <= 0)
        return 0.0f;
    const qint64 stride = (count + kMaxSample - 1) / kMaxSample;
    std::vector<float> magnitudes;
    magnitudes.reserve(static_cast<std::size_t>(count / stride + 1));
    for (qint64 i = 0; i < count; i += stride)
        if (std::isfinite(data[i]))
            magnitudes.push_back(std::fabs(data[i]));
    if (magnitudes.empty())
        return 0.0f;
    const double fraction = std::clamp(percentile, 0.0, 100.0) / 100.0;
    const auto rank = static_cast<std::size_t>(
        std::llround(fraction * static_cast<double>(magnitudes.size() - 1)));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + rank, magnitudes.end());
    return magnitudes[rank];
}

} // namespace seis
