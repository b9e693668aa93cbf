#include "seis/traceannotation.h"

#include "seis/base/headerscalars.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace seis {

void TraceAnnotation::setRows(qint64 first, qint64 count, TraceLabels rows) {
    m_first = first;
    m_count = std::max<qint64>(0, count);
    m_rows.clear();
    for (auto& row : rows) {
        if (int(m_rows.size()) == kMaxRows)
            break;
        if (row.key.isEmpty() || qint64(row.values.size()) != m_count || m_count == 0)
            continue;
        if (row.scalars.size() != row.values.size())
            row.scalars.clear(); // no scalar for every trace: as stored
        m_rows.push_back(std::move(row));
    }
}

QString TraceAnnotation::title(int row) const {
    if (m_rows.empty())
        return QCoreApplication::translate("seis::TraceAnnotation", "trace");
    return row >= 0 && row < int(m_rows.size()) ? m_rows[std::size_t(row)].key : QString();
}

QString TraceAnnotation::label(int row, qint64 trace) const {
    if (m_rows.empty())
        return row == 0 ? QString::number(trace + 1) : QString();
    const qint64 i = trace - m_first;
    if (row < 0 || row >= int(m_rows.size()) || i < 0 || i >= m_count)
        return {};
    const TraceAnnotationRow& r = m_rows[std::size_t(row)];
    if (!r.scalars.empty())
        return formatScaledValue(
            applySegyScalar(r.values[std::size_t(i)], r.scalars[std::size_t(i)]));
    return QString::number(r.values[std::size_t(i)]);
}

std::vector<AnnotationTick>
TraceAnnotation::ticks(double lower, double upper, double pixelsPerTrace,
                       const std::function<int(const QString&)>& width) const {
    if (lower > upper)
        std::swap(lower, upper);
    qint64 a = qint64(std::ceil(lower - 1e-9));
    qint64 b = qint64(std::floor(upper + 1e-9));
    a = std::max(a, m_first);
    b = std::min(b, m_first + m_count - 1);
    std::vector<AnnotationTick> out;
    if (a > b || !(pixelsPerTrace > 0.0))
        return out;
    // The widest label of any row among the visible traces: digits are equally wide in the
    // fonts in use, so the longest text of each row is measured.
    int widest = 0;
    for (int r = 0; r < rowCount(); ++r) {
        QString longest;
        if (m_rows.empty()) {
            longest = label(r, b);
        } else if (!m_rows[std::size_t(r)].scalars.empty()) {
            for (qint64 t = a; t <= b; ++t) // scaled texts: measure the longest
                if (const QString l = label(r, t); l.size() > longest.size())
                    longest = l;
        } else {
            const auto& v = m_rows[std::size_t(r)].values;
            const auto [lo, hi] =
                std::minmax_element(v.begin() + (a - m_first), v.begin() + (b - m_first) + 1);
            const QString l = QString::number(*lo), h = QString::number(*hi);
            longest = l.size() > h.size() ? l : h;
        }
        widest = std::max(widest, width(longest));
    }
    const qint64 spacing =
        std::max<qint64>(1, qint64(std::ceil(double(widest + kGapPixels) / pixelsPerTrace)));
    // Labels are drawn centred on their trace but kept inside the plot (draw()): where that
    // moves one at an end of the view, it must still clear its neighbour, or it is left out.
    const double half = double(widest) / 2.0 / pixelsPerTrace;
    const double gap = double(widest + kGapPixels) / pixelsPerTrace;
    const auto centre = [&](qint64 t) {
        return std::max(lower + half, std::min(upper - half, double(t)));
    };
    const auto apart = [&](std::vector<AnnotationTick>& ticks) {
        std::vector<AnnotationTick> kept;
        for (auto& t : ticks)
            if (kept.empty() || centre(t.trace) - centre(kept.back().trace) >= gap - 1e-9)
                kept.push_back(std::move(t));
        ticks = std::move(kept);
    };
    const auto tick = [&](qint64 t) {
        AnnotationTick k;
        k.trace = t;
        for (int r = 0; r < rowCount(); ++r)
            k.labels << label(r, t);
        return k;
    };
    if (!m_rows.empty()) {
        // Where the first row changes value: the first trace of each run of equal values (the
        // window's first trace at the start of the file or of a gather: before it the value is
        // unknown).
        const auto& v = m_rows.front().values;
        std::vector<qint64> starts;
        for (qint64 t = a; t <= b; ++t)
            if (t == 0 || (t == m_first && m_firstStartsRun) ||
                (t > m_first && v[std::size_t(t - m_first)] != v[std::size_t(t - m_first - 1)]))
                starts.push_back(t);
        if (starts.size() >= 2 && qint64(starts.size()) * spacing <= b - a + 1) {
            qint64 last = 0;
            for (qint64 t : starts)
                if (out.empty() || t - last >= spacing) {
                    out.push_back(tick(t));
                    last = t;
                }
            apart(out);
            return out;
        }
    }
    // Every k-th trace, k a round number, at 1-based trace numbers that are multiples of k.
    qint64 k = 1;
    for (qint64 decade = 1;; decade *= 10) {
        const qint64 steps[] = {decade, 2 * decade, 5 * decade};
        const auto it = std::find_if(std::begin(steps), std::end(steps),
                                     [&](qint64 s) { return s >= spacing; });
        if (it != std::end(steps)) {
            k = *it;
            break;
        }
    }
    for (qint64 t = ((a + 1 + k - 1) / k) * k - 1; t <= b; t += k)
        out.push_back(tick(t));
    apart(out);
    return out;
}

int TraceAnnotation::height(const QFont& font) const {
    return rowCount() * QFontMetrics(font).height();
}

void TraceAnnotation::draw(QPainter& painter, const QFont& font, const QRect& plot, int bottom,
                           const std::vector<AnnotationTick>& ticks,
                           const std::function<double(double)>& pixelOf) const {
    const int left = plot.left();
    const QFontMetrics metrics(font);
    const int line = metrics.height();
    const int rows = rowCount();
    painter.save();
    painter.setFont(font);
    for (int r = 0; r < rows; ++r) {
        const int top = bottom - (rows - r) * line;
        painter.setPen(QColor(90, 90, 90));
        painter.drawText(QRect(0, top, std::max(0, left - 6), line),
                         Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(title(r), Qt::ElideRight, std::max(0, left - 6)));
        painter.setPen(Qt::black);
        for (const AnnotationTick& t : ticks) {
            const int x = int(std::lround(pixelOf(double(t.trace))));
            const QString& text = t.labels.value(r);
            const int w = metrics.horizontalAdvance(text) + 2;
            // Centred on the trace, moved inside the plot's width at its ends (never over the
            // titles).
            const int x0 = std::clamp(x - w / 2, left, std::max(left, plot.right() + 1 - w));
            painter.drawText(QRect(x0, top, w, line), Qt::AlignCenter, text);
        }
    }
    painter.restore();
}

} // namespace seis
