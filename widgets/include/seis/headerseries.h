// Header values against trace number, for the header graph (headergraph.h): one or two header
// keys over a run of traces, kept per column of a plot so that memory is independent of the
// trace count.
//
// A series over traces [b, b + N) with C columns (C = min(N, maxColumns)) holds, for each key and
// column c, the smallest and the largest value over the traces of that column:
//     column(t)      = (t - b) * C / N             (integer division),
//     columnStart(c) = b + ceil(c * N / C),
// so with N <= maxColumns every column is one trace (min = max = its value), and beyond that a
// column is the ~N/C traces one pixel column of the plot stands for (as an audio editor draws a
// waveform). Values are doubles: with `applyScalars`, coordinates (sx, sy, gx, gy, cdpx, cdpy)
// have scalco applied and elevations and depths (gelev ... gwdep) scalel (headerscalars.h);
// otherwise they are the header's integers.
//
// Indexing: traces are 0-based. Threads: HeaderSeriesBuilder is used by one thread at a time;
// readHeaderSeriesAsync runs on executors::jobs(). Errors: ArgumentError for bad arguments.
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QFuture>
#include <QtGlobal>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace seis {

struct WindowHeaders;

struct HeaderSeries {
    std::vector<HeaderField> keys; // one or two
    bool scalarsApplied = false;
    TraceRange traces;  // the traces the series covers
    qint64 columns = 0; // C above
    // min[k][c], max[k][c]: keys[k] over the traces of column c.
    std::vector<std::vector<double>> min;
    std::vector<std::vector<double>> max;

    bool isEmpty() const { return columns == 0; }
    // Whether a column stands for more than one trace.
    bool isBinned() const { return columns < traces.count(); }
    qint64 columnOf(qint64 trace) const;
    qint64 columnStart(qint64 column) const;
};

// The field whose scalar applies to `key` (scalco for coordinates, scalel for elevations and
// depths, by byte position), or nullopt.
std::optional<HeaderField> scalarFieldOf(const HeaderField& key);

// The header fields to read for `keys`: the keys, then the scalars they need (with
// `applyScalars`), each once.
std::vector<HeaderField> headerSeriesFields(std::span<const HeaderField> keys, bool applyScalars);

class HeaderSeriesBuilder {
public:
    // Throws ArgumentError for no key or more than two, or maxColumns < 1.
    HeaderSeriesBuilder(std::vector<HeaderField> keys, bool applyScalars, TraceRange traces,
                        qint64 maxColumns);
    // The fields each add() gives columns of, in this order (headerSeriesFields).
    const std::vector<HeaderField>& fields() const { return m_fields; }
    // Values of fields() for traces [first, first + n) (inside the series' traces):
    // columns[f][i] is fields()[f] of trace first + i.
    void add(qint64 first, qint64 n, std::span<const qint64* const> columns);
    HeaderSeries result() const { return m_series; }

private:
    std::vector<HeaderField> m_fields;
    std::vector<int> m_scalarColumn; // per key: its scalar's index in m_fields, or -1
    HeaderSeries m_series;
};

// The series of the traces a window's headers hold, from their columns (no read). Keys (or
// scalars) the headers lack give an empty series.
HeaderSeries headerSeriesOf(const WindowHeaders& headers, std::vector<HeaderField> keys,
                            bool applyScalars, qint64 maxColumns);

// Reads the series of `traces` of `source` (every trace when nullopt) on a worker
// (executors::jobs()), in blocks of `blockTraces` header columns (nothing else held: memory is
// the series plus one block). Progress 0..traces.count() with the ProgressTracker's text;
// cancelling stops it within one block (no result). Errors of the source are rethrown by
// QFuture::result(). Throws ArgumentError at once for a null source, bad keys or a range outside
// the source.
QFuture<HeaderSeries> readHeaderSeriesAsync(std::shared_ptr<const TraceSource> source,
                                            std::vector<HeaderField> keys, bool applyScalars,
                                            qint64 maxColumns,
                                            std::optional<TraceRange> traces = std::nullopt,
                                            qint64 blockTraces = 65536);

} // namespace seis
