#include "seis/pipeline/selection.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"

#include <QStringList>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace seis {

namespace {

// Traces per readHeaderColumns call when evaluating header ranges: 65536 traces of a few
// columns is about 1.5 MB, and a block big enough for the reader to split over its threads.
constexpr qint64 kHeaderBlockTraces = 65536;

QString rangeText(qint64 begin, qint64 end) {
    return QStringLiteral("%1:%2").arg(begin).arg(end);
}

QString keysText(const std::vector<HeaderField>& keys) {
    QStringList names;
    for (const HeaderField& k : keys)
        names << k.name;
    return names.join(QLatin1Char(','));
}

QString msText(double ms) {
    return QString::number(ms, 'g', 12);
}

std::vector<HeaderField> ensembleKeysOf(const SelectionSpec& spec) {
    if (!spec.ensembleKeys.empty())
        return spec.ensembleKeys;
    return {*findStandardTraceField(u"fldr")};
}

// What the spec asked for, for the message of an empty selection: "traces 0:10, offset=0:100".
QString describeTraces(const SelectionSpec& spec, std::optional<TraceRange> ensembleTraces) {
    QStringList parts;
    if (spec.traces)
        parts << QStringLiteral("traces %1").arg(rangeText(spec.traces->begin, spec.traces->end));
    if (spec.ensembles && ensembleTraces)
        parts << QStringLiteral("ensembles %1 by %2 (traces %3)")
                     .arg(rangeText(spec.ensembles->begin, spec.ensembles->end),
                          keysText(ensembleKeysOf(spec)),
                          rangeText(ensembleTraces->begin, ensembleTraces->end));
    for (const HeaderValueRange& w : spec.where)
        parts << QStringLiteral("%1=%2").arg(w.field.name, rangeText(w.min, w.max));
    return parts.join(QStringLiteral(", "));
}

// Samples [s0, s1) of the time window [t0, t1) ms, each end snapped to the nearest sample (a
// time half-way between two samples goes to the later one), clipped to the trace.
SampleRange timeWindowSamples(const TraceSource& source, double t0, double t1) {
    const QString window = QStringLiteral("%1:%2 ms").arg(msText(t0), msText(t1));
    if (!std::isfinite(t0) || !std::isfinite(t1) || !(t0 < t1))
        throw ArgumentError(source.path(),
                            QStringLiteral("time window %1 is not valid (expected T0 < T1, both "
                                           "finite)")
                                .arg(window));
    const double dtMs = source.sampleIntervalUs() / 1000.0;
    const double start = source.startTimeMs();
    const qint64 ns = source.sampleCount();
    if (!(dtMs > 0))
        throw ArgumentError(source.path(),
                            QStringLiteral("time window %1 cannot be applied: the sample interval "
                                           "is %2 us (expected a positive interval)")
                                .arg(window)
                                .arg(source.sampleIntervalUs()));
    auto snap = [&](double t) {
        const double s = std::floor((t - start) / dtMs + 0.5);
        return qint64(std::clamp(s, 0.0, double(ns)));
    };
    const qint64 s0 = snap(t0);
    const qint64 s1 = snap(t1);
    if (s1 <= s0)
        throw ArgumentError(
            source.path(),
            QStringLiteral("the selection is empty: time window %1 holds no sample of the traces, "
                           "whose %2 samples of %3 ms are recorded at %4 to %5 ms (expected a "
                           "window that covers at least one sample to its nearest time)")
                .arg(window)
                .arg(ns)
                .arg(msText(dtMs), msText(start), msText(start + double(ns - 1) * dtMs)));
    return SampleRange{s0, s1};
}

// A time window is one sample range for every trace, taken from trace 0's delay
// (TraceSource::startTimeMs): refused when any trace's delay (bytes 109-110, with the time
// scalar at 215-216) differs from trace 0's, rather than cut at the wrong times. Header columns
// only, in blocks.
void checkOneDelay(const TraceSource& source, const QString& window) {
    const HeaderField fields[] = {
        HeaderField{QStringLiteral("delrt"), HeaderByte{tracefield::delrt.byte},
                    tracefield::delrt.type},
        HeaderField{QStringLiteral("scalt"), HeaderByte{tracefield::scalt.byte},
                    tracefield::scalt.type}};
    const qint64 traces = source.traceCount();
    std::vector<qint64> delay(std::size_t(std::min(traces, kHeaderBlockTraces)));
    std::vector<qint64> scalar(delay.size());
    qint64* out[] = {delay.data(), scalar.data()};
    qint64 first[2] = {0, 0};
    for (qint64 b = 0; b < traces; b += kHeaderBlockTraces) {
        const TraceRange block{b, std::min(traces, b + kHeaderBlockTraces)};
        source.readHeaderColumns(fields, block, out);
        if (b == 0) {
            first[0] = delay[0];
            first[1] = scalar[0];
        }
        for (qint64 i = 0; i < block.count(); ++i)
            if (delay[std::size_t(i)] != first[0] || scalar[std::size_t(i)] != first[1])
                throw ArgumentError(
                    source.path(),
                    QStringLiteral("time window %1 cannot be cut: trace %2 has delay %3 (time "
                                   "scalar %4) but trace 0 has %5 (scalar %6); expected one "
                                   "delay (bytes 109-110) for every trace")
                        .arg(window)
                        .arg(b + i)
                        .arg(delay[std::size_t(i)])
                        .arg(scalar[std::size_t(i)])
                        .arg(first[0])
                        .arg(first[1]));
    }
}

// The source traces of ensembles [begin, end): [first(begin), first(end)), first(count) being
// the end of the source. Returns nullopt if the scan was cancelled.
std::optional<TraceRange> ensembleTraces(const TraceSource& source, const SelectionSpec& spec,
                                         const ProgressCallback& progress, qint64 total) {
    const std::vector<HeaderField> keys = ensembleKeysOf(spec);
    EnsembleIndex index(keys, source.traceCount());
    ProgressCallback scanProgress;
    if (progress)
        scanProgress = [&](qint64 done, qint64) { return progress(done, total); };
    if (scanEnsembles(source, index, scanProgress) == LoadStatus::Cancelled)
        return std::nullopt;
    const TraceRange e = *spec.ensembles;
    const qint64 count = index.count();
    if (e.begin < 0 || e.begin > e.end || e.end > count)
        throw ArgumentError(source.path(),
                            QStringLiteral("ensemble range %1 is outside the %2 ensembles by %3 "
                                           "(expected 0 <= A <= B <= %2)")
                                .arg(rangeText(e.begin, e.end))
                                .arg(count)
                                .arg(keysText(keys)));
    if (e.begin == e.end)
        throw ArgumentError(source.path(),
                            QStringLiteral("the selection is empty: ensemble range %1 holds no "
                                           "ensemble (expected A < B)")
                                .arg(rangeText(e.begin, e.end)));
    const qint64 first = index.ensemble(e.begin).traces.begin;
    const qint64 end =
        e.end < count ? index.ensemble(e.end).traces.begin : index.ensemble(e.end - 1).traces.end;
    return TraceRange{first, end};
}

} // namespace

