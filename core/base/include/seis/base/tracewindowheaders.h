// Trace headers rewritten for a window of their traces' samples, as every sink that keeps the
// source's 240-byte headers does (the SEG-Y writer, the Zarr store's raw_headers): the sample
// count (ns, bytes 115-116) set to the window's, and the delay (delrt, bytes 109-110) moved by
// the time the window cut from the start, in the field's unit (the time scalar scalt, bytes
// 215-216: rev 1, a positive scalar multiplies, a negative one divides, 0 is 1; only 10, 100,
// 1000 and 10000 are honoured). Field positions: traceheaderfield.h.
//
// Threads: one thread at a time (counts). Never throws.
#pragma once

#include "seis/base/types.h"

#include <QStringList>
#include <cstddef>

namespace seis {

class TraceWindowHeaders {
public:
    // `sampleCount`: samples per trace in the window (ns is written 0 beyond 65535);
    // `delayShiftMs`: the time from the source's first sample to the window's, ms (>= 0).
    TraceWindowHeaders(qint64 sampleCount, double delayShiftMs);

    // Rewrites one 240-byte header, its fields in byte order `order`.
    void apply(std::byte* header, ByteOrder order);

    // What apply() could not keep exact, as sentences for the user (empty when nothing).
    QStringList warnings() const;

private:
    qint64 m_sampleCount;
    double m_delayShiftMs;
    qint64 m_delayRounded = 0; // traces whose new delay was rounded to the field's unit
    qint64 m_delayClamped = 0; // traces whose new delay did not fit in 16 bits
};

} // namespace seis
