#include "seis/segy/sampleencoder.h"

#include "seis/base/error.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace seis {

namespace {

// Counts of one block, small enough for 32-bit lanes in the vector loops.
struct Tally {
    std::uint32_t nans = 0;
    std::uint32_t saturated = 0;
};

// Samples per kernel call: the tallies fit in 32 bits and a block's input stays in L1/L2.
constexpr std::size_t kBlock = 8192;

// v rounded to the nearest integer, ties away from zero (std::round), in operations GCC
// vectorises: nearbyint rounds to nearest, ties to even (the default rounding mode, which the
// library never changes), and a tie that went toward zero is moved one away. v - nearbyint(v) is
// exact (and stays so: the project compiles as ISO C++, so GCC does not contract v = x * scale
// and v - r into one FMA). NaN and +/-inf pass through.
[[gnu::always_inline]] inline double roundHalfAway(double v) {
    const double r = std::nearbyint(v);
    const bool towardZero = (std::fabs(v - r) == 0.5) & (std::fabs(r) < std::fabs(v));
    return r + std::copysign(towardZero ? 1.0 : 0.0, v);
}

// ---- fast kernels: branch-free loops that GCC vectorises; instantiated for the baseline ISA
// and for AVX2 below and picked at run time. The host is little-endian (as in the decoders):
// Swap is true when the file is big-endian.

[[gnu::always_inline]] inline void store16(std::byte* p, std::uint16_t v, bool swap) {
    v = swap ? __builtin_bswap16(v) : v;
    std::memcpy(p, &v, 2);
}
[[gnu::always_inline]] inline void store32(std::byte* p, std::uint32_t v, bool swap) {
    v = swap ? __builtin_bswap32(v) : v;
    std::memcpy(p, &v, 4);
}
[[gnu::always_inline]] inline void store64(std::byte* p, std::uint64_t v, bool swap) {
    v = swap ? __builtin_bswap64(v) : v;
    std::memcpy(p, &v, 8);
}

// IBM by integer arithmetic on the float's bits. |x| = M * 2^p with M a 24-bit integer whose top
// bit is set (denormals are shifted up by a cascade of selects); the IBM word holds q * 2^(4t)
// with t = e - 70, q < 2^24. t = ceil(p / 4) and s = 4t - p in 0..3 bits are dropped from M,
// rounding to nearest, ties to even: q = (2M + 2^s - 1 + ((M >> s) & 1)) >> (s + 1). Integer
// operations only: no floating-point operation that may raise a flag, which would stop GCC from
// if-converting (and so vectorising) the loop.
template <bool Swap>
[[gnu::always_inline]] inline void encodeIbm(const float* __restrict src, std::byte* __restrict dst,
                                             std::size_t n, Tally& tally) {
    std::uint32_t nans = 0;
    std::uint32_t saturated = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t b = std::bit_cast<std::uint32_t>(src[i]);
        const std::uint32_t sign = b & 0x80000000u;
        const std::uint32_t a = b & 0x7fffffffu;
        const std::int32_t biased = static_cast<std::int32_t>(a >> 23);
        std::uint32_t m = (a & 0x7fffffu) | (biased != 0 ? 0x800000u : 0u);
        std::int32_t p = (biased != 0 ? biased : 1) - 150; // a denormal is m * 2^(1 - 150)
        bool shift = m < (1u << 8);
        m = shift ? m << 16 : m;
        p -= shift ? 16 : 0;
        shift = m < (1u << 16);
        m = shift ? m << 8 : m;
        p -= shift ? 8 : 0;
        shift = m < (1u << 20);
        m = shift ? m << 4 : m;
        p -= shift ? 4 : 0;
        shift = m < (1u << 22);
        m = shift ? m << 2 : m;
        p -= shift ? 2 : 0;
        shift = m < (1u << 23);
        m = shift ? m << 1 : m;
        p -= shift ? 1 : 0;
        const std::int32_t t = (p + 3) >> 2; // ceil(p / 4): arithmetic shift floors
        const std::uint32_t s = static_cast<std::uint32_t>(4 * t - p);
        std::uint32_t q = ((m << 1) + (1u << s) - 1u + ((m >> s) & 1u)) >> (s + 1);
        const std::uint32_t carry = q >> 24; // 1 when q rounded up to 2^24 (never for float32)
        q = carry ? 0x100000u : q;
        std::uint32_t w = sign | static_cast<std::uint32_t>(t + 70 + std::int32_t(carry)) << 24 | q;
        const bool isNan = a > 0x7f800000u;
        const bool isInf = a == 0x7f800000u;
        w = a == 0 ? sign : w;
        w = isInf ? (sign | 0x7fffffffu) : w;
        w = isNan ? 0u : w;
        nans += isNan;
        saturated += isInf;
        store32(dst + 4 * i, w, Swap);
    }
    tally.nans += nans;
    tally.saturated += saturated;
}

