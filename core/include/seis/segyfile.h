// A SEG-Y file opened read-only through a memory mapping.
//
// Opening reads only the 3600-byte file header, any extended textual headers and at most two trace
// headers: it never scans the file, so a 1 TB file opens as fast as a 1 MB one. The file is never
// written to.
//
// Threads: a SegyFile is immutable after construction; every const member may be called from any
// number of threads at once. Data pointers into the mapping stay valid until the SegyFile is
// destroyed.
//
// Layout assumed: fixed-length traces of `traceHeaderBytes()` header bytes followed by
// `sampleCount()` samples of `format()`, starting at `firstTraceOffset()`.
#pragma once

#include "seis/binaryheader.h"
#include "seis/sampleformat.h"
#include "seis/textheader.h"
#include "seis/traceheaderfield.h"
#include "seis/types.h"

#include <QString>
#include <QStringList>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>

namespace seis {

struct SegyOpenOptions {
    // Overrides byte-order detection when set.
    std::optional<ByteOrder> byteOrder;
};

class SegyFile {
public:
    // Opens and validates `path`. Throws SegyError (naming the file, the value and what was
    // expected) if it is missing, unreadable, too short, or its headers make no sense.
    explicit SegyFile(const QString& path, SegyOpenOptions options = {});
    ~SegyFile();
    SegyFile(const SegyFile&) = delete;
    SegyFile& operator=(const SegyFile&) = delete;

    const QString& path() const;
    qint64 fileSize() const;         // bytes
    qint64 traceCount() const;       // complete traces
    qint64 sampleCount() const;      // samples per trace
    double sampleIntervalUs() const; // microseconds (or the file's unit for depth data)
    SampleFormat format() const;
    ByteOrder byteOrder() const;
    TextEncoding textEncoding() const;
    QString textHeader() const; // 40 lines of 80 characters joined by "\n"
    QStringList extendedTextHeaders() const;
    const BinaryHeader& binaryHeader() const;
    QStringList warnings() const;    // non-fatal oddities found on open
    qint64 firstTraceOffset() const; // 0-based byte offset of trace 0's header
    qint64 traceHeaderBytes() const; // 240, or more with rev 2 additional headers
    qint64 traceBytes() const;       // header + samples

    // Decodes traces [traces.begin, traces.end) x samples [samples.begin, samples.end) into
    // `dst`, trace-major: dst[(t - traces.begin) * samples.count() + (s - samples.begin)].
    // `dst` must hold traces.count() * samples.count() floats; the caller owns it. Large windows
    // are split over the global thread pool. Throws SegyError for an out-of-bounds range.
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const;

    // Reads header fields for traces [traces.begin, traces.end) in one pass over the headers.
    // out[k] must hold traces.count() values for fields[k]. Float fields are truncated toward
    // zero. Throws SegyError for an out-of-bounds range.
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const;

    // The raw bytes of trace `trace`'s 240-byte standard header (0-based trace index).
    const std::byte* traceHeader(qint64 trace) const;
    // The raw sample bytes of `trace`.
    const std::byte* traceSamples(qint64 trace) const;

    // Validates a range against this file; throws SegyError naming the range and the bounds.
    void checkTraceRange(TraceRange traces) const;
    void checkSampleRange(SampleRange samples) const;

    // Releases the page-table entries for a byte range of the mapping (the data stay in the
    // page cache). Used by long sequential jobs so the process's RSS does not grow with the file.
    void releasePages(qint64 offset, qint64 length) const;
    // Asks the kernel to map a byte range in one go (cheaper than faulting page by page).
    void populatePages(qint64 offset, qint64 length) const;
    // Starts reading a byte range into the page cache without waiting (readahead), for ranges
    // that will be needed soon; the mapping is advised random, so faults alone never read ahead.
    void prefetchPages(qint64 offset, qint64 length) const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
