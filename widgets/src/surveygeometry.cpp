#include "seis/surveygeometry.h"

#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/headerscalars.h"
#include "seis/base/progresstracker.h"
#include "seis/gathernavigator.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace seis {

namespace {

HeaderField fieldOf(const StandardTraceField& f) {
    return {QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type};
}

} // namespace

std::size_t PointAccumulator::KeyHash::operator()(const Key& k) const {
    const auto a = std::bit_cast<quint64>(k.x);
    const auto b = std::bit_cast<quint64>(k.y);
    return std::size_t(a * 0x9E3779B97F4A7C15ull ^ (b + 0x7F4A7C159E3779B9ull + (a << 6)));
}

PointAccumulator::PointAccumulator(qint64 maxExact, int gridSize)
    : m_maxExact(maxExact)
    , m_gridSize(gridSize) {
    if (maxExact < 0 || gridSize < 2)
        throw ArgumentError(QStringLiteral("geometry: %1 exact points and a grid of %2 cells a "
                                           "side, expected at least 0 and 2")
                                .arg(maxExact)
                                .arg(gridSize));
}

void PointAccumulator::add(double x, double y, qint64 trace) {
    x += 0.0; // -0 as 0, so equal positions hash alike
    y += 0.0;
    if (isBinned()) {
        addToGrid(x, y, trace);
        return;
    }
    const auto [it, inserted] = m_exact.try_emplace(Key{x, y}, trace);
    if (!inserted) {
        it->second = std::min(it->second, trace);
        return;
    }
    if (qint64(m_exact.size()) > m_maxExact)
        toGrid();
}

void PointAccumulator::toGrid() {
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const auto& [k, t] : m_exact) {
        x0 = std::min(x0, k.x);
        x1 = std::max(x1, k.x);
        y0 = std::min(y0, k.y);
        y1 = std::max(y1, k.y);
    }
    m_x0 = x0;
    m_y0 = y0;
    m_cellWidth = x1 > x0 ? (x1 - x0) / (m_gridSize - 1) : 1.0;
    m_cellHeight = y1 > y0 ? (y1 - y0) / (m_gridSize - 1) : 1.0;
    m_grid.assign(std::size_t(m_gridSize) * std::size_t(m_gridSize), -1);
    const auto exact = std::move(m_exact);
    m_exact = {};
    for (const auto& [k, t] : exact)
        addToGrid(k.x, k.y, t);
}

void PointAccumulator::addToGrid(double x, double y, qint64 trace) {
    const qint64 g = m_gridSize;
    const auto index = [g](double v, double origin, double cell) {
        const double i = std::floor((v - origin) / cell);
        return i < 0 ? qint64(-1) : i >= double(g) ? g : qint64(i);
    };
    // Doubles the cells along one axis, the old extent in the lower (`low`) or upper half.
    const auto grow = [this, g](bool alongX, bool extendDown) {
        std::vector<qint64> grown(m_grid.size(), -1);
        for (qint64 iy = 0; iy < g; ++iy)
            for (qint64 ix = 0; ix < g; ++ix) {
                const qint64 t = m_grid[std::size_t(iy * g + ix)];
                if (t < 0)
                    continue;
                qint64 nx = ix, ny = iy;
                (alongX ? nx : ny) = ((extendDown ? g : 0) + (alongX ? ix : iy)) / 2;
                qint64& cell = grown[std::size_t(ny * g + nx)];
                cell = cell < 0 ? t : std::min(cell, t);
            }
        m_grid = std::move(grown);
        double& origin = alongX ? m_x0 : m_y0;
        double& size = alongX ? m_cellWidth : m_cellHeight;
        if (extendDown)
            origin -= double(g) * size;
        size *= 2;
    };
    qint64 ix = index(x, m_x0, m_cellWidth);
    while (ix < 0 || ix >= g) {
        grow(true, ix < 0);
        ix = index(x, m_x0, m_cellWidth);
    }
    qint64 iy = index(y, m_y0, m_cellHeight);
    while (iy < 0 || iy >= g) {
        grow(false, iy < 0);
        iy = index(y, m_y0, m_cellHeight);
    }
    qint64& cell = m_grid[std::size_t(iy * g + ix)];
    cell = cell < 0 ? trace : std::min(cell, trace);
}