template <bool Swap>
[[gnu::always_inline]] inline void
encodeIeee32(const float* __restrict src, std::byte* __restrict dst, std::size_t n, Tally& tally) {
    // IEEE holds every float32 as it is, NaN included (its bits kept): nothing is counted.
    (void)tally;
    for (std::size_t i = 0; i < n; ++i)
        store32(dst + 4 * i, std::bit_cast<std::uint32_t>(src[i]), Swap);
}

template <bool Swap>
[[gnu::always_inline]] inline void
encodeIeee64(const float* __restrict src, std::byte* __restrict dst, std::size_t n, Tally& tally) {
    // The exact widening; a NaN stays a NaN (quiet, its payload widened): nothing is counted.
    (void)tally;
    for (std::size_t i = 0; i < n; ++i)
        store64(dst + 8 * i, std::bit_cast<std::uint64_t>(static_cast<double>(src[i])), Swap);
}

// Integers of up to 32 bits: rounded in double, clamped to [Min, Max] in double, converted
// through int32 (unsigned 32-bit values shifted by 2^31 to stay in int32's range; exact, as the
// rounded value is an integer).
template <std::int64_t Min, std::int64_t Max, int Bytes, bool Swap>
[[gnu::always_inline]] inline void encodeInt(const float* __restrict src, std::byte* __restrict dst,
                                             std::size_t n, double scale, Tally& tally) {
    constexpr double kMin = static_cast<double>(Min);
    constexpr double kMax = static_cast<double>(Max);
    constexpr bool kUnsigned32 = Max > 0x7fffffffLL;
    constexpr double kOffset = kUnsigned32 ? 0x1p31 : 0.0;
    std::uint32_t nans = 0;
    std::uint32_t saturated = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = static_cast<double>(src[i]) * scale;
        const double r = roundHalfAway(v);
        const bool isNan = v != v;
        const bool hi = r > kMax;
        const bool lo = r < kMin;
        double c = hi ? kMax : r;
        c = lo ? kMin : c;
        c = isNan ? 0.0 : c;
        nans += isNan;
        saturated += hi | lo;
        std::uint32_t u = static_cast<std::uint32_t>(static_cast<std::int32_t>(c - kOffset));
        if constexpr (kUnsigned32)
            u ^= 0x80000000u;
        std::byte* out = dst + Bytes * i;
        if constexpr (Bytes == 1) {
            *out = static_cast<std::byte>(u);
        } else if constexpr (Bytes == 2) {
            store16(out, static_cast<std::uint16_t>(u), Swap);
        } else if constexpr (Bytes == 3) {
            out[Swap ? 0 : 2] = static_cast<std::byte>(u >> 16);
            out[1] = static_cast<std::byte>(u >> 8);
            out[Swap ? 2 : 0] = static_cast<std::byte>(u);
        } else {
            store32(out, u, Swap);
        }
    }
    tally.nans += nans;
    tally.saturated += saturated;
}

// 64-bit integers: the rounded value clamped in double to the last doubles inside the range
// (so the conversion is defined), the extremes substituted as integers.
template <bool Signed, bool Swap>
[[gnu::always_inline]] inline void encodeInt64(const float* __restrict src,
                                               std::byte* __restrict dst, std::size_t n,
                                               double scale, Tally& tally) {
    constexpr double kLimit = Signed ? 0x1p63 : 0x1p64;              // first value above the range
    constexpr double kLast = Signed ? 0x1p63 - 1024 : 0x1p64 - 2048; // last double inside
    constexpr double kMin = Signed ? -0x1p63 : 0.0;
    constexpr std::uint64_t kMaxBits = Signed ? 0x7fffffffffffffffull : ~0ull;
    constexpr std::uint64_t kMinBits = Signed ? 0x8000000000000000ull : 0ull;
    std::uint32_t nans = 0;
    std::uint32_t saturated = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double v = static_cast<double>(src[i]) * scale;
        const double r = roundHalfAway(v);
        const bool isNan = v != v;
        const bool hi = r >= kLimit;
        const bool lo = r < kMin;
        double c = r > kLast ? kLast : r;
        c = lo ? kMin : c;
        c = isNan ? 0.0 : c;
        std::uint64_t u = Signed ? static_cast<std::uint64_t>(static_cast<std::int64_t>(c))
                                 : static_cast<std::uint64_t>(c);
        u = hi ? kMaxBits : u;
        u = lo ? kMinBits : u;
        nans += isNan;
        saturated += hi | lo;
        store64(dst + 8 * i, u, Swap);
    }
    tally.nans += nans;
    tally.saturated += saturated;
}

