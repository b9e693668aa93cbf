#include "seis/segy/sampleformat.h"

#include <QStringList>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>

namespace seis {

namespace {

struct FormatInfo {
    int code;
    int bytes;
    const char* name;
};

constexpr std::array<FormatInfo, 14> kFormats{{
    {1, 4, "4-byte IBM floating point"},
    {2, 4, "4-byte two's complement integer"},
    {3, 2, "2-byte two's complement integer"},
    {4, 4, "4-byte fixed point with gain"},
    {5, 4, "4-byte IEEE floating point"},
    {6, 8, "8-byte IEEE floating point"},
    {7, 3, "3-byte two's complement integer"},
    {8, 1, "1-byte two's complement integer"},
    {9, 8, "8-byte two's complement integer"},
    {10, 4, "4-byte unsigned integer"},
    {11, 2, "2-byte unsigned integer"},
    {12, 8, "8-byte unsigned integer"},
    {15, 3, "3-byte unsigned integer"},
    {16, 1, "1-byte unsigned integer"},
}};

const FormatInfo* findFormat(int code) {
    for (const auto& f : kFormats)
        if (f.code == code)
            return &f;
    return nullptr;
}

// The kernels below are written as plain loops over memcpy'd words so that GCC vectorizes them;
// they are instantiated twice, for the baseline ISA and for AVX2, and picked at run time.

[[gnu::always_inline]] inline std::uint32_t load32(const std::byte* p, bool swap) {
    std::uint32_t u;
    std::memcpy(&u, p, 4);
    return swap ? __builtin_bswap32(u) : u;
}
[[gnu::always_inline]] inline std::uint16_t load16(const std::byte* p, bool swap) {
    std::uint16_t u;
    std::memcpy(&u, p, 2);
    return swap ? __builtin_bswap16(u) : u;
}
[[gnu::always_inline]] inline std::uint64_t load64(const std::byte* p, bool swap) {
    std::uint64_t u;
    std::memcpy(&u, p, 8);
    return swap ? __builtin_bswap64(u) : u;
}

// IBM: value = (-1)^s * m * 2^-24 * 16^(e-64). float(m) * 2^-24 is exact (m < 2^24); the power of
// 16 is applied as two equal powers of two 2^(2e-128), each a normal float, so the first product
// is exact whenever the result can be nonzero and the second rounds once: IEEE round-to-nearest of
// the true value, overflow to inf and gradual underflow included. e == 0 (2^-256) is clamped to
// 2^-252 per factor-pair; both round to zero.
[[gnu::always_inline]] inline float ibmWordToFloat(std::uint32_t v) {
    const std::uint32_t sign = v & 0x80000000u;
    const std::int32_t e = static_cast<std::int32_t>((v >> 24) & 0x7fu);
    const std::int32_t m = static_cast<std::int32_t>(v & 0x00ffffffu);
    std::int32_t a = 2 * e - 128;
    a = a < -126 ? -126 : a;
    const float scale = std::bit_cast<float>(static_cast<std::uint32_t>(a + 127) << 23);
    const float f = static_cast<float>(m) * 0x1p-24f;
    const float r = (f * scale) * scale;
    return std::bit_cast<float>(std::bit_cast<std::uint32_t>(r) | sign);
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeIbm(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = ibmWordToFloat(load32(src + 4 * i, Swap));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeIeee32(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = std::bit_cast<float>(load32(src + 4 * i, Swap));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeInt32(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(static_cast<std::int32_t>(load32(src + 4 * i, Swap)));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeUInt32(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(load32(src + 4 * i, Swap));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeInt16(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(static_cast<std::int16_t>(load16(src + 2 * i, Swap)));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeUInt16(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(load16(src + 2 * i, Swap));
}

[[gnu::always_inline]] inline void decodeInt8(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(static_cast<std::int8_t>(src[i]));
}

[[gnu::always_inline]] inline void decodeUInt8(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(static_cast<std::uint8_t>(src[i]));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeIeee64(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(std::bit_cast<double>(load64(src + 8 * i, Swap)));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeInt64(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(static_cast<std::int64_t>(load64(src + 8 * i, Swap)));
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeUInt64(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dst[i] = static_cast<float>(load64(src + 8 * i, Swap));
}

template <bool Big, bool Signed>
[[gnu::always_inline]] inline void decode24(const std::byte* src, float* dst, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const auto* p = reinterpret_cast<const std::uint8_t*>(src + 3 * i);
        std::uint32_t u = Big ? (std::uint32_t(p[0]) << 16 | std::uint32_t(p[1]) << 8 | p[2])
                              : (std::uint32_t(p[2]) << 16 | std::uint32_t(p[1]) << 8 | p[0]);
        if constexpr (Signed)
            dst[i] = static_cast<float>(static_cast<std::int32_t>(u << 8) >> 8);
        else
            dst[i] = static_cast<float>(u);
    }
}

template <bool Swap>
[[gnu::always_inline]] inline void decodeFixedGain(const std::byte* src, float* dst,
                                                   std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t w = load32(src + 4 * i, Swap);
        const int gain = static_cast<int>((w >> 16) & 0xffu);
        const auto mantissa = static_cast<std::int16_t>(w & 0xffffu);
        dst[i] = std::ldexp(static_cast<float>(mantissa), -gain);
    }
}

// `swap` is true when the file's byte order differs from the (little-endian) host.
[[gnu::always_inline]] inline void decodeAny(SampleFormat format, bool swap, const std::byte* src,
                                             float* dst, std::size_t n) {
    switch (format) {
    case SampleFormat::IbmFloat32:
        return swap ? decodeIbm<true>(src, dst, n) : decodeIbm<false>(src, dst, n);
    case SampleFormat::Int32:
        return swap ? decodeInt32<true>(src, dst, n) : decodeInt32<false>(src, dst, n);
    case SampleFormat::Int16:
        return swap ? decodeInt16<true>(src, dst, n) : decodeInt16<false>(src, dst, n);
    case SampleFormat::FixedPointGain32:
        return swap ? decodeFixedGain<true>(src, dst, n) : decodeFixedGain<false>(src, dst, n);
    case SampleFormat::IeeeFloat32:
        return swap ? decodeIeee32<true>(src, dst, n) : decodeIeee32<false>(src, dst, n);
    case SampleFormat::IeeeFloat64:
        return swap ? decodeIeee64<true>(src, dst, n) : decodeIeee64<false>(src, dst, n);
    case SampleFormat::Int24:
        return swap ? decode24<true, true>(src, dst, n) : decode24<false, true>(src, dst, n);
    case SampleFormat::Int8:
        return decodeInt8(src, dst, n);
    case SampleFormat::Int64:
        return swap ? decodeInt64<true>(src, dst, n) : decodeInt64<false>(src, dst, n);
    case SampleFormat::UInt32:
        return swap ? decodeUInt32<true>(src, dst, n) : decodeUInt32<false>(src, dst, n);
    case SampleFormat::UInt16:
        return swap ? decodeUInt16<true>(src, dst, n) : decodeUInt16<false>(src, dst, n);
    case SampleFormat::UInt64:
        return swap ? decodeUInt64<true>(src, dst, n) : decodeUInt64<false>(src, dst, n);
    case SampleFormat::UInt24:
        return swap ? decode24<true, false>(src, dst, n) : decode24<false, false>(src, dst, n);
    case SampleFormat::UInt8:
        return decodeUInt8(src, dst, n);
    }
}

void decodeBaseline(SampleFormat format, bool swap, const std::byte* src, float* dst,
                    std::size_t n) {
    decodeAny(format, swap, src, dst, n);
}

#if defined(__x86_64__)
[[gnu::target("avx2,fma")]] void decodeAvx2(SampleFormat format, bool swap, const std::byte* src,
                                            float* dst, std::size_t n) {
    decodeAny(format, swap, src, dst, n);
}

bool hasAvx2() {
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
}
#endif

} // namespace

std::optional<SampleFormat> sampleFormatFromCode(int code) {
    if (findFormat(code))
        return static_cast<SampleFormat>(code);
    return std::nullopt;
}

int bytesPerSample(SampleFormat format) {
    return findFormat(static_cast<int>(format))->bytes;
}

QString sampleFormatName(SampleFormat format) {
    return QString::fromLatin1(findFormat(static_cast<int>(format))->name);
}

QString supportedFormatCodes() {
    QStringList codes;
    for (const auto& f : kFormats)
        codes << QString::number(f.code);
    return codes.join(QStringLiteral(", "));
}

void decodeSamples(SampleFormat format, ByteOrder order, const std::byte* src, float* dst,
                   std::size_t count) {
    const bool swap = order == ByteOrder::Big;
#if defined(__x86_64__)
    if (hasAvx2())
        return decodeAvx2(format, swap, src, dst, count);
#endif
    decodeBaseline(format, swap, src, dst, count);
}

void decodeSamplesScalar(SampleFormat format, ByteOrder order, const std::byte* src, float* dst,
                         std::size_t count) {
    decodeBaseline(format, order == ByteOrder::Big, src, dst, count);
}

float ibmToFloat(std::uint32_t ibm) {
    return ibmWordToFloat(ibm);
}

std::uint32_t floatToIbm(float value) {
    if (std::isnan(value))
        return 0;
    const std::uint32_t sign = std::signbit(value) ? 0x80000000u : 0u;
    if (value == 0.0f)
        return sign; // -0 keeps its sign (0x80000000), as segyio writes it
    if (std::isinf(value))
        return sign | 0x7fffffffu;
    const double a = std::fabs(static_cast<double>(value));
    int e2 = 0;
    std::frexp(a, &e2); // a = f * 2^e2, f in [0.5, 1)
    // Choose e16 with a / 16^e16 in [1/16, 1).
    int e16 = e2 >= 0 ? (e2 + 3) / 4 : -((-e2) / 4);
    double frac = std::ldexp(a, -4 * e16);
    while (frac >= 1.0) {
        ++e16;
        frac /= 16.0;
    }
    while (frac < 1.0 / 16.0) {
        --e16;
        frac *= 16.0;
    }
    // Exact in double (24 significant bits); nearbyint rounds to nearest, ties to even (the
    // default rounding mode). A float32's mantissa never rounds up to 2^24 here (see
    // sampleencoder.h); the renormalisation is kept for safety.
    auto mant = static_cast<std::uint64_t>(std::nearbyint(std::ldexp(frac, 24)));
    if (mant >= (1u << 24)) {
        mant >>= 4;
        ++e16;
    }
    const int biased = e16 + 64;
    if (biased > 127)
        return sign | 0x7fffffffu;
    if (biased < 0)
        return 0;
    return sign | (static_cast<std::uint32_t>(biased) << 24) | static_cast<std::uint32_t>(mant);
}

} // namespace seis
