// Whole-file loading: values, parallel split, progress, cancellation and peak memory.
#include "seis/base/error.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"
#include "seis/segy/traceloader.h"

#include <QFile>
#include <QFutureWatcher>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <vector>

using namespace seis;

namespace {

void putBe16(QByteArray& b, int offset, quint16 v) {
    b[offset] = char(v >> 8);
    b[offset + 1] = char(v & 0xff);
}

void putBe32(QByteArray& b, int offset, quint32 v) {
    for (int i = 0; i < 4; ++i)
        b[offset + i] = char((v >> (24 - 8 * i)) & 0xff);
}

// Writes an IBM, big-endian file of `traces` x `samples` whose sample values are known:
// value(t, s) = (t % 1000) * 0.25 - s * 0.5 + 0.125, exactly representable in IBM and float.
QString writeFile(const QString& dir, qint64 traces, int samples) {
    const QString path = dir + QStringLiteral("/load.sgy");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    QByteArray head(3600, '\0');
    putBe16(head, 3216, 4000);
    putBe16(head, 3220, quint16(samples));
    putBe16(head, 3224, 1);
    f.write(head);
    QByteArray trace(240 + 4 * samples, '\0');
    for (qint64 t = 0; t < traces; ++t) {
        putBe32(trace, 0, quint32(t + 1));
        putBe16(trace, 114, quint16(samples));
        for (int s = 0; s < samples; ++s)
            putBe32(trace, 240 + 4 * s, floatToIbm(float((t % 1000) * 0.25 - s * 0.5 + 0.125)));
        f.write(trace);
    }
    return path;
}

float expected(qint64 t, qint64 s) {
    return float((t % 1000) * 0.25 - s * 0.5 + 0.125);
}

qint64 procStatusKb(const char* key) {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(qsizetype(std::strlen(key))).trimmed().split(' ').front().toLongLong();
    return -1;
}

} // namespace

