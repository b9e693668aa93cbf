// `gathers`: the sorted gathers of a file (every trace with equal K1, ordered by K2) as CSV, and
// the --sort option `dump --gather` shares with it.
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortindex.h"
#include "seis/sources/opensource.h"

#include <charconv>
#include <string>

namespace seis::cli {

SortRequest sortRequest(const Arguments& args, const QString& path) {
    const auto text = args.value(QStringLiteral("--sort"));
    if (!text || text->trimmed().isEmpty())
        throw UsageError(QStringLiteral("sorted gathers need --sort K1[,K2]"));
    constexpr qint64 kMaxKb = qint64(1) << 40; // far beyond any memory, no overflow
    const qint64 kb = args.integer(QStringLiteral("--sort-kb"), kDefaultSortMemoryBytes >> 10,
                                   kMinSortMemoryBytes >> 10);
    if (kb > kMaxKb)
        throw UsageError(
            QStringLiteral("--sort-kb %1 is too large; expected at most %2").arg(kb).arg(kMaxKb));
    SortRequest request;
    request.memoryBytes = kb << 10;
    try {
        request.keys = parseEnsembleKeys(*text);
    } catch (const ArgumentError& e) {
        // Bad input like a bad key of `ensembles`: exit 1 naming the file and the key.
        throw ArgumentError(path, e.detail());
    }
    return request;
}

std::unique_ptr<SortIndex> buildSortedGathers(const TraceSource& source, const SortRequest& sort) {
    std::unique_ptr<SortIndex> index;
    SortIndexOptions options;
    options.memoryBytes = sort.memoryBytes;
    // No progress output: stdout carries the result and stderr only errors.
    buildSortIndex(source, sort.keys, index, {}, options);
    return index;
}

int runGathers(const QStringList& argv) {
    const Arguments args(
        argv, {QStringLiteral("--sort"), QStringLiteral("--sort-kb"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("gathers"));
    const SortRequest sort = sortRequest(args, path);
    const SourceOptions options = args.openOptions();

    const auto source = openSource(path, options);
    const std::unique_ptr<SortIndex> index = buildSortedGathers(*source, sort);

    OutputFile sink(args.value(QStringLiteral("-o")).value_or(QStringLiteral("-")),
                    {.inputs = {path}});
    sink.write(QByteArrayLiteral("gather,K1,trace_count,first_K2,last_K2\n"));
    constexpr qint64 kRowsPerWrite = 65536; // bounded text buffer for any number of gathers
    const qint64 count = index->gatherCount();
    const bool two = sort.keys.size() == 2;
    std::string text;
    char num[24];
    auto put = [&](qint64 v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        text.append(num, r.ptr);
    };
    for (qint64 n = 0; n < count; n += kRowsPerWrite) {
        text.clear();
        for (qint64 i = n; i < std::min(count, n + kRowsPerWrite); ++i) {
            const SortedGather g = index->gather(i);
            put(g.number);
            text.push_back(',');
            put(g.key);
            text.push_back(',');
            put(g.traceCount);
            text.push_back(',');
            if (two) // without K2 the last two columns stay empty
                put(g.firstKey2);
            text.push_back(',');
            if (two)
                put(g.lastKey2);
            text.push_back('\n');
        }
        sink.write(text.data(), static_cast<qint64>(text.size()));
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
