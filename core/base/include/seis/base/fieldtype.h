// Binary integer/float types of header fields and how to read them from raw bytes.
#pragma once

#include "seis/base/types.h"

#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <utility>

namespace seis {

// Types a header field may have. Names as written in field specs: i1 u1 i2 u2 i4 u4 i8 u8 f4 f8.
enum class FieldType { I1, U1, I2, U2, I4, U4, I8, U8, F4, F8 };

int fieldTypeSize(FieldType type);
bool isFloatType(FieldType type);
QString fieldTypeName(FieldType type);
// "i4" -> I4; nullopt for anything else (case-insensitive).
std::optional<FieldType> parseFieldType(QStringView text);

namespace detail {
template <class T> inline T loadAs(const std::byte* p, ByteOrder order) {
    using U = std::conditional_t<
        sizeof(T) == 1, std::uint8_t,
        std::conditional_t<sizeof(T) == 2, std::uint16_t,
                           std::conditional_t<sizeof(T) == 4, std::uint32_t, std::uint64_t>>>;
    U u;
    std::memcpy(&u, p, sizeof(U));
    // The host is little-endian (x86-64, aarch64); SEG-Y's native order is big-endian.
    if (order == ByteOrder::Big) {
        if constexpr (sizeof(U) == 2)
            u = __builtin_bswap16(u);
        else if constexpr (sizeof(U) == 4)
            u = __builtin_bswap32(u);
        else if constexpr (sizeof(U) == 8)
            u = __builtin_bswap64(u);
    }
    T t;
    std::memcpy(&t, &u, sizeof(T));
    return t;
}
} // namespace detail

namespace detail {
// Float to integer without undefined behaviour: truncates toward zero, NaN becomes 0 and values
// beyond the int64 range saturate.
inline qint64 saturatingInt(double v) {
    if (!(v == v))
        return 0;
    if (v >= 9.2233720368547758e18)
        return std::numeric_limits<qint64>::max();
    if (v <= -9.2233720368547758e18)
        return std::numeric_limits<qint64>::min();
    return static_cast<qint64>(v);
}
} // namespace detail

namespace detail {
// Stores `value` as a field of `type` at `p` in `order`: integers keep their low bytes (two's
// complement, as a cast), floats take the value converted.
inline void storeIntField(std::byte* p, FieldType type, ByteOrder order, qint64 value) {
    auto put = [&](auto v) {
        std::byte bytes[sizeof(v)];
        std::memcpy(bytes, &v, sizeof(v));
        if (order == ByteOrder::Big && sizeof(v) > 1)
            for (std::size_t i = 0; i < sizeof(v) / 2; ++i)
                std::swap(bytes[i], bytes[sizeof(v) - 1 - i]);
        std::memcpy(p, bytes, sizeof(v));
    };
    switch (type) {
    case FieldType::I1:
    case FieldType::U1:
        return put(static_cast<std::uint8_t>(value));
    case FieldType::I2:
    case FieldType::U2:
        return put(static_cast<std::uint16_t>(value));
    case FieldType::I4:
    case FieldType::U4:
        return put(static_cast<std::uint32_t>(value));
    case FieldType::I8:
    case FieldType::U8:
        return put(static_cast<std::uint64_t>(value));
    case FieldType::F4:
        return put(static_cast<float>(value));
    case FieldType::F8:
        return put(static_cast<double>(value));
    }
}
} // namespace detail

// Reads one integer field; u8 values above INT64_MAX wrap (documented: no SEG-Y field uses them).
// Float types are truncated toward zero (NaN -> 0, saturating); use readFloatField for them.
inline qint64 readIntField(const std::byte* p, FieldType type, ByteOrder order) {
    using detail::loadAs;
    switch (type) {
    case FieldType::I1:
        return loadAs<std::int8_t>(p, order);
    case FieldType::U1:
        return loadAs<std::uint8_t>(p, order);
    case FieldType::I2:
        return loadAs<std::int16_t>(p, order);
    case FieldType::U2:
        return loadAs<std::uint16_t>(p, order);
    case FieldType::I4:
        return loadAs<std::int32_t>(p, order);
    case FieldType::U4:
        return loadAs<std::uint32_t>(p, order);
    case FieldType::I8:
        return loadAs<std::int64_t>(p, order);
    case FieldType::U8:
        return static_cast<qint64>(loadAs<std::uint64_t>(p, order));
    case FieldType::F4:
        return detail::saturatingInt(loadAs<float>(p, order));
    case FieldType::F8:
        return detail::saturatingInt(loadAs<double>(p, order));
    }
    return 0;
}

inline double readFloatField(const std::byte* p, FieldType type, ByteOrder order) {
    if (type == FieldType::F4)
        return detail::loadAs<float>(p, order);
    if (type == FieldType::F8)
        return detail::loadAs<double>(p, order);
    return static_cast<double>(readIntField(p, type, order));
}

} // namespace seis
