// seis::OutputFile with the real mechanisms: files replaced through a temporary and a rename, an
// abort that leaves nothing, permission bits, inputs refused through every kind of name, a FIFO
// read by another thread, device nodes made with mknod, a broken pipe, and a tmpfs mounted by the
// test and filled so that writing fails; and temporaries removed by SIGINT, SIGTERM and SIGHUP in
// a forked child that installed removeTemporaryOutputsOnSignals(), the limit of that registry,
// and ignored signals and the program's own handlers left alone. Mounting and mknod need root (as
// on CI); without it those cases are skipped with the reason.
#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include "filesystemsupport.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

// Distinct, recognisable bytes: a short or reordered copy never compares equal.
QByteArray pattern(qsizetype size) {
    QByteArray b(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        b[i] = static_cast<char>((i * 7 + i / 251) & 0xff);
    return b;
}

// Runs `body` in a forked child whose SIGHUP, SIGINT and SIGTERM have their default actions and
// are not blocked (whatever this process inherited); the child exits with what `body` returns
// (2 if it threw). Returns the child's wait status, or -1 if it could not be started.
int inChild(const std::function<int()>& body) {
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0)
        return -1;
    if (pid == 0) {
        sigset_t set;
        sigemptyset(&set);
        for (const int sig : {SIGHUP, SIGINT, SIGTERM}) {
            ::signal(sig, SIG_DFL);
            sigaddset(&set, sig);
        }
        ::sigprocmask(SIG_UNBLOCK, &set, nullptr);
        int code = 2;
        try {
            code = body();
        } catch (...) {
        }
        ::_exit(code);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return status;
}

QString describeStatus(int status) {
    if (status == -1)
        return QStringLiteral("fork failed");
    if (WIFSIGNALED(status))
        return QStringLiteral("killed by signal %1").arg(WTERMSIG(status));
    return QStringLiteral("exited with status %1").arg(WEXITSTATUS(status));
}

bool diedOf(int status, int sig) {
    return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == sig;
}

volatile sig_atomic_t g_ownHandlerRan = 0;

#define SKIP_UNLESS_ROOT(what)                                                                     \
    if (::geteuid() != 0)                                                                          \
    QSKIP("needs root to " what " (CI runs the tests as root)")

} // namespace

class TestOutputFile : public QObject {
    Q_OBJECT

private slots:
    void replacesThroughTemporary();
    void newFileMode();
    void keepsPermissions();
    void abortLeavesNothing();
    void symlinkToRegularFile();
    void refusesInput_data();
    void refusesInput();
    void refusesStdoutOntoInput();
    void refusesDirectoryAndDanglingLink();
    void fifoWithReader();
    void deviceNode();
    void brokenPipe();
    void fullFileSystem();
    void finishedObjectThrows();
    void signalRemovesTemporaries_data();
    void signalRemovesTemporaries();
    void otherDispositionsStay();
    void signalRegistryLimit();
};

// Until commit() the old contents stay under the name and the new ones are in a hidden
// temporary in the same directory; after it, only the new file.
void TestOutputFile::replacesThroughTemporary() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("out.bin"));
    QVERIFY(writeFile(target, "old contents"));
    const QByteArray data = pattern(3 << 20);
    {
        OutputFile out(target);
        out.write(data.left(1000));
        out.write(data.mid(1000));
        QCOMPARE(readFile(target), QByteArray("old contents"));
        const QStringList during = entriesOf(dir.path());
        QCOMPARE(during.size(), 2);
        const QString temp = during.at(0);
        QVERIFY2(temp.startsWith(QLatin1String(".out.bin.")) &&
                     temp.endsWith(QLatin1String(".part")),
                 qPrintable(temp));
        out.commit();
    }
    QCOMPARE(readFile(target), data);
    QCOMPARE(entriesOf(dir.path()), QStringList{QStringLiteral("out.bin")});
}

void TestOutputFile::newFileMode() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("new"));
    const mode_t old = ::umask(027);
    const auto restore = qScopeGuard([old] { ::umask(old); });
    writeOutputFile(target, "x");
    QCOMPARE(lstatOf(target).st_mode & 07777, mode_t(0640)); // 0666 & ~027, not mkstemp's 0600
    ::umask(0);
    writeOutputFile(dir.filePath(QStringLiteral("new2")), "x");
    QCOMPARE(lstatOf(dir.filePath(QStringLiteral("new2"))).st_mode & 07777, mode_t(0666));
}

