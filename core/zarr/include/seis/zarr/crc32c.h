// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78, initial value and final xor 0xFFFFFFFF),
// the checksum of the Zarr v3 "crc32c" codec, which appends it little-endian to the bytes it
// covers (the shard index of shardwriter.h). Never throws; any thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace seis::zarr {

// The CRC-32C of `size` bytes at `data` ("123456789" gives 0xE3069283).
std::uint32_t crc32c(const std::byte* data, std::size_t size);

} // namespace seis::zarr
