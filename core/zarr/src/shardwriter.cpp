#include "seis/zarr/shardwriter.h"

#include "seis/zarr/crc32c.h"

#include <cstdint>
#include <cstring>

namespace seis::zarr {

namespace {

void putLittle64(char* p, std::uint64_t v) {
    for (int i = 0; i < 8; ++i)
        p[i] = char((v >> (8 * i)) & 0xFF);
}

} // namespace

qint64 shardIndexBytes(qint64 innerChunks, bool checksum) {
    return 16 * innerChunks + (checksum ? 4 : 0);
}

QByteArray assembleShard(std::span<const std::optional<QByteArray>> chunks) {
    qint64 data = 0;
    for (const auto& c : chunks)
        if (c)
            data += c->size();
    const qint64 n = qint64(chunks.size());
    QByteArray shard(qsizetype(data + shardIndexBytes(n)), Qt::Uninitialized);
    char* index = shard.data() + data;
    constexpr std::uint64_t kEmpty = ~std::uint64_t(0);
    qint64 offset = 0;
    for (qint64 i = 0; i < n; ++i) {
        const auto& c = chunks[std::size_t(i)];
        if (!c) {
            putLittle64(index + 16 * i, kEmpty);
            putLittle64(index + 16 * i + 8, kEmpty);
            continue;
        }
        std::memcpy(shard.data() + offset, c->constData(), std::size_t(c->size()));
        putLittle64(index + 16 * i, std::uint64_t(offset));
        putLittle64(index + 16 * i + 8, std::uint64_t(c->size()));
        offset += c->size();
    }
    const std::uint32_t crc =
        crc32c(reinterpret_cast<const std::byte*>(index), std::size_t(16 * n));
    for (int i = 0; i < 4; ++i)
        index[16 * n + i] = char((crc >> (8 * i)) & 0xFF);
    return shard;
}

} // namespace seis::zarr
