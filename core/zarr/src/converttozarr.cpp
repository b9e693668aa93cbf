#include "seis/zarr/converttozarr.h"

#include "seis/base/amplitudestatistics.h"
#include "seis/base/progresstracker.h"
#include "seis/pipeline/copytraces.h"
#include "seis/processing/processingchain.h"

#include <QElapsedTimer>

#include <algorithm>

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
    const CopyResult copied = copyTraces(source, chosen, options.chain, sink, report, copy);

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
    // float32 holds every integer up to 2^24 exactly and every IEEE single: other formats may
    // be rounded in the store, which then no longer converts back to the same SEG-Y.
    const AmplitudeStatistics& s = sink.statistics();
    const std::optional<SourceFileHeaders> headers = storeOptions.sourceHeaders;
    constexpr float kExact = 16777216.0f; // 2^24: 2^24 + 1 reads as 2^24
    if (headers && headers->formatCode == 2 && s.finiteCount() > 0 &&
        (s.max >= kExact || s.min <= -kExact))
        r.warnings << QStringLiteral("%1 holds 4-byte integers beyond +/-2^24 (up to %2), which "
                                     "the store's float32 rounds: it will not convert back to "
                                     "the same SEG-Y")
                          .arg(source.path())
                          .arg(double(std::max(s.max, -s.min)), 0, 'f', 0);
    if (headers &&
        (headers->formatCode == 4 || headers->formatCode == 6 || headers->formatCode == 9 ||
         headers->formatCode == 10 || headers->formatCode == 12))
        r.warnings << QStringLiteral("%1 holds %2 samples, which the store keeps as float32 "
                                     "(rounded where they need more than 24 bits): it may not "
                                     "convert back to the same SEG-Y")
                          .arg(source.path(), headers->formatName);
    return r;
}

} // namespace seis::zarr
