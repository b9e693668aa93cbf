// Files that shrink while they are read (a SIGBUS on the mapping): the core's readers throw a
// FormatError naming the file and its new size, from the calling thread and from parallel blocks,
// as often as it happens; a SIGBUS anywhere else still kills; and every CLI command, with the
// file truncated at different moments after it started, either finishes with a correct result or
// exits 1 with one error line naming the file, never by a signal.
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"
#include "seis/segy/traceloader.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <thread>
#include <vector>

using namespace seis;
using seis::testsupport::messageOf;

namespace {

constexpr qint64 kTraces = 30000;
constexpr int kSamples = 1000;
constexpr qint64 kTraceBytes = 240 + 4 * kSamples;
constexpr qint64 kFileBytes = 3600 + kTraces * kTraceBytes; // 127 MB
// Mid-file: half the traces and part of the next one stay.
constexpr qint64 kMidCut = 3600 + kTraces / 2 * kTraceBytes + 1000;
// The hang guard of one CLI run (not a time limit on the result).
constexpr int kHangGuardMs = 120000;

float expected(qint64 t, qint64 s) {
    return float((t % 1000) * 0.25 - s * 0.5 + 0.125);
}

void putBe16(char* b, quint16 v) {
    b[0] = char(v >> 8);
    b[1] = char(v & 0xff);
}

void putBe32(char* b, quint32 v) {
    for (int i = 0; i < 4; ++i)
        b[i] = char((v >> (24 - 8 * i)) & 0xff);
}

// IBM, big-endian, `kTraces` x `kSamples`, values expected(t, s) (exact in IBM and float), fldr
// changing every 240 traces (bytes 9-12) and cdp = 1 + t % 240 (bytes 21-24).
QByteArray makeFile() {
    QByteArray bytes(kFileBytes, '\0');
    char* head = bytes.data();
    putBe16(head + 3216, 2000);
    putBe16(head + 3220, kSamples);
    putBe16(head + 3224, 1);
    std::vector<char> rows(std::size_t(1000) * 4 * kSamples);
    for (int r = 0; r < 1000; ++r)
        for (int s = 0; s < kSamples; ++s)
            putBe32(rows.data() + (std::size_t(r) * kSamples + s) * 4, floatToIbm(expected(r, s)));
    for (qint64 t = 0; t < kTraces; ++t) {
        char* p = bytes.data() + 3600 + t * kTraceBytes;
        putBe32(p, quint32(t + 1));
        putBe32(p + 8, quint32(t / 240 + 1));
        putBe32(p + 20, quint32(t % 240 + 1));
        putBe16(p + 114, kSamples);
        std::memcpy(p + 240, rows.data() + std::size_t(t % 1000) * 4 * kSamples, 4 * kSamples);
    }
    return bytes;
}

// A directory on a RAM file system when one with room exists (each CLI round rewrites the file),
// else the system temp directory.
QString scratchBase() {
    const QStorageInfo shm(QStringLiteral("/dev/shm"));
    if (shm.isValid() && shm.isReady() && !shm.isReadOnly() &&
        shm.bytesAvailable() > 4 * kFileBytes)
        return QStringLiteral("/dev/shm");
    return QDir::tempPath();
}

// The new size as the readers' error must say it, and the size when opened.
QString sizeWords(qint64 now) {
    return QStringLiteral("it is now %1 bytes, it was %2 bytes when opened; reopen it")
        .arg(now)
        .arg(kFileBytes);
}

struct CliRun {
    int code = -1;
    bool signalled = false;
    QByteArray out;
    QByteArray err;
    QString describe() const {
        return QStringLiteral("exit %1%2\n--- stderr:\n%3")
            .arg(code)
            .arg(signalled ? QStringLiteral(" (killed by a signal)") : QString())
            .arg(QString::fromLocal8Bit(err.left(2000)));
    }
};

} // namespace

