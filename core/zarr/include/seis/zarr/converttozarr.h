// Converting any trace source (a SEG-Y file, another store) to a Zarr store: the copy pipeline
// (seis/pipeline/copytraces.h) into a ZarrSink (seis/zarr/zarrsink.h).
//
// Traces are read and decoded on executors::parallel(), their chunks compressed and written in
// parallel too; memory is bounded by the copy's blocks in flight plus one row of chunks, whatever
// the source's size. The store is written to a temporary directory beside `output` and renamed
// only once every chunk and the metadata were written and synced: a cancelled, failed or killed
// conversion leaves nothing under `output` (DirectoryStore). A full disk is an IoError naming the
// store and the key being written.
//
// A PlotJuggler-style plain function: the CLI calls it directly, the GUI wraps it in
// QtConcurrent::run(executors::jobs(), ...) (the viewer's jobs panel).
// Errors: seis/base/error.h (ArgumentError for bad options or an existing `output`; what the
// source throws; IoError for failed writes). Threads: runs on the calling thread plus the workers;
// `progress` is called on the calling thread.
#pragma once

#include "seis/processing/processingchain.h"

#include "seis/base/progress.h"
#include "seis/base/tracesource.h"
#include "seis/pipeline/selection.h"
#include "seis/zarr/zarrsink.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace seis::zarr {

// What a progress display of a conversion shows (see ProgressTracker for the rates and ETA).
struct ConvertProgress {
    qint64 traces = 0;      // traces written so far
    qint64 totalTraces = 0; // traces the store will hold
    qint64 bytesIn = 0;     // decoded bytes so far: traces * (240 + 4 * samples)
    qint64 bytesOut = 0;    // bytes of the store's files written so far
    double seconds = 0;     // since the start
    double percent = 0;     // 0..100
    double megabytesInPerSecond = 0;
    double megabytesOutPerSecond = 0;
    double ratio = 0;                 // bytesIn / bytesOut so far (0 before anything was written)
    std::optional<double> etaSeconds; // unknown at first
    QString text() const;             // "42% 310 MB/s in, 95 MB/s out, ratio 3.3, ETA 0:12"
};

// Return false to cancel.
using ConvertProgressCallback = std::function<bool(const ConvertProgress&)>;

struct ConvertOptions {
    ZarrSinkOptions store;
    int threads = 0; // readers, decoders and compressors; 0: one per core
    // Applied to the samples before they are stored (copyTraces runs it on the workers, with
    // the traces' headers in its context); the caller checks it against the source first.
    ProcessingChain chain;
};

struct ConvertResult {
    LoadStatus status = LoadStatus::Completed;
    qint64 traces = 0;
    qint64 samples = 0;  // per trace
    qint64 chunks = 0;   // chunks of `amplitude` (inner chunks for Zarr v3, whatever the shards)
    qint64 bytesIn = 0;  // traces * (240 + 4 * samples): the decoded samples and headers
    qint64 bytesOut = 0; // bytes of every file of the store
    double ratio = 0;    // bytesIn / bytesOut
    double seconds = 0;
    QStringList warnings;
};

// Converts the `selection` of `source` (every trace when empty) into a new store at `output`.
ConvertResult convertToZarr(const TraceSource& source, const QString& output,
                            const ConvertOptions& options = {},
                            const ConvertProgressCallback& progress = {},
                            const std::optional<TraceSelection>& selection = std::nullopt);

} // namespace seis::zarr
