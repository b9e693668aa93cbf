// A window as the gather display draws it: the window read through the tile cache, its samples
// after a processing chain, and a sorted sample of their magnitudes to choose the clip from.
// Made on a worker (GatherNavigator runs it with every window request), so the GUI thread never
// touches every sample of a window: the display draws the processed samples and picks a clip
// percentile by one lookup.
//
// Indexing: traces are absolute and 0-based, as in TraceWindow. Ownership: copies share the
// (immutable) samples. Threads: a value type; processWindow() runs on any thread.
#pragma once

#include "seis/cache/tilecache.h"
#include "seis/processing/processingchain.h"
#include "seis/windowspectra.h"

#include <QtGlobal>
#include <memory>
#include <vector>

namespace seis {

struct ProcessedWindow {
    // Samples spread evenly over a window for its clip percentile (all of them up to this many).
    static constexpr qint64 kClipSample = 65536;

    TraceWindow window; // as read: its shape and its raw samples
    // The processed samples, trace-major (window.traces().count() x window.samples().count()), or
    // null when nothing was processed (the window's own samples are drawn).
    std::shared_ptr<const std::vector<float>> values;
    // |amplitude| of the finite processed samples among kClipSample spread evenly over the
    // window (trace-major order, stride max(1, n / kClipSample)), ascending.
    std::shared_ptr<const std::vector<float>> magnitudes;
    // The window's mean amplitude spectra before and after processing, when they were asked for
    // (GatherNavigator::setSpectrumWanted); null otherwise.
    std::shared_ptr<const WindowSpectra> spectra;

    bool isEmpty() const { return window.isEmpty(); }
    // The processed samples of trace `trace` (absolute, inside window.traces()), contiguous.
    const float* trace(qint64 trace) const;
    // The `percentile` (0..100) of |amplitude| over the magnitudes above: entry
    // round(percentile / 100 * (n - 1)), as percentileClip() picks it; 0 with no finite value.
    float percentile(double percentile) const;
};

// Copies `window`, runs `chain` over the copy (blocks of traces in parallel on
// executors::parallel(); every step works trace by trace) and picks the clip sample. An empty
// chain copies nothing. The steps see the interval of the window's own samples: the source's
// `sampleIntervalUs` (microseconds per input sample) times window.factor(); with no usable
// interval (<= 0) a sample counts as 1 ms, as on the display's sample axis. `startTimeMs` is the
// source's time of input sample 0 (ms). `headers`: the 240-byte headers of the window's traces
// (in `headerByteOrder`), for steps that use header values (a mute by offset); null when the
// caller has none. Throws what the steps throw.
ProcessedWindow processWindow(TraceWindow window, const ProcessingChain& chain,
                              double sampleIntervalUs, double startTimeMs,
                              const std::byte* headers = nullptr,
                              ByteOrder headerByteOrder = ByteOrder::Big);

} // namespace seis
