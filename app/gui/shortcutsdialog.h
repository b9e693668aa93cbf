// Help > Keyboard shortcuts: every shortcut of a window, read from its actions (and QShortcut
// objects) when the dialog is made, so the list follows whatever the window defines.
//
// Threads: GUI thread only.
#pragma once

#include <QDialog>
#include <QString>
#include <vector>

namespace seis::gui {

struct ShortcutEntry {
    QString place;  // the menu path ("View") or toolbar the action is in; empty if neither
    QString action; // the action's text, mnemonics removed
    QString keys;   // its shortcuts in native text, "PgDown" or "Ctrl+O, Ctrl+Shift+O"
};

// The shortcuts of `window` and its children: actions with at least one shortcut, each once
// (an action in a menu and a toolbar is listed under the menu), in menu-bar order, then the
// others (toolbars, other widgets, QShortcut objects, described by their whatsThis text).
std::vector<ShortcutEntry> windowShortcuts(const QWidget& window);

class ShortcutsDialog : public QDialog {
    Q_OBJECT

public:
    // Lists windowShortcuts(window) in a read-only table (objectName "shortcutsTable").
    explicit ShortcutsDialog(const QWidget& window, QWidget* parent = nullptr);
};

} // namespace seis::gui
