// seis-codec-floor: what compressing a file's samples costs, with nothing else in the way: the
// codec floor a conversion to Zarr is measured against, and the table the default codec is chosen
// from. A measuring tool, not a test.
//
//   seis-codec-floor FILE [--chunk-traces N] [--codecs C:L:S[,C:L:S...]] [--threads N]
//                    [--repeat N] [--max-traces N]
//
// FILE is anything openSource() opens (a SEG-Y file, a store). Its samples are decoded once into
// memory (not timed), then for each codec (cname:level:shuffle, shuffle none|byte|bit; default
// zstd:3:bit) the chunks of N traces (default 1000) x the whole trace (the last one padded with
// NaN, as ZarrSink writes it) are compressed with seis::zarr::BloscCodec (one Blosc thread per
// call) on --threads threads (default: one per core) taking chunks from one counter, then
// decompressed the same way. Each codec runs --repeat times (default 3) in turn. One JSON object
// per codec and run on stdout: cname, level, shuffle, chunks, bytes_in (samples), bytes_out,
// ratio, encode_s, encode_cpu_s (CPU seconds of every thread while encoding), encode_mbs,
// decode_s, decode_mbs (MB/s of samples).
#include "seis/base/error.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/zarrsink.h"

#include <QCoreApplication>
#include <QStringList>
#include <QThread>

#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <limits>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Spec {
    QString cname;
    int level = 3;
    seis::zarr::Shuffle shuffle = seis::zarr::Shuffle::Bit;
    QString shuffleName;
};

