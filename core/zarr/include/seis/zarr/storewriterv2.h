// A StoreWriter (storewriter.h) for Zarr v2: chunks are files "<array>/<key>" (the array's
// dimension separator), and finish() writes .zgroup (and .zattrs) of every group, .zarray and
// .zattrs (with _ARRAY_DIMENSIONS) of every array, then the consolidated metadata (.zmetadata,
// format 1) last: a reader that finds it finds every array complete.
#pragma once

#include "seis/zarr/storewriter.h"

#include <map>
#include <mutex>

namespace seis::zarr {

class StoreWriterV2 final : public StoreWriter {
public:
    explicit StoreWriterV2(DirectoryStore& store);

    void addArray(const QString& name, const ArrayMetadata& meta,
                  const nlohmann::json& attributes) override;
    void writeChunk(const QString& name, std::span<const qint64> index,
                    QByteArray encoded) override;
    void resizeArray(const QString& name, qint64 length) override;
    void setAttributes(const QString& group, const nlohmann::json& attributes) override;
    void finish() override;

private:
    struct Array {
        ArrayMetadata meta;
        nlohmann::json attributes;
    };
    DirectoryStore& m_store;
    std::mutex m_mutex; // m_arrays' lookups against additions
    std::map<QString, Array> m_arrays;
    std::map<QString, nlohmann::json> m_groups; // path ("" root) -> attributes
};

} // namespace seis::zarr
