// An anonymous temporary file: created in a directory with no name (O_TMPFILE, or a name removed
// at once where the file system lacks it), so the system frees it when the object is destroyed
// or the process ends, however it ends. Used by the sort index for its runs and its result.
//
// Errors: every system call is checked; failures throw IoError naming the directory and the
// system's text (seis/base/error.h). Threads: write and read from one thread at a time; map() a
// finished file and read the mapping from any thread.
#pragma once

#include <QString>
#include <QtGlobal>

namespace seis::detail {

class AnonymousTempFile {
public:
    // Creates the file in `directory` (empty: QDir::tempPath()).
    explicit AnonymousTempFile(const QString& directory);
    ~AnonymousTempFile();
    AnonymousTempFile(const AnonymousTempFile&) = delete;
    AnonymousTempFile& operator=(const AnonymousTempFile&) = delete;

    // Writes `bytes` bytes at `offset` (all of them, or throws).
    void write(qint64 offset, const void* data, qint64 bytes);
    // Reads `bytes` bytes at `offset` (all of them, or throws: a short file is an IoError).
    void read(qint64 offset, void* data, qint64 bytes) const;
    // Maps the first `bytes` bytes read-only; the mapping lives as long as the object. Returns
    // nullptr for 0 bytes. Call once, after the last write.
    const char* map(qint64 bytes);
    const QString& directory() const { return m_directory; }

private:
    QString m_directory;
    int m_fd = -1;
    void* m_map = nullptr;
    qint64 m_mapBytes = 0;
};

} // namespace seis::detail
