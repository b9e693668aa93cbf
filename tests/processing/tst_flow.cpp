// Flows (seis/processing/flow.h): JSON in and out, and the errors a bad flow gives.
#include "seis/base/error.h"
#include "seis/processing/agcstep.h"
#include "seis/processing/flow.h"

#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace seis;
using namespace seis::testsupport;
using json = nlohmann::ordered_json;

namespace {

// The message of the ArgumentError `f` throws (empty when it throws nothing).

} // namespace

class TestFlow : public QObject {
    Q_OBJECT
private slots:
    void roundTrip();
    void defaults();
    void badFlows_data();
    void badFlows();
    void files();
};

void TestFlow::roundTrip() {
    const json flow =
        json::parse(R"({"version": 1, "steps": [{"step": "agc", "window_ms": 250}]})");
    const ProcessingChain chain = parseFlow(flow);
    QCOMPARE(chain.size(), std::size_t(1));
    const auto* agc = dynamic_cast<const AgcStep*>(chain.steps()[0].get());
    QVERIFY(agc);
    QCOMPARE(agc->windowMs(), 250.0);
    QCOMPARE(flowToJson(chain), flow);
    // A switched-off step is checked, then left out.
    const ProcessingChain off = parseFlow(json::parse(
        R"({"version": 1, "steps": [{"step": "agc", "window_ms": 250, "enabled": false},
                                      {"step": "agc", "window_ms": 100, "enabled": true}]})"));
    QCOMPARE(off.size(), std::size_t(1));
    QCOMPARE(dynamic_cast<const AgcStep*>(off.steps()[0].get())->windowMs(), 100.0);
    QCOMPARE(flowToJson(parseFlow(json::parse(R"({"version": 1, "steps": []})"))),
             json::parse(R"({"version": 1, "steps": []})"));
}

// Every step's default entry is a valid step, and names it.
void TestFlow::defaults() {
    QVERIFY(!flowStepNames().isEmpty());
    // pickmute reads the pick file its entry names ("picks.csv", from the current directory).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QFile picks(dir.filePath(QStringLiteral("picks.csv")));
        QVERIFY(picks.open(QIODevice::WriteOnly));
        picks.write("offset,time_ms\n100,50\n");
    }
    const QString before = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(before); });
    for (const QString& name : flowStepNames()) {
        const json entry = defaultFlowEntry(name);
        QCOMPARE(QString::fromStdString(entry.at("step").get<std::string>()), name);
        QCOMPARE(parseFlowStep(entry)->name(), name);
    }
    QVERIFY_THROWS_EXCEPTION(ArgumentError, defaultFlowEntry(QStringLiteral("nope")));
}

