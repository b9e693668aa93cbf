// seis-bench: seisview's core side by side with segyio's C library and the machine's floor, on one
// file, in one run.
//
//   seis-bench FILE [--cli PATH_TO_seisview-cli] [--repeat N] [--json] [--tmpdir DIR]
//              [--only SECTIONS] [--resident-mb N]
//
// 1. Whole-file load: pread of the whole file in 8 MB reads and memcpy of it (the floor); segyio
//    (segy_open, segy_mmap, segy_readtrace over every trace, then segy_to_native over the whole
//    buffer, as segyio's bindings do); seis::loadTraces into a pre-touched buffer (like for like
//    with the floor) and seis::loadAllTraces (end to end, the array's allocation included),
//    next to the cost of a fresh array of that size alone (first touch of its pages).
// 2. Three header fields (bytes 9, 13, 21) of every trace: segy_field_forall three times against
//    one SegyFile::readHeaderColumns call, on a freshly opened file and on a handle kept open.
// 3. 50 random 1000-trace windows (fixed seed): segyio's per-trace segy_readtrace + segy_to_native
//    against SegyFile::readWindow; p50 and p95.
// 4. With --cli: `seisview-cli info` on a sparse ~1 TiB copy of the file's headers against a ~1 MB
//    copy; both files are deleted afterwards.
// 5. Ensembles (gathers) by fldr (bytes 9-12): segy_field_forall for that field, on a fresh open
//    and on a handle kept open, against seis::scanEnsembles without the cache on a fresh SegyFile
//    (open timed; again with the close timed too, where unmapping the pages a scan touched is
//    paid) and on one kept open, and scanEnsembles answered from its cache (open timed; the cache
//    is a temporary directory, filled by the warm-up run, removed afterwards). The ensembles must
//    equal the runs of equal values in segyio's column, every run.
//
// Every measurement runs once unrecorded (warming the page cache, the thread pool and whatever
// else a first run warms), then N times; the median and the minimum are reported. Destinations
// are poisoned before every run and the results are compared after it (segyio against seisview,
// bitwise), so a run that skipped work cannot pass. Timings are never asserted: the exit status
// is 0 unless the file is unreadable or results differ (1) or the arguments are wrong (2).
// With --json the table goes to stderr and one JSON object with every figure to stdout.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segyfile.h"
#include "seis/segy/traceloader.h"

#include <segyio/segy.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QThread>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

constexpr qint64 kReadBlock = 8 << 20; // pread size of the floor, as floor.c
constexpr qint64 kWindowTraces = 1000; // traces per random window
constexpr int kWindows = 50;           // random windows
constexpr quint64 kWindowSeed = 20240611;
constexpr qint64 kSmallFileBytes = 1 << 20;    // the small copy for `info`
constexpr qint64 kSparseFileBytes = 1LL << 40; // the sparse copy for `info`

