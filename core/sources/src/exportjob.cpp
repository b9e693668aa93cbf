#include "seis/sources/exportjob.h"

#include "seis/base/error.h"
#include "seis/base/progresstracker.h"
#include "seis/pipeline/copytraces.h"

#include <QElapsedTimer>
#include <vector>

namespace seis {

namespace {

QString withoutTrailingSlashes(const QString& path) {
    QString p = path;
    while (p.size() > 1 && p.endsWith(QLatin1Char('/')))
        p.chop(1);
    return p;
}

} // namespace

bool isZarrPath(const QString& path) {
    return withoutTrailingSlashes(path).endsWith(QLatin1String(".zarr"), Qt::CaseInsensitive);
}

ExportJob::ExportJob(std::shared_ptr<const TraceSource> source, ExportRequest request)
    : m_source(std::move(source))
    , m_request(std::move(request)) {
    // Steps that cannot run on this data (a mute without headers, a window without a sample
    // interval) fail here, before anything is created, as copyTraces would check them.
    checkChain(*m_source, SampleRange{0, m_source->sampleCount()}, m_request.chain);
    // The options are checked against the source before anything is created.
    if (!isZarrPath(m_request.target))
        m_segy = std::make_unique<SegyWriter>(
            m_request.target, SegyHeaderTemplate::forSource(m_source), m_request.segy);
}

ExportJob::~ExportJob() = default;

ExportResult ExportJob::run(const TraceSelection& selection,
                            const ExportProgressCallback& progress) {
    const TraceSource& file = *m_source;
    ExportResult result;
    if (!m_segy) {
        zarr::ConvertOptions options;
        options.chain = m_request.chain;
        zarr::ConvertProgressCallback forward;
        if (progress)
            forward = [&](const zarr::ConvertProgress& p) { return progress(p, p.text()); };
        const zarr::ConvertResult r = zarr::convertToZarr(
            file, withoutTrailingSlashes(m_request.target), options, forward, selection);
        result.status = r.status;
        result.traces = r.traces;
        result.samples = r.samples;
        result.bytesWritten = r.bytesOut;
        result.seconds = r.seconds;
        result.warnings = r.warnings;
        result.zarr = r;
        return result;
    }

    SegyWriter& writer = *m_segy;
    QElapsedTimer clock;
    clock.start();
    const qint64 samples = selection.samples().count();
    const qint64 bytesIn = kTraceHeaderBytes + 4 * samples;
    const qint64 bytesOut = kTraceHeaderBytes + samples * bytesPerSample(writer.format());
    ProgressTracker tracker(selection.traceCount(), bytesOut);
    const auto trackerCallback = tracker.callback();
    ProgressCallback report;
    if (progress)
        report = [&](qint64 done, qint64 total) {
            const bool go = trackerCallback(done, total);
            const ProgressSnapshot s = tracker.snapshot();
            zarr::ConvertProgress p;
            p.traces = done;
            p.totalTraces = selection.traceCount();
            p.bytesIn = done * bytesIn;
            p.bytesOut = done * bytesOut;
            p.seconds = s.elapsedSeconds;
            p.percent = s.percent;
            p.megabytesInPerSecond = s.unitsPerSecond * double(bytesIn) / 1e6;
            p.megabytesOutPerSecond = s.unitsPerSecond * double(bytesOut) / 1e6;
            p.etaSeconds = s.etaSeconds;
            return progress(p, tracker.text()) && go;
        };
    const CopyResult copied = copyTraces(file, selection, m_request.chain, writer, report);
    result.status = copied.status;
    result.traces = copied.traces;
    result.samples = samples;
    result.bytesWritten = writer.bytesWritten();
    result.seconds = double(clock.nsecsElapsed()) * 1e-9;
    result.warnings = writer.warnings();
    result.segy = ExportSegySummary{writer.format(), writer.byteOrder(), writer.revision(),
                                    writer.encodeCounts().saturated};
    return result;
}

ExportResult exportTraces(std::shared_ptr<const TraceSource> source, const SelectionSpec& spec,
                          ExportRequest request, const ExportProgressCallback& progress) {
    ExportJob job(source, std::move(request));
    ProgressCallback asked;
    if (progress)
        asked = [&](qint64, qint64) { return progress(zarr::ConvertProgress{}, QString()); };
    const std::optional<TraceSelection> selection = resolveSelection(*source, spec, asked);
    if (!selection) {
        ExportResult cancelled;
        cancelled.status = LoadStatus::Cancelled;
        return cancelled;
    }
    return job.run(*selection, progress);
}

} // namespace seis
