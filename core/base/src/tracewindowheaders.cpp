#include "seis/base/tracewindowheaders.h"

#include "seis/base/fieldtype.h"
#include "seis/base/traceheaderfield.h"

#include <algorithm>
#include <cmath>

namespace seis {

TraceWindowHeaders::TraceWindowHeaders(qint64 sampleCount, double delayShiftMs)
    : m_sampleCount(sampleCount)
    , m_delayShiftMs(delayShiftMs) {}

void TraceWindowHeaders::apply(std::byte* h, ByteOrder o) {
    using namespace tracefield;
    const auto at = [&](const StandardTraceField& f) { return h + (f.byte - 1); };
    detail::storeIntField(at(ns), ns.type, o, m_sampleCount <= 65535 ? m_sampleCount : 0);
    if (m_delayShiftMs == 0)
        return;
    const qint64 scalar = readIntField(at(scalt), scalt.type, o);
    const qint64 magnitude = scalar < 0 ? -scalar : scalar;
    double unitsPerMs = 1;
    if (magnitude == 10 || magnitude == 100 || magnitude == 1000 || magnitude == 10000)
        unitsPerMs = scalar > 0 ? 1.0 / double(magnitude) : double(magnitude);
    const double moved =
        double(readIntField(at(delrt), delrt.type, o)) + m_delayShiftMs * unitsPerMs;
    double rounded = std::nearbyint(moved);
    if (rounded != moved)
        ++m_delayRounded;
    if (rounded > 32767 || rounded < -32768) {
        ++m_delayClamped;
        rounded = std::clamp(rounded, -32768.0, 32767.0);
    }
    detail::storeIntField(at(delrt), delrt.type, o, static_cast<qint64>(rounded));
}

QStringList TraceWindowHeaders::warnings() const {
    QStringList w;
    if (m_delayRounded > 0)
        w << QStringLiteral("%1 trace delays (bytes 109-110) rounded to the field's unit: the "
                            "time window moves them by %2 ms")
                 .arg(m_delayRounded)
                 .arg(m_delayShiftMs);
    if (m_delayClamped > 0)
        w << QStringLiteral("%1 trace delays (bytes 109-110) do not fit in 16 bits after the "
                            "time window and were clamped")
                 .arg(m_delayClamped);
    return w;
}

} // namespace seis
