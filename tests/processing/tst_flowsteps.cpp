// Flows of the steps mute, balance, clip, polarity and dc: JSON round trips (defaults written
// out), the errors of bad entries (naming the step and the value), check() against a context,
// and small hand-computed cases of each step. Their agreement with numpy on segyio-written files
// is tested by check_steps.py (tst_processsteps).
#include "seis/base/error.h"
#include "seis/processing/balancestep.h"
#include "seis/processing/clipstep.h"
#include "seis/processing/flow.h"
#include "seis/processing/mutestep.h"

#include "testsupport.h"

#include <QtTest>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

using namespace seis;
using namespace seis::testsupport;
using json = nlohmann::ordered_json;

namespace {

json flowOf(const char* steps) {
    return json::parse(std::string(R"({"version": 1, "steps": )") + steps + "}");
}

} // namespace

class TestFlowSteps : public QObject {
    Q_OBJECT
private slots:
    void names();
    void roundTrip_data();
    void roundTrip();
    void badFlows_data();
    void badFlows();
    void muteNeedsHeaders();
    void handComputed();
};

void TestFlowSteps::names() {
    const QStringList names = flowStepNames();
    const QStringList mine = {QStringLiteral("mute"), QStringLiteral("balance"),
                              QStringLiteral("clip"), QStringLiteral("polarity"),
                              QStringLiteral("dc")};
    // After the others, in this order.
    QVERIFY2(names.size() >= mine.size(), qPrintable(names.join(QLatin1Char(','))));
    QCOMPARE(names.mid(names.size() - mine.size()), mine);
}

void TestFlowSteps::roundTrip_data() {
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out"); // the flow written back (defaults written out)
    const QString all =
        QStringLiteral(R"([{"step": "mute", "mode": "top", "key": "offset", "absolute": true,)"
                       R"( "points": [[0.0, 100.0], [2000.0, 900.0]], "taper_samples": 10},)"
                       R"( {"step": "mute", "mode": "bottom", "key": "cdp", "absolute": false,)"
                       R"( "points": [[-5.0, 1.5]], "taper_samples": 0},)"
                       R"( {"step": "balance", "method": "rms", "window_ms": [0.0, 2000.0]},)"
                       R"( {"step": "balance", "method": "max"},)"
                       R"( {"step": "clip", "value": 3.0}, {"step": "clip", "quantile": 0.99},)"
                       R"( {"step": "polarity"}, {"step": "dc"}])");
    QTest::newRow("every key") << all << all;
    QTest::newRow("defaults")
        << QStringLiteral(R"([{"step": "mute", "points": [[2000, 900], [0, 100]]},)"
                          R"( {"step": "balance"}])")
        << QStringLiteral(R"([{"step": "mute", "mode": "top", "key": "offset", "absolute": true,)"
                          R"( "points": [[0.0, 100.0], [2000.0, 900.0]], "taper_samples": 0},)"
                          R"( {"step": "balance", "method": "rms"}])");
}

void TestFlowSteps::roundTrip() {
    QFETCH(QString, in);
    QFETCH(QString, out);
    const ProcessingChain chain = parseFlow(flowOf(in.toUtf8().constData()));
    const json written = flowToJson(chain);
    QCOMPARE(written, flowOf(out.toUtf8().constData()));
    QCOMPARE(flowToJson(parseFlow(written)), written);
}

