#include "seis/displaysettings.h"

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

QString clipModeName(ClipMode mode) {
    switch (mode) {
    case ClipMode::Percentile:
        return QStringLiteral("percentile");
    case ClipMode::Absolute:
        return QStringLiteral("absolute");
    }
    return {};
}

std::optional<ClipMode> clipModeFromName(QStringView name) {
    for (ClipMode m : {ClipMode::Percentile, ClipMode::Absolute})
        if (name.compare(clipModeName(m), Qt::CaseInsensitive) == 0)
            return m;
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

} // namespace seis
