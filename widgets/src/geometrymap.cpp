#include "seis/geometrymap.h"

#include "seis/base/error.h"
#include "seis/gathernavigator.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace seis {

GeometryMap::GeometryMap(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* row = new QHBoxLayout;
    m_scopeBox = new QComboBox(this);
    m_scopeBox->setObjectName(QStringLiteral("geometryScope"));
    m_scopeBox->addItem(tr("Whole file"));
    m_scopeBox->addItem(tr("Current gather"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("geometryProgress"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("geometryCancel"));
    row->addWidget(new QLabel(tr("Positions of"), this));
    row->addWidget(m_scopeBox);
    row->addWidget(m_progress, 1);
    row->addWidget(m_cancel);
    row->addStretch(0);
    layout->addLayout(row);
    m_progress->hide();
    m_cancel->hide();

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("geometryPlot"));
    m_plot->xAxis->setLabel(tr("x"));
    m_plot->yAxis->setLabel(tr("y"));
    m_plot->xAxis->setNumberFormat(QStringLiteral("f"));
    m_plot->xAxis->setNumberPrecision(0);
    m_plot->yAxis->setNumberFormat(QStringLiteral("f"));
    m_plot->yAxis->setNumberPrecision(0);
    const struct {
        QColor color;
        QCPScatterStyle::ScatterShape shape;
        double size;
        const char* name;
    } styles[4] = {
        {QColor(31, 119, 180, 150), QCPScatterStyle::ssDisc, 3, QT_TR_NOOP("receivers")},
        {QColor(214, 39, 40, 170), QCPScatterStyle::ssTriangle, 7, QT_TR_NOOP("sources")},
        {QColor(10, 50, 140), QCPScatterStyle::ssDisc, 6, QT_TR_NOOP("receivers of the gather")},
        {QColor(160, 0, 0), QCPScatterStyle::ssTriangle, 12, QT_TR_NOOP("sources of the gather")},
    };
    // Drawn in this order: receivers under sources, the file's under the gather's.
    for (int l : {FileReceivers, GatherReceivers, FileSources, GatherSources}) {
        QCPGraph* g = m_plot->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setAdaptiveSampling(true);
        QCPScatterStyle style(styles[l].shape, styles[l].size);
        style.setPen(QPen(styles[l].color, l >= GatherReceivers ? 1.6 : 1.0));
        style.setBrush(l == GatherSources ? QBrush(QColor(255, 120, 80)) : QBrush(styles[l].color));
        g->setScatterStyle(style);
        g->setName(tr(styles[l].name));
        m_layers[l] = g;
    }
    m_plot->xAxis->ticker()->setTickCount(2);
    m_plot->setToolTip(tr("Sources: red triangles; receivers: blue dots; those of the traces on "
                          "screen larger. sx, sy, gx, gy with scalco applied. Click a source to "
                          "show its gather."));
    m_plot->yAxis->ticker()->setTickCount(4);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->installEventFilter(this);
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("geometryCaption"));
    m_caption->setWordWrap(true);
    // Wrapped to the panel's width; a long caption never widens the dock.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_caption);
    setMinimumSize(260, 240);

    connect(m_scopeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setScope(index == 1 ? Scope::Gather : Scope::File); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_job.cancel(); });
    redraw();
}

GeometryMap::~GeometryMap() {
    m_job.cancel();
}

void GeometryMap::setSource(std::shared_ptr<const TraceSource> source) {
    if (m_reading) { // its result is no longer wanted; it stops within one block
        m_job.cancel();
        ++m_generation;
        m_reading = false;
        m_progress->hide();
        m_cancel->hide();
    }
    m_source = std::move(source);
    m_file = {};
    m_gather = {};
    redraw();
    startJob();
}

void GeometryMap::setWindowHeaders(const WindowHeaders& headers) {
    m_gather = geometryOf(headers);
    redraw();
    if (m_scope == Scope::Gather)
        fitRanges();
}

void GeometryMap::setActive(bool active) {
    m_active = active;
    startJob();
}

void GeometryMap::setScope(Scope scope) {
    {
        const QSignalBlocker block(m_scopeBox);
        m_scopeBox->setCurrentIndex(scope == Scope::Gather ? 1 : 0);
    }
    if (scope == m_scope)
        return;
    m_scope = scope;
    redraw();
    fitRanges();
    startJob();
}

void GeometryMap::startJob() {
    if (!m_active || !m_source || m_scope != Scope::File || isReading() || !m_file.isEmpty() ||
        m_source->traceCount() == 0)
        return;
    m_job = readSurveyGeometryAsync(m_source);
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancel->show();
    m_caption->setText(tr("Reading sx, sy, gx, gy and scalco of every trace..."));
    // A watcher per job: one abandoned for a newer file can still finish, unheard.
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<SurveyGeometry>(this);
    const auto current = [this, generation] { return generation == m_generation; };
    connect(watcher, &QFutureWatcherBase::progressRangeChanged, this,
            [this, current](int lo, int hi) {
                if (current())
                    m_progress->setRange(lo, hi);
            });
    connect(watcher, &QFutureWatcherBase::progressValueChanged, this, [this, current](int value) {
        if (current())
            m_progress->setValue(value);
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, current] {
        watcher->deleteLater();
        if (!current())
            return;
        m_reading = false;
        m_progress->hide();
        m_cancel->hide();
        QString error;
        try {
            watcher->waitForFinished(); // finished: never blocks
            if (watcher->future().resultCount() > 0) {
                m_file = watcher->result();
                redraw();
                fitRanges();
                return;
            }
        } catch (...) {
            error = errorMessage(std::current_exception());
        }
        m_caption->setText(error.isEmpty() ? tr("Whole file: cancelled.")
                                           : tr("Whole file: %1").arg(error));
    });
    m_reading = true;
    watcher->setFuture(m_job);
}

