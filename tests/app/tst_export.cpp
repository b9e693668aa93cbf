// `seisview-cli export`, run as a user would, each output checked by tests/data/check_export.py:
// an independent reader (numpy, exact IBM arithmetic), the selection computed from the input's
// header columns, the expected bytes encoded in Python, and segyio reading every output in the
// formats it knows (1, 2, 3, 5, 8). Sources are written by tests/data/make_export_files.py into
// a temporary directory (every header byte known); the long-trace, one-trace and one-sample
// files come from the generate_test_data fixture (SEIS_TEST_DATA).
//
// Covered: same-format copies byte-identical to the source; every writable format from IBM in
// both byte orders; IEEE to IBM (NaN, infinities, denormals) and to integers with a scale and
// the saturation count in the JSON; big -> little -> big byte-identical; trace, ensemble (one
// and two keys), header-value, every-Nth and time-window selections; > 32767 samples, one
// trace, one sample; --text; OUT "-"; errors (exit 1, one line naming what is wrong) and usage
// mistakes (exit 2); output = input refused; a full disk (a tmpfs mounted here, root only)
// leaves nothing.
#include "filesystemsupport.h"
#include "processrun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <cstring>

using namespace seis::testsupport;

namespace {

ProcessRun runCli(const QStringList& args, const QString& cacheHome) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    ProcessOptions o;
    o.environment = env;
    return runProcess(qEnvironmentVariable("SEIS_CLI"), args, o);
}

QString testsDir() {
    return QStringLiteral(SEIS_TESTS_DIR);
}

ProcessRun runPython(const QString& script, const QStringList& args) {
    return runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                      QStringList{testsDir() + QStringLiteral("/data/") + script} + args);
}

QString fixture(const QString& name) {
    return QDir(qEnvironmentVariable("SEIS_TEST_DATA")).filePath(name);
}

QJsonObject jsonOf(const QByteArray& text) {
    return QJsonDocument::fromJson(text).object();
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sameFormatCopyIsByteIdentical_data();
    void sameFormatCopyIsByteIdentical();
    void convert_data();
    void convert();
    void byteOrderRoundTrip();
    void textHeader();
    void toStandardOutput();
    void outputOver4GB();
    void rev1LeftoversAndRevisionChange();
    void timeWindowNeedsOneDelay();
    void errors_data();
    void errors();
    void usageMistakes_data();
    void usageMistakes();
    void outputIsInput();
    void fullDisk();
    void writeFailure();

private:
    QString src(const QString& name) const { return m_dir.filePath(name); }
    QString out(const QString& name = QStringLiteral("out.sgy")) const {
        return m_dir.filePath(name);
    }

    QTemporaryDir m_dir;
    QTemporaryDir m_cache;
};

void TestExport::initTestCase() {
    QVERIFY(m_dir.isValid() && m_cache.isValid());
    QVERIFY(!qEnvironmentVariable("SEIS_CLI").isEmpty());
    const ProcessRun r = runPython(QStringLiteral("make_export_files.py"), {m_dir.path()});
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.describe()));
}

void TestExport::sameFormatCopyIsByteIdentical_data() {
    QTest::addColumn<QString>("source");
    // The odd files hold samples float32 cannot carry (unnormalised IBM words, IBM beyond the
    // float range, int32 beyond 2^24, NaN payloads): the copy takes the source's bytes.
    for (const char* name : {"src_f1_be.sgy", "src_f5_le.sgy", "src_f2_be.sgy", "src_f3_le.sgy",
                             "src_f8_be.sgy", "src_f5_be.sgy", "src_nan_le.sgy",
                             "src_odd_f1_be.sgy", "src_odd_f2_le.sgy", "src_odd_f5_be.sgy"})
        QTest::newRow(name) << QString::fromLatin1(name);
}

