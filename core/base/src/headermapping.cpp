#include "seis/base/headermapping.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace seis {

HeaderMapping HeaderMapping::standard() {
    HeaderMapping m;
    for (const auto& f : standardTraceFields())
        m.m_fields.push_back(
            HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type});
    return m;
}

void HeaderMapping::set(const QString& name, HeaderField field) {
    if (field.byte.position < 1 ||
        field.byte.position - 1 + fieldTypeSize(field.type) > kTraceHeaderBytes)
        throw ArgumentError(QStringLiteral("header mapping '%1': a %2 field at byte %3 does not "
                                           "fit in the %4-byte trace header")
                                .arg(name, fieldTypeName(field.type),
                                     QString::number(field.byte.position),
                                     QString::number(kTraceHeaderBytes)));
    field.name = name;
    for (auto& f : m_fields) {
        if (f.name == name) {
            f = field;
            return;
        }
    }
    m_fields.push_back(field);
}

bool HeaderMapping::remove(const QString& name) {
    return std::erase_if(m_fields, [&](const HeaderField& f) { return f.name == name; }) > 0;
}

std::optional<HeaderField> HeaderMapping::field(const QString& name) const {
    for (const auto& f : m_fields)
        if (f.name == name)
            return f;
    return std::nullopt;
}

HeaderField HeaderMapping::resolve(const QString& nameOrSpec) const {
    if (auto f = field(nameOrSpec.trimmed()))
        return *f;
    return parseHeaderField(nameOrSpec);
}

QByteArray HeaderMapping::toJson() const {
    QJsonArray fields;
    for (const auto& f : m_fields)
        fields.append(QJsonObject{{QStringLiteral("name"), f.name},
                                  {QStringLiteral("byte"), f.byte.position},
                                  {QStringLiteral("type"), fieldTypeName(f.type)}});
    return QJsonDocument(
               QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("fields"), fields}})
        .toJson(QJsonDocument::Indented);
}

HeaderMapping HeaderMapping::fromJson(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        throw ArgumentError(QStringLiteral("header mapping is not valid JSON at offset %1: %2")
                                .arg(err.offset)
                                .arg(err.errorString()));
    const QJsonObject root = doc.object();
    if (!doc.isObject() || !root.value(QStringLiteral("fields")).isArray())
        throw ArgumentError(QStringLiteral("header mapping: expected an object with a 'fields' "
                                           "array"));
    const int version = root.value(QStringLiteral("version")).toInt(1);
    if (version != 1)
        throw ArgumentError(
            QStringLiteral("header mapping: version %1 is not supported; expected 1").arg(version));
    HeaderMapping m;
    const QJsonArray fields = root.value(QStringLiteral("fields")).toArray();
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QJsonObject o = fields.at(i).toObject();
        const QString name = o.value(QStringLiteral("name")).toString();
        const QJsonValue byte = o.value(QStringLiteral("byte"));
        const QString typeText = o.value(QStringLiteral("type")).toString(QStringLiteral("i4"));
        if (name.isEmpty() || !byte.isDouble())
            throw ArgumentError(QStringLiteral("header mapping: entry %1 needs a 'name' string and "
                                               "a 'byte' number")
                                    .arg(i));
        const auto type = parseFieldType(typeText);
        if (!type)
            throw ArgumentError(QStringLiteral("header mapping: entry '%1' has unknown type '%2'; "
                                               "expected one of i1 u1 i2 u2 i4 u4 i8 u8 f4 f8")
                                    .arg(name, typeText));
        m.set(name, HeaderField{name, HeaderByte{byte.toInt()}, *type});
    }
    return m;
}

void HeaderMapping::save(const QString& path) const {
    try {
        writeOutputFile(path, toJson()); // a temporary file renamed on success, every write checked
    } catch (const Error& e) {
        throw IoError(path, QStringLiteral("cannot write header mapping: %1").arg(e.detail()));
    }
}

HeaderMapping HeaderMapping::load(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw IoError(path,
                      QStringLiteral("cannot read header mapping: %1").arg(file.errorString()));
    return fromJson(file.readAll());
}

} // namespace seis
