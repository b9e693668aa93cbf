// Help > Keyboard shortcuts and Help > About of the real MainWindow: the shortcuts listed are
// exactly those of the window's actions (checked against a walk of every QAction), including
// one added after the window was made; the About text holds the project version and qVersion().
#include "aboutdialog.h"
#include "mainwindow.h"
#include "screenshots.h"
#include "shortcutsdialog.h"

#include <QAction>
#include <QDir>
#include <QKeySequence>
#include <QLabel>
#include <QMap>
#include <QSettings>
#include <QShortcut>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace seis::gui;
using seis::testsupport::saveScreenshot;

namespace {

QString native(const QKeySequence& k) {
    return k.toString(QKeySequence::NativeText);
}

// key text -> action texts, from the entries.
QMultiMap<QString, QString> byKey(const std::vector<ShortcutEntry>& entries) {
    QMultiMap<QString, QString> keys;
    for (const ShortcutEntry& e : entries)
        keys.insert(e.keys, e.action);
    return keys;
}

QAction* actionNamed(QWidget& w, const char* name) {
    return w.findChild<QAction*>(QString::fromLatin1(name));
}

} // namespace

class TestHelpDialogs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void listsEveryShortcutOfTheWindow();
    void followsActionsAddedLater();
    void dialogShowsTheList();
    void aboutHoldsVersionsAndLicences();

private:
    QTemporaryDir m_home;
};

void TestHelpDialogs::initTestCase() {
    QVERIFY(m_home.isValid());
    qputenv("XDG_CACHE_HOME", m_home.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_home.path());
}

void TestHelpDialogs::listsEveryShortcutOfTheWindow() {
    MainWindow w;
    const std::vector<ShortcutEntry> entries = windowShortcuts(w);
    const auto keys = byKey(entries);

    // Independently: every action of the window that has a shortcut, each exactly once.
    QSet<const QAction*> withShortcut;
    for (const QAction* a : w.findChildren<QAction*>())
        if (!a->shortcuts().isEmpty())
            withShortcut.insert(a);
    qsizetype shortcutObjects = 0; // QShortcut objects are listed too
    for (const QShortcut* s : w.findChildren<QShortcut*>())
        shortcutObjects += s->isEnabled() && !s->keys().isEmpty();
    QCOMPARE(qsizetype(entries.size()), withShortcut.size() + shortcutObjects);
    for (const QAction* a : withShortcut) {
        QString text = a->text();
        text.remove(QLatin1Char('&'));
        QStringList texts;
        for (const QKeySequence& k : a->shortcuts())
            texts << native(k);
        QVERIFY2(keys.values(texts.join(QStringLiteral(", "))).contains(text),
                 qPrintable(QStringLiteral("%1 (%2) is not listed")
                                .arg(text, texts.join(QStringLiteral(", ")))));
    }

    // The ones people ask for by name.
    QVERIFY(keys.contains(native(QKeySequence(Qt::Key_PageDown))));
    QVERIFY(keys.contains(native(QKeySequence(Qt::Key_PageUp))));
    QVERIFY(keys.contains(native(QKeySequence(Qt::Key_BracketRight))));
    QVERIFY(keys.contains(native(QKeySequence(Qt::Key_BracketLeft))));
    QVERIFY(keys.contains(native(QKeySequence(QKeySequence::Open))));
    QVERIFY(keys.contains(native(QKeySequence(QKeySequence::HelpContents))));
    // Mnemonics are not shown; menu entries say where they are.
    for (const ShortcutEntry& e : entries)
        QVERIFY2(!e.action.contains(QLatin1Char('&')), qPrintable(e.action));
    const auto open = std::find_if(entries.begin(), entries.end(), [](const ShortcutEntry& e) {
        return e.keys == native(QKeySequence(QKeySequence::Open));
    });
    QVERIFY(open != entries.end());
    QCOMPARE(open->action, QStringLiteral("Open..."));
    QCOMPARE(open->place, QStringLiteral("File"));
}

void TestHelpDialogs::followsActionsAddedLater() {
    MainWindow w;
    const QString key = native(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J));
    QVERIFY(!byKey(windowShortcuts(w)).contains(key));
    auto* later = new QAction(QStringLiteral("&Jump somewhere"), &w);
    later->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J));
    w.addAction(later);
    QCOMPARE(byKey(windowShortcuts(w)).values(key), QStringList{QStringLiteral("Jump somewhere")});
}

void TestHelpDialogs::dialogShowsTheList() {
    MainWindow w;
    QAction* show = actionNamed(w, "showShortcuts");
    QVERIFY(show);
    show->trigger();
    auto* dialog = w.findChild<ShortcutsDialog*>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    auto* table = dialog->findChild<QTableWidget*>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    const std::vector<ShortcutEntry> entries = windowShortcuts(w);
    QCOMPARE(table->rowCount(), int(entries.size()));
    bool pageDown = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        QCOMPARE(table->item(row, 0)->text(), entries[size_t(row)].keys);
        QCOMPARE(table->item(row, 1)->text(), entries[size_t(row)].action);
        pageDown =
            pageDown || table->item(row, 0)->text() == native(QKeySequence(Qt::Key_PageDown));
    }
    QVERIFY(pageDown);
    // For people to look at: SEIS_TEST_SCREENSHOTS names a directory.
    saveScreenshot(*dialog, QStringLiteral("shortcuts_dialog.png"));
    dialog->close(); // deletes itself
    QTRY_VERIFY(!w.findChild<ShortcutsDialog*>());
}

void TestHelpDialogs::aboutHoldsVersionsAndLicences() {
    const QString text = aboutText();
    QVERIFY2(text.contains(QStringLiteral("seisview " SEIS_VERSION)), qPrintable(text));
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    QVERIFY(text.contains(QStringLiteral("QCustomPlot 2.1: the plots; GPL-3.0-or-later")));
    QVERIFY(text.contains(QStringLiteral("BSL-1.0")));

    MainWindow w;
    QAction* show = actionNamed(w, "showAbout");
    QVERIFY(show);
    show->trigger();
    auto* dialog = w.findChild<AboutDialog*>();
    QVERIFY(dialog);
    auto* label = dialog->findChild<QLabel*>(QStringLiteral("aboutText"));
    QVERIFY(label);
    QCOMPARE(label->text(), text);
    saveScreenshot(*dialog, QStringLiteral("about_dialog.png"));
    dialog->close();
}

QTEST_MAIN(TestHelpDialogs)
#include "tst_helpdialogs.moc"
