// A first, static look at a file: the first traces drawn as a variable-density image (grey
// scale, negative white, positive black), time in ms increasing downward, trace number across.
// The colour range is symmetric, clipped at the 99th percentile of |amplitude| so that a few
// strong events do not wash the image out.
//
// Ownership: a QWidget owned by its Qt parent. showFile() copies the samples it draws, so the
// SegyFile may be destroyed afterwards.
// Threads: GUI thread only, like every QWidget. showFile() reads on the calling thread, which
// is why the window it reads is bounded (see kMaxTraces and kMaxValues).
#pragma once

#include <QWidget>
#include <QtGlobal>
#include <memory>

namespace seis {

class SegyFile;

class GatherPreview : public QWidget {
    Q_OBJECT

public:
    static constexpr qint64 kMaxTraces = 500;
    // Bounds the read for files with very long traces: samples beyond it are not shown.
    static constexpr qint64 kMaxValues = 4 * 1024 * 1024;
    static constexpr double kClipPercentile = 99.0;

    explicit GatherPreview(QWidget* parent = nullptr);
    ~GatherPreview() override;

    // Reads and draws traces [0, min(traceCount, kMaxTraces)) with as many samples from the
    // start of each trace as kMaxValues allows. Throws SegyError if the read fails; the view is
    // cleared first, so it never shows a mix of two files.
    void showFile(const SegyFile& file);
    // Back to an empty plot.
    void clear();

    qint64 shownTraces() const;
    qint64 shownSamples() const;
    float clip() const; // the amplitude drawn full black / full white

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
