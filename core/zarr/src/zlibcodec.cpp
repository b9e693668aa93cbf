#include "seis/zarr/zlibcodec.h"

#include "seis/base/error.h"

#include <limits>
#include <zlib.h>

namespace seis::zarr {

namespace {

// windowBits for deflateInit2/inflateInit2: 15 (32 KiB window), +16 for the gzip wrapper.
int windowBits(ZlibCodec::Wrapper w) {
    return w == ZlibCodec::Wrapper::Gzip ? 15 + 16 : 15;
}

const char* wrapperName(ZlibCodec::Wrapper w) {
    return w == ZlibCodec::Wrapper::Gzip ? "gzip" : "zlib";
}

// zlib counts in uInt (32 bits); chunks are far smaller, but say so rather than wrap.
void checkSize(std::size_t size, const char* what) {
    if (size > std::numeric_limits<uInt>::max())
        throw ArgumentError(QStringLiteral("%1: %2 of %3 bytes; at most %4 bytes per chunk")
                                .arg(QLatin1String("zlib"), QLatin1String(what))
                                .arg(size)
                                .arg(std::numeric_limits<uInt>::max()));
}

} // namespace

ZlibCodec::ZlibCodec(int level, Wrapper wrapper)
    : m_level(level)
    , m_wrapper(wrapper) {
    if (level < -1 || level > 9)
        throw ArgumentError(QStringLiteral("%1 level %2 is not valid; expected -1 to 9")
                                .arg(wrapperName(wrapper))
                                .arg(level));
}

QByteArray ZlibCodec::encode(const std::byte* data, std::size_t size, std::size_t) const {
    checkSize(size, "input");
    z_stream s{};
    if (deflateInit2(&s, m_level, Z_DEFLATED, windowBits(m_wrapper), 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw ArgumentError(QStringLiteral("%1: cannot start deflate (out of memory?)")
                                .arg(wrapperName(m_wrapper)));
    // deflateBound is exact for a single deflate(Z_FINISH) call with the gzip header too.
    QByteArray out(qsizetype(deflateBound(&s, uLong(size))), Qt::Uninitialized);
    s.next_in = reinterpret_cast<Bytef*>(const_cast<std::byte*>(data));
    s.avail_in = uInt(size);
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = uInt(out.size());
    const int rc = deflate(&s, Z_FINISH);
    const uLong n = s.total_out;
    deflateEnd(&s);
    if (rc != Z_STREAM_END) // cannot happen with deflateBound of room
        throw ArgumentError(QStringLiteral("%1 could not compress %2 bytes (%3)")
                                .arg(wrapperName(m_wrapper))
                                .arg(size)
                                .arg(rc));
    out.truncate(qsizetype(n));
    return out;
}

void ZlibCodec::decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                       const QString& where) const {
    checkSize(outSize, "output");
    const char* name = wrapperName(m_wrapper);
    auto corrupt = [&](const QString& what) {
        return FormatError(where, QStringLiteral("is not a valid %1 stream (%2 bytes): %3")
                                      .arg(QLatin1String(name))
                                      .arg(in.size())
                                      .arg(what));
    };
    if (std::size_t(in.size()) > std::numeric_limits<uInt>::max())
        throw corrupt(QStringLiteral("larger than zlib reads in one call"));
    z_stream s{};
    if (inflateInit2(&s, windowBits(m_wrapper)) != Z_OK)
        throw FormatError(
            where,
            QStringLiteral("%1: cannot start inflate (out of memory?)").arg(QLatin1String(name)));
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.constData()));
    s.avail_in = uInt(in.size());
    s.next_out = reinterpret_cast<Bytef*>(out);
    s.avail_out = uInt(outSize);
    QString error;
    for (;;) {
        const int rc = inflate(&s, Z_FINISH);
        if (rc == Z_STREAM_END) {
            // gzip allows concatenated members (Python's gzip.decompress reads them all).
            if (s.avail_in == 0 || m_wrapper != Wrapper::Gzip)
                break;
            if (inflateReset(&s) != Z_OK) {
                error = QStringLiteral("cannot restart after a member");
                break;
            }
            continue;
        }
        if (rc == Z_BUF_ERROR && s.avail_out == 0)
            error = QStringLiteral("decodes to more than %1 bytes").arg(outSize);
        else if (rc == Z_BUF_ERROR)
            error = QStringLiteral("truncated");
        else
            error = s.msg ? QString::fromLatin1(s.msg) : QStringLiteral("error %1").arg(rc);
        break;
    }
    const std::size_t produced = outSize - s.avail_out;
    const uInt trailing = s.avail_in;
    inflateEnd(&s);
    if (!error.isEmpty())
        throw corrupt(error);
    if (trailing != 0)
        throw corrupt(QStringLiteral("%1 bytes after the end of the stream").arg(trailing));
    if (produced != outSize)
        throw corrupt(
            QStringLiteral("decodes to %1 bytes; expected %2").arg(produced).arg(outSize));
}

nlohmann::json ZlibCodec::toJson() const {
    return {{"id", wrapperName(m_wrapper)}, {"level", m_level}};
}

} // namespace seis::zarr
