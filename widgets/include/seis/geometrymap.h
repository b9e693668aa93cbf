// The geometry map: source and receiver positions (sx, sy and gx, gy with scalco applied,
// surveygeometry.h) drawn as points, map-like (equal scales on both axes): receivers as small
// blue dots, sources as red triangles (the caption says so: no legend over the map). Scope "Whole
// file": every trace's positions, read on a worker while the panel is active
// (readSurveyGeometryAsync, with a progress bar and Cancel in the panel; bounded memory: many
// positions become raster cells), with those of the gather on screen drawn bolder on top; scope
// "Current gather": only the gather's, from the headers that come with the window (GatherNavigator
// reads windowFields() on its worker). Clicking near a source (within kPickPixels) emits
// sourceClicked() with its first trace, so the viewer can show the gather holding it.
//
// Threads: GUI thread only. Ownership: a QWidget owned by its Qt parent; it cancels its job on
// destruction (the job stops within one block).
#pragma once

#include "seis/surveygeometry.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <vector>

class QComboBox;
class QCustomPlot;
class QCPGraph;
class QLabel;
class QProgressBar;
class QPushButton;

namespace seis {

struct WindowHeaders;

class GeometryMap : public QWidget {
    Q_OBJECT

public:
    enum class Scope { File, Gather };
    enum Layer { FileReceivers = 0, FileSources, GatherReceivers, GatherSources };
    static constexpr int kPickPixels = 12;

    explicit GeometryMap(QWidget* parent = nullptr);
    ~GeometryMap() override;

    // A new file (null: none): the whole-file geometry is forgotten and its job cancelled.
    void setSource(std::shared_ptr<const TraceSource> source);
    // The headers of the window on screen: its sources and receivers.
    void setWindowHeaders(const WindowHeaders& headers);
    // Whether a whole-file read may run (the dock is visible). Turned on, it starts if needed.
    void setActive(bool active);
    void setScope(Scope scope);
    Scope scope() const { return m_scope; }

    // The header fields each window should come with (sx, sy, gx, gy, scalco).
    static std::vector<HeaderField> windowFields() { return geometryFields(); }
    const SurveyGeometry& fileGeometry() const { return m_file; }
    const SurveyGeometry& gatherGeometry() const { return m_gather; }
    QFuture<SurveyGeometry> job() const { return m_job; }
    // From the start of a whole-file job until its end has been handled (drawn, or said).
    bool isReading() const { return m_reading; }

    // The points drawn in `layer` (map units), empty when the layer is not drawn.
    std::vector<GeometryPoint> drawn(Layer layer) const;
    // The plot widget (QCustomPlot) and the pixel in it of map position (x, y).
    QWidget* plot() const;
    QPoint pixelOf(double x, double y) const;
    QString caption() const;
    // The plot alone as an image (for screenshots).
    QPixmap renderPlot() const;

signals:
    // The user clicked the source whose first trace (0-based) is `trace`.
    void sourceClicked(qint64 trace);
    // New points are drawn.
    void mapShown();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void startJob();
    void redraw();
    void fitRanges();

    std::shared_ptr<const TraceSource> m_source;
    Scope m_scope = Scope::File;
    bool m_active = false;
    bool m_reading = false;
    SurveyGeometry m_file;
    SurveyGeometry m_gather;
    QFuture<SurveyGeometry> m_job;
    quint64 m_generation = 0; // of the job whose end is awaited
    QComboBox* m_scopeBox = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_layers[4] = {};
    std::vector<GeometryPoint> m_points[4];
    QLabel* m_caption = nullptr;
    QPoint m_pressedAt;
    bool m_pressed = false;
};

} // namespace seis
