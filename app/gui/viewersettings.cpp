#include "viewersettings.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSettings>
#include <QVariant>

#include <cmath>

namespace seis::gui {

namespace {

const QString kGroup = QStringLiteral("headers");
const QString kMappingKey = QStringLiteral("mapping");
const QString kEnsembleKeysKey = QStringLiteral("ensembleKeys");
const QString kLabelKeyKey = QStringLiteral("labelKey");
const QString kCursorKeysKey = QStringLiteral("cursorKeys");
const QString kEnsembleCacheKey = QStringLiteral("ensembleCacheMB");

QString messageOf(const std::exception& e) {
    return QString::fromUtf8(e.what());
}

// `role` names the setting in messages ("ensemble key", "label key", "cursor key").
HeaderField resolveKey(const HeaderMapping& custom, const QString& role, const QString& key) {
    const QString trimmed = key.trimmed();
    if (trimmed.isEmpty())
        throw ArgumentError(QStringLiteral("%1 is empty; expected a header field name or a "
                                           "byte:type spec such as 189:i4")
                                .arg(role));
    try {
        return custom.resolve(key);
    } catch (const ArgumentError& e) {
        QString message = QStringLiteral("%1 '%2' is not a header field name or a byte:type spec "
                                         "such as 189:i4")
                              .arg(role, key);
        if (trimmed.front().isDigit()) // a byte spec gone wrong: say what was wrong with it
            message += QStringLiteral(" (%1)").arg(messageOf(e));
        throw ArgumentError(message);
    }
}

// `value` is how the bound was written (for the message).
void checkCacheBound(qint64 mb, const QString& value) {
    if (mb < 0 || mb > ViewerSettings::kMaxEnsembleCacheMb)
        throw ArgumentError(QStringLiteral("ensemble index cache size %1 MB is out of range; "
                                           "expected a whole number of MB from 0 (store no "
                                           "indexes) to %2")
                                .arg(value)
                                .arg(ViewerSettings::kMaxEnsembleCacheMb));
}

void checkCustomNames(const HeaderMapping& custom) {
    for (const HeaderField& f : custom.fields()) {
        if (f.name.isEmpty())
            throw ArgumentError(QStringLiteral("a custom header field has an empty name; expected "
                                               "a name such as 'shot'"));
        if (f.name != f.name.trimmed())
            throw ArgumentError(QStringLiteral("custom header field name '%1' starts or ends "
                                               "with a space; expected a name without them")
                                    .arg(f.name));
        if (f.name.contains(QLatin1Char(',')))
            throw ArgumentError(QStringLiteral("custom header field name '%1' contains a comma; "
                                               "expected a name without one (keys are listed "
                                               "comma-separated)")
                                    .arg(f.name));
        if (f.name.front().isDigit())
            throw ArgumentError(QStringLiteral("custom header field name '%1' starts with a "
                                               "digit; expected a name starting with a letter "
                                               "(a leading digit reads as a byte position)")
                                    .arg(f.name));
    }
}

// A string list from QSettings: INI files give a one-element list back as a plain string.
std::optional<QStringList> toStringList(const QVariant& value) {
    switch (value.typeId()) {
    case QMetaType::QStringList:
        return value.toStringList();
    case QMetaType::QString:
        return QStringList{value.toString()};
    case QMetaType::QVariantList: {
        QStringList list;
        for (const QVariant& v : value.toList()) {
            if (v.typeId() != QMetaType::QString)
                return std::nullopt;
            list.append(v.toString());
        }
        return list;
    }
    default:
        return std::nullopt;
    }
}

// The JSON member `key` as a string list; nullopt if absent. Throws ArgumentError if present
// but not an array of strings.
std::optional<QStringList> jsonStringList(const QJsonObject& root, const QString& key) {
    const QJsonValue value = root.value(key);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isArray())
        throw ArgumentError(
            QStringLiteral("viewer settings: '%1' must be an array of strings").arg(key));
    QStringList list;
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            throw ArgumentError(QStringLiteral("viewer settings: '%1' entry %2 is not a string; "
                                               "expected an array of strings")
                                    .arg(key)
                                    .arg(i));
        list.append(array.at(i).toString());
    }
    return list;
}

// A JSON value as written in the file, for messages.
QString jsonText(const QJsonValue& value) {
    if (value.isDouble()) // as written: every digit of 1048577, 2.5 as 2.5
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    if (value.isString())
        return QStringLiteral("\"%1\"").arg(value.toString());
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isNull())
        return QStringLiteral("null");
    return value.isArray() ? QStringLiteral("an array") : QStringLiteral("an object");
}

} // namespace

