// seisview-cli's output safety, run as a separate process with the real mechanisms: an output
// that is the input through any name (the same path, ./F, a symbolic link, a hard link, standard
// output appended to it) is refused with the source bytes unchanged; a full tmpfs mounted by the
// test makes every writing command fail with the old file intact and nothing left behind;
// /dev/full as standard output fails every command; a device node made with mknod and a FIFO with
// a reader are written in place and stay what they are; `dump -o OUT` ended by SIGINT, SIGTERM or
// SIGHUP while it writes dies of that signal and leaves the directory as it was (no OUT, no
// hidden temporary, an old OUT byte for byte).
//
// The input is ensembles_small.sgy from the generate_test_data fixture (SEIS_TEST_DATA), copied
// into a temporary directory; the ensemble index cache goes to a temporary XDG_CACHE_HOME.
// Mounting and mknod need root (as on CI); without it those cases are skipped with the reason.
#include "filesystemsupport.h"
#include "processrun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

using namespace seis::testsupport;

namespace {

// A guard against a hung process only; no test asserts on how long a run takes.
constexpr int kHangGuardMs = 60000;

using Run = ProcessRun;

struct RunOptions {
    QString workingDir;
    QString stdoutFile; // empty: captured
    bool append = false;
    QString cacheHome;
};

Run runCli(const QStringList& args, const RunOptions& o) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), o.cacheHome);
    ProcessOptions options;
    options.workingDir = o.workingDir;
    options.stdoutFile = o.stdoutFile;
    options.append = o.append;
    options.environment = env;
    options.hangGuardMs = kHangGuardMs;
    return runProcess(qEnvironmentVariable("SEIS_CLI"), args, options);
}

// Empty if `r` failed cleanly: exit 1, nothing on stdout, exactly one line "error: ..." on stderr
// containing every one of `words`; otherwise what is wrong.
QString failureProblem(const Run& r, const QStringList& words) {
    if (r.crashed || r.hung || r.code != 1)
        return QStringLiteral("expected exit status 1; got ") + r.describe();
    if (!r.out.isEmpty())
        return QStringLiteral("expected nothing on stdout; got ") + r.describe();
    if (!r.err.startsWith("error: ") || !r.err.endsWith('\n') || r.err.count('\n') != 1)
        return QStringLiteral("expected exactly one line 'error: ...' on stderr; got ") +
               r.describe();
    for (const QString& w : words)
        if (!QString::fromLocal8Bit(r.err).contains(w))
            return QStringLiteral("the error line does not contain '%1'; got ").arg(w) +
                   r.describe();
    return {};
}

QString successProblem(const Run& r) {
    if (r.crashed || r.hung || r.code != 0 || !r.err.isEmpty())
        return QStringLiteral("expected success; got ") + r.describe();
    return {};
}

// A SEG-Y file of `traces` traces of 1000 IBM float samples (zeros: the values do not matter,
// only that `dump` takes a while), written in pieces.
bool writeBigSegy(const QString& path, qint64 traces) {
    constexpr int kSamples = 1000;
    QByteArray head(3600, '\0');
    const auto be16 = [](char* b, int v) {
        b[0] = char((v >> 8) & 0xff);
        b[1] = char(v & 0xff);
    };
    be16(head.data() + 3216, 2000);     // sample interval, us
    be16(head.data() + 3220, kSamples); // samples per trace
    be16(head.data() + 3224, 1);        // IBM float
    constexpr qint64 kTraceBytes = 240 + 4 * kSamples;
    QByteArray trace(kTraceBytes, '\0');
    be16(trace.data() + 114, kSamples);
    QByteArray block;
    for (int i = 0; i < 256; ++i)
        block += trace;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(head) != head.size())
        return false;
    for (qint64 t = 0; t < traces; t += 256) {
        const qint64 n = std::min<qint64>(256, traces - t);
        if (f.write(block.constData(), n * kTraceBytes) != n * kTraceBytes)
            return false;
    }
    return f.flush();
}

