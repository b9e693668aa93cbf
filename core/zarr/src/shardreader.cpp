#include "seis/zarr/shardreader.h"

#include "seis/base/error.h"
#include "seis/zarr/crc32c.h"
#include "seis/zarr/shardwriter.h"

#include <QFile>

#include <cstdint>

namespace seis::zarr {

namespace {

std::uint64_t little64(const char* p) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | std::uint8_t(p[i]);
    return v;
}

std::uint32_t little32(const char* p) {
    std::uint32_t v = 0;
    for (int i = 3; i >= 0; --i)
        v = (v << 8) | std::uint8_t(p[i]);
    return v;
}

QByteArray readAt(QFile& f, qint64 offset, qint64 size, const QString& path) {
    if (!f.seek(offset))
        throw IoError(path, QStringLiteral("cannot seek to byte %1 of the shard: %2")
                                .arg(offset)
                                .arg(f.errorString()));
    QByteArray bytes = f.read(size);
    if (bytes.size() != size)
        throw IoError(path, QStringLiteral("cannot read %1 bytes at byte %2 of the shard: %3")
                                .arg(size)
                                .arg(offset)
                                .arg(f.error() != QFileDevice::NoError
                                         ? f.errorString()
                                         : QStringLiteral("the file ended")));
    return bytes;
}

} // namespace

std::optional<QByteArray> readShardChunk(const QString& path, qint64 inner, qint64 innerCount,
                                         ShardIndexFormat format) {
    if (inner < 0 || inner >= innerCount)
        throw ArgumentError(path,
                            QStringLiteral("inner chunk %1 of a shard of %2; expected 0 to %3")
                                .arg(inner)
                                .arg(innerCount)
                                .arg(innerCount - 1));
    QFile f(path);
    if (!f.exists())
        return std::nullopt;
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(path, QStringLiteral("cannot read the shard: %1").arg(f.errorString()));
    const qint64 size = f.size();
    const qint64 indexBytes = shardIndexBytes(innerCount, format.checksum);
    if (size < indexBytes)
        throw FormatError(path, QStringLiteral("shard of %1 bytes; expected at least the %2 bytes "
                                               "of the index of %3 inner chunks")
                                    .arg(size)
                                    .arg(indexBytes)
                                    .arg(innerCount));
    const qint64 indexAt = format.atEnd ? size - indexBytes : 0;
    const QByteArray index = readAt(f, indexAt, indexBytes, path);
    if (format.checksum) {
        const std::uint32_t stored = little32(index.constData() + 16 * innerCount);
        const std::uint32_t computed = crc32c(reinterpret_cast<const std::byte*>(index.constData()),
                                              std::size_t(16 * innerCount));
        if (stored != computed)
            throw FormatError(path, QStringLiteral("shard index checksum 0x%1; expected 0x%2 (the "
                                                   "CRC-32C of the index: the shard is corrupt)")
                                        .arg(stored, 8, 16, QLatin1Char('0'))
                                        .arg(computed, 8, 16, QLatin1Char('0')));
    }
    constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
    const std::uint64_t offset = little64(index.constData() + 16 * inner);
    const std::uint64_t nbytes = little64(index.constData() + 16 * inner + 8);
    if (offset == kEmpty && nbytes == kEmpty)
        return std::nullopt;
    // The chunks lie outside the index: before it (index at the end) or after it (at the start).
    const std::uint64_t dataBegin = format.atEnd ? 0 : std::uint64_t(indexBytes);
    const std::uint64_t dataEnd = format.atEnd ? std::uint64_t(indexAt) : std::uint64_t(size);
    if (offset == kEmpty || nbytes == kEmpty || offset < dataBegin || offset > dataEnd ||
        nbytes > dataEnd - offset)
        throw FormatError(path, QStringLiteral("shard index entry %1 (offset %2, %3 bytes) is not "
                                               "valid; expected a range within bytes %4 to %5 of "
                                               "the shard, or both 2^64-1 for an empty chunk")
                                    .arg(inner)
                                    .arg(offset)
                                    .arg(nbytes)
                                    .arg(dataBegin)
                                    .arg(dataEnd));
    return readAt(f, qint64(offset), qint64(nbytes), path);
}

} // namespace seis::zarr
