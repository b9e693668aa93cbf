// The mean amplitude spectra of a window, before and after processing, for the spectrum panel:
// seis/processing/amplitudespectrum.h over the window's traces (what `seisview-cli spectrum`
// gives for the same traces, with and without the flow). Made on the navigator's worker with the
// window (GatherNavigator::setSpectrumWanted), never on the GUI thread.
//
// Memory: the window's own samples and its processed copy are read in place, trace by trace;
// the only memory added is a few accumulators (one trace's FFT each), at most kMaxBytes of them
// beyond the first pair.
//
// Indexing: traces are absolute and 0-based, as in TraceWindow. Threads: a value type;
// windowSpectra() runs on any thread (and spreads over executors::parallel()).
#pragma once

#include "seis/cache/tilecache.h"
#include "seis/processing/amplitudespectrum.h"

#include <QtGlobal>

namespace seis {

struct WindowSpectra {
    // Bytes of accumulators windowSpectra() may hold beyond the first pair (one per thread).
    static constexpr qint64 kMaxBytes = qint64(64) << 20;

    TraceRange traces;           // the traces the means are over
    qint64 factor = 1;           // the window's decimation (1: every sample)
    double sampleIntervalUs = 0; // of the samples the spectra are of (source's interval * factor)
    AmplitudeSpectrum raw;       // of the samples as read
    AmplitudeSpectrum processed; // of the processed samples; equal to raw without processing
    bool hasProcessing = false;  // whether processed is of processed samples
};

// The spectra of `window`'s traces as read, and of `processed` (trace-major, the window's shape;
// null: no processing, processed = raw). `sampleIntervalUs`: the source's interval (microseconds
// per input sample, > 0); the spectra are at window.factor() times it. Throws ArgumentError for
// a bad interval.
WindowSpectra windowSpectra(const TraceWindow& window, const float* processed,
                            double sampleIntervalUs);

} // namespace seis
