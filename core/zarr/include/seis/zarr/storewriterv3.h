// A StoreWriter (storewriter.h) for Zarr v3 (arraymetadatav3.h): every group and array gets a
// zarr.json, written by finish(). Arrays whose first dimension is named "trace" are sharded
// along it: a shard holds shardTraces traces (rounded up to whole chunks) and the whole extent
// of the other dimensions; their chunks are kept, encoded, until the last chunk of their shard
// arrives, and then written as one file "<array>/c/<i>/<j>" (shardwriter.h) by the thread that
// wrote that chunk. Memory: the encoded chunks of the shards being filled (with ZarrSink, which
// writes rows of chunks in order, at most one shard row). Chunks never written are empty in
// their shard's index (the fill value); finish() writes the shards still incomplete. Other
// arrays are stored one chunk per file ("<array>/c/<i>").
#pragma once

#include "seis/zarr/arraymetadatav3.h"
#include "seis/zarr/storewriter.h"

#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace seis::zarr {

class StoreWriterV3 final : public StoreWriter {
public:
    // Throws ArgumentError for shardTraces < 1.
    StoreWriterV3(DirectoryStore& store, qint64 shardTraces);

    void addArray(const QString& name, const ArrayMetadata& meta,
                  const nlohmann::json& attributes) override;
    void writeChunk(const QString& name, std::span<const qint64> index,
                    QByteArray encoded) override;
    void resizeArray(const QString& name, qint64 length) override;
    void setAttributes(const QString& group, const nlohmann::json& attributes) override;
    void finish() override;

    // The metadata of array `name` as it will be written (its shard shape); nullptr if unknown.
    const ArrayMetadataV3* array(const QString& name) const;

private:
    struct Shard {
        std::vector<std::optional<QByteArray>> chunks; // C order in the shard
        qint64 received = 0;
        qint64 expected = 0; // inner chunks of the shard inside the array's grid
    };
    struct Array {
        ArrayMetadataV3 meta;
        std::map<qint64, Shard> pending; // by the shard's C-order index in the shard grid
    };
    void writeShard(const QString& name, const ArrayMetadataV3& meta, qint64 shard,
                    const Shard& s) const;

    DirectoryStore& m_store;
    qint64 m_shardTraces;
    std::mutex m_mutex; // m_arrays and their pending shards
    std::map<QString, Array> m_arrays;
    std::map<QString, nlohmann::json> m_groups; // path ("" root) -> attributes
};

} // namespace seis::zarr