void TestExport::sameFormatCopyIsByteIdentical() {
    QFETCH(QString, source);
    const ProcessRun r = runCli({QStringLiteral("export"), src(source), out()}, m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QByteArray a = readFile(src(source));
    const QByteArray b = readFile(out());
    QCOMPARE(b.size(), a.size());
    QVERIFY2(a == b, "the copy differs from the source");
    const QJsonObject j = jsonOf(r.out);
    QCOMPARE(j.value(QStringLiteral("traces")).toInteger(), 64);
    QCOMPARE(j.value(QStringLiteral("samples")).toInteger(), 50);
    QCOMPARE(j.value(QStringLiteral("bytes")).toInteger(), a.size());
    QCOMPARE(j.value(QStringLiteral("saturated_samples")).toInteger(), 0);
    QVERIFY(j.contains(QStringLiteral("seconds")) && j.contains(QStringLiteral("warnings")) &&
            j.contains(QStringLiteral("revision")) && j.contains(QStringLiteral("endianness")) &&
            j.contains(QStringLiteral("format")));
}

void TestExport::convert_data() {
    QTest::addColumn<QString>("source");      // in m_dir, or "fixture:NAME"
    QTest::addColumn<QString>("inEndian");    // of the source
    QTest::addColumn<QStringList>("cliArgs"); // after IN OUT
    QTest::addColumn<QStringList>("checkArgs");
    QTest::addColumn<int>("revision");  // expected in the output
    QTest::addColumn<int>("saturated"); // expected in the JSON, -1: the checker's count

    const QString f1 = QStringLiteral("src_f1_be.sgy");
    // Every writable format from IBM, both byte orders (scale 10: integers saturate).
    for (int format : {1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16})
        for (const char* order : {"big", "little"}) {
            const bool rev1 = QList<int>{1, 2, 3, 5, 8}.contains(format) &&
                              QLatin1String(order) == QLatin1String("big");
            const QStringList a{QStringLiteral("--format"), QString::number(format),
                                QStringLiteral("--endian"), QString::fromLatin1(order),
                                QStringLiteral("--scale"),  QStringLiteral("10")};
            QTest::addRow("ibm to %d %s", format, order)
                << f1 << "big" << a
                << (QStringList{QStringLiteral("--format"), QString::number(format),
                                QStringLiteral("--endian"), QString::fromLatin1(order),
                                QStringLiteral("--scale"), QStringLiteral("10")})
                << (rev1 ? 1 : 2) << -1;
        }
    // IEEE with NaN, infinities, -0, 3e38 and a denormal to IBM: NaN -> 0, infinities saturate.
    QTest::newRow("ieee le to ibm be")
        << "src_nan_le.sgy"
        << "little" << QStringList{"--format", "1", "--endian", "big"}
        << QStringList{"--format", "1", "--endian", "big"} << 2 << 2;
    QTest::newRow("ieee to int16 scaled")
        << "src_nan_le.sgy"
        << "little" << QStringList{"--format", "3", "--scale", "1000"}
        << QStringList{"--format", "3", "--endian", "little", "--scale", "1000"} << 2 << -1;
    QTest::newRow("ieee with nan, same format")
        << "src_nan_le.sgy"
        << "little" << QStringList{} << QStringList{"--format", "5", "--endian", "little"} << 2
        << 0;
    QTest::newRow("int32 to ieee little")
        << "src_f2_be.sgy"
        << "big" << QStringList{"--format", "5", "--endian", "little"}
        << QStringList{"--format", "5", "--endian", "little"} << 2 << 0;
    QTest::newRow("int16 le to int8 be rev 1")
        << "src_f3_le.sgy"
        << "little" << QStringList{"--format", "8", "--endian", "big", "--revision", "1"}
        << QStringList{"--format", "8", "--endian", "big"} << 1 << -1;
    QTest::newRow("int8 rev 0 to ieee: rev 1")
        << "src_f8_be.sgy"
        << "big" << QStringList{"--format", "5"} << QStringList{"--format", "5", "--endian", "big"}
        << 1 << 0;
    // Selections.
    QTest::newRow("traces every") << f1 << "big" << QStringList{"--traces", "3:50", "--every", "3"}
                                  << QStringList{"--format", "1",        "--endian",
                                                 "big",      "--traces", "3:50",
                                                 "--every",  "3",        "--same-bytes"}
                                  << 1 << 0;
    QTest::newRow("ensembles fldr")
        << f1 << "big" << QStringList{"--ensembles", "2:5"}
        << QStringList{"--format", "1", "--endian", "big", "--ensembles", "2:5", "--same-bytes"}
        << 1 << 0;
    QTest::newRow("ensembles open end")
        << f1 << "big" << QStringList{"--ensembles", "6:"}
        << QStringList{"--format", "1", "--endian", "big", "--ensembles", "6:"} << 1 << 0;
    QTest::newRow("ensembles fldr,cdp")
        << f1 << "big" << QStringList{"--ensembles", "3:8", "--keys", "fldr,cdp"}
        << QStringList{"--format", "1", "--endian", "big", "--ensembles", "3:8", "--keys", "9,21"}
        << 1 << 0;
    QTest::newRow("where twice") << f1 << "big"
                                 << QStringList{"--where", "offset=-200:300", "--where",
                                                "cdp=1005:1025"}
                                 << QStringList{"--format", "1",           "--endian",
                                                "big",      "--where",     "37=-200:300",
                                                "--where",  "21=1005:1025"}
                                 << 1 << 0;
    QTest::newRow("time window") << f1 << "big" << QStringList{"--time", "120:181"}
                                 << QStringList{"--format", "1",       "--endian",    "big",
                                                "--time",   "120:181", "--same-bytes"}
                                 << 1 << 0;
    QTest::newRow("everything at once, little ieee")
        << f1 << "big" << QStringList{"--traces", "2:60", "--where",  "offset=-500:400",
                                      "--every",  "2",    "--time",   "150.4:",
                                      "--format", "5",    "--endian", "little"}
        << QStringList{"--format", "5",           "--endian", "little", "--traces", "2:60",
                       "--where",  "37=-500:400", "--every",  "2",      "--time",   "150.4:1000000"}
        << 2 << 0;
    QTest::newRow("time window le ieee")
        << "src_f5_le.sgy"
        << "little" << QStringList{"--time", ":140", "--endian", "big"}
        << QStringList{"--format", "5", "--endian", "big", "--time=-1000:140"} << 2 << 0;
    // Shapes: more than 32767 samples (rev 2 extended count), one trace, one sample.
    QTest::newRow("70000 samples to ieee")
        << "fixture:big_ns.sgy"
        << "big" << QStringList{"--format", "5"} << QStringList{"--format", "5", "--endian", "big"}
        << 2 << 0;
    QTest::newRow("70000 samples to ibm little")
        << "fixture:big_ns.sgy"
        << "big" << QStringList{"--format", "1", "--endian", "little"}
        << QStringList{"--format", "1", "--endian", "little"} << 2 << 0;
    QTest::newRow("one trace to int16")
        << "fixture:one_trace.sgy"
        << "big" << QStringList{"--format", "3", "--scale", "0.5"}
        << QStringList{"--format", "3", "--endian", "big", "--scale", "0.5"} << 0 << -1;
    QTest::newRow("one sample to ibm")
        << "fixture:one_sample.sgy"
        << "little" << QStringList{"--format", "1"}
        << QStringList{"--format", "1", "--endian", "little"} << 0 << -1;
    QTest::newRow("one trace selected")
        << f1 << "big" << QStringList{"--traces", "63:64"}
        << QStringList{"--format", "1", "--endian", "big", "--traces", "63:64"} << 1 << 0;
}

void TestExport::convert() {
    QFETCH(QString, source);
    QFETCH(QString, inEndian);
    QFETCH(QStringList, cliArgs);
    QFETCH(QStringList, checkArgs);
    QFETCH(int, revision);
    QFETCH(int, saturated);
    const QString in =
        source.startsWith(QLatin1String("fixture:")) ? fixture(source.mid(8)) : src(source);
    const ProcessRun r =
        runCli(QStringList{QStringLiteral("export"), in, out()} + cliArgs, m_cache.path());
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.describe()));
    const QJsonObject j = jsonOf(r.out);
    QCOMPARE(j.value(QStringLiteral("revision")).toInt(), revision);

    const ProcessRun c =
        runPython(QStringLiteral("check_export.py"),
                  QStringList{in, out(), QStringLiteral("--in-endian"), inEndian,
                              QStringLiteral("--revision"), QString::number(revision)} +
                      checkArgs);
    QVERIFY2(c.code == 0 && !c.crashed, qPrintable(c.describe()));
    // The checker's last line: the traces and samples it expects.
    const QList<QByteArray> lines = c.out.trimmed().split('\n');
    const QJsonObject expected = jsonOf(lines.back());
    QCOMPARE(j.value(QStringLiteral("traces")).toInteger(),
             expected.value(QStringLiteral("traces")).toInteger());
    QCOMPARE(j.value(QStringLiteral("samples")).toInteger(),
             expected.value(QStringLiteral("samples")).toInteger());
    QCOMPARE(j.value(QStringLiteral("bytes")).toInteger(), QFileInfo(out()).size());
    const qint64 checkerSaturated = lines[0].split(' ').value(1).toLongLong();
    QVERIFY2(lines[0].startsWith("saturated "), c.out.constData());
    QCOMPARE(j.value(QStringLiteral("saturated_samples")).toInteger(), checkerSaturated);
    if (saturated >= 0)
        QCOMPARE(checkerSaturated, saturated);
    QCOMPARE(j.value(QStringLiteral("format")).toInt(),
             checkArgs[checkArgs.indexOf(QStringLiteral("--format")) + 1].toInt());
    QCOMPARE(j.value(QStringLiteral("endianness")).toString(),
             checkArgs[checkArgs.indexOf(QStringLiteral("--endian")) + 1]);
    // NaNs written as 0 and saturated samples are named in the warnings.
    const QString warnings =
        QString::fromUtf8(QJsonDocument(j.value(QStringLiteral("warnings")).toArray()).toJson());
    QCOMPARE(warnings.contains(QStringLiteral("saturated")), checkerSaturated > 0);
    QVERIFY2(lines.value(1).startsWith("nan "), c.out.constData());
    const qint64 nans = lines[1].split(' ').value(1).toLongLong();
    QCOMPARE(warnings.contains(QStringLiteral("%1 NaN samples written as 0").arg(nans)), nans > 0);
}

