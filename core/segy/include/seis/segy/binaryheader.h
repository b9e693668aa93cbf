// The 400-byte SEG-Y binary file header (file bytes 3201-3600): every rev 1 and rev 2 field, named.
#pragma once

#include "seis/base/fieldtype.h"
#include "seis/base/types.h"

#include <QJsonObject>
#include <QString>
#include <array>
#include <cstddef>
#include <optional>
#include <span>

namespace seis {

constexpr std::size_t kBinaryHeaderBytes = 400;
constexpr qint64 kBinaryHeaderOffset = 3200; // 0-based file offset
// The value of the rev 2 byte-order word (bytes 3297-3300) read in the file's own byte order.
constexpr quint32 kByteOrderMagic = 0x01020304u;

struct BinaryHeaderField {
    const char* name; // short key, e.g. "hns" (Seismic Unix names where SU has one)
    int byte;         // 1-based file byte position, e.g. 3221
    FieldType type;
    const char* description; // as in the standard
};

// All named fields, in byte order.
std::span<const BinaryHeaderField> binaryHeaderFields();
const BinaryHeaderField* findBinaryHeaderField(QStringView name);

// A copy of the binary header bytes plus the byte order used to interpret them. Cheap to copy.
class BinaryHeader {
public:
    BinaryHeader() = default;
    BinaryHeader(const std::byte* bytes, ByteOrder order);

    ByteOrder byteOrder() const { return m_order; }
    const std::byte* bytes() const { return m_bytes.data(); }

    // Integer value of a named field; throws ArgumentError for an unknown name.
    qint64 value(QStringView name) const;
    double doubleValue(QStringView name) const;
    qint64 value(const BinaryHeaderField& field) const;
    double doubleValue(const BinaryHeaderField& field) const;

    // Every named field; integers as JSON numbers, the rev 2 doubles as numbers.
    QJsonObject toJson() const;

private:
    std::array<std::byte, kBinaryHeaderBytes> m_bytes{};
    ByteOrder m_order = ByteOrder::Big;
};

} // namespace seis
