// A non-modal progress dialog for any long job that reports through a QFuture: a label saying
// what runs, a progress bar in percent, the future's progress text (percent, throughput and ETA,
// as ProgressTracker and promiseProgress write it) and a Cancel button that cancels the future.
//
// The dialog appears only if the job is still running minimumDuration() ms after watch() (400 by
// default), so quick jobs and cache hits never flash a window. It hides itself when the future
// finishes, whether completed or cancelled, and then emits finished(cancelled). Progress comes
// from the future's signals and, since QFuture drops signals closer than 40 ms to the previous
// one, from reading the future every 200 ms, so the bar never stays behind a job that pauses.
//
// Ownership: a QDialog owned by its Qt parent (or the caller). It never owns the job: destroying
// the dialog stops watching the future but does not cancel it.
// Threads: GUI thread only, like every QWidget; the future's signals arrive there.
//
// Children, by objectName, for tests and style sheets: "jobProgressLabel" (QLabel, the label
// text), "jobProgressBar" (QProgressBar, 0..100, or busy while the job's total is unknown),
// "jobProgressText" (QLabel, the future's progress text), "jobProgressCancel" (QPushButton).
#pragma once

#include <QDialog>
#include <QFuture>
#include <QString>
#include <memory>

namespace seis {

class JobProgressDialog : public QDialog {
    Q_OBJECT

public:
    // `title`: the window title; `label`: what the job does ("Computing amplitude statistics").
    explicit JobProgressDialog(const QString& title, const QString& label,
                               QWidget* parent = nullptr);
    ~JobProgressDialog() override;

    // Starts watching `future` (of any result type: only its progress and state are used), in
    // place of any future watched before (which is left running). The dialog shows at once if
    // minimumDuration() is 0 and the job is still running, otherwise when that time has passed
    // and it is still running; a future that has already finished is reported by finished() from
    // the event loop without the dialog ever showing.
    template <class T> void watch(const QFuture<T>& future) { watchFuture(QFuture<void>(future)); }
    void watchFuture(const QFuture<void>& future);
    // The future being watched (a default QFuture<void> before watch()).
    QFuture<void> future() const;
    // True from watch() until the watched future has finished and finished() was emitted.
    bool isWatching() const;

    // Milliseconds a job must run before the dialog appears; negative values count as 0. Applies
    // to the next watch().
    void setMinimumDuration(int ms);
    int minimumDuration() const;

    void setLabelText(const QString& text);
    QString labelText() const;

public slots:
    // What the Cancel button does: cancels the watched future, shows "Cancelling..." on the
    // button and disables it. The dialog stays until the job has actually stopped.
    void cancel();

signals:
    // The watched future has finished (`cancelled`: it was cancelled, by this dialog or by
    // anyone else); the dialog has hidden itself. (Hides QDialog::finished(int), which this
    // dialog never emits: it is not closed through done().)
    void finished(bool cancelled);

protected:
    // Escape and the window's close button cancel the job, like the Cancel button; they do not
    // hide the dialog while the job runs.
    void reject() override;

private:
    void onProgressRange(int minimum, int maximum);
    void onProgressValue(int value);
    void onFinished();
    void poll();
    void showIfRunning();
    void updateBar();

    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis
