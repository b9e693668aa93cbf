// The seisview program end to end, offscreen: --screenshot with --ensemble and --mode renders
// the requested gather in every display mode and with AGC; bad options and bad files exit with a
// message.
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run {
    int code = -1;
    QByteArray err;
};

Run seisview(const QStringList& args, const QString& cacheHome) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);  // never the user's cache
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), cacheHome); // nor their settings
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral(SEIS_GUI), args);
    if (!p.waitForFinished(120000)) { // a hang guard only
        p.kill();
        p.waitForFinished();
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardError()};
}

} // namespace

class TestSeisview : public QObject {
    Q_OBJECT

private slots:
    void screenshotEveryMode_data();
    void screenshotEveryMode();
    void modesDiffer();
    void agcChangesThePicture();
    void badOptionsAndFiles();
    void screenshotNeverOverwritesTheFile();
    void screenshotOfSortedGathers();

private:
    QTemporaryDir m_dir;
    QString png(const QString& mode) const { return m_dir.filePath(mode + QStringLiteral(".png")); }
};

void TestSeisview::screenshotEveryMode_data() {
    QTest::addColumn<QString>("mode");
    for (const char* m : {"density", "wiggle", "va", "density+wiggle"})
        QTest::newRow(m) << QString::fromLatin1(m);
}

void TestSeisview::screenshotEveryMode() {
    QFETCH(QString, mode);
    // The demo data: 8 shots of 96 channels; ensemble 2 is traces 192-287.
    const Run r = seisview({QStringLiteral("--screenshot"), png(mode), QStringLiteral("--ensemble"),
                            QStringLiteral("2"), QStringLiteral("--mode"), mode,
                            QStringLiteral("--size"), QStringLiteral("1200x700")},
                           m_dir.path());
    QVERIFY2(r.code == 0, r.err.constData());
    const QImage image(png(mode));
    QCOMPARE(image.size(), QSize(1200, 700));
    // The gather is drawn: plenty of dark and plenty of light pixels in the right half.
    int dark = 0, light = 0;
    for (int y = 150; y < 650; y += 5)
        for (int x = 700; x < 1150; x += 5) {
            const int g = qGray(image.pixel(x, y));
            dark += g < 60;
            light += g > 200;
        }
    QVERIFY2(dark > 200 && light > 200,
             qPrintable(QStringLiteral("%1 dark, %2 light").arg(dark).arg(light)));
}

void TestSeisview::modesDiffer() {
    const QImage density(png(QStringLiteral("density")));
    const QImage va(png(QStringLiteral("va")));
    QVERIFY(!density.isNull() && !va.isNull());
    QVERIFY(density != va);
}

// --agc starts with AGC on (processed on the navigator's worker before the first picture): the
// late, weak events of the demo gather come up, so the picture has more strong pixels than the
// plain density one of the same gather; --normalize on top changes it again.
void TestSeisview::agcChangesThePicture() {
    const QString density = png(QStringLiteral("density"));
    QVERIFY(QFile::exists(density)); // screenshotEveryMode ran
    const auto shot = [&](const QString& name, QStringList extra) {
        const QString out = m_dir.filePath(name);
        const Run r = seisview(QStringList{QStringLiteral("--screenshot"), out,
                                           QStringLiteral("--ensemble"), QStringLiteral("2"),
                                           QStringLiteral("--size"), QStringLiteral("1200x700")} +
                                   extra,
                               m_dir.path());
        return r.code == 0 ? QImage(out) : QImage();
    };
    const QImage plain(density);
    const QImage agc =
        shot(QStringLiteral("agc.png"), {QStringLiteral("--agc"), QStringLiteral("200")});
    const QImage both =
        shot(QStringLiteral("agcnorm.png"),
             {QStringLiteral("--agc"), QStringLiteral("200"), QStringLiteral("--normalize")});
    QVERIFY(!agc.isNull() && !both.isNull());
    QCOMPARE(agc.size(), plain.size());
    const auto strong = [](const QImage& image) {
        int n = 0;
        for (int y = 150; y < 650; y += 2)
            for (int x = 700; x < 1150; x += 2) {
                const int g = qGray(image.pixel(x, y));
                n += g < 60 || g > 200;
            }
        return n;
    };
    QVERIFY2(strong(agc) > strong(plain),
             qPrintable(QStringLiteral("%1 vs %2").arg(strong(agc)).arg(strong(plain))));
    QVERIFY(agc != plain);
    QVERIFY(both != agc);
    for (const char* bad : {"0", "-5", "fast"}) {
        const Run r =
            seisview({QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png")),
                      QStringLiteral("--agc"), QString::fromLatin1(bad)},
                     m_dir.path());
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.contains("--agc"), r.err.constData());
    }
}

