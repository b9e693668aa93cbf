// The horizontal scroll bar over all traces of a file, for any trace count.
//
// QScrollBar positions are ints. Up to kMaxPositions first traces the bar moves trace by trace;
// beyond that (files of 2^30 traces and more, up to the 7.3e10 a 1 PB file of short traces has)
// its positions are spread evenly over the traces, so the bar always reaches the first and the
// last window and never overflows.
//
// Units: traces are 0-based; a view is a half-open TraceRange. GUI thread only.
#pragma once

#include "seis/base/types.h"

#include <QScrollBar>

namespace seis::gui {

// The pure mapping between first traces [0, lastFirst] and bar positions [0, positions()].
class TraceScrollMapping {
public:
    static constexpr qint64 kMaxPositions = qint64(1) << 30;

    // `lastFirst`: the largest first trace a view can have (trace count - view width, >= 0).
    explicit TraceScrollMapping(qint64 lastFirst = 0);

    qint64 lastFirst() const { return m_lastFirst; }
    int positions() const { return m_positions; } // the bar's maximum
    // The bar position of first trace `first` (clamped to [0, lastFirst]): the nearest one.
    int toPosition(qint64 first) const;
    // The first trace of bar position `position` (clamped): 0 for 0, lastFirst for positions().
    qint64 toFirst(int position) const;
    // Bar positions covering `traces` traces, at least 1 (the page step for a view that wide).
    int span(qint64 traces) const;

private:
    qint64 m_lastFirst = 0;
    int m_positions = 0;
};

class TraceScrollBar : public QScrollBar {
    Q_OBJECT

public:
    explicit TraceScrollBar(QWidget* parent = nullptr);

    // Shows `view` among `traceCount` traces without emitting firstTraceChanged.
    void setView(qint64 traceCount, TraceRange view);
    const TraceScrollMapping& mapping() const { return m_mapping; }

signals:
    // The user moved the bar: the view should start at `first` (0-based).
    void firstTraceChanged(qint64 first);

private:
    TraceScrollMapping m_mapping;
};

} // namespace seis::gui