void TestOutputFile::keepsPermissions() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("kept"));
    QVERIFY(writeFile(target, "old"));
    QCOMPARE(::chmod(QFile::encodeName(target).constData(), 0604), 0);
    const ino_t oldInode = lstatOf(target).st_ino;
    writeOutputFile(target, "new contents");
    QCOMPARE(readFile(target), QByteArray("new contents"));
    QCOMPARE(lstatOf(target).st_mode & 07777, mode_t(0604));
    QVERIFY(lstatOf(target).st_ino != oldInode); // replaced, not rewritten in place

    // Root replacing another user's file leaves it theirs, set-group-ID bit included.
    if (::geteuid() != 0)
        return;
    QCOMPARE(::chown(QFile::encodeName(target).constData(), 12345, 23456), 0);
    QCOMPARE(::chmod(QFile::encodeName(target).constData(), 02640), 0);
    writeOutputFile(target, "root wrote this");
    const struct stat st = lstatOf(target);
    QCOMPARE(st.st_uid, uid_t(12345));
    QCOMPARE(st.st_gid, gid_t(23456));
    QCOMPARE(st.st_mode & 07777, mode_t(02640));
}

// Without commit() (an exception in the writer, say) nothing changes: no new file, no temporary,
// an existing file byte for byte as it was.
void TestOutputFile::abortLeavesNothing() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString existing = dir.filePath(QStringLiteral("existing"));
    QVERIFY(writeFile(existing, "precious"));
    const QStringList before = entriesOf(dir.path());
    {
        OutputFile out(dir.filePath(QStringLiteral("fresh")));
        out.write(pattern(100000));
    }
    {
        OutputFile out(existing);
        out.write(pattern(100000));
    }
    QCOMPARE(entriesOf(dir.path()), before);
    QCOMPARE(readFile(existing), QByteArray("precious"));
}

// A link to a regular file: the file it points at is replaced, the link stays a link to it.
void TestOutputFile::symlinkToRegularFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("real")));
    const QString real = dir.filePath(QStringLiteral("real/file"));
    const QString link = dir.filePath(QStringLiteral("link"));
    QVERIFY(writeFile(real, "old"));
    QVERIFY(QFile::link(QStringLiteral("real/file"), link));
    writeOutputFile(link, "through the link");
    QVERIFY(S_ISLNK(lstatOf(link).st_mode));
    QCOMPARE(QFile::symLinkTarget(link), real);
    QCOMPARE(readFile(real), QByteArray("through the link"));
    QCOMPARE(entriesOf(dir.filePath(QStringLiteral("real"))), QStringList{QStringLiteral("file")});
    QCOMPARE(entriesOf(dir.path()), (QStringList{QStringLiteral("link"), QStringLiteral("real")}));
}

void TestOutputFile::refusesInput_data() {
    QTest::addColumn<QString>("form");
    QTest::addRow("same path") << QStringLiteral("same");
    QTest::addRow("./F") << QStringLiteral("dot");
    QTest::addRow("symbolic link") << QStringLiteral("symlink");
    QTest::addRow("link to a link") << QStringLiteral("symlink2");
    QTest::addRow("hard link") << QStringLiteral("hardlink");
}

