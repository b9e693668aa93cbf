// The trace-header table: a TraceHeaderModel's rows (the traces on screen) whose row-number
// column always fits its numbers, and whose selection names a trace.
//
// Row numbers are the model's 1-based trace numbers; the column is as wide as the largest of
// them (7 digits and more are never elided), whatever the range shown. Selecting a row (click,
// keys) emits traceSelected with that trace; selectTrace() selects a trace's row from outside
// (a click in the gather) without emitting. The selection is kept across model resets (every
// new window) while its trace is in the range.
//
// Indexing: traces are 0-based and absolute (the source's). Threads: GUI thread only.
#pragma once

#include <QTableView>
#include <QtGlobal>

namespace seis {

class TraceHeaderModel;

class TraceHeaderTable : public QTableView {
    Q_OBJECT

public:
    explicit TraceHeaderTable(QWidget* parent = nullptr);

    // The model shown (not owned). Use this rather than setModel().
    void setTraceModel(TraceHeaderModel* model);

    // Selects the row of trace `trace` and scrolls to it; -1 (or a trace outside the range)
    // clears the selection. Does not emit traceSelected.
    void selectTrace(qint64 trace);
    // The trace selected (0-based), or -1.
    qint64 selectedTrace() const { return m_trace; }

    // The width the row-number column needs for the model's largest trace number, in pixels.
    int rowNumberWidth() const;

signals:
    // The user selected the row of `trace` (0-based); -1 when the selection was cleared.
    void traceSelected(qint64 trace);

private:
    void fitRowNumbers();
    void reselect();

    TraceHeaderModel* m_model = nullptr;
    qint64 m_trace = -1;
    bool m_selecting = false; // selectTrace()/reselect() at work: no signal
};

} // namespace seis
