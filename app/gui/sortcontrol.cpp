#include "sortcontrol.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortedsource.h"
#include "seis/ensembles/sortindex.h"

#include <seis/jobprogressdialog.h>

#include <QAction>
#include <QActionGroup>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QStringList>
#include <QToolBar>
#include <QToolButton>
#include <QWidget>

namespace seis::gui {

namespace {

// The sorts offered in the menu: text, keys.
const std::pair<const char*, const char*> kSorts[] = {
    {QT_TRANSLATE_NOOP("SortControl", "File order"), ""},
    {QT_TRANSLATE_NOOP("SortControl", "CDP gathers by offset (cdp, offset)"), "cdp,offset"},
    {QT_TRANSLATE_NOOP("SortControl", "Shot gathers by offset (fldr, offset)"), "fldr,offset"},
    {QT_TRANSLATE_NOOP("SortControl", "Inlines by crossline (iline, xline)"), "iline,xline"},
    {QT_TRANSLATE_NOOP("SortControl", "Common offset (offset, cdp)"), "offset,cdp"},
};

QString namesOf(const std::vector<HeaderField>& keys) {
    QStringList names;
    for (const HeaderField& k : keys)
        names << k.name;
    return names.join(QLatin1Char(','));
}

} // namespace

SortControl::SortControl(QWidget* dialogParent)
    : QObject(dialogParent)
    , m_parent(dialogParent) {
    m_menu = new QMenu(dialogParent);
    m_group = new QActionGroup(this);
    for (const auto& [text, keys] : kSorts) {
        QAction* a = m_menu->addAction(tr(text));
        a->setCheckable(true);
        a->setData(QString::fromLatin1(keys));
        a->setObjectName(QStringLiteral("sort:") + QString::fromLatin1(keys));
        m_group->addAction(a);
        connect(a, &QAction::triggered, this,
                [this, k = QString::fromLatin1(keys)] { setKeys(k); });
    }
    m_menu->addSeparator();
    QAction* other = m_menu->addAction(tr("Other keys..."), this, &SortControl::chooseOther);
    other->setObjectName(QStringLiteral("sortOther"));
    m_action = new QAction(tr("Sort: file order"), this);
    m_action->setObjectName(QStringLiteral("sortGathers"));
    m_action->setToolTip(tr("Gathers of all traces with equal primary key wherever they are in "
                            "the file, ordered by the secondary key (in ensemble mode)"));
    m_action->setMenu(m_menu);
    connect(&m_build, &QFutureWatcher<std::shared_ptr<const SortIndex>>::finished, this,
            &SortControl::finished);
    checkMenu();
}

SortControl::~SortControl() {
    m_build.cancel();
    try {
        m_build.waitForFinished();
    } catch (...) {
    }
}

void SortControl::addTo(QToolBar* toolBar) {
    toolBar->addAction(m_action);
    if (auto* button = qobject_cast<QToolButton*>(toolBar->widgetForAction(m_action)))
        button->setPopupMode(QToolButton::InstantPopup);
}

void SortControl::setFile(std::shared_ptr<const TraceSource> file, qint64 cacheMaxBytes) {
    m_build.cancel();
    m_build.setFuture({});
    m_waiting = false;
    m_file = std::move(file);
    m_cacheMaxBytes = cacheMaxBytes;
    const bool wasSorted = m_sorted != nullptr;
    m_sorted.reset();
    if (wasSorted)
        emit sortChanged();
    start();
}

void SortControl::setKeys(const QString& keys) {
    const QString text = keys.trimmed();
    std::vector<HeaderField> fields;
    if (!text.isEmpty())
        fields = parseEnsembleKeys(text);
    m_chosen = namesOf(fields);
    m_chosenFields = std::move(fields);
    m_build.cancel();
    m_build.setFuture({});
    m_waiting = false;
    if (m_chosenFields.empty()) {
        const bool wasSorted = m_sorted != nullptr;
        m_sorted.reset();
        checkMenu();
        if (wasSorted)
            emit sortChanged();
        return;
    }
    start();
}

QString SortControl::shownKeys() const {
    return m_sorted ? namesOf(m_sorted->index()->keys()) : QString();
}

void SortControl::start() {
    if (m_dialog) {
        m_dialog->disconnect(this);
        m_dialog->deleteLater();
        m_dialog = nullptr;
    }
    checkMenu();
    if (!m_file || m_chosenFields.empty())
        return;
    if (m_sorted && m_sorted->file() == m_file && m_sorted->index()->keys() == m_chosenFields)
        return; // shown already
    SortIndexOptions options;
    options.useCache = true;
    options.cacheMaxBytes = m_cacheMaxBytes;
    QFuture<std::shared_ptr<const SortIndex>> future;
    try {
        future = buildSortIndexAsync(m_file, m_chosenFields, options);
    } catch (...) {
        emit sortFailed(errorMessage(std::current_exception()));
        return;
    }
    m_build.setFuture(future);
    m_waiting = true;
    checkMenu();
    m_dialog = new JobProgressDialog(
        tr("Sorting gathers"),
        tr("Sorting the traces of %1 by %2.\nThe viewer stays usable in the order it shows now.")
            .arg(QFileInfo(m_file->path()).fileName(), m_chosen),
        m_parent);
    m_dialog->setObjectName(QStringLiteral("sortDialog"));
    m_dialog->setMinimumDuration(500); // a cached sort or a small file: no dialog at all
    JobProgressDialog* dialog = m_dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this, dialog](bool) {
        if (m_dialog == dialog)
            m_dialog = nullptr;
        dialog->deleteLater();
    });
    dialog->watch(future);
}

