// ProgressTracker: percent, sliding-window throughput, the settling ETA, cancellation across
// threads, the text line and the QPromise wiring. Time is a fake clock the tests advance: nothing
// sleeps and nothing depends on how fast the machine is.
#include "seis/base/progresstracker.h"

#include <QFuture>
#include <QPromise>
#include <QScopeGuard>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <functional>
#include <limits>
#include <semaphore>
#include <thread>

using namespace seis;

namespace {

bool near(double actual, double expected, double relative) {
    return std::abs(actual - expected) <= relative * std::abs(expected);
}

} // namespace

class TestProgressTracker : public QObject {
    Q_OBJECT

    // A job whose true rate the test knows: it advances the fake clock and reports to the
    // tracker every `stepMs`, keeping the exact (fractional) count so rates have no rounding drift.
    struct Job {
        ProgressTracker& tracker;
        std::atomic<qint64>& now;
        double done = 0;

        // Runs at `rate` units/s for `durationMs`, reporting every `stepMs`; `after` is called
        // after each report.
        void run(double rate, qint64 durationMs, qint64 stepMs,
                 const std::function<void()>& after = {}) {
            for (qint64 t = 0; t < durationMs; t += stepMs) {
                now += stepMs;
                done += rate * double(stepMs) / 1000.0;
                tracker.update(std::llround(done));
                if (after)
                    after();
            }
        }
    };

    ProgressTracker::Clock fakeClock() {
        return [this] { return m_now.load(); };
    }

    std::atomic<qint64> m_now{0};

private slots:
    void init() { m_now = 1'000'000; } // any origin: the tracker only uses differences

    void percentValues() {
        ProgressTracker tracker(200, 0, QStringLiteral("traces"), fakeClock());
        QCOMPARE(tracker.snapshot().percent, 0.0);
        tracker.update(0);
        QCOMPARE(tracker.snapshot().percent, 0.0);
        tracker.update(50);
        QCOMPARE(tracker.snapshot().percent, 25.0);
        QCOMPARE(tracker.snapshot().done, qint64(50));
        QCOMPARE(tracker.snapshot().total, qint64(200));
        tracker.update(199);
        QCOMPARE(tracker.snapshot().percent, 99.5);
        QVERIFY(tracker.text().startsWith(QStringLiteral("99%"))); // rounded down: 100% is done
        tracker.update(200);
        QCOMPARE(tracker.snapshot().percent, 100.0);
        tracker.update(250); // a job overshooting its total stays at 100%
        QCOMPARE(tracker.snapshot().percent, 100.0);
    }

