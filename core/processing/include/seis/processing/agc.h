// Automatic gain control (AGC) on float32 traces. No widgets, no format: a function of its
// arguments, usable from any thread.
//
// Buffers are trace-major: `data[t * samples + s]` for trace t (0-based, 0..traces-1) and
// sample s (0-based, 0..samples-1). Non-finite samples are left as they are and ignored by the
// statistics (the AGC windows).
#pragma once

#include <QtGlobal>

namespace seis {

// Automatic gain control in place: each sample divided by the RMS of the finite samples in a
// centred window of `windowSamples` samples (cut at the trace ends). A window with RMS 0 gives
// 0. O(traces * samples) whatever the window. windowSamples <= 0 leaves the data unchanged.
void applyAgc(float* data, qint64 traces, qint64 samples, qint64 windowSamples);

} // namespace seis
