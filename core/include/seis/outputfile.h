// The one way seisview writes a file: every command, every writer and the viewer go through
// OutputFile, so none of them can overwrite its own input, leave a half-written file under the
// output's name or report a failed write as success.
//
// What happens depends on the target `path`:
// - "-": standard output (file descriptor 1), streamed; every write is checked. Refused when
//   descriptor 1 is one of the inputs (`cmd F >> F`). Nothing is flushed or closed here: the
//   program checks standard output once at exit (seisview-cli does).
// - A regular file, or nothing yet: the data go to a hidden temporary file in the target's
//   directory (".NAME.XXXXXX.part"); commit() syncs it (fsync), closes it, renames it over the
//   target and syncs the directory. The target is replaced only by a complete, synced file; on
//   any failure, or without commit(), the temporary is removed and an existing target stays
//   byte for byte as it was. A process killed mid-write leaves at most the hidden temporary,
//   never a partial file under the output's name. A replaced file keeps its permission bits
//   (and, where allowed, its owner and group); a new file gets 0666 & ~umask. A replaced file
//   that had other hard links is detached from them: the other names keep the old contents. A
//   file the caller may not write (access W_OK) is refused, not replaced.
// - A symbolic link to a regular file: the file it resolves to is replaced as above (the
//   temporary lies in that file's directory), so the link survives and points at the new file.
//   A link to nothing is refused.
// - Anything else that can be opened for writing (a character or block device, a FIFO, a
//   terminal, or a link to one): opened without truncating or creating and streamed to directly,
//   as dd or cp would; never renamed over or replaced. commit() syncs it where the device
//   supports that (EINVAL/ENOTSUP from fsync are not errors) and closes it. Opening a FIFO
//   waits for a reader. A directory is refused.
//
// Inputs: the target is refused (SegyError, before anything is created) when it is the same file
// as any of OutputOptions::inputs, through any name: compared by device and inode after following
// links (the same path, "./F", a symbolic link, a hard link), and by device number for two block
// device nodes. The check is repeated just before the rename. Inputs that do not exist are
// ignored.
//
// Errors: the constructor, write() and commit() throw seis::SegyError naming the output path
// ("standard output" for "-") with the reason (strerror). A broken pipe is such an error, never a
// SIGPIPE: writes to streamed targets hold SIGPIPE blocked in the calling thread and discard the
// one they raise. After an exception the object is finished: further write()/commit() throw.
//
// Threads: one object is used by one thread at a time; distinct objects are independent.
// Ownership: the object owns its descriptor (not descriptor 1) and its temporary file; the
// destructor without a successful commit() removes the temporary (an abort) and never throws.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace seis {

struct OutputOptions {
    // Files that must never be written: typically the files the data are read from.
    QStringList inputs;
};

class OutputFile {
public:
    // Opens `path` as described above ("-" for standard output). Throws SegyError naming `path`
    // when it is an input, a directory, a link to nothing, or cannot be created or opened.
    OutputFile(const QString& path, OutputOptions options = {});
    ~OutputFile(); // without a successful commit(): removes the temporary file, never throws
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Writes all `size` bytes (retrying partial writes and EINTR) with one or more system calls,
    // unbuffered: callers write in blocks. Throws SegyError on any failure (ENOSPC, EPIPE, EIO).
    void write(const char* data, qint64 size);
    void write(const QByteArray& bytes) { write(bytes.constData(), bytes.size()); }

    // Finishes the output as described above. Throws SegyError on failure; the old file is then
    // untouched (up to the rename; a failed sync of the directory after it is still reported).
    void commit();

    // The path as given, or "standard output" for "-": the name errors use.
    const QString& name() const { return m_name; }

private:
    enum class Kind { Stdout, Replace, Stream };
    // Aborts (closes, removes the temporary), marks the object finished and throws SegyError
    // naming the output with `what` and, when `error` is not 0, strerror(error).
    [[noreturn]] void fail(const QString& what, int error);
    void abort() noexcept;

    QString m_name;
    OutputOptions m_options;
    Kind m_kind = Kind::Stdout;
    int m_fd = -1;
    QByteArray m_target; // the file renamed over (resolved through links), local encoding
    QByteArray m_temp;   // the temporary file, while it exists
    QByteArray m_dir;    // the directory holding both
    bool m_done = false; // committed or failed
};

// The whole of `bytes` to `path` through one OutputFile, committed: for small outputs such as
// settings files and images. Throws SegyError as OutputFile does.
void writeOutputFile(const QString& path, const QByteArray& bytes, OutputOptions options = {});

} // namespace seis
