// The scalars of SEG-Y trace headers: scalco (bytes 71-72) for the coordinates (sx, sy, gx, gy
// and cdpx, cdpy) and scalel (bytes 69-70) for the elevations and depths. A positive scalar
// multiplies the stored value, a negative one divides it by its magnitude, and 0 counts as 1
// (SEG-Y rev 1, section "Trace header").
//
// Threads: a pure function. Never throws.
#pragma once

#include <QtGlobal>

namespace seis {

// `value` with `scalar` applied: value * scalar for scalar > 0, value / -scalar for scalar < 0,
// value for scalar 0.
inline double applyScalar(qint32 value, qint16 scalar) {
    if (scalar > 0)
        return double(value) * double(scalar);
    if (scalar < 0)
        return double(value) / -double(scalar);
    return double(value);
}

} // namespace seis