TraceSelection::TraceSelection(qint64 traces, qint64 samples)
    : m_bounds{0, std::max<qint64>(0, traces)}
    , m_count(std::max<qint64>(0, traces))
    , m_samples{0, std::max<qint64>(0, samples)} {}

bool TraceSelection::isEverything(qint64 sourceTraces, qint64 sourceSamples) const {
    return m_count == sourceTraces && m_bounds == TraceRange{0, sourceTraces} &&
           m_samples == SampleRange{0, sourceSamples};
}

qint64 TraceSelection::Cursor::next(qint64 max, qint64* out) {
    const TraceSelection& s = *m_selection;
    const qint64 n = std::min(std::max<qint64>(max, 0), s.m_count - m_done);
    if (n <= 0)
        return 0;
    if (s.m_bits.empty()) {
        for (qint64 k = 0; k < n; ++k)
            out[k] = s.m_bounds.begin + (m_done + k) * s.m_every;
        m_trace = out[n - 1] + 1;
        m_done += n;
        return n;
    }
    // Set bits from m_trace on, a word at a time.
    qint64 bit = std::max<qint64>(m_trace, s.m_bounds.begin) - s.m_bounds.begin;
    qint64 k = 0;
    while (k < n) {
        const std::size_t w = std::size_t(bit >> 6);
        std::uint64_t word = s.m_bits[w] & (~std::uint64_t(0) << (bit & 63));
        while (word && k < n) {
            const int b = std::countr_zero(word);
            out[k++] = s.m_bounds.begin + qint64(w) * 64 + b;
            word &= word - 1;
        }
        bit = k < n ? qint64(w + 1) * 64 : out[k - 1] - s.m_bounds.begin + 1;
    }
    m_trace = out[n - 1] + 1;
    m_done += n;
    return n;
}

