#include "cliarguments.h"
#include "commands.h"

#include <seis/outputfile.h>
#include <seis/segyfile.h>

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
    const SegyOpenOptions options = args.openOptions();

    const SegyFile file(path, options);
    const TraceRange traces = resolveTraces(traceSpec, file);
    const SampleRange samples = resolveSamples(sampleSpec, file);

    // Never onto the input, through whatever name (OutputFile refuses it).
    OutputFile sink(*out, {.inputs = {path}});
    // Stream in blocks of about 32 MB so memory stays bounded whatever the range.
    const qint64 ns = samples.count();
    const qint64 perBlock = ns == 0 ? traces.count() : std::max<qint64>(1, (32 << 20) / (4 * ns));
    std::vector<float> buffer(static_cast<std::size_t>(std::min(perBlock, traces.count()) * ns));
    for (qint64 t = traces.begin; t < traces.end; t += perBlock) {
        const TraceRange block{t, std::min(traces.end, t + perBlock)};
        file.readWindow(block, samples, buffer.data());
        // float32 little-endian is the host's own layout on every supported platform.
        static_assert(std::endian::native == std::endian::little);
        sink.write(reinterpret_cast<const char*>(buffer.data()),
                   block.count() * ns * static_cast<qint64>(sizeof(float)));
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
