// The header settings dialog driven through its widgets: it shows the settings it is given, OK
// returns what was edited, invalid input keeps it open with the problem shown, and export then
// import gives the same settings back.
#include "headersettingsdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

using namespace seis;
using seis::gui::HeaderSettingsDialog;
using seis::gui::ViewerSettings;

namespace {

ViewerSettings sample() {
    ViewerSettings s;
    s.custom.set(QStringLiteral("shot"), HeaderField{{}, HeaderByte{17}, FieldType::I2});
    s.ensembleKeys = {QStringLiteral("fldr"), QStringLiteral("shot")};
    s.labelKey = QStringLiteral("offset");
    s.cursorKeys = {QStringLiteral("cdp"), QStringLiteral("shot")};
    s.ensembleCacheMb = 12;
    return s;
}

template <class W> W* child(const QDialog& d, const char* name) {
    auto* w = d.findChild<W*>(QString::fromLatin1(name));
    if (!w)
        qWarning("no %s named %s", W::staticMetaObject.className(), name);
    return w;
}

struct Widgets {
    QComboBox* ensemble1;
    QComboBox* ensemble2;
    QComboBox* label;
    QLineEdit* cursor;
    QSpinBox* cacheMb;
    QTableWidget* table;
    QPushButton* add;
    QPushButton* remove;
    QLabel* error;
    QPushButton* ok;

    explicit Widgets(const QDialog& d)
        : ensemble1(child<QComboBox>(d, "ensembleKey1"))
        , ensemble2(child<QComboBox>(d, "ensembleKey2"))
        , label(child<QComboBox>(d, "labelKey"))
        , cursor(child<QLineEdit>(d, "cursorKeys"))
        , cacheMb(child<QSpinBox>(d, "ensembleCacheMb"))
        , table(child<QTableWidget>(d, "fieldsTable"))
        , add(child<QPushButton>(d, "addFieldButton"))
        , remove(child<QPushButton>(d, "removeFieldButton"))
        , error(child<QLabel>(d, "errorLabel"))
        , ok(child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Ok)) {}

    bool complete() const {
        return ensemble1 && ensemble2 && label && cursor && cacheMb && table && add && remove &&
               error && ok;
    }
    QSpinBox* byteBox(int row) const { return qobject_cast<QSpinBox*>(table->cellWidget(row, 1)); }
    QComboBox* typeBox(int row) const {
        return qobject_cast<QComboBox*>(table->cellWidget(row, 2));
    }
};

} // namespace

class TestHeaderSettingsDialog : public QObject {
    Q_OBJECT

private slots:
    void showsTheSettings();
    void editAndAccept();
    void addAndRemoveFields();
    void invalidKeyKeepsItOpen();
    void invalidFieldKeepsItOpen();
    void cancelKeepsTheSettings();
    void exportThenImport();
    void importAndExportErrorsAreShown();
};

void TestHeaderSettingsDialog::showsTheSettings() {
    HeaderSettingsDialog d(sample());
    const Widgets w(d);
    QVERIFY(w.complete());
    QCOMPARE(w.ensemble1->currentText(), QStringLiteral("fldr"));
    QCOMPARE(w.ensemble2->currentText(), QStringLiteral("shot"));
    QCOMPARE(w.label->currentText(), QStringLiteral("offset"));
    QCOMPARE(w.cursor->text(), QStringLiteral("cdp, shot"));
    QCOMPARE(w.cacheMb->value(), 12);
    // 0 to 1 TiB in MB, 0 spelt out.
    QCOMPARE(w.cacheMb->minimum(), 0);
    QCOMPARE(w.cacheMb->maximum(), 1048576);
    QCOMPARE(w.cacheMb->specialValueText(), QStringLiteral("do not store"));
    QCOMPARE(w.table->rowCount(), 1);
    QCOMPARE(w.table->item(0, 0)->text(), QStringLiteral("shot"));
    QCOMPARE(w.byteBox(0)->value(), 17);
    QCOMPARE(w.typeBox(0)->currentText(), QStringLiteral("i2"));
    // The type list is fieldtype.h's, all ten.
    QCOMPARE(w.typeBox(0)->count(), 10);
    QCOMPARE(w.typeBox(0)->itemText(9), QStringLiteral("f8"));
    // The key lists offer the custom name first, then the standard keys.
    QCOMPARE(w.ensemble1->itemText(0), QStringLiteral("shot"));
    QVERIFY(w.ensemble1->findText(QStringLiteral("cdp")) > 0);
    QCOMPARE(w.ensemble2->itemText(0), QStringLiteral("(none)"));
    QCOMPARE(w.label->itemText(0), QStringLiteral("trace number"));
    QCOMPARE(w.label->itemText(1), QStringLiteral("fldr, offset, cdp")); // SeiSee's rows
    QVERIFY(w.error->isHidden());
    QVERIFY(d.settings() == sample());
    QVERIFY(d.editedSettings() == sample());

    // Defaults: one ensemble key, the trace number as label.
    HeaderSettingsDialog plain(ViewerSettings{});
    const Widgets p(plain);
    QCOMPARE(p.ensemble2->currentText(), QStringLiteral("(none)"));
    QCOMPARE(p.label->currentText(), QStringLiteral("trace number"));
    QCOMPARE(p.table->rowCount(), 0);
    QCOMPARE(p.cacheMb->value(), 64);
    QVERIFY(plain.editedSettings() == ViewerSettings{});
}

