#include "seis/headergraph.h"

#include "seis/base/error.h"
#include "seis/gathernavigator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <limits>
#include <qcustomplot.h>

namespace seis {

namespace {

const QColor kColors[2] = {QColor(31, 119, 180), QColor(230, 120, 20)};

QString keyTitle(const HeaderField& key, bool scalars) {
    if (!scalars)
        return key.name;
    if (const auto s = scalarFieldOf(key))
        return HeaderGraph::tr("%1 (%2 applied)").arg(key.name, s->name);
    return key.name;
}

} // namespace

HeaderGraph::HeaderGraph(QWidget* parent)
    : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    auto* row = new QHBoxLayout;
    QStringList names;
    for (const StandardTraceField& f : standardTraceFields())
        names << QString::fromLatin1(f.suName);
    m_first = new QComboBox(this);
    m_first->setObjectName(QStringLiteral("headerGraphKey"));
    m_first->setEditable(true);
    m_first->addItems(names);
    m_first->setToolTip(tr("A header key by name (offset, cdp...) or byte (189:i4)"));
    m_second = new QComboBox(this);
    m_second->setObjectName(QStringLiteral("headerGraphSecondKey"));
    m_second->setEditable(true);
    m_second->addItem(QString());
    m_second->addItems(names);
    m_second->lineEdit()->setPlaceholderText(tr("(none)"));
    m_second->setToolTip(tr("A second key, or empty for none"));
    m_ownAxis = new QCheckBox(tr("Own axis"), this);
    m_ownAxis->setChecked(true);
    m_ownAxis->setToolTip(tr("The second key on its own axis (right); off: on the first key's"));
    m_scalars = new QCheckBox(tr("Scalars"), this);
    m_scalars->setChecked(true);
    m_scalars->setToolTip(tr("Coordinates with scalco, elevations and depths with scalel applied"));
    m_scopeBox = new QComboBox(this);
    m_scopeBox->setObjectName(QStringLiteral("headerGraphScope"));
    m_scopeBox->addItem(tr("On screen"));
    m_scopeBox->addItem(tr("Whole file"));
    row->addWidget(new QLabel(tr("Key"), this));
    row->addWidget(m_first);
    row->addWidget(new QLabel(tr("and"), this));
    row->addWidget(m_second);
    row->addWidget(m_ownAxis);
    row->addWidget(m_scalars);
    row->addWidget(m_scopeBox);
    row->addStretch(1);
    layout->addLayout(row);

    auto* progressRow = new QHBoxLayout;
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("headerGraphProgress"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("headerGraphCancel"));
    progressRow->addWidget(m_progress, 1);
    progressRow->addWidget(m_cancel);
    layout->addLayout(progressRow);
    m_progress->hide();
    m_cancel->hide();

    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("headerGraphPlot"));
    m_plot->xAxis->setLabel(tr("trace"));
    for (int k = 0; k < 2; ++k) {
        m_min[k] = m_plot->addGraph();
        m_max[k] = m_plot->addGraph();
        for (QCPGraph* g : {m_min[k], m_max[k]})
            g->setPen(QPen(kColors[k], 1.2));
        m_max[k]->removeFromLegend();
    }
    m_screen = new QCPItemRect(m_plot);
    m_screen->setLayer(QStringLiteral("grid"));
    m_screen->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_screen->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_screen->setPen(Qt::NoPen);
    m_screen->setBrush(QColor(0, 0, 0, 28));
    m_screen->setVisible(false);
    m_plot->legend->setVisible(true);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->axisRect()->setRangeDrag(Qt::Horizontal);
    m_plot->axisRect()->setRangeZoom(Qt::Horizontal);
    m_plot->installEventFilter(this);
    m_refineTimer = new QTimer(this);
    m_refineTimer->setSingleShot(true);
    m_refineTimer->setInterval(250); // once the wheel has stopped
    connect(m_refineTimer, &QTimer::timeout, this, &HeaderGraph::refine);
    connect(m_plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this, [this] {
        if (!m_drawing && m_scope == Scope::File)
            m_refineTimer->start();
    });
    layout->addWidget(m_plot, 1);
    m_caption = new QLabel(this);
    m_caption->setObjectName(QStringLiteral("headerGraphCaption"));
    m_caption->setWordWrap(true);
    // Wrapped to the panel's width; a long caption never widens the dock.
    m_caption->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    layout->addWidget(m_caption);
    setMinimumSize(320, 200);

    connect(m_first, &QComboBox::textActivated, this, &HeaderGraph::keysEdited);
    connect(m_first->lineEdit(), &QLineEdit::editingFinished, this, &HeaderGraph::keysEdited);
    connect(m_second, &QComboBox::textActivated, this, &HeaderGraph::keysEdited);
    connect(m_second->lineEdit(), &QLineEdit::editingFinished, this, &HeaderGraph::keysEdited);
    connect(m_ownAxis, &QCheckBox::toggled, this, [this] { draw(m_series); });
    connect(m_scalars, &QCheckBox::toggled, this, &HeaderGraph::setScalarsApplied);
    connect(m_scopeBox, &QComboBox::currentIndexChanged, this,
            [this](int index) { setScope(index == 1 ? Scope::File : Scope::Screen); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_job.cancel(); });
    setKeys(QStringLiteral("offset"));
}

