#include "seis/pickoverlay.h"

#include "seis/gathernavigator.h"
#include "seis/gatherview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>
#include <limits>

namespace seis {

namespace {

const QColor kPickFill(255, 200, 0); // amber: seen on grey, red-white-blue and viridis
const QColor kPickLine(255, 140, 0);
const QColor kMeasureLine(0, 200, 255); // cyan

// A time read from the mouse, kept to 0.0001 ms (far below a pixel): the CSV stays readable.
double snap(double ms) {
    return std::round(ms * 1e4) / 1e4;
}

} // namespace

QString PickOverlay::Measure::text() const {
    QString s = PickOverlay::tr("\u0394t %1 ms").arg(dtMs, 0, 'f', 2);
    if (distance)
        s += PickOverlay::tr(", distance %1 m (offset)").arg(*distance, 0, 'f', 1);
    else
        s += PickOverlay::tr(", no distance (offset not read)");
    if (velocity)
        s += std::isinf(*velocity)
                 ? PickOverlay::tr(", apparent velocity infinite")
                 : PickOverlay::tr(", apparent velocity %1 m/s").arg(*velocity, 0, 'f', 0);
    return s;
}

PickOverlay::Measure PickOverlay::measure(const Point& a, const Point& b) {
    Measure m;
    m.a = a;
    m.b = b;
    m.dtMs = b.timeMs - a.timeMs;
    if (a.offset && b.offset) {
        m.distance = std::fabs(double(*b.offset) - double(*a.offset));
        if (m.dtMs != 0.0)
            m.velocity = *m.distance / std::fabs(m.dtMs) * 1000.0;
        else if (*m.distance > 0.0)
            m.velocity = std::numeric_limits<double>::infinity();
    }
    return m;
}

PickOverlay::PickOverlay(GatherView* view, QObject* parent)
    : QObject(parent)
    , m_view(view)
    , m_picks(QStringList{QStringLiteral("trace")}) {
    qRegisterMetaType<seis::PickOverlay::Measure>();
    if (m_view)
        m_view->addOverlay(this);
}

PickOverlay::~PickOverlay() {
    if (m_view)
        m_view->removeOverlay(this);
}

void PickOverlay::setActive(bool active) {
    m_active = active;
    m_drag = Drag::None;
    if (m_view)
        m_view->setCursor(active ? Qt::CrossCursor : Qt::ArrowCursor);
}

void PickOverlay::setPicks(PickSet picks) {
    m_picks = std::move(picks);
    m_undo.clear();
    m_undoEntries = 0;
    m_points.clear();
    m_drag = Drag::None;
    resolveKeys(); // the window's traces named by the set's keys, as far as their headers were read
    changed();
}

std::vector<HeaderField> PickOverlay::headerKeys() const {
    std::vector<HeaderField> fields;
    QStringList names = m_picks.keys();
    if (!names.contains(QStringLiteral("offset")))
        names << QStringLiteral("offset");
    for (const QString& name : names)
        if (name != QLatin1String(PickSet::kTraceKey))
            fields.push_back(parseHeaderField(name)); // PickSet checked the names
    return fields;
}

void PickOverlay::setWindowHeaders(const WindowHeaders& headers) {
    m_headers = headers;
    resolveKeys();
    if (m_view)
        m_view->updateOverlays();
}

void PickOverlay::resolveKeys() {
    const WindowHeaders& headers = m_headers;
    m_window = headers.traces;
    const auto n = std::size_t(std::max<qint64>(0, m_window.count()));
    m_keys.assign(n, std::nullopt);
    m_offsets.assign(n, std::nullopt);
    std::vector<qsizetype> columns;
    bool complete = true;
    for (const QString& name : m_picks.keys()) {
        const qsizetype c = name == QLatin1String(PickSet::kTraceKey) ? -2 : headers.indexOf(name);
        complete = complete && c != -1;
        columns.push_back(c);
    }
    const qsizetype offset = headers.indexOf(QStringLiteral("offset"));
    for (std::size_t i = 0; i < n; ++i) {
        const qint64 trace = m_window.begin + qint64(i);
        if (offset >= 0)
            m_offsets[i] = headers.value(offset, trace);
        if (!complete)
            continue;
        PickSet::Key key;
        for (const qsizetype c : columns) {
            if (c == -2) {
                key.push_back(trace);
                continue;
            }
            const auto v = headers.value(c, trace);
            if (!v)
                break;
            key.push_back(*v);
        }
        if (qsizetype(key.size()) == m_picks.keys().size())
            m_keys[i] = std::move(key);
    }
}

std::optional<PickSet::Key> PickOverlay::keyOf(qint64 trace) const {
    if (!inWindow(trace))
        return std::nullopt;
    return m_keys[std::size_t(trace - m_window.begin)];
}

std::optional<qint64> PickOverlay::offsetOf(qint64 trace) const {
    if (!inWindow(trace))
        return std::nullopt;
    return m_offsets[std::size_t(trace - m_window.begin)];
}

void PickOverlay::remember() {
    m_undo.emplace_back();
    // Bounded: kUndoDepth edits, and about kUndoEntries picks recorded over all of them.
    while (m_undo.size() > kUndoDepth || (m_undo.size() > 1 && m_undoEntries > kUndoEntries)) {
        m_undoEntries -= m_undo.front().size();
        m_undo.pop_front();
    }
}

void PickOverlay::record(const PickSet::Key& key) {
    if (m_undo.empty())
        return;
    if (m_undo.back().emplace(key, m_picks.time(key)).second)
        ++m_undoEntries;
}

void PickOverlay::put(const PickSet::Key& key, double timeMs) {
    record(key);
    m_picks.set(key, timeMs);
}

void PickOverlay::drop(const PickSet::Key& key) {
    record(key);
    m_picks.remove(key);
}

void PickOverlay::changed() {
    if (m_view)
        m_view->updateOverlays();
    emit picksChanged();
}

bool PickOverlay::pick(qint64 trace, double timeMs) {
    const auto key = keyOf(trace);
    if (!key || !std::isfinite(timeMs))
        return false;
    remember();
    put(*key, timeMs);
    addPoint(trace);
    changed();
    return true;
}

bool PickOverlay::remove(qint64 trace) {
    const auto key = keyOf(trace);
    if (!key || !m_picks.time(*key))
        return false;
    remember();
    drop(*key);
    changed();
    return true;
}

bool PickOverlay::removeAtCursor() {
    if (!m_hover)
        return false;
    const auto trace = traceUnder(*m_hover);
    return trace && remove(*trace);
}

void PickOverlay::undo() {
    if (m_undo.empty())
        return;
    // The picks the last edit changed, as they were before it.
    for (const auto& [key, time] : m_undo.back()) {
        if (time)
            m_picks.set(key, *time);
        else
            m_picks.remove(key);
    }
    m_undoEntries -= m_undo.back().size();
    m_undo.pop_back();
    changed();
}

void PickOverlay::clearPicks() {
    if (m_picks.empty())
        return;
    remember();
    for (const auto& [key, time] : m_picks.picks())
        record(key);
    m_picks.clear();
    m_points.clear();
    changed();
}

void PickOverlay::addPoint(qint64 trace) {
    const auto key = keyOf(trace);
    const auto time = key ? m_picks.time(*key) : std::nullopt;
    if (!time)
        return;
    // A trace picked again replaces its point.
    for (std::size_t i = 0; i < m_points.size(); ++i)
        if (m_points[i].point.trace == trace) {
            m_points.erase(m_points.begin() + qsizetype(i));
            break;
        }
    m_points.push_back({{trace, *time, offsetOf(trace)}, *key});
    while (m_points.size() > 2)
        m_points.erase(m_points.begin());
}

std::optional<PickOverlay::Measure> PickOverlay::lastMeasure() const {
    if (m_points.size() < 2)
        return std::nullopt;
    // At the picks' times now (moved, or back after an undo); none once one is removed.
    Point p[2];
    for (int i = 0; i < 2; ++i) {
        const auto time = m_picks.time(m_points[std::size_t(i)].key);
        if (!time)
            return std::nullopt;
        p[i] = m_points[std::size_t(i)].point;
        p[i].timeMs = *time;
    }
    return measure(p[0], p[1]);
}

std::optional<qint64> PickOverlay::traceUnder(QPointF position) const {
    if (!m_view || !m_view->plotRect().contains(position.toPoint()))
        return std::nullopt;
    const auto trace = qint64(std::llround(m_view->traceAt(position.x())));
    if (!inWindow(trace))
        return std::nullopt;
    return trace;
}

void PickOverlay::pickAlong(QPointF from, QPointF to) {
    const double c1 = m_view->traceAt(from.x());
    const double c2 = m_view->traceAt(to.x());
    const double t1 = m_view->timeAt(from.y());
    const double t2 = m_view->timeAt(to.y());
    const auto k0 = qint64(std::llround(c1));
    const auto k1 = qint64(std::llround(c2));
    const qint64 step = k1 >= k0 ? 1 : -1;
    const double lo = std::min(c1, c2), hi = std::max(c1, c2);
    for (qint64 k = k0;; k += step) {
        // The path's time where it crosses the trace's centre. A trace at an end of the segment
        // whose centre the path has not crossed (yet) gets the time at the segment's end, until
        // the path crosses it.
        const auto kc = double(k);
        const bool crosses = kc >= lo && kc <= hi;
        if (crosses || !m_crossed.contains(k)) {
            const double c = std::clamp(kc, lo, hi);
            const double f = c2 != c1 ? (c - c1) / (c2 - c1) : 1.0;
            if (const auto key = keyOf(k))
                put(*key, snap(t1 + f * (t2 - t1)));
            if (crosses)
                m_crossed.insert(k);
        }
        if (k == k1)
            break;
    }
    if (keyOf(k1))
        m_lastTrace = k1;
}

bool PickOverlay::mouseEvent(QMouseEvent& event) {
    if (!m_view)
        return false;
    const QPointF pos = event.position();
    if (event.type() == QEvent::MouseMove)
        m_hover = pos;
    if (!m_active)
        return false;
    switch (event.type()) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonDblClick: {
        if (event.button() == Qt::LeftButton && (event.modifiers() & Qt::ShiftModifier))
            return false; // the rubber band
        const auto trace = traceUnder(pos);
        if (!trace)
            return false;
        if (event.button() == Qt::RightButton) {
            remove(*trace);
            return true;
        }
        if (event.button() != Qt::LeftButton)
            return false;
        const double time = snap(m_view->timeAt(pos.y()));
        // A pick within reach is grabbed and moved; otherwise the trace under the cursor.
        qint64 grabbed = -1;
        double best = kGrabPixels;
        for (qint64 t = *trace - 3; t <= *trace + 3; ++t) {
            const auto key = keyOf(t);
            const auto picked = key ? m_picks.time(*key) : std::nullopt;
            if (!picked)
                continue;
            const QPointF p = m_view->pointOf(double(t), *picked);
            const double dist = std::hypot(p.x() - pos.x(), p.y() - pos.y());
            if (dist <= best) {
                best = dist;
                grabbed = t;
            }
        }
        const qint64 target = grabbed >= 0 ? grabbed : *trace;
        const auto key = keyOf(target);
        if (!key)
            return true; // a trace whose keys are not known (yet): nothing to pick
        remember();
        put(*key, time);
        m_drag = grabbed >= 0 ? Drag::Move : Drag::Path;
        m_dragTrace = target;
        m_lastTrace = target;
        m_last = pos;
        m_moved = false;
        m_crossed.clear();
        changed();
        return true;
    }
    case QEvent::MouseMove: {
        if (m_drag == Drag::None)
            return false;
        if (!(event.buttons() & Qt::LeftButton)) { // its release never came
            m_drag = Drag::None;
            return false;
        }
        if (m_drag == Drag::Move) {
            if (const auto key = keyOf(m_dragTrace))
                put(*key, snap(m_view->timeAt(pos.y())));
        } else {
            // Within the plot: the path is cut at its edges.
            const QRectF r = m_view->plotRect();
            const QPointF to(std::clamp(pos.x(), r.left(), r.right()),
                             std::clamp(pos.y(), r.top(), r.bottom()));
            pickAlong(m_last, to);
            m_last = to;
        }
        m_moved = true;
        changed();
        return false; // the cursor readout still follows the mouse
    }
    case QEvent::MouseButtonRelease: {
        if (event.button() == Qt::RightButton)
            return true; // the press removed a pick: no rubber band
        if (event.button() != Qt::LeftButton || m_drag == Drag::None)
            return false;
        if (m_drag == Drag::Path && m_lastTrace != m_dragTrace) {
            m_points.clear();
            addPoint(m_dragTrace);
            addPoint(m_lastTrace);
        } else {
            addPoint(m_dragTrace);
        }
        m_drag = Drag::None;
        m_view->updateOverlays();
        if (const auto m = lastMeasure())
            emit measured(*m);
        return true;
    }
    default:
        return false;
    }
}

