// Display options of the gather view: colour maps, clip, gain. No widgets here; everything is a
// value type or a function of its arguments, so it may be used from any thread. Processing (AGC,
// filters, balance...) is a flow of core/processing (seis/processing/flow.h), shown processed by
// the navigator; the clip is picked from the processed window (percentileclip.h).
#pragma once

#include "seis/processing/processingchain.h"

#include <QRgb>
#include <QString>
#include <QStringView>
#include <QtGlobal>
#include <array>
#include <optional>

namespace seis {

enum class DisplayMode {
    Density,       // variable density: a colour per sample
    Wiggle,        // one line per trace
    VariableArea,  // wiggle with the positive lobes filled
    DensityWiggle, // variable density with wiggles on top
};
inline constexpr std::array kAllDisplayModes = {DisplayMode::Density, DisplayMode::Wiggle,
                                                DisplayMode::VariableArea,
                                                DisplayMode::DensityWiggle};

// "density", "wiggle", "va", "density+wiggle".
QString displayModeName(DisplayMode mode);
// The inverse of displayModeName (case-insensitive); nullopt for anything else.
std::optional<DisplayMode> displayModeFromName(QStringView name);

// Colour maps, listed from -clip (entry 0) to +clip (entry 255).
enum class ColorMapId {
    Grey,         // white (negative) - mid grey (0) - black (positive), the seismic convention
    RedWhiteBlue, // red (negative) - white (0) - blue (positive)
    Seismic,      // red (negative) - white (0) - black (positive)
    Viridis,      // perceptually uniform dark blue - green - yellow (not diverging)
};
inline constexpr std::array kAllColorMaps = {ColorMapId::Grey, ColorMapId::RedWhiteBlue,
                                             ColorMapId::Seismic, ColorMapId::Viridis};

// "grey", "red-white-blue", "seismic", "viridis".
QString colorMapName(ColorMapId id);
std::optional<ColorMapId> colorMapFromName(QStringView name);

// 256 opaque colours: entry 0 for amplitude -clip, entry 255 for +clip, amplitude 0 at entry
// 128 (the middle, rounded up). See lutIndex().
using ColorLut = std::array<QRgb, 256>;
ColorLut colorLut(ColorMapId id);

// The LUT entry for `value` (already multiplied by the gain) under a symmetric clip
// [-clip, +clip] (clip > 0): rounded to the nearest entry, values beyond the clip saturate, NaN
// maps to the middle (128).
inline int lutIndex(float value, float clip) {
    const float x = (value / clip + 1.0f) * 127.5f + 0.5f;
    if (!(x == x))
        return 128;
    return x <= 0.0f ? 0 : (x >= 255.0f ? 255 : static_cast<int>(x));
}

// How the clip is chosen: a percentile of the amplitudes shown (it follows each window), or one
// value in amplitude units (the same clip for every gather and file).
enum class ClipMode {
    Percentile,
    Absolute,
};

// "percentile", "absolute".
QString clipModeName(ClipMode mode);
std::optional<ClipMode> clipModeFromName(QStringView name);

struct DisplaySettings {
    DisplayMode mode = DisplayMode::Density;
    ColorMapId colorMap = ColorMapId::Grey;
    // The clip (amplitude units, after the processing, before gain):
    // - ClipMode::Absolute: `clipAbsolute` (> 0), whatever the window;
    // - ClipMode::Percentile: `absoluteClip` when set (the percentile taken elsewhere, e.g. over
    //   the whole file by the main window), else the `clipPercentile` (0..100) of |amplitude| of
    //   the processed window.
    ClipMode clipMode = ClipMode::Percentile;
    double clipPercentile = 99.0;
    float clipAbsolute = 1.0f;
    std::optional<float> absoluteClip;
    double gain = 1.0; // multiplies amplitudes after the clip is chosen

    friend bool operator==(const DisplaySettings&, const DisplaySettings&) = default;
};

} // namespace seis
