#include "seis/processing/mutestep.h"

#include "seis/base/error.h"
#include "seis/base/fieldtype.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace seis {

MuteStep::MuteStep(Mode mode, HeaderField key, bool absolute,
                   std::vector<std::pair<double, double>> points, qint64 taperSamples)
    : m_mode(mode)
    , m_key(std::move(key))
    , m_absolute(absolute)
    , m_points(std::move(points))
    , m_taper(taperSamples) {
    if (m_points.empty())
        throw ArgumentError(QStringLiteral("mute: no points (expected at least one [key, ms])"));
    std::sort(m_points.begin(), m_points.end());
    for (std::size_t i = 0; i < m_points.size(); ++i) {
        const auto& [k, t] = m_points[i];
        if (!std::isfinite(k) || !std::isfinite(t))
            throw ArgumentError(
                QStringLiteral("mute: point [%1, %2] (expected finite numbers)").arg(k).arg(t));
        if (i > 0 && m_points[i - 1].first == k)
            throw ArgumentError(
                QStringLiteral("mute: key value %1 given twice (expected distinct key values)")
                    .arg(k));
    }
    if (m_taper < 0)
        throw ArgumentError(QStringLiteral("mute: taper_samples %1 (expected >= 0)").arg(m_taper));
}

std::shared_ptr<const ProcessingStep> MuteStep::fromFlow(FlowEntry& entry) {
    const QString modeText = entry.string("mode", QStringLiteral("top"));
    Mode mode = Mode::Top;
    if (modeText == QLatin1String("bottom"))
        mode = Mode::Bottom;
    else if (modeText != QLatin1String("top"))
        entry.fail("mode", QStringLiteral("\"top\" or \"bottom\""));
    const QString keyText = entry.string("key", QStringLiteral("offset"));
    HeaderField key;
    try {
        key = parseHeaderField(keyText);
    } catch (const ArgumentError& e) {
        entry.fail("key",
                   QStringLiteral("a trace header key (%1)").arg(QString::fromUtf8(e.what())));
    }
    const bool absolute = entry.boolean("absolute", true);
    const auto points = entry.pairs("points");
    if (points.empty())
        entry.fail("points", QStringLiteral("at least one [key value, time ms] pair"));
    for (std::size_t i = 0; i < points.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
            if (points[i].first == points[j].first)
                entry.fail("points", QStringLiteral("distinct key values"));
    const qint64 taper = entry.optionalInteger("taper_samples", 0, qint64(1) << 40).value_or(0);
    return std::make_shared<const MuteStep>(mode, key, absolute, points, taper);
}

double MuteStep::muteTimeMs(double keyValue) const {
    const double v = m_absolute ? std::fabs(keyValue) : keyValue;
    if (v <= m_points.front().first)
        return m_points.front().second;
    if (v >= m_points.back().first)
        return m_points.back().second;
    const auto hi = std::upper_bound(m_points.begin(), m_points.end(), v,
                                     [](double x, const auto& p) { return x < p.first; });
    const auto lo = hi - 1;
    const double f = (v - lo->first) / (hi->first - lo->first);
    return lo->second + f * (hi->second - lo->second);
}

QString MuteStep::name() const {
    return QStringLiteral("mute");
}

nlohmann::ordered_json MuteStep::toJson() const {
    nlohmann::ordered_json points = nlohmann::ordered_json::array();
    for (const auto& [k, t] : m_points)
        points.push_back({k, t});
    return {{"step", "mute"},
            {"mode", m_mode == Mode::Top ? "top" : "bottom"},
            {"key", m_key.name.toStdString()},
            {"absolute", m_absolute},
            {"points", points},
            {"taper_samples", m_taper}};
}

void MuteStep::check(const ProcessingContext& context) const {
    if (!context.headers)
        throw ArgumentError(
            QStringLiteral("mute: key %1 needs the trace headers (expected data with headers)")
                .arg(m_key.name));
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(QStringLiteral("mute: sample interval %1 us (expected > 0)")
                                .arg(context.sampleIntervalUs));
}

void MuteStep::apply(float* data, qint64 traces, qint64 samples,
                     const ProcessingContext& context) const {
    check(context);
    const double dtMs = context.sampleIntervalUs / 1000.0;
    const int offset = m_key.byte.position - 1;
    const bool isFloat = isFloatType(m_key.type);
    for (qint64 t = 0; t < traces; ++t) {
        const std::byte* h = context.headers + t * kTraceHeaderBytes + offset;
        const double key = isFloat ? readFloatField(h, m_key.type, context.headerByteOrder)
                                   : double(readIntField(h, m_key.type, context.headerByteOrder));
        const double tm = muteTimeMs(key);
        float* x = data + t * samples;
        auto time = [&](qint64 i) { return context.startTimeMs + double(i) * dtMs; };
        auto taper = [&](qint64 k) {
            const double s = std::sin(std::numbers::pi * double(k + 1) / (2.0 * double(m_taper)));
            return s * s;
        };
        auto scale = [&](qint64 i, double f) {
            if (std::isfinite(x[i]))
                x[i] = float(double(x[i]) * f);
        };
        auto zero = [&](qint64 i) {
            if (std::isfinite(x[i]))
                x[i] = 0.0f;
        };
        if (m_mode == Mode::Top) {
            qint64 first = 0; // first kept sample
            while (first < samples && time(first) < tm)
                ++first;
            for (qint64 i = 0; i < first; ++i)
                zero(i);
            for (qint64 k = 0; k < m_taper && first + k < samples; ++k)
                scale(first + k, taper(k));
        } else {
            qint64 end = samples; // one past the last kept sample
            while (end > 0 && time(end - 1) > tm)
                --end;
            for (qint64 i = end; i < samples; ++i)
                zero(i);
            for (qint64 k = 0; k < m_taper && end - 1 - k >= 0; ++k)
                scale(end - 1 - k, taper(k));
        }
    }
}

} // namespace seis
