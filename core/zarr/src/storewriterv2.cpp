#include "seis/zarr/storewriterv2.h"

#include "seis/base/error.h"
#include "seis/zarr/directorystore.h"

namespace seis::zarr {

using nlohmann::json;

StoreWriterV2::StoreWriterV2(DirectoryStore& store)
    : m_store(store) {
    m_groups.emplace(QString(), json::object());
}

void StoreWriterV2::addArray(const QString& name, const ArrayMetadata& meta,
                             const json& attributes) {
    std::lock_guard lock(m_mutex);
    checkNewArrayName(m_store.target(), name, m_arrays.count(name) || m_groups.count(name));
    m_arrays.emplace(name, Array{meta, attributes.is_null() ? json::object() : attributes});
    addGroupsOnPath(name, m_groups);
}

void StoreWriterV2::writeChunk(const QString& name, std::span<const qint64> index,
                               QByteArray encoded) {
    const ArrayMetadata* meta = nullptr;
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_arrays.find(name);
        if (it != m_arrays.end())
            meta = &it->second.meta;
    }
    checkChunkIndex(m_store.target(), name, meta, index);
    m_store.write(name + QLatin1Char('/') + meta->chunkKey(index), encoded);
}

void StoreWriterV2::resizeArray(const QString& name, qint64 length) {
    std::lock_guard lock(m_mutex);
    const auto it = m_arrays.find(name);
    if (it == m_arrays.end() || length < 0)
        throw ArgumentError(
            m_store.target(),
            QStringLiteral("resize of array '%1' (not declared) to %2").arg(name).arg(length));
    it->second.meta.shape[0] = length;
}

void StoreWriterV2::setAttributes(const QString& group, const json& attributes) {
    std::lock_guard lock(m_mutex);
    m_groups[group] = attributes;
}

void StoreWriterV2::finish() {
    std::lock_guard lock(m_mutex);
    json consolidated = json::object();
    auto put = [&](const QString& key, const json& doc) {
        m_store.write(key, metadataBytes(doc));
        consolidated[key.toStdString()] = doc;
    };
    for (const auto& [path, attributes] : m_groups) {
        put(groupKeyPrefix(path) + QStringLiteral(".zgroup"), {{"zarr_format", 2}});
        if (path.isEmpty() || !attributes.empty())
            put(groupKeyPrefix(path) + QStringLiteral(".zattrs"), attributes);
    }
    for (const auto& [name, array] : m_arrays) {
        json attributes = array.attributes;
        if (!array.meta.dimensions.empty()) {
            json names = json::array();
            for (const QString& d : array.meta.dimensions)
                names.push_back(d.toStdString());
            attributes["_ARRAY_DIMENSIONS"] = names;
        }
        put(name + QStringLiteral("/.zarray"), array.meta.toZarray());
        put(name + QStringLiteral("/.zattrs"), attributes);
    }
    // Consolidated metadata last.
    m_store.write(QStringLiteral(".zmetadata"),
                  metadataBytes({{"zarr_consolidated_format", 1}, {"metadata", consolidated}}));
}

} // namespace seis::zarr
