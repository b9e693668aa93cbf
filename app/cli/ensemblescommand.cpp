// `ensembles`: the file's ensembles (gathers) for one or two keys, as CSV. The index comes from
// the persistent cache when the file has been indexed with those keys before.
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/sources/opensource.h"

#include <charconv>
#include <string>
#include <vector>

namespace seis::cli {

int runEnsembles(const QStringList& argv) {
    const Arguments args(
        argv, {QStringLiteral("--keys"), QStringLiteral("--index-cache-mb"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("ensembles"));
    const auto keyList = args.value(QStringLiteral("--keys"));
    if (!keyList || keyList->trimmed().isEmpty())
        throw UsageError(QStringLiteral("'ensembles' needs --keys K1[,K2]"));
    std::vector<HeaderField> keys;
    try {
        keys = parseEnsembleKeys(*keyList);
    } catch (const ArgumentError& e) {
        // Bad input like a bad field name in `headers`: exit 1 naming the file and the key.
        throw ArgumentError(path, e.detail());
    }
    const SourceOptions options = args.openOptions();
    // The cache directory's size bound; 0 stores nothing (and empties the cache).
    constexpr qint64 kMaxCacheMb = qint64(1) << 30; // 1 PiB: far beyond any disk, no overflow
    const qint64 cacheMb =
        args.integer(QStringLiteral("--index-cache-mb"), kDefaultEnsembleCacheBytes >> 20, 0);
    if (cacheMb > kMaxCacheMb)
        throw UsageError(QStringLiteral("--index-cache-mb %1 is too large; expected at most %2")
                             .arg(cacheMb)
                             .arg(kMaxCacheMb));
    EnsembleScanOptions scanOptions;
    scanOptions.cacheMaxBytes = cacheMb << 20;

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    EnsembleIndex index(keys, file.traceCount());
    // No progress output: stdout carries the CSV and stderr only errors. The cache is the one the
    // viewer uses too (ensembleCacheDirectory(): $XDG_CACHE_HOME/seisview/ensembles).
    scanEnsembles(file, index, {}, scanOptions);

    OutputFile sink(args.value(QStringLiteral("-o")).value_or(QStringLiteral("-")),
                    {.inputs = {path}});
    QByteArray head("ensemble,first_trace,trace_count");
    for (const QString& name : keyList->split(QLatin1Char(',')))
        head += ',' + name.trimmed().toUtf8();
    head += '\n';
    sink.write(head);

    constexpr qint64 kRowsPerWrite = 65536; // bounded text buffer for any number of ensembles
    const qint64 count = index.count();
    const bool two = keys.size() == 2;
    std::string text;
    char num[24];
    auto put = [&](qint64 v) {
        const auto r = std::to_chars(num, num + sizeof num, v);
        text.append(num, r.ptr);
    };
    for (qint64 n = 0; n < count; n += kRowsPerWrite) {
        text.clear();
        for (qint64 i = n; i < std::min(count, n + kRowsPerWrite); ++i) {
            const Ensemble e = index.ensemble(i);
            put(e.number);
            text.push_back(',');
            put(e.traces.begin);
            text.push_back(',');
            put(e.traces.count());
            text.push_back(',');
            put(e.keys[0]);
            if (two) {
                text.push_back(',');
                put(e.keys[1]);
            }
            text.push_back('\n');
        }
        sink.write(text.data(), static_cast<qint64>(text.size()));
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