// Wrong results or an unreadable file: main prints the message and exits 1.
struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string strf(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string strf(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char buf[1024];
    std::vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return buf;
}

FILE* g_out = stdout; // the human-readable table; stderr with --json

void say(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
void say(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    std::vfprintf(g_out, fmt, ap);
    va_end(ap);
    std::fflush(g_out);
}

// ---- timing -------------------------------------------------------------------------------------

struct Run {
    double seconds = 0;
    double sysSeconds = 0; // kernel CPU time of the whole process (all threads) during the run
    long minorFaults = 0;  // page faults of the whole process during the run
};

double tvSeconds(const timeval& tv) {
    return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
}

template <class F> Run measure(F&& f) {
    rusage r0{};
    getrusage(RUSAGE_SELF, &r0);
    const auto t0 = Clock::now();
    f();
    const auto t1 = Clock::now();
    rusage r1{};
    getrusage(RUSAGE_SELF, &r1);
    return {std::chrono::duration<double>(t1 - t0).count(),
            tvSeconds(r1.ru_stime) - tvSeconds(r0.ru_stime), r1.ru_minflt - r0.ru_minflt};
}

template <class T> T medianOf(std::vector<T> v) {
    if (v.empty())
        return T{};
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

struct Series {
    std::vector<Run> runs;

    bool empty() const { return runs.empty(); }
    std::vector<double> seconds() const {
        std::vector<double> s;
        for (const auto& r : runs)
            s.push_back(r.seconds);
        return s;
    }
    double median() const { return medianOf(seconds()); }
    double min() const {
        const auto s = seconds();
        return s.empty() ? 0 : *std::min_element(s.begin(), s.end());
    }
    // Nearest-rank quantile, e.g. 0.95 of 50 runs is the 48th smallest.
    double quantile(double q) const {
        auto s = seconds();
        if (s.empty())
            return 0;
        std::sort(s.begin(), s.end());
        const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(s.size())));
        return s[std::clamp<std::size_t>(rank, 1, s.size()) - 1];
    }
    double medianSys() const {
        std::vector<double> v;
        for (const auto& r : runs)
            v.push_back(r.sysSeconds);
        return medianOf(v);
    }
    long medianFaults() const {
        std::vector<long> v;
        for (const auto& r : runs)
            v.push_back(r.minorFaults);
        return medianOf(v);
    }
};

QJsonObject seriesJson(const Series& s, double bytes = 0) {
    QJsonObject o;
    o.insert(QStringLiteral("median_s"), s.median());
    o.insert(QStringLiteral("min_s"), s.min());
    if (bytes > 0 && s.median() > 0)
        o.insert(QStringLiteral("gbps"), bytes / s.median() / 1e9);
    o.insert(QStringLiteral("sys_s_median"), s.medianSys());
    o.insert(QStringLiteral("minor_faults_median"), static_cast<double>(s.medianFaults()));
    QJsonArray runs;
    for (double x : s.seconds())
        runs.append(x);
    o.insert(QStringLiteral("runs_s"), runs);
    return o;
}

void printHeading(const char* title) {
    say("\n%s\n", title);
    say("  %-46s %9s %9s %8s %9s %8s\n", "", "median s", "min s", "GB/s", "faults", "sys s");
}

void printRow(const char* name, const Series& s, double bytes) {
    if (s.empty()) {
        say("  %-46s %9s\n", name, "n/a");
        return;
    }
    char rate[32] = "";
    if (bytes > 0)
        std::snprintf(rate, sizeof rate, "%.2f", bytes / s.median() / 1e9);
    say("  %-46s %9.4f %9.4f %8s %9ld %8.3f\n", name, s.median(), s.min(), rate, s.medianFaults(),
        s.medianSys());
}

// Prints "name  r x (target ...: met)" and returns the ratio. `higherIsBetter` decides which side
// of the target counts as met. Informational only: nothing fails on timings.
double printRatio(const char* name, double ratio, double target, bool higherIsBetter,
                  const char* targetText) {
    const bool met = higherIsBetter ? ratio >= target : ratio <= target;
    say("  %-46s %8.2fx   (issue target %s: %s)\n", name, ratio, targetText,
        met ? "met" : "MISSED");
    return ratio;
}

// ---- buffers ------------------------------------------------------------------------------------

// A heap buffer touched once on allocation, so timed runs pay no page faults on it.
class Buffer {
public:
    explicit Buffer(std::size_t size)
        : m_data(new std::byte[std::max<std::size_t>(size, 1)])
        , m_size(size) {
        std::memset(m_data.get(), 0, m_size);
    }
    std::byte* data() const { return m_data.get(); }
    float* floats() const { return reinterpret_cast<float*>(m_data.get()); }
    std::size_t size() const { return m_size; }
    // Overwrites the contents so that a run which writes nothing cannot pass the comparison.
    void poison(std::size_t bytes, int value) const { std::memset(m_data.get(), value, bytes); }

private:
    std::unique_ptr<std::byte[]> m_data;
    std::size_t m_size;
};

void preadAll(int fd, std::byte* dst, qint64 size) {
    qint64 offset = 0;
    while (offset < size) {
        const auto want = static_cast<std::size_t>(std::min(size - offset, kReadBlock));
        const ssize_t got = ::pread(fd, dst + offset, want, offset);
        if (got <= 0)
            throw Failure(strf("pread at offset %lld failed: %s", static_cast<long long>(offset),
                               got < 0 ? std::strerror(errno) : "unexpected end of file"));
        offset += got;
    }
}

// A new array of `bytes`, advised and first touched as loadAllTraces' array is (huge pages where
// the kernel gives them), with one write per 4 KB page from as many threads as the loader uses.
std::unique_ptr<float[]> firstTouchedArray(std::size_t bytes) {
    std::unique_ptr<float[]> a(new float[bytes / 4]);
    auto* p = reinterpret_cast<unsigned char*>(a.get());
#ifdef MADV_HUGEPAGE
    if (bytes >= (64u << 20)) // loadAllTraces' threshold
        ::madvise(reinterpret_cast<void*>(reinterpret_cast<quintptr>(p) & ~quintptr(4095)), bytes,
                  MADV_HUGEPAGE);
#endif
    const int threads = std::max(1, QThread::idealThreadCount());
    auto touch = [&](int t) {
        const std::size_t end = bytes * static_cast<std::size_t>(t + 1) / threads;
        for (std::size_t i = bytes * static_cast<std::size_t>(t) / threads; i < end; i += 4096)
            p[i] = 1;
    };
    std::vector<std::thread> helpers;
    for (int t = 1; t < threads; ++t)
        helpers.emplace_back(touch, t);
    touch(0);
    for (auto& h : helpers)
        h.join();
    return a;
}

// ---- segyio -------------------------------------------------------------------------------------

void segyCheck(int rc, const char* what) {
    if (rc != SEGY_OK)
        throw Failure(strf("segyio: %s failed with error code %d", what, rc));
}

// What segyio's bindings compute on open; trace_bsize excludes the 240-byte trace header.
struct SegyioLayout {
    int format = 0;
    int samples = 0;
    long trace0 = 0;
    int traceBsize = 0;
    int traces = 0;
    int formatFlags = 0; // format | SEGY_LSB for little-endian files, for segy_set_format
    int bytesPerSample = 4;
};

// A segyio handle opened as segyio's bindings open one for reading with mmap.
class SegyioFile {
public:
    SegyioFile(const QByteArray& path, int formatFlags)
        : m_fp(segy_open(path.constData(), "r")) {
        if (!m_fp)
            throw Failure(strf("segyio: segy_open(\"%s\", \"r\") failed", path.constData()));
        segyCheck(segy_mmap(m_fp), "segy_mmap");
        segyCheck(segy_set_format(m_fp, formatFlags), "segy_set_format");
    }
    ~SegyioFile() { segy_close(m_fp); }
    SegyioFile(const SegyioFile&) = delete;
    SegyioFile& operator=(const SegyioFile&) = delete;
    segy_file* get() const { return m_fp; }

private:
    segy_file* m_fp;
};

// segyio's view of the file, or nullopt (with the reason) where segyio 1.8 cannot read it the way
// seisview does, so a comparison would be meaningless.
std::optional<SegyioLayout> probeSegyio(const QByteArray& path, const seis::SegyFile& file,
                                        std::string* why) {
    const int code = static_cast<int>(file.format());
    if (code != 1 && code != 2 && code != 3 && code != 5 && code != 8) {
        *why = strf("segyio 1.8 does not read sample format %d", code);
        return std::nullopt;
    }
    SegyioLayout l;
    const int lsb = file.byteOrder() == seis::ByteOrder::Little ? SEGY_LSB : 0;
    try {
        const SegyioFile f(path, code | lsb);
        std::array<char, SEGY_BINARY_HEADER_SIZE> bin{};
        segyCheck(segy_binheader(f.get(), bin.data()), "segy_binheader");
        l.format = segy_format(bin.data());
        l.samples = segy_samples(bin.data());
        l.trace0 = segy_trace0(bin.data());
        l.traceBsize = segy_trsize(l.format, l.samples);
        l.formatFlags = l.format | lsb;
        l.bytesPerSample = seis::bytesPerSample(file.format());
        if (l.traceBsize <= 0)
            throw Failure(strf("segyio: segy_trsize(%d, %d) failed", l.format, l.samples));
        segyCheck(segy_traces(f.get(), &l.traces, l.trace0, l.traceBsize), "segy_traces");
    } catch (const Failure& e) {
        *why = e.what();
        return std::nullopt;
    }
    if (l.format != code || l.samples != file.sampleCount() ||
        l.trace0 != file.firstTraceOffset() ||
        l.traceBsize + SEGY_TRACE_HEADER_SIZE != file.traceBytes() ||
        l.traces != file.traceCount()) {
        *why =
            strf("segyio sees %d traces x %d samples, format %d, first trace at byte %ld; "
                 "seisview sees %lld x %lld, format %d, first trace at byte %lld",
                 l.traces, l.samples, l.format, l.trace0, static_cast<long long>(file.traceCount()),
                 static_cast<long long>(file.sampleCount()), code,
                 static_cast<long long>(file.firstTraceOffset()));
        return std::nullopt;
    }
    return l;
}

// Whole file, as segyio's bindings do it for `f.trace.raw[:]` on an mmap'd file: every trace
// copied out, then one conversion pass over the whole buffer.
void segyioLoadAll(const SegyioFile& f, const SegyioLayout& l, std::byte* dst) {
    for (int t = 0; t < l.traces; ++t)
        segyCheck(segy_readtrace(f.get(), t, dst + static_cast<qint64>(t) * l.traceBsize, l.trace0,
                                 l.traceBsize),
                  "segy_readtrace");
    segyCheck(segy_to_native(l.format, static_cast<long long>(l.traces) * l.samples, dst),
              "segy_to_native");
}

// `count` traces from `first`, each read and converted on its own (segyio's per-trace path).
void segyioReadTraces(const SegyioFile& f, const SegyioLayout& l, int first, int count,
                      std::byte* dst) {
    for (int t = 0; t < count; ++t) {
        std::byte* out = dst + static_cast<qint64>(t) * l.traceBsize;
        segyCheck(segy_readtrace(f.get(), first + t, out, l.trace0, l.traceBsize),
                  "segy_readtrace");
        segyCheck(segy_to_native(l.format, l.samples, out), "segy_to_native");
    }
}

// ---- result checks ------------------------------------------------------------------------------

// Where segyio's IBM conversion and seisview's (documented in sampleformat.h) part ways: segyio
// flushes IBM values below about 2^-127 to +0 (dropping the sign) and mangles those just above,
// where seisview rounds to float32 subnormals; segyio turns values above FLT_MAX into NaN where
// seisview gives +/-inf. Normal-range IBM values convert exactly in both, so there the two must
// agree bit for bit.
bool explainedIbmDifference(float segy, float seis) {
    const bool seisTiny = seis == 0.0f || std::fpclassify(seis) == FP_SUBNORMAL;
    if (seisTiny && (segy == 0.0f || std::fabs(segy) < 2 * FLT_MIN))
        return true;
    return std::isinf(seis) && (std::isnan(segy) || std::fabs(segy) >= FLT_MAX);
}

float segyioValue(const std::byte* segy, qint64 i, int format) {
    switch (format) {
    case 2: {
        std::int32_t v;
        std::memcpy(&v, segy + 4 * i, 4);
        return static_cast<float>(v);
    }
    case 3: {
        std::int16_t v;
        std::memcpy(&v, segy + 2 * i, 2);
        return static_cast<float>(v);
    }
    case 8:
        return static_cast<float>(static_cast<std::int8_t>(segy[i]));
    default: {
        float v;
        std::memcpy(&v, segy + 4 * i, 4);
        return v;
    }
    }
}

struct SampleCheck {
    qint64 explained = 0; // differences segyio's documented IBM conversion accounts for
    std::string firstProblem;
};

// Compares segyio's native output (float for formats 1 and 5, int32/int16/int8 for 2/3/8, which
// segyio does not convert to float) with seisview's floats, bit for bit. `firstTrace` and `ns`
// only name the place of a difference.
SampleCheck compareSamples(const std::byte* segy, const float* seis, qint64 count, int format,
                           qint64 firstTrace, qint64 ns) {
    SampleCheck c;
    if ((format == 1 || format == 5) &&
        std::memcmp(segy, seis, static_cast<std::size_t>(count) * 4) == 0)
        return c;
    for (qint64 i = 0; i < count; ++i) {
        const float a = segyioValue(segy, i, format);
        const float b = seis[i];
        if (std::bit_cast<quint32>(a) == std::bit_cast<quint32>(b))
            continue;
        if (format == 1 && explainedIbmDifference(a, b)) {
            ++c.explained;
            continue;
        }
        c.firstProblem =
            strf("trace %lld sample %lld: segyio %.9g (0x%08x), seisview %.9g (0x%08x)",
                 static_cast<long long>(firstTrace + i / ns), static_cast<long long>(i % ns),
                 static_cast<double>(a), std::bit_cast<quint32>(a), static_cast<double>(b),
                 std::bit_cast<quint32>(b));
        return c;
    }
    return c;
}

void requireSame(const SampleCheck& c, const char* what) {
    if (!c.firstProblem.empty())
        throw Failure(strf("%s: results differ at %s", what, c.firstProblem.c_str()));
}

// ---- arguments ----------------------------------------------------------------------------------

struct Options {
    QString file;
    QString cli;
    QString tmpdir;
    QStringList only; // sections to run; empty: all
    int repeat = 5;
    bool json = false;
    seis::SegyOpenOptions open; // --resident-mb sets open.residentBytes
    bool runs(const char* section) const {
        return only.isEmpty() || only.contains(QLatin1String(section));
    }
};

const char* kUsage =
    "usage: seis-bench FILE [--cli PATH_TO_seisview-cli] [--repeat N] [--json] [--tmpdir DIR]\n"
    "                  [--only SECTIONS] [--resident-mb N]\n"
    "  Measures seisview's core against segyio's C library and the pread/memcpy floor on FILE\n"
    "  (read once first, so it is measured from the page cache).\n"
    "  --cli PATH   also time `PATH info` on a sparse 1 TiB file and a 1 MB file (made in DIR)\n"
    "  --repeat N   timed runs per measurement after one warm-up run (default 5)\n"
    "  --json       print one JSON object with every figure on stdout (the table on stderr)\n"
    "  --tmpdir DIR where --cli writes its two files (default: the system temp directory)\n"
    "  --only LIST  run only these comma-separated sections: load,headers,window,cli,ensembles\n"
    "  --resident-mb N  pages of the mapping seisview's reads leave mapped (default 64)\n";

std::optional<Options> parseArguments(const QStringList& args) {
    Options o;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString& a = args[i];
        auto value = [&]() -> std::optional<QString> {
            if (i + 1 >= args.size())
                return std::nullopt;
            return args[++i];
        };
        if (a == QLatin1String("--json")) {
            o.json = true;
        } else if (a == QLatin1String("--cli") || a == QLatin1String("--tmpdir") ||
                   a == QLatin1String("--repeat") || a == QLatin1String("--only") ||
                   a == QLatin1String("--resident-mb")) {
            const auto v = value();
            if (!v) {
                std::fprintf(stderr, "seis-bench: %s needs a value\n%s", qPrintable(a), kUsage);
                return std::nullopt;
            }
            if (a == QLatin1String("--cli")) {
                o.cli = *v;
            } else if (a == QLatin1String("--tmpdir")) {
                o.tmpdir = *v;
            } else if (a == QLatin1String("--resident-mb")) {
                bool ok = false;
                const qint64 mb = v->toLongLong(&ok);
                if (!ok || mb < 0) {
                    std::fprintf(stderr, "seis-bench: --resident-mb is '%s'; expected >= 0\n",
                                 qPrintable(*v));
                    return std::nullopt;
                }
                o.open.residentBytes = mb << 20;
            } else if (a == QLatin1String("--only")) {
                o.only = v->split(QLatin1Char(','), Qt::SkipEmptyParts);
                for (const auto& section : o.only)
                    if (!QStringList{QStringLiteral("load"), QStringLiteral("headers"),
                                     QStringLiteral("window"), QStringLiteral("cli"),
                                     QStringLiteral("ensembles")}
                             .contains(section)) {
                        std::fprintf(stderr, "seis-bench: unknown section '%s' in --only\n%s",
                                     qPrintable(section), kUsage);
                        return std::nullopt;
                    }
            } else {
                bool ok = false;
                o.repeat = v->toInt(&ok);
                if (!ok || o.repeat < 1) {
                    std::fprintf(stderr,
                                 "seis-bench: --repeat is '%s'; expected a whole number "
                                 ">= 1\n",
                                 qPrintable(*v));
                    return std::nullopt;
                }
            }
        } else if (a == QLatin1String("-h") || a == QLatin1String("--help")) {
            std::fputs(kUsage, stdout);
            std::exit(0);
        } else if (a.startsWith(QLatin1Char('-')) || !o.file.isEmpty()) {
            std::fprintf(stderr, "seis-bench: unexpected argument '%s'\n%s", qPrintable(a), kUsage);
            return std::nullopt;
        } else {
            o.file = a;
        }
    }
    if (o.file.isEmpty()) {
        std::fputs(kUsage, stderr);
        return std::nullopt;
    }
    return o;
}

