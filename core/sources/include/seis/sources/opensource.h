// Opening seismic data of any supported format as a TraceSource: the one door through which the
// viewer, the widgets and the command-line tool open data, so that nothing above the readers
// knows the format (only the panels that show a format's own headers look further, with
// dynamic_cast on the source).
//
// Backends (like okular's generators): each says whether it takes a path, and the first that
// does opens it. In the order they are asked (sourceBackends()):
//   zarr  a directory holding a Zarr v2 store (.zgroup or .zarray; seis/zarr/zarrsource.h).
//         Zarr v3 (zarr.json) comes next.
//   segy  SEG-Y: any path that is not a directory (a regular file, or a device or a link to one).
//         SEG-Y has no magic number, so the reader itself decides: it validates the file headers
//         and refuses a file that is not SEG-Y with a FormatError naming the file, the value and
//         what was expected.
// A path no backend takes (a directory that is no store) is refused with a FormatError naming
// the path and listing what each backend expects; a path that does not exist is an IoError
// naming it, as is one that cannot be read.
//
// Threads: openSource may be called from any thread; the source it returns is immutable and
// safe to use from any number of threads at once (see tracesource.h). Errors: see
// seis/base/error.h.
#pragma once

#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QString>
#include <memory>
#include <optional>
#include <span>

class QFileInfo;

namespace seis {

// How to open a source; every field is format-neutral and a backend ignores what does not apply
// to its format.
struct SourceOptions {
    // Overrides byte-order detection for formats that store data in either order (SEG-Y).
    std::optional<ByteOrder> byteOrder;
    // Bytes of a mapped file that header reads leave resident (the most recently read; older
    // pages are released beyond it). 0 releases every range as soon as it is read.
    qint64 residentBytes = kDefaultResidentBytes;
    static constexpr qint64 kDefaultResidentBytes = qint64(64) << 20;
};

// Opens `path` with the first backend that takes it. Never returns null; throws IoError (missing
// or unreadable path) or FormatError (no backend takes the path, or the backend that takes it
// finds it invalid), each naming the path and what was expected.
std::shared_ptr<const TraceSource> openSource(const QString& path,
                                              const SourceOptions& options = {});

// One backend of openSource.
struct SourceBackend {
    const char* name;     // "segy"
    const char* expected; // what it takes, for messages: "a SEG-Y file"
    // Whether this backend takes the (existing) path. Cheap: looks at the file's type and at
    // most at a few names in a directory, never reads data.
    bool (*takes)(const QFileInfo& info);
    // Opens the path; throws as openSource does.
    std::shared_ptr<const TraceSource> (*open)(const QString& path, const SourceOptions& options);
};

// The backends openSource asks, in order.
std::span<const SourceBackend> sourceBackends();

// What the backends take, joined for messages: "a Zarr store (a directory with .zgroup or
// .zarray) or a SEG-Y file".
QString expectedSources();

} // namespace seis
