// The processing steps agc, gain, butterworth and trapezoid, and the mean amplitude spectrum,
// against filters_reference.py (numpy/scipy, written independently): on SEG-Y files segyio
// writes (IEEE and IBM, both byte orders, recording delays of both signs, NaN and infinities,
// a dead trace, traces of 1, 2, 3, 77, 250 and 501 samples), every sample compared within 1e-5
// of the trace's largest |value|, edges included. Chains equal the composition of their steps;
// steps give the same bytes whatever the blocks and threads; flows round-trip; check() refuses
// frequencies beyond Nyquist naming the step and the value; `seisview-cli spectrum --json`
// matches numpy.
#include "processrun.h"
#include "seis/base/error.h"
#include "seis/processing/amplitudespectrum.h"
#include "seis/processing/butterworthstep.h"
#include "seis/processing/flow.h"
#include "seis/processing/gainstep.h"
#include "seis/processing/realfft.h"
#include "seis/processing/trapezoidstep.h"
#include "seis/sources/opensource.h"

#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <thread>
#include <vector>

using namespace seis;
using namespace seis::testsupport;
using json = nlohmann::ordered_json;

namespace {

struct Traces {
    std::vector<float> data;
    qint64 traces = 0;
    qint64 samples = 0;
    ProcessingContext context;
};

json readJson(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    return json::parse(bytes.begin(), bytes.end());
}

ProcessingChain chainOf(const json& steps) {
    return parseFlow(json{{"version", 1}, {"steps", steps}});
}

// Every finite sample of trace t within 1e-5 of the trace's largest finite |want| (exactly 0 for
// a trace of zeros); non-finite samples equal (NaN-ness, infinities).
QString compareTraces(const std::vector<float>& got, const std::vector<float>& want, qint64 traces,
                      qint64 samples) {
    if (got.size() != want.size())
        return QStringLiteral("%1 values, numpy %2").arg(got.size()).arg(want.size());
    for (qint64 t = 0; t < traces; ++t) {
        double peak = 0;
        for (qint64 s = 0; s < samples; ++s) {
            const float w = want[std::size_t(t * samples + s)];
            if (std::isfinite(w))
                peak = std::max(peak, std::fabs(double(w)));
        }
        for (qint64 s = 0; s < samples; ++s) {
            const float g = got[std::size_t(t * samples + s)];
            const float w = want[std::size_t(t * samples + s)];
            const bool same = std::isfinite(w)
                                  ? std::isfinite(g) && std::fabs(double(g) - w) <= 1e-5 * peak
                                  : (std::isnan(w) ? std::isnan(g) : g == w);
            if (!same)
                return QStringLiteral("trace %1 sample %2: got %3, numpy %4 (trace peak %5)")
                    .arg(t)
                    .arg(s)
                    .arg(g, 0, 'g', 9)
                    .arg(w, 0, 'g', 9)
                    .arg(peak);
        }
    }
    return {};
}

QString compareSpectra(const json& got, const json& want) {
    for (const char* key : {"frequency_hz", "amplitude", "amplitude_db"})
        if (!got.contains(key) || got[key].size() != want[key].size())
            return QStringLiteral("%1: %2 values, numpy %3")
                .arg(QLatin1String(key))
                .arg(got.contains(key) ? got[key].size() : 0)
                .arg(want[key].size());
    double peak = 0;
    for (const auto& a : want["amplitude"])
        peak = std::max(peak, a.get<double>());
    for (std::size_t k = 0; k < want["amplitude"].size(); ++k) {
        const double f = got["frequency_hz"][k], wf = want["frequency_hz"][k];
        const double a = got["amplitude"][k], wa = want["amplitude"][k];
        const double db = got["amplitude_db"][k], wdb = want["amplitude_db"][k];
        // dB compared where numpy's is above -40 dB (1e-5 of the peak is then < 0.01 dB), and
        // the floor where numpy's amplitude is 0.
        const bool ok = std::fabs(f - wf) <= 1e-9 * std::max(1.0, wf) &&
                        std::fabs(a - wa) <= 1e-5 * peak &&
                        (wdb < -40.0 || std::fabs(db - wdb) <= 0.01) &&
                        (wa != 0.0 || peak != 0.0 || db == AmplitudeSpectrum::kFloorDb);
        if (!ok)
            return QStringLiteral("bin %1: got %2 Hz %3 (%4 dB), numpy %5 Hz %6 (%7 dB)")
                .arg(k)
                .arg(f)
                .arg(a, 0, 'g', 9)
                .arg(db)
                .arg(wf)
                .arg(wa, 0, 'g', 9)
                .arg(wdb);
    }
    return {};
}

json spectrumJson(const AmplitudeSpectrum& s) {
    return {{"frequency_hz", s.frequencyHz},
            {"amplitude", s.amplitude},
            {"amplitude_db", s.amplitudeDb}};
}

} // namespace