// The output is the input under another name: refused before anything is created, the input's
// bytes unchanged, the message naming both and saying why.
void TestOutputFile::refusesInput() {
    QFETCH(QString, form);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = dir.filePath(QStringLiteral("input.sgy"));
    QVERIFY(writeFile(input, pattern(10000)));
    const QByteArray hash = sha256Of(input);
    QVERIFY(QFile::link(input, dir.filePath(QStringLiteral("sym"))));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("sym")), dir.filePath(QStringLiteral("sym2"))));
    QCOMPARE(::link(QFile::encodeName(input).constData(),
                    QFile::encodeName(dir.filePath(QStringLiteral("hard"))).constData()),
             0);
    const QString cwd = QDir::currentPath();
    const auto restore = qScopeGuard([cwd] { QDir::setCurrent(cwd); });
    QVERIFY(QDir::setCurrent(dir.path()));
    QString target;
    if (form == QLatin1String("same"))
        target = input;
    else if (form == QLatin1String("dot"))
        target = QStringLiteral("./input.sgy");
    else if (form == QLatin1String("symlink"))
        target = QStringLiteral("sym");
    else if (form == QLatin1String("symlink2"))
        target = QStringLiteral("sym2");
    else
        target = QStringLiteral("hard");
    const QStringList before = entriesOf(dir.path());

    const QString m = messageOf<IoError>([&] {
        OutputFile out(target, {.inputs = {input}});
        out.write("overwritten!");
        out.commit();
    });
    QVERIFY2(m.startsWith(target + QLatin1String(": ")), qPrintable(m));
    QVERIFY2(m.contains(QLatin1Char('\'') + input + QLatin1Char('\'')), qPrintable(m));
    QVERIFY2(m.contains(QLatin1String("never overwritten")), qPrintable(m));
    QCOMPARE(sha256Of(input), hash);
    QCOMPARE(entriesOf(dir.path()), before);

    // Another input, absent inputs and unrelated files do not stop a legitimate output.
    writeOutputFile(QStringLiteral("other"), "fine",
                    {.inputs = {dir.filePath(QStringLiteral("missing")), QStringLiteral("sym")}});
    QCOMPARE(readFile(QStringLiteral("other")), QByteArray("fine"));
}

// "-" with descriptor 1 redirected onto the input (`cmd F >> F`): refused.
void TestOutputFile::refusesStdoutOntoInput() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString input = dir.filePath(QStringLiteral("input.sgy"));
    QVERIFY(writeFile(input, pattern(1000)));
    const QByteArray hash = sha256Of(input);
    std::fflush(stdout);
    const int saved = ::dup(STDOUT_FILENO);
    QVERIFY(saved >= 0);
    const int fd = ::open(QFile::encodeName(input).constData(), O_WRONLY | O_APPEND);
    QVERIFY(fd >= 0);
    ::dup2(fd, STDOUT_FILENO);
    ::close(fd);
    const QString m = messageOf<IoError>([&] {
        OutputFile out(QStringLiteral("-"), {.inputs = {input}});
        out.write("appended!");
    });
    ::dup2(saved, STDOUT_FILENO); // the test log's stdout back before any check can print
    ::close(saved);
    QVERIFY2(m.startsWith(QLatin1String("standard output: ")) && m.contains(input) &&
                 m.contains(QLatin1String("never overwritten")),
             qPrintable(m));
    QCOMPARE(sha256Of(input), hash);
}

void TestOutputFile::refusesDirectoryAndDanglingLink() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QString m = messageOf<IoError>([&] { OutputFile out(dir.path()); });
    QVERIFY2(m.startsWith(dir.path() + QLatin1String(": ")) &&
                 m.contains(QString::fromLocal8Bit(std::strerror(EISDIR))),
             qPrintable(m));
    const QString dangling = dir.filePath(QStringLiteral("dangling"));
    QVERIFY(QFile::link(dir.filePath(QStringLiteral("nothing")), dangling));
    m = messageOf<IoError>([&] { OutputFile out(dangling); });
    QVERIFY2(m.startsWith(dangling + QLatin1String(": ")), qPrintable(m));
    const QString missingDir = dir.filePath(QStringLiteral("no such dir/out"));
    m = messageOf<IoError>([&] { OutputFile out(missingDir); });
    QVERIFY2(m.startsWith(missingDir + QLatin1String(": ")) &&
                 m.contains(QString::fromLocal8Bit(std::strerror(ENOENT))),
             qPrintable(m));
    QCOMPARE(entriesOf(dir.path()), QStringList{QStringLiteral("dangling")});
}

// A FIFO is streamed to in place: a reader gets every byte and the FIFO stays a FIFO.
void TestOutputFile::fifoWithReader() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const QByteArray data = pattern(5 << 20); // far more than a pipe holds
    FifoReader reader(fifo);
    {
        OutputFile out(fifo);
        out.write(data.left(12345));
        out.write(data.mid(12345));
        out.commit();
    }
    QCOMPARE(reader.bytes(), data);
    QVERIFY(S_ISFIFO(lstatOf(fifo).st_mode));
    QCOMPARE(entriesOf(dir.path()), QStringList{QStringLiteral("fifo")});
}