// The state letter of process `pid` in /proc (R, S, D, T, ...), or 0.
char processState(qint64 pid) {
    QFile f(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = f.readAll();
    const qsizetype close = stat.lastIndexOf(')'); // after the command name, which may hold spaces
    return close >= 0 && close + 2 < stat.size() ? stat[close + 2] : char(0);
}

#define SKIP_UNLESS_ROOT(what)                                                                     \
    if (::geteuid() != 0)                                                                          \
    QSKIP("needs root to " what " (CI runs the tests as root)")

} // namespace

class TestCliSafety : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void outputIsInput_data();
    void outputIsInput();
    void stdoutAppendedToInput_data();
    void stdoutAppendedToInput();
    void fullFileSystem_data();
    void fullFileSystem();
    void devFullAsStdout_data();
    void devFullAsStdout();
    void deviceNode_data();
    void deviceNode();
    void fifoWithReader_data();
    void fifoWithReader();
    void interruptedDump_data();
    void interruptedDump();

private:
    // The writing commands with "OUT" standing for the output path (after -o).
    static void addWritingCommands();
    QStringList withOutput(QStringList args, const QString& out) const {
        args.replaceInStrings(QRegularExpression(QStringLiteral("^OUT$")), out);
        return args;
    }
    RunOptions options() const {
        RunOptions o;
        o.cacheHome = m_cache.path();
        return o;
    }

    // A space in the path checks that nothing splits or mangles file names.
    QTemporaryDir m_dir{QDir::tempPath() + QStringLiteral("/tst clisafety-XXXXXX")};
    QTemporaryDir m_cache;
    QString m_source; // ensembles_small.sgy in SEIS_TEST_DATA
    QString m_input;  // a copy: m_dir/F.sgy
    QByteArray m_hash;
    std::optional<QTemporaryDir> m_bigDir; // interruptedDump's input, made on first use
};

void TestCliSafety::initTestCase() {
    const QString cli = qEnvironmentVariable("SEIS_CLI");
    QVERIFY2(!cli.isEmpty() && QFileInfo(cli).isExecutable(),
             "SEIS_CLI must name the seisview-cli executable");
    QVERIFY(m_dir.isValid());
    QVERIFY(m_cache.isValid());
    m_source = qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/ensembles_small.sgy");
    QVERIFY2(QFileInfo::exists(m_source), qPrintable(m_source + QLatin1String(" is missing")));
    m_input = m_dir.filePath(QStringLiteral("F.sgy"));
    QVERIFY(QFile::copy(m_source, m_input));
    m_hash = sha256Of(m_input);
}

// Each case starts from the intact input, so one that clobbered it (a regression) does not make
// the following ones fail for the wrong reason.
void TestCliSafety::init() {
    if (sha256Of(m_input) == m_hash)
        return;
    QFile::remove(m_input);
    QVERIFY(QFile::copy(m_source, m_input));
}

void TestCliSafety::addWritingCommands() {
    QTest::addColumn<QStringList>("args"); // "F" is the input, "OUT" the output
    QTest::addRow("dump") << QStringList{QStringLiteral("dump"), QStringLiteral("F"),
                                         QStringLiteral("-o"), QStringLiteral("OUT")};
    QTest::addRow("dump --gather")
        << QStringList{QStringLiteral("dump"), QStringLiteral("F"),      QStringLiteral("--gather"),
                       QStringLiteral("0"),    QStringLiteral("--sort"), QStringLiteral("cdp"),
                       QStringLiteral("-o"),   QStringLiteral("OUT")};
    QTest::addRow("headers") << QStringList{QStringLiteral("headers"),  QStringLiteral("F"),
                                            QStringLiteral("--fields"), QStringLiteral("fldr,cdp"),
                                            QStringLiteral("-o"),       QStringLiteral("OUT")};
    QTest::addRow("ensembles") << QStringList{QStringLiteral("ensembles"), QStringLiteral("F"),
                                              QStringLiteral("--keys"),    QStringLiteral("fldr"),
                                              QStringLiteral("-o"),        QStringLiteral("OUT")};
    QTest::addRow("gathers") << QStringList{QStringLiteral("gathers"), QStringLiteral("F"),
                                            QStringLiteral("--sort"),  QStringLiteral("cdp,fldr"),
                                            QStringLiteral("-o"),      QStringLiteral("OUT")};
}

