// The format-neutral view of a seismic data set that everything above the readers works on.
//
// A trace source is a rectangular array of traces x samples (float32 after decoding) plus a
// 240-byte-style trace header per trace. The SEG-Y reader (SegyFile) implements it; a Zarr store
// implements it too, so the tile cache, the ensemble index and the viewer never know the format.
//
// Indexing: traces and samples are 0-based, ranges half-open (see types.h).
// Threads: implementations are immutable after construction; every const member may be called
// from any number of threads at once.
#pragma once

#include "seis/base/amplitudestatistics.h"
#include "seis/base/sourcefileheaders.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/types.h"

#include <QString>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace seis {

// Ensembles as a source keeps them: ensemble i holds the traces [firstTrace[i], firstTrace[i] +
// traceCount[i]) with key values keys0[i] (and keys1[i] with two keys; empty otherwise), in
// trace order, covering every trace.
struct StoredEnsembles {
    std::vector<qint64> firstTrace;
    std::vector<qint64> traceCount;
    std::vector<qint64> keys0;
    std::vector<qint64> keys1;
};

class TraceSource {
public:
    virtual ~TraceSource();

    // The file or store the data come from, for messages (errors name it).
    virtual QString path() const = 0;
    virtual qint64 traceCount() const = 0;
    virtual qint64 sampleCount() const = 0;      // samples per trace
    virtual double sampleIntervalUs() const = 0; // microseconds (or the file's depth unit)
    virtual double startTimeMs() const = 0;      // time of sample 0 (the recording delay), ms

    // Decodes traces x samples into `dst`, trace-major:
    //   dst[(t - traces.begin) * samples.count() + (s - samples.begin)].
    // `dst` must hold traces.count() * samples.count() floats; the caller owns it.
    // Throws FormatError (naming the source, the range and the bounds) for an out-of-bounds range.
    // Implementations do not keep what they read resident: reading the whole source window by
    // window leaves the process's memory where it was.
    virtual void readWindow(TraceRange traces, SampleRange samples, float* dst) const = 0;

    // Decodes traces x samples decimated by `factor` (>= 1) into `dst`, trace-major, so that a
    // trace of any length can be shown in the memory of a few thousand samples:
    //   dst[(t - traces.begin) * decimatedCount(samples.count(), factor) + j]
    // is the peak of the input samples [samples.begin + j * factor,
    // min(samples.end, samples.begin + (j + 1) * factor)) of trace t: the sample of largest
    // magnitude, its sign kept (the first of equal magnitudes; infinities are the largest). NaNs
    // are passed over; a bin of NaNs only is NaN. Factor 1 is readWindow.
    // `dst` must hold traces.count() * decimatedCount(samples.count(), factor) floats; the caller
    // owns it. Throws FormatError for an out-of-bounds range, ArgumentError for a factor < 1.
    // The default implementation streams through readWindow in blocks of at most
    // kDecimationBlockBytes, so its memory is bounded whatever the trace length; it runs on the
    // calling thread.
    virtual void readWindowDecimated(TraceRange traces, SampleRange samples, qint64 factor,
                                     float* dst) const;

    // Output samples per trace of a decimated read of `count` input samples: ceil(count/factor).
    static constexpr qint64 decimatedCount(qint64 count, qint64 factor) {
        return factor <= 1 ? count : (count + factor - 1) / factor;
    }
    static constexpr qint64 kDecimationBlockBytes = qint64(2) << 20;

    // Reads header fields for traces [traces.begin, traces.end). out[k] must hold traces.count()
    // values for fields[k]. Float fields are truncated toward zero. Like readWindow, leaves
    // nothing resident.
    virtual void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                                   std::span<qint64* const> out) const = 0;

    // The trace headers of `traces`, kTraceHeaderBytes each, as the source stores them (byte
    // order headerByteOrder()), into `dst` (traces.count() * kTraceHeaderBytes bytes, owned by
    // the caller). Leaves nothing resident. Throws ArgumentError for an out-of-bounds range.
    // The default builds them from the standard fields (readHeaderColumns), big-endian, with
    // zeros in bytes no standard field covers; SegyFile returns its bytes as they are.
    virtual void readTraceHeaders(TraceRange traces, std::byte* dst) const;
    // The byte order of readTraceHeaders' bytes. The default is big-endian.
    virtual ByteOrder headerByteOrder() const;

    // The format for people, one line: the format's name and what a reader of the data might
    // want to know about its encoding, e.g. "SEG-Y format 1 (4-byte IBM float), big-endian".
    // The default is empty (nothing to say).
    virtual QString formatDescription() const;
    // The file-level headers of the file the data came from (see sourcefileheaders.h), or
    // nullopt when the source has none (the default). A SEG-Y file returns its own; a store
    // converted from SEG-Y returns the file's, as kept in its attributes.
    virtual std::optional<SourceFileHeaders> fileHeaders() const;
    // Whole-file amplitude statistics the source keeps (a store written by seisview keeps those
    // of every sample it holds), or nullopt (the default): they are then computed by a pass
    // (seis/stats). May read a little (a store's histogram, ~100 KB); never a pass over samples.
    virtual std::optional<AmplitudeStatistics> storedStatistics() const;
    // The ensembles (runs of equal key values, seis/ensembles) the source keeps for exactly
    // `keys`, or nullopt (the default): they are then found by a scan of the key columns.
    virtual std::optional<StoredEnsembles> storedEnsembles(std::span<const HeaderField> keys) const;

    // A text that changes whenever the data could read differently (path, size, modification
    // time, layout). Derived data such as the ensemble index are cached under it. Empty when the
    // source cannot tell (nothing is then cached).
    virtual QString identity() const = 0;

    // Advice: `traces` (whole traces) will be read soon. An implementation may start reading
    // them into memory in the background and return at once; it never blocks on the read, never
    // throws, and ranges past the end are clipped. The default does nothing.
    virtual void willRead(TraceRange traces) const;

    // Validate a range against this source; throw FormatError naming the range and the bounds.
    void checkTraceRange(TraceRange traces) const;
    void checkSampleRange(SampleRange samples) const;

protected:
    TraceSource() = default;
    TraceSource(const TraceSource&) = default;
    TraceSource& operator=(const TraceSource&) = default;
};

} // namespace seis