// ---- the measurements ---------------------------------------------------------------------------

struct Context {
    Options opt;
    QByteArray path; // native encoding, for segyio and POSIX calls
    int fd = -1;
    qint64 fileSize = 0;
    qint64 traces = 0;
    qint64 samples = 0;
    seis::SampleFormat format{};
    std::optional<SegyioLayout> segyio;
    std::string segyioWhy;
    QJsonObject json;
};

// Keeps the sink of a copy alive so the compiler cannot drop the copy.
volatile unsigned char g_sink;

void benchLoad(Context& c) {
    const int n = c.opt.repeat;
    const qint64 sampleCount = c.traces * c.samples;
    const auto floatBytes = static_cast<std::size_t>(sampleCount) * 4;
    const auto segyBytes =
        c.segyio ? static_cast<std::size_t>(sampleCount) * c.segyio->bytesPerSample : 0;
    const auto fileBytes = static_cast<std::size_t>(c.fileSize);

    Buffer floorBuf(fileBytes);                     // pread destination
    Buffer copyBuf(std::max(fileBytes, segyBytes)); // memcpy destination, then segyio's
    Buffer seisBuf(floatBytes);                     // seis::loadTraces destination
    // Read the file once so that everything below is measured from the page cache.
    preadAll(c.fd, floorBuf.data(), c.fileSize);

    Series pread, copy, segy, fresh, load, loadAll;
    qint64 explained = 0;
    for (int round = 0; round <= n; ++round) {
        auto keep = [&](Series& s, const Run& r) {
            if (round > 0)
                s.runs.push_back(r);
        };
        keep(pread, measure([&] { preadAll(c.fd, floorBuf.data(), c.fileSize); }));
        keep(copy, measure([&] { std::memcpy(copyBuf.data(), floorBuf.data(), fileBytes); }));
        g_sink = static_cast<unsigned char>(copyBuf.data()[fileBytes / 2]);

        if (c.segyio) {
            copyBuf.poison(segyBytes, 0xa5);
            std::optional<SegyioFile> f;
            keep(segy, measure([&] {
                     f.emplace(c.path, c.segyio->formatFlags);
                     segyioLoadAll(*f, *c.segyio, copyBuf.data());
                 }));
        }
        // What loadAllTraces pays on top of loadTraces: a fresh array, first touched, with the
        // same huge-page advice and the same number of threads. Both arrays are held until both
        // are measured, and the order alternates: a VM may hand freed memory back to its host
        // within seconds, after which a first touch costs several times more, and the kernel
        // hands out the memory freed most recently first.
        const bool freshFirst = round % 2 == 0;
        std::unique_ptr<float[]> freshArray;
        auto runFresh = [&] {
            keep(fresh, measure([&] { freshArray = firstTouchedArray(floatBytes); }));
        };
        if (freshFirst)
            runFresh();
        seisBuf.poison(floatBytes, 0x5a);
        std::optional<seis::SegyFile> f;
        keep(load, measure([&] {
                 f.emplace(c.opt.file, c.opt.open);
                 if (seis::loadTraces(*f, seis::TraceRange{0, c.traces}, seisBuf.floats()) !=
                     seis::LoadStatus::Completed)
                     throw Failure("seis::loadTraces did not complete");
             }));
        if (c.segyio) {
            const auto check = compareSamples(copyBuf.data(), seisBuf.floats(), sampleCount,
                                              c.segyio->format, 0, c.samples);
            requireSame(check, "whole-file load, segyio vs seis::loadTraces");
            explained = check.explained;
        }
        seis::TraceArray all;
        f.reset();
        keep(loadAll, measure([&] {
                 f.emplace(c.opt.file, c.opt.open);
                 all = seis::loadAllTraces(*f);
             }));
        f.reset();
        if (!freshFirst)
            runFresh();
        if (!all.data || all.traces != c.traces || all.samples != c.samples ||
            std::memcmp(all.data.get(), seisBuf.data(), floatBytes) != 0)
            throw Failure("whole-file load: seis::loadAllTraces differs from seis::loadTraces");
        g_sink = static_cast<unsigned char>(freshArray[floatBytes / 8] != 0);
    }

    const double bytes = static_cast<double>(c.fileSize);
    printHeading("1. Whole-file load (GB/s of file bytes; open timed, close not)");
    printRow("floor: pread, 8 MB reads, pre-touched buffer", pread, bytes);
    printRow("floor: memcpy of the file, pre-touched buffer", copy, bytes);
    printRow("segyio: mmap, segy_readtrace all, to_native", segy, bytes);
    printRow("seisview: loadTraces, pre-touched buffer", load, bytes);
    printRow("floor: fresh array of the result, first touch", fresh, 0);
    printRow("seisview: loadAllTraces (allocates the array)", loadAll, bytes);
    // Minima: the runs whose fresh memory was warm (see the note where `fresh` is measured).
    say("  %-46s %9.4f s (loadTraces min %.4f s)\n", "loadAllTraces min minus fresh-array min",
        loadAll.min() - fresh.min(), load.min());

    QJsonObject j;
    j.insert(QStringLiteral("pread_floor"), seriesJson(pread, bytes));
    j.insert(QStringLiteral("memcpy_floor"), seriesJson(copy, bytes));
    if (!segy.empty())
        j.insert(QStringLiteral("segyio"), seriesJson(segy, bytes));
    j.insert(QStringLiteral("seisview_loadTraces"), seriesJson(load, bytes));
    j.insert(QStringLiteral("fresh_array_floor"), seriesJson(fresh));
    j.insert(QStringLiteral("seisview_loadAllTraces"), seriesJson(loadAll, bytes));

    QJsonObject ratios;
    if (!segy.empty()) {
        ratios.insert(QStringLiteral("loadTraces_speedup_vs_segyio"),
                      printRatio("speedup loadTraces vs segyio", segy.median() / load.median(), 2.5,
                                 true, ">= 2.5x"));
        ratios.insert(QStringLiteral("loadAllTraces_speedup_vs_segyio"),
                      printRatio("speedup loadAllTraces vs segyio",
                                 segy.median() / loadAll.median(), 2.5, true, ">= 2.5x"));
    }
    ratios.insert(QStringLiteral("loadTraces_vs_pread_floor"),
                  printRatio("floor/seisview loadTraces (pread s / seis s)",
                             pread.median() / load.median(), 0.9, true, ">= 0.9x"));
    ratios.insert(QStringLiteral("loadAllTraces_vs_pread_floor"),
                  printRatio("floor/seisview loadAllTraces", pread.median() / loadAll.median(), 0.9,
                             true, ">= 0.9x"));
    j.insert(QStringLiteral("ratios"), ratios);

    if (c.segyio) {
        say("  verified: segyio == loadTraces == loadAllTraces, bit for bit, %lld samples, every "
            "run\n",
            static_cast<long long>(sampleCount - explained));
        if (explained)
            say("  note: %lld samples differ only as segyio's truncating IBM conversion explains "
                "(tiny values, overflow)\n",
                static_cast<long long>(explained));
    } else {
        say("  verified: loadTraces == loadAllTraces only; segyio skipped: %s\n",
            c.segyioWhy.c_str());
    }
    j.insert(QStringLiteral("verified_against_segyio"), c.segyio.has_value());
    j.insert(QStringLiteral("explained_ibm_differences"), static_cast<double>(explained));
    c.json.insert(QStringLiteral("load"), j);
}