template <bool Swap>
[[gnu::always_inline]] inline void encodeWithOrder(SampleFormat format, const float* src,
                                                   std::byte* dst, std::size_t n, double scale,
                                                   Tally& tally) {
    switch (format) {
    case SampleFormat::IbmFloat32:
        return encodeIbm<Swap>(src, dst, n, tally);
    case SampleFormat::IeeeFloat32:
        return encodeIeee32<Swap>(src, dst, n, tally);
    case SampleFormat::IeeeFloat64:
        return encodeIeee64<Swap>(src, dst, n, tally);
    case SampleFormat::Int8:
        return encodeInt<-128, 127, 1, Swap>(src, dst, n, scale, tally);
    case SampleFormat::UInt8:
        return encodeInt<0, 255, 1, Swap>(src, dst, n, scale, tally);
    case SampleFormat::Int16:
        return encodeInt<-32768, 32767, 2, Swap>(src, dst, n, scale, tally);
    case SampleFormat::UInt16:
        return encodeInt<0, 65535, 2, Swap>(src, dst, n, scale, tally);
    case SampleFormat::Int24:
        return encodeInt<-8388608, 8388607, 3, Swap>(src, dst, n, scale, tally);
    case SampleFormat::UInt24:
        return encodeInt<0, 16777215, 3, Swap>(src, dst, n, scale, tally);
    case SampleFormat::Int32:
        return encodeInt<-2147483648LL, 2147483647LL, 4, Swap>(src, dst, n, scale, tally);
    case SampleFormat::UInt32:
        return encodeInt<0, 4294967295LL, 4, Swap>(src, dst, n, scale, tally);
    case SampleFormat::Int64:
        return encodeInt64<true, Swap>(src, dst, n, scale, tally);
    case SampleFormat::UInt64:
        return encodeInt64<false, Swap>(src, dst, n, scale, tally);
    case SampleFormat::FixedPointGain32:
        return; // refused before any kernel runs
    }
}

[[gnu::always_inline]] inline void encodeAny(SampleFormat format, bool swap, const float* src,
                                             std::byte* dst, std::size_t n, double scale,
                                             Tally& tally) {
    if (swap)
        encodeWithOrder<true>(format, src, dst, n, scale, tally);
    else
        encodeWithOrder<false>(format, src, dst, n, scale, tally);
}

void encodeBaseline(SampleFormat format, bool swap, const float* src, std::byte* dst, std::size_t n,
                    double scale, Tally& tally) {
    encodeAny(format, swap, src, dst, n, scale, tally);
}

#if defined(__x86_64__)
[[gnu::target("avx2,fma")]] void encodeAvx2(SampleFormat format, bool swap, const float* src,
                                            std::byte* dst, std::size_t n, double scale,
                                            Tally& tally) {
    encodeAny(format, swap, src, dst, n, scale, tally);
}

bool hasAvx2() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}
#endif

// ---- scalar reference: one sample at a time, written with the library functions and
// branches, sharing nothing with the kernels above.

bool isIntegerFormat(SampleFormat format) {
    switch (format) {
    case SampleFormat::IbmFloat32:
    case SampleFormat::IeeeFloat32:
    case SampleFormat::IeeeFloat64:
    case SampleFormat::FixedPointGain32:
        return false;
    default:
        return true;
    }
}

bool isSignedFormat(SampleFormat format) {
    switch (format) {
    case SampleFormat::Int8:
    case SampleFormat::Int16:
    case SampleFormat::Int24:
    case SampleFormat::Int32:
    case SampleFormat::Int64:
        return true;
    default:
        return false;
    }
}

