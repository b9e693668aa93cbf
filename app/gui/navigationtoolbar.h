// Ensemble navigation: first / previous / next / last, jump by number or by key values, and
// what the ensemble scan has found so far. Drives a GatherNavigator.
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