std::vector<HeaderField> ViewerSettings::resolveEnsembleKeys() const {
    if (ensembleKeys.isEmpty() || ensembleKeys.size() > 2)
        throw ArgumentError(QStringLiteral("ensemble keys '%1': %2 keys given; expected one or "
                                           "two, such as 'fldr' or 'fldr,cdp'")
                                .arg(ensembleKeys.join(QLatin1Char(',')))
                                .arg(ensembleKeys.size()));
    std::vector<HeaderField> fields;
    for (const QString& key : ensembleKeys)
        fields.push_back(resolveKey(custom, QStringLiteral("ensemble key"), key));
    return fields;
}

std::vector<HeaderField> ViewerSettings::resolveLabelKeys() const {
    std::vector<HeaderField> fields;
    if (labelKey.trimmed().isEmpty())
        return fields;
    const QStringList keys = labelKey.split(QLatin1Char(','));
    if (keys.size() > kMaxLabelKeys)
        throw ArgumentError(QStringLiteral("label keys '%1': %2 keys given; expected at most %3, "
                                           "such as 'fldr,offset,cdp'")
                                .arg(labelKey)
                                .arg(keys.size())
                                .arg(kMaxLabelKeys));
    for (const QString& key : keys)
        fields.push_back(resolveKey(custom, QStringLiteral("label key"), key.trimmed()));
    return fields;
}

std::optional<HeaderField> ViewerSettings::resolveLabelKey() const {
    const std::vector<HeaderField> keys = resolveLabelKeys();
    if (keys.empty())
        return std::nullopt;
    return keys.front();
}

std::vector<HeaderField> ViewerSettings::resolveCursorKeys() const {
    std::vector<HeaderField> fields;
    for (const QString& key : cursorKeys)
        fields.push_back(resolveKey(custom, QStringLiteral("cursor key"), key));
    return fields;
}

void ViewerSettings::validate() const {
    checkCustomNames(custom);
    checkCacheBound(ensembleCacheMb, QString::number(ensembleCacheMb));
    resolveEnsembleKeys();
    resolveLabelKeys();
    resolveCursorKeys();
}

ViewerSettings ViewerSettings::load(QSettings& settings) {
    ViewerSettings s;
    settings.beginGroup(kGroup);
    const QVariant mapping = settings.value(kMappingKey);
    if (mapping.typeId() == QMetaType::QString || mapping.typeId() == QMetaType::QByteArray) {
        try {
            HeaderMapping custom = HeaderMapping::fromJson(mapping.toString().toUtf8());
            checkCustomNames(custom);
            s.custom = std::move(custom);
        } catch (const ArgumentError&) {
            // dropped: the default (no custom fields) stays
        }
    }
    // Each value is tried on its own against the loaded mapping; one that fails keeps its default.
    if (auto keys = toStringList(settings.value(kEnsembleKeysKey))) {
        ViewerSettings probe = s;
        probe.ensembleKeys = *keys;
        try {
            probe.resolveEnsembleKeys();
            s.ensembleKeys = *keys;
        } catch (const ArgumentError&) {
        }
    }
    const QVariant label = settings.value(kLabelKeyKey);
    if (label.typeId() == QMetaType::QString) {
        ViewerSettings probe = s;
        probe.labelKey = label.toString();
        try {
            probe.resolveLabelKeys();
            s.labelKey = probe.labelKey;
        } catch (const ArgumentError&) {
        }
    }
    const QVariant cursor = settings.value(kCursorKeysKey);
    std::optional<QStringList> cursorKeys = toStringList(cursor);
    // An empty list is stored by QSettings as an invalid value, which then reads as absent.
    if (!cursorKeys && settings.contains(kCursorKeysKey) && !cursor.isValid())
        cursorKeys = QStringList{};
    if (cursorKeys) {
        ViewerSettings probe = s;
        probe.cursorKeys = *cursorKeys;
        try {
            probe.resolveCursorKeys();
            s.cursorKeys = *cursorKeys;
        } catch (const ArgumentError&) {
        }
    }
    // INI files give numbers back as strings: anything but a whole number in range is ignored.
    const QVariant cache = settings.value(kEnsembleCacheKey);
    if (cache.isValid()) {
        bool ok = false;
        const qint64 mb = cache.toString().trimmed().toLongLong(&ok);
        if (ok && mb >= 0 && mb <= kMaxEnsembleCacheMb)
            s.ensembleCacheMb = mb;
    }
    settings.endGroup();
    return s;
}

void ViewerSettings::save(QSettings& settings) const {
    settings.beginGroup(kGroup);
    settings.setValue(kMappingKey, QString::fromUtf8(custom.toJson()));
    settings.setValue(kEnsembleKeysKey, ensembleKeys);
    settings.setValue(kLabelKeyKey, labelKey);
    settings.setValue(kCursorKeysKey, cursorKeys);
    settings.setValue(kEnsembleCacheKey, ensembleCacheMb);
    settings.endGroup();
}