void benchHeaders(Context& c) {
    const int n = c.opt.repeat;
    const std::array<int, 3> segyFields{SEGY_TR_FIELD_RECORD, SEGY_TR_NUMBER_ORIG_FIELD,
                                        SEGY_TR_ENSEMBLE};
    const std::array<seis::HeaderField, 3> seisFields{{
        {QStringLiteral("fldr"), seis::HeaderByte{9}, seis::FieldType::I4},
        {QStringLiteral("tracf"), seis::HeaderByte{13}, seis::FieldType::I4},
        {QStringLiteral("cdp"), seis::HeaderByte{21}, seis::FieldType::I4},
    }};
    const auto count = static_cast<std::size_t>(c.traces);
    std::array<std::vector<int>, 3> segyCols;
    std::array<std::vector<qint64>, 3> seisCols;
    std::array<qint64*, 3> seisOut{};
    for (std::size_t k = 0; k < 3; ++k) {
        segyCols[k].assign(count, 0);
        seisCols[k].assign(count, 0);
        seisOut[k] = seisCols[k].data();
    }
    auto poisonSegy = [&] {
        for (auto& col : segyCols)
            std::fill(col.begin(), col.end(), INT_MIN);
    };
    auto poisonSeis = [&] {
        for (auto& col : seisCols)
            std::fill(col.begin(), col.end(), INT64_MIN);
    };
    auto readSegy = [&](const SegyioFile& f) {
        const auto& l = *c.segyio;
        for (std::size_t k = 0; k < 3; ++k)
            segyCheck(segy_field_forall(f.get(), segyFields[k], 0, l.traces, 1, segyCols[k].data(),
                                        l.trace0, l.traceBsize),
                      "segy_field_forall");
    };
    auto readSeis = [&](const seis::SegyFile& f) {
        f.readHeaderColumns(seisFields, seis::TraceRange{0, c.traces}, seisOut);
    };
    auto compare = [&](const char* what) {
        if (!c.segyio)
            return;
        for (std::size_t k = 0; k < 3; ++k)
            for (std::size_t i = 0; i < count; ++i)
                if (segyCols[k][i] != seisCols[k][i])
                    throw Failure(strf("%s: byte %d of trace %zu is %d in segyio, %lld in seisview",
                                       what, seisFields[k].byte.position, i, segyCols[k][i],
                                       static_cast<long long>(seisCols[k][i])));
    };

    Series segyFresh, seisFresh, segyHeld, seisHeld;
    std::optional<SegyioFile> segyHandle;
    if (c.segyio)
        segyHandle.emplace(c.path, c.segyio->formatFlags);
    const seis::SegyFile seisHandle(c.opt.file, c.opt.open);
    for (int round = 0; round <= n; ++round) {
        auto keep = [&](Series& s, const Run& r) {
            if (round > 0)
                s.runs.push_back(r);
        };
        if (c.segyio) {
            poisonSegy();
            std::optional<SegyioFile> f;
            keep(segyFresh, measure([&] {
                     f.emplace(c.path, c.segyio->formatFlags);
                     readSegy(*f);
                 }));
        }
        poisonSeis();
        std::optional<seis::SegyFile> f;
        keep(seisFresh, measure([&] {
                 f.emplace(c.opt.file, c.opt.open);
                 readSeis(*f);
             }));
        f.reset();
        compare("header fields on a fresh open");
        if (c.segyio) {
            poisonSegy();
            keep(segyHeld, measure([&] { readSegy(*segyHandle); }));
        }
        poisonSeis();
        keep(seisHeld, measure([&] { readSeis(seisHandle); }));
        compare("header fields on an open handle");
    }

    printHeading("2. Header bytes 9, 13, 21 of every trace");
    printRow("segyio: open+mmap, segy_field_forall x3", segyFresh, 0);
    printRow("seisview: open, readHeaderColumns (3 fields)", seisFresh, 0);
    say("  (fresh open: open timed, close not; the file's pages are mapped on first touch)\n");
    printRow("segyio: open handle, segy_field_forall x3", segyHeld, 0);
    printRow("seisview: open handle, readHeaderColumns", seisHeld, 0);
    QJsonObject j;
    if (c.segyio) {
        j.insert(QStringLiteral("segyio_fresh_open"), seriesJson(segyFresh));
        j.insert(QStringLiteral("segyio_open_handle"), seriesJson(segyHeld));
    }
    j.insert(QStringLiteral("seisview_fresh_open"), seriesJson(seisFresh));
    j.insert(QStringLiteral("seisview_open_handle"), seriesJson(seisHeld));
    if (c.segyio) {
        QJsonObject ratios;
        ratios.insert(QStringLiteral("speedup_fresh_open"),
                      printRatio("speedup on a fresh open", segyFresh.median() / seisFresh.median(),
                                 15, true, ">= 15x"));
        ratios.insert(QStringLiteral("speedup_open_handle"),
                      printRatio("speedup on an open handle", segyHeld.median() / seisHeld.median(),
                                 15, true, ">= 15x"));
        j.insert(QStringLiteral("ratios"), ratios);
        say("  verified: segyio == seisview for 3 x %lld values, every run\n",
            static_cast<long long>(c.traces));
    } else {
        say("  segyio skipped: %s\n", c.segyioWhy.c_str());
    }
    c.json.insert(QStringLiteral("headers"), j);
}

