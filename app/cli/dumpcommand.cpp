#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/ensembles/sortindex.h"
#include "seis/sources/opensource.h"

#include <bit>
#include <optional>
#include <span>
#include <vector>

namespace seis::cli {

int runDump(const QStringList& argv) {
    const Arguments args(argv, {QStringLiteral("--traces"), QStringLiteral("--samples"),
                                QStringLiteral("--gather"), QStringLiteral("--sort"),
                                QStringLiteral("--sort-kb"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("dump"));
    const auto out = args.value(QStringLiteral("-o"));
    if (!out)
        throw UsageError(QStringLiteral("'dump' needs -o OUT (use -o - for stdout)"));
    // Usage is checked in full before the file is touched.
    const auto gatherText = args.value(QStringLiteral("--gather"));
    std::optional<qint64> gatherNumber;
    if (gatherText) {
        if (args.value(QStringLiteral("--traces")))
            throw UsageError(QStringLiteral("'dump' takes --traces or --gather, not both"));
        if (!args.value(QStringLiteral("--sort")))
            throw UsageError(QStringLiteral("'dump --gather N' needs --sort K1[,K2]"));
        bool ok = false;
        gatherNumber = gatherText->trimmed().toLongLong(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--gather '%1' is not an integer; expected a "
                                            "zero-based gather number")
                                 .arg(*gatherText));
    } else if (args.value(QStringLiteral("--sort")) || args.value(QStringLiteral("--sort-kb"))) {
        throw UsageError(QStringLiteral("'dump' takes --sort only with --gather N"));
    }
    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const RangeSpec sampleSpec = args.range(QStringLiteral("--samples"));
    const SourceOptions options = args.openOptions();
    const SortRequest sort = gatherNumber ? sortRequest(args, path) : SortRequest{};

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    // The traces to write, in order: a range of the file, or a sorted gather's list.
    std::unique_ptr<SortIndex> index;
    std::span<const qint64> gatherTraces;
    TraceRange traces;
    if (gatherNumber) {
        index = buildSortedGathers(file, sort);
        gatherTraces = index->traces(*gatherNumber); // throws naming the number and the count
    } else {
        traces = resolveTraces(traceSpec, file);
    }
    const qint64 traceTotal = gatherNumber ? qint64(gatherTraces.size()) : traces.count();
    const SampleRange samples = resolveSamples(sampleSpec, file);

    // Never onto the input, through whatever name (OutputFile refuses it).
    OutputFile sink(*out, {.inputs = {path}});
    // Stream in blocks of at most 32 MB so memory stays bounded whatever the range: several
    // traces per block, or a trace in pieces when one trace is more than a block. The output is
    // trace-major either way.
    constexpr qint64 kBlockFloats = (qint64(32) << 20) / qint64(sizeof(float));
    const qint64 ns = samples.count();
    const qint64 perBlock = ns == 0 ? traceTotal : std::max<qint64>(1, kBlockFloats / ns);
    const qint64 piece = std::min(ns, kBlockFloats); // samples per read of one trace
    std::vector<float> buffer(
        static_cast<std::size_t>(std::min(perBlock, traceTotal) * std::min(ns, piece)));
    // float32 little-endian is the host's own layout on every supported platform.
    static_assert(std::endian::native == std::endian::little);
    const auto send = [&](qint64 floats) {
        sink.write(reinterpret_cast<const char*>(buffer.data()),
                   floats * static_cast<qint64>(sizeof(float)));
    };
    // Writes the consecutive traces `range`, a block at a time.
    const auto dumpRange = [&](TraceRange range) {
        for (qint64 t = range.begin; t < range.end && ns > 0; t += perBlock) {
            const TraceRange block{t, std::min(range.end, t + perBlock)};
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
    };
    if (gatherNumber) {
        // A sorted gather: each run of consecutive trace numbers in its order is one range.
        for (std::size_t i = 0; i < gatherTraces.size();) {
            std::size_t j = i + 1;
            while (j < gatherTraces.size() && gatherTraces[j] == gatherTraces[j - 1] + 1)
                ++j;
            dumpRange(TraceRange{gatherTraces[i], gatherTraces[j - 1] + 1});
            i = j;
        }
    } else {
        dumpRange(traces);
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
