#include "shortcutsdialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QSet>
#include <QShortcut>
#include <QTableWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace seis::gui {

namespace {

QString withoutMnemonics(QString text) {
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

QString keyText(const QList<QKeySequence>& keys) {
    QStringList texts;
    for (const QKeySequence& k : keys)
        if (!k.isEmpty())
            texts << k.toString(QKeySequence::NativeText);
    return texts.join(QStringLiteral(", "));
}

struct Collector {
    std::vector<ShortcutEntry> entries;
    QSet<const QAction*> seen;

    void add(const QAction* a, const QString& place) {
        if (a->isSeparator() || seen.contains(a))
            return;
        const QString keys = keyText(a->shortcuts());
        if (keys.isEmpty())
            return;
        seen.insert(a);
        entries.push_back({place, withoutMnemonics(a->text()), keys});
    }

    void addMenu(const QMenu* menu, const QString& place) {
        for (const QAction* a : menu->actions()) {
            if (a->menu())
                addMenu(a->menu(), place + QStringLiteral(" > ") + withoutMnemonics(a->text()));
            else
                add(a, place);
        }
    }
};

} // namespace

std::vector<ShortcutEntry> windowShortcuts(const QWidget& window) {
    Collector c;
    for (const QMenuBar* bar : window.findChildren<QMenuBar*>())
        for (const QAction* a : bar->actions())
            if (a->menu())
                c.addMenu(a->menu(), withoutMnemonics(a->text()));
    for (const QToolBar* bar : window.findChildren<QToolBar*>())
        for (const QAction* a : bar->actions())
            c.add(a, bar->windowTitle());
    for (const QAction* a : window.actions())
        c.add(a, QString());
    for (const QAction* a : window.findChildren<QAction*>())
        c.add(a, QString());
    for (const QShortcut* s : window.findChildren<QShortcut*>()) {
        const QString keys = keyText(s->keys());
        if (!keys.isEmpty() && s->isEnabled())
            c.entries.push_back({QString(), s->whatsThis(), keys});
    }
    return c.entries;
}

ShortcutsDialog::ShortcutsDialog(const QWidget& window, QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard shortcuts"));
    const std::vector<ShortcutEntry> entries = windowShortcuts(window);
    auto* table = new QTableWidget(int(entries.size()), 3, this);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Shortcut"), tr("Action"), tr("Where")});
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    for (int row = 0; row < int(entries.size()); ++row) {
        const ShortcutEntry& e = entries[size_t(row)];
        table->setItem(row, 0, new QTableWidgetItem(e.keys));
        table->setItem(row, 1, new QTableWidgetItem(e.action));
        table->setItem(row, 2, new QTableWidgetItem(e.place));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(table);
    layout->addWidget(buttons);
    resize(560, 480);
}

} // namespace seis::gui
