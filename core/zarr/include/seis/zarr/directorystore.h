// A Zarr store being written as a directory: keys ("amplitude/0/0", ".zgroup") are files under a
// temporary directory beside the target (".NAME.part-XXXXXX"), renamed to the target only by
// commit(), after every file was written, synced and closed. abort() (and the destructor without
// a commit) removes the temporary directory: a cancelled or failed conversion leaves nothing
// under the target's name.
//
// Threads: write() may be called from several threads at once (different keys); commit() and
// abort() from one thread after every write returned. Errors: seis/base/error.h (IoError naming
// the target and the key; ArgumentError when the target exists).
#pragma once

#include <QByteArray>
#include <QString>
#include <atomic>
#include <memory>

namespace seis::zarr {

class DirectoryStore {
public:
    // Creates the temporary directory. Throws ArgumentError if `target` exists (a store is never
    // written over another) and IoError if the directory cannot be created.
    explicit DirectoryStore(const QString& target);
    ~DirectoryStore(); // aborts without a commit
    DirectoryStore(const DirectoryStore&) = delete;
    DirectoryStore& operator=(const DirectoryStore&) = delete;

    QString target() const { return m_target; }
    // Writes `bytes` under `key` (parent folders created); every write and the close are
    // checked.
    void write(const QString& key, const QByteArray& bytes) const;
    // Bytes of every file written so far (any thread).
    qint64 bytesWritten() const { return m_bytes.load(std::memory_order_relaxed); }
    // Syncs every file written to disk (syncfs: one call, its errors checked), renames the
    // temporary directory to the target and syncs the parent directory.
    void commit();
    void abort() noexcept;

private:
    QString m_target;
    QString m_temp;
    bool m_done = false;
    mutable std::atomic<qint64> m_bytes{0};
};

} // namespace seis::zarr
