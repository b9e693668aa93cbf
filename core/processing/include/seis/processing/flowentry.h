// Reads one step's entry of a flow (flow.h) with errors that name the step and the value:
// typed getters for the step's keys, then finish() refuses any key the step did not read.
//
//     FlowEntry e(entry, "agc");
//     const double window = e.number("window_ms");
//     e.finish();
//
// Errors: ArgumentError (seis/base/error.h) "<step>: <key> <value>; expected <what>". Not
// thread-safe (a value on the stack of one parse).
#pragma once

#include <QString>
#include <nlohmann/json.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace seis {

class FlowEntry {
public:
    // `entry` must outlive this reader; its "step" key is read already.
    FlowEntry(const nlohmann::ordered_json& entry, QString step);

    const QString& step() const { return m_step; }
    bool has(const char* key) const;
    // A finite number; throws when the key is missing or not a finite number.
    double number(const char* key);
    std::optional<double> optionalNumber(const char* key);
    // An integer (a number without fraction) within [min, max].
    qint64 integer(const char* key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const char* key, qint64 min, qint64 max);
    bool boolean(const char* key, bool fallback);
    QString string(const char* key, const QString& fallback);
    // An array of finite numbers of `size` elements (any size when size < 0).
    std::vector<double> numbers(const char* key, int size);
    std::optional<std::vector<double>> optionalNumbers(const char* key, int size);
    // An array of [a, b] pairs of finite numbers.
    std::vector<std::pair<double, double>> pairs(const char* key);
    // Throws ArgumentError naming the first key the step did not read.
    void finish() const;
    // An ArgumentError for `key` holding a value the step cannot take: "<step>: <key> <value>;
    // expected <expected>".
    [[noreturn]] void fail(const char* key, const QString& expected) const;

private:
    const nlohmann::ordered_json& value(const char* key);
    const nlohmann::ordered_json& m_entry;
    QString m_step;
    std::set<std::string> m_read;
};

} // namespace seis
