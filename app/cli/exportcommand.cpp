// `export`: a selection of a SEG-Y file written as SEG-Y, in the source's format, byte order and
// revision unless told otherwise (seis/segy/segywriter.h), through the copy pipeline
// (seis/pipeline/copytraces.h). One JSON object on success: on stdout, or on stderr when the
// SEG-Y itself goes to stdout (OUT "-"). The job itself is seis::ExportJob
// (seis/sources/exportjob.h), which the viewer's File > Export... runs too.
#include "cliarguments.h"
#include "commands.h"
#include "progressline.h"
#include "signalcancellation.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/flow.h"
#include "seis/processing/processingchain.h"
#include "seis/segy/segywriter.h"
#include "seis/sources/exportjob.h"
#include "seis/sources/opensource.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace seis::cli {
namespace {

const QString kFormat = QStringLiteral("--format");
const QString kEndian = QStringLiteral("--endian");
const QString kRevision = QStringLiteral("--revision");
const QString kTraces = QStringLiteral("--traces");
const QString kEnsembles = QStringLiteral("--ensembles");
const QString kKeys = QStringLiteral("--keys");
const QString kWhere = QStringLiteral("--where");
const QString kEvery = QStringLiteral("--every");
const QString kTime = QStringLiteral("--time");
const QString kScale = QStringLiteral("--scale");
const QString kText = QStringLiteral("--text");
const QString kQuiet = QStringLiteral("--quiet");
const QString kFlow = QStringLiteral("--flow");

std::optional<double> parseNumber(const QString& option, const QString& whole,
                                  const QString& part) {
    if (part.trimmed().isEmpty())
        return std::nullopt;
    bool ok = false;
    const double v = part.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v))
        throw UsageError(QStringLiteral("%1 %2: '%3' is not a number").arg(option, whole, part));
    return v;
}

qint64 parseInteger(const QString& option, const QString& whole, const QString& part,
                    qint64 fallback) {
    if (part.trimmed().isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = part.trimmed().toLongLong(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("%1 %2: '%3' is not an integer; expected KEY=MIN:MAX "
                                        "with integer header values")
                             .arg(option, whole, part));
    return v;
}

// "KEY=MIN:MAX", inclusive; an empty MIN or MAX is unbounded.
HeaderValueRange parseWhere(const QString& text, const QString& input) {
    const qsizetype eq = text.indexOf(QLatin1Char('='));
    const QStringList bounds = eq < 0 ? QStringList() : text.mid(eq + 1).split(QLatin1Char(':'));
    if (eq <= 0 || bounds.size() != 2)
        throw UsageError(QStringLiteral("%1 %2: expected KEY=MIN:MAX (inclusive header values, "
                                        "e.g. offset=0:1000)")
                             .arg(kWhere, text));
    HeaderValueRange r;
    try {
        r.field = parseHeaderField(text.left(eq));
    } catch (const ArgumentError& e) {
        throw ArgumentError(input, e.detail()); // a bad key is bad input, as in `headers`
    }
    r.min = parseInteger(kWhere, text, bounds[0], std::numeric_limits<qint64>::min());
    r.max = parseInteger(kWhere, text, bounds[1], std::numeric_limits<qint64>::max());
    return r;
}

} // namespace

