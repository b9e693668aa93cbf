// Lazy windows over a trace source: a tile cache with LRU eviction by a byte budget, and
// background prefetch in the direction of travel.
//
// The data are cut into fixed tiles of `tileTraces` traces x `tileSamples` samples (float32,
// decoded). A window (trace range x sample range) is made of the tiles it overlaps, so moving a
// view by one trace reuses every tile but at most one column of them. When a window lies inside
// one column of tiles along the samples (always, for traces of up to `tileSamples` samples) it
// is not copied at all: the window points into the tiles it holds. Otherwise it is assembled
// into its own buffer.
//
// Long traces: a window may be read decimated by a factor f (TraceSource::readWindowDecimated:
// the peak of each f input samples). Each factor has its own tiles of `tileTraces` traces x
// `tileSamples` output samples (covering tileSamples * f input samples), with output sample j
// the peak of input samples [j * f, (j + 1) * f): bins are aligned to sample 0 of the trace, so
// tiles of one factor serve every window at that factor. The budget counts the tiles of every
// factor together. A caller that keeps traces x output samples small (a screen's worth) holds
// little memory whatever the trace length.
//
// Tile size (measured, see README "Performance"): 128 traces x 4096 samples. Smaller tiles
// made the per-tile overhead (lookup, thread hand-off, a page-release call) visible when
// scrolling by hundreds of traces; larger ones made a one-screen step read far more than it
// shows. With the usual 1000-5000 samples per trace a tile holds whole traces (0.5-2 MB).
//
// Memory: the cache holds at most `budgetBytes` of tiles. Windows share their tiles; a window
// that outlives the tiles' eviction keeps them alive (that memory is what the caller asked to
// hold). Prefetch stays inside the budget and never evicts the tiles of the current view. Up to
// 16 evicted tiles' memory is kept for reuse (fresh pages cost a fault each at first touch), and
// the source's reads leave no file pages resident: the process holds the budget plus ~30 MB.
//
// Threads: every member may be called from any thread. window() blocks the calling thread;
// requestWindow() runs on a worker and is what GUI code calls. Prefetch runs on the cache's own
// pool of `prefetchThreads` threads, pauses while a foreground request is loading, and drops
// whatever it had queued when the view moves elsewhere. The destructor cancels queued prefetch
// and waits for the tile being loaded (if any), so a cache may be destroyed at any time.
#pragma once

#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QFuture>
#include <algorithm>
#include <functional>
#include <memory>
#include <vector>

namespace seis {

struct TileCacheOptions {
    qint64 budgetBytes = qint64(256) << 20; // 0 disables caching and prefetch
    qint64 tileTraces = 128;
    qint64 tileSamples = 4096;
    bool prefetch = true;
    int prefetchThreads = 1;
};

struct TileCacheStats {
    qint64 hits = 0;      // tiles a foreground request found in the cache
    qint64 misses = 0;    // tiles a foreground request had to read (or wait for)
    qint64 evictions = 0; // tiles dropped to stay inside the budget
    qint64 bytesHeld = 0; // bytes of tiles in the cache now (never above the budget)
    qint64 tilesHeld = 0;
    qint64 prefetched = 0;      // tiles read by prefetch
    qint64 prefetchDropped = 0; // queued prefetch tiles dropped because the view moved away
    qint64 prefetchUsed = 0;    // foreground hits on tiles that prefetch had read
};

class Tile;

// A window of decoded samples, trace-major. Cheap to copy (shares its tiles or buffer).
//
// At factor() 1 its samples are the trace's. At factor f > 1 they are decimated: samples()
// counts output samples, and output sample j is the peak (largest magnitude, sign kept) of input
// samples [j * f, min(sampleCount, (j + 1) * f)) of the trace, so it stands for time
// startTime + (j * f + (f - 1) / 2) * interval (the bin's centre) and the spacing is f intervals.
class TraceWindow {
public:
    TraceWindow() = default;
    TraceRange traces() const { return m_traces; }
    // In output samples of factor() (0-based, half-open); the trace's samples at factor 1.
    SampleRange samples() const { return m_samples; }
    qint64 factor() const { return m_factor; }
    // The input samples the window covers: [samples().begin * f, min(trace length,
    // samples().end * f)); `sampleCount` is the source's samples per trace.
    SampleRange inputSamples(qint64 sampleCount) const {
        return {m_samples.begin * m_factor, std::min(sampleCount, m_samples.end * m_factor)};
    }
    bool isEmpty() const { return m_traces.count() == 0 || m_samples.count() == 0; }

