// seisview-cli, run as a separate process: info, dump and headers against segyio's reading of the
// same files, --endian, every bad-input error (exit 1, one "error: " line naming the file and the
// value), usage mistakes (exit 2 with the usage) and output files that a failed run must not
// create or clobber.
//
// The input files and the expected results come from tests/data/make_cli_files.py, run with the
// system Python (segyio + numpy) into a temporary directory.
// `stats` reads the files make_stats_files.py writes into SEIS_TEST_DATA (the CTest fixture
// generate_stats_data) and compares with the statistics numpy computed there.
#include "processrun.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

#include <cmath>

#ifndef SEIS_TESTS_DIR
#error "SEIS_TESTS_DIR must name the tests source directory"
#endif

namespace {

// A guard against a hung process only; no test asserts on how long a run takes.
constexpr int kHangGuardMs = 60000;

using seis::testsupport::runProcess;
using Run = seis::testsupport::ProcessRun;

Run runProcess(const QString& program, const QStringList& args, const QString& stdoutFile,
               const QProcessEnvironment* env = nullptr) {
    seis::testsupport::ProcessOptions o;
    o.stdoutFile = stdoutFile;
    o.hangGuardMs = kHangGuardMs;
    if (env)
        o.environment = *env;
    return runProcess(program, args, o);
}

QString cliPath() {
    return qEnvironmentVariable("SEIS_CLI");
}

Run runCli(const QStringList& args, const QString& stdoutFile = {}) {
    return runProcess(cliPath(), args, stdoutFile);
}

// Runs the CLI with XDG_CACHE_HOME at `cacheHome`, so that the ensemble index cache is written
// there and never into the real user cache.
Run runCliCached(const QStringList& args, const QString& cacheHome) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome);
    return runProcess(cliPath(), args, {}, &env);
}

