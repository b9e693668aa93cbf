// Internal to the Zarr sink: a 1-D array written chunk by chunk as its values come (header
// columns, the ensemble index), so that memory holds one chunk whatever the array's length.
// Values are integers stored little-endian in the array's own width. Edge chunks are full size,
// padded with 0. Threads: one thread at a time.
#pragma once

#include "seis/base/fieldtype.h"

#include <QString>
#include <cstddef>
#include <vector>

namespace seis::zarr {

class Codec;
class StoreWriter;

class ColumnWriter {
public:
    // Declares array `name` ("headers/cdp") in `writer`: `length` values (an upper bound when
    // the length is known only at the end: finish() then sets it), `type` an integer type,
    // `chunk` values per chunk (>= 1), the one dimension `dimension`, no fill value (every chunk
    // is written). `codec` may be null (uncompressed). Both must outlive this.
    ColumnWriter(QString name, FieldType type, qint64 chunk, qint64 length, QString dimension,
                 const Codec* codec, StoreWriter& writer);

    void append(qint64 value) {
        detail::storeIntField(m_buffer.data() + m_inChunk * m_width, m_type, ByteOrder::Little,
                              value);
        ++m_length;
        if (++m_inChunk == m_chunk)
            flush();
    }
    // Writes what is buffered (the edge chunk); the array's length becomes the values appended.
    void finish();

    const QString& name() const { return m_name; }
    static QString dtype(FieldType type); // "<i4", "|u1", ...

private:
    void flush();

    QString m_name;
    FieldType m_type;
    qint64 m_width;
    qint64 m_chunk;
    qint64 m_declared; // the length declared
    const Codec* m_codec;
    StoreWriter& m_writer;
    std::vector<std::byte> m_buffer;
    qint64 m_inChunk = 0;
    qint64 m_length = 0;
    qint64 m_chunks = 0; // written
};

// Compresses `size` bytes of `typeSize`-byte elements with `codec`, or copies them when null.
QByteArray encodeChunk(const Codec* codec, const void* data, std::size_t size,
                       std::size_t typeSize);

} // namespace seis::zarr
