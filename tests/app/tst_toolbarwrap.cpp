// The main window's toolbars wrap into rows when the window is too narrow for them, so no control
// hides behind an extension button, and come back to one row when it is wide enough.
#include "mainwindow.h"

#include "screenshots.h"

#include <QSettings>
#include <QTemporaryDir>
#include <QToolBar>
#include <QtTest>

using namespace seis::gui;

class TestToolBarWrap : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void wrapsToFit_data();
    void wrapsToFit();

private:
    QTemporaryDir m_dir;
};

void TestToolBarWrap::initTestCase() {
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
}

void TestToolBarWrap::wrapsToFit_data() {
    QTest::addColumn<int>("width");
    QTest::newRow("the default 1280") << 1280;
    QTest::newRow("narrow 900") << 900;
    QTest::newRow("very narrow 600") << 600;
    QTest::newRow("wide 2400") << 2400;
}

void TestToolBarWrap::wrapsToFit() {
    QFETCH(int, width);
    MainWindow w;
    w.resize(width, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QList<QToolBar*> bars;
    for (QToolBar* bar : w.findChildren<QToolBar*>(Qt::FindDirectChildrenOnly))
        if (w.toolBarArea(bar) == Qt::TopToolBarArea)
            bars << bar;
    QVERIFY(bars.size() >= 2);
    int total = 0;
    for (QToolBar* bar : bars)
        total += bar->sizeHint().width();
    // Each toolbar shows all it holds (its width is at least its size hint) unless it alone is
    // wider than the window.
    for (QToolBar* bar : bars) {
        QTRY_VERIFY(bar->isVisible());
        if (bar->sizeHint().width() <= width)
            QTRY_VERIFY2(bar->width() >= bar->sizeHint().width(),
                         qPrintable(QStringLiteral("%1: %2 px shown of %3")
                                        .arg(bar->objectName())
                                        .arg(bar->width())
                                        .arg(bar->sizeHint().width())));
    }
    // One row when they fit side by side; otherwise the second starts a row below the first.
    const bool oneRow = total + 20 <= width;
    const bool wrapped = bars[1]->geometry().top() >= bars[0]->geometry().bottom();
    if (oneRow)
        QVERIFY(!wrapped);
    else if (total > width)
        QVERIFY(wrapped);
    seis::testsupport::saveScreenshot(w, QStringLiteral("toolbars_%1.png").arg(width));
}

QTEST_MAIN(TestToolBarWrap)
#include "tst_toolbarwrap.moc"
