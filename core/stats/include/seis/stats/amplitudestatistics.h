// Whole-file amplitude statistics: count, non-finite count, min, max, mean, rms and percentiles
// of |amplitude|, from one pass over every sample (or every Nth trace) of a trace source.
//
// Memory does not grow with the file: the percentiles come from a fixed histogram of |x| (see
// AmplitudeStatistics::kHistogramBins) and the samples are read in blocks of bounded size, one
// block per worker thread at a time.
//
// Amplitudes are the decoded float32 samples (TraceSource::readWindow), in the file's units.
// Indexing: traces are 0-based; with a stride of N the traces read are 0, N, 2N, ...
#pragma once

#include "seis/base/progress.h"
#include "seis/base/tracesource.h"

#include <QFuture>
#include <QtGlobal>
#include <limits>
#include <memory>
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

struct AmplitudeStatisticsOptions {
    // Read every traceStride-th trace (0, N, 2N, ...); 1 reads all. A quick estimate of a huge
    // file. Must be >= 1.
    qint64 traceStride = 1;
    // Decoded samples per block (1 << 18: 1 MB of float32): the unit of work, progress and
    // cancellation. A block is whole traces unless one trace is longer than this. Must be >= 1.
    qint64 blockSamples = qint64(1) << 18;
    // Threads working on blocks, the calling thread included; 0 means one per core. Each holds
    // one block and a 1 MB partial histogram.
    int threads = 0;
};

// The same statistics over samples handed in block by block, for a job that sees every sample
// anyway (a conversion computes them as it writes). Memory: about 3 MB (the histograms),
// whatever is added. Threads: one thread at a time.
class AmplitudeAccumulator {
public:
    AmplitudeAccumulator();
    ~AmplitudeAccumulator();
    AmplitudeAccumulator(const AmplitudeAccumulator&) = delete;
    AmplitudeAccumulator& operator=(const AmplitudeAccumulator&) = delete;

    void add(const float* samples, qint64 count);
    // Everything added so far, as `traces` traces (AmplitudeStatistics::traces).
    AmplitudeStatistics result(qint64 traces) const;

private:
    struct State;
    std::unique_ptr<State> d;
};

// Reads every sample of `source` (or of every options.traceStride-th trace) block by block
// through readWindow, which leaves nothing resident, and fills `out`. Blocks are spread over the
// core's worker threads, each with a partial histogram merged at the end, so memory is bounded
// by the thread count, never by the file.
// `progress` is called on the calling thread after blocks it finished itself, with the position
// in the file in traces (0..traceCount(), monotonic) and traceCount(); the last call is
// (traceCount(), traceCount()), before `out` is written. Returns Cancelled, leaving `out`
// untouched, if it returned false (at the last call too); it is not called again after that.
// (With several threads the others may finish every block before the calling thread reports:
// the last call is then the only one.)
// Throws ArgumentError for bad options, and what the source throws (`out` is then untouched).
// Threads: runs on the calling thread plus the core's workers; `source` is read from several
// threads at once (TraceSource allows that).
LoadStatus computeAmplitudeStatistics(const TraceSource& source, AmplitudeStatistics& out,
                                      const ProgressCallback& progress = {},
                                      AmplitudeStatisticsOptions options = {});

// The same on a QtConcurrent worker: progress goes through the future (range 0..traceCount, text
// from ProgressTracker: percent, traces/s, ETA); QFuture::cancel() stops the job, which then
// finishes cancelled with no result. An error in the source is rethrown by QFuture::result().
// Throws ArgumentError at once for a null source or bad options.
QFuture<AmplitudeStatistics>
computeAmplitudeStatisticsAsync(std::shared_ptr<const TraceSource> source,
                                AmplitudeStatisticsOptions options = {});

} // namespace seis