// Runs work(i) for i in [0, count) on `threads` threads sharing one counter; returns seconds.
template <class Work> double timedParallel(qint64 count, int threads, Work&& work) {
    std::atomic<qint64> next{0};
    const auto start = Clock::now();
    std::vector<std::thread> pool;
    for (int k = 0; k < threads; ++k)
        pool.emplace_back([&] {
            for (qint64 i; (i = next.fetch_add(1)) < count;)
                work(i);
        });
    for (auto& t : pool)
        t.join();
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// CPU seconds (user + system) the process has used so far.
double cpuSeconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

int usage() {
    std::fprintf(stderr, "usage: seis-codec-floor FILE [--chunk-traces N] [--codecs C:L:S,...] "
                         "[--threads N] [--repeat N] [--max-traces N] [--blocksize B]\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (args.isEmpty())
        return usage();
    const QString file = args.takeFirst();
    qint64 chunkTraces = 1000;
    qint64 maxTraces = std::numeric_limits<qint64>::max();
    int threads = QThread::idealThreadCount();
    int repeat = 3;
    // The Blosc block size the store writer uses (ZarrSinkOptions), so the floor compresses
    // exactly as a conversion does; 0: Blosc's own choice.
    int blocksize = seis::zarr::ZarrSinkOptions{}.blocksize;
    QStringList codecs = {QStringLiteral("zstd:3:bit")};
    while (args.size() >= 2) {
        const QString k = args.takeFirst(), v = args.takeFirst();
        if (k == QLatin1String("--chunk-traces"))
            chunkTraces = v.toLongLong();
        else if (k == QLatin1String("--codecs"))
            codecs = v.split(QLatin1Char(','));
        else if (k == QLatin1String("--threads"))
            threads = v.toInt();
        else if (k == QLatin1String("--repeat"))
            repeat = v.toInt();
        else if (k == QLatin1String("--max-traces"))
            maxTraces = v.toLongLong();
        else if (k == QLatin1String("--blocksize"))
            blocksize = v.toInt();
        else
            return usage();
    }
    if (!args.isEmpty() || chunkTraces < 1 || threads < 1 || repeat < 1 || maxTraces < 1)
        return usage();
    std::vector<Spec> specs;
    for (const QString& c : codecs) {
        const QStringList p = c.split(QLatin1Char(':'));
        if (p.size() != 3)
            return usage();
        Spec s{p[0], p[1].toInt(), seis::zarr::Shuffle::None, p[2]};
        if (p[2] == QLatin1String("byte"))
            s.shuffle = seis::zarr::Shuffle::Byte;
        else if (p[2] == QLatin1String("bit"))
            s.shuffle = seis::zarr::Shuffle::Bit;
        else if (p[2] != QLatin1String("none"))
            return usage();
        specs.push_back(s);
    }
    try {
        const auto source = seis::openSource(file);
        const qint64 n = std::min(source->traceCount(), maxTraces);
        const qint64 ns = source->sampleCount();
        const qint64 chunks = (n + chunkTraces - 1) / chunkTraces;
        const std::size_t chunkFloats = std::size_t(chunkTraces * ns);
        // The decoded samples, whole chunks (the last padded with NaN).
        std::vector<float> samples(chunkFloats * std::size_t(chunks),
                                   std::numeric_limits<float>::quiet_NaN());
        timedParallel(chunks, threads, [&](qint64 c) {
            const qint64 t0 = c * chunkTraces, t1 = std::min(n, t0 + chunkTraces);
            source->readWindow(seis::TraceRange{t0, t1}, seis::SampleRange{0, ns},
                               samples.data() + std::size_t(c) * chunkFloats);
        });
        const double mbIn = double(n) * double(ns) * 4 / 1e6;
        std::fprintf(stderr,
                     "%s: %lld traces x %lld samples, %lld chunks of %lld traces, %d "
                     "threads\n",
                     qPrintable(file), (long long)n, (long long)ns, (long long)chunks,
                     (long long)chunkTraces, threads);
        std::vector<QByteArray> encoded(static_cast<std::size_t>(chunks));
        for (int r = 0; r < repeat; ++r) {
            for (const Spec& s : specs) {
                const seis::zarr::BloscCodec codec(s.cname, s.level, s.shuffle, blocksize);
                const double cpu0 = cpuSeconds();
                const double enc = timedParallel(chunks, threads, [&](qint64 c) {
                    encoded[std::size_t(c)] =
                        codec.encode(reinterpret_cast<const std::byte*>(
                                         samples.data() + std::size_t(c) * chunkFloats),
                                     chunkFloats * sizeof(float), sizeof(float));
                });
                const double encCpu = cpuSeconds() - cpu0;
                qint64 out = 0;
                for (const QByteArray& e : encoded)
                    out += e.size();
                // Decoding: each chunk into a buffer per chunk slot (c modulo threads is enough
                // for the timing; results are compared below).
                std::atomic<bool> same{true};
                const double dec = timedParallel(chunks, threads, [&](qint64 c) {
                    thread_local std::vector<float> buffer;
                    buffer.resize(chunkFloats);
                    codec.decode(encoded[std::size_t(c)],
                                 reinterpret_cast<std::byte*>(buffer.data()),
                                 chunkFloats * sizeof(float), file);
                    if (std::memcmp(buffer.data(), samples.data() + std::size_t(c) * chunkFloats,
                                    chunkFloats * sizeof(float)) != 0)
                        same = false;
                });
                if (!same) {
                    std::fprintf(stderr, "error: %s:%d:%s does not decode to the input\n",
                                 qPrintable(s.cname), s.level, qPrintable(s.shuffleName));
                    return 1;
                }
                std::printf("{\"cname\": \"%s\", \"level\": %d, \"shuffle\": \"%s\", \"chunks\": "
                            "%lld, \"bytes_in\": %.0f, \"bytes_out\": %lld, \"ratio\": %.4f, "
                            "\"encode_s\": %.4f, \"encode_cpu_s\": %.4f, \"encode_mbs\": %.1f, "
                            "\"decode_s\": %.4f, "
                            "\"decode_mbs\": %.1f}\n",
                            qPrintable(s.cname), s.level, qPrintable(s.shuffleName),
                            (long long)chunks, mbIn * 1e6, (long long)out, mbIn * 1e6 / double(out),
                            enc, encCpu, mbIn / enc, dec, mbIn / dec);
                std::fflush(stdout);
            }
        }
    } catch (const seis::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
