#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace seis::gui {

namespace {

const QString kKey = QStringLiteral("recentFiles");

QString normalised(const QString& path) {
    const QFileInfo info(path);
    const QString canonical = info.canonicalFilePath();
    return canonical.isEmpty() ? QDir::cleanPath(info.absoluteFilePath()) : canonical;
}

} // namespace

RecentFiles::RecentFiles(SettingsFactory settingsFactory, QObject* parent)
    : QObject(parent)
    , m_settingsFactory(std::move(settingsFactory)) {}

std::unique_ptr<QSettings> RecentFiles::openSettings() const {
    return m_settingsFactory ? m_settingsFactory() : std::make_unique<QSettings>();
}

QStringList RecentFiles::files() const {
    QStringList result;
    // INI files give a one-entry list back as a plain string; toStringList() handles both.
    for (const QString& path : openSettings()->value(kKey).toStringList())
        if (!path.isEmpty() && !result.contains(path) && result.size() < kMax)
            result.append(path);
    return result;
}

void RecentFiles::store(const QStringList& files) {
    openSettings()->setValue(kKey, files); // synced when the QSettings is destroyed
    refreshMenus();
    emit changed();
}

void RecentFiles::add(const QString& path) {
    if (path.isEmpty())
        return;
    const QString entry = normalised(path);
    QStringList list = files();
    list.removeAll(entry);
    list.prepend(entry);
    while (list.size() > kMax)
        list.removeLast();
    store(list);
}

bool RecentFiles::remove(const QString& path) {
    QStringList list = files();
    // Also the path as given: a file deleted since it was added no longer has a canonical path.
    const qsizetype removed = list.removeAll(normalised(path)) + list.removeAll(path);
    if (removed == 0)
        return false;
    store(list);
    return true;
}

void RecentFiles::clear() {
    store({});
}

QMenu* RecentFiles::attach(QMenu* menu) {
    auto* submenu = menu->addMenu(tr("Open &Recent"));
    submenu->setObjectName(QStringLiteral("recentFilesMenu"));
    submenu->setToolTipsVisible(true);
    m_menus.emplace_back(submenu);
    fillMenu(submenu);
    // Another RecentFiles (another window) may have changed the list since.
    connect(menu, &QMenu::aboutToShow, this, [this, guard = QPointer<QMenu>(submenu)] {
        if (guard)
            fillMenu(guard);
    });
    return submenu;
}

void RecentFiles::refreshMenus() {
    std::erase_if(m_menus, [](const QPointer<QMenu>& m) { return m.isNull(); });
    for (const QPointer<QMenu>& m : m_menus)
        fillMenu(m);
}

void RecentFiles::fillMenu(QMenu* submenu) {
    // Not QMenu::clear(), which deletes at once: this may run inside an entry's triggered().
    for (QAction* old : submenu->actions()) {
        submenu->removeAction(old);
        old->deleteLater();
    }
    const QStringList list = files();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString& path = list.at(i);
        QString name = QFileInfo(path).fileName();
        name.replace(QLatin1Char('&'), QStringLiteral("&&"));
        // "&1".."&9", then "1&0": a mnemonic for each of the ten entries.
        const QString number = i < 9 ? QStringLiteral("&%1").arg(i + 1) : QStringLiteral("1&0");
        QAction* action = submenu->addAction(QStringLiteral("%1 %2").arg(number, name));
        action->setData(path);
        action->setToolTip(path);
        action->setStatusTip(path);
        connect(action, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    submenu->addSeparator();
    QAction* clearAction = submenu->addAction(tr("&Clear list"), this, &RecentFiles::clear);
    clearAction->setObjectName(QStringLiteral("clearRecentFiles"));
    clearAction->setEnabled(!list.isEmpty());
    submenu->menuAction()->setEnabled(!list.isEmpty());
}

} // namespace seis::gui
