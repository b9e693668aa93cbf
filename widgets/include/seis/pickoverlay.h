// Picking on a GatherView: picks drawn over the gather and edited with the mouse, kept in a
// PickSet (seis/processing/pickset.h) by the header key values of each trace, so a pick shows on
// its trace wherever the trace appears (another gather, another sort, the file reopened).
//
// In pick mode (setActive(true)), over the plot:
// - a left click picks the time under the cursor on the trace under it (replacing the trace's
//   pick: a click beside a pick moves it);
// - a left press within kGrabPixels of a pick and a drag moves that pick along its trace;
// - any other left drag picks along its path: every trace the path crosses gets the time of the
//   path where it crosses the trace's centre (linear between the mouse positions);
// - a right click removes the pick of the trace under the cursor (removeAtCursor() does the same
//   for a key);
// - Shift with the left button still zooms to a rubber band, the wheel still zooms.
// Times picked with the mouse are kept to 0.0001 ms. Out of pick mode the overlay only draws.
// Every edit can be undone (undo(): the last kUndoDepth edits, fewer when they changed more than
// about kUndoEntries picks together; an edit keeps only the picks it changed, so memory follows
// the edits, not the size of the set).
//
// The readout (measure()): between the last two points picked (a click's pick, or the first and
// the last pick of a drag): the time difference, the distance |offset_b - offset_a| from the
// traces' `offset` headers (bytes 37-40, as stored: no scalar applies to offset) and the apparent
// velocity distance / |dt| in offset units per second (m/s for a file in metres). Drawn as a
// dashed line between the two points with the numbers beside it, and sent with measured().
//
// Trace keys: the overlay learns the key values of the window's traces from the window's header
// values (setWindowHeaders, WindowHeaders of the GatherNavigator; headerKeys() says which fields
// it needs read). The pseudo key "trace" is the trace's 0-based file index.
//
// Ownership: a QObject (its Qt parent owns it) that adds itself to the view and removes itself
// when destroyed; the view must outlive it or be its parent. Threads: GUI thread only.
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/types.h"
#include "seis/gathernavigator.h"
#include "seis/gatheroverlay.h"
#include "seis/processing/pickset.h"

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace seis {

class GatherView;

class PickOverlay : public QObject, public GatherOverlay {
    Q_OBJECT

public:
    static constexpr double kGrabPixels = 6.0;
    static constexpr std::size_t kUndoDepth = 200;
    static constexpr std::size_t kUndoEntries = std::size_t(1) << 20; // picks recorded, about

    // One picked point: a trace (0-based, file), its time (ms) and offset when known.
    struct Point {
        qint64 trace = -1;
        double timeMs = 0.0;
        std::optional<qint64> offset;
        bool operator==(const Point&) const = default;
    };
    // The readout between two points (see above): dtMs = b - a (signed); distance and velocity
    // when both offsets are known; velocity infinite when dtMs is 0 and the distance is not.
    struct Measure {
        Point a, b;
        double dtMs = 0.0;
        std::optional<double> distance;
        std::optional<double> velocity;
        // "dt 12.0 ms, distance 350 m, apparent velocity 29167 m/s" (or what is known).
        QString text() const;
    };
    static Measure measure(const Point& a, const Point& b);

    explicit PickOverlay(GatherView* view, QObject* parent = nullptr);
    ~PickOverlay() override;

    // Pick mode: the mouse picks (see above). Off by default.
    void setActive(bool active);
    bool isActive() const { return m_active; }

    // The picks, and a new set to show and edit (clears the undo history and the readout).
    const PickSet& picks() const { return m_picks; }
    void setPicks(PickSet picks);
    // The header fields the overlay needs for each window (the set's keys other than "trace",
    // and offset), for GatherNavigator::setHeaderKeys.
    std::vector<HeaderField> headerKeys() const;
    // The key values of the traces of the window shown, from its header values; traces whose
    // keys were not read cannot be picked (their picks are not shown).
    void setWindowHeaders(const WindowHeaders& headers);

    // The key of trace `trace` (0-based, file) in the window, if known.
    std::optional<PickSet::Key> keyOf(qint64 trace) const;
    // Edits, each undoable: pick `timeMs` on `trace`; remove the pick of `trace`. Return whether
    // the trace could be picked (its key known) / had a pick.
    bool pick(qint64 trace, double timeMs);
    bool remove(qint64 trace);
    // Removes the pick of the trace last under the mouse over the view.
    bool removeAtCursor();
    bool canUndo() const { return !m_undo.empty(); }
    void undo();
    // Removes every pick (undoable).
    void clearPicks();

    // The readout of the last two points picked, if there are two, at their picks' times now
    // (none once one of them is removed).
    std::optional<Measure> lastMeasure() const;

    void paint(QPainter& painter, const GatherView& view) override;
    bool mouseEvent(QMouseEvent& event) override;

signals:
    // The pick set changed (an edit, undo, setPicks).
    void picksChanged();
    // A new readout (after a click or a drag that made the second point).
    void measured(const seis::PickOverlay::Measure& measure);

private:
    bool inWindow(qint64 trace) const { return trace >= m_window.begin && trace < m_window.end; }
    void resolveKeys(); // m_keys and m_offsets from m_headers
    void remember();    // starts an edit, for undo()
    // Every change of the picks goes through these: the edit records a pick's time before it.
    void record(const PickSet::Key& key);
    void put(const PickSet::Key& key, double timeMs);
    void drop(const PickSet::Key& key);
    void changed();              // redraw and emit picksChanged
    void addPoint(qint64 trace); // a point of the readout: the trace's pick as it is now
    std::optional<qint64> traceUnder(QPointF position) const; // in the window
    std::optional<qint64> offsetOf(qint64 trace) const;
    // Picks along the path from `from` to `to` (view coordinates).
    void pickAlong(QPointF from, QPointF to);

    QPointer<GatherView> m_view;
    bool m_active = false;
    PickSet m_picks;
    // Each edit: the picks it changed and their times before it (none: there was no pick).
    std::deque<std::map<PickSet::Key, std::optional<double>>> m_undo;
    std::size_t m_undoEntries = 0;                   // over all of m_undo
    WindowHeaders m_headers;                         // of the window shown
    TraceRange m_window;                             // traces of the window shown
    std::vector<std::optional<PickSet::Key>> m_keys; // per window trace
    std::vector<std::optional<qint64>> m_offsets;    // per window trace
    struct Picked {
        Point point;
        PickSet::Key key;
    };
    std::vector<Picked> m_points; // the last two points picked
    // The mouse: a drag in progress moving one pick, or picking along a path.
    enum class Drag { None, Move, Path } m_drag = Drag::None;
    qint64 m_dragTrace = -1;    // Move: the trace whose pick moves; Path: the first trace picked
    qint64 m_lastTrace = -1;    // Path: the last trace picked
    QPointF m_last;             // Path: the last mouse position
    std::set<qint64> m_crossed; // Path: the traces whose centre the path crossed
    bool m_moved = false;       // the drag went somewhere
    std::optional<QPointF> m_hover; // the mouse over the view, last seen
};

} // namespace seis

Q_DECLARE_METATYPE(seis::PickOverlay::Measure)