void TestCliSafety::outputIsInput_data() {
    addWritingCommands();
}

// -o naming the input through every kind of name: exit 1, one error line naming the output and
// the input, the source's bytes unchanged, nothing added to its directory.
void TestCliSafety::outputIsInput() {
    QFETCH(QStringList, args);
    const QString dir = m_dir.path();
    QVERIFY(QFile::link(m_input, m_dir.filePath(QStringLiteral("sym.sgy"))));
    QCOMPARE(::link(QFile::encodeName(m_input).constData(),
                    QFile::encodeName(m_dir.filePath(QStringLiteral("hard.sgy"))).constData()),
             0);
    const auto cleanup = qScopeGuard([&] {
        QFile::remove(m_dir.filePath(QStringLiteral("sym.sgy")));
        QFile::remove(m_dir.filePath(QStringLiteral("hard.sgy")));
    });
    const QStringList before = entriesOf(dir);
    RunOptions o = options();
    o.workingDir = dir;
    for (const QString& out : {m_input, QStringLiteral("./F.sgy"), QStringLiteral("sym.sgy"),
                               QStringLiteral("hard.sgy")}) {
        QStringList a = withOutput(args, out);
        a[1] = out == m_input ? m_input : QStringLiteral("F.sgy");
        const Run r = runCli(a, o);
        const QString problem =
            failureProblem(r, {out + QLatin1String(": "), QLatin1String("never overwritten")});
        QVERIFY2(problem.isEmpty(), qPrintable(out + QLatin1String(": ") + problem));
        QCOMPARE(sha256Of(m_input), m_hash);
        QCOMPARE(entriesOf(dir), before);
    }
}

void TestCliSafety::stdoutAppendedToInput_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addRow("info") << QStringList{QStringLiteral("info")};
    QTest::addRow("dump -o -") << QStringList{QStringLiteral("dump"), QStringLiteral("-o"),
                                              QStringLiteral("-")};
    QTest::addRow("headers") << QStringList{QStringLiteral("headers"), QStringLiteral("--fields"),
                                            QStringLiteral("fldr")};
    QTest::addRow("ensembles") << QStringList{QStringLiteral("ensembles"), QStringLiteral("--keys"),
                                              QStringLiteral("fldr")};
    QTest::addRow("gathers") << QStringList{QStringLiteral("gathers"), QStringLiteral("--sort"),
                                            QStringLiteral("cdp")};
    QTest::addRow("stats") << QStringList{QStringLiteral("stats"), QStringLiteral("--json")};
    QTest::addRow("scroll") << QStringList{QStringLiteral("scroll"), QStringLiteral("--json"),
                                           QStringLiteral("--window-traces"), QStringLiteral("4")};
}

// `cmd F >> F`: standard output is the input; refused, the source unchanged.
void TestCliSafety::stdoutAppendedToInput() {
    QFETCH(QStringList, args);
    args.insert(1, m_input);
    RunOptions o = options();
    o.stdoutFile = m_input;
    o.append = true;
    const Run r = runCli(args, o);
    const QString problem = failureProblem(
        r, {QStringLiteral("standard output: "), m_input, QStringLiteral("never overwritten")});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(sha256Of(m_input), m_hash);
}

