// `stats`: amplitude statistics of the whole file (or of every Nth trace): sample count,
// non-finite count, min, max, mean, rms and percentiles of |amplitude|.
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/sources/opensource.h"
#include "seis/stats/amplitudestatistics.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <charconv>
#include <cmath>
#include <string>

namespace seis::cli {
namespace {

// The |amplitude| percentiles printed, and their names in the output.
constexpr double kPercentiles[] = {50, 90, 99, 99.9};
const char* const kPercentileNames[] = {"50", "90", "99", "99.9"};

// The shortest text that reads back as the same value ("nan" for NaN).
template <class T> QString shortest(T v) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, int(r.ptr - buf));
}

// A JSON number, or null for NaN (JSON has no NaN). Floats go through double exactly.
QJsonValue jsonNumber(double v) {
    return std::isnan(v) ? QJsonValue(QJsonValue::Null) : QJsonValue(v);
}

} // namespace

int runStats(const QStringList& argv) {
    const QString strideOption = QStringLiteral("--stride");
    const Arguments args(argv, {strideOption}, {QStringLiteral("--json")});
    const QString path = args.singleFile(QStringLiteral("stats"));
    AmplitudeStatisticsOptions options;
    options.traceStride = args.integer(strideOption, 1, 1);

    const auto source = openSource(path, args.openOptions());
    const TraceSource& file = *source;
    AmplitudeStatistics stats;
    // No progress output, as for the other commands: stdout carries the result, stderr errors.
    computeAmplitudeStatistics(file, stats, {}, options);

    float percentiles[std::size(kPercentiles)];
    for (std::size_t i = 0; i < std::size(kPercentiles); ++i)
        percentiles[i] = stats.absPercentile(kPercentiles[i]);

    QByteArray text;
    if (args.flag(QStringLiteral("--json"))) {
        QJsonObject abs;
        for (std::size_t i = 0; i < std::size(kPercentiles); ++i)
            abs.insert(QLatin1String(kPercentileNames[i]), jsonNumber(percentiles[i]));
        const QJsonObject o{{QStringLiteral("traces"), stats.traces},
                            {QStringLiteral("stride"), options.traceStride},
                            {QStringLiteral("samples"), stats.count},
                            {QStringLiteral("non_finite"), stats.nonFinite},
                            {QStringLiteral("zeros"), stats.zeros},
                            {QStringLiteral("min"), jsonNumber(stats.min)},
                            {QStringLiteral("max"), jsonNumber(stats.max)},
                            {QStringLiteral("mean"), jsonNumber(stats.mean)},
                            {QStringLiteral("rms"), jsonNumber(stats.rms)},
                            {QStringLiteral("abs_percentiles"), abs}};
        text = QJsonDocument(o).toJson(QJsonDocument::Compact).append('\n');
    } else {
        QString t;
        t += QStringLiteral("traces: %1").arg(stats.traces);
        if (options.traceStride > 1)
            t += QStringLiteral(" (stride %1 over %2 traces)")
                     .arg(options.traceStride)
                     .arg(file.traceCount());
        t += QStringLiteral("\nsamples: %1\nnon-finite: %2\nzeros: %3\n")
                 .arg(stats.count)
                 .arg(stats.nonFinite)
                 .arg(stats.zeros);
        t += QStringLiteral("min: %1\nmax: %2\nmean: %3\nrms: %4\n")
                 .arg(shortest(stats.min), shortest(stats.max), shortest(stats.mean),
                      shortest(stats.rms));
        for (std::size_t i = 0; i < std::size(kPercentiles); ++i)
            t += QStringLiteral("abs p%1: %2\n")
                     .arg(QLatin1String(kPercentileNames[i]), shortest(percentiles[i]));
        text = t.toUtf8();
    }
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}}); // stdout, checked like any output
    sink.write(text);
    sink.commit();
    return 0;
}

} // namespace seis::cli
