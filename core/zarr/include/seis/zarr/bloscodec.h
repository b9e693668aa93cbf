// Blosc (c-blosc 1.x, the library numcodecs links too), as numcodecs writes it:
//   {"id": "blosc", "cname": "zstd", "clevel": 3, "shuffle": 2, "blocksize": 0}
// shuffle: 0 none, 1 byte, 2 bit, -1 automatic (numcodecs AUTOSHUFFLE: bit for 1-byte elements,
// else byte). One internal thread per call: callers run chunks in parallel.
#pragma once

#include "seis/zarr/codec.h"

namespace seis::zarr {

enum class Shuffle { Auto = -1, None = 0, Byte = 1, Bit = 2 };

class BloscCodec final : public Codec {
public:
    // Throws ArgumentError for a compressor Blosc does not have (cname: blosclz, lz4, lz4hc,
    // zlib, zstd) or a level outside 0..9.
    BloscCodec(QString cname, int level, Shuffle shuffle, int blocksize = 0);

    QByteArray encode(const std::byte* data, std::size_t size, std::size_t typeSize) const override;
    void decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                const QString& where) const override;
    nlohmann::json toJson() const override;

private:
    QByteArray m_cname;
    int m_level;
    Shuffle m_shuffle;
    int m_blocksize;
};

} // namespace seis::zarr