// The cache files under `cacheHome`, relative to it.
QStringList cacheFiles(const QString& cacheHome) {
    QStringList files;
    QDirIterator it(cacheHome, QDir::Files | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(cacheHome).relativeFilePath(it.next());
    return files;
}

// Empty if `r` is a clean bad-input failure: exit 1, nothing on stdout, exactly one line on
// stderr starting "error: " that contains every one of `paths` and, elsewhere than in those
// paths, every one of `values` as a whole token; otherwise what is wrong.
QString badInputProblem(const Run& r, const QStringList& paths, const QStringList& values = {}) {
    if (r.crashed || r.hung || r.code != 1)
        return QStringLiteral("expected exit status 1; got ") + r.describe();
    if (!r.out.isEmpty())
        return QStringLiteral("expected no output on stdout; got ") + r.describe();
    if (!r.err.startsWith("error: ") || !r.err.endsWith('\n') || r.err.count('\n') != 1)
        return QStringLiteral("expected exactly one line 'error: ...' on stderr; got ") +
               r.describe();
    QString line = QString::fromLocal8Bit(r.err);
    for (const QString& p : paths) {
        if (!line.contains(p))
            return QStringLiteral("the error line does not name '%1'; got ").arg(p) + r.describe();
        line.replace(p, QStringLiteral("<path>"));
    }
    for (const QString& v : values) {
        const QRegularExpression token(QStringLiteral("(?<![\\w.])") +
                                       QRegularExpression::escape(v) + QStringLiteral("(?!\\w)"));
        if (!line.contains(token))
            return QStringLiteral("the error line does not contain the value '%1'; got ").arg(v) +
                   r.describe();
    }
    return {};
}

// Empty if `r` is a usage mistake: exit 2, the usage on stderr, nothing on stdout.
QString usageProblem(const Run& r) {
    if (r.crashed || r.hung || r.code != 2)
        return QStringLiteral("expected exit status 2; got ") + r.describe();
    if (!r.out.isEmpty())
        return QStringLiteral("expected no output on stdout; got ") + r.describe();
    if (!r.err.contains("usage: seisview-cli") || !r.err.contains("commands:"))
        return QStringLiteral("expected the usage on stderr; got ") + r.describe();
    return {};
}

QString successProblem(const Run& r) {
    if (r.crashed || r.hung || r.code != 0 || !r.err.isEmpty())
        return QStringLiteral("expected exit status 0 and nothing on stderr; got ") + r.describe();
    return {};
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray("<cannot read ") + path.toLocal8Bit() + '>';
    return f.readAll();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

QStringList toStringList(const QJsonArray& a) {
    QStringList l;
    for (const auto& v : a)
        l << v.toString();
    return l;
}

// Splits CSV output into rows of cells; one trailing newline ends the last row.
QList<QStringList> parseCsv(const QByteArray& text) {
    QList<QStringList> rows;
    QList<QByteArray> lines = text.split('\n');
    if (!lines.isEmpty() && lines.back().isEmpty())
        lines.removeLast();
    for (const QByteArray& line : lines)
        rows << QString::fromUtf8(line).split(QLatin1Char(','));
    return rows;
}

QString otherOrder(const QString& order) {
    return order == QLatin1String("big") ? QStringLiteral("little") : QStringLiteral("big");
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void info_data();
    void info();
    void dump_data();
    void dump();
    void headers_data();
    void headers();

    void endianOverride_data();
    void endianOverride();

    void badInput_data();
    void badInput();
    void usageMistakes_data();
    void usageMistakes();

    void failedRunLeavesNoOutput_data();
    void failedRunLeavesNoOutput();
    void successfulRunReplacesOutput();
    void unwritableOutput();
    void stdoutWriteFailure_data();
    void stdoutWriteFailure();
    void unreadableFile();

    void ensembles_data();
    void ensembles();
    void ensemblesBadInput_data();
    void ensemblesBadInput();
    void ensemblesUsageMistakes_data();
    void ensemblesUsageMistakes();
    void ensemblesCacheBound();

    void scrollJson_data();
    void scrollJson();
    void scrollText();
    void scrollUsageMistakes_data();
    void scrollUsageMistakes();

    void statsJson_data();
    void statsJson();
    void statsText();
    void statsBadInput_data();
    void statsBadInput();
    void statsUsageMistakes_data();
    void statsUsageMistakes();

private:
    QString file(const QString& name) const { return m_dir.filePath(name); }
    static QString statsFile(const QString& name) {
        return QDir(qEnvironmentVariable("SEIS_TEST_DATA")).filePath(name);
    }
    QString outPath(const QString& name) const { return m_outDir.filePath(name); }
    QJsonObject fileEntry(const QString& name) const;
    QStringList outDirEntries() const {
        return QDir(m_outDir.path())
            .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    }
    // The text output of a successful run, from stdout or from `out` with -o (which it then
    // removes); empty, with `problem` set, if the run failed, wrote to the wrong place, left a
    // file behind or did not end its text with a newline.
    QByteArray textOutput(const Run& r, bool toFile, const QString& out, QString& problem) const {
        problem = successProblem(r);
        if (!problem.isEmpty())
            return {};
        QByteArray text = r.out;
        if (toFile) {
            if (!r.out.isEmpty())
                problem = QStringLiteral("expected nothing on stdout with -o; got ") + r.describe();
            text = readAll(out);
            QFile::remove(out);
        }
        if (problem.isEmpty() && !outDirEntries().isEmpty())
            problem = QStringLiteral("left behind: ") + outDirEntries().join(QLatin1Char(' '));
        if (problem.isEmpty() && !text.endsWith('\n'))
            problem =
                QStringLiteral("output does not end with a newline: ") + QString::fromUtf8(text);
        return problem.isEmpty() ? text : QByteArray();
    }

    // A space in the path checks that nothing splits or mangles file names.
    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/tst cli-XXXXXX")};
    QTemporaryDir m_outDir{QDir::tempPath() + QStringLiteral("/tst cli out-XXXXXX")};
    QJsonObject m_expected;
    // stats_expected.json from make_stats_files.py: numpy's statistics of the stats_*.sgy files.
    QJsonObject m_stats;
};

void TestCli::initTestCase() {
    QVERIFY2(!cliPath().isEmpty() && QFileInfo(cliPath()).isExecutable(),
             "SEIS_CLI must name the seisview-cli executable");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_outDir.isValid());
    QString python = qEnvironmentVariable("SEIS_PYTHON");
    if (python.isEmpty())
        python = QStringLiteral("/usr/bin/python3");
    const QString script = QStringLiteral(SEIS_TESTS_DIR "/data/make_cli_files.py");
    const Run gen = runProcess(python, {script, m_dir.path()});
    QVERIFY2(!gen.crashed && !gen.hung && gen.code == 0,
             qPrintable(QStringLiteral("make_cli_files.py failed: ") + gen.describe()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(readAll(file("expected.json")), &pe);
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
    m_expected = doc.object();
    QVERIFY(m_expected.value(QLatin1String("files")).toArray().size() >= 5);
    QVERIFY(m_expected.value(QLatin1String("errors")).toArray().size() >= 5);

    // The `stats` files and their statistics, computed with numpy from segyio's reading by
    // make_stats_files.py (the generate_stats_data fixture).
    m_stats =
        QJsonDocument::fromJson(readAll(statsFile(QStringLiteral("stats_expected.json")))).object();
    QCOMPARE(m_stats.value(QLatin1String("files")).toArray().size(), 3);
}

QJsonObject TestCli::fileEntry(const QString& name) const {
    for (const auto& v : m_expected.value(QLatin1String("files")).toArray())
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject();
    qFatal("no expected entry for %s", qPrintable(name));
}

// --- info --------------------------------------------------------------------------------------

void TestCli::info_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("extra");
    for (const auto& v : m_expected.value(QLatin1String("files")).toArray()) {
        const QString name = v.toObject().value(QLatin1String("name")).toString();
        const QString order =
            v.toObject()[QLatin1String("info")][QLatin1String("endianness")].toString();
        QTest::addRow("%s", qPrintable(name)) << name << QStringList{};
        // The right order given explicitly changes nothing; the option may come first.
        QTest::addRow("%s --endian %s", qPrintable(name), qPrintable(order))
            << name << QStringList{QStringLiteral("--endian"), order};
    }
}

void TestCli::info() {
    QFETCH(QString, name);
    QFETCH(QStringList, extra);
    const QJsonObject want = fileEntry(name).value(QLatin1String("info")).toObject();
    const Run r = runCli(QStringList{QStringLiteral("info")} + extra + QStringList{file(name)});
    const QString problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &pe);
    QVERIFY2(pe.error == QJsonParseError::NoError && doc.isObject(),
             qPrintable(QStringLiteral("stdout is not one JSON object: ") + pe.errorString()));
    const QJsonObject got = doc.object();

    for (const char* key : {"traces", "samples", "sample_interval_us", "format"}) {
        QVERIFY2(got.value(QLatin1String(key)).isDouble(), key);
        QCOMPARE(got.value(QLatin1String(key)).toDouble(),
                 want.value(QLatin1String(key)).toDouble());
    }
    QCOMPARE(got.value(QLatin1String("endianness")).toString(),
             want.value(QLatin1String("endianness")).toString());
    const QString formatName = got.value(QLatin1String("format_name")).toString();
    QVERIFY2(formatName.contains(want.value(QLatin1String("format")).toInt() == 1
                                     ? QLatin1String("IBM")
                                     : QLatin1String("IEEE")),
             qPrintable(formatName));

    const QString text = got.value(QLatin1String("text_header")).toString();
    QCOMPARE(text.split(QLatin1Char('\n')).size(), 40);
    QCOMPARE(text.size(), 40 * 80 + 39);
    QCOMPARE(text, want.value(QLatin1String("text_header")).toString());

    QVERIFY(got.value(QLatin1String("extended_text_headers")).isArray());
    QCOMPARE(toStringList(got.value(QLatin1String("extended_text_headers")).toArray()),
             toStringList(want.value(QLatin1String("extended_text_headers")).toArray()));

    QVERIFY(got.value(QLatin1String("binary_header")).isObject());
    const QJsonObject bin = got.value(QLatin1String("binary_header")).toObject();
    const QJsonObject wantBin = want.value(QLatin1String("binary_header")).toObject();
    QVERIFY(wantBin.size() >= 10);
    for (auto it = wantBin.begin(); it != wantBin.end(); ++it) {
        QVERIFY2(bin.value(it.key()).isDouble(), qPrintable(it.key()));
        QCOMPARE(bin.value(it.key()).toDouble(), it.value().toDouble());
    }

    QVERIFY(got.value(QLatin1String("warnings")).isArray());
    QCOMPARE(toStringList(got.value(QLatin1String("warnings")).toArray()),
             toStringList(want.value(QLatin1String("warnings")).toArray()));
}

// --- dump --------------------------------------------------------------------------------------

void TestCli::dump_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("expected");
    QTest::addColumn<int>("values");
    QTest::addColumn<bool>("toStdout");
    int rows = 0;
    for (const auto& v : m_expected.value(QLatin1String("files")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(QLatin1String("name")).toString();
        for (const auto& c : f.value(QLatin1String("dumps")).toArray()) {
            const QJsonObject d = c.toObject();
            const QStringList args = toStringList(d.value(QLatin1String("args")).toArray());
            for (const bool toStdout : {false, true}) {
                QTest::addRow("%s [%s]%s", qPrintable(name), qPrintable(args.join(' ')),
                              toStdout ? " -o -" : "")
                    << name << args << d.value(QLatin1String("expected")).toString()
                    << d.value(QLatin1String("values")).toInt() << toStdout;
                ++rows;
            }
        }
    }
    QVERIFY(rows >= 40);
}

void TestCli::dump() {
    QFETCH(QString, name);
    QFETCH(QStringList, args);
    QFETCH(QString, expected);
    QFETCH(int, values);
    QFETCH(bool, toStdout);
    const QByteArray want = readAll(file(expected));
    QCOMPARE(want.size(), qsizetype(values) * 4);

    const QString out = outPath(QStringLiteral("dump.f32"));
    QFile::remove(out);
    const Run r = runCli(QStringList{QStringLiteral("dump"), file(name)} + args +
                         QStringList{QStringLiteral("-o"), toStdout ? QStringLiteral("-") : out});
    const QString problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (toStdout) {
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(r.out.size(), want.size());
        QVERIFY2(r.out == want, "dumped bytes differ from segyio's trace data");
    } else {
        QVERIFY(r.out.isEmpty());
        const QByteArray got = readAll(out);
        QCOMPARE(got.size(), want.size());
        QVERIFY2(got == want, "dumped bytes differ from segyio's trace data");
        QVERIFY(QFile::remove(out));
    }
    QCOMPARE(outDirEntries(), QStringList{}); // no temporary file left behind
}

// --- headers -----------------------------------------------------------------------------------

void TestCli::headers_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("fields");
    QTest::addColumn<QString>("traces");
    QTest::addColumn<QJsonArray>("rows");
    QTest::addColumn<bool>("toFile");
    int count = 0;
    for (const auto& v : m_expected.value(QLatin1String("files")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(QLatin1String("name")).toString();
        for (const auto& c : f.value(QLatin1String("headers")).toArray()) {
            const QJsonObject h = c.toObject();
            const QString fields = h.value(QLatin1String("fields")).toString();
            const QString traces = h.value(QLatin1String("traces")).toString();
            for (const bool toFile : {false, true}) {
                QTest::addRow("%s %s [%s]%s", qPrintable(name), qPrintable(fields),
                              qPrintable(traces), toFile ? " -o" : "")
                    << name << fields << traces << h.value(QLatin1String("rows")).toArray()
                    << toFile;
                ++count;
            }
        }
    }
    QVERIFY(count >= 40);
}

void TestCli::headers() {
    QFETCH(QString, name);
    QFETCH(QString, fields);
    QFETCH(QString, traces);
    QFETCH(QJsonArray, rows);
    QFETCH(bool, toFile);
    QStringList args{QStringLiteral("headers"), file(name), QStringLiteral("--fields"), fields};
    if (!traces.isEmpty())
        args << QStringLiteral("--traces") << traces;
    const QString out = outPath(QStringLiteral("headers.csv"));
    QFile::remove(out);
    if (toFile)
        args << QStringLiteral("-o") << out;
    QString problem;
    const QByteArray text = textOutput(runCli(args), toFile, out, problem);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    const QList<QStringList> csv = parseCsv(text);
    QCOMPARE(csv.size(), rows.size() + 1);
    QCOMPARE(csv.front(), fields.split(QLatin1Char(',')));
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QStringList want;
        for (const auto& cell : rows[i].toArray())
            want << QString::number(qint64(cell.toDouble()));
        QCOMPARE(csv[i + 1], want);
    }
}

