// Deflate (zlib), as numcodecs writes it, in its two wrappers:
//   {"id": "zlib", "level": 1}   the zlib format (RFC 1950; Python's zlib.compress)
//   {"id": "gzip", "level": 1}   the gzip format (RFC 1952; numcodecs GZip, one member written,
//                                concatenated members read)
// level: 0 (stored) to 9, or -1 (zlib's default, 6). Each call has its own z_stream: no global
// state, any number of threads at once.
#pragma once

#include "seis/zarr/codec.h"

namespace seis::zarr {

class ZlibCodec final : public Codec {
public:
    enum class Wrapper { Zlib, Gzip };

    // Throws ArgumentError for a level outside -1..9.
    explicit ZlibCodec(int level, Wrapper wrapper = Wrapper::Zlib);

    QByteArray encode(const std::byte* data, std::size_t size, std::size_t typeSize) const override;
    void decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                const QString& where) const override;
    nlohmann::json toJson() const override;

private:
    int m_level;
    Wrapper m_wrapper;
};

} // namespace seis::zarr