// Device nodes made in the test's own tmpfs: a null device (1,3) takes the bytes and stays that
// device, also through a link; a full device (1,7) makes the write fail with ENOSPC.
void TestOutputFile::deviceNode() {
    SKIP_UNLESS_ROOT("mount a tmpfs and mknod device nodes");
    TmpfsMount fs("1M");
    QVERIFY2(fs.mounted(), qPrintable(fs.error()));
    const QString null = fs.path(QStringLiteral("null"));
    const QString full = fs.path(QStringLiteral("full"));
    QCOMPARE(::mknod(QFile::encodeName(null).constData(), S_IFCHR | 0666, makedev(1, 3)), 0);
    QCOMPARE(::mknod(QFile::encodeName(full).constData(), S_IFCHR | 0666, makedev(1, 7)), 0);
    QVERIFY(QFile::link(null, fs.path(QStringLiteral("link"))));

    for (const QString& target : {null, fs.path(QStringLiteral("link"))}) {
        OutputFile out(target);
        out.write(pattern(3 << 20));
        out.commit();
    }
    struct stat st = lstatOf(null);
    QVERIFY(S_ISCHR(st.st_mode));
    QCOMPARE(st.st_rdev, makedev(1, 3));
    QVERIFY(S_ISLNK(lstatOf(fs.path(QStringLiteral("link"))).st_mode));

    const QString m = messageOf<IoError>([&] {
        OutputFile out(full);
        out.write(pattern(100));
        out.commit();
    });
    QVERIFY2(m.startsWith(full + QLatin1String(": ")) &&
                 m.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
             qPrintable(m));
    st = lstatOf(full);
    QVERIFY(S_ISCHR(st.st_mode));
    QCOMPARE(st.st_rdev, makedev(1, 7));
    QCOMPARE(entriesOf(fs.path()),
             (QStringList{QStringLiteral("full"), QStringLiteral("link"), QStringLiteral("null")}));
}

// A pipe whose reader has gone: EPIPE as an IoError, and the process is still here (SIGPIPE
// is held off by OutputFile, not by this test).
void TestOutputFile::brokenPipe() {
    int fds[2];
    QCOMPARE(::pipe(fds), 0);
    const QString writeEnd = QStringLiteral("/proc/self/fd/%1").arg(fds[1]);
    std::optional<OutputFile> out;
    out.emplace(writeEnd); // a pipe: streamed (opening needs the reader, still there)
    ::close(fds[0]);
    const QString m = messageOf<IoError>([&] { out->write(pattern(1 << 20)); });
    ::close(fds[1]);
    QVERIFY2(m.startsWith(writeEnd + QLatin1String(": ")) &&
                 m.contains(QString::fromLocal8Bit(std::strerror(EPIPE))),
             qPrintable(m));
    sigset_t pending;
    sigpending(&pending);
    QVERIFY(!sigismember(&pending, SIGPIPE)); // the signal the write raised was discarded
}

// A full file system: the write fails with the path and ENOSPC, the old file is unchanged and no
// temporary is left; a new file is not created.
void TestOutputFile::fullFileSystem() {
    SKIP_UNLESS_ROOT("mount a tmpfs");
    TmpfsMount fs("2M");
    QVERIFY2(fs.mounted(), qPrintable(fs.error()));
    const QString keep = fs.path(QStringLiteral("keep.csv"));
    const QByteArray old("fldr\n1\n2\n3\n");
    QVERIFY(writeFile(keep, old));
    QVERIFY(fillUp(fs.path(QStringLiteral("fill"))));
    const QStringList before = entriesOf(fs.path());

    for (const QString& target : {keep, fs.path(QStringLiteral("new.csv"))}) {
        const QString m = messageOf<IoError>([&] {
            OutputFile out(target);
            out.write(pattern(64 << 10));
            out.commit();
        });
        QVERIFY2(m.startsWith(target + QLatin1String(": ")) &&
                     m.contains(QString::fromLocal8Bit(std::strerror(ENOSPC))),
                 qPrintable(m));
        QCOMPARE(readFile(keep), old);
        QCOMPARE(entriesOf(fs.path()), before);
    }
}

void TestOutputFile::finishedObjectThrows() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("once"));
    OutputFile out(target);
    out.write("a");
    out.commit();
    QVERIFY(!messageOf<IoError>([&] { out.write("b"); }).startsWith(QLatin1String("FAIL")));
    QVERIFY(!messageOf<IoError>([&] { out.commit(); }).startsWith(QLatin1String("FAIL")));
    QCOMPARE(readFile(target), QByteArray("a"));
}

