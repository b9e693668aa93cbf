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

void applyAgc(float* data, qint64 traces, qint64 samples, qint64 windowSamples) {
    if (windowSamples <= 0 || samples <= 0)
        return;
    const qint64 before = (windowSamples - 1) / 2;
    const qint64 after = windowSamples - 1 - before;
    // Prefix sums of squares and of finite counts make every window O(1); double keeps the
    // subtraction of large sums accurate enough for float output.
    std::vector<double> sumSq(static_cast<std::size_t>(samples + 1));
    std::vector<qint64> finite(static_cast<std::size_t>(samples + 1));
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        for (qint64 s = 0; s < samples; ++s) {
            const bool ok = std::isfinite(trace[s]);
            const double v = ok ? trace[s] : 0.0;
            sumSq[s + 1] = sumSq[s] + v * v;
            finite[s + 1] = finite[s] + (ok ? 1 : 0);
        }
        for (qint64 s = 0; s < samples; ++s) {
            const qint64 lo = std::max<qint64>(0, s - before);
            const qint64 hi = std::min(samples, s + after + 1);
            const qint64 n = finite[hi] - finite[lo];
            const double energy = std::max(0.0, sumSq[hi] - sumSq[lo]);
            if (n == 0 || !std::isfinite(trace[s]))
                continue;
            const double rms = std::sqrt(energy / static_cast<double>(n));
            // Rounding in the prefix sums can leave a tiny residue where the window is silent.
            trace[s] = rms > 1e-30 ? static_cast<float>(trace[s] / rms) : 0.0f;
        }
    }
}

void normalizeTraces(float* data, qint64 traces, qint64 samples) {
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        float peak = 0.0f;
        for (qint64 s = 0; s < samples; ++s)
            if (std::isfinite(trace[s]))
                peak = std::max(peak, std::fabs(trace[s]));
        if (peak > 0.0f) {
            const float scale = 1.0f / peak;
            for (qint64 s = 0; s < samples; ++s)
                trace[s] *= scale;
        }
    }
}

float percentileClip(const float* data, qint64 count, double percentile, qint64 maxSample) {
    const qint64 kMaxSample = std::max<qint64>(1, maxSample);
    if (count <= 0)
        return 0.0f;
    const qint64 stride = (count + kMaxSample - 1) / kMaxSample;
    std::vector<float> magnitudes;
    magnitudes.reserve(static_cast<std::size_t>(count / stride + 1));
    for (qint64 i = 0; i < count; i += stride)
        if (std::isfinite(data[i]))
            magnitudes.push_back(std::fabs(data[i]));
    if (magnitudes.empty())
        return 0.0f;
    const double fraction = std::clamp(percentile, 0.0, 100.0) / 100.0;
    const auto rank = static_cast<std::size_t>(
        std::llround(fraction * static_cast<double>(magnitudes.size() - 1)));
    std::nth_element(magnitudes.begin(), magnitudes.begin() + rank, magnitudes.end());
    return magnitudes[rank];
}

} // namespace seis