class TestTruncation : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_bytes = makeFile();
        m_path = m_dir.filePath(QStringLiteral("shrinking.sgy"));
    }

    // --- the core ---------------------------------------------------------------------------

    void readWindowThrowsAfterTruncation_data() { cuts(); }
    void readWindowThrowsAfterTruncation() {
        QFETCH(qint64, cut);
        writeFile();
        const SegyFile file(m_path);
        QCOMPARE(file.traceCount(), kTraces);
        QVERIFY(QFile::resize(m_path, cut));
        const QString words = sizeWords(cut);
        std::vector<float> all(std::size_t(kTraces * kSamples));
        // The whole file: 120 MB, split into parallel blocks on the pool and the caller.
        QString message = messageOf<FormatError>([&] {
            file.readWindow({0, kTraces}, {0, kSamples}, all.data());
        });
        QVERIFY2(message.startsWith(m_path + QStringLiteral(": ")), qPrintable(message));
        QVERIFY2(message.contains(words), qPrintable(message));
        // The last trace: the small path, on the calling thread. Many times: each SIGBUS after a
        // recovery is delivered and recovered like the first.
        for (int i = 0; i < 50; ++i) {
            message = messageOf<FormatError>([&] {
                file.readWindow({kTraces - 1, kTraces}, {0, kSamples}, all.data());
            });
            QVERIFY2(message.contains(words), qPrintable(message));
        }
        if (cut > 3600 + kTraceBytes) {
            // What is still in the file reads as before.
            const qint64 kept = (cut - 3600) / kTraceBytes;
            file.readWindow({0, kept}, {0, kSamples}, all.data());
            for (qint64 t : {qint64(0), kept / 2, kept - 1})
                for (qint64 s : {qint64(0), qint64(kSamples - 1)})
                    QCOMPARE(all[std::size_t(t * kSamples + s)], expected(t, s));
        }
    }

    void readHeaderColumnsThrowsAfterTruncation_data() { cuts(); }
    void readHeaderColumnsThrowsAfterTruncation() {
        QFETCH(qint64, cut);
        writeFile();
        const SegyFile file(m_path);
        QVERIFY(QFile::resize(m_path, cut));
        const QString words = sizeWords(cut);
        const HeaderField fields[] = {
            HeaderField{QStringLiteral("fldr"), HeaderByte{9}, FieldType::I4},
            HeaderField{QStringLiteral("cdp"), HeaderByte{21}, FieldType::I4}};
        std::vector<qint64> fldr(static_cast<std::size_t>(kTraces));
        std::vector<qint64> cdp(static_cast<std::size_t>(kTraces));
        qint64* outs[] = {fldr.data(), cdp.data()};
        // All traces (parallel blocks of 8192), then the last 100 (one block on the caller).
        for (const TraceRange range : {TraceRange{0, kTraces}, TraceRange{kTraces - 100, kTraces}})
            for (int i = 0; i < 10; ++i) {
                const QString message = messageOf<FormatError>(
                    [&] { file.readHeaderColumns(fields, range, std::span<qint64* const>(outs)); });
                QVERIFY2(message.startsWith(m_path + QStringLiteral(": ")), qPrintable(message));
                QVERIFY2(message.contains(words), qPrintable(message));
            }
    }

    void loadAllTracesThrowsAfterTruncation_data() { cuts(); }
    void loadAllTracesThrowsAfterTruncation() {
        QFETCH(qint64, cut);
        writeFile();
        const auto file = std::make_shared<const SegyFile>(m_path);
        QVERIFY(QFile::resize(m_path, cut));
        const QString words = sizeWords(cut);
        for (int i = 0; i < 3; ++i) {
            const QString message = messageOf<FormatError>([&] { loadAllTraces(*file); });
            QVERIFY2(message.startsWith(m_path + QStringLiteral(": ")), qPrintable(message));
            QVERIFY2(message.contains(words), qPrintable(message));
        }
        // Through the job: the future reports the error.
        auto future = loadAllTracesAsync(file);
        QString message;
        try {
            future.waitForFinished(); // rethrows the job's exception
            future.result();
        } catch (...) {
            message = errorMessage(std::current_exception());
        }
        QVERIFY2(message.contains(words), qPrintable(message));
    }

    void manyThreadsRecoverAtOnce() {
        writeFile();
        const SegyFile file(m_path);
        QVERIFY(QFile::resize(m_path, kMidCut));
        std::atomic<int> recovered{0};
        std::vector<std::thread> threads;
        for (int k = 0; k < 4; ++k)
            threads.emplace_back([&] {
                std::vector<float> buffer(std::size_t(kSamples) * 300);
                for (int i = 0; i < 25; ++i) {
                    try {
                        file.readWindow({kTraces - 300, kTraces}, {0, kSamples}, buffer.data());
                    } catch (const FormatError& e) {
                        if (QString::fromUtf8(e.what()).contains(sizeWords(kMidCut)))
                            ++recovered;
                    }
                }
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(recovered.load(), 100);
    }

    // The handler recovers only guarded reads of the mapping: any other SIGBUS still ends the
    // process, or reaches the handler installed before ours. Each case runs in a child process
    // (this executable, see childMain), which has no test framework's handlers.
    void otherSigbusStillKills_data() {
        QTest::addColumn<QString>("scenario");
        QTest::addColumn<int>("crashSignal"); // 0: must exit normally with code 42
        QTest::newRow("unguarded read past the end") << QStringLiteral("unguarded") << SIGBUS;
        QTest::newRow("after a recovery") << QStringLiteral("recovered") << SIGBUS;
        QTest::newRow("raised, not a fault") << QStringLiteral("raise") << SIGBUS;
        QTest::newRow("chained to the previous handler") << QStringLiteral("chained") << 0;
    }
    void otherSigbusStillKills() {
        QFETCH(QString, scenario);
        QFETCH(int, crashSignal);
        writeFile();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SEIS_TRUNCATION_CHILD"), scenario);
        env.insert(QStringLiteral("SEIS_TRUNCATION_FILE"), m_path);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(kHangGuardMs));
        const QString what = QStringLiteral("%1: exit status %2, code %3, stderr: %4")
                                 .arg(scenario)
                                 .arg(child.exitStatus())
                                 .arg(child.exitCode())
                                 .arg(QString::fromLocal8Bit(child.readAllStandardError()));
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        // A sanitizer's own SIGBUS handler comes before ours: it reports and exits non-zero.
        if (crashSignal != 0) {
            QVERIFY2(child.exitStatus() == QProcess::CrashExit || child.exitCode() != 0,
                     qPrintable(what));
            return;
        }
#endif
        if (crashSignal != 0) {
            QVERIFY2(child.exitStatus() == QProcess::CrashExit, qPrintable(what));
            QVERIFY2(child.exitCode() == crashSignal, qPrintable(what)); // the signal, on a crash
        } else {
            QVERIFY2(child.exitStatus() == QProcess::NormalExit && child.exitCode() == 42,
                     qPrintable(what));
        }
    }

    // --- the command-line tool ----------------------------------------------------------------

    void cliSurvivesTruncation_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<bool>("compareOutput");
        QTest::newRow("stats") << QStringList{QStringLiteral("stats")} << true;
        QTest::newRow("dump") << QStringList{QStringLiteral("dump"), QStringLiteral("--samples"),
                                             QStringLiteral("0:50"), QStringLiteral("-o"),
                                             QStringLiteral("-")}
                              << true;
        QTest::newRow("headers") << QStringList{QStringLiteral("headers"),
                                                QStringLiteral("--fields"),
                                                QStringLiteral("tracl,fldr,cdp")}
                                 << true;
        QTest::newRow("ensembles")
            << QStringList{QStringLiteral("ensembles"), QStringLiteral("--keys"),
                           QStringLiteral("fldr,cdp")}
            << true;
        // Timing figures: only the exit is checked.
        QTest::newRow("scroll") << QStringList{QStringLiteral("scroll"),
                                               QStringLiteral("--window-traces"),
                                               QStringLiteral("200"),
                                               QStringLiteral("--step"),
                                               QStringLiteral("3000"),
                                               QStringLiteral("--cache-mb"),
                                               QStringLiteral("16")}
                                << false;
    }
    void cliSurvivesTruncation() {
        QFETCH(QStringList, args);
        QFETCH(bool, compareOutput);
        const QString cli = qEnvironmentVariable("SEIS_CLI");
        QVERIFY2(QFileInfo(cli).isExecutable(), "SEIS_CLI must name the seisview-cli executable");
        args.insert(1, m_path);

        // What the command says of the whole file and of the file as each cut leaves it: a run
        // that exits 0 must say one of these.
        QList<QByteArray> correct;
        QElapsedTimer clock;
        qint64 wholeMs = 0;
        for (const qint64 size : {kFileBytes, qint64(3600), kMidCut}) {
            writeFile();
            QVERIFY(QFile::resize(m_path, size));
            clock.start();
            const CliRun r = run(cli, args, -1, 0);
            if (size == kFileBytes) {
                wholeMs = clock.elapsed();
                QVERIFY2(r.code == 0 && !r.signalled, qPrintable(r.describe()));
            }
            if (r.code == 0)
                correct << r.out;
        }

        // Truncations spread over the time the whole run took, to 3600 bytes and mid-file.
        constexpr int kRounds = 14;
        int errors = 0;
        for (int round = 0; round < kRounds; ++round) {
            const qint64 cut = round % 2 ? 3600 : kMidCut;
            const qint64 delayUs = wholeMs * 1000 * round / kRounds;
            writeFile();
            const CliRun r = run(cli, args, cut, delayUs);
            const QString where = QStringLiteral("round %1 (cut to %2 bytes %3 us after start): %4")
                                      .arg(round)
                                      .arg(cut)
                                      .arg(delayUs)
                                      .arg(r.describe());
            QVERIFY2(!r.signalled, qPrintable(where));
            QVERIFY2(r.code == 0 || r.code == 1, qPrintable(where));
            if (r.code == 0) {
                if (compareOutput)
                    QVERIFY2(correct.contains(r.out), qPrintable(where + " (output differs)"));
                continue;
            }
            ++errors;
            const QList<QByteArray> lines = r.err.split('\n');
            int errorLines = 0;
            for (const QByteArray& line : lines)
                if (line.startsWith("error:")) {
                    ++errorLines;
                    QVERIFY2(line.contains(m_path.toLocal8Bit()), qPrintable(where));
                }
            QVERIFY2(errorLines == 1, qPrintable(where));
        }
        qInfo("%s: %d of %d rounds ended with an error (the rest finished first or opened the cut "
              "file); the whole run took %lld ms",
              qPrintable(args.front()), errors, kRounds, wholeMs);
    }