void PickOverlay::paint(QPainter& painter, const GatherView& view) {
    if (m_picks.empty() || m_keys.empty())
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    // The visible traces of the window only.
    const auto [left, right] = view.visibleTraces();
    const qint64 first = std::max(m_window.begin, qint64(std::floor(std::min(left, right))) - 1);
    const qint64 end = std::min(m_window.end, qint64(std::ceil(std::max(left, right))) + 2);
    std::vector<std::optional<QPointF>> points;
    for (qint64 t = first; t < end; ++t) {
        const auto& key = m_keys[std::size_t(t - m_window.begin)];
        const auto time = key ? m_picks.time(*key) : std::nullopt;
        points.push_back(time ? std::optional(view.pointOf(double(t), *time)) : std::nullopt);
    }
    // Lines between picks of neighbouring traces, then the picks.
    painter.setPen(QPen(kPickLine, 1.5));
    for (std::size_t i = 1; i < points.size(); ++i)
        if (points[i - 1] && points[i])
            painter.drawLine(*points[i - 1], *points[i]);
    const double spacing = std::fabs(view.pointOf(1.0, 0.0).x() - view.pointOf(0.0, 0.0).x());
    const double radius = std::clamp(spacing / 2.0, 1.5, 3.5);
    painter.setPen(QPen(Qt::black, 1.0));
    painter.setBrush(kPickFill);
    for (const auto& p : points)
        if (p)
            painter.drawEllipse(*p, radius, radius);
    // The readout between the last two points.
    if (const auto m = lastMeasure()) {
        const QPointF a = view.pointOf(double(m->a.trace), m->a.timeMs);
        const QPointF b = view.pointOf(double(m->b.trace), m->b.timeMs);
        QPen pen(kMeasureLine, 1.5, Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawLine(a, b);
        painter.drawEllipse(a, radius + 2.5, radius + 2.5);
        painter.drawEllipse(b, radius + 2.5, radius + 2.5);
        const QString text = m->text();
        QFont font = view.font();
        font.setPointSizeF(font.pointSizeF() * 0.9);
        painter.setFont(font);
        const QFontMetrics metrics(font);
        QRectF box = metrics.boundingRect(text).adjusted(-4, -2, 4, 2);
        box.moveBottomLeft(b + QPointF(8, -8));
        const QRectF plot = view.plotRect();
        if (box.right() > plot.right())
            box.moveRight(plot.right() - 2);
        if (box.top() < plot.top())
            box.moveTop(plot.top() + 2);
        painter.setPen(QColor(80, 80, 80));
        painter.setBrush(QColor(255, 255, 255, 225));
        painter.drawRect(box);
        painter.setPen(Qt::black);
        painter.drawText(box, Qt::AlignCenter, text);
    }
    painter.restore();
}

} // namespace seis
