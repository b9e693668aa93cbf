// Trace header fields: the standard rev 1 table and custom fields given by byte and type.
#pragma once

#include "seis/base/fieldtype.h"
#include "seis/base/types.h"

#include <QString>
#include <optional>
#include <span>

namespace seis {

constexpr int kTraceHeaderBytes = 240;

// One field of the 240-byte trace header. `byte` is 1-based (1..240).
struct HeaderField {
    QString name; // the key it was asked for by (a standard name, or the spec text for customs)
    HeaderByte byte;
    FieldType type = FieldType::I4;
    friend bool operator==(const HeaderField&, const HeaderField&) = default;
};

struct StandardTraceField {
    const char* suName;     // Seismic Unix key, e.g. "fldr"
    const char* segyioName; // segyio TraceField name, e.g. "FieldRecord"
    int byte;               // 1-based
    FieldType type;
};

// Every standard rev 1 trace header field, in byte order (iline/xline at 189/193).
std::span<const StandardTraceField> standardTraceFields();

// Looks up a standard field by SU name or segyio name (case-sensitive SU names first, then a
// case-insensitive match on either naming). The returned field's name is the text given.
std::optional<HeaderField> findStandardTraceField(QStringView name);

// Parses a field spec as used on the command line and in mappings:
//   a key name ("cdp", "CDP", "offset"), or a 1-based byte with optional type ("189", "189:i4",
//   "71:i2", "181:u4"; default i4). Throws ArgumentError naming the spec and what was expected
//   (unknown name, byte outside 1..240, field running past byte 240, unknown type).
HeaderField parseHeaderField(const QString& spec);

} // namespace seis
