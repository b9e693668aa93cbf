#include "sessionkeeper.h"

#include "displaytoolbar.h"
#include "mainwindow.h"

#include "seis/base/tracesource.h"
#include <seis/gathernavigator.h>

#include <QFileInfo>
#include <QSettings>
#include <QSplitter>

namespace seis::gui {

namespace {

QSplitter* splitterOf(const MainWindow& window) {
    return window.findChild<QSplitter*>(QStringLiteral("mainSplitter"));
}

QString canonical(const QString& path) {
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QFileInfo(path).absoluteFilePath() : c;
}

} // namespace

SessionKeeper::SessionKeeper(MainWindow* window)
    : QObject(window)
    , m_window(window) {}

SessionState SessionKeeper::capture() const {
    SessionState s;
    s.geometry = m_window->saveGeometry();
    s.windowState = m_window->saveState(SessionState::kStateVersion);
    if (QSplitter* splitter = splitterOf(*m_window))
        s.splitter = splitter->saveState();
    s.display = m_window->displayToolBar()->settings();
    s.display.absoluteClip.reset();
    s.wholeFileClip = m_window->fileClip();
    if (const auto file = m_window->file()) {
        s.file = canonical(file->path());
        const GatherNavigator& nav = *m_window->navigator();
        s.ensemble = nav.currentEnsemble();
        const TraceRange view = nav.view();
        s.firstTrace = view.begin;
        s.traceCount = std::max<qint64>(1, view.count());
    }
    return s;
}

void SessionKeeper::restoreLayout(const SessionState& state) {
    if (!state.geometry.isEmpty())
        m_window->restoreGeometry(state.geometry);
    if (!state.windowState.isEmpty())
        m_window->restoreState(state.windowState, SessionState::kStateVersion);
    if (QSplitter* splitter = splitterOf(*m_window); splitter && !state.splitter.isEmpty())
        splitter->restoreState(state.splitter);
    m_window->setDisplaySettings(state.display);
    m_window->setFileClip(state.wholeFileClip);
}

bool SessionKeeper::isSessionFile(const SessionState& state, const QString& path) {
    return !state.file.isEmpty() && canonical(state.file) == canonical(path);
}

void SessionKeeper::restorePosition(const SessionState& state) {
    if (!m_window->file() || state.traceCount < 1)
        return;
    if (state.ensemble >= 0)
        m_window->showEnsembleWhenFound(state.ensemble);
    else
        m_window->navigator()->showTraces(state.firstTrace, state.traceCount); // clamps
}

void SessionKeeper::store() const {
    if (!m_kept)
        return;
    QSettings stored;
    capture().save(stored);
}

} // namespace seis::gui
