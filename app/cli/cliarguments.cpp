#include "cliarguments.h"

namespace seis::cli {

namespace {

std::optional<qint64> parseBound(const QString& option, const QString& whole, const QString& part) {
    if (part.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 v = part.toLongLong(&ok);
    if (!ok)
        throw UsageError(QStringLiteral("%1 %2: '%3' is not an integer; expected A:B with "
                                        "zero-based integers")
                             .arg(option, whole, part));
    return v;
}

} // namespace

RangeSpec parseRange(const QString& option, const QString& text) {
    const QStringList parts = text.split(QLatin1Char(':'));
    if (parts.size() != 2)
        throw UsageError(QStringLiteral("%1 %2: expected a range A:B (zero-based, half-open)")
                             .arg(option, text));
    return RangeSpec{parseBound(option, text, parts[0].trimmed()),
                     parseBound(option, text, parts[1].trimmed())};
}

TraceRange resolveTraces(const RangeSpec& spec, const TraceSource& source) {
    const TraceRange r{spec.begin.value_or(0), spec.end.value_or(source.traceCount())};
    source.checkTraceRange(r);
    return r;
}

SampleRange resolveSamples(const RangeSpec& spec, const TraceSource& source) {
    const SampleRange r{spec.begin.value_or(0), spec.end.value_or(source.sampleCount())};
    source.checkSampleRange(r);
    return r;
}

Arguments::Arguments(const QStringList& args, const QStringList& valueOptions,
                     const QStringList& flags) {
    QStringList known = valueOptions;
    known << QStringLiteral("--endian");
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString a = args[i];
        QString inlineValue;
        bool hasInline = false;
        if (a.startsWith(QLatin1String("--")) && a.contains(QLatin1Char('='))) {
            inlineValue = a.mid(a.indexOf(QLatin1Char('=')) + 1);
            a = a.left(a.indexOf(QLatin1Char('=')));
            hasInline = true;
        }
        if (known.contains(a)) {
            if (!hasInline && i + 1 >= args.size())
                throw UsageError(QStringLiteral("option %1 needs a value").arg(a));
            const QString value = hasInline ? inlineValue : args[++i];
            if (value.isEmpty()) // e.g. -o "": a usage mistake, not a file named ""
                throw UsageError(
                    QStringLiteral("option %1 needs a value, got an empty one").arg(a));
            m_values.append({a, value});
        } else if (flags.contains(a) && !hasInline) {
            m_flags << a;
        } else if (a.startsWith(QLatin1Char('-')) && a != QLatin1String("-")) {
            throw UsageError(QStringLiteral("unknown option %1").arg(args[i]));
        } else {
            m_positional << a;
        }
    }
}

std::optional<QString> Arguments::value(const QString& option) const {
    std::optional<QString> found;
    for (const auto& [k, v] : m_values)
        if (k == option)
            found = v; // the last occurrence wins, as in most tools
    return found;
}

QStringList Arguments::values(const QString& option) const {
    QStringList found;
    for (const auto& [k, v] : m_values)
        if (k == option)
            found << v;
    return found;
}

QString Arguments::singleFile(const QString& command) const {
    if (m_positional.size() != 1)
        throw UsageError(QStringLiteral("'%1' takes exactly one FILE, got %2 arguments")
                             .arg(command)
                             .arg(m_positional.size()));
    return m_positional.front();
}

RangeSpec Arguments::range(const QString& option) const {
    return parseRange(option, value(option).value_or(QStringLiteral(":")));
}

SourceOptions Arguments::openOptions() const {
    SourceOptions o;
    if (const auto e = value(QStringLiteral("--endian"))) {
        if (*e == QLatin1String("big"))
            o.byteOrder = ByteOrder::Big;
        else if (*e == QLatin1String("little"))
            o.byteOrder = ByteOrder::Little;
        else
            throw UsageError(QStringLiteral("--endian %1: expected 'big' or 'little'").arg(*e));
    }
    return o;
}

qint64 Arguments::integer(const QString& option, qint64 fallback, qint64 minimum) const {
    const auto text = value(option);
    if (!text)
        return fallback;
    bool ok = false;
    const qint64 v = text->trimmed().toLongLong(&ok);
    if (!ok || v < minimum)
        throw UsageError(QStringLiteral("%1 '%2' is not valid; expected an integer of at least %3")
                             .arg(option, *text)
                             .arg(minimum));
    return v;
}

QString usage() {
    return QStringLiteral(
        "usage: seisview-cli COMMAND FILE [options]\n"
        "\n"
        "commands:\n"
        "  info FILE                      file summary as one JSON object\n"
        "  dump FILE [--traces A:B | --gather N --sort K1[,K2] [--sort-kb N]] [--samples C:D]\n"
        "       -o OUT\n"
        "                                 samples as raw little-endian float32, trace-major;\n"
        "                                 --gather N: the traces of sorted gather N (as\n"
        "                                 `gathers` numbers them) in sorted order;\n"
        "                                 -o - writes to stdout\n"
        "  process FILE --flow FLOW.json [--traces A:B] -o OUT\n"
        "                                 the traces processed by the flow (a JSON processing\n"
        "                                 chain, README \"Processing\") as raw little-endian\n"
        "                                 float32, trace-major, whole traces; -o - writes to\n"
        "                                 stdout\n"
        "  headers FILE --fields F1,F2,... [--traces A:B] [-o OUT]\n"
        "                                 trace header fields as CSV; a field is a key name\n"
        "                                 (fldr, cdp, offset, FieldRecord, ...) or a 1-based\n"
        "                                 byte with optional type (189, 189:i4, 71:i2, 181:u4)\n"
        "  ensembles FILE --keys K1[,K2] [--index-cache-mb N] [-o OUT]\n"
        "                                 ensembles (gathers: runs of traces with equal keys)\n"
        "                                 as CSV ensemble,first_trace,trace_count,K1[,K2];\n"
        "                                 keys as for headers; indexes are cached in\n"
        "                                 $XDG_CACHE_HOME/seisview/ensembles, kept within N MB\n"
        "                                 (64; least recently used removed first; 0 stores\n"
        "                                 nothing and empties the cache)\n"
        "  gathers FILE --sort K1[,K2] [--sort-kb N] [-o OUT]\n"
        "                                 sorted gathers (every trace with equal K1, wherever\n"
        "                                 it is; inside a gather ascending K2, ties in file\n"
        "                                 order) as CSV gather,K1,trace_count,first_K2,last_K2,\n"
        "                                 numbered from 0 in ascending K1 (K2 columns empty\n"
        "                                 without K2); keys as for headers; sorted in N KiB of\n"
        "                                 memory (262144), beyond that through a temporary file\n"
        "                                 in $TMPDIR (24 bytes per trace)\n"
        "  scroll FILE [--cache-mb N] [--window-traces N] [--step N] [--prefetch on|off]\n"
        "         [--rows N] [--json]\n"
        "                                 plays a user scrolling through the whole file (a\n"
        "                                 16 ms frame between moves), then 100 random jumps;\n"
        "                                 prints window latency, cache hits, peak RSS; traces\n"
        "                                 of more than --rows samples (8192) are read\n"
        "                                 decimated to at most that many, as the viewer does\n"
        "  stats FILE [--stride N] [--json]\n"
        "                                 amplitude statistics of every sample (or of every\n"
        "                                 Nth trace): count, non-finite, zeros, min, max,\n"
        "                                 mean, rms, |amplitude| percentiles 50/90/99/99.9\n"
        "  spectrum FILE [--traces A:B] [--flow FLOW.json] [--json]\n"
        "                                 the mean amplitude spectrum of the traces (after the\n"
        "                                 flow's processing): frequency in Hz, the mean of\n"
        "                                 |rfft(trace, nfft)| (nfft the smallest even\n"
        "                                 2^a 3^b 5^c >= 2 x samples) and 20 log10 of it over\n"
        "                                 its maximum (-300 for 0); --json: {\"frequency_hz\",\n"
        "                                 \"amplitude\", \"amplitude_db\"}\n"
        "  export IN OUT [--format N] [--endian big|little] [--revision 1|2] [--traces A:B]\n"
        "         [--ensembles A:B [--keys K1[,K2]]] [--where KEY=MIN:MAX]... [--every N]\n"
        "         [--time T0:T1] [--scale S] [--text FILE] [--flow FLOW.json] [--quiet]\n"
        "                                 writes the selected traces as SEG-Y; defaults: the\n"
        "                                 source's format, byte order and revision, every\n"
        "                                 trace, keys fldr (--endian is the OUTPUT's order\n"
        "                                 here); --where is inclusive and repeatable; --time\n"
        "                                 is recording time in ms, half-open, snapped to the\n"
        "                                 nearest samples; --every N keeps every Nth selected\n"
        "                                 trace; --scale S: integer formats store\n"
        "                                 round(value * S); --text FILE: 40 lines of 80\n"
        "                                 characters for the textual header; one JSON object\n"
        "                                 on stdout (on stderr when OUT is -, the SEG-Y then\n"
        "                                 goes to stdout); progress on stderr when it is a\n"
        "                                 terminal, unless --quiet; OUT ending in .zarr writes\n"
        "                                 a Zarr store of the selection (as convert does);\n"
        "                                 --flow applies a processing flow to the samples\n"
        "                                 (after --time; headers are copied as they are)\n"
        "  convert IN OUT.zarr [--chunk-traces N] [--chunk-samples N]\n"
        "         [--codec zstd|lz4|blosclz|zlib|none] [--level N] [--shuffle none|byte|bit]\n"
        "         [--headers all|none|K1,K2,...] [--keys K1[,K2]] [--zarr-format 2|3]\n"
        "         [--shard-traces N] [--quiet]\n"
        "                                 writes a Zarr store (IN: SEG-Y or a store): chunks\n"
        "                                 of N traces x N samples (default whole traces, a\n"
        "                                 power of two of them, about 1 MiB), Blosc with\n"
        "                                 --codec (lz4), --level (9) and\n"
        "                                 --shuffle (byte); header columns of the standard keys\n"
        "                                 (all); the ensembles of --keys (fldr); Zarr v3 with\n"
        "                                 shards of --shard-traces traces (about 64 MiB); one\n"
        "                                 JSON object on stdout: traces, samples, chunks,\n"
        "                                 bytes_in, bytes_out, ratio, seconds, warnings\n"
        "\n"
        "Every command reads a Zarr store (a folder) wherever it reads a SEG-Y file.\n"
        "\n"
        "options for every command:\n"
        "  --endian big|little            override byte-order detection (export: the\n"
        "                                 output's byte order)\n"
        "\n"
        "Ranges are zero-based and half-open; the default is everything.\n"
        "Exit status: 0 success, 1 bad input (message on stderr), 2 usage mistake.\n");
}

} // namespace seis::cli
