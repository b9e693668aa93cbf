#include "seis/sources/opensource.h"

#include "seis/base/error.h"
#include "seis/segy/segyfile.h"
#include "seis/zarr/zarrsource.h"

#include <QFileInfo>
#include <QStringList>
#include <array>

namespace seis {

namespace {

static_assert(SourceOptions::kDefaultResidentBytes == SegyOpenOptions::kDefaultResidentBytes,
              "one default for the resident budget, whatever the format");

bool segyTakes(const QFileInfo& info) {
    // No magic number to look for: every non-directory is offered, and the reader validates it.
    return !info.isDir();
}

std::shared_ptr<const TraceSource> openSegy(const QString& path, const SourceOptions& options) {
    SegyOpenOptions segy;
    segy.byteOrder = options.byteOrder;
    segy.residentBytes = options.residentBytes;
    return std::make_shared<const SegyFile>(path, segy);
}

bool zarrTakes(const QFileInfo& info) {
    return zarr::ZarrSource::isStore(info.filePath());
}

std::shared_ptr<const TraceSource> openZarr(const QString& path, const SourceOptions&) {
    return std::make_shared<const zarr::ZarrSource>(path);
}

// Asked in order: a store is a directory, which the SEG-Y backend never takes.
constexpr std::array<SourceBackend, 2> kBackends{{
    {"zarr", "a Zarr store (a directory with .zgroup or .zarray)", &zarrTakes, &openZarr},
    {"segy", "a SEG-Y file", &segyTakes, &openSegy},
}};

} // namespace

std::span<const SourceBackend> sourceBackends() {
    return kBackends;
}

QString expectedSources() {
    QStringList parts;
    for (const SourceBackend& b : kBackends)
        parts << QString::fromLatin1(b.expected);
    if (parts.size() <= 1)
        return parts.join(QString());
    const QString last = parts.takeLast();
    return parts.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

std::shared_ptr<const TraceSource> openSource(const QString& path, const SourceOptions& options) {
    const QFileInfo info(path);
    if (path.isEmpty() || !info.exists())
        throw IoError(
            path, QStringLiteral("no such file or directory; expected %1").arg(expectedSources()));
    for (const SourceBackend& b : kBackends)
        if (b.takes(info))
            return b.open(path, options);
    if (info.isDir())
        throw FormatError(path,
                          QStringLiteral("is a directory; expected %1").arg(expectedSources()));
    throw FormatError(
        path, QStringLiteral("is of no format seisview reads; expected %1").arg(expectedSources()));
}

} // namespace seis
