// SEG-Y data sample formats (binary header bytes 3225-3226) and their conversion to float32.
//
// Every format is decoded to float32 as the SEG-Y rev 2.1 standard defines it. Deliberate choices:
// - IBM float (1): converted with IEEE round-to-nearest-even. IBM values above FLT_MAX become
//   +/-infinity and values below the float range become denormals or +/-0, exactly as rounding the
//   true value would. IBM has no NaN, so no NaN is ever produced from format 1.
// - Fixed point with gain (4): bytes [0][gain][mantissa (int16)], value = mantissa * 2^-gain as in
//   rev 2.0/2.1 (rev 0/1 are ambiguous about the sign of the exponent). Byte order applies to the
//   whole 4-byte word.
// - 32- and 64-bit integers and IEEE doubles are rounded to the nearest float32; integers beyond
//   2^24 lose their low bits, as any float32 representation must.
#pragma once

#include "seis/base/types.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace seis {

enum class SampleFormat : int {
    IbmFloat32 = 1,
    Int32 = 2,
    Int16 = 3,
    FixedPointGain32 = 4,
    IeeeFloat32 = 5,
    IeeeFloat64 = 6,
    Int24 = 7,
    Int8 = 8,
    Int64 = 9,
    UInt32 = 10,
    UInt16 = 11,
    UInt64 = 12,
    UInt24 = 15,
    UInt8 = 16,
};

// The format for a binary-header code, or nullopt if the code is not a SEG-Y rev 2.1 format.
std::optional<SampleFormat> sampleFormatFromCode(int code);
int bytesPerSample(SampleFormat format);
// Human-readable name, e.g. "4-byte IBM floating point".
QString sampleFormatName(SampleFormat format);
// Comma-separated list of the codes this library reads, for error messages.
QString supportedFormatCodes();

// Converts `count` samples stored in `format` and `order` at `src` (any alignment) to float32 at
// `dst`. Thread-safe; uses AVX2 when the CPU has it.
void decodeSamples(SampleFormat format, ByteOrder order, const std::byte* src, float* dst,
                   std::size_t count);

// The portable scalar path, for tests that check the vector path against it.
void decodeSamplesScalar(SampleFormat format, ByteOrder order, const std::byte* src, float* dst,
                         std::size_t count);

// One IBM float (as a host-order 32-bit word) to float32; see the rounding notes above.
float ibmToFloat(std::uint32_t ibm);
// float32 to the nearest IBM float (host-order word), ties to even of the 24-bit IBM mantissa,
// normalized. NaN becomes 0; +/-0 become 0 and 0x80000000 (sign kept); +/-inf saturate to the
// largest IBM magnitude (every finite float32 is inside the IBM range). The same words as
// encodeSamples (seis/segy/sampleencoder.h) writes for format 1.
std::uint32_t floatToIbm(float value);

} // namespace seis