class TestTraceLoader : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        // 4096 traces x 16384 samples = 256 MB of float32: large enough that fixed costs (thread
        // stacks, the chunk being decoded) are small next to the array.
        m_path = writeFile(m_dir.path(), kTraces, kSamples);
    }

    void loadsEveryValue() {
        const SegyFile file(m_path);
        QCOMPARE(file.traceCount(), kTraces);
        QCOMPARE(file.sampleCount(), kSamples);
        const TraceArray a = loadAllTraces(file);
        QVERIFY(a.data);
        QCOMPARE(a.traces, kTraces);
        QCOMPARE(a.samples, kSamples);
        for (qint64 t = 0; t < kTraces; ++t)
            for (qint64 s = 0; s < kSamples; ++s)
                if (a.trace(t)[s] != expected(t, s))
                    QFAIL(qPrintable(QStringLiteral("trace %1 sample %2: %3, expected %4")
                                         .arg(t)
                                         .arg(s)
                                         .arg(a.trace(t)[s])
                                         .arg(expected(t, s))));
    }

    void loadsSubRangeLikeReadWindow() {
        const SegyFile file(m_path);
        const TraceRange r{1234, 2345};
        std::vector<float> viaLoad(size_t(r.count() * kSamples));
        std::vector<float> viaWindow(viaLoad.size());
        QCOMPARE(loadTraces(file, r, viaLoad.data()), LoadStatus::Completed);
        file.readWindow(r, SampleRange{0, kSamples}, viaWindow.data());
        QVERIFY(std::memcmp(viaLoad.data(), viaWindow.data(), viaLoad.size() * 4) == 0);
        QCOMPARE(viaLoad[0], expected(1234, 0));
    }

    void progressIsMonotonicAndEndsAtTotal() {
        const SegyFile file(m_path);
        std::vector<float> dst(size_t(kTraces * kSamples));
        QList<qint64> seen;
        const auto status =
            loadTraces(file, TraceRange{0, kTraces}, dst.data(), [&](qint64 done, qint64 total) {
                if (total != kTraces)
                    seen << -1;
                seen << done;
                return true;
            });
        QCOMPARE(status, LoadStatus::Completed);
        QVERIFY(seen.size() >= 2);
        QVERIFY(!seen.contains(-1));
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
        QCOMPARE(seen.back(), kTraces);
    }

    void cancelStopsEarly() {
        const SegyFile file(m_path);
        std::vector<float> dst(size_t(kTraces * kSamples), -7.0f);
        int calls = 0;
        const auto status = loadTraces(file, TraceRange{0, kTraces}, dst.data(),
                                       [&](qint64, qint64) { return ++calls < 2; });
        QCOMPARE(status, LoadStatus::Cancelled);
        QCOMPARE(calls, 2);
        // Work stopped: the last trace was never decoded (at most a few chunks ran).
        QCOMPARE(dst[dst.size() - 1], -7.0f);
        const TraceArray none = loadAllTraces(file, [](qint64, qint64) { return false; });
        QVERIFY(!none.data);
    }

    void asyncLoadReportsProgressAndResult() {
        auto file = std::make_shared<const SegyFile>(m_path);
        QFutureWatcher<std::shared_ptr<TraceArray>> watcher;
        QList<int> values;
        connect(&watcher, &QFutureWatcherBase::progressValueChanged, this,
                [&](int v) { values << v; });
        // The finished signal is queued after every progress signal; isFinished() is not.
        QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(loadAllTracesAsync(file));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(watcher.future().resultCount(), 1);
        const auto array = watcher.result();
        QCOMPARE(array->trace(kTraces - 1)[kSamples - 1], expected(kTraces - 1, kSamples - 1));
        QVERIFY(!values.isEmpty());
        QCOMPARE(values.back(), int(kTraces));
    }

    void asyncLoadCancels() {
        auto file = std::make_shared<const SegyFile>(m_path);
        auto future = loadAllTracesAsync(file);
        future.cancel();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
    }

    void badRangeThrows() {
        const SegyFile file(m_path);
        float dummy = 0;
        QVERIFY_THROWS_EXCEPTION(ArgumentError,
                                 loadTraces(file, TraceRange{0, kTraces + 1}, &dummy));
        try {
            loadTraces(file, TraceRange{-1, 3}, &dummy);
            QFAIL("no exception for a negative range");
        } catch (const ArgumentError& e) {
            const QString what = QString::fromStdString(e.what());
            QVERIFY2(what.contains(m_path) && what.contains(QStringLiteral("-1:3")),
                     qPrintable(what));
        }
    }

    // Peak resident memory during a whole-file load stays within 1.2x the final array: the
    // mapped file pages are released as the load moves on, and nothing else grows with the file.
    void peakMemoryIsBounded() {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("sanitizer shadow memory makes RSS meaningless");
#endif
        QFile clear(QStringLiteral("/proc/self/clear_refs"));
        if (!clear.open(QIODevice::WriteOnly) || clear.write("5") != 1)
            QSKIP("cannot reset the peak RSS counter (/proc/self/clear_refs)");
        clear.close();
        const qint64 before = procStatusKb("VmRSS:");
        QVERIFY(before > 0);
        qint64 peak = 0;
        qint64 arrayKb = 0;
        {
            const SegyFile file(m_path);
            const TraceArray a = loadAllTraces(file);
            QVERIFY(a.data);
            arrayKb = a.traces * a.samples * qint64(sizeof(float)) / 1024;
            peak = procStatusKb("VmHWM:");
        }
        const qint64 grew = peak - before;
        qInfo("array %lld kB, peak RSS grew by %lld kB (%.3fx)", arrayKb, grew,
              double(grew) / double(arrayKb));
        QVERIFY2(grew >= arrayKb * 9 / 10, "the array was not resident: the check is void");
        QVERIFY2(grew <= arrayKb * 12 / 10, "peak RSS exceeded 1.2x the final array");
    }

private:
    static constexpr qint64 kTraces = 4096;
    static constexpr qint64 kSamples = 16384;
    QTemporaryDir m_dir;
    QString m_path;
};

QTEST_GUILESS_MAIN(TestTraceLoader)
#include "tst_traceloader.moc"
