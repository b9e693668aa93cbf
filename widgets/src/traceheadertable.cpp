#include "seis/traceheadertable.h"

#include "seis/traceheadermodel.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QStyle>
#include <QStyleOptionHeader>

namespace seis {

TraceHeaderTable::TraceHeaderTable(QWidget* parent)
    : QTableView(parent) {
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 4);
    verticalHeader()->setTextElideMode(Qt::ElideNone);
}

void TraceHeaderTable::setTraceModel(TraceHeaderModel* model) {
    m_model = model;
    setModel(model);
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        fitRowNumbers();
        reselect();
    });
    connect(selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (m_selecting || !m_model)
            return;
        const QModelIndexList rows = selectionModel()->selectedRows();
        const qint64 trace = rows.isEmpty() ? -1 : m_model->traceRange().begin + rows.front().row();
        if (trace == m_trace)
            return;
        m_trace = trace;
        emit traceSelected(trace);
    });
    fitRowNumbers();
}

int TraceHeaderTable::rowNumberWidth() const {
    if (!m_model)
        return 0;
    // The largest number shown is the last row's (1-based), at least one digit.
    const qint64 largest = std::max<qint64>(1, m_model->traceRange().end);
    QStyleOptionHeader option;
    option.initFrom(verticalHeader());
    option.text = QString::number(largest);
    const int margin =
        verticalHeader()->style()->pixelMetric(QStyle::PM_HeaderMargin, &option, verticalHeader());
    return verticalHeader()->fontMetrics().horizontalAdvance(option.text) + 2 * margin + 8;
}

void TraceHeaderTable::fitRowNumbers() {
    verticalHeader()->setMinimumWidth(rowNumberWidth());
}

void TraceHeaderTable::selectTrace(qint64 trace) {
    m_trace = trace;
    reselect();
    if (m_model && trace >= m_model->traceRange().begin && trace < m_model->traceRange().end)
        scrollTo(m_model->index(int(trace - m_model->traceRange().begin), 0));
}

void TraceHeaderTable::reselect() {
    if (!m_model || !selectionModel())
        return;
    m_selecting = true;
    const TraceRange range = m_model->traceRange();
    if (m_trace >= range.begin && m_trace < range.end && m_model->columnCount() > 0) {
        const QModelIndex index = m_model->index(int(m_trace - range.begin), 0);
        selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                     QItemSelectionModel::Rows);
    } else {
        selectionModel()->clearSelection();
    }
    m_selecting = false;
}

} // namespace seis
