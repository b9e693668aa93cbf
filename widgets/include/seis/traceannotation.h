// Trace annotation as in SeiSee: up to kMaxRows rows of header values (FFID, offset, CDP...)
// above the gather, at ticks chosen from the data rather than at round trace numbers.
//
// Ticks: the visible traces are labelled where their labels fit side by side (every row's
// widest label plus kGapPixels between neighbours). Where the first row's key changes value
// (the first trace of each shot, say; the window's first trace only if it is the file's) and
// those changes are far enough apart on average, the ticks are those first traces (thinned
// where two come too close); otherwise every k-th trace,
// k the smallest of 1, 2, 5, 10, 20, 50... that keeps the labels apart, at traces whose 1-based
// number is a multiple of k. Without header rows the one row is the trace number, 1-based.
//
// Indexing: traces are 0-based and absolute (the file's), as in GatherView; the trace numbers
// shown are 1-based. Values come with the window (read on the navigator's worker).
// Threads: a plain value type, used on the GUI thread.
#pragma once

#include <QFont>
#include <QRect>
#include <QString>
#include <QStringList>
#include <QtGlobal>
#include <functional>
#include <vector>

class QPainter;

namespace seis {

// One row of annotation: values[t - first] is header `key` of trace t of the window. For a
// coordinate or elevation, `scalars` holds each trace's SEG-Y scalar (scalco or scalel), applied
// to the value shown (seis/base/headerscalars.h); empty: values shown as stored.
struct TraceAnnotationRow {
    QString key;
    std::vector<qint64> values;
    std::vector<qint64> scalars = {};
};
// The rows of a window, top to bottom (empty: trace numbers).
using TraceLabels = std::vector<TraceAnnotationRow>;

// A labelled trace: labels[r] is row r's text under it.
struct AnnotationTick {
    qint64 trace = 0;
    QStringList labels;
};

class TraceAnnotation {
public:
    static constexpr int kMaxRows = 3;
    static constexpr int kGapPixels = 12; // at least this much space between two labels

    // The rows of the window of traces [first, first + count). Rows without one value per trace
    // are dropped, and rows beyond kMaxRows.
    void setRows(qint64 first, qint64 count, TraceLabels rows);
    const TraceLabels& rows() const { return m_rows; }
    // Whether the window's first trace starts a run of the first row's values (a window that is
    // one gather), so it is labelled like every other start; otherwise only trace 0 is (the value
    // before the window is unknown). Default false; kept across setRows.
    void setFirstStartsRun(bool starts) { m_firstStartsRun = starts; }
    qint64 first() const { return m_first; }

    // Rows drawn: the header rows, or the one row of trace numbers.
    int rowCount() const { return m_rows.empty() ? 1 : int(m_rows.size()); }
    // The title of row `row`: its key, or "trace".
    QString title(int row) const;
    // The text of row `row` under trace `trace`: its header value, or its 1-based number
    // (without header rows); empty for a trace outside the window.
    QString label(int row, qint64 trace) const;

    // The ticks for the traces whose centres lie in [lower, upper] (fractional trace
    // coordinates), drawn `pixelsPerTrace` apart, labels measured by `width` (pixels).
    std::vector<AnnotationTick> ticks(double lower, double upper, double pixelsPerTrace,
                                      const std::function<int(const QString&)>& width) const;

    // Pixels the rows take in `font`, and drawing them: row r's labels centred on x =
    // pixelOf(trace) (kept within the plot's width at its ends), the rows stacked upward from
    // `bottom` (the last row ends there), the titles right-aligned left of `plot`.
    int height(const QFont& font) const;
    void draw(QPainter& painter, const QFont& font, const QRect& plot, int bottom,
              const std::vector<AnnotationTick>& ticks,
              const std::function<double(double)>& pixelOf) const;

private:
    qint64 m_first = 0;
    qint64 m_count = 0;
    bool m_firstStartsRun = false;
    TraceLabels m_rows;
};

} // namespace seis
