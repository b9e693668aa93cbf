#include "seis/ensembles/sortedsource.h"

#include "ensemblecache.h"
#include "seis/base/error.h"

#include <QStringList>

#include <algorithm>
#include <array>
#include <vector>

namespace seis {

SortedSource::SortedSource(std::shared_ptr<const TraceSource> file,
                           std::shared_ptr<const SortIndex> index)
    : m_file(std::move(file))
    , m_index(std::move(index)) {
    if (!m_file || !m_index)
        throw ArgumentError(
            QStringLiteral("SortedSource: no %1 given")
                .arg(m_file ? QStringLiteral("sort index") : QStringLiteral("file")));
    if (m_index->traceCount() != m_file->traceCount())
        throw ArgumentError(m_file->path(),
                            QStringLiteral("a sort index of %1 traces cannot order a file of %2 "
                                           "traces (expected a sort of this file)")
                                .arg(m_index->traceCount())
                                .arg(m_file->traceCount()));
}

template <class F> void SortedSource::forEachRun(TraceRange traces, F&& f) const {
    const auto order = m_index->order();
    qint64 p = traces.begin;
    while (p < traces.end) {
        const qint64 first = order[std::size_t(p)];
        qint64 q = p + 1;
        while (q < traces.end && order[std::size_t(q)] == first + (q - p))
            ++q;
        f(TraceRange{first, first + (q - p)}, p);
        p = q;
    }
}

QString SortedSource::path() const {
    return m_file->path();
}

qint64 SortedSource::traceCount() const {
    return m_file->traceCount();
}

qint64 SortedSource::sampleCount() const {
    return m_file->sampleCount();
}

double SortedSource::sampleIntervalUs() const {
    return m_file->sampleIntervalUs();
}

double SortedSource::startTimeMs() const {
    return m_file->startTimeMs();
}

void SortedSource::readWindow(TraceRange traces, SampleRange samples, float* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    const qint64 ns = samples.count();
    forEachRun(traces, [&](TraceRange run, qint64 at) {
        m_file->readWindow(run, samples, dst + (at - traces.begin) * ns);
    });
}

void SortedSource::readWindowDecimated(TraceRange traces, SampleRange samples, qint64 factor,
                                       float* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    const qint64 rows = decimatedCount(samples.count(), factor);
    forEachRun(traces, [&](TraceRange run, qint64 at) {
        m_file->readWindowDecimated(run, samples, factor, dst + (at - traces.begin) * rows);
    });
}

void SortedSource::readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                                     std::span<qint64* const> out) const {
    checkTraceRange(traces);
    std::vector<qint64*> at(out.size());
    forEachRun(traces, [&](TraceRange run, qint64 position) {
        for (std::size_t k = 0; k < out.size(); ++k)
            at[k] = out[k] + (position - traces.begin);
        m_file->readHeaderColumns(fields, run, at);
    });
}

void SortedSource::readTraceHeaders(TraceRange traces, std::byte* dst) const {
    checkTraceRange(traces);
    forEachRun(traces, [&](TraceRange run, qint64 at) {
        m_file->readTraceHeaders(run, dst + (at - traces.begin) * kTraceHeaderBytes);
    });
}

ByteOrder SortedSource::headerByteOrder() const {
    return m_file->headerByteOrder();
}

QString SortedSource::formatDescription() const {
    return m_file->formatDescription();
}

QJsonObject SortedSource::storageLayout() const {
    return m_file->storageLayout();
}

std::optional<SourceFileHeaders> SortedSource::fileHeaders() const {
    return m_file->fileHeaders();
}

std::optional<AmplitudeStatistics> SortedSource::storedStatistics() const {
    return m_file->storedStatistics(); // the same samples, in another order
}

QString SortedSource::identity() const {
    const QString id = m_file->identity();
    if (id.isEmpty())
        return {};
    return id + QStringLiteral("\nsorted by ") + detail::keySpec(m_index->keys());
}

void SortedSource::willRead(TraceRange traces) const {
    traces.begin = std::max<qint64>(0, traces.begin);
    traces.end = std::min(traceCount(), traces.end);
    if (traces.count() <= 0)
        return;
    int runs = 0;
    try {
        forEachRun(traces, [&](TraceRange run, qint64) {
            if (++runs <= 64)
                m_file->willRead(run);
        });
    } catch (...) { // advice never throws
    }
}

qint64 SortedSource::fileTrace(qint64 position) const {
    checkTraceRange({position, position + 1});
    return m_index->order()[std::size_t(position)];
}

qint64 fileTraceOf(const TraceSource& source, qint64 trace) {
    if (const auto* sorted = dynamic_cast<const SortedSource*>(&source))
        return sorted->fileTrace(trace);
    return trace;
}

std::shared_ptr<EnsembleIndex> sortedEnsembles(const SortIndex& index) {
    auto ensembles = std::make_shared<EnsembleIndex>(std::vector<HeaderField>{index.keys().front()},
                                                     index.traceCount());
    constexpr qint64 kBlock = 65536;
    std::vector<qint64> counts, keys;
    qint64 position = 0;
    for (qint64 g = 0; g < index.gatherCount(); g += kBlock) {
        const qint64 end = std::min(index.gatherCount(), g + kBlock);
        counts.clear();
        keys.clear();
        for (qint64 i = g; i < end; ++i) {
            const SortedGather s = index.gather(i);
            counts.push_back(s.traceCount);
            keys.push_back(s.key);
        }
        ensembles->appendRuns(position, counts, keys, {});
        position = index.gather(end - 1).firstPosition + index.gather(end - 1).traceCount;
    }
    ensembles->finish();
    return ensembles;
}

} // namespace seis
