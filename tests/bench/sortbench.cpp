// seis-sort-bench: the sort index (seis/ensembles/sortindex.h) of N traces whose keys are
// generated (no file: the sort alone, not the header reads), timed in the process, with its peak
// resident memory. A measuring tool, not a test: it fails only on a wrong result.
//
//   seis-sort-bench N [MEMORY_MB]
//
// K1 = (t * 2654435761) mod 100003 - 50000 (about N / 100003 traces per gather, scattered),
// K2 = (t * 7919) mod 1001 - 500. MEMORY_MB is the sort's budget (256). Prints one line:
// traces, gathers, runs, merge passes, seconds of the build, peak RSS in MB (VmHWM), and checks
// that (K1, K2, trace) strictly increases along the order (a stable sort of every trace once).
#include "seis/base/error.h"
#include "seis/base/tracesource.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortindex.h"

#include <QCoreApplication>
#include <QFile>
#include <QStringList>

#include <array>
#include <chrono>
#include <cstdio>

namespace {

qint64 key1(qint64 t) {
    return (t * 2654435761LL) % 100003 - 50000;
}
qint64 key2(qint64 t) {
    return (t * 7919) % 1001 - 500;
}

class GeneratedKeys final : public seis::TraceSource {
public:
    explicit GeneratedKeys(qint64 traces)
        : m_traces(traces) {}
    QString path() const override { return QStringLiteral("generated"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return 1; }
    double sampleIntervalUs() const override { return 4000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readWindow(seis::TraceRange, seis::SampleRange, float*) const override {}
    void readHeaderColumns(std::span<const seis::HeaderField> fields, seis::TraceRange traces,
                           std::span<qint64* const> out) const override {
        for (std::size_t k = 0; k < fields.size(); ++k)
            for (qint64 t = traces.begin; t < traces.end; ++t)
                out[k][t - traces.begin] = k == 0 ? key1(t) : key2(t);
    }

private:
    qint64 m_traces;
};

double peakMb() {
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').front().toDouble() / 1024;
    return -1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    bool ok = args.size() == 1 || args.size() == 2;
    const qint64 n = ok ? args[0].toLongLong(&ok) : 0;
    const qint64 mb = ok && args.size() == 2 ? args[1].toLongLong(&ok) : 256;
    if (!ok || n < 0 || mb < 1) {
        std::fprintf(stderr, "usage: seis-sort-bench N [MEMORY_MB]\n");
        return 2;
    }
    try {
        const GeneratedKeys source(n);
        seis::SortIndexOptions options;
        options.memoryBytes = mb << 20;
        std::unique_ptr<seis::SortIndex> index;
        const auto t0 = std::chrono::steady_clock::now();
        seis::buildSortIndex(source, seis::parseEnsembleKeys(QStringLiteral("cdp,offset")), index,
                             {}, options);
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const double peak = peakMb(); // before the check below reads the mapped order
        const auto order = index->order();
        for (std::size_t p = 1; p < order.size(); ++p) {
            const qint64 u = order[p - 1];
            const qint64 t = order[p];
            if (!(std::array{key1(u), key2(u), u} < std::array{key1(t), key2(t), t})) {
                std::fprintf(stderr, "error: positions %zu and %zu are out of order\n", p - 1, p);
                return 1;
            }
        }
        std::printf("traces %lld gathers %lld runs %lld passes %d seconds %.2f peak_rss_mb %.0f\n",
                    static_cast<long long>(n), static_cast<long long>(index->gatherCount()),
                    static_cast<long long>(index->runCount()), index->mergePasses(), seconds, peak);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
