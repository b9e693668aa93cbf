// runParallel and the worker pool: an exception thrown by a work item, on a pool thread or on the
// calling thread, stops the job and reaches the caller; nothing ever leaves a pool thread.
// Includes the core's internal headers (core/src), like a white-box test.
#include "seis/base/parallel.h"
#include "seis/base/workerpool.h"

#include "testsupport.h"

#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <thread>

using namespace seis;
using namespace seis::detail;

class TestParallel : public QObject {
    Q_OBJECT

private slots:
    void helperExceptionReachesTheCaller() {
        if (defaultThreads() < 2)
            QSKIP("one hardware thread: runParallel starts no helper");
        const auto caller = std::this_thread::get_id();
        testsupport::Gate helperThrew;
        std::atomic<int> started{0};
        std::atomic<int> running{0};
        std::atomic<bool> threwOnCaller{false};
        // Far more items than can run in the moment between the helper's throw and the job
        // noticing it (the unwinding, slow under sanitizers): a job that does not stop runs them
        // all.
        constexpr qint64 kCount = 50'000'000;
        try {
            runParallel(kCount, 2, [&](qint64) {
                ++started;
                ++running;
                if (std::this_thread::get_id() != caller) {
                    --running;
                    helperThrew.open();
                    throw std::runtime_error("item failed on a helper");
                }
                // The caller's items wait until a helper has thrown, so the helper certainly
                // runs an item while the job is live.
                helperThrew.wait();
                --running;
            });
            QFAIL("runParallel returned normally although an item threw");
        } catch (const std::runtime_error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("item failed on a helper"));
            threwOnCaller = true;
        }
        QVERIFY(threwOnCaller.load());
        QCOMPARE(running.load(), 0); // every helper finished before the rethrow
        // The job stopped: the caller ran on only until the error was recorded.
        QVERIFY2(started.load() < kCount, qPrintable(QString::number(started.load())));
    }

    void callerExceptionWaitsForHelpersAndStops() {
        const auto caller = std::this_thread::get_id();
        std::atomic<int> running{0};
        std::atomic<int> started{0};
        std::atomic<bool> callerThrew{false};
        try {
            runParallel(100000, defaultThreads(), [&](qint64) {
                ++started;
                ++running;
                if (std::this_thread::get_id() == caller && !callerThrew.exchange(true)) {
                    --running;
                    throw std::logic_error("item failed on the caller");
                }
                std::this_thread::yield();
                --running;
            });
            QFAIL("runParallel returned normally although an item threw");
        } catch (const std::logic_error& e) {
            QCOMPARE(QString::fromUtf8(e.what()), QStringLiteral("item failed on the caller"));
        }
        QCOMPARE(running.load(), 0);
        QVERIFY(started.load() < 100000);
    }

    void afterOwnItemExceptionIsRethrown() {
        // One thread: the caller runs every item, so the hook certainly runs.
        std::atomic<int> ran{0};
        QVERIFY_THROWS_EXCEPTION(
            std::runtime_error,
            runParallel(
                1000, 1, [&](qint64) { ++ran; },
                [](qint64) -> bool { throw std::runtime_error("progress failed"); }));
        QCOMPARE(ran.load(), 1); // nothing started after the hook threw
    }

    void nestedExceptionPropagates() {
        QVERIFY_THROWS_EXCEPTION(std::out_of_range, runParallel(8, 2, [](qint64 i) {
                                     runParallel(8, 2, [i](qint64 j) {
                                         if (i == 5 && j == 6)
                                             throw std::out_of_range("inner item 6");
                                     });
                                 }));
    }

    void poolStillWorksAfterFailures() {
        for (int round = 0; round < 20; ++round) {
            try {
                runParallel(64, defaultThreads(), [](qint64 i) {
                    if (i % 7 == 3)
                        throw std::runtime_error("fails");
                });
            } catch (const std::runtime_error&) {
            }
        }
        std::atomic<qint64> sum{0};
        QVERIFY(runParallel(
            1000, defaultThreads(), [&](qint64 i) { sum += i; }, [](qint64) { return true; }));
        QCOMPARE(sum.load(), qint64(999 * 1000 / 2));
    }

    void cancelStillReturnsFalse() {
        std::atomic<int> ran{0};
        QVERIFY(!runParallel(
            1000, 1, [&](qint64) { ++ran; }, [](qint64 done) { return done < 10; }));
        QCOMPARE(ran.load(), 10);
    }

    void poolThreadSurvivesAThrowingTask() {
        std::atomic<bool> afterRan{false};
        QTest::ignoreMessage(QtCriticalMsg, "seis: a worker task failed: thrown by a pool task");
        {
            WorkerPool pool(1);
            pool.submit([] { throw std::runtime_error("thrown by a pool task"); });
            pool.submit([&] { afterRan = true; }); // the same (only) thread runs this next
        }                                          // runs what is queued, then joins
        QVERIFY(afterRan.load());
    }

    void helperReportsWhatItsWorkThrew() {
        WorkerPool pool(1);
        testsupport::Gate ran;
        Helper h(pool, [&] {
            ran.open();
            throw std::runtime_error("helper work failed");
        });
        ran.wait(); // started, so revokeOrWait waits rather than revokes
        const std::exception_ptr e = h.revokeOrWait();
        QVERIFY(e);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, std::rethrow_exception(e));
    }
};

QTEST_GUILESS_MAIN(TestParallel)
#include "tst_parallel.moc"
