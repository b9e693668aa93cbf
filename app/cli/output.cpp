#include "output.h"

#include <seis/segyerror.h>

#include <cstdio>

namespace seis::cli {

Output::Output(const QString& path)
    : m_path(path) {
    if (path.isEmpty() || path == QLatin1String("-")) {
        m_path = QStringLiteral("<stdout>");
        m_stdout = std::make_unique<QFile>();
        if (!m_stdout->open(stdout, QIODevice::WriteOnly))
            throw SegyError(m_path, QStringLiteral("cannot write to standard output"));
        return;
    }
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly))
        throw SegyError(path,
                        QStringLiteral("cannot create output file: %1").arg(m_file->errorString()));
}

Output::~Output() {
    if (m_file && m_file->isOpen())
        m_file->cancelWriting();
}

void Output::write(const char* data, qint64 size) {
    QIODevice* dev = m_file ? static_cast<QIODevice*>(m_file.get()) : m_stdout.get();
    qint64 written = 0;
    while (written < size) {
        const qint64 n = dev->write(data + written, size - written);
        if (n <= 0)
            throw SegyError(m_path, QStringLiteral("write failed after %1 bytes: %2")
                                        .arg(written)
                                        .arg(dev->errorString()));
        written += n;
    }
}

void Output::commit() {
    if (m_file) {
        if (!m_file->commit())
            throw SegyError(
                m_path, QStringLiteral("cannot finish output file: %1").arg(m_file->errorString()));
        return;
    }
    if (!m_stdout->flush())
        throw SegyError(m_path, QStringLiteral("write failed: %1").arg(m_stdout->errorString()));
}

} // namespace seis::cli
