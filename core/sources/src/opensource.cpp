#include "seis/sources/opensource.h"

#include "seis/base/error.h"
#include "seis/segy/segyfile.h"

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

constexpr std::array<SourceBackend, 1> kBackends{{
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
