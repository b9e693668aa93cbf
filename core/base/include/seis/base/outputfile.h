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
//   never a partial file under the output's name; a program that called
//   removeTemporaryOutputsOnSignals() (seisview-cli and seisview do) leaves not even that when it
//   is ended by SIGINT, SIGTERM or SIGHUP (see there). A replaced file keeps its permission bits
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
// Inputs: the target is refused (IoError, before anything is created) when it is the same file
// as any of OutputOptions::inputs, through any name: compared by device and inode after following
// links (the same path, "./F", a symbolic link, a hard link), and by device number for two block
// device nodes. The check is repeated just before the rename. Inputs that do not exist are
// ignored.
//
// Errors: the constructor, write() and commit() throw seis::IoError naming the output path
// ("standard output" for "-") with the reason (strerror). A broken pipe is such an error, never a
// SIGPIPE: writes to streamed targets hold SIGPIPE blocked in the calling thread and discard the
// one they raise. After an exception the object is finished: further write()/commit() throw.
//
// Threads: one object is used by one thread at a time; distinct objects are independent.
// Ownership: the object owns its descriptor (not descriptor 1) and its temporary file; the
// destructor without a successful commit() removes the temporary (an abort) and never throws.
//
// Signals: see removeTemporaryOutputsOnSignals() below.
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
    // Opens `path` as described above ("-" for standard output). Throws IoError naming `path`
    // when it is an input, a directory, a link to nothing, or cannot be created or opened.
    OutputFile(const QString& path, OutputOptions options = {});
    ~OutputFile(); // without a successful commit(): removes the temporary file, never throws
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    // Writes all `size` bytes (retrying partial writes and EINTR) with one or more system calls,
    // unbuffered: callers write in blocks. Throws IoError on any failure (ENOSPC, EPIPE, EIO).
    void write(const char* data, qint64 size);
    void write(const QByteArray& bytes) { write(bytes.constData(), bytes.size()); }

    // Finishes the output as described above. Throws IoError on failure; the old file is then
    // untouched (up to the rename; a failed sync of the directory after it is still reported).
    void commit();

    // The path as given, or "standard output" for "-": the name errors use.
    const QString& name() const { return m_name; }

private:
    enum class Kind { Stdout, Replace, Stream };
    // Aborts (closes, removes the temporary), marks the object finished and throws IoError
    // naming the output with `what` and, when `error` is not 0, strerror(error).
    [[noreturn]] void fail(const QString& what, int error);
    void abort() noexcept;

    QString m_name;
    OutputOptions m_options;
    Kind m_kind = Kind::Stdout;
    int m_fd = -1;
    QByteArray m_target;   // the file renamed over (resolved through links), local encoding
    QByteArray m_temp;     // the temporary file, while it exists
    QByteArray m_dir;      // the directory holding both
    int m_signalSlot = -1; // the temporary's slot in the signal registry, -1 if not covered
    bool m_done = false;   // committed or failed
};

// How many temporary files (of all OutputFile objects of the process at one moment) a
// terminating signal removes: the first this many that exist at once are covered; while they all
// exist, a further one is not (it is still removed by its destructor or a failure, just not by a
// signal). A temporary whose absolute path is longer than PATH_MAX is not covered either.
inline constexpr int kSignalCoveredTemporaries = 64;

// Makes SIGINT, SIGTERM and SIGHUP remove the temporary files of every OutputFile that exist at
// that moment, then end the process by the same signal: the handler unlink()s them, restores
// the default action and raises the signal again, so the process dies of it exactly as without
// the handler (exit status 128 + signal number in a shell: 130 for Ctrl-C) and nothing partial
// is left, not even the hidden temporary. Existing targets stay as they were (the rename never
// happened). Programs call it once at startup, before they write anything (more calls do
// nothing); seisview-cli and seisview do.
//
// Only a signal whose action is the default (SIG_DFL) when this is called gets the handler. A
// signal the program ignores (SIG_IGN, for example SIGHUP under nohup) stays ignored, and a
// handler the program installed stays as it was, not chained to: such a signal removes nothing.
// A handler installed later replaces this one. SIGPIPE is not touched (OutputFile turns broken
// pipes into errors itself). SIGKILL cannot be handled at all, and other signals (SIGQUIT, a
// crash) are not: they leave the hidden temporary as described above.
//
// The handler is async-signal-safe (a fixed registry in static storage, atomics, unlink(),
// signal(), raise(); no allocation, no locks). A thread that is creating a temporary holds the
// three signals blocked for those few system calls, and a handler in another thread waits for it
// (a bounded wait), so no temporary created before the process dies is missed. Threads: may be
// called from any thread; the handler runs in whichever thread the signal is delivered to.
void removeTemporaryOutputsOnSignals();

// The whole of `bytes` to `path` through one OutputFile, committed: for small outputs such as
// settings files and images. Throws IoError as OutputFile does.
void writeOutputFile(const QString& path, const QByteArray& bytes, OutputOptions options = {});

} // namespace seis