void TestFlowSteps::badFlows_data() {
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("message");
    QTest::newRow("mute unknown key") << R"([{"step": "mute", "points": [[0, 1]], "taper": 3}])"
                                      << R"(flow step 1: mute: unknown key "taper")";
    QTest::newRow("mute negative taper")
        << R"([{"step": "mute", "points": [[0, 1]], "taper_samples": -1}])"
        << "flow step 1: mute: taper_samples -1; expected an integer from 0";
    QTest::newRow("mute fractional taper")
        << R"([{"step": "mute", "points": [[0, 1]], "taper_samples": 1.5}])"
        << "flow step 1: mute: taper_samples 1.5;";
    QTest::newRow("mute bad mode") << R"([{"step": "mute", "mode": "up", "points": [[0, 1]]}])"
                                   << R"(mute: mode "up"; expected "top" or "bottom")";
    QTest::newRow("mute unknown header key")
        << R"([{"step": "mute", "key": "ofset", "points": [[0, 1]]}])"
        << R"(flow step 1: mute: key "ofset"; expected a trace header key)";
    QTest::newRow("mute no points") << R"([{"step": "mute", "points": []}])"
                                    << "mute: points []; expected at least one";
    QTest::newRow("mute missing points")
        << R"([{"step": "mute"}])"
        << "mute: points missing; expected an array of [a, b] pairs";
    QTest::newRow("mute repeated key value")
        << R"([{"step": "mute", "points": [[5, 1], [5, 2]]}])"
        << "mute: points [[5,1],[5,2]]; expected distinct key values";
    QTest::newRow("mute absolute string")
        << R"([{"step": "mute", "absolute": "yes", "points": [[0, 1]]}])"
        << R"(mute: absolute "yes"; expected true or false)";
    QTest::newRow("balance bad method") << R"([{"step": "balance", "method": "median"}])"
                                        << R"(flow step 1: balance: method "median"; expected)";
    QTest::newRow("balance reversed window")
        << R"([{"step": "balance", "window_ms": [10, 5]}])"
        << "balance: window_ms [10,5]; expected [t0, t1] ms with 0 <= t0 < t1";
    QTest::newRow("balance negative window") << R"([{"step": "balance", "window_ms": [-10, 5]}])"
                                             << "balance: window_ms [-10,5];";
    QTest::newRow("balance one time") << R"([{"step": "balance", "window_ms": [10]}])"
                                      << "balance: window_ms [10]; expected an array of 2";
    QTest::newRow("clip both") << R"([{"step": "clip", "value": 1, "quantile": 0.5}])"
                               << R"(clip: quantile 0.5; expected exactly one of "value" and)";
    QTest::newRow("clip neither") << R"([{"step": "dc"}, {"step": "clip"}])"
                                  << R"(flow step 2: clip: value missing; expected exactly one of)";
    QTest::newRow("clip q 0") << R"([{"step": "clip", "quantile": 0}])"
                              << "clip: quantile 0; expected a number q with 0 < q <= 1";
    QTest::newRow("clip q above 1") << R"([{"step": "clip", "quantile": 1.01}])"
                                    << "clip: quantile 1.01;";
    QTest::newRow("clip negative value") << R"([{"step": "clip", "value": -2}])"
                                         << "clip: value -2; expected a number >= 0";
    QTest::newRow("polarity key") << R"([{"step": "polarity", "value": 1}])"
                                  << R"(flow step 1: polarity: unknown key "value")";
    QTest::newRow("dc key") << R"([{"step": "dc", "window_ms": [0, 1]}])"
                            << R"(flow step 1: dc: unknown key "window_ms")";
}

void TestFlowSteps::badFlows() {
    QFETCH(QString, steps);
    QFETCH(QString, message);
    const QString text = QStringLiteral(R"({"version": 1, "steps": )") + steps + QLatin1Char('}');
    const QString error =
        argumentError([&] { parseFlowText(text.toUtf8(), QStringLiteral("bad.json")); });
    QVERIFY2(error.startsWith(QStringLiteral("bad.json: ")), qPrintable(error));
    QVERIFY2(error.contains(message), qPrintable(error));
}

