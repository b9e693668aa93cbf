#include "tracescrollbar.h"

#include <QSignalBlocker>

#include <algorithm>

namespace seis::gui {

namespace {

// first * positions reaches 2^66 for 7.3e10 traces.
__extension__ typedef unsigned __int128 Wide;

// round(a * b / c) for non-negative a, b and positive c.
qint64 scaleRounded(qint64 a, qint64 b, qint64 c) {
    const Wide product = Wide(a) * Wide(b);
    return qint64((product + Wide(c) / 2) / Wide(c));
}

} // namespace

TraceScrollMapping::TraceScrollMapping(qint64 lastFirst)
    : m_lastFirst(std::max<qint64>(0, lastFirst))
    , m_positions(int(std::min(m_lastFirst, kMaxPositions))) {}

int TraceScrollMapping::toPosition(qint64 first) const {
    first = std::clamp<qint64>(first, 0, m_lastFirst);
    if (m_lastFirst == m_positions)
        return int(first);
    return int(scaleRounded(first, m_positions, m_lastFirst));
}

qint64 TraceScrollMapping::toFirst(int position) const {
    position = std::clamp(position, 0, m_positions);
    if (m_lastFirst == m_positions)
        return position;
    return scaleRounded(position, m_lastFirst, m_positions);
}

int TraceScrollMapping::span(qint64 traces) const {
    traces = std::max<qint64>(1, traces);
    if (m_lastFirst == m_positions || m_lastFirst == 0)
        return int(std::min<qint64>(traces, kMaxPositions));
    return int(
        std::clamp<qint64>(scaleRounded(traces, m_positions, m_lastFirst), 1, kMaxPositions));
}

TraceScrollBar::TraceScrollBar(QWidget* parent)
    : QScrollBar(Qt::Horizontal, parent) {
    setToolTip(tr("Traces of the whole file"));
    connect(this, &QScrollBar::valueChanged, this,
            [this](int position) { emit firstTraceChanged(m_mapping.toFirst(position)); });
}

void TraceScrollBar::setView(qint64 traceCount, TraceRange view) {
    const QSignalBlocker block(this);
    m_mapping = TraceScrollMapping(traceCount - view.count());
    setRange(0, m_mapping.positions());
    const int page = m_mapping.span(view.count());
    setPageStep(page);
    setSingleStep(std::max(1, page / 10));
    setValue(m_mapping.toPosition(view.begin));
}

} // namespace seis::gui
