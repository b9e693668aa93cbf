#include "seis/zarr/codecv3.h"

#include "seis/base/error.h"

#include <array>

namespace seis::zarr {

namespace {

using nlohmann::json;

constexpr std::array<const char*, 3> kShuffleNames = {"noshuffle", "shuffle", "bitshuffle"};

QString dumped(const json& j) {
    return QString::fromStdString(j.dump());
}

} // namespace

json codecToV3(const json& compressor, int typeSize) {
    const std::string id = compressor.value("id", std::string());
    if (id == "blosc") {
        const int shuffle = compressor.value("shuffle", 1);
        if (shuffle < 0 || shuffle > 2)
            throw ArgumentError(
                QStringLiteral("blosc compressor %1: shuffle %2; expected 0, 1 or 2")
                    .arg(dumped(compressor))
                    .arg(shuffle));
        return {{"name", "blosc"},
                {"configuration",
                 {{"cname", compressor.value("cname", std::string("lz4"))},
                  {"clevel", compressor.value("clevel", 5)},
                  {"shuffle", kShuffleNames[std::size_t(shuffle)]},
                  {"typesize", typeSize},
                  {"blocksize", compressor.value("blocksize", 0)}}}};
    }
    if (id == "zstd")
        return {{"name", "zstd"},
                {"configuration",
                 {{"level", compressor.value("level", 0)},
                  {"checksum", compressor.value("checksum", false)}}}};
    if (id == "gzip")
        return {{"name", "gzip"}, {"configuration", {{"level", compressor.value("level", 1)}}}};
    if (id == "zlib")
        return {{"name", "numcodecs.zlib"},
                {"configuration", {{"level", compressor.value("level", 1)}}}};
    throw ArgumentError(QStringLiteral("compressor %1 has no Zarr v3 form here; expected blosc, "
                                       "zstd, gzip or zlib")
                            .arg(dumped(compressor)));
}

bool isV3Compressor(const json& codec) {
    if (!codec.is_object() || !codec.contains("name") || !codec["name"].is_string())
        return false;
    const std::string name = codec["name"].get<std::string>();
    return name == "blosc" || name == "zstd" || name == "gzip" || name == "zlib" ||
           name == "numcodecs.blosc" || name == "numcodecs.zstd" || name == "numcodecs.gzip" ||
           name == "numcodecs.zlib";
}

json codecFromV3(const json& codec, const QString& where) {
    if (!isV3Compressor(codec))
        throw FormatError(where, QStringLiteral("codec %1 is not supported; expected bytes, "
                                                "blosc, zstd, gzip or zlib (and sharding_indexed)")
                                     .arg(dumped(codec)));
    std::string name = codec["name"].get<std::string>();
    if (name.rfind("numcodecs.", 0) == 0)
        name = name.substr(10);
    const json config = codec.value("configuration", json::object());
    if (!config.is_object())
        throw FormatError(
            where,
            QStringLiteral("codec %1: \"configuration\" is not an object").arg(dumped(codec)));
    try {
        if (name == "blosc") {
            int shuffle = 1;
            const json s = config.value("shuffle", json("shuffle"));
            if (s.is_string()) {
                shuffle = -1;
                for (std::size_t i = 0; i < kShuffleNames.size(); ++i)
                    if (s.get<std::string>() == kShuffleNames[i])
                        shuffle = int(i);
            } else {
                shuffle = s.get<int>(); // numcodecs' integer form
            }
            if (shuffle < 0 || shuffle > 2)
                throw FormatError(where, QStringLiteral("blosc shuffle %1; expected \"noshuffle\", "
                                                        "\"shuffle\" or \"bitshuffle\"")
                                             .arg(dumped(s)));
            return {{"id", "blosc"},
                    {"cname", config.value("cname", std::string("lz4"))},
                    {"clevel", config.value("clevel", 5)},
                    {"shuffle", shuffle},
                    {"blocksize", config.value("blocksize", 0)}};
        }
        if (name == "zstd")
            return {{"id", "zstd"}, {"level", config.value("level", 0)}};
        return {{"id", name}, {"level", config.value("level", 1)}}; // gzip, zlib
    } catch (const json::exception& e) {
        throw FormatError(where, QStringLiteral("codec %1 is not valid: %2")
                                     .arg(dumped(codec), QString::fromUtf8(e.what())));
    }
}

} // namespace seis::zarr
