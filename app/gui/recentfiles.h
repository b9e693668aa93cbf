// The recently opened files, most recent first, kept in QSettings under the key "recentFiles"
// (a string list of absolute, canonical paths without duplicates, at most kMax), and an
// "Open Recent" submenu that shows them.
//
// The list is read from QSettings on every call, so several RecentFiles on the same settings
// (two windows) see each other's changes.
//
// Threads: GUI thread only.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

class QMenu;
class QSettings;

namespace seis::gui {

class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int kMax = 10;
    // Makes the QSettings to read and write; called for each access, the object is destroyed
    // right after.
    using SettingsFactory = std::function<std::unique_ptr<QSettings>()>;

    // An empty `settingsFactory` uses the application's default QSettings().
    explicit RecentFiles(SettingsFactory settingsFactory = {}, QObject* parent = nullptr);

    // Puts `path` first (made absolute and canonical, so links and "..": one entry per file),
    // removing an earlier entry for it and dropping the oldest beyond kMax. A path that does not
    // exist is kept as its cleaned absolute path.
    void add(const QString& path);
    // Removes `path` (normalised as in add()); false if it was not listed.
    bool remove(const QString& path);
    void clear();
    // Most recent first.
    QStringList files() const;

    // Adds an "Open &Recent" submenu at the end of `menu` and keeps it filled: "&1 name" ... for
    // each file (full path as tool tip and status tip), a separator and "Clear list"; disabled
    // when the list is empty. Choosing an entry emits openRequested(path). The submenu is owned
    // by `menu` and returned; several menus may be attached.
    QMenu* attach(QMenu* menu);

signals:
    // An entry was chosen; the caller opens it (and may remove() it if that fails).
    void openRequested(const QString& path);
    // The list changed through this object.
    void changed();

private:
    std::unique_ptr<QSettings> openSettings() const;
    void store(const QStringList& files);
    void fillMenu(QMenu* submenu);
    void refreshMenus();

    SettingsFactory m_settingsFactory;
    std::vector<QPointer<QMenu>> m_menus;
};

} // namespace seis::gui