void benchEnsembles(Context& c) {
    const int n = c.opt.repeat;
    const seis::HeaderField fldr{QStringLiteral("fldr"), seis::HeaderByte{9}, seis::FieldType::I4};
    const std::vector<seis::HeaderField> keys{fldr};
    std::vector<int> segyCol(static_cast<std::size_t>(c.traces), 0);
    auto readSegy = [&](const SegyioFile& f) {
        const auto& l = *c.segyio;
        segyCheck(segy_field_forall(f.get(), SEGY_TR_FIELD_RECORD, 0, l.traces, 1, segyCol.data(),
                                    l.trace0, l.traceBsize),
                  "segy_field_forall");
    };
    const QTemporaryDir cacheDir((c.opt.tmpdir.isEmpty() ? QDir::tempPath() : c.opt.tmpdir) +
                                 QStringLiteral("/seis-bench-ensembles-XXXXXX"));
    if (!cacheDir.isValid())
        throw Failure(strf("cannot create a temporary cache directory: %s",
                           qPrintable(cacheDir.errorString())));
    seis::EnsembleScanOptions noCache;
    noCache.useCache = false;
    seis::EnsembleScanOptions withCache;
    withCache.cacheDir = cacheDir.path();
    auto scan = [&](const seis::SegyFile& f, const seis::EnsembleScanOptions& o) {
        auto index = std::make_unique<seis::EnsembleIndex>(keys, f.traceCount());
        if (seis::scanEnsembles(f, *index, {}, o) != seis::LoadStatus::Completed)
            throw Failure("seis::scanEnsembles did not complete");
        return index;
    };
    // The ensembles must be exactly the runs of equal values in segyio's column (or, without
    // segyio, in SegyFile::readHeaderColumns' column).
    auto compare = [&](const seis::EnsembleIndex& index, bool cached, const char* what) {
        if (!index.isComplete() || index.fromCache() != cached)
            throw Failure(strf("%s: index complete %d, from cache %d (expected 1, %d)", what,
                               index.isComplete(), index.fromCache(), cached));
        qint64 e = 0;
        for (qint64 t = 0; t < c.traces; ++e) {
            qint64 end = t + 1;
            while (end < c.traces && segyCol[std::size_t(end)] == segyCol[std::size_t(t)])
                ++end;
            if (e >= index.count())
                throw Failure(strf("%s: %lld ensembles, the column has more runs", what,
                                   static_cast<long long>(index.count())));
            const seis::Ensemble got = index.ensemble(e);
            if (got.traces.begin != t || got.traces.end != end || got.keys[0] != segyCol[t])
                throw Failure(strf("%s: ensemble %lld is traces %lld:%lld fldr %lld; the column "
                                   "has a run %lld:%lld of %d",
                                   what, static_cast<long long>(e),
                                   static_cast<long long>(got.traces.begin),
                                   static_cast<long long>(got.traces.end),
                                   static_cast<long long>(got.keys[0]), static_cast<long long>(t),
                                   static_cast<long long>(end), segyCol[std::size_t(t)]));
            t = end;
        }
        if (e != index.count())
            throw Failure(strf("%s: %lld ensembles, the column has %lld runs", what,
                               static_cast<long long>(index.count()), static_cast<long long>(e)));
    };
    if (!c.segyio) {
        std::vector<qint64> col(segyCol.size());
        const seis::SegyFile f(c.opt.file, c.opt.open);
        qint64* out = col.data();
        f.readHeaderColumns(keys, seis::TraceRange{0, c.traces}, std::span<qint64* const>(&out, 1));
        for (std::size_t i = 0; i < col.size(); ++i)
            segyCol[i] = static_cast<int>(col[i]);
    }

    Series segyFresh, segyHeld, seisFresh, seisHeld, seisCached, segyClosed, seisClosed;
    // A run followed by the close it leaves behind: unmapping what a scan mapped is paid either
    // during the scan or at close, so open + scan + close is the end-to-end figure.
    auto withClose = [](Run r, const Run& close) {
        r.seconds += close.seconds;
        r.sysSeconds += close.sysSeconds;
        r.minorFaults += close.minorFaults;
        return r;
    };
    std::optional<SegyioFile> segyHandle;
    if (c.segyio)
        segyHandle.emplace(c.path, c.segyio->formatFlags);
    const seis::SegyFile seisHandle(c.opt.file, c.opt.open);
    qint64 ensembles = 0;
    for (int round = 0; round <= n; ++round) {
        auto keep = [&](Series& s, const Run& r) {
            if (round > 0)
                s.runs.push_back(r);
        };
        if (c.segyio) {
            std::fill(segyCol.begin(), segyCol.end(), INT_MIN);
            std::optional<SegyioFile> f;
            const Run r = measure([&] {
                f.emplace(c.path, c.segyio->formatFlags);
                readSegy(*f);
            });
            keep(segyFresh, r);
            keep(segyClosed, withClose(r, measure([&] { f.reset(); })));
            std::fill(segyCol.begin(), segyCol.end(), INT_MIN);
            keep(segyHeld, measure([&] { readSegy(*segyHandle); }));
        }
        std::unique_ptr<seis::EnsembleIndex> index;
        std::optional<seis::SegyFile> f;
        const Run r = measure([&] {
            f.emplace(c.opt.file, c.opt.open);
            index = scan(*f, noCache);
        });
        keep(seisFresh, r);
        keep(seisClosed, withClose(r, measure([&] { f.reset(); })));
        compare(*index, false, "scanEnsembles on a fresh open");
        ensembles = index->count();
        keep(seisHeld, measure([&] { index = scan(seisHandle, noCache); }));
        compare(*index, false, "scanEnsembles on an open handle");
        if (round == 0) { // fills the cache
            index = scan(seisHandle, withCache);
            compare(*index, false, "scanEnsembles storing the cache");
        }
        keep(seisCached, measure([&] {
                 f.emplace(c.opt.file, c.opt.open);
                 index = scan(*f, withCache);
             }));
        f.reset();
        compare(*index, true, "scanEnsembles from the cache");
    }

    printHeading("5. Ensembles by fldr (bytes 9-12) of every trace");
    printRow("segyio: open+mmap, segy_field_forall (fldr)", segyFresh, 0);
    printRow("seisview: open, scanEnsembles (no cache)", seisFresh, 0);
    printRow("seisview: open, scanEnsembles from the cache", seisCached, 0);
    say("  (fresh open: open timed, close not; the file's pages are mapped on first touch)\n");
    printRow("segyio: the same, close timed too", segyClosed, 0);
    printRow("seisview: the same, close timed too", seisClosed, 0);
    printRow("segyio: open handle, segy_field_forall (fldr)", segyHeld, 0);
    printRow("seisview: open handle, scanEnsembles (no cache)", seisHeld, 0);
    QJsonObject j;
    j.insert(QStringLiteral("ensembles"), static_cast<double>(ensembles));
    if (c.segyio) {
        j.insert(QStringLiteral("segyio_fresh_open"), seriesJson(segyFresh));
        j.insert(QStringLiteral("segyio_open_handle"), seriesJson(segyHeld));
        j.insert(QStringLiteral("segyio_fresh_open_with_close"), seriesJson(segyClosed));
    }
    j.insert(QStringLiteral("seisview_fresh_open"), seriesJson(seisFresh));
    j.insert(QStringLiteral("seisview_fresh_open_with_close"), seriesJson(seisClosed));
    j.insert(QStringLiteral("seisview_open_handle"), seriesJson(seisHeld));
    j.insert(QStringLiteral("seisview_from_cache"), seriesJson(seisCached));
    auto ratio = [&](const char* name, double r) {
        say("  %-46s %8.2fx\n", name, r);
        return r;
    };
    QJsonObject ratios;
    if (c.segyio) {
        ratios.insert(QStringLiteral("speedup_fresh_open"),
                      ratio("speedup on a fresh open (segyio / scan)",
                            segyFresh.median() / seisFresh.median()));
        ratios.insert(QStringLiteral("speedup_fresh_open_with_close"),
                      ratio("speedup open + scan + close (segyio / scan)",
                            segyClosed.median() / seisClosed.median()));
        ratios.insert(QStringLiteral("speedup_open_handle"),
                      ratio("speedup on an open handle (segyio / scan)",
                            segyHeld.median() / seisHeld.median()));
        ratios.insert(QStringLiteral("speedup_cache_vs_segyio_fresh_open"),
                      ratio("speedup from the cache (segyio fresh / cached)",
                            segyFresh.median() / seisCached.median()));
    }
    ratios.insert(QStringLiteral("speedup_cache_vs_scan_fresh_open"),
                  ratio("speedup from the cache (scan fresh / cached)",
                        seisFresh.median() / seisCached.median()));
    j.insert(QStringLiteral("ratios"), ratios);
    j.insert(QStringLiteral("verified_against_segyio"), c.segyio.has_value());
    if (c.segyio)
        say("  verified: %lld ensembles == the runs of segyio's fldr column, every run\n",
            static_cast<long long>(ensembles));
    else
        say("  verified against SegyFile::readHeaderColumns only; segyio skipped: %s\n",
            c.segyioWhy.c_str());
    c.json.insert(QStringLiteral("ensembles"), j);
}

