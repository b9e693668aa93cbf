#include "seis/processing/pickmutestep.h"

#include "seis/base/error.h"

#include <cmath>
#include <map>

namespace seis {

PickMuteStep::PickMuteStep(QString picksPath, const PickSet& picks, HeaderField key, bool absolute,
                           MuteStep::Mode mode, double taperMs, double shiftMs)
    : m_path(std::move(picksPath))
    , m_key(std::move(key))
    , m_absolute(absolute)
    , m_mode(mode)
    , m_taperMs(taperMs)
    , m_shiftMs(shiftMs) {
    const qsizetype column = picks.indexOf(m_key.name);
    if (column < 0)
        throw ArgumentError(QStringLiteral("pickmute: key %1 is not a column of %2 (columns: %3); "
                                           "expected one of them")
                                .arg(m_key.name, m_path, picks.keys().join(QLatin1Char(','))));
    if (picks.empty())
        throw ArgumentError(
            QStringLiteral("pickmute: %1 holds no picks; expected at least one").arg(m_path));
    if (!(m_taperMs >= 0.0) || !std::isfinite(m_taperMs))
        throw ArgumentError(QStringLiteral("pickmute: taper_ms %1; expected >= 0").arg(m_taperMs));
    if (!std::isfinite(m_shiftMs))
        throw ArgumentError(
            QStringLiteral("pickmute: shift_ms %1; expected a finite number").arg(m_shiftMs));
    // Picks of equal key value give one point at their mean time.
    std::map<double, std::pair<double, qint64>> sums;
    for (const auto& [k, time] : picks.picks()) {
        const double v = double(k[std::size_t(column)]);
        auto& [sum, count] = sums[m_absolute ? std::fabs(v) : v];
        sum += time;
        ++count;
    }
    for (const auto& [v, s] : sums)
        m_points.emplace_back(v, s.first / double(s.second) + m_shiftMs);
}

std::shared_ptr<const ProcessingStep> PickMuteStep::fromFlow(FlowEntry& entry) {
    if (!entry.has("picks"))
        entry.fail("picks", QStringLiteral("the path of a pick file (CSV)"));
    const QString path = entry.string("picks", {});
    if (path.isEmpty())
        entry.fail("picks", QStringLiteral("the path of a pick file (CSV)"));
    const QString keyText = entry.string("key", QStringLiteral("offset"));
    HeaderField key;
    try {
        key = parseHeaderField(keyText);
    } catch (const ArgumentError& e) {
        entry.fail("key", QStringLiteral("a trace header key (%1)").arg(e.detail()));
    }
    const bool absolute = entry.boolean("absolute", true);
    const QString modeText = entry.string("mode", QStringLiteral("top"));
    MuteStep::Mode mode = MuteStep::Mode::Top;
    if (modeText == QLatin1String("bottom"))
        mode = MuteStep::Mode::Bottom;
    else if (modeText != QLatin1String("top"))
        entry.fail("mode", QStringLiteral("\"top\" or \"bottom\""));
    const double taper = entry.optionalNumber("taper_ms").value_or(0.0);
    if (taper < 0.0)
        entry.fail("taper_ms", QStringLiteral("a length >= 0 ms"));
    const double shift = entry.optionalNumber("shift_ms").value_or(0.0);
    PickSet picks;
    try {
        picks = PickSet::load(path);
    } catch (const Error& e) {
        throw ArgumentError(QStringLiteral("pickmute: picks %1").arg(QString::fromUtf8(e.what())));
    }
    return std::make_shared<const PickMuteStep>(path, picks, key, absolute, mode, taper, shift);
}

QString PickMuteStep::name() const {
    return QStringLiteral("pickmute");
}

nlohmann::ordered_json PickMuteStep::toJson() const {
    return {{"step", "pickmute"},
            {"picks", m_path.toStdString()},
            {"key", m_key.name.toStdString()},
            {"absolute", m_absolute},
            {"mode", m_mode == MuteStep::Mode::Top ? "top" : "bottom"},
            {"taper_ms", m_taperMs},
            {"shift_ms", m_shiftMs}};
}

void PickMuteStep::check(const ProcessingContext& context) const {
    if (!context.headers)
        throw ArgumentError(
            QStringLiteral("pickmute: key %1 needs the trace headers (expected data with headers)")
                .arg(m_key.name));
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(QStringLiteral("pickmute: sample interval %1 us (expected > 0)")
                                .arg(context.sampleIntervalUs));
}

void PickMuteStep::apply(float* data, qint64 traces, qint64 samples,
                         const ProcessingContext& context) const {
    check(context);
    const double dtMs = context.sampleIntervalUs / 1000.0;
    const auto taper = qint64(std::llround(m_taperMs / dtMs));
    // The points are already |key| when absolute; MuteStep takes |header value| the same way.
    MuteStep(m_mode, m_key, m_absolute, m_points, taper).apply(data, traces, samples, context);
}

} // namespace seis
