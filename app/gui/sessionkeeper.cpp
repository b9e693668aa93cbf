#include "sessionkeeper.h"

#include "displaytoolbar.h"
#include "mainwindow.h"
#include "sortcontrol.h"

#include "seis/base/error.h"
#include "seis/base/tracesource.h"
#include <seis/gathernavigator.h>

#include <QFileInfo>
#include <QSettings>
#include <QSplitter>
#include <array>
#include <memory>

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
        s.sortKeys = m_window->sortControl()->chosenKeys();
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
    if (!m_window->file())
        return;
    MainWindow* window = m_window;
    const auto show = [window, state] {
        if (state.traceCount < 1)
            return;
        if (state.ensemble >= 0)
            window->showEnsembleWhenFound(state.ensemble);
        else
            window->navigator()->showTraces(state.firstTrace, state.traceCount); // clamps
    };
    SortControl* sort = m_window->sortControl();
    if (sort->shownKeys() == state.sortKeys) {
        show();
        return;
    }
    // Once the sort is built; forgotten if it is cancelled or fails.
    auto built = std::make_shared<QMetaObject::Connection>();
    auto ended = std::make_shared<std::array<QMetaObject::Connection, 2>>();
    const auto forget = [built, ended] {
        disconnect(*built);
        disconnect((*ended)[0]);
        disconnect((*ended)[1]);
    };
    *built = connect(sort, &SortControl::sortChanged, this, [sort, show, forget] {
        forget();
        if (sort->sorted())
            show();
    });
    (*ended)[0] = connect(sort, &SortControl::sortCancelled, this, forget);
    (*ended)[1] = connect(sort, &SortControl::sortFailed, this, forget);
    try {
        sort->setKeys(state.sortKeys);
    } catch (const Error&) { // keys this version no longer reads: file order, no position
        forget();
    }
}

void SessionKeeper::store() const {
    if (!m_kept)
        return;
    QSettings stored;
    capture().save(stored);
}

} // namespace seis::gui
