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
//
// Above the core, files are opened through openSource (seis/sources/opensource.h), which
// returns a TraceSource; only what shows SEG-Y headers looks for a SegyFile (dynamic_cast).
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/base/types.h"
#include "seis/segy/binaryheader.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/textheader.h"

#include <QByteArray>
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
    // Bytes of the mapping that header reads leave resident (the most recently read; older
    // pages are released beyond it, see retirePages). 0 releases every range as soon as it is
    // read.
    qint64 residentBytes = kDefaultResidentBytes;
    static constexpr qint64 kDefaultResidentBytes = qint64(64) << 20;
};

class SegyFile final : public TraceSource {
public:
    // Opens and validates `path`. Throws FormatError (naming the file, the value and what was
    // expected) if it is missing, unreadable, too short, or its headers make no sense.
    explicit SegyFile(const QString& path, SegyOpenOptions options = {});
    ~SegyFile() override;
    SegyFile(const SegyFile&) = delete;
    SegyFile& operator=(const SegyFile&) = delete;

    QString path() const override;
    qint64 fileSize() const;                  // bytes
    qint64 traceCount() const override;       // complete traces
    qint64 sampleCount() const override;      // samples per trace
    double sampleIntervalUs() const override; // microseconds (or the file's unit for depth data)
    // Delay recording time of trace 0 (trace header bytes 109-110), ms.
    double startTimeMs() const override;
    // "segy:" + absolute path, size, modification time (ns), byte order and trace layout, as
    // found when the file was opened.
    QString identity() const override;
    // "SEG-Y format 1 (4-byte IBM float), big-endian".
    QString formatDescription() const override;
    // TraceSource::fileHeaders: the file's headers as stored and decoded, its format, byte
    // order, revision, absolute path, size and modification time.
    std::optional<SourceFileHeaders> fileHeaders() const override;
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

    // TraceSource::readWindow. Large windows are split over the global thread pool; the pages of
    // the mapping it touched are released at once (whoever reads samples keeps what it decoded:
    // the tile cache, a loaded array), so RSS does not grow with what was read.
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override;

    // TraceSource::readHeaderColumns: all fields in one pass over the headers, in parallel; the
    // pages it touched are retired as it goes, like readWindow's.
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override;

    // TraceSource::readTraceHeaders: the standard 240 bytes of each trace as in the file (any
    // additional rev 2 trace headers are not included); pages are retired like
    // readHeaderColumns'. headerByteOrder() is the file's byte order.
    void readTraceHeaders(TraceRange traces, std::byte* dst) const override;
    ByteOrder headerByteOrder() const override;

    // The sample bytes of `traces` x `samples` as stored (format() in byteOrder()), trace-major,
    // into `dst` (traces.count() * samples.count() * bytesPerSample(format()) bytes, owned by the
    // caller): for writers that copy samples exactly. Pages are released like readWindow's.
    // Throws ArgumentError for an out-of-bounds range, FormatError if the file shrank.
    void readRawSamples(TraceRange traces, SampleRange samples, std::byte* dst) const;

    // The file's bytes as they are, for writers that copy them: the 3200-byte textual header
    // followed by the 400-byte binary header (3600 bytes), and the extended textual headers
    // (3200 bytes each, extendedTextHeaders().size() of them; empty when there are none).
    QByteArray rawFileHeader() const;
    QByteArray rawExtendedTextHeaders() const;

    // TraceSource::willRead: asks the kernel to read the traces' bytes ahead (readahead).
    void willRead(TraceRange traces) const override;

    // The raw bytes of trace `trace`'s 240-byte standard header (0-based trace index).
    const std::byte* traceHeader(qint64 trace) const;
    // The raw sample bytes of `trace`.
    const std::byte* traceSamples(qint64 trace) const;

    // Releases the page-table entries for a byte range of the mapping at once (the data stay in
    // the page cache).
    void releasePages(qint64 offset, qint64 length) const;
    // A byte range has been read: its pages stay mapped while the most recently read ranges
    // total at most SegyOpenOptions::residentBytes, and the oldest are released beyond that, so
    // the process's RSS does not grow with the file while small and repeated passes pay nothing.
    // readHeaderColumns retires what it touched; sample reads release at once instead.
    void retirePages(qint64 offset, qint64 length) const;
    // Asks the kernel to map a byte range in one go (cheaper than faulting page by page).
    void populatePages(qint64 offset, qint64 length) const;
    // Starts reading a byte range into the page cache without waiting (readahead), for ranges
    // that will be needed soon; the mapping is advised random, so faults alone never read ahead.
    void prefetchPages(qint64 offset, qint64 length) const;

private:
    // releasePages over the range widened to the 2 MB around it.
    void releaseAround(qint64 offset, qint64 length) const;
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