void SortControl::finished() {
    if (!m_waiting)
        return; // handled already (waitForSort), or a build given up
    m_waiting = false;
    const QFuture<std::shared_ptr<const SortIndex>> future = m_build.future();
    if (future.isCanceled()) {
        keepShown();
        emit sortCancelled();
        return;
    }
    std::shared_ptr<const SortIndex> index;
    try {
        if (future.resultCount() > 0)
            index = future.result();
    } catch (...) {
        keepShown();
        emit sortFailed(errorMessage(std::current_exception()));
        return;
    }
    if (!index || !m_file)
        return;
    try {
        m_sorted = std::make_shared<SortedSource>(m_file, std::move(index));
    } catch (...) {
        emit sortFailed(errorMessage(std::current_exception()));
        return;
    }
    checkMenu();
    emit sortChanged();
}

void SortControl::waitForSort() {
    if (!m_waiting)
        return;
    try {
        m_build.waitForFinished();
    } catch (...) {
        m_waiting = false;
        keepShown();
        // QtConcurrent wraps what the job threw; the message is the job's.
        throw Error(QString(), errorMessage(std::current_exception()));
    }
    finished();
}

void SortControl::keepShown() {
    m_chosenFields = m_sorted ? m_sorted->index()->keys() : std::vector<HeaderField>{};
    m_chosen = namesOf(m_chosenFields);
    checkMenu();
}

void SortControl::chooseOther() {
    bool ok = false;
    const QString text = QInputDialog::getText(
        m_parent, tr("Sort gathers"),
        tr("Primary key and optional secondary key (names as in Header mapping, or byte:type), "
           "e.g. cdp,offset:"),
        QLineEdit::Normal, m_chosen.isEmpty() ? QStringLiteral("cdp,offset") : m_chosen, &ok);
    if (!ok)
        return;
    try {
        setKeys(text);
    } catch (const Error& e) {
        QMessageBox::warning(m_parent, tr("Sort gathers"), e.detail());
    }
}

void SortControl::checkMenu() {
    // The menu marks the sort shown (the chosen one once it is there).
    const QString shown = shownKeys();
    bool found = false;
    for (QAction* a : m_group->actions()) {
        const bool on = a->data().toString() == shown;
        a->setChecked(on);
        found = found || on;
    }
    if (!found)
        for (QAction* a : m_group->actions())
            a->setChecked(false);
    QString text = shown.isEmpty() ? tr("Sort: file order") : tr("Sort: %1").arg(shown);
    if (m_waiting)
        text += tr(" (sorting by %1...)").arg(m_chosen);
    m_action->setText(text);
}

} // namespace seis::gui
