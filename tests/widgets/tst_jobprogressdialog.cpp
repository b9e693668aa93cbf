// JobProgressDialog driven like a user would: a job on QtConcurrent::run that reports progress
// one step at a time when the test lets it (a semaphore, so every state is known) and runs until
// cancelled; the bar and the text follow it, a click on Cancel cancels the future, and the dialog
// hides and reports finished(true) once the job has stopped. Also: a quick job and a finished
// future never show the dialog; the minimum duration delays it; and a real amplitude statistics
// job on a generated file (many_traces.sgy from make_test_files.py), cancelled mid-job through
// the dialog. No assertion depends on wall-clock time (QTRY_* only wait for the event loop).
#include "testsupport.h"

#include "seis/segy/segyfile.h"
#include "seis/stats/amplitudestatistics.h"
#include <seis/jobprogressdialog.h>

#include <QDir>
#include <QLabel>
#include <QProgressBar>
#include <QPromise>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <QtTest>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

using namespace seis;
using namespace seis::testsupport;

namespace {

// Counts the times a widget is shown.
class ShowCounter : public QObject {
public:
    int shows = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Show)
            ++shows;
        return QObject::eventFilter(watched, event);
    }
};

// A job that reports a step of 50 out of 200 each time `advance` is released, until cancelled.
// `started` is released as it starts (a job cancelled before it started never runs at all) and
// `stopped` as it returns. Cancelled and waited for on destruction, so that a failed test never
// leaves it running.
struct SteppedJob {
    QSemaphore started;
    QSemaphore advance;
    QSemaphore stopped;
    std::atomic<int> reported{0};
    QFuture<void> future;

    ~SteppedJob() {
        future.cancel();
        future.waitForFinished();
    }

    QFuture<void> start() {
        future = QtConcurrent::run([this](QPromise<void>& promise) {
            started.release();
            promise.setProgressRange(0, 200);
            int step = 0;
            while (!promise.isCanceled()) {
                if (advance.tryAcquire(1, 5)) {
                    ++step;
                    promise.setProgressValueAndText(
                        step * 50, QStringLiteral("%1% · step %2").arg(step * 25).arg(step));
                    reported = step;
                }
            }
            stopped.release();
        });
        return future;
    }
};

template <class W> W* child(const JobProgressDialog& dialog, const char* name) {
    return dialog.findChild<W*>(QLatin1String(name));
}

} // namespace

class TestJobProgressDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void widgets();
    void followsProgressAndCancels();
    void quickJobNeverShows();
    void finishedFutureNeverShows();
    void minimumDurationDelaysShowing();
    void escapeCancels();
    void cancelledElsewhere();
    void watchReplacesFuture();
    void cancelAmplitudeStatistics();
};

void TestJobProgressDialog::initTestCase() {
    // Qt 6.4's raster engine fills large areas on the global thread pool and waits for it: with
    // every pool thread held by a job that waits for the GUI (as these do, until cancelled), a
    // repaint would wait forever. Room for two such jobs and the painting.
    QThreadPool::globalInstance()->setMaxThreadCount(
        std::max(QThreadPool::globalInstance()->maxThreadCount(), 4));
}

void TestJobProgressDialog::widgets() {
    JobProgressDialog dialog(QStringLiteral("Statistics"), QStringLiteral("Reading every trace"));
    QCOMPARE(dialog.windowTitle(), QStringLiteral("Statistics"));
    QVERIFY(!dialog.isModal());
    QCOMPARE(dialog.minimumDuration(), 400);
    QVERIFY(!dialog.isWatching());
    QVERIFY(child<QLabel>(dialog, "jobProgressLabel"));
    QCOMPARE(child<QLabel>(dialog, "jobProgressLabel")->text(),
             QStringLiteral("Reading every trace"));
    dialog.setLabelText(QStringLiteral("Other"));
    QCOMPARE(dialog.labelText(), QStringLiteral("Other"));
    QVERIFY(child<QProgressBar>(dialog, "jobProgressBar"));
    QVERIFY(child<QLabel>(dialog, "jobProgressText"));
    QVERIFY(child<QPushButton>(dialog, "jobProgressCancel"));
    dialog.setMinimumDuration(-5);
    QCOMPARE(dialog.minimumDuration(), 0);
}

void TestJobProgressDialog::followsProgressAndCancels() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Working"));
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    auto* bar = child<QProgressBar>(dialog, "jobProgressBar");
    auto* text = child<QLabel>(dialog, "jobProgressText");
    auto* cancel = child<QPushButton>(dialog, "jobProgressCancel");

    SteppedJob job;
    QFuture<void> future = job.start();
    dialog.watch(future);
    QVERIFY(dialog.isVisible());
    QVERIFY(dialog.isWatching());
    QCOMPARE(bar->value(), 0);

    for (int step = 1; step <= 3; ++step) {
        job.advance.release();
        QTRY_COMPARE(bar->value(), 25 * step);
        QTRY_COMPARE(text->text(), QStringLiteral("%1% · step %2").arg(25 * step).arg(step));
        QVERIFY(dialog.isVisible());
    }
    QVERIFY(finished.isEmpty());
    QVERIFY(cancel->isEnabled());

    QTest::mouseClick(cancel, Qt::LeftButton);
    QVERIFY(future.isCanceled());
    QCOMPARE(cancel->text(), QStringLiteral("Cancelling..."));
    QVERIFY(!cancel->isEnabled());
    QVERIFY(job.stopped.tryAcquire(1, 30000)); // the job saw the cancel and returned
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(!dialog.isVisible());
    QVERIFY(!dialog.isWatching());
    QVERIFY(future.isFinished());
    QCOMPARE(job.reported.load(), 3);
}