void TestCliSafety::fullFileSystem_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addRow("dump one trace")
        << QStringList{QStringLiteral("dump"), QStringLiteral("F"),  QStringLiteral("--traces"),
                       QStringLiteral("0:1"),  QStringLiteral("-o"), QStringLiteral("OUT")};
    QTest::addRow("headers") << QStringList{QStringLiteral("headers"),  QStringLiteral("F"),
                                            QStringLiteral("--fields"), QStringLiteral("fldr"),
                                            QStringLiteral("-o"),       QStringLiteral("OUT")};
    QTest::addRow("ensembles") << QStringList{QStringLiteral("ensembles"), QStringLiteral("F"),
                                              QStringLiteral("--keys"),    QStringLiteral("fldr"),
                                              QStringLiteral("-o"),        QStringLiteral("OUT")};
    QTest::addRow("gathers") << QStringList{QStringLiteral("gathers"), QStringLiteral("F"),
                                            QStringLiteral("--sort"),  QStringLiteral("cdp,fldr"),
                                            QStringLiteral("-o"),      QStringLiteral("OUT")};
}

// A filled tmpfs: exit 1 naming the output and the reason, keep.csv unchanged, no temporary or
// new file left; the same for an output that does not exist yet.
void TestCliSafety::fullFileSystem() {
    QFETCH(QStringList, args);
    SKIP_UNLESS_ROOT("mount a tmpfs");
    TmpfsMount fs("2M");
    QVERIFY2(fs.mounted(), qPrintable(fs.error()));
    const QString keep = fs.path(QStringLiteral("keep.csv"));
    const QByteArray old("fldr\n7\n8\n9\n");
    QVERIFY(writeFile(keep, old));
    QVERIFY(fillUp(fs.path(QStringLiteral("fill"))));
    const QStringList before = entriesOf(fs.path());
    const QString enospc = QString::fromLocal8Bit(std::strerror(ENOSPC));
    for (const QString& out : {keep, fs.path(QStringLiteral("new.csv"))}) {
        QStringList a = withOutput(args, out);
        a[1] = m_input;
        const Run r = runCli(a, options());
        const QString problem = failureProblem(r, {out + QLatin1String(": "), enospc});
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(readFile(keep), old);
        QCOMPARE(entriesOf(fs.path()), before);
    }
    QCOMPARE(sha256Of(m_input), m_hash);
}

void TestCliSafety::devFullAsStdout_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addRow("scroll --json")
        << QStringList{QStringLiteral("scroll"), QStringLiteral("--json"),
                       QStringLiteral("--window-traces"), QStringLiteral("4")};
    QTest::addRow("scroll text") << QStringList{
        QStringLiteral("scroll"), QStringLiteral("--window-traces"), QStringLiteral("4")};
    QTest::addRow("info") << QStringList{QStringLiteral("info")};
    QTest::addRow("headers") << QStringList{QStringLiteral("headers"), QStringLiteral("--fields"),
                                            QStringLiteral("fldr")};
    QTest::addRow("ensembles") << QStringList{QStringLiteral("ensembles"), QStringLiteral("--keys"),
                                              QStringLiteral("fldr")};
    QTest::addRow("gathers") << QStringList{QStringLiteral("gathers"), QStringLiteral("--sort"),
                                            QStringLiteral("cdp")};
    QTest::addRow("stats --json") << QStringList{QStringLiteral("stats"), QStringLiteral("--json")};
    QTest::addRow("dump -o -") << QStringList{QStringLiteral("dump"), QStringLiteral("-o"),
                                              QStringLiteral("-")};
    QTest::addRow("--help") << QStringList{QStringLiteral("--help")};
}

