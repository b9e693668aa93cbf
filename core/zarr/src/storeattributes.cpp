#include "storeattributes.h"

#include "seis/base/error.h"
#include "seis/stats/amplitudestatistics.h"

#include <QByteArray>
#include <cmath>

namespace seis::zarr {

namespace {

using nlohmann::json;

std::string base64(const QByteArray& bytes) {
    return bytes.toBase64().toStdString();
}

std::string str(const QString& s) {
    return s.toStdString();
}

json number(double v) {
    return std::isfinite(v) ? json(v) : json(nullptr);
}

QByteArray fromBase64(const json& attrs, const char* key, const QString& where) {
    if (!attrs.contains(key))
        return {};
    const json& v = attrs[key];
    if (!v.is_string())
        throw FormatError(where, QStringLiteral("root attribute %1 is not a string; expected "
                                                "base64 text")
                                     .arg(QLatin1String(key)));
    const auto r = QByteArray::fromBase64Encoding(QByteArray::fromStdString(v.get<std::string>()),
                                                  QByteArray::AbortOnBase64DecodingErrors);
    if (!r)
        throw FormatError(
            where, QStringLiteral("root attribute %1 is not valid base64").arg(QLatin1String(key)));
    return *r;
}

} // namespace

json rootAttributes(const OutputLayout& layout, const std::optional<SourceFileHeaders>& headers,
                    const AmplitudeStatistics& s) {
    const char* order = layout.headerByteOrder == ByteOrder::Little ? "little" : "big";
    json attrs = {{"sample_interval_us", layout.sampleIntervalUs},
                  {"start_time_ms", layout.startTimeMs},
                  {"seisview_layout", kLayoutVersion}};
    json source = {{"byte_order", order}};
    if (headers) {
        attrs["text_header"] = str(headers->textDecoded);
        attrs["text_header_raw"] = base64(headers->text);
        attrs["binary_header_raw"] = base64(headers->binary);
        attrs["extended_text_headers_raw"] = base64(headers->extendedText);
        json extended = json::array();
        for (const QString& e : headers->extendedDecoded)
            extended.push_back(str(e));
        attrs["extended_text_headers"] = extended;
        json binary = json::object();
        for (const auto& [name, value] : headers->binaryFields)
            binary[str(name)] = value;
        attrs["binary_header"] = binary;
        source["path"] = str(headers->path);
        source["size"] = headers->size;
        source["modified"] = str(headers->modified);
        source["format"] = headers->formatCode;
        source["format_name"] = str(headers->formatName);
        source["byte_order"] = headers->byteOrder == ByteOrder::Little ? "little" : "big";
        source["revision"] = QStringLiteral("%1.%2")
                                 .arg(headers->revisionMajor)
                                 .arg(headers->revisionMinor)
                                 .toStdString();
        source["text_encoding"] = str(headers->textEncoding);
    }
    attrs["source"] = source;
    json percentiles = json::object();
    for (const double p : kStoredPercentiles)
        percentiles[QString::number(p).toStdString()] =
            number(s.finiteCount() > 0 ? double(s.absPercentile(p)) : NAN);
    attrs["statistics"] = {{"count", s.count},     {"non_finite", s.nonFinite},
                           {"zeros", s.zeros},     {"min", number(s.min)},
                           {"max", number(s.max)}, {"mean", number(s.mean)},
                           {"rms", number(s.rms)}, {"abs_percentiles", percentiles}};
    return attrs;
}

std::optional<SourceFileHeaders> fileHeadersFromAttributes(const json& attrs,
                                                           const QString& where) {
    if (!attrs.is_object() || !attrs.contains("binary_header_raw"))
        return std::nullopt;
    try {
        SourceFileHeaders h;
        h.text = fromBase64(attrs, "text_header_raw", where);
        h.binary = fromBase64(attrs, "binary_header_raw", where);
        h.extendedText = fromBase64(attrs, "extended_text_headers_raw", where);
        h.textDecoded = QString::fromStdString(attrs.value("text_header", std::string()));
        for (const json& e : attrs.value("extended_text_headers", json::array()))
            h.extendedDecoded << QString::fromStdString(e.get<std::string>());
        const json binary = attrs.value("binary_header", json::object());
        for (const auto& [name, value] : binary.items())
            h.binaryFields.emplace_back(QString::fromStdString(name), value.get<qint64>());
        const json source = attrs.value("source", json::object());
        h.path = QString::fromStdString(source.value("path", std::string()));
        h.size = source.value("size", qint64(0));
        h.modified = QString::fromStdString(source.value("modified", std::string()));
        h.formatCode = source.value("format", 0);
        h.formatName = QString::fromStdString(source.value("format_name", std::string()));
        h.byteOrder = source.value("byte_order", std::string("big")) == "little" ? ByteOrder::Little
                                                                                 : ByteOrder::Big;
        const QStringList revision =
            QString::fromStdString(source.value("revision", std::string("0.0")))
                .split(QLatin1Char('.'));
        h.revisionMajor = revision.value(0).toInt();
        h.revisionMinor = revision.value(1).toInt();
        h.textEncoding = QString::fromStdString(source.value("text_encoding", std::string()));
        return h;
    } catch (const json::exception& e) {
        throw FormatError(where, QStringLiteral("root attributes of the source file are "
                                                "malformed: %1")
                                     .arg(QString::fromUtf8(e.what())));
    }
}

} // namespace seis::zarr
