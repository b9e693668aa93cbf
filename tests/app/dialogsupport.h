// Driving the viewer's menus and Qt's file dialogs from a test, as a user would. Header-only,
// for the tests of tests/app. GUI thread only.
#pragma once

#include <QAction>
#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTimer>
#include <QtTest>

#include <functional>

namespace seis::testsupport {

// The last action of `w`'s menus (one level down) that `match` accepts; nullptr when none does.
inline QAction* findMenuAction(const QMainWindow& w, const std::function<bool(QAction*)>& match) {
    QAction* found = nullptr;
    for (QAction* top : w.menuBar()->actions())
        if (top->menu())
            for (QAction* a : top->menu()->actions())
                if (match(a))
                    found = a;
    return found;
}

// The entry of File > Open Recent (a submenu of `w`'s menus) whose text contains `name`, or
// nullptr.
inline QAction* recentEntry(const QMainWindow& w, const QString& name) {
    QAction* found = nullptr;
    for (QAction* top : w.menuBar()->actions())
        if (top->menu())
            for (QAction* a : top->menu()->actions())
                if (a->menu() && a->text().contains(QStringLiteral("Recent")))
                    for (QAction* entry : a->menu()->actions())
                        if (entry->text().contains(name))
                            found = entry;
    return found;
}

// When `modal` is Qt's own file dialog: types `text` into its file name box and presses Return.
// Returns whether it did.
inline bool typeIntoFileDialog(QWidget* modal, const QString& text) {
    auto* dialog = qobject_cast<QFileDialog*>(modal);
    auto* name = dialog ? dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")) : nullptr;
    if (!name)
        return false;
    name->setText(text);
    QTest::keyClick(name, Qt::Key_Return);
    return true;
}

// Triggers `action`, which opens a modal file dialog, and answers the dialog with `text`.
// Returns whether the dialog was answered.
inline bool triggerAndAnswerFileDialog(QAction* action, const QString& text) {
    bool typed = false;
    QTimer typer;
    QObject::connect(&typer, &QTimer::timeout, [&] {
        if (!typed)
            typed = typeIntoFileDialog(QApplication::activeModalWidget(), text);
    });
    typer.start(20);
    action->trigger();
    typer.stop();
    return typed;
}

} // namespace seis::testsupport
