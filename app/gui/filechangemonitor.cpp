#include "filechangemonitor.h"

#include <QDateTime>
#include <QDir>
#include <QFile>

#include <sys/stat.h>

namespace seis::gui {

FileChangeMonitor::FileChangeMonitor(QObject* parent, int intervalMs)
    : QObject(parent) {
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, &FileChangeMonitor::check);
}

void FileChangeMonitor::watch(const QString& path) {
    m_path = path;
    if (path.isEmpty()) {
        m_timer.stop();
        return;
    }
    m_opened = stat();
    m_reported = m_opened;
    m_timer.start();
}

bool FileChangeMonitor::check() {
    if (m_path.isEmpty())
        return false;
    const State now = stat();
    if (now == m_opened)
        return false;
    if (!(now == m_reported)) {
        m_reported = now;
        emit changed(m_path, describe(now));
    }
    return true;
}

FileChangeMonitor::State FileChangeMonitor::stat() const {
    struct stat st {};
    State s;
    if (::stat(QFile::encodeName(m_path).constData(), &st) != 0)
        return s;
    s.exists = true;
    s.size = st.st_size;
    s.mtimeNs = qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    s.device = st.st_dev;
    s.inode = st.st_ino;
    return s;
}

QString FileChangeMonitor::describe(const State& now) const {
    const QString name = QDir::toNativeSeparators(m_path);
    if (!now.exists)
        return tr("%1 has been deleted or renamed since it was opened.").arg(name);
    if (now.size < m_opened.size)
        return tr("%1 has shrunk since it was opened: it is now %2 bytes, it was %3 bytes.")
            .arg(name)
            .arg(now.size)
            .arg(m_opened.size);
    if (now.size > m_opened.size)
        return tr("%1 has grown since it was opened: it is now %2 bytes, it was %3 bytes.")
            .arg(name)
            .arg(now.size)
            .arg(m_opened.size);
    const QString when = QDateTime::fromMSecsSinceEpoch(now.mtimeNs / 1000000)
                             .toString(QStringLiteral("yyyy-MM-dd hh:mm:ss"));
    if (now.inode != m_opened.inode || now.device != m_opened.device)
        return tr("%1 has been replaced by another file (modified %2) since it was opened.")
            .arg(name, when);
    return tr("%1 has been rewritten since it was opened (modified %2, %3 bytes).")
        .arg(name, when)
        .arg(now.size);
}

} // namespace seis::gui
