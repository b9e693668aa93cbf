// A chunk codec of a Zarr array (the v2 "compressor"): bytes in, bytes out. One file per codec
// behind this interface (bloscodec.h, zlibcodec.h for zlib and gzip, zstdcodec.h);
// codecFromJson picks one from the metadata.
//
// Threads: every const member may be called from any number of threads at once (Blosc through
// its _ctx functions, which keep no global state). Errors: seis/base/error.h.
#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>

namespace seis::zarr {

class Codec {
public:
    virtual ~Codec();
    // Compresses `size` bytes of elements of `typeSize` bytes (for the shuffle filters).
    virtual QByteArray encode(const std::byte* data, std::size_t size,
                              std::size_t typeSize) const = 0;
    // Decompresses `in` into exactly `outSize` bytes at `out` (owned by the caller). Throws
    // FormatError naming `where` (the store and the chunk key) when `in` is corrupt or does not
    // decode to outSize bytes.
    virtual void decode(const QByteArray& in, std::byte* out, std::size_t outSize,
                        const QString& where) const = 0;
    // The metadata object, as written to .zarray's "compressor".
    virtual nlohmann::json toJson() const = 0;
};

// The codec a .zarray "compressor" names: null (JSON null) for an uncompressed array; throws
// FormatError naming `where` for a codec this library does not read (the id and what is
// supported) or a malformed object.
std::unique_ptr<Codec> codecFromJson(const nlohmann::json& compressor, const QString& where);

} // namespace seis::zarr
