#include "fileclip.h"

#include "seis/base/error.h"
#include <seis/jobprogressdialog.h>

#include <QFileInfo>
#include <QFutureWatcher>
#include <QThread>

#include <algorithm>
#include <cmath>

namespace seis::gui {

FileClip::FileClip(QWidget* dialogParent)
    : QObject(dialogParent)
    , m_dialogParent(dialogParent)
    , m_job([](std::shared_ptr<const TraceSource> source) {
        AmplitudeStatisticsOptions options;
        options.threads = std::max(1, QThread::idealThreadCount() - 1);
        return computeAmplitudeStatisticsAsync(std::move(source), options);
    }) {}

FileClip::~FileClip() {
    if (m_dialog)
        m_dialog->cancel(); // or the application would wait for it on exit
}

void FileClip::setFile(std::shared_ptr<const TraceSource> file) {
    if (m_dialog) {
        // Forgotten now, so that the new file's job can start; the dialog goes when the old job
        // has stopped.
        m_dialog->cancel();
        m_dialog = nullptr;
    }
    m_file = std::move(file);
    m_stats.reset();
    if (m_enabled)
        start();
}

void FileClip::setEnabled(bool on) {
    m_enabled = on;
    if (on && !m_stats && !m_dialog)
        start();
}

std::optional<float> FileClip::clip(double percentile) const {
    if (!m_enabled || !m_stats)
        return std::nullopt;
    const float c = m_stats->absPercentile(std::clamp(percentile, 0.0, 100.0));
    if (!std::isfinite(c) || c <= 0.0f)
        return std::nullopt;
    return c;
}

void FileClip::start() {
    if (!m_file)
        return;
    const auto file = m_file;
    const QFuture<AmplitudeStatistics> future = m_job(file);
    auto* watcher = new QFutureWatcher<AmplitudeStatistics>(this);
    auto* dialog = new JobProgressDialog(tr("Amplitude statistics"),
                                         tr("Reading every sample of %1 for the whole-file clip.")
                                             .arg(QFileInfo(file->path()).fileName()),
                                         m_dialogParent);
    dialog->setObjectName(QStringLiteral("statisticsDialog"));
    m_dialog = dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this, dialog] {
        if (m_dialog == dialog)
            m_dialog = nullptr;
        dialog->deleteLater();
    });
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, file] {
        watcher->deleteLater();
        if (file != m_file)
            return; // another file is open now
        QString error;
        // A failed job's future also reads as cancelled: look for its exception first.
        try {
            watcher->waitForFinished(); // finished: never blocks
            if (watcher->future().resultCount() > 0)
                m_stats = std::make_shared<const AmplitudeStatistics>(watcher->result());
        } catch (...) {
            error = errorMessage(std::current_exception());
        }
        if (!m_stats)
            m_enabled = false; // cancelled or failed: back to the window's clip
        emit finished(m_stats != nullptr, error);
    });
    watcher->setFuture(future);
    dialog->watch(future);
}

} // namespace seis::gui
