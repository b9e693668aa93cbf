// Compares a store with the source it was written from, as readers see them: geometry, samples
// bit for bit (the whole and random windows) and the raw trace headers. Header-only, for the
// tests of tests/zarr.
#pragma once

#include "seis/base/tracesource.h"

#include <QRandomGenerator>
#include <QString>

#include <cstring>
#include <vector>

namespace seis::testsupport {

// Window `t` x `r` of `s`, trace-major.
inline std::vector<float> window(const TraceSource& s, TraceRange t, SampleRange r) {
    std::vector<float> out(std::size_t(t.count() * r.count()));
    s.readWindow(t, r, out.data());
    return out;
}

// Equal bit for bit (NaN payloads included).
inline bool sameBits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

// The first way `a` differs from `b` (trace and sample counts, interval, start time, header byte
// order, the whole window and 40 random windows drawn with `seed`, the raw trace headers); empty
// when they read the same.
inline QString firstDifference(const TraceSource& a, const TraceSource& b, quint32 seed) {
    if (a.traceCount() != b.traceCount() || a.sampleCount() != b.sampleCount())
        return QStringLiteral("%1 x %2 against %3 x %4")
            .arg(a.traceCount())
            .arg(a.sampleCount())
            .arg(b.traceCount())
            .arg(b.sampleCount());
    if (a.sampleIntervalUs() != b.sampleIntervalUs() || a.startTimeMs() != b.startTimeMs())
        return QStringLiteral("interval %1 us, start %2 ms against %3 us, %4 ms")
            .arg(a.sampleIntervalUs())
            .arg(a.startTimeMs())
            .arg(b.sampleIntervalUs())
            .arg(b.startTimeMs());
    if (a.headerByteOrder() != b.headerByteOrder())
        return QStringLiteral("header byte orders differ");
    const qint64 nt = a.traceCount(), ns = a.sampleCount();
    if (!sameBits(window(a, {0, nt}, {0, ns}), window(b, {0, nt}, {0, ns})))
        return QStringLiteral("the whole window differs");
    QRandomGenerator rng(seed);
    for (int i = 0; i < 40; ++i) {
        const qint64 t0 = rng.bounded(nt), t1 = t0 + 1 + rng.bounded(nt - t0);
        const qint64 s0 = rng.bounded(ns), s1 = s0 + 1 + rng.bounded(ns - s0);
        if (!sameBits(window(a, {t0, t1}, {s0, s1}), window(b, {t0, t1}, {s0, s1})))
            return QStringLiteral("window %1:%2 x %3:%4 differs").arg(t0).arg(t1).arg(s0).arg(s1);
    }
    std::vector<std::byte> ha(std::size_t(nt * 240)), hb(ha.size());
    a.readTraceHeaders({0, nt}, ha.data());
    b.readTraceHeaders({0, nt}, hb.data());
    if (ha != hb)
        return QStringLiteral("the raw trace headers differ");
    return {};
}

} // namespace seis::testsupport