void TestExport::byteOrderRoundTrip() {
    for (const char* name : {"src_f1_be.sgy", "src_f2_be.sgy", "src_f5_be.sgy"}) {
        const QString a = src(QString::fromLatin1(name));
        const QString little = out(QStringLiteral("little.sgy"));
        const QString back = out(QStringLiteral("back.sgy"));
        ProcessRun r = runCli({QStringLiteral("export"), a, little, QStringLiteral("--endian"),
                               QStringLiteral("little")},
                              m_cache.path());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QCOMPARE(jsonOf(r.out).value(QStringLiteral("revision")).toInt(), 2);
        // The little-endian file is what the checker expects (every field swapped by width).
        const ProcessRun c =
            runPython(QStringLiteral("check_export.py"),
                      {a, little, QStringLiteral("--in-endian"), QStringLiteral("big"),
                       QStringLiteral("--revision"), QStringLiteral("2"),
                       QStringLiteral("--format"), QString::number(readFile(a).at(3225) & 0xff),
                       QStringLiteral("--endian"), QStringLiteral("little")});
        QVERIFY2(c.code == 0, qPrintable(c.describe()));
        // Back to big-endian at the source's revision: the source, byte for byte.
        const QString revision = QString::number(readFile(a).at(3500));
        QStringList args{QStringLiteral("export"), little, back, QStringLiteral("--endian"),
                         QStringLiteral("big")};
        if (revision == QLatin1String("1"))
            args << QStringLiteral("--revision") << QStringLiteral("1");
        r = runCli(args, m_cache.path());
        QVERIFY2(r.code == 0, qPrintable(r.describe()));
        QVERIFY2(readFile(back) == readFile(a), name);
    }
}