private:
    void cuts() {
        QTest::addColumn<qint64>("cut");
        QTest::newRow("to the file header") << qint64(3600);
        QTest::newRow("mid-file") << kMidCut;
    }

    void writeFile() {
        QFile f(m_path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QCOMPARE(f.write(m_bytes), qint64(m_bytes.size()));
    }

    // Runs the CLI with `args`; if cut >= 0, truncates the file to `cut` bytes `delayUs` after
    // the start. Standard output goes to a file (a pipe nobody reads while the test sleeps would
    // stall the command); a fresh XDG_CACHE_HOME keeps the ensemble index from being cached.
    CliRun run(const QString& cli, const QStringList& args, qint64 cut, qint64 delayUs) {
        QTemporaryDir cacheHome(m_dir.filePath(QStringLiteral("cache-XXXXXX")));
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cacheHome.path());
        const QString outPath = m_dir.filePath(QStringLiteral("out"));
        QFile::remove(outPath);
        QProcess p;
        p.setProcessEnvironment(env);
        p.setStandardOutputFile(outPath);
        p.start(cli, args);
        CliRun r;
        if (!p.waitForStarted(kHangGuardMs)) {
            r.err = p.errorString().toLocal8Bit();
            return r;
        }
        if (cut >= 0) {
            QThread::usleep(static_cast<unsigned long>(delayUs));
            if (!QFile::resize(m_path, cut))
                qFatal("cannot truncate %s", qPrintable(m_path));
        }
        if (!p.waitForFinished(kHangGuardMs)) {
            p.kill();
            p.waitForFinished(kHangGuardMs);
            r.err = "hung, killed";
            return r;
        }
        r.signalled = p.exitStatus() != QProcess::NormalExit;
        r.code = p.exitCode();
        r.err = p.readAllStandardError();
        QFile out(outPath);
        if (out.open(QIODevice::ReadOnly))
            r.out = out.readAll();
        return r;
    }

    QTemporaryDir m_dir{scratchBase() + QStringLiteral("/tst_truncation-XXXXXX")};
    QByteArray m_bytes;
    QString m_path;
};

