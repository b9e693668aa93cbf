// Zstandard, as numcodecs writes it: {"id": "zstd", "level": 3}
// Written: one frame with the content size. Read: any sequence of frames, with or without the
// content size in their headers (numcodecs versions and other writers differ; frames without
// it are decoded by streaming into the chunk). level: ZSTD_minCLevel() (negative: faster) to
// ZSTD_maxCLevel() (22); 0 means zstd's default (3). Each call has its own context: no global
// state, any number of threads at once.
#pragma once

#include "seis/zarr/codec.h"

namespace seis::zarr {

class ZstdCodec final : public Codec {
public:
    // Throws ArgumentError for a level outside ZSTD_minCLevel()..ZSTD_maxCLevel().
    explicit ZstdCodec(int level);

    QByteArray encode(const std::byte* data, std::size_t size, std::size_t typeSize) const override;
    void decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                const QString& where) const override;
    nlohmann::json toJson() const override;

private:
    int m_level;
};

} // namespace seis::zarr