int runExport(const QStringList& argv) {
    const Arguments args(argv,
                         {kFormat, kRevision, kTraces, kEnsembles, kKeys, kWhere, kEvery, kTime,
                          kScale, kText, kFlow},
                         {kQuiet});
    if (args.positional().size() != 2)
        throw UsageError(QStringLiteral("'export' takes IN and OUT, got %1 arguments")
                             .arg(args.positional().size()));
    const QString in = args.positional()[0];
    const QString out = args.positional()[1];
    // OUT.zarr: a Zarr store of the selection (the layout and defaults of `convert`).
    const bool toZarr = cleanOutputPath(out).endsWith(QLatin1String(".zarr"), Qt::CaseInsensitive);
    if (toZarr)
        for (const QString& o : {kFormat, kEndian, kRevision, kScale, kText})
            if (args.value(o))
                throw UsageError(QStringLiteral("%1 applies to SEG-Y output; OUT '%2' is a Zarr "
                                                "store (use convert for the store's options)")
                                     .arg(o, out));

    // Usage is checked in full before any file is touched.
    SegyWriterOptions options;
    options.output.inputs = {in};
    if (const auto f = args.value(kFormat)) {
        bool ok = false;
        const int code = f->trimmed().toInt(&ok);
        if (!ok)
            throw UsageError(QStringLiteral("--format %1: expected a sample format code such "
                                            "as 1 (IBM) or 5 (IEEE)")
                                 .arg(*f));
        options.format = code;
    }
    if (const auto e = args.value(kEndian)) {
        if (*e == QLatin1String("big"))
            options.byteOrder = ByteOrder::Big;
        else if (*e == QLatin1String("little"))
            options.byteOrder = ByteOrder::Little;
        else
            throw UsageError(QStringLiteral("--endian %1: expected 'big' or 'little'").arg(*e));
    }
    if (const auto r = args.value(kRevision)) {
        if (*r == QLatin1String("1"))
            options.revision = 1;
        else if (*r == QLatin1String("2"))
            options.revision = 2;
        else
            throw UsageError(QStringLiteral("--revision %1: expected 1 or 2").arg(*r));
    }
    if (const auto s = args.value(kScale)) {
        const auto v = parseNumber(kScale, *s, *s);
        if (!v)
            throw UsageError(QStringLiteral("--scale needs a number"));
        options.scale = *v;
    }
    options.textFile = args.value(kText).value_or(QString());

    SelectionSpec spec;
    const RangeSpec traceSpec = args.range(kTraces);
    const bool hasEnsembles = args.value(kEnsembles).has_value();
    const RangeSpec ensembleSpec = args.range(kEnsembles);
    const auto keyText = args.value(kKeys);
    if (keyText && !hasEnsembles)
        throw UsageError(QStringLiteral("--keys applies to --ensembles only; give --ensembles "
                                        "A:B with it"));
    spec.every = args.integer(kEvery, 1, 1);
    std::optional<std::pair<std::optional<double>, std::optional<double>>> time;
    if (const auto t = args.value(kTime)) {
        const QStringList parts = t->split(QLatin1Char(':'));
        if (parts.size() != 2)
            throw UsageError(QStringLiteral("--time %1: expected T0:T1 in ms (recording time, "
                                            "half-open)")
                                 .arg(*t));
        time = std::make_pair(parseNumber(kTime, *t, parts[0]), parseNumber(kTime, *t, parts[1]));
    }
    const QStringList whereTexts = args.values(kWhere);
    const bool quiet = args.flag(kQuiet);
    const std::optional<QString> flowText = args.value(kFlow);

    for (const QString& w : whereTexts)
        spec.where.push_back(parseWhere(w, in));
    if (keyText) {
        try {
            spec.ensembleKeys = parseEnsembleKeys(*keyText);
        } catch (const ArgumentError& e) {
            throw ArgumentError(in, e.detail());
        }
    }

    // The flow is read (and refused when bad) before any file is touched.
    const ProcessingChain chain = flowText ? loadFlow(*flowText) : ProcessingChain{};

    const std::shared_ptr<const TraceSource> source = openSource(in);
    const TraceSource& file = *source;
    // The flow and the options are checked against the source before anything is created.
    ExportJob job(source, {.target = out, .segy = options, .chain = chain});

    if (traceSpec.begin || traceSpec.end)
        spec.traces =
            TraceRange{traceSpec.begin.value_or(0), traceSpec.end.value_or(file.traceCount())};
    if (hasEnsembles) {
        qint64 end = ensembleSpec.end.value_or(-1);
        if (!ensembleSpec.end) { // "A:": up to the last ensemble, so count them (cached)
            EnsembleIndex index(spec.ensembleKeys.empty()
                                    ? parseEnsembleKeys(QStringLiteral("fldr"))
                                    : spec.ensembleKeys,
                                file.traceCount());
            scanEnsembles(file, index);
            end = index.count();
        }
        spec.ensembles = TraceRange{ensembleSpec.begin.value_or(0), end};
    }
    if (time) {
        const double start = file.startTimeMs();
        const double end = start + double(file.sampleCount()) * file.sampleIntervalUs() / 1000.0;
        spec.timeMs = std::make_pair(time->first.value_or(start), time->second.value_or(end));
    }

    const bool showProgress = !quiet && ::isatty(STDERR_FILENO) == 1;
    QElapsedTimer clock;
    clock.start();
    const std::optional<TraceSelection> selection = resolveSelection(file, spec);
    if (!selection)
        throw IoError(in, QStringLiteral("the selection was cancelled"));
    ExportResult result;
    {
        ProgressLine line(showProgress);
        // Zarr: a signal cancels (nothing is left, then it ends us); SEG-Y: OutputFile's own
        // handling of signals does.
        std::optional<SignalCancellation> interrupt;
        if (toZarr)
            interrupt.emplace();
        const ExportProgressCallback progress = [&](const zarr::ConvertProgress&,
                                                    const QString& text) {
            line.show(text);
            return !(interrupt && interrupt->requested());
        };
        result = job.run(*selection, toZarr || showProgress ? progress : ExportProgressCallback{});
        line.finish();
    }
    if (result.status == LoadStatus::Cancelled)
        throw IoError(out, QStringLiteral("the export was cancelled; nothing was written"));
    if (toZarr)
        return printConvertSummary(*result.zarr, in);
    const double seconds = double(clock.nsecsElapsed()) * 1e-9;

    QJsonArray warnings;
    for (const QString& w : result.warnings)
        warnings.append(w);
    const ExportSegySummary& segy = *result.segy;
    const QJsonObject o{{QStringLiteral("traces"), result.traces},
                        {QStringLiteral("samples"), result.samples},
                        {QStringLiteral("format"), int(segy.format)},
                        {QStringLiteral("endianness"), segy.byteOrder == ByteOrder::Big
                                                           ? QStringLiteral("big")
                                                           : QStringLiteral("little")},
                        {QStringLiteral("revision"), segy.revision},
                        {QStringLiteral("bytes"), result.bytesWritten},
                        {QStringLiteral("seconds"), seconds},
                        {QStringLiteral("saturated_samples"), segy.saturatedSamples},
                        {QStringLiteral("warnings"), warnings}};
    const QByteArray json = QJsonDocument(o).toJson(QJsonDocument::Compact).append('\n');
    if (out == QLatin1String("-")) {
        // Standard output carries the SEG-Y: the summary goes to standard error.
        std::fputs(json.constData(), stderr);
        return 0;
    }
    OutputFile sink(QStringLiteral("-"), {.inputs = {in}});
    sink.write(json);
    sink.commit();
    return 0;
}

} // namespace seis::cli
