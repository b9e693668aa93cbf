// `convert IN OUT.zarr`: any trace source (a SEG-Y file or a store) written as a Zarr store
// (seis/zarr/converttozarr.h). One JSON object on stdout on success; progress on stderr when it
// is a terminal.
#include "cliarguments.h"
#include "commands.h"
#include "progressline.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/converttozarr.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace seis::cli {
namespace {

const QString kChunkTraces = QStringLiteral("--chunk-traces");
const QString kChunkSamples = QStringLiteral("--chunk-samples");
const QString kCodec = QStringLiteral("--codec");
const QString kLevel = QStringLiteral("--level");
const QString kShuffle = QStringLiteral("--shuffle");
const QString kHeaders = QStringLiteral("--headers");
const QString kKeys = QStringLiteral("--keys");
const QString kZarrFormat = QStringLiteral("--zarr-format");
const QString kShardTraces = QStringLiteral("--shard-traces");
const QString kQuiet = QStringLiteral("--quiet");

zarr::ZarrSinkOptions parseStoreOptions(const Arguments& args, const QString& in) {
    zarr::ZarrSinkOptions o;
    o.chunkTraces = args.integer(kChunkTraces, 0, 1);
    o.chunkSamples = args.integer(kChunkSamples, 0, 1);
    if (const auto c = args.value(kCodec)) {
        static const QStringList codecs = {QStringLiteral("zstd"), QStringLiteral("lz4"),
                                           QStringLiteral("blosclz"), QStringLiteral("zlib"),
                                           QStringLiteral("none")};
        if (!codecs.contains(*c))
            throw UsageError(QStringLiteral("--codec %1: expected one of %2")
                                 .arg(*c, codecs.join(QStringLiteral(", "))));
        o.cname = *c;
    }
    o.level = int(args.integer(kLevel, o.level, 0));
    if (o.level > 9)
        throw UsageError(QStringLiteral("--level %1: expected 0 to 9").arg(o.level));
    if (const auto s = args.value(kShuffle)) {
        if (*s == QLatin1String("none"))
            o.shuffle = zarr::Shuffle::None;
        else if (*s == QLatin1String("byte"))
            o.shuffle = zarr::Shuffle::Byte;
        else if (*s == QLatin1String("bit"))
            o.shuffle = zarr::Shuffle::Bit;
        else
            throw UsageError(QStringLiteral("--shuffle %1: expected none, byte or bit").arg(*s));
    }
    if (const auto h = args.value(kHeaders)) {
        if (*h == QLatin1String("all")) {
            o.headerColumns.reset();
        } else if (*h == QLatin1String("none")) {
            o.headerColumns = std::vector<HeaderField>{};
        } else {
            std::vector<HeaderField> fields;
            for (const QString& key : h->split(QLatin1Char(','))) {
                const auto f = findStandardTraceField(key.trimmed());
                if (!f)
                    throw ArgumentError(in, QStringLiteral("--headers: '%1' is not a standard "
                                                           "trace header key; expected Seismic "
                                                           "Unix keys such as fldr,cdp,offset")
                                                .arg(key));
                fields.push_back(*f);
            }
            o.headerColumns = std::move(fields);
        }
    }
    if (const auto k = args.value(kKeys)) {
        try {
            o.ensembleKeys = parseEnsembleKeys(*k);
        } catch (const ArgumentError& e) {
            throw ArgumentError(in, e.detail());
        }
    }
    o.zarrFormat = int(args.integer(kZarrFormat, 2, 2));
    if (o.zarrFormat != 2 && o.zarrFormat != 3)
        throw UsageError(QStringLiteral("--zarr-format %1: expected 2 or 3").arg(o.zarrFormat));
    o.shardTraces = args.integer(kShardTraces, 0, 1);
    if (o.shardTraces > 0 && o.zarrFormat != 3)
        throw UsageError(QStringLiteral("--shard-traces applies to --zarr-format 3 only"));
    return o;
}

} // namespace

int runConvert(const QStringList& argv) {
    const Arguments args(argv,
                         {kChunkTraces, kChunkSamples, kCodec, kLevel, kShuffle, kHeaders, kKeys,
                          kZarrFormat, kShardTraces},
                         {kQuiet});
    if (args.positional().size() != 2)
        throw UsageError(QStringLiteral("'convert' takes IN and OUT.zarr, got %1 arguments")
                             .arg(args.positional().size()));
    const QString in = args.positional()[0];
    const QString out = args.positional()[1];
    zarr::ConvertOptions options;
    options.store = parseStoreOptions(args, in); // usage checked before any file is touched

    const std::shared_ptr<const TraceSource> source = openSource(in);
    const bool showProgress = !args.flag(kQuiet) && ::isatty(STDERR_FILENO) == 1;
    ProgressLine line(showProgress);
    const zarr::ConvertResult r =
        zarr::convertToZarr(*source, out, options, [&](const zarr::ConvertProgress& p) {
            line.show(p.text());
            return true;
        });
    line.finish();
    if (r.status == LoadStatus::Cancelled)
        throw IoError(out, QStringLiteral("the conversion was cancelled; nothing was written"));

    return printConvertSummary(r, in);
}

int printConvertSummary(const zarr::ConvertResult& r, const QString& in) {
    QJsonArray warnings;
    for (const QString& w : r.warnings)
        warnings.append(w);
    const QJsonObject o{
        {QStringLiteral("traces"), r.traces},      {QStringLiteral("samples"), r.samples},
        {QStringLiteral("chunks"), r.chunks},      {QStringLiteral("bytes_in"), r.bytesIn},
        {QStringLiteral("bytes_out"), r.bytesOut}, {QStringLiteral("ratio"), r.ratio},
        {QStringLiteral("seconds"), r.seconds},    {QStringLiteral("warnings"), warnings}};
    OutputFile sink(QStringLiteral("-"), {.inputs = {in}});
    sink.write(QJsonDocument(o).toJson(QJsonDocument::Compact).append('\n'));
    sink.commit();
    return 0;
}

} // namespace seis::cli
