#include "seis/base/outputfile.h"

#include "seis/base/error.h"
#include "temporaryoutputs.h"

#include <QFile>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <optional>
#include <vector>

namespace seis {

namespace {

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

struct InputId {
    QString name;
    struct stat st;
};

// The inputs that exist, as stat() sees them (following links).
std::vector<InputId> statInputs(const QStringList& inputs) {
    std::vector<InputId> ids;
    for (const QString& input : inputs) {
        InputId id{input, {}};
        if (::stat(QFile::encodeName(input).constData(), &id.st) == 0)
            ids.push_back(id);
    }
    return ids;
}

// The input `target` is, or null.
const InputId* sameAsInput(const struct stat& target, const std::vector<InputId>& inputs) {
    for (const InputId& in : inputs) {
        if (in.st.st_dev == target.st_dev && in.st.st_ino == target.st_ino)
            return &in;
        if (S_ISBLK(in.st.st_mode) && S_ISBLK(target.st_mode) && in.st.st_rdev == target.st_rdev)
            return &in;
    }
    return nullptr;
}

QString refusal(const InputId& input) {
    return QStringLiteral("refusing to write the output onto the input file '%1' (the same file); "
                          "the source is never overwritten")
        .arg(input.name);
}

// The permission bits a new file gets: 0666 & ~umask. Read from /proc (umask() itself can only
// be read by changing it, which would race with other threads creating files).
mode_t newFileMode() {
    mode_t mask = 022;
    bool found = false;
    if (FILE* f = std::fopen("/proc/self/status", "re")) {
        char line[256];
        while (std::fgets(line, sizeof line, f)) {
            if (std::strncmp(line, "Umask:", 6) == 0) {
                mask = static_cast<mode_t>(std::strtoul(line + 6, nullptr, 8));
                found = true;
                break;
            }
        }
        std::fclose(f);
    }
    if (!found) {
        mask = ::umask(022);
        ::umask(mask);
    }
    return 0666 & ~mask;
}

// Blocks SIGPIPE in the calling thread while it lives, so a write to a closed pipe fails with
// EPIPE instead of ending the process; the SIGPIPE such a write raises is discarded on the way
// out (unless one was already pending before).
class SigpipeGuard {
public:
    SigpipeGuard() {
        sigemptyset(&m_pipe);
        sigaddset(&m_pipe, SIGPIPE);
        sigset_t pending;
        sigpending(&pending);
        m_wasPending = sigismember(&pending, SIGPIPE) == 1;
        pthread_sigmask(SIG_BLOCK, &m_pipe, &m_old);
    }
    ~SigpipeGuard() {
        if (!m_wasPending) {
            sigset_t pending;
            sigpending(&pending);
            if (sigismember(&pending, SIGPIPE) == 1) {
                const timespec zero{0, 0};
                while (sigtimedwait(&m_pipe, nullptr, &zero) == -1 && errno == EINTR) {
                }
            }
        }
        pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
    }
    SigpipeGuard(const SigpipeGuard&) = delete;
    SigpipeGuard& operator=(const SigpipeGuard&) = delete;

private:
    sigset_t m_pipe;
    sigset_t m_old;
    bool m_wasPending = false;
};

} // namespace

OutputFile::OutputFile(const QString& path, OutputOptions options)
    : m_name(path == QLatin1String("-") ? QStringLiteral("standard output") : path)
    , m_options(std::move(options)) {
    if (path.isEmpty())
        fail(QStringLiteral("an empty output file name"), 0);
    const std::vector<InputId> inputs = statInputs(m_options.inputs);
    struct stat st;

    if (path == QLatin1String("-")) {
        m_kind = Kind::Stdout;
        if (::fstat(STDOUT_FILENO, &st) != 0)
            fail(QStringLiteral("cannot be written"), errno);
        if (const InputId* in = sameAsInput(st, inputs))
            fail(refusal(*in), 0);
        // Whatever the program printed through stdio so far goes first.
        std::fflush(stdout);
        m_fd = STDOUT_FILENO;
        return;
    }

    const QByteArray local = QFile::encodeName(path);
    const bool exists = ::stat(local.constData(), &st) == 0;
    if (!exists) {
        const int error = errno;
        struct stat link;
        if (error == ENOENT && ::lstat(local.constData(), &link) == 0 && S_ISLNK(link.st_mode))
            fail(QStringLiteral("is a symbolic link to a file that does not exist"), 0);
        if (error != ENOENT)
            fail(QStringLiteral("cannot examine the output"), error);
    } else {
        if (const InputId* in = sameAsInput(st, inputs))
            fail(refusal(*in), 0);
        if (S_ISDIR(st.st_mode))
            fail(QStringLiteral("cannot write the output"), EISDIR);
    }

    if (exists && !S_ISREG(st.st_mode)) {
        // A device, FIFO, socket or terminal: stream to it in place.
        m_kind = Kind::Stream;
        do
            m_fd = ::open(local.constData(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
        while (m_fd < 0 && errno == EINTR);
        if (m_fd < 0)
            fail(QStringLiteral("cannot open the output"), errno);
        // What was opened may not be what was examined (replaced in between).
        struct stat opened;
        if (::fstat(m_fd, &opened) != 0)
            fail(QStringLiteral("cannot examine the output"), errno);
        if (const InputId* in = sameAsInput(opened, inputs))
            fail(refusal(*in), 0);
        if (S_ISREG(opened.st_mode))
            fail(QStringLiteral("became a regular file while it was being opened"), 0);
        return;
    }

    // A regular file or nothing yet: a temporary file next to the target, renamed over it.
    m_kind = Kind::Replace;
    // A file its owner made read-only is not replaced behind their back (as QSaveFile did).
    if (exists && ::faccessat(AT_FDCWD, local.constData(), W_OK, AT_EACCESS) != 0)
        fail(QStringLiteral("cannot write the output"), errno);
    if (exists) {
        char* resolved = ::realpath(local.constData(), nullptr);
        if (!resolved)
            fail(QStringLiteral("cannot resolve the output path"), errno);
        m_target = resolved;
        std::free(resolved);
    } else {
        m_target = local;
    }
    const qsizetype slash = m_target.lastIndexOf('/');
    m_dir = slash < 0 ? QByteArray(".") : slash == 0 ? QByteArray("/") : m_target.left(slash);
    // A hidden name that never is the output's; shortened to stay within NAME_MAX.
    const QByteArray base = m_target.mid(slash + 1).left(200);
    QByteArray pattern = m_dir + "/." + base + ".XXXXXX.part";
    {
        // From its creation on, a terminating signal removes the temporary (when the program
        // asked for that): created and registered with those signals held off in this thread.
        temporaryoutputs::Creation creation;
        if (creation.interrupted())
            fail(QStringLiteral("not created: the program is being ended by a signal"), 0);
        m_fd = ::mkostemps(pattern.data(), 5, O_CLOEXEC);
        if (m_fd < 0) {
            const int error = errno; // before anything else can change it
            fail(QStringLiteral("cannot create a temporary file in '%1'")
                     .arg(QFile::decodeName(m_dir)),
                 error);
        }
        m_temp = pattern;
        m_signalSlot = creation.publish(m_temp);
    }
    if (exists) {
        // The owner first: changing it may clear set-user-ID bits that fchmod then restores.
        // Only root may give a file away; elsewhere the new file is the writer's, as any
        // editor's would be.
        if (st.st_uid != ::geteuid() || st.st_gid != ::getegid())
            (void)::fchown(m_fd, st.st_uid, st.st_gid);
        if (::fchmod(m_fd, st.st_mode & 07777) != 0)
            fail(QStringLiteral("cannot set the permissions of the temporary file"), errno);
    } else if (::fchmod(m_fd, newFileMode()) != 0) {
        fail(QStringLiteral("cannot set the permissions of the temporary file"), errno);
    }
}

OutputFile::~OutputFile() {
    if (!m_done)
        abort();
}

void OutputFile::abort() noexcept {
    if (m_fd >= 0 && m_fd != STDOUT_FILENO)
        ::close(m_fd);
    m_fd = -1;
    if (!m_temp.isEmpty())
        ::unlink(m_temp.constData());
    m_temp.clear();
    // After the unlink: a signal in between removes a name that is already gone, harmlessly.
    temporaryoutputs::release(m_signalSlot);
    m_signalSlot = -1;
}

void OutputFile::fail(const QString& what, int error) {
    abort();
    m_done = true;
    throw IoError(m_name, error ? QStringLiteral("%1: %2").arg(what, systemError(error)) : what);
}

void OutputFile::write(const char* data, qint64 size) {
    if (m_done || m_fd < 0)
        throw IoError(m_name, QStringLiteral("write after the output was finished or failed"));
    std::optional<SigpipeGuard> guard;
    if (m_kind != Kind::Replace)
        guard.emplace();
    while (size > 0) {
        const auto chunk = static_cast<std::size_t>(std::min<qint64>(size, qint64(1) << 30));
        const ssize_t n = ::write(m_fd, data, chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail(QStringLiteral("write failed"), errno);
        }
        if (n == 0)
            fail(QStringLiteral("write failed: no bytes were taken"), 0);
        data += n;
        size -= n;
    }
}

void OutputFile::commit() {
    if (m_done || m_fd < 0)
        throw IoError(m_name, QStringLiteral("commit after the output was finished or failed"));
    if (m_kind == Kind::Stdout) {
        // Unbuffered: every write was checked. The program checks descriptor 1 at exit.
        m_fd = -1;
        m_done = true;
        return;
    }
    if (::fsync(m_fd) != 0) {
        const int error = errno;
        // Pipes, terminals and character devices may not support syncing; that is no failure.
        if (m_kind == Kind::Replace || (error != EINVAL && error != ENOTSUP && error != EOPNOTSUPP))
            fail(QStringLiteral("cannot sync the output to disk"), error);
    }
    const int fd = m_fd;
    m_fd = -1;
    // On Linux the descriptor is released even when close() fails, EINTR included.
    if (::close(fd) != 0 && errno != EINTR)
        fail(QStringLiteral("cannot close the output"), errno);
    if (m_kind == Kind::Stream) {
        m_done = true;
        return;
    }

    // The target may have changed since the constructor looked: it must still not be an input.
    struct stat st;
    if (::stat(m_target.constData(), &st) == 0)
        if (const InputId* in = sameAsInput(st, statInputs(m_options.inputs)))
            fail(refusal(*in), 0);
    if (::rename(m_temp.constData(), m_target.constData()) != 0) {
        const int error = errno; // before the message is built: that may change errno
        fail(QStringLiteral("cannot rename the temporary file '%1' over the output")
                 .arg(QFile::decodeName(m_temp)),
             error);
    }
    m_temp.clear();
    // After the rename, for the same reason as in abort().
    temporaryoutputs::release(m_signalSlot);
    m_signalSlot = -1;
    m_done = true;
    // The rename itself must reach the disk too.
    const int dir = ::open(m_dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int error = dir < 0 ? errno : 0;
    if (dir >= 0) {
        if (::fsync(dir) != 0 && errno != EINVAL)
            error = errno;
        ::close(dir);
    }
    if (error)
        throw IoError(m_name, QStringLiteral("written, but its directory '%1' cannot be synced: %2")
                                  .arg(QFile::decodeName(m_dir), systemError(error)));
}

void writeOutputFile(const QString& path, const QByteArray& bytes, OutputOptions options) {
    OutputFile file(path, std::move(options));
    file.write(bytes);
    file.commit();
}

} // namespace seis