void benchWindows(Context& c) {
    const qint64 w = std::min(kWindowTraces, c.traces);
    const qint64 windowSamples = w * c.samples;
    std::mt19937_64 rng(kWindowSeed);
    std::uniform_int_distribution<qint64> pick(0, c.traces - w);
    std::vector<qint64> starts(kWindows);
    for (auto& s : starts)
        s = pick(rng);

    const int bps = c.segyio ? c.segyio->bytesPerSample : 4;
    Buffer segyBuf(static_cast<std::size_t>(windowSamples * bps));
    Buffer seisBuf(static_cast<std::size_t>(windowSamples) * 4);
    std::optional<SegyioFile> segyHandle;
    if (c.segyio)
        segyHandle.emplace(c.path, c.segyio->formatFlags);
    const seis::SegyFile seisHandle(c.opt.file, c.opt.open);

    Series segy, seis;
    const seis::SampleRange allSamples{0, c.samples};
    // One unrecorded window first (thread pool start-up and the like), then the random ones.
    for (int i = -1; i < kWindows; ++i) {
        const qint64 start = i < 0 ? 0 : starts[static_cast<std::size_t>(i)];
        Run segyRun, seisRun;
        auto runSegy = [&] {
            if (!c.segyio)
                return;
            segyBuf.poison(segyBuf.size(), 0xa5);
            segyRun = measure([&] {
                segyioReadTraces(*segyHandle, *c.segyio, static_cast<int>(start),
                                 static_cast<int>(w), segyBuf.data());
            });
        };
        auto runSeis = [&] {
            seisBuf.poison(seisBuf.size(), 0x5a);
            seisRun = measure([&] {
                seisHandle.readWindow(seis::TraceRange{start, start + w}, allSamples,
                                      seisBuf.floats());
            });
        };
        // Alternate who goes first, so neither always finds the other's cache footprint.
        if (i % 2) {
            runSegy();
            runSeis();
        } else {
            runSeis();
            runSegy();
        }
        if (c.segyio)
            requireSame(compareSamples(segyBuf.data(), seisBuf.floats(), windowSamples,
                                       c.segyio->format, start, c.samples),
                        "random window, segyio vs SegyFile::readWindow");
        if (i >= 0) {
            if (c.segyio)
                segy.runs.push_back(segyRun);
            seis.runs.push_back(seisRun);
        }
    }

    const double bytes = static_cast<double>(windowSamples) * bps;
    const std::string title =
        strf("3. Random %lld-trace windows, all samples (%d windows, seed %llu; p50 / p95)",
             static_cast<long long>(w), kWindows, static_cast<unsigned long long>(kWindowSeed));
    say("\n%s\n", title.c_str());
    say("  %-46s %9s %9s %9s %8s %9s\n", "", "p50 ms", "p95 ms", "min ms", "GB/s", "faults");
    auto row = [&](const char* name, const Series& s) {
        if (s.empty()) {
            say("  %-46s %9s\n", name, "n/a");
            return;
        }
        say("  %-46s %9.3f %9.3f %9.3f %8.2f %9ld\n", name, s.median() * 1e3,
            s.quantile(0.95) * 1e3, s.min() * 1e3, bytes / s.median() / 1e9, s.medianFaults());
    };
    row("segyio: segy_readtrace + to_native per trace", segy);
    row("seisview: SegyFile::readWindow", seis);

    QJsonObject j;
    auto windowJson = [&](const Series& s) {
        QJsonObject o = seriesJson(s, bytes);
        o.insert(QStringLiteral("p50_s"), s.median());
        o.insert(QStringLiteral("p95_s"), s.quantile(0.95));
        return o;
    };
    j.insert(QStringLiteral("window_traces"), static_cast<double>(w));
    j.insert(QStringLiteral("windows"), kWindows);
    j.insert(QStringLiteral("seed"), static_cast<double>(kWindowSeed));
    if (c.segyio)
        j.insert(QStringLiteral("segyio"), windowJson(segy));
    j.insert(QStringLiteral("seisview"), windowJson(seis));
    if (c.segyio) {
        QJsonObject ratios;
        ratios.insert(
            QStringLiteral("speedup_p50"),
            printRatio("speedup at p50", segy.median() / seis.median(), 3, true, ">= 3x"));
        ratios.insert(QStringLiteral("speedup_p95"),
                      printRatio("speedup at p95", segy.quantile(0.95) / seis.quantile(0.95), 3,
                                 true, ">= 3x"));
        j.insert(QStringLiteral("ratios"), ratios);
        say("  verified: segyio == seisview bit for bit in every window\n");
    } else {
        say("  segyio skipped: %s\n", c.segyioWhy.c_str());
    }
    c.json.insert(QStringLiteral("window"), j);
}