// --- --endian ----------------------------------------------------------------------------------

void TestCli::endianOverride_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("command");
    for (const char* name : {"be_ibm.sgy", "le_ieee.sgy", "le_ibm.sgy", "be_ieee.sgy"})
        for (const char* command : {"info", "dump", "headers"})
            QTest::addRow("%s %s", name, command)
                << QString::fromLatin1(name) << QString::fromLatin1(command);
}

// Forcing the wrong byte order must be honoured. For these files it cannot give a plausible
// reading: a format code (1..16) read in the other order is a multiple of 256, which no format
// has, so the run must fail cleanly naming that code. The right order, forced, must read exactly
// what detection reads.
void TestCli::endianOverride() {
    QFETCH(QString, name);
    QFETCH(QString, command);
    const QJsonObject entry = fileEntry(name);
    const QJsonObject info = entry.value(QLatin1String("info")).toObject();
    const QString order = info.value(QLatin1String("endianness")).toString();
    const int format = info.value(QLatin1String("format")).toInt();
    const QString out = outPath(QStringLiteral("endian.out"));
    QFile::remove(out);

    auto argsFor = [&](const QString& forced) {
        QStringList a{command, file(name), QStringLiteral("--endian"), forced};
        if (command == QLatin1String("dump"))
            a << QStringLiteral("-o") << out;
        if (command == QLatin1String("headers"))
            a << QStringLiteral("--fields") << QStringLiteral("fldr,189:i4") << QStringLiteral("-o")
              << out;
        return a;
    };

    const Run wrong = runCli(argsFor(otherOrder(order)));
    const QString problem = badInputProblem(wrong, {file(name)}, {QString::number(format * 256)});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!QFileInfo::exists(out));

    const Run right = runCli(argsFor(order));
    const QString p2 = successProblem(right);
    QVERIFY2(p2.isEmpty(), qPrintable(p2));
    if (command == QLatin1String("info")) {
        const QJsonObject got = QJsonDocument::fromJson(right.out).object();
        QCOMPARE(got.value(QLatin1String("endianness")).toString(), order);
        QCOMPARE(got.value(QLatin1String("traces")).toDouble(),
                 info.value(QLatin1String("traces")).toDouble());
    } else if (command == QLatin1String("dump")) {
        const QString expected = entry.value(QLatin1String("dumps"))
                                     .toArray()
                                     .first()
                                     .toObject()
                                     .value(QLatin1String("expected"))
                                     .toString();
        QVERIFY2(readAll(out) == readAll(file(expected)), "forced-order dump differs");
    } else {
        const QList<QStringList> csv = parseCsv(readAll(out));
        QCOMPARE(csv.size(), int(info.value(QLatin1String("traces")).toDouble()) + 1);
        QCOMPARE(csv[1], (QStringList{QStringLiteral("100"), QStringLiteral("10")}));
    }
    QFile::remove(out);
    QCOMPARE(outDirEntries(), QStringList{});
}

// --- bad input: exit 1 -------------------------------------------------------------------------

void TestCli::badInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("needles"); // values the error names, besides the file args[1]

    const QString out = outPath(QStringLiteral("bad.out"));
    for (const auto& v : m_expected.value(QLatin1String("errors")).toArray()) {
        const QString name = v.toObject().value(QLatin1String("file")).toString();
        const QStringList values =
            toStringList(v.toObject().value(QLatin1String("values")).toArray());
        QTest::addRow("info %s", qPrintable(name))
            << QStringList{QStringLiteral("info"), file(name)} << values;
        QTest::addRow("dump %s", qPrintable(name))
            << QStringList{QStringLiteral("dump"), file(name), QStringLiteral("-o"), out} << values;
        QTest::addRow("dump %s -o -", qPrintable(name))
            << QStringList{QStringLiteral("dump"), file(name), QStringLiteral("-o"),
                           QStringLiteral("-")}
            << values;
        QTest::addRow("headers %s", qPrintable(name))
            << QStringList{QStringLiteral("headers"), file(name), QStringLiteral("--fields"),
                           QStringLiteral("cdp")}
            << values;
    }

    const QString missing = file(QStringLiteral("no such file.sgy"));
    QTest::addRow("info missing") << QStringList{QStringLiteral("info"), missing} << QStringList{};
    QTest::addRow("dump missing") << QStringList{QStringLiteral("dump"), missing,
                                                 QStringLiteral("-o"), out}
                                  << QStringList{};
    QTest::addRow("headers missing")
        << QStringList{QStringLiteral("headers"), missing, QStringLiteral("--fields"),
                       QStringLiteral("cdp")}
        << QStringList{};

    const QString dir = m_dir.path();
    QTest::addRow("info directory") << QStringList{QStringLiteral("info"), dir} << QStringList{};
    QTest::addRow("dump directory")
        << QStringList{QStringLiteral("dump"), dir, QStringLiteral("-o"), out} << QStringList{};
    QTest::addRow("headers directory")
        << QStringList{QStringLiteral("headers"), dir, QStringLiteral("--fields"),
                       QStringLiteral("cdp")}
        << QStringList{};

    // be_ibm.sgy: 7 traces of 25 samples.
    const QString good = file(QStringLiteral("be_ibm.sgy"));
    auto dump = [&](const QString& option, const QString& range) {
        return QStringList{QStringLiteral("dump"), good, option, range, QStringLiteral("-o"), out};
    };
    const QString tr = QStringLiteral("--traces");
    const QString sa = QStringLiteral("--samples");
    QTest::addRow("traces past end") << dump(tr, QStringLiteral("0:8"))
                                     << QStringList{QStringLiteral("0:8"), QStringLiteral("7")};
    QTest::addRow("traces begin past end")
        << dump(tr, QStringLiteral("7:8"))
        << QStringList{QStringLiteral("7:8"), QStringLiteral("7")};
    QTest::addRow("traces reversed")
        << dump(tr, QStringLiteral("5:3")) << QStringList{QStringLiteral("5:3")};
    QTest::addRow("traces negative")
        << dump(tr, QStringLiteral("-1:2")) << QStringList{QStringLiteral("-1:2")};
    QTest::addRow("traces huge") << dump(tr, QStringLiteral("0:9223372036854775807"))
                                 << QStringList{QStringLiteral("0:9223372036854775807")};
    QTest::addRow("samples past end") << dump(sa, QStringLiteral("0:26"))
                                      << QStringList{QStringLiteral("0:26"), QStringLiteral("25")};
    QTest::addRow("samples reversed")
        << dump(sa, QStringLiteral("20:10")) << QStringList{QStringLiteral("20:10")};
    QTest::addRow("samples negative")
        << dump(sa, QStringLiteral("-3:10")) << QStringList{QStringLiteral("-3:10")};
    QTest::addRow("samples past end -o -")
        << QStringList{QStringLiteral("dump"),
                       good,
                       sa,
                       QStringLiteral("30:40"),
                       QStringLiteral("-o"),
                       QStringLiteral("-")}
        << QStringList{QStringLiteral("30:40"), QStringLiteral("25")};
    QTest::addRow("headers traces past end")
        << QStringList{QStringLiteral("headers"), good, QStringLiteral("--fields"),
                       QStringLiteral("cdp"),     tr,   QStringLiteral("6:9")}
        << QStringList{QStringLiteral("6:9"), QStringLiteral("7")};

    auto headers = [&](const QString& fields) {
        return QStringList{QStringLiteral("headers"), good, QStringLiteral("--fields"), fields};
    };
    QTest::addRow("unknown field")
        << headers(QStringLiteral("fldr,bogus")) << QStringList{QStringLiteral("bogus")};
    QTest::addRow("unknown field first")
        << headers(QStringLiteral("NoSuchKey,cdp")) << QStringList{QStringLiteral("NoSuchKey")};
    QTest::addRow("byte 0") << headers(QStringLiteral("0")) << QStringList{QStringLiteral("'0'")};
    QTest::addRow("byte 241") << headers(QStringLiteral("241"))
                              << QStringList{QStringLiteral("241")};
    QTest::addRow("i4 past 240") << headers(QStringLiteral("cdp,239:i4"))
                                 << QStringList{QStringLiteral("239:i4")};
    QTest::addRow("u4 past 240") << headers(QStringLiteral("238:u4"))
                                 << QStringList{QStringLiteral("238:u4")};
    QTest::addRow("unknown type") << headers(QStringLiteral("189:x3"))
                                  << QStringList{QStringLiteral("x3")};
    QTest::addRow("unknown field to -o")
        << headers(QStringLiteral("fldr,bogus")) + QStringList{QStringLiteral("-o"), out}
        << QStringList{QStringLiteral("bogus")};
}

