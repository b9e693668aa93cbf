#include "seis/zarr/zstdcodec.h"

#include "seis/base/error.h"

#include <memory>
#include <zstd.h>

namespace seis::zarr {

namespace {

struct FreeDCtx {
    void operator()(ZSTD_DCtx* c) const { ZSTD_freeDCtx(c); }
};
struct FreeCCtx {
    void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};

} // namespace

ZstdCodec::ZstdCodec(int level)
    : m_level(level) {
    if (level < ZSTD_minCLevel() || level > ZSTD_maxCLevel())
        throw ArgumentError(QStringLiteral("zstd level %1 is not valid; expected %2 to %3")
                                .arg(level)
                                .arg(ZSTD_minCLevel())
                                .arg(ZSTD_maxCLevel()));
}

QByteArray ZstdCodec::encode(const std::byte* data, std::size_t size, std::size_t) const {
    const std::unique_ptr<ZSTD_CCtx, FreeCCtx> ctx(ZSTD_createCCtx());
    if (!ctx)
        throw ArgumentError(QStringLiteral("zstd: cannot create a context (out of memory?)"));
    QByteArray out(qsizetype(ZSTD_compressBound(size)), Qt::Uninitialized);
    const std::size_t n =
        ZSTD_compressCCtx(ctx.get(), out.data(), std::size_t(out.size()), data, size, m_level);
    if (ZSTD_isError(n)) // cannot happen with ZSTD_compressBound of room
        throw ArgumentError(QStringLiteral("zstd could not compress %1 bytes: %2")
                                .arg(size)
                                .arg(QString::fromLatin1(ZSTD_getErrorName(n))));
    out.truncate(qsizetype(n));
    return out;
}

void ZstdCodec::decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                       const QString& where) const {
    auto corrupt = [&](const QString& what) {
        return FormatError(
            where,
            QStringLiteral("is not a valid zstd buffer (%1 bytes): %2").arg(in.size()).arg(what));
    };
    const std::unique_ptr<ZSTD_DCtx, FreeDCtx> ctx(ZSTD_createDCtx());
    if (!ctx)
        throw FormatError(where, QStringLiteral("zstd: cannot create a context (out of memory?)"));
    const auto* src = in.constData();
    const std::size_t srcSize = std::size_t(in.size());
    // One frame that says its size: decoded in one call, straight into `out`.
    const unsigned long long declared = ZSTD_getFrameContentSize(src, srcSize);
    if (declared == ZSTD_CONTENTSIZE_ERROR)
        throw corrupt(QStringLiteral("no zstd frame header"));
    if (declared != ZSTD_CONTENTSIZE_UNKNOWN &&
        ZSTD_findFrameCompressedSize(src, srcSize) == srcSize) {
        if (declared != outSize)
            throw corrupt(
                QStringLiteral("the frame holds %1 bytes; expected %2").arg(declared).arg(outSize));
        const std::size_t n = ZSTD_decompressDCtx(ctx.get(), out, outSize, src, srcSize);
        if (ZSTD_isError(n))
            throw corrupt(QString::fromLatin1(ZSTD_getErrorName(n)));
        if (n != outSize)
            throw corrupt(QStringLiteral("decodes to %1 bytes; expected %2").arg(n).arg(outSize));
        return;
    }
    // Frames without their size, several frames, or a truncated frame: streamed, never past
    // outSize.
    ZSTD_inBuffer input{src, srcSize, 0};
    ZSTD_outBuffer output{out, outSize, 0};
    for (;;) {
        const std::size_t inBefore = input.pos, outBefore = output.pos;
        const std::size_t rc = ZSTD_decompressStream(ctx.get(), &output, &input);
        if (ZSTD_isError(rc))
            throw corrupt(QString::fromLatin1(ZSTD_getErrorName(rc)));
        if (rc == 0 && input.pos == input.size)
            break; // every frame complete and all input read
        if (input.pos == inBefore && output.pos == outBefore)
            throw corrupt(output.pos == output.size
                              ? QStringLiteral("decodes to more than %1 bytes").arg(outSize)
                              : QStringLiteral("truncated"));
    }
    if (output.pos != outSize)
        throw corrupt(
            QStringLiteral("decodes to %1 bytes; expected %2").arg(output.pos).arg(outSize));
}

nlohmann::json ZstdCodec::toJson() const {
    return {{"id", "zstd"}, {"level", m_level}};
}

} // namespace seis::zarr
