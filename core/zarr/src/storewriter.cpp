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
