// The processing panel (app/gui/processingpanel.h): steps added, edited, reordered, switched off,
// flows saved and loaded, bad values named; the chain it gives is the flow's.
#include "processingpanel.h"

#include "seis/base/error.h"
#include "seis/processing/agcstep.h"
#include "seis/processing/flow.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

using namespace seis;
using json = nlohmann::ordered_json;

namespace {

// The AGC windows of a chain's steps, in order (every step is an AgcStep here).
std::vector<double> windows(const ProcessingChain& chain) {
    std::vector<double> out;
    for (const auto& step : chain.steps())
        out.push_back(dynamic_cast<const AgcStep&>(*step).windowMs());
    return out;
}

} // namespace

class TestProcessingPanel : public QObject {
    Q_OBJECT
private slots:
    void editsMakeTheChain();
    void filesKeepSwitchedOffSteps();
    void numbersShowAsTheyAre();
};

void TestProcessingPanel::editsMakeTheChain() {
    gui::ProcessingPanel panel;
    panel.show();
    QVERIFY(panel.chain().empty());
    QSignalSpy changed(&panel, &gui::ProcessingPanel::chainChanged);
    auto* addAgc = panel.findChild<QAction*>(QStringLiteral("add_agc"));
    QVERIFY(addAgc);
    addAgc->trigger();
    QCOMPARE(changed.count(), 1);
    QCOMPARE(windows(panel.chain()), std::vector<double>{500});
    auto* list = panel.findChild<QListWidget*>(QStringLiteral("stepList"));
    QCOMPARE(list->count(), 1);
    QCOMPARE(list->currentRow(), 0);

    // The selected step's field: 250 ms re-makes the chain; 0 is named and changes nothing.
    auto* window = panel.findChild<QDoubleSpinBox*>(QStringLiteral("window_ms"));
    QVERIFY(window);
    window->setValue(250);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(windows(panel.chain()), std::vector<double>{250});
    QCOMPARE(panel.flow()["steps"][0]["window_ms"], json(250));
    window->setValue(0);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(windows(panel.chain()), std::vector<double>{250});
    QVERIFY2(panel.error().contains(QStringLiteral("flow step 1: agc: window_ms 0")),
             qPrintable(panel.error()));
    QVERIFY(panel.findChild<QLabel*>(QStringLiteral("flowError"))->isVisible());
    window->setValue(300);
    QVERIFY(panel.error().isEmpty());
    QCOMPARE(windows(panel.chain()), std::vector<double>{300});

    // A second step goes after the selected one; Up and Down reorder.
    addAgc->trigger();
    QCOMPARE(windows(panel.chain()), (std::vector<double>{300, 500}));
    QCOMPARE(list->currentRow(), 1);
    panel.findChild<QToolButton*>(QStringLiteral("moveStepUp"))->click();
    QCOMPARE(windows(panel.chain()), (std::vector<double>{500, 300}));
    QCOMPARE(list->currentRow(), 0);
    panel.findChild<QToolButton*>(QStringLiteral("moveStepDown"))->click();
    QCOMPARE(windows(panel.chain()), (std::vector<double>{300, 500}));

    // Unchecked: switched off, kept in the flow.
    list->item(0)->setCheckState(Qt::Unchecked);
    QCOMPARE(windows(panel.chain()), std::vector<double>{500});
    QCOMPARE(panel.flow()["steps"][0]["enabled"], json(false));
    list->item(0)->setCheckState(Qt::Checked);
    QCOMPARE(windows(panel.chain()), (std::vector<double>{300, 500}));
    QVERIFY(!panel.flow()["steps"][0].contains("enabled"));

    // The whole entry as JSON.
    list->setCurrentRow(1);
    auto* text = panel.findChild<QLineEdit*>(QStringLiteral("stepJson"));
    QCOMPARE(json::parse(text->text().toStdString()),
             json::parse(R"({"step":"agc","window_ms":500})"));
    text->setText(QStringLiteral(R"({"step": "agc", "window_ms": 125})"));
    emit text->editingFinished();
    QCOMPARE(windows(panel.chain()), (std::vector<double>{300, 125}));

    panel.findChild<QToolButton*>(QStringLiteral("removeStep"))->click();
    QCOMPARE(windows(panel.chain()), std::vector<double>{300});
    QCOMPARE(list->count(), 1);
}

void TestProcessingPanel::filesKeepSwitchedOffSteps() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const json flow = json::parse(R"({"version": 1, "steps": [
        {"step": "agc", "window_ms": 100, "enabled": false}, {"step": "agc", "window_ms": 40}]})");
    gui::ProcessingPanel a;
    a.setFlow(flow);
    QCOMPARE(windows(a.chain()), std::vector<double>{40});
    const QString path = dir.filePath(QStringLiteral("flow.json"));
    QVERIFY(a.saveFile(path));
    gui::ProcessingPanel b;
    QSignalSpy changed(&b, &gui::ProcessingPanel::chainChanged);
    QVERIFY(b.loadFile(path));
    QCOMPARE(changed.count(), 1);
    QCOMPARE(b.flow(), flow);
    QCOMPARE(windows(b.chain()), std::vector<double>{40});
    QCOMPARE(b.findChild<QListWidget*>(QStringLiteral("stepList"))->item(0)->checkState(),
             Qt::Unchecked);
    // A bad file is named and changes nothing.
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write(R"({"version": 1, "steps": [{"step": "agc", "window_ms": -1}]})");
    bad.close();
    QVERIFY(!b.loadFile(bad.fileName()));
    QVERIFY2(b.error().startsWith(bad.fileName()) &&
                 b.error().contains(QStringLiteral("window_ms -1")),
             qPrintable(b.error()));
    QCOMPARE(b.flow(), flow);
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             b.setFlow(json::parse(R"({"version": 1, "steps": [{"step": "x"}]})")));
    QCOMPARE(b.flow(), flow);
}

// Each number's box shows it as the flow has it: whole orders, 0.1 ms, 0.01 Hz, and more
// decimals where the value has them, never a value rounded from the flow's.
void TestProcessingPanel::numbersShowAsTheyAre() {
    gui::ProcessingPanel panel;
    panel.setFlow(json::parse(R"({"version": 1, "steps": [
        {"step": "butterworth", "low_hz": 8, "low_order": 4, "high_hz": 60.125, "high_order": 6},
        {"step": "clip", "quantile": 0.995},
        {"step": "agc", "window_ms": 12.345}]})"));
    auto* list = panel.findChild<QListWidget*>(QStringLiteral("stepList"));
    const auto box = [&](const char* name) {
        return panel.findChild<QDoubleSpinBox*>(QString::fromLatin1(name));
    };
    list->setCurrentRow(0);
    QVERIFY(box("low_order") && box("low_hz") && box("high_hz"));
    QCOMPARE(box("low_order")->text(), QStringLiteral("4"));
    QCOMPARE(box("low_hz")->text(), QLocale().toString(8.0, 'f', 2));
    QCOMPARE(box("high_hz")->value(), 60.125); // three decimals: not rounded to 60.13
    QCOMPARE(box("high_hz")->decimals(), 3);
    list->setCurrentRow(1);
    QCOMPARE(box("quantile")->text(), QLocale().toString(0.995, 'f', 3));
    list->setCurrentRow(2);
    QCOMPARE(box("window_ms")->value(), 12.345);
    // Left alone, nothing was rewritten.
    QCOMPARE(panel.flow()["steps"][0]["high_hz"], json(60.125));
    QCOMPARE(panel.flow()["steps"][2]["window_ms"], json(12.345));
}

QTEST_MAIN(TestProcessingPanel)
#include "tst_processingpanel.moc"
