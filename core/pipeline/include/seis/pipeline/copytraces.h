// The one job that writes: source -> selection -> processing chain -> sink.
//
// Blocks of selected traces (their samples and 240-byte headers) are read and processed on
// executors::parallel() while the calling thread writes finished blocks to the sink in order.
// At most `blocksInFlight` blocks exist at once, so memory is bounded whatever the file size:
// about blocksInFlight * blockBytes, or one trace (and its steps' scratch) when a trace is longer
// than that (fewer one-trace blocks are then in flight). Cancellation (progress returning false)
// aborts the sink and returns LoadStatus::Cancelled; any error aborts the sink and is rethrown (see
// seis/base/error.h). The sink is committed only after every block was written.
//
// A PlotJuggler-style plain function: the CLI calls it directly, the GUI wraps it in
// QtConcurrent::run(executors::jobs(), ...).
#pragma once

#include "seis/base/progress.h"
#include "seis/base/tracesink.h"
#include "seis/base/tracesource.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/processingchain.h"

namespace seis {

struct CopyOptions {
    // Bytes per block, about: each trace counts its output samples (float32), its 240-byte
    // header and its 8-byte index, so that short traces do not make blocks of millions of
    // headers. A block holds max(1, blockBytes / (4 * samples + 248)) traces.
    qint64 blockBytes = qint64(4) << 20;
    int blocksInFlight = 0; // 0: threads + 2
    int threads = 0;        // readers and processors; 0: one per core
};

struct CopyResult {
    LoadStatus status = LoadStatus::Completed;
    qint64 traces = 0;    // traces written
    qint64 bytesRead = 0; // sample and header bytes read from the source (float32 + 240)
    double seconds = 0;   // wall time of the job
};

// Copies the `selection` of `source` through `chain` into `sink` (begin .. write .. commit).
// `progress` gets traces written and selection.traceCount(), on the calling thread. The chain is
// checked (checkChain) before the sink begins.
CopyResult copyTraces(const TraceSource& source, const TraceSelection& selection,
                      const ProcessingChain& chain, TraceSink& sink,
                      const ProgressCallback& progress = {}, const CopyOptions& options = {});

// The check copyTraces makes before the sink begins: every step of `chain` can run on the
// `samples` of `source`'s traces, given their headers as copyTraces gives them (a mute reads its
// key there). Throws what the failing step's check() throws (ArgumentError naming the step and
// the value). Callers that create an output call it first, so a bad flow creates nothing.
void checkChain(const TraceSource& source, const SampleRange& samples,
                const ProcessingChain& chain);

} // namespace seis
