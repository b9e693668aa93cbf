// Helpers shared by the tests that compare with libsegyio's C API (the reference reader).
#pragma once

#include "seis/base/fieldtype.h"

#include <QtGlobal>
#include <cstdint>

namespace seis::test {

// segyio returns every header field as int32, 2-byte ones sign-extended; this is the value of a
// field of `type` holding the same bytes.
inline qint64 asType(int32_t v, FieldType type) {
    switch (type) {
    case FieldType::U2:
        return quint16(v);
    case FieldType::I2:
        return qint16(v);
    case FieldType::U4:
        return quint32(v);
    default:
        return v;
    }
}

} // namespace seis::test
