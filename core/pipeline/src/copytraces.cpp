#include "seis/pipeline/copytraces.h"

#include "seis/base/error.h"
#include "seis/base/executors.h"
#include "seis/base/parallel.h"
#include "seis/base/workerpool.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace seis {

namespace {

// How far ahead of the block being claimed the source is told what will be read
// (TraceSource::willRead): the blocks in flight or this many bytes, whichever is more, so that a
// source on disk streams while the blocks before are processed. Each block is announced once, as
// claims move on. (On the page-cached 2 GB file, announcing made no measurable difference.)
constexpr qint64 kAdviseBytes = qint64(16) << 20;

// One block's buffers. A slot is owned by the thread that claimed its block until the block is
// ready, then by the calling thread until it is written; `block` changes under the job's mutex.
struct Slot {
    std::vector<float> samples;     // perBlock * samples per output trace
    std::vector<std::byte> headers; // perBlock * kTraceHeaderBytes
    std::vector<qint64> traces;     // perBlock source trace indices
    qint64 count = 0;               // traces of the block held
    qint64 block = -1;              // the block whose processed data the slot holds; -1: none
};

void checkOptions(const TraceSource& source, const CopyOptions& o) {
    if (o.blockBytes < 1 || o.blocksInFlight < 0 || o.threads < 0)
        throw ArgumentError(source.path(),
                            QStringLiteral("copy options are not valid: block of %1 bytes, %2 "
                                           "blocks in flight, %3 threads (expected a block of 1 "
                                           "byte or more, 0 or more blocks and threads; 0 for "
                                           "the default)")
                                .arg(o.blockBytes)
                                .arg(o.blocksInFlight)
                                .arg(o.threads));
}

// Runs of consecutive source traces in `traces` (n ascending indices), merged across gaps no
// longer than what they hold, so that advice for a sparse selection stays a few calls.
void adviceRuns(const qint64* traces, qint64 n, std::vector<TraceRange>& out) {
    qint64 k = 0;
    while (k < n) {
        TraceRange run{traces[k], traces[k] + 1};
        qint64 held = 1;
        for (++k; k < n && traces[k] - run.end <= held; ++k, ++held)
            run.end = traces[k] + 1;
        out.push_back(run);
    }
}

// The state one copy shares between its calling thread and its helpers.
class CopyJob {
public:
    // `decode`: read and decode samples (false only when the sink copies the source's bytes and
    // no step processes them).
    CopyJob(const TraceSource& source, const TraceSelection& selection,
            const ProcessingChain& chain, const CopyOptions& options, bool decode)
        : m_source(source)
        , m_chain(chain)
        , m_decode(decode)
        , m_samples(selection.samples())
        , m_ns(selection.samples().count())
        , m_cursor(selection)
        , m_ahead(selection) {
        const qint64 count = selection.traceCount();
        // Samples, header and index of one trace: counting the header keeps short traces from
        // making a block of millions of headers.
        const qint64 traceBytes =
            m_ns * qint64(sizeof(float)) + kTraceHeaderBytes + qint64(sizeof(qint64));
        m_perBlock =
            std::clamp<qint64>(options.blockBytes / traceBytes, 1, std::max<qint64>(count, 1));
        m_blocks = (count + m_perBlock - 1) / m_perBlock;
        m_threads = options.threads > 0 ? options.threads : detail::defaultThreads();
        m_inFlight = options.blocksInFlight > 0 ? options.blocksInFlight : m_threads + 2;
        // A trace longer than a block makes one-trace blocks larger than asked for: fewer of them
        // are in flight, so that the blocks together stay within what the options allow (at
        // least one trace is needed: the steps work on whole traces).
        if (traceBytes > options.blockBytes)
            m_inFlight =
                std::clamp<qint64>(options.blockBytes * m_inFlight / traceBytes, 1, m_inFlight);
        m_adviseBlocks = std::max<qint64>(m_inFlight, (kAdviseBytes + m_perBlock * traceBytes - 1) /
                                                          (m_perBlock * traceBytes));
        m_slots.reset(new Slot[std::size_t(m_inFlight)]);
        // Threads that can work at once besides the caller: no more than slots or blocks.
        const qint64 helpers = std::min({qint64(m_threads), m_inFlight, m_blocks}) - 1;
        m_helpers.resize(std::size_t(std::max<qint64>(0, helpers)));
        m_running.assign(m_helpers.size(), false);
        m_context.sampleIntervalUs = source.sampleIntervalUs();
        m_context.startTimeMs =
            source.startTimeMs() + double(m_samples.begin) * source.sampleIntervalUs() / 1000.0;
        m_context.headerByteOrder = source.headerByteOrder();
    }

