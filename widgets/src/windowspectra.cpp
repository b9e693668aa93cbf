#include "seis/windowspectra.h"

#include "seis/base/parallel.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace seis {

WindowSpectra windowSpectra(const TraceWindow& window, const float* processed,
                            double sampleIntervalUs) {
    WindowSpectra out;
    out.traces = window.traces();
    out.factor = std::max<qint64>(1, window.factor());
    out.sampleIntervalUs = sampleIntervalUs * double(out.factor);
    out.hasProcessing = processed != nullptr;
    const qint64 traces = window.isEmpty() ? 0 : window.traces().count();
    const qint64 samples = window.isEmpty() ? 0 : window.samples().count();
    const int curves = processed ? 2 : 1;

    // Contiguous runs of traces, one per thread, each summed into its own accumulators; as many
    // runs as kMaxBytes of accumulators allow (at least one): about 12 bytes per FFT point for an
    // accumulator and 20 for the FFT plan it uses.
    const qint64 nfft = std::max<qint64>(2, fftLength(samples));
    const qint64 runBytes = nfft * (12 * curves + 20);
    const qint64 runs = std::clamp<qint64>(
        std::min<qint64>(detail::defaultThreads(), 1 + WindowSpectra::kMaxBytes / runBytes), 1,
        std::max<qint64>(1, traces));
    std::vector<std::optional<SpectrumAccumulator>> raw(static_cast<std::size_t>(runs));
    std::vector<std::optional<SpectrumAccumulator>> after(static_cast<std::size_t>(runs));
    const qint64 perRun = (traces + runs - 1) / std::max<qint64>(1, runs);
    detail::runParallel(runs, int(runs), [&](qint64 r) {
        auto& rawSum = raw[std::size_t(r)].emplace(samples, out.sampleIntervalUs);
        auto* afterSum =
            processed ? &after[std::size_t(r)].emplace(samples, out.sampleIntervalUs) : nullptr;
        const qint64 first = r * perRun;
        const qint64 end = std::min(traces, first + perRun);
        for (qint64 t = first; t < end; ++t) {
            rawSum.add(window.trace(window.traces().begin + t), 1);
            if (afterSum)
                afterSum->add(processed + t * samples, 1);
        }
    });
    for (qint64 r = 1; r < runs; ++r) {
        raw[0]->merge(*raw[std::size_t(r)]);
        raw[std::size_t(r)].reset();
        if (processed) {
            after[0]->merge(*after[std::size_t(r)]);
            after[std::size_t(r)].reset();
        }
    }
    out.raw = raw[0]->result();
    out.processed = processed ? after[0]->result() : out.raw;
    return out;
}

} // namespace seis
