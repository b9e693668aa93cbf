// Whole-file amplitude statistics as a value: count, non-finite count, min, max, mean, rms and
// the histogram of |amplitude| that gives its percentiles. Computed by seis/stats (one pass over
// a source, or while a conversion writes); a source may also keep them (a Zarr store does:
// TraceSource::storedStatistics), so a whole-file clip needs no pass at all.
// Amplitudes are the decoded float32 samples, in the file's units.
#pragma once

#include <QtGlobal>
#include <limits>
#include <vector>

namespace seis {

struct AmplitudeStatistics {
    // The histogram of |x|: a nonzero finite |x| falls in bin (bits of |x|) >> 13, that is, its
    // 8 exponent bits and the top kMantissaBits of its 23 mantissa bits. A bin of a normal float
    // spans [L, L * (1 + 2^-10)] at most, so absPercentile(), which returns the middle of the bin
    // holding the exact percentile (clamped to the largest |x| seen), is off by at most
    //   2^-11 (0.049 %) of the exact value, for exact values >= FLT_MIN (1.18e-38);
    //   2^-137 (5.7e-42) absolutely, for exact values below FLT_MIN (denormals share bins).
    // An exact value of 0 is returned exactly (zeros are counted apart from the histogram).
    static constexpr int kMantissaBits = 10;
    static constexpr int kBinShift = 23 - kMantissaBits;
    // Bins of the finite floats: 0x7f800000 (the bits of +inf) >> kBinShift = 261120 (2 MB of
    // counts, whatever the file size).
    static constexpr int kHistogramBins = 0x7f800000 >> kBinShift;
    // The relative bound above.
    static constexpr double kPercentileRelativeError = 1.0 / (1 << (kMantissaBits + 1));

    qint64 traces = 0;    // traces read (traceCount(), or fewer with a stride)
    qint64 count = 0;     // samples read: traces * samples per trace
    qint64 nonFinite = 0; // of them NaN or +/-inf; these are left out of everything below
    qint64 zeros = 0;     // finite samples equal to 0 (+0 or -0)
    // Over the count - nonFinite finite samples; NaN when there are none.
    float min = std::numeric_limits<float>::quiet_NaN();
    float max = std::numeric_limits<float>::quiet_NaN();
    double mean = std::numeric_limits<double>::quiet_NaN();
    double rms = std::numeric_limits<double>::quiet_NaN(); // sqrt(mean of x^2)
    // histogram[b]: nonzero finite samples whose |x| falls in bin b (kHistogramBins entries, or
    // none in a default-constructed value). Zeros are in `zeros`, not in bin 0.
    std::vector<quint64> histogram;

    qint64 finiteCount() const { return count - nonFinite; }

    // The p-th percentile of |x| over the finite samples, p in [0, 100]: the nearest-rank value,
    // i.e. the rank-th smallest |x| with rank = ceil(p / 100 * finiteCount()) clamped to
    // [1, finiteCount()], so that at least p % of the finite samples have |x| <= it; within the
    // bound above. absPercentile(100) is max(|min|, |max|) exactly. NaN when there are no finite
    // samples. Throws ArgumentError (naming p) for p outside [0, 100] or NaN.
    float absPercentile(double p) const;

    // Bin b of the histogram holds the |x| in [binLowerBound(b), binLowerBound(b + 1)); the
    // bound of bin kHistogramBins is +inf.
    static float binLowerBound(int bin);
};

} // namespace seis
