#include "seis/zarr/storereaderv3.h"

#include "seis/base/error.h"
#include "seis/zarr/codec.h"
#include "seis/zarr/shardreader.h"

#include <QFile>
#include <QFileInfo>

#include <cstring>
#include <optional>

namespace seis::zarr {

namespace {

using nlohmann::json;

// The zarr.json of the node at `path` (relative to the store), or null when it has none.
json nodeDocument(const QString& store, const QString& path) {
    const QString file = store + QLatin1Char('/') +
                         (path.isEmpty() ? QString() : path + QLatin1Char('/')) +
                         QStringLiteral("zarr.json");
    QFile f(file);
    if (!f.exists())
        return nullptr;
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(file, QStringLiteral("cannot read: %1").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    json doc;
    try {
        doc = json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::exception& e) {
        throw FormatError(file,
                          QStringLiteral("is not valid JSON: %1").arg(QString::fromUtf8(e.what())));
    }
    if (!doc.is_object() || doc.value("zarr_format", json()) != 3)
        throw FormatError(file, QStringLiteral("expected a Zarr v3 node (an object with "
                                               "\"zarr_format\": 3)"));
    return doc;
}

QByteArray readFile(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(path, QStringLiteral("cannot read the chunk: %1").arg(f.errorString()));
    QByteArray bytes = f.readAll();
    if (f.error() != QFileDevice::NoError)
        throw IoError(path, QStringLiteral("cannot read the chunk: %1").arg(f.errorString()));
    return bytes;
}

} // namespace

bool isV3Store(const QString& store) {
    return QFileInfo(store).isDir() && QFileInfo::exists(store + QStringLiteral("/zarr.json")) &&
           !QFileInfo::exists(store + QStringLiteral("/.zgroup")) &&
           !QFileInfo::exists(store + QStringLiteral("/.zarray"));
}

bool isV3Document(const json& doc) {
    return doc.is_object() && doc.value("zarr_format", json()) == 3;
}

json v3Document(const QString& store, const QString& key) {
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    const QString path = slash < 0 ? QString() : key.left(slash);
    const QString name = key.mid(slash + 1);
    const json node = nodeDocument(store, path);
    if (node.is_null())
        return nullptr;
    const json type = node.value("node_type", json());
    if (name == QLatin1String(".zarray"))
        return type == "array" ? node : json(nullptr);
    if (name == QLatin1String(".zgroup"))
        return type == "group" ? node : json(nullptr);
    if (name == QLatin1String(".zattrs")) {
        json attributes = node.value("attributes", json::object());
        // The dimension names where v2 readers look for them.
        if (type == "array" && attributes.is_object() && node.contains("dimension_names") &&
            node["dimension_names"].is_array())
            attributes["_ARRAY_DIMENSIONS"] = node["dimension_names"];
        return attributes;
    }
    return nullptr;
}

ArrayReaderV3::ArrayReaderV3(QString dir, ArrayMetadataV3 meta)
    : m_dir(std::move(dir))
    , m_meta(std::move(meta)) {}

bool ArrayReaderV3::readChunk(std::span<const qint64> index, std::byte* out, std::size_t chunkBytes,
                              const Codec* codec) const {
    const std::size_t rank = index.size();
    std::vector<qint64> stored(index.begin(), index.end());
    qint64 inner = 0, innerCount = 1;
    for (std::size_t d = 0; d < rank; ++d) {
        const qint64 per = m_meta.chunksPerShard(int(d));
        stored[d] = index[d] / per;
        inner = inner * per + index[d] % per;
        innerCount *= per;
    }
    const QString path = m_dir + QLatin1Char('/') + m_meta.storedKey(stored);
    std::optional<QByteArray> bytes;
    QString where = path;
    if (m_meta.sharded()) {
        bytes = readShardChunk(path, inner, innerCount, m_meta.index);
        where = QStringLiteral("%1 (inner chunk %2)").arg(path).arg(inner);
    } else if (QFileInfo::exists(path)) {
        bytes = readFile(path);
    }
    if (!bytes)
        return false;
    if (codec) {
        codec->decode(*bytes, out, chunkBytes, where);
    } else {
        if (std::size_t(bytes->size()) != chunkBytes)
            throw FormatError(where, QStringLiteral("uncompressed chunk of %1 bytes; expected %2")
                                         .arg(bytes->size())
                                         .arg(chunkBytes));
        std::memcpy(out, bytes->constData(), chunkBytes);
    }
    return true;
}

} // namespace seis::zarr
