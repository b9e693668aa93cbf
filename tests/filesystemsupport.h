// File-system helpers for the output-safety tests (tst_outputfile, tst_clisafety): a tmpfs the
// test mounts itself, filling a file system up, reading a FIFO on another thread, and small file
// utilities. Header-only; mounting needs root.
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <thread>

namespace seis::testsupport {

inline QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

inline bool writeFile(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline QByteArray sha256Of(const QString& path) {
    return QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256).toHex();
}

// Everything in `dir`, hidden files included, sorted by name.
inline QStringList entriesOf(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System, QDir::Name);
}

// The hidden temporaries of seis::OutputFile (".NAME.XXXXXX.part") among `entries`.
inline QStringList temporariesIn(const QStringList& entries) {
    QStringList parts;
    for (const QString& e : entries)
        if (e.startsWith(QLatin1Char('.')) && e.endsWith(QLatin1String(".part")))
            parts << e;
    return parts;
}

// lstat() of `path` (zeroed if it fails).
inline struct stat lstatOf(const QString& path) {
    struct stat st {};
    ::lstat(QFile::encodeName(path).constData(), &st);
    return st;
}

// A tmpfs of `size` (mount's syntax: "2M") mounted on a fresh temporary directory for the
// object's lifetime (device nodes work there even where /tmp is mounted nodev); unmounted on
// every way out, a failed check included.
class TmpfsMount {
public:
    explicit TmpfsMount(const char* size) {
        if (!m_dir.isValid())
            return;
        const QByteArray options = QByteArray("size=") + size;
        m_mounted = ::mount("tmpfs", QFile::encodeName(m_dir.path()).constData(), "tmpfs", 0,
                            options.constData()) == 0;
        if (!m_mounted)
            m_error = QStringLiteral("cannot mount a tmpfs on %1: %2")
                          .arg(m_dir.path(), QString::fromLocal8Bit(std::strerror(errno)));
    }
    ~TmpfsMount() {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_dir.path()).constData(), MNT_DETACH);
    }
    TmpfsMount(const TmpfsMount&) = delete;
    TmpfsMount& operator=(const TmpfsMount&) = delete;
    bool mounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString path(const QString& name = {}) const {
        return name.isEmpty() ? m_dir.path() : m_dir.filePath(name);
    }

private:
    QTemporaryDir m_dir;
    bool m_mounted = false;
    QString m_error;
};

// Writes to `path` until its file system is full (ENOSPC on a single byte). True if it got there.
inline bool fillUp(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return false;
    const QByteArray block(65536, 'x');
    bool full = false;
    for (qsizetype chunk = block.size(); !full;) {
        const ssize_t n = ::write(fd, block.constData(), static_cast<std::size_t>(chunk));
        if (n < 0 && errno == ENOSPC) {
            full = chunk == 1;
            chunk = std::max<qsizetype>(1, chunk / 16);
        } else if (n < 0 && errno != EINTR) {
            break;
        }
    }
    ::close(fd);
    return full;
}

// Reads everything from the FIFO `path` on a thread of its own, from construction until the last
// writer closes it. bytes() waits for that; if no writer ever came (the writer failed first, or
// replaced the FIFO by a regular file), it opens and closes the FIFO for writing itself so the
// reader sees the end instead of hanging. Both ends are opened through an O_PATH descriptor taken
// at construction, so they reach this FIFO even after its name was unlinked or replaced.
class FifoReader {
public:
    explicit FifoReader(const QString& path)
        : m_fd(::open(QFile::encodeName(path).constData(), O_PATH | O_CLOEXEC))
        , m_proc(QByteArray("/proc/self/fd/") + QByteArray::number(m_fd))
        , m_thread([this] {
            const int fd = m_fd < 0 ? -1 : ::open(m_proc.constData(), O_RDONLY | O_CLOEXEC);
            if (fd >= 0) {
                char buf[65536];
                ssize_t n;
                while ((n = ::read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
                    if (n > 0)
                        m_bytes.append(buf, n);
                ::close(fd);
            }
            m_done = true;
        }) {}
    ~FifoReader() {
        bytes();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    FifoReader(const FifoReader&) = delete;
    FifoReader& operator=(const FifoReader&) = delete;

    // Call once the writer has finished or failed.
    QByteArray bytes() {
        while (!m_done) {
            const int fd = ::open(m_proc.constData(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
            if (fd >= 0)
                ::close(fd);
            else
                ::usleep(10000); // the reader is not in open() yet
        }
        if (m_thread.joinable())
            m_thread.join();
        return m_bytes;
    }

private:
    int m_fd; // O_PATH
    QByteArray m_proc;
    QByteArray m_bytes;
    std::atomic<bool> m_done{false};
    std::thread m_thread;
};

} // namespace seis::testsupport
