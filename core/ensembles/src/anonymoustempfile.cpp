#include "anonymoustempfile.h"

#include "seis/base/error.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace seis::detail {

namespace {

QString systemText(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

} // namespace

AnonymousTempFile::AnonymousTempFile(const QString& directory)
    : m_directory(directory.isEmpty() ? QDir::tempPath() : directory) {
    const QByteArray dir = QFile::encodeName(m_directory);
#ifdef O_TMPFILE
    m_fd = ::open(dir.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
    if (m_fd < 0) { // no O_TMPFILE here: a unique name, removed at once
        QByteArray pattern = dir + "/seisview-sort-XXXXXX";
        m_fd = ::mkstemp(pattern.data());
        if (m_fd >= 0)
            ::unlink(pattern.constData());
    }
    if (m_fd < 0)
        throw IoError(m_directory,
                      QStringLiteral("cannot create a temporary file for sorting: %1 (expected a "
                                     "writable directory)")
                          .arg(systemText(errno)));
}

AnonymousTempFile::~AnonymousTempFile() {
    if (m_map)
        ::munmap(m_map, static_cast<size_t>(m_mapBytes));
    if (m_fd >= 0)
        ::close(m_fd);
}

void AnonymousTempFile::write(qint64 offset, const void* data, qint64 bytes) {
    const char* p = static_cast<const char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pwrite(m_fd, p, static_cast<size_t>(bytes), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw IoError(m_directory,
                          QStringLiteral("cannot write %1 bytes at offset %2 of the sort's "
                                         "temporary file: %3")
                              .arg(bytes)
                              .arg(offset)
                              .arg(n < 0 ? systemText(errno) : QStringLiteral("nothing written")));
        p += n;
        offset += n;
        bytes -= n;
    }
}

void AnonymousTempFile::read(qint64 offset, void* data, qint64 bytes) const {
    char* p = static_cast<char*>(data);
    while (bytes > 0) {
        const ssize_t n = ::pread(m_fd, p, static_cast<size_t>(bytes), offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            throw IoError(m_directory,
                          QStringLiteral("cannot read %1 bytes at offset %2 of the sort's "
                                         "temporary file: %3")
                              .arg(bytes)
                              .arg(offset)
                              .arg(n < 0 ? systemText(errno) : QStringLiteral("end of file")));
        p += n;
        offset += n;
        bytes -= n;
    }
}

const char* AnonymousTempFile::map(qint64 bytes) {
    if (bytes <= 0)
        return nullptr;
    void* m = ::mmap(nullptr, static_cast<size_t>(bytes), PROT_READ, MAP_SHARED, m_fd, 0);
    if (m == MAP_FAILED)
        throw IoError(m_directory, QStringLiteral("cannot map the sort's temporary file of %1 "
                                                  "bytes: %2")
                                       .arg(bytes)
                                       .arg(systemText(errno)));
    m_map = m;
    m_mapBytes = bytes;
    return static_cast<const char*>(m);
}

} // namespace seis::detail
