// The format-neutral end of a copy: where copyTraces (seis/pipeline/copytraces.h) writes traces.
// The SEG-Y writer implements it (seis/segy/segywriter.h); the Zarr store will too.
//
// Protocol: begin() once with the layout, then write() blocks of traces in output order, each
// following the previous one (block.first == traces written so far), then commit() once every
// trace was written. abort() may come at any point instead of commit() and leaves nothing under
// the output's name. A sink destroyed without commit() aborts.
// Errors follow seis/base/error.h: begin, write and commit throw seis::Error (IoError for a
// failed write or no space); abort never throws.
// Threads: one thread at a time (copyTraces calls it from the thread that runs the job).
#pragma once

#include "seis/base/traceheaderfield.h" // kTraceHeaderBytes
#include "seis/base/types.h"

#include <QString>
#include <cstddef>

namespace seis {

// What the sink will receive.
struct OutputLayout {
    qint64 traceCount = 0;  // traces that will be written
    qint64 sampleCount = 0; // samples per output trace
    double sampleIntervalUs = 0;
    // Recording time of output sample 0 (the source's delay plus the cut), ms.
    double startTimeMs = 0;
    // The source sample that output sample 0 is (0-based; > 0 when a time window cut the start)
    // and the source's samples per trace: a sink that keeps the source's headers moves each
    // trace's delay by firstSourceSample sample intervals.
    qint64 firstSourceSample = 0;
    qint64 sourceSampleCount = 0;
    // Byte order of the headers in TraceBlock::headers (TraceSource::headerByteOrder()).
    ByteOrder headerByteOrder = ByteOrder::Big;
};

// A run of output traces. The memory belongs to the caller and is valid during write() only.
struct TraceBlock {
    qint64 first = 0; // 0-based output index of the block's first trace
    qint64 count = 0; // traces in the block
    // count * OutputLayout::sampleCount floats, trace-major, processed.
    const float* samples = nullptr;
    // count * kTraceHeaderBytes bytes: each trace's header as the source stores it (in
    // OutputLayout::headerByteOrder), unchanged by the copy.
    const std::byte* headers = nullptr;
    // count 0-based source trace indices, for sinks that record where traces came from.
    const qint64* sourceTraces = nullptr;
    // False when `samples` are the source's decoded samples as they are (no processing step ran):
    // a sink writing the source's own encoding may then copy the source's bytes instead. When
    // the sink said so (wantsDecodedSamples() false) and nothing is processed, `samples` is
    // null: the source's samples were not decoded at all.
    bool processed = false;
};

class TraceSink {
public:
    virtual ~TraceSink();
    // The output, for messages.
    virtual QString path() const = 0;
    // Checks the layout (and, for files, that it fits: free space) and starts the output.
    virtual void begin(const OutputLayout& layout) = 0;
    virtual void write(const TraceBlock& block) = 0;
    // Asked after begin(): false when the sink takes unprocessed samples from the source's own
    // bytes (a same-format copy), so the copy need not decode them. The default is true.
    virtual bool wantsDecodedSamples() const;
    // Everything was written: flush, sync and publish the output under its name.
    virtual void commit() = 0;
    // Drops the output: nothing is left under its name (an existing file there keeps its bytes).
    virtual void abort() noexcept = 0;

protected:
    TraceSink() = default;
    // The checks of the protocol every sink makes, throwing ArgumentError naming `path`: a layout
    // of at least one sample per trace and no negative trace count; a block that starts where
    // the `written` traces end and fits in the layout.
    static void checkLayout(const QString& path, const OutputLayout& layout);
    static void checkBlock(const QString& path, const OutputLayout& layout, qint64 written,
                           const TraceBlock& block);
    TraceSink(const TraceSink&) = delete;
    TraceSink& operator=(const TraceSink&) = delete;
};

} // namespace seis
