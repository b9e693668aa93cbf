// The SEG-Y writer: a TraceSink (seis/base/tracesink.h) that writes fixed-length traces of
// 240-byte headers and samples encoded from float32, through seis::OutputFile (temporary name,
// every write checked, fsync, rename; inputs refused).
//
// What is written:
// - Defaults follow the source (the template): its sample format, byte order and revision, its
//   textual header in its own encoding, its extended textual headers and its binary header, so a
//   copy of every trace and sample with nothing changed is byte-identical to the source (for
//   samples that survive float32: every IEEE and IBM value in float range, integers up to 2^24).
// - Binary header fields whose meaning changed are set right, in the output byte order:
//   format (3225); samples per trace (3221, and the rev 2 extended count 3269 when the trace is
//   longer than 32767 samples, then 3221 is 0, or when the source had it set); revision
//   (3501-3502 as [major, minor]: written only when it changes); the fixed-length flag (3503: 1
//   when the revision changes, otherwise the source's value, which stays true); the extended
//   textual header count (3505: the blocks written, or the source's -1 kept in rev 2); for rev 2
//   the byte-order word 16909060 (3297-3300), the trace count (3513-3520, 64-bit: written when the
//   source had one or the revision became 2; 0 means "every trace of the file") and the offset of
//   the first trace (3521-3528, when the source had one); additional trace headers (3507) and
//   data trailer records (3529) are 0, since neither is written. A rev 1 output from a rev 2
//   source clears the byte-order word.
// - Revision: the option, else the source's; raised to 2 when the output needs it (a format rev
//   1 lacks: 6, 7, 9, 10, 11, 12, 15, 16; more than 32767 samples; little-endian output from a
//   big-endian source). A rev 0 source written as format 5 or 8 becomes rev 1.
// - Trace headers: copied byte for byte except samples per trace (115-116: the output's count,
//   0 when over 65535) and the delay recording time (109-110: moved by firstSourceSample sample
//   intervals when a time window cut the start, in the units the time scalar at 215-216 gives;
//   rounded to the field's unit with a warning when it is not a whole number). When the byte
//   order changes, every standard field (standardTraceFields(), binaryHeaderFields()) is swapped
//   by its width; 3501 and 3502 are one byte each and stay; bytes no standard field covers are
//   copied as they are.
// - Samples: encodeSamples (seis/segy/sampleencoder.h); integer formats take `scale`
//   (sample = round(value * scale)); NaN written as 0 (IBM and integers; IEEE keeps NaN) and
//   saturated values are counted and reported in warnings().
//
// Errors (seis/base/error.h): the constructor throws ArgumentError for an unknown or unwritable
// format, a scale that is not finite and positive, a revision other than 1 or 2, a format rev 1
// cannot hold with revision 1, little-endian with revision 1, and for a bad textual header file
// (IoError when it cannot be read); begin() throws ArgumentError for more than 32767 samples with
// revision 1 and IoError when the output does not fit in the free space of its file system ("needs
// N bytes, M available") or cannot be created; write() and commit() throw IoError for failed
// writes. abort() never throws. Threads: one thread at a time (TraceSink). Offsets and sizes are
// 64-bit throughout.
#pragma once

#include "seis/base/outputfile.h"
#include "seis/base/tracesink.h"
#include "seis/base/tracesource.h"
#include "seis/base/tracewindowheaders.h"
#include "seis/segy/sampleencoder.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/textheader.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <optional>
#include <vector>

namespace seis {

class SegyFile;

// The file-level headers an output starts from.
struct SegyHeaderTemplate {
    QByteArray text;         // 3200 bytes, as stored
    QByteArray binary;       // 400 bytes, in byteOrder
    QByteArray extendedText; // 3200 bytes per extended textual header, as stored
    ByteOrder byteOrder = ByteOrder::Big;
    SampleFormat format = SampleFormat::IeeeFloat32;
    int revision = 2; // major revision number (0, 1 or 2)
    TextEncoding textEncoding = TextEncoding::Ebcdic;
    // False for standard(): the writer fills the sample interval (3217, and 3273 in rev 2) and
    // the other layout fields from the OutputLayout, since there is no source binary header.
    bool fromSegy = false;