    // The samples [samples().begin, samples().end) of trace `trace` (an absolute, 0-based trace
    // index inside traces()), contiguous. Valid while this window (or a copy) exists.
    const float* trace(qint64 trace) const;
    float at(qint64 t, qint64 sample) const { return trace(t)[sample - m_samples.begin]; }
    // Copies the window into `dst`, trace-major, traces().count() * samples().count() floats.
    void copyTo(float* dst) const;

private:
    friend class TileCache;
    TraceRange m_traces;
    SampleRange m_samples;
    qint64 m_factor = 1;
    qint64 m_tileTraces = 1;
    qint64 m_firstTile = 0;                           // tile row of traces().begin
    std::vector<std::shared_ptr<const Tile>> m_tiles; // one per tile row, when not assembled
    qint64 m_sampleOffset = 0;                        // of samples().begin inside those tiles
    qint64 m_tileStride = 0;                          // samples per trace inside those tiles
    std::shared_ptr<const float[]> m_buffer;          // when assembled
};

class TileCache {
public:
    // Ranges of traces worth prefetching besides the direction of travel, given the view (for
    // instance the previous and next ensembles). Called on the requesting thread.
    using NeighbourFunction = std::function<std::vector<TraceRange>(TraceRange view)>;

    // The cache keeps `source` alive. Throws ArgumentError for non-positive tile sizes or a
    // negative budget.
    explicit TileCache(std::shared_ptr<const TraceSource> source, TileCacheOptions options = {});
    ~TileCache();
    TileCache(const TileCache&) = delete;
    TileCache& operator=(const TileCache&) = delete;

    const TraceSource& source() const { return *m_source; }
    const TileCacheOptions& options() const { return m_options; }

    // The window traces x samples (input samples of the trace), read through the cache at
    // decimation `factor` (1: every sample); blocks until it is complete, then queues prefetch
    // around it. At factor f the window holds the whole bins that cover `samples`: output
    // samples [samples.begin / f, ceil(samples.end / f)). Throws FormatError (naming the source,
    // the range and the bounds) for an out-of-bounds range, ArgumentError for a factor < 1, and
    // whatever the source throws when reading.
    TraceWindow window(TraceRange traces, SampleRange samples, qint64 factor = 1);

    // The same on a worker thread, for the GUI. Cancelling the future before it starts skips it.
    // An exception from the source is rethrown by QFuture::result().
    QFuture<TraceWindow> requestWindow(TraceRange traces, SampleRange samples, qint64 factor = 1);

    // The smallest power of two f for which `samples` input samples make at most `maxOutput`
    // output samples (1 when they fit): what a view of `maxOutput` rows needs. Powers of two keep
    // the levels few, so zooming reuses tiles. `maxOutput` < 1 counts as 1.
    static qint64 factorFor(qint64 samples, qint64 maxOutput);

    void setNeighbourFunction(NeighbourFunction neighbours);
    void setPrefetchEnabled(bool enabled);

    // Blocks until no prefetch is queued or running (for tests and benchmarks).
    void waitForPrefetch();

    TileCacheStats stats() const;

private:
    struct Impl;
    std::shared_ptr<const TraceSource> m_source;
    TileCacheOptions m_options;
    std::unique_ptr<Impl> d;
};

} // namespace seis
