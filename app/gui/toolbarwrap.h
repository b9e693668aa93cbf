// Toolbars that wrap instead of hiding their controls: the toolbars of one area of a main window
// are laid out in rows, a new row (a toolbar break) starting where the next toolbar would not fit
// in the window's width at its size hint. Qt by itself keeps them in one row and hides what does
// not fit behind an extension button.
//
// Threads: GUI thread only.
#pragma once

#include <QObject>

class QMainWindow;

namespace seis::gui {

class ToolBarWrap : public QObject {
    Q_OBJECT

public:
    // Wraps the top toolbars of `window` now and whenever it is resized or shown. A child of
    // `window`.
    explicit ToolBarWrap(QMainWindow* window);

    // Lays out the top toolbars again (also after toolbars were added or changed size).
    void wrap();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QMainWindow* m_window;
};

} // namespace seis::gui
