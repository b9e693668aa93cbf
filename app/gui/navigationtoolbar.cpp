#include "navigationtoolbar.h"

#include <seis/gathernavigator.h>

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStyle>

namespace seis::gui {

NavigationToolBar::NavigationToolBar(GatherNavigator* navigator, QWidget* parent)
    : QToolBar(tr("Navigate"), parent)
    , m_navigator(navigator) {
    setObjectName(QStringLiteral("navigationToolBar"));
    m_first = addAction(style()->standardIcon(QStyle::SP_MediaSkipBackward), tr("First ensemble"),
                        this, [this] { m_navigator->showFirstEnsemble(); });
    m_first->setShortcut(Qt::CTRL | Qt::Key_Home);
    m_previous = addAction(style()->standardIcon(QStyle::SP_MediaSeekBackward),
                           tr("Previous ensemble (PgUp)"), this,
                           [this] { m_navigator->showPreviousEnsemble(); });
    m_previous->setShortcut(Qt::Key_PageUp);
    m_next =
        addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Next ensemble (PgDn)"),
                  this, [this] { m_navigator->showNextEnsemble(); });
    m_next->setShortcut(Qt::Key_PageDown);
    m_last = addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Last ensemble"),
                       this, [this] { m_navigator->showLastEnsemble(); });
    m_last->setShortcut(Qt::CTRL | Qt::Key_End);

    addWidget(new QLabel(tr(" Ensemble "), this));
    m_number = new QSpinBox(this);
    m_number->setObjectName(QStringLiteral("ensembleNumber"));
    m_number->setKeyboardTracking(false);
    // People count ensembles from 1 (seisview-cli numbers them from 0).
    m_number->setToolTip(tr("Ensemble number (1 is the first; in trace mode, the ensemble the "
                            "view starts in)"));
    addWidget(m_number);
    m_count = new QLabel(this);
    addWidget(m_count);
    m_keyLabel = new QLabel(this);
    addWidget(m_keyLabel);
    m_keys = new QLineEdit(this);
    m_keys->setPlaceholderText(tr("value"));
    m_keys->setMaximumWidth(140);
    m_keys->setToolTip(tr("Go to the first ensemble with these key values (comma-separated); "
                          "Enter again for the next one"));
    addWidget(m_keys);

    connect(m_number, &QSpinBox::valueChanged, this,
            [this](int n) { m_navigator->showEnsemble(n - 1); });
    connect(m_keys, &QLineEdit::returnPressed, this, &NavigationToolBar::jumpToKeys);
    connect(m_navigator, &GatherNavigator::ensemblesChanged, this, &NavigationToolBar::refresh);
    connect(m_navigator, &GatherNavigator::windowReady, this, &NavigationToolBar::refresh);
    connect(m_navigator, &GatherNavigator::scanProgress, this, [this](int percent, const QString&) {
        m_scanText = tr(" (scanning, %1%)").arg(percent);
        refresh();
    });
    refresh();
}

void NavigationToolBar::refresh() {
    const auto index = m_navigator->ensembles();
    const qint64 known = index ? index->count() : 0;
    const bool complete = index && index->isComplete();
    if (complete)
        m_scanText.clear();
    else if (index && !m_navigator->isScanning())
        m_scanText = tr(" (scan stopped)");
    else if (!m_scanText.startsWith(tr(" (scanning")))
        m_scanText = tr(" (scanning)"); // a new scan, before its first progress report
    for (QAction* a : {m_first, m_previous, m_next, m_last})
        a->setEnabled(known > 0);
    m_number->setEnabled(known > 0);
    m_keys->setEnabled(known > 0);
    {
        const QSignalBlocker block(m_number);
        m_number->setRange(1, int(std::max<qint64>(1, known)));
        if (const qint64 shown = shownEnsemble(); shown >= 0)
            m_number->setValue(int(shown + 1));
    }
    m_count->setText(index ? tr(" of %1%2 ").arg(known).arg(complete ? QString() : m_scanText)
                           : tr(" (no ensemble keys) "));
    QStringList names;
    if (index)
        for (const auto& k : index->keys())
            names << k.name;
    m_keyLabel->setText(names.isEmpty() ? QString() : names.join(QLatin1Char(',')) + " = ");
}

qint64 NavigationToolBar::shownEnsemble() const {
    if (m_navigator->currentEnsemble() >= 0)
        return m_navigator->currentEnsemble();
    // Trace mode: the ensemble of the first trace on screen (PgDn goes to the one after it).
    const auto index = m_navigator->ensembles();
    if (!index || m_navigator->view().count() == 0)
        return -1;
    const auto e = index->ensembleOfTrace(m_navigator->view().begin);
    return e ? e->number : -1;
}

void NavigationToolBar::jumpToKeys() {
    std::vector<qint64> values;
    for (const QString& part : m_keys->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        values.push_back(part.trimmed().toLongLong(&ok));
        if (!ok) {
            m_keys->setStyleSheet(QStringLiteral("color: red"));
            return;
        }
    }
    const auto index = m_navigator->ensembles();
    const bool found = index && values.size() == index->keys().size() &&
                       m_navigator->showEnsembleByKeys(values, /*after=*/true);
    // From the start again when nothing comes after the current ensemble.
    const bool wrapped = found || (index && values.size() == index->keys().size() &&
                                   m_navigator->showEnsembleByKeys(values, false));
    m_keys->setStyleSheet(wrapped ? QString() : QStringLiteral("color: red"));
}

} // namespace seis::gui