class TestFilters : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void stepsMatchNumpy();
    void chainIsTheCompositionOfItsSteps();
    void sameBytesWhateverBlocksAndThreads();
    void flowsRoundTrip();
    void gainDefinitions();
    void fftLengths();
    void checkRefusesFrequenciesBeyondNyquist();
    void spectraMatchNumpy();
    void cliSpectrumMatchesNumpy();

private:
    Traces load(const QString& file) const;
    std::vector<float> reference(const QString& name) const;

    QTemporaryDir m_dir;
    json m_spec;
};

void TestFilters::initTestCase() {
    QVERIFY(m_dir.isValid());
    QString python = qEnvironmentVariable("SEIS_PYTHON");
    if (python.isEmpty())
        python = QStringLiteral("/usr/bin/python3");
    const auto run = testsupport::runProcess(
        python, {QStringLiteral(SEIS_TESTS_DIR "/processing/filters_reference.py"), m_dir.path()});
    QVERIFY2(!run.crashed && !run.hung && run.code == 0,
             qPrintable(QStringLiteral("filters_reference.py failed: ") + run.describe()));
    m_spec = readJson(m_dir.filePath(QStringLiteral("spec.json")));
    QVERIFY(m_spec.contains("cases") && m_spec["cases"].size() > 50);
}

Traces TestFilters::load(const QString& file) const {
    for (const auto& f : m_spec["files"]) {
        if (QString::fromStdString(f["name"]) != file)
            continue;
        const auto source = openSource(QString::fromStdString(f["path"]));
        Traces t;
        t.traces = source->traceCount();
        t.samples = source->sampleCount();
        t.data.resize(std::size_t(t.traces * t.samples));
        source->readWindow({0, t.traces}, {0, t.samples}, t.data.data());
        t.context.sampleIntervalUs = source->sampleIntervalUs();
        t.context.startTimeMs = source->startTimeMs();
        // What the file says is what numpy used.
        if (t.traces != f["traces"].get<qint64>() || t.samples != f["samples"].get<qint64>() ||
            t.context.sampleIntervalUs != f["dt_us"].get<double>() ||
            t.context.startTimeMs != f["delay_ms"].get<double>())
            return {};
        return t;
    }
    return {};
}

std::vector<float> TestFilters::reference(const QString& name) const {
    QFile f(m_dir.filePath(name + QStringLiteral(".f32")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = f.readAll();
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float));
    return v;
}

void TestFilters::stepsMatchNumpy() {
    int compared = 0;
    for (const auto& c : m_spec["cases"]) {
        const QString name = QString::fromStdString(c["name"]);
        Traces t = load(QString::fromStdString(c["file"]));
        QVERIFY2(t.traces > 0, qPrintable(name));
        const ProcessingChain chain = chainOf(c["steps"]);
        chain.check(t.context);
        std::vector<float> x = t.data;
        chain.apply(x.data(), t.traces, t.samples, t.context);
        const QString why = compareTraces(x, reference(name), t.traces, t.samples);
        QVERIFY2(why.isEmpty(),
                 qPrintable(name + QStringLiteral(" ") + QString::fromStdString(c["steps"].dump()) +
                            QStringLiteral(": ") + why));
        // The comparison means something: the steps changed the data (but a gain of 1 at t = 0
        // may leave a one-sample trace at t = 0 as it was).
        QVERIFY2(x != t.data || t.samples == 1, qPrintable(name));
        ++compared;
    }
    QVERIFY(compared > 50);
}