// The host-order bits of one sample (the low bytesPerSample(format) bytes are written).
std::uint64_t referenceBits(SampleFormat format, float x, double scale, EncodeCounts& counts) {
    switch (format) {
    case SampleFormat::IeeeFloat32:
        return std::bit_cast<std::uint32_t>(x);
    case SampleFormat::IeeeFloat64:
        return std::bit_cast<std::uint64_t>(static_cast<double>(x));
    default:
        break;
    }
    if (std::isnan(x)) {
        ++counts.nanZeroed;
        return 0;
    }
    if (format == SampleFormat::IbmFloat32) {
        if (std::isinf(x))
            ++counts.saturated;
        return floatToIbm(x);
    }
    const double v = static_cast<double>(x) * scale;
    if (std::isnan(v)) {
        ++counts.nanZeroed;
        return 0;
    }
    const int bits = 8 * bytesPerSample(format);
    const bool isSigned = isSignedFormat(format);
    // The range is [low, high): both powers of two (or 0), exact in double.
    const double high = std::ldexp(1.0, isSigned ? bits - 1 : bits);
    const double low = isSigned ? -high : 0.0;
    const double r = std::round(v);
    if (r >= high) {
        ++counts.saturated;
        return isSigned ? (std::uint64_t(1) << (bits - 1)) - 1
                        : (bits == 64 ? ~std::uint64_t(0) : (std::uint64_t(1) << bits) - 1);
    }
    if (r < low) {
        ++counts.saturated;
        return isSigned ? std::uint64_t(1) << (bits - 1) : 0;
    }
    if (isSigned)
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(r));
    return static_cast<std::uint64_t>(r);
}

void checkRequest(SampleFormat format, double scale) {
    if (!canEncode(format))
        throw ArgumentError(QStringLiteral("sample format %1 cannot be written; expected one of "
                                           "1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16")
                                .arg(static_cast<int>(format)));
    if (isIntegerFormat(format) && !(std::isfinite(scale) && scale > 0))
        throw ArgumentError(
            QStringLiteral("sample scale %1 for format %2: expected a finite number above 0")
                .arg(scale)
                .arg(static_cast<int>(format)));
}

} // namespace

bool canEncode(SampleFormat format) {
    switch (format) {
    case SampleFormat::IbmFloat32:
    case SampleFormat::Int32:
    case SampleFormat::Int16:
    case SampleFormat::IeeeFloat32:
    case SampleFormat::IeeeFloat64:
    case SampleFormat::Int24:
    case SampleFormat::Int8:
    case SampleFormat::Int64:
    case SampleFormat::UInt32:
    case SampleFormat::UInt16:
    case SampleFormat::UInt64:
    case SampleFormat::UInt24:
    case SampleFormat::UInt8:
        return true;
    case SampleFormat::FixedPointGain32:
        return false;
    }
    return false;
}

void encodeSamples(SampleFormat format, ByteOrder order, const float* src, std::byte* dst,
                   std::size_t count, double scale, EncodeCounts& counts) {
    checkRequest(format, scale);
    const bool swap = order == ByteOrder::Big;
    const std::size_t bytes = static_cast<std::size_t>(bytesPerSample(format));
    auto kernel = encodeBaseline;
#if defined(__x86_64__)
    if (hasAvx2())
        kernel = encodeAvx2;
#endif
    for (std::size_t done = 0; done < count; done += kBlock) {
        const std::size_t n = count - done < kBlock ? count - done : kBlock;
        Tally tally;
        kernel(format, swap, src + done, dst + done * bytes, n, scale, tally);
        counts.nanZeroed += tally.nans;
        counts.saturated += tally.saturated;
    }
}

void encodeSamplesScalar(SampleFormat format, ByteOrder order, const float* src, std::byte* dst,
                         std::size_t count, double scale, EncodeCounts& counts) {
    checkRequest(format, scale);
    const int bytes = bytesPerSample(format);
    for (std::size_t i = 0; i < count; ++i) {
        const std::uint64_t v = referenceBits(format, src[i], scale, counts);
        std::byte* out = dst + i * static_cast<std::size_t>(bytes);
        for (int k = 0; k < bytes; ++k) {
            const int shift = 8 * (order == ByteOrder::Big ? bytes - 1 - k : k);
            out[k] = static_cast<std::byte>((v >> shift) & 0xffu);
        }
    }
}

} // namespace seis
