// The main window's display controls that read the picture: the gain keys (] raises, [ lowers,
// in the gain spin box's steps), the absolute clip chosen on the display toolbar and kept across
// a file change (two files whose amplitudes differ 1000 times), and the colour bar beside the
// view following both.
//
// With SEIS_TEST_SCREENSHOTS=DIR set, the window is saved there for people to look at
// (colorbar_density.png, colorbar_wiggle_fallback.png).
#include "displaytoolbar.h"
#include "mainwindow.h"
#include "screenshots.h"

#include "seis/segy/sampleformat.h"
#include <seis/colorbar.h>
#include <seis/displaysettings.h>
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <numbers>

using namespace seis;
using seis::gui::DisplayToolBar;
using seis::gui::MainWindow;
using seis::testsupport::saveScreenshot;

namespace {

// Writes `traces` IBM traces of `samples` samples at 2 ms to `path`: sample s of trace t is
// scale * (1 + t % 3) * sin(2 pi s / 25).
void writeFile(const QString& path, qint64 traces, int samples, float scale) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    auto be = [](QByteArray& b, int offset, quint32 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            b[offset + i] = char((v >> (8 * (bytes - 1 - i))) & 0xff);
    };
    QByteArray head(3600, '\0');
    be(head, 3216, 2000, 2);
    be(head, 3220, quint32(samples), 2);
    be(head, 3224, 1, 2);
    f.write(head);
    QByteArray trace(240 + 4 * samples, '\0');
    for (qint64 t = 0; t < traces; ++t) {
        be(trace, 0, quint32(t + 1), 4);
        be(trace, 114, quint32(samples), 2);
        for (int s = 0; s < samples; ++s) {
            const double v =
                double(scale) * double(1 + t % 3) * std::sin(2 * std::numbers::pi * s / 25.0);
            be(trace, 240 + 4 * s, floatToIbm(float(v)), 4);
        }
        f.write(trace);
    }
}

// Opens `path` in `w` and waits for its first window.
bool open(MainWindow& w, const QString& path) {
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(path);
    return shown.wait(30000);
}

} // namespace

class TestDisplayControls : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void gainKeys();
    void gainKeysReachTheFocusedWidget();
    void absoluteClipKeptAcrossFiles();
    void wiggleFallbackInTheWindow();

private:
    QTemporaryDir m_dir;
    QString m_small; // amplitudes up to 3
    QString m_large; // 1000 times those
};

void TestDisplayControls::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    m_small = m_dir.filePath(QStringLiteral("small.sgy"));
    m_large = m_dir.filePath(QStringLiteral("large.sgy"));
    writeFile(m_small, 60, 250, 1.0f);
    writeFile(m_large, 60, 250, 1000.0f);
}

// As a user presses them: keys go to the focused widget. The view has the focus once a file is
// open, so ] raises the gain; after typing in the ensemble box, a click on the view gives it the
// focus back (a text box takes ] as text).
void TestDisplayControls::gainKeysReachTheFocusedWidget() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(open(w, m_small));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.gatherView()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_BracketRight);
    QCOMPARE(w.gatherView()->settings().gain, 1.25);
    auto* box = w.findChild<QAbstractSpinBox*>();
    QVERIFY(box);
    box->setFocus();
    QTRY_COMPARE(QApplication::focusWidget()->window(), static_cast<QWidget*>(&w));
    QVERIFY(QApplication::focusWidget() != w.gatherView());
    QTest::mouseClick(w.gatherView(), Qt::LeftButton, {}, w.gatherView()->rect().center());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget*>(w.gatherView()));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_BracketLeft);
    QCOMPARE(w.gatherView()->settings().gain, 1.0);
}

// ] and [ on the main window step the gain as the spin box's arrows do (x1.25 a step); the view
// and the colour bar follow.
void TestDisplayControls::gainKeys() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QVERIFY(open(w, m_small));
    auto* gain = w.displayToolBar()->findChild<QDoubleSpinBox*>(QStringLiteral("gain"));
    QVERIFY(gain);
    QCOMPARE(w.gatherView()->settings().gain, 1.0);
    const double clip = w.gatherView()->clipValue();

    QTest::keyClick(&w, Qt::Key_BracketRight);
    QCOMPARE(w.gatherView()->settings().gain, 1.25);
    QCOMPARE(gain->value(), 1.25);
    QCOMPARE(w.colorBar()->top(), clip / 1.25);
    QTest::keyClick(&w, Qt::Key_BracketRight);
    QCOMPARE(w.gatherView()->settings().gain, 1.56); // 1.5625 in the spin box's 2 decimals
    QTest::keyClick(&w, Qt::Key_BracketLeft);
    QCOMPARE(w.gatherView()->settings().gain, 1.25);
    QTest::keyClick(&w, Qt::Key_BracketLeft);
    QCOMPARE(w.gatherView()->settings().gain, 1.0);
    QTest::keyClick(&w, Qt::Key_BracketLeft);
    QCOMPARE(w.gatherView()->settings().gain, 0.8);
    QCOMPARE(w.colorBar()->top(), clip / 0.8);

    // The spin box's own arrows take the same steps.
    gain->stepBy(1);
    QCOMPARE(w.gatherView()->settings().gain, 1.0);
    gain->stepBy(1);
    QCOMPARE(w.gatherView()->settings().gain, 1.25);
    // The gain leaves the clip alone.
    QCOMPARE(w.gatherView()->clipValue(), clip);
}