void TestCli::badInput() {
    QFETCH(QStringList, args);
    QFETCH(QStringList, needles);
    const QString out = outPath(QStringLiteral("bad.out"));
    QFile::remove(out);
    const Run r = runCli(args);
    const QString problem = badInputProblem(r, {args[1]}, needles);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(outDirEntries(), QStringList{});
}

// --- usage mistakes: exit 2 --------------------------------------------------------------------

void TestCli::usageMistakes_data() {
    QTest::addColumn<QStringList>("args");
    const QString good = file(QStringLiteral("be_ibm.sgy"));
    const QString out = outPath(QStringLiteral("usage.out"));
    const QString o = QStringLiteral("-o");
    const QString tr = QStringLiteral("--traces");
    const QString sa = QStringLiteral("--samples");
    const QString fi = QStringLiteral("--fields");
    const QString dump = QStringLiteral("dump");
    const QString headers = QStringLiteral("headers");
    const QString info = QStringLiteral("info");

    QTest::addRow("no command") << QStringList{};
    QTest::addRow("unknown command") << QStringList{QStringLiteral("frobnicate"), good};
    QTest::addRow("unknown command, no file") << QStringList{QStringLiteral("list")};
    QTest::addRow("info unknown option") << QStringList{info, good, QStringLiteral("--bogus")};
    QTest::addRow("dump -o empty") << QStringList{dump, good, o, QString()};
    QTest::addRow("headers --fields= empty") << QStringList{headers, good, fi + u'='};
    QTest::addRow("dump unknown option") << QStringList{dump, good, QStringLiteral("-x"), o, out};
    QTest::addRow("headers unknown option") << QStringList{headers,
                                                           good,
                                                           fi,
                                                           QStringLiteral("cdp"),
                                                           QStringLiteral("--samples"),
                                                           QStringLiteral("0:1")};
    QTest::addRow("info no file") << QStringList{info};
    QTest::addRow("info two files") << QStringList{info, good, good};
    QTest::addRow("dump no file") << QStringList{dump, o, out};
    QTest::addRow("dump missing -o") << QStringList{dump, good};
    QTest::addRow("dump -o without value") << QStringList{dump, good, o};
    QTest::addRow("headers missing --fields") << QStringList{headers, good};
    QTest::addRow("headers empty --fields") << QStringList{headers, good, fi, QString()};
    QTest::addRow("headers --fields without value") << QStringList{headers, good, fi};
    QTest::addRow("traces a:b") << QStringList{dump, good, tr, QStringLiteral("a:b"), o, out};
    QTest::addRow("traces 5") << QStringList{dump, good, tr, QStringLiteral("5"), o, out};
    QTest::addRow("traces 1:2:3") << QStringList{dump, good, tr, QStringLiteral("1:2:3"), o, out};
    QTest::addRow("traces 1.5:3") << QStringList{dump, good, tr, QStringLiteral("1.5:3"), o, out};
    QTest::addRow("traces empty") << QStringList{dump, good, tr, QString(), o, out};
    QTest::addRow("samples x:") << QStringList{dump, good, sa, QStringLiteral("0:x"), o, out};
    QTest::addRow("samples 7") << QStringList{dump, good, sa, QStringLiteral("7"), o, out};
    QTest::addRow("headers traces a:b")
        << QStringList{headers, good, fi, QStringLiteral("cdp"), tr, QStringLiteral("a:b")};
    QTest::addRow("headers traces 5")
        << QStringList{headers, good, fi, QStringLiteral("cdp"), tr, QStringLiteral("5"), o, out};
    QTest::addRow("endian middle")
        << QStringList{info, good, QStringLiteral("--endian"), QStringLiteral("middle")};
    QTest::addRow("dump endian BIG")
        << QStringList{dump, good, QStringLiteral("--endian"), QStringLiteral("BIG!"), o, out};
    QTest::addRow("endian without value") << QStringList{info, good, QStringLiteral("--endian")};
}

void TestCli::usageMistakes() {
    QFETCH(QStringList, args);
    const Run r = runCli(args);
    const QString problem = usageProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(outDirEntries(), QStringList{});
}

// --- output files ------------------------------------------------------------------------------

void TestCli::failedRunLeavesNoOutput_data() {
    QTest::addColumn<QStringList>("args"); // "OUT" stands for the output path
    QTest::addColumn<int>("status");
    const QString good = file(QStringLiteral("be_ibm.sgy"));
    const QString o = QStringLiteral("-o");
    const QString out = QStringLiteral("OUT");
    const QString dump = QStringLiteral("dump");
    const QString headers = QStringLiteral("headers");
    const QString fi = QStringLiteral("--fields");
    QTest::addRow("dump trace range")
        << QStringList{dump, good, QStringLiteral("--traces"), QStringLiteral("0:99"), o, out} << 1;
    QTest::addRow("dump sample range")
        << QStringList{dump, good, QStringLiteral("--samples"), QStringLiteral("3:99"), o, out}
        << 1;
    QTest::addRow("dump bad file")
        << QStringList{dump, file(QStringLiteral("format13.sgy")), o, out} << 1;
    QTest::addRow("dump short file")
        << QStringList{dump, file(QStringLiteral("short.sgy")), o, out} << 1;
    QTest::addRow("dump wrong endian")
        << QStringList{dump, good, QStringLiteral("--endian"), QStringLiteral("little"), o, out}
        << 1;
    QTest::addRow("dump malformed range")
        << QStringList{dump, good, QStringLiteral("--traces"), QStringLiteral("x"), o, out} << 2;
    QTest::addRow("headers unknown field")
        << QStringList{headers, good, fi, QStringLiteral("cdp,nope"), o, out} << 1;
    QTest::addRow("headers trace range") << QStringList{headers,
                                                        good,
                                                        fi,
                                                        QStringLiteral("cdp"),
                                                        QStringLiteral("--traces"),
                                                        QStringLiteral("2:8"),
                                                        o,
                                                        out}
                                         << 1;
    QTest::addRow("headers missing file")
        << QStringList{headers, file(QStringLiteral("missing.sgy")), fi, QStringLiteral("cdp"), o,
                       out}
        << 1;
}

