// The metadata of one Zarr v2 array (.zarray, plus the xarray dimension names of its .zattrs).
//
// Indexing: element and chunk indices are 0-based; chunk keys join the chunk indices with the
// dimension separator ("0/3" with "/", "0.3" with "."). Errors: seis/base/error.h.
#pragma once

#include <QString>
#include <nlohmann/json.hpp>
#include <span>
#include <vector>

namespace seis::zarr {

struct ArrayMetadata {
    std::vector<qint64> shape;  // elements per dimension
    std::vector<qint64> chunks; // elements per chunk per dimension (edge chunks are full size)
    QString dtype;              // numpy type string, e.g. "<f4", "<i8", "|u1"
    nlohmann::json fillValue;   // a number, "NaN", "Infinity", "-Infinity" or null
    nlohmann::json compressor;  // null or the codec's object (codec.h)
    QString dimensionSeparator = QStringLiteral(".");
    std::vector<QString> dimensions; // _ARRAY_DIMENSIONS; empty when the store has none

    // Bytes of one element ("<f4": 4).
    int itemSize() const;
    // Chunks along `dim`: ceil(shape / chunks).
    qint64 chunkCount(int dim) const;
    // The key of the chunk with grid index `index` (one entry per dimension).
    QString chunkKey(std::span<const qint64> index) const;

    // The .zarray document (zarr_format 2, C order, no filters).
    nlohmann::json toZarray() const;
    // Reads a .zarray document. Throws FormatError naming `where` (the store and the array) for
    // anything this library does not read: zarr_format other than 2, F order, filters, a
    // non-numeric dtype, shape and chunks of different ranks or not positive, a bad separator.
    static ArrayMetadata fromZarray(const nlohmann::json& zarray, const QString& where);
};

} // namespace seis::zarr
