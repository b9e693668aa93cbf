#include "seis/base/tracesource.h"

#include "seis/base/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

namespace seis {

namespace {

// Folds input samples [s0, s1) (relative to the read's first sample, `in` holding them) into the
// peaks `out` of bins of `factor` samples: out[j] is the peak of [j * factor, (j + 1) * factor).
// A bin split over two calls continues from what the first left in out[j] (NaN: nothing yet).
void foldPeaks(const float* in, qint64 s0, qint64 s1, qint64 factor, float* out) {
    for (qint64 s = s0; s < s1;) {
        const qint64 j = s / factor;
        const qint64 end = std::min(s1, (j + 1) * factor);
        float best = out[j];
        float bestAbs = best == best ? std::fabs(best) : -1.0f;
        for (const float* p = in + (s - s0); s < end; ++s, ++p) {
            const float a = std::fabs(*p);
            if (a > bestAbs) { // false for NaN: passed over; equal: the first is kept
                bestAbs = a;
                best = *p;
            }
        }
        out[j] = best;
    }
}

} // namespace

TraceSource::~TraceSource() = default;

void TraceSource::readWindowDecimated(TraceRange traces, SampleRange samples, qint64 factor,
                                      float* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    if (factor < 1)
        throw ArgumentError(QStringLiteral("%1: decimation factor %2 is not valid; expected 1 or "
                                           "more")
                                .arg(path())
                                .arg(factor));
    const qint64 nt = traces.count();
    const qint64 ns = samples.count();
    if (nt == 0 || ns == 0)
        return;
    constexpr qint64 kBlock = kDecimationBlockBytes / qint64(sizeof(float));
    if (factor == 1) {
        if (ns <= kBlock) {
            readWindow(traces, samples, dst);
            return;
        }
        // One trace is more than a block: read it in pieces, straight into place.
        for (qint64 t = 0; t < nt; ++t)
            for (qint64 s0 = 0; s0 < ns; s0 += kBlock)
                readWindow({traces.begin + t, traces.begin + t + 1},
                           {samples.begin + s0, samples.begin + std::min(ns, s0 + kBlock)},
                           dst + t * ns + s0);
        return;
    }

    const qint64 nout = decimatedCount(ns, factor);
    std::fill(dst, dst + nt * nout, std::numeric_limits<float>::quiet_NaN());
    // Whole traces per read when they fit a block, else pieces of whole bins (or of one bin,
    // when a bin alone is more than a block: foldPeaks carries it over).
    const qint64 width = ns <= kBlock ? ns : (factor <= kBlock ? kBlock / factor * factor : kBlock);
    const qint64 perRead = std::max<qint64>(1, kBlock / width);
    std::vector<float> buffer(static_cast<std::size_t>(std::min(perRead, nt) * width));
    for (qint64 t0 = 0; t0 < nt; t0 += perRead) {
        const qint64 t1 = std::min(nt, t0 + perRead);
        for (qint64 s0 = 0; s0 < ns; s0 += width) {
            const qint64 s1 = std::min(ns, s0 + width);
            readWindow({traces.begin + t0, traces.begin + t1},
                       {samples.begin + s0, samples.begin + s1}, buffer.data());
            for (qint64 t = t0; t < t1; ++t)
                foldPeaks(buffer.data() + (t - t0) * (s1 - s0), s0, s1, factor, dst + t * nout);
        }
    }
}

void TraceSource::checkTraceRange(TraceRange t) const {
    if (t.begin < 0 || t.begin > t.end || t.end > traceCount())
        throw ArgumentError(path(),
                            QStringLiteral("trace range %1:%2 is out of bounds; the file has "
                                           "%3 traces (expected 0 <= first <= end <= %3)")
                                .arg(t.begin)
                                .arg(t.end)
                                .arg(traceCount()));
}

void TraceSource::checkSampleRange(SampleRange s) const {
    if (s.begin < 0 || s.begin > s.end || s.end > sampleCount())
        throw ArgumentError(path(),
                            QStringLiteral("sample range %1:%2 is out of bounds; traces have "
                                           "%3 samples (expected 0 <= first <= end <= %3)")
                                .arg(s.begin)
                                .arg(s.end)
                                .arg(sampleCount()));
}

void TraceSource::willRead(TraceRange) const {}

QString TraceSource::formatDescription() const {
    return {};
}

std::optional<SourceFileHeaders> TraceSource::fileHeaders() const {
    return std::nullopt;
}

std::optional<AmplitudeStatistics> TraceSource::storedStatistics() const {
    return std::nullopt;
}

std::optional<StoredEnsembles> TraceSource::storedEnsembles(std::span<const HeaderField>) const {
    return std::nullopt;
}

ByteOrder TraceSource::headerByteOrder() const {
    return ByteOrder::Big;
}

void TraceSource::readTraceHeaders(TraceRange traces, std::byte* dst) const {
    checkTraceRange(traces);
    const auto table = standardTraceFields();
    std::vector<HeaderField> fields;
    for (const StandardTraceField& f : table)
        fields.push_back(HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type});
    constexpr qint64 kBlock = 4096;
    std::vector<qint64> values(fields.size() * kBlock);
    std::vector<qint64*> out(fields.size());
    for (qint64 first = traces.begin; first < traces.end; first += kBlock) {
        const TraceRange block{first, std::min(traces.end, first + kBlock)};
        for (std::size_t k = 0; k < fields.size(); ++k)
            out[k] = values.data() + k * kBlock;
        readHeaderColumns(fields, block, out);
        std::byte* header = dst + (first - traces.begin) * kTraceHeaderBytes;
        std::memset(header, 0, static_cast<std::size_t>(block.count() * kTraceHeaderBytes));
        for (qint64 t = 0; t < block.count(); ++t, header += kTraceHeaderBytes)
            for (std::size_t k = 0; k < fields.size(); ++k)
                detail::storeIntField(header + fields[k].byte.position - 1, fields[k].type,
                                      ByteOrder::Big, out[k][t]);
    }
}

} // namespace seis