void TestCli::failedRunLeavesNoOutput() {
    QFETCH(QStringList, args);
    QFETCH(int, status);
    const QString out = outPath(QStringLiteral("result.bin"));
    args.replaceInStrings(QRegularExpression(QStringLiteral("^OUT$")), out);

    // No output file: none is created.
    QFile::remove(out);
    Run r = runCli(args);
    QString problem = status == 1 ? badInputProblem(r, {args[1]}) : usageProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!QFileInfo::exists(out));
    QCOMPARE(outDirEntries(), QStringList{});

    // An existing output file: left exactly as it was.
    const QByteArray precious("precious contents, not to be clobbered\n");
    QVERIFY(writeAll(out, precious));
    r = runCli(args);
    problem = status == 1 ? badInputProblem(r, {args[1]}) : usageProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(readAll(out), precious);
    QCOMPARE(outDirEntries(), QStringList{QStringLiteral("result.bin")});
    QVERIFY(QFile::remove(out));
}

// The counterpart of the above: a successful run does replace an existing file, so the checks
// there would notice a clobbered one.
void TestCli::successfulRunReplacesOutput() {
    const QString out = outPath(QStringLiteral("result.bin"));
    QVERIFY(writeAll(out, QByteArray("old contents that are longer than the new ones will be")));
    const QJsonObject entry = fileEntry(QStringLiteral("be_ibm.sgy"));
    const QJsonObject small = entry.value(QLatin1String("dumps")).toArray().at(5).toObject();
    const Run r = runCli(QStringList{QStringLiteral("dump"), file(QStringLiteral("be_ibm.sgy"))} +
                         toStringList(small.value(QLatin1String("args")).toArray()) +
                         QStringList{QStringLiteral("-o"), out});
    const QString problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QByteArray want = readAll(file(small.value(QLatin1String("expected")).toString()));
    QCOMPARE(want.size(), 4);
    QCOMPARE(readAll(out), want);
    QCOMPARE(outDirEntries(), QStringList{QStringLiteral("result.bin")});
    QVERIFY(QFile::remove(out));
}

void TestCli::unwritableOutput() {
    const QString good = file(QStringLiteral("be_ibm.sgy"));
    const QString intoMissingDir = outPath(QStringLiteral("no such dir/out.f32"));
    Run r = runCli({QStringLiteral("dump"), good, QStringLiteral("-o"), intoMissingDir});
    QString problem = badInputProblem(r, {intoMissingDir});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    r = runCli({QStringLiteral("headers"), good, QStringLiteral("--fields"), QStringLiteral("cdp"),
                QStringLiteral("-o"), intoMissingDir});
    problem = badInputProblem(r, {intoMissingDir});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The output directory itself given as OUT.
    r = runCli({QStringLiteral("dump"), good, QStringLiteral("-o"), m_outDir.path()});
    problem = badInputProblem(r, {m_outDir.path()});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(QFileInfo(m_outDir.path()).isDir());
    QCOMPARE(outDirEntries(), QStringList{});
}

void TestCli::stdoutWriteFailure_data() {
    QTest::addColumn<QStringList>("args");
    const QString good = file(QStringLiteral("be_ibm.sgy"));
    QTest::addRow("info") << QStringList{QStringLiteral("info"), good};
    QTest::addRow("dump -o -") << QStringList{QStringLiteral("dump"), good, QStringLiteral("-o"),
                                              QStringLiteral("-")};
    QTest::addRow("headers") << QStringList{QStringLiteral("headers"), good,
                                            QStringLiteral("--fields"), QStringLiteral("cdp")};
    QTest::addRow("stats") << QStringList{QStringLiteral("stats"), good};
    QTest::addRow("stats --json") << QStringList{QStringLiteral("stats"), good,
                                                 QStringLiteral("--json")};
}