void TestFilters::chainIsTheCompositionOfItsSteps() {
    int chains = 0;
    for (const auto& c : m_spec["cases"]) {
        if (c["steps"].size() < 2)
            continue;
        Traces t = load(QString::fromStdString(c["file"]));
        const ProcessingChain chain = chainOf(c["steps"]);
        std::vector<float> whole = t.data;
        chain.apply(whole.data(), t.traces, t.samples, t.context);
        std::vector<float> stepwise = t.data;
        for (const auto& entry : c["steps"])
            parseFlowStep(entry)->apply(stepwise.data(), t.traces, t.samples, t.context);
        QVERIFY(std::memcmp(whole.data(), stepwise.data(), whole.size() * sizeof(float)) == 0);
        ++chains;
    }
    QVERIFY(chains >= 6);
}

void TestFilters::sameBytesWhateverBlocksAndThreads() {
    for (const auto& c : m_spec["cases"]) {
        const QString name = QString::fromStdString(c["name"]);
        Traces t = load(QString::fromStdString(c["file"]));
        const ProcessingChain chain = chainOf(c["steps"]);
        std::vector<float> whole = t.data;
        chain.apply(whole.data(), t.traces, t.samples, t.context);
        // One trace at a time (the one-lane Butterworth path) and in blocks of 3.
        for (qint64 block : {qint64(1), qint64(3)}) {
            std::vector<float> parts = t.data;
            for (qint64 first = 0; first < t.traces; first += block)
                chain.apply(parts.data() + first * t.samples, std::min(block, t.traces - first),
                            t.samples, t.context);
            QVERIFY2(std::memcmp(whole.data(), parts.data(), whole.size() * sizeof(float)) == 0,
                     qPrintable(QStringLiteral("%1, blocks of %2").arg(name).arg(block)));
        }
    }
    // Eight threads at once on the same chain (FFT plans come from one shared cache).
    const json steps = m_spec["cases"].back()["steps"];
    const Traces t = load(QString::fromStdString(m_spec["cases"].back()["file"]));
    const ProcessingChain chain = chainOf(steps);
    std::vector<float> want = t.data;
    chain.apply(want.data(), t.traces, t.samples, t.context);
    std::vector<std::vector<float>> results(8);
    std::vector<std::thread> threads;
    for (auto& r : results)
        threads.emplace_back([&] {
            for (int round = 0; round < 20; ++round) {
                r = t.data;
                chain.apply(r.data(), t.traces, t.samples, t.context);
            }
        });
    for (auto& th : threads)
        th.join();
    for (const auto& r : results)
        QVERIFY(r == want || std::memcmp(r.data(), want.data(), r.size() * sizeof(float)) == 0);
}

void TestFilters::flowsRoundTrip() {
    for (const auto& c : m_spec["cases"]) {
        const ProcessingChain chain = chainOf(c["steps"]);
        const json written = flowToJson(chain);
        QCOMPARE(flowToJson(parseFlow(written)), written);
        QCOMPARE(written["steps"].size(), c["steps"].size());
        // What the flow gave stays in what is written (defaults may be added).
        for (std::size_t i = 0; i < c["steps"].size(); ++i)
            for (const auto& [key, value] : c["steps"][i].items())
                QVERIFY2(written["steps"][i].contains(key) && written["steps"][i][key] == value,
                         qPrintable(QString::fromStdString(written.dump())));
    }
    // Defaults: gain 0 and 0; Butterworth order 4 on the sides given only.
    QCOMPARE(parseFlowStep(json::parse(R"({"step": "gain"})"))->toJson(),
             json::parse(R"({"step": "gain", "tpow": 0.0, "epow": 0.0})"));
    QCOMPARE(parseFlowStep(json::parse(R"({"step": "butterworth", "high_hz": 60})"))->toJson(),
             json::parse(R"({"step": "butterworth", "high_hz": 60.0, "high_order": 4})"));
    QCOMPARE(flowStepNames().mid(0, 4),
             (QStringList{QStringLiteral("agc"), QStringLiteral("gain"),
                          QStringLiteral("butterworth"), QStringLiteral("trapezoid")}));
}

