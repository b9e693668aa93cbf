// The SEG-Y scalars of trace header coordinates and elevations, applied as the standard says.
//
// Coordinates (sx, sy, gx, gy at bytes 73-88, cdpx, cdpy at 181-188) are scaled by scalco
// (bytes 71-72); elevations and depths (gelev, selev, sdepth, gdel, sdel, swdep, gwdep at bytes
// 41-68) by scalel (bytes 69-70). The rule (SEG-Y rev 1, bytes 69-72): a positive scalar
// multiplies, a negative one divides by its magnitude, 0 is taken as 1.
//
// A field is matched by its 1-based byte position and 4-byte integer type, so a custom field at
// a standard coordinate's bytes is scaled like it.
// Threads: pure functions.
#pragma once

#include "seis/base/traceheaderfield.h"

namespace seis {

// Which scalar applies to a header field.
enum class HeaderScalar {
    None,       // shown as stored
    Coordinate, // scaled by scalco (tracefield::scalco)
    Elevation,  // scaled by scalel (tracefield::scalel)
};

HeaderScalar headerScalarOf(const HeaderField& field);

// The header field holding the scalar `kind` (scalco or scalel); undefined for None.
HeaderField scalarField(HeaderScalar kind);

// `value` with the SEG-Y `scalar` applied: value * scalar for scalar > 0, value / -scalar for
// scalar < 0, value for scalar 0.
double applySegyScalar(qint64 value, qint64 scalar);

// A scaled value as people read it: an integer without decimals, otherwise up to 6 significant
// decimals without trailing zeros (-100 applied to 12345 gives "123.45").
QString formatScaledValue(double value);

} // namespace seis