// Absolute mode, chosen from the Clip button's menu, starts at the clip in use and is kept
// across a file change: the same clip on a file of 1000 times the amplitudes. Percentile mode
// gives each file its own clip.
void TestDisplayControls::absoluteClipKeptAcrossFiles() {
    MainWindow w;
    w.show();
    QVERIFY(open(w, m_small));
    const float smallClip = w.gatherView()->clipValue();
    QVERIFY(smallClip > 1.0f && smallClip <= 3.0f);
    QCOMPARE(w.colorBar()->top(), double(smallClip));

    auto* absolute = w.displayToolBar()->findChild<QAction*>(QStringLiteral("clipAbsoluteMode"));
    auto* percentile =
        w.displayToolBar()->findChild<QAction*>(QStringLiteral("clipPercentileMode"));
    auto* value = w.displayToolBar()->findChild<QDoubleSpinBox*>(QStringLiteral("clipAbsolute"));
    auto* percent =
        w.displayToolBar()->findChild<QDoubleSpinBox*>(QStringLiteral("clipPercentile"));
    QVERIFY(absolute && percentile && value && percent);
    QVERIFY(percent->isVisible() && !value->isVisible());

    // The switch keeps the picture: the absolute clip starts at the clip in use.
    absolute->trigger();
    QCOMPARE(w.gatherView()->settings().clipMode, ClipMode::Absolute);
    QCOMPARE(w.gatherView()->clipValue(), smallClip);
    QTRY_VERIFY(value->isVisible() && !percent->isVisible());    // at the toolbar's next layout
    QVERIFY(!w.displayToolBar()->fileClipAction()->isEnabled()); // a percentile's option

    // A value typed in: the view and the bar use it.
    value->setValue(2.5);
    QCOMPARE(w.gatherView()->clipValue(), 2.5f);
    QCOMPARE(w.colorBar()->top(), 2.5);

    // Typed, in any notation.
    auto* edit = value->findChild<QLineEdit*>();
    QVERIFY(edit);
    edit->selectAll();
    QTest::keyClicks(edit, QStringLiteral("1.5e-3"));
    QTest::keyClick(edit, Qt::Key_Return);
    QCOMPARE(w.gatherView()->clipValue(), 0.0015f);
    QCOMPARE(value->text(), QStringLiteral("0.0015"));
    value->setValue(2.5);

    // Another file, 1000 times louder: the same clip.
    QVERIFY(open(w, m_large));
    QVERIFY(w.file()->path().endsWith(QStringLiteral("large.sgy")));
    QCOMPARE(w.gatherView()->settings().clipMode, ClipMode::Absolute);
    QCOMPARE(w.gatherView()->clipValue(), 2.5f);
    QCOMPARE(w.colorBar()->top(), 2.5);
    QCOMPARE(value->value(), 2.5);

    // Percentile again: this file's own clip, 1000 times the first's.
    percentile->trigger();
    QCOMPARE(w.gatherView()->settings().clipMode, ClipMode::Percentile);
    const float largeClip = w.gatherView()->clipValue();
    QVERIFY2(std::fabs(largeClip / smallClip - 1000.0f) < 1.0f,
             qPrintable(QStringLiteral("%1 vs %2").arg(largeClip).arg(smallClip)));
    QCOMPARE(w.colorBar()->top(), double(largeClip));
    saveScreenshot(w, QStringLiteral("colorbar_density.png"));
    // And back to absolute: from the clip in use again.
    absolute->trigger();
    QCOMPARE(w.gatherView()->clipValue(), largeClip);
}

// 60 traces are wiggles at the default size; 60 traces in a narrow window are not, and the view
// says so.
void TestDisplayControls::wiggleFallbackInTheWindow() {
    MainWindow w;
    w.show();
    QVERIFY(open(w, m_small));
    DisplaySettings s;
    s.mode = DisplayMode::Wiggle;
    w.setDisplaySettings(s);
    QApplication::processEvents();
    QVERIFY(w.gatherView()->wigglesVisible());
    QVERIFY(w.gatherView()->note().isEmpty());
    QVERIFY(!w.colorBar()->showsColours());
    w.gatherView()->zoomTo(-100, 900, 0, 500); // 1000 traces' width: under 1 px a trace
    QVERIFY(!w.gatherView()->wigglesVisible());
    QVERIFY(!w.gatherView()->note().isEmpty());
    QVERIFY(w.colorBar()->showsColours());
    saveScreenshot(w, QStringLiteral("colorbar_wiggle_fallback.png"));
}

QTEST_MAIN(TestDisplayControls)
#include "tst_displaycontrols.moc"