// Standard output on a full device: every command fails with one error line.
void TestCliSafety::devFullAsStdout() {
    QFETCH(QStringList, args);
    if (!QFileInfo::exists(QStringLiteral("/dev/full")))
        QSKIP("no /dev/full on this system");
    if (args.size() > 0 && args[0] != QLatin1String("--help"))
        args.insert(1, m_input);
    RunOptions o = options();
    o.stdoutFile = QStringLiteral("/dev/full");
    const Run r = runCli(args, o);
    const QString problem = failureProblem(
        r, {QStringLiteral("standard output: "), QString::fromLocal8Bit(std::strerror(ENOSPC))});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestCliSafety::deviceNode_data() {
    addWritingCommands();
}

// A null device node (1,3) made with mknod in the test's own tmpfs, directly and through a
// link: the command succeeds, the node is still that device, the link still a link, nothing
// else appears.
void TestCliSafety::deviceNode() {
    QFETCH(QStringList, args);
    SKIP_UNLESS_ROOT("mount a tmpfs and mknod a device node");
    TmpfsMount fs("1M");
    QVERIFY2(fs.mounted(), qPrintable(fs.error()));
    const QString node = fs.path(QStringLiteral("null"));
    const QString link = fs.path(QStringLiteral("link"));
    QCOMPARE(::mknod(QFile::encodeName(node).constData(), S_IFCHR | 0666, makedev(1, 3)), 0);
    QVERIFY(QFile::link(node, link));
    for (const QString& out : {node, link}) {
        QStringList a = withOutput(args, out);
        a[1] = m_input;
        const Run r = runCli(a, options());
        const QString problem = successProblem(r);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        const struct stat st = lstatOf(node);
        QVERIFY(S_ISCHR(st.st_mode));
        QCOMPARE(st.st_rdev, makedev(1, 3));
        QVERIFY(S_ISLNK(lstatOf(link).st_mode));
        QCOMPARE(entriesOf(fs.path()),
                 (QStringList{QStringLiteral("link"), QStringLiteral("null")}));
    }
}

void TestCliSafety::fifoWithReader_data() {
    addWritingCommands();
}

// -o FIFO with a reader: the reader gets exactly what -o - writes, and the FIFO stays a FIFO.
void TestCliSafety::fifoWithReader() {
    QFETCH(QStringList, args);
    QStringList viaStdout = withOutput(args, QStringLiteral("-"));
    viaStdout[1] = m_input;
    const Run reference = runCli(viaStdout, options());
    QString problem = successProblem(reference);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!reference.out.isEmpty());

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    FifoReader reader(fifo);
    QStringList a = withOutput(args, fifo);
    a[1] = m_input;
    const Run r = runCli(a, options());
    const QByteArray got = reader.bytes();
    problem = successProblem(r);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(got, reference.out);
    QVERIFY(S_ISFIFO(lstatOf(fifo).st_mode));
    QCOMPARE(entriesOf(dir.path()), QStringList{QStringLiteral("fifo")});
}

void TestCliSafety::interruptedDump_data() {
    QTest::addColumn<int>("sig");
    QTest::addColumn<bool>("existing"); // an older OUT is there before the run
    for (const auto& [name, sig] : {std::pair{"SIGINT", SIGINT}, std::pair{"SIGTERM", SIGTERM},
                                    std::pair{"SIGHUP", SIGHUP}}) {
        QTest::addRow("%s, new OUT", name) << sig << false;
        QTest::addRow("%s, existing OUT", name) << sig << true;
    }
}

