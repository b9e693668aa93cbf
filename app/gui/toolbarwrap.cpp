#include "toolbarwrap.h"

#include <QEvent>
#include <QLayout>
#include <QMainWindow>
#include <QToolBar>

namespace seis::gui {

ToolBarWrap::ToolBarWrap(QMainWindow* window)
    : QObject(window)
    , m_window(window) {
    window->installEventFilter(this);
    wrap();
}

bool ToolBarWrap::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_window && (event->type() == QEvent::Resize || event->type() == QEvent::Show ||
                                event->type() == QEvent::LayoutRequest))
        wrap();
    return false;
}

void ToolBarWrap::wrap() {
    // The top toolbars in the order they were added (the order of the window's children).
    QList<QToolBar*> bars;
    for (QToolBar* bar : m_window->findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
        if (!bar->isHidden() && m_window->toolBarArea(bar) == Qt::TopToolBarArea)
            bars << bar;
    const int available = m_window->width();
    const int spacing = m_window->layout() ? std::max(0, m_window->layout()->spacing()) : 0;
    int used = 0;
    for (QToolBar* bar : bars) {
        const int want = bar->sizeHint().width() + spacing;
        const bool breakBefore = used > 0 && used + want > available;
        if (breakBefore != m_window->toolBarBreak(bar)) {
            if (breakBefore)
                m_window->insertToolBarBreak(bar);
            else
                m_window->removeToolBarBreak(bar);
        }
        used = breakBefore ? want : used + want;
    }
}

} // namespace seis::gui
