#include "sessionstate.h"

#include <QSettings>
#include <cmath>

namespace seis::gui {

namespace {

constexpr auto kGroup = "session";

// A stored number, or `fallback` when it is missing, not a number or fails `valid`.
template <typename T, typename Valid>
T number(const QSettings& s, const char* key, T fallback, Valid valid) {
    const QVariant v = s.value(QLatin1String(key));
    bool ok = false;
    const double d = v.toDouble(&ok);
    if (!ok || !std::isfinite(d) || !valid(d))
        return fallback;
    return static_cast<T>(d);
}

} // namespace

SessionState SessionState::load(QSettings& settings) {
    settings.beginGroup(QLatin1String(kGroup));
    SessionState s;
    s.geometry = settings.value(QStringLiteral("geometry")).toByteArray();
    s.windowState = settings.value(QStringLiteral("windowState")).toByteArray();
    s.splitter = settings.value(QStringLiteral("splitter")).toByteArray();
    if (const auto m = displayModeFromName(settings.value(QStringLiteral("mode")).toString()))
        s.display.mode = *m;
    if (const auto c = colorMapFromName(settings.value(QStringLiteral("colorMap")).toString()))
        s.display.colorMap = *c;
    if (const auto c = clipModeFromName(settings.value(QStringLiteral("clipMode")).toString()))
        s.display.clipMode = *c;
    s.display.clipPercentile = number(settings, "clipPercentile", s.display.clipPercentile,
                                      [](double p) { return p > 0 && p <= 100; });
    s.display.clipAbsolute = number(settings, "clipAbsolute", s.display.clipAbsolute,
                                    [](double c) { return c > 0 && c <= 3.4e38; });
    s.display.gain =
        number(settings, "gain", s.display.gain, [](double g) { return g > 0 && g <= 1e30; });
    s.wholeFileClip = settings.value(QStringLiteral("wholeFileClip"), false).toBool();
    s.file = settings.value(QStringLiteral("file")).toString();
    s.sortKeys = settings.value(QStringLiteral("sort")).toString();
    const auto whole = [](double x) { return x == std::floor(x) && std::abs(x) < 9.0e15; };
    s.ensemble =
        number<qint64>(settings, "ensemble", -1, [&](double e) { return whole(e) && e >= -1; });
    s.firstTrace =
        number<qint64>(settings, "firstTrace", 0, [&](double t) { return whole(t) && t >= 0; });
    s.traceCount =
        number<qint64>(settings, "traceCount", 0, [&](double n) { return whole(n) && n >= 1; });
    if (s.traceCount == 0)
        s.firstTrace = 0;
    settings.endGroup();
    return s;
}

void SessionState::save(QSettings& settings) const {
    settings.beginGroup(QLatin1String(kGroup));
    settings.setValue(QStringLiteral("geometry"), geometry);
    settings.setValue(QStringLiteral("windowState"), windowState);
    settings.setValue(QStringLiteral("splitter"), splitter);
    settings.setValue(QStringLiteral("mode"), displayModeName(display.mode));
    settings.setValue(QStringLiteral("colorMap"), colorMapName(display.colorMap));
    settings.setValue(QStringLiteral("clipMode"), clipModeName(display.clipMode));
    settings.setValue(QStringLiteral("clipPercentile"), display.clipPercentile);
    settings.setValue(QStringLiteral("clipAbsolute"), double(display.clipAbsolute));
    settings.setValue(QStringLiteral("gain"), display.gain);
    settings.setValue(QStringLiteral("wholeFileClip"), wholeFileClip);
    settings.setValue(QStringLiteral("file"), file);
    settings.setValue(QStringLiteral("sort"), sortKeys);
    settings.setValue(QStringLiteral("ensemble"), ensemble);
    settings.setValue(QStringLiteral("firstTrace"), firstTrace);
    settings.setValue(QStringLiteral("traceCount"), traceCount);
    settings.endGroup();
}

} // namespace seis::gui
