// One export of a selection of any trace source, processed or not, to SEG-Y or to a Zarr store:
// the job `seisview-cli export` and the viewer's File > Export... both run. The target's name
// picks the format: NAME.zarr (a trailing slash ignored) is a Zarr store written by
// zarr::convertToZarr (seis/zarr/converttozarr.h, its defaults), anything else a SEG-Y file
// written by SegyWriter (seis/segy/segywriter.h) through copyTraces (seis/pipeline/copytraces.h).
//
// Nothing is left behind by a cancelled or failed export: SegyWriter writes through OutputFile
// (a temporary name, renamed on commit) and the store is written to a temporary directory
// renamed once complete. Memory is bounded by the copy's blocks in flight, whatever the size.
//
// A plain class, like the functions it wraps: the CLI runs it on its own thread, the viewer on
// executors::jobs() (JobQueue). Errors: seis/base/error.h. Threads: one thread at a time;
// `progress` is called on the thread that runs run().
#pragma once

#include "seis/base/progress.h"
#include "seis/base/tracesource.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/processingchain.h"
#include "seis/segy/segywriter.h"
#include "seis/zarr/converttozarr.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

namespace seis {

// Whether `path` names a Zarr store: it ends with ".zarr" (any case), trailing slashes ignored.
bool isZarrPath(const QString& path);

struct ExportRequest {
    QString target;         // a SEG-Y file ("-": standard output) or NAME.zarr, a Zarr store
    SegyWriterOptions segy; // SEG-Y only; segy.output.inputs: files never written (the source)
    ProcessingChain chain;  // applied to the samples on the copy's workers; empty: as read
};

// The figures of a running export (zarr::ConvertProgress: traces, bytes, MB/s, ETA) and one line
// for a terminal. For SEG-Y, bytesIn counts the decoded samples and headers (240 + 4 * samples
// per trace), bytesOut the trace bytes encoded so far, and ratio stays 0. Return false to cancel.
using ExportProgressCallback =
    std::function<bool(const zarr::ConvertProgress& figures, const QString& text)>;

// What the output holds once the export ran.
struct ExportSegySummary {
    SampleFormat format = SampleFormat::IeeeFloat32;
    ByteOrder byteOrder = ByteOrder::Big;
    int revision = 0;
    qint64 saturatedSamples = 0; // integer formats: samples clipped to the format's range
};

struct ExportResult {
    LoadStatus status = LoadStatus::Completed;
    qint64 traces = 0;       // traces written
    qint64 samples = 0;      // per trace
    qint64 bytesWritten = 0; // bytes of the output (SEG-Y: the file; Zarr: every file of it)
    double seconds = 0;      // of run()
    QStringList warnings;
    std::optional<ExportSegySummary> segy;   // SEG-Y output
    std::optional<zarr::ConvertResult> zarr; // Zarr output: the conversion's own summary
};

class ExportJob {
public:
    // Checks what can be checked before anything is created: the chain against the source
    // (ProcessingChain::check: a mute without headers, a window without a sample interval) and,
    // for SEG-Y, the writer's options against the source's headers (SegyWriter's constructor).
    // Creates nothing. Throws ArgumentError (IoError for an unreadable textual header file).
    ExportJob(std::shared_ptr<const TraceSource> source, ExportRequest request);
    ~ExportJob();
    ExportJob(const ExportJob&) = delete;
    ExportJob& operator=(const ExportJob&) = delete;

    bool toZarr() const { return !m_segy; }
    const ExportRequest& request() const { return m_request; }

    // Writes `selection` of the source through the chain into the target (once). Returns
    // Cancelled when `progress` returned false (nothing is left); throws what the writer and the
    // source throw (the output's temporaries are removed first).
    ExportResult run(const TraceSelection& selection, const ExportProgressCallback& progress = {});

private:
    std::shared_ptr<const TraceSource> m_source;
    ExportRequest m_request;
    std::unique_ptr<SegyWriter> m_segy; // null for Zarr
};

// The whole job for callers that have nothing between the checks and the run (the viewer):
// ExportJob's checks, resolveSelection(spec) (cancellable: `progress` is asked with empty
// figures while the selection is resolved), then run().
ExportResult exportTraces(std::shared_ptr<const TraceSource> source, const SelectionSpec& spec,
                          ExportRequest request, const ExportProgressCallback& progress = {});

} // namespace seis