void TestFilters::gainDefinitions() {
    // 1 trace of 4 samples at 4 ms from t = 0: t^2 gives 0 at t = 0, 0.004^2...
    std::vector<float> x = {1, 1, -1, 1};
    ProcessingContext context;
    context.sampleIntervalUs = 4000;
    GainStep(2.0, 0.0).apply(x.data(), 1, 4, context);
    QCOMPARE(x[0], 0.0f);
    QCOMPARE(x[1], float(0.004 * 0.004));
    QCOMPARE(x[2], float(-0.008 * 0.008));
    // Before time zero the power uses |t| (no polarity flip, no NaN for a fractional power).
    context.startTimeMs = -8;
    x = {2, 2, 2, 2};
    GainStep(0.5, 0.0).apply(x.data(), 1, 4, context);
    QCOMPARE(x[0], float(2 * std::sqrt(0.008)));
    QCOMPARE(x[1], float(2 * std::sqrt(0.004)));
    QCOMPARE(x[2], 0.0f);
    QCOMPARE(x[3], float(2 * std::sqrt(0.004)));
    // A negative power does not blow up at t = 0; exp(a t) takes t with its sign.
    x = {2, 2, 2, 2};
    GainStep(-1.0, 2.0).apply(x.data(), 1, 4, context);
    QCOMPARE(x[2], 2.0f);
    QCOMPARE(x[0], float(2 / 0.008 * std::exp(-0.016)));
    QVERIFY(!argumentError([] { GainStep(std::nan(""), 0); }).isEmpty());
    QVERIFY(argumentError([] { GainStep(1, 1).check({}); }).startsWith(QStringLiteral("gain: ")));
}

void TestFilters::fftLengths() {
    // The smallest even 2^a 3^b 5^c >= 2n.
    const std::vector<std::pair<qint64, qint64>> want = {
        {0, 0},       {1, 2},       {2, 4},       {3, 6},
        {4, 8},       {5, 10},      {7, 16},      {11, 24},
        {77, 160},    {250, 500},   {251, 512},   {501, 1024},
        {1001, 2048}, {1501, 3072}, {2000, 4000}, {2000001, 4050000}};
    for (const auto& [n, nfft] : want)
        QCOMPARE(fftLength(n), nfft);
}

void TestFilters::checkRefusesFrequenciesBeyondNyquist() {
    ProcessingContext context;
    context.sampleIntervalUs = 4000; // Nyquist 125 Hz
    const auto flowError = [&](const char* text) {
        return argumentError([&] { chainOf(json::parse(text)).check(context); });
    };
    QCOMPARE(flowError(R"([{"step": "butterworth", "low_hz": 8, "high_hz": 124.9}])"), QString());
    QVERIFY(flowError(R"([{"step": "butterworth", "low_hz": 8, "high_hz": 125}])")
                .startsWith(QStringLiteral("butterworth: high_hz 125; expected below Nyquist, "
                                           "125 Hz")));
    QVERIFY(flowError(R"([{"step": "butterworth", "low_hz": 300}])")
                .startsWith(QStringLiteral("butterworth: low_hz 300; expected below Nyquist")));
    QCOMPARE(flowError(R"([{"step": "trapezoid", "corners_hz": [5, 10, 50, 125]}])"), QString());
    QVERIFY(flowError(R"([{"step": "trapezoid", "corners_hz": [5, 10, 50, 130]}])")
                .startsWith(QStringLiteral("trapezoid: corners_hz [5, 10, 50, 130]: f4 130; "
                                           "expected at most Nyquist, 125 Hz")));
    // No sample interval: every step that needs one says so.
    for (const char* text :
         {R"([{"step": "agc", "window_ms": 5}])", R"([{"step": "gain", "tpow": 1}])",
          R"([{"step": "butterworth", "low_hz": 8}])",
          R"([{"step": "trapezoid", "corners_hz": [1, 2, 3, 4]}])"}) {
        const json steps = json::parse(text);
        const QString error = argumentError([&] { chainOf(steps).check({}); });
        QVERIFY2(error.startsWith(QString::fromStdString(steps[0]["step"]) +
                                  QStringLiteral(": sample interval 0 us")),
                 qPrintable(error));
    }
}

