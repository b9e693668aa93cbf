// Per-trace normalisation of float32 traces. No widgets, no format: a function of its
// arguments, usable from any thread.
//
// Buffers are trace-major: `data[t * samples + s]` for trace t (0-based, 0..traces-1) and
// sample s (0-based, 0..samples-1). Non-finite samples are left as they are and ignored by the
// trace maxima.
#pragma once

#include <QtGlobal>

namespace seis {

// Scales each trace in place so that its largest finite |amplitude| is 1; all-zero traces stay.
void normalizeTraces(float* data, qint64 traces, qint64 samples);

} // namespace seis