namespace {

void exit42(int, siginfo_t*, void*) {
    _exit(42);
}

// A child of otherSigbusStillKills: opens the file (installing the guard), truncates it, and
// makes a SIGBUS that no guard covers. Returns only if it survived (exit code 3).
int childMain(const QString& scenario) {
    const rlimit noCore{0, 0};
    setrlimit(RLIMIT_CORE, &noCore); // dying of SIGBUS is the expected outcome: no core file
    if (scenario == QLatin1String("chained")) {
        struct sigaction before {};
        before.sa_sigaction = exit42;
        before.sa_flags = SA_SIGINFO;
        sigemptyset(&before.sa_mask);
        sigaction(SIGBUS, &before, nullptr);
    }
    const QString path = qEnvironmentVariable("SEIS_TRUNCATION_FILE");
    const SegyFile file(path);
    if (!QFile::resize(path, 3600))
        return 2;
    if (scenario == QLatin1String("raise")) {
        raise(SIGBUS);
        return 3;
    }
    if (scenario == QLatin1String("recovered")) {
        float sample = 0;
        try {
            file.readWindow({kTraces - 1, kTraces}, {0, 1}, &sample);
            return 4; // the guarded read should have failed
        } catch (const FormatError&) {
        }
    }
    const volatile std::byte* p = file.traceSamples(kTraces - 1);
    const std::byte b = *p; // unguarded, past the new end
    return b == std::byte{0} ? 3 : 3;
}

} // namespace

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet("SEIS_TRUNCATION_CHILD"))
        return childMain(qEnvironmentVariable("SEIS_TRUNCATION_CHILD"));
    QCoreApplication app(argc, argv);
    TestTruncation test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_truncation.moc"
