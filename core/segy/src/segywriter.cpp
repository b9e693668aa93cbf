#include "seis/segy/segywriter.h"

#include "seis/base/error.h"
#include "seis/base/fieldtype.h"
#include "seis/base/traceheaderfield.h"
#include "seis/segy/binaryheader.h"
#include "seis/segy/segyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sys/stat.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <limits>

namespace seis {

namespace {

constexpr qint64 kRev1MaxSamples = 32767;

// Rev 1 defines formats 1, 2, 3, 4, 5 and 8; the others need rev 2.
bool inRevision1(SampleFormat f) {
    switch (f) {
    case SampleFormat::IbmFloat32:
    case SampleFormat::Int32:
    case SampleFormat::Int16:
    case SampleFormat::FixedPointGain32:
    case SampleFormat::IeeeFloat32:
    case SampleFormat::Int8:
        return true;
    default:
        return false;
    }
}

QString writableFormatCodes() {
    QStringList codes;
    for (int code = 1; code <= 16; ++code)
        if (const auto f = sampleFormatFromCode(code); f && canEncode(*f))
            codes << QString::number(code);
    return codes.join(QStringLiteral(", "));
}

// Reverses the bytes of every multi-byte field of `fields` in `block` (positions 1-based from
// `base`): the same field in the other byte order. Fields of one byte stay.
template <class Fields> void swapFields(std::byte* block, int base, const Fields& fields) {
    for (const auto& f : fields) {
        // Bytes 233-240 are unassigned in rev 1 and the 8-character trace header name
        // ("SEG00000", text) in rev 2: no integer to swap, copied as they are.
        if (f.byte == tracefield::unass1.byte || f.byte == tracefield::unass2.byte)
            continue;
        const int size = fieldTypeSize(f.type);
        if (size > 1)
            std::reverse(block + (f.byte - base), block + (f.byte - base) + size);
    }
}

// The binary header fields rev 2 adds in bytes rev 0 and 1 leave unassigned: the extended
// counts and interval (3261-3296), the byte-order word (3297-3300), the time basis, trace count,
// first-trace offset and trailer count (3511-3532).
bool isRev2Only(const BinaryHeaderField& f) {
    using namespace binaryfield;
    return (f.byte >= ext_ntrpr.byte && f.byte <= byte_order.byte) || f.byte >= time_basis.byte;
}

void swapBinaryHeader(std::byte* binary) {
    for (const BinaryHeaderField& f : binaryHeaderFields()) {
        // "rev" is the rev 1 view of 3501-3502 as one word; in rev 2 they are two single bytes
        // (major, minor), which no byte order changes.
        if (std::strcmp(f.name, "rev") == 0)
            continue;
        const int size = fieldTypeSize(f.type);
        if (size > 1)
            std::reverse(binary + f.headerOffset(), binary + f.headerOffset() + size);
    }
}

} // namespace

// --- the template ------------------------------------------------------------------------------

SegyHeaderTemplate SegyHeaderTemplate::fromFile(const SegyFile& file) {
    SegyHeaderTemplate t;
    const QByteArray raw = file.rawFileHeader();
    t.text = raw.left(qsizetype(kTextHeaderBytes));
    t.binary = raw.mid(qsizetype(kTextHeaderBytes), qsizetype(kBinaryHeaderBytes));
    t.extendedText = file.rawExtendedTextHeaders();
    t.byteOrder = file.byteOrder();
    t.format = file.format();
    t.revision = static_cast<int>(file.binaryHeader().value(u"rev_major"));
    t.textEncoding = file.textEncoding();
    t.fromSegy = true;
    return t;
}

SegyHeaderTemplate SegyHeaderTemplate::forSource(std::shared_ptr<const TraceSource> source) {
    if (auto segy = std::dynamic_pointer_cast<const SegyFile>(source)) {
        SegyHeaderTemplate t = fromFile(*segy);
        t.file = std::move(segy);
        return t;
    }
    // A source that kept a SEG-Y file's headers (a store converted from one): the same headers,
    // so that a copy of every trace converts back to the file byte for byte.
    if (const auto h = source ? source->fileHeaders() : std::nullopt;
        h && h->text.size() == qsizetype(kTextHeaderBytes) &&
        h->binary.size() == qsizetype(kBinaryHeaderBytes) &&
        h->extendedText.size() % qsizetype(kTextHeaderBytes) == 0) {
        if (const auto format = sampleFormatFromCode(h->formatCode)) {
            SegyHeaderTemplate t;
            t.text = h->text;
            t.binary = h->binary;
            t.extendedText = h->extendedText;
            t.byteOrder = h->byteOrder;
            t.format = *format;
            t.revision = h->revisionMajor;
            t.textEncoding = h->textEncoding == QLatin1String("ascii") ? TextEncoding::Ascii
                                                                       : TextEncoding::Ebcdic;
            t.fromSegy = true;
            return t;
        }
    }
    return standard();
}

SegyHeaderTemplate SegyHeaderTemplate::standard(const QString& writer) {
    SegyHeaderTemplate t;
    // 40 card images: who wrote it, the revision, the end line.
    QString lines;
    for (int i = 1; i <= 40; ++i) {
        QString line = QStringLiteral("C%1 ").arg(i, 2);
        if (i == 1)
            line += QStringLiteral("WRITTEN BY %1").arg(writer.left(65).toUpper());
        else if (i == 39)
            line += QStringLiteral("SEG-Y REV2.0");
        else if (i == 40)
            line += QStringLiteral("END TEXTUAL HEADER");
        lines += line + QLatin1Char('\n');
    }
    t.text = encodeTextHeader(lines, TextEncoding::Ebcdic, QStringLiteral("the standard header"));
    t.binary = QByteArray(qsizetype(kBinaryHeaderBytes), '\0');
    auto* b = reinterpret_cast<std::byte*>(t.binary.data());
    using namespace binaryfield;
    detail::storeIntField(b + rev_major.headerOffset(), rev_major.type, ByteOrder::Big, 2); // 2.0
    detail::storeIntField(b + rev_minor.headerOffset(), rev_minor.type, ByteOrder::Big, 0);
    detail::storeIntField(b + trflag.headerOffset(), trflag.type, ByteOrder::Big, 1); // fixed
    t.byteOrder = ByteOrder::Big;
    t.format = SampleFormat::IeeeFloat32;
    t.revision = 2;
    t.textEncoding = TextEncoding::Ebcdic;
    t.fromSegy = false;
    return t;
}

// --- the writer --------------------------------------------------------------------------------

SegyWriter::SegyWriter(const QString& path, SegyHeaderTemplate headers, SegyWriterOptions options)
    : m_path(path)
    , m_template(std::move(headers))
    , m_options(std::move(options)) {
    // Format.
    m_format = m_template.format;
    if (m_options.format) {
        const int code = *m_options.format;
        const auto f = sampleFormatFromCode(code);
        if (!f)
            throw ArgumentError(m_path, QStringLiteral("sample format %1 is not a SEG-Y format; "
                                                       "expected one of %2")
                                            .arg(code)
                                            .arg(writableFormatCodes()));
        m_format = *f;
    }
    if (!canEncode(m_format))
        throw ArgumentError(m_path, QStringLiteral("sample format %1 (%2) cannot be written; "
                                                   "expected one of %3")
                                        .arg(int(m_format))
                                        .arg(sampleFormatName(m_format), writableFormatCodes()));
    if (!std::isfinite(m_options.scale) || !(m_options.scale > 0))
        throw ArgumentError(m_path, QStringLiteral("scale %1 is not valid; expected a finite "
                                                   "number greater than 0")
                                        .arg(m_options.scale));
    m_order = m_options.byteOrder.value_or(m_template.byteOrder);

    // Revision.
    if (m_options.revision) {
        const int rev = *m_options.revision;
        if (rev != 1 && rev != 2)
            throw ArgumentError(m_path, QStringLiteral("revision %1 cannot be written; expected "
                                                       "1 or 2")
                                            .arg(rev));
        if (rev == 1 && !inRevision1(m_format))
            throw ArgumentError(m_path,
                                QStringLiteral("sample format %1 (%2) needs SEG-Y revision 2; "
                                               "revision 1 has formats 1, 2, 3, 4, 5 and 8")
                                    .arg(int(m_format))
                                    .arg(sampleFormatName(m_format)));
        if (rev == 1 && m_order == ByteOrder::Little)
            throw ArgumentError(m_path, QStringLiteral("little-endian output needs SEG-Y "
                                                       "revision 2; revision 1 is big-endian "
                                                       "only"));
        m_revision = rev;
        m_revisionGiven = true;
    } else {
        m_revision = m_template.revision;
        if (!inRevision1(m_format) ||
            (m_order == ByteOrder::Little && m_template.byteOrder != ByteOrder::Little))
            m_revision = std::max(m_revision, 2);
        else if (m_revision == 0 && m_format != m_template.format &&
                 (m_format == SampleFormat::IeeeFloat32 || m_format == SampleFormat::Int8))
            m_revision = 1; // rev 0 has neither
    }

    // Textual header.
    m_text = m_template.text;
    if (!m_options.textFile.isEmpty()) {
        QFile file(m_options.textFile);
        if (!file.open(QIODevice::ReadOnly))
            throw IoError(
                m_options.textFile,
                QStringLiteral("cannot read the textual header file: %1").arg(file.errorString()));
        constexpr qint64 kMaxTextFile = 1 << 20; // 40 lines of 80 characters, with room
        const QByteArray bytes = file.read(kMaxTextFile + 1);
        if (bytes.size() > kMaxTextFile)
            throw ArgumentError(m_options.textFile,
                                QStringLiteral("textual header file is larger than 1 MB; "
                                               "expected at most 40 lines of 80 characters"));
        m_text =
            encodeTextHeader(QString::fromUtf8(bytes), m_template.textEncoding, m_options.textFile);
        m_options.output.inputs << m_options.textFile;
    }
}

SegyWriter::~SegyWriter() {
    if (!m_finished)
        abort();
}

bool SegyWriter::wantsDecodedSamples() const {
    return !m_copyRaw;
}

QString SegyWriter::path() const {
    return m_path;
}

QStringList SegyWriter::warnings() const {
    QStringList w;
    if (m_counts.nanZeroed > 0)
        w << QStringLiteral("%1 NaN samples written as 0 (format %2 has no NaN)")
                 .arg(m_counts.nanZeroed)
                 .arg(int(m_format));
    if (m_counts.saturated > 0)
        w << QStringLiteral("%1 samples saturated: beyond the range of format %2 (%3)%4")
                 .arg(m_counts.saturated)
                 .arg(int(m_format))
                 .arg(sampleFormatName(m_format))
                 .arg(m_format == SampleFormat::IbmFloat32 ||
                              m_format == SampleFormat::IeeeFloat32 ||
                              m_format == SampleFormat::IeeeFloat64
                          ? QString()
                          : QStringLiteral(" with scale %1").arg(m_options.scale));
    w << m_window.warnings();
    return w;
}

QByteArray SegyWriter::buildFileHeader(const OutputLayout& layout) {
    QByteArray header = m_text;
    Q_ASSERT(header.size() == qsizetype(kTextHeaderBytes));
    QByteArray binary = m_template.binary;
    binary.resize(qsizetype(kBinaryHeaderBytes), '\0');
    auto* b = reinterpret_cast<std::byte*>(binary.data());
    if (m_order != m_template.byteOrder)
        swapBinaryHeader(b);
    const ByteOrder o = m_order;
    const auto get = [&](const BinaryHeaderField& f) {
        return readIntField(b + f.headerOffset(), f.type, o);
    };
    const auto set = [&](const BinaryHeaderField& f, qint64 value) {
        detail::storeIntField(b + f.headerOffset(), f.type, o, value);
    };
    using namespace binaryfield;
    const qint64 ns = layout.sampleCount;
    const qint64 extCount = m_template.extendedText.size() / qsizetype(kTextHeaderBytes);
    const bool rev2 = m_revision >= 2;
    const bool wasRev2 = m_template.revision >= 2;

    if (rev2 && !wasRev2 && m_template.fromSegy) {
        // Bytes a rev 0/1 source leaves unassigned (often not zero) mean something in rev 2:
        // cleared, so no reader takes leftovers for an extended interval, time basis or offset.
        for (const BinaryHeaderField& f : binaryHeaderFields())
            if (isRev2Only(f) && f.byte != byte_order.byte)
                set(f, 0);
        const double dt = layout.sampleIntervalUs;
        if (std::isfinite(dt) && dt > 0) // the exact interval, in the output's order
            detail::storeIntField(b + ext_hdt.headerOffset(), FieldType::U8, o,
                                  std::bit_cast<qint64>(dt));
    }
    set(binaryfield::format, int(m_format));
    set(hns, ns <= kRev1MaxSamples ? ns : 0);
    if (ns > kRev1MaxSamples || (wasRev2 && rev2 && get(ext_hns) != 0))
        set(ext_hns, ns);
    if (m_revision != m_template.revision) {
        set(rev_major, m_revision);
        set(rev_minor, 0);
        set(trflag, 1); // every trace of the output has one length
    }
    if (!(rev2 && get(exth) == -1))
        set(exth, extCount);
    if (get(max_add_trhdr) != 0)
        set(max_add_trhdr, 0); // no additional trace headers are written
    if (get(ntrailer) != 0)
        set(ntrailer, 0); // nor data trailers
    if (rev2) {
        set(byte_order, kByteOrderMagic);
        if (get(ntraces) != 0 || !wasRev2 || !m_template.fromSegy)
            set(ntraces, layout.traceCount);
        if (get(first_trace_offset) != 0)
            set(first_trace_offset, kFileHeaderBytes + extCount * qint64(kTextHeaderBytes));
    } else if (wasRev2) {
        // Down to rev 1: the fields only rev 2 defines are cleared (the mirror of the upgrade
        // above), so rev 1 -> rev 2 -> rev 1 gives the rev 1 file back.
        for (const BinaryHeaderField& f : binaryHeaderFields())
            if (isRev2Only(f))
                set(f, 0);
    }
    if (!m_template.fromSegy) {
        // No source binary header: the layout's interval (and rev 2's exact double).
        const double dt = layout.sampleIntervalUs;
        const qint64 rounded = std::isfinite(dt) ? std::llround(dt) : 0;
        set(hdt, rounded >= 1 && rounded <= 65535 ? rounded : 0);
        set(nso, ns <= kRev1MaxSamples ? ns : 0);
        if (rev2 && std::isfinite(dt) && dt > 0) // the double's bits, in the output's order
            detail::storeIntField(b + ext_hdt.headerOffset(), FieldType::U8, o,
                                  std::bit_cast<qint64>(dt));
    }
    header += binary;
    header += m_template.extendedText;
    return header;
}

void SegyWriter::checkFreeSpace() const {
    if (m_path == QLatin1String("-"))
        return;
    const QByteArray native = QFile::encodeName(m_path);
    struct stat st {};
    QString dir;
    if (::stat(native.constData(), &st) == 0) {
        if (!S_ISREG(st.st_mode))
            return; // a device or FIFO is streamed to: its size is not the file system's
        dir = QFileInfo(QFileInfo(m_path).canonicalFilePath()).absolutePath();
    } else {
        dir = QFileInfo(m_path).absolutePath();
    }
    struct statvfs vfs {};
    if (::statvfs(QFile::encodeName(dir).constData(), &vfs) != 0)
        return; // OutputFile reports what is wrong with the directory
    const auto available = static_cast<unsigned long long>(vfs.f_bavail) *
                           static_cast<unsigned long long>(vfs.f_frsize);
    if (static_cast<unsigned long long>(m_outputBytes) > available)
        throw IoError(m_path, QStringLiteral("not enough space: the output needs %1 bytes, %2 "
                                             "available on the file system of %3")
                                  .arg(m_outputBytes)
                                  .arg(available)
                                  .arg(dir));
}

void SegyWriter::begin(const OutputLayout& layout) {
    if (m_begun)
        throw ArgumentError(m_path, QStringLiteral("begin() called twice"));
    checkLayout(m_path, layout);
    if (layout.sampleCount > kRev1MaxSamples) {
        if (m_revisionGiven && m_revision < 2)
            throw ArgumentError(m_path, QStringLiteral("%1 samples per trace need SEG-Y "
                                                       "revision 2; revision 1 holds at most "
                                                       "32767")
                                            .arg(layout.sampleCount));
        m_revision = 2;
    }
    if (layout.sampleCount > qint64(std::numeric_limits<quint32>::max()))
        throw ArgumentError(m_path, QStringLiteral("%1 samples per trace cannot be written; "
                                                   "SEG-Y holds at most 4294967295")
                                        .arg(layout.sampleCount));
    m_layout = layout;
    m_begun = true;
    const qint64 traceBytes = kTraceHeaderBytes + layout.sampleCount * bytesPerSample(m_format);
    m_outputBytes =
        kFileHeaderBytes + m_template.extendedText.size() + layout.traceCount * traceBytes;
    m_window = TraceWindowHeaders(layout.sampleCount, double(layout.firstSourceSample) *
                                                          layout.sampleIntervalUs / 1000.0);
    const SegyFile* raw = m_template.file.get();
    m_copyRaw = raw && raw->format() == m_format && raw->byteOrder() == m_order &&
                raw->sampleCount() == layout.sourceSampleCount;

    const QByteArray fileHeader = buildFileHeader(layout);
    // The output first: an output that is an input is refused as such, not as "no space".
    m_file = std::make_unique<OutputFile>(m_path, m_options.output);
    try {
        checkFreeSpace();
    } catch (...) {
        abort(); // nothing is left: the temporary goes
        throw;
    }
    m_buffer.resize(static_cast<std::size_t>(std::max<qint64>(m_options.bufferBytes, 4096)));
    m_used = 0;
    append(fileHeader.constData(), fileHeader.size());
}

void SegyWriter::adjustTraceHeader(std::byte* h) {
    if (m_layout.headerByteOrder != m_order)
        swapFields(h, 1, standardTraceFields());
    m_window.apply(h, m_order);
}

void SegyWriter::append(const void* data, qint64 size) {
    const auto* p = static_cast<const std::byte*>(data);
    while (size > 0) {
        if (m_used == m_buffer.size())
            flush();
        const auto n = static_cast<std::size_t>(
            std::min<qint64>(size, static_cast<qint64>(m_buffer.size() - m_used)));
        std::memcpy(m_buffer.data() + m_used, p, n);
        m_used += n;
        p += n;
        size -= static_cast<qint64>(n);
    }
}

void SegyWriter::flush() {
    if (m_used == 0)
        return;
    m_file->write(reinterpret_cast<const char*>(m_buffer.data()), static_cast<qint64>(m_used));
    m_written += static_cast<qint64>(m_used);
    m_used = 0;
}

void SegyWriter::write(const TraceBlock& block) {
    if (!m_begun || m_finished || !m_file)
        throw ArgumentError(m_path, QStringLiteral("write() outside begin() .. commit()"));
    checkBlock(m_path, m_layout, m_traces, block);
    const qint64 ns = m_layout.sampleCount;
    const int bps = bytesPerSample(m_format);
    const qint64 sampleBytes = ns * bps;
    const qint64 capacity = static_cast<qint64>(m_buffer.size());
    const bool copyRaw = m_copyRaw && !block.processed && block.sourceTraces;
    if (!copyRaw && !block.samples)
        throw ArgumentError(m_path, QStringLiteral("write(): a block without samples; expected "
                                                   "decoded samples unless the source's bytes "
                                                   "are copied"));
    if (copyRaw) {
        // The source's bytes as they are, a run of consecutive source traces at a time.
        const SegyFile& raw = *m_template.file;
        const SampleRange samples{m_layout.firstSourceSample, m_layout.firstSourceSample + ns};
        for (qint64 k = 0; k < block.count;) {
            qint64 end = k + 1;
            while (end < block.count && block.sourceTraces[end] == block.sourceTraces[end - 1] + 1)
                ++end;
            m_raw.resize(static_cast<std::size_t>((end - k) * sampleBytes));
            raw.readRawSamples({block.sourceTraces[k], block.sourceTraces[end - 1] + 1}, samples,
                               m_raw.data());
            for (qint64 t = k; t < end; ++t) {
                std::byte header[kTraceHeaderBytes];
                std::memcpy(header, block.headers + t * kTraceHeaderBytes, kTraceHeaderBytes);
                adjustTraceHeader(header);
                append(header, kTraceHeaderBytes);
                append(m_raw.data() + (t - k) * sampleBytes, sampleBytes);
            }
            k = end;
        }
        m_traces += block.count;
        return;
    }
    for (qint64 t = 0; t < block.count; ++t) {
        std::byte header[kTraceHeaderBytes];
        std::memcpy(header, block.headers + t * kTraceHeaderBytes, kTraceHeaderBytes);
        adjustTraceHeader(header);
        append(header, kTraceHeaderBytes);
        const float* src = block.samples + t * ns;
        if (sampleBytes <= capacity) {
            if (static_cast<qint64>(m_used) + sampleBytes > capacity)
                flush();
            encodeSamples(m_format, m_order, src, m_buffer.data() + m_used,
                          static_cast<std::size_t>(ns), m_options.scale, m_counts);
            m_used += static_cast<std::size_t>(sampleBytes);
            continue;
        }
        // A trace longer than the buffer goes out in pieces.
        const qint64 piece = capacity / bps;
        for (qint64 s = 0; s < ns; s += piece) {
            flush();
            const qint64 n = std::min(piece, ns - s);
            encodeSamples(m_format, m_order, src + s, m_buffer.data(), static_cast<std::size_t>(n),
                          m_options.scale, m_counts);
            m_used = static_cast<std::size_t>(n * bps);
        }
    }
    m_traces += block.count;
}

void SegyWriter::commit() {
    if (!m_begun || m_finished || !m_file)
        throw ArgumentError(m_path, QStringLiteral("commit() outside begin() .. commit()"));
    if (m_traces != m_layout.traceCount)
        throw ArgumentError(m_path, QStringLiteral("commit() after %1 of %2 traces")
                                        .arg(m_traces)
                                        .arg(m_layout.traceCount));
    flush();
    m_file->commit();
    m_finished = true;
    m_file.reset();
    m_buffer = {};
}

void SegyWriter::abort() noexcept {
    m_finished = true;
    m_file.reset(); // removes the temporary; an existing file keeps its bytes
    m_buffer = {};
    m_buffer.shrink_to_fit();
    m_raw = {};
}

} // namespace seis
