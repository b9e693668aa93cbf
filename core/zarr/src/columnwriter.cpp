#include "columnwriter.h"

#include "seis/base/error.h"
#include "seis/zarr/arraymetadata.h"
#include "seis/zarr/codec.h"
#include "seis/zarr/storewriter.h"

#include <algorithm>

namespace seis::zarr {

QByteArray encodeChunk(const Codec* codec, const void* data, std::size_t size,
                       std::size_t typeSize) {
    const auto* bytes = static_cast<const std::byte*>(data);
    if (codec)
        return codec->encode(bytes, size, typeSize);
    return QByteArray(reinterpret_cast<const char*>(bytes), qsizetype(size));
}

QString ColumnWriter::dtype(FieldType type) {
    switch (type) {
    case FieldType::I1:
        return QStringLiteral("|i1");
    case FieldType::U1:
        return QStringLiteral("|u1");
    case FieldType::I2:
        return QStringLiteral("<i2");
    case FieldType::U2:
        return QStringLiteral("<u2");
    case FieldType::I4:
        return QStringLiteral("<i4");
    case FieldType::U4:
        return QStringLiteral("<u4");
    case FieldType::I8:
        return QStringLiteral("<i8");
    case FieldType::U8:
        return QStringLiteral("<u8");
    case FieldType::F4:
    case FieldType::F8:
        break;
    }
    throw ArgumentError(QStringLiteral("header column of type %1; expected an integer type")
                            .arg(fieldTypeName(type)));
}

ColumnWriter::ColumnWriter(QString name, FieldType type, qint64 chunk, qint64 length,
                           QString dimension, const Codec* codec, StoreWriter& writer)
    : m_name(std::move(name))
    , m_type(type)
    , m_width(fieldTypeSize(type))
    , m_chunk(std::max<qint64>(1, chunk))
    , m_declared(length)
    , m_codec(codec)
    , m_writer(writer)
    , m_buffer(std::size_t(m_chunk * m_width), std::byte{0}) {
    ArrayMetadata m;
    m.shape = {length};
    m.chunks = {m_chunk};
    m.dtype = dtype(type); // refuses float types
    m.fillValue = nullptr;
    m.compressor = m_codec ? m_codec->toJson() : nlohmann::json(nullptr);
    m.dimensionSeparator = QStringLiteral("/");
    m.dimensions = {std::move(dimension)};
    m_writer.addArray(m_name, m);
}

void ColumnWriter::flush() {
    if (m_inChunk == 0)
        return;
    std::fill(m_buffer.begin() + std::ptrdiff_t(m_inChunk * m_width), m_buffer.end(), std::byte{0});
    const qint64 index[] = {m_chunks};
    m_writer.writeChunk(
        m_name, index,
        encodeChunk(m_codec, m_buffer.data(), m_buffer.size(), std::size_t(m_width)));
    ++m_chunks;
    m_inChunk = 0;
}

void ColumnWriter::finish() {
    flush();
    if (m_length != m_declared)
        m_writer.resizeArray(m_name, m_length);
}

} // namespace seis::zarr
