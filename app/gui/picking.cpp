#include "picking.h"

#include "processingpanel.h"

#include "seis/base/error.h"
#include "seis/gathernavigator.h"
#include "seis/gatherview.h"
#include "seis/pickoverlay.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QToolBar>

namespace seis::gui {

Picking::Picking(GatherView* view, GatherNavigator* navigator, ProcessingPanel* processing,
                 QMainWindow* window)
    : QObject(window)
    , m_view(view)
    , m_navigator(navigator)
    , m_processing(processing)
    , m_window(window) {
    m_overlay = new PickOverlay(view, this);

    m_mode = new QAction(tr("Pick"), this);
    m_mode->setObjectName(QStringLiteral("pickMode"));
    m_mode->setCheckable(true);
    m_mode->setShortcut(Qt::Key_P);
    m_mode->setShortcutContext(Qt::WindowShortcut);
    m_mode->setToolTip(
        tr("Pick mode (P): click to pick a time on a trace, drag to pick along an event, drag a "
           "pick to move it, right-click or Delete to remove one, Ctrl+Z to undo. The plot shows "
           "time, distance and apparent velocity between the last two points picked."));
    connect(m_mode, &QAction::toggled, m_overlay, &PickOverlay::setActive);

    m_save = new QAction(tr("Save picks..."), this);
    m_save->setObjectName(QStringLiteral("savePicks"));
    connect(m_save, &QAction::triggered, this, &Picking::chooseSave);
    m_load = new QAction(tr("Load picks..."), this);
    m_load->setObjectName(QStringLiteral("loadPicks"));
    connect(m_load, &QAction::triggered, this, &Picking::chooseLoad);

    m_undo = new QAction(tr("Undo pick"), this);
    m_undo->setObjectName(QStringLiteral("undoPick"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setShortcutContext(Qt::WindowShortcut);
    m_undo->setEnabled(false);
    connect(m_undo, &QAction::triggered, m_overlay, &PickOverlay::undo);
    m_delete = new QAction(tr("Delete pick under the cursor"), this);
    m_delete->setObjectName(QStringLiteral("deletePick"));
    m_delete->setShortcut(Qt::Key_Delete);
    m_delete->setShortcutContext(Qt::WindowShortcut);
    connect(m_delete, &QAction::triggered, m_overlay, &PickOverlay::removeAtCursor);
    m_clear = new QAction(tr("Clear picks"), this);
    m_clear->setObjectName(QStringLiteral("clearPicks"));
    connect(m_clear, &QAction::triggered, m_overlay, &PickOverlay::clearPicks);
    m_mute = new QAction(tr("Mute above picks"), this);
    m_mute->setObjectName(QStringLiteral("muteWithPicks"));
    m_mute->setToolTip(tr("Adds a pickmute step to the processing flow: every trace muted above "
                          "the picked time, interpolated in offset (the picks are saved first)"));
    connect(m_mute, &QAction::triggered, this, &Picking::chooseMute);

    connect(m_overlay, &PickOverlay::picksChanged, this, [this] {
        m_saved = false;
        m_undo->setEnabled(m_overlay->canUndo());
    });
    const auto follow = [this] { m_overlay->setWindowHeaders(m_navigator->headers()); };
    connect(m_navigator, &GatherNavigator::windowReady, this, follow);
    connect(m_navigator, &GatherNavigator::windowRefined, this, follow);
}

void Picking::addActions(QMenu* fileMenu, QAction* before, QToolBar* toolbar) {
    fileMenu->insertAction(before, m_save);
    fileMenu->insertAction(before, m_load);
    fileMenu->insertSeparator(before);
    QMenu* picks = m_window->menuBar()->addMenu(tr("&Picks"));
    for (QAction* a : {m_mode, m_undo, m_delete, m_clear})
        picks->addAction(a);
    picks->addSeparator();
    picks->addAction(m_save);
    picks->addAction(m_load);
    picks->addAction(m_mute);
    toolbar->addAction(m_mode);
}

std::vector<HeaderField> Picking::headerKeys() const {
    return m_overlay->headerKeys();
}

void Picking::fileOpened(const std::vector<HeaderField>& ensembleKeys) {
    if (m_overlay->picks().empty())
        setKeys(ensembleKeys);
}

void Picking::setKeys(const std::vector<HeaderField>& ensembleKeys) {
    QStringList keys;
    for (const HeaderField& k : ensembleKeys)
        keys << k.name;
    if (keys.isEmpty())
        keys << QString::fromLatin1(PickSet::kTraceKey);
    if (!keys.contains(QStringLiteral("offset")))
        keys << QStringLiteral("offset");
    if (keys == m_overlay->picks().keys())
        return;
    // The caller reads the new keys with the file's first window: no headerKeysChanged().
    m_overlay->setPicks(PickSet(keys));
    m_saved = true;
}

bool Picking::savePicks(const QString& path, bool quiet) {
    try {
        m_overlay->picks().save(path);
    } catch (const Error& e) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Cannot save the picks"),
                                 QString::fromUtf8(e.what()));
        return false;
    }
    m_path = path;
    m_saved = true;
    m_window->statusBar()->showMessage(
        tr("Saved %1 picks to %2").arg(m_overlay->picks().size()).arg(path), 10000);
    return true;
}

bool Picking::loadPicks(const QString& path, bool quiet) {
    try {
        const QStringList before = m_overlay->picks().keys();
        m_overlay->setPicks(PickSet::load(path));
        if (m_overlay->picks().keys() != before)
            emit headerKeysChanged();
    } catch (const Error& e) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Cannot load the picks"),
                                 QString::fromUtf8(e.what()));
        return false;
    }
    m_path = path;
    m_saved = true;
    return true;
}

