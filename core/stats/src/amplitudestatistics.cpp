#include "seis/stats/amplitudestatistics.h"

#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/parallel.h"
#include "seis/base/progresstracker.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <mutex>

namespace seis {

namespace {

constexpr std::uint32_t kAbsMask = 0x7fffffff;
constexpr std::uint32_t kInfBits = 0x7f800000;
// Every 32-bit pattern with the sign cleared, binned: the finite bins, then the ones of +inf and
// NaN (kInfBits >> kBinShift and above), so the hot loop needs no branch to tell them apart.
constexpr int kAllBins = int((kAbsMask >> AmplitudeStatistics::kBinShift) + 1);
constexpr int kFiniteBins = AmplitudeStatistics::kHistogramBins;
static_assert(kFiniteBins == int(kInfBits >> AmplitudeStatistics::kBinShift));

// One thread's partial result. The histogram counts are 32-bit (half the memory and cache of
// 64-bit ones); they are flushed into the shared 64-bit histogram before they could overflow.
struct Partial {
    std::vector<std::uint32_t> bins; // kAllBins; zeros are in bin 0 too until the merge
    qint64 unflushed = 0;            // samples counted in `bins` since the last flush
    qint64 zeros = 0;
    double sum = 0;
    double sumSquares = 0;
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
};

// GCC/Clang vector types: W floats, W int32 and W / 2 doubles. W = 4 is plain SSE2 (or any
// target's 128-bit vectors), W = 8 AVX2.
template <int W> struct Lanes;
template <> struct Lanes<4> {
    using F = float __attribute__((vector_size(16)));
    using I = std::int32_t __attribute__((vector_size(16)));
    using D = double __attribute__((vector_size(16)));
};
template <> struct Lanes<8> {
    using F = float __attribute__((vector_size(32)));
    using I = std::int32_t __attribute__((vector_size(32)));
    using D = double __attribute__((vector_size(32)));
};

// Sums, squares, extremes and zeros of x[0, n) into `p`, W lanes at a time. Non-finite samples
// are masked out (0 in the sums, +/-inf in the extremes). The sums are double: a float square is
// exact in a double, and the sum of a block stays far within double precision.
template <int W>
[[gnu::always_inline]] inline void accumulateMoments(const float* x, qint64 n, Partial& p) {
    using L = Lanes<W>;
    using F = typename L::F;
    using I = typename L::I;
    using D = typename L::D;
    const F inf = F{} + std::numeric_limits<float>::infinity();
    D sum0{}, sum1{}, squares0{}, squares1{};
    F lo = inf;
    F hi = -inf;
    qint64 zeros = 0;
    qint64 i = 0;
    // Int32 zero counts per lane, emptied every kChunk samples so they cannot overflow.
    constexpr qint64 kChunk = qint64(1) << 24;
    while (i + W <= n) {
        I zeroLanes{};
        const qint64 end = i + std::min(kChunk, (n - i) / W * W);
        for (; i < end; i += W) {
            F v;
            std::memcpy(&v, x + i, sizeof v);
            const I bits = reinterpret_cast<I>(v) & (I{} + std::int32_t(kAbsMask));
            const I finite = bits < std::int32_t(kInfBits); // -1 where finite
            const F f = reinterpret_cast<F>(reinterpret_cast<I>(v) & finite);
            D a, b; // the halves of f, as doubles
            if constexpr (W == 4) {
                a = __builtin_convertvector(__builtin_shufflevector(f, f, 0, 1), D);
                b = __builtin_convertvector(__builtin_shufflevector(f, f, 2, 3), D);
            } else {
                a = __builtin_convertvector(__builtin_shufflevector(f, f, 0, 1, 2, 3), D);
                b = __builtin_convertvector(__builtin_shufflevector(f, f, 4, 5, 6, 7), D);
            }
            sum0 += a;
            sum1 += b;
            squares0 += a * a;
            squares1 += b * b;
            lo = finite ? (v < lo ? v : lo) : lo;
            hi = finite ? (v > hi ? v : hi) : hi;
            zeroLanes -= bits == 0;
        }
        for (int l = 0; l < W; ++l)
            zeros += zeroLanes[l];
    }
    double sum = 0;
    double squares = 0;
    for (int l = 0; l < W / 2; ++l) {
        sum += sum0[l] + sum1[l];
        squares += squares0[l] + squares1[l];
    }
    for (int l = 0; l < W; ++l) {
        p.min = std::min(p.min, lo[l]);
        p.max = std::max(p.max, hi[l]);
    }
    for (; i < n; ++i) {
        const float v = x[i];
        if ((std::bit_cast<std::uint32_t>(v) & kAbsMask) >= kInfBits)
            continue;
        sum += double(v);
        squares += double(v) * double(v);
        p.min = std::min(p.min, v);
        p.max = std::max(p.max, v);
        zeros += v == 0;
    }
    p.sum += sum;
    p.sumSquares += squares;
    p.zeros += zeros;
}

// One increment per sample into the bin of its bits (sign cleared): the finite bins, and those of
// +inf and NaN, told apart at the merge. Two samples per 64-bit load.
[[gnu::always_inline]] inline void accumulateHistogram(const float* x, qint64 n, Partial& p) {
    std::uint32_t* bins = p.bins.data();
    constexpr int kShift = AmplitudeStatistics::kBinShift;
    qint64 i = 0;
    for (; i + 4 <= n; i += 4) {
        std::uint64_t w0, w1;
        std::memcpy(&w0, x + i, 8);
        std::memcpy(&w1, x + i + 2, 8);
        ++bins[(std::uint32_t(w0) & kAbsMask) >> kShift];
        ++bins[(std::uint32_t(w0 >> 32) & kAbsMask) >> kShift];
        ++bins[(std::uint32_t(w1) & kAbsMask) >> kShift];
        ++bins[(std::uint32_t(w1 >> 32) & kAbsMask) >> kShift];
    }
    for (; i < n; ++i)
        ++bins[(std::bit_cast<std::uint32_t>(x[i]) & kAbsMask) >> kShift];
}

void accumulateBaseline(const float* x, qint64 n, Partial& p) {
    accumulateMoments<4>(x, n, p);
    accumulateHistogram(x, n, p);
}

#if defined(__x86_64__)
[[gnu::target("avx2")]] void accumulateAvx2(const float* x, qint64 n, Partial& p) {
    accumulateMoments<8>(x, n, p);
    accumulateHistogram(x, n, p);
}

bool hasAvx2() {
    static const bool has = __builtin_cpu_supports("avx2");
    return has;
}
#endif

// Adds n samples to `p`: two passes over the block (it is in cache), the moments vectorised,
// then the histogram. Zeros land in bin 0 too; the merge takes them out.
void accumulate(const float* x, qint64 n, Partial& p) {
#if defined(__x86_64__)
    if (hasAvx2()) {
        accumulateAvx2(x, n, p);
        p.unflushed += n;
        return;
    }
#endif
    accumulateBaseline(x, n, p);
    p.unflushed += n;
}

// Adds the 32-bit counts of `p` into `into` (kAllBins entries) and clears them.
void flush(Partial& p, std::vector<quint64>& into) {
    for (int b = 0; b < kAllBins; ++b) {
        into[std::size_t(b)] += p.bins[std::size_t(b)];
        p.bins[std::size_t(b)] = 0;
    }
    p.unflushed = 0;
}

// A worker's block buffer and partial result; taken by one work item at a time.
struct Slot {
    std::atomic<bool> busy{false};
    std::vector<float> buffer;
    Partial partial;
};

void checkOptions(const AmplitudeStatisticsOptions& o) {
    if (o.traceStride < 1)
        throw ArgumentError(
            QStringLiteral("amplitude statistics: trace stride %1 is not valid (expected >= 1)")
                .arg(o.traceStride));
    if (o.blockSamples < 1)
        throw ArgumentError(
            QStringLiteral("amplitude statistics: block of %1 samples is not valid (expected "
                           ">= 1)")
                .arg(o.blockSamples));
    if (o.threads < 0)
        throw ArgumentError(
            QStringLiteral("amplitude statistics: %1 threads is not valid (expected >= 0, 0 for "
                           "one per core)")
                .arg(o.threads));
}

} // namespace

struct AmplitudeAccumulator::State {
    Partial partial;
    std::vector<quint64> histogram = std::vector<quint64>(std::size_t(kAllBins), 0);
    qint64 count = 0;
};

AmplitudeAccumulator::AmplitudeAccumulator()
    : d(std::make_unique<State>()) {
    d->partial.bins.assign(std::size_t(kAllBins), 0);
}

AmplitudeAccumulator::~AmplitudeAccumulator() = default;

void AmplitudeAccumulator::add(const float* samples, qint64 count) {
    // Pieces small enough for the 32-bit counts, flushed before they could overflow.
    constexpr qint64 kPiece = qint64(1) << 30;
    for (qint64 i = 0; i < count; i += kPiece) {
        const qint64 n = std::min(kPiece, count - i);
        if (d->partial.unflushed + n > qint64(std::numeric_limits<std::uint32_t>::max()))
            flush(d->partial, d->histogram);
        accumulate(samples + i, n, d->partial);
    }
    d->count += count;
}

AmplitudeStatistics AmplitudeAccumulator::result(qint64 traces) const {
    std::vector<quint64> histogram = d->histogram;
    for (int b = 0; b < kAllBins; ++b)
        histogram[std::size_t(b)] += d->partial.bins[std::size_t(b)];
    AmplitudeStatistics r;
    r.traces = traces;
    r.count = d->count;
    r.zeros = d->partial.zeros;
    for (int b = kFiniteBins; b < kAllBins; ++b)
        r.nonFinite += qint64(histogram[std::size_t(b)]);
    histogram[0] -= quint64(r.zeros);
    histogram.resize(std::size_t(kFiniteBins));
    r.histogram = std::move(histogram);
    if (r.finiteCount() > 0) {
        r.min = d->partial.min;
        r.max = d->partial.max;
        r.mean = d->partial.sum / double(r.finiteCount());
        r.rms = std::sqrt(d->partial.sumSquares / double(r.finiteCount()));
    }
    return r;
}

LoadStatus computeAmplitudeStatistics(const TraceSource& source, AmplitudeStatistics& out,
                                      const ProgressCallback& progress,
                                      AmplitudeStatisticsOptions options) {
    checkOptions(options);
    const qint64 n = source.traceCount();
    const qint64 ns = source.sampleCount();
    if (options.useStored && options.traceStride == 1) {
        if (auto stored = source.storedStatistics()) {
            if (progress && !progress(n, n))
                return LoadStatus::Cancelled;
            out = std::move(*stored);
            return LoadStatus::Completed;
        }
    }
    const qint64 stride = options.traceStride;
    const qint64 selected = n > 0 ? (n - 1) / stride + 1 : 0; // traces 0, stride, 2 * stride...

    // Work items: blocks of whole traces, or pieces of one trace when a trace is longer than a
    // block. Item i is trace block i / pieces, piece i % pieces.
    const qint64 pieceSamples = std::max<qint64>(1, std::min(ns, options.blockSamples));
    const qint64 pieces = ns > 0 ? (ns + pieceSamples - 1) / pieceSamples : 0;
    const qint64 perBlock =
        ns > options.blockSamples ? 1 : options.blockSamples / std::max<qint64>(1, ns);
    const qint64 blocks = (selected + perBlock - 1) / perBlock;
    const qint64 items = pieces > 0 ? blocks * pieces : 0;

    const int threads =
        int(std::clamp<qint64>(options.threads > 0 ? options.threads : detail::defaultThreads(), 1,
                               std::max<qint64>(items, 1)));
    std::unique_ptr<Slot[]> workerSlots(new Slot[std::size_t(threads)]);
    std::vector<quint64> histogram(std::size_t(kAllBins), 0);
    std::mutex histogramMutex;
    std::atomic<bool> failed{false};
    // Read-ahead, as the loads have it (readahead.h): once a block's reads went to disk, each
    // block asks the source for the one `aheadBlocks` further on, so the disk streams while the
    // cores decode. On a cached file nothing is asked (asking costs ~25 ms per GB).
    std::atomic<bool> cold{false};
    constexpr qint64 kAheadBytes = qint64(16) << 20;
    const qint64 blockBytes = std::max<qint64>(1, perBlock * pieceSamples * qint64(sizeof(float)));
    const qint64 aheadBlocks = std::max<qint64>(2 * threads, kAheadBytes / blockBytes);
    auto readAhead = [&](qint64 fromBlock, qint64 count) {
        if (stride != 1 || fromBlock >= blocks)
            return;
        source.willRead(
            TraceRange{fromBlock * perBlock, std::min(selected, (fromBlock + count) * perBlock)});
    };
    std::exception_ptr error;
    std::mutex errorMutex;

    auto work = [&](qint64 item) {
        if (failed.load(std::memory_order_relaxed))
            return;
        // At most `threads` items run at once (runParallel's bound), so a free slot exists.
        Slot* slot = nullptr;
        for (int s = 0; !slot; s = (s + 1) % threads)
            if (!workerSlots[std::size_t(s)].busy.exchange(true, std::memory_order_acquire))
                slot = &workerSlots[std::size_t(s)];
        try {
            const qint64 block = item / pieces;
            const qint64 piece = item % pieces;
            const qint64 k0 = block * perBlock;
            const qint64 k1 = std::min(selected, k0 + perBlock);
            const SampleRange samples{piece * pieceSamples,
                                      std::min(ns, (piece + 1) * pieceSamples)};
            const qint64 width = samples.count();
            const qint64 values = (k1 - k0) * width;
            Partial& p = slot->partial;
            if (slot->buffer.empty()) {
                slot->buffer.resize(std::size_t(std::min(perBlock * pieceSamples, selected * ns)));
                p.bins.assign(std::size_t(kAllBins), 0);
            }
            if (stride == 1) {
                const bool wasCold = cold.load(std::memory_order_relaxed);
                if (wasCold && piece == 0)
                    readAhead(block + aheadBlocks, 1);
                const long majorBefore = detail::threadMajorFaults();
                source.readWindow(TraceRange{k0, k1}, samples, slot->buffer.data());
                if (!wasCold && detail::threadMajorFaults() > majorBefore &&
                    !cold.exchange(true, std::memory_order_relaxed))
                    readAhead(block + 1, aheadBlocks);
            } else {
                for (qint64 k = k0; k < k1; ++k)
                    source.readWindow(TraceRange{k * stride, k * stride + 1}, samples,
                                      slot->buffer.data() + (k - k0) * width);
            }
            if (p.unflushed + values > qint64(std::numeric_limits<std::uint32_t>::max())) {
                std::lock_guard lock(histogramMutex);
                flush(p, histogram);
            }
            accumulate(slot->buffer.data(), values, p);
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
            failed.store(true, std::memory_order_relaxed);
        }
        slot->busy.store(false, std::memory_order_release);
    };
    // Progress in file traces: the traces the finished items have passed over. What the callback
    // throws is kept for the caller like a read error: it must not leave runParallel early.
    auto report = [&](qint64 finished) {
        if (failed.load(std::memory_order_relaxed))
            return false;
        if (!progress)
            return true;
        const qint64 passed = finished / pieces * perBlock * stride;
        try {
            return progress(std::min(n, passed), n);
        } catch (...) {
            std::lock_guard lock(errorMutex);
            if (!error)
                error = std::current_exception();
            failed.store(true, std::memory_order_relaxed);
            return false;
        }
    };
    const bool completed = items == 0 || detail::runParallel(items, threads, work, report);
    if (error)
        std::rethrow_exception(error);
    if (!completed)
        return LoadStatus::Cancelled;

    // Merge. Everything up to here touched only locals: `out` changes only now.
    AmplitudeStatistics result;
    double sum = 0;
    double sumSquares = 0;
    float lo = std::numeric_limits<float>::infinity();
    float hi = -std::numeric_limits<float>::infinity();
    for (int s = 0; s < threads; ++s) {
        Partial& p = workerSlots[std::size_t(s)].partial;
        if (!p.bins.empty())
            flush(p, histogram);
        result.zeros += p.zeros;
        sum += p.sum;
        sumSquares += p.sumSquares;
        lo = std::min(lo, p.min);
        hi = std::max(hi, p.max);
    }
    result.traces = selected;
    result.count = selected * ns;
    for (int b = kFiniteBins; b < kAllBins; ++b)
        result.nonFinite += qint64(histogram[std::size_t(b)]);
    histogram[0] -= quint64(result.zeros);
    histogram.resize(std::size_t(kFiniteBins));
    result.histogram = std::move(histogram);
    const qint64 finite = result.finiteCount();
    if (finite > 0) {
        result.min = lo;
        result.max = hi;
        result.mean = sum / double(finite);
        result.rms = std::sqrt(sumSquares / double(finite));
    }
    // The last report may still say stop (a cancel that came in as the last block finished); it
    // is also the only one when other threads did every block before this one took any.
    if (progress && !progress(n, n))
        return LoadStatus::Cancelled;
    out = std::move(result);
    return LoadStatus::Completed;
}

QFuture<AmplitudeStatistics>
computeAmplitudeStatisticsAsync(std::shared_ptr<const TraceSource> source,
                                AmplitudeStatisticsOptions options) {
    if (!source)
        throw ArgumentError(QStringLiteral("computeAmplitudeStatisticsAsync: no source given"));
    checkOptions(options);
    return QtConcurrent::run(executors::jobs(), [source = std::move(source),
                                                 options](QPromise<AmplitudeStatistics>& promise) {
        ProgressTracker tracker(source->traceCount());
        const ProgressCallback progress = promiseProgress(promise, tracker);
        AmplitudeStatistics stats;
        if (computeAmplitudeStatistics(*source, stats, progress, options) == LoadStatus::Completed)
            promise.addResult(std::move(stats));
    });
}

} // namespace seis
