// Percentiles of |amplitude|, for choosing a display clip. No widgets, no format: a function of
// its arguments, usable from any thread. Non-finite values are ignored.
#pragma once

#include <QtGlobal>

namespace seis {

// The `percentile` (0..100) of |amplitude| over the finite values of data[0, count). Beyond
// ~1M values a regular stride of them is used, so it stays fast on big windows (exact below).
// Returns 0 when there is no finite value.
float percentileClip(const float* data, qint64 count, double percentile,
                     qint64 maxSample = qint64(1) << 20);

} // namespace seis
