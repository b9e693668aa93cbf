// Where a command's output goes: stdout ("-" or no -o), or a file written under a temporary name
// and renamed on success, so a failed or interrupted run never leaves a partial file behind.
#pragma once

#include <QFile>
#include <QSaveFile>
#include <QString>
#include <memory>

namespace seis::cli {

class Output {
public:
    // Empty path or "-" means stdout. Throws SegyError naming the path if it cannot be created.
    explicit Output(const QString& path);
    ~Output(); // discards the temporary file unless commit() succeeded

    void write(const char* data, qint64 size);
    void write(const QByteArray& bytes) { write(bytes.constData(), bytes.size()); }
    // Flushes and, for a file, renames it into place. Throws SegyError on failure.
    void commit();

private:
    QString m_path;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QFile> m_stdout;
};

} // namespace seis::cli
