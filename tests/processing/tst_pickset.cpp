// Pick sets (seis/processing/pickset.h): the CSV round trip, the errors of a bad CSV, and the
// points and mute of the pickmute step (pickmutestep.h) on hand-computed cases.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/processing/flow.h"
#include "seis/processing/pickmutestep.h"
#include "seis/processing/pickset.h"

#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cmath>
#include <cstring>

using namespace seis;
using namespace seis::testsupport;

class TestPickSet : public QObject {
    Q_OBJECT
private slots:
    void editing();
    void roundTrip();
    void badCsv_data();
    void badCsv();
    void files();
    void pickMute();
};

void TestPickSet::editing() {
    PickSet set({QStringLiteral("fldr"), QStringLiteral("offset")});
    QVERIFY(set.empty());
    set.set({1, 100}, 50.0);
    set.set({1, -100}, 52.0);
    set.set({1, 100}, 55.5); // replaces
    QCOMPARE(set.size(), std::size_t(2));
    QCOMPARE(set.time({1, 100}), std::optional<double>(55.5));
    QCOMPARE(set.time({2, 100}), std::optional<double>());
    QVERIFY(set.remove({1, -100}));
    QVERIFY(!set.remove({1, -100}));
    QCOMPARE(set.size(), std::size_t(1));
    QVERIFY(argumentError([&] { set.set({1}, 3.0); }).contains("1 key values; expected 2"));
    QVERIFY(argumentError([&] { set.set({1, 2}, NAN); }).contains("expected a finite time"));
    QVERIFY(argumentError([] { PickSet none{QStringList{}}; }).contains("no key columns"));
    QVERIFY(argumentError([] {
                PickSet twice({QStringLiteral("fldr"), QStringLiteral("fldr")});
            }).contains("given twice"));
    QVERIFY(argumentError([] {
                PickSet bad(QStringList{QStringLiteral("ofset")});
            }).contains("\"ofset\""));
    PickSet byTrace({QString::fromLatin1(PickSet::kTraceKey)}); // the file-index fallback
    byTrace.set({17}, 1.0);
    QCOMPARE(byTrace.size(), std::size_t(1));
}

void TestPickSet::roundTrip() {
    PickSet set({QStringLiteral("fldr"), QStringLiteral("offset")});
    set.set({2, -300}, 101.5);
    set.set({1, 0}, 20.25);
    set.set({1, 900}, 0.1 + 0.2); // needs 17 digits to come back the same
    set.set({-5, 1LL << 40}, -12.0);
    const QByteArray csv = set.toCsv();
    QCOMPARE(csv, QByteArray("fldr,offset,time_ms\n"
                             "-5,1099511627776,-12\n"
                             "1,0,20.25\n"
                             "1,900,0.30000000000000004\n"
                             "2,-300,101.5\n"));
    QCOMPARE(PickSet::fromCsv(csv, QStringLiteral("x.csv")), set);
    // Spaces, CRLF, comments and blank lines are read too.
    const PickSet loose = PickSet::fromCsv(
        "# picked by hand\r\n fldr , offset,time_ms\r\n\r\n1, 0 ,20.25\r\n2,-300, 101.5 \r\n",
        QStringLiteral("x.csv"));
    QCOMPARE(loose.keys(), set.keys());
    QCOMPARE(loose.size(), std::size_t(2));
    QCOMPARE(loose.time({2, -300}), std::optional<double>(101.5));
    // No picks at all: just the header.
    const PickSet none = PickSet::fromCsv("trace,time_ms\n", QStringLiteral("x.csv"));
    QVERIFY(none.empty());
    QCOMPARE(none.keys(), QStringList{QStringLiteral("trace")});
}

void TestPickSet::badCsv_data() {
    QTest::addColumn<QByteArray>("csv");
    QTest::addColumn<QString>("message"); // the whole what()
    QTest::newRow("empty") << QByteArray()
                           << "p.csv: no header line; expected key names then time_ms "
                              "(e.g. fldr,offset,time_ms)";
    QTest::newRow("no time column")
        << QByteArray("fldr,offset\n1,2\n")
        << "p.csv: line 1: header \"fldr,offset\"; expected key names then time_ms "
           "(e.g. fldr,offset,time_ms)";
    QTest::newRow("no key") << QByteArray("time_ms\n")
                            << "p.csv: line 1: header \"time_ms\"; "
                               "expected key names then time_ms "
                               "(e.g. fldr,offset,time_ms)";
    QTest::newRow("unknown key")
        << QByteArray("# c\nfldr,ofset,time_ms\n")
        << "p.csv: line 2: key \"ofset\"; expected a trace header key or \"trace\" (";
    QTest::newRow("key twice") << QByteArray("fldr,fldr,time_ms\n")
                               << "p.csv: line 1: key \"fldr\" given twice; expected distinct "
                                  "key names";
    QTest::newRow("short row") << QByteArray("fldr,offset,time_ms\n1,2,3\n\n1,5\n")
                               << "p.csv: line 4: 2 fields; expected 3 (fldr,offset,time_ms)";
    QTest::newRow("bad key value") << QByteArray("fldr,offset,time_ms\n1,2.5,3\n")
                                   << "p.csv: line 2: offset \"2.5\"; expected an integer";
    QTest::newRow("bad time") << QByteArray("fldr,time_ms\n1,soon\n")
                              << "p.csv: line 2: time_ms \"soon\"; expected a finite number";
    QTest::newRow("infinite time") << QByteArray("fldr,time_ms\n1,inf\n")
                                   << "p.csv: line 2: time_ms \"inf\"; expected a finite number";
    QTest::newRow("twice") << QByteArray("fldr,offset,time_ms\n1,2,3\n1,3,4\n1,2,5\n")
                           << "p.csv: line 4: the trace of line 2 picked again; expected one "
                              "pick per trace";
}

