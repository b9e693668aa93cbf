#include "seis/headerseries.h"

#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/headerscalars.h"
#include "seis/base/progresstracker.h"
#include "seis/gathernavigator.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <limits>

namespace seis {

namespace {

HeaderField fieldOf(const StandardTraceField& f) {
    return {QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type};
}

bool isStandardAt(const HeaderField& key, const StandardTraceField& f) {
    return key.byte.position == f.byte && key.type == f.type;
}

} // namespace

qint64 HeaderSeries::columnOf(qint64 trace) const {
    return (trace - traces.begin) * columns / traces.count();
}

qint64 HeaderSeries::columnStart(qint64 column) const {
    return traces.begin + (column * traces.count() + columns - 1) / columns;
}

std::optional<HeaderField> scalarFieldOf(const HeaderField& key) {
    using namespace tracefield;
    for (const StandardTraceField* f : {&sx, &sy, &gx, &gy, &cdpx, &cdpy})
        if (isStandardAt(key, *f))
            return fieldOf(scalco);
    for (const StandardTraceField* f : {&gelev, &selev, &sdepth, &gdel, &sdel, &swdep, &gwdep})
        if (isStandardAt(key, *f))
            return fieldOf(scalel);
    return std::nullopt;
}

std::vector<HeaderField> headerSeriesFields(std::span<const HeaderField> keys, bool applyScalars) {
    std::vector<HeaderField> fields(keys.begin(), keys.end());
    if (applyScalars)
        for (const HeaderField& k : keys)
            if (const auto s = scalarFieldOf(k);
                s && std::none_of(fields.begin(), fields.end(), [&](const HeaderField& f) {
                    return f.byte == s->byte && f.type == s->type;
                }))
                fields.push_back(*s);
    return fields;
}

HeaderSeriesBuilder::HeaderSeriesBuilder(std::vector<HeaderField> keys, bool applyScalars,
                                         TraceRange traces, qint64 maxColumns) {
    if (keys.empty() || keys.size() > 2)
        throw ArgumentError(
            QStringLiteral("header graph: %1 keys given, expected one or two").arg(keys.size()));
    if (maxColumns < 1)
        throw ArgumentError(
            QStringLiteral("header graph: %1 columns, expected at least 1").arg(maxColumns));
    m_fields = headerSeriesFields(keys, applyScalars);
    for (const HeaderField& k : keys) {
        int column = -1;
        if (applyScalars)
            if (const auto s = scalarFieldOf(k))
                for (std::size_t f = 0; f < m_fields.size(); ++f)
                    if (m_fields[f].byte == s->byte && m_fields[f].type == s->type)
                        column = int(f);
        m_scalarColumn.push_back(column);
    }
    m_series.keys = std::move(keys);
    m_series.scalarsApplied = applyScalars;
    m_series.traces = {traces.begin, std::max(traces.begin, traces.end)};
    m_series.columns = std::min(m_series.traces.count(), maxColumns);
    const auto columns = std::size_t(m_series.columns);
    m_series.min.assign(m_series.keys.size(),
                        std::vector<double>(columns, std::numeric_limits<double>::infinity()));
    m_series.max.assign(m_series.keys.size(),
                        std::vector<double>(columns, -std::numeric_limits<double>::infinity()));
}

void HeaderSeriesBuilder::add(qint64 first, qint64 n, std::span<const qint64* const> columns) {
    if (n <= 0 || m_series.columns == 0)
        return;
    for (std::size_t k = 0; k < m_series.keys.size(); ++k) {
        const qint64* values = columns[k];
        const qint64* scalars =
            m_scalarColumn[k] >= 0 ? columns[std::size_t(m_scalarColumn[k])] : nullptr;
        double* lo = m_series.min[k].data();
        double* hi = m_series.max[k].data();
        for (qint64 i = 0; i < n; ++i) {
            const double v = scalars ? applySegyScalar(qint32(values[i]), qint16(scalars[i]))
                                     : double(values[i]);
            const auto c = std::size_t(m_series.columnOf(first + i));
            lo[c] = std::min(lo[c], v);
            hi[c] = std::max(hi[c], v);
        }
    }
}

HeaderSeries headerSeriesOf(const WindowHeaders& headers, std::vector<HeaderField> keys,
                            bool applyScalars, qint64 maxColumns) {
    HeaderSeriesBuilder builder(std::move(keys), applyScalars, headers.traces, maxColumns);
    std::vector<const qint64*> columns;
    for (const HeaderField& f : builder.fields()) {
        const auto it =
            std::find_if(headers.fields.begin(), headers.fields.end(), [&](const HeaderField& h) {
                return h.byte == f.byte && h.type == f.type;
            });
        const auto k = std::size_t(it - headers.fields.begin());
        if (it == headers.fields.end() || k >= headers.columns.size() ||
            qint64(headers.columns[k].size()) != headers.traces.count())
            return {};
        columns.push_back(headers.columns[k].data());
    }
    builder.add(headers.traces.begin, headers.traces.count(), columns);
    return builder.result();
}

QFuture<HeaderSeries> readHeaderSeriesAsync(std::shared_ptr<const TraceSource> source,
                                            std::vector<HeaderField> keys, bool applyScalars,
                                            qint64 maxColumns, std::optional<TraceRange> traces,
                                            qint64 blockTraces) {
    if (!source)
        throw ArgumentError(QStringLiteral("header graph: no source given"));
    if (blockTraces < 1)
        throw ArgumentError(QStringLiteral("header graph: blocks of %1 traces, expected at least 1")
                                .arg(blockTraces));
    const TraceRange range = traces.value_or(TraceRange{0, source->traceCount()});
    if (range.begin < 0 || range.end < range.begin || range.end > source->traceCount())
        throw ArgumentError(source->path(),
                            QStringLiteral("header graph: traces %1-%2 asked for, expected a "
                                           "range inside 0-%3")
                                .arg(range.begin)
                                .arg(range.end)
                                .arg(source->traceCount()));
    // Checks the keys here, on the calling thread.
    HeaderSeriesBuilder check(keys, applyScalars, range, maxColumns);
    return QtConcurrent::run(executors::jobs(), [source = std::move(source), keys = std::move(keys),
                                                 applyScalars, maxColumns, range,
                                                 blockTraces](QPromise<HeaderSeries>& promise) {
        HeaderSeriesBuilder builder(keys, applyScalars, range, maxColumns);
        const std::vector<HeaderField>& fields = builder.fields();
        const qint64 total = range.count();
        ProgressTracker tracker(total);
        const ProgressCallback progress = promiseProgress(promise, tracker);
        std::vector<std::vector<qint64>> block(fields.size());
        std::vector<qint64*> out(fields.size());
        std::vector<const qint64*> in(fields.size());
        for (qint64 first = range.begin; first < range.end; first += blockTraces) {
            const qint64 n = std::min(blockTraces, range.end - first);
            for (std::size_t f = 0; f < fields.size(); ++f) {
                block[f].resize(std::size_t(n));
                out[f] = block[f].data();
                in[f] = block[f].data();
            }
            source->readHeaderColumns(fields, {first, first + n}, out);
            builder.add(first, n, in);
            if (!progress(first + n - range.begin, total))
                return;
        }
        promise.addResult(builder.result());
    });
}

} // namespace seis
