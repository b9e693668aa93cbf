#include "analysisdocks.h"

#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/geometrymap.h>
#include <seis/headergraph.h>
#include <seis/tracepanel.h>

#include <QAction>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <algorithm>

namespace seis::gui {

namespace {

QDockWidget* dock(QMainWindow* window, QWidget* panel, const QString& title, const QString& name,
                  Qt::DockWidgetArea area, QMenu* menu, const QString& action, const QString& tip) {
    auto* d = new QDockWidget(title, window);
    d->setObjectName(name);
    d->setWidget(panel);
    window->addDockWidget(area, d);
    d->hide();
    menu->addAction(d->toggleViewAction());
    d->toggleViewAction()->setObjectName(action);
    d->toggleViewAction()->setToolTip(tip);
    return d;
}

} // namespace

AnalysisDocks::AnalysisDocks(QMainWindow* window, GatherNavigator* navigator, GatherView* view,
                             QMenu* viewMenu)
    : QObject(window)
    , m_navigator(navigator)
    , m_view(view) {
    m_graph = new HeaderGraph(window);
    m_map = new GeometryMap(window);
    m_trace = new TracePanel(window);
    m_graphDock = dock(window, m_graph, tr("Header graph"), QStringLiteral("headerGraphDock"),
                       Qt::BottomDockWidgetArea, viewMenu, QStringLiteral("showHeaderGraph"),
                       tr("Header values against trace number, on screen or the whole file"));
    m_mapDock = dock(window, m_map, tr("Geometry map"), QStringLiteral("geometryDock"),
                     Qt::RightDockWidgetArea, viewMenu, QStringLiteral("showGeometryMap"),
                     tr("Source and receiver positions of the file or the gather on screen"));
    m_traceDock = dock(window, m_trace, tr("Trace"), QStringLiteral("traceDock"),
                       Qt::RightDockWidgetArea, viewMenu, QStringLiteral("showTraceView"),
                       tr("The wiggle and amplitude spectrum of one trace"));

    // Hidden panels are not kept up to date; shown, they start from the window on screen.
    connect(m_graphDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_graph->setActive(visible);
        if (visible)
            showWindow();
        emit windowFieldsChanged();
    });
    connect(m_mapDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        m_map->setActive(visible);
        if (visible)
            showWindow();
        emit windowFieldsChanged();
    });
    connect(m_traceDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible)
            showWindow();
    });
    connect(m_graph, &HeaderGraph::windowFieldsChanged, this, &AnalysisDocks::windowFieldsChanged);
    connect(m_graph, &HeaderGraph::traceClicked, this,
            [this](qint64 trace) { goToTrace(trace, false); });
    connect(m_map, &GeometryMap::sourceClicked, this,
            [this](qint64 trace) { goToTrace(trace, true); });
    connect(m_trace, &TracePanel::traceRequested, this,
            [this](qint64 trace) { goToTrace(trace, false); });
    connect(m_view, &GatherView::cursorMoved, m_trace, [this](qint64 trace) {
        if (m_traceDock->isVisible())
            m_trace->setCursorTrace(trace);
    });
    connect(m_navigator, &GatherNavigator::windowReady, this, &AnalysisDocks::showWindow);
    connect(m_navigator, &GatherNavigator::windowRefined, this, &AnalysisDocks::showWindow);
}

void AnalysisDocks::setFile(std::shared_ptr<const TraceSource> file) {
    m_file = std::move(file);
    m_graph->setSource(m_file);
    m_map->setSource(m_file);
    m_trace->clear();
}

void AnalysisDocks::setHeaderMapping(const HeaderMapping& mapping) {
    m_graph->setMapping(mapping);
}

std::vector<HeaderField> AnalysisDocks::windowFields() const {
    std::vector<HeaderField> fields;
    const auto add = [&](const std::vector<HeaderField>& more) {
        for (const HeaderField& f : more)
            if (std::find(fields.begin(), fields.end(), f) == fields.end())
                fields.push_back(f);
    };
    if (!m_graphDock->isHidden())
        add(m_graph->windowFields());
    if (!m_mapDock->isHidden())
        add(GeometryMap::windowFields());
    return fields;
}

void AnalysisDocks::showWindow() {
    if (!m_file)
        return;
    if (m_navigator->processed().isEmpty())
        return; // nothing delivered yet
    const WindowHeaders& headers = m_navigator->headers();
    if (m_graphDock->isVisible())
        m_graph->setWindowHeaders(headers);
    if (m_mapDock->isVisible())
        m_map->setWindowHeaders(headers);
    if (m_traceDock->isVisible())
        m_trace->setWindow(m_navigator->processed(), m_file->sampleIntervalUs() / 1000.0,
                           m_file->startTimeMs(), m_file->traceCount());
}

void AnalysisDocks::goToTrace(qint64 trace, bool gather) {
    if (!m_file || trace < 0 || trace >= m_file->traceCount())
        return;
    const auto index = m_navigator->ensembles();
    if (index && (gather || m_navigator->mode() == GatherNavigator::Mode::Ensembles))
        if (const auto e = index->ensembleOfTrace(trace)) {
            m_navigator->showEnsemble(e->number);
            return;
        }
    const qint64 width = std::max<qint64>(1, m_navigator->view().count());
    m_navigator->showTraces(trace - width / 2, width);
}

} // namespace seis::gui
