// Picking in the viewer: the pick mode, the Picks menu and File > Save picks... / Load picks...,
// and "Mute above picks" (a pickmute step in the processing
// flow). The picks themselves and the mouse are the PickOverlay's (seis/pickoverlay.h); this
// class only wires it to the window.
//
// Pick keys: a new pick set (at the first file opened, after Clear picks) names traces by the
// ensemble keys and offset (fldr,offset by default: a trace wherever a sort puts it); with no
// ensemble keys, by the trace's index in the file and offset. A loaded CSV brings its own keys.
// The set is kept across files (picks show on any file whose traces carry those key values).
//
// Ownership: a QObject owned by its parent (the main window); the view, the navigator and the
// processing panel must outlive it. Threads: GUI thread only.
#pragma once

#include "seis/base/traceheaderfield.h"

#include <QObject>
#include <QString>
#include <vector>

class QAction;
class QMainWindow;
class QMenu;
class QToolBar;

namespace seis {
class GatherNavigator;
class GatherView;
class PickOverlay;
} // namespace seis

namespace seis::gui {

class ProcessingPanel;

class Picking : public QObject {
    Q_OBJECT

public:
    Picking(GatherView* view, GatherNavigator* navigator, ProcessingPanel* processing,
            QMainWindow* window);

    // Adds Save picks... and Load picks... to `fileMenu` before `before`, the Picks menu to the
    // window's menu bar and the pick-mode toggle to `toolbar`.
    void addActions(QMenu* fileMenu, QAction* before, QToolBar* toolbar);

    PickOverlay* overlay() const { return m_overlay; }
    QAction* modeAction() const { return m_mode; }
    // The header fields each window must bring for the picks (GatherNavigator::setHeaderKeys).
    std::vector<HeaderField> headerKeys() const;
    // A file was opened whose ensembles are keyed by `ensembleKeys`: an empty pick set takes
    // its keys from them (see above).
    void fileOpened(const std::vector<HeaderField>& ensembleKeys);

    // The file actions without their dialogs (tests): false, with the message box shown unless
    // `quiet`, when they fail.
    bool savePicks(const QString& path, bool quiet = false);
    bool loadPicks(const QString& path, bool quiet = false);
    // Adds {"step": "pickmute", "picks": PATH, "mode": "top", "taper_ms": 20} to the flow for
    // the pick file `path` (saved first); false when that fails.
    bool muteWith(const QString& path, bool quiet = false);

    // Whether there are picks that differ from the pick file last saved or loaded.
    bool hasUnsavedPicks() const;
    // Before the window closes: with unsaved picks, asks whether to save them (the save dialog),
    // discard them or cancel. Returns whether closing may go on (true at once without unsaved
    // picks; after "Discard" the picks count as settled and are not asked about again).
    bool confirmClose();

signals:
    // headerKeys() changed (picks loaded with other keys): the window's header values must be
    // read again.
    void headerKeysChanged();

private:
    void setKeys(const std::vector<HeaderField>& ensembleKeys);
    void chooseSave();
    void chooseLoad();
    void chooseMute();

    GatherView* m_view;
    GatherNavigator* m_navigator;
    ProcessingPanel* m_processing;
    QMainWindow* m_window;
    PickOverlay* m_overlay;
    QAction* m_mode;
    QAction* m_save;
    QAction* m_load;
    QAction* m_undo;
    QAction* m_delete;
    QAction* m_clear;
    QAction* m_mute;
    QString m_path;      // the pick file last saved or loaded
    bool m_saved = true; // the picks are those of m_path
};

} // namespace seis::gui