bool Picking::muteWith(const QString& path, bool quiet) {
    if (!savePicks(path, quiet))
        return false;
    nlohmann::ordered_json flow = m_processing->flow();
    flow["steps"].push_back({{"step", "pickmute"},
                             {"picks", QFileInfo(path).absoluteFilePath().toStdString()},
                             {"key", "offset"},
                             {"absolute", true},
                             {"mode", "top"},
                             {"taper_ms", 20},
                             {"shift_ms", 0}});
    try {
        m_processing->setFlow(flow);
    } catch (const Error& e) {
        if (!quiet)
            QMessageBox::warning(m_window, tr("Cannot mute with the picks"),
                                 QString::fromUtf8(e.what()));
        return false;
    }
    return true;
}

bool Picking::hasUnsavedPicks() const {
    return !m_saved && !m_overlay->picks().empty();
}

bool Picking::confirmClose() {
    if (!hasUnsavedPicks())
        return true;
    const auto answer = QMessageBox::question(
        m_window, tr("Unsaved picks"),
        tr("The picks have changed since they were last saved. Save them before closing?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Discard) {
        m_saved = true;
        return true;
    }
    chooseSave();
    return m_saved; // the dialog cancelled, or the save failed (said): stay open
}

void Picking::chooseSave() {
    const QString path = QFileDialog::getSaveFileName(m_window, tr("Save picks"),
                                                      m_path.isEmpty() ? QDir::homePath() : m_path,
                                                      tr("Picks (*.csv);;All files (*)"));
    if (!path.isEmpty())
        savePicks(path);
}

void Picking::chooseLoad() {
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Load picks"),
                                                      m_path.isEmpty() ? QDir::homePath() : m_path,
                                                      tr("Picks (*.csv);;All files (*)"));
    if (!path.isEmpty())
        loadPicks(path);
}

void Picking::chooseMute() {
    if (m_overlay->picks().empty()) {
        QMessageBox::information(m_window, tr("Mute above picks"),
                                 tr("Pick the mute first (Picks > Pick, or P)."));
        return;
    }
    QString path = m_path;
    if (path.isEmpty() || !m_saved)
        path = QFileDialog::getSaveFileName(m_window, tr("Save the picks for the mute"),
                                            m_path.isEmpty() ? QDir::homePath() : m_path,
                                            tr("Picks (*.csv);;All files (*)"));
    if (!path.isEmpty())
        muteWith(path);
}

} // namespace seis::gui
