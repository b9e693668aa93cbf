// core/processing against numpy: AGC (applyAgc and AgcStep, ms turned into a half-width), trace
// normalisation (normalizeTraces and NormalizeStep), a chain of both, and the percentile clip,
// each compared value by value with processing_reference.py (numpy, written independently) on
// noisy traces with dead traces, silent stretches, spikes, NaN and infinities. Plus the steps'
// argument errors.
#include "processrun.h"
#include "seis/base/error.h"
#include "seis/processing/agc.h"
#include "seis/processing/agcstep.h"
#include "seis/processing/normalize.h"
#include "seis/processing/normalizestep.h"
#include "seis/processing/percentileclip.h"
#include "seis/processing/processingchain.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <bit>
#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <random>
#include <vector>

using namespace seis;

namespace {

constexpr qint64 kTraces = 9;
constexpr qint64 kSamples = 701;

// Noise whose amplitude changes by orders of magnitude along each trace, with the cases AGC and
// normalisation must treat apart: a dead trace, a silent stretch, a spike, NaN and +-inf.
std::vector<float> makeInput() {
    std::mt19937 rng(20261130);
    std::normal_distribution<float> noise(0.0f, 1.0f);
    std::vector<float> x(std::size_t(kTraces * kSamples));
    for (qint64 t = 0; t < kTraces; ++t)
        for (qint64 s = 0; s < kSamples; ++s) {
            const float envelope = float(std::pow(10.0, 3.0 * double(s) / double(kSamples) - 1.0));
            x[std::size_t(t * kSamples + s)] = noise(rng) * envelope * float(1 + t);
        }
    auto at = [&](qint64 t, qint64 s) -> float& { return x[std::size_t(t * kSamples + s)]; };
    for (qint64 s = 0; s < kSamples; ++s)
        at(2, s) = 0.0f; // dead trace
    for (qint64 s = 200; s < 320; ++s)
        at(3, s) = 0.0f; // silent stretch longer than the windows
    at(4, 350) = 1.0e4f; // spike
    at(5, 10) = std::numeric_limits<float>::quiet_NaN();
    at(5, 11) = std::numeric_limits<float>::infinity();
    at(6, 500) = -std::numeric_limits<float>::infinity();
    at(6, 0) = std::numeric_limits<float>::quiet_NaN();
    return x;
}

// Same NaN-ness, infinities equal, finite values within a relative 2e-5 (the C++ keeps running
// sums in double, numpy sums each window afresh).
bool close(float got, float want, QString* why) {
    if (std::isnan(want) || std::isnan(got)) {
        if (std::isnan(want) && std::isnan(got))
            return true;
    } else if (std::isinf(want) || std::isinf(got)) {
        if (got == want)
            return true;
    } else if (std::fabs(got - want) <= 2e-5f * std::max(1.0f, std::fabs(want))) {
        return true;
    }
    *why = QStringLiteral("got %1, numpy %2").arg(got, 0, 'g', 9).arg(want, 0, 'g', 9);
    return false;
}

} // namespace

class TestProcessing : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void agcMatchesNumpy_data();
    void agcMatchesNumpy();
    void agcStepTurnsMsIntoSamples_data();
    void agcStepTurnsMsIntoSamples();
    void normalizeMatchesNumpy();
    void chainAppliesStepsInOrder();
    void percentileMatchesNumpy();
    void stepsRefuseBadArguments();

private:
    // The numpy result of case `name` (kTraces x kSamples floats, or one for a percentile).
    std::vector<float> reference(const QString& name) const;
    void compare(const std::vector<float>& got, const QString& name) const;

    QTemporaryDir m_dir;
    std::vector<float> m_input;
};

