// Where a store's arrays and groups go, in the store's format: Zarr v2 (storewriterv2.h:
// .zarray/.zattrs/.zgroup files, consolidated .zmetadata) or Zarr v3 (storewriterv3.h: zarr.json
// files, arrays along traces in shards). ZarrSink routes every array through one of these, so
// the layout (which arrays, their chunks and attributes) is written once for both formats.
//
// Use: addArray() for each array before its chunks; writeChunk() with each chunk encoded by the
// codec named in the array's metadata; setAttributes() for groups (the root is ""); finish()
// once, after every writeChunk returned, writes what is held and every metadata document (a
// store whose metadata is complete is complete). Nothing is renamed into place here: the
// DirectoryStore's commit() does that after finish().
//
// Threads: writeChunk may be called from any number of threads at once, each with a different
// chunk; the other members from one thread at a time, not during writeChunk calls.
// Errors: seis/base/error.h (IoError from the store; ArgumentError for a misuse).
#pragma once

#include "seis/zarr/arraymetadata.h"

#include <QByteArray>
#include <QString>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <span>

namespace seis::zarr {

class DirectoryStore;

class StoreWriter {
public:
    virtual ~StoreWriter();
    // Declares array `name` (its path in the store: "amplitude", "headers/fldr"; the groups on
    // the path are written too). `meta.chunks` is the shape of the chunks the caller encodes,
    // `meta.compressor` their codec (v2 form, codec.h; null for none), `meta.dimensions` the
    // dimension names (_ARRAY_DIMENSIONS in v2, dimension_names in v3). `attributes`: the
    // array's other attributes. Throws ArgumentError for a name declared twice.
    virtual void addArray(const QString& name, const ArrayMetadata& meta,
                          const nlohmann::json& attributes = nlohmann::json::object()) = 0;
    // Stores chunk `index` (0-based grid index, one per dimension) of array `name`, encoded.
    // Throws ArgumentError for an array not declared or an index outside its grid.
    virtual void writeChunk(const QString& name, std::span<const qint64> index,
                            QByteArray encoded) = 0;
    // Sets the length of array `name` along its first dimension, for arrays whose length is
    // known only at the end (declared with an upper bound; the chunks written must lie within
    // the new length). Throws ArgumentError for an array not declared, or sharded (v3).
    virtual void resizeArray(const QString& name, qint64 length) = 0;
    // The attributes of group `group` ("" for the root; replaces what was set before).
    virtual void setAttributes(const QString& group, const nlohmann::json& attributes) = 0;
    // Writes what is still held and every metadata document.
    virtual void finish() = 0;
};

// The writer of format `zarrFormat` (2 or 3) into `store` (which must outlive it). For v3, the
// arrays whose first dimension is named "trace" are sharded, `shardTraces` traces per shard
// (rounded up to whole chunks; at least one chunk). Throws ArgumentError for another format or
// shardTraces < 1 with format 3.
// For the writers: a metadata document as the bytes of its file (indented JSON), and the key
// prefix of a group ("" for the root, "headers/" for "headers").
QByteArray metadataBytes(const nlohmann::json& document);
QString groupKeyPrefix(const QString& group);
// The checks and bookkeeping both writers share, under their own locks. `target` names the store
// in errors.
// Throws ArgumentError unless `name` is a new, non-empty array name (`used`: an array or group of
// that name exists).
void checkNewArrayName(const QString& target, const QString& name, bool used);
// Adds the groups on the path of array `name` ("headers" for "headers/fldr") to `groups`, with no
// attributes, keeping those already there.
void addGroupsOnPath(const QString& name, std::map<QString, nlohmann::json>& groups);
// Throws ArgumentError unless `meta` is the metadata of a declared array (not null) of the rank
// of `index` and `index` lies in its chunk grid.
void checkChunkIndex(const QString& target, const QString& name, const ArrayMetadata* meta,
                     std::span<const qint64> index);

std::unique_ptr<StoreWriter> makeStoreWriter(DirectoryStore& store, int zarrFormat,
                                             qint64 shardTraces = 0);

} // namespace seis::zarr
