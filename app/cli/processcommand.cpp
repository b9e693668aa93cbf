#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/base/traceheaderfield.h"
#include "seis/processing/flow.h"
#include "seis/sources/opensource.h"

#include <algorithm>
#include <bit>
#include <vector>

namespace seis::cli {

// `process FILE --flow FLOW.json [--traces A:B] -o OUT`: the traces processed by the flow, as
// `dump` writes them (raw little-endian float32, trace-major), whole traces only (the steps
// work on whole traces). Memory: blocks of whole traces of about 32 MB (one trace per block when
// a trace is larger), with their 240-byte headers for the steps that read header keys.
int runProcess(const QStringList& argv) {
    const Arguments args(
        argv, {QStringLiteral("--traces"), QStringLiteral("--flow"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("process"));
    const auto out = args.value(QStringLiteral("-o"));
    if (!out)
        throw UsageError(QStringLiteral("'process' needs -o OUT (use -o - for stdout)"));
    const auto flowPath = args.value(QStringLiteral("--flow"));
    if (!flowPath)
        throw UsageError(QStringLiteral("'process' needs --flow FLOW.json"));
    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const SourceOptions options = args.openOptions();
    // The flow is read (and refused when bad) before the file is touched.
    const ProcessingChain chain = loadFlow(*flowPath);

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    const TraceRange traces = resolveTraces(traceSpec, file);
    const qint64 ns = file.sampleCount();

    constexpr qint64 kBlockFloats = (qint64(32) << 20) / qint64(sizeof(float));
    const qint64 perBlock =
        std::max<qint64>(1, std::min(traces.count(), ns == 0 ? traces.count() : kBlockFloats / ns));
    std::vector<std::byte> headers(std::size_t(perBlock * kTraceHeaderBytes));
    ProcessingContext context;
    context.sampleIntervalUs = file.sampleIntervalUs();
    context.startTimeMs = file.startTimeMs();
    context.headers = headers.data();
    context.headerByteOrder = file.headerByteOrder();
    chain.check(context); // before the output is created

    // Never onto the input, through whatever name (OutputFile refuses it).
    OutputFile sink(*out, {.inputs = {path}});
    std::vector<float> buffer(std::size_t(perBlock * ns));
    static_assert(std::endian::native == std::endian::little);
    for (qint64 t = traces.begin; t < traces.end && ns > 0; t += perBlock) {
        const TraceRange block{t, std::min(traces.end, t + perBlock)};
        file.readTraceHeaders(block, headers.data());
        file.readWindow(block, SampleRange{0, ns}, buffer.data());
        chain.apply(buffer.data(), block.count(), ns, context);
        sink.write(reinterpret_cast<const char*>(buffer.data()),
                   block.count() * ns * qint64(sizeof(float)));
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
