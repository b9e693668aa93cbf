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

#include "seis/base/amplitudestatistics.h"
#include "seis/base/progress.h"
#include "seis/base/tracesource.h"

#include <QFuture>
#include <QtGlobal>
#include <limits>
#include <memory>
#include <vector>

namespace seis {

struct AmplitudeStatisticsOptions {
    // Take the statistics the source keeps (TraceSource::storedStatistics: a store written by
    // seisview) instead of reading every sample, when it has them and traceStride is 1.
    bool useStored = true;
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

// Takes the statistics the source keeps when options.useStored allows (no pass); otherwise reads
// every sample of `source` (or of every options.traceStride-th trace) block by block
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
