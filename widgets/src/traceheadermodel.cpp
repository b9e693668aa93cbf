#include "seis/traceheadermodel.h"

#include "seis/ensembles/sortedsource.h"

#include "seis/base/fieldtype.h"
#include "seis/base/headerscalars.h"
#include "seis/base/tracesource.h"

#include <QtGlobal>
#include <algorithm>
#include <exception>
#include <limits>

namespace seis {

namespace {

QString byteRangeText(const HeaderField& field) {
    const int first = field.byte.position;
    const int last = first + fieldTypeSize(field.type) - 1;
    return TraceHeaderModel::tr("bytes %1-%2, %3")
        .arg(first)
        .arg(last)
        .arg(fieldTypeName(field.type));
}

} // namespace

TraceHeaderModel::TraceHeaderModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_fields(defaultFields()) {}

TraceHeaderModel::~TraceHeaderModel() = default;

std::vector<HeaderField> TraceHeaderModel::defaultFields() {
    static const char* const kNames[] = {"tracl", "fldr",   "tracf", "ep",    "cdp",
                                         "cdpt",  "offset", "sx",    "sy",    "gx",
                                         "gy",    "ns",     "dt",    "iline", "xline"};
    std::vector<HeaderField> fields;
    for (const char* name : kNames) {
        // Every name is in the standard table; a miss would be a programming error, so skip it
        // rather than take the viewer down.
        if (auto field = findStandardTraceField(QString::fromLatin1(name)))
            fields.push_back(*field);
    }
    return fields;
}

void TraceHeaderModel::setSource(std::shared_ptr<const TraceSource> source) {
    beginResetModel();
    m_source = std::move(source);
    updateRange();
    resetCache();
    endResetModel();
}

void TraceHeaderModel::setTraceRange(TraceRange traces) {
    beginResetModel();
    m_requested = traces;
    updateRange();
    // Blocks are aligned to the source's trace numbers, not to the range, so what is cached
    // stays valid when the view scrolls; only a remembered failure is forgotten so the next
    // look retries.
    m_error.clear();
    m_blocks.remove_if([](const Block& block) { return block.failed; });
    endResetModel();
}

void TraceHeaderModel::setFields(std::vector<HeaderField> fields) {
    beginResetModel();
    m_fields = std::move(fields);
    resetCache();
    endResetModel();
}

void TraceHeaderModel::setMaxCachedBlocks(int blocks) {
    m_maxBlocks = std::max(1, blocks);
    while (static_cast<int>(m_blocks.size()) > m_maxBlocks)
        m_blocks.pop_back();
}

void TraceHeaderModel::updateRange() {
    const qint64 total = m_source ? m_source->traceCount() : 0;
    const qint64 begin = std::clamp<qint64>(m_requested.begin, 0, total);
    const qint64 end = std::clamp<qint64>(m_requested.end, begin, total);
    m_range = {begin, end};
}

void TraceHeaderModel::resetCache() {
    m_blocks.clear();
    m_error.clear();
}

int TraceHeaderModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid())
        return 0;
    // Qt's views count rows in int; a range beyond that (2^31 traces on screen) is not useful.
    return static_cast<int>(std::min<qint64>(m_range.count(), std::numeric_limits<int>::max()));
}

int TraceHeaderModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_fields.size());
}

const TraceHeaderModel::Block* TraceHeaderModel::blockFor(qint64 trace) const {
    const qint64 index = trace / kBlockRows;
    for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it) {
        if (it->index == index) {
            m_blocks.splice(m_blocks.begin(), m_blocks, it);
            return &m_blocks.front();
        }
    }

    Block block;
    block.index = index;
    block.first = index * kBlockRows;
    // The whole block, not just the rows in range: a neighbouring range (one scroll step) then
    // finds it complete.
    block.count = std::min(kBlockRows, m_source->traceCount() - block.first);
    try {
        // The fields, then scalco and scalel for the coordinates and elevations among them.
        std::vector<HeaderField> read = m_fields;
        read.push_back(scalarField(HeaderScalar::Coordinate));
        read.push_back(scalarField(HeaderScalar::Elevation));
        block.values.resize(static_cast<std::size_t>(block.count) * read.size());
        std::vector<qint64*> columns;
        columns.reserve(read.size());
        for (std::size_t k = 0; k < read.size(); ++k)
            columns.push_back(block.values.data() + k * static_cast<std::size_t>(block.count));
        m_source->readHeaderColumns(read, {block.first, block.first + block.count}, columns);
    } catch (const std::exception& e) {
        // Kept as a failed block so a view repainting the same cells does not retry (and fail)
        // on every paint event.
        block.failed = true;
        block.values.clear();
        block.values.shrink_to_fit();
        m_error = QString::fromUtf8(e.what());
        emit const_cast<TraceHeaderModel*>(this)->readFailed(m_error);
    }
    m_blocks.push_front(std::move(block));
    while (static_cast<int>(m_blocks.size()) > m_maxBlocks)
        m_blocks.pop_back();
    return &m_blocks.front();
}

QVariant TraceHeaderModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_source || index.row() < 0 || index.row() >= rowCount() ||
        index.column() < 0 || index.column() >= columnCount())
        return {};
    const HeaderField& field = m_fields[static_cast<std::size_t>(index.column())];
    const HeaderScalar scalar = headerScalarOf(field);
    // Column `column` of the block's values (the scalars follow the fields) for this row.
    const auto valueAt = [&](const Block* block, std::size_t column) {
        return block->values[column * static_cast<std::size_t>(block->count) +
                             static_cast<std::size_t>(m_range.begin + index.row() - block->first)];
    };
    const auto scalarOf = [&](const Block* block) {
        return valueAt(block, m_fields.size() + (scalar == HeaderScalar::Elevation ? 1 : 0));
    };
    switch (role) {
    case Qt::DisplayRole:
    case RawValueRole: {
        const Block* block = blockFor(m_range.begin + index.row());
        if (block->failed)
            return {};
        const qint64 raw = valueAt(block, std::size_t(index.column()));
        if (role == RawValueRole || scalar == HeaderScalar::None)
            return QVariant::fromValue<qlonglong>(raw);
        return formatScaledValue(applySegyScalar(raw, scalarOf(block)));
    }
    case Qt::ToolTipRole: {
        const QString text = tr("%1: %2").arg(field.name, byteRangeText(field));
        if (scalar == HeaderScalar::None)
            return text;
        const Block* block = blockFor(m_range.begin + index.row());
        if (block->failed)
            return text;
        return tr("%1; stored %2, %3 %4 applied")
            .arg(text)
            .arg(valueAt(block, std::size_t(index.column())))
            .arg(scalarField(scalar).name)
            .arg(scalarOf(block));
    }
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant TraceHeaderModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        const HeaderField& field = m_fields[static_cast<std::size_t>(section)];
        if (role == Qt::DisplayRole)
            return tr("%1 (%2)").arg(field.name).arg(field.byte.position);
        if (role == Qt::ToolTipRole)
            return tr("%1: %2").arg(field.name, byteRangeText(field));
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole) // 1-based, as people number traces; a sorted view's file trace
        return QVariant::fromValue<qlonglong>(fileTraceOf(*m_source, m_range.begin + section) + 1);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    return {};
}

} // namespace seis