HeaderGraph::~HeaderGraph() {
    m_job.cancel();
    // The key boxes outlive this part of the object (QWidget deletes its children later), and
    // losing the focus as the window closes makes them emit editingFinished: not to here.
    for (QComboBox* box : {m_first, m_second}) {
        box->disconnect(this);
        box->lineEdit()->disconnect(this);
    }
}

void HeaderGraph::setSource(std::shared_ptr<const TraceSource> source) {
    abandonJob();
    m_source = std::move(source);
    m_fileSeries = {};
    m_windowHeaders.reset();
    m_onScreen = {};
    draw({});
    startJob();
}

void HeaderGraph::setWindowHeaders(const WindowHeaders& headers) {
    m_windowHeaders = std::make_unique<WindowHeaders>(headers);
    m_onScreen = headers.traces;
    if (m_scope == Scope::Screen)
        draw(headerSeriesOf(headers, m_keys, scalarsApplied(),
                            std::max<qint64>(1, headers.traces.count())));
    else
        showScreenRange();
}

void HeaderGraph::setActive(bool active) {
    m_active = active;
    startJob();
}

void HeaderGraph::setKeys(const QString& first, const QString& second) {
    std::vector<HeaderField> keys{m_mapping.resolve(first.trimmed())};
    if (!second.trimmed().isEmpty())
        keys.push_back(m_mapping.resolve(second.trimmed()));
    {
        const QSignalBlocker a(m_first), b(m_second);
        m_first->setEditText(keys[0].name);
        m_second->setEditText(keys.size() > 1 ? keys[1].name : QString());
    }
    if (keys == m_keys)
        return;
    m_keys = std::move(keys);
    if (m_scope == Scope::Screen) {
        draw(m_windowHeaders ? headerSeriesOf(*m_windowHeaders, m_keys, scalarsApplied(),
                                              std::max<qint64>(1, m_onScreen.count()))
                             : HeaderSeries{});
    } else {
        abandonJob();
        draw({});
        startJob();
    }
    emit windowFieldsChanged();
}

void HeaderGraph::setMapping(HeaderMapping mapping) {
    m_mapping = std::move(mapping);
    const QSignalBlocker a(m_first), b(m_second);
    const QString first = m_first->currentText(), second = m_second->currentText();
    m_first->clear();
    m_second->clear();
    m_second->addItem(QString());
    QStringList names;
    for (const HeaderField& f : m_mapping.fields())
        names << f.name;
    for (const StandardTraceField& f : standardTraceFields())
        names << QString::fromLatin1(f.suName);
    m_first->addItems(names);
    m_second->addItems(names);
    m_first->setEditText(first);
    m_second->setEditText(second);
}

void HeaderGraph::keysEdited() {
    try {
        setKeys(m_first->currentText(), m_second->currentText());
    } catch (const Error& e) {
        m_caption->setText(e.detail());
    }
}

