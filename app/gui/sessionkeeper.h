// Remembers the main window's session (sessionstate.h) between runs: captures it from the window
// when it closes and restores it at start: geometry, the layout of docks, toolbars and the
// splitter, the display settings, and the last file at the position it was left.
//
// Threads: GUI thread only. Nothing here reads a file; reopening goes through
// MainWindow::openFile (the navigator reads on its worker).
#pragma once

#include "sessionstate.h"

#include <QObject>

namespace seis::gui {

class MainWindow;

class SessionKeeper : public QObject {
    Q_OBJECT

public:
    // A child of `window`, which must outlive nothing of it.
    explicit SessionKeeper(MainWindow* window);

    // The session as the window is now.
    SessionState capture() const;
    // Puts back the geometry, layout and display settings of `state` (not the file).
    void restoreLayout(const SessionState& state);
    // Whether `path` is the file `state` was left on (same file through any name).
    static bool isSessionFile(const SessionState& state, const QString& path);
    // Shows the position `state` stored (its ensemble once the scan has found it, else its
    // traces), in the file now open, which should be state.file. Under a sort, the sort is
    // chosen again first and the position shown once it is built (nothing is shown if it is
    // cancelled or fails: its positions mean nothing in file order). Positions beyond the file
    // are clamped to it.
    void restorePosition(const SessionState& state);

    // Whether store() writes (default true; a screenshot's window keeps nothing).
    void setKept(bool kept) { m_kept = kept; }
    bool isKept() const { return m_kept; }
    // Writes capture() to the application's QSettings, if kept.
    void store() const;

private:
    MainWindow* m_window;
    bool m_kept = true;
};

} // namespace seis::gui
