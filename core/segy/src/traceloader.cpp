#include "seis/segy/traceloader.h"

#include "readahead.h"
#include "seis/base/executors.h"
#include "seis/base/mappedreadguard.h"
#include "seis/base/parallel.h"

#include "seis/base/error.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>
#include <sys/mman.h>

namespace seis {

namespace {

// Runs `read()` (a plain loop over `file`'s mapping) guarded against the file shrinking under
// it; if it did, throws FormatError naming the file and its new size.
template <class Read> void guardedRead(const SegyFile& file, Read& read) {
    const std::byte* base = file.traceHeader(0) - file.firstTraceOffset();
    std::size_t fault = 0;
    if (!detail::guardedRead(base, static_cast<std::size_t>(file.fileSize()), read, &fault))
        throw FormatError(file.path(), detail::fileChangedMessage(file.path(), -1, file.fileSize(),
                                                                  static_cast<qint64>(fault)));
}

} // namespace

LoadStatus loadTraces(const SegyFile& file, TraceRange traces, float* dst,
                      const ProgressCallback& progress) {
    file.checkTraceRange(traces);
    const qint64 n = traces.count();
    if (n == 0)
        return LoadStatus::Completed;
    const qint64 ns = file.sampleCount();
    const qint64 traceBytes = file.traceBytes();
    // 8 MB of file per chunk: large enough to amortise the madvise calls and the hand-off, small
    // enough that two threads share the work evenly and progress moves smoothly.
    const qint64 perChunk = std::max<qint64>(1, (8 << 20) / traceBytes);
    const qint64 chunks = (n + perChunk - 1) / perChunk;

    const int threads = detail::defaultThreads();
    detail::ReadAhead readAhead(file, file.firstTraceOffset() + traces.end * traceBytes);
    auto work = [&](qint64 c) {
        const qint64 t0 = c * perChunk;
        const qint64 t1 = std::min(n, t0 + perChunk);
        const qint64 offset = file.firstTraceOffset() + (traces.begin + t0) * traceBytes;
        const qint64 length = (t1 - t0) * traceBytes;
        if (c < threads)
            readAhead.request(offset, length); // cheap when cached; starts the disk otherwise
        readAhead.run(offset, length, 2 * threads, [&] {
            file.populatePages(offset, length);
            auto decode = [&] {
                for (qint64 t = t0; t < t1; ++t)
                    decodeSamples(file.format(), file.byteOrder(),
                                  file.traceSamples(traces.begin + t), dst + t * ns,
                                  static_cast<std::size_t>(ns));
            };
            guardedRead(file, decode);
        });
        file.releasePages(offset, length); // a one-off pass into the caller's array: keep nothing
    };
    auto report = [&](qint64 chunksDone) {
        if (!progress)
            return true;
        return progress(std::min(n, chunksDone * perChunk), n);
    };
    const bool completed = detail::runParallel(chunks, detail::defaultThreads(), work, report);
    if (completed && progress)
        progress(n, n);
    return completed ? LoadStatus::Completed : LoadStatus::Cancelled;
}

TraceArray loadAllTraces(const SegyFile& file, const ProgressCallback& progress) {
    TraceArray array;
    array.traces = file.traceCount();
    array.samples = file.sampleCount();
    const auto count = static_cast<std::size_t>(array.traces * array.samples);
    array.data.reset(new float[count]); // uninitialised: every element is written by the load
#ifdef MADV_HUGEPAGE
    // Fewer, larger page faults for a multi-gigabyte array; the kernel may ignore the advice.
    if (count * sizeof(float) >= (64u << 20))
        ::madvise(
            reinterpret_cast<void*>(reinterpret_cast<quintptr>(array.data.get()) & ~quintptr(4095)),
            count * sizeof(float), MADV_HUGEPAGE);
#endif
    if (loadTraces(file, TraceRange{0, array.traces}, array.data.get(), progress) ==
        LoadStatus::Cancelled)
        return {};
    return array;
}

QFuture<std::shared_ptr<TraceArray>> loadAllTracesAsync(std::shared_ptr<const SegyFile> file) {
    return QtConcurrent::run(
        executors::jobs(), [file](QPromise<std::shared_ptr<TraceArray>>& promise) {
            promise.setProgressRange(
                0, static_cast<int>(std::min<qint64>(file->traceCount(), INT_MAX)));
            auto array = loadAllTraces(*file, [&](qint64 done, qint64) {
                promise.setProgressValue(static_cast<int>(std::min<qint64>(done, INT_MAX)));
                return !promise.isCanceled();
            });
            if (array.data)
                promise.addResult(std::make_shared<TraceArray>(std::move(array)));
        });
}

} // namespace seis
