#include "seis/processing/flowentry.h"

#include "seis/base/error.h"

#include <cmath>

namespace seis {

namespace {

bool finiteNumber(const nlohmann::ordered_json& v) {
    return v.is_number() && std::isfinite(v.get<double>());
}

} // namespace

FlowEntry::FlowEntry(const nlohmann::ordered_json& entry, QString step)
    : m_entry(entry)
    , m_step(std::move(step)) {
    m_read.insert("step");
    m_read.insert("enabled"); // flow.h: read by the flow, not the step
}

bool FlowEntry::has(const char* key) const {
    return m_entry.contains(key);
}

void FlowEntry::fail(const char* key, const QString& expected) const {
    const QString shown = m_entry.contains(key) ? QString::fromStdString(m_entry.at(key).dump())
                                                : QStringLiteral("missing");
    throw ArgumentError(
        QStringLiteral("%1: %2 %3; expected %4").arg(m_step, QLatin1String(key), shown, expected));
}

const nlohmann::ordered_json& FlowEntry::value(const char* key) {
    m_read.insert(key);
    return m_entry.at(key);
}

double FlowEntry::number(const char* key) {
    if (!has(key) || !finiteNumber(m_entry.at(key)))
        fail(key, QStringLiteral("a number"));
    return value(key).get<double>();
}

std::optional<double> FlowEntry::optionalNumber(const char* key) {
    if (!has(key))
        return std::nullopt;
    return number(key);
}

qint64 FlowEntry::integer(const char* key, qint64 min, qint64 max) {
    const double v = number(key);
    if (v != std::floor(v) || v < double(min) || v > double(max))
        fail(key, QStringLiteral("an integer from %1 to %2").arg(min).arg(max));
    return qint64(v);
}

std::optional<qint64> FlowEntry::optionalInteger(const char* key, qint64 min, qint64 max) {
    if (!has(key))
        return std::nullopt;
    return integer(key, min, max);
}

bool FlowEntry::boolean(const char* key, bool fallback) {
    if (!has(key))
        return fallback;
    if (!m_entry.at(key).is_boolean())
        fail(key, QStringLiteral("true or false"));
    return value(key).get<bool>();
}

QString FlowEntry::string(const char* key, const QString& fallback) {
    if (!has(key))
        return fallback;
    if (!m_entry.at(key).is_string())
        fail(key, QStringLiteral("a string"));
    return QString::fromStdString(value(key).get<std::string>());
}

std::vector<double> FlowEntry::numbers(const char* key, int size) {
    const QString expected = size < 0 ? QStringLiteral("an array of numbers")
                                      : QStringLiteral("an array of %1 numbers").arg(size);
    if (!has(key) || !m_entry.at(key).is_array())
        fail(key, expected);
    const auto& a = m_entry.at(key);
    if (size >= 0 && a.size() != std::size_t(size))
        fail(key, expected);
    std::vector<double> out;
    for (const auto& v : a) {
        if (!finiteNumber(v))
            fail(key, expected);
        out.push_back(v.get<double>());
    }
    m_read.insert(key);
    return out;
}

std::optional<std::vector<double>> FlowEntry::optionalNumbers(const char* key, int size) {
    if (!has(key))
        return std::nullopt;
    return numbers(key, size);
}

std::vector<std::pair<double, double>> FlowEntry::pairs(const char* key) {
    const QString expected = QStringLiteral("an array of [a, b] pairs of numbers");
    if (!has(key) || !m_entry.at(key).is_array())
        fail(key, expected);
    std::vector<std::pair<double, double>> out;
    for (const auto& p : m_entry.at(key)) {
        if (!p.is_array() || p.size() != 2 || !finiteNumber(p[0]) || !finiteNumber(p[1]))
            fail(key, expected);
        out.emplace_back(p[0].get<double>(), p[1].get<double>());
    }
    m_read.insert(key);
    return out;
}

void FlowEntry::finish() const {
    for (const auto& [key, v] : m_entry.items())
        if (!m_read.count(key))
            throw ArgumentError(
                QStringLiteral("%1: unknown key \"%2\"").arg(m_step, QString::fromStdString(key)));
}

} // namespace seis