void TestHeaderSettingsDialog::editAndAccept() {
    HeaderSettingsDialog d(sample());
    d.show();
    const Widgets w(d);
    QVERIFY(w.complete());
    QSignalSpy accepted(&d, &QDialog::accepted);

    w.add->click();
    QCOMPARE(w.table->rowCount(), 2);
    w.table->item(1, 0)->setText(QStringLiteral("rcv"));
    w.byteBox(1)->setValue(181);
    w.typeBox(1)->setCurrentText(QStringLiteral("u4"));
    w.ensemble1->setCurrentText(QStringLiteral("cdp"));
    w.ensemble2->setCurrentText(QStringLiteral("(none)"));
    w.label->setCurrentText(QStringLiteral("rcv"));
    w.cursor->setText(QStringLiteral(" offset,189:i4 , shot,"));
    // Typed, as a user would: select all, then the digits.
    w.cacheMb->setFocus();
    w.cacheMb->selectAll();
    QTest::keyClicks(w.cacheMb, QStringLiteral("256"));
    w.ok->click();

    QCOMPARE(accepted.count(), 1);
    QCOMPARE(d.result(), int(QDialog::Accepted));
    QVERIFY(!d.isVisible());
    ViewerSettings expected = sample();
    expected.custom.set(QStringLiteral("rcv"), HeaderField{{}, HeaderByte{181}, FieldType::U4});
    expected.ensembleKeys = {QStringLiteral("cdp")};
    expected.labelKey = QStringLiteral("rcv");
    expected.cursorKeys = {QStringLiteral("offset"), QStringLiteral("189:i4"),
                           QStringLiteral("shot")};
    expected.ensembleCacheMb = 256;
    const ViewerSettings got = d.settings();
    QCOMPARE(got.ensembleCacheMb, 256);
    QCOMPARE(got.custom, expected.custom);
    QCOMPARE(got.ensembleKeys, expected.ensembleKeys);
    QCOMPARE(got.labelKey, expected.labelKey);
    QCOMPARE(got.cursorKeys, expected.cursorKeys);
    QVERIFY(got == expected);
    // The new custom name is offered in the key lists.
    QVERIFY(w.ensemble1->findText(QStringLiteral("rcv")) >= 0);

    // "trace number" is an empty label key.
    HeaderSettingsDialog e(sample());
    const Widgets we(e);
    we.label->setCurrentIndex(0);
    we.ok->click();
    QCOMPARE(e.result(), int(QDialog::Accepted));
    QVERIFY(e.settings().labelKey.isEmpty());

    // 0: store no indexes.
    HeaderSettingsDialog z(sample());
    const Widgets wz(z);
    wz.cacheMb->setValue(0);
    QCOMPARE(wz.cacheMb->text(), QStringLiteral("do not store"));
    wz.ok->click();
    QCOMPARE(z.result(), int(QDialog::Accepted));
    QCOMPARE(z.settings().ensembleCacheMb, 0);
}

