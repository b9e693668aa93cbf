#include "seis/segy/segyfile.h"

#include "readahead.h"
#include "seis/base/error.h"
#include "seis/base/mappedreadguard.h"
#include "seis/base/parallel.h"
#include "seis/base/residentpages.h"

#include <QDateTime>
#include <QFileInfo>
#include <boost/interprocess/file_mapping.hpp>
#include <boost/interprocess/mapped_region.hpp>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace seis {

namespace bip = boost::interprocess;

namespace {

namespace bf = binaryfield;
namespace tf = tracefield;

// A guard against absurd extended-header counts; rev 2 files carry a handful at most.
constexpr qint64 kMaxExtendedHeaders = 10000;
// No real trace has more samples than this (2^28: 3 days at 1 ms); larger counts are corruption.
constexpr qint64 kMaxSamples = qint64(1) << 28;
// Plausible sample intervals, in microseconds (or the file's depth unit): 1 ns to 100 s for the
// rev 2 double; 1 to 32767 for the 2-byte fields, signed in rev 0/1 (a larger value is a
// negative interval written unsigned).
constexpr double kMinIntervalUs = 1e-3;
constexpr double kMaxIntervalUs = 1e8;
constexpr qint64 kMaxShortIntervalUs = 32767;

bool plausibleIntervalUs(double us) {
    return std::isfinite(us) && us >= kMinIntervalUs && us <= kMaxIntervalUs;
}

QString orderName(ByteOrder o) {
    return o == ByteOrder::Big ? QStringLiteral("big-endian") : QStringLiteral("little-endian");
}

quint32 rawWord(const std::byte* p) {
    quint32 v;
    std::memcpy(&v, p, 4);
    return __builtin_bswap32(v); // as read big-endian
}

bool containsEndText(const std::byte* block) {
    // The stanza may be written in either encoding; decode both ways and look for it.
    for (auto enc : {TextEncoding::Ebcdic, TextEncoding::Ascii})
        if (decodeTextHeader(block, enc)
                .contains(QLatin1String("((SEG: EndText))"), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

struct SegyFile::Impl {
    QString path;
    qint64 size = 0;
    bip::file_mapping mapping;
    bip::mapped_region region;
    const std::byte* base = nullptr;

    ByteOrder order = ByteOrder::Big;
    TextEncoding encoding = TextEncoding::Ebcdic;
    QString text;
    QStringList extended;
    BinaryHeader binary;
    SampleFormat format = SampleFormat::IbmFloat32;
    int bps = 4;
    qint64 samples = 0;
    double intervalUs = 0;
    qint64 first = kFileHeaderBytes;
    qint64 headerBytes = kTraceHeaderBytes;
    qint64 traceBytes = 0;
    qint64 traces = 0;
    QStringList warnings;
    QString identity;
    double startTimeMs = 0;
    std::unique_ptr<detail::ResidentPages> resident;

    [[noreturn]] void fail(const QString& message) const { throw FormatError(path, message); }
    [[noreturn]] void failIo(const QString& message) const { throw IoError(path, message); }

    // Runs `read()` (a plain loop over the mapping: see mappedreadguard.h) guarded against the
    // file shrinking under it; if it did, throws FormatError naming the file and its new size.
    template <class Read> void guarded(Read& read) const {
        std::size_t fault = 0;
        if (!detail::guardedRead(base, static_cast<std::size_t>(size), read, &fault))
            fail(detail::fileChangedMessage(path, mapping.get_mapping_handle().handle, size,
                                            static_cast<qint64>(fault)));
    }
    // What the open path reads from the mapping, copied out under the guard.
    void copyGuarded(qint64 offset, void* dst, std::size_t n) const {
        auto copy = [&] { std::memcpy(dst, base + offset, n); };
        guarded(copy);
    }
    qint64 headerField(qint64 offset, FieldType type) const {
        std::byte bytes[8];
        copyGuarded(offset, bytes, fieldTypeSize(type));
        return readIntField(bytes, type, order);
    }

    void open(const SegyOpenOptions& options);
    ByteOrder detectOrder(const std::byte* head) const;
    void readExtendedHeaders();
    void chooseSampleCount(int major);
    void chooseSampleInterval(int major);
    void countTraces(int major);
    // A field of the trace header at file offset `trace`.
    qint64 traceField(qint64 trace, const StandardTraceField& field) const {
        return headerField(trace + field.offset(), field.type);
    }
    qint64 traceHeaderNs(qint64 trace) const { return traceField(trace, tf::ns); }
};

SegyFile::SegyFile(const QString& path, SegyOpenOptions options)
    : d(std::make_unique<Impl>()) {
    d->path = path;
    d->open(options);
    d->resident = std::make_unique<detail::ResidentPages>(
        options.residentBytes,
        [this](qint64 offset, qint64 length) { releasePages(offset, length); });
}

SegyFile::~SegyFile() = default;

void SegyFile::Impl::open(const SegyOpenOptions& options) {
    detail::installMappedReadGuard();
    const QFileInfo info(path);
    if (!info.exists())
        failIo(QStringLiteral("no such file"));
    if (info.isDir())
        failIo(QStringLiteral("is a directory, expected a SEG-Y file"));
    if (!info.isReadable())
        failIo(QStringLiteral("permission denied: the file is not readable"));
    size = info.size();
    if (size < kFileHeaderBytes)
        fail(QStringLiteral("file is %1 bytes, shorter than the %2-byte SEG-Y file header "
                            "(%3-byte textual + %4-byte binary header)")
                 .arg(size)
                 .arg(kFileHeaderBytes)
                 .arg(kTextHeaderBytes)
                 .arg(kBinaryHeaderBytes));
    try {
        const QByteArray native = QFile::encodeName(path);
        mapping = bip::file_mapping(native.constData(), bip::read_only);
        region = bip::mapped_region(mapping, bip::read_only, 0, static_cast<std::size_t>(size));
    } catch (const bip::interprocess_exception& e) {
        failIo(QStringLiteral("cannot map the file read-only: %1")
                   .arg(QString::fromLocal8Bit(e.what())));
    }
    base = static_cast<const std::byte*>(region.get_address());
    // Random access is the common case (windows, header columns); sequential jobs advise per range.
    region.advise(bip::mapped_region::advice_random);

    std::byte head[kFileHeaderBytes];
    copyGuarded(0, head, sizeof head);
    encoding = detectTextEncoding(head);
    text = decodeTextHeader(head, encoding);

    order = options.byteOrder ? *options.byteOrder : detectOrder(head);
    binary = BinaryHeader(head + kBinaryHeaderOffset, order);

    const qint64 code = binary.value(bf::format);
    const auto fmt = sampleFormatFromCode(static_cast<int>(code));
    if (!fmt)
        fail(QStringLiteral("unsupported data sample format code %1 in binary header bytes "
                            "%2 (read %3); expected one of %4")
                 .arg(code)
                 .arg(bf::format.bytesText(), orderName(order), supportedFormatCodes()));
    format = *fmt;
    bps = bytesPerSample(format);

    const int major = static_cast<int>(binary.value(bf::rev_major));
    if (major >= 2 && binary.value(bf::byte_order) != 0 &&
        binary.value(bf::byte_order) != kByteOrderMagic)
        warnings << QStringLiteral("byte-order word (bytes %1) is %2, expected %3 for "
                                   "the %4 byte order in use")
                        .arg(bf::byte_order.bytesText())
                        .arg(binary.value(bf::byte_order))
                        .arg(kByteOrderMagic)
                        .arg(orderName(order));
    readExtendedHeaders();
    if (major >= 2) {
        const qint64 extra = binary.value(bf::max_add_trhdr);
        if (extra < 0 || extra > 1000)
            fail(QStringLiteral("maximum number of additional trace headers (bytes %1) is "
                                "%2; expected 0 to 1000")
                     .arg(bf::max_add_trhdr.bytesText())
                     .arg(extra));
        headerBytes = kTraceHeaderBytes * (1 + extra);
        const qint64 offsetField = binary.value(bf::first_trace_offset);
        if (offsetField != 0 && offsetField != first) {
            if (offsetField >= kFileHeaderBytes && offsetField <= size)
                first = offsetField;
            else
                warnings << QStringLiteral("byte offset of first trace (bytes %1) is %2, "
                                           "outside the file; using %3")
                                .arg(bf::first_trace_offset.bytesText())
                                .arg(offsetField)
                                .arg(first);
        }
    }
    chooseSampleCount(major);
    chooseSampleInterval(major);
    countTraces(major);
    if (traces > 0)
        startTimeMs = static_cast<double>(traceField(first, tf::delrt));

    // Everything a cached derivative (the ensemble index) depends on. The inode and the
    // nanosecond modification time catch a file rewritten in place or replaced by another.
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0)
        identity =
            QStringLiteral("segy:%1|size=%2|dev=%3|ino=%4|mtime=%5.%6|order=%7|first=%8|"
                           "trace=%9")
                .arg(QFileInfo(path).absoluteFilePath())
                .arg(size)
                .arg(st.st_dev)
                .arg(st.st_ino)
                .arg(st.st_mtim.tv_sec)
                .arg(st.st_mtim.tv_nsec, 9, 10, QLatin1Char('0'))
                .arg(order == ByteOrder::Big ? QLatin1String("big") : QLatin1String("little"))
                .arg(first)
                .arg(traceBytes);
}

ByteOrder SegyFile::Impl::detectOrder(const std::byte* head) const {
    const quint32 magic = rawWord(head + bf::byte_order.fileOffset());
    if (magic == kByteOrderMagic)
        return ByteOrder::Big;
    if (magic == __builtin_bswap32(kByteOrderMagic))
        return ByteOrder::Little;
    // No byte-order word (rev 0/1): the order under which the format code is a known code and the
    // sample count is positive and fits the file wins; ties go to big-endian, the standard.
    auto score = [&](ByteOrder o) {
        const BinaryHeader h(head + kBinaryHeaderOffset, o);
        int s = 0;
        const auto fmt = sampleFormatFromCode(static_cast<int>(h.value(bf::format)));
        if (fmt)
            s += 2;
        const qint64 ns = h.value(bf::hns);
        if (ns > 0) {
            s += 1;
            if (fmt && kTraceHeaderBytes + ns * bytesPerSample(*fmt) <= size - kFileHeaderBytes)
                s += 1;
        }
        const qint64 dt = h.value(bf::hdt);
        if (dt > 0 && dt <= 20000) // 0 to 20 ms covers seismic; larger is implausible
            s += 1;
        return s;
    };
    return score(ByteOrder::Little) > score(ByteOrder::Big) ? ByteOrder::Little : ByteOrder::Big;
}

void SegyFile::Impl::readExtendedHeaders() {
    // Honoured in every revision: segyio, among others, writes rev 0 files with extended headers.
    const qint64 count = binary.value(bf::exth);
    if (count == 0)
        return;
    if (count < -1 || count > kMaxExtendedHeaders)
        fail(QStringLiteral("extended textual header count (bytes %1) is %2; expected -1 "
                            "(variable) or 0 to %3")
                 .arg(bf::exth.bytesText())
                 .arg(count)
                 .arg(kMaxExtendedHeaders));
    if (count > 0) {
        const qint64 end = kFileHeaderBytes + count * qint64(kTextHeaderBytes);
        if (end > size)
            fail(QStringLiteral("binary header announces %1 extended textual headers (%2 bytes), "
                                "but the file is only %3 bytes")
                     .arg(count)
                     .arg(count * qint64(kTextHeaderBytes))
                     .arg(size));
        std::byte block[kTextHeaderBytes];
        for (qint64 i = 0; i < count; ++i) {
            copyGuarded(kFileHeaderBytes + i * qint64(kTextHeaderBytes), block, sizeof block);
            extended << decodeTextHeader(block, detectTextEncoding(block));
        }
        first = end;
        return;
    }
    // -1: a variable number, ended by a record holding the ((SEG: EndText)) stanza.
    for (qint64 i = 0; i < kMaxExtendedHeaders; ++i) {
        const qint64 offset = kFileHeaderBytes + i * qint64(kTextHeaderBytes);
        if (offset + qint64(kTextHeaderBytes) > size)
            break;
        std::byte block[kTextHeaderBytes];
        copyGuarded(offset, block, sizeof block);
        extended << decodeTextHeader(block, detectTextEncoding(block));
        if (containsEndText(block)) {
            first = offset + qint64(kTextHeaderBytes);
            return;
        }
    }
    fail(QStringLiteral("extended textual header count (bytes %1) is -1 (variable), but "
                        "no ((SEG: EndText)) stanza was found in the %2 records that follow; "
                        "expected the stanza to end the extended headers")
             .arg(bf::exth.bytesText())
             .arg(extended.size()));
}

void SegyFile::Impl::chooseSampleCount(int major) {
    const qint64 hns = binary.value(bf::hns);
    const qint64 ext = binary.value(bf::ext_hns);
    const bool haveTrace = first + kTraceHeaderBytes <= size;
    const qint64 traceNs = haveTrace ? traceHeaderNs(first) : 0;
    QString source;
    if (ext > 0 && (major >= 2 || hns == 0)) {
        samples = ext;
        source = QStringLiteral("binary header bytes %1").arg(bf::ext_hns.bytesText());
    } else if (hns > 0) {
        samples = hns;
        source = QStringLiteral("binary header bytes %1").arg(bf::hns.bytesText());
    } else if (traceNs > 0) {
        samples = traceNs;
        source = QStringLiteral("first trace header bytes %1").arg(tf::ns.bytesText());
        warnings << QStringLiteral("sample count is 0 in the binary header; using %1 from the "
                                   "first trace header")
                        .arg(traceNs);
    } else {
        fail(QStringLiteral("sample count is 0 in binary header bytes %1 (and %2) "
                            "and in the first trace header (bytes %3); expected a positive "
                            "number of samples per trace")
                 .arg(bf::hns.bytesText(), bf::ext_hns.bytesText(), tf::ns.bytesText()));
    }
    if (samples > kMaxSamples)
        fail(QStringLiteral("sample count %1 (%2) is absurd; expected at most %3 samples per "
                            "trace")
                 .arg(samples)
                 .arg(source)
                 .arg(kMaxSamples));
    const qint64 dataBytes = size - first;
    if (dataBytes > 0 && headerBytes + samples * bps > dataBytes) {
        // The binary header may be wrong while the trace header is right; SeiSee-style fallback.
        if (traceNs > 0 && traceNs != samples && headerBytes + traceNs * bps <= dataBytes &&
            dataBytes % (headerBytes + traceNs * bps) == 0) {
            warnings << QStringLiteral("sample count %1 (%2) does not fit the file; using %3 "
                                       "from the first trace header")
                            .arg(samples)
                            .arg(source)
                            .arg(traceNs);
            samples = traceNs;
        } else {
            fail(QStringLiteral("sample count %1 (%2) gives traces of %3 bytes, but only %4 "
                                "bytes follow the file headers; expected a sample count whose "
                                "traces fit the file")
                     .arg(samples)
                     .arg(source)
                     .arg(headerBytes + samples * bps)
                     .arg(dataBytes));
        }
    } else if (traceNs > 0 && traceNs != samples && traceNs != (samples & 0xffff)) {
        warnings << QStringLiteral("first trace header says %1 samples (bytes %2); using %3 "
                                   "from the %4")
                        .arg(traceNs)
                        .arg(tf::ns.bytesText())
                        .arg(samples)
                        .arg(source);
    }
    traceBytes = headerBytes + samples * bps;
}

void SegyFile::Impl::chooseSampleInterval(int major) {
    // Candidates in the order of the reading rules; an implausible one is reported and the next
    // one is tried, so a corrupt field never becomes a silently wrong time axis.
    const double ext = binary.doubleValue(bf::ext_hdt);
    if (major >= 2 && ext != 0) {
        if (plausibleIntervalUs(ext)) {
            intervalUs = ext;
            return;
        }
        warnings << QStringLiteral("extended sample interval (binary header bytes %1) is "
                                   "%2 us; expected %3 to %4 us; ignored")
                        .arg(bf::ext_hdt.bytesText())
                        .arg(ext)
                        .arg(kMinIntervalUs)
                        .arg(kMaxIntervalUs);
    }
    auto fromShortField = [&](qint64 raw, const QString& where) {
        if (raw == 0)
            return false;
        if (raw > kMaxShortIntervalUs) {
            // 2-byte intervals are signed in rev 0/1: 63536 is -2000 written by a broken writer.
            warnings << QStringLiteral("sample interval (%1) is %2 us (%3 as a signed 2-byte "
                                       "value); expected 1 to %4 us; ignored")
                            .arg(where)
                            .arg(raw)
                            .arg(raw - 65536)
                            .arg(kMaxShortIntervalUs);
            return false;
        }
        intervalUs = static_cast<double>(raw);
        return true;
    };
    if (fromShortField(binary.value(bf::hdt),
                       QStringLiteral("binary header bytes %1").arg(bf::hdt.bytesText())))
        return;
    if (first + kTraceHeaderBytes <= size) {
        const qint64 dt = traceField(first, tf::dt);
        if (fromShortField(dt,
                           QStringLiteral("first trace header bytes %1").arg(tf::dt.bytesText()))) {
            warnings << QStringLiteral("no usable sample interval in the binary header; using "
                                       "%1 us from the first trace header")
                            .arg(dt);
            return;
        }
    }
    intervalUs = 0;
    warnings << QStringLiteral("no usable sample interval in the binary header or the first "
                               "trace header; times are shown as sample numbers");
}

void SegyFile::Impl::countTraces(int major) {
    qint64 end = size;
    if (major >= 2) {
        const qint64 trailers = binary.value(bf::ntrailer);
        if (trailers > 0 && first + trailers * qint64(kTextHeaderBytes) <= size)
            end -= trailers * qint64(kTextHeaderBytes);
        else if (trailers != 0)
            warnings << QStringLiteral("data trailer count (bytes %1) is %2; ignored, the "
                                       "traces are taken to run to the end of the file")
                            .arg(bf::ntrailer.bytesText())
                            .arg(trailers);
    }
    const qint64 dataBytes = end - first;
    traces = dataBytes / traceBytes;
    const qint64 rest = dataBytes % traceBytes;
    if (rest == 0)
        return;
    if (traces >= 2) {
        // A fixed trace length predicts where trace 1's header is; if the sample count stored
        // there disagrees with trace 0's, the traces are not of one fixed length.
        const qint64 ns0 = traceHeaderNs(first);
        const qint64 ns1 = traceHeaderNs(first + traceBytes);
        if (ns0 > 0 && ns1 > 0 && ns0 != ns1)
            fail(QStringLiteral("file size %1 fits no fixed trace length: traces of %2 bytes "
                                "leave %3 bytes over, and trace 1 claims %4 samples where trace "
                                "0 claims %5; expected fixed-length traces")
                     .arg(size)
                     .arg(traceBytes)
                     .arg(rest)
                     .arg(ns1)
                     .arg(ns0));
    }
    warnings << QStringLiteral("file ends with a partial trace of %1 bytes (traces are %2 "
                               "bytes); it is ignored")
                    .arg(rest)
                    .arg(traceBytes);
}

QString SegyFile::path() const {
    return d->path;
}
double SegyFile::startTimeMs() const {
    return d->startTimeMs;
}
QString SegyFile::identity() const {
    return d->identity;
}
QString SegyFile::formatDescription() const {
    return QStringLiteral("SEG-Y format %1 (%2), %3")
        .arg(static_cast<int>(d->format))
        .arg(sampleFormatName(d->format), orderName(d->order));
}
std::optional<SourceFileHeaders> SegyFile::fileHeaders() const {
    SourceFileHeaders h;
    const QByteArray raw = rawFileHeader();
    h.text = raw.left(qsizetype(kTextHeaderBytes));
    h.textDecoded = d->text;
    h.textEncoding =
        d->encoding == TextEncoding::Ebcdic ? QStringLiteral("ebcdic") : QStringLiteral("ascii");
    h.binary = raw.mid(qsizetype(kTextHeaderBytes), qsizetype(kBinaryHeaderBytes));
    h.extendedText = rawExtendedTextHeaders();
    h.extendedDecoded = d->extended;
    for (const BinaryHeaderField& f : binaryHeaderFields())
        h.binaryFields.emplace_back(QString::fromLatin1(f.name), d->binary.value(f));
    h.formatCode = static_cast<int>(d->format);
    h.formatName = sampleFormatName(d->format);
    h.byteOrder = d->order;
    h.revisionMajor = int(d->binary.value(binaryfield::rev_major));
    h.revisionMinor = int(d->binary.value(binaryfield::rev_minor));
    const QFileInfo info(d->path);
    h.path = info.absoluteFilePath();
    h.size = d->size;
    h.modified = info.lastModified().toUTC().toString(Qt::ISODateWithMs);
    return h;
}

qint64 SegyFile::fileSize() const {
    return d->size;
}
qint64 SegyFile::traceCount() const {
    return d->traces;
}
qint64 SegyFile::sampleCount() const {
    return d->samples;
}
double SegyFile::sampleIntervalUs() const {
    return d->intervalUs;
}
SampleFormat SegyFile::format() const {
    return d->format;
}
ByteOrder SegyFile::byteOrder() const {
    return d->order;
}
TextEncoding SegyFile::textEncoding() const {
    return d->encoding;
}
QString SegyFile::textHeader() const {
    return d->text;
}
QStringList SegyFile::extendedTextHeaders() const {
    return d->extended;
}
const BinaryHeader& SegyFile::binaryHeader() const {
    return d->binary;
}
QStringList SegyFile::warnings() const {
    return d->warnings;
}
qint64 SegyFile::firstTraceOffset() const {
    return d->first;
}
qint64 SegyFile::traceHeaderBytes() const {
    return d->headerBytes;
}
qint64 SegyFile::traceBytes() const {
    return d->traceBytes;
}

const std::byte* SegyFile::traceHeader(qint64 trace) const {
    return d->base + d->first + trace * d->traceBytes;
}

const std::byte* SegyFile::traceSamples(qint64 trace) const {
    return traceHeader(trace) + d->headerBytes;
}

void SegyFile::readWindow(TraceRange traces, SampleRange samples, float* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    const qint64 nt = traces.count();
    const qint64 ns = samples.count();
    if (nt == 0 || ns == 0)
        return;
    const qint64 srcOffset = samples.begin * d->bps;
    auto decodeTraces = [&](qint64 t0, qint64 t1) {
        for (qint64 t = t0; t < t1; ++t)
            decodeSamples(d->format, d->order, traceSamples(traces.begin + t) + srcOffset,
                          dst + t * ns, static_cast<std::size_t>(ns));
    };
    // Below ~2 MB the thread hand-off costs more than it saves.
    constexpr qint64 kBlockBytes = 2 << 20;
    const qint64 bytes = nt * ns * d->bps;
    // The pages are dropped from this process's page tables afterwards (they stay in the page
    // cache): a viewer scrolling a 2 TB file must not end up with 2 TB resident.
    const qint64 spanBegin = d->first + traces.begin * d->traceBytes;
    const qint64 spanBytes = nt * d->traceBytes;
    if (bytes < 2 * kBlockBytes) {
        auto all = [&] { decodeTraces(0, nt); };
        d->guarded(all);
        releaseAround(spanBegin, spanBytes);
        return;
    }
    const qint64 perBlock = std::max<qint64>(1, kBlockBytes / (ns * d->bps));
    const qint64 blocks = (nt + perBlock - 1) / perBlock;
    const int threads = detail::defaultThreads();
    detail::ReadAhead readAhead(*this, d->first + traces.end * d->traceBytes);
    detail::runParallel(blocks, threads, [&](qint64 b) {
        const qint64 t0 = b * perBlock;
        const qint64 t1 = std::min(nt, t0 + perBlock);
        const qint64 offset = d->first + (traces.begin + t0) * d->traceBytes;
        const qint64 length = (t1 - t0) * d->traceBytes;
        readAhead.run(offset, length, 2 * threads, [&] {
            auto block = [&] { decodeTraces(t0, t1); };
            d->guarded(block);
        });
        releasePages(offset, length);
    });
    releaseAround(spanBegin, spanBytes);
}

void SegyFile::readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                                 std::span<qint64* const> out) const {
    checkTraceRange(traces);
    if (out.size() != fields.size())
        throw ArgumentError(QStringLiteral("readHeaderColumns: %1 fields but %2 output columns")
                                .arg(fields.size())
                                .arg(out.size()));
    for (const auto& f : fields)
        if (f.byte.position < 1 || f.byte.position - 1 + fieldTypeSize(f.type) > kTraceHeaderBytes)
            throw ArgumentError(QStringLiteral("header field '%1' at byte %2 does not fit in the "
                                               "%3-byte trace header")
                                    .arg(f.name, QString::number(f.byte.position),
                                         QString::number(kTraceHeaderBytes)));
    const qint64 n = traces.count();
    if (n == 0 || fields.empty())
        return;

    const ByteOrder order = d->order;
    // One pass over the headers: every field of a trace is read while its header's cache line is
    // in cache (the fields of one trace usually share a line), instead of one pass per field.
    std::vector<qint64> offsets(fields.size());
    std::vector<FieldType> types(fields.size());
    for (std::size_t k = 0; k < fields.size(); ++k) {
        offsets[k] = fields[k].byte.position - 1;
        types[k] = fields[k].type;
    }
    const qint64 firstOffset = *std::min_element(offsets.begin(), offsets.end());
    const std::size_t nf = fields.size();
    detail::ReadAhead readAhead(*this, d->first + traces.end * d->traceBytes);
    const qint64 stride = d->traceBytes;
    const qint64 perSub = std::max<qint64>(1, (8 << 20) / stride); // traces per read-ahead step
    auto readRange = [&](qint64 i0, qint64 i1) {
        constexpr qint64 kAhead = 16; // headers sit a trace apart: keep several misses in flight
        for (qint64 s0 = i0; s0 < i1; s0 += perSub) {
            const qint64 s1 = std::min(i1, s0 + perSub);
            const qint64 offset = d->first + (traces.begin + s0) * stride;
            readAhead.run(offset, (s1 - s0) * stride, 2, [&] {
                auto loop = [&] {
                    const std::byte* p = traceHeader(traces.begin + s0);
                    for (qint64 i = s0; i < s1; ++i, p += stride) {
                        if (i + kAhead < s1)
                            __builtin_prefetch(p + kAhead * stride + firstOffset);
                        for (std::size_t k = 0; k < nf; ++k)
                            out[k][i] = readIntField(p + offsets[k], types[k], order);
                    }
                };
                d->guarded(loop);
            });
            // What a pass over a terabyte of headers mapped must not stay resident; within the
            // resident budget, a repeated pass over the same headers takes no page faults.
            retirePages(offset, (s1 - s0) * stride);
        }
    };
    constexpr qint64 kBlock = 8192; // traces per work item
    if (n <= kBlock) {
        readRange(0, n);
        return;
    }
    const qint64 blocks = (n + kBlock - 1) / kBlock;
    detail::runParallel(blocks, detail::defaultThreads(),
                        [&](qint64 b) { readRange(b * kBlock, std::min(n, (b + 1) * kBlock)); });
}

void SegyFile::readTraceHeaders(TraceRange traces, std::byte* dst) const {
    checkTraceRange(traces);
    constexpr qint64 kBlock = 4096; // traces between page retirements
    for (qint64 b = traces.begin; b < traces.end; b += kBlock) {
        const qint64 e = std::min(traces.end, b + kBlock);
        auto loop = [&] {
            std::byte* out = dst + (b - traces.begin) * kTraceHeaderBytes;
            for (qint64 t = b; t < e; ++t, out += kTraceHeaderBytes)
                std::memcpy(out, traceHeader(t), kTraceHeaderBytes);
        };
        d->guarded(loop);
        retirePages(d->first + b * d->traceBytes, (e - b) * d->traceBytes);
    }
}

void SegyFile::readRawSamples(TraceRange traces, SampleRange samples, std::byte* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    const qint64 bytes = samples.count() * d->bps;
    if (traces.count() == 0 || bytes == 0)
        return;
    auto loop = [&] {
        std::byte* out = dst;
        for (qint64 t = traces.begin; t < traces.end; ++t, out += bytes)
            std::memcpy(out, traceSamples(t) + samples.begin * d->bps, std::size_t(bytes));
    };
    d->guarded(loop);
    releaseAround(d->first + traces.begin * d->traceBytes, traces.count() * d->traceBytes);
}

ByteOrder SegyFile::headerByteOrder() const {
    return d->order;
}

QByteArray SegyFile::rawFileHeader() const {
    QByteArray bytes(kFileHeaderBytes, Qt::Uninitialized);
    d->copyGuarded(0, bytes.data(), static_cast<std::size_t>(bytes.size()));
    return bytes;
}

QByteArray SegyFile::rawExtendedTextHeaders() const {
    QByteArray bytes(d->extended.size() * qsizetype(kTextHeaderBytes), Qt::Uninitialized);
    if (!bytes.isEmpty())
        d->copyGuarded(kFileHeaderBytes, bytes.data(), static_cast<std::size_t>(bytes.size()));
    return bytes;
}

void SegyFile::releaseAround(qint64 offset, qint64 length) const {
    // A fault maps more than the page it needs (fault-around, large page-cache folios), so this
    // reaches out to 2 MB boundaries; a neighbour reading there at the same time only faults
    // again.
    constexpr qint64 kAround = 2 << 20;
    const qint64 begin = offset / kAround * kAround;
    const qint64 end = (offset + length + kAround - 1) / kAround * kAround;
    releasePages(begin, end - begin);
}

void SegyFile::retirePages(qint64 offset, qint64 length) const {
    d->resident->touched(offset, length);
}

void SegyFile::releasePages(qint64 offset, qint64 length) const {
    static const qint64 page = sysconf(_SC_PAGESIZE);
    // Only whole pages inside the range: a neighbour's pages may be in use by another reader.
    const qint64 begin = (offset + page - 1) / page * page;
    const qint64 end = std::min(offset + length, d->size) / page * page;
    if (end > begin)
        ::madvise(const_cast<std::byte*>(d->base) + begin, static_cast<std::size_t>(end - begin),
                  MADV_DONTNEED);
}

void SegyFile::willRead(TraceRange traces) const {
    const qint64 begin = std::clamp<qint64>(traces.begin, 0, d->traces);
    const qint64 end = std::clamp<qint64>(traces.end, begin, d->traces);
    if (end > begin)
        prefetchPages(d->first + begin * d->traceBytes, (end - begin) * d->traceBytes);
}

void SegyFile::prefetchPages(qint64 offset, qint64 length) const {
    static const qint64 page = sysconf(_SC_PAGESIZE);
    const qint64 begin = std::max<qint64>(0, offset) / page * page;
    const qint64 end = std::min(offset + length, d->size);
    if (end > begin)
        ::madvise(const_cast<std::byte*>(d->base) + begin, static_cast<std::size_t>(end - begin),
                  MADV_WILLNEED);
}

void SegyFile::populatePages(qint64 offset, qint64 length) const {
#ifdef MADV_POPULATE_READ
    static const qint64 page = sysconf(_SC_PAGESIZE);
    const qint64 begin = offset / page * page;
    const qint64 end = std::min(offset + length, d->size);
    if (end > begin)
        ::madvise(const_cast<std::byte*>(d->base) + begin, static_cast<std::size_t>(end - begin),
                  MADV_POPULATE_READ);
#else
    Q_UNUSED(offset);
    Q_UNUSED(length);
#endif
}

} // namespace seis
