#include "seis/base/amplitudestatistics.h"

#include "seis/base/error.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>

namespace seis {

float AmplitudeStatistics::binLowerBound(int bin) {
    return std::bit_cast<float>(std::uint32_t(bin) << kBinShift);
}

float AmplitudeStatistics::absPercentile(double p) const {
    if (!(p >= 0 && p <= 100))
        throw ArgumentError(
            QStringLiteral("percentile %1 is out of range (expected 0 <= p <= 100)").arg(p));
    const qint64 n = finiteCount();
    if (n <= 0)
        return std::numeric_limits<float>::quiet_NaN();
    const qint64 rank = std::clamp<qint64>(qint64(std::ceil(p / 100.0 * double(n))), 1, n);
    const float maxAbs = std::max(std::fabs(min), std::fabs(max));
    if (rank == n)
        return maxAbs;
    if (rank <= zeros)
        return 0.0f;
    qint64 seen = zeros;
    const int bins = int(std::min<std::size_t>(histogram.size(), kHistogramBins));
    for (int b = 0; b < bins; ++b) {
        seen += qint64(histogram[std::size_t(b)]);
        if (seen >= rank) {
            // The middle of the bin: every value in it is within half a bin of it.
            const double lower = binLowerBound(b);
            const double middle = 0.5 * (lower + double(binLowerBound(b + 1)));
            return float(std::clamp(middle, lower, std::max(lower, double(maxAbs))));
        }
    }
    return maxAbs; // a histogram that does not add up (filled in by hand): the largest value
}

} // namespace seis