void TestHeaderSettingsDialog::addAndRemoveFields() {
    HeaderSettingsDialog d(sample());
    const Widgets w(d);
    QVERIFY(w.complete());
    w.add->click();
    w.add->click();
    QCOMPARE(w.table->rowCount(), 3);
    // New rows get distinct names, so they are valid as they come.
    QVERIFY(w.table->item(1, 0)->text() != w.table->item(2, 0)->text());
    QCOMPARE(d.editedSettings().custom.size(), 3);
    w.table->selectRow(1);
    w.remove->click();
    QCOMPARE(w.table->rowCount(), 2);
    QCOMPARE(w.table->item(0, 0)->text(), QStringLiteral("shot"));
    // Removing "shot", which the keys use, makes the settings invalid.
    w.table->selectRow(0);
    w.remove->click();
    QCOMPARE(w.table->rowCount(), 1);
    w.ok->click();
    QVERIFY(d.result() != QDialog::Accepted);
    QVERIFY2(d.errorText().contains(QLatin1String("ensemble key 'shot'")),
             qPrintable(d.errorText()));
}

void TestHeaderSettingsDialog::invalidKeyKeepsItOpen() {
    HeaderSettingsDialog d(sample());
    d.show();
    QVERIFY(QTest::qWaitForWindowExposed(&d));
    const Widgets w(d);
    QVERIFY(w.complete());
    QSignalSpy accepted(&d, &QDialog::accepted);

    w.ensemble1->setCurrentText(QStringLiteral("nosuchkey"));
    w.ok->click();
    QCOMPARE(accepted.count(), 0);
    QVERIFY(d.isVisible());
    QVERIFY(w.error->isVisible());
    QVERIFY2(w.error->text().contains(QLatin1String("ensemble key 'nosuchkey'")),
             qPrintable(w.error->text()));
    QCOMPARE(d.errorText(), w.error->text());
    QVERIFY(d.settings() == sample()); // unchanged

    w.label->setCurrentText(QStringLiteral("241:i2"));
    w.ensemble1->setCurrentText(QStringLiteral("cdp"));
    w.ok->click();
    QCOMPARE(accepted.count(), 0);
    QVERIFY2(w.error->text().contains(QLatin1String("label key '241:i2'")),
             qPrintable(w.error->text()));

    // Annotation rows: at most three keys.
    w.label->setCurrentText(QStringLiteral("fldr, offset, cdp, tracf"));
    w.ok->click();
    QCOMPARE(accepted.count(), 0);
    QVERIFY2(w.error->text().contains(QLatin1String("at most 3")), qPrintable(w.error->text()));
    w.label->setCurrentIndex(1);
    QCOMPARE(d.editedSettings().resolveLabelKeys().size(), std::size_t(3));

    w.label->setCurrentText(QStringLiteral("189:i4"));
    w.ok->click();
    QCOMPARE(accepted.count(), 1);
    QVERIFY(!d.isVisible());
    QVERIFY(w.error->isHidden());
    QCOMPARE(d.settings().ensembleKeys,
             (QStringList{QStringLiteral("cdp"), QStringLiteral("shot")}));
    QCOMPARE(d.settings().labelKey, QStringLiteral("189:i4"));
}

void TestHeaderSettingsDialog::invalidFieldKeepsItOpen() {
    HeaderSettingsDialog d(sample());
    d.show();
    const Widgets w(d);
    QVERIFY(w.complete());
    QSignalSpy accepted(&d, &QDialog::accepted);

    w.byteBox(0)->setValue(239); // an i2 at 239-240 fits
    w.ok->click();
    QCOMPARE(accepted.count(), 1);
    QCOMPARE(d.settings().custom.field(QStringLiteral("shot"))->byte.position, 239);

    d.show();
    w.typeBox(0)->setCurrentText(QStringLiteral("i4")); // 239-242 does not
    w.ok->click();
    QCOMPARE(accepted.count(), 1);
    QVERIFY(d.isVisible());
    QVERIFY2(w.error->text().contains(QLatin1String("'shot'")) &&
                 w.error->text().contains(QLatin1String("byte 239")),
             qPrintable(w.error->text()));

    w.byteBox(0)->setValue(17);
    w.add->click();
    w.table->item(1, 0)->setText(QStringLiteral("shot"));
    w.ok->click();
    QCOMPARE(accepted.count(), 1);
    QVERIFY2(w.error->text().contains(QLatin1String("'shot' is used twice")),
             qPrintable(w.error->text()));

    w.table->item(1, 0)->setText(QString());
    w.ok->click();
    QVERIFY2(w.error->text().contains(QLatin1String("row 2 has no name")),
             qPrintable(w.error->text()));

    w.table->item(1, 0)->setText(QStringLiteral("7up"));
    w.ok->click();
    QVERIFY2(w.error->text().contains(QLatin1String("'7up' starts with a digit")),
             qPrintable(w.error->text()));
    QCOMPARE(accepted.count(), 1);
}

