// libFuzzer target: the bytes become a file (a memfd, opened through /proc/self/fd/N) that
// seis::SegyFile opens. When it opens, a few small windows, header columns, the raw headers and
// the text and binary headers are read, all clamped to small sizes. FormatError is the expected
// answer to a bad file; anything else (a crash, a sanitizer report, another exception, a signal
// from reading the mapping) is a finding.
#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/segy/segyfile.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

int memfd() {
    static const int fd = [] {
        const int f = ::memfd_create("fuzz.sgy", MFD_CLOEXEC);
        if (f < 0) {
            std::perror("memfd_create");
            std::abort();
        }
        return f;
    }();
    return fd;
}

bool fill(int fd, const uint8_t* data, size_t size) {
    if (::ftruncate(fd, 0) != 0)
        return false;
    size_t done = 0;
    while (done < size) {
        const ssize_t w = ::pwrite(fd, data + done, size - done, off_t(done));
        if (w <= 0)
            return false;
        done += size_t(w);
    }
    return true;
}

// Keeps the compiler from dropping reads whose value is unused.
volatile unsigned g_sink;

void touch(const std::byte* p, qint64 n) {
    unsigned sum = 0;
    for (qint64 i = 0; i < n; ++i)
        sum += unsigned(p[i]);
    g_sink = sum;
}

void exercise(const seis::SegyFile& f) {
    g_sink = unsigned(f.textHeader().size() + f.extendedTextHeaders().size() + f.warnings().size() +
                      f.identity().size());
    g_sink = unsigned(f.binaryHeader().toJson().size());
    const qint64 traces = f.traceCount();
    const qint64 samples = f.sampleCount();
    if (traces <= 0)
        return;
    // Raw headers and samples of the first and last trace.
    for (qint64 t : {qint64(0), traces - 1}) {
        touch(f.traceHeader(t), 240);
        touch(f.traceSamples(t), std::min<qint64>(f.traceBytes() - f.traceHeaderBytes(), 4096));
    }
    // Header columns at both ends.
    static const std::vector<seis::HeaderField> fields = {
        seis::parseHeaderField(QStringLiteral("fldr")),
        seis::parseHeaderField(QStringLiteral("cdp")),
        seis::parseHeaderField(QStringLiteral("ns")),
        seis::parseHeaderField(QStringLiteral("233:f4")),
    };
    const qint64 rows = std::min<qint64>(traces, 64);
    std::vector<qint64> columns(fields.size() * size_t(rows));
    std::vector<qint64*> outs;
    for (size_t k = 0; k < fields.size(); ++k)
        outs.push_back(columns.data() + k * size_t(rows));
    for (const seis::TraceRange r :
         {seis::TraceRange{0, rows}, seis::TraceRange{traces - rows, traces}})
        f.readHeaderColumns(fields, r, outs);
    // Windows: the start, the end, and a slice from the middle of the samples.
    if (samples <= 0)
        return;
    const qint64 wt = std::min<qint64>(traces, 8);
    const qint64 ws = std::min<qint64>(samples, 256);
    std::vector<float> window(size_t(wt * ws));
    f.readWindow({0, wt}, {0, ws}, window.data());
    f.readWindow({traces - wt, traces}, {samples - ws, samples}, window.data());
    const qint64 mid = samples / 2;
    const qint64 end = std::min(samples, mid + ws);
    f.readWindow({traces / 2, std::min(traces, traces / 2 + wt)}, {mid, end}, window.data());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const int fd = memfd();
    if (!fill(fd, data, size))
        std::abort();
    const QString path = QStringLiteral("/proc/self/fd/%1").arg(fd);
    try {
        const seis::SegyFile file(path);
        exercise(file);
    } catch (const seis::Error&) {
        // the expected answer to a bad file
    }
    return 0;
}