void TestOutputFile::signalRemovesTemporaries_data() {
    QTest::addColumn<int>("sig");
    QTest::addRow("SIGINT") << SIGINT;
    QTest::addRow("SIGTERM") << SIGTERM;
    QTest::addRow("SIGHUP") << SIGHUP;
}

// A child with two outputs being written (a new one named relative to a working directory it
// then leaves, and one replacing an existing file) raises the signal: it dies of that signal,
// and the directory is as it was, the old file byte for byte.
void TestOutputFile::signalRemovesTemporaries() {
    QFETCH(int, sig);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString existing = dir.filePath(QStringLiteral("existing"));
    QVERIFY(writeFile(existing, "precious"));
    const QStringList before = entriesOf(dir.path());
    const QByteArray local = QFile::encodeName(dir.path());
    const int status = inChild([&] {
        removeTemporaryOutputsOnSignals();
        if (::chdir(local.constData()) != 0)
            return 3;
        OutputFile fresh(QStringLiteral("fresh"));
        OutputFile old(existing);
        fresh.write(pattern(1 << 20));
        old.write(pattern(1 << 20));
        if (temporariesIn(entriesOf(dir.path())).size() != 2)
            return 4;
        // The handler must not depend on the working directory.
        if (::chdir("/") != 0)
            return 3;
        ::raise(sig);
        return 5; // survived the signal
    });
    QVERIFY2(diedOf(status, sig), qPrintable(describeStatus(status)));
    QCOMPARE(entriesOf(dir.path()), before);
    QCOMPARE(readFile(existing), QByteArray("precious"));
}

// An ignored signal stays ignored and the program's own handler stays in place: neither removes
// the temporary, the output is then committed normally; a signal left at its default is still
// covered.
void TestOutputFile::otherDispositionsStay() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("target"));
    const int status = inChild([&] {
        ::signal(SIGHUP, SIG_IGN);
        ::signal(SIGTERM, [](int) { g_ownHandlerRan = 1; });
        removeTemporaryOutputsOnSignals();
        OutputFile out(target);
        out.write("new contents");
        ::raise(SIGHUP);
        ::raise(SIGTERM);
        if (!g_ownHandlerRan)
            return 3;
        if (temporariesIn(entriesOf(dir.path())).size() != 1)
            return 4;
        out.commit();
        OutputFile second(dir.filePath(QStringLiteral("second")));
        second.write("x");
        ::raise(SIGINT);
        return 5; // survived SIGINT
    });
    QVERIFY2(diedOf(status, SIGINT), qPrintable(describeStatus(status)));
    QCOMPARE(entriesOf(dir.path()), QStringList{QStringLiteral("target")});
    QCOMPARE(readFile(target), QByteArray("new contents"));
}

// Slots are given back: twice as many outputs as slots, one after the other, then one more than
// the slots at once: a signal removes all but the last, which is not covered (as documented).
void TestOutputFile::signalRegistryLimit() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    constexpr int kSlots = kSignalCoveredTemporaries;
    const int status = inChild([&] {
        removeTemporaryOutputsOnSignals();
        for (int i = 0; i < 2 * kSlots; ++i)
            writeOutputFile(dir.filePath(QStringLiteral("done%1").arg(i)), "x");
        std::vector<std::unique_ptr<OutputFile>> open;
        for (int i = 0; i <= kSlots; ++i)
            open.push_back(
                std::make_unique<OutputFile>(dir.filePath(QStringLiteral("open%1").arg(i))));
        ::raise(SIGTERM);
        return 5;
    });
    QVERIFY2(diedOf(status, SIGTERM), qPrintable(describeStatus(status)));
    const QStringList entries = entriesOf(dir.path());
    const QStringList left = temporariesIn(entries);
    QCOMPARE(left.size(), 1);
    QVERIFY2(left.front().startsWith(QStringLiteral(".open%1.").arg(kSlots)),
             qPrintable(left.front()));
    QCOMPARE(entries.size(), 2 * kSlots + 1);
}

QTEST_GUILESS_MAIN(TestOutputFile)
#include "tst_outputfile.moc"