void GeometryMap::redraw() {
    const bool file = m_scope == Scope::File;
    m_points[FileReceivers] = file ? m_file.receivers : std::vector<GeometryPoint>{};
    m_points[FileSources] = file ? m_file.sources : std::vector<GeometryPoint>{};
    m_points[GatherReceivers] = m_gather.receivers;
    m_points[GatherSources] = m_gather.sources;
    for (int l = 0; l < 4; ++l) {
        QVector<double> x, y;
        for (const GeometryPoint& p : m_points[l]) {
            x << p.x;
            y << p.y;
        }
        m_layers[l]->setData(x, y);
    }
    const QLocale locale;
    QString text;
    const auto count = [&](const SurveyGeometry& g) {
        const auto counted = [&](std::size_t n, const QString& one, const QString& many) {
            return n == 1 ? one : many.arg(locale.toString(qint64(n)));
        };
        QString t = counted(g.sources.size(), tr("1 source"), tr("%1 sources")) +
                    QStringLiteral(", ") +
                    counted(g.receivers.size(), tr("1 receiver"), tr("%1 receivers"));
        if (g.sourcesBinned || g.receiversBinned)
            t += QLatin1Char(' ') + tr("(too many to keep each: shown as raster cells)");
        return t;
    };
    if (file && !m_file.isEmpty())
        text = tr("Whole file, %1 traces: %2.")
                   .arg(locale.toString(m_file.traces.count()), count(m_file));
    else if (file)
        text = m_source ? tr("Whole file: not read yet.") : tr("No file open.");
    if (!m_gather.isEmpty())
        text += (text.isEmpty() ? QString() : QStringLiteral(" ")) +
                tr("On screen (traces %1-%2): %3.")
                    .arg(locale.toString(m_gather.traces.begin + 1),
                         locale.toString(m_gather.traces.end), count(m_gather));
    if (!m_points[FileSources].empty() || !m_points[GatherSources].empty())
        text += QLatin1Char(' ') + tr("Click a source to show its gather.");
    m_caption->setText(text);
    m_plot->replot();
    emit mapShown();
}

void GeometryMap::fitRanges() {
    double x0 = std::numeric_limits<double>::infinity(), x1 = -x0, y0 = x0, y1 = -x0;
    for (const auto& layer : m_points)
        for (const GeometryPoint& p : layer) {
            x0 = std::min(x0, p.x);
            x1 = std::max(x1, p.x);
            y0 = std::min(y0, p.y);
            y1 = std::max(y1, p.y);
        }
    if (!(x0 <= x1)) {
        m_plot->replot();
        return;
    }
    // Equal scales: the larger of the two spans per pixel, with a margin.
    const QRect r = m_plot->axisRect()->rect();
    const double w = std::max(1, r.width()), h = std::max(1, r.height());
    double perPixel = std::max((x1 - x0) / w, (y1 - y0) / h) * 1.1;
    if (perPixel <= 0)
        perPixel = 1.0;
    const double cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
    m_plot->xAxis->setRange(cx - perPixel * w / 2, cx + perPixel * w / 2);
    m_plot->yAxis->setRange(cy - perPixel * h / 2, cy + perPixel * h / 2);
    m_plot->replot();
}

void GeometryMap::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    // After the plot's own layout: its axis rect has its new size.
    QMetaObject::invokeMethod(
        this, [this] { fitRanges(); }, Qt::QueuedConnection);
}

std::vector<GeometryPoint> GeometryMap::drawn(Layer layer) const {
    return m_points[layer];
}

QWidget* GeometryMap::plot() const {
    return m_plot;
}

QPoint GeometryMap::pixelOf(double x, double y) const {
    return QPoint(int(std::lround(m_plot->xAxis->coordToPixel(x))),
                  int(std::lround(m_plot->yAxis->coordToPixel(y))));
}

QString GeometryMap::caption() const {
    return m_caption->text();
}

QPixmap GeometryMap::renderPlot() const {
    return m_plot->toPixmap();
}

bool GeometryMap::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot) {
        if (event->type() == QEvent::MouseButtonPress) {
            const auto* e = static_cast<QMouseEvent*>(event);
            m_pressed = e->button() == Qt::LeftButton;
            m_pressedAt = e->position().toPoint();
        } else if (event->type() == QEvent::MouseButtonRelease && m_pressed) {
            m_pressed = false;
            const QPoint at = static_cast<QMouseEvent*>(event)->position().toPoint();
            if ((at - m_pressedAt).manhattanLength() <= 4) {
                const GeometryPoint* best = nullptr;
                double bestDistance = kPickPixels;
                for (Layer l : {GatherSources, FileSources})
                    for (const GeometryPoint& p : m_points[l]) {
                        const QPointF d = QPointF(pixelOf(p.x, p.y)) - QPointF(at);
                        const double distance = std::hypot(d.x(), d.y());
                        if (distance <= bestDistance) {
                            bestDistance = distance;
                            best = &p;
                        }
                    }
                if (best)
                    emit sourceClicked(best->firstTrace);
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace seis