// `dump BIG -o OUT` ended by a signal while it writes (its hidden temporary exists): the process
// dies of that signal (as a shell sees it: 130 for SIGINT), the output directory lists exactly
// what it did before (no OUT, no temporary), and an older OUT keeps its bytes.
//
// To hit "while it writes" on any machine, the child is stopped (SIGSTOP) as soon as its
// temporary appears, and checked to be stopped with the temporary still there; the signal is sent
// to the stopped process and delivered when it continues (SIGCONT): the real signal and the
// real handler, at a moment the test knows.
void TestCliSafety::interruptedDump() {
    QFETCH(int, sig);
    QFETCH(bool, existing);
    constexpr qint64 kTraces = 64000; // 4240 bytes each: 271 MB
    if (!m_bigDir) {
        const QStorageInfo shm(QStringLiteral("/dev/shm"));
        const bool onShm = shm.isValid() && shm.isReady() && !shm.isReadOnly() &&
                           shm.bytesAvailable() > qint64(2) << 30;
        m_bigDir.emplace((onShm ? QStringLiteral("/dev/shm") : QDir::tempPath()) +
                         QStringLiteral("/tst_clisafety-big-XXXXXX"));
        QVERIFY(m_bigDir->isValid());
        QVERIFY(writeBigSegy(m_bigDir->filePath(QStringLiteral("big.sgy")), kTraces));
    }
    const QString big = m_bigDir->filePath(QStringLiteral("big.sgy"));
    QVERIFY(QFileInfo::exists(big));

    QTemporaryDir outDir(QDir::tempPath() + QStringLiteral("/tst clisafety-out-XXXXXX"));
    QVERIFY(outDir.isValid());
    const QString out = outDir.filePath(QStringLiteral("big.bin"));
    const QByteArray old("an older output, kept byte for byte\n");
    if (existing)
        QVERIFY(writeFile(out, old));
    const QStringList before = entriesOf(outDir.path());

    QProcess p;
    p.setProgram(qEnvironmentVariable("SEIS_CLI"));
    p.setArguments({QStringLiteral("dump"), big, QStringLiteral("-o"), out});
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
    p.setProcessEnvironment(env);
    // The default actions and an open mask, whatever this test inherited (a background job's
    // SIGINT is ignored): the program's handler is installed only over the default action.
    p.setChildProcessModifier([] {
        sigset_t set;
        sigemptyset(&set);
        for (const int s : {SIGHUP, SIGINT, SIGTERM}) {
            ::signal(s, SIG_DFL);
            sigaddset(&set, s);
        }
        ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
    });
    p.start();
    QVERIFY2(p.waitForStarted(kHangGuardMs), qPrintable(p.errorString()));
    const qint64 pid = p.processId();
    const auto killGuard = qScopeGuard([&] {
        if (p.state() != QProcess::NotRunning) {
            p.kill();
            p.waitForFinished(kHangGuardMs);
        }
    });

    // Poll closely (not QTRY's 50 ms steps): the dump of 271 MB takes a while, but not long.
    QElapsedTimer guard;
    guard.start();
    while (temporariesIn(entriesOf(outDir.path())).isEmpty() && p.state() != QProcess::NotRunning &&
           guard.elapsed() < kHangGuardMs)
        QThread::usleep(200);
    QVERIFY2(p.state() != QProcess::NotRunning,
             "the dump ended before its temporary was seen (make the input bigger)");
    QCOMPARE(::kill(pid_t(pid), SIGSTOP), 0);
    QTRY_COMPARE_WITH_TIMEOUT(processState(pid), 'T', kHangGuardMs);
    const QStringList during = entriesOf(outDir.path());
    QVERIFY2(temporariesIn(during).size() == 1,
             qPrintable(QStringLiteral("expected one temporary while the dump is stopped; the "
                                       "directory holds: ") +
                        during.join(QLatin1String(", "))));
    if (existing)
        QCOMPARE(readFile(out), old);

    QCOMPARE(::kill(pid_t(pid), sig), 0);
    QCOMPARE(::kill(pid_t(pid), SIGCONT), 0);
    QVERIFY2(p.waitForFinished(kHangGuardMs), "the dump did not end after the signal");
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(p.exitStatus() == QProcess::CrashExit,
             qPrintable(QStringLiteral("expected death by signal %1; exited with status %2, "
                                       "stderr: %3")
                            .arg(sig)
                            .arg(p.exitCode())
                            .arg(QString::fromLocal8Bit(err))));
    QCOMPARE(p.exitCode(), sig); // the signal number, for a crash exit
    QCOMPARE(entriesOf(outDir.path()), before);
    if (existing)
        QCOMPARE(readFile(out), old);
}

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
