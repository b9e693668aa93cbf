// The recent-file list: order, one entry per file, the limit, persistence in an INI file shared
// by two objects, and the "Open Recent" menu (entries, signal, Clear list).
#include "recentfiles.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using seis::gui::RecentFiles;

class TestRecentFiles : public QObject {
    Q_OBJECT

private slots:
    void init();
    void mostRecentFirst();
    void oneEntryPerFile();
    void keepsTheTenNewest();
    void removeAndClear();
    void persistsAcrossObjects();
    void readsAnIniFileWrittenElsewhere();
    void menuShowsTheFiles();
    void menuEntryRequestsOpening();
    void menuClearList();

private:
    RecentFiles::SettingsFactory factory() const;
    // Creates `name` in the temporary directory and returns its canonical path.
    QString makeFile(const QString& name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_ini;
};

RecentFiles::SettingsFactory TestRecentFiles::factory() const {
    return [ini = m_ini] { return std::make_unique<QSettings>(ini, QSettings::IniFormat); };
}

QString TestRecentFiles::makeFile(const QString& name) const {
    const QString path = m_dir->filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot create %s", qPrintable(path));
    return QFileInfo(path).canonicalFilePath();
}

void TestRecentFiles::init() {
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_ini = m_dir->filePath(QStringLiteral("seisview.ini"));
}

void TestRecentFiles::mostRecentFirst() {
    RecentFiles recent(factory());
    QVERIFY(recent.files().isEmpty());
    const QString a = makeFile(QStringLiteral("a.sgy"));
    const QString b = makeFile(QStringLiteral("b.sgy"));
    const QString c = makeFile(QStringLiteral("c.sgy"));
    QSignalSpy changed(&recent, &RecentFiles::changed);
    recent.add(a);
    recent.add(b);
    recent.add(c);
    QCOMPARE(recent.files(), (QStringList{c, b, a}));
    QCOMPARE(changed.count(), 3);
    recent.add(a); // reopening moves it to the front
    QCOMPARE(recent.files(), (QStringList{a, c, b}));
}

void TestRecentFiles::oneEntryPerFile() {
    RecentFiles recent(factory());
    const QString a = makeFile(QStringLiteral("a.sgy"));
    QVERIFY(QDir(m_dir->path()).mkdir(QStringLiteral("sub")));
    recent.add(a);
    // The same file through "..", through a link and relative to the current directory.
    recent.add(m_dir->filePath(QStringLiteral("sub/../a.sgy")));
    const QString link = m_dir->filePath(QStringLiteral("link.sgy"));
    QVERIFY(QFile::link(a, link));
    recent.add(link);
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_dir->path()));
    recent.add(QStringLiteral("a.sgy"));
    QVERIFY(QDir::setCurrent(previous));
    QCOMPARE(recent.files(), QStringList{a});
    QVERIFY(QFileInfo(recent.files().constFirst()).isAbsolute());

    // A path that does not exist (any more) is kept absolute and clean.
    const QString gone = m_dir->filePath(QStringLiteral("gone.sgy"));
    recent.add(m_dir->filePath(QStringLiteral("sub/../gone.sgy")));
    QCOMPARE(recent.files(), (QStringList{gone, a}));
}

void TestRecentFiles::keepsTheTenNewest() {
    QCOMPARE(RecentFiles::kMax, 10);
    RecentFiles recent(factory());
    QStringList added;
    for (int i = 0; i < 12; ++i) {
        added.prepend(makeFile(QStringLiteral("f%1.sgy").arg(i)));
        recent.add(added.constFirst());
    }
    QCOMPARE(recent.files().size(), 10);
    QCOMPARE(recent.files(), added.mid(0, 10)); // f11 ... f2; f1 and f0 dropped
    // Re-adding one already listed keeps ten and drops nothing else.
    recent.add(added.at(5));
    QCOMPARE(recent.files().size(), 10);
    QCOMPARE(recent.files().constFirst(), added.at(5));
    QCOMPARE(recent.files().constLast(), added.at(9));
}

void TestRecentFiles::removeAndClear() {
    RecentFiles recent(factory());
    const QString a = makeFile(QStringLiteral("a.sgy"));
    const QString b = makeFile(QStringLiteral("b.sgy"));
    recent.add(a);
    recent.add(b);
    QVERIFY(recent.remove(m_dir->filePath(QStringLiteral("sub/../a.sgy"))));
    QCOMPARE(recent.files(), QStringList{b});
    QVERIFY(!recent.remove(a));
    // A file deleted since it was listed can still be removed by its path.
    QVERIFY(QFile::remove(b));
    QVERIFY(recent.remove(b));
    QVERIFY(recent.files().isEmpty());

    recent.add(a);
    QSignalSpy changed(&recent, &RecentFiles::changed);
    recent.clear();
    QCOMPARE(changed.count(), 1);
    QVERIFY(recent.files().isEmpty());
}

void TestRecentFiles::persistsAcrossObjects() {
    const QString a = makeFile(QStringLiteral("a.sgy"));
    const QString b = makeFile(QStringLiteral("b.sgy"));
    {
        RecentFiles first(factory());
        first.add(a);
        first.add(b);
        // A second object on the same file sees the changes at once...
        RecentFiles second(factory());
        QCOMPARE(second.files(), (QStringList{b, a}));
        second.add(a);
        QCOMPARE(first.files(), (QStringList{a, b}));
    }
    // ...and they are in the INI file under "recentFiles" afterwards.
    QVERIFY(QFile::exists(m_ini));
    QSettings raw(m_ini, QSettings::IniFormat);
    QCOMPARE(raw.value(QStringLiteral("recentFiles")).toStringList(), (QStringList{a, b}));
    RecentFiles later(factory());
    QCOMPARE(later.files(), (QStringList{a, b}));
}

