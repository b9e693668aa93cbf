// The jobs panel: the conversions and exports of a JobQueue, one row each, and their
// total.
//
// A row: the source's name and the store it becomes, a progress bar (percent), and a line of
// text (while running: traces done, MB/s in and out, compression ratio so far and ETA, from the
// job's ConvertProgress; then "Done: ..." with the sizes and ratio (an export to SEG-Y: the
// size written), "Failed: <the error>" or
// "Cancelled"), a Cancel button while the job is queued or runs and an Open button once its
// store exists. Below the rows: the total progress (the mean of
// the jobs' percents, finished jobs counting 100), a summary ("2 of 5 done, 1 running,
// 2 queued"), "Cancel all" and "Clear finished". The panel only shows and forwards: the queue
// does the work off the GUI thread.
//
// Children, by objectName, for tests: each row "jobRow" (property "jobId", the queue's id) with
// "jobName" (QLabel), "jobProgress" (QProgressBar), "jobStatus" (QLabel), "jobCancel" and
// "jobOpen" (QPushButton); "jobsTotal" (QProgressBar), "jobsSummary" (QLabel),
// "jobsCancelAll" and "jobsClear" (QPushButton).
//
// Ownership: a QWidget owned by its Qt parent; the queue is not owned and must outlive it.
// Threads: GUI thread only.
#pragma once

#include <QWidget>
#include <map>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace seis::gui {

class JobQueue;

class JobsPanel : public QWidget {
    Q_OBJECT

public:
    explicit JobsPanel(JobQueue* queue, QWidget* parent = nullptr);

    // The row of job `id`, or nullptr.
    QWidget* row(int id) const;

    QSize sizeHint() const override;

signals:
    // The Open button of a finished job: `store` is its output's path (a store or a file).
    void openRequested(const QString& store);

private:
    struct Row {
        QWidget* widget = nullptr;
        QLabel* name = nullptr;
        QProgressBar* bar = nullptr;
        QLabel* status = nullptr;
        QPushButton* cancel = nullptr;
        QPushButton* open = nullptr;
    };

    void addRow(int id);
    void updateRow(int id);
    void removeRow(int id);
    void updateTotal();

    JobQueue* m_queue;
    QVBoxLayout* m_rows = nullptr;
    QLabel* m_empty = nullptr;
    QProgressBar* m_total = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_cancelAll = nullptr;
    QPushButton* m_clear = nullptr;
    std::map<int, Row> m_rowsById;
};

} // namespace seis::gui