    void steadyRate() {
        // 2,000 units/s of 4 KiB each for 10 s, reported every 100 ms.
        ProgressTracker tracker(1'000'000, 4096, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(2000, 10'000, 100);
        const ProgressSnapshot s = tracker.snapshot();
        QCOMPARE(s.done, qint64(20'000));
        QVERIFY2(near(s.unitsPerSecond, 2000, 1e-3), qPrintable(QString::number(s.unitsPerSecond)));
        QVERIFY(near(s.bytesPerSecond, 2000.0 * 4096, 1e-3));
        QVERIFY(s.etaSeconds);
        QVERIFY2(near(*s.etaSeconds, (1'000'000 - 20'000) / 2000.0, 5e-3),
                 qPrintable(QString::number(*s.etaSeconds)));
        QCOMPARE(s.elapsedSeconds, 10.0);
    }

    void etaCountsDownBetweenUpdates() {
        // Reports once a second at 500 units/s: between reports the ETA runs with the clock and
        // meets the next report's value, with no step.
        ProgressTracker tracker(100'000, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(500, 8000, 1000);
        for (int second = 0; second < 3; ++second) {
            const double atUpdate = *tracker.snapshot().etaSeconds;
            const double rate = tracker.snapshot().unitsPerSecond;
            for (int quarter = 1; quarter < 4; ++quarter) {
                m_now += 250;
                const ProgressSnapshot s = tracker.snapshot();
                QVERIFY(s.etaSeconds);
                QVERIFY2(std::abs(*s.etaSeconds - (atUpdate - 0.25 * quarter)) < 1e-9,
                         qPrintable(QString::number(*s.etaSeconds)));
                QCOMPARE(s.unitsPerSecond, rate); // the window only moves with reports
            }
            const double justBefore = *tracker.snapshot().etaSeconds;
            m_now += 250;
            job.done += 500;
            tracker.update(std::llround(job.done));
            QVERIFY2(std::abs(*tracker.snapshot().etaSeconds - (justBefore - 0.25)) < 1e-6,
                     qPrintable(QString::number(*tracker.snapshot().etaSeconds)));
        }
    }

    void rateUsesSlidingWindow() {
        // 10 s at 100/s, then 1,000/s. The rate is over the last 5 s of reports only.
        ProgressTracker tracker(1'000'000, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(100, 10'000, 100);
        QVERIFY(near(tracker.snapshot().unitsPerSecond, 100, 1e-3));
        job.run(1000, 3000, 100);
        // The window holds 2 s of the slow phase and 3 s of the fast one: (200 + 3000) / 5 s.
        QVERIFY2(near(tracker.snapshot().unitsPerSecond, 640, 1e-3),
                 qPrintable(QString::number(tracker.snapshot().unitsPerSecond)));
        job.run(1000, 3000, 100);
        // The slow phase has left the window: exactly the new rate (a mean since the start would
        // be 7,000 / 16 s = 437.5).
        QVERIFY2(near(tracker.snapshot().unitsPerSecond, 1000, 1e-3),
                 qPrintable(QString::number(tracker.snapshot().unitsPerSecond)));
    }

    void burstMovesEtaBoundedly() {
        // 1,000 units/s reported every 100 ms (100 a report). One report carries 1,000 extra
        // units: a second's worth, ten times a normal report. The bound: the ETA stays within 20 %
        // of the truth (remaining / 1,000/s) throughout, and no report moves it by more than 2 %
        // beyond the countdown and the true gain. Why this shows settling: an ETA from the last
        // report's rate would fall by 90 % at once; the plain window rate is off by up to 20 %
        // for 5 s and then jumps back in one step when the burst leaves the window (checked
        // below), while the smoothed ETA stays inside the 20 % and glides back.
        const qint64 total = 300'000;
        ProgressTracker tracker(total, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 20'000, 100);

        double worst = 0, worstStep = 0, worstRawStep = 0;
        double lastTruth = double(total - tracker.snapshot().done) / 1000.0;
        double lastEta = *tracker.snapshot().etaSeconds;
        double lastRaw =
            double(total - tracker.snapshot().done) / tracker.snapshot().unitsPerSecond;
        const auto check = [&] {
            const ProgressSnapshot s = tracker.snapshot();
            const double truth = double(total - s.done) / 1000.0;
            const double eta = *s.etaSeconds;
            // The raw ETA: remaining / the unsmoothed window rate.
            const double raw = double(total - s.done) / s.unitsPerSecond;
            worst = std::max(worst, std::abs(eta - truth) / truth);
            // How far one report moved the ETA beyond what the truth moved (the countdown of
            // 0.1 s and, at the burst, the real gain of 1 s).
            worstStep = std::max(worstStep, std::abs((eta - lastEta) - (truth - lastTruth)) / eta);
            worstRawStep =
                std::max(worstRawStep, std::abs((raw - lastRaw) - (truth - lastTruth)) / raw);
            lastTruth = truth;
            lastEta = eta;
            lastRaw = raw;
        };
        job.done += 1000; // the burst lands with the next report
        job.run(1000, 15'000, 100, check);
        QVERIFY2(worst <= 0.20, qPrintable(QStringLiteral("worst deviation %1").arg(worst)));
        QVERIFY2(worstStep <= 0.02, qPrintable(QStringLiteral("worst step %1").arg(worstStep)));
        // The scenario is a real disturbance: the unsmoothed window ETA jumps by over 10 %.
        QVERIFY2(worstRawStep > 0.10, qPrintable(QStringLiteral("raw step %1").arg(worstRawStep)));
        // And it has settled again: the burst left the window 10 s ago.
        QVERIFY(near(lastEta, (total - tracker.snapshot().done) / 1000.0, 0.01));
    }

    void shortStallMovesEtaBoundedly_data() {
        QTest::addColumn<bool>("silent");
        QTest::newRow("no reports") << true;
        QTest::newRow("same count reported") << false;
    }

    void shortStallMovesEtaBoundedly() {
        // 1,000 units/s reported every 100 ms, then the job makes no progress for 1 s (either not
        // reporting at all, or reporting the same count) and goes on at 1,000/s. The bound: the
        // ETA stays within 25 % of the truth (remaining / 1,000/s, which is what the ETA would be
        // if the stall had not happened) at every 50 ms probe, and no report moves it by more than
        // 10 %. Why: a stall of 1 s is a fifth of the window, so the window rate dips by at most
        // 20 % (ETA + 25 %); an ETA from the last report's rate would jump tenfold (or become
        // infinite when the same count is reported).
        const qint64 total = 300'000;
        QFETCH(bool, silent);
        ProgressTracker tracker(total, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 20'000, 100);
        const double before = *tracker.snapshot().etaSeconds;

        double worst = 0;
        const auto probe = [&] {
            const ProgressSnapshot s = tracker.snapshot();
            QVERIFY(s.etaSeconds);
            const double truth = double(total - s.done) / 1000.0;
            worst = std::max(worst, std::abs(*s.etaSeconds - truth) / truth);
        };
        for (int i = 0; i < 20; ++i) { // the stall, probed every 50 ms
            m_now += 50;
            if (!silent && i % 2 == 1)
                tracker.update(std::llround(job.done));
            probe();
        }
        // During a silent stall the ETA counts down for a second at most, then holds.
        if (silent)
            QVERIFY(std::abs(*tracker.snapshot().etaSeconds - (before - 1.0)) < 1e-6);

        double lastEta = *tracker.snapshot().etaSeconds;
        double worstStep = 0;
        for (int i = 0; i < 150; ++i) { // 15 s of work again, probed at and between reports
            m_now += 50;
            job.done += 50;
            probe();
            m_now += 50;
            job.done += 50;
            tracker.update(std::llround(job.done));
            probe();
            // How far the report moved the ETA beyond what the truth moved (0.1 s).
            const double eta = *tracker.snapshot().etaSeconds;
            worstStep = std::max(worstStep, std::abs((eta - lastEta) + 0.1) / eta);
            lastEta = eta;
        }
        QVERIFY2(worst <= 0.25, qPrintable(QStringLiteral("worst deviation %1").arg(worst)));
        QVERIFY2(worst >= 0.05, "the stall should show: the test would not catch a frozen ETA");
        QVERIFY2(worstStep <= 0.10, qPrintable(QStringLiteral("worst step %1").arg(worstStep)));
        QVERIFY(near(lastEta, (total - tracker.snapshot().done) / 1000.0, 0.01));
    }

    void longStallDecaysRateAndForgetsEta() {
        ProgressTracker tracker(100'000, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 10'000, 100);
        const double before = *tracker.snapshot().etaSeconds;
        m_now += 3000; // no reports for 3 s
        ProgressSnapshot s = tracker.snapshot();
        QVERIFY(std::abs(*s.etaSeconds - (before - 1.0)) < 1e-6); // held after a second
        // Overdue reports make the throughput count up to now: 2 s of work in the last 5 s.
        QVERIFY2(near(s.unitsPerSecond, 400, 1e-3), qPrintable(QString::number(s.unitsPerSecond)));
        m_now += 3000; // nothing done in a whole window: the ETA is unknown
        s = tracker.snapshot();
        QCOMPARE(s.unitsPerSecond, 0.0);
        QVERIFY(!s.etaSeconds);
        QVERIFY(!tracker.text().contains(QStringLiteral("ETA")));
        job.run(1000, 6000, 100); // work again: known again, and right once the window is full
        QVERIFY(tracker.snapshot().etaSeconds);
        QVERIFY(near(tracker.snapshot().unitsPerSecond, 1000, 1e-3));
    }

    void etaFollowsLastingChange_data() {
        QTest::addColumn<double>("newRate");
        QTest::newRow("4x slower") << 250.0;
        QTest::newRow("4x faster") << 4000.0;
    }

    void etaFollowsLastingChange() {
        // After 20 s at 1,000/s the rate changes for good. The ETA must be within 10 % of the
        // new truth (remaining / new rate) 10 s after the change and stay there: 5 s for the
        // window to fill with the new rate, then up to 2.5 time constants of the smoothing (a
        // slowdown takes longest: the average must fall to within 11 % of a quarter of the old
        // rate; measured 9.5 s, and 7.1 s for the speed-up).
        QFETCH(double, newRate);
        const qint64 total = 10'000'000;
        ProgressTracker tracker(total, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 20'000, 100);
        const qint64 changedAt = m_now;
        qint64 lastBad = changedAt;
        double at1s = 0;
        job.run(newRate, 20'000, 100, [&] {
            const ProgressSnapshot s = tracker.snapshot();
            const double truth = double(total - s.done) / newRate;
            if (std::abs(*s.etaSeconds - truth) > 0.10 * truth)
                lastBad = m_now;
            if (m_now == changedAt + 1000)
                at1s = *s.etaSeconds;
        });
        QVERIFY2(lastBad - changedAt <= 10'000,
                 qPrintable(QStringLiteral("converged after %1 ms").arg(lastBad - changedAt)));
        // Not instantaneous either: a second in, the ETA has moved less than a quarter of the way.
        const double oldTruth = (total - 21'000) / 1000.0;
        const double newTruth = (total - 20'000 - newRate) / newRate;
        QVERIFY2(std::abs(at1s - oldTruth) < 0.25 * std::abs(newTruth - oldTruth),
                 qPrintable(QString::number(at1s)));
    }

    void etaUnknownBeforeTwoTimedUpdates() {
        ProgressTracker tracker(1000, 0, QStringLiteral("traces"), fakeClock());
        QVERIFY(!tracker.snapshot().etaSeconds);
        QCOMPARE(tracker.snapshot().unitsPerSecond, 0.0);
        QCOMPARE(tracker.text(), QStringLiteral("0%"));
        m_now += 500; // construction is no sample: start-up time is not counted
        tracker.update(10);
        QVERIFY(!tracker.snapshot().etaSeconds);
        QCOMPARE(tracker.snapshot().unitsPerSecond, 0.0);
        tracker.update(20); // a second report at the same moment: still no rate
        QVERIFY(!tracker.snapshot().etaSeconds);
        QCOMPARE(tracker.text(), QStringLiteral("2%"));
        m_now += 100;
        tracker.update(30); // 20 units in 100 ms
        const ProgressSnapshot s = tracker.snapshot();
        QVERIFY(s.etaSeconds);
        QVERIFY(near(s.unitsPerSecond, 200, 1e-9));
        QVERIFY(near(*s.etaSeconds, 970 / 200.0, 1e-9));
    }

    void etaZeroWhenDone() {
        ProgressTracker tracker(5000, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 4000, 100);
        QVERIFY(*tracker.snapshot().etaSeconds > 0.5);
        m_now += 100;
        tracker.update(5000);
        QCOMPARE(*tracker.snapshot().etaSeconds, 0.0);
        m_now += 10'000; // and stays 0
        QCOMPARE(*tracker.snapshot().etaSeconds, 0.0);
        QVERIFY(tracker.text().startsWith(QStringLiteral("100% ")));
        QVERIFY(tracker.text().endsWith(QStringLiteral("ETA 0:00")));

        ProgressTracker oneShot(10, 0, QStringLiteral("traces"), fakeClock());
        oneShot.update(10); // done with the first report: no rate, but nothing left either
        QVERIFY(oneShot.snapshot().etaSeconds && *oneShot.snapshot().etaSeconds == 0.0);
        QCOMPARE(oneShot.text(), QStringLiteral("100% \u00B7 ETA 0:00"));
    }

    void smallerDoneIgnored() {
        ProgressTracker tracker(1000, 0, QStringLiteral("traces"), fakeClock());
        tracker.update(100);
        m_now += 1000;
        tracker.update(200);
        const ProgressSnapshot before = tracker.snapshot();
        QCOMPARE(before.unitsPerSecond, 100.0);
        m_now += 100;
        tracker.update(150); // a slower thread's older count
        const ProgressSnapshot after = tracker.snapshot();
        QCOMPARE(after.done, qint64(200));
        QCOMPARE(after.percent, 20.0);
        QCOMPARE(after.unitsPerSecond, 100.0); // no sample taken: the window did not move
        QVERIFY(std::abs(*after.etaSeconds - (*before.etaSeconds - 0.1)) < 1e-9);
        m_now += 900;
        tracker.update(300);
        QCOMPARE(tracker.snapshot().unitsPerSecond, 100.0); // 200 units over 2 s
    }

    void frequentReportsAreCoalesced() {
        // 300,000 reports a millisecond apart at 1,000/s: the coalesced window gives the same
        // rate as the reports themselves.
        ProgressTracker tracker(1'000'000, 0, QStringLiteral("traces"), fakeClock());
        Job job{tracker, m_now};
        tracker.update(0);
        job.run(1000, 300'000, 1);
        const ProgressSnapshot s = tracker.snapshot();
        QCOMPARE(s.done, qint64(300'000));
        QVERIFY2(near(s.unitsPerSecond, 1000, 1e-3), qPrintable(QString::number(s.unitsPerSecond)));
        QVERIFY(near(*s.etaSeconds, 700, 1e-3));
    }

    void cancelSeenFromAnotherThread() {
        ProgressTracker tracker(std::numeric_limits<qint64>::max(), 0, QStringLiteral("traces"),
                                fakeClock());
        std::atomic<bool> running{false};
        std::atomic<qint64> reports{0};
        bool sawFalse = false;
        // A job on its own thread reporting through callback() until told to stop.
        std::thread job([&] {
            const ProgressCallback progress = tracker.callback();
            for (qint64 i = 1; i < 100'000'000; ++i) {
                m_now += 1;
                reports = i;
                if (i == 1000)
                    running = true;
                if (!progress(i, std::numeric_limits<qint64>::max())) {
                    sawFalse = true;
                    return;
                }
            }
        });
        while (!running)
            std::this_thread::yield();
        QVERIFY(!tracker.isCancelled());
        const ProgressSnapshot s = tracker.snapshot(); // concurrently with the job's updates
        QVERIFY(s.done >= 999);
        QVERIFY(!tracker.text().isEmpty());
        tracker.cancel();
        job.join();
        QVERIFY(sawFalse);
        QVERIFY(reports < 100'000'000 - 1);
        QVERIFY(tracker.isCancelled());

        // cancel() from another thread, seen here by isCancelled() and callback().
        ProgressTracker other(100, 0, QStringLiteral("traces"), fakeClock());
        const ProgressCallback progress = other.callback();
        QVERIFY(progress(1, 100));
        std::thread canceller([&] { other.cancel(); });
        canceller.join();
        QVERIFY(other.isCancelled());
        QVERIFY(!progress(2, 100));
        QCOMPARE(other.snapshot().done, qint64(2)); // the report still counts
    }

    void textFormatting() {
        // Reports once a second, 12,345 units apart, ending at 420,000 of 1,000,000 at 6 s:
        // exactly 12,345 units/s, of 9,760 bytes = 120.49 MB/s; 580,000 left = 46.98 s.
        const auto run = [this](ProgressTracker& tracker) {
            for (qint64 done = 420'000 - 6 * 12'345; done <= 420'000; done += 12'345) {
                tracker.update(done);
                if (done < 420'000)
                    m_now += 1000;
            }
        };
        {
            ProgressTracker tracker(1'000'000, 9760, QStringLiteral("traces"), fakeClock());
            run(tracker);
            QCOMPARE(
                tracker.text(),
                QStringLiteral("42% \u00B7 12,345 traces/s \u00B7 120.5 MB/s \u00B7 ETA 0:47"));
        }
        {
            ProgressTracker tracker(1'000'000, 0, QStringLiteral("ensembles"), fakeClock());
            run(tracker);
            QCOMPARE(tracker.text(),
                     QStringLiteral("42% \u00B7 12,345 ensembles/s \u00B7 ETA 0:47"));
        }
        {
            // Slow: a decimal in the rate.
            ProgressTracker tracker(100, 0, QStringLiteral("traces"), fakeClock());
            tracker.update(0);
            m_now += 2000;
            tracker.update(5);
            QCOMPARE(tracker.text(), QStringLiteral("5% \u00B7 2.5 traces/s \u00B7 ETA 0:38"));
        }
        {
            // Over an hour left.
            ProgressTracker tracker(10'000'000, 1'000'000, QStringLiteral("traces"), fakeClock());
            tracker.update(0);
            m_now += 1000;
            tracker.update(1000);
            QCOMPARE(
                tracker.text(),
                QStringLiteral("0% \u00B7 1,000 traces/s \u00B7 1,000.0 MB/s \u00B7 ETA 2:46:39"));
        }
    }

    void formatDuration_data() {
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("0") << 0.0 << QStringLiteral("0:00");
        QTest::newRow("59") << 59.0 << QStringLiteral("0:59");
        QTest::newRow("59.4") << 59.4 << QStringLiteral("0:59");
        QTest::newRow("59.5") << 59.5 << QStringLiteral("1:00");
        QTest::newRow("60") << 60.0 << QStringLiteral("1:00");
        QTest::newRow("61") << 61.0 << QStringLiteral("1:01");
        QTest::newRow("3599") << 3599.0 << QStringLiteral("59:59");
        QTest::newRow("3600") << 3600.0 << QStringLiteral("1:00:00");
        QTest::newRow("3661") << 3661.0 << QStringLiteral("1:01:01");
        QTest::newRow("86399") << 86399.0 << QStringLiteral("23:59:59");
        QTest::newRow("90061") << 90061.0 << QStringLiteral("25:01:01");
        QTest::newRow("negative") << -5.0 << QStringLiteral("0:00");
        QTest::newRow("nan") << std::nan("") << QStringLiteral("0:00");
    }

    void formatDuration() {
        QFETCH(double, seconds);
        QFETCH(QString, text);
        QCOMPARE(seis::formatDuration(seconds), text);
    }

    void promiseProgressOnTheFuture() {
        QPromise<int> promise;
        QFuture<int> future = promise.future();
        promise.start();
        ProgressTracker tracker(4000, 0, QStringLiteral("traces"), fakeClock());
        const ProgressCallback progress = promiseProgress(promise, tracker);
        QCOMPARE(future.progressMaximum(), 0); // busy until the job reports its total
        QVERIFY(progress(0, 4000));
        QCOMPARE(future.progressMinimum(), 0);
        QCOMPARE(future.progressMaximum(), 4000);
        m_now += 1000;
        QVERIFY(progress(1000, 4000));
        QCOMPARE(future.progressValue(), 1000);
        QCOMPARE(future.progressText(), tracker.text());
        QCOMPARE(future.progressText(),
                 QStringLiteral("25% \u00B7 1,000 traces/s \u00B7 ETA 0:03"));

        future.cancel(); // as a dialog's Cancel button does
        QVERIFY(!progress(1100, 4000));
        QVERIFY(tracker.isCancelled());
        promise.finish();
        QVERIFY(future.isCanceled());
    }

    void promiseProgressTrackerCancel() {
        // Cancelling the tracker stops the job as well, without touching the future.
        QPromise<int> promise;
        QFuture<int> future = promise.future();
        promise.start();
        ProgressTracker tracker(10, 0, QStringLiteral("traces"), fakeClock());
        const ProgressCallback progress = promiseProgress(promise, tracker);
        QVERIFY(progress(1, 10));
        tracker.cancel();
        QVERIFY(!progress(2, 10));
        QVERIFY(!future.isCanceled());
        promise.finish();
    }

    void promiseProgressScalesLargeTotals() {
        // QFuture progress is an int: 4e9 units are shown on a 0..2^30 scale.
        QPromise<int> promise;
        QFuture<int> future = promise.future();
        promise.start();
        const qint64 total = 4'000'000'000;
        ProgressTracker tracker(total, 0, QStringLiteral("traces"), fakeClock());
        const ProgressCallback progress = promiseProgress(promise, tracker);
        QVERIFY(progress(0, total));
        QCOMPARE(future.progressMaximum(), 1 << 30);
        m_now += 1000;
        QVERIFY(progress(total / 2, total));
        QCOMPARE(future.progressValue(), 1 << 29);
        QVERIFY(future.progressText().startsWith(QStringLiteral("50% ")));
        promise.finish();
    }

    void promiseProgressAcrossThreads() {
        // A real job on its own thread, reporting through promiseProgress into a QPromise that
        // the test watches through the QFuture, as a QFutureWatcher-driven dialog would. The job
        // holds at count 100 until the test has looked and cancelled through the QFuture, and
        // must then stop at its next report.
        //
        // A std::thread and std::binary_semaphore rather than QtConcurrent::run and QSemaphore:
        // ThreadSanitizer sees hand-overs through them, whereas Qt's own locks are not
        // instrumented (with QtConcurrent::run it reports QFutureInterface's wait condition,
        // woken on the pool thread and destroyed here, ordered by a Qt mutex it cannot see).
        QPromise<int> promise;
        QFuture<int> future = promise.future();
        promise.start();
        std::binary_semaphore reached{0}, resume{0};
        qint64 stoppedAt = -1;
        std::thread job([&] {
            qint64 now = 0;
            ProgressTracker tracker(1000, 100'000, QStringLiteral("traces"),
                                    [&now] { return now; });
            const ProgressCallback progress = promiseProgress(promise, tracker);
            for (qint64 i = 0; i <= 1000; ++i) {
                now += 10;
                if (!progress(i, 1000)) {
                    stoppedAt = i;
                    break;
                }
                if (i == 100) {
                    reached.release();
                    resume.acquire();
                }
            }
            if (stoppedAt < 0)
                promise.addResult(1000);
            promise.finish();
        });
        reached.acquire();
        // A failed check returns early: let the job go on, so that the test cannot hang.
        auto letGo = qScopeGuard([&] {
            resume.release();
            job.join();
        });
        QCOMPARE(future.progressMinimum(), 0);
        QCOMPARE(future.progressMaximum(), 1000);
        QCOMPARE(future.progressValue(), 100);
        // 100 units a second, 100 kB each; 900 left.
        QCOMPARE(future.progressText(),
                 QStringLiteral("10% \u00B7 100 traces/s \u00B7 10.0 MB/s \u00B7 ETA 0:09"));
        future.cancel();
        letGo.dismiss();
        resume.release();
        job.join();
        QCOMPARE(stoppedAt, qint64(101));
        QVERIFY(future.isCanceled());
        QVERIFY(future.isFinished());
        QCOMPARE(future.resultCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestProgressTracker)
#include "tst_progresstracker.moc"
