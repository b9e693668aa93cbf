#include "seis/zarr/storewriterv3.h"

#include "seis/base/error.h"
#include "seis/zarr/directorystore.h"
#include "seis/zarr/shardwriter.h"

#include <algorithm>

namespace seis::zarr {

namespace {

using nlohmann::json;

qint64 roundUp(qint64 v, qint64 step) {
    return (v + step - 1) / step * step;
}

} // namespace

StoreWriterV3::StoreWriterV3(DirectoryStore& store, qint64 shardTraces)
    : m_store(store)
    , m_shardTraces(shardTraces) {
    if (shardTraces < 1)
        throw ArgumentError(
            store.target(),
            QStringLiteral("shards of %1 traces; expected 1 or more").arg(shardTraces));
    m_groups.emplace(QString(), json::object());
}

void StoreWriterV3::addArray(const QString& name, const ArrayMetadata& meta,
                             const json& attributes) {
    std::lock_guard lock(m_mutex);
    checkNewArrayName(m_store.target(), name, m_arrays.count(name) || m_groups.count(name));
    Array a;
    a.meta.array = meta;
    a.meta.attributes = attributes.is_null() ? json::object() : attributes;
    if (!meta.dimensions.empty() && meta.dimensions[0] == QLatin1String("trace")) {
        // Shards: shardTraces traces in whole chunks (no more than the array holds), and the
        // whole extent of the other dimensions.
        const std::size_t rank = meta.shape.size();
        a.meta.shardShape.resize(rank);
        for (std::size_t d = 0; d < rank; ++d)
            a.meta.shardShape[d] = std::max(meta.chunks[d], roundUp(meta.shape[d], meta.chunks[d]));
        a.meta.shardShape[0] =
            std::min(a.meta.shardShape[0], roundUp(m_shardTraces, meta.chunks[0]));
    }
    m_arrays.emplace(name, std::move(a));
    addGroupsOnPath(name, m_groups);
}

const ArrayMetadataV3* StoreWriterV3::array(const QString& name) const {
    const auto it = m_arrays.find(name);
    return it == m_arrays.end() ? nullptr : &it->second.meta;
}

void StoreWriterV3::writeChunk(const QString& name, std::span<const qint64> index,
                               QByteArray encoded) {
    std::unique_lock lock(m_mutex);
    const auto it = m_arrays.find(name);
    checkChunkIndex(m_store.target(), name, it == m_arrays.end() ? nullptr : &it->second.meta.array,
                    index);
    Array& a = it->second;
    const ArrayMetadataV3& m = a.meta;
    const std::size_t rank = index.size();
    if (!m.sharded()) {
        const QString key = name + QLatin1Char('/') + m.storedKey(index);
        lock.unlock();
        m_store.write(key, encoded);
        return;
    }
    qint64 shard = 0, inner = 0, innerCount = 1, expected = 1;
    for (std::size_t d = 0; d < rank; ++d) {
        const qint64 per = m.chunksPerShard(int(d));
        const qint64 s = index[d] / per;
        shard = shard * m.storedCount(int(d)) + s;
        inner = inner * per + index[d] % per;
        innerCount *= per;
        expected *= std::min(per, m.array.chunkCount(int(d)) - s * per);
    }
    Shard& s = a.pending[shard];
    if (s.chunks.empty()) {
        s.chunks.resize(std::size_t(innerCount));
        s.expected = expected;
    }
    auto& slot = s.chunks[std::size_t(inner)];
    if (slot)
        throw ArgumentError(m_store.target(), QStringLiteral("chunk %1 of array '%2' written twice")
                                                  .arg(m.array.chunkKey(index), name));
    slot = std::move(encoded);
    if (++s.received < s.expected)
        return;
    const Shard complete = std::move(s);
    a.pending.erase(shard);
    lock.unlock(); // the metadata is not changed while chunks are written
    writeShard(name, m, shard, complete);
}

void StoreWriterV3::writeShard(const QString& name, const ArrayMetadataV3& meta, qint64 shard,
                               const Shard& s) const {
    const std::size_t rank = meta.array.shape.size();
    std::vector<qint64> index(rank);
    for (std::size_t d = rank; d-- > 0;) {
        index[d] = shard % meta.storedCount(int(d));
        shard /= meta.storedCount(int(d));
    }
    m_store.write(name + QLatin1Char('/') + meta.storedKey(index), assembleShard(s.chunks));
}

void StoreWriterV3::resizeArray(const QString& name, qint64 length) {
    std::lock_guard lock(m_mutex);
    const auto it = m_arrays.find(name);
    if (it == m_arrays.end() || length < 0 || !it->second.meta.shardShape.empty())
        throw ArgumentError(m_store.target(),
                            QStringLiteral("resize of array '%1' (not declared, or sharded) to %2")
                                .arg(name)
                                .arg(length));
    it->second.meta.array.shape[0] = length;
}

void StoreWriterV3::setAttributes(const QString& group, const json& attributes) {
    std::lock_guard lock(m_mutex);
    m_groups[group] = attributes;
}

void StoreWriterV3::finish() {
    std::lock_guard lock(m_mutex);
    for (auto& [name, array] : m_arrays) {
        for (const auto& [shard, s] : array.pending)
            writeShard(name, array.meta, shard, s);
        array.pending.clear();
    }
    for (const auto& [name, array] : m_arrays)
        m_store.write(name + QStringLiteral("/zarr.json"), metadataBytes(array.meta.toZarrJson()));
    // Groups last, the root last of all.
    for (auto it = m_groups.rbegin(); it != m_groups.rend(); ++it)
        m_store.write(groupKeyPrefix(it->first) + QStringLiteral("zarr.json"),
                      metadataBytes(groupZarrJson(it->second)));
}

} // namespace seis::zarr
