// Encoding float32 samples into SEG-Y sample formats: the inverse of decodeSamples
// (seis/segy/sampleformat.h), for the writer.
//
// Rules, per format (codes as in the binary header, bytes 3225-3226):
// - NaN is written as 0 in the formats that cannot hold it (IBM and the integers) and counted in
//   EncodeCounts::nanZeroed; the IEEE formats keep it (a NaN in the data is data: missing
//   samples, a dead trace marked so), so an IEEE copy stays byte-identical.
// - IEEE float32 (5): the float's bits, byte-swapped as asked; +/-0, denormals, +/-inf and NaN
//   are kept exactly. IEEE float64 (6): the float widened exactly (a NaN stays NaN). Nothing
//   saturates, nothing is counted.
// - IBM float (1): the nearest IBM value, ties to even of the 24-bit IBM mantissa, normalized
//   (leading hexadecimal digit nonzero). Every finite float32 is inside the IBM range
//   (16^-65 .. 7.2e75), so only +/-inf saturates, to +/-0x7fffffff (the largest IBM magnitude),
//   counted in EncodeCounts::saturated. -0 is written 0x80000000 (sign kept, as segyio does, so an
//   IBM file read and written again stays byte-identical); +0 is 0. A float32 mantissa (24 bits)
//   never rounds up into a 25th bit: when the hexadecimal alignment keeps all 24 bits nothing is
//   rounded, and otherwise at least one bit is dropped, so the rounded mantissa stays below 2^24
//   and the renormalisation step (mantissa 2^24 -> 2^20, exponent + 1) never fires for float32
//   input; the code keeps it anyway. floatToIbm (sampleformat.h) gives the same words.
// - Integers (2, 3, 7, 8, 9, 10, 11, 12, 15, 16): sample = value * scale computed in double
//   (one rounding, exact when scale is 1), rounded to the nearest integer with ties away from
//   zero (std::round), then saturated to the type's range: a rounded value above the maximum is
//   written as the maximum, below the minimum as the minimum (0 for unsigned types), each
//   counted in EncodeCounts::saturated; +/-inf saturate the same way. A product that is NaN
//   (only a NaN sample, as scale is finite and positive) is written 0 and counted in nanZeroed.
//   The 3-byte formats (7, 15) hold -2^23 .. 2^23-1 and 0 .. 2^24-1.
// - Fixed point with gain (4) is not written: encodeSamples throws ArgumentError.
// Float formats (1, 5, 6) ignore `scale`.
#pragma once

#include "seis/base/types.h"
#include "seis/segy/sampleformat.h"

#include <QtGlobal>
#include <cstddef>

namespace seis {

// What encoding changed, counted over every call with the same counts object.
struct EncodeCounts {
    qint64 nanZeroed = 0; // NaN samples written as 0 (IBM and integer formats)
    qint64 saturated = 0; // samples beyond the format's range written as its extreme (IBM: beyond
                          // +/-7.2e75, i.e. +/-inf for float32 input; integers: beyond the
                          // type's range after scaling and rounding; IEEE float32/64: never)
};

// Encodes `count` float32 samples at `src` into `format` and `order` at `dst`
// (count * bytesPerSample(format) bytes, any alignment; src and dst must not overlap), following
// the rules above, and adds what changed to `counts`. `scale` (integer formats only) must be
// finite and greater than 0. Throws ArgumentError for a format canEncode refuses or a bad scale
// (before writing anything). Thread-safe: no shared state; a counts object is not synchronised,
// so give each thread its own. Vectorised: AVX2 when the CPU has it (chosen at run time), else
// the baseline ISA's vectors; the 3- and 8-byte integer formats (7, 15, 9, 12) run as scalar
// loops (AVX2 has no 64-bit conversions or 3-byte stores).
void encodeSamples(SampleFormat format, ByteOrder order, const float* src, std::byte* dst,
                   std::size_t count, double scale, EncodeCounts& counts);

// The scalar reference path, written independently of the vector kernels (per-sample branches,
// floatToIbm, std::round), for tests that check encodeSamples against it. Same contract.
void encodeSamplesScalar(SampleFormat format, ByteOrder order, const float* src, std::byte* dst,
                         std::size_t count, double scale, EncodeCounts& counts);

// true for the formats encodeSamples writes: every format decodeSamples reads except 4.
bool canEncode(SampleFormat format);

} // namespace seis
