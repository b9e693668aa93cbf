#include "cliarguments.h"
#include "commands.h"
#include "rawfloatsink.h"

#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/flow.h"
#include "seis/sources/opensource.h"

namespace seis::cli {

// `process FILE --flow FLOW.json [--traces A:B] -o OUT`: the traces processed by the flow, as
// `dump` writes them (raw little-endian float32, trace-major), whole traces only (the steps
// work on whole traces). It is the copy pipeline (seis/pipeline/copytraces.h) into a
// RawFloatSink: blocks of whole traces with their headers, processed on every core, memory
// bounded by the blocks in flight whatever the range.
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
    const SampleRange samples{0, file.sampleCount()};
    checkChain(file, samples, chain); // before the output is created

    // Never onto the input, through whatever name (OutputFile refuses it).
    RawFloatSink sink(*out, {path});
    if (traces.count() == 0 || samples.count() == 0) { // nothing to process: an empty output
        sink.commit();
        return 0;
    }
    SelectionSpec spec;
    spec.traces = traces;
    const std::optional<TraceSelection> selection = resolveSelection(file, spec);
    copyTraces(file, *selection, chain, sink); // nothing cancels it: it completes or throws
    return 0;
}

} // namespace seis::cli