void TestExport::textHeader() {
    const QString text = out(QStringLiteral("text.txt"));
    QVERIFY(writeFile(text, "C 1 A NEW TEXTUAL HEADER, Latin-1 \xc3\xa9 too\nC 2 second line\n"));
    const ProcessRun r = runCli({QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")),
                                 out(), QStringLiteral("--text"), text},
                                m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const ProcessRun c = runPython(
        QStringLiteral("check_export.py"),
        {src(QStringLiteral("src_f1_be.sgy")), out(), QStringLiteral("--in-endian"),
         QStringLiteral("big"), QStringLiteral("--revision"), QStringLiteral("1"),
         QStringLiteral("--format"), QStringLiteral("1"), QStringLiteral("--endian"),
         QStringLiteral("big"), QStringLiteral("--text"), text, QStringLiteral("--same-bytes")});
    QVERIFY2(c.code == 0, qPrintable(c.describe()));
    // 41 lines: refused, naming the file.
    QByteArray many;
    for (int i = 0; i < 41; ++i)
        many += "line\n";
    QVERIFY(writeFile(text, many));
    const ProcessRun bad =
        runCli({QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")),
                out(QStringLiteral("never.sgy")), QStringLiteral("--text"), text},
               m_cache.path());
    QCOMPARE(bad.code, 1);
    QVERIFY2(bad.err.contains(text.toLocal8Bit()) && bad.err.contains("41 lines"),
             bad.err.constData());
    QVERIFY(!QFile::exists(out(QStringLiteral("never.sgy"))));
}

void TestExport::toStandardOutput() {
    const QString file = out(QStringLiteral("stdout_ref.sgy"));
    const QString piped = out(QStringLiteral("stdout_got.sgy"));
    const QStringList sel{QStringLiteral("--traces"), QStringLiteral("1:9"),
                          QStringLiteral("--format"), QStringLiteral("5")};
    ProcessRun r = runCli(
        QStringList{QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")), file} + sel,
        m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
    ProcessOptions o;
    o.environment = env;
    o.stdoutFile = piped;
    r = runProcess(qEnvironmentVariable("SEIS_CLI"),
                   QStringList{QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")),
                               QStringLiteral("-")} +
                       sel,
                   o);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(piped), readFile(file));
    // The summary went to stderr.
    QCOMPARE(jsonOf(r.err).value(QStringLiteral("traces")).toInt(), 8);
}

// An output past 4 GiB, streamed to a pipe (no disk needed): a sparse IEEE source of 66000
// traces of 16384 samples (4.34 GB) exported to IBM. Every byte is counted; the last trace's
// header and last sample are checked, so a 32-bit offset or count anywhere shows.
void TestExport::outputOver4GB() {
    constexpr qint64 kTraces = 66000;
    constexpr qint64 kSamples = 16384;
    constexpr qint64 kTraceBytes = 240 + 4 * kSamples;
    constexpr qint64 kSize = 3600 + kTraces * kTraceBytes;
    static_assert(kSize > (qint64(1) << 32));
    const QString path = out(QStringLiteral("sparse_4gb.sgy"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray head = QByteArray(3200, '\x40') + QByteArray(400, '\0'); // EBCDIC spaces
        auto put16 = [&](QByteArray& b, int at, quint16 v) {
            b[at] = char(v >> 8);
            b[at + 1] = char(v & 0xff);
        };
        put16(head, 3216, 1000);     // 3217: sample interval, us
        put16(head, 3220, kSamples); // 3221: samples per trace
        put16(head, 3224, 5);        // 3225: IEEE float
        QCOMPARE(f.write(head), qint64(head.size()));
        QVERIFY(f.resize(kSize)); // sparse: holes read as zeros
        // The last trace: fldr 7 (bytes 9-12) and its last sample 1.5 (0x3fc00000).
        QVERIFY(f.seek(kSize - kTraceBytes + 8));
        QCOMPARE(f.write(QByteArray::fromHex("00000007")), qint64(4));
        QVERIFY(f.seek(kSize - 4));
        QCOMPARE(f.write(QByteArray::fromHex("3fc00000")), qint64(4));
    }
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("SEIS_CLI"),
            {QStringLiteral("export"), path, QStringLiteral("-"), QStringLiteral("--format"),
             QStringLiteral("1"), QStringLiteral("--quiet")});
    QVERIFY(p.waitForStarted());
    qint64 total = 0;
    QByteArray tail;
    for (;;) {
        const bool running = p.state() != QProcess::NotRunning;
        if (running)
            p.waitForReadyRead(1000);
        const QByteArray chunk = p.readAllStandardOutput();
        total += chunk.size();
        tail = (tail + chunk).right(kTraceBytes);
        if (!running && chunk.isEmpty())
            break;
    }
    p.waitForFinished(-1);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0, err.constData());
    QCOMPARE(total, kSize);
    QCOMPARE(jsonOf(err).value(QStringLiteral("bytes")).toInteger(), kSize);
    QCOMPARE(jsonOf(err).value(QStringLiteral("traces")).toInteger(), kTraces);
    QCOMPARE(tail.size(), qsizetype(kTraceBytes));
    QCOMPARE(tail.mid(8, 4).toHex(), QByteArray("00000007"));   // fldr of the last trace
    QCOMPARE(tail.mid(114, 2).toHex(), QByteArray("4000"));     // its samples per trace
    QCOMPARE(tail.right(4).toHex(), QByteArray("41180000"));    // 1.5 in IBM
    QCOMPARE(tail.mid(240, 4).toHex(), QByteArray("00000000")); // a hole: 0
    QFile::remove(path);
}

// A rev 1 file with leftovers in the bytes rev 1 leaves unassigned and rev 2 defines (3269
// extended samples, 3273 extended interval, 3511 time basis, 3521 first-trace offset): a copy
// keeps them byte for byte; a rev 2 output (little-endian) clears them and writes the interval.
void TestExport::rev1LeftoversAndRevisionChange() {
    QByteArray bytes = readFile(src(QStringLiteral("src_f1_be.sgy")));
    QCOMPARE(int(bytes.at(3500)), 1);
    bytes.replace(3268, 4, QByteArray::fromHex("12345678"));
    bytes.replace(3272, 8, QByteArray::fromHex("0102030405060708"));
    bytes.replace(3510, 2, QByteArray::fromHex("0003"));
    bytes.replace(3520, 8, QByteArray::fromHex("00000000deadbeef"));
    const QString in = out(QStringLiteral("leftovers.sgy"));
    QVERIFY(writeFile(in, bytes));

    ProcessRun r = runCli({QStringLiteral("export"), in, out()}, m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(readFile(out()) == bytes, "a rev 1 copy changed bytes rev 1 leaves unassigned");

    r = runCli(
        {QStringLiteral("export"), in, out(), QStringLiteral("--endian"), QStringLiteral("little")},
        m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(jsonOf(r.out).value(QStringLiteral("revision")).toInt(), 2);
    const QByteArray got = readFile(out());
    QCOMPARE(got.mid(3268, 4).toHex(), QByteArray("00000000")); // 50 samples: no extended count
    double dt = 0;
    std::memcpy(&dt, got.constData() + 3272, 8); // little-endian, as the host
    QCOMPARE(dt, 2000.0);                        // the interval, exactly
    QCOMPARE(got.mid(3510, 2).toHex(), QByteArray("0000"));
    QCOMPARE(got.mid(3520, 8).toHex(), QByteArray("0000000000000000"));
    QCOMPARE(got.mid(3296, 4).toHex(), QByteArray("04030201")); // 16909060, little-endian
    QCOMPARE(int(got.at(3500)), 2);
}

// --time is one sample range for every trace: a file whose delays differ is refused (naming the
// first trace that differs), not cut at the wrong times; without --time it exports.
void TestExport::timeWindowNeedsOneDelay() {
    QByteArray bytes = readFile(src(QStringLiteral("src_f1_be.sgy")));
    const qint64 traceBytes = 240 + 50 * 4;
    const qint64 ext = 2 * 3200; // the source's two extended textual headers
    bytes.replace(3600 + ext + 5 * traceBytes + 108, 2, QByteArray::fromHex("00c8")); // 200 ms
    const QString in = out(QStringLiteral("delays.sgy"));
    QVERIFY(writeFile(in, bytes));
    ProcessRun r = runCli({QStringLiteral("export"), in, out(QStringLiteral("delays_out.sgy")),
                           QStringLiteral("--time"), QStringLiteral("120:180")},
                          m_cache.path());
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("trace 5 has delay 200") && r.err.contains(in.toUtf8()),
             r.err.constData());
    QVERIFY(!QFileInfo::exists(out(QStringLiteral("delays_out.sgy"))));
    r = runCli({QStringLiteral("export"), in, out(QStringLiteral("delays_out.sgy"))},
               m_cache.path());
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QCOMPARE(readFile(out(QStringLiteral("delays_out.sgy"))), bytes);
}

void TestExport::errors_data() {
    QTest::addColumn<QStringList>("args"); // after IN OUT
    QTest::addColumn<QString>("words");    // '|'-separated, all in the error line
    QTest::newRow("unknown format") << QStringList{"--format", "13"} << "format 13|expected";
    QTest::newRow("unwritable format") << QStringList{"--format", "4"} << "format 4|expected";
    QTest::newRow("rev 1 lacks the format")
        << QStringList{"--format", "9", "--revision", "1"} << "format 9|revision 2";
    QTest::newRow("little rev 1") << QStringList{"--endian", "little", "--revision", "1"}
                                  << "little-endian|revision 2";
    QTest::newRow("empty trace range") << QStringList{"--traces", "5:5"} << "empty|5:5";
    QTest::newRow("trace range outside") << QStringList{"--traces", "0:65"} << "0:65|64";
    QTest::newRow("empty where") << QStringList{"--where", "offset=5000:6000"} << "empty";
    QTest::newRow("bad key") << QStringList{"--where", "nokey=1:2"} << "nokey";
    QTest::newRow("time outside") << QStringList{"--time", "5000:6000"} << "empty|5000";
    QTest::newRow("scale 0") << QStringList{"--scale", "0"} << "scale 0|greater than 0";
    QTest::newRow("scale negative") << QStringList{"--scale", "-2"} << "scale -2|greater than 0";
    QTest::newRow("text file missing")
        << QStringList{"--text", "/nonexistent/t.txt"} << "/nonexistent/t.txt";
}

void TestExport::errors() {
    QFETCH(QStringList, args);
    QFETCH(QString, words);
    const QString target = out(QStringLiteral("error_out.sgy"));
    const ProcessRun r = runCli(
        QStringList{QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")), target} + args,
        m_cache.path());
    QVERIFY2(r.code == 1 && r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith("error: ") && r.err.count('\n') == 1, qPrintable(r.describe()));
    for (const QString& w : words.split(QLatin1Char('|')))
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(w), qPrintable(r.describe()));
    QVERIFY(!QFile::exists(target));
    QVERIFY(temporariesIn(entriesOf(m_dir.path())).isEmpty());
}

void TestExport::usageMistakes_data() {
    QTest::addColumn<QStringList>("args"); // after "export"
    QTest::newRow("no OUT") << QStringList{"IN"};
    QTest::newRow("three files") << QStringList{"IN", "A", "B"};
    QTest::newRow("revision 3") << QStringList{"IN", "OUT", "--revision", "3"};
    QTest::newRow("endian middle") << QStringList{"IN", "OUT", "--endian", "middle"};
    QTest::newRow("format text") << QStringList{"IN", "OUT", "--format", "ibm"};
    QTest::newRow("keys alone") << QStringList{"IN", "OUT", "--keys", "fldr"};
    QTest::newRow("where no =") << QStringList{"IN", "OUT", "--where", "offset"};
    QTest::newRow("where not integer") << QStringList{"IN", "OUT", "--where", "offset=a:3"};
    QTest::newRow("time one number") << QStringList{"IN", "OUT", "--time", "100"};
    QTest::newRow("every 0") << QStringList{"IN", "OUT", "--every", "0"};
    QTest::newRow("scale text") << QStringList{"IN", "OUT", "--scale", "big"};
    QTest::newRow("traces bad") << QStringList{"IN", "OUT", "--traces", "1-3"};
    QTest::newRow("unknown option") << QStringList{"IN", "OUT", "--fast"};
}

void TestExport::usageMistakes() {
    QFETCH(QStringList, args);
    for (QString& a : args) {
        if (a == QLatin1String("IN"))
            a = src(QStringLiteral("src_f1_be.sgy"));
        else if (a == QLatin1String("OUT"))
            a = out(QStringLiteral("usage_out.sgy"));
    }
    const ProcessRun r = runCli(QStringList{QStringLiteral("export")} + args, m_cache.path());
    QVERIFY2(r.code == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith("error: ") && r.err.contains("usage:"), qPrintable(r.describe()));
    QVERIFY(!QFile::exists(out(QStringLiteral("usage_out.sgy"))));
}

void TestExport::outputIsInput() {
    const QString a = src(QStringLiteral("src_f2_be.sgy"));
    const QByteArray before = readFile(a);
    const QString link = out(QStringLiteral("link.sgy"));
    QVERIFY(QFile::link(a, link));
    for (const QString& target : {a, link, m_dir.path() + QStringLiteral("/./src_f2_be.sgy")}) {
        const ProcessRun r = runCli(
            {QStringLiteral("export"), a, target, QStringLiteral("--format"), QStringLiteral("5")},
            m_cache.path());
        QVERIFY2(r.code == 1 && r.err.startsWith("error: ") && r.err.count('\n') == 1,
                 qPrintable(r.describe()));
        QCOMPARE(readFile(a), before);
    }
    QVERIFY(temporariesIn(entriesOf(m_dir.path())).isEmpty());
}

void TestExport::fullDisk() {
    if (::geteuid() != 0)
        QSKIP("mounting a tmpfs needs root (CI runs the tests as root)");
    // 1 MB of space; the export is 1.2 MB (70000 samples x 2 traces as IEEE doubles).
    TmpfsMount disk("1M");
    QVERIFY2(disk.mounted(), qPrintable(disk.error()));
    const QString target = disk.path(QStringLiteral("full.sgy"));
    const ProcessRun r = runCli({QStringLiteral("export"), fixture(QStringLiteral("big_ns.sgy")),
                                 target, QStringLiteral("--format"), QStringLiteral("6")},
                                m_cache.path());
    QVERIFY2(r.code == 1 && r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith("error: ") && r.err.count('\n') == 1 &&
                 r.err.contains(target.toLocal8Bit()) && r.err.contains("needs"),
             qPrintable(r.describe()));
    QVERIFY2(entriesOf(disk.path()).isEmpty(), qPrintable(entriesOf(disk.path()).join(' ')));
}

void TestExport::writeFailure() {
    // A device that is full: no space check applies (it is streamed to), the first write fails.
    const ProcessRun r = runCli({QStringLiteral("export"), src(QStringLiteral("src_f1_be.sgy")),
                                 QStringLiteral("/dev/full")},
                                m_cache.path());
    QVERIFY2(r.code == 1 && r.out.isEmpty() && r.err.startsWith("error: /dev/full") &&
                 r.err.count('\n') == 1,
             qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
