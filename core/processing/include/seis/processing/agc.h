// Automatic gain control (AGC) on float32 traces. No widgets, no format: a function of its
// arguments, usable from any thread.
//
// Buffers are trace-major: `data[t * samples + s]` for trace t (0-based, 0..traces-1) and
// sample s (0-based, 0..samples-1). Non-finite samples are left as they are and ignored by the
// statistics (the AGC windows).
#pragma once

#include <QtGlobal>

namespace seis {

// Box-RMS automatic gain control in place (README, "Processing"): with n = samples and
// h = halfWidth,
//     y_i = x_i / sqrt(mean of x_j^2 over the finite x_j, j in [max(0, i-h), min(n-1, i+h)]),
// and y_i = 0 where that mean is 0 (or there is no finite sample). The window is cut at the
// trace ends, never mirrored or shifted (Seismic Unix's `sugain agc=1` handles the ends
// differently; that is not copied). Non-finite x_i stay as they are. Sums in double.
// O(traces * samples) whatever h. halfWidth < 0 leaves the data unchanged; 0 gives sign(x).
void applyAgc(float* data, qint64 traces, qint64 samples, qint64 halfWidth);

} // namespace seis
