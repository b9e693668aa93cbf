// Very long traces end to end, with the real programs on the sparse files of make_long_traces.py
// (160 traces of 2,000,000 samples; 2 traces of 2^28): `seisview-cli scroll --cache-mb 64` stays
// within its budget + 100 MB peak RSS, `dump` streams a trace longer than its block in pieces
// (bytes checked against the spikes the generator wrote), and `seisview --screenshot` finishes
// within its 256 MB budget + 100 MB and shows the bursts where the generator put them. Peak RSS
// is the child's own (ru_maxrss from wait4, through tests/peak_rss.py); nothing is timed.
#include "testdata.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <map>

namespace {

using seis::testdata::dataPath;

QJsonObject manifest() {
    return seis::testdata::longTracesManifest();
}

struct Run {
    int code = -1;
    QByteArray out;
    QByteArray err;
    double peakRssMb = -1; // the child's, from peak_rss.py
    QString describe() const {
        return QStringLiteral("exit %1, peak RSS %2 MB\n--- stdout:\n%3\n--- stderr:\n%4")
            .arg(code)
            .arg(peakRssMb)
            .arg(QString::fromLocal8Bit(out.left(2000)), QString::fromLocal8Bit(err.right(2000)));
    }
};

// Runs `program` through peak_rss.py, with caches and settings in `home`; its standard output
// goes to the null device when `discardOutput`.
Run measured(const QString& program, const QStringList& args, const QString& home,
             bool discardOutput = false) {
    QProcess p;
    if (discardOutput)
        p.setStandardOutputFile(QProcess::nullDevice());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home);
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home);
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("SEIS_PYTHON"),
            QStringList{QStringLiteral(SEIS_TESTS_DIR "/peak_rss.py"), program} + args);
    if (!p.waitForFinished(600000)) { // a hang guard only
        p.kill();
        p.waitForFinished();
    }
    Run r;
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    static const QRegularExpression rss(QStringLiteral("peak_rss_kb (\\d+)\\n?$"));
    const auto m = rss.match(QString::fromLatin1(r.err));
    if (m.hasMatch())
        r.peakRssMb = m.captured(1).toDouble() / 1024.0;
    return r;
}

// The most frequent colour in `rect` of `image`.
QRgb commonest(const QImage& image, const QRect& rect) {
    std::map<QRgb, int> count;
    for (int y = rect.top(); y <= rect.bottom(); y += 2)
        for (int x = rect.left(); x <= rect.right(); x += 2)
            ++count[image.pixel(x, y)];
    return std::max_element(count.begin(), count.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

// The plot's data rectangle: the longest run of the colour of zero (most of these sparse files)
// across row `middle` (where no trace has data), and down the middle of that run; then every row
// where both its ends have that colour.
QRect dataRect(const QImage& image, QRgb zero, int middle) {
    const auto longestRun = [&](int length, auto pixel) {
        int best = 0, bestStart = 0;
        for (int i = 0, start = 0; i <= length; ++i)
            if (i == length || pixel(i) != zero) {
                if (i - start > best) {
                    best = i - start;
                    bestStart = start;
                }
                start = i + 1;
            }
        return std::pair{bestStart, best};
    };
    const auto [left, width] =
        longestRun(image.width(), [&](int x) { return image.pixel(x, middle); });
    const auto [top, height] =
        longestRun(image.height(), [&](int y) { return image.pixel(left + width / 2 + 1, y); });
    QRect plot(left, top, width, height);
    for (int y = 0; y < image.height(); ++y)
        if (image.pixel(left, y) == zero && image.pixel(left + width - 1, y) == zero)
            plot |= QRect(left, y, width, 1);
    return plot;
}

// The peak RSS bound for a program with a budget of `budgetMb`: the budget + 100 MB. Under the
// sanitizers (shadow memory, quarantine) the bound means nothing and is not checked.
bool withinBudget(double peakRssMb, double budgetMb) {
    if (SEIS_SANITIZED)
        return true;
    return peakRssMb > 0 && peakRssMb <= budgetMb + 100;
}

bool differs(QRgb a, QRgb b) {
    return std::abs(qGray(a) - qGray(b)) > 40;
}

} // namespace

class TestLongTraces : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void scrollStaysWithinBudget_data();
    void scrollStaysWithinBudget();
    void dumpSplitsALongTrace();
    void screenshotShowsTheBursts();
    void screenshotOfA2To28SampleTrace();

private:
    QJsonObject m_manifest;
    QTemporaryDir m_dir;
};

void TestLongTraces::initTestCase() {
    m_manifest = manifest();
    QVERIFY2(!m_manifest.isEmpty(), "long_traces.json is missing: run generate_long_traces");
    QVERIFY(m_dir.isValid());
}