void TestHeaderSettingsDialog::cancelKeepsTheSettings() {
    HeaderSettingsDialog d(sample());
    d.show();
    const Widgets w(d);
    QVERIFY(w.complete());
    w.ensemble1->setCurrentText(QStringLiteral("cdp"));
    child<QDialogButtonBox>(d, "buttonBox")->button(QDialogButtonBox::Cancel)->click();
    QCOMPARE(d.result(), int(QDialog::Rejected));
    QVERIFY(d.settings() == sample());
}

void TestHeaderSettingsDialog::exportThenImport() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("headers.json"));

    HeaderSettingsDialog source(ViewerSettings{});
    const Widgets ws(source);
    QVERIFY(ws.complete());
    source.setEditedSettings(sample());
    ws.cursor->setText(QStringLiteral("shot, 71:i2"));
    QVERIFY(source.exportFile(path));
    QVERIFY(source.errorText().isEmpty());
    QVERIFY(QFile::exists(path));
    ViewerSettings exported = sample();
    exported.cursorKeys = {QStringLiteral("shot"), QStringLiteral("71:i2")};
    QVERIFY(ViewerSettings::importFrom(path) == exported);
    QVERIFY(source.settings() == ViewerSettings{}); // exporting is not accepting

    HeaderSettingsDialog target(ViewerSettings{});
    const Widgets wt(target);
    QVERIFY(target.importFile(path));
    QCOMPARE(wt.table->rowCount(), 1);
    QCOMPARE(wt.ensemble2->currentText(), QStringLiteral("shot"));
    QCOMPARE(wt.cursor->text(), QStringLiteral("shot, 71:i2"));
    wt.ok->click();
    QCOMPARE(target.result(), int(QDialog::Accepted));
    QVERIFY(target.settings() == exported);
}

void TestHeaderSettingsDialog::importAndExportErrorsAreShown() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    HeaderSettingsDialog d(sample());
    const Widgets w(d);
    QVERIFY(w.complete());

    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    QVERIFY(!d.importFile(missing));
    QVERIFY(!w.error->isHidden());
    QVERIFY2(w.error->text().startsWith(missing + QLatin1String(": cannot read")),
             qPrintable(w.error->text()));
    QVERIFY(d.editedSettings() == sample()); // the widgets are left as they were

    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 2}");
    }
    QVERIFY(!d.importFile(bad));
    QVERIFY2(w.error->text().startsWith(bad + QLatin1String(": viewer settings: version 2")),
             qPrintable(w.error->text()));

    // Export to a directory fails and names it; invalid widgets are not exported.
    QVERIFY(!d.exportFile(dir.path()));
    QVERIFY2(w.error->text().startsWith(dir.path() + QLatin1String(": cannot write")),
             qPrintable(w.error->text()));
    const QString out = dir.filePath(QStringLiteral("out.json"));
    w.cursor->setText(QStringLiteral("cdp, nosuch"));
    QVERIFY(!d.exportFile(out));
    QVERIFY2(w.error->text().startsWith(out + QLatin1String(": cursor key 'nosuch'")),
             qPrintable(w.error->text()));
    QVERIFY(!QFile::exists(out));

    // Success clears the error.
    w.cursor->setText(QStringLiteral("cdp"));
    QVERIFY(d.exportFile(out));
    QVERIFY(w.error->isHidden());
    QVERIFY(d.errorText().isEmpty());
}

QTEST_MAIN(TestHeaderSettingsDialog)
#include "tst_headersettingsdialog.moc"
