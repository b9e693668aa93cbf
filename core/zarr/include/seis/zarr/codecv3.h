// The codec objects of Zarr v3 metadata ({"name": ..., "configuration": {...}}) for the
// compressors this library knows in their Zarr v2 form (codec.h, numcodecs' {"id": ...}):
//   blosc  {"name": "blosc", "configuration": {"cname": "zstd", "clevel": 3,
//           "shuffle": "noshuffle" | "shuffle" | "bitshuffle", "typesize": 4, "blocksize": 0}}
//   zstd   {"name": "zstd", "configuration": {"level": 3, "checksum": false}}
//   gzip   {"name": "gzip", "configuration": {"level": 5}}
//   zlib   {"name": "numcodecs.zlib", "configuration": {"level": 5}} (no core v3 codec)
// v3 stores are read and written through the v2 form, so one Codec implementation serves both.
// Errors: seis/base/error.h.
#pragma once

#include <QString>
#include <nlohmann/json.hpp>

namespace seis::zarr {

// The v3 codec object of v2 compressor `compressor` (not null), for elements of `typeSize`
// bytes (Blosc's "typesize"). Throws ArgumentError for a compressor without a v3 form here.
nlohmann::json codecToV3(const nlohmann::json& compressor, int typeSize);

// True when `codec` (a v3 codec object) is a compressor codecFromV3 converts.
bool isV3Compressor(const nlohmann::json& codec);

// The v2 compressor object of v3 codec object `codec`. Throws FormatError naming `where` for a
// codec that is not one of the above or a malformed configuration.
nlohmann::json codecFromV3(const nlohmann::json& codec, const QString& where);

} // namespace seis::zarr
