// The analysis panels of the main window, each in a dock hidden at first and listed in the View
// menu: the header graph (View > Header graph, bottom), the geometry map (View > Geometry map,
// right) and the single-trace view (View > Trace, right, beside the gather). This class makes
// them and wires them to the navigator and the gather view, so the main window only creates it:
// every window delivered gives its headers and samples to the visible panels; clicking a trace
// in the header graph, or a source on the map, moves the view there.
//
// The panels read nothing on the GUI thread: header values of the traces on screen come with the
// window (windowFields(): the main window adds them to the navigator's header keys), whole-file
// passes run on workers, and the trace view takes its samples from the window in memory.
//
// Threads: GUI thread only. Ownership: a QObject child of the window; the docks are the window's.
#pragma once

#include "seis/base/headermapping.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"

#include <QObject>
#include <memory>
#include <vector>

class QDockWidget;
class QMainWindow;
class QMenu;

namespace seis {
class GatherNavigator;
class GatherView;
class GeometryMap;
class HeaderGraph;
class TracePanel;
class TraceWindow;
} // namespace seis

namespace seis::gui {

class AnalysisDocks : public QObject {
    Q_OBJECT

public:
    // Adds the docks to `window` and their toggles to `viewMenu` (objectNames showHeaderGraph,
    // showGeometryMap, showTraceView).
    AnalysisDocks(QMainWindow* window, GatherNavigator* navigator, GatherView* view,
                  QMenu* viewMenu);

    // The open file (null: none).
    void setFile(std::shared_ptr<const TraceSource> file);
    // The user's own header fields (the viewer's mapping), for the header graph's keys.
    void setHeaderMapping(const HeaderMapping& mapping);
    // The header fields the visible panels need with every window.
    std::vector<HeaderField> windowFields() const;

    // Shows trace `trace` (0-based): the ensemble holding it in ensemble mode, or with `gather`
    // whenever the ensemble index knows it; otherwise the traces around it (as many as now).
    void goToTrace(qint64 trace, bool gather);

    HeaderGraph* headerGraph() const { return m_graph; }
    GeometryMap* geometryMap() const { return m_map; }
    TracePanel* tracePanel() const { return m_trace; }
    QDockWidget* headerGraphDock() const { return m_graphDock; }
    QDockWidget* geometryDock() const { return m_mapDock; }
    QDockWidget* traceDock() const { return m_traceDock; }

signals:
    // windowFields() changed: the navigator should read them from the next window on (and ask
    // for the traces on screen again).
    void windowFieldsChanged();

private:
    void showWindow();

    GatherNavigator* m_navigator;
    GatherView* m_view;
    std::shared_ptr<const TraceSource> m_file;
    HeaderGraph* m_graph = nullptr;
    GeometryMap* m_map = nullptr;
    TracePanel* m_trace = nullptr;
    QDockWidget* m_graphDock = nullptr;
    QDockWidget* m_mapDock = nullptr;
    QDockWidget* m_traceDock = nullptr;
};

} // namespace seis::gui
