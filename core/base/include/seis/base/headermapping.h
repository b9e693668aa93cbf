// A user-editable mapping from names to trace header fields, saved as JSON.
//
// JSON form (version 1):
//   {"version": 1, "fields": [{"name": "shot", "byte": 9, "type": "i4"}, ...]}
// Names are unique; later entries replace earlier ones with the same name.
#pragma once

#include "seis/base/traceheaderfield.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace seis {

class HeaderMapping {
public:
    HeaderMapping() = default;

    // A mapping holding every standard field under its SU name.
    static HeaderMapping standard();

    // Adds or replaces `name`; `field.name` is set to `name`. Throws ArgumentError if the field
    // does not fit in the 240-byte header.
    void set(const QString& name, HeaderField field);
    bool remove(const QString& name);
    std::optional<HeaderField> field(const QString& name) const;
    // The field for a name in this mapping, else a standard name, else a byte spec (see
    // parseHeaderField). Throws ArgumentError if none applies.
    HeaderField resolve(const QString& nameOrSpec) const;
    const std::vector<HeaderField>& fields() const { return m_fields; }
    qsizetype size() const { return static_cast<qsizetype>(m_fields.size()); }

    QByteArray toJson() const;
    // Throws ArgumentError describing the first problem (bad JSON, missing key, bad byte/type).
    static HeaderMapping fromJson(const QByteArray& json);

    // File helpers; throw FormatError naming the path on I/O errors, ArgumentError on bad content.
    void save(const QString& path) const;
    static HeaderMapping load(const QString& path);

    friend bool operator==(const HeaderMapping&, const HeaderMapping&) = default;

private:
    std::vector<HeaderField> m_fields;
};

} // namespace seis
