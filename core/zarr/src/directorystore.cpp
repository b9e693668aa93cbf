#include "seis/zarr/directorystore.h"

#include "seis/base/error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace seis::zarr {

namespace {

QString systemError(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

// The process's umask without changing it (umask() sets it: racy with other threads creating
// files): Linux reports it in /proc/self/status; 022 where it does not.
mode_t processUmask() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (status.open(QIODevice::ReadOnly))
        for (const QByteArray& line : status.readAll().split('\n'))
            if (line.startsWith("Umask:")) {
                bool ok = false;
                const uint mask = line.mid(6).trimmed().toUInt(&ok, 8);
                if (ok)
                    return mode_t(mask & 0777);
            }
    return 022;
}

} // namespace

DirectoryStore::DirectoryStore(const QString& target)
    : m_target(target) {
    const QFileInfo info(target);
    if (info.exists() || info.isSymLink())
        throw ArgumentError(target, QStringLiteral("already exists; expected a new store name "
                                                   "(a store is never written over another)"));
    const QString parent = info.absolutePath();
    QByteArray templ = QFile::encodeName(parent + QStringLiteral("/.") + info.fileName() +
                                         QStringLiteral(".part-XXXXXX")); // mkdtemp: X last
    if (!::mkdtemp(templ.data())) {
        const int error = errno;
        throw IoError(target, QStringLiteral("cannot create a temporary directory in '%1': %2")
                                  .arg(parent, systemError(error)));
    }
    m_temp = QFile::decodeName(templ);
    // mkdtemp makes it 0700; a store is as readable as any new folder (0777 & ~umask).
    ::chmod(templ.constData(), 0777 & ~processUmask());
}

DirectoryStore::~DirectoryStore() {
    if (!m_done)
        abort();
}

void DirectoryStore::write(const QString& key, const QByteArray& bytes) const {
    const QString path = m_temp + QLatin1Char('/') + key;
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        throw IoError(m_target, QStringLiteral("cannot create the folder of '%1'").arg(key));
    const int fd =
        ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
        const int error = errno;
        throw IoError(m_target,
                      QStringLiteral("cannot create '%1': %2").arg(key, systemError(error)));
    }
    const char* p = bytes.constData();
    qint64 left = bytes.size();
    int error = 0;
    while (left > 0) {
        const ssize_t n = ::write(fd, p, std::size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            error = n < 0 ? errno : EIO;
            break;
        }
        p += n;
        left -= n;
    }
    if (::close(fd) != 0 && !error)
        error = errno;
    if (error)
        throw IoError(m_target,
                      QStringLiteral("cannot write '%1': %2").arg(key, systemError(error)));
    m_bytes.fetch_add(bytes.size(), std::memory_order_relaxed);
}

void DirectoryStore::commit() {
    if (m_done)
        throw ArgumentError(m_target, QStringLiteral("commit after the store was finished"));
    if (QFileInfo::exists(m_target) || QFileInfo(m_target).isSymLink())
        throw ArgumentError(m_target, QStringLiteral("appeared while the store was written; "
                                                     "expected a new store name"));
    // One sync of the file system for every file and folder written (syncfs reports the
    // write-back errors of any of them), instead of one fsync per chunk on the workers.
    const int temp =
        ::open(QFile::encodeName(m_temp).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (temp < 0 || ::syncfs(temp) != 0) {
        const int error = errno;
        if (temp >= 0)
            ::close(temp);
        throw IoError(
            m_target,
            QStringLiteral("cannot sync the store's files to disk: %1").arg(systemError(error)));
    }
    ::close(temp);
    // RENAME_NOREPLACE: a directory that appeared under the name since the check above is not
    // replaced (rename() would replace an empty one).
    if (::renameat2(AT_FDCWD, QFile::encodeName(m_temp).constData(), AT_FDCWD,
                    QFile::encodeName(m_target).constData(), RENAME_NOREPLACE) != 0) {
        const int error = errno;
        throw IoError(m_target, QStringLiteral("cannot rename the temporary directory '%1' to "
                                               "the store: %2")
                                    .arg(m_temp, systemError(error)));
    }
    m_done = true;
    const int dir = ::open(QFile::encodeName(QFileInfo(m_target).absolutePath()).constData(),
                           O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

void DirectoryStore::abort() noexcept {
    if (m_done)
        return;
    m_done = true;
    try {
        QDir(m_temp).removeRecursively();
    } catch (...) {
    }
}

} // namespace seis::zarr
