#include "cliarguments.h"
#include "commands.h"

#include "seis/base/error.h"
#include "seis/base/headermapping.h"
#include "seis/base/outputfile.h"
#include "seis/sources/opensource.h"

#include <charconv>
#include <vector>

namespace seis::cli {

int runHeaders(const QStringList& argv) {
    const Arguments args(
        argv, {QStringLiteral("--fields"), QStringLiteral("--traces"), QStringLiteral("-o")});
    const QString path = args.singleFile(QStringLiteral("headers"));
    const auto fieldList = args.value(QStringLiteral("--fields"));
    if (!fieldList || fieldList->trimmed().isEmpty())
        throw UsageError(QStringLiteral("'headers' needs --fields F1,F2,..."));
    const QStringList names = fieldList->split(QLatin1Char(','));
    std::vector<HeaderField> fields;
    for (const QString& name : names) {
        try {
            fields.push_back(parseHeaderField(name));
        } catch (const ArgumentError& e) {
            throw ArgumentError(path, e.detail());
        }
    }

    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const SourceOptions options = args.openOptions();

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    const TraceRange traces = resolveTraces(traceSpec, file);

    OutputFile sink(args.value(QStringLiteral("-o")).value_or(QStringLiteral("-")),
                    {.inputs = {path}});
    QByteArray head;
    for (qsizetype k = 0; k < names.size(); ++k)
        head += (k ? "," : "") + names[k].trimmed().toUtf8();
    head += '\n';
    sink.write(head);

    constexpr qint64 kBlock = 65536; // traces per block: bounded memory for any file
    const std::size_t nf = fields.size();
    std::vector<std::vector<qint64>> columns(nf);
    std::vector<qint64*> outs(nf);
    std::string text;
    for (qint64 t = traces.begin; t < traces.end; t += kBlock) {
        const TraceRange block{t, std::min(traces.end, t + kBlock)};
        for (std::size_t k = 0; k < nf; ++k) {
            columns[k].resize(static_cast<std::size_t>(block.count()));
            outs[k] = columns[k].data();
        }
        file.readHeaderColumns(fields, block, outs);
        text.clear();
        char num[24];
        for (qint64 i = 0; i < block.count(); ++i) {
            for (std::size_t k = 0; k < nf; ++k) {
                if (k)
                    text.push_back(',');
                const auto r =
                    std::to_chars(num, num + sizeof num, columns[k][static_cast<std::size_t>(i)]);
                text.append(num, r.ptr);
            }
            text.push_back('\n');
        }
        sink.write(text.data(), static_cast<qint64>(text.size()));
    }
    sink.commit();
    return 0;
}

} // namespace seis::cli