void TestProcessing::initTestCase() {
    QVERIFY(m_dir.isValid());
    m_input = makeInput();
    QFile in(m_dir.filePath(QStringLiteral("input.f32")));
    QVERIFY(in.open(QIODevice::WriteOnly));
    // Little-endian float32, as numpy reads it ("<f4"); this machine is little-endian.
    static_assert(std::endian::native == std::endian::little);
    in.write(reinterpret_cast<const char*>(m_input.data()), qint64(m_input.size() * sizeof(float)));
    in.close();

    QJsonArray cases;
    auto add = [&](const QString& name, QJsonArray ops) {
        cases.append(QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("ops"), ops}});
    };
    for (int h : {0, 1, 5, 20, 50, 350, 1000})
        add(QStringLiteral("agc_%1").arg(h), {QJsonArray{QStringLiteral("agc"), h}});
    for (const auto& [ms, us] :
         {std::pair{50.0, 2000.0}, {25.0, 4000.0}, {250.0, 1000.0}, {0.4, 2000.0}, {4.0, 4000.0}})
        add(QStringLiteral("agcms_%1_%2").arg(ms).arg(us),
            {QJsonArray{QStringLiteral("agc_ms"), ms, us}});
    add(QStringLiteral("normalize"), {QJsonArray{QStringLiteral("normalize")}});
    add(QStringLiteral("agc_then_normalize"), {QJsonArray{QStringLiteral("agc_ms"), 60.0, 2000.0},
                                               QJsonArray{QStringLiteral("normalize")}});
    for (double p : {0.0, 50.0, 90.0, 99.0, 99.9, 100.0})
        add(QStringLiteral("percentile_%1").arg(p), {QJsonArray{QStringLiteral("percentile"), p}});
    QFile spec(m_dir.filePath(QStringLiteral("spec.json")));
    QVERIFY(spec.open(QIODevice::WriteOnly));
    spec.write(QJsonDocument(QJsonObject{{QStringLiteral("traces"), kTraces},
                                         {QStringLiteral("samples"), kSamples},
                                         {QStringLiteral("cases"), cases}})
                   .toJson());
    spec.close();

    QString python = qEnvironmentVariable("SEIS_PYTHON");
    if (python.isEmpty())
        python = QStringLiteral("/usr/bin/python3");
    const auto run = testsupport::runProcess(
        python,
        {QStringLiteral(SEIS_TESTS_DIR "/processing/processing_reference.py"), m_dir.path()});
    QVERIFY2(!run.crashed && !run.hung && run.code == 0,
             qPrintable(QStringLiteral("processing_reference.py failed: ") + run.describe()));
}

std::vector<float> TestProcessing::reference(const QString& name) const {
    QFile f(m_dir.filePath(name + QStringLiteral(".f32")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float));
    return v;
}

void TestProcessing::compare(const std::vector<float>& got, const QString& name) const {
    const std::vector<float> want = reference(name);
    QCOMPARE(want.size(), got.size());
    qint64 changed = 0;
    for (std::size_t i = 0; i < got.size(); ++i) {
        QString why;
        QVERIFY2(close(got[i], want[i], &why),
                 qPrintable(QStringLiteral("%1: trace %2 sample %3: %4")
                                .arg(name)
                                .arg(qint64(i) / kSamples)
                                .arg(qint64(i) % kSamples)
                                .arg(why)));
        changed += !(got[i] == m_input[i]) && !std::isnan(got[i]);
    }
    // The comparison means something: the processing changed most samples.
    QVERIFY2(changed > qint64(got.size()) / 2, qPrintable(name));
}

void TestProcessing::agcMatchesNumpy_data() {
    QTest::addColumn<int>("halfWidth");
    for (int h : {0, 1, 5, 20, 50, 350, 1000})
        QTest::addRow("half-width %d", h) << h;
}

void TestProcessing::agcMatchesNumpy() {
    QFETCH(int, halfWidth);
    std::vector<float> x = m_input;
    applyAgc(x.data(), kTraces, kSamples, halfWidth);
    compare(x, QStringLiteral("agc_%1").arg(halfWidth));
    // The dead trace stays dead; the NaN and the infinities stay where they are.
    for (qint64 s = 0; s < kSamples; ++s)
        QCOMPARE(x[std::size_t(2 * kSamples + s)], 0.0f);
    QVERIFY(std::isnan(x[std::size_t(5 * kSamples + 10)]));
    QVERIFY(std::isinf(x[std::size_t(5 * kSamples + 11)]));
}

void TestProcessing::agcStepTurnsMsIntoSamples_data() {
    QTest::addColumn<double>("ms");
    QTest::addColumn<double>("us");
    QTest::addColumn<qint64>("halfWidth");
    // h = round(L / (2 dt)), halves away from zero: 50 ms at 2 ms: 12.5 -> 13; 25 ms at 4 ms:
    // 3.125 -> 3; 250 ms at 1 ms: 125; 0.4 ms at 2 ms: 0.1 -> 0 (one sample); 4 ms at 4 ms:
    // 0.5 -> 1.
    QTest::newRow("50 ms at 2 ms") << 50.0 << 2000.0 << qint64(13);
    QTest::newRow("25 ms at 4 ms") << 25.0 << 4000.0 << qint64(3);
    QTest::newRow("250 ms at 1 ms") << 250.0 << 1000.0 << qint64(125);
    QTest::newRow("0.4 ms at 2 ms") << 0.4 << 2000.0 << qint64(0);
    QTest::newRow("4 ms at 4 ms") << 4.0 << 4000.0 << qint64(1);
}

