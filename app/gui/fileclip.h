// The "Whole file" clip: the amplitude statistics of the open file, computed once per file on a
// worker behind a progress dialog that can cancel, and the clip they give at a percentile.
//
// The job leaves one core to the GUI thread and the tile cache, so scrolling stays smooth while
// the file is read (on 2 cores this halves its speed). Ownership: a QObject; its dialogs are
// children of the widget given. Threads: GUI thread only.
#pragma once

#include "seis/stats/amplitudestatistics.h"

#include <QFuture>
#include <QObject>
#include <functional>
#include <memory>
#include <optional>

class QWidget;

namespace seis {
class JobProgressDialog;
class TraceSource;
} // namespace seis

namespace seis::gui {

class FileClip : public QObject {
    Q_OBJECT

public:
    explicit FileClip(QWidget* dialogParent);
    ~FileClip() override; // cancels a running job (it stops within one block)

    // A new file (or none): the statistics are forgotten, a running job is cancelled, and if the
    // clip is on the new file's job starts.
    void setFile(std::shared_ptr<const TraceSource> file);
    // On: the statistics are used, computed first if they are not known (finished() follows).
    void setEnabled(bool on);
    bool isEnabled() const { return m_enabled; }

    // The clip (amplitude units) at `percentile` of |amplitude| over the whole file, clamped to
    // [0, 100]; nothing while off, not yet known, or for an all-zero file.
    std::optional<float> clip(double percentile) const;
    const AmplitudeStatistics* statistics() const { return m_stats.get(); }
    // The running job's dialog, or nullptr.
    JobProgressDialog* dialog() const { return m_dialog; }

    // How the statistics are computed: computeAmplitudeStatisticsAsync, leaving one core to the
    // GUI, by default. Tests put a job they can hold at a known point in its place.
    using Job = std::function<QFuture<AmplitudeStatistics>(std::shared_ptr<const TraceSource>)>;
    void setJob(Job job) { m_job = std::move(job); }

signals:
    // The job for the current file ended: `applied` (the statistics are known), or cancelled or
    // failed, which turns the clip off again; `error` names the file and the problem when it
    // failed, and is empty otherwise.
    void finished(bool applied, const QString& error);

private:
    void start();

    QWidget* m_dialogParent;
    std::shared_ptr<const TraceSource> m_file;
    std::shared_ptr<const AmplitudeStatistics> m_stats; // of m_file
    JobProgressDialog* m_dialog = nullptr;
    bool m_enabled = false;
    Job m_job;
};

} // namespace seis::gui