void TestRecentFiles::readsAnIniFileWrittenElsewhere() {
    // Written by hand (another process, an older version): QSettings reads a one-entry list
    // back as a plain string.
    const QString a = makeFile(QStringLiteral("a.sgy"));
    const QString b = makeFile(QStringLiteral("b.sgy"));
    const QString one = m_dir->filePath(QStringLiteral("one.ini"));
    const QString two = m_dir->filePath(QStringLiteral("two.ini"));
    for (const auto& [path, text] :
         {std::pair{one, QStringLiteral("recentFiles=%1\n").arg(a)},
          std::pair{two, QStringLiteral("recentFiles=%1, %2, %1\n").arg(b, a)}}) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[General]\n" + text.toUtf8());
    }
    RecentFiles fromOne([one] { return std::make_unique<QSettings>(one, QSettings::IniFormat); });
    QCOMPARE(fromOne.files(), QStringList{a});
    RecentFiles fromTwo([two] { return std::make_unique<QSettings>(two, QSettings::IniFormat); });
    QCOMPARE(fromTwo.files(), (QStringList{b, a})); // the duplicate is dropped
}

void TestRecentFiles::menuShowsTheFiles() {
    RecentFiles recent(factory());
    QMenu file(QStringLiteral("&File"));
    QMenu* submenu = recent.attach(&file);
    QVERIFY(submenu);
    QCOMPARE(submenu->title(), QStringLiteral("Open &Recent"));
    QVERIFY(file.actions().contains(submenu->menuAction()));
    QVERIFY(!submenu->menuAction()->isEnabled()); // empty list

    QStringList added;
    for (int i = 0; i < 10; ++i) {
        added.prepend(makeFile(QStringLiteral("f%1.sgy").arg(i)));
        recent.add(added.constFirst());
    }
    const QString amp = makeFile(QStringLiteral("a&b.sgy"));
    recent.add(amp);
    added.prepend(amp);
    QVERIFY(submenu->menuAction()->isEnabled());
    const QList<QAction*> actions = submenu->actions();
    QCOMPARE(actions.size(), 12); // 10 files, a separator, Clear list
    QCOMPARE(actions.at(0)->text(), QStringLiteral("&1 a&&b.sgy"));
    QCOMPARE(actions.at(0)->toolTip(), amp);
    QCOMPARE(actions.at(0)->statusTip(), amp);
    QCOMPARE(actions.at(1)->text(), QStringLiteral("&2 f9.sgy"));
    QCOMPARE(actions.at(1)->statusTip(), added.at(1));
    QCOMPARE(actions.at(9)->text(), QStringLiteral("1&0 f1.sgy"));
    QVERIFY(actions.at(10)->isSeparator());
    QCOMPARE(actions.at(11)->text(), QStringLiteral("&Clear list"));
    QVERIFY(actions.at(11)->isEnabled());

    // A change made by another object shows when the parent menu opens.
    RecentFiles other(factory());
    other.clear();
    QVERIFY(submenu->menuAction()->isEnabled()); // not refreshed yet
    emit file.aboutToShow();
    QVERIFY(!submenu->menuAction()->isEnabled());
    QCOMPARE(submenu->actions().size(), 2);
}

void TestRecentFiles::menuEntryRequestsOpening() {
    RecentFiles recent(factory());
    QMenu file;
    QMenu* submenu = recent.attach(&file);
    const QString a = makeFile(QStringLiteral("a.sgy"));
    const QString b = makeFile(QStringLiteral("b.sgy"));
    recent.add(a);
    recent.add(b);
    QSignalSpy open(&recent, &RecentFiles::openRequested);
    submenu->actions().at(1)->trigger(); // "&2 a.sgy"
    QCOMPARE(open.count(), 1);
    QCOMPARE(open.at(0).at(0).toString(), a);
    QCOMPARE(recent.files(), (QStringList{b, a})); // choosing alone changes nothing
    // Opening it from the slot, as the window does, rebuilds the menu from inside the triggered
    // action; that must not crash, and the order follows.
    connect(&recent, &RecentFiles::openRequested, &recent, &RecentFiles::add);
    submenu->actions().at(1)->trigger();
    QCOMPARE(open.count(), 2);
    QCOMPARE(open.at(1).at(0).toString(), a);
    QCOMPARE(recent.files(), (QStringList{a, b}));
    QCOMPARE(submenu->actions().at(0)->statusTip(), a);
    submenu->actions().at(1)->trigger(); // now "&2 b.sgy"
    QCOMPARE(open.count(), 3);
    QCOMPARE(open.at(2).at(0).toString(), b);
    QCOMPARE(recent.files(), (QStringList{b, a}));
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete); // the old entries go
    QCOMPARE(submenu->actions().size(), 4);
}

void TestRecentFiles::menuClearList() {
    RecentFiles recent(factory());
    QMenu file;
    QMenu* submenu = recent.attach(&file);
    recent.add(makeFile(QStringLiteral("a.sgy")));
    QSignalSpy open(&recent, &RecentFiles::openRequested);
    QAction* clear = submenu->actions().constLast();
    QCOMPARE(clear->text(), QStringLiteral("&Clear list"));
    clear->trigger();
    QVERIFY(recent.files().isEmpty());
    QCOMPARE(open.count(), 0);
    QVERIFY(!submenu->menuAction()->isEnabled());
    QCOMPARE(submenu->actions().size(), 2); // the separator and a disabled Clear list
    QVERIFY(!submenu->actions().constLast()->isEnabled());
    QSettings raw(m_ini, QSettings::IniFormat);
    QVERIFY(raw.value(QStringLiteral("recentFiles")).toStringList().isEmpty());
}

QTEST_MAIN(TestRecentFiles)
#include "tst_recentfiles.moc"