// Standard output that cannot take the data (a full disk, here /dev/full) must not pass for
// success: exit status 1 and one error line, as for any other failed write.
void TestCli::stdoutWriteFailure() {
    QFETCH(QStringList, args);
    if (!QFileInfo::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full on this system");
    const Run r = runCli(args, QStringLiteral("/dev/full"));
    const QString problem = badInputProblem(r, {});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCli::unreadableFile() {
    if (::geteuid() == 0)
        QSKIP("running as root: a mode 000 file is still readable");
    const QString path = file(QStringLiteral("unreadable.sgy"));
    QFile::remove(path);
    QVERIFY(QFile::copy(file(QStringLiteral("be_ibm.sgy")), path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions{}));
    for (const QStringList& extra :
         {QStringList{QStringLiteral("info")},
          QStringList{QStringLiteral("dump"), QStringLiteral("-o"), outPath(QStringLiteral("u"))},
          QStringList{QStringLiteral("headers"), QStringLiteral("--fields"),
                      QStringLiteral("cdp")}}) {
        const QStringList args = QStringList{extra.front(), path} + extra.mid(1);
        const Run r = runCli(args);
        const QString problem = badInputProblem(r, {path});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(outDirEntries(), QStringList{});
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

// --- ensembles ---------------------------------------------------------------------------------

void TestCli::ensembles_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("keys");
    QTest::addColumn<QJsonArray>("rows");
    QTest::addColumn<bool>("toFile");
    int count = 0;
    for (const auto& v : m_expected.value(QLatin1String("ensembles")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(QLatin1String("name")).toString();
        for (const auto& c : f.value(QLatin1String("cases")).toArray()) {
            const QJsonObject e = c.toObject();
            const QString keys = e.value(QLatin1String("keys")).toString();
            for (const bool toFile : {false, true}) {
                QTest::addRow("%s %s%s", qPrintable(name), qPrintable(keys), toFile ? " -o" : "")
                    << name << keys << e.value(QLatin1String("rows")).toArray() << toFile;
                ++count;
            }
        }
    }
    QVERIFY(count >= 16);
}

// The CSV against runs computed by make_cli_files.py from segyio's columns; then the same again
// answered from the cache the first run stored under XDG_CACHE_HOME.
void TestCli::ensembles() {
    QFETCH(QString, name);
    QFETCH(QString, keys);
    QFETCH(QJsonArray, rows);
    QFETCH(bool, toFile);
    QTemporaryDir cacheHome;
    QVERIFY(cacheHome.isValid());
    const QString out = outPath(QStringLiteral("ensembles.csv"));
    QFile::remove(out);
    QStringList args{QStringLiteral("ensembles"), file(name), QStringLiteral("--keys"), keys};
    if (toFile)
        args << QStringLiteral("-o") << out;

    QByteArray first;
    for (int round = 0; round < 2; ++round) {
        QString problem;
        const QByteArray text =
            textOutput(runCliCached(args, cacheHome.path()), toFile, out, problem);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));

        const QList<QStringList> csv = parseCsv(text);
        QCOMPARE(csv.size(), rows.size() + 1);
        QStringList head{QStringLiteral("ensemble"), QStringLiteral("first_trace"),
                         QStringLiteral("trace_count")};
        for (const QString& k : keys.split(QLatin1Char(',')))
            head << k.trimmed();
        QCOMPARE(csv.front(), head);
        for (qsizetype i = 0; i < rows.size(); ++i) {
            QStringList want;
            for (const auto& cell : rows[i].toArray())
                want << QString::number(qint64(cell.toDouble()));
            QCOMPARE(csv[i + 1], want);
        }
        if (round == 0)
            first = text;
        else
            QCOMPARE(text, first);
        // One index, stored in the viewer's cache directory under XDG_CACHE_HOME.
        const QStringList cached = cacheFiles(cacheHome.path());
        QCOMPARE(cached.size(), 1);
        QVERIFY2(cached.front().startsWith(QLatin1String("seisview/ensembles/")),
                 qPrintable(cached.front()));
    }
}

void TestCli::ensemblesBadInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("needles");
    const QString gathers = file(QStringLiteral("gathers.sgy"));
    auto ens = [&](const QString& keys) {
        return QStringList{QStringLiteral("ensembles"), gathers, QStringLiteral("--keys"), keys};
    };
    QTest::addRow("unknown key") << ens(QStringLiteral("bogus"))
                                 << QStringList{QStringLiteral("bogus")};
    QTest::addRow("unknown second key")
        << ens(QStringLiteral("fldr,NoSuchKey")) << QStringList{QStringLiteral("NoSuchKey")};
    QTest::addRow("three keys") << ens(QStringLiteral("fldr,cdp,offset"))
                                << QStringList{QStringLiteral("fldr,cdp,offset"),
                                               QStringLiteral("3")};
    QTest::addRow("byte 241") << ens(QStringLiteral("241")) << QStringList{QStringLiteral("241")};
    QTest::addRow("unknown type") << ens(QStringLiteral("9:x4"))
                                  << QStringList{QStringLiteral("x4")};
    QTest::addRow("unknown key to -o")
        << ens(QStringLiteral("bogus")) +
               QStringList{QStringLiteral("-o"), outPath(QStringLiteral("e.csv"))}
        << QStringList{QStringLiteral("bogus")};
    QTest::addRow("missing file") << QStringList{QStringLiteral("ensembles"),
                                                 file(QStringLiteral("missing.sgy")),
                                                 QStringLiteral("--keys"), QStringLiteral("fldr")}
                                  << QStringList{};
    QTest::addRow("bad file") << QStringList{QStringLiteral("ensembles"),
                                             file(QStringLiteral("format13.sgy")),
                                             QStringLiteral("--keys"), QStringLiteral("fldr")}
                              << QStringList{QStringLiteral("13")};
}

// Bad keys are bad input, as bad field names are for `headers`: exit 1, one error line naming
// the file and the key; no output and nothing cached.
void TestCli::ensemblesBadInput() {
    QFETCH(QStringList, args);
    QFETCH(QStringList, needles);
    QTemporaryDir cacheHome;
    QVERIFY(cacheHome.isValid());
    const Run r = runCliCached(args, cacheHome.path());
    const QString problem = badInputProblem(r, {args[1]}, needles);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(outDirEntries(), QStringList{});
    QCOMPARE(cacheFiles(cacheHome.path()), QStringList{});
}

void TestCli::ensemblesUsageMistakes_data() {
    QTest::addColumn<QStringList>("args");
    const QString gathers = file(QStringLiteral("gathers.sgy"));
    const QString ens = QStringLiteral("ensembles");
    const QString keys = QStringLiteral("--keys");
    QTest::addRow("missing --keys") << QStringList{ens, gathers};
    QTest::addRow("empty --keys") << QStringList{ens, gathers, keys, QString()};
    QTest::addRow("--keys without value") << QStringList{ens, gathers, keys};
    QTest::addRow("no file") << QStringList{ens, keys, QStringLiteral("fldr")};
    QTest::addRow("two files") << QStringList{ens, gathers, gathers, keys, QStringLiteral("fldr")};
    QTest::addRow("unknown option") << QStringList{ens,
                                                   gathers,
                                                   keys,
                                                   QStringLiteral("fldr"),
                                                   QStringLiteral("--fields"),
                                                   QStringLiteral("cdp")};
    const QString bound = QStringLiteral("--index-cache-mb");
    const QStringList withKeys{ens, gathers, keys, QStringLiteral("fldr"), bound};
    QTest::addRow("negative --index-cache-mb") << withKeys + QStringList{QStringLiteral("-1")};
    QTest::addRow("text --index-cache-mb") << withKeys + QStringList{QStringLiteral("lots")};
    QTest::addRow("fractional --index-cache-mb") << withKeys + QStringList{QStringLiteral("1.5")};
    QTest::addRow("huge --index-cache-mb")
        << withKeys + QStringList{QStringLiteral("9223372036854775807")};
    QTest::addRow("--index-cache-mb without value") << withKeys;
}

void TestCli::ensemblesUsageMistakes() {
    QFETCH(QStringList, args);
    QTemporaryDir cacheHome;
    QVERIFY(cacheHome.isValid());
    const Run r = runCliCached(args, cacheHome.path());
    const QString problem = usageProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(r.err.contains("ensembles FILE --keys"), r.err.constData());
    QCOMPARE(cacheFiles(cacheHome.path()), QStringList{});
}

// --index-cache-mb bounds the index cache directory: with 1 MB and indexes of about 400 KB,
// two fit; a third evicts the least recently used (reading an index counts as a use). 0 stores
// nothing and empties the cache. The CSV is the same whichever way the index came.
void TestCli::ensemblesCacheBound() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QTemporaryDir cacheHome;
    QVERIFY(cacheHome.isValid());
    // 17000 one-sample IEEE traces with fldr (byte 9) and tracl (byte 1) both the trace number:
    // one ensemble per trace, an index of 17000 x 24 bytes.
    constexpr int kTraces = 17000;
    auto be32 = [](QByteArray& b, int offset, quint32 v) {
        for (int i = 0; i < 4; ++i)
            b[offset + i] = char((v >> (8 * (3 - i))) & 0xff);
    };
    QStringList files;
    for (const char* name : {"a.sgy", "b.sgy", "c.sgy"}) {
        files << dir.filePath(QString::fromLatin1(name));
        QByteArray bytes(3600 + kTraces * 244, '\0');
        bytes[3216] = char(0x07); // interval 2000 us, big-endian
        bytes[3217] = char(0xd0);
        bytes[3221] = 1; // one sample
        bytes[3225] = 5; // IEEE float
        for (int t = 0; t < kTraces; ++t) {
            const int at = 3600 + t * 244;
            be32(bytes, at, quint32(t + 1));     // tracl
            be32(bytes, at + 8, quint32(t + 1)); // fldr
            bytes[at + 115] = 1;                 // samples in this trace
        }
        QFile f(files.back());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    const QString cacheDir = QDir(cacheHome.path()).filePath(QStringLiteral("seisview/ensembles"));
    auto entries = [&] {
        return QDir(cacheDir).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    };
    auto cachedBytes = [&] {
        qint64 total = 0;
        for (const QString& e : entries())
            total += (QFileInfo(QDir(cacheDir).filePath(e)).size() + 4095) / 4096 * 4096;
        return total;
    };
    // Runs `ensembles` on files[i] and checks its CSV: one row per trace, keys = trace number.
    auto run = [&](int i, const QString& mb) {
        const Run r =
            runCliCached({QStringLiteral("ensembles"), files[i], QStringLiteral("--keys"),
                          QStringLiteral("fldr,tracl"), QStringLiteral("--index-cache-mb"), mb},
                         cacheHome.path());
        QString problem = successProblem(r);
        if (!problem.isEmpty())
            return problem;
        const QList<QByteArray> lines = r.out.split('\n');
        if (lines.size() != kTraces + 2 ||
            lines.front() != "ensemble,first_trace,trace_count,fldr,tracl")
            return QStringLiteral("unexpected CSV of %1 lines").arg(lines.size());
        for (int t : {0, 1, 9999, kTraces - 1}) {
            const QByteArray want = QByteArray::number(t) + ',' + QByteArray::number(t) + ",1," +
                                    QByteArray::number(t + 1) + ',' + QByteArray::number(t + 1);
            if (lines[t + 1] != want)
                return QStringLiteral("row %1 is '%2', expected '%3'")
                    .arg(t)
                    .arg(QString::fromLatin1(lines[t + 1]), QString::fromLatin1(want));
        }
        return QString();
    };
    const QString oneMb = QStringLiteral("1");
    QCOMPARE(run(0, oneMb), QString());
    const QStringList afterA = entries();
    QCOMPARE(afterA.size(), 1);
    const QString entryA = afterA.front();
    QVERIFY(QFileInfo(QDir(cacheDir).filePath(entryA)).size() > kTraces * 24);
    QVERIFY(QFileInfo(QDir(cacheDir).filePath(entryA)).size() < 512 * 1024);
    QCOMPARE(run(1, oneMb), QString());
    QStringList afterB = entries();
    QCOMPARE(afterB.size(), 2);
    afterB.removeOne(entryA);
    const QString entryB = afterB.front();
    // A used 200 s ago, B 100 s ago; then A again, read from the cache (its entry unchanged),
    // which makes B the least recently used.
    auto usedAgo = [&](const QString& entry, int seconds) {
        QFile f(QDir(cacheDir).filePath(entry));
        return f.open(QIODevice::ReadWrite) &&
               f.setFileTime(QDateTime::currentDateTime().addSecs(-seconds),
                             QFileDevice::FileModificationTime);
    };
    QVERIFY(usedAgo(entryA, 200));
    QVERIFY(usedAgo(entryB, 100));
    const QByteArray bytesA = readAll(QDir(cacheDir).filePath(entryA));
    QCOMPARE(run(0, oneMb), QString());
    QCOMPARE(readAll(QDir(cacheDir).filePath(entryA)), bytesA);
    QCOMPARE(entries().size(), 2);
    // C: three do not fit in 1 MB; B goes.
    QCOMPARE(run(2, oneMb), QString());
    const QStringList afterC = entries();
    QCOMPARE(afterC.size(), 2);
    QVERIFY2(afterC.contains(entryA) && !afterC.contains(entryB), qPrintable(afterC.join(' ')));
    QVERIFY(cachedBytes() <= 1024 * 1024);
    // With the default bound (64 MB) all three are kept.
    QCOMPARE(run(1, QStringLiteral("64")), QString());
    QCOMPARE(entries().size(), 3);
    QVERIFY(cachedBytes() > 1024 * 1024);
    // 0: the index is not stored and the cache is emptied; the CSV is still right.
    QCOMPARE(run(0, QStringLiteral("0")), QString());
    QCOMPARE(entries(), QStringList{});
}

// scroll on many_traces.sgy (8500 x 128, from the reader tests' data): the contract's JSON keys,
// ordered percentiles, and cache counts that follow from the options. Latencies are never
// compared with a time limit.
void TestCli::scrollJson_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<bool>("expectHits");
    QTest::addRow("defaults") << QStringList{} << true;
    QTest::addRow("no cache") << QStringList{QStringLiteral("--cache-mb"), QStringLiteral("0")}
                              << false;
    QTest::addRow("prefetch off, step 100")
        << QStringList{QStringLiteral("--prefetch"),      QStringLiteral("off"),
                       QStringLiteral("--window-traces"), QStringLiteral("300"),
                       QStringLiteral("--step"),          QStringLiteral("100")}
        << true;
    QTest::addRow("window wider than the file")
        << QStringList{QStringLiteral("--window-traces"), QStringLiteral("100000")} << true;
}

