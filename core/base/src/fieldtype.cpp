#include "seis/base/fieldtype.h"

#include <array>

namespace seis {

namespace {
struct TypeInfo {
    FieldType type;
    const char* name;
    int size;
};
constexpr std::array<TypeInfo, 10> kTypes{{{FieldType::I1, "i1", 1},
                                           {FieldType::U1, "u1", 1},
                                           {FieldType::I2, "i2", 2},
                                           {FieldType::U2, "u2", 2},
                                           {FieldType::I4, "i4", 4},
                                           {FieldType::U4, "u4", 4},
                                           {FieldType::I8, "i8", 8},
                                           {FieldType::U8, "u8", 8},
                                           {FieldType::F4, "f4", 4},
                                           {FieldType::F8, "f8", 8}}};
} // namespace

int fieldTypeSize(FieldType type) {
    return kTypes[static_cast<int>(type)].size;
}

bool isFloatType(FieldType type) {
    return type == FieldType::F4 || type == FieldType::F8;
}

QString fieldTypeName(FieldType type) {
    return QString::fromLatin1(kTypes[static_cast<int>(type)].name);
}

std::optional<FieldType> parseFieldType(QStringView text) {
    for (const auto& t : kTypes)
        if (text.compare(QLatin1String(t.name), Qt::CaseInsensitive) == 0)
            return t.type;
    return std::nullopt;
}

} // namespace seis
