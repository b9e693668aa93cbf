// seis-header-time: opening a file or store and reading header columns of every trace, timed in
// the process (no process start, no output formatting), the like-for-like of segyio's
// `segyio.open(...)` + `f.attributes(byte)[:]` in Python. A measuring tool, not a test.
//
//   seis-header-time PATH F1[,F2...]
//
// PATH is anything openSource() opens (a SEG-Y file, a store). Prints one line: the seconds of
// the open and of the read, and a checksum of the values (the sum of every column) that segyio's
// sums must equal.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/sources/opensource.h"

#include <QCoreApplication>
#include <QStringList>

#include <chrono>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: seis-header-time PATH F1[,F2...]\n");
        return 2;
    }
    try {
        std::vector<seis::HeaderField> fields;
        for (const QString& f : args[1].split(QLatin1Char(',')))
            fields.push_back(seis::parseHeaderField(f));
        using Clock = std::chrono::steady_clock;
        const auto t0 = Clock::now();
        const auto source = seis::openSource(args[0]);
        const auto t1 = Clock::now();
        const qint64 n = source->traceCount();
        std::vector<std::vector<qint64>> columns(fields.size(),
                                                 std::vector<qint64>(std::size_t(n)));
        std::vector<qint64*> out;
        for (auto& c : columns)
            out.push_back(c.data());
        source->readHeaderColumns(fields, seis::TraceRange{0, n}, out);
        const auto t2 = Clock::now();
        qint64 sum = 0;
        for (const auto& c : columns)
            for (qint64 v : c)
                sum += v;
        std::printf("open_s %.6f read_s %.6f total_s %.6f traces %lld checksum %lld\n",
                    std::chrono::duration<double>(t1 - t0).count(),
                    std::chrono::duration<double>(t2 - t1).count(),
                    std::chrono::duration<double>(t2 - t0).count(), (long long)n, (long long)sum);
    } catch (const seis::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