void TestFlowSteps::muteNeedsHeaders() {
    const ProcessingChain chain = parseFlow(flowOf(R"([{"step": "mute", "points": [[0, 1]]}])"));
    ProcessingContext context;
    context.sampleIntervalUs = 2000;
    const QString error = argumentError([&] { chain.check(context); });
    QVERIFY2(error.startsWith(QStringLiteral("mute: key offset needs the trace headers")),
             qPrintable(error));
    std::array<std::byte, 240> header{};
    context.headers = header.data();
    QCOMPARE(argumentError([&] { chain.check(context); }), QString());
    // A windowed balance needs a sample interval; the whole-trace one does not.
    const ProcessingChain balance =
        parseFlow(flowOf(R"([{"step": "balance", "window_ms": [0, 10]}])"));
    context.sampleIntervalUs = 0;
    QVERIFY(argumentError([&] { balance.check(context); }).startsWith("balance: sample interval"));
    QCOMPARE(argumentError([&] { parseFlow(flowOf(R"([{"step": "balance"}])")).check(context); }),
             QString());
}

// A few values worked out by hand (the numpy comparison covers the rest).
void TestFlowSteps::handComputed() {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    // Top mute of a trace with offset -100 (big-endian header bytes 37-40), |offset| 100 ->
    // t_m = 5 ms on points (0, 1), (200, 9); dt 1 ms: samples 0..4 muted, 5 and 6 tapered by
    // sin^2(pi/4) = 0.5 and sin^2(pi/2) = 1.
    std::array<std::byte, 240> header{};
    const qint32 offset = -100;
    for (int b = 0; b < 4; ++b)
        header[36 + b] = std::byte((quint32(offset) >> (24 - 8 * b)) & 0xff);
    ProcessingContext context;
    context.sampleIntervalUs = 1000;
    context.headers = header.data();
    std::vector<float> x = {1, 1, nan, 1, 1, 2, 2, 2};
    MuteStep(MuteStep::Mode::Top, *findStandardTraceField(u"offset"), true, {{200, 9}, {0, 1}}, 2)
        .apply(x.data(), 1, qint64(x.size()), context);
    QCOMPARE(x[0], 0.0f);
    QVERIFY(std::isnan(x[2]));
    QCOMPARE(x[4], 0.0f);
    QCOMPARE(x[5], 1.0f);
    QCOMPARE(x[6], 2.0f);
    QCOMPARE(x[7], 2.0f);
    // Not absolute: -100 is below the first point, so t_m = 1 ms (constant beyond the ends).
    x = {3, 3, 3, 3};
    MuteStep(MuteStep::Mode::Top, *findStandardTraceField(u"offset"), false, {{200, 9}, {0, 1}}, 0)
        .apply(x.data(), 1, 4, context);
    QCOMPARE(x, (std::vector<float>{0, 3, 3, 3}));
    // Bottom: t_m = 5 ms: samples 6.. muted, 5 and 4 tapered by 0.5 and 1 (mirrored).
    x = {1, 1, 1, 1, 1, 4, 1, 1};
    MuteStep(MuteStep::Mode::Bottom, *findStandardTraceField(u"offset"), true, {{100, 5}}, 2)
        .apply(x.data(), 1, 8, context);
    QCOMPARE(x, (std::vector<float>{1, 1, 1, 1, 1, 2, 0, 0}));
    // Balance rms over [1, 3) ms of (1, 5, -5, 9): rms 5 -> every sample divided by 5.
    x = {1, 5, -5, 9};
    BalanceStep(BalanceStep::Method::Rms, std::make_pair(1.0, 3.0)).apply(x.data(), 1, 4, context);
    QCOMPARE(x, (std::vector<float>{0.2f, 1.0f, -1.0f, 1.8f}));
    // Clip at the nearest-rank quantile 0.5 of |x| over 5 finite values: the 3rd smallest, 3.
    x = {-5, 1, nan, 3, 2, 4};
    ClipStep(ClipStep::Kind::Quantile, 0.5).apply(x.data(), 1, 6, context);
    QCOMPARE(x[0], -3.0f);
    QCOMPARE(x[5], 3.0f);
    QCOMPARE(x[4], 2.0f);
}

QTEST_GUILESS_MAIN(TestFlowSteps)
#include "tst_flowsteps.moc"
