#include "seis/zarr/arraymetadatav3.h"

#include "seis/base/error.h"
#include "seis/zarr/codecv3.h"

#include <QStringList>

#include <bit>
#include <cmath>
#include <cstdint>
#include <optional>

namespace seis::zarr {

namespace {

using nlohmann::json;

QString dumped(const json& j) {
    return QString::fromStdString(j.dump());
}

// numpy kind and size ("f4") <-> v3 data type name ("float32").
struct TypeName {
    const char* numpy;
    const char* v3;
};
constexpr TypeName kTypes[] = {
    {"b1", "bool"},   {"i1", "int8"},    {"i2", "int16"},   {"i4", "int32"},
    {"i8", "int64"},  {"u1", "uint8"},   {"u2", "uint16"},  {"u4", "uint32"},
    {"u8", "uint64"}, {"f2", "float16"}, {"f4", "float32"}, {"f8", "float64"},
};

json bytesCodec(int itemSize, bool bigEndian) {
    if (itemSize == 1) // no byte order to name
        return {{"name", "bytes"}};
    return {{"name", "bytes"}, {"configuration", {{"endian", bigEndian ? "big" : "little"}}}};
}

// What a codec list says about the stored chunks.
struct Codecs {
    bool bigEndian = false;
    json compressor; // v2 form, null for none
    std::optional<std::vector<qint64>> innerChunks;
    ShardIndexFormat index;
};

std::string nameOf(const json& codec) {
    if (codec.is_object() && codec.contains("name") && codec["name"].is_string())
        return codec["name"].get<std::string>();
    return {};
}

Codecs parseCodecs(const json& list, std::size_t rank, bool allowSharding, const QString& where,
                   const char* what) {
    auto bad = [&](const QString& m) {
        return FormatError(where, QStringLiteral("zarr.json: %1 %2").arg(QLatin1String(what), m));
    };
    if (!list.is_array() || list.empty())
        throw bad(QStringLiteral("%1; expected a non-empty list of codecs").arg(dumped(list)));
    std::size_t i = 0;
    for (; i < list.size() && nameOf(list[i]) == "transpose"; ++i) {
        const json order = list[i].value("configuration", json::object()).value("order", json());
        bool identity = order.is_array() && order.size() == rank;
        for (std::size_t k = 0; identity && k < rank; ++k)
            identity = order[k].is_number_integer() && order[k].get<std::size_t>() == k;
        if (!identity)
            throw bad(QStringLiteral("transpose %1; expected none or the identity (F order and "
                                     "other orders are not read)")
                          .arg(dumped(list[i])));
    }
    if (i == list.size())
        throw bad(QStringLiteral("%1 has no array-to-bytes codec; expected \"bytes\"%2")
                      .arg(dumped(list),
                           allowSharding ? QStringLiteral(" or \"sharding_indexed\"") : QString()));
    Codecs c;
    const json& a2b = list[i++];
    const std::string name = nameOf(a2b);
    const json config = a2b.value("configuration", json::object());
    if (name == "bytes") {
        const std::string endian = config.value("endian", std::string("little"));
        if (endian != "little" && endian != "big")
            throw bad(QStringLiteral("bytes endian \"%1\"; expected \"little\" or \"big\"")
                          .arg(QString::fromStdString(endian)));
        c.bigEndian = endian == "big";
    } else if (name == "sharding_indexed" && allowSharding) {
        try {
            const auto inner = config.at("chunk_shape").get<std::vector<qint64>>();
            if (inner.size() != rank)
                throw bad(QStringLiteral("sharding chunk_shape %1 of rank %2; expected rank %3")
                              .arg(dumped(config["chunk_shape"]))
                              .arg(inner.size())
                              .arg(rank));
            const Codecs in =
                parseCodecs(config.at("codecs"), rank, false, where, "sharding_indexed codecs");
            c.bigEndian = in.bigEndian;
            c.compressor = in.compressor;
            c.innerChunks = inner;
            const json& ic = config.at("index_codecs");
            const bool little = ic.is_array() && !ic.empty() && nameOf(ic[0]) == "bytes" &&
                                ic[0].value("configuration", json::object())
                                        .value("endian", std::string("little")) == "little";
            c.index.checksum = ic.is_array() && ic.size() == 2 && nameOf(ic[1]) == "crc32c";
            if (!little || ic.size() > (c.index.checksum ? 2u : 1u))
                throw bad(QStringLiteral("sharding index_codecs %1; expected [bytes little] with "
                                         "an optional crc32c")
                              .arg(dumped(ic)));
            const std::string location = config.value("index_location", std::string("end"));
            if (location != "end" && location != "start")
                throw bad(QStringLiteral("sharding index_location \"%1\"; expected \"end\" or "
                                         "\"start\"")
                              .arg(QString::fromStdString(location)));
            c.index.atEnd = location == "end";
        } catch (const json::exception& e) {
            throw bad(QStringLiteral("sharding_indexed %1 is not valid: %2")
                          .arg(dumped(a2b), QString::fromUtf8(e.what())));
        }
        if (i != list.size())
            throw bad(QStringLiteral("%1 after sharding_indexed; expected nothing (codecs of whole "
                                     "shards are not read)")
                          .arg(dumped(list[i])));
        return c;
    } else {
        throw bad(QStringLiteral("%1 where an array-to-bytes codec belongs; expected \"bytes\"%2")
                      .arg(dumped(a2b),
                           allowSharding ? QStringLiteral(" or \"sharding_indexed\"") : QString()));
    }
    if (i < list.size())
        c.compressor = codecFromV3(list[i++], where);
    if (i < list.size())
        throw bad(QStringLiteral("%1 after %2; expected at most one compressor (blosc, zstd, "
                                 "gzip, zlib)")
                      .arg(dumped(list[i]), dumped(list[i - 1])));
    return c;
}

// The fill value in v2 terms (a number, "NaN", "Infinity", "-Infinity").
json fillFromV3(const json& fill, char kind, int size, const QString& where) {
    if (fill.is_boolean())
        return fill.get<bool>() ? 1 : 0;
    if (fill.is_number())
        return fill;
    if (fill.is_string() && kind == 'f') {
        const std::string s = fill.get<std::string>();
        if (s == "NaN" || s == "Infinity" || s == "-Infinity")
            return s;
        if (s.size() > 2 && s.rfind("0x", 0) == 0 && (size == 4 || size == 8)) {
            // The bit pattern, big-endian hex.
            bool ok = false;
            const quint64 bits = QString::fromStdString(s.substr(2)).toULongLong(&ok, 16);
            if (ok) {
                const double v = size == 4 ? double(std::bit_cast<float>(std::uint32_t(bits)))
                                           : std::bit_cast<double>(bits);
                if (std::isnan(v))
                    return "NaN";
                if (std::isinf(v))
                    return v > 0 ? "Infinity" : "-Infinity";
                return v;
            }
        }
    }
    throw FormatError(where, QStringLiteral("zarr.json: fill_value %1; expected a number of the "
                                            "data type (\"NaN\", \"Infinity\", \"-Infinity\" or "
                                            "hex bits for floats)")
                                 .arg(dumped(fill)));
}

} // namespace

qint64 ArrayMetadataV3::storedCount(int dim) const {
    const auto d = std::size_t(dim);
    return (array.shape[d] + storedShape()[d] - 1) / storedShape()[d];
}

qint64 ArrayMetadataV3::chunksPerShard(int dim) const {
    const auto d = std::size_t(dim);
    return sharded() ? shardShape[d] / array.chunks[d] : 1;
}

QString ArrayMetadataV3::storedKey(std::span<const qint64> index) const {
    QStringList parts;
    if (defaultKeys)
        parts << QStringLiteral("c");
    for (qint64 i : index)
        parts << QString::number(i);
    return parts.join(separator);
}

json ArrayMetadataV3::toZarrJson() const {
    const ArrayMetadata& a = array;
    const QString kindSize = a.dtype.mid(1);
    std::string dataType;
    for (const auto& t : kTypes)
        if (kindSize == QLatin1String(t.numpy))
            dataType = t.v3;
    const bool big = a.dtype.startsWith(QLatin1Char('>'));
    json codecs = json::array();
    codecs.push_back(bytesCodec(a.itemSize(), big));
    if (!a.compressor.is_null())
        codecs.push_back(codecToV3(a.compressor, a.itemSize()));
    std::vector<qint64> grid = a.chunks;
    if (sharded()) {
        json indexCodecs = json::array();
        indexCodecs.push_back(bytesCodec(8, false));
        if (index.checksum)
            indexCodecs.push_back({{"name", "crc32c"}});
        json sharding = json::object();
        sharding["name"] = "sharding_indexed";
        sharding["configuration"] = {{"chunk_shape", a.chunks},
                                     {"codecs", codecs},
                                     {"index_codecs", indexCodecs},
                                     {"index_location", index.atEnd ? "end" : "start"}};
        codecs = json::array();
        codecs.push_back(sharding);
        grid = shardShape;
    }
    json fill = a.fillValue;
    if (fill.is_null()) // v3 has no "no fill value": 0 (false for bool)
        fill = 0;
    if (a.dtype.mid(1) == QLatin1String("b1"))
        fill = fill.is_number() && fill.get<double>() != 0;
    json doc = {{"zarr_format", 3},
                {"node_type", "array"},
                {"shape", a.shape},
                {"data_type", dataType},
                {"chunk_grid", {{"name", "regular"}, {"configuration", {{"chunk_shape", grid}}}}},
                {"chunk_key_encoding",
                 {{"name", defaultKeys ? "default" : "v2"},
                  {"configuration", {{"separator", separator.toStdString()}}}}},
                {"fill_value", fill},
                {"codecs", codecs},
                {"attributes", attributes.is_null() ? json::object() : attributes}};
    if (!a.dimensions.empty()) {
        json names = json::array();
        for (const QString& d : a.dimensions)
            names.push_back(d.toStdString());
        doc["dimension_names"] = names;
    }
    return doc;
}

ArrayMetadataV3 ArrayMetadataV3::fromZarrJson(const json& z, const QString& where) {
    auto bad = [&](const QString& what) {
        return FormatError(where, QStringLiteral("zarr.json: %1").arg(what));
    };
    if (!z.is_object())
        throw bad(QStringLiteral("expected a JSON object"));
    if (z.value("zarr_format", json()) != 3)
        throw bad(QStringLiteral("zarr_format %1; expected 3")
                      .arg(dumped(z.value("zarr_format", json()))));
    if (z.value("node_type", json()) != "array")
        throw bad(QStringLiteral("node_type %1; expected \"array\"")
                      .arg(dumped(z.value("node_type", json()))));
    if (z.contains("storage_transformers") && !z["storage_transformers"].empty())
        throw bad(QStringLiteral("storage_transformers %1; expected none")
                      .arg(dumped(z["storage_transformers"])));
    ArrayMetadataV3 m;
    try {
        m.array.shape = z.at("shape").get<std::vector<qint64>>();
        const std::string dataType = z.at("data_type").get<std::string>();
        QString kindSize;
        for (const auto& t : kTypes)
            if (dataType == t.v3)
                kindSize = QLatin1String(t.numpy);
        if (kindSize.isEmpty())
            throw bad(QStringLiteral("data_type \"%1\"; expected bool, int8..int64, "
                                     "uint8..uint64 or float16..float64")
                          .arg(QString::fromStdString(dataType)));
        const json& grid = z.at("chunk_grid");
        if (grid.at("name") != "regular")
            throw bad(QStringLiteral("chunk_grid %1; expected \"regular\"").arg(dumped(grid)));
        const auto gridShape =
            grid.at("configuration").at("chunk_shape").get<std::vector<qint64>>();
        const std::size_t rank = m.array.shape.size();
        if (rank == 0 || gridShape.size() != rank)
            throw bad(QStringLiteral("shape and chunk_shape of ranks %1 and %2; expected equal "
                                     "ranks of at least 1")
                          .arg(rank)
                          .arg(gridShape.size()));
        for (std::size_t i = 0; i < rank; ++i)
            if (m.array.shape[i] < 0 || gridShape[i] < 1)
                throw bad(QStringLiteral("shape %1 with chunk_shape %2 in dimension %3; expected "
                                         "shape >= 0 and chunk_shape >= 1")
                              .arg(m.array.shape[i])
                              .arg(gridShape[i])
                              .arg(i));
        const json keys = z.value("chunk_key_encoding", json{{"name", "default"}});
        const std::string keyName = keys.at("name").get<std::string>();
        if (keyName != "default" && keyName != "v2")
            throw bad(QStringLiteral("chunk_key_encoding %1; expected \"default\" or \"v2\"")
                          .arg(dumped(keys)));
        m.defaultKeys = keyName == "default";
        m.separator =
            QString::fromStdString(keys.value("configuration", json::object())
                                       .value("separator", std::string(m.defaultKeys ? "/" : ".")));
        if (m.separator != QLatin1String("/") && m.separator != QLatin1String("."))
            throw bad(QStringLiteral("chunk key separator \"%1\"; expected \"/\" or \".\"")
                          .arg(m.separator));
        m.array.dimensionSeparator = m.separator;
        const Codecs c = parseCodecs(z.at("codecs"), rank, true, where, "codecs");
        const int size = kindSize.mid(1).toInt();
        m.array.dtype = (size == 1     ? QStringLiteral("|")
                         : c.bigEndian ? QStringLiteral(">")
                                       : QStringLiteral("<")) +
                        kindSize;
        m.array.compressor = c.compressor;
        m.index = c.index;
        if (c.innerChunks) {
            m.shardShape = gridShape;
            m.array.chunks = *c.innerChunks;
            for (std::size_t i = 0; i < rank; ++i)
                if (m.array.chunks[i] < 1 || gridShape[i] % m.array.chunks[i] != 0)
                    throw bad(QStringLiteral("sharding chunk_shape %1 does not divide the shard "
                                             "shape %2; expected a divisor in every dimension")
                                  .arg(dumped(json(m.array.chunks)), dumped(json(gridShape))));
        } else {
            m.array.chunks = gridShape;
        }
        m.array.fillValue = fillFromV3(z.at("fill_value"), kindSize[0].toLatin1(), size, where);
        if (z.contains("dimension_names") && !z["dimension_names"].is_null()) {
            const json& names = z["dimension_names"];
            if (!names.is_array() || names.size() != rank)
                throw bad(QStringLiteral("dimension_names %1; expected %2 names")
                              .arg(dumped(names))
                              .arg(rank));
            for (const json& n : names)
                m.array.dimensions.push_back(
                    n.is_null() ? QString() : QString::fromStdString(n.get<std::string>()));
        }
        m.attributes = z.value("attributes", json::object());
        if (!m.attributes.is_object())
            throw bad(
                QStringLiteral("attributes %1; expected an object").arg(dumped(m.attributes)));
    } catch (const json::exception& e) {
        throw bad(QStringLiteral("is not valid: %1").arg(QString::fromUtf8(e.what())));
    }
    return m;
}

json groupZarrJson(const json& attributes) {
    return {{"zarr_format", 3},
            {"node_type", "group"},
            {"attributes", attributes.is_null() ? json::object() : attributes}};
}

} // namespace seis::zarr
