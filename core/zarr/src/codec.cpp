#include "seis/zarr/codec.h"

#include "seis/base/error.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/zlibcodec.h"
#include "seis/zarr/zstdcodec.h"

namespace seis::zarr {

Codec::~Codec() = default;

std::unique_ptr<Codec> codecFromJson(const nlohmann::json& compressor, const QString& where) {
    if (compressor.is_null())
        return nullptr;
    if (!compressor.is_object() || !compressor.contains("id") || !compressor["id"].is_string())
        throw FormatError(where, QStringLiteral("compressor %1 is not valid; expected null or an "
                                                "object with an \"id\"")
                                     .arg(QString::fromStdString(compressor.dump())));
    const std::string id = compressor["id"].get<std::string>();
    if (id == "blosc") {
        try {
            const int shuffle = compressor.value("shuffle", 1);
            if (shuffle < -1 || shuffle > 2)
                throw ArgumentError(
                    QStringLiteral("shuffle %1; expected -1, 0, 1 or 2").arg(shuffle));
            return std::make_unique<BloscCodec>(
                QString::fromStdString(compressor.value("cname", std::string("lz4"))),
                compressor.value("clevel", 5), static_cast<Shuffle>(shuffle),
                compressor.value("blocksize", 0));
        } catch (const nlohmann::json::exception& e) {
            throw FormatError(where, QStringLiteral("blosc compressor %1 is not valid: %2")
                                         .arg(QString::fromStdString(compressor.dump()),
                                              QString::fromUtf8(e.what())));
        } catch (const ArgumentError& e) {
            throw FormatError(where,
                              QStringLiteral("blosc compressor %1 is not valid: %2")
                                  .arg(QString::fromStdString(compressor.dump()), e.detail()));
        }
    }
    if (id == "zlib" || id == "gzip" || id == "zstd") {
        try {
            // numcodecs' defaults: level 1 for all three.
            const int level = compressor.value("level", 1);
            if (id == "zstd")
                return std::make_unique<ZstdCodec>(level);
            return std::make_unique<ZlibCodec>(level, id == "gzip" ? ZlibCodec::Wrapper::Gzip
                                                                   : ZlibCodec::Wrapper::Zlib);
        } catch (const nlohmann::json::exception& e) {
            throw FormatError(where, QStringLiteral("%1 compressor %2 is not valid: %3")
                                         .arg(QString::fromStdString(id),
                                              QString::fromStdString(compressor.dump()),
                                              QString::fromUtf8(e.what())));
        } catch (const ArgumentError& e) {
            throw FormatError(where,
                              QStringLiteral("%1 compressor %2 is not valid: %3")
                                  .arg(QString::fromStdString(id),
                                       QString::fromStdString(compressor.dump()), e.detail()));
        }
    }
    throw FormatError(where, QStringLiteral("compressor \"%1\" is not supported; expected "
                                            "\"blosc\", \"zstd\", \"zlib\", \"gzip\" or "
                                            "null")
                                 .arg(QString::fromStdString(id)));
}

} // namespace seis::zarr