void TestCli::scrollJson() {
    QFETCH(QStringList, options);
    QFETCH(bool, expectHits);
    const QString data =
        qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/many_traces.sgy");
    const Run r =
        runCli(QStringList{QStringLiteral("scroll"), data, QStringLiteral("--json")} + options);
    QVERIFY2(r.code == 0 && !r.crashed, qPrintable(r.describe()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(doc.isObject(), qPrintable(error.errorString() + r.describe()));
    const QJsonObject o = doc.object();
    QCOMPARE(o.keys(), (QStringList{QStringLiteral("cache_hits"), QStringLiteral("cache_misses"),
                                    QStringLiteral("jump"), QStringLiteral("peak_rss_mb"),
                                    QStringLiteral("scroll")}));
    for (const QString& phase : {QStringLiteral("scroll"), QStringLiteral("jump")}) {
        const QJsonObject p = o.value(phase).toObject();
        QCOMPARE(p.keys(), (QStringList{QStringLiteral("max_ms"), QStringLiteral("p50_ms"),
                                        QStringLiteral("p95_ms"), QStringLiteral("p99_ms")}));
        const double p50 = p.value(QStringLiteral("p50_ms")).toDouble(-1);
        const double p95 = p.value(QStringLiteral("p95_ms")).toDouble(-1);
        const double p99 = p.value(QStringLiteral("p99_ms")).toDouble(-1);
        const double max = p.value(QStringLiteral("max_ms")).toDouble(-1);
        QVERIFY2(0 <= p50 && p50 <= p95 && p95 <= p99 && p99 <= max, qPrintable(r.describe()));
    }
    const qint64 hits = o.value(QStringLiteral("cache_hits")).toInteger(-1);
    const qint64 misses = o.value(QStringLiteral("cache_misses")).toInteger(-1);
    QVERIFY2(misses > 0, qPrintable(r.describe()));
    if (expectHits)
        QVERIFY2(hits > 0, qPrintable(r.describe()));
    else
        QCOMPARE(hits, 0); // a budget of 0 caches nothing
    const double rss = o.value(QStringLiteral("peak_rss_mb")).toDouble(-1);
    QVERIFY2(rss > 1 && rss < 4096, qPrintable(r.describe()));
}

void TestCli::scrollText() {
    const QString data =
        qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/many_traces.sgy");
    // 8500 traces, window 1000, step 2500: windows at 0, 2500, 5000 and the last at 7500.
    const Run r =
        runCli({QStringLiteral("scroll"), data, QStringLiteral("--step"), QStringLiteral("2500")});
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains("scroll 4 windows: p50 "), qPrintable(r.describe()));
    QVERIFY2(r.out.contains("jump 100 windows: p50 "), qPrintable(r.describe()));
    QVERIFY2(r.out.contains("peak RSS: "), qPrintable(r.describe()));
}

void TestCli::scrollUsageMistakes_data() {
    QTest::addColumn<QStringList>("options");
    QTest::addRow("prefetch maybe")
        << QStringList{QStringLiteral("--prefetch"), QStringLiteral("maybe")};
    QTest::addRow("step 0") << QStringList{QStringLiteral("--step"), QStringLiteral("0")};
    QTest::addRow("window abc") << QStringList{QStringLiteral("--window-traces"),
                                               QStringLiteral("abc")};
    QTest::addRow("negative cache")
        << QStringList{QStringLiteral("--cache-mb"), QStringLiteral("-1")};
    QTest::addRow("unknown option") << QStringList{QStringLiteral("--fast")};
}

void TestCli::scrollUsageMistakes() {
    QFETCH(QStringList, options);
    const QString data =
        qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/many_traces.sgy");
    const Run r = runCli(QStringList{QStringLiteral("scroll"), data} + options);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("error: "), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("scroll FILE [--cache-mb N]"), qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

// --- stats -------------------------------------------------------------------------------------

namespace {

// Empty if the printed value `got` is `want` (null: NaN expected) within a relative `tolerance`
// (0: exactly); otherwise what is wrong.
QString statsValueProblem(const QString& key, const QJsonValue& got, const QJsonValue& want,
                          double tolerance) {
    if (want.isNull())
        return got.isNull() ? QString() : QStringLiteral("%1: expected null").arg(key);
    if (!got.isDouble())
        return QStringLiteral("%1: not a number").arg(key);
    const double g = got.toDouble();
    const double w = want.toDouble();
    if (tolerance == 0 ? g == w : std::fabs(g - w) <= tolerance * std::fabs(w))
        return {};
    return QStringLiteral("%1: got %2, expected %3").arg(key).arg(g, 0, 'g', 17).arg(w, 0, 'g', 17);
}

// The `stats` text output ("key: value" lines) as a map.
QMap<QString, QString> statsLines(const QByteArray& out) {
    QMap<QString, QString> map;
    for (const QByteArray& line : out.split('\n')) {
        const qsizetype colon = line.indexOf(": ");
        if (colon > 0)
            map.insert(QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 2)));
    }
    return map;
}

} // namespace