// Removes the files it holds when it goes out of scope, whatever happened.
struct FileRemover {
    QStringList paths;
    ~FileRemover() {
        for (const auto& p : paths)
            QFile::remove(p);
    }
};

// Writes the file's headers and its first whole traces up to about 1 MB to `path`, then extends
// the file to `size` bytes (a hole, when size is larger).
void writeCopy(const std::vector<std::byte>& head, const QString& path, qint64 size) {
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        throw Failure(strf("cannot create %s: %s", native.constData(), std::strerror(errno)));
    const bool ok = ::write(fd, head.data(), head.size()) == static_cast<ssize_t>(head.size()) &&
                    (size <= static_cast<qint64>(head.size()) || ::ftruncate(fd, size) == 0);
    const int err = errno;
    ::close(fd);
    if (!ok)
        throw Failure(strf("cannot write %lld bytes to %s: %s", static_cast<long long>(size),
                           native.constData(), std::strerror(err)));
}

// One `cli info path` run; checks it succeeded and reports the expected trace count.
Run runInfo(const QString& cli, const QString& path, qint64 expectedTraces) {
    QProcess proc;
    proc.setProgram(cli);
    proc.setArguments({QStringLiteral("info"), path});
    const Run r = measure([&] {
        proc.start(QIODevice::ReadOnly);
        if (!proc.waitForFinished(120000))
            throw Failure(strf("%s info %s did not finish: %s", qPrintable(cli), qPrintable(path),
                               qPrintable(proc.errorString())));
    });
    if (proc.exitStatus() != QProcess::NormalExit || proc.exitCode() != 0)
        throw Failure(strf("%s info %s failed (exit code %d): %s", qPrintable(cli),
                           qPrintable(path), proc.exitCode(),
                           proc.readAllStandardError().trimmed().constData()));
    const QJsonObject o = QJsonDocument::fromJson(proc.readAllStandardOutput()).object();
    const auto traces = static_cast<qint64>(o.value(QStringLiteral("traces")).toDouble(-1));
    if (traces != expectedTraces)
        throw Failure(strf("%s info %s reports %lld traces; expected %lld", qPrintable(cli),
                           qPrintable(path), static_cast<long long>(traces),
                           static_cast<long long>(expectedTraces)));
    return r;
}