std::optional<TraceSelection> resolveSelection(const TraceSource& source, const SelectionSpec& spec,
                                               const ProgressCallback& progress) {
    const qint64 traces = source.traceCount();
    const QString file = source.path();

    // Arguments first, so that a mistake is reported before any scan.
    if (spec.traces) {
        const TraceRange t = *spec.traces;
        if (t.begin < 0 || t.begin > t.end || t.end > traces)
            throw ArgumentError(file, QStringLiteral("trace range %1 is outside the source's %2 "
                                                     "traces (expected 0 <= A <= B <= %2)")
                                          .arg(rangeText(t.begin, t.end))
                                          .arg(traces));
        if (t.begin == t.end)
            throw ArgumentError(file, QStringLiteral("the selection is empty: trace range %1 "
                                                     "holds no trace (expected A < B)")
                                          .arg(rangeText(t.begin, t.end)));
    }
    if (spec.every < 1)
        throw ArgumentError(file, QStringLiteral("every %1 is not valid (expected 1 or more: "
                                                 "keep every Nth selected trace)")
                                      .arg(spec.every));
    for (const HeaderValueRange& w : spec.where) {
        if (w.field.byte.position < 1 ||
            w.field.byte.position - 1 + fieldTypeSize(w.field.type) > kTraceHeaderBytes)
            throw ArgumentError(file, QStringLiteral("header field '%1' at byte %2 does not fit "
                                                     "in the 240-byte trace header")
                                          .arg(w.field.name)
                                          .arg(w.field.byte.position));
        if (w.min > w.max)
            throw ArgumentError(file, QStringLiteral("the selection is empty: header range "
                                                     "%1=%2 holds no value (expected MIN <= MAX)")
                                          .arg(w.field.name, rangeText(w.min, w.max)));
    }
    if (spec.ensembles && (spec.ensembleKeys.size() > 2))
        throw ArgumentError(file, QStringLiteral("ensemble keys %1 are not valid (expected one "
                                                 "or two keys)")
                                      .arg(keysText(spec.ensembleKeys)));
    SampleRange samples{0, source.sampleCount()};
    if (spec.timeMs) {
        samples = timeWindowSamples(source, spec.timeMs->first, spec.timeMs->second);
        checkOneDelay(source, QStringLiteral("%1:%2 ms")
                                  .arg(msText(spec.timeMs->first), msText(spec.timeMs->second)));
    }
    if (traces == 0)
        throw ArgumentError(file, QStringLiteral("the selection is empty: the source has no "
                                                 "traces (expected at least one)"));
    if (samples.count() == 0)
        throw ArgumentError(file, QStringLiteral("the selection is empty: the traces have no "
                                                 "samples (expected at least one)"));

    // Work to report: the ensemble scan (every trace), then the header ranges (the candidates).
    const qint64 scanTotal = spec.ensembles ? traces : 0;
    const qint64 whereTotal =
        spec.where.empty() ? 0 : (spec.traces ? spec.traces->count() : traces);
    const qint64 total = scanTotal + whereTotal;

    TraceRange bounds{0, traces};
    if (spec.traces)
        bounds = *spec.traces;
    std::optional<TraceRange> fromEnsembles;
    if (spec.ensembles) {
        fromEnsembles = ensembleTraces(source, spec, progress, total);
        if (!fromEnsembles)
            return std::nullopt;
        bounds = TraceRange{std::max(bounds.begin, fromEnsembles->begin),
                            std::min(bounds.end, fromEnsembles->end)};
        if (bounds.end <= bounds.begin)
            throw ArgumentError(file, QStringLiteral("the selection is empty: no trace is in all "
                                                     "of %1 (expected ranges that overlap)")
                                          .arg(describeTraces(spec, fromEnsembles)));
    }

    TraceSelection selection(0, 0);
    selection.m_bounds = bounds;
    selection.m_samples = samples;
    if (spec.where.empty()) {
        selection.m_every = spec.every;
        selection.m_count = (bounds.count() + spec.every - 1) / spec.every;
        if (progress && total > 0 && !progress(total, total))
            return std::nullopt;
        return selection;
    }

    // Header ranges: one bit per candidate, set where every range holds, read a block of header
    // columns at a time.
    const qint64 n = bounds.count();
    std::vector<std::uint64_t> bits(std::size_t((n + 63) / 64), 0);
    std::vector<HeaderField> fields;
    for (const HeaderValueRange& w : spec.where)
        fields.push_back(w.field);
    const qint64 blockTraces = std::min(n, kHeaderBlockTraces);
    std::vector<qint64> values(fields.size() * std::size_t(blockTraces));
    std::vector<qint64*> columns(fields.size());
    for (std::size_t k = 0; k < fields.size(); ++k)
        columns[k] = values.data() + k * std::size_t(blockTraces);
    for (qint64 first = 0; first < n; first += blockTraces) {
        const qint64 count = std::min(blockTraces, n - first);
        source.readHeaderColumns(
            fields, TraceRange{bounds.begin + first, bounds.begin + first + count}, columns);
        for (qint64 t = 0; t < count; ++t) {
            bool keep = true;
            for (std::size_t k = 0; k < fields.size() && keep; ++k) {
                const qint64 v = columns[k][t];
                keep = v >= spec.where[k].min && v <= spec.where[k].max;
            }
            if (keep)
                bits[std::size_t((first + t) >> 6)] |= std::uint64_t(1) << ((first + t) & 63);
        }
        if (progress && !progress(scanTotal + first + count, total))
            return std::nullopt;
    }
    // Every Nth of what the ranges kept, then the count.
    qint64 kept = 0;
    for (std::uint64_t& word : bits) {
        if (spec.every == 1) {
            kept += std::popcount(word);
            continue;
        }
        std::uint64_t out = 0;
        for (std::uint64_t w = word; w; w &= w - 1) {
            if (kept++ % spec.every == 0)
                out |= w & -w;
        }
        word = out;
    }
    const qint64 count = spec.every == 1 ? kept : (kept + spec.every - 1) / spec.every;
    if (count == 0)
        throw ArgumentError(file, QStringLiteral("the selection is empty: no trace satisfies all "
                                                 "of %1 (expected at least one trace)")
                                      .arg(describeTraces(spec, fromEnsembles)));
    selection.m_bits = std::move(bits);
    selection.m_count = count;
    // Ensembles may have narrowed the candidates below the total announced.
    if (progress && scanTotal + n < total && !progress(total, total))
        return std::nullopt;
    return selection;
}

} // namespace seis
