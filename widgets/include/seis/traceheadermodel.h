// A table of trace header values for a range of traces (typically the traces on screen).
//
// Rows are the traces of traceRange(), in order; columns are fields(). Values are read lazily
// through TraceSource::readHeaderColumns in blocks of blockRows() traces, and at most
// maxCachedBlocks() blocks are kept (least recently used ones are dropped), so a view over a
// 200000-trace range reads only what is shown and memory stays bounded.
//
// Indexing: rows are 0-based within the range; the vertical header shows the trace's 1-based
// number in the file, as people count traces (traceRange().begin + row + 1; of a sorted view,
// the file trace shown there, plus one: fileTraceOf, seis/ensembles/sortedsource.h). Header byte
// positions are 1-based, as in SEG-Y.
// Scalars: coordinates (sx, sy, gx, gy, cdpx, cdpy) are shown with the trace's scalco applied,
// elevations and depths (gelev, selev, sdepth, gdel, sdel, swdep, gwdep) with its scalel
// (seis/base/headerscalars.h); RawValueRole gives the value as stored. Each block reads scalco
// and scalel with its fields.
// Errors: a read that fails (FormatError or any std::exception from the source) never throws out of
// the model: the cells of that block are empty and errorString() holds the message, which names
// the file. The failure is remembered until the source, fields or range change.
// Threads: GUI thread only, like every item model; the source itself may be shared with workers.
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/types.h"

#include <QAbstractTableModel>
#include <QString>
#include <list>
#include <memory>
#include <vector>

namespace seis {

class TraceSource;

class TraceHeaderModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // The value as stored in the header (qlonglong), before any scalar.
    static constexpr int RawValueRole = Qt::UserRole + 1;

    // Traces per block read at once.
    static constexpr qint64 kBlockRows = 256;
    // Default bound on cached blocks (8 x 256 rows x 15 fields x 8 bytes: about 250 KB).
    static constexpr int kDefaultMaxCachedBlocks = 8;

    explicit TraceHeaderModel(QObject* parent = nullptr);
    ~TraceHeaderModel() override;

    // tracl, fldr, tracf, ep, cdp, cdpt, offset, sx, sy, gx, gy, ns, dt, iline, xline.
    static std::vector<HeaderField> defaultFields();

    // Each setter resets the model (beginResetModel/endResetModel) and clears errorString().
    // A null source gives an empty model. The range is clamped to [0, source->traceCount()).
    void setSource(std::shared_ptr<const TraceSource> source);
    void setTraceRange(TraceRange traces);
    void setFields(std::vector<HeaderField> fields);

    std::shared_ptr<const TraceSource> source() const { return m_source; }
    // The range shown: the one given, clamped to the source (empty without a source).
    TraceRange traceRange() const { return m_range; }
    const std::vector<HeaderField>& fields() const { return m_fields; }

    // The message of the last failed read ("" if none since the last reset).
    QString errorString() const { return m_error; }

    qint64 blockRows() const { return kBlockRows; }
    int maxCachedBlocks() const { return m_maxBlocks; }
    // At least 1. Drops blocks beyond the new bound at once.
    void setMaxCachedBlocks(int blocks);
    // Blocks held right now (<= maxCachedBlocks()).
    int blocksCached() const { return static_cast<int>(m_blocks.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    // DisplayRole: the value as qlonglong, or for a scaled field the scaled value as text
    // (formatScaledValue: "612345", "-45690.5"); RawValueRole: as stored; ToolTipRole: field,
    // byte range and type (and the stored value and scalar of a scaled field);
    // TextAlignmentRole: right-aligned. Empty QVariant for a cell whose read failed.
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    // Horizontal: "cdp (21)" (name and 1-based first byte), tooltip with byte range and type.
    // Vertical: the 1-based trace number in the source.
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // Emitted once per failed block read with the message also kept in errorString().
    void readFailed(const QString& message);

private:
    struct Block {
        qint64 index = 0;           // block number: traces [index * kBlockRows, ...)
        qint64 first = 0;           // first trace held
        qint64 count = 0;           // traces held
        bool failed = false;        // the read threw; values is empty
        std::vector<qint64> values; // field-major: values[field * count + (trace - first)]
    };

    const Block* blockFor(qint64 trace) const;
    void resetCache();
    void updateRange();

    std::shared_ptr<const TraceSource> m_source;
    TraceRange m_requested; // as given to setTraceRange
    TraceRange m_range;     // m_requested clamped to the source
    std::vector<HeaderField> m_fields;
    int m_maxBlocks = kDefaultMaxCachedBlocks;
    // Most recently used first. Mutable: data() is const but fills the cache.
    mutable std::list<Block> m_blocks;
    mutable QString m_error;
};

} // namespace seis
