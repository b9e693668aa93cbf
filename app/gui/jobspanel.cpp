#include "jobspanel.h"

#include "jobqueue.h"

#include "seis/base/progresstracker.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

namespace seis::gui {

namespace {

using State = JobQueue::State;

QString size(qint64 bytes) {
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

QString duration(double seconds) {
    return seconds < 60 ? JobsPanel::tr("%1 s").arg(seconds, 0, 'f', 1) : formatDuration(seconds);
}

// What a running job has done (the bar shows the percent): traces, MB/s in and out, the ratio
// so far and the ETA, each once it is known.
QString runningText(const zarr::ConvertProgress& p) {
    const QLocale locale;
    QStringList parts{JobsPanel::tr("%1 of %2 traces")
                          .arg(locale.toString(p.traces), locale.toString(p.totalTraces))};
    if (p.megabytesInPerSecond > 0)
        parts << JobsPanel::tr("%1 MB/s in, %2 MB/s out")
                     .arg(p.megabytesInPerSecond, 0, 'f', 0)
                     .arg(p.megabytesOutPerSecond, 0, 'f', 0);
    if (p.ratio > 0)
        parts << JobsPanel::tr("ratio %1").arg(p.ratio, 0, 'f', 2);
    if (p.etaSeconds)
        parts << JobsPanel::tr("ETA %1").arg(formatDuration(*p.etaSeconds));
    return parts.join(QStringLiteral(" · "));
}

QString statusText(const JobQueue::Job& job) {
    switch (job.state) {
    case State::Queued:
        return JobsPanel::tr("Queued");
    case State::Running:
        if (job.cancelRequested)
            return JobsPanel::tr("Cancelling...");
        if (job.progress.totalTraces == 0)
            return JobsPanel::tr("Starting...");
        return runningText(job.progress);
    case State::Done: {
        const zarr::ConvertResult& r = job.result;
        if (r.ratio <= 0) // an export to SEG-Y: no compression
            return JobsPanel::tr("Done: %1 traces, %2 written in %3")
                .arg(QLocale().toString(r.traces), size(r.bytesOut), duration(r.seconds));
        return JobsPanel::tr("Done: %1 traces, %2 → %3 (ratio %4) in %5")
            .arg(QLocale().toString(r.traces), size(r.bytesIn), size(r.bytesOut))
            .arg(r.ratio, 0, 'f', 2)
            .arg(duration(r.seconds));
    }
    case State::Failed:
        return JobsPanel::tr("Failed: %1").arg(job.error);
    case State::Cancelled:
        return JobsPanel::tr("Cancelled; nothing was written");
    }
    return {};
}

int percentOf(const JobQueue::Job& job) {
    if (job.finished())
        return 100;
    if (job.state == State::Queued)
        return 0;
    return std::clamp(int(std::floor(job.progress.percent)), 0, 100);
}

} // namespace

JobsPanel::JobsPanel(JobQueue* queue, QWidget* parent)
    : QWidget(parent)
    , m_queue(queue) {
    setObjectName(QStringLiteral("jobsPanel"));
    auto* rows = new QWidget;
    m_rows = new QVBoxLayout(rows);
    m_rows->setContentsMargins(4, 4, 4, 4);
    m_rows->setSpacing(2);
    m_empty = new QLabel(tr("No jobs. Drop SEG-Y files on the window and choose \"Convert to "
                            "Zarr\", or use File > Convert to Zarr... or File > Export..."),
                         rows);
    m_empty->setEnabled(false);
    m_rows->addWidget(m_empty);
    m_rows->addStretch(1);
    auto* scroll = new QScrollArea(this);
    scroll->setWidget(rows);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_total = new QProgressBar(this);
    m_total->setObjectName(QStringLiteral("jobsTotal"));
    m_total->setRange(0, 100);
    m_total->setValue(0);
    m_total->setFormat(tr("Total %p%"));
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("jobsSummary"));
    m_cancelAll = new QPushButton(tr("Cancel all"), this);
    m_cancelAll->setObjectName(QStringLiteral("jobsCancelAll"));
    m_clear = new QPushButton(tr("Clear finished"), this);
    m_clear->setObjectName(QStringLiteral("jobsClear"));
    connect(m_cancelAll, &QPushButton::clicked, m_queue, &JobQueue::cancelAll);
    connect(m_clear, &QPushButton::clicked, m_queue, &JobQueue::clearFinished);

    auto* footer = new QHBoxLayout;
    footer->setContentsMargins(4, 0, 4, 4);
    footer->addWidget(m_total, 1);
    footer->addWidget(m_summary, 2);
    footer->addWidget(m_clear);
    footer->addWidget(m_cancelAll);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(scroll, 1);
    layout->addLayout(footer);