void TestLongTraces::scrollStaysWithinBudget_data() {
    QTest::addColumn<QString>("file");
    QTest::newRow("2,000,000 samples") << QStringLiteral("long_traces.sgy");
    QTest::newRow("2^28 samples") << QStringLiteral("huge_trace.sgy");
}

void TestLongTraces::scrollStaysWithinBudget() {
    QFETCH(QString, file);
    const Run r = measured(qEnvironmentVariable("SEIS_CLI"),
                           {QStringLiteral("scroll"), dataPath(file), QStringLiteral("--cache-mb"),
                            QStringLiteral("64"), QStringLiteral("--json")},
                           m_dir.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    const double own = o.value(QStringLiteral("peak_rss_mb")).toDouble(-1);
    QVERIFY2(own > 0 && withinBudget(own, 64), qPrintable(r.describe()));
    QVERIFY2(withinBudget(r.peakRssMb, 64), qPrintable(r.describe()));
    QVERIFY2(o.value(QStringLiteral("cache_misses")).toInteger() > 0, qPrintable(r.describe()));
}

void TestLongTraces::dumpSplitsALongTrace() {
    // 12,000,000 samples of each of the two 2^28-sample traces: more than dump's 32 MB block, so
    // each trace goes out in two pieces, the second starting at 16,388,608 between two spikes.
    const QJsonObject huge = m_manifest[QLatin1String("huge")].toObject();
    const qint64 s0 = 8'000'000, s1 = 20'000'000, ns = s1 - s0;
    const QString out = m_dir.filePath(QStringLiteral("huge.f32"));
    const Run r =
        measured(qEnvironmentVariable("SEIS_CLI"),
                 {QStringLiteral("dump"), dataPath(huge[QLatin1String("file")].toString()),
                  QStringLiteral("--samples"), QStringLiteral("%1:%2").arg(s0).arg(s1),
                  QStringLiteral("-o"), out},
                 m_dir.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.size(), 2 * ns * qint64(sizeof(float)));
    const QJsonArray spikes = huge[QLatin1String("spikes")].toArray();
    const QJsonArray values = huge[QLatin1String("values")].toArray();
    std::vector<float> trace(static_cast<std::size_t>(ns));
    for (int t = 0; t < 2; ++t) {
        QCOMPARE(f.read(reinterpret_cast<char*>(trace.data()), ns * qint64(sizeof(float))),
                 ns * qint64(sizeof(float)));
        std::vector<float> want(trace.size(), 0.0f);
        for (qsizetype k = 0; k < spikes.size(); ++k) {
            const qint64 s = spikes[k].toInteger();
            if (s >= s0 && s < s1)
                want[std::size_t(s - s0)] = float(values[t].toArray()[k].toDouble());
        }
        for (qint64 i = 0; i < ns; ++i)
            if (std::memcmp(&trace[std::size_t(i)], &want[std::size_t(i)], sizeof(float)) != 0)
                QFAIL(qPrintable(QStringLiteral("trace %1 sample %2: %3, expected %4")
                                     .arg(t)
                                     .arg(s0 + i)
                                     .arg(trace[std::size_t(i)])
                                     .arg(want[std::size_t(i)])));
    }

    // 400 MB of one trace to standard output (discarded): one block of 32 MB at a time.
    const Run big =
        measured(qEnvironmentVariable("SEIS_CLI"),
                 {QStringLiteral("dump"), dataPath(huge[QLatin1String("file")].toString()),
                  QStringLiteral("--traces"), QStringLiteral("1:2"), QStringLiteral("--samples"),
                  QStringLiteral("0:100000000"), QStringLiteral("-o"), QStringLiteral("-")},
                 m_dir.path(), true);
    QVERIFY2(big.code == 0, qPrintable(big.describe()));
    QVERIFY2(withinBudget(big.peakRssMb, 32), qPrintable(big.describe()));
}

void TestLongTraces::screenshotShowsTheBursts() {
    const QString png = m_dir.filePath(QStringLiteral("long.png"));
    const Run r = measured(QStringLiteral(SEIS_GUI),
                           {QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                            QStringLiteral("1280x800"),
                            dataPath(m_manifest[QLatin1String("file")].toString())},
                           m_dir.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(withinBudget(r.peakRssMb, 256), qPrintable(r.describe()));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800));

    const QRgb zero = commonest(image, QRect(700, 250, 500, 300));
    const QRect plot = dataRect(image, zero, 420); // row 420: between two bursts everywhere
    QVERIFY2(plot.width() > 400 && plot.height() > 400,
             qPrintable(QStringLiteral("plot %1x%2").arg(plot.width()).arg(plot.height())));

    const int traces = m_manifest[QLatin1String("traces")].toInt();
    const double samples = m_manifest[QLatin1String("samples")].toDouble();
    const qint64 bursts = m_manifest[QLatin1String("bursts")].toInteger();
    const qint64 burst = m_manifest[QLatin1String("burst_samples")].toInteger();
    const qint64 step = m_manifest[QLatin1String("burst_step")].toInteger();
    const qint64 moveout = m_manifest[QLatin1String("moveout")].toInteger();
    // Trace t spans x in [t - 0.5, t + 0.5), sample s rows [s - 0.5, s + 0.5) over the plot.
    const auto xOf = [&](double t) { return plot.left() + int((t + 0.5) / traces * plot.width()); };
    const auto yOf = [&](double s) {
        return plot.top() + int((s + 0.5) / samples * plot.height());
    };
    for (int t : {2, 40, 81, 120, 157}) {
        const int x = xOf(t);
        for (qint64 k = 0; k < bursts; ++k) {
            // The burst is drawn at its place (within a pixel or two)...
            const qint64 first = k * step + t * moveout;
            bool seen = false;
            for (int y = yOf(double(first)) - 2; y <= yOf(double(first + burst)) + 2; ++y)
                seen = seen || differs(image.pixel(x, y), zero);
            QVERIFY2(seen, qPrintable(QStringLiteral("burst %1 of trace %2 is not at x %3, y %4")
                                          .arg(k)
                                          .arg(t)
                                          .arg(x)
                                          .arg(yOf(double(first)))));
            // ...and nothing is drawn between it and the next one.
            const int quietFrom = yOf(double(first + burst)) + 4;
            const int quietTo = yOf(double((k + 1) * step + t * moveout)) - 4;
            for (int y = quietFrom; y < std::min(quietTo, yOf(samples - 8 * traces) - 4); ++y)
                QVERIFY2(!differs(image.pixel(x, y), zero),
                         qPrintable(QStringLiteral("trace %1: data at y %2 between bursts %3 and "
                                                   "%4")
                                        .arg(t)
                                        .arg(y)
                                        .arg(k)
                                        .arg(k + 1)));
        }
    }
}

