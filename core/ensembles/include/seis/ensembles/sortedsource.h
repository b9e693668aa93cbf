// A sorted view of a trace source: the traces of a file in the order of a sort index, read as a
// trace source of its own, so that the tile cache, the navigator and every panel of the viewer
// work on sorted gathers as they do on the file (position p of the view is trace
// index.order()[p] of the file; the sorted gathers are runs of positions, sortedEnsembles()).
//
// Reads map each run of consecutive file traces among the positions asked for to one read of the
// file (a CDP gather of a shot-sorted file reads trace by trace; a file already in that order
// reads as one range), into the caller's buffer at the run's place: the memory of a read is the
// caller's, as for any source. Header columns and trace headers are the file's, in view order.
//
// Indexing: positions and file traces are 0-based. Threads: immutable; every const member may be
// called from any thread (the file and the index are). Errors: those of the file's reads, and
// ArgumentError for positions out of range (TraceSource::checkTraceRange).
#pragma once

#include "seis/base/tracesource.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortindex.h"

#include <memory>

namespace seis {

class SortedSource : public TraceSource {
public:
    // The traces of `file` in the order of `index`, which must have been built over a source of
    // as many traces (ArgumentError naming both counts otherwise; also for null arguments).
    SortedSource(std::shared_ptr<const TraceSource> file, std::shared_ptr<const SortIndex> index);

    const std::shared_ptr<const TraceSource>& file() const { return m_file; }
    const std::shared_ptr<const SortIndex>& index() const { return m_index; }

    QString path() const override;
    qint64 traceCount() const override;
    qint64 sampleCount() const override;
    double sampleIntervalUs() const override;
    double startTimeMs() const override;
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override;
    void readWindowDecimated(TraceRange traces, SampleRange samples, qint64 factor,
                             float* dst) const override;
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override;
    void readTraceHeaders(TraceRange traces, std::byte* dst) const override;
    ByteOrder headerByteOrder() const override;
    QString formatDescription() const override;
    QJsonObject storageLayout() const override;
    std::optional<SourceFileHeaders> fileHeaders() const override;
    std::optional<AmplitudeStatistics> storedStatistics() const override;
    // The file's identity and the sort's keys (empty if the file has none).
    QString identity() const override;
    // Passed on for the first 64 runs of file traces (advice only).
    void willRead(TraceRange traces) const override;

    // The file trace shown at `position`. Throws ArgumentError for a position out of range.
    qint64 fileTrace(qint64 position) const;

private:
    // Calls f(file traces, first position of the run) for each run of consecutive file traces
    // among the positions `traces`, in order.
    template <class F> void forEachRun(TraceRange traces, F&& f) const;

    std::shared_ptr<const TraceSource> m_file;
    std::shared_ptr<const SortIndex> m_index;
};

// The file trace number of position `trace` of `source`: for a SortedSource the trace it shows
// there, for any other source `trace` itself. For what people read (the header table, the cursor
// readout).
qint64 fileTraceOf(const TraceSource& source, qint64 trace);

// The sorted gathers of `index` as ensembles over the positions of its SortedSource: ensemble g
// holds the positions of gather g, its key K1 (a complete index with the single key K1). Memory:
// 16 bytes per gather.
std::shared_ptr<EnsembleIndex> sortedEnsembles(const SortIndex& index);

} // namespace seis