QByteArray ViewerSettings::toJson() const {
    QJsonArray fields;
    for (const HeaderField& f : custom.fields())
        fields.append(QJsonObject{{QStringLiteral("name"), f.name},
                                  {QStringLiteral("byte"), f.byte.position},
                                  {QStringLiteral("type"), fieldTypeName(f.type)}});
    const QJsonObject root{
        {QStringLiteral("version"), 1},
        {QStringLiteral("ensembleKeys"), QJsonArray::fromStringList(ensembleKeys)},
        {QStringLiteral("labelKey"), labelKey},
        {QStringLiteral("cursorKeys"), QJsonArray::fromStringList(cursorKeys)},
        {kEnsembleCacheKey, ensembleCacheMb},
        {QStringLiteral("fields"), fields},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ViewerSettings ViewerSettings::fromJson(const QByteArray& json) {
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError)
        throw ArgumentError(QStringLiteral("viewer settings are not valid JSON at offset %1: %2")
                                .arg(err.offset)
                                .arg(err.errorString()));
    if (!doc.isObject())
        throw ArgumentError(QStringLiteral("viewer settings: expected a JSON object with a "
                                           "'version' number, found an array"));
    const QJsonObject root = doc.object();
    const QJsonValue version = root.value(QStringLiteral("version"));
    if (version.isUndefined())
        throw ArgumentError(QStringLiteral("viewer settings: 'version' is missing; expected 1"));
    if (!version.isDouble() || version.toDouble() != 1.0)
        throw ArgumentError(QStringLiteral("viewer settings: version %1 is not supported; "
                                           "expected 1")
                                .arg(jsonText(version)));

    ViewerSettings s;
    if (auto keys = jsonStringList(root, QStringLiteral("ensembleKeys")))
        s.ensembleKeys = *keys;
    const QJsonValue label = root.value(QStringLiteral("labelKey"));
    if (!label.isUndefined()) {
        if (!label.isString())
            throw ArgumentError(QStringLiteral("viewer settings: 'labelKey' is %1; expected a "
                                               "string (empty for the trace number)")
                                    .arg(jsonText(label)));
        s.labelKey = label.toString();
    }
    if (auto keys = jsonStringList(root, QStringLiteral("cursorKeys")))
        s.cursorKeys = *keys;
    const QJsonValue cache = root.value(kEnsembleCacheKey);
    if (!cache.isUndefined()) {
        const double mb = cache.toDouble(-1);
        // Exact up to 2^53, far beyond the largest bound; anything else is named as written.
        if (!cache.isDouble() || mb != std::floor(mb) || mb < 0 || mb > kMaxEnsembleCacheMb)
            throw ArgumentError(QStringLiteral("viewer settings: '%1' is %2; expected a whole "
                                               "number of MB from 0 (store no ensemble indexes) "
                                               "to %3")
                                    .arg(kEnsembleCacheKey, jsonText(cache))
                                    .arg(kMaxEnsembleCacheMb));
        s.ensembleCacheMb = static_cast<qint64>(mb);
    }
    const QJsonValue fields = root.value(QStringLiteral("fields"));
    if (!fields.isUndefined()) {
        if (!fields.isArray())
            throw ArgumentError(QStringLiteral("viewer settings: 'fields' is %1; expected an array "
                                               "of {\"name\", \"byte\", \"type\"} objects")
                                    .arg(jsonText(fields)));
        const QJsonObject mapping{{QStringLiteral("version"), 1},
                                  {QStringLiteral("fields"), fields}};
        try {
            s.custom = HeaderMapping::fromJson(QJsonDocument(mapping).toJson());
        } catch (const ArgumentError& e) {
            throw ArgumentError(QStringLiteral("viewer settings: %1").arg(messageOf(e)));
        }
    }
    try {
        s.validate();
    } catch (const ArgumentError& e) {
        throw ArgumentError(QStringLiteral("viewer settings: %1").arg(messageOf(e)));
    }
    return s;
}

void ViewerSettings::exportTo(const QString& path, const QStringList& inputs) const {
    try {
        validate();
    } catch (const ArgumentError& e) {
        throw ArgumentError(QStringLiteral("%1: %2").arg(path, messageOf(e)));
    }
    try {
        writeOutputFile(path, toJson(), {.inputs = inputs});
    } catch (const Error& e) {
        throw IoError(path, QStringLiteral("cannot write viewer settings: %1").arg(e.detail()));
    }
}

ViewerSettings ViewerSettings::importFrom(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw IoError(path,
                      QStringLiteral("cannot read viewer settings: %1").arg(file.errorString()));
    const QByteArray json = file.readAll();
    if (file.error() != QFileDevice::NoError)
        throw IoError(path,
                      QStringLiteral("cannot read viewer settings: %1").arg(file.errorString()));
    try {
        return fromJson(json);
    } catch (const ArgumentError& e) {
        throw ArgumentError(QStringLiteral("%1: %2").arg(path, messageOf(e)));
    }
}

} // namespace seis::gui
