#include "seis/zarr/bloscodec.h"

#include "seis/base/error.h"

#include <blosc.h>

namespace seis::zarr {

BloscCodec::BloscCodec(QString cname, int level, Shuffle shuffle, int blocksize)
    : m_cname(cname.toLatin1())
    , m_level(level)
    , m_shuffle(shuffle)
    , m_blocksize(blocksize) {
    if (blosc_compname_to_compcode(m_cname.constData()) < 0)
        throw ArgumentError(QStringLiteral("Blosc compressor '%1' is not available; expected "
                                           "one of %2")
                                .arg(cname, QString::fromLatin1(blosc_list_compressors())));
    if (level < 0 || level > 9)
        throw ArgumentError(
            QStringLiteral("Blosc level %1 is not valid; expected 0 to 9").arg(level));
    if (blocksize < 0)
        throw ArgumentError(
            QStringLiteral("Blosc block size %1 is not valid; expected 0 or more").arg(blocksize));
}

QByteArray BloscCodec::encode(const std::byte* data, std::size_t size, std::size_t typeSize) const {
    QByteArray out(qsizetype(size + BLOSC_MAX_OVERHEAD), Qt::Uninitialized);
    Shuffle shuffle = m_shuffle;
    if (shuffle == Shuffle::Auto) // as numcodecs resolves AUTOSHUFFLE
        shuffle = typeSize == 1 ? Shuffle::Bit : Shuffle::Byte;
    const int n = blosc_compress_ctx(m_level, int(shuffle), typeSize, size, data, out.data(),
                                     std::size_t(out.size()), m_cname.constData(),
                                     std::size_t(m_blocksize), 1);
    if (n <= 0) // cannot happen with BLOSC_MAX_OVERHEAD of room, short of a Blosc bug
        throw ArgumentError(
            QStringLiteral("Blosc could not compress %1 bytes (%2)").arg(size).arg(n));
    out.truncate(n);
    return out;
}

void BloscCodec::decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                        const QString& where) const {
    std::size_t nbytes = 0;
    std::size_t cbytes = 0;
    std::size_t blocksize = 0;
    if (in.size() < BLOSC_MIN_HEADER_LENGTH ||
        blosc_cbuffer_validate(in.constData(), std::size_t(in.size()), &nbytes) != 0)
        throw FormatError(where,
                          QStringLiteral("is not a valid Blosc buffer (%1 bytes)").arg(in.size()));
    blosc_cbuffer_sizes(in.constData(), &nbytes, &cbytes, &blocksize);
    if (nbytes != outSize || cbytes > std::size_t(in.size()))
        throw FormatError(
            where,
            QStringLiteral("Blosc buffer holds %1 bytes; expected %2").arg(nbytes).arg(outSize));
    const int n = blosc_decompress_ctx(in.constData(), out, outSize, 1);
    if (n < 0 || std::size_t(n) != outSize)
        throw FormatError(where, QStringLiteral("Blosc buffer does not decompress (%1)").arg(n));
}

nlohmann::json BloscCodec::toJson() const {
    // numcodecs' keys, no "typesize" (numcodecs takes it from the dtype).
    return {{"id", "blosc"},
            {"cname", m_cname.toStdString()},
            {"clevel", m_level},
            {"shuffle", int(m_shuffle)},
            {"blocksize", m_blocksize}};
}

} // namespace seis::zarr
