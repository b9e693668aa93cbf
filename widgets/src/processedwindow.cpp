#include "seis/processedwindow.h"

#include "seis/base/parallel.h"
#include "seis/base/traceheaderfield.h"

#include <algorithm>
#include <cmath>

namespace seis {

const float* ProcessedWindow::trace(qint64 trace) const {
    if (!values)
        return window.trace(trace);
    return values->data() + (trace - window.traces().begin) * window.samples().count();
}

float ProcessedWindow::percentile(double percentile) const {
    if (!magnitudes || magnitudes->empty())
        return 0.0f;
    const double fraction = std::clamp(percentile, 0.0, 100.0) / 100.0;
    const auto rank = static_cast<std::size_t>(
        std::llround(fraction * static_cast<double>(magnitudes->size() - 1)));
    return (*magnitudes)[rank];
}

ProcessedWindow processWindow(TraceWindow window, const ProcessingChain& chain,
                              double sampleIntervalUs, double startTimeMs, const std::byte* headers,
                              ByteOrder headerByteOrder) {
    ProcessedWindow out;
    out.window = std::move(window);
    const TraceWindow& w = out.window;
    const qint64 traces = w.traces().count();
    const qint64 samples = w.samples().count();
    if (w.isEmpty()) {
        out.magnitudes = std::make_shared<const std::vector<float>>();
        return out;
    }
    if (!chain.empty()) {
        auto values = std::make_shared<std::vector<float>>(std::size_t(traces * samples));
        w.copyTo(values->data());
        const qint64 factor = std::max<qint64>(1, w.factor());
        const double dtUs = sampleIntervalUs > 0.0 ? sampleIntervalUs : 1000.0;
        ProcessingContext context;
        context.headerByteOrder = headerByteOrder;
        context.sampleIntervalUs = dtUs * double(factor);
        // Output sample j of a decimated window stands for its bin's centre.
        context.startTimeMs =
            startTimeMs +
            (double(w.samples().begin * factor) + double(factor - 1) / 2.0) * dtUs / 1000.0;
        // Blocks of about 1M samples: enough work per item to be worth a thread.
        const qint64 blockTraces = std::max<qint64>(1, (qint64(1) << 20) / samples);
        const qint64 blocks = (traces + blockTraces - 1) / blockTraces;
        detail::runParallel(blocks, detail::defaultThreads(), [&](qint64 b) {
            const qint64 first = b * blockTraces;
            const qint64 n = std::min(blockTraces, traces - first);
            ProcessingContext block = context;
            if (headers)
                block.headers = headers + first * kTraceHeaderBytes;
            chain.apply(values->data() + first * samples, n, samples, block);
        });
        out.values = std::move(values);
    }
    // The same evenly spaced samples as always, visited trace by trace.
    const qint64 total = traces * samples;
    const qint64 stride = std::max<qint64>(1, total / ProcessedWindow::kClipSample);
    auto magnitudes = std::make_shared<std::vector<float>>();
    magnitudes->reserve(std::size_t(total / stride + 1));
    for (qint64 t = 0, i = 0; t < traces; ++t) {
        const float* trace = out.trace(w.traces().begin + t);
        for (; i < (t + 1) * samples; i += stride) {
            const float v = trace[i - t * samples];
            if (std::isfinite(v))
                magnitudes->push_back(std::fabs(v));
        }
    }
    std::sort(magnitudes->begin(), magnitudes->end());
    out.magnitudes = std::move(magnitudes);
    return out;
}

} // namespace seis
