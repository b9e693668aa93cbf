// Display options of the gather view: colour maps, clip, gain, AGC and per-trace normalisation.
// No widgets here; everything is a value type or a function of its arguments, so it may be used
// from any thread. The processing itself (AGC, normalisation, percentile clip) lives in
// core/processing (seis/processing/agc.h, normalize.h, percentileclip.h).
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

struct DisplaySettings {
    DisplayMode mode = DisplayMode::Density;
    ColorMapId colorMap = ColorMapId::Grey;
    // The clip is the `clipPercentile` (0..100) of |amplitude| of the processed window (after
    // AGC and normalisation, before gain), unless `absoluteClip` is set (amplitude units, > 0).
    double clipPercentile = 99.0;
    std::optional<float> absoluteClip;
    double gain = 1.0;            // multiplies amplitudes after the clip is chosen
    double agcWindowMs = 0.0;     // AGC window length in ms; 0 = off
    bool normalizeTraces = false; // scale each trace to max |amplitude| 1 (after AGC)

    friend bool operator==(const DisplaySettings&, const DisplaySettings&) = default;
};

// The processing the settings ask for, in order: AGC (AgcStep, when agcWindowMs > 0), then
// normalisation (BalanceStep max over the whole trace, when normalizeTraces). Empty when neither
// is on.
ProcessingChain processingChain(const DisplaySettings& settings);
// True when `a` and `b` ask for the same processing (processingChain() would be the same).
bool sameProcessing(const DisplaySettings& a, const DisplaySettings& b);

} // namespace seis