void HeaderGraph::setScope(Scope scope) {
    {
        const QSignalBlocker block(m_scopeBox);
        m_scopeBox->setCurrentIndex(scope == Scope::File ? 1 : 0);
    }
    if (scope == m_scope)
        return;
    m_scope = scope;
    abandonJob();
    if (scope == Scope::Screen && m_windowHeaders)
        draw(headerSeriesOf(*m_windowHeaders, m_keys, scalarsApplied(),
                            std::max<qint64>(1, m_onScreen.count())));
    else if (scope == Scope::File && !m_fileSeries.isEmpty() && m_fileSeries.keys == m_keys &&
             m_fileSeries.scalarsApplied == scalarsApplied())
        draw(m_fileSeries);
    else
        draw({});
    startJob();
    emit windowFieldsChanged();
}

void HeaderGraph::setSecondOnOwnAxis(bool own) {
    m_ownAxis->setChecked(own);
}

bool HeaderGraph::secondOnOwnAxis() const {
    return m_ownAxis->isChecked();
}

void HeaderGraph::setScalarsApplied(bool applied) {
    {
        const QSignalBlocker block(m_scalars);
        m_scalars->setChecked(applied);
    }
    if (m_scope == Scope::Screen) {
        draw(m_windowHeaders ? headerSeriesOf(*m_windowHeaders, m_keys, applied,
                                              std::max<qint64>(1, m_onScreen.count()))
                             : HeaderSeries{});
    } else {
        abandonJob();
        draw({});
        startJob();
    }
    emit windowFieldsChanged();
}

bool HeaderGraph::scalarsApplied() const {
    return m_scalars->isChecked();
}

std::vector<HeaderField> HeaderGraph::windowFields() const {
    if (m_scope != Scope::Screen || m_keys.empty())
        return {};
    return headerSeriesFields(m_keys, scalarsApplied());
}

qint64 HeaderGraph::maxColumns() const {
    const qint64 width = qint64(std::ceil(m_plot->axisRect()->width() * devicePixelRatioF()));
    return std::max(kMinColumns, width);
}

void HeaderGraph::startJob() {
    if (!m_active || !m_source || m_keys.empty() || m_scope != Scope::File ||
        (isReading() && !m_readingDetail))
        return;
    if (!m_fileSeries.isEmpty() && m_fileSeries.keys == m_keys &&
        m_fileSeries.scalarsApplied == scalarsApplied())
        return; // read already
    abandonJob();
    startJob(std::nullopt);
}

