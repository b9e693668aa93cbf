#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/sources/opensource.h"

#include <bit>
#include <vector>

namespace seis::cli {

int runDump(const QStringList& argv) {
    const Arguments args(
        argv, {QStringLiteral("--traces"), QStringLiteral("--samples"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("dump"));
    const auto out = args.value(QStringLiteral("-o"));
    if (!out)
        throw UsageError(QStringLiteral("'dump' needs -o OUT (use -o - for stdout)"));
    // Usage is checked in full before the file is touched.
    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const RangeSpec sampleSpec = args.range(QStringLiteral("--samples"));
    const SourceOptions options = args.openOptions();

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    const TraceRange traces = resolveTraces(traceSpec, file);
    const SampleRange samples = resolveSamples(sampleSpec, file);

    // Never onto the input, through whatever name (OutputFile refuses it).
    OutputFile sink(*out, {.inputs = {path}});
    // Stream in blocks of at most 32 MB so memory stays bounded whatever the range: several
    // traces per block, or a trace in pieces when one trace is more than a block. The output is
    // trace-major either way.
    constexpr qint64 kBlockFloats = (qint64(32) << 20) / qint64(sizeof(float));
    const qint64 ns = samples.count();
    const qint64 perBlock = ns == 0 ? traces.count() : std::max<qint64>(1, kBlockFloats / ns);
    const qint64 piece = std::min(ns, kBlockFloats); // samples per read of one trace
    std::vector<float> buffer(
        static_cast<std::size_t>(std::min(perBlock, traces.count()) * std::min(ns, piece)));
    // float32 little-endian is the host's own layout on every supported platform.
    static_assert(std::endian::native == std::endian::little);
    const auto send = [&](qint64 floats) {
        sink.write(reinterpret_cast<const char*>(buffer.data()),
                   floats * static_cast<qint64>(sizeof(float)));
    };
    for (qint64 t = traces.begin; t < traces.end && ns > 0; t += perBlock) {
        const TraceRange block{t, std::min(traces.end, t + perBlock)};
        if (ns <= kBlockFloats) {
            file.readWindow(block, samples, buffer.data());
            send(block.count() * ns);
            continue;
        }
        for (qint64 s = samples.begin; s < samples.end; s += piece) {
            const SampleRange part{s, std::min(samples.end, s + piece)};
            file.readWindow(block, part, buffer.data()); // block is one trace here
            send(part.count());
        }
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
