// A read-only summary of an open SEG-Y file: path, trace and sample counts, sample interval,
// format, byte order, warnings and the textual header.
//
// Ownership: a QWidget owned by its Qt parent. showFile() copies what it displays, so the
// SegyFile may be destroyed afterwards.
// Threads: GUI thread only, like every QWidget.
#pragma once

#include <QWidget>
#include <memory>

namespace seis {

class SegyFile;

class FileSummaryWidget : public QWidget {
    Q_OBJECT

public:
    explicit FileSummaryWidget(QWidget* parent = nullptr);
    ~FileSummaryWidget() override;

    // Shows `file`'s properties. Reads only what SegyFile already holds from opening: no I/O.
    void showFile(const SegyFile& file);
    // Back to the empty state (dashes, no textual header).
    void clear();

    // Wide enough for the textual header's 80 columns without scrolling.
    QSize sizeHint() const override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
