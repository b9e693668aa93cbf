// Loading many traces into one pre-allocated float32 array, in parallel, cancellably.
//
// The plain functions take a progress callback; the QtConcurrent wrapper at the bottom is for UI
// code that wants a QFuture.
#pragma once

#include "seis/base/progress.h"
#include "seis/base/types.h"
#include "seis/segy/segyfile.h"

#include <QFuture>
#include <functional>
#include <memory>

namespace seis {

// Decodes all samples of `traces` into `dst` (trace-major, traces.count() * sampleCount() floats,
// owned by the caller). Work is split into chunks of about 8 MB over the global thread pool and
// the calling thread. Pages of the file mapping are released after each chunk, so the process's
// resident memory grows by `dst` only. On cancellation the contents of `dst` are unspecified.
LoadStatus loadTraces(const SegyFile& file, TraceRange traces, float* dst,
                      const ProgressCallback& progress = {});

// An owned trace-major array.
struct TraceArray {
    std::unique_ptr<float[]> data; // traces * samples floats
    qint64 traces = 0;
    qint64 samples = 0;
    const float* trace(qint64 i) const { return data.get() + i * samples; }
};

// Allocates one array for the whole file (no other buffer grows with the file) and loads it.
// Returns an empty TraceArray (data == nullptr) if cancelled. Throws std::bad_alloc if the
// array cannot be allocated.
TraceArray loadAllTraces(const SegyFile& file, const ProgressCallback& progress = {});

// The same on a QtConcurrent worker: progress is reported through the future (0..traceCount),
// and QFuture::cancel() stops the job, which then finishes with no result.
QFuture<std::shared_ptr<TraceArray>> loadAllTracesAsync(std::shared_ptr<const SegyFile> file);

} // namespace seis