void TestFilters::spectraMatchNumpy() {
    for (const auto& c : m_spec["spectra"]) {
        const QString name = QString::fromStdString(c["name"]);
        Traces t = load(QString::fromStdString(c["file"]));
        const qint64 a = c["traces"][0], b = c["traces"][1];
        std::vector<float> x(t.data.begin() + a * t.samples, t.data.begin() + b * t.samples);
        const ProcessingChain chain = chainOf(c["steps"]);
        chain.apply(x.data(), b - a, t.samples, t.context);
        const AmplitudeSpectrum s =
            meanAmplitudeSpectrum(x.data(), b - a, t.samples, t.context.sampleIntervalUs);
        QCOMPARE(s.traces, b - a);
        const json want = readJson(m_dir.filePath(name + QStringLiteral(".json")));
        const QString why = compareSpectra(spectrumJson(s), want);
        QVERIFY2(why.isEmpty(), qPrintable(name + QStringLiteral(": ") + why));
        // Trace by trace into the accumulator: the same mean.
        SpectrumAccumulator acc(t.samples, t.context.sampleIntervalUs);
        for (qint64 k = 0; k < b - a; ++k)
            acc.add(x.data() + k * t.samples, 1);
        QCOMPARE(acc.result().amplitude, s.amplitude);
        // Split in two accumulators (as the viewer's threads fill them) and merged: numpy's mean.
        SpectrumAccumulator first(t.samples, t.context.sampleIntervalUs);
        SpectrumAccumulator second(t.samples, t.context.sampleIntervalUs);
        const qint64 half = (b - a) / 2;
        first.add(x.data(), half);
        second.add(x.data() + half * t.samples, b - a - half);
        first.merge(second);
        QCOMPARE(first.result().traces, b - a);
        const QString mergedWhy = compareSpectra(spectrumJson(first.result()), want);
        QVERIFY2(mergedWhy.isEmpty(), qPrintable(name + QStringLiteral(" merged: ") + mergedWhy));
    }
    // Accumulators of other traces do not merge.
    SpectrumAccumulator ten(10, 2000);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ten.merge(SpectrumAccumulator(11, 2000)));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, ten.merge(SpectrumAccumulator(10, 1000)));
    // No trace: zeros at the floor.
    const AmplitudeSpectrum none = meanAmplitudeSpectrum(nullptr, 0, 10, 2000);
    QCOMPARE(none.amplitude.size(), std::size_t(11));
    QCOMPARE(none.amplitudeDb[3], AmplitudeSpectrum::kFloorDb);
}

void TestFilters::cliSpectrumMatchesNumpy() {
    const QString cli = qEnvironmentVariable("SEIS_CLI");
    QVERIFY(!cli.isEmpty());
    int runs = 0;
    for (const auto& c : m_spec["spectra"]) {
        const QString name = QString::fromStdString(c["name"]);
        QString path;
        qint64 traces = 0;
        for (const auto& f : m_spec["files"])
            if (f["name"] == c["file"]) {
                path = QString::fromStdString(f["path"]);
                traces = f["traces"];
            }
        QStringList args = {QStringLiteral("spectrum"), path, QStringLiteral("--json")};
        const qint64 a = c["traces"][0], b = c["traces"][1];
        if (a != 0 || b != traces) // all traces when --traces is not given
            args << QStringLiteral("--traces") << QStringLiteral("%1:%2").arg(a).arg(b);
        if (!c["steps"].empty()) {
            const QString flow = m_dir.filePath(name + QStringLiteral(".flow.json"));
            QFile f(flow);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray::fromStdString(json{{"version", 1}, {"steps", c["steps"]}}.dump()));
            f.close();
            args << QStringLiteral("--flow") << flow;
        }
        const auto run = testsupport::runProcess(cli, args);
        QVERIFY2(!run.crashed && !run.hung && run.code == 0, qPrintable(run.describe()));
        const json got = json::parse(run.out.toStdString());
        const QString why =
            compareSpectra(got, readJson(m_dir.filePath(name + QStringLiteral(".json"))));
        QVERIFY2(why.isEmpty(), qPrintable(name + QStringLiteral(" (cli): ") + why));
        ++runs;
    }
    QVERIFY(runs >= 6);
    // A flow the data cannot take fails naming the step and the value.
    const QString flow = m_dir.filePath(QStringLiteral("nyquist.flow.json"));
    QFile f(flow);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(R"({"version": 1, "steps": [{"step": "butterworth", "high_hz": 400}]})");
    f.close();
    const auto run = testsupport::runProcess(
        cli, {QStringLiteral("spectrum"), QString::fromStdString(m_spec["files"][0]["path"]),
              QStringLiteral("--flow"), flow, QStringLiteral("--json")});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("butterworth: high_hz 400; expected below Nyquist, 250 Hz"),
             run.err.constData());
    QVERIFY(run.out.isEmpty());
}

QTEST_GUILESS_MAIN(TestFilters)
#include "tst_filters.moc"
