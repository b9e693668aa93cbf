#include "seis/zarr/storewriter.h"

#include "seis/base/error.h"
#include "seis/zarr/storewriterv2.h"
#include "seis/zarr/storewriterv3.h"

namespace seis::zarr {

StoreWriter::~StoreWriter() = default;

QByteArray metadataBytes(const nlohmann::json& document) {
    return QByteArray::fromStdString(document.dump(4));
}

QString groupKeyPrefix(const QString& group) {
    return group.isEmpty() ? QString() : group + QLatin1Char('/');
}

void checkNewArrayName(const QString& target, const QString& name, bool used) {
    if (name.isEmpty() || used)
        throw ArgumentError(target,
                            QStringLiteral("array name '%1' is empty or already used").arg(name));
}

void addGroupsOnPath(const QString& name, std::map<QString, nlohmann::json>& groups) {
    for (qsizetype slash = name.indexOf(QLatin1Char('/')); slash > 0;
         slash = name.indexOf(QLatin1Char('/'), slash + 1))
        groups.try_emplace(name.left(slash), nlohmann::json::object());
}

void checkChunkIndex(const QString& target, const QString& name, const ArrayMetadata* meta,
                     std::span<const qint64> index) {
    if (!meta || index.size() != meta->shape.size())
        throw ArgumentError(target, QStringLiteral("chunk of array '%1', which was not declared "
                                                   "or has another rank")
                                        .arg(name));
    for (std::size_t d = 0; d < index.size(); ++d)
        if (index[d] < 0 || index[d] >= meta->chunkCount(int(d)))
            throw ArgumentError(target, QStringLiteral("chunk %1 of array '%2' in dimension %3; "
                                                       "expected 0 to %4")
                                            .arg(index[d])
                                            .arg(name)
                                            .arg(d)
                                            .arg(meta->chunkCount(int(d)) - 1));
}

std::unique_ptr<StoreWriter> makeStoreWriter(DirectoryStore& store, int zarrFormat,
                                             qint64 shardTraces) {
    if (zarrFormat == 2)
        return std::make_unique<StoreWriterV2>(store);
    if (zarrFormat == 3)
        return std::make_unique<StoreWriterV3>(store, shardTraces);
    throw ArgumentError(
        QStringLiteral("Zarr format %1 is not written; expected 2 or 3").arg(zarrFormat));
}

} // namespace seis::zarr
