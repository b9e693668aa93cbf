#include "amplitudeclip.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

float symmetricClip(std::span<const float> values, double percentile) {
    std::vector<float> magnitudes;
    magnitudes.reserve(values.size());
    for (float v : values) {
        if (std::isfinite(v))
            magnitudes.push_back(std::fabs(v));
    }
    if (magnitudes.empty())
        return 1.0f;
    const double fraction = std::clamp(percentile, 0.0, 100.0) / 100.0;
    const auto rank =
        static_cast<std::size_t>(fraction * static_cast<double>(magnitudes.size() - 1));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + rank, magnitudes.end());
    float clip = magnitudes[rank];
    if (clip <= 0.0f)
        clip = *std::max_element(magnitudes.begin(), magnitudes.end());
    return clip > 0.0f ? clip : 1.0f;
}

} // namespace seis
