// Internal to the Zarr sink: a 1-D array written chunk by chunk as its values come (header
// columns, the ensemble index), so that memory holds one chunk whatever the array's length.
// Values are integers stored little-endian in the array's own width. Edge chunks are full size,
// padded with 0. Threads: one thread at a time.
#pragma once

#include "seis/base/fieldtype.h"
#include "seis/zarr/arraymetadata.h"

#include <QString>
#include <cstddef>
#include <vector>

namespace seis::zarr {

class Codec;
class DirectoryStore;

class ColumnWriter {
public:
    // `name`: the array's key in the store ("headers/cdp"); `type` an integer type; `chunk`
    // values per chunk (>= 1). `codec` may be null (uncompressed). Both must outlive this.
    ColumnWriter(QString name, FieldType type, qint64 chunk, const Codec* codec,
                 const DirectoryStore& store);

    void append(qint64 value) {
        detail::storeIntField(m_buffer.data() + m_inChunk * m_width, m_type, ByteOrder::Little,
                              value);
        ++m_length;
        if (++m_inChunk == m_chunk)
            flush();
    }
    // Writes what is buffered (the edge chunk) and returns the array's metadata: shape
    // [values appended], no fill value (every chunk is written), dimension `dimension`.
    ArrayMetadata finish(const QString& dimension);

    const QString& name() const { return m_name; }
    static QString dtype(FieldType type); // "<i4", "|u1", ...

private:
    void flush();

    QString m_name;
    FieldType m_type;
    qint64 m_width;
    qint64 m_chunk;
    const Codec* m_codec;
    const DirectoryStore& m_store;
    std::vector<std::byte> m_buffer;
    qint64 m_inChunk = 0;
    qint64 m_length = 0;
    qint64 m_chunks = 0; // written
};

// Compresses `size` bytes of `typeSize`-byte elements with `codec`, or copies them when null.
QByteArray encodeChunk(const Codec* codec, const void* data, std::size_t size,
                       std::size_t typeSize);

} // namespace seis::zarr
