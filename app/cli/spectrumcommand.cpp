// `spectrum`: the mean amplitude spectrum (seis/processing/amplitudespectrum.h) of a range of
// traces, optionally after a processing flow, as JSON {"frequency_hz", "amplitude",
// "amplitude_db"} or as text lines "frequency_hz amplitude amplitude_db".
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/processing/amplitudespectrum.h"
#include "seis/processing/flow.h"
#include "seis/sources/opensource.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace seis::cli {

int runSpectrum(const QStringList& argv) {
    const QString flowOption = QStringLiteral("--flow");
    const Arguments args(argv, {QStringLiteral("--traces"), flowOption},
                         {QStringLiteral("--json")});
    const QString path = args.singleFile(QStringLiteral("spectrum"));
    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const SourceOptions options = args.openOptions();
    const auto flowPath = args.value(flowOption);
    // The flow is read before the data: a bad flow fails before anything is opened.
    const ProcessingChain chain = flowPath ? loadFlow(*flowPath) : ProcessingChain();

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    const TraceRange traces = resolveTraces(traceSpec, file);
    const qint64 ns = file.sampleCount();
    ProcessingContext context;
    context.sampleIntervalUs = file.sampleIntervalUs();
    context.startTimeMs = file.startTimeMs();
    context.headerByteOrder = file.headerByteOrder();
    chain.check(context);

    SpectrumAccumulator spectrum(ns, file.sampleIntervalUs());
    // Blocks of at most 32 MB of samples (at least one trace), so memory stays bounded whatever
    // the range; the trace headers come along for steps that read header values.
    constexpr qint64 kBlockFloats = (qint64(32) << 20) / qint64(sizeof(float));
    const qint64 perBlock = std::max<qint64>(1, kBlockFloats / std::max<qint64>(1, ns));
    const qint64 blockTraces = std::min(perBlock, traces.count());
    std::vector<float> buffer(static_cast<std::size_t>(blockTraces * ns));
    std::vector<std::byte> headers(
        chain.empty() ? 0 : static_cast<std::size_t>(blockTraces * kTraceHeaderBytes));
    for (qint64 t = traces.begin; t < traces.end; t += perBlock) {
        const TraceRange block{t, std::min(traces.end, t + perBlock)};
        if (ns > 0)
            file.readWindow(block, {0, ns}, buffer.data());
        if (!chain.empty()) {
            file.readTraceHeaders(block, headers.data());
            context.headers = headers.data();
            chain.apply(buffer.data(), block.count(), ns, context);
        }
        spectrum.add(buffer.data(), block.count());
    }
    const AmplitudeSpectrum r = spectrum.result();

    std::string text;
    if (args.flag(QStringLiteral("--json"))) {
        const nlohmann::ordered_json o{{"frequency_hz", r.frequencyHz},
                                       {"amplitude", r.amplitude},
                                       {"amplitude_db", r.amplitudeDb}};
        text = o.dump() + "\n";
    } else {
        text = "frequency_hz amplitude amplitude_db\n";
        for (std::size_t k = 0; k < r.amplitude.size(); ++k)
            text += nlohmann::json(r.frequencyHz[k]).dump() + " " +
                    nlohmann::json(r.amplitude[k]).dump() + " " +
                    nlohmann::json(r.amplitudeDb[k]).dump() + "\n";
    }
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}}); // stdout, checked like any output
    sink.write(text.data(), qint64(text.size()));
    sink.commit();
    return 0;
}

} // namespace seis::cli
