#include "seis/zarr/converttozarr.h"

#include "seis/base/progresstracker.h"
#include "seis/pipeline/copytraces.h"
#include "seis/processing/processingchain.h"

#include <QElapsedTimer>

namespace seis::zarr {

QString ConvertProgress::text() const {
    QString s = QStringLiteral("%1% · %2 MB/s in, %3 MB/s out")
                    .arg(percent, 0, 'f', 0)
                    .arg(megabytesInPerSecond, 0, 'f', 0)
                    .arg(megabytesOutPerSecond, 0, 'f', 0);
    if (ratio > 0)
        s += QStringLiteral(" · ratio %1").arg(ratio, 0, 'f', 2);
    if (etaSeconds)
        s += QStringLiteral(" · ETA %1").arg(formatDuration(*etaSeconds));
    return s;
}

ConvertResult convertToZarr(const TraceSource& source, const QString& output,
                            const ConvertOptions& options, const ConvertProgressCallback& progress,
                            const std::optional<TraceSelection>& selection) {
    const TraceSelection all(source.traceCount(), source.sampleCount());
    const TraceSelection& chosen = selection ? *selection : all;
    const qint64 samples = chosen.samples().count();
    const qint64 bytesPerTrace = kTraceHeaderBytes + 4 * samples;

    ZarrSinkOptions storeOptions = options.store;
    if (storeOptions.threads == 0)
        storeOptions.threads = options.threads;
    if (!storeOptions.sourceHeaders)
        storeOptions.sourceHeaders = source.fileHeaders();
    ZarrSink sink(output, storeOptions);
    ProgressTracker tracker(chosen.traceCount(), bytesPerTrace);
    QElapsedTimer clock;
    clock.start();
    auto report = [&](qint64 done, qint64 total) {
        tracker.update(done);
        if (!progress)
            return true;
        const ProgressSnapshot snap = tracker.snapshot();
        ConvertProgress p;
        p.traces = done;
        p.totalTraces = total;
        p.bytesIn = done * bytesPerTrace;
        p.bytesOut = sink.bytesWritten();
        p.seconds = double(clock.nsecsElapsed()) * 1e-9;
        p.percent = snap.percent;
        p.megabytesInPerSecond = snap.bytesPerSecond / 1e6;
        // Out follows in at the ratio so far (chunks are written a row at a time).
        p.ratio = p.bytesOut > 0 ? double(p.bytesIn) / double(p.bytesOut) : 0;
        p.megabytesOutPerSecond = p.ratio > 0 ? p.megabytesInPerSecond / p.ratio : 0;
        p.etaSeconds = snap.etaSeconds;
        return progress(p);
    };
    CopyOptions copy;
    copy.threads = options.threads;
    const CopyResult copied = copyTraces(source, chosen, ProcessingChain{}, sink, report, copy);

    ConvertResult r;
    r.status = copied.status;
    r.traces = copied.traces;
    r.samples = samples;
    r.seconds = copied.seconds;
    if (copied.status != LoadStatus::Completed)
        return r;
    r.chunks = sink.amplitudeChunks();
    r.bytesIn = copied.traces * bytesPerTrace;
    r.bytesOut = sink.bytesWritten();
    r.ratio = r.bytesOut > 0 ? double(r.bytesIn) / double(r.bytesOut) : 0;
    r.warnings = sink.warnings();
    return r;
}

} // namespace seis::zarr