std::vector<GeometryPoint> PointAccumulator::points() const {
    std::vector<GeometryPoint> out;
    if (isBinned()) {
        const qint64 g = m_gridSize;
        for (qint64 iy = 0; iy < g; ++iy)
            for (qint64 ix = 0; ix < g; ++ix)
                if (const qint64 t = m_grid[std::size_t(iy * g + ix)]; t >= 0)
                    out.push_back({m_x0 + (double(ix) + 0.5) * m_cellWidth,
                                   m_y0 + (double(iy) + 0.5) * m_cellHeight, t});
    } else {
        out.reserve(m_exact.size());
        for (const auto& [k, t] : m_exact)
            out.push_back({k.x, k.y, t});
    }
    std::sort(out.begin(), out.end(), [](const GeometryPoint& a, const GeometryPoint& b) {
        return a.firstTrace != b.firstTrace ? a.firstTrace < b.firstTrace
               : a.x != b.x                 ? a.x < b.x
                                            : a.y < b.y;
    });
    return out;
}

std::vector<HeaderField> geometryFields() {
    using namespace tracefield;
    return {fieldOf(sx), fieldOf(sy), fieldOf(gx), fieldOf(gy), fieldOf(scalco)};
}

void addGeometry(PointAccumulator& sources, PointAccumulator& receivers, qint64 first, qint64 n,
                 std::span<const qint64* const> c) {
    for (qint64 i = 0; i < n; ++i) {
        const auto s = qint16(c[4][i]);
        sources.add(applySegyScalar(qint32(c[0][i]), s), applySegyScalar(qint32(c[1][i]), s),
                    first + i);
        receivers.add(applySegyScalar(qint32(c[2][i]), s), applySegyScalar(qint32(c[3][i]), s),
                      first + i);
    }
}

namespace {

SurveyGeometry resultOf(TraceRange traces, const PointAccumulator& sources,
                        const PointAccumulator& receivers) {
    SurveyGeometry g;
    g.traces = traces;
    g.sources = sources.points();
    g.receivers = receivers.points();
    g.sourcesBinned = sources.isBinned();
    g.receiversBinned = receivers.isBinned();
    return g;
}

} // namespace

SurveyGeometry geometryOf(const WindowHeaders& headers) {
    std::vector<const qint64*> columns;
    for (const HeaderField& f : geometryFields()) {
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
    PointAccumulator sources, receivers;
    addGeometry(sources, receivers, headers.traces.begin, headers.traces.count(), columns);
    return resultOf(headers.traces, sources, receivers);
}

QFuture<SurveyGeometry> readSurveyGeometryAsync(std::shared_ptr<const TraceSource> source,
                                                qint64 maxExact, int gridSize, qint64 blockTraces) {
    if (!source)
        throw ArgumentError(QStringLiteral("geometry: no source given"));
    if (blockTraces < 1)
        throw ArgumentError(
            QStringLiteral("geometry: blocks of %1 traces, expected at least 1").arg(blockTraces));
    PointAccumulator check(maxExact, gridSize); // throws here, on the calling thread
    return QtConcurrent::run(executors::jobs(), [source = std::move(source), maxExact, gridSize,
                                                 blockTraces](QPromise<SurveyGeometry>& promise) {
        const qint64 total = source->traceCount();
        const std::vector<HeaderField> fields = geometryFields();
        PointAccumulator sources(maxExact, gridSize), receivers(maxExact, gridSize);
        ProgressTracker tracker(total);
        const ProgressCallback progress = promiseProgress(promise, tracker);
        std::vector<std::vector<qint64>> block(fields.size());
        std::vector<qint64*> out(fields.size());
        std::vector<const qint64*> in(fields.size());
        for (qint64 first = 0; first < total; first += blockTraces) {
            const qint64 n = std::min(blockTraces, total - first);
            for (std::size_t f = 0; f < fields.size(); ++f) {
                block[f].resize(std::size_t(n));
                out[f] = block[f].data();
                in[f] = block[f].data();
            }
            source->readHeaderColumns(fields, {first, first + n}, out);
            addGeometry(sources, receivers, first, n, in);
            if (!progress(first + n, total))
                return;
        }
        promise.addResult(resultOf({0, total}, sources, receivers));
    });
}

} // namespace seis
