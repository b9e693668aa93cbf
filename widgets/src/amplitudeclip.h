// Display clip levels for seismic amplitudes.
#pragma once

#include <span>

namespace seis {

// The `percentile` (0..100) of |v| over the finite values, so that a few spikes or infinities do
// not wash the image out. Returns 1 when no finite value is non-zero, so a dead window still gets
// a usable colour range.
float symmetricClip(std::span<const float> values, double percentile);

} // namespace seis