    // Helpers are taken back (if still queued) or waited for, whatever ended the job.
    ~CopyJob() {
        stop();
        for (auto& helper : m_helpers)
            if (helper)
                helper->revokeOrWait(); // helpLoop keeps its errors: nothing comes back here
    }
    CopyJob(const CopyJob&) = delete;
    CopyJob& operator=(const CopyJob&) = delete;

    // A helper: claims and processes blocks while there are blocks it may claim, then returns
    // rather than wait on a pool thread (the sink's write may want the pool; the calling thread
    // starts helpers again once it has written a block). Never throws: an error is kept for the
    // calling thread and stops the job.
    void helpLoop(std::size_t ring) noexcept {
        try {
            std::unique_lock lock(m_mutex);
            while (!m_stop && canClaim())
                claimAndProcess(lock);
            m_running[ring] = false;
        } catch (...) {
            fail(std::current_exception());
            std::lock_guard lock(m_mutex);
            m_running[ring] = false;
        }
    }

    // The calling thread: writes the blocks to `sink` in order, processing blocks itself while
    // the next one to write is not ready. Returns false if `progress` cancelled. Throws what
    // any thread hit (the job is stopped first).
    bool writeAll(TraceSink& sink, const ProgressCallback& progress, qint64 total,
                  qint64& tracesWritten) {
        std::unique_lock lock(m_mutex);
        startHelpers(lock);
        while (m_written < m_blocks) {
            if (m_error)
                std::rethrow_exception(m_error);
            Slot& slot = m_slots[std::size_t(m_written % m_inFlight)];
            if (slot.block == m_written) {
                lock.unlock();
                TraceBlock block;
                block.first = tracesWritten;
                block.count = slot.count;
                block.samples = m_decode ? slot.samples.data() : nullptr;
                block.headers = slot.headers.data();
                block.sourceTraces = slot.traces.data();
                block.processed = !m_chain.empty();
                sink.write(block);
                tracesWritten += slot.count;
                const bool go = !progress || progress(tracesWritten, total);
                lock.lock();
                slot.block = -1;
                ++m_written;
                if (!go)
                    return false;
                startHelpers(lock); // a slot is free
            } else if (canClaim()) {
                claimAndProcess(lock);
            } else {
                m_changed.wait(lock);
            }
        }
        return true;
    }

    // Stops the job: helpers return once their block is done.
    void stop() noexcept {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_changed.notify_all();
    }

private:
    bool canClaim() const { return m_nextClaim < m_blocks && m_nextClaim < m_written + m_inFlight; }

    // Starts helpers (the lock held, on the calling thread) until as many run as there are
    // blocks to claim, at most m_threads - 1. A ring entry is reused once its helper returned.
    void startHelpers(std::unique_lock<std::mutex>& lock) {
        const qint64 claimable = std::min(m_blocks, m_written + m_inFlight) - m_nextClaim;
        qint64 running = std::count(m_running.begin(), m_running.end(), true);
        for (std::size_t i = 0; i < m_running.size() && running < claimable; ++i) {
            if (m_running[i])
                continue;
            m_running[i] = true;
            ++running;
            lock.unlock();
            if (m_helpers[i])
                m_helpers[i]->revokeOrWait(); // it has returned, or is returning
            m_helpers[i].emplace(executors::parallel(), [this, i] { helpLoop(i); });
            lock.lock();
        }
    }

    void fail(std::exception_ptr error) noexcept {
        {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::move(error);
            m_stop = true;
        }
        m_changed.notify_all();
    }

    // Claims the next block (the lock held, canClaim() true): takes its source traces from the
    // cursor, then reads and processes it with the lock released, and marks it ready.
    void claimAndProcess(std::unique_lock<std::mutex>& lock) {
        const qint64 b = m_nextClaim++;
        Slot& slot = m_slots[std::size_t(b % m_inFlight)];
        if (slot.traces.empty()) {
            slot.traces.resize(std::size_t(m_perBlock));
            slot.headers.resize(std::size_t(m_perBlock * kTraceHeaderBytes));
            if (m_decode)
                slot.samples.resize(std::size_t(m_perBlock * m_ns));
        }
        slot.count = m_cursor.next(m_perBlock, slot.traces.data());
        std::vector<TraceRange> advice;
        collectAdvice(b, advice);
        lock.unlock();
        try {
            for (const TraceRange& r : advice)
                m_source.willRead(r);
            process(slot);
        } catch (...) {
            lock.lock(); // the callers' loops hold the lock, also when unwinding
            throw;
        }
        lock.lock();
        slot.block = b;
        m_changed.notify_all();
    }

