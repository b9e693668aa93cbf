#include "seis/displaysettings.h"

#include "seis/processing/agcstep.h"
#include "seis/processing/balancestep.h"

#include <QColor>
#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

namespace {

struct Stop {
    double at; // 0..1 along the LUT
    QRgb color;
};

// Linear interpolation between stops in RGB: good enough for these maps, and exact at the ends,
// which the tests and the clip convention rely on.
ColorLut interpolate(std::initializer_list<Stop> stops) {
    ColorLut lut{};
    const std::vector<Stop> s(stops);
    for (int i = 0; i < 256; ++i) {
        const double x = i / 255.0;
        std::size_t k = 0;
        while (k + 2 < s.size() && x > s[k + 1].at)
            ++k;
        const double f = std::clamp((x - s[k].at) / (s[k + 1].at - s[k].at), 0.0, 1.0);
        auto mix = [&](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * f)); };
        lut[i] = qRgb(mix(qRed(s[k].color), qRed(s[k + 1].color)),
                      mix(qGreen(s[k].color), qGreen(s[k + 1].color)),
                      mix(qBlue(s[k].color), qBlue(s[k + 1].color)));
    }
    return lut;
}

} // namespace

QString displayModeName(DisplayMode mode) {
    switch (mode) {
    case DisplayMode::Density:
        return QStringLiteral("density");
    case DisplayMode::Wiggle:
        return QStringLiteral("wiggle");
    case DisplayMode::VariableArea:
        return QStringLiteral("va");
    case DisplayMode::DensityWiggle:
        return QStringLiteral("density+wiggle");
    }
    return {};
}

std::optional<DisplayMode> displayModeFromName(QStringView name) {
    for (DisplayMode m : kAllDisplayModes)
        if (name.compare(displayModeName(m), Qt::CaseInsensitive) == 0)
            return m;
    return std::nullopt;
}

QString colorMapName(ColorMapId id) {
    switch (id) {
    case ColorMapId::Grey:
        return QStringLiteral("grey");
    case ColorMapId::RedWhiteBlue:
        return QStringLiteral("red-white-blue");
    case ColorMapId::Seismic:
        return QStringLiteral("seismic");
    case ColorMapId::Viridis:
        return QStringLiteral("viridis");
    }
    return {};
}

std::optional<ColorMapId> colorMapFromName(QStringView name) {
    for (ColorMapId id : kAllColorMaps)
        if (name.compare(colorMapName(id), Qt::CaseInsensitive) == 0)
            return id;
    return std::nullopt;
}

ColorLut colorLut(ColorMapId id) {
    switch (id) {
    case ColorMapId::Grey:
        return interpolate({{0.0, qRgb(255, 255, 255)}, {1.0, qRgb(0, 0, 0)}});
    case ColorMapId::RedWhiteBlue:
        return interpolate(
            {{0.0, qRgb(255, 0, 0)}, {0.5, qRgb(255, 255, 255)}, {1.0, qRgb(0, 0, 255)}});
    case ColorMapId::Seismic:
        return interpolate(
            {{0.0, qRgb(255, 0, 0)}, {0.5, qRgb(255, 255, 255)}, {1.0, qRgb(0, 0, 0)}});
    case ColorMapId::Viridis:
        // Stops sampled from matplotlib's viridis.
        return interpolate({{0.0, qRgb(68, 1, 84)},
                            {0.25, qRgb(59, 82, 139)},
                            {0.5, qRgb(33, 145, 140)},
                            {0.75, qRgb(94, 201, 98)},
                            {1.0, qRgb(253, 231, 37)}});
    }
    return interpolate({{0.0, qRgb(255, 255, 255)}, {1.0, qRgb(0, 0, 0)}});
}

ProcessingChain processingChain(const DisplaySettings& settings) {
    ProcessingChain chain;
    if (std::isfinite(settings.agcWindowMs) && settings.agcWindowMs > 0.0)
        chain.append(std::make_shared<const AgcStep>(settings.agcWindowMs));
    if (settings.normalizeTraces)
        chain.append(std::make_shared<const BalanceStep>(BalanceStep::Method::Max));
    return chain;
}

bool sameProcessing(const DisplaySettings& a, const DisplaySettings& b) {
    const auto agc = [](const DisplaySettings& s) {
        return std::isfinite(s.agcWindowMs) && s.agcWindowMs > 0.0 ? s.agcWindowMs : 0.0;
    };
    return agc(a) == agc(b) && a.normalizeTraces == b.normalizeTraces;
}

} // namespace seis