void TestPickSet::badCsv() {
    QFETCH(QByteArray, csv);
    QFETCH(QString, message);
    const QString got =
        messageOf<FormatError>([&] { PickSet::fromCsv(csv, QStringLiteral("p.csv")); });
    QVERIFY2(got.startsWith(message), qPrintable(got));
}

void TestPickSet::files() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    PickSet set({QStringLiteral("fldr"), QStringLiteral("tracf")});
    set.set({3, 7}, 412.0);
    const QString path = dir.filePath(QStringLiteral("picks.csv"));
    set.save(path);
    QCOMPARE(PickSet::load(path), set);
    const QString missing = dir.filePath(QStringLiteral("none.csv"));
    const QString error = messageOf<IoError>([&] { PickSet::load(missing); });
    QVERIFY2(error.startsWith(missing + QStringLiteral(": cannot read the picks: ")),
             qPrintable(error));
    const QString intoDir = messageOf<IoError>([&] { set.save(dir.path()); });
    QVERIFY2(intoDir.contains(QStringLiteral("cannot write the picks")), qPrintable(intoDir));
}

namespace {

// Trace headers with `offset` (bytes 37-40, big-endian) set.
std::vector<std::byte> headersWithOffsets(const std::vector<qint32>& offsets) {
    std::vector<std::byte> h(offsets.size() * kTraceHeaderBytes);
    for (std::size_t i = 0; i < offsets.size(); ++i) {
        const auto v = quint32(offsets[i]);
        const std::array<std::byte, 4> be = {std::byte(v >> 24), std::byte(v >> 16),
                                             std::byte(v >> 8), std::byte(v)};
        std::memcpy(h.data() + i * kTraceHeaderBytes + 36, be.data(), 4);
    }
    return h;
}

} // namespace

void TestPickSet::pickMute() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("p.csv"));
    {
        // offset 100 on two shots (mean 15), -100 too (|-100| = 100 with absolute), 300 once.
        PickSet set({QStringLiteral("fldr"), QStringLiteral("offset")});
        set.set({1, 100}, 10.0);
        set.set({2, 100}, 14.0);
        set.set({2, -100}, 21.0);
        set.set({1, 300}, 35.0);
        set.save(path);
    }
    const auto step = parseFlowStep(nlohmann::ordered_json::parse(
        QStringLiteral(R"({"step": "pickmute", "picks": "%1", "taper_ms": 8, "shift_ms": 1})")
            .arg(path)
            .toStdString()));
    const auto* mute = dynamic_cast<const PickMuteStep*>(step.get());
    QVERIFY(mute);
    using Points = std::vector<std::pair<double, double>>;
    QCOMPARE(mute->points(), (Points{{100.0, 16.0}, {300.0, 36.0}}));
    // The flow entry round-trips with its defaults written out.
    QCOMPARE(parseFlowStep(step->toJson())->toJson(), step->toJson());
    QCOMPARE(QString::fromStdString(step->toJson().at("mode").get<std::string>()),
             QStringLiteral("top"));

    // dt 4 ms from t0 = 0: offset 200 mutes before 26 ms (samples 0..6 at 0..24 ms), then the
    // taper of round(8 / 4) = 2 samples: sin^2(pi/4) = 0.5 and sin^2(pi/2) = 1.
    const std::vector<qint32> offsets = {200, -400, 0};
    const auto headers = headersWithOffsets(offsets);
    constexpr qint64 ns = 12;
    std::vector<float> data(offsets.size() * ns, 2.0f);
    ProcessingContext context;
    context.sampleIntervalUs = 4000.0;
    context.headers = headers.data();
    step->check(context);
    step->apply(data.data(), qint64(offsets.size()), ns, context);
    const std::vector<float> want = {
        0, 0, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, // 200: 26 ms
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 2, // |-400|: 36 ms, beyond the last point
        0, 0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2, // 0: 16 ms, before the first point
    };
    QCOMPARE(data, want);
    // Without headers the step cannot run.
    QVERIFY(argumentError([&] {
                step->check(ProcessingContext{4000.0});
            }).contains("pickmute: key offset needs the trace headers"));

    // Errors name the step, the key and the file.
    const auto entryError = [&](const QString& json) {
        return argumentError([&] {
            parseFlow(nlohmann::ordered_json::parse(
                QStringLiteral(R"({"version": 1, "steps": [%1]})").arg(json).toStdString()));
        });
    };
    QVERIFY(
        entryError(QStringLiteral(R"({"step": "pickmute", "picks": "%1", "key": "cdp"})").arg(path))
            .contains(QStringLiteral("flow step 1: pickmute: key cdp is not a column of %1 "
                                     "(columns: fldr,offset)")
                          .arg(path)));
    QVERIFY(entryError(
                QStringLiteral(R"({"step": "pickmute", "picks": "%1", "taper_ms": -1})").arg(path))
                .contains(QStringLiteral("pickmute: taper_ms -1; expected a length >= 0 ms")));
    const QString missing = dir.filePath(QStringLiteral("gone.csv"));
    QVERIFY(entryError(QStringLiteral(R"({"step": "pickmute", "picks": "%1"})").arg(missing))
                .contains(QStringLiteral("flow step 1: pickmute: picks %1: cannot read the picks")
                              .arg(missing)));
    const QString empty = dir.filePath(QStringLiteral("empty.csv"));
    PickSet({QStringLiteral("offset")}).save(empty);
    QVERIFY(entryError(QStringLiteral(R"({"step": "pickmute", "picks": "%1"})").arg(empty))
                .contains(QStringLiteral("holds no picks")));
}

QTEST_GUILESS_MAIN(TestPickSet)
#include "tst_pickset.moc"