void HeaderGraph::startJob(std::optional<TraceRange> range) {
    m_readingDetail = range.has_value();
    m_job = readHeaderSeriesAsync(m_source, m_keys, scalarsApplied(),
                                  m_readingDetail ? 2 * maxColumns() : maxColumns(), range);
    m_progress->setRange(0, 0);
    m_progress->setValue(0);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_progress->show();
    m_cancel->show();
    m_caption->setText(tr("Reading %1 of every trace...").arg(m_keys[0].name));
    // A watcher per job: one abandoned for a newer job can still finish, unheard.
    const quint64 generation = ++m_generation;
    auto* watcher = new QFutureWatcher<HeaderSeries>(this);
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
    connect(watcher, &QFutureWatcherBase::progressTextChanged, this,
            [this, current](const QString& text) {
                if (current())
                    m_progress->setFormat(QStringLiteral("%p%  ") + text);
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
                if (m_readingDetail) {
                    draw(watcher->result(), true);
                } else {
                    m_fileSeries = watcher->result();
                    draw(m_fileSeries);
                }
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

void HeaderGraph::abandonJob() {
    if (!m_reading)
        return;
    m_job.cancel(); // it stops within one block; its end is not waited for
    ++m_generation;
    m_reading = false;
    m_progress->hide();
    m_cancel->hide();
}

void HeaderGraph::refine() {
    if (m_scope != Scope::File || m_fileSeries.isEmpty() || !m_fileSeries.isBinned() ||
        (isReading() && !m_readingDetail))
        return;
    const TraceRange all = m_fileSeries.traces;
    const QCPRange view = m_plot->xAxis->range(); // x: trace + 1
    // Trace t is at x = t + 1: those with x in the view.
    const qint64 first = std::clamp<qint64>(qint64(std::ceil(view.lower - 1.0)), 0, all.end);
    const qint64 end = std::clamp<qint64>(qint64(std::floor(view.upper)), first, all.end);
    if (end - first <= 0)
        return;
    if ((end - first) * 2 > all.count()) { // most of the file: the whole-file series
        abandonJob();
        if (m_series.traces != all)
            draw(m_fileSeries, true);
        return;
    }
    // Drawn at the plot's resolution already?
    const HeaderSeries& s = m_series;
    const bool covers = s.traces.begin <= first && end <= s.traces.end;
    if (covers && s.traces.count() <= 2 * (end - first) + 2 && s.traces != all)
        return;
    abandonJob();
    const qint64 margin = (end - first) / 2;
    startJob(TraceRange{std::max<qint64>(0, first - margin), std::min(all.end, end + margin)});
}

void HeaderGraph::draw(HeaderSeries series, bool keepZoom) {
    m_series = std::move(series);
    const HeaderSeries& s = m_series;
    const bool binned = s.isBinned();
    for (int k = 0; k < 2; ++k) {
        const bool drawn = !s.isEmpty() && std::size_t(k) < s.keys.size();
        QVector<double> x, lo, hi;
        if (drawn) {
            for (qint64 c = 0; c < s.columns; ++c) {
                x << double(s.columnStart(c) + 1);
                lo << s.min[std::size_t(k)][std::size_t(c)];
                hi << s.max[std::size_t(k)][std::size_t(c)];
            }
        }
        QCPAxis* valueAxis = k == 1 && secondOnOwnAxis() ? m_plot->yAxis2 : m_plot->yAxis;
        for (QCPGraph* g : {m_min[k], m_max[k]})
            g->setValueAxis(valueAxis);
        m_min[k]->setData(x, lo, true);
        m_max[k]->setData(binned ? x : QVector<double>(), binned ? hi : QVector<double>(), true);
        QColor fill = kColors[k];
        fill.setAlpha(90);
        m_max[k]->setChannelFillGraph(binned ? m_min[k] : nullptr);
        m_max[k]->setBrush(binned ? QBrush(fill) : Qt::NoBrush);
        const bool dots = drawn && !binned && s.columns <= 400;
        m_min[k]->setScatterStyle(dots ? QCPScatterStyle(QCPScatterStyle::ssDisc, 4)
                                       : QCPScatterStyle());
        m_min[k]->setVisible(drawn);
        m_max[k]->setVisible(drawn && binned);
        if (drawn) {
            m_min[k]->setName(keyTitle(s.keys[std::size_t(k)], s.scalarsApplied));
            m_min[k]->addToLegend();
        } else {
            m_min[k]->removeFromLegend();
        }
    }
    const bool two = s.keys.size() > 1 && !s.isEmpty();
    m_plot->yAxis2->setVisible(two && secondOnOwnAxis());
    const auto range = [&](std::initializer_list<int> keys) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int k : keys)
            if (std::size_t(k) < s.keys.size() && !s.isEmpty()) {
                const auto& a = s.min[std::size_t(k)];
                const auto& b = s.max[std::size_t(k)];
                lo = std::min(lo, *std::min_element(a.begin(), a.end()));
                hi = std::max(hi, *std::max_element(b.begin(), b.end()));
            }
        if (!(lo <= hi))
            return QCPRange(0, 1);
        const double margin = hi > lo ? (hi - lo) * 0.05 : std::max(1.0, std::fabs(lo) * 0.05);
        return QCPRange(lo - margin, hi + margin);
    };
    m_drawing = true;
    if (!s.isEmpty()) {
        if (!keepZoom)
            m_plot->xAxis->setRange(double(s.traces.begin) + 0.5, double(s.traces.end) + 0.5);
        if (two && secondOnOwnAxis()) {
            m_plot->yAxis->setRange(range({0}));
            m_plot->yAxis2->setRange(range({1}));
            m_plot->yAxis2->setLabel(keyTitle(s.keys[1], s.scalarsApplied));
            m_plot->yAxis2->setTickLabels(true);
        } else {
            m_plot->yAxis->setRange(range({0, 1}));
        }
        m_plot->yAxis->setLabel(two && !secondOnOwnAxis() ? QString()
                                                          : keyTitle(s.keys[0], s.scalarsApplied));
    }
    m_drawing = false;
    const QLocale locale;
    QString text;
    if (s.isEmpty()) {
        text = m_scope == Scope::File
                   ? (m_source ? tr("Whole file: not read yet.") : tr("No file open."))
                   : tr("No header values yet: they come with the traces on screen.");
    } else {
        text = m_scope == Scope::File
                   ? tr("Whole file, traces 1-%1.").arg(locale.toString(s.traces.end))
                   : tr("Traces %1-%2 on screen.")
                         .arg(locale.toString(s.traces.begin + 1), locale.toString(s.traces.end));
        if (binned)
            text += QLatin1Char(' ') + tr("Each of %1 columns shows the smallest and largest "
                                          "value of about %2 traces.")
                                           .arg(locale.toString(s.columns))
                                           .arg(locale.toString(s.traces.count() / s.columns));
        text += QLatin1Char(' ') + tr("Click a trace to show it.");
    }
    m_caption->setText(text);
    showScreenRange();
    emit seriesShown();
}

void HeaderGraph::showScreenRange() {
    const bool on = m_scope == Scope::File && !m_series.isEmpty() && m_onScreen.count() > 0;
    m_screen->setVisible(on);
    if (on) {
        m_screen->topLeft->setCoords(double(m_onScreen.begin) + 0.5, 0.0);
        m_screen->bottomRight->setCoords(double(m_onScreen.end) + 0.5, 1.0);
    }
    m_plot->replot();
}

void HeaderGraph::zoomToTraces(TraceRange traces) {
    m_plot->xAxis->setRange(double(traces.begin) + 0.5, double(traces.end) + 0.5);
    m_plot->replot();
}

QPair<double, double> HeaderGraph::visibleTraces() const {
    const QCPRange r = m_plot->xAxis->range();
    return {r.lower - 1.0, r.upper - 1.0};
}

QWidget* HeaderGraph::plot() const {
    return m_plot;
}

QPoint HeaderGraph::pixelOfTrace(qint64 trace) const {
    const double x = m_plot->xAxis->coordToPixel(double(trace + 1));
    return QPoint(int(std::lround(x)), m_plot->axisRect()->center().y());
}

std::vector<double> HeaderGraph::plottedTraces(int key) const {
    std::vector<double> out;
    if (key < 0 || key > 1 || !m_min[key]->visible())
        return out;
    for (const QCPGraphData& p : *m_min[key]->data())
        out.push_back(p.key);
    return out;
}

std::vector<double> HeaderGraph::plottedMin(int key) const {
    std::vector<double> out;
    if (key < 0 || key > 1 || !m_min[key]->visible())
        return out;
    for (const QCPGraphData& p : *m_min[key]->data())
        out.push_back(p.value);
    return out;
}

std::vector<double> HeaderGraph::plottedMax(int key) const {
    if (key < 0 || key > 1 || !m_min[key]->visible())
        return {};
    if (!m_max[key]->visible())
        return plottedMin(key);
    std::vector<double> out;
    for (const QCPGraphData& p : *m_max[key]->data())
        out.push_back(p.value);
    return out;
}

QString HeaderGraph::caption() const {
    return m_caption->text();
}

QPixmap HeaderGraph::renderPlot() const {
    return m_plot->toPixmap();
}

bool HeaderGraph::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_plot) {
        if (event->type() == QEvent::MouseButtonPress) {
            const auto* e = static_cast<QMouseEvent*>(event);
            m_pressed = e->button() == Qt::LeftButton;
            m_pressedAt = e->position().toPoint();
        } else if (event->type() == QEvent::MouseButtonRelease && m_pressed) {
            m_pressed = false;
            const auto* e = static_cast<QMouseEvent*>(event);
            const QPoint at = e->position().toPoint();
            if ((at - m_pressedAt).manhattanLength() <= 4 && !m_series.isEmpty() &&
                m_plot->axisRect()->rect().contains(at)) {
                const double x = m_plot->xAxis->pixelToCoord(at.x());
                const qint64 trace = std::clamp<qint64>(
                    qint64(std::llround(x)) - 1, m_series.traces.begin, m_series.traces.end - 1);
                emit traceClicked(trace);
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace seis