    // Advice for the blocks after `b` up to m_adviseBlocks ahead that were not asked for yet
    // (the lock held).
    void collectAdvice(qint64 b, std::vector<TraceRange>& out) {
        const qint64 target = std::min(m_blocks, b + 1 + m_adviseBlocks);
        if (m_aheadBlocks >= target)
            return;
        if (m_aheadScratch.empty())
            m_aheadScratch.resize(std::size_t(m_perBlock));
        for (; m_aheadBlocks < target; ++m_aheadBlocks) {
            const qint64 n = m_ahead.next(m_perBlock, m_aheadScratch.data());
            if (m_aheadBlocks > b)
                adviceRuns(m_aheadScratch.data(), n, out);
        }
    }

    // Reads the headers and samples of the slot's traces, a run of consecutive traces at a time
    // (headers first: the samples then read pages already mapped), and applies the chain.
    void process(Slot& slot) const {
        const qint64* t = slot.traces.data();
        for (qint64 k = 0; k < slot.count;) {
            qint64 end = k + 1;
            while (end < slot.count && t[end] == t[end - 1] + 1)
                ++end;
            const TraceRange run{t[k], t[end - 1] + 1};
            m_source.readTraceHeaders(run, slot.headers.data() + k * kTraceHeaderBytes);
            if (m_decode)
                m_source.readWindow(run, m_samples, slot.samples.data() + k * m_ns);
            k = end;
        }
        if (!m_chain.empty()) {
            ProcessingContext context = m_context;
            context.headers = slot.headers.data();
            m_chain.apply(slot.samples.data(), slot.count, m_ns, context);
        }
    }

    const TraceSource& m_source;
    const ProcessingChain& m_chain;
    const bool m_decode;
    const SampleRange m_samples;
    const qint64 m_ns;
    ProcessingContext m_context;
    qint64 m_perBlock = 1;
    qint64 m_blocks = 0;
    int m_threads = 1;
    qint64 m_inFlight = 1;
    qint64 m_adviseBlocks = 1;
    std::unique_ptr<Slot[]> m_slots;

    // Under m_mutex.
    std::mutex m_mutex;
    std::condition_variable m_changed;
    TraceSelection::Cursor m_cursor; // the traces of the next block to claim
    TraceSelection::Cursor m_ahead;  // the traces of the next block to advise
    qint64 m_aheadBlocks = 0;        // blocks m_ahead has passed
    std::vector<qint64> m_aheadScratch;
    qint64 m_nextClaim = 0;
    qint64 m_written = 0;
    bool m_stop = false;
    std::exception_ptr m_error;
    std::vector<bool> m_running; // ring entry i's helper was started and has not returned

    // The calling thread's: the helpers started, one per ring entry (the last one started there).
    std::vector<std::optional<detail::Helper>> m_helpers;
};

} // namespace

void checkChain(const TraceSource& source, const SampleRange& samples,
                const ProcessingChain& chain) {
    const std::vector<std::byte> probeHeader(kTraceHeaderBytes); // headers are there, as in a copy
    ProcessingContext context;
    context.sampleIntervalUs = source.sampleIntervalUs();
    context.startTimeMs =
        source.startTimeMs() + double(samples.begin) * source.sampleIntervalUs() / 1000.0;
    context.headers = probeHeader.data();
    context.headerByteOrder = source.headerByteOrder();
    chain.check(context);
}

CopyResult copyTraces(const TraceSource& source, const TraceSelection& selection,
                      const ProcessingChain& chain, TraceSink& sink,
                      const ProgressCallback& progress, const CopyOptions& options) {
    const auto started = std::chrono::steady_clock::now();
    checkOptions(source, options);
    source.checkSampleRange(selection.samples());
    const SampleRange samples = selection.samples();
    checkChain(source, samples, chain);
    const qint64 total = selection.traceCount();

    OutputLayout layout;
    layout.traceCount = total;
    layout.sampleCount = samples.count();
    layout.sampleIntervalUs = source.sampleIntervalUs();
    layout.startTimeMs =
        source.startTimeMs() + double(samples.begin) * source.sampleIntervalUs() / 1000.0;
    layout.firstSourceSample = samples.begin;
    layout.sourceSampleCount = source.sampleCount();
    layout.headerByteOrder = source.headerByteOrder();

    CopyResult result;
    qint64 written = 0;
    bool completed = false;
    try {
        sink.begin(layout);
        {
            // ~CopyJob stops the helpers and waits for them, however this block is left.
            CopyJob job(source, selection, chain, options,
                        !chain.empty() || sink.wantsDecodedSamples());
            completed = job.writeAll(sink, progress, total, written);
        }
        if (completed)
            sink.commit();
        else
            sink.abort();
    } catch (...) {
        sink.abort();
        throw;
    }
    result.status = completed ? LoadStatus::Completed : LoadStatus::Cancelled;
    result.traces = written;
    result.bytesRead = written * (samples.count() * qint64(sizeof(float)) + kTraceHeaderBytes);
    result.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace seis
