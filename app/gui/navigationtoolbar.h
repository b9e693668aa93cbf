// Ensemble navigation: first / previous / next / last, jump by number or by key values, and
// what the ensemble scan has found so far. Drives a GatherNavigator. The number box counts
// from 1 and follows the view: in trace mode it shows the ensemble the view starts in, the one
// PgUp / PgDn step from.
//
// Threads: GUI thread only.
#pragma once

#include <QToolBar>

class QAction;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace seis {
class GatherNavigator;
}

namespace seis::gui {

class NavigationToolBar : public QToolBar {
    Q_OBJECT

public:
    NavigationToolBar(GatherNavigator* navigator, QWidget* parent = nullptr);

    QAction* firstAction() const { return m_first; }
    QAction* previousAction() const { return m_previous; }
    QAction* nextAction() const { return m_next; }
    QAction* lastAction() const { return m_last; }

    // Re-reads the navigator's state (after a new file, a move or more ensembles).
    void refresh();

    // The ensemble the box shows (0-based): the current one in ensemble mode, the one of the
    // view's first trace in trace mode; -1 when none is known.
    qint64 shownEnsemble() const;

private:
    void jumpToKeys();

    GatherNavigator* m_navigator;
    QAction* m_first = nullptr;
    QAction* m_previous = nullptr;
    QAction* m_next = nullptr;
    QAction* m_last = nullptr;
    QSpinBox* m_number = nullptr;
    QLabel* m_count = nullptr;
    QLabel* m_keyLabel = nullptr;
    QLineEdit* m_keys = nullptr;
    QString m_scanText;
};

} // namespace seis::gui