// Two traces of 2^28 samples (1 GB each): the picture comes, within the budget, with the
// spikes where they are (each one sample in 2^28, kept by the peak decimation).
void TestLongTraces::screenshotOfA2To28SampleTrace() {
    const QJsonObject huge = m_manifest[QLatin1String("huge")].toObject();
    const QString png = m_dir.filePath(QStringLiteral("huge.png"));
    const Run r =
        measured(QStringLiteral(SEIS_GUI),
                 {QStringLiteral("--screenshot"), png, QStringLiteral("--size"),
                  QStringLiteral("1280x800"), dataPath(huge[QLatin1String("file")].toString())},
                 m_dir.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(withinBudget(r.peakRssMb, 256), qPrintable(r.describe()));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1280, 800));
    const QRgb zero = commonest(image, QRect(700, 250, 500, 300));
    const QRect plot = dataRect(image, zero, 420);
    QVERIFY2(plot.width() > 400 && plot.height() > 400,
             qPrintable(QStringLiteral("plot %1x%2").arg(plot.width()).arg(plot.height())));
    const double samples = huge[QLatin1String("samples")].toDouble();
    const QJsonArray spikes = huge[QLatin1String("spikes")].toArray();
    for (int t = 0; t < 2; ++t) {
        const int x = plot.left() + int((t + 0.5) / 2 * plot.width());
        // Spikes 1, 2 and 3 (inside the plot; 3 and 4 share a row, 0 and 5 lie on its edges).
        for (int k : {1, 2, 3}) {
            const int y = plot.top() + int((spikes[k].toDouble() + 0.5) / samples * plot.height());
            bool seen = false;
            for (int dy = -2; dy <= 2; ++dy)
                seen = seen || differs(image.pixel(x, y + dy), zero);
            QVERIFY2(
                seen,
                qPrintable(
                    QStringLiteral("spike %1 of trace %2 is not at y %3").arg(k).arg(t).arg(y)));
        }
        // And nothing below them.
        for (int y = plot.top() + plot.height() / 4; y < plot.bottom() - 3; ++y)
            QVERIFY2(!differs(image.pixel(x, y), zero),
                     qPrintable(QStringLiteral("trace %1: data at y %2").arg(t).arg(y)));
    }
}

QTEST_GUILESS_MAIN(TestLongTraces)
#include "tst_longtraces.moc"