void TestFlow::badFlows_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("message"); // a part of what() that names the problem
    QTest::newRow("not an object") << "[]"
                                   << "expected an object";
    QTest::newRow("no version") << R"({"steps": []})"
                                << "version missing; expected 1";
    QTest::newRow("version 2") << R"({"version": 2, "steps": []})"
                               << "version 2; expected 1";
    QTest::newRow("steps not array") << R"({"version": 1, "steps": {}})"
                                     << "steps {}; expected an array";
    QTest::newRow("unknown top key") << R"({"version": 1, "steps": [], "x": 1})"
                                     << "unknown key \"x\"";
    QTest::newRow("unknown step")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": 9}, {"step": "nope"}]})"
        << "flow step 2: unknown step \"nope\"; expected one of agc, gain, butterworth, trapezoid";
    QTest::newRow("unknown key")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": 9, "windw": 1}]})"
        << "flow step 1: agc: unknown key \"windw\"";
    QTest::newRow("negative window")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": -5}]})"
        << "flow step 1: agc: window_ms -5; expected a length > 0 ms";
    QTest::newRow("string window")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": "5"}]})"
        << "agc: window_ms \"5\"; expected a number";
    QTest::newRow("missing window") << R"({"version": 1, "steps": [{"step": "agc"}]})"
                                    << "agc: window_ms missing; expected a number";
    QTest::newRow("bad enabled")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": 9, "enabled": 1}]})"
        << "flow step 1: agc: enabled 1; expected true or false";
    QTest::newRow("bad disabled step")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": 0, "enabled": false}]})"
        << "flow step 1: agc: window_ms 0; expected a length > 0 ms";
    QTest::newRow("butterworth low >= high")
        << R"({"version": 1, "steps": [{"step": "butterworth", "low_hz": 60, "high_hz": 8}]})"
        << "flow step 1: butterworth: low_hz 60; expected less than high_hz 8";
    QTest::newRow("butterworth low == high")
        << R"({"version": 1, "steps": [{"step": "butterworth", "low_hz": 8, "high_hz": 8}]})"
        << "flow step 1: butterworth: low_hz 8; expected less than high_hz 8";
    QTest::newRow("butterworth no corner")
        << R"({"version": 1, "steps": [{"step": "butterworth", "low_order": 2}]})"
        << "flow step 1: butterworth: low_hz missing; expected low_hz or high_hz";
    QTest::newRow("butterworth negative corner")
        << R"({"version": 1, "steps": [{"step": "butterworth", "high_hz": -3}]})"
        << "flow step 1: butterworth: high_hz -3; expected a frequency > 0 Hz";
    QTest::newRow("butterworth order 0")
        << R"({"version": 1, "steps": [{"step": "butterworth", "low_hz": 3, "low_order": 0}]})"
        << "flow step 1: butterworth: low_order 0; expected an integer from 1 to 16";
    QTest::newRow("butterworth order 2.5")
        << R"({"version": 1, "steps": [{"step": "butterworth", "high_hz": 3, "high_order": 2.5}]})"
        << "flow step 1: butterworth: high_order 2.5; expected an integer from 1 to 16";
    QTest::newRow("butterworth order of a side that is off")
        << R"({"version": 1, "steps": [{"step": "butterworth", "high_hz": 30, "low_order": 2}]})"
        << "flow step 1: butterworth: low_order 2; expected no low_order without low_hz";
    QTest::newRow("trapezoid unordered")
        << R"({"version": 1, "steps": [{"step": "trapezoid", "corners_hz": [5, 10, 8, 70]}]})"
        << "flow step 1: trapezoid: corners_hz [5,10,8,70]; expected 0 <= f1 < f2 <= f3 < f4 Hz";
    QTest::newRow("trapezoid f1 == f2")
        << R"({"version": 1, "steps": [{"step": "trapezoid", "corners_hz": [5, 5, 8, 70]}]})"
        << "trapezoid: corners_hz [5,5,8,70]; expected 0 <= f1 < f2 <= f3 < f4 Hz";
    QTest::newRow("trapezoid negative")
        << R"({"version": 1, "steps": [{"step": "trapezoid", "corners_hz": [-1, 5, 8, 70]}]})"
        << "trapezoid: corners_hz [-1,5,8,70]; expected 0 <= f1 < f2 <= f3 < f4 Hz";
    QTest::newRow("trapezoid three corners")
        << R"({"version": 1, "steps": [{"step": "trapezoid", "corners_hz": [5, 8, 70]}]})"
        << "trapezoid: corners_hz [5,8,70]; expected an array of 4 numbers";
    QTest::newRow("gain unknown key")
        << R"({"version": 1, "steps": [{"step": "agc", "window_ms": 9}, {"step": "gain", "tpower": 2}]})"
        << "flow step 2: gain: unknown key \"tpower\"";
    QTest::newRow("gain string") << R"({"version": 1, "steps": [{"step": "gain", "epow": "1"}]})"
                                 << "flow step 1: gain: epow \"1\"; expected a number";
    QTest::newRow("no step name")
        << R"({"version": 1, "steps": [{"window_ms": 5}]})"
        << "flow step 1: {\"window_ms\":5}; expected an object with a \"step\" name";
}

void TestFlow::badFlows() {
    QFETCH(QString, flow);
    QFETCH(QString, message);
    const QString error =
        argumentError([&] { parseFlowText(flow.toUtf8(), QStringLiteral("test.json")); });
    QVERIFY2(error.startsWith(QStringLiteral("test.json: ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestFlow::files() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("flow.json"));
    ProcessingChain chain;
    chain.append(std::make_shared<const AgcStep>(500));
    saveFlow(path, chain);
    QCOMPARE(flowToJson(loadFlow(path)), flowToJson(chain));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(json::parse(f.readAll().toStdString()),
             json::parse(R"({"version": 1, "steps": [{"step": "agc", "window_ms": 500.0}]})"));
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    try {
        loadFlow(missing);
        QFAIL("no error for a missing flow file");
    } catch (const IoError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(missing), e.what());
    }
    QFile bad(dir.filePath(QStringLiteral("bad.json")));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("{\"version\": 1, \"steps\": [");
    bad.close();
    const QString error = argumentError([&] { loadFlow(bad.fileName()); });
    QVERIFY2(error.startsWith(bad.fileName() + QStringLiteral(": not JSON")), qPrintable(error));
}

QTEST_GUILESS_MAIN(TestFlow)
#include "tst_flow.moc"