void benchCli(Context& c, const seis::SegyFile& file) {
    say("\n4. seisview-cli info on a sparse ~1 TiB file vs a ~1 MB file\n");
    if (c.opt.cli.isEmpty()) {
        say("  skipped: no --cli PATH given\n");
        c.json.insert(QStringLiteral("cli"), QJsonObject{{QStringLiteral("skipped"), true}});
        return;
    }
    const QString dir = c.opt.tmpdir.isEmpty() ? QDir::tempPath() : c.opt.tmpdir;
    const QString stem = QStringLiteral("%1/seis-bench-%2").arg(dir).arg(::getpid());
    const QString small = stem + QStringLiteral("-1mb.sgy");
    const QString big = stem + QStringLiteral("-1tb.sgy");
    FileRemover remover{{small, big}};

    // File headers plus whole traces; the sparse file ends on a whole trace too, so both files
    // are valid with no partial-trace warning.
    const qint64 first = file.firstTraceOffset();
    const qint64 tb = file.traceBytes();
    const qint64 smallTraces = std::clamp<qint64>((kSmallFileBytes - first) / tb, 1, c.traces);
    const qint64 smallSize = first + smallTraces * tb;
    const qint64 bigTraces = (kSparseFileBytes - first) / tb;
    const qint64 bigSize = first + bigTraces * tb;
    std::vector<std::byte> head(static_cast<std::size_t>(smallSize));
    preadAll(c.fd, head.data(), smallSize);
    writeCopy(head, small, smallSize);
    writeCopy(head, big, bigSize);

    const int n = c.opt.repeat;
    Series smallRuns, bigRuns;
    for (int round = 0; round <= n; ++round) {
        const Run s = runInfo(c.opt.cli, small, smallTraces);
        const Run b = runInfo(c.opt.cli, big, bigTraces);
        if (round > 0) {
            smallRuns.runs.push_back(s);
            bigRuns.runs.push_back(b);
        }
    }
    say("  %-46s %9s %9s\n", "", "median ms", "min ms");
    say("  %-46s %9.2f %9.2f\n",
        strf("info on %lld bytes", static_cast<long long>(smallSize)).c_str(),
        smallRuns.median() * 1e3, smallRuns.min() * 1e3);
    say("  %-46s %9.2f %9.2f\n",
        strf("info on %lld bytes (sparse)", static_cast<long long>(bigSize)).c_str(),
        bigRuns.median() * 1e3, bigRuns.min() * 1e3);
    const double ratio = bigRuns.median() / smallRuns.median();
    say("  %-46s %8.2fx   (issue target: no slower; %s)\n", "1 TiB time / 1 MB time", ratio,
        ratio <= 1.1 ? "met within 10% noise" : "MISSED");
    say("  (each run is a whole process start; both files deleted afterwards)\n");

    QJsonObject j;
    j.insert(QStringLiteral("small_bytes"), static_cast<double>(smallSize));
    j.insert(QStringLiteral("sparse_bytes"), static_cast<double>(bigSize));
    j.insert(QStringLiteral("small"), seriesJson(smallRuns));
    j.insert(QStringLiteral("sparse"), seriesJson(bigRuns));
    j.insert(QStringLiteral("ratio_sparse_over_small"), ratio);
    c.json.insert(QStringLiteral("cli"), j);
}

int run(const Options& opt) {
    if (opt.json)
        g_out = stderr;
    Context c;
    c.opt = opt;
    c.path = QFile::encodeName(opt.file);
    c.fd = ::open(c.path.constData(), O_RDONLY);
    if (c.fd < 0)
        throw Failure(strf("cannot open %s: %s", c.path.constData(), std::strerror(errno)));
    struct stat st {};
    if (::fstat(c.fd, &st) != 0 || !S_ISREG(st.st_mode))
        throw Failure(strf("%s is not a regular file", c.path.constData()));
    c.fileSize = st.st_size;

    const seis::SegyFile file(opt.file, opt.open);
    c.traces = file.traceCount();
    c.samples = file.sampleCount();
    c.format = file.format();
    if (c.traces == 0)
        throw Failure(strf("%s holds no complete trace", c.path.constData()));
    c.segyio = probeSegyio(c.path, file, &c.segyioWhy);

    utsname u{};
    ::uname(&u);
    say("seis-bench %s\n", c.path.constData());
    say("  %lld bytes, %lld traces x %lld samples, format %d (%s), %s-endian\n",
        static_cast<long long>(c.fileSize), static_cast<long long>(c.traces),
        static_cast<long long>(c.samples), static_cast<int>(c.format),
        qPrintable(seis::sampleFormatName(c.format)),
        file.byteOrder() == seis::ByteOrder::Big ? "big" : "little");
    say("  %d threads (QThread::idealThreadCount), kernel %s; median and min of %d runs after one "
        "warm-up run\n",
        QThread::idealThreadCount(), u.release, opt.repeat);
    say("  faults = minor page faults, sys s = kernel CPU time (whole process, median run)\n");
    if (!c.segyio)
        say("  segyio comparisons skipped: %s\n", c.segyioWhy.c_str());

    c.json.insert(QStringLiteral("file"), opt.file);
    c.json.insert(QStringLiteral("file_bytes"), static_cast<double>(c.fileSize));
    c.json.insert(QStringLiteral("traces"), static_cast<double>(c.traces));
    c.json.insert(QStringLiteral("samples"), static_cast<double>(c.samples));
    c.json.insert(QStringLiteral("format"), static_cast<int>(c.format));
    c.json.insert(QStringLiteral("threads"), QThread::idealThreadCount());
    c.json.insert(QStringLiteral("repeat"), opt.repeat);
    c.json.insert(QStringLiteral("kernel"), QString::fromLocal8Bit(u.release));
    if (!c.segyio)
        c.json.insert(QStringLiteral("segyio_skipped"), QString::fromStdString(c.segyioWhy));

    if (opt.runs("load"))
        benchLoad(c);
    if (opt.runs("headers"))
        benchHeaders(c);
    if (opt.runs("ensembles"))
        benchEnsembles(c);
    if (opt.runs("window"))
        benchWindows(c);
    if (opt.runs("cli"))
        benchCli(c, file);
    ::close(c.fd);

    if (opt.json) {
        const QByteArray text = QJsonDocument(c.json).toJson(QJsonDocument::Compact);
        std::fwrite(text.constData(), 1, static_cast<std::size_t>(text.size()), stdout);
        std::fputc('\n', stdout);
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    const auto opt = parseArguments(QCoreApplication::arguments());
    if (!opt)
        return 2;
    try {
        return run(*opt);
    } catch (const Failure& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "seis-bench: %s\n", e.what());
    } catch (const seis::FormatError& e) {
        std::fflush(stdout);
        std::fprintf(stderr, "seis-bench: %s\n", e.what());
    } catch (const std::bad_alloc&) {
        std::fflush(stdout);
        std::fprintf(stderr, "seis-bench: out of memory (the load measurement holds about four "
                             "copies of the file)\n");
    }
    return 1;
}
