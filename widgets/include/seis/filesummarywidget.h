// A read-only summary of an open source: path, trace and sample counts, sample interval and
// format; for a SEG-Y file also its byte order, warnings and textual header (another source has
// no SEG-Y headers, and the summary says so).
//
// Ownership: a QWidget owned by its Qt parent. showFile() copies what it displays, so the
// source may be destroyed afterwards.
// Threads: GUI thread only, like every QWidget.
#pragma once

#include <QWidget>
#include <memory>

namespace seis {

class TraceSource;

class FileSummaryWidget : public QWidget {
    Q_OBJECT

public:
    explicit FileSummaryWidget(QWidget* parent = nullptr);
    ~FileSummaryWidget() override;

    // Shows `source`'s properties. Reads only what the source holds from opening: no I/O.
    void showFile(const TraceSource& source);
    // Back to the empty state (dashes, no textual header).
    void clear();

    // Wide enough for the textual header's 80 columns without scrolling.
    QSize sizeHint() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
