// Source and receiver positions for the geometry map (geometrymap.h): sx, sy (sources) and gx,
// gy (receivers) of every trace, scalco applied (headerscalars.h), each distinct position once
// with the first trace (0-based) that has it.
//
// Memory is bounded whatever the trace count: a PointAccumulator keeps distinct positions exactly
// up to maxExact of them (sources are usually few); past that it keeps a raster of gridSize x
// gridSize cells instead, each with the first trace of the points that fell in it, and its points
// are the centres of the occupied cells. The raster covers the points seen so far; a point outside
// doubles a cell's size along that axis (merging pairs of cells) until it fits, so its memory is
// fixed (gridSize^2 x 8 bytes) whatever the extent.
//
// Threads: an accumulator is used by one thread at a time; readSurveyGeometryAsync runs on
// executors::jobs(). Errors: ArgumentError for bad arguments.
#pragma once

#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QFuture>
#include <QtGlobal>
#include <memory>
#include <span>
#include <unordered_map>
#include <vector>

namespace seis {

struct WindowHeaders;

struct GeometryPoint {
    double x = 0;
    double y = 0;
    qint64 firstTrace = 0; // 0-based
};

class PointAccumulator {
public:
    static constexpr qint64 kDefaultMaxExact = 250000;
    static constexpr int kDefaultGridSize = 512;
    // Throws ArgumentError for maxExact < 0 or gridSize < 2.
    explicit PointAccumulator(qint64 maxExact = kDefaultMaxExact, int gridSize = kDefaultGridSize);

    // A position of trace `trace`; traces may come in any order (the smallest is kept).
    void add(double x, double y, qint64 trace);
    // Whether the points are raster cells (more than maxExact distinct positions were added).
    bool isBinned() const { return !m_grid.empty(); }
    // Distinct positions (or occupied cells' centres), in ascending order of first trace.
    std::vector<GeometryPoint> points() const;
    // With isBinned(): a cell's width and height in the points' units.
    double cellWidth() const { return m_cellWidth; }
    double cellHeight() const { return m_cellHeight; }

private:
    void toGrid();
    void addToGrid(double x, double y, qint64 trace);

    struct Key {
        double x, y;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const;
    };
    qint64 m_maxExact;
    int m_gridSize;
    std::unordered_map<Key, qint64, KeyHash> m_exact;
    std::vector<qint64> m_grid; // row-major gridSize^2 first traces, -1 empty
    double m_x0 = 0, m_y0 = 0, m_cellWidth = 1, m_cellHeight = 1;
};

struct SurveyGeometry {
    TraceRange traces; // the traces read
    std::vector<GeometryPoint> sources;
    std::vector<GeometryPoint> receivers;
    bool sourcesBinned = false;
    bool receiversBinned = false;
    bool isEmpty() const { return traces.count() == 0; }
};

// The header fields read for the geometry, in this order: sx, sy, gx, gy, scalco.
std::vector<HeaderField> geometryFields();

// Adds traces [first, first + n) with columns of geometryFields() (columns[f][i] of trace
// first + i) to the accumulators.
void addGeometry(PointAccumulator& sources, PointAccumulator& receivers, qint64 first, qint64 n,
                 std::span<const qint64* const> columns);

// The geometry of the traces a window's headers hold (no read); empty when they lack a field.
SurveyGeometry geometryOf(const WindowHeaders& headers);

// The geometry of every trace of `source`, read on a worker (executors::jobs()) in blocks of
// `blockTraces` traces: memory is the accumulators plus one block. Progress 0..traceCount with
// the ProgressTracker's text; cancelling stops it within one block (no result). Errors of the
// source are rethrown by QFuture::result(). Throws ArgumentError at once for a null source.
QFuture<SurveyGeometry> readSurveyGeometryAsync(
    std::shared_ptr<const TraceSource> source, qint64 maxExact = PointAccumulator::kDefaultMaxExact,
    int gridSize = PointAccumulator::kDefaultGridSize, qint64 blockTraces = 65536);

} // namespace seis
