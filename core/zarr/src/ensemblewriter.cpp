#include "ensemblewriter.h"

#include "seis/base/error.h"

#include <algorithm>

namespace seis::zarr {

namespace {
constexpr qint64 kMaxChunk = 65536; // ensembles per chunk
} // namespace

QString EnsembleWriter::keyName(const HeaderField& key) {
    for (const StandardTraceField& f : standardTraceFields())
        if (f.byte == key.byte.position && f.type == key.type)
            return QString::fromLatin1(f.suName);
    return QStringLiteral("byte_%1_%2").arg(key.byte.position).arg(fieldTypeName(key.type));
}

EnsembleWriter::EnsembleWriter(std::vector<HeaderField> keys, qint64 traces, const Codec* codec,
                               StoreWriter& writer)
    : m_keys(std::move(keys)) {
    if (m_keys.empty() || m_keys.size() > 2)
        throw ArgumentError(
            QStringLiteral("%1 ensemble keys; expected one or two").arg(m_keys.size()));
    // As many ensembles as traces at most; the lengths are set at the end.
    const qint64 bound = std::max<qint64>(1, traces);
    const qint64 chunk = std::min(kMaxChunk, bound);
    const QString dim = QStringLiteral("ensemble");
    m_columns.push_back(std::make_unique<ColumnWriter>(
        QStringLiteral("ensembles/first_trace"), FieldType::I8, chunk, bound, dim, codec, writer));
    m_columns.push_back(std::make_unique<ColumnWriter>(
        QStringLiteral("ensembles/trace_count"), FieldType::I8, chunk, bound, dim, codec, writer));
    for (const HeaderField& k : m_keys) {
        if (isFloatType(k.type))
            throw ArgumentError(QStringLiteral("ensemble key %1 is a float field; expected an "
                                               "integer field")
                                    .arg(k.name));
        m_columns.push_back(std::make_unique<ColumnWriter>(
            QStringLiteral("ensembles/") + keyName(k), k.type, chunk, bound, dim, codec, writer));
    }
}

void EnsembleWriter::endRun() {
    m_columns[0]->append(m_runStart);
    m_columns[1]->append(m_traces - m_runStart);
    for (std::size_t k = 0; k < m_keys.size(); ++k)
        m_columns[2 + k]->append(m_values[k]);
}

void EnsembleWriter::add(const std::byte* headers, qint64 count, ByteOrder order) {
    for (qint64 t = 0; t < count; ++t, ++m_traces) {
        const std::byte* h = headers + t * kTraceHeaderBytes;
        std::array<qint64, 2> v = {};
        for (std::size_t k = 0; k < m_keys.size(); ++k)
            v[k] = readIntField(h + m_keys[k].byte.position - 1, m_keys[k].type, order);
        if (m_traces == 0) {
            m_values = v;
        } else if (v != m_values) {
            endRun();
            m_runStart = m_traces;
            m_values = v;
        }
    }
}

void EnsembleWriter::finish() {
    if (m_traces > 0)
        endRun();
    for (auto& c : m_columns)
        c->finish();
}

} // namespace seis::zarr