void TestSeisview::badOptionsAndFiles() {
    const QString out = m_dir.filePath(QStringLiteral("bad.png"));
    Run r = seisview(
        {QStringLiteral("--screenshot"), out, QStringLiteral("--ensemble"), QStringLiteral("8")},
        m_dir.path());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("ensemble 8 does not exist") && r.err.contains("8 ensembles"),
             r.err.constData());
    r = seisview(
        {QStringLiteral("--screenshot"), out, QStringLiteral("--mode"), QStringLiteral("hologram")},
        m_dir.path());
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains("hologram"), r.err.constData());
    r = seisview(
        {QStringLiteral("--screenshot"), out, QStringLiteral("--ensemble"), QStringLiteral("-3")},
        m_dir.path());
    QCOMPARE(r.code, 2);
    QFile junk(m_dir.filePath(QStringLiteral("junk.sgy")));
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write(QByteArray(100, 'x'));
    junk.close();
    r = seisview({QStringLiteral("--screenshot"), out, junk.fileName()}, m_dir.path());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("junk.sgy") && r.err.contains("100 bytes"), r.err.constData());
    QVERIFY(!QFile::exists(out)); // nothing written for a failed run
}

// --screenshot naming the file shown, directly or through a link: refused, the file unchanged.
void TestSeisview::screenshotNeverOverwritesTheFile() {
    const QString file = m_dir.filePath(QStringLiteral("shown.sgy"));
    QVERIFY(QFile::copy(qEnvironmentVariable("SEIS_TEST_DATA") + "/ensembles_small.sgy", file));
    const auto hash = [&] {
        QFile f(file);
        return f.open(QIODevice::ReadOnly)
                   ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256)
                   : QByteArray();
    };
    const QByteArray before = hash();
    const QString link = m_dir.filePath(QStringLiteral("link.png"));
    QVERIFY(QFile::link(file, link));
    for (const QString& out : {file, link}) {
        const Run r = seisview({QStringLiteral("--screenshot"), out, file}, m_dir.path());
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains(("error: " + out + ": ").toLocal8Bit()) &&
                     r.err.contains("never overwritten"),
                 r.err.constData());
        QCOMPARE(hash(), before);
    }
}

QTEST_GUILESS_MAIN(TestSeisview)
// --sort shows sorted gathers and --ensemble counts them: the demo's 768 traces make 209 CDP
// gathers; the picture of one differs from the shot gather of the same number; bad keys and a
// gather out of range exit 1 naming them.
void TestSeisview::screenshotOfSortedGathers() {
    const QString sorted = m_dir.filePath(QStringLiteral("sorted.png"));
    const QString shot = m_dir.filePath(QStringLiteral("shot.png"));
    Run r =
        seisview({QStringLiteral("--screenshot"), sorted, QStringLiteral("--sort"),
                  QStringLiteral("cdp,offset"), QStringLiteral("--ensemble"), QStringLiteral("3")},
                 m_dir.path());
    QVERIFY2(r.code == 0, r.err.constData());
    r = seisview(
        {QStringLiteral("--screenshot"), shot, QStringLiteral("--ensemble"), QStringLiteral("3")},
        m_dir.path());
    QVERIFY2(r.code == 0, r.err.constData());
    const QImage a(sorted), b(shot);
    QVERIFY(!a.isNull() && !b.isNull());
    QVERIFY(a != b);
    r = seisview({QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png")),
                  QStringLiteral("--sort"), QStringLiteral("cdp"), QStringLiteral("--ensemble"),
                  QStringLiteral("209")},
                 m_dir.path());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("ensemble 209 does not exist") &&
                 r.err.contains("209 ensembles by cdp"),
             r.err.constData());
    r = seisview({QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("x.png")),
                  QStringLiteral("--sort"), QStringLiteral("nosuchkey")},
                 m_dir.path());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("nosuchkey"), r.err.constData());
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("x.png"))));
}

#include "tst_seisview.moc"