    // The source when it is a SEG-Y file (forSource sets it): blocks that were not processed
    // (TraceBlock::processed false) and go out in the file's own format and byte order take
    // their sample bytes from it as they are, so such a copy is byte-identical whatever the
    // samples (unnormalised IBM words, integers beyond 2^24, NaN payloads).
    std::shared_ptr<const SegyFile> file;

    // The headers of an open SEG-Y file, as they are (no `file`: samples are encoded).
    static SegyHeaderTemplate fromFile(const SegyFile& file);
    // For any source: fromFile plus `file` when it is a SEG-Y file; the kept headers of a source
    // that has them (TraceSource::fileHeaders: a store converted from SEG-Y), so every trace
    // copied converts back byte for byte; else standard().
    static SegyHeaderTemplate forSource(std::shared_ptr<const TraceSource> source);
    // For sources that are not SEG-Y: IEEE float, big-endian, rev 2.0, an EBCDIC textual header
    // whose first line says "WRITTEN BY " + `writer`, a binary header with only what the writer
    // sets.
    static SegyHeaderTemplate standard(const QString& writer = QStringLiteral("SEISVIEW"));
};

struct SegyWriterOptions {
    std::optional<int> format;          // sample format code; default the template's
    std::optional<ByteOrder> byteOrder; // default the template's
    std::optional<int> revision;        // 1 or 2; default the template's, raised when needed
    double scale = 1.0; // integer formats: sample = round(value * scale); finite and > 0
    // A text file replacing the textual header (encodeTextHeader: at most 40 lines of at most 80
    // characters, UTF-8), written in the template's encoding (EBCDIC unless the source's was
    // ASCII). Empty: the template's header as it is.
    QString textFile;
    OutputOptions output;                 // inputs never written (the textual header file is added)
    qint64 bufferBytes = qint64(8) << 20; // bytes gathered before each write (at least a trace
                                          // header; longer traces go out in pieces)
};

class SegyWriter final : public TraceSink {
public:
    // Checks the options against the template (see the errors above); creates nothing yet.
    SegyWriter(const QString& path, SegyHeaderTemplate headers, SegyWriterOptions options = {});
    ~SegyWriter() override; // aborts without a commit()

    QString path() const override;
    void begin(const OutputLayout& layout) override;
    void write(const TraceBlock& block) override;
    // False when unprocessed samples are copied from the source file (see
    // SegyHeaderTemplate::file): the copy then need not decode them.
    bool wantsDecodedSamples() const override;
    void commit() override;
    void abort() noexcept override;

    // The output's settings, resolved from the options and the template (revision final after
    // begin(), which may raise it for long traces).
    SampleFormat format() const { return m_format; }
    ByteOrder byteOrder() const { return m_order; }
    int revision() const { return m_revision; }
    // Bytes the output will have once every trace is written (after begin()), and written so far.
    qint64 outputBytes() const { return m_outputBytes; }
    qint64 bytesWritten() const { return m_written; }
    // NaNs written as 0 and values saturated by the encoder, so far.
    const EncodeCounts& encodeCounts() const { return m_counts; }
    // The counts above and header adjustments (a rounded delay), as sentences.
    QStringList warnings() const;

private:
    QByteArray buildFileHeader(const OutputLayout& layout);
    void adjustTraceHeader(std::byte* header);
    void append(const void* data, qint64 size);
    void flush();
    void checkFreeSpace() const;

    QString m_path;
    SegyHeaderTemplate m_template;
    SegyWriterOptions m_options;
    SampleFormat m_format;
    ByteOrder m_order;
    int m_revision;
    bool m_revisionGiven = false;
    QByteArray m_text; // the textual header written
    OutputLayout m_layout;
    qint64 m_outputBytes = 0;
    qint64 m_written = 0;
    qint64 m_traces = 0; // traces written
    std::unique_ptr<OutputFile> m_file;
    std::vector<std::byte> m_buffer;
    std::vector<std::byte> m_raw; // the source's sample bytes of one run of traces
    bool m_copyRaw = false;       // samples come from the source file's bytes (after begin())
    std::size_t m_used = 0;
    EncodeCounts m_counts;
    // ns and the delay of each trace header for the window (firstSourceSample intervals cut).
    TraceWindowHeaders m_window{0, 0};
    bool m_begun = false;
    bool m_finished = false;
};

} // namespace seis