    connect(m_queue, &JobQueue::jobAdded, this, &JobsPanel::addRow);
    connect(m_queue, &JobQueue::jobChanged, this, &JobsPanel::updateRow);
    connect(m_queue, &JobQueue::jobRemoved, this, &JobsPanel::removeRow);
    for (const JobQueue::Job& j : m_queue->jobs())
        addRow(j.id);
    updateTotal();
}

QSize JobsPanel::sizeHint() const {
    // Room for about six rows (one with a two-line error) and the footer.
    return {QWidget::sizeHint().width(), fontMetrics().height() * 14};
}

QWidget* JobsPanel::row(int id) const {
    const auto it = m_rowsById.find(id);
    return it == m_rowsById.end() ? nullptr : it->second.widget;
}

void JobsPanel::addRow(int id) {
    const JobQueue::Job* job = m_queue->job(id);
    if (!job || m_rowsById.count(id))
        return;
    Row r;
    r.widget = new QWidget;
    r.widget->setObjectName(QStringLiteral("jobRow"));
    r.widget->setProperty("jobId", id);
    r.name = new QLabel(r.widget);
    r.name->setObjectName(QStringLiteral("jobName"));
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    r.name->setFixedWidth(em * 36);
    r.bar = new QProgressBar(r.widget);
    r.bar->setObjectName(QStringLiteral("jobProgress"));
    r.bar->setRange(0, 100);
    r.bar->setFixedWidth(em * 22);
    r.status = new QLabel(r.widget);
    r.status->setObjectName(QStringLiteral("jobStatus"));
    r.status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    r.status->setWordWrap(true); // an error message is shown whole
    r.status->setMinimumWidth(em * 20);
    r.status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    r.cancel = new QPushButton(tr("Cancel"), r.widget);
    r.cancel->setObjectName(QStringLiteral("jobCancel"));
    r.cancel->setAutoDefault(false);
    r.open = new QPushButton(tr("Open"), r.widget);
    r.open->setObjectName(QStringLiteral("jobOpen"));
    r.open->setAutoDefault(false);
    r.open->hide();
    connect(r.cancel, &QPushButton::clicked, this, [this, id] { m_queue->cancel(id); });
    connect(r.open, &QPushButton::clicked, this, [this, id] {
        if (const JobQueue::Job* j = m_queue->job(id))
            emit openRequested(j->target);
    });
    auto* layout = new QHBoxLayout(r.widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(r.name);
    layout->addWidget(r.bar);
    layout->addWidget(r.status, 1);
    layout->addWidget(r.open);
    layout->addWidget(r.cancel);
    m_rows->insertWidget(m_rows->count() - 1, r.widget); // above the stretch
    m_empty->hide();
    m_rowsById[id] = r;
    updateRow(id);
}

void JobsPanel::updateRow(int id) {
    const JobQueue::Job* job = m_queue->job(id);
    const auto it = m_rowsById.find(id);
    if (!job || it == m_rowsById.end())
        return;
    const Row& r = it->second;
    // Long names are elided in the middle (the tool tip has both paths).
    const QString name =
        QStringLiteral("%1 \u2192 %2")
            .arg(QFileInfo(job->source).fileName(), QFileInfo(job->target).fileName());
    r.name->setText(
        r.name->fontMetrics().elidedText(name, Qt::ElideMiddle, r.name->minimumWidth()));
    r.name->setToolTip(
        tr("%1\nto %2")
            .arg(QDir::toNativeSeparators(job->source), QDir::toNativeSeparators(job->target)));
    r.bar->setValue(percentOf(*job));
    // A failed or cancelled job's bar says so instead of a misleading 100 %.
    r.bar->setFormat(job->state == State::Failed      ? tr("failed")
                     : job->state == State::Cancelled ? tr("cancelled")
                                                      : QStringLiteral("%p%"));
    r.bar->setEnabled(job->state != State::Failed && job->state != State::Cancelled);
    const QString text = statusText(*job);
    r.status->setText(text);
    r.status->setToolTip(text);
    r.status->setStyleSheet(job->state == State::Failed ? QStringLiteral("color: #b00020")
                                                        : QString());
    r.cancel->setVisible(!job->finished());
    r.cancel->setEnabled(!job->cancelRequested);
    r.open->setVisible(job->state == State::Done);
    updateTotal();
}

void JobsPanel::removeRow(int id) {
    const auto it = m_rowsById.find(id);
    if (it == m_rowsById.end())
        return;
    it->second.widget->deleteLater();
    m_rowsById.erase(it);
    m_empty->setVisible(m_rowsById.empty());
    updateTotal();
}

void JobsPanel::updateTotal() {
    int done = 0, running = 0, queued = 0, failed = 0, cancelled = 0, sum = 0;
    const auto& jobs = m_queue->jobs();
    for (const JobQueue::Job& j : jobs) {
        sum += percentOf(j);
        done += j.state == State::Done;
        running += j.state == State::Running;
        queued += j.state == State::Queued;
        failed += j.state == State::Failed;
        cancelled += j.state == State::Cancelled;
    }
    m_total->setValue(jobs.empty() ? 0 : sum / int(jobs.size()));
    QStringList parts{tr("%1 of %2 done").arg(done).arg(jobs.size())};
    if (running)
        parts << tr("%1 running").arg(running);
    if (queued)
        parts << tr("%1 queued").arg(queued);
    if (failed)
        parts << tr("%1 failed").arg(failed);
    if (cancelled)
        parts << tr("%1 cancelled").arg(cancelled);
    m_summary->setText(jobs.empty() ? QString() : parts.join(QStringLiteral(", ")));
    m_cancelAll->setEnabled(running + queued > 0);
    m_clear->setEnabled(done + failed + cancelled > 0);
}

} // namespace seis::gui