void TestJobProgressDialog::quickJobNeverShows() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Quick"));
    dialog.setMinimumDuration(10000);
    ShowCounter counter;
    dialog.installEventFilter(&counter);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    const QFuture<int> future = QtConcurrent::run([] { return 42; });
    dialog.watch(future);
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), false);
    QCOMPARE(future.result(), 42);
    QCOMPARE(counter.shows, 0);
    QVERIFY(!dialog.isVisible());
}

// A cache hit: the future is ready before watch(). Not even a minimum duration of 0 shows it.
void TestJobProgressDialog::finishedFutureNeverShows() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Cached"));
    dialog.setMinimumDuration(0);
    ShowCounter counter;
    dialog.installEventFilter(&counter);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    dialog.watch(QtFuture::makeReadyFuture(7));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), false);
    QCOMPARE(counter.shows, 0);
}

// Hidden until the minimum duration has passed with the job still running, then shown.
void TestJobProgressDialog::minimumDurationDelaysShowing() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Slow"));
    dialog.setMinimumDuration(50);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    SteppedJob job;
    QFuture<void> future = job.start();
    dialog.watch(future);
    QVERIFY(!dialog.isVisible()); // not before the event loop has run the timer
    QTRY_VERIFY(dialog.isVisible());
    QVERIFY(job.started.tryAcquire(1, 30000));
    dialog.cancel();
    QVERIFY(job.stopped.tryAcquire(1, 30000));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(!dialog.isVisible());
}

void TestJobProgressDialog::escapeCancels() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Escape"));
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    SteppedJob job;
    QFuture<void> future = job.start();
    dialog.watch(future);
    QVERIFY(job.started.tryAcquire(1, 30000));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QVERIFY(future.isCanceled());
    QVERIFY(job.stopped.tryAcquire(1, 30000));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
}

// Cancelled by its owner rather than the button: still reported as cancelled.
void TestJobProgressDialog::cancelledElsewhere() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Elsewhere"));
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    SteppedJob job;
    QFuture<void> future = job.start();
    dialog.watch(future);
    QVERIFY(job.started.tryAcquire(1, 30000));
    future.cancel();
    QVERIFY(job.stopped.tryAcquire(1, 30000));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(!dialog.isVisible());
}

// A second watch() takes over: the first job is neither reported nor cancelled, and the dialog
// starts again from 0.
void TestJobProgressDialog::watchReplacesFuture() {
    JobProgressDialog dialog(QStringLiteral("Job"), QStringLiteral("Twice"));
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    auto* bar = child<QProgressBar>(dialog, "jobProgressBar");
    SteppedJob first, second;
    QFuture<void> one = first.start();
    dialog.watch(one);
    first.advance.release(2);
    QTRY_COMPARE(bar->value(), 50);
    QFuture<void> two = second.start();
    dialog.watch(two);
    QCOMPARE(bar->value(), 0);
    QVERIFY(dialog.isVisible());
    one.cancel();
    QVERIFY(first.stopped.tryAcquire(1, 30000));
    second.advance.release();
    QTRY_COMPARE(bar->value(), 25);
    QVERIFY(finished.isEmpty());
    QVERIFY(!two.isCanceled());
    QTest::mouseClick(child<QPushButton>(dialog, "jobProgressCancel"), Qt::LeftButton);
    QVERIFY(second.stopped.tryAcquire(1, 30000));
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
}

// The real thing: amplitude statistics of a generated file, held after its second block until
// the test has pressed Cancel. One thread, so the progress at that point is known: 2 blocks of
// 200 traces of 8500 (4 %).
void TestJobProgressDialog::cancelAmplitudeStatistics() {
    const QString path =
        QDir(qEnvironmentVariable("SEIS_TEST_DATA")).filePath(QStringLiteral("many_traces.sgy"));
    auto source = std::make_shared<HookedSource>(std::make_shared<SegyFile>(path));
    QCOMPARE(source->traceCount(), 8500);
    QSemaphore atThird;
    Gate gate;
    source->beforeRead = [&](int call) {
        if (call == 3) {
            atThird.release();
            gate.wait();
        }
    };
    AmplitudeStatisticsOptions options;
    options.blockSamples = 200 * source->sampleCount();
    options.threads = 1;

    JobProgressDialog dialog(QStringLiteral("Amplitude statistics"),
                             QStringLiteral("Reading every sample of ") + path);
    dialog.setMinimumDuration(0);
    QSignalSpy finished(&dialog, &JobProgressDialog::finished);
    QFuture<AmplitudeStatistics> future = computeAmplitudeStatisticsAsync(source, options);
    // A failed check must not leave the job waiting at the gate.
    const auto release = qScopeGuard([&] {
        future.cancel();
        gate.open();
        future.waitForFinished();
    });
    dialog.watch(future);
    QVERIFY(dialog.isVisible());
    QVERIFY(atThird.tryAcquire(1, 30000));
    auto* bar = child<QProgressBar>(dialog, "jobProgressBar");
    auto* text = child<QLabel>(dialog, "jobProgressText");
    QTRY_COMPARE(bar->value(), 4);
    QTRY_VERIFY2(text->text().startsWith(QLatin1String("4%")), qPrintable(text->text()));

    QTest::mouseClick(child<QPushButton>(dialog, "jobProgressCancel"), Qt::LeftButton);
    QVERIFY(future.isCanceled());
    gate.open();
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished[0][0].toBool(), true);
    QVERIFY(!dialog.isVisible());
    QVERIFY(future.isFinished());
    QCOMPARE(future.resultCount(), 0);
    QCOMPARE(source->readCalls(), 3); // stopped right after the block it was in
}

QTEST_MAIN(TestJobProgressDialog)
#include "tst_jobprogressdialog.moc"