void TestCli::statsJson_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("stride");
    QTest::addColumn<QJsonObject>("want");
    for (const auto& v : m_stats.value(QLatin1String("files")).toArray()) {
        const QJsonObject f = v.toObject();
        const QString name = f.value(QLatin1String("name")).toString();
        const QJsonObject strides = f.value(QLatin1String("strides")).toObject();
        for (auto it = strides.begin(); it != strides.end(); ++it)
            QTest::addRow("%s --stride %s", qPrintable(name), qPrintable(it.key()))
                << name << it.key() << it.value().toObject();
    }
}

// Every printed value against numpy's: counts, min and max exactly, mean and rms within 1e-12 (a
// sum in another order), the percentiles within the documented 2^-11 of the exact nearest-rank
// value.
void TestCli::statsJson() {
    QFETCH(QString, name);
    QFETCH(QString, stride);
    QFETCH(QJsonObject, want);
    QStringList args{QStringLiteral("stats"), statsFile(name), QStringLiteral("--json")};
    if (stride != QLatin1String("1"))
        args << QStringLiteral("--stride") << stride;
    const Run r = runCli(args);
    QString problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(r.out.endsWith('\n') && r.out.count('\n') == 1, r.out.constData());
    QJsonParseError pe;
    const QJsonObject got = QJsonDocument::fromJson(r.out, &pe).object();
    QVERIFY2(pe.error == QJsonParseError::NoError, qPrintable(pe.errorString()));
    QCOMPARE(got.keys(), (QStringList{QStringLiteral("abs_percentiles"), QStringLiteral("max"),
                                      QStringLiteral("mean"), QStringLiteral("min"),
                                      QStringLiteral("non_finite"), QStringLiteral("rms"),
                                      QStringLiteral("samples"), QStringLiteral("stride"),
                                      QStringLiteral("traces"), QStringLiteral("zeros")}));
    QCOMPARE(got.value(QLatin1String("stride")).toInteger(), stride.toLongLong());
    const std::pair<const char*, const char*> exact[] = {
        {"traces", "traces"}, {"samples", "count"}, {"non_finite", "non_finite"},
        {"zeros", "zeros"},   {"min", "min"},       {"max", "max"}};
    for (const auto& [key, wantKey] : exact) {
        problem = statsValueProblem(QLatin1String(key), got.value(QLatin1String(key)),
                                    want.value(QLatin1String(wantKey)), 0);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    for (const char* key : {"mean", "rms"}) {
        problem = statsValueProblem(QLatin1String(key), got.value(QLatin1String(key)),
                                    want.value(QLatin1String(key)), 1e-12);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    const QJsonObject pct = got.value(QLatin1String("abs_percentiles")).toObject();
    const QJsonObject wantPct = want.value(QLatin1String("abs_percentiles")).toObject();
    QCOMPARE(pct.keys(), (QStringList{QStringLiteral("50"), QStringLiteral("90"),
                                      QStringLiteral("99"), QStringLiteral("99.9")}));
    for (const QString& p : pct.keys()) {
        problem =
            statsValueProblem(QStringLiteral("p") + p, pct.value(p), wantPct.value(p), 1.0 / 2048);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

// The plain text form: one "key: value" line each, the same values as numpy's.
void TestCli::statsText() {
    const QString name = QStringLiteral("stats_ieee.sgy");
    QJsonObject want;
    for (const auto& v : m_stats.value(QLatin1String("files")).toArray())
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            want = v.toObject()
                       .value(QLatin1String("strides"))
                       .toObject()
                       .value(QLatin1String("3"))
                       .toObject();
    QVERIFY(!want.isEmpty());
    const Run r = runCli({QStringLiteral("stats"), statsFile(name), QStringLiteral("--stride"),
                          QStringLiteral("3")});
    const QString problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const QMap<QString, QString> lines = statsLines(r.out);
    QCOMPARE(lines.keys(), (QStringList{QStringLiteral("abs p50"), QStringLiteral("abs p90"),
                                        QStringLiteral("abs p99"), QStringLiteral("abs p99.9"),
                                        QStringLiteral("max"), QStringLiteral("mean"),
                                        QStringLiteral("min"), QStringLiteral("non-finite"),
                                        QStringLiteral("rms"), QStringLiteral("samples"),
                                        QStringLiteral("traces"), QStringLiteral("zeros")}));
    QVERIFY2(lines.value(QStringLiteral("traces"))
                 .startsWith(QString::number(want.value(QLatin1String("traces")).toInteger())),
             qPrintable(lines.value(QStringLiteral("traces"))));
    QCOMPARE(lines.value(QStringLiteral("samples")).toLongLong(),
             want.value(QLatin1String("count")).toInteger());
    QCOMPARE(lines.value(QStringLiteral("non-finite")).toLongLong(),
             want.value(QLatin1String("non_finite")).toInteger());
    QCOMPARE(lines.value(QStringLiteral("zeros")).toLongLong(),
             want.value(QLatin1String("zeros")).toInteger());
    // min and max are floats, printed so that they read back exactly.
    QCOMPARE(double(lines.value(QStringLiteral("min")).toFloat()),
             want.value(QLatin1String("min")).toDouble());
    QCOMPARE(double(lines.value(QStringLiteral("max")).toFloat()),
             want.value(QLatin1String("max")).toDouble());
    for (const char* key : {"mean", "rms"}) {
        const double w = want.value(QLatin1String(key)).toDouble();
        const double g = lines.value(QLatin1String(key)).toDouble();
        QVERIFY2(std::fabs(g - w) <= 1e-12 * std::fabs(w), key);
    }
    const QJsonObject pct = want.value(QLatin1String("abs_percentiles")).toObject();
    for (const char* p : {"50", "90", "99", "99.9"}) {
        const double w = pct.value(QLatin1String(p)).toDouble();
        const double g = lines.value(QStringLiteral("abs p") + QLatin1String(p)).toDouble();
        QVERIFY2(std::fabs(g - w) <= std::fabs(w) / 2048, p);
    }
}

void TestCli::statsBadInput_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<QStringList>("values");
    QTest::addRow("missing file") << QStringLiteral("missing.sgy") << QStringList{};
    QTest::addRow("unknown format")
        << QStringLiteral("format13.sgy") << QStringList{QStringLiteral("13")};
    QTest::addRow("too short") << QStringLiteral("short.sgy")
                               << QStringList{QStringLiteral("1000"), QStringLiteral("3600")};
}

void TestCli::statsBadInput() {
    QFETCH(QString, name);
    QFETCH(QStringList, values);
    for (const bool json : {false, true}) {
        QStringList args{QStringLiteral("stats"), file(name)};
        if (json)
            args << QStringLiteral("--json");
        const Run r = runCli(args);
        const QString problem = badInputProblem(r, {file(name)}, values);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestCli::statsUsageMistakes_data() {
    QTest::addColumn<QStringList>("args");
    const QString stats = QStringLiteral("stats");
    const QString good = statsFile(QStringLiteral("stats_int16.sgy"));
    const QString stride = QStringLiteral("--stride");
    QTest::addRow("stride 0") << QStringList{stats, good, stride, QStringLiteral("0")};
    QTest::addRow("stride -2") << QStringList{stats, good, stride, QStringLiteral("-2")};
    QTest::addRow("stride abc") << QStringList{stats, good, stride, QStringLiteral("abc")};
    QTest::addRow("stride without value") << QStringList{stats, good, stride};
    QTest::addRow("no file") << QStringList{stats, QStringLiteral("--json")};
    QTest::addRow("two files") << QStringList{stats, good, good};
    QTest::addRow("unknown option")
        << QStringList{stats, good, QStringLiteral("--traces"), QStringLiteral("0:1")};
}

void TestCli::statsUsageMistakes() {
    QFETCH(QStringList, args);
    const Run r = runCli(args);
    const QString problem = usageProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(r.err.startsWith("error: "), qPrintable(r.describe()));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