void TestProcessing::agcStepTurnsMsIntoSamples() {
    QFETCH(double, ms);
    QFETCH(double, us);
    QFETCH(qint64, halfWidth);
    const AgcStep step(ms);
    QCOMPARE(step.name(), QStringLiteral("agc"));
    QCOMPARE(step.windowMs(), ms);
    QCOMPARE(step.halfWidth(us), halfWidth);
    std::vector<float> x = m_input;
    ProcessingContext context;
    context.sampleIntervalUs = us;
    step.apply(x.data(), kTraces, kSamples, context);
    compare(x, QStringLiteral("agcms_%1_%2").arg(ms).arg(us));
}

void TestProcessing::normalizeMatchesNumpy() {
    std::vector<float> x = m_input;
    normalizeTraces(x.data(), kTraces, kSamples);
    compare(x, QStringLiteral("normalize"));
    // Every trace with a finite non-zero sample peaks at exactly 1.
    for (qint64 t = 0; t < kTraces; ++t) {
        if (t == 2)
            continue;
        float peak = 0;
        for (qint64 s = 0; s < kSamples; ++s)
            if (std::isfinite(x[std::size_t(t * kSamples + s)]))
                peak = std::max(peak, std::fabs(x[std::size_t(t * kSamples + s)]));
        QCOMPARE(peak, 1.0f);
    }
    std::vector<float> y = m_input;
    NormalizeStep().apply(y.data(), kTraces, kSamples, {});
    QCOMPARE(NormalizeStep().name(), QStringLiteral("normalize"));
    QVERIFY(std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0);
}

void TestProcessing::chainAppliesStepsInOrder() {
    ProcessingChain chain;
    QVERIFY(chain.empty());
    chain.append(std::make_shared<const AgcStep>(60.0));
    chain.append(std::make_shared<const NormalizeStep>());
    QCOMPARE(chain.size(), std::size_t(2));
    std::vector<float> x = m_input;
    ProcessingContext context;
    context.sampleIntervalUs = 2000;
    chain.apply(x.data(), kTraces, kSamples, context);
    compare(x, QStringLiteral("agc_then_normalize"));
    // Trace by trace: processing the traces in two blocks gives the same bytes.
    std::vector<float> y = m_input;
    chain.apply(y.data(), 4, kSamples, context);
    chain.apply(y.data() + 4 * kSamples, kTraces - 4, kSamples, context);
    QVERIFY(std::memcmp(x.data(), y.data(), x.size() * sizeof(float)) == 0);
}

void TestProcessing::percentileMatchesNumpy() {
    for (double p : {0.0, 50.0, 90.0, 99.0, 99.9, 100.0}) {
        const std::vector<float> want = reference(QStringLiteral("percentile_%1").arg(p));
        QCOMPARE(want.size(), std::size_t(1));
        QCOMPARE(percentileClip(m_input.data(), qint64(m_input.size()), p), want[0]);
    }
}

void TestProcessing::stepsRefuseBadArguments() {
    for (double ms : {0.0, -5.0, std::numeric_limits<double>::quiet_NaN(),
                      std::numeric_limits<double>::infinity()}) {
        try {
            AgcStep step(ms);
            QFAIL(qPrintable(QStringLiteral("AgcStep(%1) accepted").arg(ms)));
        } catch (const ArgumentError& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("agc")), e.what());
        }
    }
    const AgcStep step(50.0);
    std::vector<float> x = m_input;
    ProcessingContext context; // no sample interval
    QVERIFY_THROWS_EXCEPTION(ArgumentError, step.apply(x.data(), kTraces, kSamples, context));
    QVERIFY(std::memcmp(x.data(), m_input.data(), x.size() * sizeof(float)) == 0);
    ProcessingChain chain;
    QVERIFY_THROWS_EXCEPTION(ArgumentError, chain.append(nullptr));
}

QTEST_MAIN(TestProcessing)
#include "tst_processing.moc"
